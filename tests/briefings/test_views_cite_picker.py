"""The editor's "Cite a claim" picker: claims found by words of the claim, its speaker or its
outlet, about the briefing by default, each with the marker that cites it."""
import datetime as dt

import pytest
from django.urls import reverse

from briefings.markup import cite_marker
from briefings.services import briefing_publish, briefing_question_set
from claims.models import Claim
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def kirkuk(db):
    return RegionFactory(name="Kirkuk")


@pytest.fixture
def briefing(db, kirkuk, alice):
    briefing = BriefingFactory(title="Kirkuk control", body="Kirkuk is disputed.\n")
    briefing_question_set(briefing=briefing, editor=alice, question="free", region=None, target=None,
                          actors=[], regions=[kirkuk])
    return briefing


def picker_url(briefing, **params):
    from urllib.parse import urlencode

    return reverse("briefings:cite-claims", args=[briefing.slug]) + ("?" + urlencode(params) if params else "")


def about(region, **kwargs) -> Claim:
    claim = ClaimFactory(**kwargs)
    claim.regions.add(region)
    return claim


def test_a_word_of_the_claim_finds_it_with_its_marker(client, alice, briefing, kirkuk):
    found = about(kirkuk, text="The peshmerga took the oil fields.")
    about(kirkuk, text="Baghdad objected.")
    client.force_login(alice)
    html = client.get(picker_url(briefing, q="peshmerga"), **FETCH).content.decode()
    assert "The peshmerga took the oil fields" in html and "Baghdad objected" not in html
    assert cite_marker(found.pk) in html
    assert f'data-marker="{cite_marker(found.pk)}"' in html  # the Insert button


def test_words_match_across_text_speaker_and_outlet(client, alice, briefing, kirkuk):
    barzani = ActorFactory(name="Masoud Barzani")
    wanted = about(kirkuk, text="Kurds will not leave Kirkuk.", speaker=barzani)
    CitationFactory(claim=wanted, article=ArticleFactory(outlet=OutletFactory(name="Rudaw")))
    about(kirkuk, text="Kurds will stay in Erbil.", speaker=barzani)
    unnamed = about(kirkuk, text="The road is closed.", speaker=None, speaker_text="a senior adviser")
    relayed = about(kirkuk, text="Talks resumed.", relayed_by=OutletFactory(name="Agence France-Presse"))
    client.force_login(alice)

    def found(q):
        return client.get(picker_url(briefing, q=q), **FETCH).content.decode()

    html = found("barzani leave")
    assert "Kurds will not leave Kirkuk" in html and "Erbil" not in html
    assert "Kurds will not leave Kirkuk" in found("rudaw kurds") and "Erbil" not in found("rudaw kurds")
    assert cite_marker(unnamed.pk) in found("adviser")
    assert cite_marker(relayed.pk) in found("france-presse")


def test_claims_about_the_briefing_by_default_all_on_request(client, alice, briefing, kirkuk):
    mine = about(kirkuk, text="Kirkuk oil flows again.")
    elsewhere = ClaimFactory(text="Mosul oil flows again.")
    client.force_login(alice)
    html = client.get(picker_url(briefing, q="oil"), **FETCH).content.decode()
    assert cite_marker(mine.pk) in html and cite_marker(elsewhere.pk) not in html
    html = client.get(picker_url(briefing, q="oil", scope="all"), **FETCH).content.decode()
    assert cite_marker(mine.pk) in html and cite_marker(elsewhere.pk) in html


def test_places_within_a_control_question_count_as_about_it(client, alice, kirkuk):
    hawija = RegionFactory(name="Hawija", parent=kirkuk)
    briefing = BriefingFactory(title="Who holds Kirkuk", body="Text.\n")
    briefing_question_set(briefing=briefing, editor=alice, question="control", region=kirkuk, target=None,
                          actors=[], regions=[])
    claim = about(hawija, text="Hawija fell.")
    client.force_login(alice)
    assert cite_marker(claim.pk) in client.get(picker_url(briefing), **FETCH).content.decode()


def test_a_briefing_without_subjects_says_where_to_give_it_some(client, alice):
    bare = BriefingFactory(title="New page", body="Text.\n")
    ClaimFactory(text="Anything at all.")
    client.force_login(alice)
    html = client.get(picker_url(bare), **FETCH).content.decode()
    assert "No claims about this briefing" in html and reverse("briefings:question", args=[bare.slug]) in html
    assert "Anything at all" in client.get(picker_url(bare, scope="all"), **FETCH).content.decode()


def test_not_a_claim_and_merged_claims_are_never_offered(client, alice, briefing, kirkuk):
    kept = about(kirkuk, text="The airport reopened.")
    hidden = about(kirkuk, text="The airport reopened, photo by AP.", hidden=True)
    merged = about(kirkuk, text="The airport has reopened.", merged_into=kept)
    client.force_login(alice)
    html = client.get(picker_url(briefing, q="airport", scope="all"), **FETCH).content.decode()
    assert cite_marker(kept.pk) in html
    assert cite_marker(hidden.pk) not in html and cite_marker(merged.pk) not in html


