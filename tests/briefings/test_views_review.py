"""Reviewing drafts: the queue, a briefing's waiting suggestions, accept, edit then accept,
reject with a reason, publish."""
import pytest
from django.urls import reverse

from briefings.markup import cite_marker
from briefings.models import Suggestion
from briefings.services import briefing_publish, briefing_revise
from tests.factories import BriefingFactory, CitationFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing(rita):
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    briefing_publish(briefing=briefing, reviewer=rita)
    return briefing


@pytest.fixture
def suggestion(briefing):
    citation = CitationFactory(quote="Officials in Kirkuk")
    return SuggestionFactory(
        briefing=briefing, claim=citation.claim, text=f"Officials said the road reopened. {cite_marker(citation.claim_id)}"
    )


def review_url(briefing):
    return reverse("briefings:review", args=[briefing.slug])


def test_review_page_shows_suggestion_with_claim_citation_and_quote(client, alice, suggestion):
    client.force_login(alice)
    html = client.get(review_url(suggestion.briefing)).content.decode()
    assert "Officials said the road reopened." in html
    assert suggestion.claim.text in html and "<q>Officials in Kirkuk</q>" in html
    assert reverse("briefings:suggestion-accept", args=[suggestion.pk]) in html
    assert reverse("briefings:suggestion-reject", args=[suggestion.pk]) in html
    assert "Publish revision" not in html  # alice is an editor, not a reviewer


def test_accept_adds_the_sentence_to_the_draft(client, alice, suggestion):
    client.force_login(alice)
    response = client.post(reverse("briefings:suggestion-accept", args=[suggestion.pk]))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.ACCEPTED and suggestion.reviewed_by == alice
    draft = suggestion.briefing.revisions.order_by("-number").first()
    assert "Officials said the road reopened." in draft.body and suggestion.accepted_revision == draft


def test_edit_then_accept_uses_the_editors_text(client, alice, suggestion):
    client.force_login(alice)
    client.post(reverse("briefings:suggestion-accept", args=[suggestion.pk]), {"text": "Officials in Kirkuk said the road is open."})
    suggestion.refresh_from_db()
    draft = suggestion.briefing.revisions.order_by("-number").first()
    assert "Officials in Kirkuk said the road is open." in draft.body
    assert cite_marker(suggestion.claim_id) in draft.body  # the citation is kept


