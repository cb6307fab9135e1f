"""Where an accepted suggestion goes in the draft unless the editor says otherwise: the section
of the question's part its claim answers (for a control question, the place it says who holds;
for a stance question, the party whose position it gives), found among the draft's headings by
name or else a new section named after that part; for other claims, a heading naming one of
their subjects; otherwise the end of the draft.

Names are matched as whole words by the catalogue's comparison key (``normalise_name``), with
the catalogue's aliases and, for a person, the family name alone ("## Khamenei" is Ali
Khamenei's section).
"""
import re
from dataclasses import dataclass

from django.db.models import Q

from actors.models import Actor, Alias, Region
from actors.names import normalise_name
from actors.querysets import regions_within
from claims.models import Claim, Fact

from .models import Briefing

# The value a section picker sends for a section to make: the prefix, then its heading.
NEW_SECTION = "new-section:"
# The value the bulk picker sends for "each where its own card would put it".
BY_QUESTION = "by-question"


@dataclass(frozen=True)
class Placement:
    """A section of the draft (``new``: one to add at its end), or the end ("")."""

    section: str = ""
    new: bool = False

    @property
    def value(self) -> str:
        return f"{NEW_SECTION}{self.section}" if self.new else self.section


END = Placement()


def placement_of(value: str) -> Placement:
    """A picker's value back as a placement."""
    value = (value or "").strip()
    if value.startswith(NEW_SECTION):
        return Placement(value[len(NEW_SECTION):].strip(), new=True)
    return Placement(value)


def _words(text: str) -> str:
    """A name or heading as words to match: the catalogue's comparison key (no diacritics,
    hyphens or leading "the"), punctuation dropped."""
    return " ".join(re.findall(r"\w+", normalise_name(text)))


class Headings:
    """The draft's headings, matched against names."""

    def __init__(self, sections: list[str]):
        self.sections = [(heading, f" {_words(heading)} ") for heading in sections]

    def naming(self, names: list[str]) -> str:
        """The first heading (in the draft's order) that names one of ``names``, or ""."""
        wanted = [f" {w} " for w in map(_words, names) if w]
        return next((heading for heading, words in self.sections if any(w in words for w in wanted)), "")


def _words_of_person(name: str) -> list[str]:
    family = name.split()[-1] if len(name.split()) > 1 else ""
    return [family] if len(family) > 3 else []  # "al", "Jr" and the like name nobody


@dataclass
class _Claim:
    """What placing a claim looks at, as plain ids: its speaker and holder, its subjects, and
    its shown facts as (kind, source, target actor, target region)."""

    speaker: int | None
    holder: int | None
    actors: list[int]
    regions: list[int]
    facts: list[tuple[str, int, int | None, int | None]]

    def entries(self) -> list[tuple[str, int]]:
        return [*(("actor", pk) for pk in (self.speaker, self.holder, *self.actors) if pk),
                *(("region", pk) for pk in self.regions),
                *(e for _, source, actor, region in self.facts
                  for e in (("actor", source), ("actor", actor), ("region", region)) if e[1])]


def _load(claims: list[Claim]) -> tuple[dict[int, _Claim], dict[tuple[str, int], list[str]], set[int]]:
    """The claims' subjects and facts, every name (with aliases) they involve and which of the
    actors are news outlets, in six narrow queries: placing a page of cards must not cost a
    page of model instances."""
    ids = [c.pk for c in claims]
    loaded = {c.pk: _Claim(c.speaker_id, c.holder_id, [], [], []) for c in claims}
    for claim_id, actor_id in Claim.actors.through.objects.filter(claim_id__in=ids).values_list("claim_id", "actor_id"):
        loaded[claim_id].actors.append(actor_id)
    for claim_id, region_id in Claim.regions.through.objects.filter(claim_id__in=ids).values_list("claim_id",
                                                                                                  "region_id"):
        loaded[claim_id].regions.append(region_id)
    for row in Fact.objects.shown().filter(claim_id__in=ids).order_by("pk").values_list(
            "claim_id", "kind", "source_id", "target_actor_id", "target_region_id"):
        loaded[row[0]].facts.append(row[1:])
    wanted = {e for claim in loaded.values() for e in claim.entries()}
    actor_ids = [pk for kind, pk in wanted if kind == "actor"]
    region_ids = [pk for kind, pk in wanted if kind == "region"]
    names: dict[tuple[str, int], list[str]] = {}
    outlets = set()
    for pk, name, kind in Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name", "kind"):
        names[("actor", pk)] = [name, *(_words_of_person(name) if kind == Actor.Kind.PERSON else [])]
        if kind == Actor.Kind.MEDIA_OUTLET:
            outlets.add(pk)
    for pk, name in Region.objects.filter(pk__in=region_ids).values_list("pk", "name"):
        names[("region", pk)] = [name]
    for name, actor_id, region_id in Alias.objects.filter(Q(actor_id__in=actor_ids) | Q(region_id__in=region_ids)) \
            .values_list("name", "actor_id", "region_id"):
        names.setdefault(("actor", actor_id) if actor_id else ("region", region_id), []).append(name)
    return loaded, names, outlets


def _control_part(claim: _Claim, question: int, within: set[int]) -> int | None:
    """The place a control question's claim says who holds: where a control fact of it points,
    or one of its places inside the question's (a claim merely about the question's own place,
    its oil or its people, is not thereby about who holds it)."""
    for kind, _, _, region in claim.facts:
        if kind == Fact.Kind.CONTROLS and region in within:
            return region
    return next((pk for pk in claim.regions if pk in within and pk != question), None)


def _stance_party(claim: _Claim, target: int, outlets: set[int]) -> int | None:
    """The party whose position on the target a stance question's claim gives: the source of a
    stance fact about the target, or the holder or speaker of a claim naming the target (not a
    news outlet reporting it)."""
    for kind, source, actor, _ in claim.facts:
        if kind in (Fact.Kind.SUPPORTS, Fact.Kind.OPPOSES) and actor == target:
            return source
    if target in claim.actors:
        return next((pk for pk in (claim.holder, claim.speaker) if pk and pk != target and pk not in outlets), None)
    return None


def default_placements(briefing: Briefing, claims: list[Claim], sections: list[str]) -> dict[int, Placement]:
    """Each claim's default placement in ``briefing``'s draft (headed ``sections``), by claim id.
    The same few queries whatever the number of claims."""
    if not claims:
        return {}
    loaded, names, outlets = _load(claims)
    headings = Headings(sections)
    question = briefing.question_region if briefing.question == Briefing.Question.CONTROL else None
    within = set(regions_within(question.slug) or [question.pk]) if question else set()
    target = briefing.question_target_id if briefing.question == Briefing.Question.STANCE else None
    placements = {}
    for pk, claim in loaded.items():
        placement = None
        if question is not None:
            place = _control_part(claim, question.pk, within)
            if place is not None:
                name = names.get(("region", place), [question.name])
                placement = _section_for(headings, name, f"Who holds {name[0]}")
        elif target is not None:
            party = _stance_party(claim, target, outlets)
            if party is not None and ("actor", party) in names:
                placement = _section_for(headings, names[("actor", party)], names[("actor", party)][0])
        if placement is None:
            heading = headings.naming([name for entry in claim.entries() for name in names.get(entry, [])])
            placement = Placement(heading) if heading else END
        placements[pk] = placement
    return placements


def _section_for(headings: Headings, names: list[str], title: str) -> Placement:
    heading = headings.naming(names)
    return Placement(heading) if heading else Placement(title, new=True)
