"""Read and write shapes for briefings, revisions, suggestions and subscriptions.

Lists nest small summaries (speaker, outlet, subjects, citations) from prefetched rows, so no
list needs a request per row and the query count does not grow with the page size.
"""
import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorSummarySerializer, RegionSummarySerializer
from actors.models import Actor, Region
from claims.api.serializers import ClaimBriefSerializer
from core.api_conventions import StrictBooleanField

from ..markup import render_body
from ..models import Briefing, Frequency, ReviewDecision, Revision, Subscription, Suggestion
from ..services import etag_of

NULLABLE_INT = serializers.IntegerField(allow_null=True)
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# --- briefings --------------------------------------------------------------------------------


class BriefingSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Briefing
        fields = ["slug", "title"]
        read_only_fields = fields


class _RevisionNumber(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, revision):
        return revision.number


class BriefingSerializer(serializers.ModelSerializer):
    subject_actors = ActorSummarySerializer(many=True, read_only=True)
    subject_regions = RegionSummarySerializer(many=True, read_only=True)
    published_revision = _RevisionNumber(help_text="Number of the published revision; null if never published.")
    draft_revision = serializers.SerializerMethodField(help_text="Number of the current draft (editors only).")

    class Meta:
        model = Briefing
        fields = ["slug", "title", "summary", "subject_actors", "subject_regions", "published_revision",
                  "published_at", "draft_revision", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(NULLABLE_INT)
    def get_draft_revision(self, briefing: Briefing) -> int | None:
        # Draft numbers are for editors; readers see only what is published.
        if not self.context.get("can_edit"):
            return None
        return briefing.draft_revision.number if briefing.draft_revision_id else None


class LinkSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.CharField(allow_null=True, help_text="The linked briefing; null while no page has that title.")


class BriefingDetailSerializer(BriefingSerializer):
    body = serializers.SerializerMethodField(help_text="The published text, as Markdown.")
    body_html = serializers.SerializerMethodField(help_text="The published text, rendered and sanitised.")
    links = serializers.SerializerMethodField()
    backlinks = serializers.SerializerMethodField()

    class Meta(BriefingSerializer.Meta):
        fields = [*BriefingSerializer.Meta.fields, "body", "body_html", "links", "backlinks"]
        read_only_fields = fields

    def get_body(self, briefing: Briefing) -> str:
        return briefing.published_revision.body if briefing.published_revision_id else ""

    def get_body_html(self, briefing: Briefing) -> str:
        return render_body(self.get_body(briefing), citations="claim-links").html

    @extend_schema_field(LinkSerializer(many=True))
    def get_links(self, briefing: Briefing) -> list[dict]:
        return [{"title": link.target_title,
                 "slug": link.target.slug if link.target_id and getattr(link, "target_visible", True) else None}
                for link in briefing.outgoing_links.all()]

    @extend_schema_field(BriefingSummarySerializer(many=True))
    def get_backlinks(self, briefing: Briefing) -> list[dict]:
        # The view prefetches only backlinks from briefings the caller may read.
        return [{"slug": link.source.slug, "title": link.source.title} for link in briefing.backlinks.all()]


class CatalogueSlugField(serializers.SlugRelatedField):
    """A catalogue entry by slug; anything that cannot be a slug is refused before any lookup."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:50])
        return super().to_internal_value(data)


class BriefingCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    actors = CatalogueSlugField(slug_field="slug", many=True, required=False, default=list,
                                queryset=Actor.objects.catalogue())
    regions = CatalogueSlugField(slug_field="slug", many=True, required=False, default=list,
                                 queryset=Region.objects.catalogue())


class RevisionSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    parent = serializers.SerializerMethodField(help_text="The revision this one was edited from.")

    class Meta:
        model = Revision
        fields = ["number", "note", "author", "parent", "created_at"]
        read_only_fields = fields

    @extend_schema_field(NULLABLE_INT)
    def get_parent(self, revision: Revision) -> int | None:
        return revision.parent.number if revision.parent_id else None


class RevisionDetailSerializer(RevisionSerializer):
    body = serializers.CharField(read_only=True)
    body_html = serializers.SerializerMethodField()

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "body", "body_html"]
        read_only_fields = fields

    def get_body_html(self, revision: Revision) -> str:
        return render_body(revision.body, citations="claim-links").html


class DraftSerializer(RevisionDetailSerializer):
    etag = serializers.SerializerMethodField(help_text="Send it back as If-Match when revising.")

    class Meta(RevisionDetailSerializer.Meta):
        fields = [*RevisionDetailSerializer.Meta.fields, "etag"]
        read_only_fields = fields

    def get_etag(self, revision: Revision) -> str:
        return etag_of(revision.briefing_id, revision.number)


class ReviseSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="The whole new text, Markdown.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class MergeConflictSerializer(serializers.Serializer):
    """409 from a revise with ``?merge=1`` whose changes overlap the current draft; nothing was saved."""

    message = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    merged = serializers.CharField(
        help_text="Your edit merged with the current draft, each overlap between <<<<<<< / ======= / >>>>>>> "
        "markers (the current draft's lines first). Resolve them and revise again with current_etag as If-Match."
    )
    current_etag = serializers.CharField(help_text="The ETag of the draft the merge was made against.")


class PublishSerializer(serializers.Serializer):
    revision = serializers.IntegerField(required=False, min_value=1,
                                        help_text="Revision number to publish; the current draft when left out.")


class DiffSerializer(serializers.Serializer):
    from_revision = serializers.IntegerField()
    to_revision = serializers.IntegerField()
    diff = serializers.CharField(help_text="Unified diff of the two bodies.")


# --- suggestions ------------------------------------------------------------------------------


class SuggestionSerializer(serializers.ModelSerializer):
    briefing = BriefingSummarySerializer(read_only=True)
    claim = ClaimBriefSerializer(read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    accepted_revision = _RevisionNumber()

    class Meta:
        model = Suggestion
        fields = ["id", "briefing", "claim", "text", "state", "reason", "reviewed_by", "reviewed_at",
                  "accepted_revision", "created_at"]
        read_only_fields = fields


class SuggestionAcceptSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, help_text="The edited sentence; the suggestion's own when left out.")
    section = serializers.CharField(required=False, allow_blank=True, max_length=200, default="",
                                    help_text="The heading of the draft's section to add to; the end when empty.")
    new_section = StrictBooleanField(required=False, default=False,
                                           help_text="Add `section` as a new heading at the end of the draft "
                                                     "unless the draft has it.")


class SuggestionRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class SuggestionsMatchingSerializer(serializers.Serializer):
    """The review page's filters (briefings.filters.SuggestionFilter), all optional."""

    article = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    outlet = serializers.SlugField(required=False, max_length=200)
    speaker = serializers.SlugField(required=False, max_length=200)
    confidence_below = serializers.FloatField(required=False, min_value=0, max_value=1)
    newer_than_days = serializers.FloatField(required=False, min_value=0, max_value=36500)
    older_than_days = serializers.FloatField(required=False, min_value=0, max_value=36500)


class SuggestionsDecideSerializer(serializers.Serializer):
    briefing = serializers.SlugField(max_length=200)
    action = serializers.ChoiceField(choices=["accept", "reject"])
    reason = serializers.CharField(max_length=2000, help_text="Why: kept on the decision, and on each rejected "
                                                               "suggestion.")
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, min_length=1,
        max_length=10_000, help_text="The suggestions chosen. Left out: every pending suggestion of the briefing "
                                     "that `matching` matches (all of them when it is empty).")
    matching = SuggestionsMatchingSerializer(required=False, default=dict)
    section = serializers.CharField(required=False, allow_blank=True, max_length=200, default="",
                                    help_text="When accepting: the heading of the draft's section to add to.")
    new_section = StrictBooleanField(required=False, default=False,
                                           help_text="When accepting: add `section` as a new heading at the end of "
                                                     "the draft unless the draft has it.")
    by_question = StrictBooleanField(required=False, default=False,
                                           help_text="When accepting: each suggestion where the review page's card "
                                                     "puts it by default (the section of the question's part it "
                                                     "answers, or of a subject it names), not `section`.")


