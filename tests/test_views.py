"""Every page renders for the roles that may see it and refuses the others clearly."""
import pytest
from django.contrib import admin
from django.urls import reverse

from briefings.services import briefing_publish
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    OutletFactory,
    RegionFactory,
    SubscriptionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wiki(rita):
    published = BriefingFactory(title="Kirkuk control", body="Peshmerga hold the city.")
    briefing_publish(briefing=published, reviewer=rita)
    draft_only = BriefingFactory(title="Unpublished question")
    citation = CitationFactory()
    mention = MentionFactory()
    return {
        "published": published,
        "draft_only": draft_only,
        "citation": citation,
        "mention": mention,
        "suggestion": SuggestionFactory(briefing=published),
        "actor": ActorFactory(name="Masoud Barzani"),
        "region": RegionFactory(name="Kirkuk"),
        "outlet": OutletFactory(name="Reuters"),
        "article": ArticleFactory(),
    }


def pages(wiki):
    return {
        "home": reverse("briefings:list"),
        "briefing": wiki["published"].get_absolute_url(),
        "revision": wiki["published"].published_revision.get_absolute_url(),
        "claim": wiki["citation"].claim.get_absolute_url(),
        "actors": reverse("actors:actor-list"),
        "actor": wiki["actor"].get_absolute_url(),
        "region": wiki["region"].get_absolute_url(),
        "articles": reverse("sources:article-list"),
        "article": wiki["mention"].article.get_absolute_url(),
        "outlet": wiki["outlet"].get_absolute_url(),
        "watches": reverse("briefings:watches"),
    }


@pytest.mark.parametrize("who", ["bob", "alice", "rita", "ada"])
def test_members_see_every_reading_page(client, cast, wiki, who):
    client.force_login(cast[who])
    for name, url in pages(wiki).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)


def test_anonymous_visitors_are_sent_to_log_in(client, wiki):
    for name, url in pages(wiki).items():
        if name == "home":
            continue
        response = client.get(url)
        assert response.status_code in (302, 404), (name, response.status_code)
        if response.status_code == 302:
            assert response.url.startswith(reverse("login"))


def test_published_briefings_can_be_made_public(client, wiki, settings):
    settings.BRIEFWIKI_PUBLIC_BRIEFINGS = True
    assert client.get(wiki["published"].get_absolute_url()).status_code == 200
    assert client.get(wiki["draft_only"].get_absolute_url()).status_code == 404


def test_readers_do_not_see_unpublished_briefings_or_drafts(client, bob, alice, wiki):
    client.force_login(bob)
    assert client.get(wiki["draft_only"].get_absolute_url()).status_code == 404
    assert "Unpublished question" not in client.get(reverse("briefings:list")).content.decode()
    client.force_login(alice)
    assert client.get(wiki["draft_only"].get_absolute_url()).status_code == 200


def test_reader_asking_for_the_review_page_gets_a_clear_403(client, bob, wiki):
    client.force_login(bob)
    response = client.get(reverse("briefings:review", kwargs={"slug": wiki["published"].slug}))
    assert response.status_code == 403
    assert "Reviewing suggestions is for editors" in response.content.decode()


def test_editor_sees_pending_suggestions(client, alice, wiki):
    client.force_login(alice)
    response = client.get(wiki["suggestion"].get_absolute_url().split("#")[0])
    assert response.status_code == 200 and wiki["suggestion"].text in response.content.decode()


def test_watches_page_shows_only_the_users_own_watches(client, bob, charlie, wiki):
    SubscriptionFactory(user=bob, briefing=wiki["published"])
    SubscriptionFactory(user=charlie, briefing=wiki["draft_only"])
    client.force_login(bob)
    body = client.get(reverse("briefings:watches")).content.decode()
    assert "Kirkuk control" in body and "Unpublished question" not in body


def test_login_page_and_password_change_work(client, bob):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "bob", "password": "correct horse battery staple"})
    assert response.status_code == 302
    response = client.post(
        reverse("password_change"),
        {"old_password": "correct horse battery staple", "new_password1": "an0ther Long phrase", "new_password2": "an0ther Long phrase"},
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password("an0ther Long phrase")


def test_briefing_page_query_count_does_not_grow_with_backlinks_and_subjects(client, bob, rita, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from briefings.services import briefing_create

    target = BriefingFactory(title="Target", actors=[ActorFactory()], regions=[RegionFactory()])
    briefing_publish(briefing=target, reviewer=rita)

    def add_backlinks(n, start):
        for i in range(start, start + n):
            source = briefing_create(title=f"Source {i}", body="See [[Target]].")
            briefing_publish(briefing=source, reviewer=rita)

    add_backlinks(1, 0)
    client.force_login(bob)
    url = target.get_absolute_url()
    client.get(url)
    cache.clear()  # compare renders of the page, not a render with a cache hit
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    add_backlinks(15, 1)
    target.subject_actors.add(*[ActorFactory() for _ in range(10)])
    target.subject_regions.add(*[RegionFactory() for _ in range(10)])
    cache.clear()
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get(url)
    assert response.content.decode().count("Source ") == 16
    assert len(many_rows) == len(one_row)


@pytest.mark.parametrize("model_admin", list(admin.site._registry.values()), ids=lambda ma: ma.model.__name__)
def test_admin_pages_render_for_every_model(client, ada, wiki, model_admin):
    ada.is_staff = ada.is_superuser = True
    ada.save()
    client.force_login(ada)
    meta = model_admin.model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "Kirkuk"}).status_code == 200
    obj = model_admin.model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200
