"""Redis down: nothing but /healthz may say so. Cache errors count as misses (sessions
and permissions come from the database), and the API's throttles let requests through."""
import socket

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


@pytest.fixture
def redis_down():
    """Point the cache at a port where nothing listens (a second Redis-backed instance)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    caches = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}}
    with override_settings(CACHES=caches):
        yield


def test_every_cache_operation_is_a_miss_when_redis_is_down(redis_down):
    assert cache.get("k") is None and cache.get("k", "default") == "default"
    assert cache.set("k", 1) is None and cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {} and cache.delete("k") is False
    assert cache.has_key("k") is False and cache.touch("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.get_or_set("k", 5) == 5
    cache.set_many({"a": 1})
    cache.delete_many(["a"])


def test_login_and_signed_in_pages_work_when_redis_is_down(client, bob, redis_down):
    response = client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/accounts/tokens/").status_code == 200  # the session came from the database


def test_token_api_calls_work_when_redis_is_down(alice, bob, redis_down):
    api = APIClient()
    key = Token.objects.create(user=alice).key
    for _ in range(3):
        response = api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}")
        assert response.status_code == 200, response.content[:300]
    response = api.get("/api/briefings/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
