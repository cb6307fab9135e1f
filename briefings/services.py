"""Writes to briefings. Views, the API, tasks and the seed command all call these."""
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from actors.models import Actor, Region

from .models import Briefing, Link, Revision
from .roles import can_edit, can_publish

WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|[^\[\]\n]*)?\]\]")


class EditConflict(Exception):
    """Someone saved a newer draft since the editor's base revision."""

    def __init__(self, *, base: Revision | None, current: Revision | None):
        self.base, self.current = base, current
        super().__init__(
            f"The draft changed since revision {base.number if base else 0}: "
            f"it is now at revision {current.number if current else 0}."
        )


def _check_editor(editor) -> None:
    # ``editor`` None is the machine (seed data, suggestions); people need the editor role.
    if editor is not None and not can_edit(editor):
        raise PermissionDenied("Only editors may change briefings.")


def wiki_link_titles(body: str) -> list[str]:
    """The distinct ``[[Title]]`` targets of a Markdown body, in order of appearance."""
    seen: dict[str, None] = {}
    for match in WIKI_LINK.finditer(body):
        title = " ".join(match.group(1).split())
        if title:
            seen.setdefault(title, None)
    return list(seen)


@transaction.atomic
def briefing_create(
    *,
    title: str,
    author=None,
    summary: str = "",
    body: str = "",
    note: str = "Created",
    actors: Iterable[Actor] = (),
    regions: Iterable[Region] = (),
    slug: str | None = None,
) -> Briefing:
    """A new briefing with its first draft revision (number 1)."""
    _check_editor(author)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "A briefing needs a title."})
    briefing = Briefing(title=title, slug=slug or slugify(title)[:200], summary=summary, created_by=author)
    briefing.full_clean()
    briefing.save()
    briefing.subject_actors.set(actors)
    briefing.subject_regions.set(regions)
    revision = Revision.objects.create(briefing=briefing, number=1, body=body, author=author, note=note)
    briefing.draft_revision = revision
    briefing.save(update_fields=["draft_revision", "updated_at"])
    # Links in a briefing that did not exist yet now resolve to it.
    Link.objects.filter(target__isnull=True, target_title__iexact=briefing.title).update(target=briefing)
    return briefing


def briefing_revise(*, briefing: Briefing, editor, body: str, base_revision: Revision | None, note: str = "") -> Revision:
    """Save ``body`` as the new current draft, numbered after the last revision.

    Refuses with ``EditConflict`` when the draft moved on since ``base_revision`` (someone
    else saved in between), so no edit silently overwrites another.
    """
    _check_editor(editor)
    with transaction.atomic():
        # The row lock serialises concurrent saves of one briefing; the unique
        # (briefing, number) constraint is the backstop if a caller skips this path.
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        if locked.draft_revision_id != (base_revision.pk if base_revision else None):
            current = Revision.objects.filter(pk=locked.draft_revision_id).first()
            raise EditConflict(base=base_revision, current=current)
        number = (locked.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
        revision = Revision.objects.create(
            briefing=locked, number=number, body=body, author=editor, note=note[:300], parent=base_revision
        )
        locked.draft_revision = revision
        locked.save(update_fields=["draft_revision", "updated_at"])
    briefing.draft_revision = revision
    return revision


def _links_sync(briefing: Briefing, body: str) -> None:
    titles = wiki_link_titles(body)
    targets = {b.title.casefold(): b for b in Briefing.objects.filter(title__in=titles)}
    Link.objects.filter(source=briefing).exclude(target_title__in=titles).delete()
    existing = set(Link.objects.filter(source=briefing).values_list("target_title", flat=True))
    Link.objects.bulk_create(
        Link(source=briefing, target_title=t, target=targets.get(t.casefold())) for t in titles if t not in existing
    )


def briefing_publish(*, briefing: Briefing, reviewer, revision: Revision | None = None) -> Revision:
    """Make the current draft (or a given revision of this briefing) what readers see."""
    if reviewer is not None and not can_publish(reviewer):
        raise PermissionDenied("Only reviewers may publish briefings.")
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        target = revision or locked.draft_revision
        if target is None or target.briefing_id != locked.pk:
            raise ValidationError("There is no revision of this briefing to publish.")
        locked.published_revision = target
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_revision", "published_at", "updated_at"])
        _links_sync(locked, target.body)
    briefing.published_revision, briefing.published_at = target, locked.published_at
    return target
