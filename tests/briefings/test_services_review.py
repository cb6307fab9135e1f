"""Suggestions, claim status and relations: the review half of the write path."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from briefings.models import Revision, Suggestion
from briefings.services import (
    briefing_revert,
    briefing_revise,
    suggestion_accept,
    suggestion_propose,
    suggestion_reject,
)
from claims.models import ClaimRelation
from claims.services import claim_set_status, claims_relate
from tests.factories import BriefingFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion():
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    claim = ClaimFactory(text="Kurds will keep Kirkuk.")
    return suggestion_propose(briefing=briefing, claim=claim, text="Barzani said Kurds will keep Kirkuk.")[0]


def test_propose_adds_the_citation_marker_and_is_idempotent(suggestion):
    assert suggestion.text.endswith(f"[^c{suggestion.claim_id}]")
    again, created = suggestion_propose(briefing=suggestion.briefing, claim=suggestion.claim, text="other")
    assert not created and again.pk == suggestion.pk


def test_accept_inserts_the_cited_sentence_as_a_new_draft_revision(suggestion, alice):
    revision = suggestion_accept(suggestion=suggestion, editor=alice)
    assert revision.number == 2 and revision.author == alice
    assert revision.body == f"Opening text.\n\nBarzani said Kurds will keep Kirkuk. [^c{suggestion.claim_id}]\n"
    suggestion.refresh_from_db()
    assert suggestion.state == "accepted" and suggestion.reviewed_by == alice
    assert suggestion.accepted_revision == revision
    assert suggestion.briefing.published_revision is None  # accepting never publishes


def test_accept_with_edited_text_keeps_the_citation(suggestion, alice):
    revision = suggestion_accept(suggestion=suggestion, editor=alice, text="Barzani vowed to hold Kirkuk.")
    assert revision.body.endswith(f"Barzani vowed to hold Kirkuk. [^c{suggestion.claim_id}]\n")


def test_accept_or_reject_only_once(suggestion, alice):
    suggestion_accept(suggestion=suggestion, editor=alice)
    with pytest.raises(ValidationError, match="already accepted"):
        suggestion_reject(suggestion=suggestion, editor=alice, reason="Too late")
    assert Revision.objects.filter(briefing=suggestion.briefing).count() == 2


def test_reject_needs_a_reason(suggestion, alice):
    with pytest.raises(ValidationError):
        suggestion_reject(suggestion=suggestion, editor=alice, reason="  ")
    rejected = suggestion_reject(suggestion=suggestion, editor=alice, reason="Not about Kirkuk.")
    assert rejected.state == Suggestion.State.REJECTED and rejected.reason == "Not about Kirkuk."


def test_readers_cannot_review_suggestions(suggestion, bob):
    with pytest.raises(PermissionDenied):
        suggestion_accept(suggestion=suggestion, editor=bob)
    with pytest.raises(PermissionDenied):
        suggestion_reject(suggestion=suggestion, editor=bob, reason="x")


def test_revert_brings_back_old_text_as_a_new_revision(alice):
    briefing = BriefingFactory(body="First words.")
    first = briefing.draft_revision
    second = briefing_revise(briefing=briefing, editor=alice, body="Vandalised.", base_revision=first)
    third = briefing_revert(briefing=briefing, editor=alice, to_revision=first, base_revision=second)
    assert (third.number, third.body, third.note) == (3, "First words.", "Reverted to revision 1")


def test_status_change_is_recorded_with_its_reason(alice):
    claim = ClaimFactory()
    claim_set_status(claim=claim, status="retracted", reason="The outlet withdrew the story.", user=alice)
    change = claim.status_changes.get()
    assert (change.old_status, change.new_status, change.changed_by) == ("reported", "retracted", alice)
    with pytest.raises(ValidationError):
        claim_set_status(claim=claim, status="disputed", reason="", user=alice)
    with pytest.raises(ValidationError):
        claim_set_status(claim=claim, status="invented", reason="x", user=alice)


def test_readers_cannot_change_a_claims_status(bob):
    with pytest.raises(PermissionDenied):
        claim_set_status(claim=ClaimFactory(), status="disputed", reason="x", user=bob)


def test_disputing_claims_are_linked_once_and_both_marked_disputed():
    officials = ClaimFactory(text="Ten died when militants attacked the convoy.")
    sources = ClaimFactory(text="Police killed all 69 prisoners.")
    relation, created = claims_relate(a=sources, b=officials, kind="disputes")
    again, created_again = claims_relate(a=officials, b=sources, kind="disputes")
    assert created and not created_again and relation.pk == again.pk
    assert relation.from_claim_id < relation.to_claim_id
    for claim in (officials, sources):
        claim.refresh_from_db()
        assert claim.status == "disputed"
        assert claim.status_changes.get().reason.startswith("Disputed by claim")
    assert ClaimRelation.objects.count() == 1


def test_corroboration_upgrades_reported_claims_only():
    a, b = ClaimFactory(), ClaimFactory(status="retracted")
    claims_relate(a=a, b=b, kind="corroborates")
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, b.status) == ("corroborated", "retracted")


def test_a_claim_cannot_relate_to_itself():
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        claims_relate(a=claim, b=claim, kind="disputes")
