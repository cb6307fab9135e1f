"""Named visibility for claims."""
from django.db import models
from django.db.models import Q


class ClaimQuerySet(models.QuerySet):
    def visible_to(self, user, *, include_hidden: bool = False):
        """Claims are read by every member; anonymous visitors see none. Claims marked not a
        claim or merged into another are shown nowhere, except (``include_hidden``) on their own
        page, where an editor can see why."""
        if not user.is_authenticated:
            return self.none()
        return self.all() if include_hidden else self.shown()

    def shown(self):
        """Neither marked not a claim nor merged into another."""
        return self.filter(hidden=False, merged_into__isnull=True)

    def disputed(self):
        return self.filter(status="disputed")

    def about_actor(self, actor):
        return self.filter(Q(speaker=actor) | Q(actors=actor)).distinct()


class FactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Facts are read by every member, as claims are; hidden ones (an editor's decision, or
        their claim marked not a claim or merged away) are shown nowhere."""
        if not user.is_authenticated:
            return self.none()
        return self.shown()

    def shown(self):
        return self.exclude(editor_state="hidden").exclude(claim__hidden=True).exclude(claim__merged_into__isnull=False)

    def standing(self):
        """Facts that hold as stated: asserted, and not carried by a retracted claim."""
        return self.filter(polarity="asserted").exclude(claim__status="retracted")
