"""Deciding many suggestions at once: restatements together, placement in a section, the
revision note, each decision recorded, and undo within the window."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actors.models import Actor
from briefings.markup import cite_marker
from briefings.models import ReviewDecision, Suggestion
from briefings.services import (
    draft_sections,
    review_decision_undo,
    suggestion_accept,
    suggestions_accept,
    suggestions_reject,
)
from briefings.services.review import place_paragraphs
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db

BODY = "Intro.\n\n## Military\n\nTroops moved.\n\n### Details\n\nSmall print.\n\n## Politics\n\nTalks.\n"


@pytest.fixture
def briefing():
    return BriefingFactory(title="Kirkuk control", body=BODY)


def suggest(briefing, claim, text="Officials said the road reopened."):
    return SuggestionFactory(briefing=briefing, claim=claim, text=f"{text} {cite_marker(claim.pk)}")


def test_sections_are_the_drafts_headings():
    assert draft_sections(BODY) == ["Military", "Details", "Politics"]


def test_a_paragraph_goes_to_the_end_of_its_section_with_its_subsections():
    body = place_paragraphs(BODY, ["New fact."], "Military")
    assert body.index("Small print.") < body.index("New fact.") < body.index("## Politics")
    assert place_paragraphs(BODY, ["New fact."], "Politics").endswith("Talks.\n\nNew fact.\n")
    assert place_paragraphs(BODY, ["New fact."], "").endswith("Talks.\n\nNew fact.\n")


def test_accept_places_into_the_chosen_section_with_a_note_saying_what(briefing, alice):
    barzani = ActorFactory(name="Masoud Barzani", kind=Actor.Kind.PERSON)
    kirkuk = RegionFactory(name="Kirkuk")
    afp = OutletFactory(name="AFP")
    article = ArticleFactory(outlet=afp, published_at=dt.datetime(2014, 6, 27, tzinfo=dt.UTC))
    claim = ClaimFactory(speaker=barzani, text="Kurdish forces will stay")
    claim.regions.add(kirkuk)
    CitationFactory(claim=claim, article=article)
    suggestion = suggest(briefing, claim, "Barzani said Kurdish forces will stay.")
    revision = suggestion_accept(suggestion=suggestion, editor=alice, section="Military")
    assert revision.note == "Accepted: Barzani on Kirkuk, AFP 27 Jun"
    assert revision.body.index("Barzani said") < revision.body.index("## Politics")


def test_accept_refuses_a_section_the_draft_does_not_have(briefing, alice):
    suggestion = suggest(briefing, ClaimFactory())
    with pytest.raises(ValidationError, match="no section"):
        suggestion_accept(suggestion=suggestion, editor=alice, section="Economy")
    assert Suggestion.objects.get(pk=suggestion.pk).state == "pending"


def test_restatements_become_one_paragraph_with_every_citation(briefing, alice):
    speaker = ActorFactory()
    first, second = (ClaimFactory(speaker=speaker, text="The dam is safe") for _ in range(2))
    other = ClaimFactory(speaker=speaker, text="The road is open")
    made = [suggest(briefing, c) for c in (first, second, other)]
    decision = suggestions_accept(briefing=briefing, suggestions=made, editor=alice, scope="3 selected")
    body = decision.revision.body
    assert f"{cite_marker(first.pk)} {cite_marker(second.pk)}" in body
    assert body.count("Officials said the road reopened.") == 2  # two paragraphs: the dam, the road
    assert set(decision.suggestions.values_list("state", flat=True)) == {"accepted"}
    assert decision.revision.note == "Accepted 3 suggestions (3 selected)"


def test_bulk_reject_records_one_decision_and_undo_restores_pending(briefing, alice, ada):
    made = [suggest(briefing, ClaimFactory()) for _ in range(4)]
    already = made[3]
    suggestions_reject(briefing=briefing, suggestions=[already], editor=alice, reason="Off topic.")
    decision = suggestions_reject(briefing=briefing, suggestions=Suggestion.objects.filter(briefing=briefing),
                                  editor=alice, reason="All from a wire rewrite.", scope="all waiting")
    assert decision.action == "reject" and decision.scope == "all waiting"
    assert set(decision.suggestions.all()) == set(made[:3])  # the one decided before is not taken again
    assert Suggestion.objects.get(pk=made[0].pk).reason == "All from a wire rewrite."

    review_decision_undo(decision=decision, editor=ada)
    states = dict(Suggestion.objects.values_list("pk", "state"))
    assert [states[s.pk] for s in made] == ["pending", "pending", "pending", "rejected"]
    pending = Suggestion.objects.get(pk=made[0].pk)
    assert pending.reason == "" and pending.reviewed_by is None and pending.reviewed_at is None
    decision.refresh_from_db()
    assert decision.undone_by == ada and decision.undone_at is not None
    with pytest.raises(ValidationError, match="already undone"):
        review_decision_undo(decision=decision, editor=alice)


def test_undo_is_refused_after_the_window(briefing, alice, settings):
    settings.BRIEFWIKI_REVIEW_UNDO_SECONDS = 60
    decision = suggestions_reject(briefing=briefing, suggestions=[suggest(briefing, ClaimFactory())],
                                  editor=alice, reason="No.")
    ReviewDecision.objects.filter(pk=decision.pk).update(created_at=timezone.now() - dt.timedelta(seconds=61))
    with pytest.raises(ValidationError, match="Too late"):
        review_decision_undo(decision=decision, editor=alice)


def test_undo_of_an_acceptance_takes_the_sentences_out_as_a_new_revision(briefing, alice):
    suggestion = suggest(briefing, ClaimFactory(), "The bridge reopened.")
    decision = suggestions_accept(briefing=briefing, suggestions=[suggestion], editor=alice)
    review_decision_undo(decision=decision, editor=alice)
    briefing.refresh_from_db()
    assert briefing.draft_revision.body == BODY and briefing.draft_revision.number == 3
    assert briefing.draft_revision.note.startswith("Undone: Accepted:")
    assert Suggestion.objects.get(pk=suggestion.pk).state == "pending"


def test_undo_of_an_acceptance_is_refused_once_the_draft_moved_on(briefing, alice):
    from briefings.services import briefing_revise

    decision = suggestions_accept(briefing=briefing, suggestions=[suggest(briefing, ClaimFactory())], editor=alice)
    briefing_revise(briefing=briefing, editor=alice, body="Rewritten.", base_revision=decision.revision)
    with pytest.raises(ValidationError, match="revised since"):
        review_decision_undo(decision=decision, editor=alice)
    assert Suggestion.objects.get(decisions=decision).state == "accepted"


def test_bulk_reject_needs_a_reason_and_something_pending(briefing, alice):
    suggestion = suggest(briefing, ClaimFactory())
    with pytest.raises(ValidationError):
        suggestions_reject(briefing=briefing, suggestions=[suggestion], editor=alice, reason=" ")
    suggestions_reject(briefing=briefing, suggestions=[suggestion], editor=alice, reason="No.")
    with pytest.raises(ValidationError, match="still waiting"):
        suggestions_reject(briefing=briefing, suggestions=[suggestion], editor=alice, reason="No.")


def test_suggestions_of_another_briefing_are_never_decided(briefing, alice):
    elsewhere = suggest(BriefingFactory(), ClaimFactory())
    with pytest.raises(ValidationError):
        suggestions_reject(briefing=briefing, suggestions=[elsewhere], editor=alice, reason="No.")
    assert Suggestion.objects.get(pk=elsewhere.pk).state == "pending"


def test_readers_cannot_decide(briefing, bob):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        suggestions_reject(briefing=briefing, suggestions=[suggest(briefing, ClaimFactory())], editor=bob, reason="x")


def test_undo_leaves_out_a_claim_marked_not_a_claim_since(briefing, alice):
    from claims.services import claim_mark_not_claim

    kept, gone = suggest(briefing, ClaimFactory()), suggest(briefing, ClaimFactory())
    decision = suggestions_reject(briefing=briefing, suggestions=[kept, gone], editor=alice, reason="Junk.")
    claim_mark_not_claim(claim=gone.claim, editor=alice, reason="Junk.")
    review_decision_undo(decision=decision, editor=alice)
    assert dict(Suggestion.objects.values_list("pk", "state")) == {kept.pk: "pending", gone.pk: "rejected"}
