"""API authentication and limits: tokens made and revoked on the account page, session auth for
the browser, throttling with 429 and Retry-After, and the schema and docs pages."""
import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core import api_conventions

pytestmark = pytest.mark.django_db


def test_token_page_creates_a_token_shows_it_once_and_revokes_it(client, bob):
    client.force_login(bob)
    assert "You have no API token" in client.get("/accounts/tokens/").content.decode()
    created = client.post("/accounts/tokens/", {"action": "create"})
    key = Token.objects.get(user=bob).key
    assert key in created.content.decode()
    assert key not in client.get("/accounts/tokens/").content.decode()  # shown once

    api = APIClient()
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200

    replaced = client.post("/accounts/tokens/", {"action": "create"})
    new_key = Token.objects.get(user=bob).key
    assert new_key != key and new_key in replaced.content.decode()
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401

    client.post("/accounts/tokens/", {"action": "revoke"})
    assert not Token.objects.filter(user=bob).exists()
    response = api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {new_key}")
    assert response.status_code == 401 and response.json()["message"] == "Invalid token."


def test_token_page_needs_a_login(client):
    assert client.get("/accounts/tokens/").status_code == 302


def test_base_page_links_the_token_page(client, bob):
    client.force_login(bob)
    assert 'href="/accounts/tokens/"' in client.get("/").content.decode()


def test_session_authentication_works_for_the_browser(client, bob):
    client.force_login(bob)
    assert client.get("/api/claims/", HTTP_ACCEPT="application/json").status_code == 200


def test_session_writes_need_csrf(bob):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bob)
    response = browser.post("/api/subscriptions/", {"actor": "x"}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]


def test_throttling_answers_429_with_retry_after_per_user_and_per_ip(settings, bob, monkeypatch):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "2/minute",
                                                                                     "anon": "1/minute"}}
    settings.BRIEFWIKI_PUBLIC_BRIEFINGS = True
    cache.clear()
    now = [60 * 29_000_000 + 20.0]  # 20 s into a one-minute window
    monkeypatch.setattr(api_conventions._LiveRate, "timer", staticmethod(lambda: now[0]), raising=False)
    api = APIClient()
    api.force_authenticate(bob)
    codes = [api.get("/api/claims/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited = api.get("/api/claims/")
    assert int(limited["Retry-After"]) == 40  # the rest of the window
    assert limited.json()["retry_after"] > 0 and "throttled" in limited.json()["message"].lower()
    now[0] += 40  # the next window
    assert api.get("/api/claims/").status_code == 200

    anonymous = APIClient(REMOTE_ADDR="192.0.2.7")
    assert [anonymous.get("/api/briefings/").status_code for _ in range(2)] == [200, 429]
    assert APIClient(REMOTE_ADDR="192.0.2.8").get("/api/briefings/").status_code == 200  # per IP


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/claims/" in paths and "/api/briefings/{slug}/draft/" in paths
    claim_params = {p["name"] for p in paths["/api/claims/"]["get"]["parameters"]}
    assert {"actor", "region", "status", "outlet", "event_date_after", "event_date_before", "disputed", "q",
            "cursor", "page_size"} <= claim_params
    put = paths["/api/briefings/{slug}/draft/"]["put"]["responses"]
    assert {"200", "400", "401", "403", "404", "412", "428", "429"} <= set(put)
    docs = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar" in docs and "cdn" not in docs.lower()


def test_unknown_api_addresses_answer_json_404_for_any_method(bob):
    api = APIClient()
    api.force_authenticate(bob)
    for method in ("get", "delete"):
        response = getattr(api, method)("/api/no/such/thing\n/")
        assert response.status_code == 404 and response.json() == {"message": "Not found.", "errors": {}}


def test_a_token_older_than_its_lifetime_is_refused(bob, settings):
    import datetime as dt

    from django.utils import timezone

    settings.BRIEFWIKI_API_TOKEN_DAYS = 90
    token = Token.objects.create(user=bob)
    api = APIClient()
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(days=91))
    response = api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401
    assert "expired" in response.json()["message"]
    settings.BRIEFWIKI_API_TOKEN_DAYS = 0  # never
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


def test_the_token_page_says_when_it_expires(client, bob, settings):
    settings.BRIEFWIKI_API_TOKEN_DAYS = 90
    client.force_login(bob)
    created = client.post("/accounts/tokens/", {"action": "create"}).content.decode()
    assert "expires" in created
