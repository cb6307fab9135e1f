"""Figures a claim states: counts, ranges and money ("160 to 190 men", "$500 million")."""
import re

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "hundred": 100, "a hundred": 100, "a thousand": 1000}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9}
CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR"}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
_SCALE = r"(?:\s*(thousand|million|billion|bn|m)\b)?"
FIGURE = re.compile(
    rf"(?P<cur>[$£€])?\s?(?P<a>{_NUM}){_SCALE}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<cur2>[$£€])?(?P<b>{_NUM}){_SCALE.replace('(thousand', '(?P<s2>thousand')})?"
    r"(?P<pct>\s*(?:%|percent|per cent))?(?:\s+(?P<unit>[A-Za-z][a-z]+))?",
    re.IGNORECASE,
)
NOT_UNITS = {"and", "or", "of", "the", "to", "in", "on", "at", "a", "an", "were", "was", "are", "is", "had", "have",
             "has", "who", "that", "which", "by", "for", "from", "with", "people's"}
DATE_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)
DATE_AFTER = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def _value(raw: str, scale: str | None) -> float:
    raw = raw.lower()
    value = float(WORDS[raw]) if raw in WORDS else float(raw.replace(",", ""))
    return value * SCALE.get((scale or "").lower(), 1)


def _clean(value: float) -> int | float:
    return int(value) if value == int(value) else value


def find_numbers(text: str) -> list[dict]:
    """Figures in ``text``, leaving out dates and years."""
    found = []
    for m in FIGURE.finditer(text):
        if m.group("a") is None:
            continue
        before, after = text[: m.start("a")], text[m.end("a"):]
        if DATE_BEFORE.search(before[-12:]) or DATE_AFTER.match(after[:16]):
            continue  # June 11, 11 June
        a_raw = m.group("a")
        years = [g for g in (a_raw, m.group("b")) if g and re.fullmatch(r"(19|20)\d\d", g)]
        if years and not m.group("cur") and len(years) == len([g for g in (a_raw, m.group("b")) if g]):
            continue  # a year, or a span of years
        if not any(ch.isdigit() for ch in a_raw) and a_raw.lower() in ("one",) and not m.group("unit"):
            continue
        scale_a = m.group(3) if m.group("b") is None else (m.group(3) or m.group("s2"))
        low = _value(a_raw, scale_a)
        unit = (m.group("unit") or "").split()
        unit_word = unit[0].lower() if unit and unit[0].lower() not in NOT_UNITS else ""
        currency = CURRENCY.get(m.group("cur") or m.group("cur2") or "")
        if currency or m.group("pct"):
            unit_word = ""
        end = m.end("unit") if unit_word else max(i for i in (m.end("a"), m.end("b"), m.end(3), m.end("s2"),
                                                                  m.end("pct")) if i is not None and i >= 0)
        row: dict = {"text": text[m.start():end].strip()}
        if m.group("b"):
            high = _value(m.group("b"), m.group("s2") or m.group(3))
            if high < low:
                continue
            row.update(low=_clean(low), high=_clean(high))
        else:
            row["value"] = _clean(low)
        if currency:
            row["unit"] = currency
        elif m.group("pct"):
            row["unit"] = "percent"
        elif unit_word:
            row["unit"] = unit_word
        found.append(row)
    return found
