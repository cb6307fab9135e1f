import pytest
from django.urls import reverse

from sources.models import Article

pytestmark = pytest.mark.django_db
URL = reverse("sources:article-submit")
TEXT = "Kurdish officials said on Thursday that the road to Kirkuk had reopened after two days."


def test_editor_submits_pasted_text_and_lands_on_the_article(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"content": TEXT, "title": "Road", "outlet": "AFP", "published": "2014-06-27"})
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == article.get_absolute_url()
    assert article.submitted_by == alice and article.outlet.name == "AFP"


def test_pasted_html_is_read_as_html(client, alice):
    client.force_login(alice)
    html = "<html><body><article><p>" + TEXT + " The city stayed calm overnight.</p></article></body></html>"
    client.post(URL, {"content": html})
    article = Article.objects.get()
    assert article.text.startswith("Kurdish officials") and article.html.startswith("<html>")


def test_bad_input_shows_a_form_error_and_writes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"content": "<html><body><nav>menu</nav></body></html>"})
    assert response.status_code == 200 and "No article text could be found" in response.content.decode()
    response = client.post(URL, {"content": " "})
    assert "Paste the article" in response.content.decode()
    assert Article.objects.count() == 0


def test_resubmitting_shows_the_existing_article(client, alice):
    client.force_login(alice)
    client.post(URL, {"content": TEXT})
    response = client.post(URL, {"content": TEXT}, follow=True)
    assert "already ingested" in response.content.decode() and Article.objects.count() == 1


def test_readers_cannot_submit(client, bob):
    client.force_login(bob)
    assert client.get(URL).status_code == 403


def test_the_same_paragraph_pasted_many_times_is_refused_with_the_reason(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"content": "\n\n".join([TEXT] * 30)})
    assert response.status_code == 200 and "come again and again (29 repeated" in response.content.decode()
    assert Article.objects.count() == 0
