"""Claim pages: a claim with its citations, relations, status history and corrections; editors
correct it, mark it not a claim, merge it into another, and link or unlink related claims."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from actors.models import Actor, Region
from actors.views import claims_page
from core.errors import ServiceError
from core.listing import filter_form_for_pages
from sources.models import Outlet

from .filters import ClaimFilter
from .forms import ClaimCorrectForm, ClaimMergeForm, ClaimRelateForm, ReasonForm
from .models import Claim, ClaimCorrection, ClaimRelation, ClaimStatusChange, Fact
from .services import (
    claim_correct,
    claim_mark_not_claim,
    claim_relation_add,
    claim_relation_remove,
    claim_set_status,
    claims_merge,
    fact_set_editor_state,
)

CORRECTING_IS_FOR_EDITORS = "Correcting claims is for editors; ask an administrator for the editor role."


def correction_choices() -> dict:
    """The datalists a correction form offers: accepted actors and regions, the outlets (one
    query each)."""
    return {
        "actor_names": list(Actor.objects.catalogue().order_by("name").values_list("name", flat=True)),
        "region_names": list(Region.objects.catalogue().order_by("name").values_list("name", flat=True)),
        "outlet_names": list(Outlet.objects.order_by("name").values_list("name", flat=True)),
        "precisions": Claim.Precision.choices,
    }


def _with_disputes(page) -> None:
    """Give each claim of ``page`` the claims that dispute it (``c.disputed_by``), in one query."""
    ids = [claim.pk for claim in page]
    disputed_by = {pk: [] for pk in ids}
    related = "speaker", "relayed_by", "holder"
    relations = (
        ClaimRelation.objects.filter(kind=ClaimRelation.Kind.DISPUTES)
        .filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
        .select_related(*[f"{side}__{field}" for side in ("from_claim", "to_claim") for field in related])
        .order_by("created_at", "pk")
    )
    for relation in relations:
        for this, other in ((relation.from_claim, relation.to_claim), (relation.to_claim, relation.from_claim)):
            if this.pk in disputed_by and other.shown:
                disputed_by[this.pk].append(other)
    for claim in page:
        claim.disputed_by = disputed_by[claim.pk]


@login_required
def claim_list(request):
    """Claims across the wiki, filtered as in the API (status, disputed only, region with its
    sub-regions, speaker, outlet, event dates, text); each disputed claim shows what disputes it."""
    filterset = filter_form_for_pages(ClaimFilter(request.GET or None, queryset=Claim.objects.visible_to(request.user)))
    page = claims_page(request, filterset.qs)
    _with_disputes(page)
    context = {"filter": filterset, "page": page, "disputed_only": request.GET.get("disputed") in ("true", "True", "1")}
    return render(request, "claims/claim_list.html", context)


@login_required
def claim_detail(request, pk):
    """A claim with its citations, the claims it disputes or corroborates, its status history
    and corrections; editors correct it. A claim marked not a claim is shown to editors only,
    with why; a merged one sends readers to the claim it became."""
    can_change = request.user.has_perm("claims.change_claim")
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user, include_hidden=True)
        .select_related("speaker", "relayed_by", "holder", "merged_into")
        .prefetch_related(
            "actors", "regions", "citations__article__outlet",
            Prefetch("status_changes", ClaimStatusChange.objects.select_related("changed_by").order_by("created_at")),
            Prefetch("corrections", ClaimCorrection.objects.select_related("editor").order_by("created_at", "pk")),
        ),
        pk=pk,
    )
    if not claim.shown and not can_change:
        if claim.merged_into_id:
            return redirect(claim.merged_into)
        raise PermissionDenied("This is not a claim: an editor marked it as an extraction error.")
    relations = [
        {"pk": r.pk, "kind": r.get_kind_display(), "other": r.to_claim if r.from_claim_id == claim.pk else r.from_claim,
         "note": r.note, "origin": r.get_origin_display()}
        for r in ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim))
        .select_related("from_claim__speaker", "to_claim__speaker", "from_claim__relayed_by", "to_claim__relayed_by",
                        "from_claim__holder", "to_claim__holder")
        .order_by("kind", "created_at", "pk")
    ]
    facts = claim.facts.select_related("source", "target_actor", "target_region").order_by("start", "pk")
    context = {
        "claim": claim,
        "facts": facts if can_change else facts.exclude(editor_state=Fact.EditorState.HIDDEN),
        "relations": relations,
        "can_change": can_change,
        "statuses": [choice for choice in Claim.Status.choices if choice[0] != claim.status],
    }
    if can_change:
        context |= correction_choices()
        context["form"] = ClaimCorrectForm(claim=claim, initial=ClaimCorrectForm.initial_for(claim))
    return render(request, "claims/claim_detail.html", context)


def _editable_claim(request, pk) -> Claim:
    if not request.user.has_perm("claims.change_claim"):
        raise PermissionDenied(CORRECTING_IS_FOR_EDITORS)
    return get_object_or_404(Claim.objects.visible_to(request.user, include_hidden=True), pk=pk)


def _back(request, claim: Claim):
    """Where the form came from (the review page), when it is this site; else the claim."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect(claim)


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


