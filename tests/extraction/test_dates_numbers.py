from datetime import date

import pytest

from sources.extraction.dates import span_date
from sources.extraction.numbers import find_numbers

FRIDAY = date(2014, 6, 27)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the talks ended on Thursday", (date(2014, 6, 26), "day")),
        ("the envoy arrived yesterday", (date(2014, 6, 26), "day")),
        ("the cleric spoke today", (FRIDAY, "day")),
        ("the town fell on June 11", (date(2014, 6, 11), "day")),
        ("the town fell on 11 June", (date(2014, 6, 11), "day")),
        ("parliament meets on July 1", (date(2014, 7, 1), "day")),
        ("the fighting began in January", (date(2014, 1, 1), "month")),
        ("the war started in 2003", (date(2003, 1, 1), "year")),
        ("no date here", (None, "unknown")),
    ],
)
def test_event_dates_resolve_against_publication(extractor, text, expected):
    doc = extractor.nlp(text)
    assert span_date(doc[:], FRIDAY) == expected


def test_weekday_needs_a_publication_date(extractor):
    doc = extractor.nlp("the talks ended on Thursday")
    assert span_date(doc[:], None) == (None, "unknown")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("gunmen killed between 160 and 190 men", [{"text": "160 and 190 men", "low": 160, "high": 190, "unit": "men"}]),
        ("a request for $500 million", [{"text": "$500 million", "value": 500_000_000, "unit": "USD"}]),
        ("all 69 were killed", [{"text": "69", "value": 69}]),
        ("ten prisoners died", [{"text": "ten prisoners", "value": 10, "unit": "prisoners"}]),
        ("it claimed 1,700 soldiers", [{"text": "1,700 soldiers", "value": 1700, "unit": "soldiers"}]),
        ("on June 12 and in 2014, between 2006 and 2008", []),
    ],
)
def test_figures_leave_out_dates_and_years(text, expected):
    assert find_numbers(text) == expected
