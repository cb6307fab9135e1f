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
