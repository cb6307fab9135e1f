"""An article's page shows its status change, queued to done with what came out, without a
reload (htmx polling), and the review queue's counts follow the wire."""
from django.utils import timezone
from playwright.sync_api import expect

from sources.models import Article
from tests.factories import ArticleFactory, CitationFactory


def test_the_article_page_follows_the_worker(page, alice, logged_in):
    article = ArticleFactory(status=Article.Status.QUEUED, title="Kirkuk after the army left")
    logged_in(page, alice)
    page.goto(article.get_absolute_url())
    status = page.locator("#ingest-status")
    expect(status).to_contain_text("Queued")
    assert page.evaluate("typeof window.htmx") == "object", "htmx is not served (make install runs npm ci)"

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING)
    expect(status).to_contain_text("Processing")
    CitationFactory(article=article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE, processed_at=timezone.now())
    expect(status).to_contain_text("Done: 1 claim")
    expect(status.get_by_role("link", name="Reload to see them")).to_be_visible()
