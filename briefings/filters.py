"""FilterSets for briefings and suggestions, shared by the HTML list pages and the API.

No DRF here: the UI imports these too. Filters that cross a many-to-many use ``EXISTS``
subqueries rather than joins, so a row matches once and no ``DISTINCT`` is needed.
"""
import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from actors.querysets import regions_within

from .models import Briefing, Suggestion


class BriefingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")
    actor = django_filters.CharFilter(method="filter_actor", label="About this actor (slug)")
    region = django_filters.CharFilter(method="filter_region", label="About this region (slug) or one inside it")
    published = django_filters.BooleanFilter(
        field_name="published_revision", lookup_expr="isnull", exclude=True, label="Published (or never published)"
    )

    class Meta:
        model = Briefing
        fields = ["q", "actor", "region", "published"]

    def filter_actor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        through = Briefing.subject_actors.through
        return queryset.filter(Exists(through.objects.filter(briefing_id=OuterRef("pk"), actor__slug=value)))

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = regions_within(value)
        if ids is None:
            return queryset.none()
        through = Briefing.subject_regions.through
        return queryset.filter(Exists(through.objects.filter(briefing_id=OuterRef("pk"), region_id__in=ids)))


class SuggestionFilter(django_filters.FilterSet):
    briefing = django_filters.CharFilter(field_name="briefing__slug", lookup_expr="exact", label="Briefing (slug)")
    state = django_filters.MultipleChoiceFilter(field_name="state", lookup_expr="exact", choices=Suggestion.State.choices)
    claim = django_filters.NumberFilter(field_name="claim_id", lookup_expr="exact", label="Claim id")

    class Meta:
        model = Suggestion
        fields = ["briefing", "state", "claim"]
