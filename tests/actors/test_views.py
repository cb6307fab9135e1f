"""Actor and region pages, the catalogue lists, and the candidate review queue."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor, ReviewState
from actors.services import actor_ensure, candidate_accept, candidate_propose, region_ensure
from briefings.services import briefing_publish
from claims.services import claim_set_status
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    OutletFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def iraq_kirkuk():
    iraq, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    governorate, _ = region_ensure(slug="kirkuk-governorate", name="Kirkuk Governorate", kind="province", parent=iraq)
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", parent=governorate, aliases=["Karkuk"])
    return iraq, governorate, kirkuk


@pytest.fixture
def kdp():
    return actor_ensure(slug="kdp", name="Kurdistan Democratic Party", kind="organisation", aliases=["KDP"])[0]


@pytest.fixture
def barzani(kdp):
    return actor_ensure(
        slug="masoud-barzani", name="Masoud Barzani", kind="person", parent=kdp, aliases=["Mas'ud Barzani"]
    )[0]


def _claim(speaker=None, about=(), regions=(), outlet=None, **kwargs):
    citation = CitationFactory(claim__speaker=speaker, article__outlet=outlet or OutletFactory(), **kwargs)
    citation.claim.actors.add(*about)
    citation.claim.regions.add(*regions)
    return citation.claim


# --- actor page --------------------------------------------------------------------------------


def test_actor_page_shows_claims_as_speaker_and_subject_with_status_outlet_and_links(client, bob, alice, barzani, kdp):
    reuters = OutletFactory(name="Reuters")
    spoken = _claim(speaker=barzani, outlet=reuters, claim__text="Peshmerga will stay in the city.")
    about = _claim(speaker=ActorFactory(name="Haider al-Abadi"), about=[barzani], claim__text="Barzani must withdraw.")
    claim_set_status(claim=about, status="disputed", reason="Contradicted by the KDP", user=alice)
    client.force_login(bob)
    body = client.get(barzani.get_absolute_url()).content.decode()
    spoken_part, about_part = body.split('id="spoken"')[1].split('id="about"')
    assert spoken.get_absolute_url() in spoken_part and "Reuters" in spoken_part and "Reported" in spoken_part
    assert about.get_absolute_url() in about_part and "Disputed" in about_part and "Haider al-Abadi" in about_part
    assert "Mas&#x27;ud Barzani" in body  # aliases, escaped
    assert kdp.get_absolute_url() in body and "Part of" in body


def test_actor_page_lists_only_briefings_the_visitor_may_read(client, bob, alice, rita, barzani):
    published = BriefingFactory(title="Kirkuk control", actors=[barzani])
    briefing_publish(briefing=published, reviewer=rita)
    BriefingFactory(title="Secret draft", actors=[barzani])
    client.force_login(bob)
    body = client.get(barzani.get_absolute_url()).content.decode()
    assert "Kirkuk control" in body and "Secret draft" not in body
    client.force_login(alice)
    assert "Secret draft" in client.get(barzani.get_absolute_url()).content.decode()


def test_actor_claims_are_paginated_per_list(client, bob, barzani, monkeypatch):
    monkeypatch.setattr("actors.views.CLAIMS_PER_PAGE", 3)
    claims = [_claim(speaker=barzani, claim__text=f"Statement number {i}.") for i in range(7)]
    client.force_login(bob)
    first = client.get(barzani.get_absolute_url()).content.decode()
    assert "page 1 of 3" in first and "spoken=2" in first
    third = client.get(barzani.get_absolute_url() + "?spoken=3").content.decode()
    assert third.count("Statement number") == 1
    assert claims[0].text in third  # the oldest is last


def test_readers_do_not_see_candidates_editors_do(client, bob, alice):
    candidate, _ = candidate_propose(target="actor", name="Abu Example", kind="person")
    client.force_login(bob)
    assert client.get(candidate.get_absolute_url()).status_code == 404
    assert "Abu Example" not in client.get(reverse("actors:actor-list")).content.decode()
    client.force_login(alice)
    response = client.get(candidate.get_absolute_url())
    assert response.status_code == 200 and "waiting for an editor" in response.content.decode()
    assert 'value="merge"' in response.content.decode()


def test_a_merged_actors_old_address_leads_to_the_actor_it_was_merged_into(client, bob, alice, barzani):
    from actors.services import candidate_merge

    candidate, _ = candidate_propose(target="actor", name="Massoud Barzani", kind="person")
    candidate_merge(entry=candidate, into=barzani, editor=alice)
    client.force_login(bob)
    response = client.get(candidate.get_absolute_url())
    assert response.status_code == 302 and response.url == barzani.get_absolute_url()


@pytest.mark.parametrize("who", ["bob", "alice", "rita", "ada"])
def test_every_member_reads_actor_and_region_pages(client, cast, who, barzani, iraq_kirkuk):
    client.force_login(cast[who])
    for url in [
        reverse("actors:actor-list"),
        reverse("actors:region-list"),
        barzani.get_absolute_url(),
        iraq_kirkuk[2].get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in(client, barzani, iraq_kirkuk):
    for url in [reverse("actors:actor-list"), reverse("actors:region-list"), barzani.get_absolute_url(),
                iraq_kirkuk[2].get_absolute_url(), reverse("actors:candidate-list")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def _queries(client, url) -> int:
    client.get(url)  # warm caches (content types, permissions, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_actor_page_query_count_does_not_grow_with_claims(client, bob, barzani, monkeypatch):
    monkeypatch.setattr("actors.views.CLAIMS_PER_PAGE", 100)
    client.force_login(bob)

    def add(n):
        for _ in range(n):
            claim = _claim(speaker=barzani, about=[barzani])
            CitationFactory(claim=claim)  # a second citation, another outlet
            barzani.members.add(ActorFactory())
            BriefingFactory(actors=[barzani])

    add(5)
    few = _queries(client, barzani.get_absolute_url())
    add(45)
    many = _queries(client, barzani.get_absolute_url())
    body = client.get(barzani.get_absolute_url()).content.decode()
    assert len(re.findall(r'href="/claims/\d+/"', body)) == 100  # 50 as speaker, 50 as subject
    assert many == few


# --- region page -------------------------------------------------------------------------------


def test_region_page_shows_parent_chain_children_claims_and_briefings(client, bob, rita, iraq_kirkuk, barzani):
    iraq, governorate, kirkuk = iraq_kirkuk
    citadel, _ = region_ensure(slug="kirkuk-citadel", name="Kirkuk Citadel", kind="area", parent=kirkuk)
    claim = _claim(speaker=barzani, regions=[kirkuk], claim__text="The road to the citadel reopened.")
    briefing = BriefingFactory(title="Kirkuk control", regions=[kirkuk])
    briefing_publish(briefing=briefing, reviewer=rita)
    client.force_login(bob)
    body = client.get(kirkuk.get_absolute_url()).content.decode()
    crumbs = body.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert crumbs.index("Iraq") < crumbs.index("Kirkuk Governorate") and crumbs.rstrip().endswith("› Kirkuk")
    assert iraq.get_absolute_url() in crumbs and governorate.get_absolute_url() in crumbs
    assert citadel.get_absolute_url() in body and "Karkuk" in body
    assert claim.get_absolute_url() in body and briefing.get_absolute_url() in body


def test_region_page_query_count_does_not_grow_with_claims_or_children(client, bob, iraq_kirkuk, monkeypatch):
    monkeypatch.setattr("actors.views.CLAIMS_PER_PAGE", 100)
    kirkuk = iraq_kirkuk[2]
    client.force_login(bob)

    def add(n):
        for _ in range(n):
            _claim(speaker=ActorFactory(), regions=[kirkuk])
            RegionFactory(parent=kirkuk)

    add(5)
    few = _queries(client, kirkuk.get_absolute_url())
    add(45)
    many = _queries(client, kirkuk.get_absolute_url())
    assert many == few


# --- lists -------------------------------------------------------------------------------------


def test_actor_list_filters_by_kind_and_alias(client, bob, barzani, kdp):
    ActorFactory(name="Iran", kind="state")
    client.force_login(bob)
    body = client.get(reverse("actors:actor-list"), {"kind": "organisation"}).content.decode()
    assert "Kurdistan Democratic Party" in body and "Masoud Barzani" not in body and "Iran" not in body
    body = client.get(reverse("actors:actor-list"), {"q": "Mas'ud"}).content.decode()
    assert "Masoud Barzani" in body and f'{kdp.get_absolute_url()}">' not in body
    assert 'name="review_state"' not in body  # readers only ever see the catalogue


def test_actor_list_query_count_does_not_grow_with_rows(client, bob):
    client.force_login(bob)
    parent = ActorFactory()
    ActorFactory.create_batch(5, parent=parent)
    few = _queries(client, reverse("actors:actor-list"))
    ActorFactory.create_batch(44, parent=parent)
    many = _queries(client, reverse("actors:actor-list"))
    assert many == few


def test_region_list_filters_within_a_region(client, bob, iraq_kirkuk):
    region_ensure(slug="tehran", name="Tehran", kind="city")
    client.force_login(bob)
    body = client.get(reverse("actors:region-list"), {"within": "iraq"}).content.decode()
    assert "Kirkuk Governorate" in body and "Tehran" not in body


# --- candidates --------------------------------------------------------------------------------


@pytest.fixture
def abu():
    candidate, _ = candidate_propose(target="actor", name="Abu Example", kind="person")
    article = ArticleFactory(text="Officials said Abu Example was seen near the <citadel> on Monday.")
    MentionFactory(article=article, start=15, end=26, text="Abu Example", actor=candidate)
    return candidate


def test_candidate_queue_is_for_editors(client, bob, charlie, abu):
    review = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    for reader in (bob, charlie):
        client.force_login(reader)
        response = client.get(reverse("actors:candidate-list"))
        assert response.status_code == 403
        assert "for editors" in response.content.decode()
        assert client.post(review, {"action": "accept"}).status_code == 403
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.CANDIDATE


def test_candidate_queue_lists_candidates_with_mention_counts_and_examples(client, alice, abu, iraq_kirkuk):
    region, _ = candidate_propose(target="region", name="Somewhere Valley", kind="area")
    client.force_login(alice)
    body = client.get(reverse("actors:candidate-list")).content.decode()
    actors_part, regions_part = body.split('id="candidate-regions"')
    assert "Abu Example" in actors_part and "1 mention" in actors_part
    assert "<mark>Abu Example</mark> was seen near the &lt;citadel&gt;" in actors_part
    assert "Somewhere Valley" in regions_part
    assert '<option value="kirkuk">Kirkuk</option>' in body  # merge targets for regions


def test_editor_accepts_a_candidate(client, alice, abu):
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    response = client.post(url, {"action": "accept"}, follow=True)
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.ACCEPTED
    assert "is in the catalogue now" in response.content.decode()


def test_editor_accepts_a_candidate_with_its_kind_and_parent(client, alice, iraq_kirkuk):
    governorate = iraq_kirkuk[1]
    hawija, _ = candidate_propose(target="region", name="Hawija", kind="area")
    client.force_login(alice)
    body = client.get(reverse("actors:candidate-list")).content.decode()
    assert 'name="kind"' in body and 'name="parent"' in body
    url = reverse("actors:candidate-review", kwargs={"target": "region", "pk": hawija.pk})
    client.post(url, {"action": "accept", "kind": "city", "parent": "Kirkuk Governorate"})
    hawija.refresh_from_db()
    assert (hawija.review_state, hawija.kind, hawija.parent) == (ReviewState.ACCEPTED, "city", governorate)


def test_accepting_with_a_parent_not_in_the_catalogue_is_refused_with_a_message(client, alice, abu):
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    body = client.post(url, {"action": "accept", "kind": "person", "parent": "Nobody Known"}, follow=True)
    assert "Not in the catalogue: Nobody Known" in body.content.decode()
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.CANDIDATE


def test_reject_looks_different_from_accept(client, alice, abu):
    client.force_login(alice)
    body = client.get(reverse("actors:candidate-list")).content.decode()
    accept = re.search(r'<button[^>]*value="accept"[^>]*>', body).group(0)
    reject = re.search(r'<button[^>]*value="reject"[^>]*>', body).group(0)
    assert 'class="danger"' in reject and "danger" not in accept


def test_editor_rejects_a_candidate(client, alice, abu):
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    client.post(url, {"action": "reject"})
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.REJECTED


def test_editor_merges_a_candidate_into_an_existing_actor_by_slug_or_name(client, alice, abu, barzani):
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    mention = abu.mentions.get()
    response = client.post(url, {"action": "merge", "into": "masoud barzani", "next": barzani.get_absolute_url()})
    assert response.status_code == 302 and response.url == barzani.get_absolute_url()
    abu.refresh_from_db(), mention.refresh_from_db()
    assert abu.review_state == ReviewState.MERGED and abu.merged_into == barzani
    assert mention.actor == barzani
    assert "Abu Example" in set(barzani.aliases.values_list("name", flat=True))


def test_merge_into_an_unknown_or_candidate_target_is_refused_with_a_message(client, alice, abu):
    other, _ = candidate_propose(target="actor", name="Another Guess", kind="person")
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    for into in ("nobody-by-this-name", other.slug, ""):
        body = client.post(url, {"action": "merge", "into": into}, follow=True).content.decode()
        assert "No accepted actor is called" in body or "Choose the entry" in body
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.CANDIDATE


def test_reviewing_a_candidate_someone_else_already_reviewed_says_so(client, alice, rita, abu):
    candidate_accept(entry=abu, editor=rita)
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    body = client.post(url, {"action": "reject"}, follow=True).content.decode()
    assert "is not a candidate" in body
    abu.refresh_from_db()
    assert abu.review_state == ReviewState.ACCEPTED


def test_review_refuses_get_and_an_offsite_next(client, alice, abu):
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "actor", "pk": abu.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, {"action": "accept", "next": "https://evil.example/"})
    assert response.url == reverse("actors:candidate-list")


def test_candidate_queue_query_count_does_not_grow_with_candidates(client, alice):
    client.force_login(alice)

    def add(n, start):
        for i in range(start, start + n):
            candidate, _ = candidate_propose(target="actor", name=f"Guess {i}", kind="person")
            for j in range(4):
                MentionFactory(actor=candidate, article=ArticleFactory(text=f"Officials in Kirkuk met ({i}, {j})."))
            candidate_propose(target="region", name=f"Place {i}", kind="area")
            ActorFactory()

    add(5, 0)
    few = _queries(client, reverse("actors:candidate-list"))
    add(45, 5)
    many = _queries(client, reverse("actors:candidate-list"))
    assert Actor.objects.candidates().count() == 50
    assert many == few


def test_lists_shrug_off_bad_filter_and_page_values(client, bob, barzani):
    client.force_login(bob)
    for url in (reverse("actors:actor-list"), reverse("actors:region-list")):
        response = client.get(url, {"kind": "bogus", "page": "abc"})
        assert response.status_code == 200
    assert 'href="?kind=organisation"' in client.get(reverse("actors:actor-list")).content.decode()


def test_editor_merges_a_candidate_region_into_an_existing_region(client, alice, iraq_kirkuk):
    kirkuk = iraq_kirkuk[2]
    candidate, _ = candidate_propose(target="region", name="Kerkuk", kind="city")
    client.force_login(alice)
    url = reverse("actors:candidate-review", kwargs={"target": "region", "pk": candidate.pk})
    client.post(url, {"action": "merge", "into": "kirkuk"})
    candidate.refresh_from_db()
    assert candidate.review_state == ReviewState.MERGED and candidate.merged_into == kirkuk
    assert "Kerkuk" in set(kirkuk.aliases.values_list("name", flat=True))
