"""Digests through a real SMTP server on localhost: the message, its links, one-click unsubscribe."""
import re

import pytest
from django.conf import settings
from django.test import Client, override_settings

from briefings.models import Subscription
from briefings.services import subscription_watch
from claims.services import claim_set_status
from digests.models import DigestDelivery
from digests.send import MAX_ATTEMPTS, digests_send_due
from digests.tokens import unsubscribe_token, unsubscribe_user
from tests.digests import smtp_sink
from tests.digests.test_build import kirkuk, tomorrow  # noqa: F401  (kirkuk is a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    sink = smtp_sink.Sink()
    controller = smtp_sink.start(sink)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=controller.hostname,
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield sink
    controller.stop()


def test_digest_arrives_as_multipart_with_absolute_links_and_one_click_unsubscribe(alice, bob, kirkuk, smtp):
    subscription_watch(user=bob, briefing=kirkuk)
    claim_set_status(claim=kirkuk.claim, status="corroborated", reason="Reuters confirms", user=alice)
    result = digests_send_due(frequency="daily", now=tomorrow())
    assert result.sent == 1
    (message,) = smtp.messages
    assert message["To"] == bob.email and "Kirkuk control" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (unsubscribe_url,) = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).groups()
    assert unsubscribe_url.startswith(f"{settings.SITE_URL}/digest/unsubscribe/")

    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Kirkuk control" in body and "Oil fields" in body and "Hemin Hawrami" in body and "Rudaw" in body
        assert "Reuters confirms" in body and unsubscribe_url in body
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith(f"{settings.SITE_URL}/") for link in links)
    assert f"{settings.SITE_URL}/b/{kirkuk.slug}/" in links
    assert "<img" not in html and "<link" not in html and "<script" not in html
    assert 'style="' in html  # inline styles: mail clients drop <style> blocks and stylesheets

    token = unsubscribe_url.rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe_user(token) == bob
    assert DigestDelivery.objects.get(user=bob).status == "sent"

    # RFC 8058: a mail client POSTs without a session or a CSRF token.
    client = Client(enforce_csrf_checks=True)
    path = unsubscribe_url.removeprefix(settings.SITE_URL)
    assert client.get(path).status_code == 200
    assert set(Subscription.objects.filter(user=bob).values_list("frequency", flat=True)) == {"daily"}
    response = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert set(Subscription.objects.filter(user=bob).values_list("frequency", flat=True)) == {"off"}


def test_forged_or_altered_tokens_are_refused(bob, client):
    token = unsubscribe_token(bob)
    assert unsubscribe_user(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    response = client.post(f"/digest/unsubscribe/{token}x/")
    assert response.status_code == 404


def test_a_failed_send_is_recorded_and_retried_next_pass(bob, kirkuk, smtp):
    subscription_watch(user=bob, briefing=kirkuk)
    smtp.refuse.add(bob.email)
    result = digests_send_due(frequency="daily", now=tomorrow())
    delivery = DigestDelivery.objects.get(user=bob)
    assert result.failed == 1 and delivery.status == "failed" and "550" in delivery.error and delivery.attempts == 1
    smtp.refuse.clear()
    assert digests_send_due(frequency="daily", now=tomorrow()).sent == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2) and smtp.recipients[bob.email] == 1


def test_failed_sends_stop_after_the_attempt_cap(bob, kirkuk, smtp):
    subscription_watch(user=bob, briefing=kirkuk)
    smtp.refuse.add(bob.email)
    for _ in range(MAX_ATTEMPTS + 2):
        digests_send_due(frequency="daily", now=tomorrow())
    assert DigestDelivery.objects.get(user=bob).attempts == MAX_ATTEMPTS


def test_a_sent_digest_is_not_sent_again(bob, kirkuk, smtp):
    subscription_watch(user=bob, briefing=kirkuk)
    digests_send_due(frequency="daily", now=tomorrow())
    again = digests_send_due(frequency="daily", now=tomorrow())
    assert again.claimed == 0 and smtp.recipients[bob.email] == 1


def test_unreachable_mail_server_fails_the_batch_for_a_later_retry(bob, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_sink.free_port(),
        EMAIL_TIMEOUT=2,
    ):
        result = digests_send_due(frequency="daily", now=tomorrow())
    assert result.failed == 1 and DigestDelivery.objects.get(user=bob).status == "failed"


def test_preview_shows_the_next_digest(bob, kirkuk, client):
    subscription_watch(user=bob, briefing=kirkuk)
    client.force_login(bob)
    response = client.get("/digest/preview/")
    assert response.status_code == 200
    assert b"Kirkuk control" in response.content and b"Oil fields" in response.content


def test_preview_needs_a_login(client):
    assert client.get("/digest/preview/").status_code == 302


def test_send_digests_command_dry_run_sends_and_claims_nothing(bob, kirkuk, mailoutbox):
    from io import StringIO

    from django.core.management import call_command

    subscription_watch(user=bob, briefing=kirkuk)
    out = StringIO()
    call_command("send_digests", "--dry-run", "--frequency", "daily", "--now", tomorrow().isoformat(), stdout=out)
    assert bob.email in out.getvalue() and "Kirkuk control" in out.getvalue()
    assert mailoutbox == [] and not DigestDelivery.objects.exists()
    call_command("send_digests", "--frequency", "daily", "--now", tomorrow().isoformat(), stdout=out)
    assert [m.to for m in mailoutbox] == [[bob.email]]


def test_celery_task_runs_a_pass(bob, kirkuk, mailoutbox):
    from digests.tasks import send_due_digests

    subscription_watch(user=bob, briefing=kirkuk)
    result = send_due_digests.apply().get()  # today's changes are due tomorrow: nothing yet
    assert set(result) == {"daily", "weekly"} and mailoutbox == []


def test_preview_query_count_does_not_grow_with_watches(bob, kirkuk, client, django_assert_max_num_queries):
    from briefings.models import Subscription
    from tests.factories import ActorFactory, RegionFactory

    subscription_watch(user=bob, briefing=kirkuk)
    client.force_login(bob)
    client.get("/digest/preview/")  # warm the session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/digest/preview/")
    for _ in range(10):
        Subscription.objects.create(user=bob, actor=ActorFactory())
        Subscription.objects.create(user=bob, region=RegionFactory())
    with django_assert_max_num_queries(len(few)):
        assert b"Kirkuk control" in client.get("/digest/preview/").content


def test_an_unsubscribe_token_shows_neither_the_user_nor_a_date(alice, bob):
    import base64

    token = unsubscribe_token(bob)
    assert unsubscribe_token(bob) == token and unsubscribe_token(alice) != token  # stable, per user
    assert ":" not in token and len(token) >= 32
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b'"u"' not in decoded
    assert unsubscribe_user(token) == bob


def test_links_in_digests_sent_before_still_work(bob):
    from django.core import signing

    from digests.tokens import SALT

    legacy = signing.dumps({"u": bob.pk}, salt=SALT, compress=False)
    assert unsubscribe_user(legacy) == bob
