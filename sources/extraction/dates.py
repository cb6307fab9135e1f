"""Dates in an article: spaCy finds them (DATE entities), dateparser resolves them against the
article's publication date ("on Thursday", "last week", "June 11", "in March")."""
import functools
import re
from datetime import date, datetime

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

# "for 12 months", "two weeks": a length of time, not a date (dateparser would read "12 months ago").
_DURATION = re.compile(r"^(?:(?:about|nearly|almost|over|more than|some|the past|the last|the next)\s+)?"
                       r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+"
                       r"(?:days?|weeks?|months?|years?|decades?|hours?)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DATE_ENTITIES = "briefwiki.date_entities"


def _date_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """The document's DATE entities as (start char, end char, text), read once per document."""
    found = doc.user_data.get(_DATE_ENTITIES)
    if found is None:
        found = doc.user_data[_DATE_ENTITIES] = [(e.start_char, e.end_char, e.text.strip())
                                                 for e in doc.ents if e.label_ == "DATE"]
    return found


def span_date(span: Span, published: date | None) -> tuple[date | None, str]:
    """The first date spaCy marks (a DATE entity) in ``span`` that dateparser resolves, relative
    to the publication date ("on Thursday", "June 11", "last month"), as (date, precision): a
    month is its first day, a year its 1 January. Without a publication date only a date that
    names its year counts; lengths of time ("for 12 months") are not dates."""
    start, end = span.start_char, span.end_char
    return _first_date([t for s, e, t in _date_entities(span.doc) if start <= s and e <= end], published)


def statement_date(doc: Doc, cue: tuple[int, int], content: tuple[int, int], published: date | None) -> date | None:
    """When a statement was made, which is not when what it reports happens: a date in the cue's
    sentence outside what is reported ("Sistani today urged the blocs to agree before parliament
    meets on July 1": today), else the publication date."""
    dates = _date_entities(doc)
    if not dates:
        return published
    cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if cue_span is None:
        return published
    sent = cue_span.sent
    outside = [t for s, e, t in dates if sent.start_char <= s and e <= sent.end_char
               and not (s < content[1] and content[0] < e)]
    return _first_date(outside, published)[0] or published


@functools.lru_cache(maxsize=64)
def _parser(published: date | None) -> DateDataParser:
    """One parser per publication date: dateparser builds (and compiles) its settings per
    parser, which costs more than parsing."""
    base = datetime.combine(published, datetime.min.time()) if published else datetime(2000, 1, 1)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})


def _first_date(texts: list[str], published: date | None) -> tuple[date | None, str]:
    for text in texts:
        if _DURATION.match(text) or (published is None and not _YEAR.search(text)):
            continue
        found = _resolve(text, published)
        if found[0] is not None:
            return found
    return None, "unknown"


@functools.lru_cache(maxsize=8192)
def _resolve(text: str, published: date | None) -> tuple[date | None, str]:
    """dateparser's reading of one date expression against one publication date, kept: the
    same few expressions ("Thursday", "June 11", "last week") come back article after article,
    and parsing one costs far more than looking it up."""
    found = _parser(published).get_date_data(text)
    if found.date_obj is None:
        return None, "unknown"
    when = found.date_obj.date()
    if found.period == "year":
        return date(when.year, 1, 1), "year"
    if found.period == "month":
        return date(when.year, when.month, 1), "month"
    return when, "day"
