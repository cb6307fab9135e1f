"""Claims: who said what, relayed by whom, about whom and where, each tied by citations to the
exact words of its articles; their status history and the relations between them."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from actors.models import Actor, Region
from sources.models import Article, Outlet, valid_span

from .querysets import ClaimQuerySet, FactQuerySet


class Origin(models.TextChoices):
    """Who or what wrote a row: the extractor, a person, or the seed data."""

    MACHINE = "machine", "Extractor"
    EDITOR = "editor", "Editor"
    SEED = "seed", "Seed data"


class Claim(models.Model):
    """An attributed statement: who said what, relayed by whom, about whom and where.

    Disagreeing sources are two claims linked by a ``ClaimRelation`` of kind ``disputes``;
    the system keeps both, each with its citations.
    """

    class Status(models.TextChoices):
        REPORTED = "reported", "Reported"
        CORROBORATED = "corroborated", "Corroborated"
        DISPUTED = "disputed", "Disputed"
        RETRACTED = "retracted", "Retracted"

    class Polarity(models.TextChoices):
        ASSERTED = "asserted", "Asserted"
        DENIED = "denied", "Denied"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    text = models.TextField(help_text="The proposition, in words.")
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_spoken"
    )
    speaker_text = models.CharField(max_length=300, blank=True, help_text="The speaker as the article names them.")
    relayed_by = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_relayed",
        help_text="The outlet that relays the claim, when it is not the publishing one.",
    )
    holder = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_held",
        help_text="Whose belief a nested report carries (sources told AP that Rouhani believes ...).",
    )
    holder_text = models.CharField(max_length=300, blank=True, help_text="The holder as the article names them.")
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.ASSERTED)
    quoted = models.BooleanField(default=False, help_text="The text is the speaker's words, verbatim in quotation marks.")
    relay_told = models.BooleanField(
        default=False,
        help_text="The speaker told the relaying outlet ('Sources told AP that …'); otherwise the outlet "
                  "reported what the speaker said ('…, AP reported').",
    )
    framing = models.CharField(
        max_length=100, blank=True,
        help_text="The article's words for a stance that is not plain reporting ('are afraid that', "
                  "'has been critical of'): the claim's sentence says them instead of 'said'.",
    )
    confidence = models.FloatField(
        null=True, blank=True, help_text="The extractor's confidence, 0 to 1; none for claims an editor made."
    )
    hidden = models.BooleanField(
        default=False, help_text="Not a claim (an extraction error): kept for the record, shown nowhere."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # A merged claim's citations live on the one kept: deleting that one must be a decision.
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    corrected = models.JSONField(
        default=list, blank=True, help_text="Fields an editor corrected: the extractor never overwrites them."
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="claims_about")
    regions = models.ManyToManyField(Region, blank=True, related_name="claims")
    event_date = models.DateField(null=True, blank=True)
    event_date_precision = models.CharField(max_length=8, choices=Precision.choices, default=Precision.UNKNOWN)
    numbers = models.JSONField(default=list, blank=True, help_text='Figures the claim states, e.g. [{"value": 69}].')
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.REPORTED)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims_created"
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="Key of the proposition, to find restatements."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-event_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event_date__isnull=True, event_date_precision="unknown")
                | (Q(event_date__isnull=False) & ~Q(event_date_precision="unknown")),
                name="claim_event_date_has_precision",
            ),
            models.CheckConstraint(
                condition=~Q(origin="editor") | Q(created_by__isnull=False), name="claim_editor_origin_has_user"
            ),
            models.CheckConstraint(condition=Q(polarity__in=["asserted", "denied"]), name="claim_polarity_valid"),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="claim_confidence_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(origin="editor") | Q(confidence__isnull=True), name="claim_editor_origin_no_confidence"
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="claim_not_merged_into_itself"),
        ]
        indexes = [
            models.Index(fields=["status", "event_date"]),
            models.Index(fields=["event_date"]),
            models.Index(fields=["speaker", "fingerprint"]),
        ]

    def __str__(self) -> str:
        who = self.speaker.name if self.speaker_id else (self.speaker_text or "Unattributed")
        return f"{who}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("claims:detail", kwargs={"pk": self.pk})

    @property
    def shown(self) -> bool:
        """Listed and cited anywhere: neither marked not a claim nor merged into another."""
        return not self.hidden and self.merged_into_id is None

    @property
    def unsure(self) -> bool:
        """The extractor was not confident enough for the claim to go unchecked, and no editor
        has corrected it since (a correction means someone looked)."""
        return (self.confidence is not None and not self.corrected
                and self.confidence < settings.BRIEFWIKI_CLAIM_CONFIDENCE_THRESHOLD)


class ClaimCorrection(models.Model):
    """An editor's correction of a claim: which field, from what to what, who, when and why.

    ``field`` names a claim field (``speaker``, ``text``, ...) or an act on the claim
    (``hidden``, ``merged_into``, ``relation``)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=40)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    reason = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="claimcorrection_has_reason")]
        indexes = [models.Index(fields=["claim", "created_at"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id}: {self.field} corrected"

    def get_absolute_url(self) -> str:
        return f"{self.claim.get_absolute_url()}#correction-{self.pk}"


class ClaimStatusChange(models.Model):
    """The history of a claim's status: every change with its reason."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=14, choices=Claim.Status.choices)
    new_status = models.CharField(max_length=14, choices=Claim.Status.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="claimstatuschange_has_reason"),
            models.CheckConstraint(condition=~Q(old_status=F("new_status")), name="claimstatuschange_changes"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.old_status} → {self.new_status}"

    def get_absolute_url(self) -> str:
        return f"{self.claim.get_absolute_url()}#status-{self.pk}"


class Citation(models.Model):
    """Where a claim is said: the exact quote at a character span of an article."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    cue = models.CharField(max_length=100, blank=True, help_text="The reporting word: said, told, according to.")
    said_on = models.DateField(
        null=True, blank=True,
        help_text="When this source made the statement, which is not the date of the event it reports "
                  "(the claim's event_date).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            *valid_span("citation", "quote"),
            models.UniqueConstraint(fields=["claim", "article", "start", "end"], name="citation_unique_span"),
        ]
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return f"“{self.quote[:60]}” ({self.article})"

    def get_absolute_url(self) -> str:
        return f"{self.claim.get_absolute_url()}#citation-{self.pk}"


class ClaimRelation(models.Model):
    """Two claims that dispute or corroborate each other, or one that duplicates another.

    The symmetric kinds are stored once, lower claim id first (a database constraint), so
    "a disputes b" and "b disputes a" cannot both exist.
    """

    class Kind(models.TextChoices):
        DISPUTES = "disputes", "Disputes"
        CORROBORATES = "corroborates", "Corroborates"
        DUPLICATES = "duplicates", "Duplicates"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_claim", "to_claim", "kind"], name="claimrelation_unique"),
            models.CheckConstraint(condition=~Q(from_claim=F("to_claim")), name="claimrelation_not_self"),
            models.CheckConstraint(
                condition=Q(kind="duplicates") | Q(from_claim__lt=F("to_claim")),
                name="claimrelation_symmetric_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"claim {self.from_claim_id} {self.kind} claim {self.to_claim_id}"

    def get_absolute_url(self) -> str:
        return self.from_claim.get_absolute_url()


class Fact(models.Model):
    """A typed relation between catalogue entries as one source states it: who supports or
    opposes whom, who controls which place, who leads or belongs to what.

    Who asserts it is the claim whose words carry it (its speaker, relayed by its outlet), or,
    with no claim, the article's own narration. ``holds_on`` is when the relation holds as the
    text states it ("since 11 June"), not when it was said (the citation's article date). A
    fact holds only as far as its claim does: a disputed or retracted claim carries its facts
    with it. Editors pin or hide a fact (``editor_state``); the extractor never overwrites that.
    """

    class Kind(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        OPPOSES = "opposes", "Opposes"
        CONTROLS = "controls", "Controls"
        LEADS = "leads", "Leads"
        MEMBER_OF = "member_of", "Member of"

    class Polarity(models.TextChoices):
        ASSERTED = "asserted", "Holds"
        ENDED = "ended", "No longer holds"  # "lost control of", "the former leader of"
        INTENDED = "intended", "Intended"   # "plans to recapture"

    class EditorState(models.TextChoices):
        NONE = "", "Not reviewed"
        PINNED = "pinned", "Pinned"
        HIDDEN = "hidden", "Hidden"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="facts_as_source")
    target_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="facts_as_target"
    )
    target_region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="facts")
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.ASSERTED)
    holds_on = models.DateField(null=True, blank=True, help_text="When it holds, as the text states it.")
    confidence = models.FloatField(default=0.5)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts")
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="facts",
        help_text="The claim whose words carry it; none when the article itself narrates it.",
    )
    start = models.PositiveIntegerField(help_text="The cited sentence in the article's text.")
    end = models.PositiveIntegerField()
    quote = models.TextField()
    cue = models.CharField(max_length=100, blank=True, help_text="The word that carries the relation.")
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    editor_state = models.CharField(max_length=8, choices=EditorState.choices, default=EditorState.NONE, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    edit_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        ordering = ["-holds_on", "-pk"]
        constraints = [
            *valid_span("fact", "quote"),
            models.CheckConstraint(
                condition=Q(target_actor__isnull=False, target_region__isnull=True)
                | Q(target_actor__isnull=True, target_region__isnull=False),
                name="fact_one_target",
            ),
            models.CheckConstraint(condition=~Q(kind="controls") | Q(target_region__isnull=False),
                                   name="fact_control_of_a_region"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="fact_confidence_in_range"),
            models.CheckConstraint(condition=Q(editor_state="") | ~Q(edit_reason=""), name="fact_edit_has_reason"),
            # One fact per relation and cited sentence: an article processed again finds its own.
            models.UniqueConstraint(fields=["article", "start", "kind", "source", "target_actor", "target_region"],
                                    nulls_distinct=False, name="fact_unique_per_sentence"),
        ]
        indexes = [
            models.Index(fields=["kind", "holds_on"]),
            models.Index(fields=["source", "kind"]),
            models.Index(fields=["target_actor", "kind"]),
            models.Index(fields=["target_region", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target_actor or self.target_region}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#fact-{self.pk}"

    @property
    def target(self) -> Actor | Region:
        return self.target_actor or self.target_region
