"""How is a briefing revised? Every change to a briefing's text goes through this module:

1. An editor (the edit page ``briefings/views_edit.py``, the API's draft PUT in
   ``briefings/api/views.py``, a revert from ``views_history.py``) calls ``briefing_revise``
   with the text and the revision the edit started from (``base_revision``).
2. ``briefing_revise`` checks the role (``core.roles.can_edit``), locks the briefing row
   (``select_for_update``), refuses a stale base with ``EditConflict`` (412 in the API), numbers
   the new immutable ``Revision`` and moves ``draft_revision``, in one transaction; a unique
   constraint on (briefing, number) is the backstop, and on PostgreSQL a trigger refuses any
   UPDATE of a revision (migration ``briefings/0002_postgres_integrity``).
3. On a conflict, ``briefing_revise_merging`` (the edit page always; the API with ``?merge=1``)
   merges the editor's change with what was saved meanwhile (three-way, ``briefings/merge.py``)
   and saves a clean merge, or returns the text with conflict markers for the editor to resolve.
4. Suggestions: accepting one or many places their sentences (with their citation markers,
   ``briefings.markup.cite_marker``) in the draft as one new revision through ``briefing_revise``;
   rejecting records the reason; both are undoable for a while (``services/review.py``). The
   machine only ever proposes (``suggestions_propose``, from ``briefings/drafts.py``).
5. A reviewer publishes a revision with ``briefing_publish`` (``core.roles.can_publish``): the
   published pointer moves, a ``Publication`` row keeps the history for digests, and the
   ``[[wiki links]]`` of the published text are synced into ``Link`` rows (``_links_sync``).
6. Caches need no call: the content-version triggers (``core.versioning``) see every write.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from actors.models import Actor, Region
from claims.models import Claim
from core.errors import ServiceError
from core.roles import can_edit, can_publish
from core.unique import slug_for

from ..markup import cite_marker, wiki_titles
from ..merge import Conflict, merge3
from ..models import Briefing, Link, Publication, Revision, Suggestion


class EditConflict(ServiceError):
    """Someone saved a newer draft since the editor's base revision (412 with the current ETag)."""

    status = 412
    code = "precondition_failed"

    def __init__(self, *, base: Revision | None, current: Revision | None):
        self.base, self.current = base, current
        super().__init__(
            f"The draft changed since revision {base.number if base else 0}: "
            f"it is now at revision {current.number if current else 0}."
        )

    @property
    def etag(self) -> str:
        return etag_of(self.current.briefing_id, self.current.number) if self.current else ""

    def body(self) -> dict:
        return {"current_etag": self.etag}

    def headers(self) -> dict[str, str]:
        return {"ETag": self.etag} if self.etag else {}


def etag_of(briefing_id: int, number: int | None) -> str:
    """The ETag naming a briefing's draft revision: strong, ``"b3-r12"`` (``r0`` when none)."""
    return f'"b{briefing_id}-r{number or 0}"'


def _check_editor(editor) -> None:
    # ``editor`` None is the machine (seed data, suggestions); people need the editor role.
    if editor is not None and not can_edit(editor):
        raise PermissionDenied("Only editors may change briefings.")


def _check_body(body: str) -> None:
    # Bounds every later diff, merge and render of the text (a pathological body of a few KB
    # once took seconds to diff; patiencediff keeps that linear, the cap keeps it small).
    if len(body) > Revision.BODY_MAX_CHARS:
        raise ValidationError({"body": (
            f"A briefing's text may have at most {Revision.BODY_MAX_CHARS:,} characters; this one has "
            f"{len(body):,}. Split it into several briefings linked with [[Title]]."
        )})


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
    _check_body(body)
    briefing = Briefing(title=title, slug=slug or slug_for(title, fallback="briefing"), summary=summary, created_by=author)
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
    _check_body(body)
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


MERGE_ATTEMPTS = 3  # a merged save can meet yet another save; give up after this many


@dataclass(frozen=True)
class MergeResult:
    """What ``briefing_revise_merging`` did: the revision it saved, or a merge left to resolve."""

    revision: Revision | None  # None when the changes overlapped and nothing was saved
    text: str  # what was saved, or the merge with conflict markers
    conflicts: list[Conflict] = field(default_factory=list)
    merged_with: Revision | None = None  # the draft saved meanwhile, when there was one

    @property
    def conflicted(self) -> bool:
        return bool(self.conflicts)


