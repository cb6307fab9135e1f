"""List pages: pagination that knows the links to its neighbours, and FilterSet forms.

Several lists can share one page (an actor's claims as speaker and as subject), so each names
its own query parameter and the links keep every other parameter (filters, the other list's page).
"""
from django import forms
from django.core.paginator import Page, Paginator


def paginate(request, queryset, *, per_page: int, param: str = "page") -> Page:
    """The requested page of ``queryset`` (out-of-range numbers give the nearest page), with
    ``param``, ``previous_url`` and ``next_url`` set for templates/_pager.html."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    page.param = param
    page.previous_url = _url(request, param, page.previous_page_number()) if page.has_previous() else ""
    page.next_url = _url(request, param, page.next_page_number()) if page.has_next() else ""
    return page


def _url(request, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"


def filter_form_for_pages(filterset, *, hide: tuple[str, ...] = ()):
    """Adapt an API FilterSet's form to a page: choices as checkboxes, API-only fields hidden."""
    for name in hide:
        filterset.form.fields.pop(name, None)
    for field in filterset.form.fields.values():
        if isinstance(field.widget, forms.SelectMultiple):
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    return filterset
