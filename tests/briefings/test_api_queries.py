"""Every API list answers in a number of SQL queries that does not grow with its page size
(measured at 5 and at 100 rows)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from actors.models import ReviewState
from briefings.services import briefing_revise
from claims.services import claims_relate
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    MentionFactory,
    RegionFactory,
    SubscriptionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


def _claims(n, ctx):
    for _ in range(n):
        claim = CitationFactory(article=ArticleFactory()).claim
        claim.actors.add(ActorFactory())
        claim.regions.add(ctx["region"])
        claims_relate(a=claim, b=ctx["other"], kind="disputes")


def _briefings(n, ctx):
    for _ in range(n):
        briefing = BriefingFactory(actors=[ActorFactory()], regions=[ctx["region"]])
        briefing.subject_actors.add(ActorFactory())


def _revisions(n, ctx):
    for _ in range(n):
        ctx["briefing"].refresh_from_db()
        briefing_revise(briefing=ctx["briefing"], editor=ctx["alice"], body="x", base_revision=ctx["briefing"].draft_revision)


def _suggestions(n, ctx):
    for _ in range(n):
        SuggestionFactory(briefing=ctx["briefing"])


def _actors(n, ctx):
    for _ in range(n):
        actor = ActorFactory(parent=ctx["parent"], review_state=ReviewState.ACCEPTED)
        AliasFactory(actor=actor)


def _regions(n, ctx):
    for _ in range(n):
        region = RegionFactory(parent=ctx["region"])
        AliasFactory(actor=None, region=region)


def _articles(n, ctx):
    for _ in range(n):
        MentionFactory(article=ArticleFactory(submitted_by=ctx["alice"]))


def _subscriptions(n, ctx):
    for _ in range(n):
        SubscriptionFactory(user=ctx["alice"], briefing=None, actor=ActorFactory())


LISTS = {
    "claims": ("/api/claims/", _claims),
    "claims by region": ("/api/claims/?region={region}&disputed=true", _claims),
    "briefings": ("/api/briefings/", _briefings),
    "revisions": ("/api/briefings/{briefing}/revisions/", _revisions),
    "suggestions": ("/api/suggestions/", _suggestions),
    "actors": ("/api/actors/", _actors),
    "regions": ("/api/regions/", _regions),
    "region tree": ("/api/regions/tree/", _regions),
    "articles": ("/api/articles/", _articles),
    "subscriptions": ("/api/subscriptions/", _subscriptions),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_list_query_count_is_constant_in_page_size(alice, name):
    url, make = LISTS[name]
    ctx = {"alice": alice, "region": RegionFactory(), "other": ClaimFactory(), "parent": ActorFactory(),
           "briefing": BriefingFactory()}
    url = url.format(region=ctx["region"].slug, briefing=ctx["briefing"].slug)
    client = APIClient()
    client.force_authenticate(alice)
    counts = []
    made = 0
    for size in (5, 100):
        make(size - made, ctx)
        made = size
        joiner = "&" if "?" in url else "?"
        # A fresh user object each time: permissions are cached per object, as per request in real use.
        client.force_authenticate(type(alice).objects.get(pk=alice.pk))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}{joiner}page_size={size}")
        assert response.status_code == 200, response.content[:300]
        rows = response.json() if isinstance(response.json(), list) else response.json()["results"]
        if name != "region tree":  # the tree nests the rows under one root
            assert len(rows) >= min(size, 5)
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries for 5 rows, {counts[1]} for 100"
