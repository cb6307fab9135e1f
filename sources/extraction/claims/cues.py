"""The cue's own words, and the checks that a verb of wish, evidence or light meaning is a cue."""

from spacy.tokens import Span, Token

from .lexicon import (
    EVIDENCE,
    LIGHT_VERBS,
    OFFERING,
    PEOPLE_NOUNS,
    PREP_CUES,
    PREP_IN_CONTENT,
    SPEECH_NOUNS,
)

CHAIN_HEADS = {"go", "continue", "refuse", "decline", "appear", "seem", "try", "begin", "start", "fail", "resist",
               "stop", "manage", "attempt", "keep", "dare", "hasten", "rush", "proceed"}


CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}


def _cue_span(cue: Token) -> Span:
    """The cue with the words PolNeAR counts as part of it: auxiliaries, negation and adverbs
    right before the verb ("has also said", "did not deny", "is once again asking"), a particle
    after it ("pointed out"), and the preposition of "called for", "complained about"."""
    doc = cue.doc
    start = cue.i
    while start > 0:
        word = doc[start - 1]
        if word.head.i == cue.i and word.dep_ in CUE_LEFT or word.dep_ == "advmod" and word.head.dep_ == "advmod" \
                and word.head.head.i == cue.i:
            if word.tag_ == "WRB":
                break  # "when she said": the clause's, not the cue's
            start -= 1
        else:
            break
    head = cue.head
    if cue.dep_ in ("xcomp", "advcl") and head.i < cue.i and (head.lemma_ in CHAIN_HEADS or head.lemma_ == "able"
                                                               and head.head.lemma_ == "be"):
        # "went on to explain", "was able to tout", "could not resist pointing out": one cue
        chain = _cue_span(head.head if head.lemma_ == "able" else head)
        if all(t.i in (head.i, cue.i) or t.head.i in (head.i, cue.i) and t.dep_ in ("prt", "aux", "advmod")
               for t in doc[chain.end:start]):
            start = min(start, chain.start)
    end = cue.i + 1
    if cue.lemma_ in LIGHT_VERBS and cue.lemma_ not in OFFERING:
        noun = _speech_noun(cue)
        if noun is not None:  # "made the case", "put it", "made a strong condemnation of"
            end = noun.i + 1
            if noun.lower_ != "it":
                prep = next((c for c in noun.children if c.dep_ == "prep" and c.i == noun.i + 1), None)
                end += prep is not None and not any(c.dep_ in ("acl", "ccomp") for c in noun.children)
            return doc[start:end]
    for child in cue.children:
        if child.i == end and child.dep_ == "advmod" and child.tag_ == "RB" and child.lower_ not in ("also", "too"):
            end += 1  # "said sarcastically", "complain bitterly"
    for child in cue.children:
        if child.i == end and (child.dep_ == "prt" or child.dep_ == "prep" and cue.lemma_ not in PREP_IN_CONTENT
                               and child.lower_ in PREP_CUES.get(cue.lemma_, ())):
            end += 1
    return doc[start:end]


def _evidence(cue: Token) -> bool:
    """The subject is a poll, a study, a video …, or the participle hangs on one."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None and cue.dep_ == "acl":
        subject = cue.head
    return subject is not None and subject.lemma_.lower() in EVIDENCE


def _speech_noun(cue: Token) -> Token | None:
    """The noun of speech a light verb takes ("made the case", "put it"), "it" only for "put"."""
    noun = next((c for c in cue.children if c.dep_ in ("dobj", "obj") and c.i > cue.i), None)
    if noun is None or noun.lemma_.lower() not in SPEECH_NOUNS or (noun.lower_ == "it") != (cue.lemma_ == "put"):
        return None
    return noun


def _held_by_someone(cue: Token) -> bool:
    """The subject is a person or a body (a name or a personal pronoun), not "the plan wants"."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they", "we", "i", "you") or \
        subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lemma_ in PEOPLE_NOUNS


def _thing_as_subject(cue: Token) -> bool:
    """The subject is a thing, not someone who could take a stance: "this assistance will support
    local councils", "an environment that supports growth"."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if cue.dep_ in ("relcl", "acl") and (subject is None or subject.tag_ == "WDT"):
        subject = cue.head  # "an environment that supports …", "assistance supporting …"
    # A plural may be people of any kind ("farmers", "critics"): only a singular noun outside the
    # nouns of people and bodies is taken for a thing.
    return subject is not None and subject.tag_ == "NN" and subject.lemma_ not in PEOPLE_NOUNS and \
        subject.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")

