"""The claim page: citations, related claims, status history; editors change the status with a
reason."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from claims.services import claims_relate
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convoy():
    officials = ClaimFactory(text="Militants attacked the convoy and 10 prisoners died.", numbers=[{"value": 10}])
    CitationFactory(claim=officials, article=ArticleFactory(title="Convoy attacked"), quote="Officials in Kirkuk")
    reuters = ClaimFactory(text="Police killed all 69 prisoners.")
    CitationFactory(claim=reuters, quote="Officials in Kirkuk")
    claims_relate(a=officials, b=reuters, kind="disputes", note="10 against 69")
    return officials, reuters


def test_the_page_shows_citations_the_dispute_and_figures(client, bob, convoy):
    officials, reuters = convoy
    client.force_login(bob)
    html = client.get(officials.get_absolute_url()).content.decode()
    assert "Convoy attacked" in html and "Officials in Kirkuk" in html
    assert "Disputes" in html and reuters.get_absolute_url() in html and "10 against 69" in html
    assert '<span class="figure">10</span>' in html
    assert "Change status" not in html  # readers read
    other = client.get(reuters.get_absolute_url()).content.decode()
    assert officials.get_absolute_url() in other  # the relation shows from both sides


def test_an_editor_changes_the_status_with_a_reason(client, alice, convoy):
    officials, _ = convoy
    client.force_login(alice)
    url = reverse("claims:status", args=[officials.pk])
    response = client.post(url, {"status": "retracted", "reason": ""}, follow=True)
    assert "Say why" in response.content.decode()
    officials.refresh_from_db()
    assert officials.status != Claim.Status.RETRACTED
    response = client.post(url, {"status": "retracted", "reason": "The ministry withdrew it."}, follow=True)
    html = response.content.decode()
    officials.refresh_from_db()
    assert officials.status == Claim.Status.RETRACTED
    assert "The ministry withdrew it." in html and "alice" in html


def test_a_reader_cannot_change_a_status(client, bob, convoy):
    officials, _ = convoy
    client.force_login(bob)
    response = client.post(reverse("claims:status", args=[officials.pk]),
                           {"status": "retracted", "reason": "I disagree."})
    assert response.status_code == 403
    officials.refresh_from_db()
    assert officials.status != Claim.Status.RETRACTED


def test_query_count_does_not_grow_with_citations_and_relations(client, bob, convoy):
    officials, _ = convoy
    client.force_login(bob)
    client.get(officials.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(officials.get_absolute_url())
    for n in range(20):
        CitationFactory(claim=officials, article=ArticleFactory(title=f"Report {n}"), quote="Officials in Kirkuk")
        claims_relate(a=officials, b=ClaimFactory(text=f"Another account {n}."), kind="corroborates")
    with CaptureQueriesContext(connection) as many:
        html = client.get(officials.get_absolute_url()).content.decode()
    assert html.count("Corroborates") == 20 and "Report 19" in html
    assert len(many) == len(few)


# --- corrections --------------------------------------------------------------------------------

@pytest.fixture
def wrong_speaker():
    """The extractor's reading, unsure: Barzani said it (the article says an adviser to Maliki did)."""
    from actors.services import actor_ensure, region_ensure

    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city")
    barzani, _ = actor_ensure(slug="masoud-barzani", name="Masoud Barzani", kind="person")
    actor_ensure(slug="nouri-al-maliki", name="Nouri al-Maliki", kind="person")
    claim = ClaimFactory(text="Kurds would not leave Kirkuk", speaker=barzani, confidence=0.3)
    claim.regions.add(kirkuk)
    CitationFactory(claim=claim, article=ArticleFactory(title="Kirkuk talks"), quote="Officials in Kirkuk")
    return claim


def test_the_claim_page_offers_editors_the_correction_form(client, alice, bob, wrong_speaker):
    client.force_login(alice)
    html = client.get(wrong_speaker.get_absolute_url()).content.decode()
    assert "Save correction" in html and '<datalist id="actor-names">' in html and "Nouri al-Maliki" in html
    assert "unsure: check the speaker" in html and "Mark not a claim" in html
    client.force_login(bob)
    html = client.get(wrong_speaker.get_absolute_url()).content.decode()
    assert "Save correction" not in html and "Kirkuk talks" in html


def test_an_editor_corrects_the_speaker_to_a_description_and_sees_the_history(client, alice, wrong_speaker):
    client.force_login(alice)
    response = client.post(reverse("claims:correct", args=[wrong_speaker.pk]), {
        "speaker": "a senior adviser to Prime Minister Nouri al-Maliki", "reason": "The article names the adviser.",
    }, follow=True)
    html = response.content.decode()
    wrong_speaker.refresh_from_db()
    assert wrong_speaker.speaker is None
    assert wrong_speaker.speaker_text == "a senior adviser to Prime Minister Nouri al-Maliki"
    assert "A senior adviser to Prime Minister Nouri al-Maliki said Kurds would not leave Kirkuk." in html
    assert "The article names the adviser." in html and "alice" in html  # the correction history


