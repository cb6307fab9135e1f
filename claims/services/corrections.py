"""An editor's corrections of what the machine got wrong about a claim.

Every correction is recorded (``ClaimCorrection``: field, old and new value, reason, editor,
time), needs ``claims.change_claim``, and names the field in ``Claim.corrected`` so that the
extractor, running over the article again, never overwrites it (``recording._rerun_update``).
The steps of settings.BRIEFWIKI_CLAIMS_CORRECTED then run with the claims corrected: today
``briefings.drafts.suggestions_reword`` writes the pending suggestions' sentences again (and
withdraws those of a claim that is no longer shown), so the review queue shows the correction
at once. Accepted revisions are not rewritten: their footnotes render from the claim.
"""
import functools
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import import_string

from actors.models import Actor, Region
from core.errors import StateConflict
from sources.models import Outlet

from ..models import Citation, Claim, ClaimCorrection, ClaimRelation
from .recording import claim_fingerprint, claim_set_status, claims_relate

# The names a correction takes, each with the model fields it sets.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker", "speaker_text"),
    "relayed_by": ("relayed_by",),
    "holder": ("holder", "holder_text"),
    "text": ("text",),
    "polarity": ("polarity",),
    "quoted": ("quoted",),
    "actors": ("actors",),
    "regions": ("regions",),
    "event_date": ("event_date", "event_date_precision"),
}
CHANGE_KEYS = frozenset(f for fields in CORRECTABLE.values() for f in fields)


def _check_editor(editor) -> None:
    if editor is None or not editor.has_perm("claims.change_claim"):
        raise PermissionDenied("Correcting claims is for editors.")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the next editor knows."})
    return reason[:2000]


def _ref(obj) -> dict | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def _value(claim: Claim, name: str):
    """A correctable field of ``claim`` as JSON, for the history."""
    if name == "speaker":
        return {"actor": _ref(claim.speaker), "text": claim.speaker_text}
    if name == "holder":
        return {"actor": _ref(claim.holder), "text": claim.holder_text}
    if name == "relayed_by":
        return _ref(claim.relayed_by)
    if name in ("actors", "regions"):
        return sorted((_ref(o) for o in getattr(claim, name).all()), key=lambda r: r["id"])
    if name == "event_date":
        return {"date": claim.event_date.isoformat() if claim.event_date else None,
                "precision": claim.event_date_precision}
    return getattr(claim, name)


def _record(claim: Claim, editor, reason: str, field: str, old, new) -> ClaimCorrection:
    return ClaimCorrection.objects.create(claim=claim, field=field, old_value=old, new_value=new,
                                          reason=reason, editor=editor)


def _mark_corrected(claim: Claim, *names: str) -> None:
    claim.corrected = sorted(set(claim.corrected) | set(names))


@functools.cache
def claims_corrected_steps() -> list[Callable]:
    """The steps settings.BRIEFWIKI_CLAIMS_CORRECTED names, imported once per process (named,
    not imported, because they belong to apps above claims)."""
    return [import_string(path) for path in settings.BRIEFWIKI_CLAIMS_CORRECTED]


def _after_correction(claims: list[Claim], *, editor, reason: str) -> None:
    for step in claims_corrected_steps():
        step(claims, editor=editor, reason=reason)


