"""Reviewing drafts: the queue, a briefing's waiting suggestions, accept or reject, publish."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.forms import ClaimCorrectForm
from claims.services import claim_mark_not_claim
from claims.views import correction_choices
from core.roles import can_edit, can_publish

from .forms import PublishForm, SuggestionAcceptForm, SuggestionRejectForm
from .markup import render_body
from .models import Briefing, Suggestion
from .page import citations_prefetch
from .services import briefing_publish, suggestion_accept, suggestion_reject
from .views_edit import editable_briefing

REVIEW_FOR_EDITORS = (
    "Reviewing suggestions is for editors. You can read the published briefings; "
    "ask an administrator for the editor role to review."
)


def _require_editor(request) -> None:
    if not can_edit(request.user):
        raise PermissionDenied(REVIEW_FOR_EDITORS)


@login_required
def review_queue(request):
    """Every briefing with suggestions waiting, the most waiting first, or (``?sort=confidence``)
    the one whose least certain suggestion is least certain first."""
    _require_editor(request)
    pending = Q(suggestions__state=Suggestion.State.PENDING)
    briefings = (
        Briefing.objects.editable_by(request.user)
        .annotate(pending=Count("suggestions", filter=pending),
                  least_confidence=Min("suggestions__claim__confidence", filter=pending))
        .filter(pending__gt=0)
    )
    sort = _sort(request)
    if sort == "confidence":
        briefings = briefings.order_by(F("least_confidence").asc(nulls_last=True), "-pending", "title")
    else:
        briefings = briefings.order_by("-pending", "title")
    return render(request, "briefings/review_queue.html", {"briefings": briefings, "sort": sort})


def _sort(request) -> str:
    return "confidence" if request.GET.get("sort") == "confidence" else ""


def _review_page(request, briefing, *, status=200, errors=None):
    suggestions = (
        Suggestion.objects.visible_to(request.user)
        .pending()
        .filter(briefing=briefing)
        .select_related("claim__speaker", "claim__relayed_by", "claim__holder")
        .prefetch_related(citations_prefetch("claim__citations"), "claim__actors", "claim__regions")
    )
    sort = _sort(request)
    if sort == "confidence":
        # The least certain first, where an editor's eye is needed most; editor-made claims last.
        suggestions = suggestions.order_by(F("claim__confidence").asc(nulls_last=True), "created_at", "pk")
    else:
        suggestions = suggestions.order_by("created_at", "pk")
    back = reverse("briefings:review", kwargs={"slug": briefing.slug}) + ("?sort=confidence" if sort else "")
    for suggestion in suggestions:
        # Rendered from the rows already loaded: no query per suggestion.
        suggestion.preview = render_body(
            suggestion.text, claims={suggestion.claim_id: suggestion.claim}, briefings_by_title={}, catalogue_by_name={}
        ).html
        suggestion.reject_errors = (errors or {}).get(suggestion.pk)
        suggestion.correct_initial = ClaimCorrectForm.initial_for(suggestion.claim)
        suggestion.correct_next = f"{back}#suggestion-{suggestion.pk}"
    draft = briefing.draft_revision
    context = {
        "briefing": briefing,
        "suggestions": suggestions,
        "draft": draft,
        "published": briefing.published_revision,
        "draft_unpublished": draft is not None and draft.pk != briefing.published_revision_id,
        "can_publish": can_publish(request.user),
        "publish_form": PublishForm(initial={"revision": draft.pk if draft else None}),
        "sort": sort,
        **correction_choices(),
    }
    return render(request, "briefings/draft_review.html", context, status=status)


@login_required
def draft_review(request, slug):
    """The suggestions waiting on a briefing's draft, and publishing it (editors only)."""
    _require_editor(request)
    briefing = editable_briefing(request, slug, "review suggestions")
    return _review_page(request, briefing)


def _pending_suggestion(request, pk) -> Suggestion:
    _require_editor(request)
    return get_object_or_404(
        Suggestion.objects.visible_to(request.user).filter(briefing__in=Briefing.objects.editable_by(request.user)),
        pk=pk,
    )


@login_required
@require_POST
def suggestion_accept_view(request, pk):
    """Accept a suggestion (as proposed, or with the editor's text): its sentence joins the draft."""
    suggestion = _pending_suggestion(request, pk)
    form = SuggestionAcceptForm(request.POST)
    text = form.data.get("text") if "text" in form.data else None
    try:
        revision = suggestion_accept(suggestion=suggestion, editor=request.user, text=text)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Accepted: the sentence is in the draft, revision {revision.number}.")
    return redirect("briefings:review", slug=suggestion.briefing.slug)


@login_required
@require_POST
def suggestion_reject_view(request, pk):
    """Reject a suggestion; the reason is required."""
    suggestion = _pending_suggestion(request, pk)
    form = SuggestionRejectForm(request.POST)
    if not form.is_valid():
        return _review_page(request, suggestion.briefing, status=400, errors={suggestion.pk: form.errors["reason"]})
    try:
        suggestion_reject(suggestion=suggestion, editor=request.user, reason=form.cleaned_data["reason"])
        if request.POST.get("not_a_claim"):
            # Rejecting only keeps the sentence out of this draft; the claim would stay on the
            # actor's and region's pages unless it is marked not a claim too.
            claim_mark_not_claim(claim=suggestion.claim, editor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Rejected, with your reason kept"
                         + (", and the claim marked not a claim." if request.POST.get("not_a_claim") else "."))
    return redirect("briefings:review", slug=suggestion.briefing.slug)


@login_required
@require_POST
def briefing_publish_view(request, slug):
    """Publish the draft the reviewer looked at as what readers see."""
    briefing = editable_briefing(request, slug, "publish briefings")
    if not can_publish(request.user):
        raise PermissionDenied("Only reviewers may publish briefings; an editor's draft waits for one.")
    form = PublishForm(request.POST)
    draft = briefing.draft_revision
    if not form.is_valid() or draft is None or form.cleaned_data["revision"] != draft.pk:
        messages.error(
            request,
            "The draft changed since you looked at it"
            + (f" (it is now revision {draft.number})" if draft else "")
            + ": check it, then publish again.",
        )
        return redirect("briefings:review", slug=briefing.slug)
    if draft.pk == briefing.published_revision_id:
        messages.info(request, f"Revision {draft.number} is already published.")
        return redirect(briefing)
    briefing_publish(briefing=briefing, reviewer=request.user, revision=draft)
    messages.success(request, f"Published revision {draft.number}.")
    return redirect(briefing)
