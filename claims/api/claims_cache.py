"""The claims list's response cache, invalidated exactly.

Dashboards poll the same claim lists over and over; between two writes the answer cannot
change. A page is cached under the version of the scope ``claims`` (``core.versioning``:
bumped at the commit of any write to what the list shows, by database triggers, so no code
path can forget to) and its full URL, so a write makes every cached page unreachable at once.

The version is read before the page is built: a page built from newer data than its version
is merely recomputed once more, never served stale. Inside an open transaction (tests, or a
view wrapped in ``atomic``) the writes of that very transaction are not in the version yet, so
the cache stands aside there.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache

from core.versioning import scoped_version


def cache_key(request) -> str | None:
    """The key for this request's page, or None when the cache cannot be trusted here."""
    version = scoped_version(["claims"]) if settings.BRIEFWIKI_API_CACHE_SECONDS else None
    if version is None:
        return None
    url = request.build_absolute_uri().encode()
    return f"api:claims:{version}:{int(request.user.is_authenticated)}:{hashlib.sha256(url).hexdigest()}"


def get(key: str | None) -> bytes | None:
    return cache.get(key) if key else None


def put(key: str | None, body: bytes) -> None:
    if key:
        cache.set(key, body, timeout=settings.BRIEFWIKI_API_CACHE_SECONDS)
