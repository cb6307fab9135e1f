"""The catalogue API: readers see the catalogue, editors also candidates and review them."""
import pytest
from rest_framework.test import APIClient

from actors.models import Actor, ReviewState
from actors.services import alias_add
from tests.factories import ActorFactory, ClaimFactory, RegionFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def catalogue():
    maliki = ActorFactory(slug="maliki", name="Nouri al-Maliki")
    alias_add(target=maliki, name="Maliki")
    guess = ActorFactory(slug="al-maliki-guess", name="al-Maliki", review_state=ReviewState.CANDIDATE)
    iraq = RegionFactory(slug="iraq", name="Iraq", kind="country")
    kirkuk = RegionFactory(slug="kirkuk", name="Kirkuk", kind="province", parent=iraq)
    RegionFactory(slug="kirkuk-city", name="Kirkuk city", parent=kirkuk)
    RegionFactory(slug="guessed", name="Guessed", review_state=ReviewState.CANDIDATE, parent=iraq)
    return {"maliki": maliki, "guess": guess}


def test_readers_see_the_catalogue_with_aliases_and_not_candidates(bob, catalogue):
    rows = client_for(bob).get("/api/actors/").json()["results"]
    assert [r["slug"] for r in rows] == ["maliki"]
    assert rows[0]["aliases"] == ["Maliki"]
    assert client_for(bob).get("/api/actors/al-maliki-guess/").status_code == 404


def test_editors_filter_candidates_and_search_aliases(alice, catalogue):
    api = client_for(alice)
    candidates = api.get("/api/actors/?review_state=candidate").json()["results"]
    assert [r["slug"] for r in candidates] == ["al-maliki-guess"]
    assert {r["slug"] for r in api.get("/api/actors/?q=maliki").json()["results"]} == {"maliki", "al-maliki-guess"}


def test_merge_moves_claims_and_aliases_to_the_catalogue_entry(alice, catalogue):
    claim = ClaimFactory(speaker=catalogue["guess"])
    response = client_for(alice).post("/api/actors/al-maliki-guess/merge/", {"into": "maliki"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "merged" and response.json()["merged_into"] == "maliki"
    claim.refresh_from_db()
    assert claim.speaker == catalogue["maliki"]


def test_merge_into_an_unknown_entry_is_404_and_accepting_twice_is_409(alice, catalogue):
    api = client_for(alice)
    assert api.post("/api/actors/al-maliki-guess/merge/", {"into": "nobody"}, format="json").status_code == 404
    assert api.post("/api/actors/al-maliki-guess/merge/", {}, format="json").status_code == 400
    assert api.post("/api/actors/al-maliki-guess/accept/").status_code == 200
    again = api.post("/api/actors/al-maliki-guess/accept/")
    assert again.status_code == 409 and "not a candidate" in again.json()["message"]
    assert Actor.objects.get(slug="al-maliki-guess").review_state == "accepted"


def test_region_tree_nests_the_catalogue(bob, catalogue):
    tree = client_for(bob).get("/api/regions/tree/").json()
    assert tree == [{"slug": "iraq", "name": "Iraq", "kind": "country", "children": [
        {"slug": "kirkuk", "name": "Kirkuk", "kind": "province", "children": [
            {"slug": "kirkuk-city", "name": "Kirkuk city", "kind": "city", "children": []}]}]}]


def test_region_detail_and_within_filter(bob, catalogue):
    detail = client_for(bob).get("/api/regions/iraq/").json()
    assert [c["slug"] for c in detail["children"]] == ["kirkuk"]  # the candidate child is not shown
    within = client_for(bob).get("/api/regions/?within=iraq").json()["results"]
    assert {r["slug"] for r in within} == {"kirkuk", "kirkuk-city"}
