"""An article's status on its page asks again while a worker has it, and says what came out."""
import pytest
from django.urls import reverse

from sources.models import Article
from tests.factories import ArticleFactory, CitationFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_a_queued_article_polls_its_status_and_a_done_one_stops_with_counts(client, alice):
    article = ArticleFactory(status=Article.Status.QUEUED)
    client.force_login(alice)
    html = client.get(article.get_absolute_url()).content.decode()
    status_url = reverse("sources:article-status", args=[article.pk])
    assert f'hx-get="{status_url}" hx-trigger="every 2s"' in html and "htmx/htmx.min.js" in html
    assert "Process again" not in html

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    CitationFactory(article=article)
    MentionFactory(article=article)
    fragment = client.get(status_url).content.decode()
    assert fragment.startswith("<p class=\"ingest\"") or 'id="ingest-status"' in fragment
    assert "hx-trigger" not in fragment and "Done" in fragment and "1 claim, 1 name found" in fragment
    assert "Reload to see them" in fragment and "Process again" in fragment


def test_a_failed_article_shows_why(client, bob):
    article = ArticleFactory(status=Article.Status.FAILED, status_reason="No article text could be found.")
    client.force_login(bob)
    fragment = client.get(reverse("sources:article-status", args=[article.pk])).content.decode()
    assert "Failed" in fragment and "No article text could be found." in fragment and "hx-get" not in fragment


def test_the_status_needs_a_login(client):
    article = ArticleFactory()
    assert client.get(reverse("sources:article-status", args=[article.pk])).status_code == 302
