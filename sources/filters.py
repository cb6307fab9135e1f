"""FilterSets for sources, shared by the HTML list pages and the API (no DRF here)."""
import django_filters

from .models import Article


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(field_name="status", lookup_expr="exact", choices=Article.Status.choices)
    outlet = django_filters.CharFilter(field_name="outlet__slug", lookup_expr="exact", label="Outlet (slug)")
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains")
    published = django_filters.DateFromToRangeFilter(field_name="published_at__date", label="Published between")
    url = django_filters.CharFilter(field_name="url", lookup_expr="exact")

    class Meta:
        model = Article
        fields = ["status", "outlet", "q", "published", "url"]
