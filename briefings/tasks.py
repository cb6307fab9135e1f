"""Celery tasks for briefings: thin wrappers over services and selectors."""
from celery import shared_task

from .models import Frequency


# --- digests ----------------------------------------------------------------------------------


@shared_task(name="briefings.send_due_digests")
def send_due_digests() -> dict:
    """Send the daily and weekly digests that are due. Beat runs it hourly; the claim on each
    (user, period) makes extra runs, overlapping runs and reruns after a crash harmless."""
    from .digests.send import digests_send_due

    return {frequency: str(digests_send_due(frequency=frequency)) for frequency in (Frequency.DAILY, Frequency.WEEKLY)}
