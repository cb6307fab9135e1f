"""The wiki: briefings, their immutable revisions, the suggestions the machine makes for them,
the links between them, publications and watches."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from actors.models import Actor, Region
from claims.models import Claim

from .querysets import BriefingQuerySet, SubscriptionQuerySet, SuggestionQuerySet


class Briefing(models.Model):
    """A wiki page about a question ("Kirkuk control"), built from claims by editors.

    ``draft_revision`` is the one current draft; ``published_revision`` what readers see.
    On PostgreSQL both are tied to this briefing's own revisions by composite foreign keys
    (migration 0003), so neither can point at another briefing's revision.
    """

    class Question(models.TextChoices):
        FREE = "free", "Free"
        CONTROL = "control", "Who controls a place"
        STANCE = "stance", "Where parties stand on someone"

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(blank=True)
    subject_actors = models.ManyToManyField(Actor, blank=True, related_name="briefings")
    subject_regions = models.ManyToManyField(Region, blank=True, related_name="briefings")
    # What the briefing asks: control of a region (with the places within it), or the stance of
    # its subject actors on a target; "free" asks nothing the machine can answer.
    question = models.CharField(max_length=8, choices=Question.choices, default=Question.FREE)
    question_region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    question_target = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_revision = models.ForeignKey("Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_briefing", "Can publish a briefing's draft")]
        indexes = [models.Index(fields=["-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(question="free", question_region__isnull=True, question_target__isnull=True)
                | Q(question="control", question_region__isnull=False, question_target__isnull=True)
                | Q(question="stance", question_region__isnull=True, question_target__isnull=False),
                name="briefing_question_complete",
                violation_error_message="A control question names its place; a stance question its target.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def question_text(self) -> str:
        """The question in words ("Who controls Kirkuk?"), or "" for a free briefing."""
        if self.question == self.Question.CONTROL and self.question_region_id:
            return f"Who controls {self.question_region.name} and the places within it?"
        if self.question == self.Question.STANCE and self.question_target_id:
            return f"Where do its parties stand on {self.question_target.name}?"
        return ""

    def get_absolute_url(self) -> str:
        return reverse("briefings:detail", kwargs={"slug": self.slug})


class ImmutableRevisionError(Exception):
    """A saved revision was about to be changed."""


class Revision(models.Model):
    """One immutable version of a briefing's body; editing makes a new one."""

    BODY_MAX_CHARS = 100_000  # about 15,000 words; enforced by briefings.services.revisions

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField(blank=True, help_text="Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
        help_text="Empty when the machine wrote it.",
    )
    note = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["briefing", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["briefing", "number"], name="revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="revision_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.briefing} r{self.number}"

    @property
    def by_machine(self) -> bool:
        return self.author_id is None

    def save(self, *args, **kwargs) -> None:
        # Immutable: history is only ever appended to (PostgreSQL also refuses UPDATEs, 0003).
        if not self._state.adding:
            raise ImmutableRevisionError(f"{self} is saved and cannot change; save a new revision.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("briefings:revision", kwargs={"slug": self.briefing.slug, "number": self.number})


class Suggestion(models.Model):
    """A machine proposal to add a claim, in a sentence with its citation, to a briefing's draft."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="suggestions")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField(help_text="The proposed sentence, in Markdown, with its citation marker.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    accepted_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_suggestions"
    )
    relevance = models.PositiveSmallIntegerField(
        default=0, help_text="How strongly the claim concerns the briefing's subjects when proposed (briefings.drafts)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["briefing", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "claim"], name="suggestion_unique_claim"),
            models.CheckConstraint(condition=~Q(state="rejected") | ~Q(reason=""), name="suggestion_rejection_reason"),
            models.CheckConstraint(
                condition=Q(state="pending", reviewed_at__isnull=True)
                | (~Q(state="pending") & Q(reviewed_at__isnull=False)),
                name="suggestion_reviewed_iff_decided",
            ),
        ]
        indexes = [models.Index(fields=["state", "briefing"]), models.Index(fields=["briefing", "state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.briefing}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:review", kwargs={"slug": self.briefing.slug}) + f"#suggestion-{self.pk}"


class ReviewDecision(models.Model):
    """One editor's decision on one or more suggestions at once (accept or reject, with the
    reason and what was selected), kept so that it can be undone for a while and read later."""

    class Action(models.TextChoices):
        ACCEPT = "accept", "Accepted"
        REJECT = "reject", "Rejected"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="review_decisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=8, choices=Action.choices)
    reason = models.TextField(blank=True)
    scope = models.CharField(max_length=300, help_text='What was chosen: "3 selected", "all from AFP".')
    suggestions = models.ManyToManyField(Suggestion, related_name="decisions")
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The draft revision an acceptance made.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(action="reject") | ~Q(reason=""), name="reviewdecision_rejection_reason"),
        ]
        indexes = [models.Index(fields=["briefing", "editor", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.scope} on {self.briefing}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:review", kwargs={"slug": self.briefing.slug})


class Link(models.Model):
    """A ``[[Title]]`` link from one briefing's published text; target empty while no page exists."""

    source = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Briefing, null=True, blank=True, on_delete=models.SET_NULL, related_name="backlinks")
    target_title = models.CharField(max_length=200)

    class Meta:
        ordering = ["source", "target_title"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target_title"], name="link_unique_per_title"),
            models.CheckConstraint(condition=~Q(target_title=""), name="link_has_title"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target_title}"

    def get_absolute_url(self) -> str:
        return self.source.get_absolute_url()


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    OFF = "off", "Off"


class Subscription(models.Model):
    """A user watching a briefing, or an actor or region (covering the briefings about it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    briefing = models.ForeignKey(Briefing, null=True, blank=True, on_delete=models.CASCADE, related_name="watchers")
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="watchers")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="watchers")
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["user", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(briefing__isnull=False, actor__isnull=True, region__isnull=True)
                | Q(briefing__isnull=True, actor__isnull=False, region__isnull=True)
                | Q(briefing__isnull=True, actor__isnull=True, region__isnull=False),
                name="subscription_exactly_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", field], condition=Q(**{f"{field}__isnull": False}), name=f"subscription_unique_{field}"
                )
                for field in ("briefing", "actor", "region")
            ],
        ]
        indexes = [models.Index(fields=["frequency", "user"])]

    def __str__(self) -> str:
        return f"{self.user} watches {self.target}"

    @property
    def target(self):
        return self.briefing or self.actor or self.region

    def get_absolute_url(self) -> str:
        return reverse("briefings:watches")


class Publication(models.Model):
    """When a revision became what readers see: digests compare the published text before and
    after a period, so they need the history ``Briefing.published_revision`` overwrites."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="publications")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="publications")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["briefing", "published_at"]
        indexes = [models.Index(fields=["published_at"]), models.Index(fields=["briefing", "published_at"])]

    def __str__(self) -> str:
        return f"{self.revision} published {self.published_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.revision.get_absolute_url()
