"""The fast reads of a parsed document the rules rely on: they must agree with spaCy's own."""
from spacy.attrs import LEMMA, LOWER

from sources.extraction.types import doc_text, keep_text, token_indices

TEXT = ("Kurdish officials told VICE News that Kirkuk is theirs.\n\n"
        "“We will not leave,” the Foreign Minister said on Thursday, according to AP. "
        "Barzani SAID the city was Kurdish.")


def test_token_indices_are_the_tokens_a_loop_over_the_document_finds(extractor):
    doc = extractor.nlp(TEXT)
    assert token_indices(doc, LEMMA, lambda lemma: lemma.lower() == "say") == \
        [t.i for t in doc if t.lemma_.lower() == "say"] != []
    assert token_indices(doc, LOWER, lambda lower: lower == "according") == \
        [t.i for t in doc if t.lower_ == "according"] != []
    assert token_indices(doc, LOWER, lambda lower: lower == "nowhere") == []


def test_token_indices_asks_its_test_once_per_word_across_documents(extractor):
    asked = []

    def is_said(lower: str) -> bool:
        asked.append(lower)
        return lower == "said"

    first, second = extractor.nlp(TEXT), extractor.nlp(TEXT + " He said so.")
    assert token_indices(first, LOWER, is_said) == [t.i for t in first if t.lower_ == "said"] != []
    assert sorted(asked) == sorted({t.lower_ for t in first})
    asked.clear()
    assert token_indices(second, LOWER, is_said) == [t.i for t in second if t.lower_ == "said"]
    assert sorted(asked) == ["he", "so"]  # the words the first document did not have
    asked.clear()
    assert token_indices(second, LOWER, is_said) == [t.i for t in second if t.lower_ == "said"]
    assert asked == []


def test_doc_text_is_spacys_text_whether_kept_or_joined(extractor):
    doc = extractor.nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT  # joined once, then remembered
    assert doc_text(keep_text(extractor.nlp(TEXT), TEXT)) == TEXT


def test_extract_and_extract_many_agree(extractor):
    one = extractor.extract(TEXT)
    [many] = list(extractor.extract_many([(TEXT, None)]))
    assert one == many
    # "…," the minister said, according to AP: the minister's claim, relayed by AP (attribution.py).
    assert [c.cue_text for c in one.claims] == ["told", "said", "SAID"]
    assert one.claims[1].relayed_by.name == "Associated Press"
