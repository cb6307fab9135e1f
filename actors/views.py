"""Catalogue pages: actors, regions, and the review queue for the extractor's candidates.

The pages show what the later apps built on the catalogue (claims, citations, briefings,
mentions). They reach it through reverse relations and ``apps.get_model`` so that this app
never imports ``sources``, ``claims`` or ``briefings``: dependencies run one way
(core <- actors <- sources <- claims <- briefings).
"""
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Prefetch
from django.db.models.functions import Greatest, Least, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.listing import filter_form_for_pages, paginate

from . import services
from .filters import ActorFilter, RegionFilter
from .maps import highlights, map_svg, places_of, span_for
from .forms import CandidateReviewForm
from .models import Actor, Region, ReviewState
from .names import is_mixed_script

PAGE_SIZE = 50
CLAIMS_PER_PAGE = 20
EXAMPLES_PER_CANDIDATE = 3
CONTEXT_CHARS = 60  # shown either side of an example mention
ANCESTOR_DEPTH = 5  # regions nest country > province > city > area; deeper chains cost a query a level


def can_review_candidates(user) -> bool:
    """The permission ``actors.services`` checks before accepting, merging or rejecting."""
    return user.is_authenticated and user.has_perm("actors.change_actor")


def _sees_everything(user) -> bool:
    # Mirrors CatalogueQuerySet.visible_to: who may follow a link to a candidate or a merged entry.
    return can_review_candidates(user)


def claims_listed(claims):
    """``claims`` newest first, with what a list of them shows (speaker, relay, holder, the
    citations' articles and outlets) fetched in two queries however many there are."""
    Citation = apps.get_model("claims", "Citation")
    citations = Citation.objects.select_related("article__outlet").defer("article__text", "article__html")
    return (
        claims.select_related("speaker", "relayed_by", "holder")
        .prefetch_related(Prefetch("citations", queryset=citations.order_by("created_at", "pk")))
        .order_by(F("event_date").desc(nulls_last=True), "-created_at", "-pk")
    )


def claims_dressed(claims) -> None:
    """Give each of ``claims`` (from ``claims_listed``) its outlets (``c.outlets``: the relay,
    then the cited articles' outlets) and the day it was first reported (``c.reported_on``)."""
    for claim in claims:
        cited = claim.citations.all()
        outlets = [claim.relayed_by] if claim.relayed_by_id else []
        for citation in cited:
            if citation.article.outlet and citation.article.outlet not in outlets:
                outlets.append(citation.article.outlet)
        claim.outlets = outlets
        published = [c.article.published_date for c in cited if c.article.published_at]
        claim.reported_on = min(published) if published else None


def claims_page(request, claims, param: str = "page"):
    """One page of claims with their outlets and a date, in a fixed number of queries (also the
    claims app's list page)."""
    page = paginate(request, claims_listed(claims), per_page=CLAIMS_PER_PAGE, param=param)
    claims_dressed(page)
    return page


@login_required
def actor_list(request):
    """The catalogue of actors, filtered by kind, name or alias (the API's FilterSet)."""
    actors = Actor.objects.visible_to(request.user).select_related("parent").order_by("kind", "name", "pk")
    filterset = ActorFilter(request.GET or None, queryset=actors)
    filter_form_for_pages(filterset, hide=() if _sees_everything(request.user) else ("review_state",))
    page = paginate(request, filterset.qs, per_page=PAGE_SIZE)
    kinds = [(value, label, request.GET.getlist("kind") == [value]) for value, label in Actor.Kind.choices]
    return render(request, "actors/actor_list.html", {"filter": filterset, "page": page, "kinds": kinds})


@login_required
def region_list(request):
    """The catalogue of regions, filtered by kind, name, alias or enclosing region."""
    regions = Region.objects.visible_to(request.user).select_related("parent").order_by("name", "pk")
    filterset = RegionFilter(request.GET or None, queryset=regions)
    filter_form_for_pages(filterset, hide=() if _sees_everything(request.user) else ("review_state",))
    page = paginate(request, filterset.qs, per_page=PAGE_SIZE)
    kinds = [(value, label, request.GET.getlist("kind") == [value]) for value, label in Region.Kind.choices]
    return render(request, "actors/region_list.html", {"filter": filterset, "page": page, "kinds": kinds})


def _redirect_if_merged(model, request, slug):
    """A merged entry's old address leads to the entry it was merged into; others are 404."""
    merged = model.objects.filter(slug=slug, review_state=ReviewState.MERGED).select_related("merged_into").first()
    if merged and model.objects.visible_to(request.user).filter(pk=merged.merged_into_id).exists():
        return redirect(merged.merged_into)
    raise Http404("No such entry in the catalogue.")


def _other_names(entry) -> list[str]:
    return [alias.name for alias in entry.aliases.all() if alias.name != entry.name]


def _merge_targets(model, entry, user):
    """What a candidate's page offers as merge targets (nothing for other entries)."""
    if not (entry.is_candidate and can_review_candidates(user)):
        return model.objects.none()
    return model.objects.catalogue().only("slug", "name").order_by("name")


@login_required
def actor_detail(request, slug):
    """An actor: affiliation, aliases, members, the briefings about it, and its claims as
    speaker and as subject, each list paginated."""
    user = request.user
    visible = Actor.objects.visible_to(user)
    actor = (
        visible.select_related("parent", "territory", "merged_into")
        .prefetch_related("aliases")
        .filter(slug=slug)
        .first()
    )
    if actor is None:
        return _redirect_if_merged(Actor, request, slug)
    context = {
        "actor": actor,
        "aliases": _other_names(actor),
        "members": actor.members.visible_to(user).order_by("name"),
        "briefings": actor.briefings.visible_to(user).order_by("title"),
        "spoken": claims_page(request, actor.claims_spoken.visible_to(user), "spoken"),
        "about": claims_page(request, actor.claims_about.visible_to(user), "about"),
        "can_review": can_review_candidates(user),
        "sees_everything": _sees_everything(user),
        "merge_targets": _merge_targets(Actor, actor, user),
        "watch": _own_watch(actor, user),
    }
    return render(request, "actors/actor_detail.html", context)


