"""What a cue reports: its clause, quotation, object, preposition or the sentence round it."""

from spacy.tokens import Span, Token

from .cues import _evidence, _speech_noun
from .lexicon import (
    CUE_LEMMAS,
    DESIRE,
    EVIDENCE_VERBS,
    LIGHT_VERBS,
    NAMING,
    OBJECT_CUES,
    OBJECT_PREPS,
    OFFERING,
    PREP_CUES,
    PREP_IN_CONTENT,
    QUOTES,
    RESOLVE_NOUNS,
    SAYING,
    SPEECH_ACTS,
    SUBJECTS,
)
from .quotes import _near_quote, _paragraph_after_colon, _quoted, _region_quote
from .spans import _noun_phrase, _span, _subtree, _without_opener
from .speakers import _source


def _before_trailing_participle(root: Token, end: int) -> int:
    """"… would be harder, citing the costs": a reporting participle hung after a comma on the
    reported clause is the writer's, not part of what was reported."""
    doc = root.doc
    for child in root.children:
        if child.dep_ == "advcl" and child.i > root.i and child.right_edge.i + 1 >= end - 1 and \
                doc[child.left_edge.i - 1].text == "," and child.tag_ == "VBG" and child.left_edge.i == child.i \
                and child.lemma_ in CUE_LEMMAS:
            return child.left_edge.i - 1
    return end


def _before_own_cue(root: Token, end: int) -> int:
    """"said he would order a review and warned against hackers": the parser may hang the second
    report on the reported clause; a reporting verb with no subject of its own is the speaker's
    next claim, not part of this one."""
    doc = root.doc
    for child in root.children:
        if child.dep_ == "conj" and child.i > root.i and child.lemma_ in SPEECH_ACTS and \
                not any(c.dep_ in SUBJECTS for c in child.children):
            cut = child.left_edge.i
            while cut > root.i and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                cut -= 1
            return min(end, cut)
    return end


def _clause(cue: Token, sent: Span) -> Span | None:
    """The clause the cue governs: "said (that) …", "urged the blocs to agree"."""
    doc = sent.doc
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i != cue.i:
            start, end = _subtree(child)
            if child.dep_ == "xcomp":  # urged the blocs to agree: the object is part of what was urged
                objects = [c for c in cue.children if c.i < child.i and cue.i < c.i and (
                    c.dep_ in ("dobj", "obj") or c.dep_ == "prep" and c.lower_ == "on" and cue.lemma_ == "call")]
                if objects:
                    first = objects[0]
                    if first.dep_ == "prep":  # "called on the ministry to …": who, without the "on"
                        first = next((p for p in first.children if p.dep_ == "pobj"), first)
                    start = min(start, first.left_edge.i)
            # A clause that wraps round the cue ("When …, she said she …") is kept whole, the
            # source and cue inside it: PolNeAR marks the content from its first word to its last.
            if child.dep_ == "ccomp":
                end = _before_trailing_participle(child, end)
                end = _before_own_cue(child, end)
            if end <= cue.i:  # "However, the bridge will reopen, officials said.": without the connective
                return _without_opener(_span(doc, start, end), adverb_only=True)
            span = _span(doc, start, end)
            if span is not None:
                return span
    return None


def _bare_clause(cue: Token) -> Span | None:
    """"said after the convention he would not accept it": a clause with its own subject and no
    conjunction, parsed as an adverbial one, is what a verb of saying reports."""
    for child in cue.children:
        if child.dep_ == "advcl" and child.i > cue.i and child.pos_ in ("VERB", "AUX") and \
                not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in child.children):
            subject = next((c for c in child.children if c.dep_ in SUBJECTS and c.i < child.i), None)
            if subject is not None and subject.left_edge.i > cue.i:
                return _span(cue.doc, subject.left_edge.i, child.right_edge.i + 1)
    return None


WHEN_OR_WHERE = {"in", "on", "at", "during", "since", "after", "before", "while", "when", "then", "again"}


def _object(cue: Token) -> Span | None:
    """"criticized the plan", "called Clinton a champion", "described it as a disgrace",
    "called for a repeal"."""
    objects = [c for c in cue.children if c.dep_ in ("dobj", "obj") and c.i > cue.i]
    if not objects and cue.lemma_ == "call":
        objects = [c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == cue.i + 1]
        objects = [p for o in objects for p in o.children if p.dep_ == "pobj"]
    if not objects:
        return None
    doc = cue.doc
    start, end = _subtree(objects[0])
    for c in sorted(cue.children, key=lambda c: c.i):
        # what the object is called, accused of, blamed for, likened to: "blamed the floods on neglect",
        # and what else the verb says of it right after ("shows him with his hands up", "ahead by 3 points")
        if c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and (
                c.lower_ in ("as", "for", "of") or c.lower_ in OBJECT_PREPS.get(cue.lemma_, ()))):
            end = max(end, c.right_edge.i + 1)
        elif c.i == end and (c.dep_ in ("prep", "acomp", "ccomp") or c.dep_ == "advmod" and c.right_edge.i > c.i) \
                and not doc[c.left_edge.i].is_punct and c.lower_ not in WHEN_OR_WHERE:
            end = c.right_edge.i + 1
    return _span(doc, start, end, objects=True)


