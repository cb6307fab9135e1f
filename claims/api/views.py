"""The claims API: attributed statements with their citations and relations."""
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_permissions import HasPerm

from ..filters import ClaimFilter, FactFilter
from ..models import Citation, Claim, ClaimRelation, Fact
from ..services import (
    claim_correct,
    claim_mark_not_claim,
    claim_relation_add,
    claim_relation_remove,
    claim_set_status,
    claims_merge,
    fact_set_editor_state,
)
from . import claims_cache, claims_json
from .serializers import (
    ClaimCorrectSerializer,
    ClaimDetailSerializer,
    ClaimMergeSerializer,
    ClaimRelationAddSerializer,
    ClaimSerializer,
    ClaimStatusSerializer,
    FactSerializer,
    FactStateSerializer,
    ReasonSerializer,
)

# What editors do to a claim; same permission as the claim page's forms.
EDITOR_ACTIONS = {"status", "partial_update", "not_a_claim", "merge", "relations", "relation_remove"}


def claims_for_api(queryset, *, detail: bool = False):
    """Claims with everything the API nests, in a fixed number of queries."""
    citations = Citation.objects.select_related("article__outlet").defer("article__text", "article__html")
    queryset = queryset.select_related("speaker", "relayed_by").prefetch_related(
        "actors", "regions", Prefetch("citations", citations), "relations_from", "relations_to"
    )
    queryset = queryset.select_related("holder")
    if detail:
        queryset = queryset.prefetch_related("status_changes__changed_by", "corrections__editor")
    return queryset


