"""What the review page shows: a briefing's pending suggestions as cards, one per claim or per
group of restatements (the same speaker saying the same thing in several articles), filtered,
sorted and paginated in the database so that a page costs the same few queries whether 50 or
5,000 suggestions wait.

Cards are numbered by their first suggestion (a window over the restatement's partition): the
page is a slice of those first suggestions, and one more query loads their groups' members.
"""
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page
from django.db.models import Case, F, Min, Prefetch, QuerySet, Value, When, Window
from django.db.models.functions import Lower

from core.listing import paginate
from core.versioning import ProcessMemo, scoped_version

from actors.models import Actor
from claims.models import Citation
from sources.models import Article, Outlet

from .models import Suggestion

PER_PAGE = 50
SORTS = {
    "": ("oldest first", ("created_at", "pk")),
    "confidence": ("least certain first", (F("claim__confidence").asc(nulls_last=True), "created_at", "pk")),
    "relevance": ("most relevant first", ("-relevance", "created_at", "pk")),
}


def restatement_partition() -> list:
    """``briefings.services.review.restatement_key`` in SQL: speaker, polarity, words."""
    return [
        F("claim__speaker_id"),
        Case(When(claim__speaker__isnull=True, then=Lower("claim__speaker_text")), default=Value("")),
        F("claim__polarity"),
        Lower("claim__text"),
    ]


@dataclass(frozen=True)
class Row:
    """What decides a card, read narrow: its suggestion, its claim and the claim's parties."""

    pk: int
    text: str
    relevance: int
    created_at: object
    claim_id: int
    speaker_id: int | None
    holder_id: int | None


ROW_FIELDS = ("pk", "text", "relevance", "created_at", "claim_id", "claim__speaker_id", "claim__holder_id")


@dataclass
class Card:
    """One claim, or several restatements of it: its rows, and (``cards_load``) everything its
    card shows."""

    rows: list[Row]
    members: list[Suggestion] = field(default_factory=list)

    @property
    def first(self) -> Suggestion:
        return self.members[0]

    @cached_property
    def pks(self) -> str:
        return ",".join(str(r.pk) for r in self.rows)

    @cached_property
    def citations(self) -> list:
        return [c for s in self.members for c in s.claim.citations.all()]

    @property
    def articles(self) -> int:
        return len({c.article_id for c in self.citations})


# Columns a card never shows, not loaded: half of a page's time goes to building rows, and
# dates and JSON are the dearest to decode.
ACTOR_UNSHOWN = ("description", "created_at", "updated_at", "reviewed_at", "reviewed_by")
CARD_UNSHOWN = (
    "reason", "reviewed_by", "reviewed_at", "accepted_revision",
    *(f"claim__{name}" for name in ("numbers", "fingerprint", "created_by", "created_at", "updated_at")),
    *(f"claim__{role}__{name}" for role in ("speaker", "holder") for name in ACTOR_UNSHOWN),
    "claim__relayed_by__url", "claim__relayed_by__created_at",
)


def _citations() -> Prefetch:
    # Without the articles' texts: a card shows the quote, and a pasted article can be 500,000
    # characters long.
    return Prefetch("claim__citations", Citation.objects.select_related("article__outlet")
                    .defer("created_at", "said_on",
                           *(f"article__{name}" for name in ("text", "html", "url", "byline", "content_hash",
                                                            "status_reason", "submitted_by", "created_at",
                                                            "updated_at", "processed_at")),
                           "article__outlet__url", "article__outlet__created_at")
                    .order_by("created_at", "pk"))


SCOPE_WORDS = {"article": "from “{}”", "outlet": "from {}", "speaker": "said by {}",
               "confidence_below": "confidence below {}", "newer_than_days": "from the last {} days",
               "older_than_days": "older than {} days"}


