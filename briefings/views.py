"""Briefing pages for reading: the list, a briefing with its claims, a claim, watches.

Editing lives in ``views_edit``, history and diffs in ``views_history``, suggestion review and
publishing in ``views_review``.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from actors.models import Actor, Region
from core.page_cache import per_user
from core.roles import can_edit, can_publish
from core.versioning import depends_on

from .models import Briefing, Frequency, Subscription, Suggestion
from .page import briefing_fragment, render_for
from .services import digest_frequency_set, subscription_unwatch, subscription_watch, user_digest_frequency
from .views_history import revisions_visible_to


def briefing_list(request):
    """The home page: briefings the visitor may read, most recently published first."""
    briefings = (
        Briefing.objects.visible_to(request.user)
        .select_related("published_revision")
        .annotate(pending=Count("suggestions", filter=Q(suggestions__state="pending")))
        .order_by("-published_at", "title")
    )
    return render(request, "briefings/briefing_list.html", {"briefings": briefings})


@per_user("briefing")
def briefing_detail(request, slug):
    """A briefing's published text (editors also see a never-published draft) with its footnotes,
    subjects, claims, disputes, timeline and backlinks. The whole page is kept per user
    (``core.page_cache``) until a write touches what it declared it shows: the briefing (its
    row, revisions, suggestions, subjects) here, the rest in ``page.briefing_fragment``."""
    user = request.user
    editor = can_edit(user)
    # Only what the page needs around the fragment: no revision body, no joins.
    briefings = Briefing.objects.visible_to(user).only(
        "id", "title", "slug", "summary", "published_revision_id", "draft_revision_id", "published_at",
        "question", "question_region_id", "question_target_id",
    )
    if user.is_authenticated:
        briefings = briefings.annotate(
            watching=Exists(Subscription.objects.filter(user=user, briefing=OuterRef("pk")))
        )
    if editor:
        pending = Suggestion.objects.filter(briefing=OuterRef("pk"), state="pending").order_by().values("briefing")
        briefings = briefings.annotate(
            pending=Coalesce(Subquery(pending.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0),
            published_number=F("published_revision__number"),
        )
    briefing = get_object_or_404(briefings, slug=slug)
    depends_on(f"briefing:{briefing.pk}")
    # Readers only reach published briefings (visible_to); editors also see a draft-only one.
    revision_id = briefing.published_revision_id or briefing.draft_revision_id
    context = {
        "briefing": briefing,
        "revision_id": revision_id,
        "fragment": briefing_fragment(briefing, revision_id, user),
        "can_edit": editor,
        "can_publish": editor and can_publish(user),
        "draft_ahead": briefing.draft_revision_id != briefing.published_revision_id,
    }
    return render(request, "briefings/briefing_detail.html", context)


def revision_detail(request, slug, number):
    """One revision of a briefing, rendered and as Markdown source."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    revision = get_object_or_404(
        revisions_visible_to(briefing, request.user).select_related("author"), number=number
    )
    return render(
        request,
        "briefings/revision_detail.html",
        {
            "briefing": briefing,
            "revision": revision,
            "rendered": render_for(revision.body, user=request.user),
            "can_edit": can_edit(request.user),
            "can_publish": can_publish(request.user),
            "is_draft": revision.pk == briefing.draft_revision_id,
            "is_published": revision.pk == briefing.published_revision_id,
        },
    )


@login_required
def watch_list(request):
    """The visitor's own watches on one page: how often digests come, and each watch with a
    button to remove it."""
    watches = (
        Subscription.objects.visible_to(request.user)
        .select_related("briefing", "actor", "region")
        .order_by("created_at", "pk")
    )
    return render(request, "briefings/watch_list.html", {
        "watches": watches,
        "frequency": user_digest_frequency(request.user),
        "frequencies": Frequency.choices,
    })


@login_required
@require_POST
def watch_frequency(request):
    """Daily, weekly or off, for all the visitor's watches."""
    try:
        digest_frequency_set(user=request.user, frequency=request.POST.get("frequency", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Digest frequency saved.")
    return redirect("briefings:watches")


@login_required
@require_POST
def watch_remove(request, pk):
    """Remove one of the visitor's own watches (someone else's is a 404)."""
    watch = get_object_or_404(Subscription.objects.visible_to(request.user), pk=pk)
    subscription_unwatch(user=request.user, subscription=watch)
    messages.success(request, f"You no longer watch {watch.target}.")
    target = request.POST.get("next")
    return redirect(target if target and _safe_next(request) else "briefings:watches")


WATCHABLE = {"actor": Actor, "region": Region}


@login_required
@require_POST
def entry_watch(request, kind, slug):
    """Watch an actor or a region: digests then cover the briefings about it."""
    model = WATCHABLE.get(kind)
    if model is None:
        raise Http404("Only actors and regions are watched this way.")
    entry = get_object_or_404(model.objects.visible_to(request.user), slug=slug)
    _, created = subscription_watch(user=request.user, **{kind: entry})
    if created:
        messages.success(request, f"You now watch {entry}: briefings about it come in your digest.")
    return redirect(entry)


def _safe_next(request) -> bool:
    """The ``next`` address is on this site (no open redirect)."""
    target = request.POST.get("next")
    return not target or url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                          require_https=request.is_secure())


@login_required
@require_POST
def briefing_watch(request, slug):
    """Start watching a briefing (its changes come in the digest)."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    _, created = subscription_watch(user=request.user, briefing=briefing)
    if created:
        messages.success(request, f"You now watch “{briefing.title}”: its changes come in your digest.")
    return redirect(briefing)


@login_required
@require_POST
def briefing_unwatch(request, slug):
    """Stop watching a briefing."""
    briefing = get_object_or_404(Briefing.objects.visible_to(request.user), slug=slug)
    watch = Subscription.objects.visible_to(request.user).filter(briefing=briefing).first()
    if watch is not None:
        subscription_unwatch(user=request.user, subscription=watch)
        messages.success(request, f"You no longer watch “{briefing.title}”.")
    return redirect(briefing)
