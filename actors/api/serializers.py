"""Read and write shapes for actors and regions."""
from rest_framework import serializers

from ..models import Actor, Region


class ActorSummarySerializer(serializers.ModelSerializer):
    """An actor as other resources nest it."""

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind"]
        read_only_fields = fields


class RegionSummarySerializer(serializers.ModelSerializer):
    """A region as other resources nest it."""

    class Meta:
        model = Region
        fields = ["slug", "name", "kind"]
        read_only_fields = fields


class _AliasNames(serializers.ListField):
    """The alias names, read from the prefetched ``aliases``."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        super().__init__(source="aliases.all", read_only=True, **kwargs)

    def to_representation(self, data):
        return [alias.name for alias in data]


class ActorSerializer(serializers.ModelSerializer):
    parent = ActorSummarySerializer(read_only=True, allow_null=True)
    territory = RegionSummarySerializer(read_only=True, allow_null=True)
    merged_into = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    aliases = _AliasNames()

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "description", "review_state", "parent", "territory", "merged_into",
                  "aliases", "created_at", "updated_at"]
        read_only_fields = fields


class RegionSerializer(serializers.ModelSerializer):
    parent = RegionSummarySerializer(read_only=True, allow_null=True)
    merged_into = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    aliases = _AliasNames()
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["slug", "name", "kind", "description", "review_state", "parent", "latitude", "longitude",
                  "merged_into", "aliases", "created_at", "updated_at"]
        read_only_fields = fields


class RegionDetailSerializer(RegionSerializer):
    children = RegionSummarySerializer(many=True, read_only=True, source="visible_children")

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "children"]
        read_only_fields = fields


class RegionTreeNodeSerializer(serializers.Serializer):
    """One region of the tree; ``children`` are nodes of the same shape."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    children = serializers.ListField(child=serializers.DictField())


class MergeSerializer(serializers.Serializer):
    into = serializers.SlugField(help_text="Slug of the catalogue entry to merge the candidate into.")
