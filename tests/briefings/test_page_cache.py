"""Whole briefing pages kept per user under the versions of what they show (core/page_cache.py),
on PostgreSQL with committed writes (transactional tests): a repeat view costs one query, every
user gets their own page with a CSRF token that works, any committed change to what the page
shows (by a service, a bulk update, raw SQL or another user's session) shows on the next view,
and changes elsewhere in the wiki leave the kept page alone."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from briefings.models import Briefing, Subscription
from briefings.services import briefing_create, briefing_publish, briefing_revise, suggestion_propose
from core import auth
from core.page_cache import local_pages
from claims.models import Claim
from core.roles import EDITOR
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


def clear_process_caches():
    cache.clear()
    local_pages.clear()
    auth.users.clear()
    auth.memo.clear()


@pytest.fixture
def kirkuk(roles, rita, settings):
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
    assert len(sqls) == 1 and "core_page" in sqls[0] and "core_version" in sqls[0]


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
    assert "briefwiki-csrf-" not in first + second
    tokens = csrf_tokens(second)
    assert len(tokens) == 1 and tokens != csrf_tokens(first)  # masked anew per request
    response = client.post(f"/b/{kirkuk.slug}/watch/", {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert Subscription.objects.filter(user=bob, briefing=kirkuk).exists()


def test_the_csrf_token_is_filled_in_only_inside_the_csrf_input(roles, rita, bob):
    """A published body that spells a placeholder must not carry each reader's token off-site."""
    clear_process_caches()
    briefing = briefing_create(title="Kirkuk control", body="[a link](https://evil.example/?t=briefwiki-csrf-token-"
                               "placeholder) and briefwiki-csrf-token-placeholder")
    briefing_publish(briefing=briefing, reviewer=rita)
    client = signed_in(bob)
    for _ in range(2):  # rendered to be kept, then served from the kept page
        html, _ = view(client, briefing)
        token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
        assert html.count("briefwiki-csrf-token-placeholder") == 2
        assert len(csrf_tokens(html)) == 1
        assert token is None or token not in html.replace(csrf_tokens(html).pop(), "")
    clear_process_caches()


def test_a_wiki_link_to_an_unpublished_briefing_is_no_link_for_readers_until_it_is_published(
        roles, rita, alice, bob):
    clear_process_caches()
    secret = briefing_create(title="Secret Draft Plan", body="Not yet.")
    page = briefing_create(title="Kirkuk control", body="See [[Secret Draft Plan]] and [[Guessed Man]].")
    briefing_publish(briefing=page, reviewer=rita)
    ActorFactory(name="Guessed Man", slug="guessed-man", review_state="candidate")
    editor_html, _ = view(signed_in(alice), page)  # an editor renders first
    assert f'href="/b/{secret.slug}/"' in editor_html and 'href="/actors/guessed-man/"' in editor_html
    reader = signed_in(bob)
    for _ in range(2):
        html, _ = view(reader, page)
        assert f'href="/b/{secret.slug}/"' not in html and "/actors/guessed-man/" not in html
    briefing_publish(briefing=secret, reviewer=rita)
    html, _ = view(reader, page)
    assert f'href="/b/{secret.slug}/"' in html
    clear_process_caches()


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


# --- scoped: what the page shows, and only that, moves it ------------------------------------


@pytest.fixture
def wiki(roles, rita, alice, bob):
    """A page about the peshmerga citing a claim about Baghdad, with a dispute whose other side
    is about Erbil, a speaker who is no subject, and a wiki link to a page not written yet;
    beside it another briefing about Mosul with claims of its own."""
    from briefings.markup import cite_marker
    from claims.services import claims_relate

    clear_process_caches()
    peshmerga, baghdad, erbil = (ActorFactory(name=n, slug=n.lower()) for n in ("Peshmerga", "Baghdad", "Erbil"))
    kosrat = ActorFactory(name="Kak Kosrat", slug="kosrat")
    own = ClaimFactory(text="Peshmerga forces took control of Kirkuk.", speaker=kosrat)
    own.actors.add(peshmerga)
    cited = ClaimFactory(text="Baghdad calls the move illegal.")
    cited.actors.add(baghdad)
    rival = ClaimFactory(text="Erbil says the army fled first.")
    rival.actors.add(erbil)
    claims_relate(a=own, b=rival, kind="disputes")
    body = f"The peshmerga moved in {cite_marker(own.pk)}; Baghdad objected {cite_marker(cited.pk)}. See [[Mosul offensive]]."
    briefing = briefing_create(title="Kirkuk control", body=body, actors=[peshmerga])
    briefing_publish(briefing=briefing, reviewer=rita)
    mosul = ActorFactory(name="Mosul", slug="mosul")
    other = briefing_create(title="Mosul dam", body="The dam holds.", actors=[mosul])
    briefing_publish(briefing=other, reviewer=rita)
    yield {"briefing": briefing, "own": own, "cited": cited, "rival": rival, "kosrat": kosrat,
           "mosul": mosul, "other": other, "alice": alice, "bob": bob, "rita": rita, "client": signed_in(bob)}
    clear_process_caches()


