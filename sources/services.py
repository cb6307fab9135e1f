"""Writes to sources. Views, the API, tasks, the pipeline and the seed command all call these.

An article's status moves queued -> processing -> done or failed only through the services at
the end of this module.
"""
import functools
from collections.abc import Iterable
from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from typing import NamedTuple
from urllib.parse import urlsplit

from celery import current_app
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from actors.models import Actor
from actors.names import normalise_name
from core.bulk import insert_ignoring_conflicts
from core.unique import create_or_get, slug_for

from .intake import Extracted, IngestError, clean_text, content_hash, html_to_text
from .models import Article, Mention, Outlet


def outlet_ensure(*, slug: str, name: str, url: str = "", actor: Actor | None = None) -> tuple[Outlet, bool]:
    """The outlet with ``slug`` (or named ``name``), created if missing, once however many
    submissions name it at the same moment; an existing outlet is left as it is."""
    return create_or_get(
        Outlet, find=Q(slug=slug) | Q(name=name), build=lambda: Outlet(slug=slug, name=name, url=url, actor=actor)
    )


# --- intake -----------------------------------------------------------------------------------

# The pipeline's task lives in claims, above sources: it is sent by name, through the current
# Celery app, so that sources imports neither claims nor config.
PROCESS_ARTICLE_TASK = "claims.process_article"
FETCH_ARTICLE_TASK = "sources.fetch_article"


def _enqueue(task_name: str, article_id: int) -> None:
    transaction.on_commit(lambda: current_app.send_task(task_name, args=[article_id]))


def _outlet_from(outlet: "Outlet | str | None") -> Outlet | None:
    if outlet is None or isinstance(outlet, Outlet):
        return outlet
    name = outlet.strip()
    if not name:
        return None
    # A name with no Latin letter or digit has only a fallback slug: it is found by name alone.
    same = Q(name__iexact=name)
    if slug := slugify(name):
        same |= Q(slug=slug)
    found = Outlet.objects.filter(same).first()
    if found:
        return found
    if actor := Actor.objects.catalogue().filter(kind="media_outlet", aliases__normalised=normalise_name(name)).first():
        if hasattr(actor, "outlet"):
            return actor.outlet
    return outlet_ensure(slug=slug_for(name, fallback="outlet"), name=name[:200])[0]


def _as_datetime(value: "date | datetime | str | None") -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value) or (
                datetime.combine(parse_date(value), time(12)) if parse_date(value) else None
            )
        except ValueError:  # well formed but no such day or time: "2024-02-30"
            parsed = None
        if parsed is None:
            raise IngestError(f"'published' must be a date or a date and time (YYYY-MM-DD), not {value!r}.")
        value = parsed
    elif not isinstance(value, datetime):
        value = datetime.combine(value, time(12))  # noon: a bare date stays that date in any zone
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt_timezone.utc)


def article_submit(
    *,
    text: str = "",
    html: str = "",
    url: str = "",
    title: str = "",
    byline: str = "",
    outlet: "Outlet | str | None" = None,
    published_at: "date | datetime | str | None" = None,
    submitted_by=None,
    enqueue: bool = True,
) -> tuple[Article, bool]:
    """Accept an article for ingestion, once.

    Text or HTML is cleaned now (bad input raises ``IngestError`` before anything is written);
    a bare URL is fetched by a worker. The same URL, or the same normalised text, returns the
    existing article with ``created`` False. The pipeline is queued after commit (unless
    ``enqueue`` is False: the caller runs it itself).
    """
    url = url.strip()
    if url:
        validate_http_url(url)
    if not (text.strip() or html.strip() or url):
        raise IngestError("Send the article's text, its HTML, or a URL to fetch.")
    extracted = None
    if html.strip() and not text.strip():
        extracted = html_to_text(html)
        text = extracted.text
    elif text:
        text = clean_text(text)
    published = _as_datetime(published_at) or (_as_datetime(extracted.published) if extracted else None)
    digest = content_hash(text) if text else None

    existing = _existing_article(url, digest)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=url,
                title=(title or (extracted.title if extracted else ""))[:500],
                byline=(byline or (extracted.byline if extracted else ""))[:300],
                outlet=_outlet_from(outlet),
                published_at=published,
                text=text,
                html=html if html.strip() else "",
                content_hash=digest,
                submitted_by=submitted_by if getattr(submitted_by, "is_authenticated", False) else None,
            )
            if enqueue:
                _enqueue(PROCESS_ARTICLE_TASK if text else FETCH_ARTICLE_TASK, article.pk)
    except IntegrityError:
        # Submitted twice at the same moment: the unique constraints let one through.
        existing = _existing_article(url, digest)
        if existing is None:
            raise
        return existing, False
    return article, True


