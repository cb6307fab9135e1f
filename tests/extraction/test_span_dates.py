"""sources.extraction.dates.span_date: spaCy's DATE entities, resolved by dateparser against the
publication date."""
from datetime import date

import pytest
import spacy

from sources.extraction.dates import span_date
from sources.extraction.pipeline import MODEL

FRIDAY = date(2014, 6, 27)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL, disable=["parser", "lemmatizer"])


@pytest.mark.parametrize("text, published, expected", [
    ("The militants seized the town on June 11.", FRIDAY, (date(2014, 6, 11), "day")),
    ("The convoy was attacked on Thursday.", FRIDAY, (date(2014, 6, 26), "day")),
    ("Parliament will meet on 1 July.", FRIDAY, (date(2014, 7, 1), "day")),  # ahead, not last year's
    ("The dam was captured in April 2015.", FRIDAY, (date(2015, 4, 1), "month")),
    ("The city has been held for 12 months.", FRIDAY, (None, "unknown")),  # a length of time
    ("The town fell on June 11.", None, (None, "unknown")),  # no year and nothing to count from
    ("He was listed on December 7, 2006.", None, (date(2006, 12, 7), "day")),
])
def test_span_date_resolves_the_first_date_entity(nlp, text, published, expected):
    doc = nlp(text)
    assert span_date(doc[:], published) == expected


def test_a_statement_is_dated_apart_from_the_event_it_reports(extractor_for_dates):
    text = "Sistani today urged the blocs to agree on a prime minister before parliament meets on July 1."
    found = extractor_for_dates.extract(text, published=FRIDAY).claims
    assert [(c.said_on, c.event_date) for c in found if c.cue_text == "urged"] == [(FRIDAY, date(2014, 7, 1))]
    said_before = extractor_for_dates.extract(
        "On Thursday, Sistani said that parliament must meet on July 1.", published=FRIDAY).claims
    assert [(c.said_on, c.event_date) for c in said_before if c.cue_text == "said"] == [
        (date(2014, 6, 26), date(2014, 7, 1))]


@pytest.fixture(scope="module")
def extractor_for_dates():
    from sources.extraction.catalogue import Catalogue
    from sources.extraction.pipeline import load_nlp

    return load_nlp(Catalogue([]))
