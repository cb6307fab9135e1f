"""A worker with a backlog takes queued articles through spaCy together, and nothing is recorded
twice: each article is written in its own transaction, and its own task then finds it done."""
import json
from pathlib import Path

import pytest

from briefings.models import Citation, Claim
from briefings.pipeline.process import article_process
from briefings.seeding import seed_load
from sources.models import Article, Mention
from sources.services import article_submit

ARTICLES = sorted((Path(__file__).resolve().parents[2] / "seeds" / "articles").glob("*.json"))
pytestmark = pytest.mark.django_db


@pytest.fixture
def backlog() -> list[Article]:
    seed_load()
    articles = []
    for path in ARTICLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        article, _ = article_submit(text=data["text"], title=data["title"], published_at=data["published"],
                                    enqueue=False)
        articles.append(article)
    return articles


def test_one_task_processes_the_backlog_in_one_batch(backlog):
    first, *others = backlog
    assert article_process(first.pk, batch=8) == "done"
    assert set(Article.objects.filter(pk__in=[a.pk for a in backlog]).values_list("status", flat=True)) == {"done"}
    claims, citations, mentions = Claim.objects.count(), Citation.objects.count(), Mention.objects.count()
    assert claims and citations and mentions

    # The other articles' own tasks arrive later: they skip, and nothing is written twice.
    assert [article_process(a.pk, batch=8) for a in others] == ["skipped"] * len(others)
    assert (Claim.objects.count(), Citation.objects.count(), Mention.objects.count()) == (claims, citations, mentions)


def test_a_batch_records_the_same_as_one_by_one(backlog):
    for article in backlog:
        assert article_process(article.pk) == "done"
    one_by_one = sorted(Claim.objects.values_list("text", flat=True))
    mentions = Mention.objects.count()
    Article.objects.update(status="queued")
    Claim.objects.all().delete()
    Mention.objects.all().delete()
    assert article_process(backlog[0].pk, batch=8) == "done"
    assert sorted(Claim.objects.values_list("text", flat=True)) == one_by_one
    assert Mention.objects.count() == mentions


def test_a_batch_leaves_articles_still_being_fetched_alone(backlog):
    waiting, _ = article_submit(url="https://example.org/later", enqueue=False)
    assert article_process(backlog[0].pk, batch=8) == "done"
    waiting.refresh_from_db()
    assert waiting.status == "queued"
