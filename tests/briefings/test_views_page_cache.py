"""The briefing page's cache on PostgreSQL with committed writes (transactional tests): a view
reads only the digest of its scoped versions while nothing it shows changed, any committed
change to what it shows, by any path, shows on the very next view, and changes elsewhere in
the wiki leave the kept page alone."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from briefings.markup import cite_marker
from briefings.services import briefing_create, briefing_publish
from claims.models import Claim
from claims.services import claim_set_status
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


@pytest.fixture
def briefing_page(roles, rita, bob, client, settings):
    cache.clear()
    peshmerga = ActorFactory(name="Peshmerga", slug="peshmerga")
    claim = ClaimFactory(text="Peshmerga forces took control of Kirkuk.", speaker=peshmerga)
    claim.actors.add(peshmerga)
    CitationFactory(claim=claim, article=ArticleFactory(title="Kurds take Kirkuk"), quote="Officials in Kirkuk")
    briefing = briefing_create(title="Kirkuk control", body=f"The peshmerga moved in {cite_marker(claim.pk)}.",
                               actors=[peshmerga])
    briefing_publish(briefing=briefing, reviewer=rita)
    client.force_login(bob)

    def view() -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(briefing.get_absolute_url())
        assert response.status_code == 200
        return response.content.decode(), [q["sql"] for q in queries.captured_queries]

    yield {"view": view, "claim": claim, "speaker": peshmerga, "rita": rita}
    cache.clear()


def rendered(sqls: list[str]) -> bool:
    return any("claims_claim" in sql for sql in sqls)


def test_while_nothing_changes_a_view_reads_only_the_version(briefing_page):
    briefing_page["view"]()
    html, sqls = briefing_page["view"]()
    assert "Peshmerga forces took control of Kirkuk." in html
    assert not rendered(sqls)
    # One row for the page (its registration's number), the reader's versions beside it.
    assert len(sqls) == 1 and "core_page" in sqls[0] and "core_version" in sqls[0]


@pytest.mark.parametrize("write", ["service", "bulk_update", "speaker_renamed", "new_citation"])
def test_a_committed_change_shows_on_the_next_view(briefing_page, write):
    briefing_page["view"]()
    claim = briefing_page["claim"]
    if write == "service":
        claim_set_status(claim=claim, status=Claim.Status.RETRACTED, reason="Withdrawn", user=briefing_page["rita"])
        expected = "Retracted"
    elif write == "bulk_update":
        Claim.objects.filter(pk=claim.pk).update(text="Peshmerga forces hold Kirkuk, officials say.")
        expected = "Peshmerga forces hold Kirkuk, officials say."
    elif write == "speaker_renamed":
        Actor.objects.filter(pk=briefing_page["speaker"].pk).update(name="Kurdish peshmerga")
        expected = "Kurdish peshmerga"
    else:
        CitationFactory(claim=claim, article=ArticleFactory(title="A second report"), quote="Officials in Kirkuk")
        expected = "A second report"
    html, sqls = briefing_page["view"]()
    assert expected in html
    assert rendered(sqls)
