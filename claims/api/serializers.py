"""Read and write shapes for claims.

Lists nest small summaries (speaker, outlet, subjects, citations) from prefetched rows, so no
list needs a request per row and the query count does not grow with the page size.
"""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import ActorSummarySerializer, RegionSummarySerializer
from actors.models import Actor, Region
from sources.api.serializers import ArticleSummarySerializer, OutletSummarySerializer
from sources.models import Outlet

from ..models import (
    Citation,
    Claim,
    ClaimCorrection,
    ClaimRelation,
    ClaimStatusChange,
    Fact,
)


class CitationSerializer(serializers.ModelSerializer):
    article = ArticleSummarySerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "quote", "cue", "said_on", "start", "end", "article"]
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
    holder = ActorSummarySerializer(read_only=True, allow_null=True, help_text="Whose belief a nested report carries.")
    confidence = serializers.FloatField(read_only=True, allow_null=True,
                                        help_text="The extractor's confidence, 0 to 1; null for claims editors made.")
    corrected = serializers.ListField(child=serializers.CharField(), read_only=True,
                                      help_text="Fields an editor corrected; the extractor never overwrites them.")
    actors = ActorSummarySerializer(many=True, read_only=True)
    regions = RegionSummarySerializer(many=True, read_only=True)
    numbers = serializers.JSONField(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    relations = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "text", "speaker", "speaker_text", "relayed_by", "holder", "holder_text", "polarity", "quoted",
                  "confidence", "hidden", "merged_into", "corrected", "actors", "regions", "numbers", "event_date",
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


class CorrectionSerializer(serializers.ModelSerializer):
    editor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    old_value = serializers.JSONField(read_only=True, allow_null=True)
    new_value = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = ClaimCorrection
        fields = ["field", "old_value", "new_value", "reason", "editor", "created_at"]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    status_changes = StatusChangeSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "status_changes", "corrections"]
        read_only_fields = fields


def _catalogue(model):
    return model.objects.filter(review_state="accepted")


class ClaimCorrectSerializer(serializers.Serializer):
    """A correction: only the fields sent change; each is recorded with the reason."""

    # PATCH takes the fields to change and always a reason: never partial, so the schema keeps
    # ``reason`` required too (drf-spectacular marks a PATCH body's serializer partial).
    partial = property(lambda self: False, lambda self, value: None)

    speaker = serializers.SlugRelatedField(slug_field="slug", queryset=_catalogue(Actor), required=False,
                                           allow_null=True, help_text="An actor of the catalogue (slug), or null "
                                           "with speaker_text for an unnamed speaker.")
    speaker_text = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                         help_text="A description of an unnamed speaker, kept whole.")
    relayed_by = serializers.SlugRelatedField(slug_field="slug", queryset=Outlet.objects.all(), required=False,
                                              allow_null=True)
    holder = serializers.SlugRelatedField(slug_field="slug", queryset=_catalogue(Actor), required=False,
                                          allow_null=True)
    holder_text = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text = serializers.CharField(required=False, max_length=10000)
    polarity = serializers.ChoiceField(choices=Claim.Polarity.choices, required=False)
    quoted = serializers.BooleanField(required=False)
    actors = serializers.SlugRelatedField(slug_field="slug", queryset=_catalogue(Actor), many=True, required=False)
    regions = serializers.SlugRelatedField(slug_field="slug", queryset=_catalogue(Region), many=True, required=False)
    event_date = serializers.DateField(required=False, allow_null=True)
    event_date_precision = serializers.ChoiceField(choices=Claim.Precision.choices, required=False)
    reason = serializers.CharField(max_length=2000, help_text="Why (kept in the claim's correction history).")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ClaimMergeSerializer(serializers.Serializer):
    other = serializers.IntegerField(min_value=1, help_text="The claim merged into this one (it is hidden after).")
    reason = serializers.CharField(max_length=2000)


class ClaimRelationAddSerializer(serializers.Serializer):
    other = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=[(ClaimRelation.Kind.DISPUTES, "Disputes"),
                                            (ClaimRelation.Kind.CORROBORATES, "Corroborates")])
    note = serializers.CharField(max_length=2000)


class ClaimStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Claim.Status.choices)
    reason = serializers.CharField(max_length=2000, help_text="Why the status changes (kept in the history).")


class ClaimBriefSerializer(serializers.ModelSerializer):
    speaker = ActorSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "text", "speaker", "status"]
        read_only_fields = fields


class FactClaimSerializer(serializers.ModelSerializer):
    """Who asserts a fact: the claim's speaker, relayed by its outlet, and the claim's standing."""

    speaker = ActorSummarySerializer(read_only=True, allow_null=True)
    relayed_by = OutletSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "speaker", "speaker_text", "relayed_by", "status", "polarity"]
        read_only_fields = fields


class FactSerializer(serializers.ModelSerializer):
    source = ActorSummarySerializer(read_only=True)
    target_actor = ActorSummarySerializer(read_only=True, allow_null=True)
    target_region = RegionSummarySerializer(read_only=True, allow_null=True)
    claim = FactClaimSerializer(read_only=True, allow_null=True,
                                help_text="The claim whose words carry the fact; null when the article narrates it.")
    article = ArticleSummarySerializer(read_only=True)
    holds_on = serializers.DateField(read_only=True, allow_null=True,
                                     help_text="When the relation holds as the text states it (not when it was said).")

    class Meta:
        model = Fact
        fields = ["id", "kind", "source", "target_actor", "target_region", "polarity", "holds_on", "confidence",
                  "claim", "article", "start", "end", "quote", "cue", "origin", "editor_state", "created_at"]
        read_only_fields = fields


class FactStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Fact.EditorState.choices,
                                    help_text='"pinned" (an answer rests on it), "hidden" (misread), "" to undo.')
    reason = serializers.CharField(max_length=2000, help_text="Why (kept with the decision).")
