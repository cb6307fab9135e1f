"""The claims page (/claims/): claims across the wiki with the API's filters; disputed claims show
what disputes them."""
import pytest
from django.urls import reverse

from actors.services import region_ensure
from claims.services import claims_relate
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tolls():
    """Two accounts of one attack that disagree, and an unrelated claim elsewhere."""
    iraq, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", parent=iraq)
    basra, _ = region_ensure(slug="basra", name="Basra", kind="city", parent=iraq)
    officials = ClaimFactory(text="Ten prisoners died when the convoy was attacked.")
    police = ClaimFactory(text="Police killed all 69 prisoners.")
    for claim in officials, police:
        claim.regions.add(kirkuk)
        CitationFactory(claim=claim, article=ArticleFactory(title="Convoy attacked"), quote="the convoy")
    claims_relate(a=officials, b=police, kind="disputes", note="10 against 69")
    port = ClaimFactory(text="The port reopened on Monday.")
    port.regions.add(basra)
    return officials, police, port


def page(client, **query):
    return client.get(reverse("claims:list"), query).content.decode()


def test_readers_see_every_claim_and_each_dispute_side_by_side(client, bob, tolls):
    officials, police, port = tolls
    client.force_login(bob)
    html = page(client)
    assert "The port reopened" in html and "Ten prisoners died" in html
    assert html.count("Disputed by") == 2  # each side names the other
    assert "{#" not in html and "claims_page" not in html  # no template comment leaks into the page
    disputed = page(client, disputed="true")
    assert "Disputed claims" in disputed and "The port reopened" not in disputed
    assert officials.get_absolute_url() in disputed and police.get_absolute_url() in disputed


def test_a_region_filter_includes_its_sub_regions(client, bob, tolls):
    client.force_login(bob)
    within_iraq = page(client, region="iraq")
    assert "The port reopened" in within_iraq and "Ten prisoners died" in within_iraq
    only_kirkuk = page(client, region="kirkuk")
    assert "The port reopened" not in only_kirkuk and "Ten prisoners died" in only_kirkuk


def test_claims_marked_not_a_claim_are_not_listed(client, bob, tolls):
    officials, police, port = tolls
    port.hidden = True
    port.save(update_fields=["hidden"])
    police.hidden = True
    police.save(update_fields=["hidden"])
    client.force_login(bob)
    html = page(client)
    assert "The port reopened" not in html and "Police killed" not in html
    assert "Disputed by" not in html  # nor shown as the other side of a dispute


def test_visitors_must_log_in(client, tolls):
    assert client.get(reverse("claims:list")).status_code == 302


def test_query_count_does_not_grow_with_claims_shown(client, bob, tolls, django_assert_num_queries):
    client.force_login(bob)
    page(client)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page(client)
    for n in range(15):
        claim = ClaimFactory(text=f"Account number {n} of the convoy.")
        CitationFactory(claim=claim, article=ArticleFactory(title=f"Report {n}"), quote="the convoy")
        claims_relate(a=tolls[0], b=claim, kind="disputes")
    with django_assert_num_queries(len(few)):
        html = page(client)
    assert "Account number 14" in html