def test_reject_needs_a_reason(client, alice, suggestion):
    client.force_login(alice)
    response = client.post(reverse("briefings:suggestion-reject", args=[suggestion.pk]), {"reason": "  "})
    assert response.status_code == 400 and "Say why the suggestion is rejected." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.PENDING
    response = client.post(reverse("briefings:suggestion-reject", args=[suggestion.pk]), {"reason": "Duplicate"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.REJECTED and suggestion.reason == "Duplicate"


def test_deciding_twice_is_refused_with_a_message(client, alice, suggestion):
    client.force_login(alice)
    client.post(reverse("briefings:suggestion-reject", args=[suggestion.pk]), {"reason": "No"})
    response = client.post(reverse("briefings:suggestion-accept", args=[suggestion.pk]), follow=True)
    assert "already rejected" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.REJECTED


def test_readers_cannot_review(client, bob, suggestion):
    client.force_login(bob)
    for url in (
        review_url(suggestion.briefing),
        reverse("briefings:review-queue"),
    ):
        response = client.get(url)
        assert response.status_code == 403 and "Reviewing suggestions is for editors" in response.content.decode()
    assert client.post(reverse("briefings:suggestion-accept", args=[suggestion.pk])).status_code == 403
    assert client.post(reverse("briefings:suggestion-reject", args=[suggestion.pk]), {"reason": "x"}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.PENDING


def test_accept_and_reject_need_post(client, alice, suggestion):
    client.force_login(alice)
    assert client.get(reverse("briefings:suggestion-accept", args=[suggestion.pk])).status_code == 405


def test_reviewer_publishes_the_draft(client, alice, rita, briefing):
    draft = briefing_revise(briefing=briefing, editor=alice, body="New text.", base_revision=briefing.draft_revision)
    client.force_login(rita)
    html = client.get(review_url(briefing)).content.decode()
    assert f"Publish revision {draft.number}" in html
    response = client.post(reverse("briefings:publish", args=[briefing.slug]), {"revision": draft.pk})
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.published_revision == draft
    assert "New text." in client.get(briefing.get_absolute_url()).content.decode()


def test_publishing_a_draft_that_moved_on_is_refused(client, alice, rita, briefing):
    seen = briefing_revise(briefing=briefing, editor=alice, body="Seen.", base_revision=briefing.draft_revision)
    briefing_revise(briefing=briefing, editor=alice, body="Unseen.", base_revision=seen)
    client.force_login(rita)
    response = client.post(reverse("briefings:publish", args=[briefing.slug]), {"revision": seen.pk}, follow=True)
    assert "The draft changed since you looked at it" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.published_revision.body == "Opening text."


def test_editors_cannot_publish(client, alice, briefing):
    draft = briefing_revise(briefing=briefing, editor=alice, body="Mine.", base_revision=briefing.draft_revision)
    client.force_login(alice)
    response = client.post(reverse("briefings:publish", args=[briefing.slug]), {"revision": draft.pk})
    assert response.status_code == 403 and "Only reviewers may publish" in response.content.decode()


def test_queue_lists_briefings_with_pending_suggestions_most_first(client, alice):
    few, many, none = (BriefingFactory(title=t) for t in ("Few waiting", "Many waiting", "None waiting"))
    SuggestionFactory(briefing=few)
    for _ in range(3):
        SuggestionFactory(briefing=many)
    done = SuggestionFactory(briefing=none)
    Suggestion.objects.filter(pk=done.pk).update(state="rejected", reason="no", reviewed_at="2014-06-20T00:00Z")
    client.force_login(alice)
    html = client.get(reverse("briefings:review-queue")).content.decode()
    assert html.index("Many waiting") < html.index("Few waiting") and "None waiting" not in html
    assert "<td>3</td>" in html


def test_a_review_card_says_when_the_extractor_was_unsure_and_offers_a_correction(client, alice, suggestion):
    from claims.models import Claim

    Claim.objects.filter(pk=suggestion.claim_id).update(confidence=0.2)
    client.force_login(alice)
    html = client.get(review_url(suggestion.briefing)).content.decode()
    assert "unsure: check the speaker" in html
    # The form is rendered for the card asked for only: the page stays light with 50 cards.
    assert f'href="?correct={suggestion.pk}#suggestion-{suggestion.pk}">Correct</a>' in html
    assert 'id="actor-names"' not in html  # the catalogue's names come with an open form only
    html = client.get(review_url(suggestion.briefing) + f"?correct={suggestion.pk}").content.decode()
    assert "<summary>Correct</summary>" in html and 'id="actor-names"' in html and reverse("claims:correct", args=[suggestion.claim_id]) in html
    assert f'value="{review_url(suggestion.briefing)}#suggestion-{suggestion.pk}"' in html


def test_sort_by_confidence_puts_the_least_certain_first_in_constant_queries(client, alice, briefing):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim

    def add(confidence, words):
        citation = CitationFactory(quote="Officials in Kirkuk", claim__text=words)
        Claim.objects.filter(pk=citation.claim_id).update(confidence=confidence)
        return SuggestionFactory(briefing=briefing, claim=citation.claim, text=f"{words} {cite_marker(citation.claim_id)}")

    add(0.9, "Sure of this one")
    client.force_login(alice)
    url = review_url(briefing) + "?sort=confidence"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(0.2, "Unsure of this one")
    add(None, "An editor's own")
    with CaptureQueriesContext(connection) as three:
        html = client.get(url).content.decode()
    assert html.index("Unsure of this one") < html.index("Sure of this one") < html.index("An editor's own")
    assert len(three) == len(one)
    queue = client.get(reverse("briefings:review-queue") + "?sort=confidence").content.decode()
    assert "least certain 0.20" in queue


def test_rejecting_can_mark_the_claim_not_a_claim_so_it_leaves_the_actor_page(client, alice, suggestion):
    from claims.models import Claim

    speaker = suggestion.claim.speaker
    client.force_login(alice)
    client.post(reverse("briefings:suggestion-reject", args=[suggestion.pk]),
                {"reason": "A wrong speaker and no statement.", "not_a_claim": "1"})
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected"
    assert Claim.objects.get(pk=suggestion.claim_id).hidden
    html = client.get(reverse("actors:actor-detail", args=[speaker.slug])).content.decode()
    assert suggestion.claim.get_absolute_url() not in html
