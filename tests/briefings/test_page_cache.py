"""Whole briefing pages kept per user under the content version (briefings/page_cache.py), on
PostgreSQL with committed writes (transactional tests): a repeat view costs one query, every
user gets their own page with a CSRF token that works, and any committed change to what the
page shows (by a service, a bulk update or another user's session) shows on the next view."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from briefings.models import Briefing, Subscription
from briefings.page import local_fragments
from briefings.services import briefing_create, briefing_publish, briefing_revise, suggestion_propose
from core import auth
from core.page_cache import CSRF_PLACEHOLDER, local_pages
from core.roles import EDITOR
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


def clear_process_caches():
    cache.clear()
    local_fragments.clear()
    local_pages.clear()
    auth.users.clear()
    auth.memo.clear()


@pytest.fixture
def kirkuk(roles, rita, settings):
    settings.BRIEFWIKI_PAGE_RECHECK_SECONDS = 3600  # exactness must not come from a short interval
    clear_process_caches()
    peshmerga = ActorFactory(name="Peshmerga", slug="peshmerga")
    claim = ClaimFactory(text="Peshmerga forces took control of Kirkuk.", speaker=peshmerga)
    claim.actors.add(peshmerga)
    CitationFactory(claim=claim, article=ArticleFactory(title="Kurds take Kirkuk"), quote="Officials in Kirkuk")
    briefing = briefing_create(title="Kirkuk control", body="The peshmerga moved in.", actors=[peshmerga])
    briefing_publish(briefing=briefing, reviewer=rita)
    yield briefing
    clear_process_caches()


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def view(client, briefing) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def csrf_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def test_a_repeat_view_costs_one_query(kirkuk, bob):
    client = signed_in(bob)
    view(client, kirkuk)
    html, sqls = view(client, kirkuk)
    assert "Peshmerga forces took control of Kirkuk." in html and "bob" in html
    assert len(sqls) == 1 and "core_content_version" in sqls[0]


def test_a_page_another_worker_kept_is_served_from_the_shared_cache(kirkuk, bob):
    client = signed_in(bob)
    first, _ = view(client, kirkuk)
    local_pages.clear()  # as in a worker process that has not served it yet
    auth.users.clear()
    html, sqls = view(client, kirkuk)
    assert len(sqls) == 2  # the version, the user; the page itself from the shared cache
    def without_tokens(text):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert without_tokens(html) == without_tokens(first)


def test_each_user_gets_their_own_page(kirkuk, bob, alice):
    reader, editor = signed_in(bob), signed_in(alice)
    for _ in range(2):
        bob_html, _ = view(reader, kirkuk)
        alice_html, _ = view(editor, kirkuk)
        assert "<span>bob</span>" in bob_html and "Edit draft" not in bob_html
        assert "<span>alice</span>" in alice_html and "Edit draft" in alice_html


def test_a_kept_page_carries_a_working_csrf_token_of_its_own(kirkuk, bob):
    client = signed_in(bob, enforce_csrf_checks=True)
    first, _ = view(client, kirkuk)
    second, sqls = view(client, kirkuk)
    assert len(sqls) == 1  # served from the kept page
    assert CSRF_PLACEHOLDER not in first + second
    tokens = csrf_tokens(second)
    assert len(tokens) == 1 and tokens != csrf_tokens(first)  # masked anew per request
    response = client.post(f"/b/{kirkuk.slug}/watch/", {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert Subscription.objects.filter(user=bob, briefing=kirkuk).exists()


def test_watching_shows_with_its_message_then_the_kept_page_again(kirkuk, bob):
    client = signed_in(bob)
    html, _ = view(client, kirkuk)
    assert ">Watch</button>" in html
    client.post(f"/b/{kirkuk.slug}/watch/")
    html, _ = view(client, kirkuk)
    assert ">Unwatch</button>" in html and "You now watch" in html  # the message, rendered
    html, _ = view(client, kirkuk)
    assert ">Unwatch</button>" in html and "You now watch" not in html  # shown once only
    Subscription.objects.filter(user=bob).delete()  # removed elsewhere (another tab, the admin)
    html, _ = view(client, kirkuk)
    assert ">Watch</button>" in html


def test_changes_to_the_page_around_the_text_show_on_the_next_view(kirkuk, alice, rita):
    client = signed_in(alice)
    html, _ = view(client, kirkuk)
    assert "Review suggestions</a>" in html and "not yet published" not in html
    claim = ClaimFactory(text="Baghdad disputes the move.")
    suggestion_propose(briefing=kirkuk, claim=claim, text="Baghdad disputes it.")
    html, _ = view(client, kirkuk)
    assert "Review suggestions (1)" in html  # the pending count: suggestions move the version
    briefing_revise(briefing=kirkuk, editor=alice, body="The peshmerga hold the city.",
                    base_revision=kirkuk.draft_revision)
    html, _ = view(client, kirkuk)
    assert "The draft has changes not yet published" in html
    briefing_publish(briefing=Briefing.objects.get(pk=kirkuk.pk), reviewer=rita)
    html, _ = view(client, kirkuk)
    assert "hold the city." in html and "The draft has changes" not in html
    Briefing.objects.filter(pk=kirkuk.pk).update(summary="Who holds the city since June 2014.")
    html, _ = view(client, kirkuk)
    assert "Who holds the city since June 2014." in html


def test_a_changed_role_or_name_shows_on_the_next_view(kirkuk, alice):
    client = signed_in(alice)
    html, _ = view(client, kirkuk)
    assert "Edit draft" in html
    alice.groups.remove(Group.objects.get(name=EDITOR))
    html, _ = view(client, kirkuk)
    assert "Edit draft" not in html
    get_user_model().objects.filter(pk=alice.pk).update(username="alice.w")
    html, _ = view(client, kirkuk)
    assert "<span>alice.w</span>" in html


def test_a_password_changed_elsewhere_ends_the_kept_session(kirkuk, bob):
    client = signed_in(bob)
    view(client, kirkuk)
    view(client, kirkuk)  # the user now kept in this process
    user = get_user_model().objects.get(pk=bob.pk)
    user.set_password("a-new-long-password")
    user.save()
    assert client.get(kirkuk.get_absolute_url()).status_code == 404  # signed out: not for the public
    html = client.get("/").content.decode()
    assert "Log in" in html and "<span>bob</span>" not in html


def test_a_query_string_or_a_post_is_never_served_a_kept_page(kirkuk, bob):
    client = signed_in(bob)
    view(client, kirkuk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(kirkuk.get_absolute_url() + "?utm_source=digest")
    assert response.status_code == 200
    assert len(queries.captured_queries) > 1  # rendered, not served from the kept page


def test_a_repeat_view_does_not_read_the_user_again(kirkuk, bob):
    client = signed_in(bob)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any('FROM "auth_user" WHERE' in q["sql"] for q in queries.captured_queries)
