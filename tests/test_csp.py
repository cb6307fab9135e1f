"""Every page carries a strict Content-Security-Policy: the site's own scripts and styles only."""
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/api/schema/"])
def test_pages_carry_a_strict_policy(path):
    policy = Client().get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_the_api_docs_may_run_their_inline_setup_but_load_nothing_from_elsewhere(bob):
    client = Client()
    client.force_login(bob)
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "default-src 'self'" in policy
    assert "http" not in policy
