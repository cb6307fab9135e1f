"""How are suggestions decided? Accepting or rejecting one suggestion, the restatements of one
claim together, or many at once (selected, everything from one article or outlet, everything
below a confidence) goes through this module:

- ``suggestions_accept`` places the sentences in the draft as one new revision (each group of
  restatements one paragraph with all its citation markers), in the section the editor chose,
  with a note that says what was accepted ("Accepted: Barzani on Kirkuk, AFP 27 Jun");
- ``suggestions_reject`` records the reason on each;
- both record one ``ReviewDecision`` naming the suggestions, and ``review_decision_undo`` puts
  them back to pending within ``BRIEFWIKI_REVIEW_UNDO_SECONDS`` (an acceptance only while the
  draft is still the revision it made, which it then takes back as a new revision).
"""
import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from actors.models import Actor
from claims.models import Claim
from claims.wording import speaker_label
from core.errors import StateConflict

from ..markup import cite_marker
from ..models import Briefing, ReviewDecision, Revision, Suggestion
from ..placement import END, default_placements
from .revisions import _check_editor, briefing_revise

BULK_ACCEPT_MAX = 200  # more than this at once is no longer reviewing: reject or filter instead
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)


def restatement_key(claim: Claim) -> tuple:
    """What makes two claims restatements of one another: the same speaker (the catalogue's
    actor, else the article's description), the same polarity and the same words. Mirrors
    ``briefings.review.restatement_partition`` in SQL."""
    speaker = ("", claim.speaker_id) if claim.speaker_id else (claim.speaker_text.lower(), None)
    return (*speaker, claim.polarity, claim.text.lower())


def draft_sections(body: str) -> list[str]:
    """The headings of a draft, in order: the places a suggestion can go."""
    return [m.group(2).strip() for m in HEADING.finditer(body or "")]


def place_paragraphs(body: str, paragraphs: list[str], section: str = "", *, new_section: bool = False) -> str:
    """``body`` with ``paragraphs`` at the end of the section headed ``section`` (before the next
    heading of the same or a higher level), or at the end of the text; ``new_section``: under a
    heading ``section`` added at the end when the draft has none."""
    text = "\n\n".join(p.strip() for p in paragraphs)
    if new_section and section and section not in draft_sections(body):
        text = f"## {section}\n\n{text}"
    headings = list(HEADING.finditer(body or ""))
    for i, match in enumerate(headings):
        if match.group(2).strip() != section:
            continue
        level = len(match.group(1))
        end = next((h.start() for h in headings[i + 1:] if len(h.group(1)) <= level), len(body))
        before, after = body[:end].rstrip(), body[end:]
        return f"{before}\n\n{text}\n" + (f"\n{after}" if after else "")
    body = (body or "").rstrip()
    return f"{body}\n\n{text}\n" if body else f"{text}\n"


def _short_speaker(claim: Claim) -> str:
    if claim.speaker_id and claim.speaker.kind == Actor.Kind.PERSON:
        return claim.speaker.name.split()[-1]
    return speaker_label(claim)


def accepted_label(claim: Claim) -> str:
    """A claim in a few words for a revision note: "Barzani on Kirkuk, AFP 27 Jun"."""
    about = next((r.name for r in claim.regions.all()), "") or next(
        (a.name for a in claim.actors.all() if a.pk != claim.speaker_id), "")
    label = _short_speaker(claim) + (f" on {about}" if about else "")
    citation = next(iter(claim.citations.all()), None)
    if citation is not None:
        article = citation.article
        source = article.outlet.name if article.outlet_id else ""
        if article.published_at:
            source = f"{source} {article.published_at.day} {article.published_at:%b}".strip()
        label += f", {source}" if source else ""
    return label


def _locked_pending(briefing: Briefing, suggestions, *, strict: bool, details: bool = False) -> list[Suggestion]:
    """The chosen suggestions of ``briefing`` still pending, locked, in the order chosen (a
    queryset in its own order). ``strict``: one the editor picked by hand that was decided
    meanwhile is an error, not skipped."""
    if isinstance(suggestions, QuerySet):
        chosen = suggestions.filter(briefing=briefing).values("pk")
        order = None
    else:
        order = [s.pk if isinstance(s, Suggestion) else int(s) for s in suggestions]
        chosen = order
    rows = Suggestion.objects.select_for_update(of=("self",)).filter(briefing=briefing, pk__in=chosen)
    if details:  # what the sentences and the revision note are written from
        rows = rows.select_related("claim__speaker").prefetch_related(
            "claim__regions", "claim__actors", "claim__citations__article__outlet")
    rows = list(rows.order_by("created_at", "pk"))
    if order is not None:
        rank = {pk: i for i, pk in enumerate(order)}
        rows.sort(key=lambda s: rank[s.pk])
    decided = [s for s in rows if s.state != Suggestion.State.PENDING]
    if strict and decided:
        raise StateConflict(f"This suggestion was already {decided[0].get_state_display().lower()}.")
    pending = [s for s in rows if s.state == Suggestion.State.PENDING]
    if not pending:
        raise StateConflict("None of the chosen suggestions is still waiting.")
    return pending


