"""One number for "has anything the wiki shows changed since?", for caches that must be exact.

Migrations ``briefings/0005`` to ``0008`` keep it: a row bumped once per committing transaction
that writes claims, their subjects, citations, relations, the names, articles and outlets they
embed, briefings, revisions, subjects, links, suggestions, watches, users and their roles;
bumped at commit (deferred triggers), so a reader that sees a version also sees the data
written with it. The claims list's cache, whole pages per user (``page_cache``), the briefing
page's fragment and the users and permissions kept by ``config/auth.py`` are keyed or checked by
it, whoever writes: the services, the admin, a bulk update or a raw statement.

PostgreSQL only. Inside an open transaction the version does not yet include that
transaction's own writes, so callers get None there (and on SQLite) and fall back to checking
the data itself.
"""
import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.db import connection

SQL = "SELECT epoch, n FROM briefwiki_claims_version WHERE id = 1"
# Read once per request (ContentVersionMiddleware): the page, the permission cache and the API
# all ask; an older answer within one request is only ever conservative.
_request_memo: ContextVar[dict | None] = ContextVar("briefwiki_content_version", default=None)


def content_version() -> str | None:
    """``epoch:n`` (the epoch is new with every database), or None where it cannot be trusted."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    with connection.cursor() as cursor:
        cursor.execute(SQL)
        row = cursor.fetchone()
    version = f"{row[0]}:{row[1]}" if row else None
    if memo is not None:
        memo["version"] = version
    return version


class ContentVersionMiddleware:
    """Reads the content version at most once per request, and only if something asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


class ProcessMemo:
    """A small least-recently-used dict for one process, shared by its threads: what a cache
    keyed by the content version also keeps locally, so a repeat costs no cache round trip."""

    def __init__(self, size: int):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
