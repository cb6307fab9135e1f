"""Quotations: where they are in the text, which one a cue introduces or closes."""

import re

from spacy.tokens import Doc, Span, Token

from ..types import doc_text
from .lexicon import QUOTES
from .spans import _span


def _quoted(sent: Span, cue: Token) -> Span | None:
    """The quotation in the sentence that does not contain the cue."""
    marks = [t.i for t in sent if t.text in QUOTES]
    best = None
    for a, b in zip(marks[::2], marks[1::2]):
        if a < cue.i < b:
            continue
        candidate = _span(sent.doc, a + 1, b)
        if candidate is not None and (best is None or len(candidate) > len(best)):
            best = candidate
    if best is None and len(marks) == 1 and marks[0] < cue.i:
        # A quotation that began in an earlier sentence and closes here: from its opening mark.
        doc = sent.doc
        opening = next((t.i for t in reversed(doc[max(0, sent.start - 120):sent.start]) if t.text in QUOTES), None)
        if opening is not None and "\n" not in doc[opening:sent.start].text:
            best = _span(doc, opening + 1, marks[0])
        else:
            best = _span(doc, sent.start, marks[0])
    return best


OPENING, CLOSING = {"“", "«"}, {"”", "»"}


_QUOTE_OR_BREAK = re.compile('[\n"“”«»]')
_REGIONS = "briefwiki.quote_regions"


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations in a text, marks included, paragraph by paragraph: curly
    marks open and close, a straight one toggles; a quotation still open at a paragraph's end runs
    to it (a quote carried over several paragraphs). Two apostrophes ('') are read as a straight
    double mark, as some wires and archives type them. Only the marks and line breaks are read
    (a regular expression finds them), not every character."""
    if "''" in text:
        text = text.replace("''", '" ')  # same length, so the ranges still index the text
    regions = []
    start = None
    for match in _QUOTE_OR_BREAK.finditer(text):
        i, ch = match.start(), match.group()
        if ch == "\n":
            if start is not None and text[start:i].strip(' "“«'):
                regions.append((start, i))
            start = None
        elif ch in OPENING or ch == '"' and start is None:
            start = i
        elif start is not None:
            regions.append((start, i + 1))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def doc_quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """``quote_regions`` of the document's text, found once per document (the claim rules and
    the attribution step both read them)."""
    regions = doc.user_data.get(_REGIONS)
    if regions is None:
        regions = doc.user_data[_REGIONS] = quote_regions(doc_text(doc))
    return regions


def _inside(regions: list[tuple[int, int]], at: int) -> bool:
    return any(b < at < e for b, e in regions)


def _paragraph_after_colon(sent: Span, cue: Token) -> Span | None:
    """"The governor added:" closing a paragraph: what he added is the next paragraph."""
    doc = sent.doc
    after = cue.i + 1
    if after + 1 < len(doc) and doc[after].text == ":" and doc[after + 1].is_space and "\n" in doc[after + 1].text:
        text = doc_text(doc)
        begin = doc[after + 1].idx + len(doc[after + 1].text)
        end = text.find("\n", begin)
        end = len(text) if end < 0 else end
        span = doc.char_span(begin, end, alignment_mode="expand")
        return _span(doc, span.start, span.end) if span is not None else None
    return None


def _split(text: str, first: tuple[int, int], second: tuple[int, int], at: int) -> bool:
    """Two parts of one quotation with the cue between them: '“…,” she said, “…”'."""
    before, after = text[first[1]:at], text[at:second[0]]
    return text[first[0]:first[1]].rstrip('"”»’\' ')[-1:] == "," and after.rstrip()[-1:] == "," and \
        len(before) + len(after) < 150 and not any(q in before + after for q in '\n"“”«»')


def _region_quote(sent: Span, cue: Token, regions: list[tuple[int, int]]) -> Span | None:
    """The quotation a cue introduces or closes, whole even where it runs over several sentences,
    with the next quoted sentence when the speaker goes on after the cue ('“…,” she said. “…”')."""
    doc = sent.doc
    text = doc_text(doc)
    at = cue.idx
    inside = [(b, e) for b, e in regions if b < sent.end_char and sent.start_char < e and not b <= at < e]
    if not inside:
        # '“…?” Vitter demanded.': the quotation ended the sentence before, which the source and cue follow.
        before = [(b, e) for b, e in regions if e <= sent.start_char and sent.start_char - e < 3
                  and "\n" not in text[e:sent.start_char]]
        if before and cue.i - sent.start <= 6:
            inside = before[-1:]
    if not inside:
        return None
    begin, end = max(inside, key=lambda r: r[1] - r[0])
    if begin > at:
        # '“…,” he said, “…”' with the longer part after the cue: the quotation begins before it.
        split = [(b, e) for b, e in inside if e <= at and _split(text, (b, e), (begin, end), at)]
        if split:
            begin = split[-1][0]
    if end <= at:
        later = [(b, e) for b, e in regions if b > at]
        if later:
            b, e = later[0]
            between = text[at:b]
            rest = text[e:text.find("\n", e) if "\n" in text[e:] else len(text)]
            inner = text[b:e].rstrip('"”»’\' ')
            if "\n" not in between and len(between) < 300 and between.rstrip()[-1:] in ".!?" and \
                    (not rest.strip() or inner[-1:] in ".?!") or \
                    b < sent.end_char and _split(text, (begin, end), (b, e), at):
                end = e
            elif between.count("\n") == 1 + between.count("\n\n") and between.split("\n")[0].rstrip()[-1:] in ".!?" \
                    and not between.split("\n", 1)[1].strip() and not rest.strip() and "\n" not in text[b:e].strip():
                # '"…," he said.' then a paragraph that is all quotation: the speaker goes on
                end = e
    span = doc.char_span(begin, end, alignment_mode="expand")
    return _span(doc, span.start, span.end) if span is not None else None


def _near_quote(sent: Span, cue: Token) -> bool:
    """The cue stands right by a quotation: '…," she said' or 'said: "…'."""
    doc = sent.doc
    window = [doc[i] for i in range(max(sent.start, cue.i - 6), min(sent.end, cue.i + 4))]
    return any(t.text in QUOTES for t in window)
