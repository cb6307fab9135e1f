"""Claims from an article: recorded once, restatements merged, disagreements linked.

A claim that restates an existing one (same speaker, same proposition, another article or
outlet) gains a citation instead of becoming a second claim. Claims about the same event whose
casualty figures cannot both be true (officials: 10 killed; sources to Reuters: 69) are linked
as disputing each other; the wiki keeps both.
"""
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz

from actors.models import Actor
from actors.names import normalise_name
from sources.models import Article, Outlet

from ..models import Citation, Claim, ClaimRelation, Origin
from ..services import claims_relate
from .extract import pinned
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


def _outlets_by_actor() -> dict[int, Outlet]:
    return {o.actor_id: o for o in Outlet.objects.filter(actor__isnull=False)}


def _relaying_outlet(found, article: Article) -> Outlet | None:
    if found.relayed_by is None or found.relayed_by.target != "actor":
        return None
    outlet = pinned("outlets_by_actor", _outlets_by_actor).get(found.relayed_by.id)
    if outlet is None or outlet.pk == article.outlet_id:
        return None
    return outlet


def _speaker(found, linked: Linked, looked_up: dict) -> Actor | None:
    """Who says it; ``looked_up`` keeps the batch's speaker queries, so each runs once."""
    named = linked.at(*found.source)[0] if found.source else None
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
class _Quote:
    """A found claim ready to record: who says it, what, and where in the article."""

    found: object
    speaker: Actor | None
    speaker_text: str
    text: str
    key: str
    span: tuple[int, int]


class _Restatements:
    """The claims a new quote may restate: stored ones, looked up for a whole batch of articles
    at once, and those the batch creates as it goes (newest of all)."""

    def __init__(self, quotes: list[_Quote]):
        speakers = {q.speaker.pk for q in quotes if q.speaker is not None}
        self.exact: dict[tuple[int, str], Claim] = {}
        if speakers:
            # Claim's default ordering, as ``.first()`` picked by it one quote at a time.
            for claim in Claim.objects.filter(speaker__in=speakers, fingerprint__in={q.key for q in quotes}) \
                    .order_by("-event_date", "-created_at"):
                self.exact.setdefault((claim.speaker_id, claim.fingerprint), claim)
        # Per speaker, newest first: (id, text) of stored claims, read when first needed, after
        # (claim, text) of the ones this article creates (no id until they are inserted).
        self.recent: dict[int, list[tuple[int | Claim, str]]] = {}
        self.propositions: dict[str, str] = {}

    def find(self, quote: _Quote) -> Claim | None:
        if quote.speaker is None:
            return None  # "officials said" twice is not known to be the same officials
        exact = self.exact.get((quote.speaker.pk, quote.key))
        if exact:
            return exact
        proposition = proposition_key(quote.text)
        for claim, text in self._recent(quote.speaker.pk)[:RECENT_CLAIMS]:
            if fuzz.token_set_ratio(proposition, self._proposition(text)) >= RESTATEMENT_CUTOFF:
                return claim if isinstance(claim, Claim) else Claim.objects.get(pk=claim)
        return None

    def add(self, claim: Claim) -> None:
        """A claim just created: later quotes, of this article or a later one, may restate it."""
        if claim.speaker is not None:
            self.exact[(claim.speaker.pk, claim.fingerprint)] = claim
            self._recent(claim.speaker.pk).insert(0, (claim, claim.text))

    def _recent(self, speaker_id: int) -> list[tuple[int | Claim, str]]:
        if speaker_id not in self.recent:
            stored = Claim.objects.filter(speaker_id=speaker_id).order_by("-created_at")
            self.recent[speaker_id] = list(stored.values_list("id", "text")[:RECENT_CLAIMS])
        return self.recent[speaker_id]

    def _proposition(self, text: str) -> str:
        if text not in self.propositions:
            self.propositions[text] = proposition_key(text)
        return self.propositions[text]


def record_claims(*, article: Article, claims_found, linked: Linked,
                  cited_before: bool = True) -> list[tuple[Claim, bool]]:
    """Claims and citations for one article; returns (claim, created) for each found claim."""
    return record_claims_many([ArticleClaims(article, claims_found, linked, cited_before)])[article.pk]


@dataclass
class ArticleClaims:
    """What one article brings to ``record_claims_many``. ``cited_before`` False (the caller
    knows the article has no citation yet) spares looking for the ones a rerun finds."""

    article: Article
    claims_found: list
    linked: Linked
    cited_before: bool = True


