"""The beat task that recovers lost messages: nothing submitted stays queued for ever."""
from datetime import timedelta

import pytest
from django.utils import timezone

from claims import tasks
from sources.models import Article
from sources.services import article_submit

pytestmark = pytest.mark.django_db


def test_stale_articles_are_queued_again_url_only_ones_for_fetching(monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.process_article, "delay", lambda pk: sent.append(("process", pk)))
    monkeypatch.setattr(tasks.fetch_article, "delay", lambda pk: sent.append(("fetch", pk)))
    with_text, _ = article_submit(text="Officials said the convoy was attacked on Monday.", enqueue=False)
    url_only, _ = article_submit(url="https://news.example.org/lost", enqueue=False)
    fresh, _ = article_submit(url="https://news.example.org/fresh", enqueue=False)
    Article.objects.exclude(pk=fresh.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert tasks.requeue_stale_articles() == 2
    assert sorted(sent) == [("fetch", url_only.pk), ("process", with_text.pk)]
