"""Writes to the catalogue. Views, the API, tasks and the seed command all call these."""
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from .models import Actor, Alias, Region, ReviewState
from .names import normalise_name


def unique_slug(model, name: str, *, max_length: int = 200) -> str:
    """A slug for ``name`` not yet used by ``model`` (isis, isis-2, ...)."""
    base = (slugify(name) or "entry")[: max_length - 8]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def alias_add(*, target: Actor | Region, name: str) -> tuple[Alias, bool]:
    """Give ``target`` another name; an alias already known for it (by normalised form) is kept."""
    name = name.strip()
    normalised = normalise_name(name)
    if not normalised:
        raise ValueError("An alias needs at least one letter or digit.")
    field = "actor" if isinstance(target, Actor) else "region"
    existing = Alias.objects.filter(normalised=normalised, **{field: target}).first()
    if existing:
        return existing, False
    return Alias.objects.create(name=name, **{field: target}), True


def _aliases_add(target: Actor | Region, names: Iterable[str]) -> None:
    # Every entry is findable by its own name too, so linking needs only the alias table.
    for name in [target.name, *names]:
        alias_add(target=target, name=name)


@transaction.atomic
def region_ensure(
    *,
    slug: str,
    name: str,
    kind: str,
    parent: Region | None = None,
    description: str = "",
    latitude: float | Decimal | None = None,
    longitude: float | Decimal | None = None,
    aliases: Iterable[str] = (),
) -> tuple[Region, bool]:
    """The region with ``slug``, created if missing. An existing region is left as editors made
    it (only missing aliases are added), so loading seeds twice changes nothing."""
    region = Region.objects.filter(slug=slug).first()
    created = region is None
    if created:
        region = Region(slug=slug, name=name, kind=kind, parent=parent, description=description)
        if latitude is not None and longitude is not None:
            region.latitude = Decimal(str(round(float(latitude), 5)))
            region.longitude = Decimal(str(round(float(longitude), 5)))
        region.full_clean()
        region.save()
    _aliases_add(region, aliases)
    return region, created


@transaction.atomic
def actor_ensure(
    *,
    slug: str,
    name: str,
    kind: str,
    description: str = "",
    parent: Actor | None = None,
    territory: Region | None = None,
    aliases: Iterable[str] = (),
) -> tuple[Actor, bool]:
    """The actor with ``slug``, created if missing; existing actors keep the editors' version."""
    actor = Actor.objects.filter(slug=slug).first()
    created = actor is None
    if created:
        actor = Actor(slug=slug, name=name, kind=kind, description=description, parent=parent, territory=territory)
        actor.full_clean()
        actor.save()
    _aliases_add(actor, aliases)
    return actor, created


@transaction.atomic
def candidate_propose(*, target: str, name: str, kind: str) -> tuple[Actor | Region, bool]:
    """A machine guess for an unknown name: reuse the candidate already proposed under the same
    normalised name (or the rejected one, so a rejected guess is not proposed again)."""
    model = Actor if target == "actor" else Region
    normalised = normalise_name(name)
    existing = (
        model.objects.filter(aliases__normalised=normalised)
        .exclude(review_state=ReviewState.MERGED)
        .order_by("pk")
        .first()
    )
    if existing:
        return existing, False
    entry = model.objects.create(
        slug=unique_slug(model, name), name=name.strip(), kind=kind, review_state=ReviewState.CANDIDATE
    )
    alias_add(target=entry, name=entry.name)
    return entry, True
