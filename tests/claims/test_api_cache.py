"""The claims list's cache: a repeated page comes from the cache, and every committed write to
what the page shows, by any path (a service, a plain save, a bulk update), is seen at once.

Transactional tests: the version moves at commit, so the writes here really commit."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from actors.models import Actor, Region
from claims.models import Claim
from claims.services import claim_set_status, claims_relate
from sources.models import Article
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, RegionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]
URL = "/api/claims/?region=iraq"


@pytest.fixture
def world(roles, bob):
    iraq = RegionFactory(slug="iraq", name="Iraq")
    kirkuk = RegionFactory(slug="kirkuk", name="Kirkuk", parent=iraq)
    claims = []
    for n in range(3):
        claim = CitationFactory(article=ArticleFactory(title=f"Report {n}"), claim=ClaimFactory(text=f"Claim {n}")).claim
        claim.regions.add(kirkuk)
        claims.append(claim)
    client = APIClient()
    client.force_authenticate(bob)
    return {"client": client, "claims": claims, "iraq": iraq, "kirkuk": kirkuk, "bob": bob}


def page(client) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200, response.content
    return json.loads(response.content), len(queries)


def test_a_repeated_page_comes_from_the_cache(world):
    first, built = page(world["client"])
    again, cached = page(world["client"])
    assert again == first and len(first["results"]) == 3
    assert cached < built  # only the version is read


@pytest.mark.parametrize("write", ["service", "save", "bulk_update", "relation", "article_title", "new_citation",
                                   "region_moved", "actor_renamed", "deleted"])
def test_every_committed_write_is_seen_at_once(world, write):
    client, claims = world["client"], world["claims"]
    before, _ = page(client)
    page(client)  # now cached
    claim = claims[0]
    if write == "service":
        claim_set_status(claim=claim, status="retracted", reason="The outlet withdrew it.", user=None)
    elif write == "save":
        claim.text = "Claim 0, corrected"
        claim.save()
    elif write == "bulk_update":
        Claim.objects.filter(pk=claim.pk).update(text="Claim 0, bulk")
    elif write == "relation":
        claims_relate(a=claims[0], b=claims[1], kind="disputes")
    elif write == "article_title":
        Article.objects.filter(citations__claim=claim).update(title="Renamed report")
    elif write == "new_citation":
        CitationFactory(claim=claim, article=ArticleFactory(title="Second report"))
    elif write == "region_moved":
        Region.objects.filter(pk=world["kirkuk"].pk).update(parent=None)
    elif write == "actor_renamed":
        speaker = claim.speaker or Actor.objects.create(slug="speaker", name="Speaker", kind="person")
        Claim.objects.filter(pk=claim.pk).update(speaker=speaker)
        page(client)  # cached again with the speaker
        Actor.objects.filter(pk=speaker.pk).update(name="Speaker, renamed")
    elif write == "deleted":
        Claim.objects.filter(pk=claim.pk).delete()
    after, _ = page(client)
    assert after != before
    fresh = APIClient()
    fresh.force_authenticate(world["bob"])
    from django.core.cache import cache

    cache.clear()
    rebuilt, _ = page(fresh)
    assert after == rebuilt  # what the cache answers is what the database says now


def test_inside_a_transaction_the_cache_stands_aside(world):
    from django.db import transaction

    page(world["client"])
    with transaction.atomic():
        Claim.objects.filter(pk=world["claims"][0].pk).update(text="Uncommitted")
        inside, _ = page(world["client"])
        assert "Uncommitted" in json.dumps(inside)
        transaction.set_rollback(True)
