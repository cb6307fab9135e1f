"""Celery tasks of the pipeline: thin, take ids, safe to run twice."""
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from sources.models import Article
from sources.tasks import fetch_article

from .pipeline.process import article_process


@shared_task(
    name="claims.process_article",
    bind=True,
    # Acknowledged only when done: a worker killed mid-article (even by SIGKILL) leaves the
    # message to be redelivered, and article_process is safe to run again.
    acks_late=True,
    reject_on_worker_lost=True,
    # Nobody reads the outcome ("done", "skipped", "failed": the worker's log shows it, the
    # article's status records it), so it is not stored in Redis after every task.
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=120,
    max_retries=5,
)
def process_article(self, article_id: int) -> str:
    return article_process(article_id, batch=settings.BRIEFWIKI_PIPELINE_BATCH)


@shared_task(name="claims.requeue_stale_articles")
def requeue_stale_articles(minutes: int = 15) -> int:
    """Queue again articles left queued or processing for too long (a lost message): those
    with text for the pipeline, URL-only ones for fetching."""
    stale = Article.objects.pending().filter(updated_at__lt=timezone.now() - timedelta(minutes=minutes))
    has_text = ExpressionWrapper(~Q(text=""), output_field=BooleanField())
    rows = list(stale.annotate(has_text=has_text).values_list("pk", "has_text")[:500])
    for article_id, with_text in rows:
        (process_article if with_text else fetch_article).delay(article_id)
    return len(rows)
