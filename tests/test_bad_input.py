"""Bad input gets a 4xx, never a 500: each case here once answered 500 (issue 19)."""
import base64
import json

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from actors.models import ReviewState
from briefings.services import briefing_publish, suggestion_accept
from tests.factories import (
    ActorFactory,
    BriefingFactory,
    ClaimFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["briefings", "actors", "regions", "articles", "subscriptions", "claims", "suggestions"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def site(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cursor(raw: str) -> str:
    return base64.b64encode(raw.encode()).decode()


def test_a_citation_of_an_id_past_bigint_leaves_the_page_readable(rita, bob):
    briefing = BriefingFactory(title="Kirkuk control", body="Held. [^c9223372036854775808]")
    briefing_publish(briefing=briefing, reviewer=rita)
    for _ in range(2):  # rendered, then from the page cache with its stamp
        response = site(bob).get(briefing.get_absolute_url())
        assert response.status_code == 200
        assert b"[^c9223372036854775808]" in response.content


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("cursor", ["cD0A", _cursor("p=\x00"), _cursor("o=-1")])
def test_a_crafted_cursor_is_a_404(alice, resource, cursor):
    response = api(alice).get(f"/api/{resource}/", {"cursor": cursor})
    assert response.status_code == 404, response.content
    assert response.json()["message"] == "Invalid cursor"


@pytest.mark.parametrize("resource", ["articles", "subscriptions", "claims", "suggestions"])
def test_a_cursor_position_that_is_no_id_is_a_404(alice, resource):
    response = api(alice).get(f"/api/{resource}/", {"cursor": _cursor("r=1&p=zz")})
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("resource", ["briefings", "actors", "regions"])
def test_any_text_is_a_position_in_a_list_ordered_by_name(alice, resource):
    assert api(alice).get(f"/api/{resource}/", {"cursor": _cursor("r=1&p=zz")}).status_code == 200


def test_a_deeply_nested_json_body_is_a_400(bob):
    client = Client()
    client.force_login(bob)
    response = client.post("/api/subscriptions/", "[" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_body_over_the_upload_limit_gets_the_apis_json_error(bob, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"briefing": "x" * 2000})
    response = api(bob).post("/api/subscriptions/", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "too large" in response.json()["message"].lower()


def test_a_nul_in_the_search_query_is_not_an_error(bob):
    assert site(bob).get("/search/", {"q": "\x00"}).status_code in (200, 400)
    assert site(bob).get("/search/", {"q": "Kirkuk\x00", "in": "claims"}).status_code in (200, 400)


@pytest.mark.parametrize("query", [{"event_date_after": "2024-02-30"}, {"event_date_before": "0000-01-01"},
                                   {"event_date_after": "99999-01-01"}])
def test_an_impossible_date_filter_is_a_400(alice, query):
    assert api(alice).get("/api/claims/", query).status_code == 400


@pytest.mark.parametrize("query", [{"published_after": "2024-02-30"}, {"published_before": "9999-12-31"}])
def test_an_impossible_published_filter_is_not_a_500(alice, query):
    assert api(alice).get("/api/articles/", query).status_code in (200, 400)


def test_a_nul_in_a_claim_status_reason_is_refused(alice):
    claim = ClaimFactory()
    response = site(alice).post(f"/claims/{claim.pk}/status/", {"status": "disputed", "reason": "because\x00"})
    assert response.status_code in (302, 400)
    claim.refresh_from_db()
    assert claim.status != "disputed"
    api_response = api(alice).post(f"/api/claims/{claim.pk}/status/", {"status": "disputed", "reason": "x\x00"},
                                   format="json")
    assert api_response.status_code == 400


def test_accepting_an_accepted_candidate_is_a_409(alice):
    entry = ActorFactory(slug="guess", review_state=ReviewState.ACCEPTED)
    response = api(alice).post(f"/api/actors/{entry.slug}/accept/", {}, format="json")
    assert response.status_code == 409, response.content


def test_if_match_star_matches_the_current_draft(alice):
    briefing = BriefingFactory(title="Kirkuk control", body="Held.")
    response = api(alice).put(f"/api/briefings/{briefing.slug}/draft/", {"body": "Held still.", "note": "x"},
                              format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 200, response.content
    assert response.json()["body"] == "Held still."


@pytest.mark.parametrize("size", ["-1", "0", "101", "99999999999999999999", "", "x", "١"])
def test_a_page_size_out_of_bounds_is_a_400(alice, size):
    response = api(alice).get("/api/claims/", {"page_size": size})
    assert response.status_code == 400, response.content
    assert "page_size" in response.json()["errors"]


def test_the_schema_bounds_page_size(alice):
    schema = api(alice).get("/api/schema/?format=json").json()
    parameter = next(p for p in schema["paths"]["/api/claims/"]["get"]["parameters"] if p["name"] == "page_size")
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}


@pytest.mark.parametrize("url", ["/api/briefings/?published=null", "/api/briefings/?published=1",
                                 "/api/articles/?published_before=", "/api/claims/?event_date_after=",
                                 "/api/claims/?status=", "/api/suggestions/?claim="])
def test_the_api_refuses_filter_values_its_schema_does_not_allow(alice, url):
    response = api(alice).get(url)
    assert response.status_code == 400, response.content


def test_the_pages_still_take_empty_filter_fields(alice):
    assert site(alice).get("/claims/", {"event_date_after": "", "status": "", "q": ""}).status_code == 200


@pytest.mark.parametrize("url", ["/api/claims/?q=Kirkuk%00", "/api/actors/?q=%00", "/api/articles/?outlet=%00"])
def test_a_nul_in_a_text_filter_matches_nothing(alice, url):
    response = api(alice).get(url)
    assert response.status_code == 200, response.content
    assert response.json()["results"] == []


@pytest.mark.parametrize("if_match", ["b1-r1", "'x'", '"unterminated'])
def test_an_if_match_that_is_no_entity_tag_is_a_400(alice, if_match):
    briefing = BriefingFactory(title="Kirkuk control", body="Held.")
    response = api(alice).put(f"/api/briefings/{briefing.slug}/draft/", {"body": "Held still.", "note": "x"},
                              format="json", HTTP_IF_MATCH=if_match)
    assert response.status_code == 400, response.content


def test_an_if_match_list_naming_the_current_draft_matches(alice):
    briefing = BriefingFactory(title="Kirkuk control", body="Held.")
    current = f'"b{briefing.pk}-r{briefing.draft_revision.number}"'
    response = api(alice).put(f"/api/briefings/{briefing.slug}/draft/", {"body": "Held still.", "note": "x"},
                              format="json", HTTP_IF_MATCH=f'"b{briefing.pk}-r99", {current}')
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("query", [{"newer_than_days": "-3.9e-218"}, {"older_than_days": "2.9e16"},
                                   {"claim": "4.5e257"}, {"article": "8.8e-85"}, {"confidence_below": "2"}])
def test_suggestion_filters_out_of_their_bounds_are_a_400(alice, query):
    assert api(alice).get("/api/suggestions/", query).status_code == 400


def test_the_api_takes_json_only(alice):
    client = Client()
    client.force_login(alice)
    response = client.post("/api/subscriptions/", {"frequency": "daily", "briefing": ""})
    assert response.status_code == 415


def test_a_diff_of_a_revision_that_does_not_exist_is_a_404(alice):
    briefing = BriefingFactory(title="Kirkuk control", body="Held.")
    response = api(alice).get(f"/api/briefings/{briefing.slug}/revisions/diff/", {"from": 1, "to": 9})
    assert response.status_code == 404
    assert api(alice).get(f"/api/briefings/{briefing.slug}/revisions/diff/", {"from": 0, "to": 1}).status_code == 400


def test_a_nul_in_an_accepted_text_is_refused(alice):
    suggestion = SuggestionFactory()
    response = site(alice).post(f"/suggestions/{suggestion.pk}/accept/", {"text": "Held\x00."})
    assert response.status_code in (302, 400)
    suggestion.refresh_from_db()
    assert suggestion.state == "pending"


def test_accepting_an_accepted_suggestion_is_a_409(alice):
    suggestion = SuggestionFactory()
    suggestion_accept(suggestion=suggestion, editor=alice)
    response = api(alice).post(f"/api/suggestions/{suggestion.pk}/accept/", {}, format="json")
    assert response.status_code == 409, response.content
    assert "already accepted" in response.json()["message"]


def test_merging_into_a_merged_claim_is_a_409(alice):
    keep, other, third = ClaimFactory(), ClaimFactory(), ClaimFactory()
    assert api(alice).post(f"/api/claims/{keep.pk}/merge/", {"other": other.pk, "reason": "same"}).status_code == 200
    response = api(alice).post(f"/api/claims/{other.pk}/merge/", {"other": third.pk, "reason": "same"})
    assert response.status_code in (404, 409), response.content
    response = api(alice).post(f"/api/claims/{third.pk}/merge/", {"other": other.pk, "reason": "same"})
    assert response.status_code in (404, 409), response.content


def test_the_schema_documents_409_on_state_changes(alice):
    schema = api(alice).get("/api/schema/?format=json").json()
    for path in ("/api/suggestions/{id}/accept/", "/api/actors/{slug}/accept/", "/api/claims/{id}/merge/"):
        assert "409" in schema["paths"][path]["post"]["responses"], path


def test_the_schema_requires_a_reason_to_correct_a_claim(alice):
    schema = api(alice).get("/api/schema/?format=json").json()
    body = schema["paths"]["/api/claims/{id}/"]["patch"]["requestBody"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert "reason" in component["required"]


@pytest.mark.parametrize("body", [{"status": "disputed", "reason": 0}, {"status": "disputed", "reason": ["x"]},
                                  {"status": "disputed", "reason": True}])
def test_a_text_field_takes_only_a_string(alice, body):
    claim = ClaimFactory()
    response = api(alice).post(f"/api/claims/{claim.pk}/status/", body, format="json")
    assert response.status_code == 400, response.content
    assert "reason" in response.json()["errors"]


def test_a_list_of_slugs_is_not_an_object(alice):
    response = api(alice).post("/api/briefings/", {"title": "Kirkuk", "body": "", "regions": {}}, format="json")
    assert response.status_code == 400, response.content
    assert "regions" in response.json()["errors"]


def test_merge_takes_only_what_the_schema_lists(alice):
    briefing = BriefingFactory(title="Kirkuk control", body="Held.")
    etag = f'"b{briefing.pk}-r{briefing.draft_revision.number}"'
    url = f"/api/briefings/{briefing.slug}/draft/"
    response = api(alice).put(f"{url}?merge=%C3%9E", {"body": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400 and "merge" in response.json()["errors"]
    assert api(alice).put(f"{url}?merge=1", {"body": "y"}, format="json", HTTP_IF_MATCH=etag).status_code == 200


@pytest.mark.parametrize("value", ["2024-02-30", "0000-01-01", "2024-13-01T10:00:00", "2024-02-29T25:00"])
def test_an_impossible_publication_date_is_a_400(alice, value):
    response = api(alice).post("/api/articles/", {"text": "Officials said the road reopened in Kirkuk.",
                                                  "published_at": value}, format="json")
    assert response.status_code == 400, response.content
