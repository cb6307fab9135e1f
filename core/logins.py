"""Sign-in throttling, with django-axes: failed sign-ins are counted in the database per client
address and per username, each on its own, and at ``AXES_FAILURE_LIMIT`` either one is locked
for ``AXES_COOLOFF_TIME``, the right password included (429). Admins see the lockouts in the
admin (Axes › Access attempts) and lift one by deleting it, or with ``manage.py
axes_reset_username <name>``; a successful sign-in clears the counts for that address and name.

Counted in the database rather than the cache, so a Redis outage neither opens nor blocks the
door. The address is the one the API's throttles use: the peer, or with ``NUM_PROXIES`` proxies
in front the address the outermost of them saw.
"""
from django.http import HttpRequest
from rest_framework.settings import api_settings


def client_ip(request: HttpRequest) -> str:
    """The client's address, read as DRF's throttles read it (``NUM_PROXIES``)."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = api_settings.user_settings.get("NUM_PROXIES")
    if forwarded and proxies:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return remote
