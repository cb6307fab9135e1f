"""The extractor, built once per process from the catalogue in the database.

Loading spaCy takes about a second, so a worker keeps one extractor; when editors change the
catalogue (accept a candidate, add an alias) the next task sees a new catalogue version and
rebuilds only the entity ruler's patterns.
"""
import threading

from django.db.models import Count, Max

from actors.models import Actor, Region, ReviewState
from sources.extraction.catalogue import Catalogue, CatalogueEntry

_lock = threading.Lock()
_state: dict = {"version": None, "extractor": None}


def catalogue_version() -> tuple:
    """Changes whenever an accepted actor, region or alias changes (two cheap aggregate queries);
    the candidates every article proposes leave it alone, so the ruler is not rebuilt for them."""
    accepted = {"review_state": ReviewState.ACCEPTED}
    actors = Actor.objects.filter(**accepted).aggregate(
        n=Count("id"), t=Max("updated_at"), a=Max("aliases__id"), c=Count("aliases"))
    regions = Region.objects.filter(**accepted).aggregate(
        n=Count("id"), t=Max("updated_at"), a=Max("aliases__id"), c=Count("aliases"))
    return tuple(actors.values()) + tuple(regions.values())


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