def _own_watch(entry: Actor | Region, user):
    """The visitor's watch on this actor or region, if any (watches belong to briefings)."""
    return entry.watchers.filter(user=user).first() if user.is_authenticated else None


def _ancestors(region: Region) -> list[Region]:
    chain, current = [], region
    while current.parent_id:
        current = current.parent  # select_related covers ANCESTOR_DEPTH levels
        chain.append(current)
    return chain[::-1]


@login_required
def region_detail(request, slug):
    """A region: its parent chain (Kirkuk › Iraq), the places within it, the briefings about
    it and the claims about it, paginated."""
    user = request.user
    visible = Region.objects.visible_to(user)
    region = (
        visible.select_related("__".join(["parent"] * ANCESTOR_DEPTH), "merged_into")
        .prefetch_related("aliases")
        .filter(slug=slug)
        .first()
    )
    if region is None:
        return _redirect_if_merged(Region, request, slug)
    children = list(region.children.visible_to(user).order_by("name"))
    context = {
        "region": region,
        "aliases": _other_names(region),
        "ancestors": _ancestors(region),
        "children": children,
        "map": map_svg(places_of(children, main=region), label=f"{region.name} and the places within it",
                       min_span=span_for(region), highlight=highlights([region])),
        "states": region.states.visible_to(user).order_by("name"),
        "briefings": region.briefings.visible_to(user).order_by("title"),
        "claims": claims_page(request, region.claims.visible_to(user), "claims"),
        "can_review": can_review_candidates(user),
        "sees_everything": _sees_everything(user),
        "merge_targets": _merge_targets(Region, region, user),
        "watch": _own_watch(region, user),
    }
    return render(request, "actors/region_detail.html", context)


# --- candidates --------------------------------------------------------------------------------


def _candidate_page(request, model, param: str):
    """Candidates with most mentions first, each with a few example mentions in context."""
    Mention = apps.get_model("sources", "Mention")
    # The words around each example, cut in SQL: articles can be long and only these are shown.
    examples = (
        Mention.objects.select_related("article")
        .defer("article__text", "article__html")
        .annotate(
            # Substr counts from 1: the CONTEXT_CHARS (or fewer) characters before the mention.
            before=Substr(
                "article__text", Greatest(F("start") - CONTEXT_CHARS + 1, 1), Least(F("start"), CONTEXT_CHARS)
            ),
            after=Substr("article__text", F("end") + 1, CONTEXT_CHARS),
        )
        .order_by("-article__created_at", "pk")
    )
    candidates = (
        model.objects.candidates()
        .annotate(mention_count=Count("mentions"))
        .prefetch_related(
            "aliases", Prefetch("mentions", queryset=examples[:EXAMPLES_PER_CANDIDATE], to_attr="examples")
        )
        .order_by("-mention_count", "name", "pk")
    )
    page = paginate(request, candidates, per_page=PAGE_SIZE, param=param)
    # A name disguised as a catalogue name ("Мasоud Barzani" in Cyrillic and Latin letters)
    # says so, with the entry it imitates.
    lookalikes = model.objects.lookalikes_of(page.object_list)
    for entry in page.object_list:
        entry.lookalike, entry.mixed_script = lookalikes.get(entry.pk), is_mixed_script(entry.name)
    return page


@login_required
def candidate_list(request):
    """The editors' queue of names the extractor could not place: accept, merge or reject."""
    if not can_review_candidates(request.user):
        raise PermissionDenied("Reviewing candidate actors and regions is for editors.")
    context = {
        "actor_page": _candidate_page(request, Actor, "actors"),
        "region_page": _candidate_page(request, Region, "regions"),
        # One list of merge targets per kind, shared by every row through a <datalist>.
        "actor_targets": Actor.objects.catalogue().only("slug", "name").order_by("name"),
        "region_targets": Region.objects.catalogue().only("slug", "name").order_by("name"),
    }
    return render(request, "actors/candidate_list.html", context)


@require_POST
@login_required
def candidate_review(request, target, pk):
    """Accept, merge or reject one candidate, then go back where the editor came from."""
    if not can_review_candidates(request.user):
        raise PermissionDenied("Reviewing candidate actors and regions is for editors.")
    model = {"actor": Actor, "region": Region}.get(target)
    if model is None:
        raise PermissionDenied("Unknown kind of candidate.")
    entry = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    form = CandidateReviewForm(request.POST, model=model)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("actors:candidate-list")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{entry}: {error}")
        return redirect(back)
    action = form.cleaned_data["action"]
    try:
        if action == form.ACCEPT:
            services.candidate_accept(
                entry=entry, editor=request.user, kind=form.cleaned_data["kind"], parent=form.cleaned_data["parent"]
            )
            messages.success(request, f"{entry} is in the catalogue now.")
        elif action == form.REJECT:
            services.candidate_reject(entry=entry, editor=request.user)
            messages.success(request, f"{entry} was rejected; the name will not be proposed again.")
        else:
            into = form.cleaned_data["target"]
            services.candidate_merge(entry=entry, into=into, editor=request.user)
            messages.success(request, f"{entry} was merged into {into}.")
    except ValidationError as error:
        # Typically someone else reviewed it a moment earlier: say so rather than fail.
        for message in error.messages:
            messages.error(request, message)
    return redirect(back)
