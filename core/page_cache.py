"""Whole pages kept per user under the versions of what they show, exact to the request.

A signed-in reader's briefing page is the same bytes, view after view, until something it
shows changes. While the page renders, the code that builds it declares what it shows
(``core.versioning.depends_on``: the briefing, its subjects, the claims, the speakers, the
wiki links' names); the digest of their versions is read in the same REPEATABLE READ snapshot
as the data, so a write committed during the render cannot hide behind it. The scope set is
then registered (``core.versioning.page_register``, shared by every reader of a page with the
same set), after which every commit touching one of them gives the registration a new number;
the page is kept under that number and the digest of the reader's own scopes (their row and
roles). A repeat view costs one query, reading both (the authentication backend finds the
reader's digest in the request's memo); if they are unchanged the page is served from this
process or, for the other workers, from the shared cache. A write anywhere else in the wiki
(another briefing, claims about other subjects, another reader's watches) leaves the page
alone. A registration unused for an hour expires (``core.tasks``); its pages render again.

What differs between two views of the same page by the same user is filled in per request:
the CSRF token. The page is rendered with a random marker in the CSRF input's value, new for each
render and kept with the page, and only that input's value is replaced when it is served: text
in a page (a published body) can neither guess the marker nor sit inside the input.
A request that could see anything else per request is rendered as usual and not stored:
a query string, messages waiting to be shown, anything but GET/HEAD, and wherever versions
cannot vouch (SQLite, or inside an open transaction).
"""
from __future__ import annotations

import secrets
import zlib
from functools import wraps

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .versioning import ProcessMemo, page_register, page_versions, scoped_versions, snapshot, trusted, user_scopes

# What ``{% csrf_token %}`` renders, around the token; only that is filled in.
_CSRF_INPUT = b'name="csrfmiddlewaretoken" value="%s"'
# Kept in the shared cache, compressed (a page is ~80 KB, ~15 KB compressed), for this long
# since it was last rendered: one entry per user and page, overwritten when it is rendered again.
CACHE_SECONDS = 600
# The last pages this process served: a repeat view costs no cache round trip.
local_pages = ProcessMemo(size=256)


def csrf_placeholder(request) -> dict:
    """Context processor: while a page is rendered to be kept, ``{% csrf_token %}`` renders this
    render's marker (this processor runs after Django's own, so its value wins)."""
    marker = getattr(request, "_briefwiki_keep_page", None)
    return {"csrf_token": marker} if marker else {}


def _keepable(request) -> bool:
    """Whether this request's page may be served from, or kept in, the cache."""
    if request.method not in ("GET", "HEAD") or request.GET or not trusted():
        return False
    # Messages waiting in either of the default storage's places (a cookie, then the session).
    return not (request.COOKIES.get("messages") or request.session.get("_messages"))


def _session_user_id(request):
    """The user id the session names, not yet checked against the user's password hash (that
    is ``request.user``'s job)."""
    value = request.session.get(SESSION_KEY)
    return get_user_model()._meta.pk.to_python(value) if value is not None else None


def _filled(request, body: bytes, marker: str) -> bytes:
    """The page with this request's CSRF token in the CSRF inputs rendered with ``marker``."""
    rendered = _CSRF_INPUT % marker.encode()
    return body.replace(rendered, _CSRF_INPUT % get_token(request).encode()) if rendered in body else body


def _serve(request, body: bytes, marker: str) -> HttpResponse:
    return HttpResponse(_filled(request, body, marker), content_type="text/html; charset=utf-8")


def _entry(key: str):
    """(registration key, its number, the reader's digest, CSRF marker, body) of the page kept
    under ``key``, from this process or the shared cache."""
    local = local_pages.get(key)
    if local is not None:
        return local
    shared = cache.get(key)
    if shared is None or len(shared) != 5:
        return None
    entry = (*shared[:4], zlib.decompress(shared[4]))
    local_pages.put(key, entry)
    return entry


def per_user(name: str):
    """Keep the page a view renders per user, under the versions of what it declared it shows;
    ``name`` names the page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _keepable(request):
                return view(request, *args, **kwargs)
            user_id = _session_user_id(request)
            own = user_scopes(user_id)
            public = int(bool(getattr(settings, "BRIEFWIKI_PUBLIC_BRIEFINGS", False)))
            parts = [str(a) for a in args] + [f"{k}={v}" for k, v in sorted(kwargs.items())]
            key = f"page:{name}:{user_id or 0}:{public}:{'/'.join(parts)}"
            entry = _entry(key)
            # One query for the page's number and the reader: the backend finds the user's
            # digest in the request's memo, so loading ``request.user`` below costs nothing more.
            number, own_digests = page_versions(entry[0], own) if entry else (None, scoped_versions(own) if own else [])
            own_digest = own_digests[0] if own else None
            if request.user.pk != user_id:
                return view(request, *args, **kwargs)  # the session no longer holds: not this page
            if entry is not None and number is not None and (number, own_digest) == entry[1:3]:
                return _serve(request, entry[4], entry[3])
            marker = request._briefwiki_keep_page = f"briefwiki-csrf-{secrets.token_hex(16)}"
            try:
                with snapshot() as scopes:
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    # The reader's own scopes are checked on every view beside the number, so
                    # the registration holds only what any reader of this page sees.
                    shown = scopes.difference(own)
                    digest, own_now = scoped_versions(shown, own)
            finally:
                request._briefwiki_keep_page = None
            if response.streaming:
                return response
            body = response.content
            kept = response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
            # The user was loaded before the snapshot: keep the page only if it is still current.
            registered = None
            if kept and digest is not None and (not own or own_now == own_digest):
                registered = page_register(shown, digest)
            if registered is not None:
                stored = (*registered, own_digest, marker)
                cache.set(key, (*stored, zlib.compress(body, 1)), CACHE_SECONDS)
                local_pages.put(key, (*stored, body))
            response.content = _filled(request, body, marker)
            return response

        return wrapped

    return decorator
