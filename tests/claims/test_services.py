"""An editor's corrections of claims: recorded, permission-checked, shown in one wording
everywhere, and never undone by the pipeline running over the article again."""
import datetime
from types import SimpleNamespace as NS

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.services import actor_ensure, region_ensure
from briefings.drafts import suggestion_sentence, suggestions_reword
from briefings.models import Suggestion
from claims.models import Citation, Claim, ClaimCorrection, ClaimRelation
from claims.pipeline.claims import ArticleClaims, record_claims_many
from claims.pipeline.linking import link_mentions_many
from claims.services import (
    claim_correct,
    claim_mark_not_claim,
    claim_relation_add,
    claim_relation_remove,
    claims_merge,
    claims_relate,
)
from claims.wording import claim_sentence
from sources.services import outlet_ensure
from tests.factories import ArticleFactory, BriefingFactory, CitationFactory, ClaimFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

TEXT = "Masoud Barzani said Kurds would not leave Kirkuk. The spokeswoman denied that Tehran was choosing a premier."


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def entry(obj, target: str = "actor"):
    return NS(target=target, id=obj.pk, kind=obj.kind, name=obj.name, aliases=())


def found(text, *, source, cue, content, speaker=None, **extra):
    source_span = span(text, source)
    return NS(cue=span(text, cue, source_span[1]), cue_text=cue, source=source_span, source_text=source,
              content=span(text, content), content_text=content, speaker=speaker, relayed_by=None,
              actors=[], regions=[], numbers=[], event_date=None, event_date_precision="unknown", **extra)


def record(article, claims_found, entities=()):
    linked = link_mentions_many([(article, list(entities))])[article.pk]
    return [c for c, _ in record_claims_many([ArticleClaims(article, claims_found, linked)])[article.pk]]


@pytest.fixture
def world():
    iraq, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", parent=iraq)
    barzani, _ = actor_ensure(slug="masoud-barzani", name="Masoud Barzani", kind="person", aliases=["Barzani"])
    maliki, _ = actor_ensure(slug="nouri-al-maliki", name="Nouri al-Maliki", kind="person", aliases=["Maliki"])
    rouhani, _ = actor_ensure(slug="hassan-rouhani", name="Hassan Rouhani", kind="person", aliases=["Rouhani"])
    ap_actor, _ = actor_ensure(slug="associated-press", name="Associated Press", kind="media_outlet", aliases=["AP"])
    ap, _ = outlet_ensure(slug="ap", name="AP", actor=ap_actor)
    reuters, _ = outlet_ensure(slug="reuters", name="Reuters")
    return NS(iraq=iraq, kirkuk=kirkuk, barzani=barzani, maliki=maliki, rouhani=rouhani, ap=ap, reuters=reuters)


# --- wording: one failure each ------------------------------------------------------------------

def test_reported_speech_has_no_quotation_marks(world):
    claim = Claim(text="Kurds would not leave Kirkuk", speaker=world.barzani, quoted=False)
    assert claim_sentence(claim) == "Masoud Barzani said Kurds would not leave Kirkuk."
    assert "“" not in suggestion_sentence(claim)


def test_only_verbatim_words_are_quoted(world):
    claim = Claim(text="We will not leave Kirkuk", speaker=world.barzani, quoted=True)
    assert claim_sentence(claim) == "Masoud Barzani said: “We will not leave Kirkuk.”"


def test_a_denial_reads_as_a_denial(world):
    claim = Claim(text="Tehran was choosing Iraq's prime minister", speaker_text="the spokeswoman",
                  polarity="denied", quoted=True)
    assert claim_sentence(claim) == "The spokeswoman denied that Tehran was choosing Iraq's prime minister."


def test_a_nested_report_keeps_speaker_relay_and_holder(world):
    claim = Claim(text="Maliki should step aside", speaker_text="sources", relayed_by=world.ap, relay_told=True,
                  holder=world.rouhani, quoted=True)
    sentence = claim_sentence(claim)
    assert sentence == "Sources told AP that Hassan Rouhani believes Maliki should step aside."
    assert "Rouhani said" not in sentence and "“" not in sentence