def record_claims_many(items: list[ArticleClaims]) -> dict[int, list[tuple[Claim, bool]]]:
    """Claims and citations for several articles (a worker's batch), taken in order as if one
    after the other; returns each article's (claim, created) for each of its found claims.

    Each quote is matched in memory, in order, against what is stored (read in a few queries
    for the whole batch) and what the quotes before it created, this article's or an earlier
    one's; then new claims, their subjects and every citation are written in one insert each."""
    looked_up: dict = {}
    quotes: dict[int, list[_Quote]] = {}
    for item in items:
        skip = outer_relays(item.claims_found)
        quotes[item.article.pk] = []
        for index, found in enumerate(item.claims_found):
            text = found.content_text.strip()
            if index in skip or not text:
                continue
            speaker = _speaker(found, item.linked, looked_up)
            speaker_text = (found.source_text or "")[:300]
            key = fingerprint(_speaker_key(speaker, speaker_text), text)
            quotes[item.article.pk].append(_Quote(found, speaker, speaker_text, text, key, _claim_span(found)))

    # These very quotes already recorded (an article processed again): the same claims; the
    # citations are in the default order, so the one with the lowest claim id wins.
    cited: dict[int, dict[tuple[int, int], Claim]] = {item.article.pk: {} for item in items}
    rerun = [item.article.pk for item in items if item.cited_before and quotes[item.article.pk]]
    for citation in Citation.objects.filter(article__in=rerun).select_related("claim") if rerun else ():
        cited[citation.article_id].setdefault((citation.start, citation.end), citation.claim)
    restatements = _Restatements([q for pk, article_quotes in quotes.items() for q in article_quotes
                                  if q.span not in cited[pk]])

    results: dict[int, list[tuple[Claim, bool]]] = {}
    new, citations, actors, regions = [], [], [], []
    for item in items:
        article, linked, article_cited = item.article, item.linked, cited[item.article.pk]
        results[article.pk] = []
        for quote in quotes[article.pk]:
            found = quote.found
            claim = article_cited.get(quote.span) or restatements.find(quote)
            created = claim is None
            if created:
                claim = Claim(
                    text=quote.text,
                    speaker=quote.speaker,
                    speaker_text=quote.speaker_text,
                    relayed_by=_relaying_outlet(found, article),
                    event_date=found.event_date,
                    event_date_precision=found.event_date_precision if found.event_date else Claim.Precision.UNKNOWN,
                    numbers=found.numbers,
                    origin=Origin.MACHINE,
                    fingerprint=quote.key,
                )
                new.append(claim)
                restatements.add(claim)
                about, where = linked.within(*quote.span)
                about += [linked.actors[e.id] for e in found.actors if e.target == "actor" and e.id in linked.actors]
                where += [linked.regions[e.id] for e in found.regions if e.target == "region" and e.id in linked.regions]
                actors += [(claim, pk) for pk in {a.pk for a in about if a != quote.speaker}]
                regions += [(claim, pk) for pk in {r.pk for r in where}]
            start, end = quote.span
            citations.append(Citation(claim=claim, article=article, start=start, end=end,
                                      quote=article.text[start:end], cue=(found.cue_text or "")[:100]))
            article_cited.setdefault(quote.span, claim)
            results[article.pk].append((claim, created))

    if citations:
        Claim.objects.bulk_create(new)
        Claim.actors.through.objects.bulk_create(Claim.actors.through(claim_id=c.pk, actor_id=pk) for c, pk in actors)
        Claim.regions.through.objects.bulk_create(Claim.regions.through(claim_id=c.pk, region_id=pk) for c, pk in regions)
        # A quote cited already (a rerun) is left as it is, as get_or_create would.
        Citation.objects.bulk_create(citations, ignore_conflicts=True)
    return results


def _claim_span(found) -> tuple[int, int]:
    """The quoted words: from the first to the last of source, cue and content."""
    spans = [found.cue, found.content] + ([found.source] if found.source else [])
    return min(s for s, _ in spans), max(e for _, e in spans)


def link_disputes(*, article: Article, claims: list[Claim], later: Collection[int] = ()) -> list[ClaimRelation]:
    """Link new claims to claims they contradict: nearby in this article, or about the same
    places or actors within a few days in others. ``later``: claims that articles after this
    one in a batch created, left out as they were not written yet in this article's turn."""
    relations = []
    figures = {c.pk: casualty_figures(c) for c in claims}
    if not any(figures.values()):
        return relations  # no casualty figures: nothing to dispute
    citations = {c.claim_id: c for c in Citation.objects.filter(article=article, claim__in=claims)}
    regions: dict[int, set[int]] = defaultdict(set)
    for claim_id, region_id in Claim.regions.through.objects.filter(claim__in=claims).values_list("claim_id", "region_id"):
        regions[claim_id].add(region_id)
    for claim in claims:
        if not figures[claim.pk]:
            continue
        for other, other_figures in _comparable(claim, article, citations, claims, figures, regions, later):
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


def _comparable(claim, article, citations, claims, figures, regions, later):
    here = citations.get(claim.pk)
    shared_regions = regions[claim.pk]
    for other in claims:
        there = citations.get(other.pk)
        if other.pk == claim.pk or not (here and there) or abs(here.start - there.start) > NEARBY_CHARS:
            continue
        between = article.text[min(here.start, there.start):max(here.start, there.start)]
        # The same event: told in one paragraph, or about the same place.
        if "\n" not in between or shared_regions & regions[other.pk]:
            yield other, figures[other.pk]
    if not shared_regions:
        return
    others = Claim.objects.filter(regions__in=shared_regions).exclude(citations__article=article).distinct()
    if later:
        others = others.exclude(pk__in=later)
    if claim.event_date:
        others = others.filter(event_date__range=(claim.event_date - EVENT_WINDOW, claim.event_date + EVENT_WINDOW))
    for other in others[:100]:
        yield other, casualty_figures(other)
