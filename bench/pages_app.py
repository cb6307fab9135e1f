"""Bench-only Django wiring for bench/pages.py: the project's URLs plus the ceiling, a bare view
that renders a template of the briefing page's size after one query.

The template is the briefing page's own HTML as the reader got it at the start of the run
(bench/pages.py writes it to BENCH_PAGES_BARE_TEMPLATE), with the title put back as a variable.
It goes through the same middleware and the same template engine, compiled once per worker as
the cached loader does for the real pages, so the ratio between the two measures what the
briefing page adds: its queries, its Markdown and the work of its templates.
"""
import os

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from briefings.models import Briefing
from config.urls import urlpatterns as project_urls

_template = None


def bare_page(request, slug: str) -> HttpResponse:
    """One query (the briefing row), then a flat template of the page's size."""
    global _template
    if _template is None:
        with open(os.environ["BENCH_PAGES_BARE_TEMPLATE"], encoding="utf-8") as fh:
            _template = engines["django"].from_string(fh.read())
    briefing = Briefing.objects.only("title", "summary").get(slug=slug)
    return HttpResponse(_template.render({"briefing": briefing}, request))


urlpatterns = [path("bench/bare/<slug:slug>/", bare_page), *project_urls]
