"""Deciding many suggestions through the API: by id or by filters, recorded, undone."""
import pytest
from rest_framework.test import APIClient

from briefings.models import Suggestion
from tests.factories import ArticleFactory, BriefingFactory, CitationFactory, OutletFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def briefing():
    return BriefingFactory(title="Kirkuk control", body="Intro.\n\n## Military\n\nTroops.\n")


def from_outlet(briefing, outlet):
    citation = CitationFactory(article=ArticleFactory(outlet=outlet))
    return SuggestionFactory(briefing=briefing, claim=citation.claim)


def test_reject_all_from_one_outlet_then_undo(alice, briefing):
    wire = OutletFactory(name="Wire Agency", slug="wire")
    rewrites = [from_outlet(briefing, wire) for _ in range(3)]
    other = from_outlet(briefing, OutletFactory())
    api = api_for(alice)
    response = api.post("/api/suggestions/decide/", {"briefing": briefing.slug, "action": "reject",
                                                     "reason": "Rewrites.", "matching": {"outlet": "wire"}},
                        format="json")
    assert response.status_code == 201, response.json()
    decision = response.json()
    assert sorted(decision["suggestions"]) == sorted(s.pk for s in rewrites)
    assert decision["scope"] == "all waiting (from Wire Agency)" and decision["undo_until"]
    assert Suggestion.objects.get(pk=other.pk).state == "pending"
    undone = api.post(f"/api/suggestions/decisions/{decision['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert not Suggestion.objects.exclude(state="pending").exists()
    again = api.post(f"/api/suggestions/decisions/{decision['id']}/undo/")
    assert again.status_code == 409 and "already undone" in again.json()["message"]


def test_accept_by_id_into_a_section(alice, briefing):
    chosen = [from_outlet(briefing, None) for _ in range(2)]
    response = api_for(alice).post("/api/suggestions/decide/", {
        "briefing": briefing.slug, "action": "accept", "reason": "Checked.", "ids": [s.pk for s in chosen],
        "section": "Military"},
        format="json")
    assert response.status_code == 201 and response.json()["revision"] == 2
    assert set(Suggestion.objects.values_list("state", flat=True)) == {"accepted"}


def test_accept_many_each_where_its_card_puts_it(alice, briefing):
    chosen = [from_outlet(briefing, None) for _ in range(2)]
    response = api_for(alice).post("/api/suggestions/decide/", {
        "briefing": briefing.slug, "action": "accept", "reason": "Checked.", "ids": [s.pk for s in chosen],
        "by_question": True}, format="json")
    assert response.status_code == 201, response.json()
    briefing.refresh_from_db()
    assert all(s.text in briefing.draft_revision.body for s in chosen)


def test_accept_one_into_a_new_section(alice, briefing):
    chosen = from_outlet(briefing, None)
    response = api_for(alice).post(f"/api/suggestions/{chosen.pk}/accept/",
                                   {"section": "Oil fields", "new_section": True}, format="json")
    assert response.status_code == 200, response.json()
    briefing.refresh_from_db()
    body = briefing.draft_revision.body
    assert body.index("## Military") < body.index("## Oil fields") < body.index(chosen.text)
    bad = api_for(alice).post(f"/api/suggestions/{from_outlet(briefing, None).pk}/accept/",
                              {"section": "Two\nlines", "new_section": True}, format="json")
    assert bad.status_code == 400 and "section" in bad.json()["errors"], bad.json()
    loose = api_for(alice).post(f"/api/suggestions/{from_outlet(briefing, None).pk}/accept/",
                                {"section": "", "new_section": 0}, format="json")
    assert loose.status_code == 400 and "new_section" in loose.json()["errors"]  # a JSON boolean only


@pytest.mark.parametrize("body, field", [
    ({"action": "reject", "reason": ""}, "reason"),
    ({"action": "reject", "reason": "x", "ids": []}, "ids"),
    ({"action": "reject", "reason": "x", "matching": {"confidence_below": "high"}}, "matching"),
    ({"action": "delete", "reason": "x", "ids": [1]}, "action"),
    ({"action": "accept", "reason": "x", "matching": {}, "section": "Economy"}, "section"),
    ({"action": "accept", "reason": "x", "matching": {}, "section": "Military", "by_question": True}, "section"),
])
def test_bad_requests_are_400_with_the_field(alice, briefing, body, field):
    from_outlet(briefing, None)
    response = api_for(alice).post("/api/suggestions/decide/", {"briefing": briefing.slug, **body}, format="json")
    assert response.status_code == 400 and field in response.json()["errors"], response.json()


def test_decided_or_unknown_suggestions_and_late_undos_are_409(alice, briefing, settings):
    api = api_for(alice)
    assert api.post("/api/suggestions/decide/", {"briefing": briefing.slug, "action": "reject", "reason": "x",
                                                 "ids": [987654]}, format="json").status_code == 409
    from_outlet(briefing, None)
    decision = api.post("/api/suggestions/decide/", {"briefing": briefing.slug, "action": "reject", "reason": "x"},
                        format="json").json()
    settings.BRIEFWIKI_REVIEW_UNDO_SECONDS = -1
    late = api.post(f"/api/suggestions/decisions/{decision['id']}/undo/")
    assert late.status_code == 409 and "Too late" in late.json()["message"]


def test_readers_may_not_decide_nor_undo(bob, briefing):
    response = api_for(bob).post("/api/suggestions/decide/", {"briefing": briefing.slug, "action": "reject",
                                                              "reason": "x", "ids": [1]}, format="json")
    assert response.status_code == 403
    assert api_for(bob).post("/api/suggestions/decisions/1/undo/").status_code == 403