def _normalised(changes: dict) -> dict:
    """The changes by correction name, each a dict of model field values, validated."""
    unknown = set(changes) - CHANGE_KEYS
    if unknown:
        raise ValidationError(f"These cannot be corrected: {', '.join(sorted(unknown))}.")
    out: dict[str, dict] = {}
    if "speaker" in changes or "speaker_text" in changes:
        speaker, text = changes.get("speaker"), (changes.get("speaker_text") or "").strip()[:300]
        if speaker is not None and not isinstance(speaker, Actor):
            raise ValidationError({"speaker": "The speaker is an actor of the catalogue, or a description."})
        if speaker is None and not text:
            raise ValidationError({"speaker": "Name the speaker: an actor, or a description."})
        # A named actor is shown by name; a description replaces whatever actor was there.
        out["speaker"] = {"speaker": speaker, "speaker_text": text if speaker is None else (text or speaker.name)}
    if "holder" in changes or "holder_text" in changes:
        holder, text = changes.get("holder"), (changes.get("holder_text") or "").strip()[:300]
        out["holder"] = {"holder": holder, "holder_text": "" if holder is None and not text else (text or holder.name)}
    if "relayed_by" in changes:
        outlet = changes["relayed_by"]
        if outlet is not None and not isinstance(outlet, Outlet):
            raise ValidationError({"relayed_by": "The relaying outlet is one of the outlets."})
        out["relayed_by"] = {"relayed_by": outlet}
    if "text" in changes:
        text = (changes["text"] or "").strip()
        if not text:
            raise ValidationError({"text": "A claim says something: the text cannot be empty."})
        out["text"] = {"text": text}
    if "polarity" in changes:
        if changes["polarity"] not in Claim.Polarity.values:
            raise ValidationError({"polarity": "Asserted or denied."})
        out["polarity"] = {"polarity": changes["polarity"]}
    if "quoted" in changes:
        out["quoted"] = {"quoted": bool(changes["quoted"])}
    for name, model in (("actors", Actor), ("regions", Region)):
        if name in changes:
            items = list(changes[name] or [])
            if any(not isinstance(item, model) for item in items):
                raise ValidationError({name: f"The {name} are entries of the catalogue."})
            out[name] = {name: items}
    if "event_date" in changes or "event_date_precision" in changes:
        when: date | None = changes.get("event_date")
        precision = changes.get("event_date_precision") or (Claim.Precision.DAY if when else Claim.Precision.UNKNOWN)
        if when is None:
            precision = Claim.Precision.UNKNOWN
        elif precision not in Claim.Precision.values or precision == Claim.Precision.UNKNOWN:
            raise ValidationError({"event_date_precision": "A date is known to the day, the month or the year."})
        out["event_date"] = {"event_date": when, "event_date_precision": precision}
    return out


def claim_correct(*, claim: Claim, editor, reason: str, **changes) -> Claim:
    """Correct what the machine got wrong (speaker, relaying outlet, holder, text, polarity,
    quoted, subjects, event date): each changed field is recorded with who, when and why, and
    is never overwritten by the extractor again."""
    _check_editor(editor)
    reason = _reason(reason)
    wanted = _normalised(changes)
    if not wanted:
        raise ValidationError("Nothing to correct.")
    with transaction.atomic():
        # Locked: the pipeline re-reads a claim under the same lock before it writes (rerun).
        locked = Claim.objects.select_for_update(of=("self",)).select_related("speaker", "holder", "relayed_by").get(
            pk=claim.pk)
        changed_fields, corrected = [], []
        for name, values in wanted.items():
            old = _value(locked, name)
            if name in ("actors", "regions"):
                getattr(locked, name).set(values[name])
            else:
                for field_name, value in values.items():
                    setattr(locked, field_name, value)
                    changed_fields.append(field_name)
            new = _value(locked, name)
            if new != old:
                _record(locked, editor, reason, name, old, new)
                corrected.append(name)
        if not corrected:
            return locked  # the claim already said that: nothing to record
        _mark_corrected(locked, *corrected)
        locked.fingerprint = claim_fingerprint(locked)  # restatements by the corrected speaker find it
        locked.save(update_fields=[*changed_fields, "corrected", "fingerprint", "updated_at"])
        _after_correction([locked], editor=editor, reason=reason)
    return locked


def claim_mark_not_claim(*, claim: Claim, editor, reason: str) -> Claim:
    """An extraction error, not a claim: hidden everywhere but its own page, kept for the record,
    and never shown again by a rerun."""
    _check_editor(editor)
    reason = _reason(reason)
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.hidden:
            return locked
        locked.hidden = True
        _mark_corrected(locked, "hidden")
        _record(locked, editor, reason, "hidden", False, True)
        locked.save(update_fields=["hidden", "corrected", "updated_at"])
        _after_correction([locked], editor=editor, reason=reason)
    return locked


def claims_merge(*, keep: Claim, other: Claim, editor, reason: str) -> Claim:
    """Two claims that are one: ``other``'s citations, suggestions, relations and subjects move
    to ``keep``, ``other`` is merged into it (hidden, its page pointing to ``keep``), recorded on both."""
    _check_editor(editor)
    reason = _reason(reason)
    if keep.pk == other.pk:
        raise ValidationError("A claim cannot be merged into itself.")
    with transaction.atomic():
        # Both rows locked in id order, so two merges of the same pair cannot deadlock.
        locked = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[keep.pk, other.pk]).order_by("pk")}
        keep, other = locked[keep.pk], locked[other.pk]
        if keep.merged_into_id or keep.hidden:
            raise StateConflict("The claim to keep is itself merged or not a claim: pick the one it became.")
        if other.merged_into_id:
            raise StateConflict(f"Claim {other.pk} is already merged into claim {other.merged_into_id}.")
        _move_citations(other, keep)
        _move_suggestions(other, keep)
        _move_relations(other, keep)
        _move_subjects(other, keep)
        Claim.objects.filter(merged_into=other).update(merged_into=keep)  # no chains of merges
        other.merged_into = keep
        _mark_corrected(other, "merged_into")
        other.save(update_fields=["merged_into", "corrected", "updated_at"])
        _record(other, editor, reason, "merged_into", None, _ref(keep))
        _record(keep, editor, reason, "merged_from", None, _ref(other))
        keep.save(update_fields=["updated_at"])  # the kept claim's pages show the new citations
        _after_correction([keep, other], editor=editor, reason=reason)
    return keep


