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
from django.utils import timezone

from sources.models import Article
from sources.services import article_mark

from ..models import Claim
from .claims import link_disputes, record_claims
from .drafts import propose_for_claims
from .extract import get_extractor
from .linking import link_mentions

logger = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)


def article_process(article_id: int) -> str:
    """Extract and record one article; returns what happened ("done", "skipped", "failed")."""
    claimed = (
        Article.objects.filter(pk=article_id, status__in=[Article.Status.QUEUED, Article.Status.PROCESSING])
        .exclude(text="")
        .update(status=Article.Status.PROCESSING, status_reason="", updated_at=timezone.now())
    )
    if not claimed:
        return "skipped"  # gone, finished, failed, or still waiting for its text to be fetched
    article = Article.objects.select_related("outlet").get(pk=article_id)
    try:
        extraction = get_extractor().extract(article.text, published=article.published_date)
        with transaction.atomic():
            locked = (
                Article.objects.select_for_update(skip_locked=True)
                .filter(pk=article_id, status=Article.Status.PROCESSING)
                .first()
            )
            if locked is None:
                return "skipped"  # another worker holds it or has finished it
            locked.outlet = article.outlet
            linked = link_mentions(article=locked, entities=extraction.entities)
            _pause_point()
            results = record_claims(article=locked, claims_found=extraction.claims, linked=linked)
            claims = list({claim.pk: claim for claim, _ in results}.values())
            link_disputes(article=locked, claims=claims)
            propose_for_claims(claims)
            article_mark(article=locked, status=Article.Status.DONE,
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
