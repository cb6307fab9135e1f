"""The briefings API: drafts with ETag / If-Match, publishing, revisions, suggestions, claims."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from briefings.models import Revision, Suggestion
from briefings.services import briefing_publish, briefing_revise
from claims.models import Claim, ClaimRelation
from claims.services import claims_relate
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def etag(briefing) -> str:
    briefing.refresh_from_db()
    return f'"b{briefing.pk}-r{briefing.draft_revision.number}"'


@pytest.fixture
def kirkuk(alice):
    iraq = RegionFactory(slug="iraq", name="Iraq", kind="country")
    briefing = BriefingFactory(title="Kirkuk control", body="Peshmerga hold [[Kirkuk]] city. [^c1]",
                               actors=[ActorFactory(slug="peshmerga")], regions=[iraq])
    briefing_publish(briefing=briefing, reviewer=None)
    return briefing


def test_detail_gives_published_markdown_html_subjects_links_and_etag(alice, bob, kirkuk):
    briefing_revise(briefing=kirkuk, editor=None, body="Unpublished draft.", base_revision=kirkuk.draft_revision)
    response = client_for(bob).get(f"/api/briefings/{kirkuk.slug}/")
    body = response.json()
    assert response.status_code == 200
    assert body["body"] == "Peshmerga hold [[Kirkuk]] city. [^c1]"
    assert "<p>Peshmerga hold" in body["body_html"] and 'href="/claims/1/"' in body["body_html"]
    assert [a["slug"] for a in body["subject_actors"]] == ["peshmerga"]
    assert [r["slug"] for r in body["subject_regions"]] == ["iraq"]
    assert body["links"] == [{"title": "Kirkuk", "slug": None}]
    assert body["published_revision"] == 1 and body["draft_revision"] is None  # readers see no draft numbers
    assert "ETag" not in response
    as_editor = client_for(alice).get(f"/api/briefings/{kirkuk.slug}/")
    assert as_editor["ETag"] == f'"b{kirkuk.pk}-r2"' and as_editor.json()["draft_revision"] == 2


def test_published_html_is_sanitised(alice, rita):
    briefing = BriefingFactory(title="Unsafe", body='<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>')
    briefing_publish(briefing=briefing, reviewer=rita)
    html = client_for(alice).get(f"/api/briefings/{briefing.slug}/").json()["body_html"]
    assert "<script" not in html and "javascript:" not in html.replace("(javascript:", "") and "<img" not in html


def test_revise_without_if_match_is_428_and_saves_nothing(alice, kirkuk):
    response = client_for(alice).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": "New"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["message"]
    assert kirkuk.revisions.count() == 1


def test_revise_with_stale_if_match_is_412_with_current_etag_and_saves_nothing(alice, kirkuk):
    stale = etag(kirkuk)
    briefing_revise(briefing=kirkuk, editor=alice, body="Someone else's edit.", base_revision=kirkuk.draft_revision)
    response = client_for(alice).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": "Mine"}, format="json",
                                     HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json()["current_etag"] == etag(kirkuk) == response["ETag"]
    assert list(kirkuk.revisions.values_list("body", flat=True)) == ["Someone else's edit.",
                                                                     "Peshmerga hold [[Kirkuk]] city. [^c1]"]


LINES = "Line one.\nLine two.\nLine three.\nLine four.\n"


def revise_merging(user, briefing, body: str, if_match: str):
    return client_for(user).put(f"/api/briefings/{briefing.slug}/draft/?merge=1", {"body": body}, format="json",
                                HTTP_IF_MATCH=if_match)


def test_revise_with_stale_if_match_and_merge_saves_a_clean_merge(alice, rita):
    briefing = BriefingFactory(title="Merging", body=LINES)
    stale = etag(briefing)
    theirs = briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("one", "ONE"),
                             base_revision=briefing.draft_revision)
    response = revise_merging(alice, briefing, LINES.replace("four", "FOUR"), stale)
    assert response.status_code == 200, response.content
    assert response.json()["body"] == "Line ONE.\nLine two.\nLine three.\nLine FOUR.\n"
    assert response.json()["number"] == 3 and response.json()["parent"] == theirs.number
    assert response["ETag"] == etag(briefing) == f'"b{briefing.pk}-r3"'


def test_revise_with_stale_if_match_and_merge_overlapping_is_409_with_markers_and_saves_nothing(alice, rita):
    briefing = BriefingFactory(title="Merging", body=LINES)
    stale = etag(briefing)
    briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("two", "two (rita)"),
                    base_revision=briefing.draft_revision)
    response = revise_merging(alice, briefing, LINES.replace("two", "two (alice)"), stale)
    assert response.status_code == 409
    body = response.json()
    assert "<<<<<<< revision 2 by rita\nLine two (rita).\n=======\nLine two (alice).\n>>>>>>> your edit\n" in body["merged"]
    assert body["current_etag"] == etag(briefing) == response["ETag"] and body["message"]
    assert briefing.revisions.count() == 2


def test_revise_with_stale_if_match_without_merge_is_still_412(alice, rita):
    briefing = BriefingFactory(title="Merging", body=LINES)
    stale = etag(briefing)
    briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("one", "ONE"),
                    base_revision=briefing.draft_revision)
    response = client_for(alice).put(f"/api/briefings/{briefing.slug}/draft/?merge=0",
                                     {"body": LINES.replace("four", "FOUR")}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert briefing.revisions.count() == 2


def test_revise_with_current_if_match_appends_a_revision_and_returns_the_new_etag(alice, kirkuk):
    draft = client_for(alice).get(f"/api/briefings/{kirkuk.slug}/draft/")
    response = client_for(alice).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": "Edited.", "note": "typo"},
                                     format="json", HTTP_IF_MATCH=draft["ETag"])
    assert response.status_code == 200, response.content
    assert response.json()["number"] == 2 and response.json()["parent"] == 1
    assert response["ETag"] == f'"b{kirkuk.pk}-r2"' == response.json()["etag"]
    assert Revision.objects.get(briefing=kirkuk, number=2).author == alice


def test_weak_etag_is_accepted_too(alice, kirkuk):
    response = client_for(alice).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": "x"}, format="json",
                                     HTTP_IF_MATCH="W/" + etag(kirkuk))
    assert response.status_code == 200


def test_reader_gets_404_for_unpublished_and_403_for_revising_a_visible_briefing(bob, kirkuk):
    hidden = BriefingFactory(title="Secret draft")
    assert client_for(bob).get(f"/api/briefings/{hidden.slug}/").status_code == 404
    response = client_for(bob).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": "x"}, format="json",
                                   HTTP_IF_MATCH=etag(kirkuk))
    assert response.status_code == 403
    assert response.json()["message"]


def test_create_then_publish_through_the_services(alice, rita):
    created = client_for(alice).post("/api/briefings/", {"title": "Iran's stance on Maliki", "body": "Text",
                                                          "actors": [], "regions": []}, format="json")
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    assert created["ETag"].endswith('-r1"')
    assert client_for(alice).post(f"/api/briefings/{slug}/publish/", {}, format="json").status_code == 403
    published = client_for(rita).post(f"/api/briefings/{slug}/publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["body"] == "Text"


def test_create_with_duplicate_title_is_400_with_field_errors(alice, kirkuk):
    response = client_for(alice).post("/api/briefings/", {"title": "Kirkuk control"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()["errors"] or "slug" in response.json()["errors"]


def test_publish_unknown_revision_is_400(rita, kirkuk):
    response = client_for(rita).post(f"/api/briefings/{kirkuk.slug}/publish/", {"revision": 9}, format="json")
    assert response.status_code == 400 and "revision" in response.json()["errors"]


def test_revisions_and_diff(alice, bob, kirkuk):
    briefing_revise(briefing=kirkuk, editor=alice, body="Peshmerga hold Kirkuk.", base_revision=kirkuk.draft_revision)
    assert [r["number"] for r in client_for(alice).get(f"/api/briefings/{kirkuk.slug}/revisions/").json()["results"]] == [2, 1]
    assert [r["number"] for r in client_for(bob).get(f"/api/briefings/{kirkuk.slug}/revisions/").json()["results"]] == [1]
    diff = client_for(alice).get(f"/api/briefings/{kirkuk.slug}/revisions/diff/?from=1&to=2").json()
    assert diff["diff"].startswith("--- r1\n+++ r2\n")
    assert "+Peshmerga hold Kirkuk." in diff["diff"]
    bad = client_for(alice).get(f"/api/briefings/{kirkuk.slug}/revisions/diff/?from=x&to=2")
    assert bad.status_code == 400 and "from" in bad.json()["errors"]


# --- suggestions ------------------------------------------------------------------------------


def test_accept_with_edited_text_and_reject_with_reason(alice, kirkuk):
    one, two = SuggestionFactory(briefing=kirkuk), SuggestionFactory(briefing=kirkuk)
    api = client_for(alice)
    listed = api.get(f"/api/suggestions/?briefing={kirkuk.slug}&state=pending").json()["results"]
    assert {s["id"] for s in listed} == {one.pk, two.pk}
    accepted = api.post(f"/api/suggestions/{one.pk}/accept/", {"text": "Edited sentence."}, format="json")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    assert f"Edited sentence. [^c{one.claim_id}]" in Revision.objects.get(pk=kirkuk.revisions.first().pk).body
    refused = api.post(f"/api/suggestions/{two.pk}/reject/", {"reason": ""}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    rejected = api.post(f"/api/suggestions/{two.pk}/reject/", {"reason": "Duplicate."}, format="json")
    assert rejected.json()["reason"] == "Duplicate."
    again = api.post(f"/api/suggestions/{two.pk}/reject/", {"reason": "Again."}, format="json")
    assert again.status_code == 409 and "already" in again.json()["message"]
    assert Suggestion.objects.get(pk=two.pk).reason == "Duplicate."


# --- claims -----------------------------------------------------------------------------------


@pytest.fixture
def claims():
    iraq = RegionFactory(slug="iraq", kind="country")
    kirkuk = RegionFactory(slug="kirkuk", parent=iraq)
    city = RegionFactory(slug="kirkuk-city", parent=kirkuk)
    maliki = ActorFactory(slug="maliki")
    reuters = OutletFactory(slug="reuters")
    a = ClaimFactory(text="Troops withdrew from the city", speaker=maliki, event_date=date(2014, 6, 12),
                     event_date_precision="day")
    a.regions.add(city)
    b = ClaimFactory(text="Peshmerga entered Kirkuk", event_date=date(2014, 6, 20), event_date_precision="day",
                     relayed_by=reuters)
    b.actors.add(maliki)
    b.regions.add(kirkuk)
    c = ClaimFactory(text="Fuel prices rose")
    CitationFactory(claim=c, quote="Officials in Kirkuk", article=ArticleFactory(outlet=reuters))
    claims_relate(a=a, b=b, kind=ClaimRelation.Kind.DISPUTES)
    return {"a": a, "b": b, "c": c}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("actor=maliki", {"a", "b"}),
        ("region=iraq", {"a", "b"}),
        ("region=kirkuk-city", {"a"}),
        ("region=nowhere", set()),
        ("status=disputed", {"a", "b"}),
        ("status=reported", {"c"}),
        ("outlet=reuters", {"b", "c"}),
        ("event_date_after=2014-06-15", {"b"}),
        ("event_date_after=2014-06-01&event_date_before=2014-06-15", {"a"}),
        ("disputed=true", {"a", "b"}),
        ("disputed=false", {"c"}),
        ("q=troops", {"a"}),
        ("q=officials", {"c"}),  # in a citation's quote
    ],
)
def test_claim_filters(bob, claims, query, expected):
    response = client_for(bob).get(f"/api/claims/?{query}")
    assert response.status_code == 200, response.content
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {claims[k].pk for k in expected}


def test_claim_list_nests_citations_relations_and_subjects(bob, claims):
    rows = {row["id"]: row for row in client_for(bob).get("/api/claims/").json()["results"]}
    a, b, c = (rows[claims[k].pk] for k in "abc")
    assert a["relations"] == [{"kind": "disputes", "direction": "from", "claim": claims["b"].pk, "note": ""}]
    assert b["relations"][0]["direction"] == "to"
    assert b["relayed_by"] == {"slug": "reuters", "name": claims["b"].relayed_by.name}
    assert c["citations"][0]["quote"] == "Officials in Kirkuk"
    assert c["citations"][0]["article"]["outlet"]["slug"] == "reuters"
    assert [x["slug"] for x in a["regions"]] == ["kirkuk-city"]


def test_claim_status_change_needs_a_reason_and_is_recorded(alice, claims):
    api = client_for(alice)
    url = f"/api/claims/{claims['c'].pk}/status/"
    assert api.post(url, {"status": "retracted", "reason": " "}, format="json").status_code == 400
    assert api.post(url, {"status": "bogus", "reason": "x"}, format="json").status_code == 400
    response = api.post(url, {"status": "retracted", "reason": "The outlet withdrew it."}, format="json")
    assert response.status_code == 200
    assert response.json()["status_changes"][-1]["reason"] == "The outlet withdrew it."
    assert Claim.objects.get(pk=claims["c"].pk).status == "retracted"


def test_bad_filter_is_400_with_field_errors(bob, claims):
    response = client_for(bob).get("/api/claims/?event_date_after=yesterday&status=bogus")
    assert response.status_code == 400
    assert {"event_date", "status"} <= set(response.json()["errors"])


def test_unknown_claim_is_404_json(bob):
    response = client_for(bob).get("/api/claims/999999/")
    assert response.status_code == 404 and response.json() == {"message": "Not found.", "errors": {}}


# --- subscriptions ----------------------------------------------------------------------------


def test_subscriptions_are_the_callers_own(alice, bob, kirkuk):
    api = client_for(bob)
    created = api.post("/api/subscriptions/", {"briefing": kirkuk.slug, "frequency": "weekly"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["briefing"]["slug"] == kirkuk.slug
    again = api.post("/api/subscriptions/", {"briefing": kirkuk.slug}, format="json")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    both = api.post("/api/subscriptions/", {"briefing": kirkuk.slug, "actor": "peshmerga"}, format="json")
    assert both.status_code == 400
    unknown = api.post("/api/subscriptions/", {"region": "atlantis"}, format="json")
    assert unknown.status_code == 400 and "region" in unknown.json()["errors"]
    assert client_for(alice).get("/api/subscriptions/").json()["results"] == []
    assert client_for(alice).delete(f"/api/subscriptions/{created.json()['id']}/").status_code == 404
    assert api.delete(f"/api/subscriptions/{created.json()['id']}/").status_code == 204
    assert api.get("/api/subscriptions/").json()["results"] == []


def test_subject_slugs_that_cannot_be_slugs_are_400_not_a_database_error(alice):
    response = client_for(alice).post("/api/briefings/", {"title": "Bad subjects", "actors": ["a\x00b"]},
                                      format="json")
    assert response.status_code == 400 and "actors" in response.json()["errors"]


def test_links_name_only_briefings_the_caller_may_read(alice, bob, rita):
    BriefingFactory(title="Secret page")
    page = BriefingFactory(title="Open page", body="See [[Secret page]].")
    briefing_publish(briefing=page, reviewer=rita)
    assert client_for(bob).get(f"/api/briefings/{page.slug}/").json()["links"] == [
        {"title": "Secret page", "slug": None}]
    assert client_for(alice).get(f"/api/briefings/{page.slug}/").json()["links"] == [
        {"title": "Secret page", "slug": "secret-page"}]


def test_a_body_over_the_cap_is_400_with_a_clear_message(alice, kirkuk):
    too_long = "x" * (Revision.BODY_MAX_CHARS + 1)
    response = client_for(alice).put(f"/api/briefings/{kirkuk.slug}/draft/", {"body": too_long}, format="json",
                                     HTTP_IF_MATCH=etag(kirkuk))
    assert response.status_code == 400 and "at most 100,000 characters" in response.json()["message"]
    created = client_for(alice).post("/api/briefings/", {"title": "Long one", "body": too_long}, format="json")
    assert created.status_code == 400 and "at most 100,000 characters" in created.json()["message"]
