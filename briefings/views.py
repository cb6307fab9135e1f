"""Briefing pages."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from .models import Briefing, Claim, Revision, Subscription
from .roles import can_edit


def briefing_list(request):
    """The home page: briefings the visitor may read, most recently published first."""
    briefings = (
        Briefing.objects.visible_to(request.user)
        .select_related("published_revision")
        .annotate(pending=Count("suggestions", filter=Q(suggestions__state="pending")))
        .order_by("-published_at", "title")
    )
    return render(request, "briefings/briefing_list.html", {"briefings": briefings})


def briefing_detail(request, slug):
    """A briefing's published text with its subjects and backlinks."""
    briefing = get_object_or_404(
        Briefing.objects.visible_to(request.user)
        .select_related("published_revision", "draft_revision")
        .prefetch_related("subject_actors", "subject_regions", "backlinks__source"),
        slug=slug,
    )
    return render(request, "briefings/briefing_detail.html", {"briefing": briefing, "can_edit": can_edit(request.user)})


def revision_detail(request, slug, number):
    """One revision of a briefing, as it was saved."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    revision = get_object_or_404(Revision.objects.select_related("author"), briefing=briefing, number=number)
    if revision != briefing.published_revision and not can_edit(request.user):
        raise PermissionDenied("Drafts are for editors.")
    return render(request, "briefings/revision_detail.html", {"briefing": briefing, "revision": revision})


@login_required
def claim_detail(request, pk):
    """A claim with its citations and status history."""
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user)
        .select_related("speaker", "relayed_by")
        .prefetch_related("actors", "regions", "citations__article__outlet", "status_changes"),
        pk=pk,
    )
    return render(request, "briefings/claim_detail.html", {"claim": claim})


@login_required
def draft_review(request, slug):
    """The suggestions waiting on a briefing's draft (editors only)."""
    if not can_edit(request.user):
        raise PermissionDenied("Reviewing suggestions is for editors.")
    briefing = get_object_or_404(Briefing.objects.editable_by(request.user), slug=slug)
    suggestions = briefing.suggestions.pending().select_related("claim__speaker")
    return render(request, "briefings/draft_review.html", {"briefing": briefing, "suggestions": suggestions})


@login_required
def watch_list(request):
    """The visitor's own watches."""
    watches = Subscription.objects.visible_to(request.user).select_related("briefing", "actor", "region")
    return render(request, "briefings/watch_list.html", {"watches": watches})
