"""The claims API: attributed statements with their citations and relations."""
from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api_permissions import HasPerm

from ..filters import ClaimFilter
from ..models import Citation, Claim
from ..services import claim_set_status
from . import claims_cache, claims_json
from .serializers import ClaimDetailSerializer, ClaimSerializer, ClaimStatusSerializer


def claims_for_api(queryset, *, detail: bool = False):
    """Claims with everything the API nests, in a fixed number of queries."""
    citations = Citation.objects.select_related("article__outlet").defer("article__text", "article__html")
    queryset = queryset.select_related("speaker", "relayed_by").prefetch_related(
        "actors", "regions", Prefetch("citations", citations), "relations_from", "relations_to"
    )
    if detail:
        queryset = queryset.prefetch_related("status_changes__changed_by")
    return queryset


@extend_schema_view(
    list=extend_schema(summary="Claims, filtered by actor, region (with sub-regions), status, outlet, date, text"),
    retrieve=extend_schema(summary="A claim with citations, relations and status history"),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Attributed statements with their citations and relations; editors change their status."""

    filterset_class = ClaimFilter

    def get_permissions(self):
        if self.action == "status":
            return [permissions.IsAuthenticated(), HasPerm.of("claims.change_claim")()]
        return super().get_permissions()

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def get_queryset(self):
        return claims_for_api(Claim.objects.visible_to(self.request.user), detail=self.action != "list")

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
        return Response(ClaimDetailSerializer(self.get_queryset().get(pk=claim.pk)).data)
