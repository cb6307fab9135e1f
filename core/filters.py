"""Typed filters for the FilterSets the pages and the API share: each parses what its name says
and tells the OpenAPI schema the same bounds, so the API refuses exactly what its schema rules
out (django-filter's NumberFilter takes any decimal and documents only "number")."""
import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

BIGINT_MAX = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(django_filters.NumberFilter):
    """A row's id."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=BIGINT_MAX, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 36500})
class DaysFilter(django_filters.NumberFilter):
    """A number of days, up to a hundred years."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=36500, **kwargs)


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class FractionFilter(django_filters.NumberFilter):
    """A number from 0 to 1 (a confidence)."""

    field_class = forms.FloatField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=1, **kwargs)
