"""Event dates in a claim, resolved against the article's publication date."""
import functools
import re
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
WEEKDAY = re.compile(r"\b(?:on |last |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
RELATIVE = re.compile(r"\b(today|yesterday|tonight|last night|this morning|this afternoon|this evening)\b", re.I)
IN_MONTH = re.compile(rf"\bin\s+{_MONTH}(?:\s+(\d{{4}}))?\b", re.I)
IN_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name[:3]))


def _year_for(month: int, day: int, published: date | None, explicit: str | None) -> int | None:
    if explicit:
        return int(explicit)
    if published is None:
        return None
    year = published.year
    # A date after publication by more than a few weeks is last year's ("December" in a January story).
    try:
        if date(year, month, day) > published + timedelta(days=31):
            year -= 1
    except ValueError:
        return None
    return year


def resolve_date(text: str, published: date | None) -> tuple[date | None, str]:
    """The first date ``text`` states, as (date, precision); (None, "unknown") when none."""
    found: list[tuple[int, date, str]] = []
    for match in DAY_MONTH.finditer(text):
        day, month = int(match.group(1)), _month(match.group(2))
        year = _year_for(month, day, published, match.group(3))
        if year and 1 <= day <= 31:
            try:
                found.append((match.start(), date(year, month, day), "day"))
            except ValueError:
                pass
    for match in MONTH_DAY.finditer(text):
        month, day = _month(match.group(1)), int(match.group(2))
        year = _year_for(month, day, published, match.group(3))
        if year and 1 <= day <= 31:
            try:
                found.append((match.start(), date(year, month, day), "day"))
            except ValueError:
                pass
    if published is not None:
        for match in RELATIVE.finditer(text):
            word = match.group(1).lower()
            delta = 1 if word in ("yesterday", "last night") else 0
            found.append((match.start(), published - timedelta(days=delta), "day"))
        for match in WEEKDAY.finditer(text):
            weekday = WEEKDAYS.index(match.group(1).lower())
            back = (published.weekday() - weekday) % 7
            found.append((match.start(), published - timedelta(days=back), "day"))
    if found:
        return min(found, key=lambda f: f[0])[1:]
    for match in IN_MONTH.finditer(text):
        year = int(match.group(2)) if match.group(2) else (published.year if published else None)
        if year:
            return date(year, _month(match.group(1)), 1), "month"
    match = IN_YEAR.search(text)
    if match:
        return date(int(match.group(1)), 1, 1), "year"
    return None, "unknown"


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
    parser = None
    for text in texts:
        if _DURATION.match(text) or (published is None and not _YEAR.search(text)):
            continue
        if parser is None:
            parser = _parser(published)
        found = parser.get_date_data(text)
        if found.date_obj is None:
            continue
        when = found.date_obj.date()
        if found.period == "year":
            return date(when.year, 1, 1), "year"
        if found.period == "month":
            return date(when.year, when.month, 1), "month"
        return when, "day"
    return None, "unknown"
