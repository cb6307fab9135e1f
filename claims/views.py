"""Claim pages: a claim with its citations, relations and status history."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Claim, ClaimRelation, ClaimStatusChange
from .services import claim_set_status


@login_required
def claim_detail(request, pk):
    """A claim with its citations, the claims it disputes or corroborates, and its status
    history; editors change its status with a reason."""
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user)
        .select_related("speaker", "relayed_by")
        .prefetch_related(
            "actors", "regions", "citations__article__outlet",
            Prefetch("status_changes", ClaimStatusChange.objects.select_related("changed_by").order_by("created_at")),
        ),
        pk=pk,
    )
    relations = [
        {"kind": r.get_kind_display(), "other": r.to_claim if r.from_claim_id == claim.pk else r.from_claim,
         "note": r.note, "origin": r.get_origin_display()}
        for r in ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
        .select_related("from_claim__speaker", "to_claim__speaker")
        .order_by("kind", "created_at", "pk")
    ]
    return render(request, "claims/claim_detail.html", {
        "claim": claim,
        "relations": relations,
        "can_change": request.user.has_perm("claims.change_claim"),
        "statuses": [choice for choice in Claim.Status.choices if choice[0] != claim.status],
    })


@login_required
@require_POST
def claim_status(request, pk):
    """Change a claim's status, with the reason the history keeps (editors)."""
    if not request.user.has_perm("claims.change_claim"):
        raise PermissionDenied("Changing a claim's status is for editors.")
    claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=pk)
    try:
        claim_set_status(claim=claim, status=request.POST.get("status", ""),
                         reason=request.POST.get("reason", "").strip(), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Status now: {claim.get_status_display()}.")
    return redirect(claim)
