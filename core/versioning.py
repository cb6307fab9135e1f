"""Scoped versions: "has anything this page (list, permission set) shows changed since?", for
caches that must be exact.

A write touches *scopes*: ``briefing:12``, ``actor:5``, ``region:3``, ``claim:77``, ``user:4``,
``name:<lower(name)>`` (what a ``[[Title]]`` link resolves to), and coarse ones: ``roles`` (a
group's permissions), ``outlets``, ``claims`` (anything the claims list API shows),
``catalogue`` (accepted actors, regions and aliases: the pipeline's entity ruler) and ``all``
(a TRUNCATE). ``TRACKED`` below declares, per table, which scopes a row change touches;
migration ``core/0001_content_version`` generates the triggers from it (``triggers_sql``), so
whoever writes (a service, the admin, a bulk update, raw SQL) moves the right versions.

Storage: ``core_version(scope, n)``, a raw table (no model: a test flush leaves it alone), with
the row ``epoch`` holding a random number per database, so a cache that outlives a database
(tests, a restore) never answers for it. Statement-level triggers collect the touched scopes
(set-based, from transition tables) into transaction-local state; at commit a deferred trigger
bumps them all in one statement, so a reader that sees a version also sees the data written
with it.

A cached thing records what it depends on (``depends_on``, while it is built) and is checked
with ``scoped_version``: one query, a digest over those scopes, ``epoch`` and ``all``.
A page kept for many views is instead *registered* (``page_register``): its scope set goes
into ``core_page_scope`` under a key shared by every page with the same set, and the commit
that bumps versions also gives every registered page showing one of them a new number in
``core_page``, so a view checks one row (``page_versions``). A beat task deletes
registrations not made again for an hour (``page_registrations_expire``).

PostgreSQL only. Inside an open write transaction the versions do not yet include that
transaction's own writes, so callers get None there (and on SQLite) and skip their caches;
``snapshot()`` is the exception, a read-only REPEATABLE READ transaction in which data and
digest are read from the same snapshot.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction

from .prepared import fetchone_prepared

# Every read includes these: the database's epoch, and the scope a TRUNCATE bumps.
ALWAYS = ("all", "epoch")
# Serialises the commits that bump versions (see ``triggers_sql``).
LOCK_KEY = 804_417_223


@dataclass(frozen=True)
class Tracked:
    """One tracked table: the scopes a changed row ``r`` touches.

    ``scopes`` are SQL expressions over ``r`` (a NULL touches nothing); ``joined`` are
    (expression, JOIN clause) pairs for scopes found through other tables. An UPDATE touches
    the scopes of the row as it was and as it is, and only when one of ``columns`` changed
    (all columns when None); ``r.renamed`` tells whether one of ``rename_columns`` did (always
    true for an INSERT or DELETE), for scopes that only what a link to the row shows moves.
    ``inserts`` is False where a new row shows nowhere yet.
    """

    scopes: tuple[str, ...] = ()
    joined: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] | None = None
    rename_columns: tuple[str, ...] = ()
    inserts: bool = True


def _claim_subjects(claim_id: str) -> tuple[tuple[str, str], ...]:
    """The actor: and region: scopes of the claim ``claim_id`` (an expression over ``r``)."""
    return (
        ("'actor:' || ca.actor_id", f"JOIN claims_claim_actors ca ON ca.claim_id = {claim_id}"),
        ("'region:' || cr.region_id", f"JOIN claims_claim_regions cr ON cr.claim_id = {claim_id}"),
    )


def _catalogue_entry(kind: str) -> Tracked:
    return Tracked(
        scopes=(
            f"'{kind}:' || r.id",
            "CASE WHEN r.renamed THEN 'name:' || lower(r.name) END",
            "'claims'",
            "CASE WHEN r.review_state = 'accepted' THEN 'catalogue' END",
        ),
        # What a [[Name]] link to it shows: its name, its address, whether readers see it.
        rename_columns=("name", "slug", "review_state"),
    )


_USER_COLUMNS = (
    "password", "username", "first_name", "last_name", "email", "is_staff", "is_active", "is_superuser", "date_joined",
)
_BRIEFING_PART = Tracked(scopes=("'briefing:' || r.briefing_id",))
_USER_PART = Tracked(scopes=("'user:' || r.user_id",))

# Every table whose rows a cached page, list or permission set shows. A citation's subjects are
# left out: the sidebar of a subject's page shows no citations, and the pages that do (footnotes,
# disputes) depend on the claim itself.
TRACKED: dict[str, Tracked] = {
    "actors_actor": _catalogue_entry("actor"),
    "actors_region": _catalogue_entry("region"),
    "actors_alias": Tracked(
        scopes=("'claims'",),
        joined=(
            ("'catalogue'", "JOIN actors_actor a ON a.id = r.actor_id AND a.review_state = 'accepted'"),
            ("'catalogue'", "JOIN actors_region g ON g.id = r.region_id AND g.review_state = 'accepted'"),
        ),
    ),
    "sources_article": Tracked(
        scopes=("'claims'",),
        joined=(("'claim:' || ci.claim_id", "JOIN claims_citation ci ON ci.article_id = r.id"),),
        columns=("title", "url", "outlet_id", "published_at"),
        inserts=False,
    ),
    "sources_outlet": Tracked(scopes=("'outlets'", "'claims'"), columns=("slug", "name"), inserts=False),
    "claims_claim": Tracked(scopes=("'claim:' || r.id", "'claims'"), joined=_claim_subjects("r.id")),
    "claims_claim_actors": Tracked(scopes=("'claim:' || r.claim_id", "'actor:' || r.actor_id", "'claims'")),
    "claims_claim_regions": Tracked(scopes=("'claim:' || r.claim_id", "'region:' || r.region_id", "'claims'")),
    "claims_citation": Tracked(scopes=("'claim:' || r.claim_id", "'claims'")),
    # A fact shows on its places' and parties' pages and in the answers about them.
    "claims_fact": Tracked(scopes=("'region:' || r.target_region_id", "'actor:' || r.target_actor_id",
                                   "'actor:' || r.source_id", "'claim:' || r.claim_id", "'facts'")),
    "claims_claimrelation": Tracked(
        scopes=("'claim:' || r.from_claim_id", "'claim:' || r.to_claim_id", "'claims'"),
        joined=_claim_subjects("r.from_claim_id") + _claim_subjects("r.to_claim_id"),
    ),
    "briefings_briefing": Tracked(
        scopes=("'briefing:' || r.id", "CASE WHEN r.renamed THEN 'name:' || lower(r.title) END"),
        rename_columns=("title", "slug"),  # what a [[Title]] link or a backlink to it shows
    ),
    "briefings_briefing_subject_actors": _BRIEFING_PART,
    "briefings_briefing_subject_regions": _BRIEFING_PART,
    "briefings_revision": _BRIEFING_PART,
    "briefings_suggestion": _BRIEFING_PART,
    "briefings_link": Tracked(scopes=("'briefing:' || r.source_id", "'briefing:' || r.target_id")),
    "briefings_subscription": _USER_PART,
    # A user's ``last_login`` is left out, so signing in does not throw their pages away.
    "auth_user": Tracked(scopes=("'user:' || r.id",), columns=_USER_COLUMNS),
    "auth_user_groups": _USER_PART,
    "auth_user_user_permissions": _USER_PART,
    "auth_group_permissions": Tracked(scopes=("'roles'",)),
}


def _scopes_query(tracked: Tracked) -> str:
    """The distinct scopes touched by the rows of the CTE ``changed`` (alias ``r``)."""
    parts = [f"SELECT {expr} AS scope FROM changed r" for expr in tracked.scopes]
    parts += [f"SELECT {expr} AS scope FROM changed r {join}" for expr, join in tracked.joined]
    return f"SELECT array_agg(DISTINCT scope) FROM ({' UNION ALL '.join(parts)}) s WHERE scope IS NOT NULL"


def _differs(columns: tuple[str, ...]) -> str:
    """Whether any of ``columns`` differs between the old row ``o`` and the new row ``n``."""
    return f"({', '.join('o.' + c for c in columns)}) IS DISTINCT FROM ({', '.join('n.' + c for c in columns)})"


def _collect_function(table: str, tracked: Tracked, event: str) -> str:
    """A statement-level trigger function for ``event`` on ``table``: the touched scopes, read
    from the statement's transition tables, handed to ``core_version_collect``."""
    if event == "INSERT":
        changed = "SELECT *, true AS renamed FROM new_rows"
    elif event == "DELETE":
        changed = "SELECT *, true AS renamed FROM old_rows"
    else:
        differs = _differs(tracked.columns) if tracked.columns else "true"
        renamed = _differs(tracked.rename_columns) if tracked.rename_columns else "true"
        changed = (
            f"SELECT o.*, {renamed} AS renamed FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differs}"
            f" UNION ALL SELECT n.*, {renamed} AS renamed FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differs}"
        )
    name = f"core_version_{table}_{event.lower()}"
    return f"""
CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    PERFORM core_version_collect((WITH changed AS ({changed}) {_scopes_query(tracked)}));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""


def _events(tracked: Tracked) -> list[str]:
    return (["INSERT"] if tracked.inserts else []) + ["UPDATE", "DELETE"]


def triggers_sql(exclude: Iterable[str] = ()) -> str:
    """The version table, the functions that collect and apply scopes, and the triggers on every
    table in ``TRACKED`` but those in ``exclude`` (tables a later migration creates, which adds
    their triggers with ``table_triggers_sql``).

    Per statement, the touched scopes are appended to the transaction-local setting
    ``briefwiki.scopes``; the first time in a transaction a row goes into
    ``core_version_pending``, whose deferred constraint trigger applies them at commit (or at
    ``SET CONSTRAINTS ALL IMMEDIATE``, after which the next write queues a new row): the advisory
    lock first, so committing transactions bump one at a time and can never deadlock on version
    rows, then one INSERT ... ON CONFLICT in scope order, then one UPDATE that gives every
    registered page (``core_page``) showing one of the scopes a new number, in key order. A
    rolled-back savepoint takes its scopes and its pending row with it, as it does its writes.

    Page numbers come from one sequence, so a registration that expired and was made again
    never repeats a number a kept page was stored under. The bump sees registrations committed
    before it runs only at READ COMMITTED (Django's default) for writers; a REPEATABLE READ
    writer would miss one made after its snapshot.
    """
    return _base_sql() + table_triggers_sql([table for table in TRACKED if table not in exclude])


def table_triggers_sql(tables: Iterable[str]) -> str:
    """The trigger functions and triggers of ``tables`` (each in ``TRACKED``): a migration that
    creates a tracked table adds its triggers with this."""
    functions, triggers = [], []
    for table in tables:
        tracked = TRACKED[table]
        for event in _events(tracked):
            functions.append(_collect_function(table, tracked, event))
            transition = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows"}.get(
                event, "OLD TABLE AS old_rows NEW TABLE AS new_rows"
            )
            triggers.append(
                f"CREATE TRIGGER core_version_{event.lower()} AFTER {event} ON {table} REFERENCING {transition}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION core_version_{table}_{event.lower()}();"
            )
        triggers.append(
            f"CREATE TRIGGER core_version_truncate AFTER TRUNCATE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION core_version_truncated();"
        )
    return "".join(functions) + "\n" + "\n".join(triggers) + "\n"


def _base_sql() -> str:
    return f"""
CREATE TABLE core_version (scope text PRIMARY KEY, n bigint NOT NULL);
INSERT INTO core_version VALUES ('epoch', (random() * 9e15)::bigint);
CREATE TABLE core_version_pending (id bigint PRIMARY KEY);
-- Page numbers start at a random point, so a number kept from another database never matches.
CREATE SEQUENCE core_page_n;
SELECT setval('core_page_n', (random() * 9e15)::bigint);
CREATE TABLE core_page (key text PRIMARY KEY, n bigint NOT NULL, used_at timestamptz NOT NULL);
CREATE TABLE core_page_scope (
    key text NOT NULL REFERENCES core_page ON DELETE CASCADE, scope text NOT NULL, PRIMARY KEY (key, scope));
CREATE INDEX core_page_scope_scope ON core_page_scope (scope);
CREATE FUNCTION core_version_collect(scopes text[]) RETURNS void AS $$
DECLARE
    collected text := nullif(current_setting('briefwiki.scopes', true), '');
BEGIN
    IF scopes IS NULL OR cardinality(scopes) = 0 THEN
        RETURN;
    END IF;
    IF collected IS NULL THEN
        INSERT INTO core_version_pending VALUES (txid_current());
        PERFORM set_config('briefwiki.scopes', scopes::text, true);
    ELSE
        PERFORM set_config('briefwiki.scopes', ARRAY(
            SELECT DISTINCT s FROM unnest(collected::text[] || scopes) s)::text, true);
    END IF;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION core_version_apply() RETURNS trigger AS $$
DECLARE
    collected text := nullif(current_setting('briefwiki.scopes', true), '');
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF collected IS NOT NULL THEN
        INSERT INTO core_version AS v (scope, n)
            SELECT DISTINCT s, 1 FROM unnest(collected::text[]) s ORDER BY s
            ON CONFLICT (scope) DO UPDATE SET n = v.n + 1;
        UPDATE core_page p SET n = nextval('core_page_n')
            FROM (SELECT key FROM core_page WHERE key IN (
                      SELECT key FROM core_page_scope WHERE scope = ANY(collected::text[]))
                  ORDER BY key FOR UPDATE) touched
            WHERE p.key = touched.key;
    END IF;
    PERFORM set_config('briefwiki.scopes', '', true);
    DELETE FROM core_version_pending WHERE id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER core_version_apply AFTER INSERT ON core_version_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION core_version_apply();
CREATE FUNCTION core_version_truncated() RETURNS trigger AS $$
BEGIN
    PERFORM core_version_collect(ARRAY['all']);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def table_drop_sql(tables: Iterable[str]) -> str:
    """Undoes ``table_triggers_sql``."""
    statements = []
    for table in tables:
        for event in _events(TRACKED[table]):
            statements.append(f"DROP TRIGGER IF EXISTS core_version_{event.lower()} ON {table};")
            statements.append(f"DROP FUNCTION IF EXISTS core_version_{table}_{event.lower()}();")
        statements.append(f"DROP TRIGGER IF EXISTS core_version_truncate ON {table};")
    return "\n".join(statements) + "\n"


def drop_sql(exclude: Iterable[str] = ()) -> str:
    """Undoes ``triggers_sql``."""
    statements = [table_drop_sql([table for table in TRACKED if table not in exclude])]
    statements += [
        "DROP TABLE IF EXISTS core_version_pending, core_page_scope, core_page;",
        "DROP SEQUENCE IF EXISTS core_page_n;",
        "DROP FUNCTION IF EXISTS core_version_apply(), core_version_truncated(), core_version_collect(text[]);",
        "DROP TABLE IF EXISTS core_version;",
    ]
    return "\n".join(statements)


# --- reading ----------------------------------------------------------------------------------

# Versions only ever grow (a new scope starts at 1), so over a fixed scope set the count and the
# sum of versions identify its state: any bump changes the sum. The epoch, a random number per
# database, is one of the summands. Cheaper to compute than a hash of the sorted list.
# The scopes travel as one string joined by the unit separator: adapting a Python list to an
# array parameter costs more than the query itself.
SEPARATOR = "\x1f"
SQL = "(SELECT count(*) || ':' || sum(n) FROM core_version WHERE scope = ANY(string_to_array(%s, chr(31))))"

# A registered page's number (numbers start at a random point per database).
PAGE_SQL = "(SELECT n::text FROM core_page WHERE key = %s)"

# Digests already read in this request (ContentVersionMiddleware), by scope set: the page,
# the user and the permission cache all ask; an older answer within one request is only ever
# conservative.
_request_memo: ContextVar[dict | None] = ContextVar("briefwiki_content_version", default=None)
# Set inside ``snapshot()``: digests may be read there although a transaction is open.
_in_snapshot: ContextVar[bool] = ContextVar("briefwiki_version_snapshot", default=False)
# The scopes declared while a cached thing is built (``depends_on``), or None when nobody records.
_recorded: ContextVar[set[str] | None] = ContextVar("briefwiki_version_recorded", default=None)


def _key(scopes: Iterable[str]) -> frozenset[str]:
    return frozenset(scopes).union(ALWAYS)


def trusted() -> bool:
    """Whether versions read now vouch for the data read now (not on SQLite, nor inside a
    transaction that may hold writes of its own)."""
    return connection.vendor == "postgresql" and (not connection.in_atomic_block or _in_snapshot.get())


def scoped_versions(*scope_sets: Iterable[str]) -> list[str | None]:
    """One digest per scope set, all read in one query (none for those this request has read
    already); Nones where versions cannot be trusted."""
    return _read(None, scope_sets)[1]


def page_versions(page: str, *scope_sets: Iterable[str]) -> tuple[str | None, list[str | None]]:
    """The version of the registered page ``page`` (see ``page_register``; None once its
    registration expired) and one digest per scope set, all read in one query."""
    return _read(page, scope_sets)


def _read(page: str | None, scope_sets) -> tuple[str | None, list[str | None]]:
    if not trusted():
        return None, [None] * len(scope_sets)
    keys = [_key(scopes) for scopes in scope_sets]
    memo = _request_memo.get()
    known = dict(memo) if memo is not None else {}
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    for k in missing:
        if any(SEPARATOR in scope for scope in k):
            known[k] = None  # a name holding the separator: such a thing is not cached
    missing = [k for k in missing if k not in known]
    page_version = None
    if missing or page is not None:
        # Prepared: planning this short statement would cost more than running it, every view.
        row = fetchone_prepared(
            "SELECT " + ", ".join([SQL] * len(missing) + ([PAGE_SQL] if page is not None else [])),
            [SEPARATOR.join(k) for k in missing] + ([page] if page is not None else []),
        )
        known.update(zip(missing, row))
        if page is not None:
            page_version = row[-1]
        if memo is not None:
            memo.update((k, known[k]) for k in missing)
    return page_version, [known[k] for k in keys]


def scoped_version(scopes: Iterable[str]) -> str | None:
    """A digest of the versions of ``scopes`` (with the epoch and ``all``): it changes whenever
    a committed write touched one of them. None where it cannot be trusted."""
    return scoped_versions(scopes)[0]


def page_key(scopes: Iterable[str]) -> str:
    """The registration of a page showing ``scopes``: shared by every page with the same set."""
    return hashlib.blake2b(SEPARATOR.join(sorted(_key(scopes))).encode(), digest_size=16).hexdigest()


def page_register(scopes: Iterable[str], digest: str) -> tuple[str, str] | None:
    """Registers a page showing ``scopes`` whose digest, read in the snapshot it was rendered
    in, is ``digest``: from now on every commit touching one of them gives the page a new
    number. Returns (key, number) to keep the page under, or None if it must not be kept (a
    write committed since the snapshot, or versions cannot be trusted here). Call it outside
    any transaction, after the snapshot."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    scope_set = _key(scopes)
    if any(SEPARATOR in scope for scope in scope_set):
        return None
    key, joined = page_key(scope_set), SEPARATOR.join(sorted(scope_set))
    with transaction.atomic(), connection.cursor() as cursor:
        # Why this is exact: committing writers bump versions and pages in one step under this
        # lock, held until they commit. A writer that took it before us has committed by the
        # time we hold it, so the digest read below (after our commit) includes its bump and
        # differs from ``digest`` if it touched the page; a writer that takes it after us finds
        # this registration committed and bumps its number, which the number read below
        # precedes. No writer is half-applied around the registration. The expiry task takes
        # the lock too, so a bump never meets a delete halfway through its rows.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(
            "INSERT INTO core_page (key, n, used_at) VALUES (%s, nextval('core_page_n'), now())"
            " ON CONFLICT (key) DO NOTHING RETURNING key",
            [key],
        )
        if cursor.fetchone():
            cursor.execute(
                "INSERT INTO core_page_scope (key, scope) SELECT %s, unnest(string_to_array(%s, chr(31)))",
                [key, joined],
            )
        else:
            cursor.execute("UPDATE core_page SET used_at = now() WHERE key = %s", [key])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SQL}, {PAGE_SQL}", [joined, key])
        digest_now, number = cursor.fetchone()
    return (key, number) if number is not None and digest_now == digest else None


def page_registrations_expire(*, unused_for: timedelta) -> int:
    """Deletes page registrations not registered again for ``unused_for`` (longer than a page
    is kept); a page whose registration is gone is rendered and registered again. Returns how
    many were deleted."""
    if connection.vendor != "postgresql":
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])  # see page_register
        cursor.execute("DELETE FROM core_page WHERE used_at < now() - %s", [unused_for])
        return cursor.rowcount


def user_scopes(user_id) -> tuple[str, ...]:
    """What a signed-in user's row, roles and permission sets depend on."""
    return (f"user:{user_id}", "roles") if user_id else ()


def depends_on(*scopes: str) -> None:
    """Declares that what is being built shows the rows of ``scopes`` (a no-op unless a cache
    records, see ``snapshot``)."""
    recorded = _recorded.get()
    if recorded is not None:
        recorded.update(scopes)


@contextmanager
def snapshot() -> Iterator[set[str]]:
    """A read-only REPEATABLE READ transaction that records ``depends_on`` into the set it
    yields: data read inside and ``scoped_versions`` read inside come from one snapshot, so a
    write committed meanwhile cannot hide behind a digest that already includes it. The
    caller must not be inside a transaction already."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        recorded: set[str] = set()
        tokens = (_recorded.set(recorded), _request_memo.set({}), _in_snapshot.set(True))
        try:
            yield recorded
        finally:
            _in_snapshot.reset(tokens[2])
            _request_memo.reset(tokens[1])
            _recorded.reset(tokens[0])


class ContentVersionMiddleware:
    """Reads each scope set's digest at most once per request, and only if something asks."""

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
    keyed by a version also keeps locally, so a repeat costs no cache round trip."""

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
