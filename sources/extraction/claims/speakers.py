"""Who reports: the source of a cue."""

from spacy.tokens import Span, Token

from .lexicon import CUE_LEMMAS, SAYING, SPEECH_ACTS, SUBJECTS
from .spans import _noun_phrase, _noun_phrase_in


def _source(cue: Token) -> Span | None:
    for child in cue.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass" or child.lower_ == "it" and child.dep_ == "nsubj" and cue.lemma_ == "report":
                # "It was reported that…": no named source, but "was criticized by the council": the council
                agent = next((a for c in cue.children if c.dep_ == "agent"
                              for a in c.children if a.dep_ == "pobj"), None)
                return _noun_phrase(agent) if agent is not None else None
            if child.lower_ == "that" and child.tag_ == "WDT" and cue.dep_ == "relcl":
                # "rules that promise to …": the rules, as PolNeAR marks them
                return _noun_phrase_in(cue.doc[cue.head.left_edge.i:cue.left_edge.i])
            return _noun_phrase(child)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _noun_phrase_in(cue.doc[cue.head.left_edge.i:cue.left_edge.i])  # "a statement announcing …"
    if cue.dep_ == "conj" and cue.head.lemma_ in CUE_LEMMAS:
        return _source(cue.head)  # "…, she said and added that …"
    if cue.dep_ == "conj" and cue.lemma_ in SPEECH_ACTS and cue.head.dep_ == "ccomp" and \
            cue.head.head.lemma_ in CUE_LEMMAS:
        return _source(cue.head.head)  # "she said the talks failed and warned …": she warned
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep" and cue.head.head.pos_ in ("VERB", "AUX"):
        return _source(cue.head.head)  # "…, by telling them that …"
    if cue.dep_ == "xcomp" and infinitive:  # "forced Stumpf to admit": the one made to speak
        made = [c for c in cue.head.children if c.dep_ in ("dobj", "obj") and c.i < cue.i]
        if made and cue.head.lemma_ not in CUE_LEMMAS:
            return _noun_phrase(made[0])
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.dep_ == "ccomp" and cue.head.head.lemma_ in SAYING:
        return _source(cue.head.head)  # "she said the bridge would reopen, citing the report": she cites
    if (cue.dep_ in ("xcomp", "conj") or cue.dep_ == "advcl" and (infinitive or cue.tag_ == "VBG")) \
            and cue.head.pos_ in ("VERB", "AUX"):
        return _source(cue.head) if cue.head.lemma_ != cue.lemma_ else None  # "Hayden went on to reaffirm…"
    return None


def _speaker_outside_quote(cue: Span, source: Span, regions: list[tuple[int, int]]) -> Span | None:
    """'"…, one of the best," Rep. Jane Doe said': the parser took words of the quotation for the
    subject; the speaker is what stands between the quotation and the cue, or right after it."""
    doc = cue.doc
    region = next(((b, e) for b, e in regions if b <= source.start_char < e), None)
    if region is None or region[1] > cue.start_char:
        return None
    between = doc.char_span(region[1], cue.start_char, alignment_mode="contract")
    if between is not None:
        words = _noun_phrase_in(between)
        if words is not None:
            return words
    after = [c for c in cue.root.children if c.i > cue.root.i and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod")
             and c.pos_ in ("PROPN", "NOUN")]
    return _noun_phrase(after[0]) if after else None
