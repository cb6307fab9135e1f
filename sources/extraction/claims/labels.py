"""Attributions marked by punctuation instead of a reporting verb, as PolNeAR annotates them:

  speaker labels   Rush Limbaugh: Moderators are biased.   /   WALLACE: Governor, one question.
  headline labels  Poll: Voters Turn Against the Plan   /   Doe: 'We Will Not Back Down'
  epigraph dashes  “We deserve better.” ― Jane Doe

The colon or the dash is the cue, the name its source, the rest of the paragraph (or the
quotation before the dash) its content.
"""
from collections import Counter

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from ..types import EntityMention, token_indices

DASHES = {"―", "—", "–", "--"}
OPENING_MARKS = {'"', "“", "‘", "'", "``"}
CLOSING_MARKS = '"”’\''  # also read as a string of characters to strip
MAX_LABEL = 4  # words: a name, not a headline clause ("The outline of a strategy seems clear:")
MAX_HEADLINE_LABEL = 2
# Headline kickers that name a kind of piece, not who speaks: "Update: …", "Watch: …".
KICKERS = {"update", "updated", "exclusive", "analysis", "opinion", "editorial", "watch", "video", "photos", "live",
           "breaking", "correction", "review", "interview", "explainer", "factbox", "timeline", "listen", "podcast",
           "commentary", "essay", "letters", "obituary", "report", "special", "read", "quiz", "graphic", "audio"}


def _paragraph_end(doc: Doc, i: int) -> int:
    while i < len(doc) and not (doc[i].is_space and "\n" in doc[i].text):
        i += 1
    return i


def _paragraph_start(doc: Doc, i: int) -> int:
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text):
        i -= 1
    return i


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in "?!"):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def _is_caps_label(label: Span) -> bool:
    return len(label) == 1 and label[0].is_upper and label[0].is_alpha and len(label[0]) > 2


def _headline_label(doc: Doc, label: Span, colon: int) -> bool:
    """A headline's opening words before a colon name who speaks ("Poll: …", "Doe: …") when they
    open the document, are one or two capitalised words, not "The Latest" or another kicker, and a
    clause or a quotation follows."""
    if label.start != 0 or len(label) > MAX_HEADLINE_LABEL or label[0].pos_ == "DET" or \
            not all(t.is_alpha and (t.is_title or t.is_upper) for t in label) or label.text.lower() in KICKERS:
        return False
    after = doc[colon + 1:_paragraph_end(doc, colon + 1)]
    return any(t.pos_ in ("VERB", "AUX") for t in after) or any(t.text in OPENING_MARKS for t in after[:2])


def _is_colon(lower: str) -> bool:
    return lower == ":"


def _is_dash(lower: str) -> bool:
    return lower.lstrip(CLOSING_MARKS) in DASHES


def speaker_labels(doc: Doc, entities: list[EntityMention]) -> list[tuple[Span, Span, Span]]:
    """(cue, source, content) for a paragraph opening with a name and a colon. The name must be a
    person or organisation the entity step found, or a capitals label in a transcript (one that
    opens several paragraphs, or one of three or more such labels: "WALLACE:", "PENCE:"), so a
    lone "Correction:" or "Update:" is not a speaker."""
    colons = token_indices(doc, LOWER, _is_colon)
    candidates = []
    for i in colons:
        start = _paragraph_start(doc, i)
        while start < i and doc[start].text in OPENING_MARKS:
            start += 1
        label = doc[start:i]
        if not 0 < len(label) <= MAX_LABEL or i + 1 >= len(doc) or doc[i + 1].is_space:
            continue
        headline = _headline_label(doc, label, i)
        if any(t.pos_ != "PROPN" and not t.is_upper for t in label) and not headline:
            continue
        candidates.append((i, label, headline))
    caps = Counter(label.text for _, label, _ in candidates if _is_caps_label(label))
    found = []
    for i, label, headline in candidates:
        named = any(e.start <= label.start_char and label.end_char <= e.end and e.type in ("person", "organization")
                    for e in entities)
        transcript = caps[label.text] >= 2 or sum(caps.values()) >= 3
        if not named and not (_is_caps_label(label) and transcript) and not headline:
            continue
        content = _trim(doc, i + 1, _paragraph_end(doc, i + 1))
        if content is not None:
            found.append((doc[i:i + 1], label, content))
    return found


def epigraph_dashes(doc: Doc) -> list[tuple[Span, Span, Span]]:
    """(cue, source, content) for a quotation closed by a dash and a name: “…” ― Jane Doe."""
    dashes = token_indices(doc, LOWER, _is_dash)
    found = []
    for i in dashes:
        before = i - 1
        while before > 0 and doc[before].is_space and "\n" not in doc[before].text:
            before -= 1  # a no-break space between the quote and the dash
        if doc[i].text[0] not in CLOSING_MARKS and (before < 0 or doc[before].text not in CLOSING_MARKS):
            continue
        first = i + 1
        while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:
            first += 1
        stop = first
        while stop < len(doc) and (doc[stop].pos_ == "PROPN" or doc[stop].is_title) and not doc[stop].is_space:
            stop += 1
        source = doc[first:stop]
        if not 0 < len(source) <= MAX_LABEL + 1 or stop < len(doc) and not (
                doc[stop].is_space or doc[stop].text == "." and (stop + 1 == len(doc) or doc[stop + 1].is_space)):
            continue  # the name must end the paragraph
        content = _trim(doc, _paragraph_start(doc, i), i)
        if content is not None:
            found.append((doc[i:i + 1], source, content))
    return found
