"""Writes to claims: the claims an article brings, with their citations and subjects, their
status with its history, and the relations between them.

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
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from rapidfuzz import fuzz

from actors.models import Actor, Region
from actors.names import normalise_name
from core.bulk import insert_ignoring_conflicts
from sources.models import Article, Outlet

from ..models import Citation, Claim, ClaimRelation, ClaimStatusChange, Origin
from ..wording import framing, relay_told
from .events import same_event, same_place, same_time

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


def claim_set_status(*, claim: Claim, status: str, reason: str, user=None) -> Claim:
    """Change a claim's status, recording who changed it, from what, and why."""
    if user is not None and not user.has_perm("claims.change_claim"):
        raise PermissionDenied("Only editors may change a claim's status.")
    if status not in Claim.Status.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the status changes."})
    if "\x00" in reason:  # PostgreSQL stores no NUL in text
        raise ValidationError({"reason": "The reason cannot contain NUL characters."})
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status == status:
            return locked
        ClaimStatusChange.objects.create(
            claim=locked, old_status=locked.status, new_status=status, reason=reason, changed_by=user
        )
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
    claim.status = status
    return locked


def claims_relate(*, a: Claim, b: Claim, kind: str, note: str = "", user=None) -> tuple[ClaimRelation, bool]:
    """Link two claims; symmetric kinds are stored once, lower id first. Disputing marks both
    claims disputed, corroborating marks reported ones corroborated (with the reason kept)."""
    if a.pk == b.pk:
        raise ValidationError("A claim cannot be related to itself.")
    if kind != ClaimRelation.Kind.DUPLICATES and a.pk > b.pk:
        a, b = b, a
    with transaction.atomic():
        relation, created = ClaimRelation.objects.get_or_create(
            from_claim=a,
            to_claim=b,
            kind=kind,
            defaults={"note": note, "created_by": user, "origin": Origin.EDITOR if user else Origin.MACHINE},
        )
        if created and kind == ClaimRelation.Kind.DISPUTES:
            for claim, other in ((a, b), (b, a)):
                if claim.status in (Claim.Status.REPORTED, Claim.Status.CORROBORATED):
                    claim_set_status(claim=claim, status=Claim.Status.DISPUTED, reason=f"Disputed by claim {other.pk}")
        elif created and kind == ClaimRelation.Kind.CORROBORATES:
            for claim, other in ((a, b), (b, a)):
                if claim.status == Claim.Status.REPORTED:
                    claim_set_status(
                        claim=claim, status=Claim.Status.CORROBORATED, reason=f"Corroborated by claim {other.pk}"
                    )
    return relation, created


# --- claims from an article ---------------------------------------------------------------------

@dataclass
class QuoteRecord:
    """A quote found in an article, ready to record: who says what, where in the article, and
    who and what it is about."""

    span: tuple[int, int]
    cue: str
    text: str
    speaker: Actor | None
    speaker_text: str
    relayed_by: Outlet | None = None
    holder: Actor | None = None
    holder_text: str = ""
    polarity: str = Claim.Polarity.ASSERTED
    quoted: bool = False
    confidence: float | None = None
    event_date: date | None = None
    event_date_precision: str = Claim.Precision.UNKNOWN
    said_on: date | None = None  # when this source said it (the citation's date), not the event's
    numbers: list = field(default_factory=list)
    about: list[Actor] = field(default_factory=list)
    where: list[Region] = field(default_factory=list)
    key: str = field(init=False)

    def __post_init__(self):
        self.key = fingerprint(_speaker_key(self.speaker, self.speaker_text), self.text)


@dataclass
class ArticleQuotes:
    """What one article brings to ``claims_record_many``. ``cited_before`` False (the caller
    knows the article has no citation yet) spares looking for the ones a rerun finds."""

    article: Article
    quotes: list[QuoteRecord]
    cited_before: bool = True


# What a rerun may write again, by the name an editor's correction records (claim_correct).
MACHINE_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "framing"),
    "speaker": ("speaker", "speaker_text"),
    "relayed_by": ("relayed_by", "relay_told"),
    "holder": ("holder", "holder_text"),
    "polarity": ("polarity",),
    "quoted": ("quoted",),
    "event_date": ("event_date", "event_date_precision"),
    "numbers": ("numbers",),
    "confidence": ("confidence",),
}
CITATION_FIELDS = ("claim", "article", "start", "end", "quote", "cue", "said_on", "created_at")
SAME_QUOTE_OVERLAP = 0.8  # a rerun's span this much inside a cited one is that quote, drawn anew


