"""The extractor, built once per process from the catalogue in the database.

Loading spaCy takes about a second, so a worker keeps one extractor; when editors change the
catalogue (accept a candidate, add an alias) the next task sees a new catalogue version and
rebuilds only the entity ruler's patterns.
"""
import functools
import threading
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db import connection
from django.db.models import Count, Max, Value

from actors.models import Actor, Region, ReviewState
from core.versioning import scoped_version
from sources.extraction.catalogue import Catalogue, CatalogueEntry

T = TypeVar("T")
_lock = threading.Lock()
_state: dict = {"version": None, "extractor": None, "objects": None}
# Within ``catalogue_pinned()`` (one task) the version is read once, not by every step that asks.
_pinned: ContextVar[dict | None] = ContextVar("briefwiki_catalogue_pinned", default=None)


@contextmanager
def catalogue_pinned():
    """Read the catalogue version once for everything inside (an article, or a batch of them),
    and the other lookups memoised with ``pinned``: an editor's change made meanwhile is picked
    up by the next task."""
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


def pinned(key: str, load: Callable[[], T]) -> T:
    """``load()`` once within ``catalogue_pinned()`` (once per task, for every article of its
    batch); outside it, every call loads afresh."""
    memo = _pinned.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def catalogue_version() -> str | tuple:
    """Changes whenever an accepted actor, region or alias changes; the candidates every article
    proposes leave it alone, so the ruler is not rebuilt for them. The version of the scope
    ``catalogue`` (``core.versioning``, one tiny query) where it can be trusted; inside an open
    transaction, whose own writes it does not include yet, the catalogue's aggregates."""
    return pinned("version", _read_catalogue_version)


def _read_catalogue_version() -> str | tuple:
    version = scoped_version(["catalogue"])
    if version is not None:
        return version
    sql, params = _catalogue_version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(sorted(cursor.fetchall()))


@functools.cache
def _catalogue_version_sql() -> tuple[str, tuple]:
    """Accepted actors and regions: how many, the last change, the last alias and how many
    aliases, in one query compiled once per process (building it took the ORM ten times longer
    than the database takes to answer it)."""
    def totals(model):
        return (model.objects.filter(review_state=ReviewState.ACCEPTED).order_by()
                .values(entry=Value(model._meta.model_name))
                .annotate(n=Count("id"), t=Max("updated_at"), a=Max("aliases__id"), c=Count("aliases")))
    return totals(Actor).union(totals(Region), all=True).query.sql_with_params()


def catalogue_from_db() -> Catalogue:
    """The editors' catalogue: accepted actors and regions with every alias."""
    entries = []
    for model, target in ((Actor, "actor"), (Region, "region")):
        rows = model.objects.filter(review_state=ReviewState.ACCEPTED).prefetch_related("aliases")
        for row in rows:
            entries.append(
                CatalogueEntry(
                    target=target,
                    id=row.pk,
                    kind=row.kind,
                    name=row.name,
                    aliases=tuple(a.name for a in row.aliases.all()),
                )
            )
    return Catalogue(entries)


class CatalogueObjects:
    """The accepted actors and regions as model instances, with the lookups every article
    needs (a state by its territory, a region's parent, the countries), read once per catalogue
    version instead of in queries for every article. Read-only: never save these instances."""

    def __init__(self):
        self.actors = {a.pk: a for a in Actor.objects.filter(review_state=ReviewState.ACCEPTED)}
        self.regions = {r.pk: r for r in Region.objects.filter(review_state=ReviewState.ACCEPTED)}
        self.states_by_territory = {a.territory_id: a for a in self.actors.values()
                                    if a.kind == Actor.Kind.STATE and a.territory_id}
        self.parents = {pk: r.parent_id for pk, r in self.regions.items()}
        self.countries = {pk for pk, r in self.regions.items() if r.kind == Region.Kind.COUNTRY}


def catalogue_objects() -> CatalogueObjects:
    """This process's ``CatalogueObjects``, current with the catalogue (see ``get_extractor``)."""
    version = catalogue_version()
    with _lock:
        if _state["objects"] is None or _state["objects"][0] != version:
            _state["objects"] = (version, CatalogueObjects())
        return _state["objects"][1]


def get_extractor():
    """The process's extractor, current with the catalogue."""
    from sources.extraction.pipeline import load_nlp

    version = catalogue_version()
    with _lock:
        if _state["extractor"] is None:
            _state["extractor"] = load_nlp(catalogue_from_db())
            _state["version"] = version
        elif _state["version"] != version:
            _state["extractor"].update_catalogue(catalogue_from_db())
            _state["version"] = version
        return _state["extractor"]
