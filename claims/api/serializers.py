"""Read and write shapes for claims.

Lists nest small summaries (speaker, outlet, subjects, citations) from prefetched rows, so no
list needs a request per row and the query count does not grow with the page size.
"""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorSummarySerializer, RegionSummarySerializer
from sources.api.serializers import ArticleSummarySerializer, OutletSummarySerializer

from ..models import Citation, Claim, ClaimStatusChange


class CitationSerializer(serializers.ModelSerializer):
    article = ArticleSummarySerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "quote", "cue", "start", "end", "article"]
        read_only_fields = fields


class RelationSerializer(serializers.Serializer):
    """Another claim this one disputes, corroborates or duplicates (or is duplicated by)."""

    kind = serializers.CharField()
    direction = serializers.ChoiceField(choices=["from", "to"], help_text='"from": this claim is the relation\'s subject.')
    claim = serializers.IntegerField(help_text="The other claim's id.")
    note = serializers.CharField(allow_blank=True)


class ClaimSerializer(serializers.ModelSerializer):
    speaker = ActorSummarySerializer(read_only=True, allow_null=True)
    relayed_by = OutletSummarySerializer(read_only=True, allow_null=True)
    actors = ActorSummarySerializer(many=True, read_only=True)
    regions = RegionSummarySerializer(many=True, read_only=True)
    numbers = serializers.JSONField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    relations = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "text", "speaker", "speaker_text", "relayed_by", "actors", "regions", "numbers", "event_date",
                  "event_date_precision", "status", "origin", "citations", "relations", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, claim: Claim) -> list[dict]:
        # From the prefetched relations in both directions.
        out = [{"kind": r.kind, "direction": "from", "claim": r.to_claim_id, "note": r.note}
               for r in claim.relations_from.all()]
        out += [{"kind": r.kind, "direction": "to", "claim": r.from_claim_id, "note": r.note}
                for r in claim.relations_to.all()]
        return out


class StatusChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ClaimStatusChange
        fields = ["old_status", "new_status", "reason", "changed_by", "created_at"]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    status_changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "status_changes"]
        read_only_fields = fields


class ClaimStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    reason = serializers.CharField(max_length=2000, help_text="Why the status changes (kept in the history).")


class ClaimBriefSerializer(serializers.ModelSerializer):
    speaker = ActorSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "text", "speaker", "status"]
        read_only_fields = fields
