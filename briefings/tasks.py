"""Briefing tasks: thin wrappers over ``briefings.drafts``, safe to run twice (a claim is
proposed to a briefing once)."""
from celery import shared_task

from .drafts import propose_for_briefing
from .models import Briefing


@shared_task(name="briefings.propose_for_briefing")
def propose_for_briefing_task(briefing_id: int) -> int:
    briefing = Briefing.objects.filter(pk=briefing_id).first()
    return len(propose_for_briefing(briefing)) if briefing else 0
