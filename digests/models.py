"""Digest deliveries: one row per user and period, claimed before the mail goes out; and each\nuser's unsubscribe key."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class DigestDelivery(models.Model):
    """One digest for one user and period, claimed before sending so it goes out once."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        EMPTY = "empty", "Nothing to send"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries")
    period = models.CharField(max_length=40, help_text='e.g. "daily:2014-06-27" or "weekly:2014-W26".')
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.CLAIMED)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    briefing_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="digestdelivery_once_per_period"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="digestdelivery_sent_at"),
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")), name="digestdelivery_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.period} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("briefings:watches")


class UnsubscribeKey(models.Model):
    """The random key in a user's unsubscribe links: it names the user to this site only, and
    shows neither who nor since when. Made on the first digest, kept after."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unsubscribe_key")
    key = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"unsubscribe key of {self.user}"