def _existing_article(url: str, digest: str | None) -> Article | None:
    query = Q(url=url) if url else Q(pk__in=[])
    if digest:
        query |= Q(content_hash=digest)
    return Article.objects.filter(query).first()


_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def validate_http_url(url: str) -> None:
    """Only absolute http(s) URLs that parse, with a host and a port in range: a URL the fetch
    task could not even read would otherwise leave its article queued for ever. Whether the host
    may be fetched is checked when fetching."""
    if len(url) > 2000:
        raise IngestError("The URL is longer than 2,000 characters.")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port out of 0-65535 or not a number
    except ValueError as exc:
        raise IngestError(f"{url[:100]!r} is not a valid URL ({exc}).") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(f"Only http and https URLs can be ingested, not {url[:100]!r}.")
    if port == 0:
        raise IngestError(f"{url[:100]!r} names port 0; a URL's port is 1 to 65535.")
    try:
        _URL_VALIDATOR(url)
    except ValidationError as exc:
        raise IngestError(f"{url[:100]!r} is not a valid URL.") from exc


def article_text_record(*, article: Article, text: str, html: str = "",
                        extracted: Extracted | None = None) -> None:
    """Give a URL-only article its fetched text (once: a text already there is kept) and the
    metadata it lacks, then queue it for the pipeline after commit."""
    updates = {"text": text, "html": html, "content_hash": content_hash(text)}
    if extracted:
        updates.update({k: v for k, v in {"title": extracted.title, "byline": extracted.byline}.items()
                        if v and not getattr(article, k)})
        if extracted.published and not article.published_at:
            updates["published_at"] = _as_datetime(extracted.published)
    with transaction.atomic():
        Article.objects.filter(pk=article.pk, text="").update(**updates, updated_at=timezone.now())
        _enqueue(PROCESS_ARTICLE_TASK, article.pk)


class MentionRow(NamedTuple):
    """One name found in an article, as the pipeline linked it."""

    article_id: int
    start: int
    end: int
    text: str
    label: str
    actor_id: int | None
    region_id: int | None
    confidence: float


MENTION_FIELDS = ("article", "start", "end", "text", "label", "actor", "region", "confidence")
MENTION_LABELS = frozenset(Mention.Label.values)


def mentions_record(*, rows: Iterable[MentionRow]) -> None:
    """Write an article's mentions, each span once (a rerun adds nothing), in one insert; an
    unknown label is "other" and a confidence is kept within 0 and 1."""
    insert_ignoring_conflicts(Mention, MENTION_FIELDS, [
        (*row[:4], row.label if row.label in MENTION_LABELS else Mention.Label.OTHER,
         row.actor_id, row.region_id, max(0.0, min(1.0, float(row.confidence))))
        for row in rows
    ])


# --- status -----------------------------------------------------------------------------------

def article_claim_for_processing(*, article_id: int, others: int) -> list[Article]:
    """The article, marked processing, then up to ``others`` queued articles (with their text)
    that no other worker holds; none if the article itself is not to be processed (gone,
    finished, failed, or still waiting for its text). A redelivered task takes back its own
    article left processing. Without their HTML, which the pipeline does not read."""
    if connection.vendor == "postgresql":
        params = {"id": article_id, "others": max(others, 0), "now": timezone.now(),
                  "queued": Article.Status.QUEUED, "processing": Article.Status.PROCESSING}
        # Most tasks of a backlog find their article done by another task's batch: a plain read
        # tells them, where the claiming statement's updates would fire the version triggers
        # (core.versioning) even with no row to change. A race with a reprocess is harmless: it
        # sends its own task.
        with connection.cursor() as cursor:
            cursor.execute(_claimable_sql(), params)
            if cursor.fetchone() is None:
                return []
        # Then one statement: the worker is fresh from spaCy and every round trip waits on it.
        return list(Article.objects.raw(_claim_sql(), params))
    claimed = (
        Article.objects.filter(pk=article_id, status__in=[Article.Status.QUEUED, Article.Status.PROCESSING])
        .exclude(text="")
        .update(status=Article.Status.PROCESSING, status_reason="", updated_at=timezone.now())
    )
    if not claimed:
        return []
    ids = [article_id, *(_claim_queued(exclude=article_id, limit=others) if others > 0 else [])]
    found = Article.objects.defer("html").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@functools.cache
def _claimable_sql() -> str:
    """Whether ``article_claim_for_processing`` would take the article, built once per process."""
    quote = connection.ops.quote_name
    return (f"SELECT 1 FROM {quote(Article._meta.db_table)} "
            "WHERE id = %(id)s AND status IN (%(queued)s, %(processing)s) AND text <> ''")


