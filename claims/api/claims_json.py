"""The claims list page built as JSON by PostgreSQL, in one statement.

The claims list is the API's hot path (dashboards poll it, 50 claims with their subjects,
citations and relations per page). Through the ORM and DRF serialisers a page costs ~70 ms of
Python; here PostgreSQL assembles exactly the ``ClaimSerializer`` shape with
``json_build_object`` and the view passes the bytes through. Filtering, visibility and cursor
positions still come from the FilterSet, ``visible_to`` and ``CursorPage``: only the row
rendering moves into SQL. ``tests/briefings/test_api_claims_json.py`` holds the two shapes equal.

The subject lookups are LATERAL with ``OFFSET 0`` so PostgreSQL fetches each of a claim's one or
two subjects by primary key, instead of hashing the whole (small) actor table once per claim.

Used for forward pages ordered by ``-pk`` on PostgreSQL; anything else (SQLite, a "previous"
cursor) takes the ordinary serialiser path.
"""
import json

from django.db import connection
from django.db.models import QuerySet
from rest_framework.pagination import Cursor

from core.prepared import fetchone_prepared

_TS = "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
_ACTOR = "json_build_object('slug', {0}.slug, 'name', {0}.name, 'kind', {0}.kind)"

ROW_SQL = f"""
SELECT c.id, json_build_object(
    'id', c.id,
    'text', c.text,
    'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE {_ACTOR.format("s")} END,
    'speaker_text', c.speaker_text,
    'relayed_by', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('slug', o.slug, 'name', o.name) END,
    'holder', CASE WHEN h.id IS NULL THEN NULL ELSE {_ACTOR.format("h")} END,
    'holder_text', c.holder_text,
    'polarity', c.polarity,
    'quoted', c.quoted,
    'confidence', c.confidence,
    'hidden', c.hidden,
    'merged_into', c.merged_into_id,
    'corrected', c.corrected,
    'actors', COALESCE((
        SELECT json_agg({_ACTOR.format("a")} ORDER BY a.name, a.id)
        FROM claims_claim_actors ca
        CROSS JOIN LATERAL (SELECT * FROM actors_actor WHERE id = ca.actor_id OFFSET 0) a
        WHERE ca.claim_id = c.id), '[]'),
    'regions', COALESCE((
        SELECT json_agg({_ACTOR.format("r")} ORDER BY r.name, r.id)
        FROM claims_claim_regions cr
        CROSS JOIN LATERAL (SELECT * FROM actors_region WHERE id = cr.region_id OFFSET 0) r
        WHERE cr.claim_id = c.id), '[]'),
    'numbers', c.numbers,
    'event_date', c.event_date,
    'event_date_precision', c.event_date_precision,
    'status', c.status,
    'origin', c.origin,
    'citations', COALESCE((
        SELECT json_agg(json_build_object(
            'id', ci.id, 'quote', ci.quote, 'cue', ci.cue, 'said_on', ci.said_on, 'start', ci.start, 'end', ci."end",
            'article', json_build_object(
                'id', ar.id, 'title', ar.title, 'url', ar.url,
                'outlet', CASE WHEN ao.id IS NULL THEN NULL ELSE json_build_object('slug', ao.slug, 'name', ao.name) END,
                'published_at', CASE WHEN ar.published_at IS NULL THEN NULL ELSE {_TS.format("ar.published_at")} END)
            ) ORDER BY ci.created_at, ci.id)
        FROM claims_citation ci
        JOIN sources_article ar ON ar.id = ci.article_id
        LEFT JOIN sources_outlet ao ON ao.id = ar.outlet_id
        WHERE ci.claim_id = c.id), '[]'),
    'relations', COALESCE((
        SELECT json_agg(json_build_object('kind', rel.kind, 'direction', rel.direction, 'claim', rel.other,
                                          'note', rel.note) ORDER BY rel.side, rel.created_at, rel.id)
        FROM (
            SELECT 0 AS side, 'from' AS direction, kind, note, created_at, id, to_claim_id AS other
            FROM claims_claimrelation WHERE from_claim_id = c.id
            UNION ALL
            SELECT 1, 'to', kind, note, created_at, id, from_claim_id
            FROM claims_claimrelation WHERE to_claim_id = c.id
        ) rel), '[]'),
    'created_at', {_TS.format("c.created_at")},
    'updated_at', {_TS.format("c.updated_at")}
) AS doc
FROM claims_claim c
LEFT JOIN actors_actor s ON s.id = c.speaker_id
LEFT JOIN sources_outlet o ON o.id = c.relayed_by_id
LEFT JOIN actors_actor h ON h.id = c.holder_id
WHERE c.id = ANY(%s)
"""
PAGE_SQL = f"SELECT COALESCE((SELECT json_agg(t.doc ORDER BY t.id DESC) FROM ({ROW_SQL}) t), '[]')::text"


def _rows_json(ids: list[int]) -> str:
    """The JSON array of the claims ``ids``, newest first. The statement's text never changes
    (the ids are one array parameter), so it runs prepared (``core.prepared``)."""
    (rows,) = fetchone_prepared(PAGE_SQL, [ids])
    return rows


def usable(paginator, request) -> bool:
    """The fast path serves PostgreSQL, ``-pk`` order and forward cursors only."""
    if connection.vendor != "postgresql" or paginator.get_page_size(request) is None:
        return False
    cursor = paginator.decode_cursor(request)
    return cursor is None or (not cursor.reverse and cursor.offset == 0)


def claims_page(queryset: QuerySet, paginator, request) -> bytes:
    """The paginated JSON body (``next``, ``previous``, ``results``) for ``queryset``'s claims."""
    size = paginator.get_page_size(request)
    paginator.base_url = request.build_absolute_uri()
    cursor = paginator.decode_cursor(request)
    position = cursor.position if cursor else None
    ids = queryset.order_by("-pk")
    if position is not None:
        try:
            ids = ids.filter(pk__lt=int(position))
        except ValueError:
            ids = ids.none()
    found = list(ids.values_list("pk", flat=True)[: size + 1])
    has_next, page = len(found) > size, found[:size]
    results = _rows_json(page) if page else "[]"
    last_id, first_id = (page[-1], page[0]) if page else (None, None)
    next_link = paginator.encode_cursor(Cursor(offset=0, reverse=False, position=str(last_id))) if has_next else None
    previous_link = None
    if position is not None and first_id is not None:
        previous_link = paginator.encode_cursor(Cursor(offset=0, reverse=True, position=str(first_id)))
    elif position is not None:
        previous_link = paginator.encode_cursor(Cursor(offset=0, reverse=True, position=str(position)))
    head = json.dumps({"next": next_link, "previous": previous_link}, separators=(",", ":"))
    return f'{head[:-1]},"results":{results}}}'.encode()