def _record(*, briefing: Briefing, editor, action: str, reason: str, scope: str, suggestions: list[Suggestion],
            revision: Revision | None = None) -> ReviewDecision:
    decision = ReviewDecision.objects.create(briefing=briefing, editor=editor, action=action, reason=reason,
                                             scope=scope[:300], revision=revision)
    through = ReviewDecision.suggestions.through
    through.objects.bulk_create(through(reviewdecision_id=decision.pk, suggestion_id=s.pk) for s in suggestions)
    return decision


def _check_reviewer(editor) -> None:
    _check_editor(editor)
    if editor is None:
        raise PermissionDenied("Suggestions are decided by editors, never by the machine.")


def suggestions_accept(*, briefing: Briefing, suggestions: Iterable | QuerySet, editor, text: str | None = None,
                       section: str = "", new_section: bool = False, by_question: bool = False, scope: str = "",
                       reason: str = "", strict: bool = False) -> ReviewDecision:
    """Add the chosen pending suggestions to the draft as one revision, restatements of one
    claim as one paragraph with all their citations, at the end of ``section`` (a heading of
    the draft; with ``new_section``, one added at the end of the draft unless it has it by then)
    or of the text, or (``by_question``) each where its claim's default placement puts it
    (``briefings.placement``); ``text`` replaces the sentence when one claim is accepted."""
    _check_reviewer(editor)
    section = section.strip()
    if by_question and (section or new_section):
        raise ValidationError({"section": "Choose a section or placement by the question, not both."})
    if new_section and not _heading_ok(section):
        raise ValidationError({"section": "A new section needs a heading of one line, at most 200 characters."})
    with transaction.atomic():
        locked_briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
        pending = _locked_pending(locked_briefing, suggestions, strict=strict, details=True)
        if len(pending) > BULK_ACCEPT_MAX:
            raise ValidationError(f"Accept at most {BULK_ACCEPT_MAX} suggestions at once; narrow the choice "
                                  f"or reject what does not belong.")
        groups: dict[tuple, list[Suggestion]] = {}
        for suggestion in pending:
            groups.setdefault(restatement_key(suggestion.claim), []).append(suggestion)
        if text is not None and len(groups) > 1:
            raise ValidationError("An edited sentence can replace one claim's suggestion only.")
        paragraphs = []
        for members in groups.values():
            first = members[0]
            sentence = (text if text is not None else first.text).strip()
            if not sentence:
                raise ValidationError({"text": "The accepted text cannot be empty."})
            if "\x00" in sentence:  # PostgreSQL stores no NUL in text
                raise ValidationError({"text": "The accepted text cannot contain NUL characters."})
            markers = [cite_marker(s.claim_id) for s in members if cite_marker(s.claim_id) not in sentence]
            paragraphs.append(" ".join([sentence, *markers]))
        sections = draft_sections(locked_briefing.draft_revision.body if locked_briefing.draft_revision else "")
        if section and section not in sections and not new_section:
            raise ValidationError({"section": f"The draft has no section “{section}” (any more)."})
        if len(groups) == 1:
            note = f"Accepted: {accepted_label(pending[0].claim)}"
        else:
            note = f"Accepted {len(pending)} suggestions ({scope or 'selected'})" + (f": {reason}" if reason else "")
        base = locked_briefing.draft_revision
        body = base.body if base else ""
        if by_question:
            placed = default_placements(locked_briefing, [members[0].claim for members in groups.values()], sections)
            wheres = [placed.get(members[0].claim_id, END) for members in groups.values()]
            # The end of the draft and its sections first, new sections last: a paragraph for the
            # end must not land under a heading this acceptance adds.
            for paragraph, where in sorted(zip(paragraphs, wheres), key=lambda pw: pw[1].new):
                body = place_paragraphs(body, [paragraph], where.section, new_section=where.new)
        else:
            body = place_paragraphs(body, paragraphs, section, new_section=new_section)
        revision = briefing_revise(briefing=locked_briefing, editor=editor, base_revision=base, note=note, body=body)
        now = timezone.now()
        for paragraph, members in zip(paragraphs, groups.values()):
            for suggestion in members:
                suggestion.state, suggestion.reviewed_by, suggestion.reviewed_at = Suggestion.State.ACCEPTED, editor, now
                suggestion.accepted_revision = revision
                if text is not None and paragraph.strip() != suggestion.text.strip():
                    suggestion.text = paragraph
        Suggestion.objects.bulk_update(pending, ["state", "reviewed_by", "reviewed_at", "accepted_revision", "text"])
        decision = _record(briefing=locked_briefing, editor=editor, action=ReviewDecision.Action.ACCEPT, reason=reason,
                           scope=scope or f"{len(pending)} selected", suggestions=pending, revision=revision)
    briefing.draft_revision = revision
    return decision