def claims_record_many(*, groups: list[ArticleQuotes]) -> dict[int, list[tuple[Claim, bool]]]:
    """Each quote becomes a claim once: a span cited already, or a restatement by the same
    speaker, gains a citation instead of a second claim; an article processed again never
    overwrites what an editor corrected, un-hides a claim or revives a merged one. Returns
    each article's (claim, created) for each of its quotes.

    The articles are taken in order, as if one after the other: each quote is matched in memory
    against what is stored (read in a few queries for all of them) and what the quotes before it
    created; then new claims, their subjects and every citation are written in one insert each."""
    # These very quotes already recorded (an article processed again): the same claims; the
    # citations are in the default order, so the one with the lowest claim id wins.
    cited: dict[int, dict[tuple[int, int], Claim]] = {group.article.pk: {} for group in groups}
    rerun = [group.article.pk for group in groups if group.cited_before and group.quotes]
    for citation in Citation.objects.filter(article__in=rerun).select_related("claim") if rerun else ():
        cited[citation.article_id].setdefault((citation.start, citation.end), citation.claim)
    if rerun:
        _rerun_match(groups, cited)
        _rerun_update(groups, cited)
    restatements = _Restatements([q for group in groups for q in group.quotes
                                  if q.span not in cited[group.article.pk]])

    results: dict[int, list[tuple[Claim, bool]]] = {}
    new, citations, actors, regions = [], [], [], []
    for group in groups:
        article, article_cited = group.article, cited[group.article.pk]
        results[article.pk] = []
        for quote in group.quotes:
            claim = article_cited.get(quote.span) or restatements.find(quote)
            created = claim is None
            if created:
                claim = Claim(
                    text=quote.text,
                    speaker=quote.speaker,
                    speaker_text=quote.speaker_text,
                    relayed_by=quote.relayed_by,
                    holder=quote.holder,
                    holder_text=quote.holder_text,
                    polarity=quote.polarity,
                    quoted=quote.quoted,
                    framing=framing(quote.cue, quote.text)[:100],
                    relay_told=relay_told(quote.cue, quote.relayed_by is not None),
                    confidence=quote.confidence,
                    event_date=quote.event_date,
                    event_date_precision=quote.event_date_precision if quote.event_date else Claim.Precision.UNKNOWN,
                    numbers=quote.numbers,
                    origin=Origin.MACHINE,
                    fingerprint=quote.key,
                )
                new.append(claim)
                restatements.add(claim)
                actors += [(claim, pk) for pk in {a.pk for a in quote.about if a != quote.speaker}]
                regions += [(claim, pk) for pk in {r.pk for r in quote.where}]
            start, end = quote.span
            citations.append((claim, article.pk, start, end, article.text[start:end], quote.cue[:100], quote.said_on))
            article_cited.setdefault(quote.span, claim)
            results[article.pk].append((claim, created))

    if citations:
        Claim.objects.bulk_create(new)
        # The rest as plain rows (no model instance each): the new claims' subjects, which no row
        # holds yet, and the citations, where a quote cited already (a rerun) is left as it is.
        insert_ignoring_conflicts(Claim.actors.through, ("claim", "actor"), [(c.pk, pk) for c, pk in actors])
        insert_ignoring_conflicts(Claim.regions.through, ("claim", "region"), [(c.pk, pk) for c, pk in regions])
        insert_ignoring_conflicts(Citation, CITATION_FIELDS, [(claim.pk, *row, timezone.now())
                                                              for claim, *row in citations])
    return results


def _speaker_key(speaker: Actor | None, speaker_text: str) -> str:
    return f"actor:{speaker.pk}" if speaker else f"text:{normalise_name(speaker_text)}"


def claim_fingerprint(claim: Claim) -> str:
    """The restatement key of a claim as it stands (after an editor's speaker correction too)."""
    return fingerprint(_speaker_key(claim.speaker, claim.speaker_text), claim.text)


