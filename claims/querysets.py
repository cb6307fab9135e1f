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
