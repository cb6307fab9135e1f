"""Finding a claim to cite: the editor's picker lists claims by words of the claim, its speaker
or outlet, among those about the briefing (its subjects, and the places within its question's
place) or all of them, each dressed as the claims pages show it."""
from django.db.models import Q

from actors.querysets import regions_within
from actors.views import claims_dressed, claims_listed
from claims.filters import claims_with_words
from claims.models import Claim

from .models import Briefing
from .page import subject_claims_q


def claims_about_briefing_q(briefing: Briefing) -> Q:
    """Claims about the briefing's subjects or, for a control question, a place within its place
    (its subjects hold the place itself, not Hawija inside Kirkuk Governorate)."""
    about = subject_claims_q(briefing.pk)
    if briefing.question == Briefing.Question.CONTROL and briefing.question_region_id:
        within = regions_within(briefing.question_region.slug) or [briefing.question_region_id]
        about |= Q(pk__in=Claim.regions.through.objects.filter(region_id__in=within).values("claim_id"))
    return about


def claims_to_cite(briefing: Briefing, *, user, words: list[str], about_briefing: bool,
                   limit: int) -> tuple[list[Claim], bool]:
    """Up to ``limit`` claims ``user`` may see, newest first, with whether there are more; a
    fixed number of queries however many are listed."""
    claims = Claim.objects.visible_to(user)
    if about_briefing:
        claims = claims.filter(claims_about_briefing_q(briefing))
    found = list(claims_listed(claims_with_words(claims, words))[: limit + 1])
    claims_dressed(found[:limit])
    return found[:limit], len(found) > limit
