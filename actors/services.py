"""Writes to the catalogue. Views, the API, tasks and the seed command all call these."""
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import StateConflict
from core.unique import create_or_get, names_lock, slug_for

from .models import Actor, Alias, Region, ReviewState
from .names import normalise_name


def _slug_base(name: str, max_length: int = 200) -> str:
    return slug_for(name, fallback="entry", max_length=max_length - 8)  # room for a "-2" suffix


def unique_slug(model, name: str, *, max_length: int = 200) -> str:
    """A slug for ``name`` not yet used by ``model`` (isis, isis-2, ...)."""
    base = _slug_base(name, max_length)
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
    return create_or_get(
        Alias, find=Q(normalised=normalised, **{field: target}), build=lambda: Alias(name=name, normalised=normalised, **{field: target})
    )


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
    def build() -> Region:
        region = Region(slug=slug, name=name, kind=kind, parent=parent, description=description)
        if latitude is not None and longitude is not None:
            region.latitude = Decimal(str(round(float(latitude), 5)))
            region.longitude = Decimal(str(round(float(longitude), 5)))
        return region

    region, created = create_or_get(Region, find=Q(slug=slug), build=build)
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
    actor, created = create_or_get(Actor, find=Q(slug=slug), build=lambda: Actor(
        slug=slug, name=name, kind=kind, description=description, parent=parent, territory=territory
    ))
    _aliases_add(actor, aliases)
    return actor, created


@transaction.atomic
def candidate_propose(*, target: str, name: str, kind: str) -> tuple[Actor | Region, bool]:
    """A machine guess for an unknown name: reuse the candidate already proposed under the same
    normalised name (or the rejected one, so a rejected guess is not proposed again)."""
    model = Actor if target == "actor" else Region
    normalised = normalise_name(name)
    names_lock(f"candidate:{target}", [normalised])  # parallel proposals of one name make one
    existing = _proposed(model, [normalised]).get(normalised)
    if existing:
        return existing, False
    entry = model.objects.create(
        slug=unique_slug(model, name), name=name.strip(), kind=kind, review_state=ReviewState.CANDIDATE
    )
    alias_add(target=entry, name=entry.name)
    return entry, True


def _proposed(model, normalised: Iterable[str]) -> dict[str, Actor | Region]:
    """The entries already known under each normalised name (merged ones aside), the oldest.
    In SQL written here: the pipeline asks for every batch, and the ORM took longer to build
    the query than the database takes to answer it."""
    names = list(normalised)
    found: dict[str, Actor | Region] = {}
    if not names:
        return found
    quote = connection.ops.quote_name
    target = quote(Alias._meta.get_field("actor" if model is Actor else "region").column)
    sql = (f"SELECT e.*, a.normalised AS matched FROM {quote(model._meta.db_table)} e "
           f"JOIN {quote(Alias._meta.db_table)} a ON a.{target} = e.id "
           f"WHERE a.normalised IN ({', '.join(['%s'] * len(names))}) AND e.review_state <> %s "
           "ORDER BY e.id DESC")  # later rows overwrite: the oldest wins
    for row in model.objects.raw(sql, [*names, ReviewState.MERGED]):
        found[row.matched] = row
    return found


def candidates_propose(*, target: str, names: Iterable[tuple[str, str]]) -> dict[str, Actor | Region]:
    """``candidate_propose`` for many (name, kind) pairs at once, keyed by normalised name: one
    query finds the names already proposed (news repeats its names), only new ones are created."""
    model = Actor if target == "actor" else Region
    wanted: dict[str, tuple[str, str]] = {}
    for name, kind in names:
        wanted.setdefault(normalise_name(name), (name, kind))
    found = _proposed(model, wanted)
    missing = {normalised: pair for normalised, pair in wanted.items() if normalised not in found}
    if missing:
        found |= _candidates_create(model, missing)
    return found


@transaction.atomic
def _candidates_create(model, wanted: dict[str, tuple[str, str]]) -> dict[str, Actor | Region]:
    """New candidates, each with its own name as alias, in two inserts: the slugs they get are
    the ones ``candidate_propose`` would give them one after the other."""
    if not all(wanted):
        raise ValueError("An alias needs at least one letter or digit.")
    names_lock(f"candidate:{'actor' if model is Actor else 'region'}", list(wanted))
    # Another transaction may have proposed some of these names while this one waited.
    known = _proposed(model, wanted)
    wanted = {normalised: pair for normalised, pair in wanted.items() if normalised not in known}
    bases = {normalised: _slug_base(name) for normalised, (name, _) in wanted.items()}
    taken = set(model.objects.filter(slug__in=set(bases.values())).values_list("slug", flat=True))
    entries = {}
    for normalised, (name, kind) in wanted.items():
        slug, n = bases[normalised], 1
        while slug in taken or (n > 1 and model.objects.filter(slug=slug).exists()):
            n += 1
            slug = f"{bases[normalised]}-{n}"
        taken.add(slug)
        entries[normalised] = model(slug=slug, name=name.strip(), kind=kind, review_state=ReviewState.CANDIDATE)
    model.objects.bulk_create(entries.values())
    field = "actor" if model is Actor else "region"
    Alias.objects.bulk_create(
        Alias(name=entry.name, normalised=normalise_name(entry.name), **{field: entry}) for entry in entries.values()
    )
    return known | entries


