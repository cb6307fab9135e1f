"""What a claim asserts: its polarity (a denial, and the narrower content it denies) and whether its
content is a verbatim quotation."""
from spacy.tokens import Token

from ..types import ClaimFound
from .document import _Document
from .lexicon import DENIAL_CUES, FALSE_WORDS, REJECTION_CUES, REPORT_NOUNS, TRUE_WORDS


def _denial(doc: _Document, claim: ClaimFound, cue: Token | None) -> tuple[str, tuple[int, int] | None]:
    """Polarity, and the narrower content a denial is about ("rejected reports that X": X)."""
    if cue is None:
        return "asserted", None
    lemma = cue.lemma_.lower()
    content = doc.span(*claim.content)
    if content is None:
        return "asserted", None
    narrowed = _what_is_reported(content.root)
    if lemma in DENIAL_CUES:
        return "denied", narrowed
    if lemma in REJECTION_CUES:
        if content.root.lemma_.lower() in REPORT_NOUNS or content.root.pos_ in ("VERB", "AUX"):
            return "denied", narrowed
        return "asserted", None
    # "said X was not true", "said the reports were baseless"
    clause = content.root
    if clause.lemma_ == "be":
        attributes = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
        negated = any(c.dep_ == "neg" for c in clause.children)
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if attributes and subjects:
            word = attributes[0].lower_
            if word in FALSE_WORDS and not negated or word in TRUE_WORDS and negated:
                subject = subjects[0]
                inner = _what_is_reported(subject)
                return "denied", inner or (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
    return "asserted", None


def _what_is_reported(token: Token) -> tuple[int, int] | None:
    """The clause of "reports that X", "claims that X": X's characters."""
    if token.lemma_.lower() not in REPORT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(g.lower_ == "that" and g.dep_ == "mark"
                                                          for g in child.children):
            start = child.left_edge
            if start.lower_ == "that":
                start = start.doc[start.i + 1]
            end = child.right_edge
            return start.idx, end.idx + len(end)
    return None


def _is_quoted(doc: _Document, claim: ClaimFound) -> bool:
    """Verbatim only when every word of the content lies inside quotation marks. A content only
    partly quoted ('would "never accept" a change') is reported speech, so False; words between two
    quotations that are the claim's own source and cue ('"A," she said. "B"') do not count."""
    start, end = claim.content
    covering = [(max(b, start), min(e, end)) for b, e in doc.regions if b < end and start < e]
    if not covering:
        return False
    own = [claim.cue] + ([claim.source] if claim.source else [])
    position = start
    for b, e in covering + [(end, end)]:
        gap = doc.text[position:b] if b > position else ""
        if any(ch.isalnum() for ch in gap):
            gap_words = [w.strip(".,;:!?\"“”'") for w in gap.split()]
            owned = " ".join(doc.text[s:t] for s, t in own)
            if any(w and w not in owned.split() for w in gap_words):
                return False
        position = max(position, e)
    return True
