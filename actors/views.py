"""Catalogue pages: actors and regions."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Actor, Region


@login_required
def actor_list(request):
    """The catalogue of actors, by kind."""
    actors = Actor.objects.visible_to(request.user).select_related("parent").order_by("kind", "name")
    return render(request, "actors/actor_list.html", {"actors": actors})


@login_required
def actor_detail(request, slug):
    """An actor with its aliases, members and the briefings about it."""
    actor = get_object_or_404(
        Actor.objects.visible_to(request.user).select_related("parent", "territory").prefetch_related(
            "aliases", "members", "briefings"
        ),
        slug=slug,
    )
    return render(request, "actors/actor_detail.html", {"actor": actor})


@login_required
def region_detail(request, slug):
    """A region with its parent, children and aliases."""
    region = get_object_or_404(
        Region.objects.visible_to(request.user).select_related("parent").prefetch_related("aliases", "children"),
        slug=slug,
    )
    return render(request, "actors/region_detail.html", {"region": region})
