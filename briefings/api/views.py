"""API viewsets for briefings (with drafts, revisions and publishing), suggestions, claims and
the caller's own subscriptions. Every write goes through ``briefings.services``."""
import re

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from actors.models import Actor, Region
from core.api_errors import MergeConflict, PreconditionFailed, PreconditionRequired
from core.api_permissions import CanEdit, CanPublish, HasPerm, MembersOrPublicRead
from core.roles import can_edit

from .. import services
from ..filters import BriefingFilter, SuggestionFilter
from ..models import Briefing, Link, ReviewDecision, Revision, Subscription, Suggestion
from ..review import scope_label
from ..services import etag_of
from ..textdiff import unified
from .serializers import (
    BriefingCreateSerializer,
    BriefingDetailSerializer,
    BriefingSerializer,
    DiffSerializer,
    DraftSerializer,
    MergeConflictSerializer,
    PublishSerializer,
    ReviewDecisionSerializer,
    ReviseSerializer,
    RevisionDetailSerializer,
    RevisionSerializer,
    SubscriptionCreateSerializer,
    SubscriptionSerializer,
    SuggestionAcceptSerializer,
    SuggestionRejectSerializer,
    SuggestionsDecideSerializer,
    SuggestionSerializer,
)

ETAG = re.compile(r'(W/)?"b(\d{1,18})-r(\d{1,9})"')
# RFC 9110's If-Match: "*" or a comma-separated list of entity tags (ours look like "b3-r12").
IF_MATCH_SYNTAX = r'^\s*(\*|(W/)?"[^"\s]*"(\s*,\s*(W/)?"[^"\s]*")*)\s*$'
IF_MATCH = OpenApiParameter(
    "If-Match", {"type": "string", "pattern": IF_MATCH_SYNTAX}, OpenApiParameter.HEADER, required=True,
    description='The ETag of the draft the edit started from, e.g. "b3-r12" (from GET .../draft/), or `*` for '
                "whatever the draft is now (RFC 9110).",
)
MERGE_VALUES = {"1": True, "true": True, "0": False, "false": False}
MERGE = OpenApiParameter(
    "merge", {"type": "string", "enum": list(MERGE_VALUES)}, OpenApiParameter.QUERY,
    description="Merge an edit from a stale If-Match with the changes saved since, instead of answering 412: "
                "saved when they do not overlap, 409 with the merge to resolve when they do.",
)
SLUG = "[-a-zA-Z0-9_]+"
REVISION_NUMBER = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}


def _if_match_number(if_match: str, *, briefing_id: int, current: int) -> int | None:
    """The revision an If-Match names: ``*`` any current one, so the current draft; of a list,
    the current draft when one of its tags names it (weak ones too: a proxy that compresses
    may weaken them), else the first that names a revision
    of this briefing (a base to merge from); None when none does."""
    if if_match == "*":
        return current
    numbers = [int(m.group(3)) for m in ETAG.finditer(if_match) if int(m.group(2)) == briefing_id]
    return current if current in numbers else (numbers[0] if numbers else None)


def _editor_context(view) -> dict:
    return {**viewsets.GenericViewSet.get_serializer_context(view), "can_edit": can_edit(view.request.user)}


