"""One article through the pipeline.

The slow part (spaCy) runs outside any transaction. Everything it writes (mentions, claims,
citations, relations, suggestions, the status) is written in one transaction under a row lock
on the article, so a worker killed at any point leaves nothing half-written, and a second
delivery of the same task either waits its turn and finds the work done, or skips.
"""
import logging
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from sources.models import Article
from sources.services import article_mark

from ..models import Citation, Claim
from .claims import link_disputes, record_claims
from .drafts import propose_for_claims
from .extract import catalogue_pinned, get_extractor
from .linking import link_mentions

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)


def article_process(article_id: int, *, batch: int = 1) -> str:
    """Extract and record one article; returns what happened ("done", "skipped", "failed").

    With ``batch`` > 1 the worker also claims up to ``batch - 1`` other queued articles and runs
    spaCy over all of them at once (``nlp.pipe``, cheaper than one by one when a backlog waits);
    each is still recorded in its own transaction, and their own tasks find them done and skip.
    """
    claimed = (
        Article.objects.filter(pk=article_id, status__in=[Article.Status.QUEUED, Article.Status.PROCESSING])
        .exclude(text="")
        .update(status=Article.Status.PROCESSING, status_reason="", updated_at=timezone.now())
    )
    if not claimed:
        return "skipped"  # gone, finished, failed, or still waiting for its text to be fetched
    ids = [article_id, *(_claim_queued(exclude=article_id, limit=batch - 1) if batch > 1 else [])]
    found = Article.objects.select_related("outlet").in_bulk(ids)
    articles = [found[pk] for pk in ids if pk in found]
    outcome = "skipped"
    with catalogue_pinned():
        extractions = _extract_all(articles)
        for article in articles:
            result = _record(article, extractions.get(article.pk))
            if article.pk == article_id:
                outcome = result
    return outcome


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
    the batch is retried alone so that only it fails."""
    extractor = get_extractor()
    if len(articles) == 1:
        return {}  # extracted in _record, where a failure is the article's own
    try:
        items = [(a.text, a.published_date) for a in articles]
        return {a.pk: e for a, e in zip(articles, extractor.extract_many(items))}
    except Exception:  # noqa: BLE001 - one bad text must not fail the others
        logger.exception("batch extraction failed; extracting one by one")
        return {}


def _record(article: Article, extraction) -> str:
    article_id = article.pk
    try:
        if extraction is None:
            extraction = get_extractor().extract(article.text, published=article.published_date)
        with transaction.atomic():
            # The row lock, and whether a run before this one cited the article already.
            cited_before = (
                Article.objects.select_for_update(skip_locked=True)
                .filter(pk=article_id, status=Article.Status.PROCESSING)
                .values_list(Exists(Citation.objects.filter(article=OuterRef("pk"))), flat=True)
                .first()
            )
            if cited_before is None:
                return "skipped"  # another worker holds it or has finished it
            linked = link_mentions(article=article, entities=extraction.entities)
            _pause_point()
            results = record_claims(article=article, claims_found=extraction.claims, linked=linked,
                                    cited_before=cited_before)
            claims = list({claim.pk: claim for claim, _ in results}.values())
            link_disputes(article=article, claims=claims)
            propose_for_claims(claims)
            article_mark(article=article, status=Article.Status.DONE,
                         reason=f"{len(extraction.entities)} names, {len(claims)} claims")
    except TRANSIENT:
        raise  # the task retries these with backoff
    except (DatabaseError, Exception) as exc:  # a bug or bad data: record it, do not retry forever
        logger.exception("article %s failed", article_id)
        article_mark(article=article, status=Article.Status.FAILED,
                     reason=f"Extraction failed: {exc.__class__.__name__}: {exc}"[:2000])
        return "failed"
    return "done"


def _pause_point() -> None:
    """Hold the transaction open mid-write when BRIEFWIKI_PIPELINE_TEST_PAUSE is set: the test
    that SIGKILLs a worker at this point proves nothing half-written survives. Off by default."""
    seconds = getattr(settings, "BRIEFWIKI_PIPELINE_TEST_PAUSE", 0)
    if seconds:
        logger.warning("pausing %.1f s mid-article (BRIEFWIKI_PIPELINE_TEST_PAUSE)", seconds)
        time.sleep(seconds)


def claims_of(article: Article):
    return Claim.objects.filter(citations__article=article).distinct()
