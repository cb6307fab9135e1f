"""Finding a claim to cite: the editor's picker lists claims by words of the claim, its speaker
or outlet, among those about the briefing (its subjects, and the places within its question's
place) or all of them, each dressed as the claims pages show it."""
from django.db.models import Q

from actors.querysets import regions_within
from actors.views import claims_dressed, claims_listed
from claims.filters import claims_with_words
from claims.models import Claim

from .models import Briefing
from .page import about_briefing_q


def claims_about_briefing_q(briefing: Briefing) -> Q:
    """``page.about_briefing_q`` with the places within a control question's place."""
    within = None
    if briefing.question == Briefing.Question.CONTROL and briefing.question_region_id:
        within = regions_within(briefing.question_region.slug) or [briefing.question_region_id]
    return about_briefing_q(briefing.pk, within)


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
