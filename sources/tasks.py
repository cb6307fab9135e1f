"""Celery tasks for sources: thin, take ids, re-fetch, safe to run twice."""
import calendar
import logging
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import feedparser
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone

from .fetch import FetchError, fetch
from .intake import IngestError, clean_text, content_hash, decode, html_to_text
from .models import Article, Feed
from .services import article_mark_failed, article_submit, article_text_record

logger = logging.getLogger(__name__)


# A fetch ends by its own deadline (BRIEFWIKI_FETCH_DEADLINE, 30 s); these limits are the backstop.
FETCH_TIME_LIMITS = {"soft_time_limit": 90, "time_limit": 120}


# Fetch tasks run on the "fetch" queue (CELERY_TASK_ROUTES), so a slow site never delays the
# pipeline. Acknowledged when done, and a worker process that dies mid-fetch puts the message
# back (reject_on_worker_lost): fetching again is harmless, losing the article is not.
@shared_task(name="sources.fetch_article", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3,
             autoretry_for=(OperationalError,), retry_backoff=10, **FETCH_TIME_LIMITS)
def fetch_article(self, article_id: int) -> str:
    """Download a URL-only article, then queue it for processing; whatever goes wrong, an
    article that cannot be fetched is marked failed with the reason, never left queued."""
    article = Article.objects.filter(pk=article_id, status=Article.Status.QUEUED, text="").first()
    if article is None:
        return "skipped"
    try:
        page = fetch(article.url)
        raw = decode(page.body, declared=page.charset)
        if "html" in page.content_type or raw.lstrip()[:1] == "<":
            extracted = html_to_text(raw)
            text, html = extracted.text, raw
        else:
            extracted, text, html = None, clean_text(raw), ""
    except FetchError as exc:
        if exc.transient and self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=30 * 2 ** self.request.retries)
        article_mark_failed(article=article, reason=str(exc))
        return "failed"
    except IngestError as exc:
        article_mark_failed(article=article, reason=str(exc))
        return "failed"
    except SoftTimeLimitExceeded:
        article_mark_failed(article=article, reason="Fetching took longer than the task's time limit.")
        return "failed"
    except OperationalError:
        raise  # the database: retried (autoretry_for)
    except Exception as exc:
        logger.exception("fetching article %s failed", article.pk)
        article_mark_failed(article=article, reason=f"Fetching failed unexpectedly: {exc.__class__.__name__}: {exc}"[:2000])
        return "failed"
    twin = Article.objects.filter(content_hash=content_hash(text)).exclude(pk=article.pk).first()
    if twin:
        article_mark_failed(article=article, reason=f"Same text as article {twin.pk}; that article holds its claims.")
        return "duplicate"
    article_text_record(article=article, text=text, html=html, extracted=extracted)
    return "fetched"


@shared_task(name="sources.poll_due_feeds")
def poll_due_feeds() -> int:
    """Queue a poll for every active feed whose interval has passed (run by beat each minute)."""
    now = timezone.now()
    # Compared in Python: feeds are few, and "interval * minutes" is not portable SQL (SQLite).
    feeds = Feed.objects.filter(active=True).values_list("pk", "last_polled_at", "interval_minutes")
    ids = [pk for pk, last, minutes in feeds if last is None or last <= now - timedelta(minutes=minutes)]
    for feed_id in ids:
        poll_feed.delay(feed_id)
    return len(ids)


@shared_task(name="sources.poll_feed", acks_late=True, reject_on_worker_lost=True, **FETCH_TIME_LIMITS)
def poll_feed(feed_id: int) -> int:
    """Fetch one feed and submit its new entries; a second poll within the interval does nothing."""
    now = timezone.now()
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return 0
    # Claim this poll: only one runner moves last_polled_at past the interval.
    window = now - timedelta(minutes=feed.interval_minutes) + timedelta(seconds=5)
    claimed = Feed.objects.filter(pk=feed.pk).filter(
        Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=window)
    ).update(last_polled_at=now)
    if not claimed:
        return 0
    try:
        page = fetch(feed.url, accept="application/rss+xml,application/atom+xml,application/xml,text/xml,*/*;q=0.5",
                     etag=feed.etag, last_modified=feed.modified)
    except FetchError as exc:
        Feed.objects.filter(pk=feed.pk).update(last_error=str(exc)[:2000])
        return 0
    if page.status == 304:
        Feed.objects.filter(pk=feed.pk).update(last_error="")
        return 0
    parsed = feedparser.parse(page.body)
    if parsed.bozo and not parsed.entries:
        Feed.objects.filter(pk=feed.pk).update(last_error=f"Not a readable feed: {parsed.bozo_exception}"[:2000])
        return 0
    submitted = 0
    for entry in parsed.entries:
        submitted += _submit_entry(feed, entry)
    Feed.objects.filter(pk=feed.pk).update(
        last_error="", etag=page.etag[:300], modified=page.last_modified[:100],
        title=feed.title or (parsed.feed.get("title") or "")[:300],
    )
    return submitted


def _submit_entry(feed: Feed, entry) -> int:
    link = entry.get("link", "")
    content = ""
    for part in entry.get("content", []) or []:
        content = max(content, part.get("value", ""), key=len)
    published = None
    if entry.get("published_parsed") or entry.get("updated_parsed"):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), tz=dt_timezone.utc)
    try:
        _, created = article_submit(
            url=link,
            html=content if len(content) > 500 else "",
            title=entry.get("title", ""),
            byline=entry.get("author", ""),
            outlet=feed.outlet,
            published_at=published,
        )
    except IngestError as exc:
        logger.info("feed %s: entry %s skipped: %s", feed.pk, link, exc)
        return 0
    return int(created)