def test_an_unnamed_description_is_kept_whole(world):
    claim = Claim(text="the government would not resign", speaker_text="a senior adviser to Prime Minister Nouri "
                  "al-Maliki", relayed_by=world.reuters, relay_told=True)
    assert claim_sentence(claim) == ("A senior adviser to Prime Minister Nouri al-Maliki told Reuters that the "
                                     "government would not resign.")


def test_the_pipeline_records_polarity_quoted_holder_and_confidence(world):
    article = ArticleFactory(text=TEXT)
    denial = found(TEXT, source="The spokeswoman", cue="denied", content="Tehran was choosing a premier",
                   polarity="denied", quoted=False, confidence=0.4, speaker_text="the spokeswoman",
                   holder=entry(world.rouhani), holder_text="Rouhani")
    (claim,) = record(article, [denial])
    assert (claim.polarity, claim.quoted, claim.confidence, claim.holder, claim.speaker_text) == (
        "denied", False, 0.4, world.rouhani, "the spokeswoman")
    assert claim.unsure


# --- corrections --------------------------------------------------------------------------------

@pytest.fixture
def barzani_claim(world):
    """The extractor's wrong reading: Barzani said it, although Maliki did."""
    article = ArticleFactory(text=TEXT)
    (claim,) = record(article, [found(TEXT, source="Masoud Barzani", cue="said", content="Kurds would not leave Kirkuk",
                                      speaker=entry(world.barzani), confidence=0.3)])
    return claim


def test_a_correction_is_recorded_with_who_when_and_why(alice, world, barzani_claim):
    claim = claim_correct(claim=barzani_claim, editor=alice, reason="The article's next line names Maliki.",
                          speaker=world.maliki, polarity="denied")
    assert claim.speaker == world.maliki and claim.polarity == "denied"
    assert sorted(claim.corrected) == ["polarity", "speaker"]
    rows = {r.field: r for r in ClaimCorrection.objects.filter(claim=claim)}
    assert rows["speaker"].old_value["actor"]["name"] == "Masoud Barzani"
    assert rows["speaker"].new_value["actor"]["name"] == "Nouri al-Maliki"
    assert rows["speaker"].editor == alice and rows["speaker"].reason == "The article's next line names Maliki."
    assert not claim.unsure  # an editor looked


def test_a_correction_needs_an_editor_and_a_reason(bob, alice, world, barzani_claim):
    with pytest.raises(PermissionDenied):
        claim_correct(claim=barzani_claim, editor=bob, reason="because", speaker=world.maliki)
    with pytest.raises(PermissionDenied):
        claim_mark_not_claim(claim=barzani_claim, editor=None, reason="because")
    with pytest.raises(ValidationError):
        claim_correct(claim=barzani_claim, editor=alice, reason="  ", speaker=world.maliki)
    assert not ClaimCorrection.objects.exists()


def test_a_free_description_replaces_the_speaker(alice, world, barzani_claim):
    claim = claim_correct(claim=barzani_claim, editor=alice, reason="unnamed in the article",
                          speaker=None, speaker_text="a senior adviser to Prime Minister Nouri al-Maliki")
    assert claim.speaker is None
    assert claim_sentence(claim).startswith("A senior adviser to Prime Minister Nouri al-Maliki said")


def test_correcting_rewords_pending_suggestions_but_not_accepted_ones(alice, world, barzani_claim):
    pending = SuggestionFactory(claim=barzani_claim, text="Masoud Barzani said: “Kurds would not leave Kirkuk.”")
    accepted = SuggestionFactory(claim=barzani_claim, text="old words", state="accepted",
                                 reviewed_at=datetime.datetime.now(datetime.UTC))
    claim_correct(claim=barzani_claim, editor=alice, reason="Maliki said it", speaker=world.maliki)
    pending.refresh_from_db()
    accepted.refresh_from_db()
    assert pending.text == f"Nouri al-Maliki said Kurds would not leave Kirkuk. [^c{barzani_claim.pk}]"
    assert accepted.text == "old words"


