"""Named visibility: every view, API viewset and digest starts from one of these."""
from django.conf import settings
from django.db import models

from core.roles import can_edit


class BriefingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_revision__isnull=False)

    def visible_to(self, user):
        """Members read published briefings; editors also see ones never published.
        Anonymous visitors see published ones only where BRIEFWIKI_PUBLIC_BRIEFINGS is on."""
        if not user.is_authenticated:
            return self.published() if settings.BRIEFWIKI_PUBLIC_BRIEFINGS else self.none()
        if can_edit(user):
            return self.all()
        return self.published()

    def editable_by(self, user):
        return self.all() if can_edit(user) else self.none()


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state="pending")

    def visible_to(self, user):
        """Suggestions are drafts' raw material: editors only."""
        return self.all() if user.is_authenticated and can_edit(user) else self.none()


class SubscriptionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's watches are their own business."""
        return self.filter(user=user) if user.is_authenticated else self.none()