def _rerun_match(groups: list[ArticleQuotes], cited: dict[int, dict[tuple[int, int], Claim]]) -> None:
    """A rerun's quote whose span is drawn a little differently (a newer extractor) but lies
    within a cited one is that quote: it keeps its claim, so a corrected speaker is not answered
    by a second claim under the old, wrong one. Merged claims are followed to the one kept."""
    for group in groups:
        article_cited = cited[group.article.pk]
        for span, claim in list(article_cited.items()):
            if claim.merged_into_id:  # its citations moved on a merge; a leftover still counts
                article_cited[span] = Claim.objects.get(pk=claim.merged_into_id)
        for quote in group.quotes:
            if quote.span in article_cited:
                continue
            for span, claim in list(article_cited.items()):
                if _overlap(quote.span, span) >= SAME_QUOTE_OVERLAP:
                    article_cited[quote.span] = claim
                    break


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, max(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def _rerun_update(groups: list[ArticleQuotes], cited: dict[int, dict[tuple[int, int], Claim]]) -> None:
    """The extractor's newer reading of quotes already recorded, written only where no editor
    corrected the field. Never touches ``hidden`` or ``merged_into``."""
    found: dict[int, tuple[int, QuoteRecord]] = {}
    for group in groups:
        for quote in group.quotes:
            claim = cited[group.article.pk].get(quote.span)
            if claim is not None and claim.origin == Origin.MACHINE:
                found.setdefault(claim.pk, (group.article.pk, quote))
    if not found:
        return
    # Only the article that first brought a claim rewrites it: a restatement cited from another
    # article must not make the claim's words flip with each article processed again.
    first = dict(Citation.objects.filter(claim__in=found).values("claim_id").annotate(first=Min("pk"))
                 .values_list("claim_id", "first"))
    first_article = dict(Citation.objects.filter(pk__in=first.values()).values_list("claim_id", "article_id"))
    found = {pk: quote for pk, (article_id, quote) in found.items() if first_article.get(pk) == article_id}
    if not found:
        return
    # Locked, and read again under the lock: a correction committed meanwhile is seen, not undone.
    for claim in Claim.objects.select_for_update(of=("self",)).filter(pk__in=found).select_related("speaker"):
        quote = found[claim.pk]
        reading = {
            "text": quote.text, "speaker": quote.speaker, "speaker_text": quote.speaker_text,
            "relayed_by": quote.relayed_by, "relay_told": relay_told(quote.cue, quote.relayed_by is not None),
            "holder": quote.holder, "holder_text": quote.holder_text,
            "polarity": quote.polarity, "quoted": quote.quoted, "framing": framing(quote.cue, quote.text)[:100],
            "event_date": quote.event_date,
            "event_date_precision": quote.event_date_precision if quote.event_date else Claim.Precision.UNKNOWN,
            "numbers": quote.numbers, "confidence": quote.confidence,
        }
        changed = []
        for name, fields in MACHINE_FIELDS.items():
            if name in claim.corrected:
                continue
            for field_name in fields:
                value = reading[field_name]
                current = getattr(claim, field_name)
                if (current.pk if isinstance(current, Actor | Outlet) else current) != \
                        (value.pk if isinstance(value, Actor | Outlet) else value):
                    setattr(claim, field_name, value)
                    changed.append(field_name)
        if changed:
            claim.fingerprint = claim_fingerprint(claim)
            claim.save(update_fields=[*changed, "fingerprint", "updated_at"])
        for group_cited in cited.values():
            for span, cited_claim in group_cited.items():
                if cited_claim.pk == claim.pk:
                    group_cited[span] = claim  # the caller returns the claim as it now stands


class _Restatements:
    """The claims a new quote may restate: stored ones, looked up for a whole batch of articles
    at once, and those the batch creates as it goes (newest of all)."""

    def __init__(self, quotes: list[QuoteRecord]):
        speakers = {q.speaker.pk for q in quotes if q.speaker is not None}
        self.exact: dict[tuple[int, str], Claim] = {}
        if speakers:
            # In Claim's default ordering (newest event first): the first of them is the one restated.
            for claim in Claim.objects.shown().filter(speaker__in=speakers, fingerprint__in={q.key for q in quotes}) \
                    .order_by("-event_date", "-created_at"):
                self.exact.setdefault((claim.speaker_id, claim.fingerprint), claim)
        # Per speaker, newest first: (id, text) of stored claims, read when first needed, after
        # (claim, text) of the ones this article creates (no id until they are inserted).
        self.recent: dict[int, list[tuple[int | Claim, str]]] = {}
        self.propositions: dict[str, str] = {}

    def find(self, quote: QuoteRecord) -> Claim | None:
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
            # Not a claim, or merged away: new evidence is not folded into them.
            stored = Claim.objects.shown().filter(speaker_id=speaker_id).order_by("-created_at")
            self.recent[speaker_id] = list(stored.values_list("id", "text")[:RECENT_CLAIMS])
        return self.recent[speaker_id]

    def _proposition(self, text: str) -> str:
        if text not in self.propositions:
            self.propositions[text] = proposition_key(text)
        return self.propositions[text]


# --- disputes -----------------------------------------------------------------------------------

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


def claim_disputes_link(*, article: Article, claims: list[Claim], later: Collection[int] = ()) -> list[ClaimRelation]:
    """Link new claims to claims they contradict: nearby in this article, or about the same
    places or actors within a few days in others. ``later``: claims that articles after this
    one in a batch created, left out as they were not written yet in this article's turn."""
    relations = []
    figures = {c.pk: casualty_figures(c) for c in claims}
    if not any(figures.values()):
        return relations  # no casualty figures: nothing to dispute
    # Where each claim of the article is cited in it (in the default order, so the latest
    # citation), which also tells the claims the article cites.
    starts = dict(Citation.objects.filter(article=article).values_list("claim_id", "start"))
    regions: dict[int, set[int]] = defaultdict(set)
    for claim_id, region_id in Claim.regions.through.objects.filter(claim__in=claims).values_list("claim_id", "region_id"):
        regions[claim_id].add(region_id)
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    for claim in claims:
        if not figures[claim.pk]:
            continue
        for other, other_figures in _comparable(claim, article, starts, claims, figures, regions, later):
            if _same_voice(claim, other) or not figures_disagree(figures[claim.pk], other_figures):
                continue
            both_days = claim.event_date_precision == other.event_date_precision == Claim.Precision.DAY
            if not (same_event(claim.text, other.text)
                    and same_time(claim.event_date, other.event_date, EVENT_WINDOW, both_days=both_days)
                    and same_place(regions[claim.pk], regions.get(other.pk, set()), parents)):
                continue  # two events (59 militants killed near Tikrit; 160 men executed there)
            relation, created = claims_relate(a=claim, b=other, kind=ClaimRelation.Kind.DISPUTES,
                                              note="The casualty figures disagree.")
            if created:
                relations.append(relation)
    return relations


def _same_voice(a: Claim, b: Claim) -> bool:
    if a.speaker_id and a.speaker_id == b.speaker_id:
        return True
    return not a.speaker_id and not b.speaker_id and normalise_name(a.speaker_text) == normalise_name(b.speaker_text)


# What a claim from another article is compared by (the rest is read if a relation is made).
COMPARED_FIELDS = ("text", "numbers", "speaker_id", "speaker_text", "event_date", "status")


def _comparable(claim, article, starts, claims, figures, regions, later):
    here = starts.get(claim.pk)
    shared_regions = regions[claim.pk]
    for other in claims:
        there = starts.get(other.pk)
        if other.pk == claim.pk or here is None or there is None or abs(here - there) > NEARBY_CHARS:
            continue
        between = article.text[min(here, there):max(here, there)]
        # The same event: told in one paragraph, or about the same place.
        if "\n" not in between or shared_regions & regions[other.pk]:
            yield other, figures[other.pk]
    if not shared_regions:
        return
    # Claims of other articles: none this article cites (nor, when given, the later ones).
    others = Claim.objects.filter(regions__in=shared_regions).exclude(pk__in=starts.keys() | set(later))
    others = others.only(*COMPARED_FIELDS).distinct()
    if claim.event_date:
        others = others.filter(event_date__range=(claim.event_date - EVENT_WINDOW, claim.event_date + EVENT_WINDOW))
    for other in others[:100]:
        yield other, casualty_figures(other)