def change_elsewhere(w, what: str) -> None:
    if what == "other_briefing_revised":
        other = Briefing.objects.get(pk=w["other"].pk)
        briefing_revise(briefing=other, editor=w["alice"], body="The dam holds, for now.", base_revision=other.draft_revision)
    elif what == "claim_about_other_subjects":
        claim = ClaimFactory(text="The dam is repaired.")
        claim.actors.add(w["mosul"])
    elif what == "another_users_watch":
        Subscription.objects.create(user=w["alice"], briefing=w["briefing"])
    elif what == "own_claim_of_other_briefing":
        claim = ClaimFactory(text="The dam is repaired.")
        claim.actors.add(w["mosul"])
        Claim.objects.filter(pk=claim.pk).update(text="The dam is repaired, engineers say.")


@pytest.mark.parametrize("what", ["other_briefing_revised", "claim_about_other_subjects", "another_users_watch",
                                  "own_claim_of_other_briefing"])
def test_a_change_elsewhere_leaves_the_kept_page_alone(wiki, what):
    first, _ = view(wiki["client"], wiki["briefing"])
    change_elsewhere(wiki, what)
    html, sqls = view(wiki["client"], wiki["briefing"])
    assert len(sqls) == 1 and "core_version" in sqls[0]  # served as kept
    assert html.count("Peshmerga forces took control of Kirkuk.") == first.count("Peshmerga forces took control of Kirkuk.")


def change_shown(w, what: str) -> str:
    """Makes a committed change to something the page shows; returns the text that shows it."""
    from django.db import connection as conn

    if what == "own_claim_bulk_update":
        Claim.objects.filter(pk=w["own"].pk).update(text="Peshmerga forces hold Kirkuk.")
        return "Peshmerga forces hold Kirkuk."
    if what == "own_claim_raw_sql":
        with conn.cursor() as cursor:
            cursor.execute("UPDATE claims_claim SET text = %s WHERE id = %s", ["Kirkuk is held.", w["own"].pk])
        return "Kirkuk is held."
    if what == "new_claim_about_the_subject":
        claim = ClaimFactory(text="Peshmerga dig in around Kirkuk.")
        claim.actors.add(*w["own"].actors.all())
        return "Peshmerga dig in around Kirkuk."
    if what == "cited_claim_on_another_subject":
        Claim.objects.filter(pk=w["cited"].pk).update(text="Baghdad calls the move a provocation.")
        return "Baghdad calls the move a provocation."
    if what == "disputes_other_side":
        Claim.objects.filter(pk=w["rival"].pk).update(text="Erbil says the army had already left.")
        return "Erbil says the army had already left."
    if what == "speaker_renamed":
        Actor.objects.filter(pk=w["kosrat"].pk).update(name="Kosrat Rasul")
        return "Kosrat Rasul"
    if what == "wiki_link_target_published":  # the reader sees published briefings only
        briefing_publish(briefing=briefing_create(title="Mosul offensive", body="Soon."), reviewer=w["rita"])
        return 'class="wiki" href="/b/mosul-offensive/"'
    if what == "new_citation_of_the_cited_claim":
        CitationFactory(claim=w["cited"], article=ArticleFactory(title="A first report"))
        return "A first report"
    raise AssertionError(what)


@pytest.mark.parametrize("what", ["own_claim_bulk_update", "own_claim_raw_sql", "new_claim_about_the_subject",
                                  "cited_claim_on_another_subject", "disputes_other_side", "speaker_renamed",
                                  "wiki_link_target_published", "new_citation_of_the_cited_claim"])