@extend_schema_view(
    list=extend_schema(summary="Claims, filtered by actor, region (with sub-regions), status, outlet, date, text"),
    retrieve=extend_schema(summary="A claim with citations, relations, status history and corrections"),
    partial_update=extend_schema(request=ClaimCorrectSerializer, responses=ClaimDetailSerializer,
                                 summary="Correct a claim: speaker, relay, holder, text, polarity, quoted, subjects, "
                                         "event date; `reason` required (editors)"),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Attributed statements with their citations and relations; editors correct them, change
    their status, mark them not a claim, merge them and link them. Claims marked not a claim or
    merged are not listed nor retrieved; editors still act on them."""

    filterset_class = ClaimFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        if self.action in EDITOR_ACTIONS:
            return [permissions.IsAuthenticated(), HasPerm.of("claims.change_claim")()]
        return super().get_permissions()

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def get_queryset(self):
        editing = self.action in EDITOR_ACTIONS
        claims = Claim.objects.visible_to(self.request.user, include_hidden=editing)
        return claims_for_api(claims, detail=self.action != "list")

    def _detail(self, claim: Claim) -> Response:
        return Response(ClaimDetailSerializer(self.get_queryset().get(pk=claim.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        form = ClaimCorrectSerializer(data=request.data, partial=False)
        form.is_valid(raise_exception=True)
        changes = dict(form.validated_data)
        reason = changes.pop("reason")
        claim_correct(claim=claim, editor=request.user, reason=reason, **changes)
        return self._detail(claim)

    @extend_schema(request=ReasonSerializer, responses=ClaimDetailSerializer,
                   summary="Mark a claim not a claim (an extraction error): hidden everywhere (editors)")
    @action(detail=True, methods=["post"], url_path="not-a-claim", filter_backends=[])
    def not_a_claim(self, request, pk=None):
        claim = self.get_object()
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        claim_mark_not_claim(claim=claim, editor=request.user, reason=form.validated_data["reason"])
        return self._detail(claim)

    @extend_schema(request=ClaimMergeSerializer, responses=ClaimDetailSerializer,
                   summary="Merge another claim into this one: its citations, suggestions and relations move here "
                           "(editors)")
    @action(detail=True, methods=["post"], filter_backends=[])
    def merge(self, request, pk=None):
        keep = self.get_object()
        form = ClaimMergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        other = Claim.objects.visible_to(request.user).filter(pk=form.validated_data["other"]).first()
        if other is None:
            raise Http404("No such claim to merge.")
        claims_merge(keep=keep, other=other, editor=request.user, reason=form.validated_data["reason"])
        return self._detail(keep)

    @extend_schema(request=ClaimRelationAddSerializer, responses=ClaimDetailSerializer,
                   summary="Link this claim to another as disputing or corroborating it, with a note (editors)")
    @action(detail=True, methods=["post"], filter_backends=[])
    def relations(self, request, pk=None):
        claim = self.get_object()
        form = ClaimRelationAddSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        other = Claim.objects.visible_to(request.user).filter(pk=form.validated_data["other"]).first()
        if other is None:
            raise Http404("No such claim to link.")
        claim_relation_add(a=claim, b=other, kind=form.validated_data["kind"], note=form.validated_data["note"],
                           editor=request.user)
        return self._detail(claim)

    @extend_schema(request=ReasonSerializer, responses=ClaimDetailSerializer,
                   summary="Remove a link between this claim and another, saying why (editors)")
    @action(detail=True, methods=["post"], url_path=r"relations/(?P<relation_id>[0-9]+)/remove", filter_backends=[])
    def relation_remove(self, request, pk=None, relation_id=None):
        claim = self.get_object()
        relation = get_object_or_404(ClaimRelation.objects.filter(Q(from_claim=claim) | Q(to_claim=claim)),
                                     pk=relation_id)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        claim_relation_remove(relation=relation, editor=request.user, reason=form.validated_data["reason"])
        return self._detail(claim)

    def list(self, request, *args, **kwargs):
        # The hot path: PostgreSQL renders the page's JSON in one statement (see claims_json).
        # Unchanged data is served from the cache (see claims_cache: exact invalidation).
        if request.accepted_renderer.format == "json" and claims_json.usable(self.paginator, request):
            key = claims_cache.cache_key(request)
            body = claims_cache.get(key)
            if body is None:
                queryset = self.filter_queryset(Claim.objects.visible_to(request.user))
                body = claims_json.claims_page(queryset, self.paginator, request)
                claims_cache.put(key, body)
            return HttpResponse(body, content_type="application/json")
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ClaimStatusSerializer, responses=ClaimDetailSerializer,
                   summary="Change the status, with a reason (editors)")
    @action(detail=True, methods=["post"], filter_backends=[])
    def status(self, request, pk=None):
        claim = self.get_object()
        form = ClaimStatusSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        claim_set_status(claim=claim, user=request.user, **form.validated_data)
        return self._detail(claim)


@extend_schema_view(
    list=extend_schema(summary="Facts (typed relations between actors and places, each with who asserts it and "
                               "its citation), filtered by kind, source or target actor, region (with sub-regions), "
                               "the date it holds, polarity, and the status of its claim"),
    retrieve=extend_schema(summary="A fact with who asserts it and the words it cites"),
)
class FactViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Who supports or opposes whom, who controls which place, who leads or belongs to what, as
    each source states it. Hidden facts, and those of claims marked not a claim, are not listed."""

    serializer_class = FactSerializer
    filterset_class = FactFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_permissions(self):
        if self.action == "state":
            return [permissions.IsAuthenticated(), HasPerm.of("claims.change_claim")()]
        return super().get_permissions()

    def get_queryset(self):
        # Editors reach a hidden fact to show it again; lists never include it.
        facts = Fact.objects.all() if self.action == "state" else Fact.objects.visible_to(self.request.user)
        return facts.select_related(
            "source", "target_actor", "target_region", "article__outlet", "claim__speaker", "claim__relayed_by",
        ).defer("article__text", "article__html")

    @extend_schema(request=FactStateSerializer, responses=FactSerializer,
                   summary="Pin or hide a fact, or undo that, saying why (editors); reprocessing keeps the decision")
    @action(detail=True, methods=["post"], filter_backends=[])
    def state(self, request, pk=None):
        fact = self.get_object()
        form = FactStateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        fact = fact_set_editor_state(fact=fact, editor=request.user, **form.validated_data)
        return Response(FactSerializer(self.get_queryset().get(pk=fact.pk)).data)