def suggestions_reject(*, briefing: Briefing, suggestions: Iterable | QuerySet, editor, reason: str,
                       scope: str = "", strict: bool = False) -> ReviewDecision:
    """Turn down the chosen pending suggestions, the reason (required) kept on each."""
    _check_reviewer(editor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the suggestions are rejected."})
    with transaction.atomic():
        pending = _locked_pending(briefing, suggestions, strict=strict)
        now = timezone.now()
        Suggestion.objects.filter(pk__in=[s.pk for s in pending]).update(
            state=Suggestion.State.REJECTED, reason=reason, reviewed_by=editor, reviewed_at=now)
        decision = _record(briefing=briefing, editor=editor, action=ReviewDecision.Action.REJECT, reason=reason,
                           scope=scope or f"{len(pending)} selected", suggestions=pending)
    return decision


def undo_deadline(decision: ReviewDecision):
    return decision.created_at + timedelta(seconds=settings.BRIEFWIKI_REVIEW_UNDO_SECONDS)


def review_decision_undo(*, decision: ReviewDecision, editor) -> ReviewDecision:
    """Put a decision's suggestions back to pending, while the undo window is open; an
    acceptance also takes its sentences out of the draft, as a new revision, if nobody revised
    the draft since."""
    _check_reviewer(editor)
    with transaction.atomic():
        locked = ReviewDecision.objects.select_for_update(of=("self",)).select_related("revision__parent").get(pk=decision.pk)
        if locked.undone_at is not None:
            raise StateConflict("This decision was already undone.")
        if timezone.now() > undo_deadline(locked):
            minutes = settings.BRIEFWIKI_REVIEW_UNDO_SECONDS // 60
            raise StateConflict(f"Too late to undo: decisions can be undone for {minutes} minutes.")
        state = Suggestion.State.ACCEPTED if locked.action == ReviewDecision.Action.ACCEPT else Suggestion.State.REJECTED
        if locked.action == ReviewDecision.Action.ACCEPT:
            briefing = Briefing.objects.select_for_update().get(pk=locked.briefing_id)
            revision = locked.revision
            if revision is None or briefing.draft_revision_id != revision.pk:
                raise StateConflict("The draft was revised since this acceptance: take the sentences out by "
                                    "editing the draft.")
            briefing_revise(briefing=briefing, editor=editor, base_revision=revision,
                            body=revision.parent.body if revision.parent else "", note=f"Undone: {revision.note}")
        # A claim marked not a claim or merged away since has no suggestion to wait for.
        Suggestion.objects.filter(decisions=locked, state=state, claim__hidden=False,
                                  claim__merged_into__isnull=True).update(
            state=Suggestion.State.PENDING, reason="", reviewed_by=None, reviewed_at=None, accepted_revision=None)
        locked.undone_at, locked.undone_by = timezone.now(), editor
        locked.save(update_fields=["undone_at", "undone_by"])
    return locked


def _heading_ok(heading: str) -> bool:
    """Whether ``heading`` reads back as the same section once written as one."""
    return 0 < len(heading) <= 200 and "\x00" not in heading and draft_sections(f"## {heading}") == [heading]


def suggestion_accept(*, suggestion: Suggestion, editor, text: str | None = None, section: str = "",
                      new_section: bool = False) -> Revision:
    """Accept one suggestion (as proposed, or with the editor's text) into the draft."""
    decision = suggestions_accept(briefing=suggestion.briefing, suggestions=[suggestion], editor=editor, text=text,
                                  section=section, new_section=new_section, strict=True, scope="1 suggestion")
    suggestion.refresh_from_db()
    return decision.revision


def suggestion_reject(*, suggestion: Suggestion, editor, reason: str) -> Suggestion:
    """Turn one suggestion down, saying why (the reason is required and kept)."""
    if not reason.strip():
        _check_reviewer(editor)
        raise ValidationError({"reason": "Say why the suggestion is rejected."})
    suggestions_reject(briefing=suggestion.briefing, suggestions=[suggestion], editor=editor, reason=reason,
                       strict=True, scope="1 suggestion")
    suggestion.refresh_from_db()
    return suggestion
