"""Logins are throttled per address and per username (django-axes): a lockout refuses even
the right password, an admin sees it in the admin and lifts it."""
import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _fail(client: Client, username: str, times: int, **extra) -> None:
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)
        assert response.status_code in (200, 429)


def test_wrong_passwords_lock_the_username_even_for_the_right_one(alice, settings):
    alice.set_password("right-password-19")
    alice.save()
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "alice", "password": "right-password-19"})
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_the_username_lock_holds_from_another_address(alice, settings):
    alice.set_password("right-password-19")
    alice.save()
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="10.0.0.1")
    response = Client().post(LOGIN, {"username": "alice", "password": "right-password-19"}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429


def test_one_address_trying_many_usernames_is_locked(alice, settings):
    alice.set_password("right-password-19")
    alice.save()
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"guess{n}", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(LOGIN, {"username": "alice", "password": "right-password-19"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429


def test_a_right_password_before_the_limit_still_signs_in(alice, settings):
    alice.set_password("right-password-19")
    alice.save()
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT - 1)
    response = client.post(LOGIN, {"username": "alice", "password": "right-password-19"})
    assert response.status_code == 302


def test_an_admin_sees_the_lockout_and_lifts_it(alice, ada, settings):
    alice.set_password("right-password-19")
    alice.save()
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT)
    ada.is_staff = True
    ada.save()
    admin = Client()
    admin.force_login(ada)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and b"alice" in listing.content
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="alice")
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    signed_in = Client().post(LOGIN, {"username": "alice", "password": "right-password-19"})
    assert signed_in.status_code == 302


def test_the_forwarded_address_counts_behind_the_configured_proxy(settings):
    from core.logins import client_ip

    class Request:
        META = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.2"}

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert client_ip(Request()) == "198.51.100.2"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
    assert client_ip(Request()) == "10.0.0.1"


def test_a_reviewer_sees_the_lockouts_and_lifts_one(alice, rita, bob, settings):
    alice.set_password("right-password-19")
    alice.save()
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="10.0.0.7")
    reviewer = Client()
    reviewer.force_login(rita)
    page = reviewer.get("/accounts/lockouts/")
    assert page.status_code == 200
    assert b"alice" in page.content and b"10.0.0.7" in page.content
    response = reviewer.post("/accounts/lockouts/", {"username": "alice"})
    assert response.status_code == 302
    signed_in = Client().post(LOGIN, {"username": "alice", "password": "right-password-19"}, REMOTE_ADDR="10.0.0.7")
    assert signed_in.status_code == 302


def test_readers_do_not_see_lockouts(bob):
    client = Client()
    client.force_login(bob)
    assert client.get("/accounts/lockouts/").status_code == 403
