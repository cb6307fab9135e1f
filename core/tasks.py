"""Celery tasks of the core: thin, safe to run twice."""
from datetime import timedelta

from celery import shared_task

from .versioning import page_registrations_expire

# Pages are kept 10 minutes in the shared cache (core.page_cache): a registration not made again
# for an hour has no page left to serve.
REGISTRATION_UNUSED_FOR = timedelta(hours=1)


@shared_task(name="core.expire_page_registrations", ignore_result=True)
def expire_page_registrations() -> int:
    """Delete page registrations unused for an hour, so commits stop bumping them."""
    return page_registrations_expire(unused_for=REGISTRATION_UNUSED_FOR)
