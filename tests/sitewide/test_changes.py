"""Recent changes: revisions, publications, decided suggestions, claim status changes and
corrections, ingested articles and decided candidates."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.services import (
    briefing_create,
    briefing_publish,
    briefing_revise,
    suggestion_accept,
    suggestion_reject,
)
from claims.services import claim_set_status
from tests.factories import ClaimFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(alice, rita):
    briefing = briefing_create(title="Kirkuk control", author=alice, body="First words.", note="Started it")
    briefing_publish(briefing=briefing, reviewer=rita)
    briefing_revise(briefing=briefing, editor=alice, body="Second words.", base_revision=briefing.draft_revision,
                    note="Tightened the lede")
    claim = ClaimFactory(text="The road to Kirkuk reopened.")
    claim_set_status(claim=claim, status="disputed", reason="Another outlet says it is closed", user=alice)
    rejected = SuggestionFactory(briefing=briefing, text="Rejected sentence.")
    suggestion_reject(suggestion=rejected, editor=alice, reason="Off topic")
    accepted = SuggestionFactory(briefing=briefing, text="Accepted sentence.")
    suggestion_accept(suggestion=accepted, editor=alice)
    draft_only = briefing_create(title="Unpublished question", author=alice, body="Draft.", note="Private start")
    return {"briefing": briefing, "claim": claim, "draft_only": draft_only}


def test_editors_see_every_kind_of_change_newest_first(client, alice, history):
    client.force_login(alice)
    body = client.get(reverse("changes")).content.decode()
    order = [
        "Accepted: ",  # the revision that accepting the suggestion saved ("Accepted: Barzani on Kirkuk, ...")
        "Off topic",
        "Another outlet says it is closed",
        "Tightened the lede",
        "published (r1) by rita",
        "Started it",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert history["claim"].get_absolute_url() in body and "Private start" in body


def test_readers_see_publications_and_status_changes_but_not_drafts_or_suggestions(client, bob, history):
    client.force_login(bob)
    body = client.get(reverse("changes")).content.decode()
    assert "published (r1) by rita" in body and "Another outlet says it is closed" in body
    for private in ("Tightened the lede", "Off topic", "Private start", "Unpublished question"):
        assert private not in body


def test_changes_are_paginated(client, alice, history, monkeypatch):
    monkeypatch.setattr("sitewide.views.CHANGES_PER_PAGE", 3)
    client.force_login(alice)
    first = client.get(reverse("changes")).content.decode()
    last = client.get(reverse("changes"), {"page": 3}).content.decode()
    assert "Accepted: " in first and "Started it" not in first
    assert "Started it" in last and "page 3 of 3" in last


def test_changes_need_a_login(client, history):
    response = client.get(reverse("changes"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_changes_page_query_count_does_not_grow_with_rows(client, alice, rita):
    client.force_login(alice)

    def add(start, n):
        for i in range(start, start + n):
            briefing = briefing_create(title=f"Briefing {i}", author=alice, body="x")
            briefing_publish(briefing=briefing, reviewer=rita)
            claim = ClaimFactory()
            claim_set_status(claim=claim, status="retracted", reason="Withdrawn", user=alice)
            suggestion_reject(suggestion=SuggestionFactory(briefing=briefing), editor=alice, reason="No")

    add(0, 2)  # 8 rows of 4 kinds
    client.get(reverse("changes"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("changes"))
    add(2, 11)  # 52 rows: a full page of 50
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("changes")).content.decode()
    assert body.count('<li class="change-') == 50
    assert len(many) == len(few)


def test_editors_see_corrections_and_claims_are_never_put_in_quotation_marks(client, alice, bob):
    from claims.services import claim_correct

    claim = ClaimFactory(text="the road had reopened")
    claim_correct(claim=claim, editor=alice, reason="It was a denial.", polarity="denied")
    claim_set_status(claim=claim, status="disputed", reason="Another account", user=alice)
    client.force_login(alice)
    html = client.get(reverse("changes")).content.decode()
    assert "corrected (polarity)" in html and "It was a denial." in html
    assert "denied that the road had reopened" in html and "“the road had reopened" not in html
    client.force_login(bob)
    assert "corrected (polarity)" not in client.get(reverse("changes")).content.decode()


def test_changes_list_ingested_articles_and_candidate_decisions(client, alice, bob):
    from actors.services import candidate_accept, candidate_propose, candidate_reject
    from tests.factories import ArticleFactory

    article = ArticleFactory(title="Kurds hold Kirkuk vote", outlet__name="Example Wire", submitted_by=alice)
    hawija, _ = candidate_propose(target="region", name="Hawija", kind="area")
    candidate_accept(entry=hawija, editor=alice, kind="city")
    junk, _ = candidate_propose(target="actor", name="Bram Janssen", kind="person")
    candidate_reject(entry=junk, editor=alice)
    client.force_login(alice)
    html = client.get(reverse("changes")).content.decode()
    assert article.get_absolute_url() in html and "Kurds hold Kirkuk vote" in html and "Example Wire" in html
    assert "submitted by alice" in html
    assert hawija.get_absolute_url() in html and "Hawija</a> (region) accepted by alice" in html
    assert "Bram Janssen (actor) rejected by alice" in html
    client.force_login(bob)
    html = client.get(reverse("changes")).content.decode()
    assert "Kurds hold Kirkuk vote" in html  # articles are every member's evidence
    assert "submitted by alice" not in html  # who submitted it is not
    assert "Bram Janssen" not in html and "Hawija" not in html  # candidates are editors' business


def test_changes_query_count_stays_constant_with_articles_candidates_and_corrections(client, alice):
    from actors.services import candidate_accept, candidate_propose, candidate_reject
    from claims.services import claim_correct
    from tests.factories import ArticleFactory

    client.force_login(alice)

    def add(start, n):
        for i in range(start, start + n):
            ArticleFactory(submitted_by=alice)
            candidate_accept(entry=candidate_propose(target="actor", name=f"Guess {i}", kind="person")[0], editor=alice)
            candidate_reject(entry=candidate_propose(target="region", name=f"Place {i}", kind="area")[0], editor=alice)
            claim_correct(claim=ClaimFactory(), editor=alice, reason="It was a denial.", polarity="denied")

    add(0, 2)
    client.get(reverse("changes"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("changes"))
    add(2, 12)
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("changes")).content.decode()
    assert body.count('<li class="change-') == 50
    assert len(many) == len(few)
