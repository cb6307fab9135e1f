"""API viewsets for sources: articles (ingest, status) with their mentions and citations."""
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..filters import ArticleFilter
from ..models import Article, Mention
from ..services import article_reprocess, article_submit
from .serializers import ArticleDetailSerializer, ArticleSerializer, ArticleSubmitSerializer


class CanSubmitArticles(permissions.BasePermission):
    message = "Only editors submit articles."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("sources.add_article"))


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """Articles with their ingest status (and the reason when it failed). POST ingests one,
    once: the same URL or text answers 200 with the existing article, a new one 201."""

    filterset_class = ArticleFilter

    def get_permissions(self):
        if self.action in ("create", "reprocess"):
            return [permissions.IsAuthenticated(), CanSubmitArticles()]
        return super().get_permissions()

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleSubmitSerializer
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_queryset(self):
        queryset = Article.objects.visible_to(self.request.user).select_related("outlet", "submitted_by")
        if self.action == "retrieve":
            mentions = Mention.objects.select_related("actor", "region").order_by("start")
            queryset = queryset.prefetch_related(Prefetch("mentions", mentions), "citations")
        return queryset.defer("text", "html") if self.action == "list" else queryset

    @extend_schema(
        request=ArticleSubmitSerializer,
        responses={201: ArticleSerializer, 200: OpenApiResponse(ArticleSerializer, "Already ingested: the existing article")},
        summary="Ingest an article (editors)",
    )
    def create(self, request, *args, **kwargs):
        form = ArticleSubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        article, created = article_submit(**form.validated_data, submitted_by=request.user)
        article = self.get_queryset().get(pk=article.pk)
        return Response(ArticleSerializer(article, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses=ArticleSerializer,
                   summary="Process a done or failed article again (editors); editors' corrections of its claims stand")
    @action(detail=True, methods=["post"], filter_backends=[])
    def reprocess(self, request, pk=None):
        article = article_reprocess(article=self.get_object(), user=request.user)
        return Response(ArticleSerializer(self.get_queryset().get(pk=article.pk),
                                          context=self.get_serializer_context()).data)