def _check_reviewer(editor) -> None:
    if not (editor.is_authenticated and editor.has_perm("actors.change_actor")):
        raise PermissionDenied("Only editors review candidates.")


def _locked_candidate(entry: Actor | Region, editor) -> Actor | Region:
    """The candidate, locked, stamped with who decides it and when (the caller saves it)."""
    locked = type(entry).objects.select_for_update().get(pk=entry.pk)
    if locked.review_state != ReviewState.CANDIDATE:
        raise StateConflict(f"{locked} is not a candidate (it is {locked.get_review_state_display().lower()}).")
    locked.reviewed_at, locked.reviewed_by = timezone.now(), editor
    return locked


def _check_placement(entry: Actor | Region, kind: str | None, parent: Actor | Region | None) -> None:
    model = type(entry)
    noun = "actor" if model is Actor else "region"
    if kind is not None and kind not in model.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of {noun}.")
    if parent is None:
        return
    if type(parent) is not model:
        raise ValidationError(f"The parent of a {noun} is a {noun}.")
    if parent.review_state != ReviewState.ACCEPTED:
        raise ValidationError(f"{parent} is not in the catalogue; accept it first.")
    # A candidate has no children yet unless an editor nested one under it; refuse a loop all the same.
    ancestor, seen = parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == entry.pk:
            raise ValidationError(f"{parent} is inside {entry}; it cannot also be its parent.")
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


@transaction.atomic
def candidate_accept(
    *, entry: Actor | Region, editor, kind: str | None = None, parent: Actor | Region | None = None
) -> Actor | Region:
    """Move a machine guess into the catalogue, so linking uses it from now on; the editor may
    correct its kind (IRNA is a media outlet) and place it under an accepted parent of the same
    sort (Hawija inside Kirkuk Governorate)."""
    _check_reviewer(editor)
    _check_placement(entry, kind, parent)
    locked = _locked_candidate(entry, editor)
    locked.review_state = ReviewState.ACCEPTED
    fields = ["review_state", "reviewed_at", "reviewed_by", "updated_at"]
    if kind is not None:
        locked.kind = kind
        fields.append("kind")
    if parent is not None:
        locked.parent = parent
        fields.append("parent")
    locked.save(update_fields=fields)
    return locked


@transaction.atomic
def candidate_reject(*, entry: Actor | Region, editor) -> Actor | Region:
    """Refuse a machine guess; its aliases stay so the same name is not proposed again."""
    _check_reviewer(editor)
    locked = _locked_candidate(entry, editor)
    locked.review_state = ReviewState.REJECTED
    locked.save(update_fields=["review_state", "reviewed_at", "reviewed_by", "updated_at"])
    return locked


@transaction.atomic
def candidate_merge(*, entry: Actor | Region, into: Actor | Region, editor) -> Actor | Region:
    """Fold a candidate into an existing entry: its names become aliases of ``into`` and
    everything that pointed at it (mentions, claims, briefings...) points at ``into``."""
    _check_reviewer(editor)
    if type(entry) is not type(into) or entry.pk == into.pk:
        raise ValidationError("Merge a candidate into another entry of the same kind (actor or region).")
    if into.review_state != ReviewState.ACCEPTED:
        raise ValidationError(f"{into} is not in the catalogue; accept it first.")
    locked = _locked_candidate(entry, editor)
    for alias in list(locked.aliases.all()):
        alias_add(target=into, name=alias.name)
    locked.aliases.all().delete()
    # Repoint every relation generically, so this app need not know the apps built on it.
    for rel in type(locked)._meta.related_objects:
        if rel.field.name in {"merged_into"} or rel.related_model is Alias:
            continue
        if rel.many_to_many:
            accessor = getattr(locked, rel.get_accessor_name())
            for obj in list(accessor.all()):
                getattr(obj, rel.field.name).add(into)
            accessor.clear()
        elif rel.one_to_many or rel.one_to_one:
            rel.related_model._base_manager.filter(**{rel.field.name: locked}).update(**{rel.field.name: into})
    locked.review_state, locked.merged_into = ReviewState.MERGED, into
    locked.save(update_fields=["review_state", "merged_into", "reviewed_at", "reviewed_by", "updated_at"])
    return locked