def _move_subjects(other: Claim, keep: Claim) -> None:
    """The kept claim is about what either was about, unless an editor set its subjects."""
    if "actors" not in keep.corrected:
        keep.actors.add(*other.actors.all())
    if "regions" not in keep.corrected:
        keep.regions.add(*other.regions.all())


def _move_citations(other: Claim, keep: Claim) -> None:
    kept = set(keep.citations.values_list("article_id", "start", "end"))
    for citation in Citation.objects.filter(claim=other):
        if (citation.article_id, citation.start, citation.end) in kept:
            citation.delete()  # the same words cited twice: once is enough
        else:
            Citation.objects.filter(pk=citation.pk).update(claim=keep)


def _move_suggestions(other: Claim, keep: Claim) -> None:
    """Suggestions belong to briefings (an app above this one): moved through the relation."""
    on_keep = set(keep.suggestions.values_list("briefing_id", flat=True))
    for suggestion in other.suggestions.all():
        if suggestion.briefing_id not in on_keep:
            type(suggestion).objects.filter(pk=suggestion.pk).update(claim=keep)
        elif suggestion.state == "pending":
            suggestion.delete()  # the briefing already has this claim proposed
        # A decided suggestion on a briefing that also has ``keep`` stays as history.


def _move_relations(other: Claim, keep: Claim) -> None:
    for relation in ClaimRelation.objects.filter(Q(from_claim=other) | Q(to_claim=other)):
        a = keep if relation.from_claim_id == other.pk else relation.from_claim
        b = keep if relation.to_claim_id == other.pk else relation.to_claim
        fields = {"note": relation.note, "origin": relation.origin, "created_by": relation.created_by}
        relation.delete()
        if a.pk == b.pk:
            continue  # the two merged claims were related to each other
        if relation.kind != ClaimRelation.Kind.DUPLICATES and a.pk > b.pk:
            a, b = b, a
        ClaimRelation.objects.get_or_create(from_claim=a, to_claim=b, kind=relation.kind, defaults=fields)


def claim_relation_add(*, a: Claim, b: Claim, kind: str, note: str, editor) -> ClaimRelation:
    """An editor links two claims as disputing or corroborating each other, with a note,
    recorded on both."""
    _check_editor(editor)
    note = _reason(note)
    if kind not in (ClaimRelation.Kind.DISPUTES, ClaimRelation.Kind.CORROBORATES):
        raise ValidationError({"kind": "An editor links claims that dispute or corroborate each other."})
    if not (a.shown and b.shown):
        raise ValidationError("Only claims shown in the wiki can be related.")
    with transaction.atomic():
        relation, created = claims_relate(a=a, b=b, kind=kind, note=note, user=editor)
        if created:
            for claim, other in ((a, b), (b, a)):
                _record(claim, editor, note, "relation", None, {"kind": kind, "claim": other.pk})
    return relation


def claim_relation_remove(*, relation: ClaimRelation, editor, reason: str) -> None:
    """An editor unlinks two claims, saying why, recorded on both; a claim left with no
    dispute goes back to reported."""
    _check_editor(editor)
    reason = _reason(reason)
    with transaction.atomic():
        relation = ClaimRelation.objects.select_for_update().select_related("from_claim", "to_claim").get(
            pk=relation.pk)
        pair = (relation.from_claim, relation.to_claim)
        kind = relation.kind
        relation.delete()
        for claim, other in (pair, pair[::-1]):
            _record(claim, editor, reason, "relation", {"kind": kind, "claim": other.pk}, None)
            disputes = ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim), kind="disputes")
            if kind == ClaimRelation.Kind.DISPUTES and claim.status == Claim.Status.DISPUTED \
                    and not disputes.exists():
                claim_set_status(claim=claim, status=Claim.Status.REPORTED, reason=f"No longer disputed: {reason}",
                                 user=editor)
