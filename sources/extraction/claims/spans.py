"""Span helpers: trimming edges, a noun phrase as PolNeAR marks a source, openers."""

from spacy.tokens import Doc, Span, Token

from .lexicon import QUOTES


def _span(doc: Doc, start: int, end: int, objects: bool = False) -> Span | None:
    """Tokens [start, end) without edge punctuation (but a final "?" or "!") or quotes. A leading complementizer 'that'
    stays: PolNeAR counts it as part of the content."""
    while start < end and (doc[start].is_punct or doc[start].text in QUOTES or doc[start].is_space):
        start += 1
    # A closing "?" or "!" is part of what was said (the scorer trims only stops and commas).
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("?", "!")
                           or doc[end - 1].text in QUOTES or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= (1 if objects else 2) else None


def _subtree(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _noun_phrase(head: Token) -> Span:
    """The words naming a source as PolNeAR marks them: an appositive stays ("Jane Doe, a
    spokeswoman for the council"), a clause after a comma goes ("Mr. Doe, who chairs the
    panel,", "Doe, speaking to reporters,"), and so do a leading "even" and edge spaces."""
    doc = head.doc
    start, end = _subtree(head)
    for child in head.children:
        first = child.left_edge.i if doc[child.left_edge.i].is_punct else child.left_edge.i - 1
        if child.i > head.i and (child.dep_ in ("acl", "advcl", "parataxis") or child.dep_ == "appos" and
                                 doc[first].text == "(" and any(t.pos_ == "VERB" for t in child.subtree)) and \
                doc[first].text in (",", "(", "--", "—"):
            end = min(end, first)
        elif child.i < head.i and child.dep_ in ("advmod", "preconj") and child.i == start:
            start = child.right_edge.i + 1
    dash = next((t.i for t in doc[start:head.i] if t.text in ("--", "—", "―")), None)
    if dash is not None and all(t.is_upper or t.is_punct or t.is_space for t in doc[start:dash]):
        start = dash + 1  # a dateline: "WASHINGTON -- President Obama"
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (")", ".") or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end] if end > start else doc[head.i:head.i + 1]


def _noun_phrase_in(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    words = doc[start:end]
    return words if 0 < len(words) <= 15 and any(t.pos_ in ("PROPN", "NOUN") for t in words) else None


def _without_opener(span: Span | None, adverb_only: bool = False) -> Span | None:
    """A sentence reported from its start, without the connective that ties it to the one before
    ("But", "However,", "In addition,"): PolNeAR leaves it out of the content."""
    if span is None:
        return None
    doc = span.doc
    start = span.start
    if doc[start].dep_ == "cc" and not adverb_only or doc[start].dep_ == "advmod" and doc[start].tag_ == "RB" and \
            doc[start].head.pos_ in ("VERB", "AUX") and doc[start].lower_ not in ("not", "never", "only"):
        start += 1
    comma = next((t.i for t in doc[start:min(start + 5, span.end)] if t.text == ","), None)
    openers = ("advmod",) if adverb_only else ("prep", "advcl", "advmod", "mark")
    if comma is not None and doc[start].dep_ in openers and \
            doc[start].head.i >= comma:
        start = comma + 1
    return _span(doc, start, span.end) if start > span.start else span
