"""GET /api/facts/: filters, who may read, and a query count that does not grow with the rows."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from claims.services import FactRecord, facts_record
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
QUOTE = "Kurdish fighters hold the city."


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def control(article, source, region, holds_on=None, start=0):
    return FactRecord(kind="controls", source=source, target_actor=None, target_region=region, polarity="asserted",
                      holds_on=holds_on, confidence=0.8, start=start, end=start + len(QUOTE), quote=QUOTE, cue="hold")


def stance(article, kind, source, target, start=0):
    return FactRecord(kind=kind, source=source, target_actor=target, target_region=None, polarity="asserted",
                      holds_on=None, confidence=0.7, start=start, end=start + len(QUOTE), quote=QUOTE, cue="backs")


@pytest.fixture
def facts():
    iraq = RegionFactory(slug="iraq", kind="country")
    kirkuk = RegionFactory(slug="kirkuk", parent=iraq)
    tehran = RegionFactory(slug="tehran")
    peshmerga, isis = ActorFactory(slug="peshmerga"), ActorFactory(slug="isis")
    khamenei, maliki = ActorFactory(slug="khamenei"), ActorFactory(slug="maliki")
    article = ArticleFactory(text=QUOTE * 3)
    facts_record(article=article, records=[
        control(article, peshmerga, kirkuk, date(2014, 6, 27)),
        control(article, isis, tehran, date(2014, 1, 1), start=len(QUOTE)),
        stance(article, "supports", khamenei, maliki, start=2 * len(QUOTE)),
    ])
    return article


def kinds(response):
    assert response.status_code == 200, response.content
    return sorted((f["kind"], f["source"]["slug"]) for f in response.json()["results"])


def test_members_read_facts_and_visitors_do_not(bob, facts):
    assert api().get("/api/facts/").status_code in (401, 403)
    assert len(kinds(api(bob).get("/api/facts/"))) == 3


@pytest.mark.parametrize("query, expected", [
    ("kind=controls", [("controls", "isis"), ("controls", "peshmerga")]),
    ("source=khamenei", [("supports", "khamenei")]),
    ("target=maliki", [("supports", "khamenei")]),
    ("region=iraq", [("controls", "peshmerga")]),  # Kirkuk is inside Iraq
    ("holds_on_after=2014-06-01&holds_on_before=2014-06-30", [("controls", "peshmerga")]),
    ("region=nowhere", []),
])
def test_facts_filter_by_kind_parties_region_with_sub_regions_and_dates(bob, facts, query, expected):
    assert kinds(api(bob).get(f"/api/facts/?{query}")) == expected


def test_a_fact_says_who_asserts_it(bob, facts):
    from claims.models import Fact

    claim = ClaimFactory(speaker=ActorFactory(slug="barzani"), relayed_by=OutletFactory(slug="afp"))
    Fact.objects.filter(source__slug="peshmerga").update(claim=claim)
    row = next(f for f in api(bob).get("/api/facts/?source=peshmerga").json()["results"])
    assert (row["claim"]["speaker"]["slug"], row["claim"]["relayed_by"]["slug"]) == ("barzani", "afp")
    assert (row["target_region"]["slug"], row["holds_on"], row["quote"]) == ("kirkuk", "2014-06-27", QUOTE)


def test_the_facts_list_takes_the_same_queries_for_5_or_50_rows(bob, django_assert_num_queries):
    def make(n):
        article = ArticleFactory(text=QUOTE * n)
        claim = ClaimFactory(speaker=ActorFactory(), relayed_by=OutletFactory())
        records = [control(article, ActorFactory(), RegionFactory(), start=i * len(QUOTE)) for i in range(n)]
        facts_record(article=article, records=records)
        article.facts.update(claim=claim)

    def count(n):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert len(api(bob).get("/api/facts/?page_size=100").json()["results"]) == n
        return len(captured)

    make(5)
    five = count(5)
    make(45)
    with django_assert_num_queries(five):
        assert len(api(bob).get("/api/facts/?page_size=100").json()["results"]) == 50


def test_the_schema_documents_the_facts_endpoint(bob):
    paths = api(bob).get("/api/schema/?format=json").json()["paths"]
    parameters = {p["name"] for p in paths["/api/facts/"]["get"]["parameters"]}
    assert {"kind", "source", "target", "region", "holds_on_after", "holds_on_before"} <= parameters


def test_editors_pin_or_hide_a_fact_with_a_reason_and_others_cannot(alice, bob, facts):
    from claims.models import Fact

    fact = Fact.objects.get(source__slug="khamenei")
    url = f"/api/facts/{fact.pk}/state/"
    assert api(bob).post(url, {"state": "hidden", "reason": "misread"}, format="json").status_code == 403
    assert api(alice).post(url, {"state": "hidden", "reason": ""}, format="json").status_code == 400
    answer = api(alice).post(url, {"state": "hidden", "reason": "The sentence is about his predecessor."},
                             format="json")
    assert answer.status_code == 200 and answer.json()["editor_state"] == "hidden"
    assert kinds(api(bob).get("/api/facts/?source=khamenei")) == []
    assert api(alice).post(url, {"state": "", "reason": "Read again: it is about him."},
                           format="json").json()["editor_state"] == ""
