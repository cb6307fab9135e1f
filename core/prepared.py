"""Statements run as server-side prepared statements, for the hot paths that repeat one text.

PostgreSQL then plans such a statement once per connection instead of at every execution, which
for a short statement is most of its cost. Django's cursors bind parameters client-side and
cannot prepare, so these run on a psycopg cursor over Django's connection; they are recorded
where Django records queries (DEBUG, CaptureQueriesContext), so query counts stay honest.
"""
import time

import psycopg
from django.db import connection


def fetchone_prepared(sql: str, params: list) -> tuple:
    """The first row of ``sql`` with ``params`` (psycopg's %s placeholders), prepared."""
    connection.ensure_connection()
    started = time.monotonic()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        row = cursor.fetchone()
    if connection.queries_logged:
        connection.queries_log.append({"sql": f"{sql} -- {params}", "time": f"{time.monotonic() - started:.3f}"})
    return row