def test_rows_say_the_claim_as_the_site_does_with_status_outlet_date_and_doubt(client, alice, briefing, kirkuk):
    claim = about(kirkuk, text="Kurds would not leave Kirkuk", speaker=ActorFactory(name="Barzani"),
                  relayed_by=OutletFactory(name="Reuters"), relay_told=True, status=Claim.Status.DISPUTED,
                  confidence=0.2,
                  event_date=dt.date(2014, 6, 27), event_date_precision="day")
    about(kirkuk, text="Tehran chooses the governor", speaker=ActorFactory(name="The spokeswoman"),
          polarity=Claim.Polarity.DENIED, event_date=dt.date(2014, 7, 1), event_date_precision="month")
    client.force_login(alice)
    html = client.get(picker_url(briefing), **FETCH).content.decode()
    assert "Barzani told Reuters that Kurds would not leave Kirkuk (27 June 2014)." in html
    assert "The spokeswoman denied that" in html
    assert "Disputed" in html and "unsure" in html and "<span>July 2014" in html
    assert html.count("27 June 2014") == 1  # a day's date is said in the sentence, not again
    assert claim.get_absolute_url() in html


def test_without_javascript_the_picker_is_a_page_with_markers_to_copy(client, alice, briefing, kirkuk):
    claim = about(kirkuk, text="The dam holds.")
    client.force_login(alice)
    response = client.get(picker_url(briefing, q="dam"))
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert f"<code>{cite_marker(claim.pk)}</code>" in html
    assert reverse("briefings:edit", args=[briefing.slug]) in html  # back to the editor
    assert "data-marker" not in html  # no Insert buttons that need a script
    fragment = client.get(picker_url(briefing, q="dam"), **FETCH)
    assert "<html" not in fragment.content.decode() and "X-Requested-With" in fragment["Vary"]


def test_the_editor_carries_the_picker(client, alice, briefing):
    client.force_login(alice)
    html = client.get(reverse("briefings:edit", args=[briefing.slug])).content.decode()
    assert "Cite a claim" in html and 'id="cite-search"' in html
    assert f'action="{picker_url(briefing)}"' in html and "briefwiki/cite.js" in html


def test_the_picker_is_for_editors(client, bob, rita, briefing):
    response = client.get(picker_url(briefing))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(bob)
    assert client.get(picker_url(briefing), **FETCH).status_code == 404  # a draft readers cannot see
    briefing_publish(briefing=briefing, reviewer=rita)
    response = client.get(picker_url(briefing), **FETCH)
    assert response.status_code == 403 and "Only editors may cite claims" in response.content.decode()


@pytest.mark.parametrize("params", [
    {"limit": "100000"}, {"limit": "0"}, {"limit": "-5"}, {"limit": "lots"}, {"scope": "everything"},
    {"q": "x" * 5000}, {"q": " ".join(["word"] * 40)}, {"q": "\x00"},
])
def test_bad_input_is_refused_with_a_400(client, alice, briefing, params):
    client.force_login(alice)
    response = client.get(picker_url(briefing, **params), **FETCH)
    assert response.status_code == 400
    assert "errors" in response.content.decode()


def test_limit_bounds_the_list_and_says_there_are_more(client, alice, briefing, kirkuk):
    for i in range(5):
        about(kirkuk, text=f"Shelling near Kirkuk, day {i}.")
    client.force_login(alice)
    html = client.get(picker_url(briefing, q="shelling", limit=3), **FETCH).content.decode()
    assert html.count("data-marker=") == 3 and "first 3" in html


@pytest.mark.parametrize("n", [2, 20])
def test_query_count_does_not_grow_with_the_results(client, alice, kirkuk, n, django_assert_num_queries):
    briefing = BriefingFactory(title="Who holds Kirkuk", body="Text.\n")
    briefing_question_set(briefing=briefing, editor=alice, question="control", region=kirkuk, target=None,
                          actors=[], regions=[])
    hawija = RegionFactory(name="Hawija", parent=kirkuk)
    outlet = OutletFactory()
    for i in range(n):
        claim = about(hawija if i % 2 else kirkuk, text=f"Convoy {i} reached Kirkuk.", speaker=ActorFactory(),
                      relayed_by=OutletFactory(), holder=ActorFactory())
        CitationFactory(claim=claim, article=ArticleFactory(outlet=outlet))
        CitationFactory(claim=claim, article=ArticleFactory(outlet=OutletFactory()))
    client.force_login(alice)
    # session, user, its permissions, the briefing, may edit it, the question's place and the places
    # within it, the claims, their citations
    with django_assert_num_queries(9):
        html = client.get(picker_url(briefing, q="convoy"), **FETCH).content.decode()
    assert html.count("data-marker=") == n
