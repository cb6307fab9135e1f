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
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils.module_loading import import_string

from sources.models import Article
from sources.services import article_claim_for_processing, article_mark_failed, articles_mark_done

from ..models import Citation, Claim
from ..services import claim_disputes_link
from .claims import ArticleClaims, record_claims_many
from .extract import catalogue_pinned, get_extractor
from .facts import record_facts_many
from .linking import link_mentions_many

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)


def article_process(article_id: int, *, batch: int = 1) -> str:
    """Extract and record one article; returns what happened ("done", "skipped", "failed").

    With ``batch`` > 1 the worker also claims up to ``batch - 1`` other queued articles, runs
    spaCy over all of them at once (``nlp.pipe``, cheaper than one by one when a backlog waits)
    and writes them together; their own tasks find them done and skip.
    """
    articles = article_claim_for_processing(article_id=article_id, others=batch - 1)
    if not articles:
        return "skipped"  # gone, finished, failed, or still waiting for its text to be fetched
    with catalogue_pinned():
        outcomes = _record_all(articles, _extract_all(articles))
    return outcomes.get(article_id, "skipped")


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
            article_mark_failed(article=article, reason=f"Extraction failed: {exc.__class__.__name__}: {exc}")
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
        cited_before = _lock_processing(list(found))
        held = [a for a in articles if a.pk in cited_before]
        linked = link_mentions_many([(a, found[a.pk].entities) for a in held])
        results = record_claims_many([
            ArticleClaims(a, found[a.pk].claims, linked[a.pk], cited_before=cited_before[a.pk]) for a in held])
        # Disputes article by article, in order, each seeing the claims written up to its turn.
        later = {claim.pk for a in held for claim, created in results[a.pk] if created}
        groups, done = [], []
        for article in held:
            later -= {claim.pk for claim, created in results[article.pk] if created}
            # A claim an editor marked not a claim, or merged away, stays out of disputes and drafts.
            claims = list({claim.pk: claim for claim, _ in results[article.pk] if claim.shown}.values())
            claim_disputes_link(article=article, claims=claims, later=later)
            groups.append(claims)
            done.append((article, f"{len(found[article.pk].entities)} names, {len(claims)} claims"))
        record_facts_many([(a, found[a.pk].relations, linked[a.pk]) for a in held])
        for step in claims_recorded_steps():
            step(groups)
        articles_mark_done(done=done)
    return {a.pk: "done" if a.pk in cited_before else "skipped" for a in articles}


def _lock_processing(ids: list[int]) -> dict[int, bool]:
    """The row locks on those of ``ids`` still processing and not held by another worker, and
    whether a run before this one cited each already. On PostgreSQL in a statement built once
    per process: the ORM took longer to build it than the database takes to run it."""
    if connection.vendor != "postgresql":
        return dict(
            Article.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, status=Article.Status.PROCESSING)
            .values_list("pk", Exists(Citation.objects.filter(article=OuterRef("pk"))))
        )
    with connection.cursor() as cursor:
        cursor.execute(_lock_processing_sql(), [ids, Article.Status.PROCESSING])
        return dict(cursor.fetchall())


@functools.cache
def _lock_processing_sql() -> str:
    quote = connection.ops.quote_name
    articles, citations = quote(Article._meta.db_table), quote(Citation._meta.db_table)
    return (f"SELECT a.id, EXISTS (SELECT 1 FROM {citations} c WHERE c.article_id = a.id) FROM {articles} a "
            f"WHERE a.id = ANY(%s) AND a.status = %s FOR UPDATE SKIP LOCKED")


def _commit_without_waiting_for_disk() -> None:
    """On PostgreSQL, let this transaction's COMMIT return before its WAL reaches the disk
    (``synchronous_commit`` off, for this transaction only). Everything here is derived from the
    article and written again by the next run: a database crash within the WAL writer's delay
    can lose the whole transaction (never part of it), which leaves the article processing, and
    ``requeue_stale_articles`` queues it again. It spares a disk flush per batch."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@functools.cache
def claims_recorded_steps() -> list[Callable[[list[list[Claim]]], object]]:
    """The steps settings.BRIEFWIKI_CLAIMS_RECORDED names, imported once per process. They are
    named, not imported, because they belong to apps above claims (briefings' suggestions), and
    claims must not import them."""
    return [import_string(path) for path in settings.BRIEFWIKI_CLAIMS_RECORDED]
