"""The catalogue: actors (who acts or speaks), regions (where), and their aliases."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .names import normalise_name
from .querysets import ActorQuerySet, RegionQuerySet


class ReviewState(models.TextChoices):
    """Machine guesses enter as candidates; only editors move them into the catalogue."""

    CANDIDATE = "candidate", "Candidate"
    ACCEPTED = "accepted", "Accepted"
    MERGED = "merged", "Merged"
    REJECTED = "rejected", "Rejected"


class CatalogueEntry(models.Model):
    """Fields and invariants shared by actors and regions."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    review_state = models.CharField(max_length=12, choices=ReviewState.choices, default=ReviewState.ACCEPTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when an editor decides a candidate (accepts, rejects or merges it): recent changes list it.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_candidate(self) -> bool:
        return self.review_state == ReviewState.CANDIDATE


def merged_iff_target(prefix: str) -> models.CheckConstraint:
    """A merged entry points at the entry it was merged into; no other entry does."""
    return models.CheckConstraint(
        condition=(Q(review_state=ReviewState.MERGED) & Q(merged_into__isnull=False))
        | (~Q(review_state=ReviewState.MERGED) & Q(merged_into__isnull=True)),
        name=f"{prefix}_merged_iff_target",
    )


class Region(CatalogueEntry):
    """A place; regions nest (Kirkuk city in Kirkuk Governorate in Iraq)."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        PROVINCE = "province", "Province / governorate"
        CITY = "city", "City"
        AREA = "area", "Area"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_regions"
    )

    objects = RegionQuerySet.as_manager()

    class Meta(CatalogueEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="region_not_own_parent"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="region_coordinates_valid",
            ),
            merged_iff_target("region"),
        ]
        indexes = [models.Index(fields=["review_state", "name"])]

    def get_absolute_url(self) -> str:
        return reverse("actors:region-detail", kwargs={"slug": self.slug})


class Actor(CatalogueEntry):
    """Someone who acts or speaks: a person, organisation, state, armed group or media outlet."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        STATE = "state", "State"
        ARMED_GROUP = "armed_group", "Armed group"
        MEDIA_OUTLET = "media_outlet", "Media outlet"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The organisation this actor belongs to or is affiliated with.",
    )
    territory = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="states",
        help_text="For a state: its country, so 'Iran said' links the place name to the state.",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_actors"
    )

    objects = ActorQuerySet.as_manager()

    class Meta(CatalogueEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="actor_not_own_parent"),
            models.CheckConstraint(
                condition=Q(territory__isnull=True) | Q(kind="state"), name="actor_territory_only_for_states"
            ),
            merged_iff_target("actor"),
        ]
        indexes = [models.Index(fields=["review_state", "kind", "name"])]

    def get_absolute_url(self) -> str:
        return reverse("actors:actor-detail", kwargs={"slug": self.slug})


class Alias(models.Model):
    """Another name of an actor or a region (ISIS = ISIL; Soleimani = Suleimani).

    ``normalised`` is the lookup key (see ``names.normalise_name``); an alias is unique per
    normalised form and target, so the same spelling may name an actor and a region
    ("Iraq" the state and "Iraq" the country) but never the same target twice.
    """

    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, region__isnull=True) | Q(actor__isnull=True, region__isnull=False),
                name="alias_exactly_one_target",
            ),
            models.CheckConstraint(condition=~Q(normalised=""), name="alias_normalised_not_empty"),
            models.UniqueConstraint(
                fields=["normalised", "actor"], condition=Q(actor__isnull=False), name="alias_unique_per_actor"
            ),
            models.UniqueConstraint(
                fields=["normalised", "region"], condition=Q(region__isnull=False), name="alias_unique_per_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.target}"

    @property
    def target(self) -> "Actor | Region":
        return self.actor or self.region

    def save(self, *args, **kwargs) -> None:
        # Derived from name on every save: the key can never drift from what it normalises.
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.target.get_absolute_url()
