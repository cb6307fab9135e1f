"""One number for "has anything the wiki shows changed since?", for caches that must be exact.

Database triggers keep it, generated from ``TRACKED`` below by migration
``core/0001_content_version``: a row bumped once per committing transaction
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

SQL = "SELECT epoch, n FROM core_content_version WHERE id = 1"

# Every table whose rows a cached page, list or permission set shows, with the events that
# change what they show (a user's ``last_login`` is left out, so signing in does not throw
# every cached page away).
_USER_COLUMNS = "password, username, first_name, last_name, email, is_staff, is_active, is_superuser, date_joined"
_ALL = "INSERT OR UPDATE OR DELETE"
TRACKED: dict[str, str] = {
    "actors_actor": "UPDATE OF slug, name, kind OR DELETE",
    "actors_region": "INSERT OR UPDATE OF slug, name, kind, parent_id OR DELETE",
    "sources_article": "UPDATE OF title, url, outlet_id, published_at OR DELETE",
    "sources_outlet": "UPDATE OF slug, name OR DELETE",
    "claims_claim": _ALL,
    "claims_claim_actors": _ALL,
    "claims_claim_regions": _ALL,
    "claims_citation": _ALL,
    "claims_claimrelation": _ALL,
    "briefings_briefing": _ALL,
    "briefings_briefing_subject_actors": _ALL,
    "briefings_briefing_subject_regions": _ALL,
    "briefings_link": _ALL,
    "briefings_revision": _ALL,
    "briefings_suggestion": _ALL,
    "briefings_subscription": _ALL,
    "auth_user": f"UPDATE OF {_USER_COLUMNS} OR DELETE",
    "auth_user_groups": _ALL,
    "auth_user_user_permissions": _ALL,
    "auth_group_permissions": _ALL,
}


def triggers_sql() -> str:
    """The version's table, the function that bumps it, and one trigger pair per tracked table.

    Bumped at commit (deferred constraint triggers), once per transaction, so a reader that sees
    a version also sees the data written with it; TRUNCATE bumps it too. ``epoch`` is new with
    every database, so a cache that outlives a database (tests, a restore) never answers for it.
    """
    triggers = "".join(
        f"""
CREATE CONSTRAINT TRIGGER content_version AFTER {events} ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION core_content_version_bump();
CREATE TRIGGER content_version_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION core_content_version_bump();"""
        for table, events in TRACKED.items()
    )
    return """
CREATE TABLE core_content_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    n bigint NOT NULL,
    epoch text NOT NULL
);
INSERT INTO core_content_version VALUES (1, 0, gen_random_uuid()::text);
CREATE FUNCTION core_content_version_bump() RETURNS trigger AS $$
BEGIN
    IF current_setting('briefwiki.version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE core_content_version SET n = n + 1 WHERE id = 1;
        PERFORM set_config('briefwiki.version_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;""" + triggers


def drop_sql() -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS content_version ON {t}; DROP TRIGGER IF EXISTS content_version_truncate ON {t};\n"
        for t in TRACKED
    ) + "DROP FUNCTION IF EXISTS core_content_version_bump();\nDROP TABLE IF EXISTS core_content_version;\n"
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
