"""API viewsets for the catalogue: actors and regions, with candidate review."""
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import services
from ..filters import ActorFilter, RegionFilter
from ..models import Actor, Region
from .serializers import (
    ActorSerializer,
    MergeSerializer,
    RegionDetailSerializer,
    RegionSerializer,
    RegionTreeNodeSerializer,
)


class CanReviewCandidates(permissions.BasePermission):
    """Editors (``actors.change_actor``) accept, merge and reject machine guesses."""

    message = "Only editors review candidates."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("actors.change_actor"))


class _CatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read the catalogue (candidates only for editors) and review candidates."""

    model: type = Actor
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    cursor_ordering = "name"

    def get_permissions(self):
        if self.action in ("accept", "merge", "reject"):
            return [permissions.IsAuthenticated(), CanReviewCandidates()]
        return super().get_permissions()

    def base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def _review(self, request, verb: str, **kwargs) -> Response:
        entry = self.get_object()
        getattr(services, f"candidate_{verb}")(entry=entry, editor=request.user, **kwargs)
        return Response(self.get_serializer(self.get_queryset().get(pk=entry.pk)).data)

    @extend_schema(request=None, summary="Accept a candidate into the catalogue (editors)")
    @action(detail=True, methods=["post"])
    def accept(self, request, slug=None):
        return self._review(request, "accept")

    @extend_schema(request=None, summary="Reject a candidate (editors)")
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        return self._review(request, "reject")

    @extend_schema(request=MergeSerializer, summary="Merge a candidate into a catalogue entry (editors)")
    @action(detail=True, methods=["post"])
    def merge(self, request, slug=None):
        data = MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        into = get_object_or_404(self.base_queryset(), slug=data.validated_data["into"])
        return self._review(request, "merge", into=into)


class ActorViewSet(_CatalogueViewSet):
    """Actors: people, organisations, states, armed groups, outlets. Readers see the catalogue;
    editors also see candidates, merged and rejected entries."""

    model = Actor
    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def get_queryset(self):
        return self.base_queryset().select_related("parent", "territory", "merged_into").prefetch_related("aliases")


class RegionViewSet(_CatalogueViewSet):
    """Regions, nested (Kirkuk inside Iraq); ``tree`` gives the whole catalogue nesting."""

    model = Region
    filterset_class = RegionFilter

    def get_serializer_class(self):
        return RegionDetailSerializer if self.action == "retrieve" else RegionSerializer

    def get_queryset(self):
        queryset = self.base_queryset().select_related("parent", "merged_into").prefetch_related("aliases")
        if self.action == "retrieve":
            children = Region.objects.visible_to(self.request.user).order_by("name")
            queryset = queryset.prefetch_related(Prefetch("children", children, to_attr="visible_children"))
        return queryset

    @extend_schema(responses=RegionTreeNodeSerializer(many=True), filters=False,
                   summary="The region tree: top-level regions with their nested children")
    @action(detail=False, pagination_class=None, filter_backends=[])
    def tree(self, request):
        rows = list(self.base_queryset().order_by("name").values("pk", "slug", "name", "kind", "parent_id"))
        nodes = {row["pk"]: {"slug": row["slug"], "name": row["name"], "kind": row["kind"], "children": []}
                 for row in rows}
        roots = []
        for row in rows:
            parent = nodes.get(row["parent_id"])
            (parent["children"] if parent else roots).append(nodes[row["pk"]])
        return Response(roots)
