"""A briefing's history: every revision, the diff between any two, revert."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.roles import can_edit

from .forms import RevertForm
from .models import Briefing, Publication, Revision
from .services import EditConflict, briefing_revert
from .textdiff import diff_rows
from .views_edit import editable_briefing

HISTORY_PAGE = 50


def revisions_visible_to(briefing: Briefing, user):
    """Editors see every revision; readers see the ones that were published at some point."""
    revisions = Revision.objects.filter(briefing=briefing).annotate(
        was_published=Exists(Publication.objects.filter(revision=OuterRef("pk")))
    )
    return revisions if can_edit(user) else revisions.filter(was_published=True)


def briefing_history(request, slug):
    """Every revision of a briefing, newest first, with radio buttons to compare two."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    revisions = revisions_visible_to(briefing, request.user).select_related("author").defer("body").order_by("-number")
    page = Paginator(revisions, HISTORY_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "briefings/briefing_history.html",
        {
            "briefing": briefing,
            "page": page,
            "can_edit": can_edit(request.user),
        },
    )


def _number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def briefing_diff(request, slug):
    """What changed between two revisions (``?from=3&to=5``; by default the latest change)."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    visible = revisions_visible_to(briefing, request.user).select_related("author")
    newest = visible.order_by("-number").values_list("number", flat=True).first()
    if newest is None:
        raise Http404("This briefing has no revision to compare.")
    new_number = _number(request.GET.get("to"), newest)
    new = get_object_or_404(visible, number=new_number)
    old_number = _number(request.GET.get("from"), None)
    if old_number is None:
        old = visible.filter(number__lt=new.number).order_by("-number").first()
    else:
        old = get_object_or_404(visible, number=old_number)
    if old is not None and old.number > new.number:
        old, new = new, old
    rows = diff_rows(old.body if old else "", new.body)
    return render(
        request,
        "briefings/briefing_diff.html",
        {"briefing": briefing, "old": old, "new": new, "rows": rows, "changed": any(r.kind != "equal" for r in rows)},
    )


@login_required
@require_POST
def revision_revert(request, slug, number):
    """Bring back an old revision's text as a new draft revision."""
    briefing = editable_briefing(request, slug, "revert briefings")
    target = get_object_or_404(Revision.objects.filter(briefing=briefing), number=number)
    form = RevertForm(request.POST)
    base_pk = form.cleaned_data["base_revision"] if form.is_valid() else None
    base = Revision.objects.filter(briefing=briefing, pk=base_pk).first() if base_pk else None
    try:
        revision = briefing_revert(briefing=briefing, editor=request.user, to_revision=target, base_revision=base)
    except EditConflict as conflict:
        current = conflict.current
        messages.error(
            request,
            f"The draft changed since you opened the history (it is now revision {current.number if current else 0}); "
            "check it before reverting.",
        )
        return redirect("briefings:history", slug=briefing.slug)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("briefings:history", slug=briefing.slug)
    messages.success(request, f"Revision {revision.number} brings back the text of revision {target.number}.")
    return redirect(revision)
