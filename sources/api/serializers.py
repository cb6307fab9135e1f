"""Read and write shapes for outlets, articles, and the mentions found in them."""
from rest_framework import serializers

from actors.api.serializers import ActorSummarySerializer, RegionSummarySerializer

from ..models import Article, Mention, Outlet


class OutletSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["slug", "name"]
        read_only_fields = fields


class ArticleSummarySerializer(serializers.ModelSerializer):
    """An article as citations nest it."""

    url = serializers.CharField(read_only=True)
    outlet = OutletSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at"]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="The article's address; empty when it came as text.")
    outlet = OutletSummarySerializer(read_only=True, allow_null=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "byline", "outlet", "published_at", "status", "status_reason",
                  "submitted_by", "created_at", "processed_at"]
        read_only_fields = fields


class MentionSerializer(serializers.ModelSerializer):
    actor = ActorSummarySerializer(read_only=True, allow_null=True)
    region = RegionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = ["id", "start", "end", "text", "label", "actor", "region", "confidence"]
        read_only_fields = fields


class ArticleCitationSerializer(serializers.Serializer):
    """A citation of a claim in this article (read-only; citations are made by the pipeline)."""

    id = serializers.IntegerField()
    claim = serializers.IntegerField(source="claim_id")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    quote = serializers.CharField()
    cue = serializers.CharField()


class ArticleDetailSerializer(ArticleSerializer):
    mentions = MentionSerializer(many=True, read_only=True)
    citations = ArticleCitationSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "mentions", "citations"]
        read_only_fields = fields


class ArticleSubmitSerializer(serializers.Serializer):
    """An article to ingest: its text, its HTML, or a URL for a worker to fetch."""

    text = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    html = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    url = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    byline = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    outlet = serializers.CharField(required=False, allow_blank=True, default="", max_length=200,
                                   help_text="The outlet's name or slug; a new name creates the outlet.")
    published_at = serializers.CharField(required=False, allow_blank=True, default="",
                                         help_text="YYYY-MM-DD or an ISO 8601 date and time.")
