"""The pipeline under real Celery worker processes on PostgreSQL and Redis.

A worker SIGKILLed while it holds an article's transaction open leaves nothing half-written;
the message is redelivered to another worker, which finishes the article with no duplicates.
"""
import time

import pytest

from briefings.models import Suggestion
from briefings.seeding import seed_load
from claims.models import Citation, Claim
from sources.models import Article, Mention
from sources.services import article_submit
from tests.workers import PAUSE_MID_WRITE, Worker, app, purge_queue, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Masoud Barzani said on Thursday that Kurdish forces would not leave Kirkuk. "
    '"The army left and we protected the city," Barzani told reporters in Erbil.\n\n'
    "Officials said militants attacked a prison convoy near Baghdad and that 10 prisoners were killed. "
    "However, police sources told Reuters that all 69 prisoners had been shot by police.\n\n"
    "Sources told the Associated Press that Hassan Rouhani believes Nouri al-Maliki should step aside."
)


def counts(article):
    return (
        Mention.objects.filter(article=article).count(),
        Citation.objects.filter(article=article).count(),
        Claim.objects.filter(citations__article=article).distinct().count(),
        Suggestion.objects.count(),
    )


@pytest.fixture
def catalogue(redis_url):
    seed_load()
    purge_queue()
    yield
    purge_queue()


def test_killed_mid_article_leaves_nothing_and_the_article_finishes_after_redelivery(catalogue):
    article, _ = article_submit(text=TEXT, outlet="VICE News", published_at="2014-06-27")
    # The first worker stops mid-write, inside the article's transaction, and is SIGKILLed there.
    first = Worker("doomed", {PAUSE_MID_WRITE: "60", "CELERY_VISIBILITY_TIMEOUT": "600"})
    try:
        first.wait_for("pausing", timeout=120)
        time.sleep(0.5)
        first.kill()
    finally:
        first.stop()
    article.refresh_from_db()
    assert article.status == Article.Status.PROCESSING
    assert counts(article) == (0, 0, 0, 0)  # the open transaction died with the worker

    # Redis redelivers the unacknowledged message to the next worker once its visibility ends.
    second = Worker("survivor", {"CELERY_VISIBILITY_TIMEOUT": "3"})
    try:
        wait_until(lambda: Article.objects.get(pk=article.pk).status == Article.Status.DONE, timeout=180)
    finally:
        second.stop()
    after = counts(article)
    assert after[0] > 0 and after[1] >= 4 and after[3] >= 1
    assert Mention.objects.filter(article=article).values("start", "end").distinct().count() == after[0]
    assert Citation.objects.filter(article=article).values("start", "end").distinct().count() == after[1]


def test_the_same_task_twice_on_two_workers_writes_once(catalogue):
    article, _ = article_submit(text=TEXT, outlet="VICE News", published_at="2014-06-27", enqueue=False)
    workers = [Worker("w1"), Worker("w2")]
    try:
        for _ in range(2):
            app.send_task("claims.process_article", args=[article.pk])
        wait_until(lambda: Article.objects.get(pk=article.pk).status == Article.Status.DONE, timeout=180)
        time.sleep(3)  # let the second delivery finish too
        mentions, citations, claims, suggestions = counts(article)
        assert Mention.objects.filter(article=article).values("start", "end").distinct().count() == mentions
        assert Citation.objects.filter(article=article).values("start", "end").distinct().count() == citations
        assert claims == Claim.objects.count()
        assert suggestions == Suggestion.objects.values("briefing", "claim").distinct().count()
    finally:
        for worker in workers:
            worker.stop()
    log = "".join(workers[0].log + workers[1].log)
    assert "'done'" in log and "'skipped'" in log