# --- briefings --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Briefings the caller may read"),
    retrieve=extend_schema(summary="A briefing: published body as Markdown and HTML, subjects, links",
                           description="For editors, the ETag header names the current draft, for If-Match when revising."),
)
class BriefingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Briefing pages. Readers see published ones (anonymous callers too where published
    briefings are public); editors also see never-published ones and edit drafts."""

    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_class = BriefingFilter
    cursor_ordering = "title"
    permission_classes = [MembersOrPublicRead]

    def get_permissions(self):
        extra = {"create": [CanEdit], "draft": [CanEdit], "publish": [CanPublish]}.get(self.action, [])
        return [permission() for permission in [*self.permission_classes, *extra]]

    def get_serializer_class(self):
        return {"retrieve": BriefingDetailSerializer, "create": BriefingCreateSerializer}.get(
            self.action, BriefingSerializer
        )

    def get_serializer_context(self) -> dict:
        return _editor_context(self)

    def get_queryset(self):
        if self.action == "retrieve":
            return self._detail_queryset()
        queryset = self._visible()
        if self.action == "list":
            queryset = queryset.defer("published_revision__body", "draft_revision__body")
        return queryset

    def _visible(self):
        return (
            Briefing.objects.visible_to(self.request.user)
            .select_related("published_revision", "draft_revision")
            .prefetch_related("subject_actors", "subject_regions")
        )

    def _detail_queryset(self):
        """What a briefing's detail shows: ``_visible`` with its links and backlinks."""
        visible = Briefing.objects.visible_to(self.request.user)
        return self._visible().prefetch_related(
            # A link's target is named only when the caller may read it (no leaking drafts).
            Prefetch("outgoing_links", Link.objects.select_related("target").annotate(
                target_visible=Exists(visible.filter(pk=OuterRef("target_id"))))),
            Prefetch("backlinks", Link.objects.filter(source__in=visible).select_related("source")),
        )

    def _detail(self, briefing: Briefing, *, code: int = status.HTTP_200_OK) -> Response:
        briefing = self._detail_queryset().get(pk=briefing.pk)
        response = Response(BriefingDetailSerializer(briefing, context=self.get_serializer_context()).data, status=code)
        if can_edit(self.request.user):  # the draft's ETag is for editors; readers see no draft
            response["ETag"] = etag_of(briefing.pk, briefing.draft_revision.number if briefing.draft_revision_id else 0)
        return response

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    @extend_schema(request=BriefingCreateSerializer, responses={201: BriefingDetailSerializer},
                   summary="Create a briefing with its first draft (editors)")
    def create(self, request, *args, **kwargs):
        form = BriefingCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        briefing = services.briefing_create(
            title=data["title"], author=request.user, summary=data["summary"], body=data["body"],
            actors=data["actors"], regions=data["regions"],
        )
        return self._detail(briefing, code=status.HTTP_201_CREATED)

    def _draft(self, briefing: Briefing) -> Revision:
        if not briefing.draft_revision_id:
            raise ValidationError({"non_field_errors": ["This briefing has no draft."]})
        return Revision.objects.select_related("author", "parent").get(pk=briefing.draft_revision_id)

    def _draft_response(self, revision: Revision) -> Response:
        response = Response(DraftSerializer(revision, context=self.get_serializer_context()).data)
        response["ETag"] = etag_of(revision.briefing_id, revision.number)
        return response

    @extend_schema(methods=["GET"], responses=DraftSerializer, summary="The current draft (editors)")
    @extend_schema(
        methods=["PUT"], request=ReviseSerializer, parameters=[IF_MATCH, MERGE],
        responses={
            200: OpenApiResponse(DraftSerializer, "Saved: the new draft (with ?merge=1, perhaps a merge)"),
            409: OpenApiResponse(MergeConflictSerializer, "?merge=1 only: the edit overlaps changes saved "
                                 "meanwhile; nothing was saved, the merge with conflict markers is in the body"),
            412: OpenApiResponse(description="If-Match is stale: the draft moved on (current ETag in the body); "
                                             "with ?merge=1, only when it names no revision of this briefing"),
            428: OpenApiResponse(description="If-Match is missing"),
        },
        summary="Revise the draft from the revision named by If-Match (editors)",
    )
    @action(detail=True, methods=["get", "put"], filter_backends=[], pagination_class=None)
    def draft(self, request, slug=None):
        briefing = self.get_object()
        if request.method == "GET":
            return self._draft_response(self._draft(briefing))
        if_match = request.headers.get("If-Match", "").strip()
        if not if_match:
            raise PreconditionRequired()
        if not re.match(IF_MATCH_SYNTAX, if_match):
            raise ValidationError({"If-Match": ['"*" or entity tags such as "b3-r12".']})
        form = ReviseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        current_number = briefing.draft_revision.number if briefing.draft_revision_id else 0
        stale = PreconditionFailed(f"The draft is now at revision {current_number}; reload it and edit again.",
                                   etag=etag_of(briefing.pk, current_number))
        number = _if_match_number(if_match, briefing_id=briefing.pk, current=current_number)
        merge = request.query_params.get("merge", "false")
        if merge not in MERGE_VALUES:
            raise ValidationError({"merge": ["1, 0, true or false."]})
        merging = MERGE_VALUES[merge]
        # The base is the current draft, or with ?merge=1 any earlier revision of this briefing.
        if number is None or number > current_number or (number != current_number and not merging):
            raise stale
        base = briefing.revisions.filter(number=number).first() if number else None
        if number and base is None:
            raise stale
        edit = {"briefing": briefing, "editor": request.user, "body": form.validated_data["body"],
                "base_revision": base, "note": form.validated_data["note"]}
        if merging:
            result = services.briefing_revise_merging(**edit)
            if result.conflicted:
                theirs = result.merged_with
                raise MergeConflict(merged=result.text, etag=etag_of(briefing.pk, theirs.number if theirs else 0))
            revision = result.revision
        else:
            # briefing_revise re-checks the base under the row lock: of two concurrent saves from
            # the same base one wins and the other gets EditConflict, which the handler turns into 412.
            revision = services.briefing_revise(**edit)
        return self._draft_response(Revision.objects.select_related("author", "parent").get(pk=revision.pk))

    @extend_schema(request=PublishSerializer, responses=BriefingDetailSerializer,
                   summary="Publish the current draft or a given revision (reviewers)")
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def publish(self, request, slug=None):
        briefing = self.get_object()
        form = PublishSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        revision = None
        if number := form.validated_data.get("revision"):
            revision = briefing.revisions.filter(number=number).first()
            if revision is None:
                raise ValidationError({"revision": [f"This briefing has no revision {number}."]})
        services.briefing_publish(briefing=briefing, reviewer=request.user, revision=revision)
        return self._detail(briefing)


class RevisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A briefing's revisions, newest first. Editors see them all; readers only the published one."""

    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    cursor_ordering = "-number"
    permission_classes = [MembersOrPublicRead]
    filter_backends: list = []

    def briefing(self) -> Briefing:
        if not hasattr(self, "_briefing"):
            self._briefing = get_object_or_404(Briefing.objects.visible_to(self.request.user),
                                               slug=self.kwargs["briefing_slug"])
        return self._briefing

    def get_serializer_class(self):
        return RevisionSerializer if self.action == "list" else RevisionDetailSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Revision.objects.none()
        briefing = self.briefing()
        revisions = briefing.revisions.select_related("author", "parent")
        if not can_edit(self.request.user):
            revisions = revisions.filter(pk=briefing.published_revision_id)
        return revisions.defer("body") if self.action == "list" else revisions

    @extend_schema(
        parameters=[
            OpenApiParameter("from", REVISION_NUMBER, required=True, description="Older revision number"),
            OpenApiParameter("to", REVISION_NUMBER, required=True, description="Newer revision number"),
        ],
        responses={200: DiffSerializer, 404: OpenApiResponse(description="No such revision the caller can see")},
        summary="Unified diff between two revisions",
    )
    @action(detail=False, pagination_class=None)
    def diff(self, request, briefing_slug=None):
        numbers = {}
        for name in ("from", "to"):
            raw = request.query_params.get(name, "")
            if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= REVISION_NUMBER["maximum"]:
                raise ValidationError({name: [f"A revision number from 1 to {REVISION_NUMBER['maximum']}."]})
            numbers[name] = int(raw)
        found = {r.number: r for r in self.get_queryset().filter(number__in=numbers.values())}
        for name, number in numbers.items():
            if number not in found:
                raise NotFound(f"No revision {number} you can see.")
        old, new = found[numbers["from"]], found[numbers["to"]]
        diff = unified(old.body, new.body, fromfile=f"r{old.number}", tofile=f"r{new.number}")
        return Response({"from_revision": old.number, "to_revision": new.number, "diff": diff})


# --- suggestions ------------------------------------------------------------------------------


class SuggestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Machine proposals for drafts, across the wiki or per briefing (``?briefing=slug``).
    Editors only: suggestions are drafts' raw material."""

    serializer_class = SuggestionSerializer
    filterset_class = SuggestionFilter
    permission_classes = [permissions.IsAuthenticated, CanEdit]

    def get_queryset(self):
        return Suggestion.objects.visible_to(self.request.user).select_related(
            "briefing", "claim__speaker", "reviewed_by", "accepted_revision"
        )

    def _fresh(self, suggestion: Suggestion) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=suggestion.pk)).data)

    @extend_schema(request=SuggestionAcceptSerializer, responses=SuggestionSerializer,
                   summary="Accept into the draft, optionally with edited text (editors)")
    @action(detail=True, methods=["post"], filter_backends=[])
    def accept(self, request, pk=None):
        suggestion = self.get_object()
        form = SuggestionAcceptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        services.suggestion_accept(suggestion=suggestion, editor=request.user, text=data.get("text"),
                                   section=data["section"], new_section=data["new_section"])
        return self._fresh(suggestion)

    @extend_schema(request=SuggestionRejectSerializer, responses=SuggestionSerializer,
                   summary="Reject, saying why (editors)")
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        suggestion = self.get_object()
        form = SuggestionRejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.suggestion_reject(suggestion=suggestion, editor=request.user, reason=form.validated_data["reason"])
        return self._fresh(suggestion)

    @extend_schema(request=SuggestionsDecideSerializer, responses={201: ReviewDecisionSerializer},
                   summary="Accept or reject many of a briefing's suggestions at once: by id, or all that "
                           "filters match (editors); undoable for a while")
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def decide(self, request):
        form = SuggestionsDecideSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        briefing = get_object_or_404(Briefing.objects.editable_by(request.user), slug=data["briefing"])
        if "ids" in data:
            chosen, scope = data["ids"], f"{len(data['ids'])} selected"
        else:
            pending = Suggestion.objects.visible_to(request.user).pending().filter(briefing=briefing)
            filterset = SuggestionFilter({k: str(v) for k, v in data["matching"].items()}, queryset=pending)
            if not filterset.is_valid():
                raise ValidationError({"matching": filterset.errors})
            chosen, scope = filterset.qs, scope_label(filterset)
        if data["action"] == "accept":
            decision = services.suggestions_accept(briefing=briefing, suggestions=chosen, editor=request.user,
                                                   scope=scope, reason=data["reason"], section=data["section"],
                                                   new_section=data["new_section"], by_question=data["by_question"])
        else:
            decision = services.suggestions_reject(briefing=briefing, suggestions=chosen, editor=request.user,
                                                   scope=scope, reason=data["reason"])
        return Response(ReviewDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ReviewDecisionSerializer,
                   summary="Undo a decision while its window is open: its suggestions wait again (editors)")
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None,
            url_path=r"decisions/(?P<decision>[0-9]{1,18})/undo")
    def undo(self, request, decision=None):
        found = get_object_or_404(
            ReviewDecision.objects.filter(briefing__in=Briefing.objects.editable_by(request.user)), pk=decision)
        return Response(ReviewDecisionSerializer(services.review_decision_undo(decision=found, editor=request.user)).data)


# --- subscriptions ----------------------------------------------------------------------------


class SubscriptionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's own watches: a briefing, or an actor or region (covering briefings about it)."""

    filter_backends: list = []

    def get_permissions(self):
        perm = {"create": "briefings.add_subscription", "destroy": "briefings.delete_subscription"}.get(self.action)
        extra = [HasPerm.of(perm)()] if perm else []
        return [permissions.IsAuthenticated(), *extra]

    def get_serializer_class(self):
        return SubscriptionCreateSerializer if self.action == "create" else SubscriptionSerializer

    def get_queryset(self):
        return Subscription.objects.visible_to(self.request.user).select_related("briefing", "actor", "region")

    @extend_schema(request=SubscriptionCreateSerializer,
                   responses={201: SubscriptionSerializer, 200: OpenApiResponse(SubscriptionSerializer, "Already watched")},
                   summary="Watch a briefing, an actor or a region")
    def create(self, request, *args, **kwargs):
        form = SubscriptionCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data, user = form.validated_data, request.user
        sources = {"briefing": Briefing.objects.visible_to(user), "actor": Actor.objects.visible_to(user),
                   "region": Region.objects.visible_to(user)}
        targets = {}
        for field, queryset in sources.items():
            if data.get(field):
                targets[field] = queryset.filter(slug=data[field]).first()
                if targets[field] is None:
                    raise ValidationError({field: [f"No {field} {data[field]!r} that you can see."]})
        subscription, created = services.subscription_watch(user=user, frequency=data.get("frequency"), **targets)
        subscription = self.get_queryset().get(pk=subscription.pk)
        return Response(SubscriptionSerializer(subscription).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(summary="Stop watching")
    def destroy(self, request, *args, **kwargs):
        services.subscription_unwatch(user=request.user, subscription=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

