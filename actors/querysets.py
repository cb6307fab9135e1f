"""Named visibility and lookups for the catalogue."""
from django.db import models


class CatalogueQuerySet(models.QuerySet):
    def catalogue(self):
        """What editors have accepted: the entries linking and pages rely on."""
        return self.filter(review_state="accepted")

    def candidates(self):
        """Machine guesses waiting for an editor."""
        return self.filter(review_state="candidate")

    def visible_to(self, user):
        """Readers see the catalogue; editors also see candidates and the entries they reviewed."""
        if user.is_authenticated and user.has_perm("actors.change_actor"):
            return self.all()
        return self.catalogue()

    def with_alias(self, normalised: str):
        return self.filter(aliases__normalised=normalised).distinct()


class ActorQuerySet(CatalogueQuerySet):
    pass


class RegionQuerySet(CatalogueQuerySet):
    def descendants_of(self, region) -> "RegionQuerySet":
        """The region and every region nested under it, at any depth."""
        ids = {region.pk}
        frontier = [region.pk]
        while frontier:
            frontier = list(self.model.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in frontier if pk not in ids]
            ids.update(frontier)
        return self.filter(pk__in=ids)
