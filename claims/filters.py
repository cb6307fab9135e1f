"""FilterSets for claims, shared by the HTML list pages and the API.

No DRF here: the UI imports these too. Filters that cross a many-to-many use ``EXISTS``
subqueries rather than joins, so a row matches once and no ``DISTINCT`` is needed.
"""
import django_filters
from django.apps import apps
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from actors.querysets import regions_within

from .models import Citation, Claim, ClaimRelation, Fact

ClaimActor = Claim.actors.through
ClaimRegion = Claim.regions.through


def claims_matching(queryset: QuerySet, text: str) -> QuerySet:
    """Full-text search on the claim's text and its citations' quotes (PostgreSQL), or a plain
    case-insensitive contains elsewhere (the SQLite demo)."""
    text = text.strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text, search_type="websearch", config="english")
        quotes = Citation.objects.annotate(v=SearchVector("quote", config="english")).filter(
            v=query, claim_id=OuterRef("pk")
        )
        own = queryset.annotate(_v=SearchVector("text", config="english")).filter(Q(_v=query) | Exists(quotes))
        return own
    quotes = Citation.objects.filter(claim_id=OuterRef("pk"), quote__icontains=text)
    return queryset.filter(Q(text__icontains=text) | Exists(quotes))


def claims_with_words(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Claims where each of ``words`` appears, in any case and as part of a word, in the claim's
    text, its speaker (catalogued or as the article names them), its relaying outlet, or one of
    its citations (quote or outlet): "barzani kirkuk rudaw" finds Barzani's claim about Kirkuk
    that Rudaw carried. For picking a claim by what one remembers of it, as one types."""
    for word in words:
        cited = Citation.objects.filter(claim_id=OuterRef("pk")).filter(
            Q(quote__icontains=word) | Q(article__outlet__name__icontains=word)
        )
        queryset = queryset.filter(
            Q(text__icontains=word) | Q(speaker__name__icontains=word) | Q(speaker_text__icontains=word)
            | Q(relayed_by__name__icontains=word) | Exists(cited)
        )
    return queryset


class ClaimFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(method="filter_actor", label="Actor (slug), as speaker or subject")
    speaker = django_filters.CharFilter(field_name="speaker__slug", lookup_expr="exact", label="Speaker (slug)")
    region = django_filters.CharFilter(method="filter_region", label="Region (slug), including its sub-regions")
    status = django_filters.MultipleChoiceFilter(field_name="status", lookup_expr="exact", choices=Claim.Status.choices)
    outlet = django_filters.CharFilter(
        method="filter_outlet", label="Outlet (slug) relaying the claim or publishing a cited article"
    )
    event_date = django_filters.DateFromToRangeFilter(field_name="event_date", label="Event date between")
    disputed = django_filters.BooleanFilter(method="filter_disputed", label="Only disputed claims (or only undisputed)")
    q = django_filters.CharFilter(method="filter_q", label="Full-text search in the claim and its quotes")

    class Meta:
        model = Claim
        fields = ["actor", "speaker", "region", "status", "outlet", "event_date", "disputed", "q"]

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        about = ClaimActor.objects.filter(claim_id=OuterRef("pk"), actor__slug=value)
        return queryset.filter(Q(speaker__slug=value) | Exists(about))

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = regions_within(value)
        if ids is None:
            return queryset.none()
        return queryset.filter(Exists(ClaimRegion.objects.filter(claim_id=OuterRef("pk"), region_id__in=ids)))

    def filter_outlet(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        cited = Citation.objects.filter(claim_id=OuterRef("pk"), article__outlet__slug=value)
        return queryset.filter(Q(relayed_by__slug=value) | Exists(cited))

    def filter_disputed(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if value is None:
            return queryset
        disputes = ClaimRelation.objects.filter(kind=ClaimRelation.Kind.DISPUTES).filter(
            Q(from_claim_id=OuterRef("pk")) | Q(to_claim_id=OuterRef("pk"))
        )
        condition = Q(status=Claim.Status.DISPUTED) | Exists(disputes)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return claims_matching(queryset, value)


class FactFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(field_name="kind", lookup_expr="exact", choices=Fact.Kind.choices)
    source = django_filters.CharFilter(field_name="source__slug", lookup_expr="exact", label="Source actor (slug)")
    target = django_filters.CharFilter(field_name="target_actor__slug", lookup_expr="exact",
                                       label="Target actor (slug)")
    region = django_filters.CharFilter(method="filter_region", label="Target region (slug), including its sub-regions")
    holds_on = django_filters.DateFromToRangeFilter(field_name="holds_on", label="Holds on a date between")
    polarity = django_filters.MultipleChoiceFilter(field_name="polarity", lookup_expr="exact",
                                                   choices=Fact.Polarity.choices)
    claim_status = django_filters.MultipleChoiceFilter(field_name="claim__status", lookup_expr="exact",
                                                       choices=Claim.Status.choices,
                                                       label="Status of the claim that carries the fact")
    briefing = django_filters.CharFilter(
        method="filter_briefing",
        label="Briefing (slug): the facts its question bears on (control of its place and the places within it, "
              "stance towards its target), or about its subjects for a briefing that asks none",
    )

    class Meta:
        model = Fact
        fields = ["kind", "source", "target", "region", "holds_on", "polarity", "claim_status", "briefing"]

    def filter_briefing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Briefings sit above claims: named through the app registry, never imported.
        briefings = apps.get_model("briefings", "Briefing").objects
        request = getattr(self, "request", None)
        if request is not None:
            briefings = briefings.visible_to(request.user)
        briefing = briefings.filter(slug=value).select_related("question_region").first()
        if briefing is None:
            return queryset.none()
        if briefing.question == "control":
            ids = regions_within(briefing.question_region.slug) or [briefing.question_region_id]
            return queryset.filter(kind=Fact.Kind.CONTROLS, target_region_id__in=ids)
        if briefing.question == "stance":
            return queryset.filter(kind__in=[Fact.Kind.SUPPORTS, Fact.Kind.OPPOSES],
                                   target_actor_id=briefing.question_target_id)
        actors = briefing.subject_actors.values("pk")
        return queryset.filter(Q(source__in=actors) | Q(target_actor__in=actors)
                               | Q(target_region__in=briefing.subject_regions.values("pk")))

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = regions_within(value)
        if ids is None:
            return queryset.none()
        return queryset.filter(target_region_id__in=ids)
