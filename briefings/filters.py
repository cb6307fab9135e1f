"""FilterSets for briefings and suggestions, shared by the HTML list pages and the API.

No DRF here: the UI imports these too. Filters that cross a many-to-many use ``EXISTS``
subqueries rather than joins, so a row matches once and no ``DISTINCT`` is needed.
"""
from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from actors.querysets import regions_within
from claims.models import Citation
from core.filters import DaysFilter, FractionFilter, IdFilter

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
    claim = IdFilter(field_name="claim_id", lookup_expr="exact", label="Claim id")
    article = IdFilter(method="filter_article", label="Cited in article (id)")
    outlet = django_filters.CharFilter(method="filter_outlet", label="Cited from outlet (slug)")
    speaker = django_filters.CharFilter(field_name="claim__speaker__slug", lookup_expr="exact", label="Speaker (slug)")
    confidence_below = FractionFilter(field_name="claim__confidence", lookup_expr="lt", label="Confidence below")
    newer_than_days = DaysFilter(method="filter_newer", label="Suggested in the last N days")
    older_than_days = DaysFilter(method="filter_older", label="Suggested more than N days ago")

    class Meta:
        model = Suggestion
        fields = ["briefing", "state", "claim", "article", "outlet", "speaker", "confidence_below",
                  "newer_than_days", "older_than_days"]

    def filter_article(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(Exists(Citation.objects.filter(claim_id=OuterRef("claim_id"), article_id=value)))

    def filter_outlet(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(Citation.objects.filter(claim_id=OuterRef("claim_id"), article__outlet__slug=value)))

    def filter_newer(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(created_at__gte=timezone.now() - timedelta(days=value))

    def filter_older(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(created_at__lt=timezone.now() - timedelta(days=value))
