"""The claims list's response cache, invalidated exactly.

Dashboards poll the same claim lists over and over; between two writes the answer cannot
change. Migration ``briefings/0005`` keeps a version of everything the list shows (claims,
their subjects, citations, relations, and the names, articles and outlets they embed): every
committed write bumps it once, at commit, from a database trigger, so no code path (the
services, the admin, a bulk update, a raw statement) can forget to. A page is cached under the
version and its full URL, so a write makes every cached page unreachable at once.

The version is read before the page is built: a page built from newer data than its version
is merely recomputed once more, never served stale. Inside an open transaction (tests, or a
view wrapped in ``atomic``) the writes of that very transaction are not in the version yet, so
the cache stands aside there.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection

SQL = "SELECT epoch, n FROM briefwiki_claims_version WHERE id = 1"


def cache_key(request) -> str | None:
    """The key for this request's page, or None when the cache cannot be trusted here."""
    if connection.vendor != "postgresql" or connection.in_atomic_block or not settings.BRIEFWIKI_API_CACHE_SECONDS:
        return None
    with connection.cursor() as cursor:
        cursor.execute(SQL)
        row = cursor.fetchone()
    if row is None:
        return None
    epoch, version = row
    url = request.build_absolute_uri().encode()
    return f"api:claims:{epoch}:{version}:{int(request.user.is_authenticated)}:{hashlib.sha256(url).hexdigest()}"


def get(key: str | None) -> bytes | None:
    return cache.get(key) if key else None


def put(key: str | None, body: bytes) -> None:
    if key:
        cache.set(key, body, timeout=settings.BRIEFWIKI_API_CACHE_SECONDS)
