"""Named visibility for sources."""
from django.db import models


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Articles are the evidence behind claims: every signed-in member may read them."""
        if user.is_authenticated:
            return self.all()
        return self.none()

    def pending(self):
        return self.filter(status__in=["queued", "processing"])