@login_required
@require_POST
def claim_correct_view(request, pk):
    """Correct a claim (speaker, relay, text, polarity, quoted, subjects, date) with a reason;
    from the claim page or a review card, returning there."""
    claim = _editable_claim(request, pk)
    form = ClaimCorrectForm(request.POST, claim=claim)
    if not form.is_valid():
        messages.error(request, "Not corrected: " + "; ".join(
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()))
        return _back(request, claim)
    if not form.changes:
        messages.info(request, "Nothing to correct: the claim already says that.")
        return _back(request, claim)
    try:
        claim_correct(claim=claim, editor=request.user, reason=form.cleaned_data["reason"], **form.changes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Claim c{claim.pk} corrected: {', '.join(sorted(form.changes))}.")
    return _back(request, claim)


@login_required
@require_POST
def claim_not_claim_view(request, pk):
    """Mark a claim as an extraction error: hidden everywhere, kept for the record."""
    claim = _editable_claim(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why this is not a claim.")
        return _back(request, claim)
    claim_mark_not_claim(claim=claim, editor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, f"Claim c{claim.pk} is marked not a claim and hidden everywhere.")
    return _back(request, claim)


@login_required
@require_POST
def claim_merge_view(request, pk):
    """Merge this claim into another one (kept), which takes its citations and suggestions."""
    claim = _editable_claim(request, pk)
    form = ClaimMergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the id of the claim to merge into, and why.")
        return redirect(claim)
    keep = Claim.objects.visible_to(request.user).filter(pk=form.cleaned_data["target"]).first()
    if keep is None:
        messages.error(request, f"No claim c{form.cleaned_data['target']} to merge into.")
        return redirect(claim)
    try:
        claims_merge(keep=keep, other=claim, editor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(claim)
    messages.success(request, f"Claim c{claim.pk} merged into this one.")
    return redirect(keep)


@login_required
@require_POST
def claim_relate_view(request, pk):
    """Link this claim to another as disputing or corroborating it, with a note."""
    claim = _editable_claim(request, pk)
    form = ClaimRelateForm(request.POST)
    other = None
    if form.is_valid():
        other = Claim.objects.visible_to(request.user).filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        messages.error(request, "Give the id of a claim shown in the wiki, the kind of link and a note.")
        return redirect(claim)
    try:
        claim_relation_add(a=claim, b=other, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"],
                           editor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Linked to claim c{other.pk}.")
    return redirect(claim)


@login_required
@require_POST
def claim_unrelate_view(request, pk, relation_pk):
    """Remove a link between two claims, saying why."""
    claim = _editable_claim(request, pk)
    relation = get_object_or_404(ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim)), pk=relation_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the link goes.")
        return redirect(claim)
    claim_relation_remove(relation=relation, editor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, "Link removed.")
    return redirect(claim)


@login_required
@require_POST
def fact_state_view(request, pk):
    """Pin a fact, hide it, or undo that, with a reason; back to where the editor was."""
    if not request.user.has_perm("claims.change_claim"):
        raise PermissionDenied(CORRECTING_IS_FOR_EDITORS)
    fact = get_object_or_404(Fact, pk=pk)
    try:
        fact_set_editor_state(fact=fact, editor=request.user, state=request.POST.get("state", ""),
                              reason=request.POST.get("reason", ""))
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved: the extractor keeps this decision when it reads the article again.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fact.claim.get_absolute_url() if fact.claim_id else fact.article.get_absolute_url()
    return redirect(target)
