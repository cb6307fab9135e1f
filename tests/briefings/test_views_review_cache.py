"""The review page kept per editor on PostgreSQL (transactional tests): a repeat view reads only
the versions; a decision, a claim's correction or a new suggestion shows on the next view."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.markup import cite_marker
from briefings.models import Suggestion
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


def _windowed(queries) -> bool:
    return any(" OVER (" in sql for sql in queries)


def test_a_deep_page_keeps_the_cards_order_until_a_claim_or_suggestion_changes(review):
    made = review["made"]
    for suggestion, confidence in zip(made, (0.5, 0.6, 0.7)):
        Claim.objects.filter(pk=suggestion.claim_id).update(confidence=confidence)
    review["view"]("?sort=confidence")
    html, queries = review["view"]("?sort=confidence")
    assert not _windowed(queries), queries  # the order over every pending suggestion was kept
    assert html.index(f'id="suggestion-{made[0].pk}"') < html.index(f'id="suggestion-{made[2].pk}"')
    Claim.objects.filter(pk=made[2].claim_id).update(confidence=0.1)
    html, queries = review["view"]("?sort=confidence")
    assert _windowed(queries) and html.index(f'id="suggestion-{made[2].pk}"') < html.index(f'id="suggestion-{made[0].pk}"')
    suggestions_reject(briefing=review["briefing"], suggestions=made[2:], editor=review["rita"], reason="Duplicate.")
    html, _ = review["view"]("?sort=confidence")
    assert html.count('class="suggestion"') == 2


def test_a_filter_by_age_is_ordered_afresh_every_time(review):
    review["view"]("?newer_than_days=3")
    assert _windowed(review["view"]("?newer_than_days=3")[1])


def test_a_cards_preview_follows_its_claims_wording(review):
    claim_id = review["made"][0].claim_id
    Suggestion.objects.filter(pk=review["made"][0].pk).update(text=f"Barzani spoke. {cite_marker(claim_id)}")
    Claim.objects.filter(pk=claim_id).update(text="Barzani said Kirkuk stays")
    review["view"]("?sort=relevance")
    Claim.objects.filter(pk=claim_id).update(text="Barzani said Kirkuk is Kurdish")
    html, _ = review["view"]("?sort=relevance")
    assert 'title="Barzani said Kirkuk is Kurdish"' in html and "Kirkuk stays" not in html


def test_the_cards_numbers_are_written_without_a_locale_lookup_each(review):
    from unittest import mock

    from django.utils import formats

    with mock.patch.object(formats, "number_format", wraps=formats.number_format) as number_format:
        html, _ = review["view"]("?sort=relevance")
    assert html.count('class="suggestion"') == 3
    # The page head's few (the count waiting, revision numbers); several a card otherwise.
    assert number_format.call_count < 10, number_format.call_count


def _cards_rendered(response) -> int:
    return sum(t.name == "briefings/_review_card.html" for t in response.templates)


def test_cards_are_kept_and_a_change_renders_only_the_card_it_touches(review, client):
    url = reverse("briefings:review", args=[review["briefing"].slug]) + "?sort=confidence"
    assert _cards_rendered(client.get(url)) == 3
    assert _cards_rendered(client.get(url)) == 0
    claim = Claim.objects.get(pk=review["made"][0].claim_id)
    claim_set_status(claim=claim, status=Claim.Status.RETRACTED, reason="Withdrawn.", user=review["rita"])
    response = client.get(url)
    assert _cards_rendered(response) == 1 and "Retracted" in response.content.decode()


def test_a_kept_card_shows_a_renamed_outlet_and_a_retitled_article(review, client):
    from sources.models import Article, Outlet

    url = reverse("briefings:review", args=[review["briefing"].slug]) + "?sort=confidence"
    client.get(url)
    article = Article.objects.get(citations__claim_id=review["made"][0].claim_id)
    Outlet.objects.filter(pk=article.outlet_id).update(name="Rudaw English")
    Article.objects.filter(pk=article.pk).update(title="Peshmerga hold Kirkuk")
    html = client.get(url).content.decode()
    assert "Rudaw English" in html and "Peshmerga hold Kirkuk" in html


def test_a_kept_card_carries_the_token_of_whoever_views_it(review, rita):
    """Cards rendered for one editor and kept: another editor's decision from one still passes
    the CSRF check."""
    import re

    from django.test import Client

    url = reverse("briefings:review", args=[review["briefing"].slug]) + "?sort=confidence"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(review["rita"].__class__.objects.get(username="alice"))
    second.force_login(rita)
    first.get(url)
    response = second.get(url)
    assert _cards_rendered(response) == 0
    html = response.content.decode()
    card = html[html.index(f'id="suggestion-{review["made"][1].pk}"'):]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card).group(1)
    action = re.search(r'<form method="post" action="([^"]+)" class="accept-form"', card).group(1)
    decided = second.post(action, {"csrfmiddlewaretoken": token, "restatements": str(review["made"][1].pk),
                                   "accept": "1"})
    assert decided.status_code == 302
    assert Suggestion.objects.get(pk=review["made"][1].pk).state == Suggestion.State.ACCEPTED
