"""Where claims come from: outlets, their articles, and the names found in them."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse

from actors.models import Actor, Region

from .querysets import ArticleQuerySet


class Outlet(models.Model):
    """A publisher or news agency (AP, AFP, Reuters, VICE News)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    actor = models.OneToOneField(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outlet",
        help_text="The media-outlet actor, so 'told Reuters' resolves to this outlet.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sources:outlet-detail", kwargs={"slug": self.slug})


class Article(models.Model):
    """One news article, ingested once: by URL or, without one, by the hash of its text."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    published_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True, help_text="The original HTML, when the article came as HTML.")
    content_hash = models.CharField(
        max_length=64, null=True, blank=True, help_text="SHA-256 of the normalised text: the same text is one article."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    status_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(status_reason=""), name="article_failure_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["outlet", "published_at"]),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("sources:article-detail", kwargs={"pk": self.pk})

    @property
    def published_date(self):
        return self.published_at.date() if self.published_at else None


def valid_span(prefix: str, text_field: str) -> list[models.CheckConstraint]:
    """A span starts at 0 or later, ends after it starts, and its text is exactly that long."""
    return [
        models.CheckConstraint(condition=Q(start__gte=0) & Q(end__gt=F("start")), name=f"{prefix}_span_ordered"),
        models.CheckConstraint(
            condition=Exact(Length(text_field), F("end") - F("start")), name=f"{prefix}_span_matches_text"
        ),
    ]


class Mention(models.Model):
    """A name found in an article, at a character span, resolved to an actor or a region."""

    class Label(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organization", "Organisation"
        LOCATION = "location", "Location"
        OTHER = "other", "Other"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    label = models.CharField(max_length=16, choices=Label.choices, default=Label.OTHER)
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions")
    confidence = models.FloatField(default=1.0)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            *valid_span("mention", "text"),
            models.UniqueConstraint(fields=["article", "start", "end"], name="mention_unique_span"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="mention_confidence_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#mention-{self.pk}"


class Feed(models.Model):
    """An RSS or Atom feed polled by Celery beat for new articles."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    interval_minutes = models.PositiveIntegerField(default=30)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=300, blank=True)
    modified = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(condition=Q(interval_minutes__gte=1), name="feed_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.title or self.url

    def get_absolute_url(self) -> str:
        return reverse("sources:feed-detail", kwargs={"pk": self.pk})
