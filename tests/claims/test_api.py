"""The claims API's corrections: the same services, permissions and records as the claim page."""
import pytest
from rest_framework.test import APIClient

from claims.models import Claim, ClaimCorrection, ClaimRelation
from tests.factories import ActorFactory, CitationFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.fixture
def wrong():
    claim = ClaimFactory(text="Kurds would not leave Kirkuk", speaker=ActorFactory(slug="barzani", name="Barzani"),
                         confidence=0.3)
    CitationFactory(claim=claim)
    return claim


def test_the_claim_shows_the_new_fields(bob, wrong):
    data = api(bob).get(f"/api/claims/{wrong.pk}/").json()
    assert {k: data[k] for k in ("polarity", "quoted", "confidence", "hidden", "merged_into", "holder")} == {
        "polarity": "asserted", "quoted": False, "confidence": 0.3, "hidden": False, "merged_into": None,
        "holder": None}
    assert data["speaker_text"] == "" and data["corrections"] == []


def test_an_editor_corrects_with_a_reason(alice, wrong):
    ActorFactory(slug="maliki", name="Nouri al-Maliki")
    response = api(alice).patch(f"/api/claims/{wrong.pk}/", {"speaker": "maliki", "polarity": "denied",
                                                             "reason": "Maliki said it"}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["speaker"]["slug"] == "maliki" and data["polarity"] == "denied"
    assert sorted(data["corrected"]) == ["polarity", "speaker"]
    assert {c["field"] for c in data["corrections"]} == {"speaker", "polarity"}
    assert data["corrections"][0]["editor"] == "alice"


def test_a_correction_without_a_reason_is_refused(alice, wrong):
    response = api(alice).patch(f"/api/claims/{wrong.pk}/", {"polarity": "denied"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    assert not ClaimCorrection.objects.exists()


@pytest.mark.parametrize("who", ["bob", "charlie", None])
def test_only_editors_correct(request, who, wrong):
    user = request.getfixturevalue(who) if who else None
    client = api(user)
    for url, body in [(f"/api/claims/{wrong.pk}/", {"polarity": "denied", "reason": "x"}),
                      (f"/api/claims/{wrong.pk}/not-a-claim/", {"reason": "x"}),
                      (f"/api/claims/{wrong.pk}/merge/", {"other": wrong.pk, "reason": "x"})]:
        method = client.patch if url.endswith(f"{wrong.pk}/") else client.post
        assert method(url, body, format="json").status_code in (401, 403)
    assert not ClaimCorrection.objects.exists()


def test_not_a_claim_leaves_the_list_and_the_detail(alice, bob, wrong):
    assert api(alice).post(f"/api/claims/{wrong.pk}/not-a-claim/", {"reason": "a headline"},
                           format="json").json()["hidden"] is True
    assert api(bob).get(f"/api/claims/{wrong.pk}/").status_code == 404
    ids = [row["id"] for row in api(bob).get("/api/claims/").json()["results"]]
    assert wrong.pk not in ids


def test_merge_and_relations_through_the_api(alice, wrong):
    keep = ClaimFactory()
    data = api(alice).post(f"/api/claims/{keep.pk}/merge/", {"other": wrong.pk, "reason": "same"}, format="json")
    assert data.status_code == 200 and len(data.json()["citations"]) == 1
    assert Claim.objects.get(pk=wrong.pk).merged_into_id == keep.pk
    third = ClaimFactory()
    response = api(alice).post(f"/api/claims/{keep.pk}/relations/", {"other": third.pk, "kind": "disputes",
                                                                     "note": "10 against 69"}, format="json")
    assert response.status_code == 200 and response.json()["relations"][0]["note"] == "10 against 69"
    relation = ClaimRelation.objects.get()
    response = api(alice).post(f"/api/claims/{keep.pk}/relations/{relation.pk}/remove/", {"reason": "other event"},
                               format="json")
    assert response.status_code == 200 and response.json()["relations"] == []


def test_relay_correction_by_outlet_slug(alice, wrong):
    OutletFactory(slug="reuters", name="Reuters")
    data = api(alice).patch(f"/api/claims/{wrong.pk}/", {"relayed_by": "reuters", "reason": "Reuters reported it"},
                            format="json").json()
    assert data["relayed_by"]["slug"] == "reuters"


def test_editors_process_an_article_again_through_the_api(alice, bob, monkeypatch):
    from sources.models import Article
    from tests.factories import ArticleFactory

    monkeypatch.setattr("sources.services._enqueue", lambda task, pk: None)
    article = ArticleFactory(status=Article.Status.FAILED, status_reason="Extraction failed: a test")
    assert api(bob).post(f"/api/articles/{article.pk}/reprocess/").status_code == 403
    response = api(alice).post(f"/api/articles/{article.pk}/reprocess/")
    assert response.status_code == 200 and response.json()["status"] == "queued"
