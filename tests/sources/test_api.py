"""The articles API: ingest once (201, then 200), clear 400s, status and reasons, read-only
mentions and citations."""
import pytest
from rest_framework.test import APIClient

from sources.models import Article
from tests.factories import ArticleFactory, CitationFactory, MentionFactory

pytestmark = pytest.mark.django_db

TEXT = "Kurdish forces took control of Kirkuk on Thursday, officials said."


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_post_ingests_once_201_then_200_with_the_same_article(alice):
    api = client_for(alice)
    first = api.post("/api/articles/", {"text": TEXT, "title": "Kirkuk", "outlet": "Reuters",
                                        "published_at": "2014-06-12"}, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "queued" and body["outlet"]["name"] == "Reuters"
    assert body["published_at"].startswith("2014-06-12") and body["submitted_by"] == "alice"
    again = api.post("/api/articles/", {"text": "  " + TEXT.upper() + "  "}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "payload, words",
    [
        ({}, "text"),
        ({"url": "ftp://example.org/a"}, "http"),
        ({"url": "http://example.com:99999/"}, "port"),
        ({"url": "http://[::1/"}, "url"),
        ({"text": "x", "published_at": "last week"}, "date"),
        ({"text": "\x00\x01binary"}, "null"),
    ],
)
def test_bad_input_is_400_with_a_clear_message(alice, payload, words):
    response = client_for(alice).post("/api/articles/", payload, format="json")
    assert response.status_code == 400
    assert words in response.json()["message"].lower()
    assert Article.objects.count() == 0


def test_failed_article_shows_status_and_reason(bob):
    ArticleFactory(status="failed", status_reason="No article text could be found in the HTML.")
    rows = client_for(bob).get("/api/articles/?status=failed").json()["results"]
    assert rows[0]["status_reason"] == "No article text could be found in the HTML."
    assert client_for(bob).get("/api/articles/?status=done").json()["results"] == []


def test_detail_has_text_mentions_and_citations(bob):
    mention = MentionFactory()
    citation = CitationFactory(article=mention.article)
    body = client_for(bob).get(f"/api/articles/{mention.article.pk}/").json()
    assert body["text"] == mention.article.text
    assert body["mentions"][0]["text"] == "Kirkuk" and body["mentions"][0]["start"] == 13
    assert body["citations"] == [{"id": citation.pk, "claim": citation.claim_id, "start": 0,
                                  "end": len(citation.quote), "quote": citation.quote, "cue": "said"}]


def test_readers_cannot_submit(bob):
    response = client_for(bob).post("/api/articles/", {"text": TEXT}, format="json")
    assert response.status_code == 403 and Article.objects.count() == 0
