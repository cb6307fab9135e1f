"""Celery tasks for digests: thin wrappers over services."""
from celery import shared_task

from briefings.models import Frequency

from .send import digests_send_due


@shared_task(name="digests.send_due_digests")
def send_due_digests() -> dict:
    """Send the daily and weekly digests that are due. Beat runs it hourly; the claim on each
    (user, period) makes extra runs, overlapping runs and reruns after a crash harmless."""
    return {frequency: str(digests_send_due(frequency=frequency)) for frequency in (Frequency.DAILY, Frequency.WEEKLY)}
