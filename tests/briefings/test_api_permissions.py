"""The API permission matrix: every role against every endpoint and method, asserted.

Columns: anonymous, bob the reader, alice the editor, rita the reviewer, ada the admin.
A reader asking for something invisible gets 404 (its existence is not leaked); a reader
trying a write the role does not allow gets 403; anonymous callers get 401.
"""
import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from actors.models import ReviewState
from briefings.services import briefing_publish, briefing_revise
from tests.factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    RegionFactory,
    SubscriptionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "bob", "alice", "rita", "ada"]


@pytest.fixture
def world(cast):
    """A published briefing (r1 published, r2 draft), a never-published one, and one of each
    other resource."""
    pub = BriefingFactory(title="Kirkuk control", body="Published text.")
    briefing_publish(briefing=pub, reviewer=None)
    briefing_revise(briefing=pub, editor=None, body="Draft text.", base_revision=pub.draft_revision)
    hidden = BriefingFactory(title="Unpublished page")
    citation = CitationFactory()
    return {
        "pub": pub,
        "hidden": hidden,
        "claim": citation.claim,
        "article": citation.article,
        "suggestion": SuggestionFactory(briefing=pub, claim=citation.claim),
        "actor": ActorFactory(slug="maliki"),
        "candidate": ActorFactory(slug="guess", review_state=ReviewState.CANDIDATE),
        "region": RegionFactory(slug="iraq"),
        "candidate_region": RegionFactory(slug="guessed-place", review_state=ReviewState.CANDIDATE),
        "others_watch": SubscriptionFactory(user=cast["charlie"], briefing=pub),
        "cast": cast,
    }


def _draft_etag(w, who):
    w["pub"].refresh_from_db()
    return f'"b{w["pub"].pk}-r{w["pub"].draft_revision.number}"'