def _named(name: str, value) -> str:
    """What a filter's value names, as people know it: an outlet's or speaker's name, an
    article's title (the slug or id when there is none)."""
    if name == "outlet":
        return Outlet.objects.filter(slug=value).values_list("name", flat=True).first() or value
    if name == "speaker":
        return Actor.objects.filter(slug=value).values_list("name", flat=True).first() or value
    if name == "article":
        return Article.objects.filter(pk=value).values_list("title", flat=True).first() or f"article {value}"
    return value


def scope_label(filterset) -> str:
    """The filters in words, for a decision's record: "all waiting (from AFP, confidence below 0.5)"."""
    if not filterset.is_valid():
        return "all waiting"
    used = [SCOPE_WORDS[name].format(_named(name, value)) for name, value in filterset.form.cleaned_data.items()
            if name in SCOPE_WORDS and value not in (None, "")]
    return "all waiting" + (f" ({', '.join(used)})" if used else "")


def sort_of(value: str | None) -> str:
    return value if value in SORTS else ""


# The cards' order, per process: (key, version) -> {first: [members]} in the page's order.
orders = ProcessMemo(size=16)  # ~0.5 MB each at 5,000 pending


def card_order(suggestions: QuerySet, *, sort: str, key: str | None = None,
               scopes: tuple[str, ...] = ()) -> dict[int, list[int]]:
    """Each card's first suggestion and its members, in ``sort`` order. Grouping and ordering
    window over every pending suggestion (a few thousand rows joined to their claims), so the
    result is kept under ``key`` (what the caller's filters select) and the versions of
    ``scopes`` (what decides it: the briefing's suggestions, the claims, their speakers,
    citations and outlets). The version is read before the rows: a result read from newer data
    than its version is only computed once more, never served stale."""
    version = scoped_version(scopes) if key is not None else None
    if version is not None:
        kept = orders.get((key, sort, version))
        if kept is not None:
            return kept
    grouped = suggestions.annotate(group_first=Window(Min("pk"), partition_by=restatement_partition()))
    # One narrow row per suggestion (two integers), in the page's order; a few thousand rows
    # cost less than counting and slicing the groups in SQL and windowing again for members.
    members_of: dict[int, list[int]] = {}
    for pk, first in grouped.order_by(*SORTS[sort][1]).values_list("pk", "group_first"):
        members_of.setdefault(first, []).append(pk)
    if version is not None:
        orders.put((key, sort, version), members_of)
    return members_of


def review_cards(request, suggestions: QuerySet, *, sort: str, key: str | None = None,
                 scopes: tuple[str, ...] = ()) -> tuple[Page, list[Card], int]:
    """The requested page of cards for ``suggestions`` (pending, filtered), in ``sort`` order (a
    group stands where its first member in that order stands), and how many suggestions wait.
    The cards hold their rows only: ``cards_load`` loads what those to render show. ``key`` and
    ``scopes``: see ``card_order``."""
    members_of = card_order(suggestions, sort=sort, key=key, scopes=scopes)
    page = paginate(request, list(members_of), per_page=PER_PAGE)
    wanted = [pk for first in page.object_list for pk in members_of[first]]
    rows = {row[0]: Row(*row) for row in Suggestion.objects.filter(pk__in=wanted).order_by().values_list(*ROW_FIELDS)}
    cards = []
    for first in page.object_list:
        members = sorted((rows[pk] for pk in members_of[first] if pk in rows), key=lambda r: (r.created_at, r.pk))
        if members:
            cards.append(Card(rows=members))
    return page, cards, sum(len(pks) for pks in members_of.values())


def cards_load(cards: list[Card]) -> None:
    """Each card's suggestions with their claims, parties and citations, in two queries."""
    wanted = [row.pk for card in cards for row in card.rows]
    if not wanted:
        return
    loaded = {
        s.pk: s for s in Suggestion.objects.filter(pk__in=wanted).order_by()
        .select_related("claim__speaker", "claim__relayed_by", "claim__holder")
        .defer(*CARD_UNSHOWN)
        .prefetch_related(_citations())  # subjects: only the card being corrected shows them
    }
    for card in cards:
        # A suggestion decided between the two reads leaves its card.
        card.members = [loaded[row.pk] for row in card.rows if row.pk in loaded]