def test_not_a_claim_hides_it_and_withdraws_its_suggestions(alice, world, barzani_claim):
    suggestion = SuggestionFactory(claim=barzani_claim)
    claim_mark_not_claim(claim=barzani_claim, editor=alice, reason="A headline, not a statement.")
    assert not Claim.objects.visible_to(alice).filter(pk=barzani_claim.pk).exists()
    assert Claim.objects.visible_to(alice, include_hidden=True).filter(pk=barzani_claim.pk).exists()
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected" and "A headline" in suggestion.reason
    assert ClaimCorrection.objects.get(claim=barzani_claim).field == "hidden"


def test_merge_moves_citations_suggestions_and_relations(alice, world):
    keep, other, third = ClaimFactory(), ClaimFactory(), ClaimFactory()
    CitationFactory(claim=other)
    SuggestionFactory(claim=other)
    claims_relate(a=other, b=third, kind="corroborates", note="same figures")
    claims_merge(keep=keep, other=other, editor=alice, reason="The same statement, twice.")
    other.refresh_from_db()
    assert other.merged_into == keep and not other.shown
    assert Citation.objects.filter(claim=keep).count() == 1 and not Citation.objects.filter(claim=other).exists()
    assert Suggestion.objects.filter(claim=keep).count() == 1
    assert ClaimRelation.objects.filter(from_claim=keep, to_claim=third).exists() or \
        ClaimRelation.objects.filter(from_claim=third, to_claim=keep).exists()
    assert {c.field for c in ClaimCorrection.objects.all()} == {"merged_into", "merged_from"}
    with pytest.raises(ValidationError):
        claims_merge(keep=keep, other=keep, editor=alice, reason="x")


def test_merge_keeps_the_subjects_of_both_unless_an_editor_set_them(alice, world):
    from tests.factories import ActorFactory, RegionFactory

    keep, other = ClaimFactory(), ClaimFactory()
    actor, region = ActorFactory(), RegionFactory()
    other.actors.add(actor)
    other.regions.add(region)
    claims_merge(keep=keep, other=other, editor=alice, reason="The same statement, twice.")
    assert list(keep.actors.all()) == [actor] and list(keep.regions.all()) == [region]

    decided, merged = ClaimFactory(corrected=["actors"]), ClaimFactory()
    merged.actors.add(ActorFactory())
    claims_merge(keep=decided, other=merged, editor=alice, reason="One statement.")
    assert not decided.actors.exists()


def test_relations_by_hand_are_recorded_and_removal_undisputes(alice):
    a, b = ClaimFactory(), ClaimFactory()
    relation = claim_relation_add(a=a, b=b, kind="disputes", note="10 against 69", editor=alice)
    a.refresh_from_db()
    assert a.status == "disputed" and ClaimCorrection.objects.filter(field="relation").count() == 2
    claim_relation_remove(relation=relation, editor=alice, reason="Different events.")
    a.refresh_from_db()
    assert a.status == "reported" and not ClaimRelation.objects.exists()
    assert ClaimCorrection.objects.filter(field="relation").count() == 4


def test_relations_by_hand_need_an_editor(bob):
    a, b = ClaimFactory(), ClaimFactory()
    with pytest.raises(PermissionDenied):
        claim_relation_add(a=a, b=b, kind="disputes", note="x", editor=bob)


def test_the_reword_step_ignores_decided_suggestions(alice, world, barzani_claim):
    rejected = SuggestionFactory(claim=barzani_claim, state="rejected", reason="no",
                                 reviewed_at=datetime.datetime.now(datetime.UTC))
    assert suggestions_reword([barzani_claim], editor=alice, reason="x") == 0
    rejected.refresh_from_db()
    assert rejected.text == "Officials said the road reopened."


# --- a rerun of the article ---------------------------------------------------------------------

def _rerun(article, world):
    """The extractor, again wrong about the speaker, over the same article."""
    return record(article, [found(TEXT, source="Masoud Barzani", cue="said", content="Kurds would not leave Kirkuk",
                                  speaker=entry(world.barzani), confidence=0.35, quoted=True)])


