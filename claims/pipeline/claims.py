"""From the extractor's quotes to the claims services record: who says it (a named speaker, or
the state of a place that "said" something), relayed by which outlet, about whom and where.

Wrappers that only relay a quote found inside them ("the AP reported that ...") are left out.
"""
import re
from dataclasses import dataclass

from actors.models import Actor
from sources.models import Article, Outlet

from ..models import Claim
from ..services import ArticleQuotes, QuoteRecord, claims_record_many
from .extract import pinned
from .linking import Linked


_COMPLEMENTIZER = re.compile(r"^\s*that\s+", re.IGNORECASE)
_EDGE = " ,;:-\u2014"


def proposition_text(found) -> str:
    """What the claim states, from the content the extractor marked: PolNeAR's convention takes
    in the complementizer ("that Kurds would stay") and, when the cue interrupts the sentence
    ("The museum, she said, would close"), the source and cue too; the claim keeps neither."""
    start, end = found.content
    text = found.content_text
    inside = [span for span in (found.source, found.cue) if span and start <= span[0] and span[1] <= end]
    if inside and found.cue in inside:
        cut_from = min(span[0] for span in inside) - start
        cut_to = max(span[1] for span in inside) - start
        text = text[:cut_from].rstrip(_EDGE) + " " + text[cut_to:].lstrip(_EDGE)
    return _COMPLEMENTIZER.sub("", text).strip()


def _outlets_by_actor() -> dict[int, Outlet]:
    return {o.actor_id: o for o in Outlet.objects.filter(actor__isnull=False)}


def _relaying_outlet(found, article: Article) -> Outlet | None:
    if found.relayed_by is None or found.relayed_by.target != "actor":
        return None
    outlet = pinned("outlets_by_actor", _outlets_by_actor).get(found.relayed_by.id)
    if outlet is None or outlet.pk == article.outlet_id:
        return None
    return outlet


NAMED_SOURCE = 0.6  # share of the source's characters a name must cover to be the speaker


def _named_in_source(found, linked: Linked) -> Actor | None:
    """The actor the source names ("Masoud Barzani", "Barzani"), when the name is most of the
    source: in "a senior adviser to Prime Minister Nouri al-Maliki" Maliki is named but is not
    the speaker, and the description is kept whole instead."""
    if not found.source:
        return None
    start, end = found.source
    best, covered = None, 0
    for (s, e), (actor, _region) in linked.by_span.items():
        overlap = min(e, end) - max(s, start)
        if actor is not None and overlap > covered:
            best, covered = actor, overlap
    affiliation = getattr(found, "affiliation", None)
    if best is None or covered < NAMED_SOURCE * (end - start):
        return None
    if affiliation is not None and affiliation.target == "actor" and affiliation.id == best.pk:
        return None
    return best


def _speaker(found, linked: Linked, looked_up: dict) -> Actor | None:
    """Who says it; ``looked_up`` keeps the batch's speaker queries, so each runs once."""
    named = _named_in_source(found, linked)
    if found.speaker is None:
        return named
    target, pk = found.speaker.target, found.speaker.id
    if target == "actor" and pk in linked.actors:
        return linked.actors[pk]
    if (target, pk) not in looked_up:
        if target == "actor":
            looked_up[target, pk] = Actor.objects.filter(pk=pk).first()
        else:  # A place as a speaker is its state ("Iran said").
            looked_up[target, pk] = Actor.objects.filter(kind="state", territory_id=pk).first()
    return looked_up[target, pk] or (None if target == "actor" else named)


def _holder(found, linked: Linked) -> Actor | None:
    """Whose belief a nested report carries, when the catalogue knows them."""
    holder = getattr(found, "holder", None)
    if holder is None or holder.target != "actor":
        return None
    return linked.actors.get(holder.id) or pinned(f"actor:{holder.id}",
                                                  lambda: Actor.objects.filter(pk=holder.id).first())


def _confidence(found) -> float | None:
    value = getattr(found, "confidence", None)
    return None if value is None else min(1.0, max(0.0, float(value)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def outer_relays(claims_found) -> set[int]:
    """Indexes of "the AP reported" wrappers around a claim that already names AP as its relay:
    the inner claim (Sistani said, relayed by AP) is the one worth keeping."""
    skip = set()
    for i, inner in enumerate(claims_found):
        # "HRW said that [analysis indicates that …]": the unnamed inner voice is HRW's claim.
        if inner.speaker is None and any(
            j != i and outer.speaker is not None and outer.content[0] <= inner.cue[0] < outer.content[1]
            for j, outer in enumerate(claims_found)
        ):
            skip.add(i)
    for i, outer in enumerate(claims_found):
        if outer.speaker is None or outer.speaker.kind != "media_outlet":
            continue
        for j, inner in enumerate(claims_found):
            if i != j and inner.relayed_by == outer.speaker and inner.speaker != outer.speaker \
                    and _overlap(inner.content, outer.content) >= 0.5:
                skip.add(i)
                break
    return skip


@dataclass
class ArticleClaims:
    """What one article brings to ``record_claims_many``: the claims the extractor found in it
    and what its mentions link to. ``cited_before`` False (the caller knows the article has no
    citation yet) spares looking for the ones a rerun finds."""

    article: Article
    claims_found: list
    linked: Linked
    cited_before: bool = True


def record_claims_many(items: list[ArticleClaims]) -> dict[int, list[tuple[Claim, bool]]]:
    """Claims and citations for several articles (a worker's batch), taken in order as if one
    after the other; returns each article's (claim, created) for each quote kept."""
    looked_up: dict = {}
    groups = []
    for item in items:
        skip = outer_relays(item.claims_found)
        quotes = []
        for index, found in enumerate(item.claims_found):
            text = proposition_text(found)
            if index in skip or not text:
                continue
            span = _claim_span(found)
            about, where = item.linked.within(*span)
            about += [item.linked.actors[e.id] for e in found.actors
                      if e.target == "actor" and e.id in item.linked.actors]
            where += [item.linked.regions[e.id] for e in found.regions
                      if e.target == "region" and e.id in item.linked.regions]
            quotes.append(QuoteRecord(
                span=span, cue=found.cue_text or "", text=text,
                speaker=_speaker(found, item.linked, looked_up),
                speaker_text=(getattr(found, "speaker_text", None) or found.source_text or "")[:300],
                relayed_by=_relaying_outlet(found, item.article),
                holder=_holder(found, item.linked),
                holder_text=(getattr(found, "holder_text", None) or "")[:300],
                polarity="denied" if getattr(found, "polarity", "asserted") == "denied" else "asserted",
                quoted=bool(getattr(found, "quoted", False)),
                confidence=_confidence(found),
                event_date=found.event_date, event_date_precision=found.event_date_precision,
                said_on=getattr(found, "said_on", None),
                numbers=found.numbers, about=about, where=where,
            ))
        groups.append(ArticleQuotes(item.article, quotes, cited_before=item.cited_before))
    return claims_record_many(groups=groups)


def _claim_span(found) -> tuple[int, int]:
    """The quoted words: from the first to the last of source, cue and content."""
    spans = [found.cue, found.content] + ([found.source] if found.source else [])
    return min(s for s, _ in spans), max(e for _, e in spans)