class ReviewDecisionSerializer(serializers.ModelSerializer):
    briefing = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    editor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    suggestions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    revision = _RevisionNumber()
    undo_until = serializers.SerializerMethodField()

    class Meta:
        model = ReviewDecision
        fields = ["id", "briefing", "editor", "action", "reason", "scope", "suggestions", "revision", "created_at",
                  "undone_at", "undo_until"]
        read_only_fields = fields

    def get_undo_until(self, decision) -> str:
        from ..services import undo_deadline

        return undo_deadline(decision).isoformat()


# --- subscriptions ----------------------------------------------------------------------------


class SubscriptionSerializer(serializers.ModelSerializer):
    briefing = BriefingSummarySerializer(read_only=True, allow_null=True)
    actor = ActorSummarySerializer(read_only=True, allow_null=True)
    region = RegionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Subscription
        fields = ["id", "briefing", "actor", "region", "frequency", "created_at"]
        read_only_fields = fields


class SubscriptionCreateSerializer(serializers.Serializer):
    """Watch exactly one of a briefing, an actor or a region (by slug)."""

    briefing = serializers.CharField(required=False, max_length=200)
    actor = serializers.CharField(required=False, max_length=200)
    region = serializers.CharField(required=False, max_length=200)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)

    def validate(self, attrs: dict) -> dict:
        targets = [k for k in ("briefing", "actor", "region") if attrs.get(k)]
        if len(targets) != 1:
            raise serializers.ValidationError("Name exactly one of briefing, actor or region.")
        return attrs