@functools.cache
def _claim_sql() -> str:
    """``article_claim_for_processing`` on PostgreSQL: the claims and the rows they return in one
    data-modifying statement, built once per process."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    columns = ", ".join(quote(f.column) for f in Article._meta.concrete_fields if f.name != "html")
    claim = "SET status = %(processing)s, status_reason = '', updated_at = %(now)s"
    return f"""
        WITH own AS (
            UPDATE {table} {claim}
            WHERE id = %(id)s AND status IN (%(queued)s, %(processing)s) AND text <> ''
            RETURNING {columns}
        ), waiting AS (
            SELECT id FROM {table}
            WHERE EXISTS (SELECT 1 FROM own) AND status = %(queued)s AND text <> '' AND id <> %(id)s
            ORDER BY id LIMIT %(others)s
            FOR UPDATE SKIP LOCKED
        ), taken AS (
            UPDATE {table} {claim} WHERE id IN (SELECT id FROM waiting) RETURNING {columns}
        )
        SELECT {columns}, 0 AS claim_order FROM own
        UNION ALL SELECT {columns}, 1 FROM taken
        ORDER BY claim_order, id"""


def _claim_queued(*, exclude: int, limit: int) -> list[int]:
    """Queued articles (with their text) that no other worker holds, marked processing."""
    with transaction.atomic():
        # SKIP LOCKED: a row another worker is claiming is left to it, not waited for.
        ids = list(
            Article.objects.select_for_update(skip_locked=True)
            .filter(status=Article.Status.QUEUED)
            .exclude(text="")
            .exclude(pk=exclude)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Article.objects.filter(pk__in=ids).update(
                status=Article.Status.PROCESSING, status_reason="", updated_at=timezone.now())
    return ids


def article_reprocess(*, article: Article, user) -> Article:
    """Queue a done or failed article through the normal pipeline task again (editors who may
    submit articles). What editors decided about its claims stands: the pipeline finds each
    quote's cited span and never overwrites a corrected field, un-hides or revives a claim."""
    if user is None or not user.has_perm("sources.add_article"):
        raise PermissionDenied("Processing an article again is for editors who submit articles.")
    if not article.text:
        raise IngestError("This article has no text yet: it is processed once its page is fetched.")
    # Only a finished article is queued again; one queued or processing is already on its way.
    queued = Article.objects.filter(pk=article.pk, status__in=[Article.Status.DONE, Article.Status.FAILED]).update(
        status=Article.Status.QUEUED, status_reason="Queued again by an editor.", updated_at=timezone.now())
    if queued:
        _enqueue(PROCESS_ARTICLE_TASK, article.pk)
    article.refresh_from_db()
    return article


def article_mark_failed(*, article: Article, reason: str) -> None:
    """Record that an article will not become claims; a failure always carries its reason."""
    reason = reason[:2000] if reason.strip() else "Failed without a recorded reason."
    fields = {"status": Article.Status.FAILED, "status_reason": reason, "updated_at": timezone.now()}
    Article.objects.filter(pk=article.pk).update(**fields)
    for key, value in fields.items():
        setattr(article, key, value)


def articles_mark_done(*, done: list[tuple[Article, str]]) -> None:
    """Record that articles became claims, each with its summary as reason, in one update."""
    if not done:
        return
    now = timezone.now()
    reasons = {article.pk: reason[:2000] for article, reason in done}
    if connection.vendor == "postgresql":
        # The reasons as one array, in a statement built once: the ORM's CASE with a WHEN per
        # article took longer to build than the database takes to run it.
        with connection.cursor() as cursor:
            cursor.execute(_mark_done_sql(), [Article.Status.DONE, now, now, list(reasons), list(reasons.values())])
    else:
        Article.objects.filter(pk__in=reasons).update(
            status=Article.Status.DONE, updated_at=now, processed_at=now,
            status_reason=Case(*(When(pk=pk, then=Value(reason)) for pk, reason in reasons.items()),
                               default=F("status_reason"), output_field=TextField()),
        )
    for article, _ in done:
        article.status, article.status_reason = Article.Status.DONE, reasons[article.pk]
        article.updated_at = article.processed_at = now


@functools.cache
def _mark_done_sql() -> str:
    """``articles_mark_done`` on PostgreSQL, built once per process."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    status, updated, processed, reason = (quote(Article._meta.get_field(name).column)
                                          for name in ("status", "updated_at", "processed_at", "status_reason"))
    return (f"UPDATE {table} SET {status} = %s, {updated} = %s, {processed} = %s, {reason} = done.reason "
            f"FROM unnest(%s::{Article._meta.pk.db_type(connection)}[], %s::text[]) AS done(id, reason) "
            f"WHERE {table}.id = done.id")
