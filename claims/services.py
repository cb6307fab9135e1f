"""Writes to claims: their status, with its history, and the relations between them."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .models import Claim, ClaimRelation, ClaimStatusChange, Origin


def claim_set_status(*, claim: Claim, status: str, reason: str, user=None) -> Claim:
    """Change a claim's status, recording who changed it, from what, and why."""
    if user is not None and not user.has_perm("claims.change_claim"):
        raise PermissionDenied("Only editors may change a claim's status.")
    if status not in Claim.Status.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the status changes."})
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status == status:
            return locked
        ClaimStatusChange.objects.create(
            claim=locked, old_status=locked.status, new_status=status, reason=reason, changed_by=user
        )
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
    claim.status = status
    return locked


def claims_relate(*, a: Claim, b: Claim, kind: str, note: str = "", user=None) -> tuple[ClaimRelation, bool]:
    """Link two claims; symmetric kinds are stored once, lower id first. Disputing marks both
    claims disputed, corroborating marks reported ones corroborated (with the reason kept)."""
    if a.pk == b.pk:
        raise ValidationError("A claim cannot be related to itself.")
    if kind != ClaimRelation.Kind.DUPLICATES and a.pk > b.pk:
        a, b = b, a
    with transaction.atomic():
        relation, created = ClaimRelation.objects.get_or_create(
            from_claim=a,
            to_claim=b,
            kind=kind,
            defaults={"note": note, "created_by": user, "origin": Origin.EDITOR if user else Origin.MACHINE},
        )
        if created and kind == ClaimRelation.Kind.DISPUTES:
            for claim, other in ((a, b), (b, a)):
                if claim.status in (Claim.Status.REPORTED, Claim.Status.CORROBORATED):
                    claim_set_status(claim=claim, status=Claim.Status.DISPUTED, reason=f"Disputed by claim {other.pk}")
        elif created and kind == ClaimRelation.Kind.CORROBORATES:
            for claim, other in ((a, b), (b, a)):
                if claim.status == Claim.Status.REPORTED:
                    claim_set_status(
                        claim=claim, status=Claim.Status.CORROBORATED, reason=f"Corroborated by claim {other.pk}"
                    )
    return relation, created
