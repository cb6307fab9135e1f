"""Article, article list and outlet pages; the mention highlighter."""
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.services import actor_ensure, candidate_propose, region_ensure
from sources.highlight import mentions_html
from sources.models import Article
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory, MentionFactory, OutletFactory

pytestmark = pytest.mark.django_db

TEXT = "Iran said on Monday that <b>Kirkuk</b> & its oil stay Iraqi.\n\nMasoud Barzani disagreed."


def _span(text, words):
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def article():
    return ArticleFactory(title="Kirkuk oil", text=TEXT, outlet=OutletFactory(name="Reuters"))


# --- the highlighter ---------------------------------------------------------------------------


def _m(pk, start, end):
    return SimpleNamespace(pk=pk, start=start, end=end)


def test_highlight_escapes_text_between_and_inside_mentions():
    text = "<script>alert(1)</script> met <i>Bob</i>"
    html = mentions_html(text, [_m(1, text.index("<i>"), len(text))], lambda m: "/actors/bob/")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a class="mention" id="mention-1" href="/actors/bob/"><mark>&lt;i&gt;Bob&lt;/i&gt;</mark></a>' in html


def test_highlight_keeps_paragraphs_and_skips_overlapping_or_bad_spans():
    text = "Iran said.\n\nIraq replied\nlater."
    mentions = [_m(1, 0, 4), _m(2, 2, 6), _m(3, 12, 16), _m(4, 20, 99)]
    html = mentions_html(text, mentions, lambda m: None)
    assert html == (
        '<p><mark class="mention unlinked" id="mention-1">Iran</mark> said.</p>'
        '<p><mark class="mention unlinked" id="mention-3">Iraq</mark> replied<br>later.</p>'
    )


# --- article page ------------------------------------------------------------------------------


def test_article_page_highlights_mentions_linked_to_catalogue_pages(client, bob, article):
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city")
    barzani, _ = actor_ensure(slug="masoud-barzani", name="Masoud Barzani", kind="person")
    MentionFactory(article=article, region=kirkuk, text="Kirkuk", **_span(TEXT, "Kirkuk"))
    MentionFactory(article=article, actor=barzani, text="Masoud Barzani", **_span(TEXT, "Masoud Barzani"))
    client.force_login(bob)
    body = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{kirkuk.get_absolute_url()}"><mark>Kirkuk</mark></a>&lt;/b&gt; &amp; its oil' in body
    assert f'href="{barzani.get_absolute_url()}"><mark>Masoud Barzani</mark>' in body
    assert "<b>" not in body.split('class="article-text"')[1].split("</div>")[0]


def test_readers_get_no_link_to_a_candidate_editors_do(client, bob, alice, article):
    candidate, _ = candidate_propose(target="actor", name="Masoud Barzani", kind="person")
    MentionFactory(article=article, actor=candidate, text="Masoud Barzani", **_span(TEXT, "Masoud Barzani"))
    client.force_login(bob)
    body = client.get(article.get_absolute_url()).content.decode()
    assert candidate.get_absolute_url() not in body and 'class="mention unlinked"' in body
    client.force_login(alice)
    assert candidate.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()


def test_article_page_shows_claims_taken_from_it_with_their_quotes(client, bob, article):
    claim = ClaimFactory(text="Kirkuk's oil stays Iraqi.", speaker=ActorFactory(name="Iran"))
    CitationFactory(claim=claim, article=article, quote="Iran said on Monday", **_span(TEXT, "Iran said on Monday"))
    client.force_login(bob)
    body = client.get(article.get_absolute_url()).content.decode()
    assert "<blockquote>Iran said on Monday</blockquote>" in body
    assert claim.get_absolute_url() in body and "Kirkuk&#x27;s oil stays Iraqi." in body


def test_article_page_shows_ingest_failure_and_its_reason(client, bob):
    failed = ArticleFactory(text="", status=Article.Status.FAILED, status_reason="The page answered 404 Not Found.")
    client.force_login(bob)
    body = client.get(failed.get_absolute_url()).content.decode()
    assert "Failed" in body and "The page answered 404 Not Found." in body


def test_article_page_query_count_does_not_grow_with_mentions_and_claims(client, bob):
    text = " ".join(f"Kirkuk{i:03d}" for i in range(60))
    article = ArticleFactory(text=text)
    client.force_login(bob)

    def add(start, n):
        for i in range(start, start + n):
            words = f"Kirkuk{i:03d}"
            if i % 2:
                target = {"actor": ActorFactory()}
            else:
                target = {"region": region_ensure(slug=f"r{i}", name=f"R {i}", kind="city")[0]}
            MentionFactory(article=article, text=words, **_span(text, words), **target)
            CitationFactory(article=article, quote=words, **_span(text, words))

    add(0, 5)
    few = _queries(client, article.get_absolute_url())
    add(5, 45)
    many = _queries(client, article.get_absolute_url())
    assert many == few


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- lists -------------------------------------------------------------------------------------


def test_article_list_filters_by_status(client, bob):
    ArticleFactory(title="Done one")
    ArticleFactory(title="Broken one", status=Article.Status.FAILED, status_reason="Timed out")
    client.force_login(bob)
    body = client.get(reverse("sources:article-list"), {"status": "failed"}).content.decode()
    assert "Broken one" in body and "Timed out" in body and "Done one" not in body


def test_article_list_query_count_does_not_grow_with_rows(client, bob):
    client.force_login(bob)
    ArticleFactory.create_batch(5)
    few = _queries(client, reverse("sources:article-list"))
    ArticleFactory.create_batch(45)
    many = _queries(client, reverse("sources:article-list"))
    assert many == few


def test_article_list_is_paginated(client, bob, monkeypatch):
    monkeypatch.setattr("sources.views.PAGE_SIZE", 2)
    for i in range(5):
        ArticleFactory(title=f"Numbered {i}")
    client.force_login(bob)
    body = client.get(reverse("sources:article-list"), {"status": "done", "page": 3}).content.decode()
    assert body.count("Numbered") == 1 and "page 3 of 3" in body and "status=done" in body


@pytest.mark.parametrize("who", ["bob", "alice", "rita", "ada"])
def test_members_read_article_pages(client, cast, who, article):
    client.force_login(cast[who])
    for url in (reverse("sources:article-list"), article.get_absolute_url(), article.outlet.get_absolute_url()):
        assert client.get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, article):
    for url in (reverse("sources:article-list"), article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_claim_marked_not_a_claim_leaves_the_article_page_for_readers(client, alice, bob):
    from claims.services import claim_mark_not_claim

    citation = CitationFactory(claim=ClaimFactory(text="A headline read as a claim"))
    claim_mark_not_claim(claim=citation.claim, editor=alice, reason="A headline.")
    url = citation.article.get_absolute_url()
    client.force_login(bob)
    assert "A headline read as a claim" not in client.get(url).content.decode()
    client.force_login(alice)
    html = client.get(url).content.decode()
    assert "A headline read as a claim" in html and "not a claim" in html  # editors see what was hidden


def test_editors_process_an_article_again(client, alice, bob, monkeypatch):
    sent = []
    monkeypatch.setattr("sources.services._enqueue", lambda task, pk: sent.append((task, pk)))
    article = ArticleFactory(status=Article.Status.DONE)
    url = reverse("sources:article-reprocess", args=[article.pk])
    client.force_login(bob)
    assert "Process again" not in client.get(article.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(alice)
    assert "Process again" in client.get(article.get_absolute_url()).content.decode()
    client.post(url)
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED and sent == [("claims.process_article", article.pk)]
    client.post(url)  # queued already: not sent twice
    assert len(sent) == 1
