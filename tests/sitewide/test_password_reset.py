"""Password reset by email, delivered through a real SMTP server on localhost."""
import re

import pytest
from django.test import Client

from tests.digests.test_email import smtp  # noqa: F401  (a fixture: the real SMTP sink)

pytestmark = pytest.mark.django_db


def test_a_reset_link_arrives_by_mail_and_sets_a_new_password(alice, smtp, settings):  # noqa: F811
    settings.SITE_URL = "https://wiki.example.org"
    alice.email = "alice@example.org"
    alice.save()
    client = Client()
    assert b"/accounts/password/reset/" in client.get("/accounts/login/").content
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert smtp.wait_for(lambda s: len(s.messages) == 1, timeout=10)
    message = smtp.messages[0]
    assert message["To"] == "alice@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https://wiki\.example\.org(/accounts/reset/\S+/)", body)
    assert link, body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "a-new-long-pass-19",
                                                    "new_password2": "a-new-long-pass-19"})
    assert done.status_code == 302
    assert Client().post("/accounts/login/", {"username": "alice", "password": "a-new-long-pass-19"}).status_code == 302


def test_an_unknown_address_looks_the_same_and_sends_nothing(smtp):  # noqa: F811
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/done/"
    assert not smtp.wait_for(lambda s: s.messages, timeout=0.5)


def test_the_link_ignores_the_hosts_header(alice, smtp, settings):  # noqa: F811
    settings.SITE_URL = "https://wiki.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    alice.email = "alice@example.org"
    alice.save()
    Client().post("/accounts/password/reset/", {"email": "alice@example.org"}, HTTP_HOST="evil.example")
    assert smtp.wait_for(lambda s: len(s.messages) == 1, timeout=10)
    body = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "evil.example" not in body and "https://wiki.example.org/accounts/reset/" in body
