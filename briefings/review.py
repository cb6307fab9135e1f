"""What the review page shows: a briefing's pending suggestions as cards, one per claim or per
group of restatements (the same speaker saying the same thing in several articles), filtered,
sorted and paginated in the database so that a page costs the same few queries whether 50 or
5,000 suggestions wait.

Cards are numbered by their first suggestion (a window over the restatement's partition): the
page is a slice of those first suggestions, and one more query loads their groups' members.
"""
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Case, F, Min, QuerySet, Value, When, Window
from django.db.models.functions import Lower

from core.listing import paginate

from .models import Suggestion
from .page import citations_prefetch

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


@dataclass
class Card:
    """One claim, or several restatements of it, and everything its card shows."""

    first: Suggestion
    members: list[Suggestion] = field(default_factory=list)

    @property
    def pks(self) -> str:
        return ",".join(str(s.pk) for s in self.members)

    @property
    def citations(self) -> list:
        return [c for s in self.members for c in s.claim.citations.all()]

    @property
    def articles(self) -> int:
        return len({c.article_id for c in self.citations})


def sort_of(value: str | None) -> str:
    return value if value in SORTS else ""


def review_cards(request, suggestions: QuerySet, *, sort: str) -> tuple[Page, list[Card]]:
    """The requested page of cards for ``suggestions`` (pending, filtered), in ``sort`` order."""
    grouped = suggestions.annotate(group_first=Window(Min("pk"), partition_by=restatement_partition()))
    firsts = grouped.filter(pk=F("group_first")).order_by(*SORTS[sort][1]).values_list("pk", flat=True)
    page = paginate(request, firsts, per_page=PER_PAGE)
    order = {pk: i for i, pk in enumerate(page.object_list)}
    members = (
        grouped.filter(group_first__in=list(order))
        .select_related("claim__speaker", "claim__relayed_by", "claim__holder")
        .prefetch_related(citations_prefetch("claim__citations"), "claim__actors", "claim__regions")
        .order_by("created_at", "pk")
    )
    cards: dict[int, Card] = {}
    for suggestion in members:
        card = cards.get(suggestion.group_first)
        if card is None:
            card = cards[suggestion.group_first] = Card(first=suggestion)
        card.members.append(suggestion)
    return page, sorted(cards.values(), key=lambda c: order[c.first.group_first])