def test_a_change_to_what_the_page_shows_shows_at_once(wiki, what):
    view(wiki["client"], wiki["briefing"])
    _, sqls = view(wiki["client"], wiki["briefing"])
    assert len(sqls) == 1  # kept
    expected = change_shown(wiki, what)
    html, _ = view(wiki["client"], wiki["briefing"])
    assert expected in html


def test_a_role_granted_to_the_reader_shows_at_once(wiki):
    from core.roles import role_grant

    html, _ = view(wiki["client"], wiki["briefing"])
    assert "Edit draft" not in html
    role_grant(wiki["bob"], EDITOR)
    html, _ = view(wiki["client"], wiki["briefing"])
    assert "Edit draft" in html


def test_a_backlink_shows_its_sources_rename_but_not_its_drafts(wiki, rita):
    source = briefing_create(title="Oil exports", body="See [[Kirkuk control]].")
    briefing_publish(briefing=source, reviewer=rita)
    html, _ = view(wiki["client"], wiki["briefing"])
    assert ">Oil exports</a>" in html
    source = Briefing.objects.get(pk=source.pk)
    briefing_revise(briefing=source, editor=wiki["alice"], body="See [[Kirkuk control]] again.",
                    base_revision=source.draft_revision)
    _, sqls = view(wiki["client"], wiki["briefing"])
    assert len(sqls) == 1  # a draft of the source shows nowhere on this page
    Briefing.objects.filter(pk=source.pk).update(title="Oil exports from Kirkuk")
    html, _ = view(wiki["client"], wiki["briefing"])
    assert ">Oil exports from Kirkuk</a>" in html


# --- registrations: the one row a repeat view reads -----------------------------------------


def registrations() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, n FROM core_page")
        return dict(cursor.fetchall())


def test_readers_of_the_same_page_share_one_registration(kirkuk, bob):
    from core.roles import READER
    from tests.conftest import _user

    before = registrations()
    dana = _user("dana", READER)
    readers = [signed_in(bob), signed_in(dana)]
    for client in readers:
        view(client, kirkuk)
    assert len(set(registrations()) - set(before)) == 1
    for client, name in zip(readers, ("bob", "dana")):
        html, sqls = view(client, kirkuk)
        assert len(sqls) == 1 and f"<span>{name}</span>" in html  # each kept, each their own page


def _writing_around_registration(monkeypatch, write, *, before: bool) -> None:
    """Makes ``write`` commit just before (or just after) the next page registration."""
    from core import page_cache

    register = page_cache.page_register

    def racing(scopes, digest):
        if before:
            write()
        registered = register(scopes, digest)
        if not before:
            write()
        return registered

    monkeypatch.setattr(page_cache, "page_register", racing)


@pytest.mark.parametrize("before", [True, False], ids=["before_registering", "after_registering"])
def test_a_write_committed_after_the_snapshot_shows_on_the_next_view(kirkuk, bob, monkeypatch, before):
    client = signed_in(bob)
    claim = Claim.objects.get(text="Peshmerga forces took control of Kirkuk.")
    _writing_around_registration(
        monkeypatch, lambda: Claim.objects.filter(pk=claim.pk).update(text="Peshmerga forces hold Kirkuk."),
        before=before,
    )
    html, _ = view(client, kirkuk)
    assert "Peshmerga forces took control of Kirkuk." in html  # rendered in the snapshot before the write
    monkeypatch.undo()
    html, _ = view(client, kirkuk)
    assert "Peshmerga forces hold Kirkuk." in html


def test_an_expired_registration_renders_and_registers_again(kirkuk, bob):
    from core.tasks import expire_page_registrations

    client = signed_in(bob)
    view(client, kirkuk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_page SET used_at = now() - interval '2 hours'")
    assert expire_page_registrations() >= 1
    assert registrations() == {}
    html, sqls = view(client, kirkuk)
    assert len(sqls) > 1 and "Peshmerga forces took control of Kirkuk." in html  # rendered again
    assert registrations()
    _, sqls = view(client, kirkuk)
    assert len(sqls) == 1


def test_a_registration_in_use_is_kept_by_the_expiry(kirkuk, bob):
    from core.tasks import expire_page_registrations

    client = signed_in(bob)
    view(client, kirkuk)
    expire_page_registrations()
    _, sqls = view(client, kirkuk)
    assert len(sqls) == 1
