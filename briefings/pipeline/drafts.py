"""Pending suggestions on the briefings a new claim concerns.

A claim concerns a briefing when its speaker, actors and regions weigh enough against the
briefing's subjects. Specific subjects (a person, a city, a province) weigh 2; broad ones (a
state, an armed group, a country) weigh 1, so "Iraq" alone does not pull every claim about
Iraq into every briefing that lists Iraq. A sub-region counts for the province or area it sits
in. Nothing is published by the machine: suggestions wait for an editor.
"""
import re
from collections.abc import Iterable

from actors.models import Actor, Region

from ..models import Briefing, Claim, Suggestion
from ..services import suggestion_propose
from .extract import catalogue_objects

THRESHOLD = 2
DISCOURSE = re.compile(r"^(however|meanwhile|but|and|also|still|yet|moreover|nevertheless)\b,?\s*", re.IGNORECASE)
BROAD_ACTOR_KINDS = {Actor.Kind.STATE, Actor.Kind.ARMED_GROUP, Actor.Kind.MEDIA_OUTLET}


def _actor_weight(actor: Actor) -> int:
    return 1 if actor.kind in BROAD_ACTOR_KINDS else 2


def _region_weight(region: Region) -> int:
    return 1 if region.kind == Region.Kind.COUNTRY else 2


def _ancestors(region_ids: set[int], parents: dict[int, int | None]) -> dict[int, int]:
    """Each region and the non-country regions it sits in, mapped to the region mentioned."""
    covered = {}
    for rid in region_ids:
        covered[rid] = rid
        seen, current = {rid}, parents.get(rid)
        while current and current not in seen:
            covered.setdefault(current, rid)
            seen.add(current)
            current = parents.get(current)
    return covered


def relevance(claim_actors: Iterable[Actor], claim_regions: Iterable[Region], briefing: Briefing,
              parents: dict[int, int | None], countries: set[int]) -> int:
    """How strongly a claim concerns a briefing (its subjects prefetched)."""
    actor_ids = {a.pk for a in claim_actors}
    score = sum(_actor_weight(a) for a in briefing.subject_actors.all() if a.pk in actor_ids)
    covered = _ancestors({r.pk for r in claim_regions}, parents)
    for region in briefing.subject_regions.all():
        if region.pk in covered and (region.pk not in countries or covered[region.pk] == region.pk):
            score += _region_weight(region)
    return score


def suggestion_sentence(claim: Claim) -> str:
    """The claim in plain words, attributed: "Masoud Barzani said that ... (relayed by AFP)."""
    who = claim.speaker.name if claim.speaker_id else (claim.speaker_text or "A source")
    who = who[0].upper() + who[1:]
    proposition = DISCOURSE.sub("", claim.text.strip()).rstrip(".").strip("\"“”'")
    same = claim.relayed_by_id and claim.speaker_id and claim.relayed_by.actor_id == claim.speaker_id
    relay = f", as reported by {claim.relayed_by.name}" if claim.relayed_by_id and not same else ""
    when = f" ({claim.event_date:%-d %B %Y})" if claim.event_date and claim.event_date_precision == "day" else ""
    return f"{who} said{when}{relay}: “{proposition}.”"


def propose_for_claims(claims: list[Claim]) -> list[Suggestion]:
    """A pending suggestion on every briefing each claim concerns (once per claim and briefing)."""
    if not claims:
        return []
    briefings = list(Briefing.objects.prefetch_related("subject_actors", "subject_regions"))
    if not briefings:
        return []
    known = catalogue_objects()  # accepted regions: candidates have no place in the tree yet
    parents, countries = known.parents, known.countries
    made = []
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]).select_related("speaker", "relayed_by") \
            .prefetch_related("actors", "regions"):
        actors = list(claim.actors.all()) + ([claim.speaker] if claim.speaker_id else [])
        regions = list(claim.regions.all())
        for briefing in briefings:
            if relevance(actors, regions, briefing, parents, countries) >= THRESHOLD:
                suggestion, created = suggestion_propose(briefing=briefing, claim=claim, text=suggestion_sentence(claim))
                if created:
                    made.append(suggestion)
    return made