def test_an_editor_picks_an_actor_from_the_catalogue(client, alice, wrong_speaker):
    client.force_login(alice)
    client.post(reverse("claims:correct", args=[wrong_speaker.pk]), {"speaker": "Nouri al-Maliki", "reason": "x"})
    wrong_speaker.refresh_from_db()
    assert wrong_speaker.speaker.slug == "nouri-al-maliki" and wrong_speaker.corrected == ["speaker"]


def test_a_correction_returns_to_the_review_page_it_came_from(client, alice, wrong_speaker):
    client.force_login(alice)
    back = "/b/kirkuk-control/review/#suggestion-1"
    response = client.post(reverse("claims:correct", args=[wrong_speaker.pk]),
                           {"polarity": "denied", "reason": "a denial", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(reverse("claims:correct", args=[wrong_speaker.pk]),
                           {"quoted": "quoted", "reason": "x", "next": "https://evil.example.org/"})
    assert response["Location"] == wrong_speaker.get_absolute_url()


@pytest.mark.parametrize("name", ["claims:correct", "claims:not-claim", "claims:merge", "claims:relate"])
def test_readers_cannot_correct(client, bob, wrong_speaker, name):
    client.force_login(bob)
    response = client.post(reverse(name, args=[wrong_speaker.pk]), {"speaker": "x", "reason": "x", "target": 1,
                                                                     "other": 1, "kind": "disputes", "note": "x"})
    assert response.status_code == 403
    wrong_speaker.refresh_from_db()
    assert wrong_speaker.speaker.slug == "masoud-barzani" and not wrong_speaker.hidden


def test_a_claim_marked_not_a_claim_leaves_actor_and_region_pages(client, alice, bob, wrong_speaker):
    client.force_login(bob)
    actor_url, region_url = reverse("actors:actor-detail", args=["masoud-barzani"]), \
        reverse("actors:region-detail", args=["kirkuk"])
    assert "Kurds would not leave Kirkuk" in client.get(actor_url).content.decode()
    client.force_login(alice)
    client.post(reverse("claims:not-claim", args=[wrong_speaker.pk]), {"reason": "A headline, not a statement."})
    for user in (alice, bob):
        client.force_login(user)
        assert "Kurds would not leave Kirkuk" not in client.get(actor_url).content.decode()
        assert "Kurds would not leave Kirkuk" not in client.get(region_url).content.decode()
    client.force_login(alice)
    html = client.get(wrong_speaker.get_absolute_url()).content.decode()
    assert "not a claim" in html and "A headline, not a statement." in html  # an editor sees why
    client.force_login(bob)
    assert client.get(wrong_speaker.get_absolute_url()).status_code == 403


def test_merging_from_the_page_sends_readers_to_the_kept_claim(client, alice, bob, wrong_speaker):
    keep = ClaimFactory(text="Kurds will not leave Kirkuk")
    client.force_login(alice)
    response = client.post(reverse("claims:merge", args=[wrong_speaker.pk]), {"target": keep.pk, "reason": "same"})
    assert response["Location"] == keep.get_absolute_url()
    assert "Kirkuk talks" in client.get(keep.get_absolute_url()).content.decode()  # the citation moved
    client.force_login(bob)
    assert client.get(wrong_speaker.get_absolute_url())["Location"] == keep.get_absolute_url()


def test_linking_and_unlinking_by_hand(client, alice, wrong_speaker):
    other = ClaimFactory(text="Kurds would leave Kirkuk")
    client.force_login(alice)
    client.post(reverse("claims:relate", args=[wrong_speaker.pk]),
                {"other": other.pk, "kind": "disputes", "note": "Opposite accounts"})
    html = client.get(wrong_speaker.get_absolute_url()).content.decode()
    assert "Opposite accounts" in html and "Unlink" in html
    from claims.models import ClaimRelation

    relation = ClaimRelation.objects.get()
    client.post(reverse("claims:unrelate", args=[wrong_speaker.pk, relation.pk]), {"reason": "Different days."})
    assert not ClaimRelation.objects.exists()
    assert "Different days." in client.get(wrong_speaker.get_absolute_url()).content.decode()


def test_a_claim_marked_not_a_claim_leaves_the_briefing_page(client, alice, rita, bob, wrong_speaker):
    from actors.models import Region
    from briefings.services import briefing_create, briefing_publish

    briefing = briefing_create(title="Kirkuk control", body=f"Talks went on. [^c{wrong_speaker.pk}]",
                               regions=[Region.objects.get(slug="kirkuk")])
    briefing_publish(briefing=briefing, reviewer=rita)
    client.force_login(bob)
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "Masoud Barzani said Kurds would not leave Kirkuk." in html
    client.force_login(alice)
    client.post(reverse("claims:not-claim", args=[wrong_speaker.pk]), {"reason": "Not a statement."})
    client.force_login(bob)
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "Kurds would not leave Kirkuk" not in html and "marked not a claim" in html