# (method, url(world), data(world, role) or None, headers(world, role) or None, expected per ROLES)
MATRIX = {
    "briefing list": ("get", lambda w: "/api/briefings/", None, None, [401, 200, 200, 200, 200]),
    "briefing detail": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/", None, None, [401, 200, 200, 200, 200]),
    "unpublished detail": ("get", lambda w: f"/api/briefings/{w['hidden'].slug}/", None, None,
                           [401, 404, 200, 200, 200]),
    "briefing create": ("post", lambda w: "/api/briefings/", lambda w, r: {"title": f"New page by {r}"}, None,
                        [401, 403, 201, 201, 201]),
    "draft read": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/draft/", None, None, [401, 403, 200, 200, 200]),
    "draft revise": ("put", lambda w: f"/api/briefings/{w['pub'].slug}/draft/", lambda w, r: {"body": "New."},
                     lambda w, r: {"HTTP_IF_MATCH": _draft_etag(w, r)}, [401, 403, 200, 200, 200]),
    "unpublished revise": ("put", lambda w: f"/api/briefings/{w['hidden'].slug}/draft/",
                           lambda w, r: {"body": "New."}, lambda w, r: {"HTTP_IF_MATCH": '"b0-r1"'},
                           [401, 403, 412, 412, 412]),
    "publish": ("post", lambda w: f"/api/briefings/{w['pub'].slug}/publish/", lambda w, r: {}, None,
                [401, 403, 403, 200, 200]),
    "revision list": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/revisions/", None, None,
                      [401, 200, 200, 200, 200]),
    "published revision": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/revisions/1/", None, None,
                           [401, 200, 200, 200, 200]),
    "draft revision": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/revisions/2/", None, None,
                       [401, 404, 200, 200, 200]),
    "diff": ("get", lambda w: f"/api/briefings/{w['pub'].slug}/revisions/diff/?from=1&to=2", None, None,
             [401, 404, 200, 200, 200]),
    "suggestion list": ("get", lambda w: "/api/suggestions/", None, None, [401, 403, 200, 200, 200]),
    "suggestion detail": ("get", lambda w: f"/api/suggestions/{w['suggestion'].pk}/", None, None,
                          [401, 403, 200, 200, 200]),
    "suggestion accept": ("post", lambda w: f"/api/suggestions/{w['suggestion'].pk}/accept/", lambda w, r: {},
                          None, [401, 403, 200, 200, 200]),
    "suggestion reject": ("post", lambda w: f"/api/suggestions/{w['suggestion'].pk}/reject/",
                          lambda w, r: {"reason": "Off topic."}, None, [401, 403, 200, 200, 200]),
    "claim list": ("get", lambda w: "/api/claims/", None, None, [401, 200, 200, 200, 200]),
    "claim detail": ("get", lambda w: f"/api/claims/{w['claim'].pk}/", None, None, [401, 200, 200, 200, 200]),
    "claim status": ("post", lambda w: f"/api/claims/{w['claim'].pk}/status/",
                     lambda w, r: {"status": "disputed", "reason": "Contradicted."}, None, [401, 403, 200, 200, 200]),
    "actor list": ("get", lambda w: "/api/actors/", None, None, [401, 200, 200, 200, 200]),
    "actor detail": ("get", lambda w: "/api/actors/maliki/", None, None, [401, 200, 200, 200, 200]),
    "candidate detail": ("get", lambda w: "/api/actors/guess/", None, None, [401, 404, 200, 200, 200]),
    "candidate accept": ("post", lambda w: "/api/actors/guess/accept/", lambda w, r: {}, None,
                         [401, 403, 200, 200, 200]),
    "candidate reject": ("post", lambda w: "/api/actors/guess/reject/", lambda w, r: {}, None,
                         [401, 403, 200, 200, 200]),
    "candidate merge": ("post", lambda w: "/api/actors/guess/merge/", lambda w, r: {"into": "maliki"}, None,
                        [401, 403, 200, 200, 200]),
    "region list": ("get", lambda w: "/api/regions/", None, None, [401, 200, 200, 200, 200]),
    "region tree": ("get", lambda w: "/api/regions/tree/", None, None, [401, 200, 200, 200, 200]),
    "region detail": ("get", lambda w: "/api/regions/iraq/", None, None, [401, 200, 200, 200, 200]),
    "region candidate": ("get", lambda w: "/api/regions/guessed-place/", None, None, [401, 404, 200, 200, 200]),
    "region accept": ("post", lambda w: "/api/regions/guessed-place/accept/", lambda w, r: {}, None,
                      [401, 403, 200, 200, 200]),
    "article list": ("get", lambda w: "/api/articles/", None, None, [401, 200, 200, 200, 200]),
    "article detail": ("get", lambda w: f"/api/articles/{w['article'].pk}/", None, None, [401, 200, 200, 200, 200]),
    "article submit": ("post", lambda w: "/api/articles/", lambda w, r: {"text": f"Officials said, told {r}."},
                       None, [401, 403, 201, 201, 201]),
    "subscription list": ("get", lambda w: "/api/subscriptions/", None, None, [401, 200, 200, 200, 200]),
    "subscription create": ("post", lambda w: "/api/subscriptions/", lambda w, r: {"actor": "maliki"}, None,
                            [401, 201, 201, 201, 201]),
    "subscription delete own": ("delete", lambda w: "/api/subscriptions/{own}/", None, None,
                                [401, 204, 204, 204, 204]),
    "subscription delete other's": ("delete", lambda w: f"/api/subscriptions/{w['others_watch'].pk}/", None, None,
                                    [401, 404, 404, 404, 404]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(world, name, role):
    method, url, data, headers, expected = MATRIX[name]
    client = APIClient()
    user = None if role == "anonymous" else world["cast"][role]
    if user:
        client.force_authenticate(user)
    path = url(world)
    if "{own}" in path:
        path = path.format(own=SubscriptionFactory(user=user or world["cast"]["bob"], region=world["region"],
                                                   briefing=None).pk)
    kwargs = {"format": "json"}
    if data:
        kwargs["data"] = data(world, role)
    if headers:
        kwargs.update(headers(world, role))
    response = getattr(client, method)(path, **kwargs)
    want = expected[ROLES.index(role)]
    assert response.status_code == want, (name, role, response.status_code, response.content[:300])
    if want >= 400:
        body = response.json()
        assert set(body) >= {"message", "errors"}


@pytest.mark.parametrize("public", [False, True])
def test_anonymous_reads_published_briefings_only_when_public(world, public):
    client = APIClient()
    with override_settings(BRIEFWIKI_PUBLIC_BRIEFINGS=public):
        listing = client.get("/api/briefings/")
        published = client.get(f"/api/briefings/{world['pub'].slug}/")
        hidden = client.get(f"/api/briefings/{world['hidden'].slug}/")
        writing = client.post("/api/briefings/", {"title": "Anon page"}, format="json")
        claims = client.get("/api/claims/")
    if public:
        assert listing.status_code == 200
        assert [b["slug"] for b in listing.json()["results"]] == [world["pub"].slug]
        assert published.status_code == 200 and published.json()["draft_revision"] is None
        assert hidden.status_code == 404
    else:
        assert (listing.status_code, published.status_code, hidden.status_code) == (401, 401, 401)
    assert writing.status_code == 401
    assert claims.status_code == 401
