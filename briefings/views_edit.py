"""Editing a briefing: the draft's edit form with preview, edit conflicts, new briefings, and
what a briefing asks and is about."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from claims.views import correction_choices
from core.roles import can_edit

from .citing import claims_to_cite
from .forms import BriefingCreateForm, BriefingEditForm, BriefingQuestionForm, ClaimPickerForm, PreviewForm
from .models import Briefing
from .page import render_for
from .services import (
    EditConflict,
    MergeResult,
    briefing_create,
    briefing_question_set,
    briefing_revise_merging,
    revision_label,
)


def editable_briefing(request, slug: str, doing: str = "edit briefings") -> Briefing:
    """The briefing if the visitor may edit it: 404 when they cannot even read it, a clear 403
    when they can read it but their role does not let them edit."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    if not Briefing.objects.editable_by(request.user).filter(pk=briefing.pk).exists():
        raise PermissionDenied(
            f"Only editors may {doing}. You can read “{briefing.title}”; "
            "ask an administrator for the editor role to change it."
        )
    return briefing


def _edit_page(request, briefing, form, *, status=200, **extra):
    context = {"briefing": briefing, "form": form, "draft": briefing.draft_revision, "picker_form": ClaimPickerForm(),
               **extra}
    return render(request, "briefings/briefing_edit.html", context, status=status)


@login_required
def briefing_edit(request, slug):
    """Edit the draft. The form carries the revision it started from; when someone saved in
    between, changes that do not overlap are merged and saved, overlapping ones come back
    side by side with the merged text (conflict markers in it) to resolve."""
    briefing = editable_briefing(request, slug)
    draft = briefing.draft_revision
    if request.method != "POST":
        form = BriefingEditForm(briefing=briefing, initial={"body": draft.body if draft else "", "base_revision": draft.pk if draft else None})
        return _edit_page(request, briefing, form)

    form = BriefingEditForm(request.POST, briefing=briefing)
    if "preview" in request.POST:
        # Preview without JavaScript: render whatever was typed, markers and all.
        body = form.data.get("body", "")
        return _edit_page(request, briefing, form, preview=render_for(body, user=request.user))
    if not form.is_valid():
        return _edit_page(request, briefing, form, status=400)

    body, note, base = form.cleaned_data["body"], form.cleaned_data["note"], form.cleaned_data["base_revision"]
    if base is not None and base.pk == briefing.draft_revision_id and base.body == body:
        messages.info(request, "Nothing changed: no new revision was saved.")
        return redirect(base)
    try:
        result = briefing_revise_merging(
            briefing=briefing, editor=request.user, body=body, base_revision=base, note=note
        )
    except EditConflict:
        messages.error(request, "The draft keeps changing under you: your text is below, save again.")
        return _edit_page(request, briefing, form, status=409)
    except ValidationError as error:  # the size cap, also reached by merging in another edit
        form.add_error(None, error)
        return _edit_page(request, briefing, form, status=400)
    if result.conflicted:
        return _conflict_page(request, briefing, form, result)

    revision = result.revision
    if result.merged_with is not None:
        messages.success(
            request,
            f"While you edited, {revision_label(result.merged_with)} was saved. Your changes did not overlap "
            f"with it, so both were merged into revision {revision.number}.",
        )
    else:
        messages.success(request, f"Saved revision {revision.number} as the draft.")
    return redirect(revision)


def _conflict_page(request, briefing, form, result: MergeResult):
    """Both versions side by side, and the merged text with markers in the editor."""
    theirs = result.merged_with
    briefing.refresh_from_db(fields=["draft_revision"])
    resolve = BriefingEditForm(
        briefing=briefing,
        initial={
            "body": result.text,
            "note": form.cleaned_data["note"],
            "base_revision": theirs.pk if theirs else None,
            "resolving": True,
        },
    )
    return _edit_page(
        request,
        briefing,
        resolve,
        status=409,
        conflict={"theirs": theirs, "theirs_label": revision_label(theirs), "hunks": result.conflicts, "yours": form.cleaned_data["body"]},
    )


@login_required
@require_POST
def markdown_preview(request):
    """The sanitised HTML of posted Markdown, for the editor's live preview."""
    if not can_edit(request.user):
        raise PermissionDenied("Only editors may preview drafts.")
    form = PreviewForm(request.POST)
    body = form.data.get("body", "") if form.is_valid() else ""
    return render(request, "briefings/_preview.html", {"preview": render_for(body, user=request.user)})


PICKER_LIMIT = 20


@login_required
@require_GET
def claim_picker(request, slug):
    """Claims to cite in the draft, found by words of the claim, its speaker or outlet, about the
    briefing unless asked for all, each with its citation marker. The editor's "Cite a claim"
    panel fetches the list alone (``X-Requested-With``) and inserts markers at the cursor;
    without JavaScript this is a page of its own, showing the markers to copy."""
    briefing = editable_briefing(request, slug, "cite claims in briefings")
    fragment = request.headers.get("X-Requested-With") == "fetch"
    form = ClaimPickerForm(request.GET)
    context = {"briefing": briefing, "form": form, "insertable": fragment}
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        limit = data["limit"] or PICKER_LIMIT
        about_briefing = data["scope"] != "all"
        claims, more = claims_to_cite(briefing, user=request.user, words=data["q"],
                                      about_briefing=about_briefing, limit=limit)
        context |= {"claims": claims, "more": more, "limit": limit, "about_briefing": about_briefing,
                    "words": " ".join(data["q"])}
    else:
        status = 400
    template = "briefings/_cite_results.html" if fragment else "briefings/claim_picker.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["X-Requested-With"])
    return response


@login_required
def briefing_create_view(request):
    """A new briefing (from a red ``[[link]]`` the title comes filled in)."""
    if not can_edit(request.user):
        raise PermissionDenied("Only editors may create briefings; this page does not exist yet.")
    if request.method == "POST":
        form = BriefingCreateForm(request.POST)
        if form.is_valid():
            existing = Briefing.objects.visible_to(request.user).filter(title__iexact=" ".join(form.cleaned_data["title"].split())).first()
            if existing is not None:
                messages.info(request, "That briefing already exists: here it is.")
                return redirect(existing)
            try:
                briefing = briefing_create(
                    title=form.cleaned_data["title"],
                    author=request.user,
                    summary=form.cleaned_data["summary"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"Created “{briefing.title}” with its first draft. "
                                          "Now say what it asks and whom and where it is about.")
                return redirect("briefings:question", slug=briefing.slug)
    else:
        form = BriefingCreateForm(initial={"title": request.GET.get("title", "")})
    return render(request, "briefings/briefing_create.html", {"form": form})


@login_required
def briefing_question(request, slug):
    """What the briefing asks (control of a place, the stance of its parties on a target, or
    free) and its subjects; saving proposes the claims already recorded about them."""
    briefing = editable_briefing(request, slug, "change what a briefing asks")
    if request.method == "POST":
        form = BriefingQuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                briefing_question_set(
                    briefing=briefing, editor=request.user, question=data["question"],
                    region=data["question_region"], target=data["question_target"],
                    actors=data["actors"], regions=data["regions"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Saved. Claims already recorded about these subjects are being proposed "
                                          "for review.")
                return redirect(briefing)
    else:
        form = BriefingQuestionForm(initial=BriefingQuestionForm.initial_for(briefing))
    context = {"briefing": briefing, "form": form, **correction_choices()}
    return render(request, "briefings/briefing_question.html", context)
