"""The answers API: a briefing's answer to its question, and who controls a region over time,
each row with the facts (and their words) that state it (``briefings.answers``)."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from actors.models import Region
from actors.querysets import regions_within

from ..answers import briefing_answer, control_answer
from ..models import Briefing


class EntrySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    """One fact as the answer uses it: who states it, when it holds, and the words."""

    fact = serializers.IntegerField(source="fact.pk")
    kind = serializers.CharField(source="fact.kind")
    polarity = serializers.CharField(source="fact.polarity")
    according_to = serializers.CharField(help_text="The claim's speaker (and relaying outlet), or the outlet.")
    when = serializers.DateField(allow_null=True, help_text="When it holds: the text's date, else the article's.")
    dated_by = serializers.SerializerMethodField(help_text='"text" (the words give the date) or "publication".')
    said_on = serializers.DateField(allow_null=True, help_text="The article's publication date.")
    reportedly = serializers.BooleanField(help_text="A belief someone else reports.")
    disputed = serializers.BooleanField(help_text="Its claim is disputed.")
    claim = serializers.IntegerField(source="fact.claim_id", allow_null=True)
    article = serializers.IntegerField(source="fact.article_id")
    quote = serializers.CharField(source="fact.quote")
    url = serializers.CharField(help_text="The claim's page, or the article's sentence.")

    def get_dated_by(self, evidence) -> str:
        return "text" if evidence.dated_by_text else "publication"


class SpanSerializer(serializers.Serializer):
    holder = EntrySerializer()
    since = serializers.DateField(allow_null=True)
    since_known = serializers.BooleanField(help_text="Whether `since` is when the hold began (the words date it), "
                                                     "not only the first day a source states it.")
    until = serializers.DateField(allow_null=True, help_text="None: still held as of the latest source.")
    contested = serializers.BooleanField()
    sources = EvidenceSerializer(many=True, source="evidence")
    contested_by = EvidenceSerializer(many=True)


class PlaceControlSerializer(serializers.Serializer):
    place = EntrySerializer()
    as_of = serializers.DateField(allow_null=True, help_text="The latest source's date.")
    current = SpanSerializer(allow_null=True)
    spans = SpanSerializer(many=True)
    withdrawn = EvidenceSerializer(many=True, help_text="Facts no longer counted: their claims were retracted.")


class PositionSerializer(serializers.Serializer):
    party = EntrySerializer()
    stance = serializers.ChoiceField(choices=["supports", "opposes", "unclear", "none"])
    latest = EvidenceSerializer(many=True)
    earlier = EvidenceSerializer(allow_null=True, help_text="The last different position, if it changed.")
    withdrawn = EvidenceSerializer(many=True, help_text="Facts no longer counted: their claims were retracted.")


class AnswerSerializer(serializers.Serializer):
    question = serializers.ChoiceField(choices=Briefing.Question.choices, source="briefing.question")
    question_text = serializers.CharField(source="briefing.question_text")
    as_of = serializers.DateField(allow_null=True)
    places = PlaceControlSerializer(many=True)
    positions = PositionSerializer(many=True)


class BriefingAnswerView(APIView):
    """The answer to a briefing's question (404 for a briefing that asks none)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: AnswerSerializer, 404: OpenApiResponse(description="No such briefing, or "
                                                                                      "it asks no question.")})
    def get(self, request, slug):
        briefing = get_object_or_404(
            Briefing.objects.visible_to(request.user).select_related("question_region", "question_target"), slug=slug)
        answer = briefing_answer(briefing, actors=list(briefing.subject_actors.all()),
                                 regions=list(briefing.subject_regions.all()))
        if answer is None:
            return Response({"message": "This briefing asks no question.", "errors": {}}, status=404)
        return Response(AnswerSerializer(answer).data)


class RegionControlView(APIView):
    """Who controls a region and each place within it, as intervals with their sources."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: PlaceControlSerializer(many=True), 404: OpenApiResponse(description="No such "
                                                                                                        "region.")})
    def get(self, request, slug):
        region = get_object_or_404(Region.objects.visible_to(request.user), slug=slug)
        places = control_answer(region, regions_within(region.slug) or [region.pk])
        return Response(PlaceControlSerializer(places, many=True).data)