def test_a_rerun_keeps_the_corrected_speaker_and_makes_no_duplicate(alice, world, barzani_claim):
    article = barzani_claim.citations.get().article
    claim_correct(claim=barzani_claim, editor=alice, reason="Maliki said it", speaker=world.maliki)
    (again,) = _rerun(article, world)
    assert again.pk == barzani_claim.pk and Claim.objects.count() == 1
    again.refresh_from_db()
    assert again.speaker == world.maliki
    assert again.quoted and again.confidence == 0.35  # fields nobody corrected follow the extractor


def test_a_rerun_with_a_span_drawn_anew_still_finds_the_corrected_claim(alice, world, barzani_claim):
    article = barzani_claim.citations.get().article
    claim_correct(claim=barzani_claim, editor=alice, reason="Maliki said it", speaker=world.maliki)
    shifted = found(TEXT, source="Masoud Barzani", cue="said", content="Kurds would not leave Kirkuk.",
                    speaker=entry(world.barzani))
    (again,) = record(article, [shifted])
    assert again.pk == barzani_claim.pk and Claim.objects.count() == 1


def test_a_rerun_never_unhides_or_revives(alice, world, barzani_claim):
    article = barzani_claim.citations.get().article
    claim_mark_not_claim(claim=barzani_claim, editor=alice, reason="not a claim")
    (again,) = _rerun(article, world)
    again.refresh_from_db()
    assert again.pk == barzani_claim.pk and again.hidden and Claim.objects.count() == 1

    keep = ClaimFactory(speaker=world.maliki, text="Kurds would not leave Kirkuk")
    fresh = ClaimFactory(speaker=world.barzani)
    CitationFactory(claim=fresh, article=article, start=0, end=14, quote=TEXT[:14])
    claims_merge(keep=keep, other=fresh, editor=alice, reason="same")
    results = record(article, [found(TEXT, source="Masoud Barzani", cue="said", content="Kurds would not leave Kirkuk",
                                     speaker=entry(world.barzani))])
    assert Claim.objects.count() == 3 and all(c.pk != fresh.pk for c in results)
    fresh.refresh_from_db()
    assert fresh.merged_into == keep


def test_a_name_inside_a_description_is_not_the_speaker(world):
    text = "A senior adviser to Prime Minister Nouri al-Maliki told Reuters the government would not resign."
    article = ArticleFactory(text=text)
    s, e = span(text, "Nouri al-Maliki")
    maliki = NS(start=s, end=e, text="Nouri al-Maliki", type="person", link=entry(world.maliki), confidence=1.0,
                mention="name")
    description = "A senior adviser to Prime Minister Nouri al-Maliki"
    (claim,) = record(article, [found(text, source=description, cue="told", content="the government would not resign",
                                      speaker_text=description)], entities=[maliki])
    assert claim.speaker is None and claim.speaker_text == description
    assert claim_sentence(claim).startswith("A senior adviser to Prime Minister Nouri al-Maliki said")


def test_after_a_speaker_correction_a_restatement_by_the_right_speaker_finds_the_claim(alice, world, barzani_claim):
    claim_correct(claim=barzani_claim, editor=alice, reason="Maliki said it", speaker=world.maliki)
    later = "Maliki said Kurds would not leave Kirkuk."
    article = ArticleFactory(text=later)
    (same,) = record(article, [found(later, source="Maliki", cue="said", content="Kurds would not leave Kirkuk",
                                    speaker=entry(world.maliki))])
    assert same.pk == barzani_claim.pk and Claim.objects.count() == 1 and same.citations.count() == 2


def test_a_rerun_of_a_restating_article_does_not_rewrite_the_claim(world, barzani_claim):
    later = "Barzani said the Kurds would not leave Kirkuk."
    article = ArticleFactory(text=later)
    quote = found(later, source="Barzani", cue="said", content="the Kurds would not leave Kirkuk",
                  speaker=entry(world.barzani))
    (same,) = record(article, [quote])
    assert same.pk == barzani_claim.pk
    (again,) = record(article, [quote])  # processed again: the claim keeps its first article's words
    again.refresh_from_db()
    assert again.pk == barzani_claim.pk and again.text == "Kurds would not leave Kirkuk"
