"""Claims from an article: recorded once, restatements merged, disagreements linked.

A claim that restates an existing one (same speaker, same proposition, another article or
outlet) gains a citation instead of becoming a second claim. Claims about the same event whose
casualty figures cannot both be true (officials: 10 killed; sources to Reuters: 69) are linked
as disputing each other; the wiki keeps both.
"""
import hashlib
import math
import re
from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz

from actors.models import Actor
from actors.names import normalise_name
from sources.models import Article, Outlet

from ..models import Citation, Claim, ClaimRelation, Origin
from ..services import claims_relate
from .linking import Linked

RESTATEMENT_CUTOFF = 88       # token_set_ratio of two propositions by one speaker
RECENT_CLAIMS = 200           # how many of a speaker's latest claims a restatement is sought among
NEARBY_CHARS = 700            # claims this close in one article can be about the same event
EVENT_WINDOW = timedelta(days=3)
DISAGREEMENT_RATIO = 1.5      # figures further apart than this cannot both be right

CASUALTY_WORDS = re.compile(
    r"\b(kill\w*|dead|died|die|death\w*|execut\w*|exterminat\w*|massacr\w*|victims?|bodies|slain|murder\w*|"
    r"casualt\w*|wounded|injur\w*)\b",
    re.IGNORECASE,
)
MONEY_UNITS = {"usd", "$", "dollars", "eur", "euros", "gbp", "pounds", "percent", "%"}
OPEN_ABOVE = re.compile(r"\b(at (the very )?least|more than|over|upwards of|no fewer than)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an the that this these those of to in on at by for with and or but is are was were be been "
                  "has have had will would could should may might it its he she they them his her their".split())


def proposition_key(text: str) -> str:
    words = sorted(set(_WORD.findall(normalise_name(text))) - _STOP)
    return " ".join(words)


def fingerprint(speaker_key: str, text: str) -> str:
    return hashlib.sha256(f"{speaker_key}|{proposition_key(text)}".encode()).hexdigest()


@dataclass
class Figure:
    low: float
    high: float


def casualty_figures(claim: Claim) -> list[Figure]:
    """Counts of people killed or dead that a claim states (money and percentages are not)."""
    if not CASUALTY_WORDS.search(claim.text):
        return []
    figures = []
    for number in claim.numbers or []:
        unit = str(number.get("unit", "")).lower()
        if unit in MONEY_UNITS or "$" in str(number.get("text", "")):
            continue
        low = number.get("low", number.get("value"))
        high = number.get("high", number.get("value"))
        if low is None:
            continue
        if OPEN_ABOVE.search(str(number.get("text", ""))) or OPEN_ABOVE.search(claim.text):
            high = math.inf
        figures.append(Figure(float(low), float(high if high is not None else low)))
    return figures


def figures_disagree(a: list[Figure], b: list[Figure]) -> bool:
    """True when no figure of one claim is compatible with any figure of the other."""
    if not a or not b:
        return False
    for x in a:
        for y in b:
            if x.low <= y.high and y.low <= x.high:
                return False  # the ranges overlap: both can be true
            lo, hi = sorted([max(x.low, 1), max(y.low, 1)])
            if hi / lo < DISAGREEMENT_RATIO:
                return False
    return True


def _speaker_key(speaker: Actor | None, speaker_text: str) -> str:
    return f"actor:{speaker.pk}" if speaker else f"text:{normalise_name(speaker_text)}"


def _restated(speaker: Actor | None, text: str, key: str) -> Claim | None:
    if speaker is None:
        return None  # "officials said" twice is not known to be the same officials
    exact = Claim.objects.filter(speaker=speaker, fingerprint=key).first()
    if exact:
        return exact
    proposition = proposition_key(text)
    for claim in Claim.objects.filter(speaker=speaker).order_by("-created_at").only("id", "text")[:RECENT_CLAIMS]:
        if fuzz.token_set_ratio(proposition, proposition_key(claim.text)) >= RESTATEMENT_CUTOFF:
            return claim
    return None


def _relaying_outlet(found, article: Article, outlets_by_actor: dict[int, Outlet]) -> Outlet | None:
    if found.relayed_by is None or found.relayed_by.target != "actor":
        return None
    outlet = outlets_by_actor.get(found.relayed_by.id)
    if outlet is None or outlet.pk == article.outlet_id:
        return None
    return outlet