def _content(cue: Token, sent: Span, regions: list[tuple[int, int]] = ()) -> tuple[Span | None, str]:
    """What the cue reports, and how it was found: clause, quote, inverted or object."""
    doc = sent.doc
    after_colon = _paragraph_after_colon(sent, cue)
    if after_colon is not None:
        return after_colon, "quote"
    if cue.lemma_ in OFFERING and _speech_noun(cue) is not None:
        span = _object(cue)
        if span is not None:
            return span, "object"
    if cue.lemma_ in LIGHT_VERBS:
        noun = _speech_noun(cue)
        if noun is not None and noun.lower_ != "it":
            for child in noun.children:
                if child.i > noun.i and child.dep_ in ("acl", "ccomp", "relcl") and \
                        doc[child.left_edge.i].lower_ == "that":
                    return _span(doc, child.left_edge.i, child.right_edge.i + 1), "clause"
                if child.i > noun.i and child.dep_ == "prep" and child.lower_ in ("of", "about", "for", "against"):
                    objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                    if objects:
                        return _span(doc, objects[0].left_edge.i, child.right_edge.i + 1, objects=True), "object"
    clause = _clause(cue, sent)
    if _near_quote(sent, cue) or regions and cue.i - sent.start <= 6 and any(
            e <= sent.start_char and sent.start_char - e < 3 for b, e in regions):
        quoted = _region_quote(sent, cue, regions) if regions else None
        if quoted is None:
            quoted = _quoted(sent, cue)
        # '"…," the mayor said, adding that …': a clause of its own after the cue is what it reports.
        own_clause = any(c.dep_ == "ccomp" and c.i > cue.i and doc[c.left_edge.i].text not in QUOTES
                         for c in cue.children)
        if quoted is not None and not (own_clause and quoted.end <= cue.i):
            # 'said it was "a mistake" to …': a quoted phrase inside the reported clause or object
            # the quotation is what the cue reports only where it is the clause or object itself.
            syntactic = clause or (_object(cue) if cue.lemma_ in OBJECT_CUES else None)
            if syntactic is not None and (syntactic.start <= quoted.start and quoted.end <= syntactic.end or
                                          syntactic.start > cue.i and abs(quoted.start - syntactic.start) > 1 and
                                          not quoted.start < cue.i < quoted.end):
                return syntactic, "clause" if syntactic is clause else "object"
            return quoted, "quote"
    if clause is None and cue.lemma_ in SAYING:
        clause = _bare_clause(cue)
    if clause is not None:
        return clause, "clause"
    quoted = _quoted(sent, cue)
    if quoted is not None:
        syntactic = _object(cue) if cue.lemma_ in OBJECT_CUES else None
        if syntactic is None or quoted.start < cue.i:
            return quoted, "quote"
        return syntactic, "object"  # 'blasted the agency for its "slow" response': the object, not the quote
    head = cue.head
    left = cue.left_edge.i
    breaks = {",", ";", ":"} | QUOTES
    first, last = left, cue.right_edge.i  # the cue's words, without the commas round them
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    if cue.dep_ == "parataxis" and first > sent.start and doc[first - 1].text == "," and last + 1 < sent.end and \
            doc[last + 1].text == "," and any(not t.is_punct for t in doc[last + 1:head.right_edge.i + 1]):
        # Set off by commas inside what it reports: "The museum, she said, would open in May."
        return _span(doc, head.left_edge.i, head.right_edge.i + 1), "inverted"
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.children) \
            and not any(c.dep_ in ("dobj", "ccomp") and c.lower_ != "it" for c in cue.children) \
            and _source(cue) is not None \
            and "," in (doc[last + 1].text if last + 1 < len(doc) else "", doc[cue.right_edge.i].text):
        # "As experts have pointed out, Trump is free to …", "Hawaii, as one adviser noted, rarely …"
        start, end = head.left_edge.i, head.right_edge.i + 1
        if left == start:
            start = cue.right_edge.i + 1
        return _span(doc, start, end), "inverted"
    if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < cue.i and left > sent.start and \
            (doc[left].text in breaks or doc[left - 1].text in breaks) and \
            not (cue.lemma_ in OBJECT_CUES and any(c.dep_ in ("dobj", "obj") for c in cue.children)):
        # Inverted: "Support is wavering, the AP reported."
        return _without_opener(_span(doc, sent.start, left)), "inverted"
    wh = next((c for c in cue.children if c.dep_ in ("dobj", "attr", "oprd") and c.tag_ == "WP" and c.i < cue.i), None)
    if wh is not None and cue.lemma_ in NAMING:  # "what she called a rant": the relative, cue and source inside
        return _span(doc, wh.i, cue.right_edge.i + 1, objects=True), "object"
    if cue.lemma_ in OBJECT_CUES or cue.lemma_ in DESIRE or cue.lemma_ in EVIDENCE_VERBS and _evidence(cue):
        span = _object(cue) or (_passive(cue) if cue.lemma_ in OBJECT_CUES else None)
        if span is not None:
            return span, "object"
    span = _prepositional(cue)
    if span is not None:
        return span, "prep"
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if cue.dep_ == "ROOT" and cue.lemma_ in SAYING and subject is not None and subject.left_edge.i > sent.start \
            and doc[subject.left_edge.i - 1].text == "," and \
            all(t.is_punct or t.is_space for t in doc[cue.i + 1:sent.end]):
        # "People like Scott, he said.": a fragment the parser hung on the cue as a mere dependent
        return _span(doc, sent.start, subject.left_edge.i - 1), "inverted"
    return None, ""


