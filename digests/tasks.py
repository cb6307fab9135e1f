"""Celery tasks for digests: thin wrappers over services."""
from celery import shared_task

from briefings.models import Frequency

from .send import digests_send_due


# A pass over every subscriber may outlast the default limits; an interrupted pass is harmless
# (the next run sends what is still due).
@shared_task(name="digests.send_due_digests", soft_time_limit=1800, time_limit=1900)
def send_due_digests() -> dict:
    """Send the daily and weekly digests that are due. Beat runs it hourly; the claim on each
    (user, period) makes extra runs, overlapping runs and reruns after a crash harmless."""
    return {frequency: str(digests_send_due(frequency=frequency)) for frequency in (Frequency.DAILY, Frequency.WEEKLY)}
