"""Recent changes across the wiki: revisions, publications, decided suggestions, claim status
changes and editors' corrections of claims, newest first.

One UNION ALL of (kind, id, time) rows is ordered and paginated in the database; then each
kind's rows on the page are fetched in one query with what they display. A page therefore
costs the same few queries however many rows it shows.
"""
from dataclasses import dataclass

from django.db.models import CharField, F, QuerySet, Value

from briefings.models import Briefing, Publication, Revision, Suggestion
from claims.models import Claim, ClaimCorrection, ClaimStatusChange
from core.roles import can_edit

REVISION, PUBLICATION, SUGGESTION, STATUS, CORRECTION = "revision", "publication", "suggestion", "status", "correction"


@dataclass
class Change:
    kind: str
    at: object
    obj: object


def _keys(queryset: QuerySet, kind: str, at: str) -> QuerySet:
    # Only annotations, in the same order everywhere, so the UNION's columns line up.
    return (
        queryset.order_by()
        .annotate(
            change_kind=Value(kind, output_field=CharField()),
            change_id=F("id"),
            change_at=F(at),
        )
        .values_list("change_kind", "change_id", "change_at")
    )


def change_keys(user) -> QuerySet:
    """(kind, id, time) of every change ``user`` may see, newest first."""
    briefings = Briefing.objects.visible_to(user)
    parts = [
        _keys(Publication.objects.filter(briefing__in=briefings), PUBLICATION, "published_at"),
        _keys(ClaimStatusChange.objects.filter(claim__in=Claim.objects.visible_to(user)), STATUS, "created_at"),
    ]
    if can_edit(user):
        # Drafts and suggestions are editors' business (see revision_detail and Suggestion.visible_to).
        parts.append(_keys(Revision.objects.filter(briefing__in=briefings), REVISION, "created_at"))
        parts.append(_keys(Suggestion.objects.visible_to(user).exclude(state="pending"), SUGGESTION, "reviewed_at"))
        # Corrections name claims hidden from readers too (not a claim, merged): editors only.
        parts.append(_keys(ClaimCorrection.objects.all(), CORRECTION, "created_at"))
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-change_at", "-change_id")


_FETCH = {
    REVISION: lambda: Revision.objects.select_related("briefing", "author").defer("body", "briefing__summary"),
    PUBLICATION: lambda: Publication.objects.select_related("briefing", "revision", "published_by").defer(
        "revision__body", "briefing__summary"
    ),
    SUGGESTION: lambda: Suggestion.objects.select_related("briefing", "claim", "reviewed_by").defer(
        "briefing__summary"
    ),
    STATUS: lambda: ClaimStatusChange.objects.select_related("claim__speaker", "claim__relayed_by", "claim__holder",
                                                            "changed_by"),
    CORRECTION: lambda: ClaimCorrection.objects.select_related("claim__speaker", "claim__relayed_by",
                                                               "claim__holder", "editor"),
}


def changes_for(keys) -> list[Change]:
    """The rows behind a page of ``change_keys``, in the page's order: one query per kind."""
    wanted: dict[str, list[int]] = {}
    for kind, pk, _at in keys:
        wanted.setdefault(kind, []).append(pk)
    rows = {kind: _FETCH[kind]().in_bulk(pks) for kind, pks in wanted.items()}
    return [Change(kind, at, rows[kind][pk]) for kind, pk, at in keys if pk in rows[kind]]
