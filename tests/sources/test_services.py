import pytest
from django.db import connection

from sources.intake import IngestError
from sources.models import Article, Outlet
from sources.services import article_mark_failed, article_submit, articles_mark_done

pytestmark = pytest.mark.django_db
TEXT = "Kurdish officials said on Thursday that the road to Kirkuk had reopened after two days."


def test_submit_creates_a_queued_article_with_its_outlet_and_date(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article, created = article_submit(text=TEXT, title="Road reopens", outlet="Reuters",
                                          published_at="2014-06-27", submitted_by=alice)
    assert created and article.status == Article.Status.QUEUED
    assert article.outlet.name == "Reuters" and str(article.published_date) == "2014-06-27"
    assert article.content_hash and article.submitted_by == alice
    assert len(callbacks) == 1  # the pipeline is queued once the row is committed


def test_the_same_text_twice_is_one_article():
    first, _ = article_submit(text=TEXT)
    again, created = article_submit(text="  " + TEXT.upper() + "\n")
    assert not created and again.pk == first.pk and Article.objects.count() == 1


def test_the_same_url_twice_is_one_article():
    first, _ = article_submit(url="https://news.example.org/kirkuk", text=TEXT)
    again, created = article_submit(url="https://news.example.org/kirkuk", text="Other words entirely.")
    assert not created and again.pk == first.pk


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "Send the article"),
        ({"text": "   "}, "Send the article"),
        ({"url": "ftp://example.org/x"}, "Only http and https"),
        ({"url": "javascript:alert(1)"}, "Only http and https"),
        ({"url": "http://example.com:99999/"}, "Port out of range"),
        ({"url": "http://example.com:0/"}, "port"),
        ({"url": "http://[::1/"}, "not a valid URL"),
        ({"url": "http://exa mple.com/"}, "not a valid URL"),
        ({"url": "http://example.com:80a/"}, "not a valid URL|port"),
        ({"text": TEXT, "published_at": "last week"}, "'published' must be a date"),
        ({"html": "<html><body></body></html>"}, "No article text"),
        ({"text": "bin\x00ary"}, "NUL"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_writes_nothing(kwargs, message):
    with pytest.raises(IngestError, match=message):
        article_submit(**kwargs)
    assert Article.objects.count() == 0 and Outlet.objects.count() == 0


def test_known_outlet_is_found_by_name_or_alias():
    from actors.services import actor_ensure
    from sources.services import outlet_ensure

    ap_actor, _ = actor_ensure(slug="associated-press", name="Associated Press", kind="media_outlet", aliases=["AP"])
    ap, _ = outlet_ensure(slug="associated-press", name="Associated Press", actor=ap_actor)
    article, _ = article_submit(text=TEXT, outlet="AP")
    assert article.outlet == ap and Outlet.objects.count() == 1


def test_failure_is_recorded_with_a_reason():
    article, _ = article_submit(text=TEXT)
    article_mark_failed(article=article, reason="")
    article.refresh_from_db()
    assert article.status == "failed" and article.status_reason


@pytest.mark.parametrize("vendor", ["postgresql", "other"])
def test_a_batch_is_marked_done_each_article_with_its_own_reason_in_one_statement(vendor, monkeypatch,
                                                                                  django_assert_num_queries):
    """One statement on PostgreSQL (the reasons as an array), the ORM's update elsewhere."""
    first, second, left = (article_submit(text=f"{TEXT} ({i})", enqueue=False)[0] for i in range(3))
    monkeypatch.setattr(connection, "vendor", vendor)
    with django_assert_num_queries(1):
        articles_mark_done(done=[(first, "3 names, 1 claims"), (second, "O'Brien's: 5 names, 0 claims")])
    monkeypatch.undo()
    rows = dict(Article.objects.values_list("pk", "status_reason"))
    assert rows == {first.pk: "3 names, 1 claims", second.pk: "O'Brien's: 5 names, 0 claims", left.pk: ""}
    assert set(Article.objects.filter(processed_at__isnull=False).values_list("pk", "status")) == \
        {(first.pk, "done"), (second.pk, "done")}
    assert first.status == "done" and first.processed_at is not None


@pytest.mark.parametrize("url", ["http://example.com:8080/a?b=c#d", "https://news.example.org/", "http://[2001:db8::1]/x",
                                 "https://bücher.example/", "http://192.0.2.1:1/"])
def test_valid_urls_are_accepted(url):
    article, created = article_submit(url=url, enqueue=False)
    assert created and article.url == url


def test_outlets_whose_names_slugify_to_nothing_stay_apart():
    reuters, _ = article_submit(text=TEXT, outlet="Рейтер")
    xinhua, _ = article_submit(text="Xinhua reported that the talks resumed.", outlet="新华社")
    assert reuters.outlet.name == "Рейтер" and xinhua.outlet.name == "新华社"
    assert reuters.outlet.slug != xinhua.outlet.slug and Outlet.objects.count() == 2
    again, _ = article_submit(text="Another report from the same agency.", outlet="Рейтер")
    assert again.outlet == reuters.outlet
    assert reuters.outlet.get_absolute_url() != xinhua.outlet.get_absolute_url()
