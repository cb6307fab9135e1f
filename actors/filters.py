"""FilterSets for actors and regions, shared by the HTML list pages and the API (no DRF here)."""
import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Actor, Alias, Region, ReviewState
from .names import normalise_name


def _name_or_alias(queryset: QuerySet, value: str, target: str) -> QuerySet:
    # An alias match is an EXISTS, not a join, so an entry with several matching aliases
    # appears once without DISTINCT.
    normalised = normalise_name(value)
    aliases = Alias.objects.filter(**{target: OuterRef("pk")}, normalised__contains=normalised)
    return queryset.filter(Q(name__icontains=value.strip()) | Exists(aliases)) if normalised else queryset


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Name or alias contains")
    kind = django_filters.MultipleChoiceFilter(field_name="kind", lookup_expr="exact", choices=Actor.Kind.choices)
    review_state = django_filters.MultipleChoiceFilter(
        field_name="review_state", lookup_expr="exact", choices=ReviewState.choices
    )
    parent = django_filters.CharFilter(field_name="parent__slug", lookup_expr="exact", label="Parent actor (slug)")

    class Meta:
        model = Actor
        fields = ["q", "kind", "review_state", "parent"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _name_or_alias(queryset, value, "actor")


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Name or alias contains")
    kind = django_filters.MultipleChoiceFilter(field_name="kind", lookup_expr="exact", choices=Region.Kind.choices)
    review_state = django_filters.MultipleChoiceFilter(
        field_name="review_state", lookup_expr="exact", choices=ReviewState.choices
    )
    parent = django_filters.CharFilter(field_name="parent__slug", lookup_expr="exact", label="Parent region (slug)")
    within = django_filters.CharFilter(method="filter_within", label="Inside this region (slug), at any depth")

    class Meta:
        model = Region
        fields = ["q", "kind", "review_state", "parent", "within"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _name_or_alias(queryset, value, "region")

    def filter_within(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        region = Region.objects.filter(slug=value).first()
        if region is None:
            return queryset.none()
        return queryset.filter(pk__in=Region.objects.descendants_of(region).values("pk")).exclude(pk=region.pk)
