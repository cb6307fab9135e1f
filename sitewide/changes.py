"""Recent changes across the wiki: revisions, publications, decided suggestions, claim status
changes, editors' corrections of claims, ingested articles and decided candidates, newest first.

One UNION ALL of (kind, id, time) rows is ordered and paginated in the database; then each
kind's rows on the page are fetched in one query with what they display. A page therefore
costs the same few queries however many rows it shows.
"""
from dataclasses import dataclass

from django.db.models import CharField, F, QuerySet, Value

from actors.models import Actor, Region, ReviewState
from briefings.models import Briefing, Publication, Revision, Suggestion
from claims.models import Claim, ClaimCorrection, ClaimStatusChange
from core.roles import can_edit
from sources.models import Article

REVISION, PUBLICATION, SUGGESTION, STATUS, CORRECTION = "revision", "publication", "suggestion", "status", "correction"
ARTICLE, ACTOR, REGION = "article", "actor", "region"


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
        _keys(Article.objects.visible_to(user), ARTICLE, "created_at"),
        _keys(ClaimStatusChange.objects.filter(claim__in=Claim.objects.visible_to(user)), STATUS, "created_at"),
    ]
    if can_edit(user):
        # Drafts and suggestions are editors' business (see revision_detail and Suggestion.visible_to).
        parts.append(_keys(Revision.objects.filter(briefing__in=briefings), REVISION, "created_at"))
        parts.append(_keys(Suggestion.objects.visible_to(user).exclude(state="pending"), SUGGESTION, "reviewed_at"))
        # Corrections name claims hidden from readers too (not a claim, merged): editors only.
        parts.append(_keys(ClaimCorrection.objects.all(), CORRECTION, "created_at"))
        # Candidates are editors' business too (the review queue is theirs).
        for model, kind in ((Actor, ACTOR), (Region, REGION)):
            decided = model.objects.filter(reviewed_at__isnull=False).exclude(review_state=ReviewState.CANDIDATE)
            parts.append(_keys(decided, kind, "reviewed_at"))
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
    ARTICLE: lambda: Article.objects.select_related("outlet", "submitted_by").defer("text", "html"),
    ACTOR: lambda: Actor.objects.select_related("reviewed_by", "merged_into", "parent"),
    REGION: lambda: Region.objects.select_related("reviewed_by", "merged_into", "parent"),
}


def changes_for(keys) -> list[Change]:
    """The rows behind a page of ``change_keys``, in the page's order: one query per kind."""
    wanted: dict[str, list[int]] = {}
    for kind, pk, _at in keys:
        wanted.setdefault(kind, []).append(pk)
    rows = {kind: _FETCH[kind]().in_bulk(pks) for kind, pks in wanted.items()}
    return [Change(kind, at, rows[kind][pk]) for kind, pk, at in keys if pk in rows[kind]]
