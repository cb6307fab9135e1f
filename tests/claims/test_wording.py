"""claims.wording: a stance is said in the article's own words, never as "said"."""
import pytest

from claims.models import Claim
from claims.pipeline.process import article_process
from claims.wording import claim_sentence, framing
from sources.services import article_submit
from tests.factories import ClaimFactory


@pytest.mark.parametrize("cue, expected", [
    ("said", ""), ("told", ""), ("according to", ""), ("said in a statement", ""), ("wrote", ""),
    ("support", "support"), ("are afraid", "are afraid"), ("has been critical of", "has been critical of"),
    ("", ""),
])
def test_framing_keeps_stance_words_and_drops_reporting_ones(cue, expected):
    assert framing(cue) == expected


@pytest.mark.django_db
def test_an_infinitive_keeps_its_reporting_verb(db):
    assert framing("claimed", "to have destroyed 40 tanks") == "claimed"
    claim = ClaimFactory(speaker=None, speaker_text="the rebels", text="to have destroyed 40 tanks",
                         framing=framing("claimed", "to have destroyed 40 tanks"))
    assert claim_sentence(claim) == "The rebels claimed to have destroyed 40 tanks."


@pytest.mark.django_db
def test_a_stance_claim_reads_as_the_stance(db):
    claim = ClaimFactory(speaker=None, speaker_text="most farmers", text="the new water tax", framing="support")
    assert claim_sentence(claim) == "Most farmers support the new water tax."
    claim.framing = ""
    assert claim_sentence(claim) == "Most farmers said the new water tax."  # what it read as before


@pytest.mark.django_db
def test_the_pipeline_records_the_framing_of_stances_and_not_of_reports(db):
    text = ("Officials are afraid that the old dam will break before the spring. "
            "The senator has been critical of the new governor since March. "
            "The minister said the mountain road would reopen on Monday.")
    article, _ = article_submit(text=text, title="Three sentences", enqueue=False)
    assert article_process(article.pk) == "done"
    sentences = {claim_sentence(c) for c in Claim.objects.all()}
    assert any(s.startswith("Officials are afraid") for s in sentences), sentences
    assert any(s.startswith("The senator has been critical of") for s in sentences), sentences
    assert any(s.startswith("The minister said") for s in sentences), sentences
    assert not any("said the old dam" in s or "said the new governor" in s for s in sentences)


@pytest.mark.django_db
def test_a_claim_naming_no_source_is_said_so_never_given_one(db):
    claim = ClaimFactory(speaker=None, speaker_text="", text="the bridge had been mined")
    assert claim_sentence(claim) == "No source named: the bridge had been mined."
    claim.framing, claim.text = "is expected", "to reopen the bridge on Monday"
    assert claim_sentence(claim) == "No source named: is expected to reopen the bridge on Monday."


@pytest.mark.django_db
def test_an_outlet_the_speaker_told_reads_told_and_one_that_reported_reads_according_to(db):
    from claims.wording import relay_told
    from tests.factories import OutletFactory

    wire = OutletFactory(name="Wire Agency")
    assert relay_told("told", True) and not relay_told("said", True) and not relay_told("told", False)
    claim = ClaimFactory(speaker=None, speaker_text="Sources", text="the dam was damaged", relayed_by=wire,
                         relay_told=True)
    assert claim_sentence(claim) == "Sources told Wire Agency that the dam was damaged."
    claim.relay_told, claim.speaker_text = False, "The governor"
    assert claim_sentence(claim) == "The governor said the dam was damaged, according to Wire Agency."
    claim.quoted = True
    assert claim_sentence(claim) == "The governor said, according to Wire Agency: “the dam was damaged.”"


@pytest.mark.django_db
def test_the_pipeline_tells_an_outlet_told_from_one_that_reported(db):
    from briefings.seeding import seed_load

    seed_load()  # the catalogue's outlets (Reuters)
    text = ("Sources told Reuters that the old dam had been mined. "
            "The governor said the mountain road would reopen on Monday, Reuters reported.")
    article, _ = article_submit(text=text, title="Two relays", enqueue=False)
    assert article_process(article.pk) == "done"
    sentences = {claim_sentence(c) for c in Claim.objects.all()}
    assert "Sources told Reuters that the old dam had been mined." in sentences, sentences
    assert any(s.startswith("The governor said the mountain road would reopen") and "according to Reuters" in s
               for s in sentences), sentences
