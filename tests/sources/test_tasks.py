import pytest

from sources.models import Article, Feed
from sources.services import article_submit
from sources.tasks import fetch_article, poll_due_feeds, poll_feed

pytestmark = pytest.mark.django_db

PAGE = b"""<html><head><title>Convoy attacked</title><meta name="author" content="Sample Desk"></head>
<body><article><h1>Convoy attacked</h1><p>Officials said militants attacked a prison convoy on Monday
and that ten people died in the fighting.</p><p>Police sources gave a different account to reporters,
saying far more prisoners had been killed.</p></article></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sample wire</title>
<item><title>Convoy attacked</title><link>{base}/convoy</link><pubDate>Mon, 23 Jun 2014 10:00:00 GMT</pubDate></item>
<item><title>Kirkuk holds</title><link>{base}/kirkuk</link><pubDate>Fri, 27 Jun 2014 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_fetch_article_downloads_the_page_and_keeps_its_metadata(web):
    web.routes["/convoy"] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE)
    article, _ = article_submit(url=web.base + "/convoy")
    assert fetch_article(article.pk) == "fetched"
    article.refresh_from_db()
    assert article.title == "Convoy attacked" and article.byline == "Sample Desk"
    assert article.text.startswith("Officials said militants attacked") and article.content_hash
    assert article.status == Article.Status.QUEUED  # now waiting for the pipeline
    assert fetch_article(article.pk) == "skipped"  # safe to run twice


def test_fetch_article_failure_is_recorded_with_the_reason(web):
    article, _ = article_submit(url=web.base + "/gone")
    assert fetch_article(article.pk) == "failed"
    article.refresh_from_db()
    assert article.status == "failed" and "404" in article.status_reason


def test_fetched_text_already_ingested_is_not_a_second_article(web):
    web.routes["/convoy"] = (200, {"Content-Type": "text/html"}, PAGE)
    web.routes["/copy"] = (200, {"Content-Type": "text/html"}, PAGE)
    first, _ = article_submit(url=web.base + "/convoy")
    fetch_article(first.pk)
    second, _ = article_submit(url=web.base + "/copy")
    assert fetch_article(second.pk) == "duplicate"
    second.refresh_from_db()
    assert second.status == "failed" and f"article {first.pk}" in second.status_reason


def test_poll_feed_submits_new_entries_once(web):
    web.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'},
                               RSS.format(base=web.base).encode())
    feed = Feed.objects.create(url=web.base + "/feed.xml", interval_minutes=30)
    assert poll_feed(feed.pk) == 2
    urls = set(Article.objects.values_list("url", flat=True))
    assert urls == {web.base + "/convoy", web.base + "/kirkuk"}
    assert str(Article.objects.get(url=web.base + "/convoy").published_date) == "2014-06-23"
    feed.refresh_from_db()
    assert feed.title == "Sample wire" and feed.etag == '"f1"' and feed.last_polled_at
    assert poll_feed(feed.pk) == 0  # claimed within its interval: a second poll does nothing
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=None)
    assert poll_feed(feed.pk) == 0 and Article.objects.count() == 2  # entries already ingested


def test_unreadable_feed_records_its_error(web):
    web.routes["/bad.xml"] = (200, {"Content-Type": "text/plain"}, b"\x00\x01 not a feed")
    feed = Feed.objects.create(url=web.base + "/bad.xml")
    assert poll_feed(feed.pk) == 0
    feed.refresh_from_db()
    assert feed.last_error


def test_poll_due_feeds_skips_feeds_polled_within_their_interval(web, monkeypatch):
    from django.utils import timezone

    queued = []
    monkeypatch.setattr(poll_feed, "delay", lambda feed_id: queued.append(feed_id))
    due = Feed.objects.create(url=web.base + "/a.xml")
    Feed.objects.create(url=web.base + "/b.xml", last_polled_at=timezone.now())
    Feed.objects.create(url=web.base + "/c.xml", active=False)
    assert poll_due_feeds() == 1 and queued == [due.pk]


@pytest.mark.parametrize("error", [ValueError("Port out of range 0-65535"), KeyError("x")])
def test_an_unexpected_error_while_fetching_marks_the_article_failed_with_its_reason(monkeypatch, error):
    article, _ = article_submit(url="http://example.com/report", enqueue=False)

    def broken(url, **kwargs):
        raise error

    monkeypatch.setattr("sources.tasks.fetch", broken)
    assert fetch_article(article.pk) == "failed"
    article.refresh_from_db()
    assert article.status == "failed" and type(error).__name__ in article.status_reason


def test_a_fetch_past_the_tasks_time_limit_marks_the_article_failed(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    article, _ = article_submit(url="http://example.com/slow", enqueue=False)

    def slow(url, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("sources.tasks.fetch", slow)
    assert fetch_article(article.pk) == "failed"
    article.refresh_from_db()
    assert article.status == "failed" and "time limit" in article.status_reason


def test_fetch_tasks_are_redelivered_when_their_worker_dies():
    assert fetch_article.acks_late and fetch_article.reject_on_worker_lost
    assert poll_feed.acks_late and poll_feed.reject_on_worker_lost
