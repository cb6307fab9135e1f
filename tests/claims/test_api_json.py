"""The claims list's PostgreSQL-rendered JSON equals the serialiser's, row for row."""
import json
from datetime import date

import pytest
from django.db import connection
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from claims.api.serializers import ClaimSerializer
from claims.api.views import claims_for_api
from claims.models import Claim
from claims.services import claims_relate
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory, OutletFactory, RegionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the fast path is PostgreSQL's"),
]


def _normalise(value):
    """Timestamps compare as instants (PostgreSQL always prints microseconds)."""
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T" and (parsed := parse_datetime(value)):
        return parsed
    return value


@pytest.fixture
def varied_claims():
    reuters = OutletFactory(slug="reuters", name='Reuters "wire"')
    rich = ClaimFactory(text="Ünïcode \"quotes\" and \\ backslash\nnewline", speaker=None, speaker_text="An official",
                        relayed_by=reuters, event_date=date(2014, 6, 12), event_date_precision="day",
                        numbers=[{"value": 69, "unit": "km"}])
    rich.actors.add(ActorFactory(name="Zed"), ActorFactory(name="Abe"))
    rich.regions.add(RegionFactory(name="Kirkuk"), RegionFactory(name="Erbil"))
    CitationFactory(claim=rich, article=ArticleFactory(outlet=None))
    CitationFactory(claim=rich, quote="Officials", article=ArticleFactory(outlet=reuters))
    plain = ClaimFactory()
    third = ClaimFactory()
    claims_relate(a=rich, b=plain, kind="disputes")
    claims_relate(a=third, b=rich, kind="duplicates")
    return [rich, plain, third]


def test_fast_json_equals_the_serialiser(bob, varied_claims):
    client = APIClient()
    client.force_authenticate(bob)
    response = client.get("/api/claims/?page_size=10")
    assert response["Content-Type"] == "application/json"
    fast = json.loads(response.content)
    slow = ClaimSerializer(claims_for_api(Claim.objects.order_by("-pk")), many=True).data
    assert _normalise(fast["results"]) == _normalise(json.loads(json.dumps(slow, default=str)))


def test_fast_cursor_pages_walk_every_claim_once(bob):
    made = [ClaimFactory().pk for _ in range(7)]
    client = APIClient()
    client.force_authenticate(bob)
    seen, url = [], "/api/claims/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == sorted(made, reverse=True)
    back = client.get(client.get("/api/claims/?page_size=3").json()["next"]).json()["previous"]
    assert [row["id"] for row in client.get(back).json()["results"]] == sorted(made, reverse=True)[:3]