def revision_label(revision: Revision | None) -> str:
    """How conflict markers and messages name a revision: ``revision 3 by rita``."""
    if revision is None:
        return "the empty page"
    who = revision.author.get_username() if revision.author_id else "the machine"
    return f"revision {revision.number} by {who}"


def briefing_revise_merging(
    *, briefing: Briefing, editor, body: str, base_revision: Revision | None, note: str = ""
) -> MergeResult:
    """``briefing_revise`` that merges an edit from a stale base instead of refusing it.

    The editor's change (base -> body) is merged with what was saved meanwhile: saved when the
    two do not overlap, returned unsaved with conflict markers when they do. ``EditConflict``
    only when the draft moves on ``MERGE_ATTEMPTS`` times in a row.
    """
    text, base, theirs = body, base_revision, None
    for _ in range(MERGE_ATTEMPTS):
        try:
            revision = briefing_revise(briefing=briefing, editor=editor, body=text, base_revision=base, note=note)
        except EditConflict as conflict:
            last_conflict, theirs = conflict, conflict.current
            # Always the editor's own change against the newest draft, never a merge of a merge,
            # so a retry cannot duplicate what the previous attempt merged in.
            merged = merge3(
                base_revision.body if base_revision else "",
                theirs.body if theirs else "",
                body,
                theirs_label=revision_label(theirs),
                yours_label="your edit",
            )
            if not merged.clean:
                return MergeResult(revision=None, text=merged.text, conflicts=merged.conflicts, merged_with=theirs)
            text, base = merged.text, theirs
        else:
            return MergeResult(revision=revision, text=text, merged_with=theirs)
    raise last_conflict


def _links_sync(briefing: Briefing, body: str) -> None:
    titles = wiki_titles(body)
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
        Publication.objects.create(briefing=locked, revision=target, published_by=reviewer, published_at=locked.published_at)
        _links_sync(locked, target.body)
    briefing.published_revision, briefing.published_at = target, locked.published_at
    return target


# --- suggestions ------------------------------------------------------------------------------


def suggestion_propose(*, briefing: Briefing, claim: Claim, text: str) -> tuple[Suggestion, bool]:
    """A machine proposal for a briefing's draft; proposing the same claim twice does nothing."""
    return Suggestion.objects.get_or_create(briefing=briefing, claim=claim,
                                            defaults={"text": _with_cite_marker(text, claim)})


def _with_cite_marker(text: str, claim: Claim) -> str:
    return text if cite_marker(claim.pk) in text else f"{text.strip()} {cite_marker(claim.pk)}"


def suggestions_propose(*, pairs: Iterable[tuple[Briefing, Claim]], sentence: Callable[[Claim], str],
                        relevance: dict[tuple[int, int], int] | None = None) -> list[Suggestion]:
    """``suggestion_propose`` for many (briefing, claim) pairs at once, the text written by
    ``sentence(claim)`` and the relevance taken from ``relevance[(briefing.pk, claim.pk)]``: one
    query finds the pairs already proposed, one insert writes the others. Returns the new
    suggestions."""
    pairs = list(pairs)
    if not pairs:
        return []
    proposed = set(
        Suggestion.objects.filter(briefing__in={b.pk for b, _ in pairs}, claim__in={c.pk for _, c in pairs})
        .values_list("briefing_id", "claim_id")
    )
    new = []
    for briefing, claim in pairs:
        if (briefing.pk, claim.pk) not in proposed:
            proposed.add((briefing.pk, claim.pk))
            new.append(Suggestion(briefing=briefing, claim=claim, text=_with_cite_marker(sentence(claim), claim),
                                  relevance=(relevance or {}).get((briefing.pk, claim.pk), 0)))
    if not new:
        return []
    try:
        with transaction.atomic():
            return Suggestion.objects.bulk_create(new)
    except IntegrityError:  # another worker proposed one of them meanwhile: one by one, then
        made = [suggestion_propose(briefing=s.briefing, claim=s.claim, text=s.text) for s in new]
        return [suggestion for suggestion, created in made if created]


# --- revisions --------------------------------------------------------------------------------


def briefing_revert(*, briefing: Briefing, editor, to_revision: Revision, base_revision: Revision | None) -> Revision:
    """Bring back an old revision's text as a new revision (history is never rewritten)."""
    if to_revision.briefing_id != briefing.pk:
        raise ValidationError("That revision belongs to another briefing.")
    return briefing_revise(
        briefing=briefing,
        editor=editor,
        body=to_revision.body,
        base_revision=base_revision,
        note=f"Reverted to revision {to_revision.number}",
    )
