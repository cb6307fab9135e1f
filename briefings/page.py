"""The briefing page's expensive part: its Markdown with links and footnotes, and the claims
beside it, rendered once and kept in the cache.

The cache key names the briefing, the revision and who may see the claims (members or the
public); the entry carries a stamp of every row the fragment shows (claims, citations, disputes,
speakers, articles, subjects, backlinks, link targets). On PostgreSQL a view reads only the
wiki's content version (one tiny query) and reads the stamp again only when that moved, so the
page is exact to the request; elsewhere (SQLite, or inside a transaction) the stamp is read
again at most once per ``BRIEFWIKI_PAGE_RECHECK_SECONDS`` (1 s by default). So no write path
has to remember the page. Per-user parts (watch button, edit links) stay outside.

Reading the stamp itself on every view would be exact too, but on PostgreSQL its query costs as
much as twenty simple ones (planning the subqueries), which the page cannot afford.
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import DateTimeField, F, Func, IntegerField, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string

from actors.models import Actor, Region
from claims.models import Citation, Claim, ClaimRelation
from core.versioning import ProcessMemo, content_version

from .markup import RenderedBody, cited_claim_ids, render_body, wiki_titles
from .models import Briefing, Link, Revision

SIDEBAR_LIMIT = 200  # claims listed beside the text; the claims pages hold the rest
DISPUTE_LIMIT = 50
CACHE_SECONDS = 24 * 3600
CACHE_VERSION = "2"
# How long a cached fragment is served before its stamp is read again (see briefing_fragment).
RECHECK_SECONDS = 1.0


def _title_filter(titles: list[str], field_name: str) -> Q:
    q = Q(pk__in=[])
    for title in titles:
        q |= Q(**{f"{field_name}__iexact": title})
    return q


def citations_prefetch(lookup: str = "citations") -> Prefetch:
    return Prefetch(lookup, Citation.objects.select_related("article__outlet").order_by("created_at", "pk"))


def render_for(body: str, *, user, subjects: list = ()) -> RenderedBody:
    """Render a body with everything it refers to looked up (a fixed number of queries)."""
    ids = cited_claim_ids(body or "")
    claims = {}
    if ids:
        claims = {
            c.pk: c
            for c in Claim.objects.visible_to(user)
            .filter(pk__in=ids)
            .select_related("speaker", "relayed_by")
            .prefetch_related(citations_prefetch())
        }
    titles = wiki_titles(body)
    by_title, by_name = {}, {}
    if titles:
        by_title = {b.title.casefold(): b for b in Briefing.objects.filter(_title_filter(titles, "title"))}
        missing = [t for t in titles if t.casefold() not in by_title]
        if missing:
            for model in (Region, Actor):  # an actor wins over a region of the same name
                for entry in model.objects.visible_to(user).filter(_title_filter(missing, "name")):
                    by_name[entry.name.casefold()] = entry
    return render_body(body, claims=claims, briefings_by_title=by_title, catalogue_by_name=by_name, subjects=subjects)


# --- the cached fragment ----------------------------------------------------------------------


def _agg(qs, function: str, field_name: str, output):
    """A scalar subquery: ``function(field)`` over ``qs`` (no GROUP BY: Func is not an aggregate
    to the ORM, so the database aggregates the whole filtered set into one row)."""
    return Subquery(qs.order_by().annotate(v=Func(F(field_name), function=function, output_field=output)).values("v")[:1])


def subject_claims_q(briefing_id: int) -> Q:
    """Claims about one of the briefing's subject actors or regions. Written as two plain IN
    subqueries on the link tables: an OR across joined many-to-many rows makes PostgreSQL
    scan every claim row per row."""
    actor_ids = Briefing.subject_actors.through.objects.filter(briefing_id=briefing_id).values("actor_id")
    region_ids = Briefing.subject_regions.through.objects.filter(briefing_id=briefing_id).values("region_id")
    return Q(pk__in=Claim.actors.through.objects.filter(actor_id__in=actor_ids).values("claim_id")) | Q(
        pk__in=Claim.regions.through.objects.filter(region_id__in=region_ids).values("claim_id")
    )


def page_stamp(briefing: Briefing, revision_id: int | None) -> str:
    """A digest of every row the fragment shows, read in one query."""
    if connection.vendor == "postgresql":
        stamp = RawSQL(stamp_sql(revision_id), ())
        row = Briefing.objects.filter(pk=briefing.pk).annotate(stamp=stamp).values_list("stamp", flat=True).first()
        return hashlib.blake2b((row or "").encode(), digest_size=12).hexdigest()
    body = Revision.objects.filter(pk=revision_id).values_list("body", flat=True).first() if revision_id else ""
    return _page_stamp_portable(briefing, body or "")


def _page_stamp_portable(briefing: Briefing, body: str) -> str:
    bid = briefing.pk
    cited = cited_claim_ids(body or "")
    titles = wiki_titles(body)
    involved = Claim.objects.filter(Q(pk__in=cited) | subject_claims_q(bid)).values("pk")
    claims = Claim.objects.filter(pk__in=involved)
    citations = Citation.objects.filter(claim__in=involved)
    relations = ClaimRelation.objects.filter(Q(from_claim__in=involved) | Q(to_claim__in=involved))
    speakers = Actor.objects.filter(claims_spoken__in=involved)
    i, d = IntegerField(), DateTimeField()
    parts = {
        "claims_n": _agg(claims, "COUNT", "pk", i),
        "claims_at": _agg(claims, "MAX", "updated_at", d),
        "cites_n": _agg(citations, "COUNT", "pk", i),
        "cites_max": _agg(citations, "MAX", "pk", i),
        "articles_at": _agg(citations, "MAX", "article__updated_at", d),
        "rel_n": _agg(relations, "COUNT", "pk", i),
        "rel_max": _agg(relations, "MAX", "pk", i),
        "speakers_at": _agg(speakers, "MAX", "updated_at", d),
        "actors_n": _agg(Actor.objects.filter(briefings=bid), "COUNT", "pk", i),
        "actors_sum": _agg(Actor.objects.filter(briefings=bid), "SUM", "pk", i),
        "actors_at": _agg(Actor.objects.filter(briefings=bid), "MAX", "updated_at", d),
        "regions_n": _agg(Region.objects.filter(briefings=bid), "COUNT", "pk", i),
        "regions_sum": _agg(Region.objects.filter(briefings=bid), "SUM", "pk", i),
        "regions_at": _agg(Region.objects.filter(briefings=bid), "MAX", "updated_at", d),
        "back_n": _agg(Link.objects.filter(target=bid), "COUNT", "pk", i),
        "back_sum": _agg(Link.objects.filter(target=bid), "SUM", "pk", i),
    }
    if titles:
        parts["wiki_n"] = _agg(Briefing.objects.filter(_title_filter(titles, "title")), "COUNT", "pk", i)
        parts["wiki_sum"] = _agg(Briefing.objects.filter(_title_filter(titles, "title")), "SUM", "pk", i)
        parts["names_at"] = _agg(Actor.objects.filter(_title_filter(titles, "name")), "MAX", "updated_at", d)
        parts["rnames_at"] = _agg(Region.objects.filter(_title_filter(titles, "name")), "MAX", "updated_at", d)
    row = Briefing.objects.filter(pk=bid).values(**parts).get()
    return hashlib.blake2b(repr(sorted(row.items())).encode(), digest_size=12).hexdigest()


def stamp_sql(revision_id: int | None) -> str:
    """``page_stamp`` as one SQL subquery for PostgreSQL: the cited claims come out of the
    revision body with ``regexp_matches``, so the body never travels to Python for it. Rows are
    stamped by ``xmin`` (the transaction that wrote their current version), which every UPDATE
    in another transaction moves, a bulk ``QuerySet.update`` that leaves ``updated_at`` alone
    included; and by ``updated_at``, for changes within one transaction."""
    t = {
        "b": Briefing._meta.db_table,
        "rev": Revision._meta.db_table,
        "claim": Claim._meta.db_table,
        "cite": Citation._meta.db_table,
        "rel": ClaimRelation._meta.db_table,
        "link": Link._meta.db_table,
        "actor": Actor._meta.db_table,
        "region": Region._meta.db_table,
        "article": Citation._meta.get_field("article").related_model._meta.db_table,
        "claim_actors": Claim.actors.through._meta.db_table,
        "claim_regions": Claim.regions.through._meta.db_table,
        "b_actors": Briefing.subject_actors.through._meta.db_table,
        "b_regions": Briefing.subject_regions.through._meta.db_table,
    }
    outer = f'"{t["b"]}"'
    return rf"""(
WITH rv AS (
  SELECT r.body FROM {t["rev"]} r WHERE r.id = {int(revision_id or 0)}
), involved AS (
  SELECT (m[1])::bigint AS id FROM rv, regexp_matches(rv.body, '\[\^c(\d+)\]', 'g') AS m
  UNION SELECT ca.claim_id FROM {t["claim_actors"]} ca JOIN {t["b_actors"]} ba ON ba.actor_id = ca.actor_id
    WHERE ba.briefing_id = {outer}.id
  UNION SELECT cr.claim_id FROM {t["claim_regions"]} cr JOIN {t["b_regions"]} br ON br.region_id = cr.region_id
    WHERE br.briefing_id = {outer}.id
), titles AS (
  SELECT upper(regexp_replace(btrim(m[1]), '\s+', ' ', 'g')) AS title
  FROM rv, regexp_matches(rv.body, '\[\[([^\[\]|
<>]{{1,200}})(?:\|[^\[\]
<>]*)?\]\]', 'g') AS m
)
SELECT concat_ws('|',
  (SELECT count(*) || ':' || coalesce(max(c.xmin::text::bigint)::text || '/' || coalesce(max(c.updated_at)::text, ''), '') || ':' || coalesce(max(sa.xmin::text::bigint)::text || '/' || coalesce(max(sa.updated_at)::text, ''), '')
     FROM {t["claim"]} c LEFT JOIN {t["actor"]} sa ON sa.id = c.speaker_id WHERE c.id IN (SELECT id FROM involved)),
  (SELECT count(*) || ':' || coalesce(max(ci.id), 0) || ':' || coalesce(max(ar.xmin::text::bigint)::text || '/' || coalesce(max(ar.updated_at)::text, ''), '')
     FROM {t["cite"]} ci JOIN {t["article"]} ar ON ar.id = ci.article_id WHERE ci.claim_id IN (SELECT id FROM involved)),
  (SELECT count(*) || ':' || coalesce(max(cr.id), 0) FROM {t["rel"]} cr
     WHERE cr.from_claim_id IN (SELECT id FROM involved) OR cr.to_claim_id IN (SELECT id FROM involved)),
  (SELECT count(*) || ':' || coalesce(sum(a.id), 0) || ':' || coalesce(max(a.xmin::text::bigint)::text || '/' || coalesce(max(a.updated_at)::text, ''), '')
     FROM {t["actor"]} a JOIN {t["b_actors"]} ba ON ba.actor_id = a.id WHERE ba.briefing_id = {outer}.id),
  (SELECT count(*) || ':' || coalesce(sum(g.id), 0) || ':' || coalesce(max(g.xmin::text::bigint)::text || '/' || coalesce(max(g.updated_at)::text, ''), '')
     FROM {t["region"]} g JOIN {t["b_regions"]} br ON br.region_id = g.id WHERE br.briefing_id = {outer}.id),
  (SELECT count(*) || ':' || coalesce(sum(l.id), 0) FROM {t["link"]} l WHERE l.target_id = {outer}.id),
  (SELECT count(*) || ':' || coalesce(sum(tb.id), 0) FROM {t["b"]} tb WHERE upper(tb.title) IN (SELECT title FROM titles)),
  (SELECT coalesce(max(na.xmin::text::bigint)::text || '/' || coalesce(max(na.updated_at)::text, ''), '') FROM {t["actor"]} na WHERE upper(na.name) IN (SELECT title FROM titles)),
  (SELECT coalesce(max(ng.xmin::text::bigint)::text || '/' || coalesce(max(ng.updated_at)::text, ''), '') FROM {t["region"]} ng WHERE upper(ng.name) IN (SELECT title FROM titles))
))"""


def _fragment_context(briefing: Briefing, revision: Revision | None, user) -> dict:
    actors = list(briefing.subject_actors.all())
    regions = list(briefing.subject_regions.all())
    body = revision.body if revision else ""
    rendered = render_for(body, user=user, subjects=[*actors, *regions])
    visible_claims = Claim.objects.visible_to(user)
    about = visible_claims.filter(subject_claims_q(briefing.pk))
    subject_claims = list(
        about.select_related("speaker").order_by(F("event_date").desc(nulls_last=True), "-created_at", "-pk")[
            :SIDEBAR_LIMIT
        ]
    )
    involved = {c.pk for c in subject_claims} | {n.claim_id for n in rendered.footnotes if n.claim}
    disputes = []
    if involved:
        disputes = list(
            ClaimRelation.objects.filter(kind=ClaimRelation.Kind.DISPUTES)
            # ``involved`` comes from visible claims only; every member sees every claim, so
            # the other side of a dispute is visible too.
            .filter(Q(from_claim__in=involved) | Q(to_claim__in=involved))
            .select_related("from_claim__speaker", "to_claim__speaker", "from_claim__relayed_by", "to_claim__relayed_by")
            .prefetch_related(citations_prefetch("from_claim__citations"), citations_prefetch("to_claim__citations"))
            .order_by("-created_at", "-pk")[:DISPUTE_LIMIT]
        )
    timeline_claims = {c.pk: c for c in subject_claims if c.event_date}
    timeline_claims.update({n.claim.pk: n.claim for n in rendered.footnotes if n.claim and n.claim.event_date})
    timeline = sorted(timeline_claims.values(), key=lambda c: (c.event_date, c.pk))
    status_counts: dict[str, int] = {}
    for c in subject_claims:
        status_counts[c.get_status_display()] = status_counts.get(c.get_status_display(), 0) + 1
    backlinks = list(Link.objects.filter(target=briefing).select_related("source").order_by("source__title"))
    return {
        "briefing": briefing,
        "revision": revision,
        "body_html": rendered.html,
        "footnotes": rendered.footnotes,
        "actors": actors,
        "regions": regions,
        "subject_claims": subject_claims,
        "status_counts": sorted(status_counts.items()),
        "sidebar_limit": SIDEBAR_LIMIT,
        "disputes": disputes,
        "timeline": timeline,
        "backlinks": backlinks,
        "members": user.is_authenticated,
    }


def recheck_seconds() -> float:
    return float(getattr(settings, "BRIEFWIKI_PAGE_RECHECK_SECONDS", RECHECK_SECONDS))


# The last fragments this process served, with when they were known current, so a view that
# finds its fragment current costs no cache round trip (a fragment is ~100 KB to unpickle).
local_fragments = ProcessMemo(size=128)


def briefing_fragment(briefing: Briefing, revision_id: int | None, user) -> dict[str, str]:
    """The cached parts of a briefing page: ``main`` (text, footnotes, disputes, timeline) and
    ``aside`` (subjects, claims by status, what links here), for ``revision_id`` of ``briefing``.

    A fragment is stored with the stamp of the rows it was rendered from, in this process and
    in the shared cache, together with when it was last known current. On PostgreSQL that is
    the wiki's content version (``core.versioning``, one tiny query per view): while it has
    not moved, nothing the fragment shows can have changed, so it is served as it is; when it
    has, the stamp is read again and the fragment re-rendered only if its own rows changed.
    That is exact, to the request. Where the version cannot be trusted (SQLite, or inside an
    open transaction) the stamp is read again at most every ``recheck_seconds()``.
    A new revision is a new key, so publishing always shows at once.
    """
    audience = "members" if user.is_authenticated else "public"
    key = f"briefing-page:{CACHE_VERSION}:{briefing.pk}:{revision_id or 0}:{audience}"
    version = content_version()
    now = time.time()

    def current(checked) -> bool:
        if checked is None:
            return False
        if version is not None:
            return checked == version
        return isinstance(checked, float) and now - checked < recheck_seconds()

    local = local_fragments.get(key)
    if local is not None and current(local[1]):
        return local[0]
    checked_key = key + ":checked"
    found = cache.get_many([key, checked_key])
    fragment, checked = found.get(key), found.get(checked_key)
    if fragment is not None and current(checked):
        local_fragments.put(key, (fragment, checked))  # another process checked it
        return fragment
    stamp = page_stamp(briefing, revision_id)
    if fragment is None or fragment.get("stamp") != stamp:
        revision = Revision.objects.filter(pk=revision_id, briefing=briefing).first() if revision_id else None
        context = _fragment_context(briefing, revision, user)
        fragment = {
            "stamp": stamp,
            "main": render_to_string("briefings/_briefing_main.html", context),
            "aside": render_to_string("briefings/_briefing_aside.html", context),
        }
        cache.set(key, fragment, CACHE_SECONDS)
    checked = version if version is not None else now
    cache.set(checked_key, checked, CACHE_SECONDS)
    local_fragments.put(key, (fragment, checked))
    return fragment
