"""Articles through the pipeline.

The slow part (spaCy) runs outside any transaction. Everything it writes (mentions, claims,
citations, relations, suggestions, the status) is written in one transaction under row locks
on the articles, so a worker killed at any point leaves nothing half-written, and a second
delivery of the same task either waits its turn and finds the work done, or skips. A worker's
batch is written in one transaction; if any article of it fails, the batch is rolled back and
written again article by article, so that only the bad one fails.
"""
import functools
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from briefings.drafts import propose_for_claim_groups
from sources.models import Article
from sources.services import article_mark, articles_mark_done

from ..models import Citation, Claim
from .claims import ArticleClaims, link_disputes, record_claims_many
from .extract import catalogue_pinned, get_extractor
from .linking import link_mentions_many

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)


def article_process(article_id: int, *, batch: int = 1) -> str:
    """Extract and record one article; returns what happened ("done", "skipped", "failed").

    With ``batch`` > 1 the worker also claims up to ``batch - 1`` other queued articles, runs
    spaCy over all of them at once (``nlp.pipe``, cheaper than one by one when a backlog waits)
    and writes them together; their own tasks find them done and skip.
    """
    articles = _claim(article_id, others=batch - 1)
    if not articles:
        return "skipped"  # gone, finished, failed, or still waiting for its text to be fetched
    with catalogue_pinned():
        outcomes = _record_all(articles, _extract_all(articles))
    return outcomes.get(article_id, "skipped")


def _claim(article_id: int, *, others: int) -> list[Article]:
    """The article, marked processing, then up to ``others`` queued articles (with their text)
    that no other worker holds; none if the article itself is not to be processed (gone,
    finished, failed, or still waiting for its text). Without their HTML, which the pipeline
    does not read."""
    if connection.vendor == "postgresql":
        return _claim_in_one_statement(article_id, others)
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


def _claim_in_one_statement(article_id: int, others: int) -> list[Article]:
    """``_claim`` on PostgreSQL: both claims and the rows they return in one statement, one
    round trip instead of five (each costs a worker fresh from spaCy a millisecond or more)."""
    params = {"id": article_id, "others": max(others, 0), "now": timezone.now(),
              "queued": Article.Status.QUEUED, "processing": Article.Status.PROCESSING}
    return list(Article.objects.raw(_claim_sql(), params))


@functools.cache
def _claim_sql() -> str:
    """The statement of ``_claim_in_one_statement``, written once per process."""
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


def _extract_all(articles: list[Article]) -> dict:
    """The extraction of each article, in one ``nlp.pipe`` pass; an article whose text breaks
    the batch is extracted again alone (in ``_record_many``) so that only it fails."""
    extractor = get_extractor()
    if len(articles) == 1:
        return {}  # extracted in _record_many, where a failure is the article's own
    try:
        items = [(a.text, a.published_date) for a in articles]
        return {a.pk: e for a, e in zip(articles, extractor.extract_many(items))}
    except Exception:  # noqa: BLE001 - one bad text must not fail the others
        logger.exception("batch extraction failed; extracting one by one")
        return {}


def _record_all(articles: list[Article], extractions: dict) -> dict[int, str]:
    """Each article's outcome: the batch written together, or, if that fails, one by one."""
    if len(articles) > 1:
        try:
            return _record_many(articles, extractions)
        except TRANSIENT:
            raise  # the task retries these with backoff
        except Exception:  # noqa: BLE001 - rolled back whole; find the bad one below
            logger.warning("recording %d articles together failed; recording them one by one",
                           len(articles), exc_info=True)
    outcomes = {}
    for article in articles:
        try:
            outcomes |= _record_many([article], extractions)
        except TRANSIENT:
            raise
        except Exception as exc:  # a bug or bad data: record it, do not retry forever
            logger.exception("article %s failed", article.pk)
            article_mark(article=article, status=Article.Status.FAILED,
                         reason=f"Extraction failed: {exc.__class__.__name__}: {exc}"[:2000])
            outcomes[article.pk] = "failed"
    return outcomes


def _record_many(articles: list[Article], extractions: dict) -> dict[int, str]:
    """Write what was found in ``articles`` in one transaction; those another worker holds or
    has finished are skipped."""
    found = {a.pk: extractions.get(a.pk) for a in articles}
    for article in articles:
        if found[article.pk] is None:
            found[article.pk] = get_extractor().extract(article.text, published=article.published_date)
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        # The row locks, and whether a run before this one cited each article already.
        cited_before = dict(
            Article.objects.select_for_update(skip_locked=True)
            .filter(pk__in=found, status=Article.Status.PROCESSING)
            .values_list("pk", Exists(Citation.objects.filter(article=OuterRef("pk"))))
        )
        held = [a for a in articles if a.pk in cited_before]
        linked = link_mentions_many([(a, found[a.pk].entities) for a in held])
        _pause_point()
        results = record_claims_many([
            ArticleClaims(a, found[a.pk].claims, linked[a.pk], cited_before=cited_before[a.pk]) for a in held])
        # Disputes article by article, in order, each seeing the claims written up to its turn.
        later = {claim.pk for a in held for claim, created in results[a.pk] if created}
        groups, done = [], []
        for article in held:
            later -= {claim.pk for claim, created in results[article.pk] if created}
            claims = list({claim.pk: claim for claim, _ in results[article.pk]}.values())
            link_disputes(article=article, claims=claims, later=later)
            groups.append(claims)
            done.append((article, f"{len(found[article.pk].entities)} names, {len(claims)} claims"))
        propose_for_claim_groups(groups)
        articles_mark_done(done=done)
    return {a.pk: "done" if a.pk in cited_before else "skipped" for a in articles}


def _commit_without_waiting_for_disk() -> None:
    """On PostgreSQL, let this transaction's COMMIT return before its WAL reaches the disk
    (``synchronous_commit`` off, for this transaction only). Everything here is derived from the
    article and written again by the next run: a database crash within the WAL writer's delay
    can lose the whole transaction (never part of it), which leaves the article processing, and
    ``requeue_stale_articles`` queues it again. It spares a disk flush per batch."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _pause_point() -> None:
    """Hold the transaction open mid-write when BRIEFWIKI_PIPELINE_TEST_PAUSE is set: the test
    that SIGKILLs a worker at this point proves nothing half-written survives. Off by default."""
    seconds = getattr(settings, "BRIEFWIKI_PIPELINE_TEST_PAUSE", 0)
    if seconds:
        logger.warning("pausing %.1f s mid-article (BRIEFWIKI_PIPELINE_TEST_PAUSE)", seconds)
        time.sleep(seconds)


def claims_of(article: Article):
    return Claim.objects.filter(citations__article=article).distinct()
