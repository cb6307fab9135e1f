"""Named visibility for claims."""
from django.db import models
from django.db.models import Q


class ClaimQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Claims are read by every member; anonymous visitors see none."""
        return self.all() if user.is_authenticated else self.none()

    def disputed(self):
        return self.filter(status="disputed")

    def about_actor(self, actor):
        return self.filter(Q(speaker=actor) | Q(actors=actor)).distinct()