def _speaker(found, linked: Linked) -> Actor | None:
    if found.speaker is not None:
        actor, region = linked.at(*found.source) if found.source else (None, None)
        if found.speaker.target == "actor":
            return linked.actors.get(found.speaker.id) or Actor.objects.filter(pk=found.speaker.id).first()
        # A place as a speaker is its state ("Iran said").
        return Actor.objects.filter(kind="state", territory_id=found.speaker.id).first() or actor
    if found.source:
        actor, _ = linked.at(*found.source)
        return actor
    return None


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


def record_claims(*, article: Article, claims_found, linked: Linked) -> list[tuple[Claim, bool]]:
    """Claims and citations for one article; returns (claim, created) for each found claim."""
    outlets_by_actor = {o.actor_id: o for o in Outlet.objects.filter(actor__isnull=False)}
    results = []
    skip = outer_relays(claims_found)
    for index, found in enumerate(claims_found):
        if index in skip:
            continue
        speaker = _speaker(found, linked)
        speaker_text = (found.source_text or "")[:300]
        text = found.content_text.strip()
        if not text:
            continue
        key = fingerprint(_speaker_key(speaker, speaker_text), text)
        start, end = _claim_span(found)
        # This very quote already recorded (the article is processed again): the same claim.
        cited = Citation.objects.filter(article=article, start=start, end=end).select_related("claim").first()
        claim = cited.claim if cited else _restated(speaker, text, key)
        created = claim is None
        if created:
            claim = Claim.objects.create(
                text=text,
                speaker=speaker,
                speaker_text=speaker_text,
                relayed_by=_relaying_outlet(found, article, outlets_by_actor),
                event_date=found.event_date,
                event_date_precision=found.event_date_precision if found.event_date else Claim.Precision.UNKNOWN,
                numbers=found.numbers,
                origin=Origin.MACHINE,
                fingerprint=key,
            )
            actors, regions = linked.within(*_claim_span(found))
            actors += [linked.actors[e.id] for e in found.actors if e.target == "actor" and e.id in linked.actors]
            regions += [linked.regions[e.id] for e in found.regions if e.target == "region" and e.id in linked.regions]
            claim.actors.set({a.pk for a in actors if a != speaker})
            claim.regions.set({r.pk for r in regions})
        Citation.objects.get_or_create(
            claim=claim,
            article=article,
            start=start,
            end=end,
            defaults={"quote": article.text[start:end], "cue": (found.cue_text or "")[:100]},
        )
        results.append((claim, created))
    return results


def _claim_span(found) -> tuple[int, int]:
    """The quoted words: from the first to the last of source, cue and content."""
    spans = [found.cue, found.content] + ([found.source] if found.source else [])
    return min(s for s, _ in spans), max(e for _, e in spans)


def link_disputes(*, article: Article, claims: list[Claim]) -> list[ClaimRelation]:
    """Link new claims to claims they contradict: nearby in this article, or about the same
    places or actors within a few days in others."""
    relations = []
    citations = {c.claim_id: c for c in Citation.objects.filter(article=article, claim__in=claims)}
    figures = {c.pk: casualty_figures(c) for c in claims}
    for claim in claims:
        if not figures[claim.pk]:
            continue
        for other, other_figures in _comparable(claim, article, citations, claims, figures):
            if _same_voice(claim, other) or not figures_disagree(figures[claim.pk], other_figures):
                continue
            relation, created = claims_relate(a=claim, b=other, kind=ClaimRelation.Kind.DISPUTES,
                                              note="The casualty figures disagree.")
            if created:
                relations.append(relation)
    return relations


def _same_voice(a: Claim, b: Claim) -> bool:
    if a.speaker_id and a.speaker_id == b.speaker_id:
        return True
    return not a.speaker_id and not b.speaker_id and normalise_name(a.speaker_text) == normalise_name(b.speaker_text)


def _comparable(claim, article, citations, claims, figures):
    here = citations.get(claim.pk)
    shared_regions = set(claim.regions.values_list("pk", flat=True))
    for other in claims:
        there = citations.get(other.pk)
        if other.pk == claim.pk or not (here and there) or abs(here.start - there.start) > NEARBY_CHARS:
            continue
        between = article.text[min(here.start, there.start):max(here.start, there.start)]
        # The same event: told in one paragraph, or about the same place.
        if "\n" not in between or shared_regions & set(other.regions.values_list("pk", flat=True)):
            yield other, figures[other.pk]
    region_ids = list(claim.regions.values_list("pk", flat=True))
    if not region_ids:
        return
    others = Claim.objects.filter(regions__in=region_ids).exclude(citations__article=article).distinct()
    if claim.event_date:
        others = others.filter(event_date__range=(claim.event_date - EVENT_WINDOW, claim.event_date + EVENT_WINDOW))
    for other in others[:100]:
        yield other, casualty_figures(other)
