"""From the extractor's entity mentions to Mention rows linked to actors and regions.

Names the catalogue knows link directly (exact alias, then fuzzy, both in the extractor); a
place that is also a state ("Iran said") links to the region and to the state actor. Unknown
names become candidates for editors to accept, merge or reject: the catalogue itself only grows
through editors.
"""
from dataclasses import dataclass, field

from actors.models import Actor, Region
from actors.names import normalise_name
from actors.services import candidates_propose
from sources.extraction.furniture import furniture_spans, in_spans
from sources.models import Article
from sources.services import MentionRow, mentions_record

from .extract import catalogue_objects

LABEL_TO_CANDIDATE = {"person": ("actor", "person"), "organization": ("actor", "organisation"), "location": ("region", "area")}
MIN_CANDIDATE_CHARS = 3


@dataclass
class Linked:
    """What the mentions of one article resolved to, keyed by span for the claim step."""

    by_span: dict[tuple[int, int], tuple[Actor | None, Region | None]] = field(default_factory=dict)
    actors: dict[int, Actor] = field(default_factory=dict)
    regions: dict[int, Region] = field(default_factory=dict)

    def within(self, start: int, end: int) -> tuple[list[Actor], list[Region]]:
        actors, regions = {}, {}
        for (s, e), (actor, region) in self.by_span.items():
            if s >= start and e <= end:
                if actor is not None:
                    actors[actor.pk] = actor
                if region is not None:
                    regions[region.pk] = region
        return list(actors.values()), list(regions.values())

    def at(self, start: int, end: int) -> tuple[Actor | None, Region | None]:
        """The entity whose span overlaps [start, end) the most."""
        best, best_overlap = (None, None), 0
        for (s, e), pair in self.by_span.items():
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = pair, overlap
        return best


def _is_candidate_name(text: str) -> bool:
    if "@" in text or "#" in text or "http" in text:
        return False  # a social media handle or a link, not a name
    if "\n" in text:
        return False  # a name does not run from one line into the next: a heading glued to a line
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= MIN_CANDIDATE_CHARS and any(c.isupper() for c in text)


def _entries(model, known: dict, ids: set[int]) -> dict:
    """``ids`` as instances: from the catalogue read once per version, the rest (an entry
    accepted since) from the database."""
    found = {pk: known[pk] for pk in ids if pk in known}
    missing = ids - found.keys()
    return found | model.objects.in_bulk(missing) if missing else found


def _is_candidate(ent, furniture: list[tuple[int, int]]) -> bool:
    """An unknown name worth proposing to the editors: not one from the page's furniture (a
    photo credit, a site notice, a headline)."""
    return ent.link is None and ent.mention == "name" and ent.type in LABEL_TO_CANDIDATE and \
        _is_candidate_name(ent.text) and not in_spans(furniture, ent.start, ent.end)


def link_mentions_many(items: list[tuple[Article, list]]) -> dict[int, Linked]:
    """Write the Mention rows of several articles (a worker's batch) and return what each
    article's names link to: the names they share are looked up and proposed as candidates
    once, and every mention is written in one insert (once per span: a rerun adds nothing)."""
    entry_ids = {"actor": set(), "region": set()}
    unknown = {"actor": [], "region": []}
    furniture = {article.pk: furniture_spans(article.text) for article, _ in items}
    for article, entities in items:
        for ent in entities:
            if ent.link is not None:
                entry_ids[ent.link.target].add(ent.link.id)
            elif _is_candidate(ent, furniture[article.pk]):
                target, kind = LABEL_TO_CANDIDATE[ent.type]
                unknown[target].append((ent.text, kind))
    known = catalogue_objects()
    actors = _entries(Actor, known.actors, entry_ids["actor"])
    # A state is also its country: "Iraq" names both, whichever the ruler picked.
    territories = {a.territory_id for a in actors.values() if a.territory_id}
    regions = _entries(Region, known.regions, entry_ids["region"] | territories)
    # A place that is a state's territory also names the state ("Iran said").
    states = {pk: known.states_by_territory[pk] for pk in regions if pk in known.states_by_territory}
    candidates = {target: candidates_propose(target=target, names=names) if names else {}
                  for target, names in unknown.items()}

    result, rows = {}, []
    for article, entities in items:
        linked = result[article.pk] = Linked()
        for ent in entities:
            actor = region = None
            if ent.link is not None:
                if ent.link.target == "actor":
                    actor = actors.get(ent.link.id)
                    if actor is not None and actor.territory_id:
                        region = regions.get(actor.territory_id)
                else:
                    region = regions.get(ent.link.id)
                    actor = states.get(ent.link.id)
            elif _is_candidate(ent, furniture[article.pk]):
                target = LABEL_TO_CANDIDATE[ent.type][0]
                entry = candidates[target][normalise_name(ent.text)]
                actor, region = (entry, None) if target == "actor" else (None, entry)
            linked.by_span[(ent.start, ent.end)] = (actor, region)
            if actor is not None:
                linked.actors[actor.pk] = actor
            if region is not None:
                linked.regions[region.pk] = region
            rows.append(MentionRow(
                article.pk, ent.start, ent.end, ent.text, ent.type,
                actor.pk if actor is not None else None,
                region.pk if region is not None else None,
                ent.confidence,
            ))
    mentions_record(rows=rows)
    return result
