"""The claim page: citations, related claims, status history; editors change the status with a
reason."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from claims.services import claims_relate
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convoy():
    officials = ClaimFactory(text="Militants attacked the convoy and 10 prisoners died.", numbers=[{"value": 10}])
    CitationFactory(claim=officials, article=ArticleFactory(title="Convoy attacked"), quote="Officials in Kirkuk")
    reuters = ClaimFactory(text="Police killed all 69 prisoners.")
    CitationFactory(claim=reuters, quote="Officials in Kirkuk")
    claims_relate(a=officials, b=reuters, kind="disputes", note="10 against 69")
    return officials, reuters


def test_the_page_shows_citations_the_dispute_and_figures(client, bob, convoy):
    officials, reuters = convoy
    client.force_login(bob)
    html = client.get(officials.get_absolute_url()).content.decode()
    assert "Convoy attacked" in html and "Officials in Kirkuk" in html
    assert "Disputes" in html and reuters.get_absolute_url() in html and "10 against 69" in html
    assert '<span class="figure">10</span>' in html
    assert "Change status" not in html  # readers read
    other = client.get(reuters.get_absolute_url()).content.decode()
    assert officials.get_absolute_url() in other  # the relation shows from both sides


def test_an_editor_changes_the_status_with_a_reason(client, alice, convoy):
    officials, _ = convoy
    client.force_login(alice)
    url = reverse("claims:status", args=[officials.pk])
    response = client.post(url, {"status": "retracted", "reason": ""}, follow=True)
    assert "Say why" in response.content.decode()
    officials.refresh_from_db()
    assert officials.status != Claim.Status.RETRACTED
    response = client.post(url, {"status": "retracted", "reason": "The ministry withdrew it."}, follow=True)
    html = response.content.decode()
    officials.refresh_from_db()
    assert officials.status == Claim.Status.RETRACTED
    assert "The ministry withdrew it." in html and "alice" in html


def test_a_reader_cannot_change_a_status(client, bob, convoy):
    officials, _ = convoy
    client.force_login(bob)
    response = client.post(reverse("claims:status", args=[officials.pk]),
                           {"status": "retracted", "reason": "I disagree."})
    assert response.status_code == 403
    officials.refresh_from_db()
    assert officials.status != Claim.Status.RETRACTED


def test_query_count_does_not_grow_with_citations_and_relations(client, bob, convoy):
    officials, _ = convoy
    client.force_login(bob)
    client.get(officials.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(officials.get_absolute_url())
    for n in range(20):
        CitationFactory(claim=officials, article=ArticleFactory(title=f"Report {n}"), quote="Officials in Kirkuk")
        claims_relate(a=officials, b=ClaimFactory(text=f"Another account {n}."), kind="corroborates")
    with CaptureQueriesContext(connection) as many:
        html = client.get(officials.get_absolute_url()).content.decode()
    assert html.count("Corroborates") == 20 and "Report 19" in html
    assert len(many) == len(few)
