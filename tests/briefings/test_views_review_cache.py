"""The review page kept per editor on PostgreSQL (transactional tests): a repeat view reads only
the versions; a decision, a claim's correction or a new suggestion shows on the next view."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.services import suggestions_reject
from claims.models import Claim
from claims.services import claim_set_status
from tests.factories import BriefingFactory, CitationFactory, SuggestionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


@pytest.fixture
def review(roles, alice, rita, client):
    cache.clear()
    briefing = BriefingFactory(title="Kirkuk control", body="Opening.")
    made = [SuggestionFactory(briefing=briefing, claim=CitationFactory().claim, text=f"Sentence {i}.")
            for i in range(3)]
    client.force_login(alice)

    def view(query: str = "") -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("briefings:review", args=[briefing.slug]) + query)
        assert response.status_code == 200
        return response.content.decode(), [q["sql"][:200] for q in queries.captured_queries]

    yield {"view": view, "briefing": briefing, "made": made, "rita": rita}
    cache.clear()


def test_a_repeat_view_reads_only_the_versions(review):
    review["view"]()
    html, queries = review["view"]()
    assert html.count('class="suggestion"') == 3 and len(queries) == 1, queries
    assert len(review["view"]("?sort=confidence")[1]) > 1  # a query string is rendered as usual


def test_a_decision_by_another_editor_shows_on_the_next_view(review):
    review["view"]()
    suggestions_reject(briefing=review["briefing"], suggestions=review["made"][:2], editor=review["rita"],
                       reason="Duplicates.")
    html, queries = review["view"]()
    assert html.count('class="suggestion"') == 1 and len(queries) > 1


def test_a_claim_changing_shows_on_the_next_view(review):
    review["view"]()
    claim = Claim.objects.get(pk=review["made"][0].claim_id)
    claim_set_status(claim=claim, status=Claim.Status.RETRACTED, reason="Withdrawn.", user=review["rita"])
    assert "Retracted" in review["view"]()[0]
