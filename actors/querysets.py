"""Named visibility and lookups for the catalogue."""
from django.db import connection, models


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

    def lookalikes_of(self, entries) -> dict:
        """For each of ``entries`` (by pk) whose name reads like another name of the catalogue
        (the same ``name_skeleton``, a different spelling), that entry: one query."""
        from .names import name_skeleton, normalise_name

        skeletons = {e.pk: name_skeleton(e.name) for e in entries if name_skeleton(e.name) != normalise_name(e.name)}
        if not skeletons:
            return {}
        by_name = {}
        rows = self.catalogue().filter(aliases__normalised__in=set(skeletons.values())).annotate(
            matched=models.F("aliases__normalised")).order_by("-pk")
        for row in rows:
            by_name[row.matched] = row  # the oldest wins
        return {pk: by_name[skeleton] for pk, skeleton in skeletons.items() if skeleton in by_name}


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


# The region and everything nested in it, in one round trip instead of one per level of the
# tree (the same set as Region.objects.descendants_of; this runs on the claims list's hot path).
_WITHIN_SQL = """
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM actors_region WHERE slug = %s
        UNION
        SELECT r.id FROM actors_region r JOIN tree ON r.parent_id = tree.id
    ) SELECT ARRAY(SELECT id FROM tree)
"""


def regions_within(slug: str) -> list[int] | None:
    """Ids of the region named by ``slug`` and every region nested in it; None if unknown."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_WITHIN_SQL, [slug])
            ids = cursor.fetchone()[0]
        return ids or None
    from .models import Region  # the models import this module

    region = Region.objects.filter(slug=slug).first()
    if region is None:
        return None
    return list(Region.objects.descendants_of(region).values_list("pk", flat=True))
