"""Whole pages kept per user under the wiki's content version, exact to the request.

A signed-in reader's briefing page is the same bytes, view after view, until something it
shows changes, and the content version (``core.versioning``) moves
with every such change: the claims and names in it, the briefing row and its revisions, the
suggestions waiting on it, the reader's watches, the reader's own row and roles. So the page
is rendered once per user and version and then served from this process (or, for the other
workers, from the shared cache) at the price of the one query that reads the version.

What differs between two views of the same page by the same user is filled in per request:
the CSRF token (rendered as a placeholder, replaced with this request's token when served).
A request that could see anything else per request is rendered as usual and not stored:
a query string, messages waiting to be shown, anything but GET/HEAD, and wherever the version
cannot vouch (SQLite, or inside an open transaction).
"""
from __future__ import annotations

import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .versioning import ProcessMemo, content_version

# Rendered instead of the CSRF token into pages that are kept (see ``csrf_placeholder``).
CSRF_PLACEHOLDER = "briefwiki-csrf-token-placeholder"
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
# Kept in the shared cache, compressed (a page is ~80 KB, ~15 KB compressed), for this long
# since it was last rendered: one entry per user and page, overwritten when the version moves.
CACHE_SECONDS = 600
# The last pages this process served: a repeat view costs no cache round trip.
local_pages = ProcessMemo(size=256)


def csrf_placeholder(request) -> dict:
    """Context processor: while a page is rendered to be kept, ``{% csrf_token %}`` renders the
    placeholder (this processor runs after Django's own, so its value wins)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "_briefwiki_keep_page", False) else {}


def _version_for(request) -> str | None:
    """The version to keep this request's page under, or None when it must be rendered."""
    if request.method not in ("GET", "HEAD") or request.GET:
        return None
    version = content_version()
    if version is None:
        return None
    # Messages waiting in either of the default storage's places (a cookie, then the session).
    if request.COOKIES.get("messages") or request.session.get("_messages"):
        return None
    return version


def _filled(request, body: bytes) -> bytes:
    """The page with this request's CSRF token where the placeholder was rendered."""
    return body.replace(_PLACEHOLDER, get_token(request).encode()) if _PLACEHOLDER in body else body


def _serve(request, body: bytes) -> HttpResponse:
    return HttpResponse(_filled(request, body), content_type="text/html; charset=utf-8")


def per_user(name: str):
    """Keep the page a view renders per user and content version; ``name`` names the page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            version = _version_for(request)
            if version is None:
                return view(request, *args, **kwargs)
            public = int(bool(getattr(settings, "BRIEFWIKI_PUBLIC_BRIEFINGS", False)))
            parts = [str(a) for a in args] + [f"{k}={v}" for k, v in sorted(kwargs.items())]
            key = f"page:{name}:{request.user.pk or 0}:{public}:{'/'.join(parts)}"
            local = local_pages.get(key)
            if local is not None and local[0] == version:
                return _serve(request, local[1])
            shared = cache.get(key)
            if shared is not None and shared[0] == version:
                entry = (version, zlib.decompress(shared[1]))
                local_pages.put(key, entry)
                return _serve(request, entry[1])
            request._briefwiki_keep_page = True
            try:
                response = view(request, *args, **kwargs)
            finally:
                request._briefwiki_keep_page = False
            if response.streaming:
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            body = response.content
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                cache.set(key, (version, zlib.compress(body, 1)), CACHE_SECONDS)
                local_pages.put(key, (version, body))
            response.content = _filled(request, body)
            return response

        return wrapped

    return decorator