PHYSICAL = {"attack", "blast", "slam", "hail", "question"}  # "the convoy was attacked": no stance


def _passive(cue: Token) -> Span | None:
    """"The plan was criticized by the council": what was criticized. Without an agent ("he was
    accused of fraud") PolNeAR marks the whole clause, the cue inside it."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None or cue.lemma_ in PHYSICAL or \
            subject.pos_ == "PRON" and subject.lower_ in ("it", "that", "which", "who"):
        return None
    if any(c.dep_ == "agent" for c in cue.children):
        return _noun_phrase(subject)
    end = max([cue.i + 1] + [c.right_edge.i + 1 for c in cue.children if c.i > cue.i and c.dep_ in (
        "prep", "oprd", "xcomp", "attr", "advcl", "ccomp")])
    return _span(cue.doc, subject.left_edge.i, end)


def _nominal(noun: Token) -> tuple[Span, Span | None] | None:
    """(content, source) of a reporting noun: its that-clause ("Trump's claim that …", "the
    allegation that …"), or the infinitive of a resolve with a possessor to say whose ("her
    determination to resign")."""
    doc = noun.doc
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
    source = doc[owner.left_edge.i:owner.right_edge.i + 1] if owner is not None else None
    name = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == noun.i - 1), None)
    # "Trump claims that …": a verb the tagger took for a noun, its subject a compound or nsubj
    subject = next((c for c in noun.children if c.dep_ == "nsubj" and c.i < noun.i), None)
    if source is None and subject is not None:
        source = _noun_phrase(subject)
    elif source is None and name is not None and noun.tag_ == "NNS":
        source = doc[name.left_edge.i:noun.i]
    for child in noun.children:
        if child.i <= noun.i:
            continue
        that = doc[child.left_edge.i]
        clause = child.dep_ in ("acl", "ccomp", "relcl") and that.lower_ == "that" and that.dep_ == "mark" and \
            child.left_edge.i == noun.i + 1
        resolve = noun.lemma_ in RESOLVE_NOUNS and owner is not None and child.dep_ == "acl" and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if clause or resolve:
            content = _span(doc, child.left_edge.i, child.right_edge.i + 1)
            return (content, source) if content is not None else None
    return None


def _prepositional(cue: Token) -> Span | None:
    """"complained about the noise", "spoke out against the plan", "responded with a lawsuit"."""
    preps = PREP_CUES.get(cue.lemma_)
    if not preps:
        return None
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > cue.i and \
                all(t.dep_ in ("prt", "advmod", "npadvmod") or t.is_space for t in cue.doc[cue.i + 1:child.i]):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                start = child.i if cue.lemma_ in PREP_IN_CONTENT else objects[0].left_edge.i
                return _span(cue.doc, start, child.right_edge.i + 1, objects=True)
    return None


def _according_to(sent: Span) -> list[tuple[Span, Span, Span]]:
    """(cue, source, content) for "according to X" in a sentence."""
    found = []
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(sent.doc) or sent.doc[token.i + 1].lower_ != "to":
            continue
        to = sent.doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = sent.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1]
        cue = sent.doc[token.i:token.i + 2]
        if token.i <= sent.start + 1:
            content = _span(sent.doc, source.end, sent.end)
        else:
            content = _without_opener(_span(sent.doc, sent.start, token.i))
        if content is not None:
            found.append((cue, source, content))
    return found


POLLS = {"poll", "survey", "study"}


def _in_a_poll(sent: Span) -> list[tuple[Span, Span, Span]]:
    """(cue, source, content) for "In this poll, Trump rose a point" and "Trump fared well in the
    polls": a poll's finding stated as a fact of the sentence whose main verb the "in" qualifies."""
    found = []
    doc = sent.doc
    for token in sent:
        head = token.head
        if token.lower_ != "in" or token.dep_ != "prep" or head.dep_ != "ROOT" or head.pos_ not in ("VERB", "AUX") \
                or head.lemma_ in CUE_LEMMAS:
            continue
        poll = next((c for c in token.children if c.dep_ == "pobj"), None)
        if poll is not None and poll.lemma_ == "one":  # "in one of the first polls"
            poll = next((g for c in poll.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), poll)
        if poll is None or poll.lemma_.lower() not in POLLS:
            continue
        if token.i < head.i:
            content = _span(doc, token.right_edge.i + 1, sent.end)
        else:
            content = _span(doc, sent.start, token.i)
        if content is not None:
            found.append((doc[token.i:token.i + 1], _noun_phrase(next(c for c in token.children if c.dep_ == "pobj")),
                          content))
    return found

