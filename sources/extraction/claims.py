"""Attributed statements: who said what, in every common reported-speech form.

  direct quotes         "…," Barzani said. / Barzani said: "…"
  that-clauses          officials said (that) militants attacked the convoy
  told                  sources told Reuters that all 69 were killed
  according to          according to HRW, the toll is higher
  other cue verbs       urged / warned / denied / claimed / added / insisted / accused …
  inverted              support is wavering, The Associated Press reported.
  passive               it was reported that …
The cue is the reporting word, the source its subject (pronouns resolved to the last person
named), the content the clause or quotation reported.
"""
from bisect import bisect_left
from datetime import date

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from .dates import resolve_date
from .labels import epigraph_dashes, speaker_labels
from .numbers import find_numbers
from .types import ClaimFound, EntityMention, doc_text, token_indices

CUE_LEMMAS = {
    "say", "tell", "report", "claim", "urge", "warn", "deny", "add", "state", "announce", "insist", "accuse",
    "confirm", "allege", "acknowledge", "argue", "assert", "declare", "explain", "note", "indicate", "reveal",
    "stress", "emphasise", "emphasize", "estimate", "predict", "vow", "pledge", "promise", "threaten", "demand",
    "describe", "admit", "comment", "complain", "concede", "contend", "maintain", "reiterate", "reaffirm",
    "respond", "reply", "write", "tweet", "believe", "think", "fear", "suggest", "caution", "boast", "charge",
    "dismiss", "recall", "agree", "predict", "signal", "hint", "testify", "brief", "inform", "assure",
    "call", "ask", "order", "instruct", "advise", "criticise", "criticize", "condemn", "welcome",
    "continue", "conclude", "expect", "show", "plan", "intend", "decline", "refuse", "propose", "blast", "reject",
    "endorse", "oppose", "praise", "blame", "characterize", "characterise", "cite", "recommend", "question",
    # naming, discussing or attacking something is a stance PolNeAR marks, with the thing as content
    "mention", "reference", "discuss", "attack", "express", "highlight", "denounce", "echo", "liken",
    "compare", "label", "dub", "slam", "decry", "deride", "dispute", "contradict", "applaud", "hail", "tout",
    "mock", "defend", "lament", "acknowledge", "concede", "point",
}
# Verbs of finding, knowing and feeling report only a that-clause: "the study found that …", not
# "police found the car".
CLAUSE_ONLY = {"find", "learn", "hope", "feel", "worry", "realize", "realise", "recognize", "recognise",
               "understand", "doubt", "suspect", "assume", "decide", "rule", "discover", "guess", "wonder",
               "imagine", "know"}
# Verbs whose stance takes a preposition: "complained about the noise", "pointed to the report".
PREP_CUES = {
    "respond": {"to", "with", "by"}, "react": {"to"}, "complain": {"about", "of"}, "comment": {"on"},
    "speak": {"about", "of", "against"}, "talk": {"about"}, "agree": {"with", "on"}, "believe": {"in"},
    "warn": {"against", "about", "of"}, "point": {"to"}, "refer": {"to"}, "rail": {"against"},
    "argue": {"for", "against"}, "push": {"for"}, "lobby": {"for"}, "advocate": {"for"}, "insist": {"on"},
    "boast": {"about", "of"}, "brag": {"about"}, "joke": {"about"}, "object": {"to"}, "apologize": {"for"},
    "apologise": {"for"}, "campaign": {"for", "against"}, "testify": {"about"}, "call": {"for", "on"},
}
PREP_ONLY = {"react", "speak", "talk", "refer", "rail", "push", "lobby", "advocate", "brag", "joke", "object",
             "apologize", "apologise", "campaign"}  # cues only with their preposition
PREP_IN_CONTENT = {"respond", "react"}  # "responded with attacks": PolNeAR leaves the preposition to the content
CUE_LEMMAS |= CLAUSE_ONLY | set(PREP_CUES)
# Nouns that report: "Trump's claim that …", "her decision to …", "his criticism of …".
NOUN_CUES = {
    "claim", "charge", "allegation", "assertion", "argument", "statement", "suggestion", "warning", "promise",
    "pledge", "insistence", "acknowledgment", "acknowledgement", "admission", "accusation", "belief", "view",
    "hope", "fear", "determination", "decision", "plan", "proposal", "vow", "threat", "demand", "criticism",
    "comment", "remark", "report", "announcement", "conclusion", "finding", "estimate", "prediction", "bet",
    "contention", "assessment", "position", "call", "denial", "complaint", "concern", "endorsement", "praise", "condemnation", "effort", "refusal", "eagerness", "willingness",
    "desire", "intention", "commitment", "recommendation", "request", "theory", "implication",
}
# A wish is a stance PolNeAR marks when someone holds it: "Clinton wants to expand the program".
DESIRE = {"want", "wish"}
PEOPLE_NOUNS = {"voter", "official", "leader", "people", "democrat", "republican", "critic", "supporter", "expert",
                "lawmaker", "senator", "campaign", "administration", "government", "party", "group", "union",
                "governor", "mayor", "president", "minister", "candidate", "nominee", "spokesman", "spokeswoman",
                "chief", "director", "member", "resident", "activist", "analyst", "economist", "police", "family",
                "company", "committee", "council", "court", "judge", "prosecutor", "lawyer", "parent", "student",
                "worker", "citizen", "administration", "agency", "ministry", "country", "state", "city"}
# Evidence "shows" what it shows: "Polls show a close race", "video showing him with his hands up".
EVIDENCE = {"poll", "survey", "study", "data", "video", "footage", "record", "analysis", "report", "figure",
            "number", "average", "research", "document", "evidence", "statistic", "tally", "census", "audit",
            "review", "chart", "map", "image", "photo", "photograph", "recording", "tape", "transcript"}
EVIDENCE_VERBS = {"show", "reveal", "indicate", "suggest", "confirm", "find"}
CUE_LEMMAS |= DESIRE
# "made the case that …", "offered some advice to …", "issued a condemnation of …": a verb that
# says little with a noun of speech that says what kind of report it is.
LIGHT_VERBS = {"make", "offer", "issue", "give", "deliver", "voice", "raise", "lodge", "level", "pose", "share", "put"}
SPEECH_NOUNS = {
    "case", "claim", "argument", "point", "comment", "remark", "statement", "reference", "accusation", "promise",
    "pledge", "vow", "threat", "appeal", "plea", "demand", "charge", "allegation", "announcement", "prediction",
    "suggestion", "observation", "condemnation", "criticism", "assessment", "advice", "proposal", "apology",
    "warning", "assurance", "guarantee", "admission", "objection", "complaint", "recommendation", "endorsement",
    "concern", "doubt", "question", "it",
}
CUE_LEMMAS |= LIGHT_VERBS
RESOLVE_NOUNS = {"determination", "eagerness", "willingness", "vow", "pledge", "promise", "threat"}
SPEECH_ACTS = {"say", "add", "warn", "suggest", "urge", "argue", "insist", "note", "tell", "vow", "pledge", "call",
               "accuse", "predict", "promise", "stress", "emphasize", "emphasise", "acknowledge", "concede"}
NAMING = {"call", "describe", "label", "dub", "term", "characterize", "characterise"}
SAYING = {"say", "tell", "add", "write", "explain", "argue", "insist", "claim", "warn", "note", "report", "state"}
QUOTE_ONLY = {"continue", "conclude"}  # "…," he continued: only with a quotation
OBJECT_CUES = {"deny", "confirm", "claim", "announce", "report", "dismiss", "reveal", "acknowledge", "admit",
               "reaffirm", "reiterate", "criticise", "criticize", "condemn", "blast", "reject", "endorse", "oppose",
               "praise", "blame", "describe", "characterize", "characterise", "cite", "propose", "demand", "urge",
               "recommend", "question", "accuse", "call", "note", "suggest", "explain", "promise", "declare",
               "indicate", "mention", "reference", "discuss", "attack", "express", "highlight", "denounce",
               "echo", "liken", "compare", "label", "dub", "slam", "decry", "deride", "dispute", "contradict",
               "applaud", "hail", "tout", "mock", "defend", "lament", "warn", "argue", "predict",
               "estimate", "vow", "pledge", "stress", "emphasize", "emphasise", "tweet", "write", "deny"}
OBJECT_PREPS = {"blame": {"on"}, "liken": {"to"}, "compare": {"to", "with"}}
NO_OBJECT = {"believe", "think", "fear", "agree", "ask", "welcome", "recall", "add"}  # without a clause
                                                                                        # no attribution
SUBJECTS = {"nsubj", "nsubjpass"}
RELAY_VERBS = {"report", "tell", "inform", "brief"}
QUOTES = {'"', "“", "”", "«", "»", "''", "``"}
PRONOUN_PEOPLE = {"he", "she", "him", "her"}


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
    if cue.lemma_ in LIGHT_VERBS:
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


def _subtree(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


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


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations in a text, marks included, paragraph by paragraph: curly
    marks open and close, a straight one toggles; a quotation still open at a paragraph's end runs
    to it (a quote carried over several paragraphs). Two apostrophes ('') are read as a straight
    double mark, as some wires and archives type them."""
    if "''" in text:
        text = text.replace("''", '" ')  # same length, so the ranges still index the text
    regions = []
    start = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if start is not None and text[start:i].strip(' "“«'):
                regions.append((start, i))
            start = None
        elif ch in OPENING or ch == '"' and start is None:
            start = i
        elif (ch in CLOSING or ch == '"') and start is not None:
            regions.append((start, i + 1))
            start = None
    if start is not None:
        regions.append((start, len(text)))
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
                    (not rest.strip() or inner[-1:] in ".?!") or b < sent.end_char and _split(text, (begin, end), (b, e), at):
                end = e
    span = doc.char_span(begin, end, alignment_mode="expand")
    return _span(doc, span.start, span.end) if span is not None else None


def _near_quote(sent: Span, cue: Token) -> bool:
    """The cue stands right by a quotation: '…," she said' or 'said: "…'."""
    doc = sent.doc
    window = [doc[i] for i in range(max(sent.start, cue.i - 6), min(sent.end, cue.i + 4))]
    return any(t.text in QUOTES for t in window)


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


def _object(cue: Token) -> Span | None:
    """"criticized the plan", "called Clinton a champion", "described it as a disgrace",
    "called for a repeal"."""
    objects = [c for c in cue.children if c.dep_ in ("dobj", "obj") and c.i > cue.i]
    if not objects and cue.lemma_ == "call":
        objects = [c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == cue.i + 1]
        objects = [p for o in objects for p in o.children if p.dep_ == "pobj"]
    if not objects:
        return None
    start, end = _subtree(objects[0])
    for c in cue.children:
        # what the object is called, accused of, blamed for, likened to: "blamed the floods on neglect"
        if c.i > objects[0].i and (c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and (
                c.lower_ in ("as", "for", "of") or c.lower_ in OBJECT_PREPS.get(cue.lemma_, ()))):
            end = max(end, c.right_edge.i + 1)
    return _span(cue.doc, start, end, objects=True)


def _content(cue: Token, sent: Span, regions: list[tuple[int, int]] = ()) -> tuple[Span | None, str]:
    """What the cue reports, and how it was found: clause, quote, inverted or object."""
    doc = sent.doc
    after_colon = _paragraph_after_colon(sent, cue)
    if after_colon is not None:
        return after_colon, "quote"
    if cue.lemma_ in LIGHT_VERBS:
        noun = _speech_noun(cue)
        if noun is not None and noun.lower_ != "it":
            for child in noun.children:
                if child.i > noun.i and child.dep_ in ("acl", "ccomp", "relcl") and doc[child.left_edge.i].lower_ == "that":
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
            and not any(c.dep_ in ("dobj", "ccomp") and c.lower_ != "it" for c in cue.children) and _source(cue) is not None \
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
            and doc[subject.left_edge.i - 1].text == "," and all(t.is_punct or t.is_space for t in doc[cue.i + 1:sent.end]):
        # "People like Scott, he said.": a fragment the parser hung on the cue as a mere dependent
        return _span(doc, sent.start, subject.left_edge.i - 1), "inverted"
    return None, ""


PHYSICAL = {"attack", "blast", "slam", "hail", "question"}  # "the convoy was attacked": no stance


def _passive(cue: Token) -> Span | None:
    """"The plan was criticized by the council": what was criticized. Without an agent ("he was
    accused of fraud") PolNeAR marks the whole clause, the cue inside it."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None or cue.lemma_ in PHYSICAL or subject.pos_ == "PRON" and subject.lower_ in ("it", "that", "which", "who"):
        return None
    if any(c.dep_ == "agent" for c in cue.children):
        return _noun_phrase(subject)
    end = max([cue.i + 1] + [c.right_edge.i + 1 for c in cue.children if c.i > cue.i and c.dep_ in (
        "prep", "oprd", "xcomp", "attr", "advcl", "ccomp")])
    return _span(cue.doc, subject.left_edge.i, end)


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


def _source(cue: Token) -> Span | None:
    for child in cue.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass" or child.lower_ == "it" and child.dep_ == "nsubj" and cue.lemma_ == "report":
                # "It was reported that…": no named source, but "was criticized by the council": the council
                agent = next((a for c in cue.children if c.dep_ == "agent" for a in c.children if a.dep_ == "pobj"), None)
                return _noun_phrase(agent) if agent is not None else None
            return _noun_phrase(child)
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
    if comma is not None and doc[start].dep_ in (("advmod",) if adverb_only else ("prep", "advcl", "advmod", "mark")) and \
            doc[start].head.i >= comma:
        start = comma + 1
    return _span(doc, start, span.end) if start > span.start else span


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


def _entity_at(entities: list[EntityMention], start: int, end: int, head_char: int | None = None):
    inside = [e for e in entities if e.start < end and start < e.end and e.mention != "pronoun"]
    people = [e for e in inside if e.type == "person" and e.link is not None]
    if people:  # "Iraq's top cleric, Ali Sistani": the person, not the place qualifying them
        return people[-1]
    if head_char is not None:
        for e in inside:
            if e.start <= head_char < e.end:
                return e
    linked = [e for e in inside if e.link is not None]
    return (linked or inside or [None])[0]


def _last_person(entities: list[EntityMention], before: int) -> EntityMention | None:
    people = [e for e in entities if e.type == "person" and e.end <= before and e.mention == "name"]
    return people[-1] if people else None


def _relay(sent: Span, entities: list[EntityMention]):
    """A news outlet that carries the sentence's statements: "told Reuters", "AP reported"."""
    for token in sent:
        if token.lemma_ in RELAY_VERBS or (token.lower_ == "according"):
            for child in list(token.children) + [g for c in token.children for g in c.children]:
                if child.dep_ in ("dobj", "dative", "nsubj", "pobj", "obj", "iobj"):
                    entity = _entity_at(entities, child.idx, child.idx + len(child.text))
                    if entity and entity.link and entity.link.kind == "media_outlet":
                        return entity.link
    return None


DEICTIC = {"the city": {"city"}, "the town": {"city"}, "the country": {"country", "state"},
           "the province": {"province"}, "the region": {"area", "province"}}
DEICTIC_WINDOW = 800


def _deictic_places(content: Span, entities: list[EntityMention]) -> list[EntityMention]:
    """"…back to the city": the last city named shortly before (a light coreference)."""
    text = content.text.lower()
    found = []
    for phrase, kinds in DEICTIC.items():
        at = text.find(phrase)
        if at >= 0:
            named_here = [e for e in entities if e.link is not None and e.link.kind in kinds
                          and content.start_char <= e.start < content.start_char + at]
            if named_here:
                continue  # "…in Tikrit after seizing the city": the city is the one just named
            before = [e for e in entities if e.link is not None and e.link.kind in kinds
                      and content.start_char - DEICTIC_WINDOW <= e.start < content.start_char]
            if before:
                found.append(before[-1])
    return found


def find_claims(doc: Doc, entities: list[EntityMention], published: date | None) -> list[ClaimFound]:
    claims = []
    regions = quote_regions(doc_text(doc))
    # Only sentences with a cue word or "according" can hold a claim.
    cues = token_indices(doc, LEMMA, lambda lemma: lemma.lower() in CUE_LEMMAS or lemma.lower() in NOUN_CUES)
    according = token_indices(doc, LOWER, lambda lower: lower == "according")
    labelled = sorted(speaker_labels(doc, entities) + epigraph_dashes(doc), key=lambda found: found[0].start)
    label_at = [cue.start for cue, _, _ in labelled]
    for sent in doc.sents:
        sent_cues = cues[bisect_left(cues, sent.start):bisect_left(cues, sent.end)]
        has_according = bisect_left(according, sent.start) < bisect_left(according, sent.end)
        sent_labels = labelled[bisect_left(label_at, sent.start):bisect_left(label_at, sent.end)]
        if not sent_cues and not has_according and not sent_labels:
            continue
        relay = None
        relay_checked = False
        found: list[tuple[Span, Span | None, Span]] = []
        for token in (doc[i] for i in sent_cues):
            if _inside(regions, token.idx):
                continue  # "I think …" inside a quotation is part of what the speaker said
            if token.pos_ == "NOUN" and token.lemma_ in NOUN_CUES:
                nominal = _nominal(token)
                if nominal is not None:
                    found.append((doc[token.i:token.i + 1], nominal[1], nominal[0]))
                continue
            if token.pos_ not in ("VERB", "AUX"):
                continue
            content, how = _content(token, sent, regions)
            if content is None or len(content) < (1 if how in ("object", "prep") else 3):
                continue
            if token.lemma_ in NO_OBJECT and how == "object" or token.lemma_ in QUOTE_ONLY and how != "quote" or \
                    token.lemma_ in PREP_ONLY and how != "prep" or \
                    token.lemma_ in CLAUSE_ONLY and not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
                continue
            if token.lemma_ == "say" and token.dep_ == "amod":
                continue
            if token.lemma_ in DESIRE and not _held_by_someone(token):
                continue
            if token.lemma_ in LIGHT_VERBS and not _speech_noun(token):
                continue
            cue, source = _cue_span(token), _source(token)
            if source is not None and _inside(regions, source.start_char) and not _inside(regions, token.idx):
                source = _speaker_outside_quote(cue, source, regions) or source
            found.append((cue, source, content))
        if has_according:
            found += [f for f in _according_to(sent) if not _inside(regions, f[0].start_char)]
        found += sent_labels
        for cue, source, content in found:
            if not relay_checked:
                relay, relay_checked = _relay(sent, entities), True
            speaker_entity = None
            source_text = source.text if source is not None else None
            if source is not None:
                head = source.root
                if head.lower_ in PRONOUN_PEOPLE:
                    speaker_entity = _last_person(entities, source.start_char)
                else:
                    speaker_entity = _entity_at(entities, source.start_char, source.end_char, head.idx)
            in_content = [e for e in entities if content.start_char <= e.start and e.end <= content.end_char and e.link]
            in_content += _deictic_places(content, entities)
            when, precision = resolve_date(content.text, published)
            if when is None:
                when, precision = resolve_date(sent.text, published)
            if relay is None and source is not None and source[0].lower_ == "the":
                # "the sources added": the same sources as before, carried by the same outlet.
                for earlier in reversed(claims):
                    if earlier.source_text and earlier.relayed_by and \
                            earlier.source_text.lower().split()[-1] == source_text.lower().split()[-1] and \
                            source.start_char - earlier.cue[0] < DEICTIC_WINDOW:
                        relay = earlier.relayed_by
                        break
            claims.append(ClaimFound(
                cue=(cue.start_char, cue.end_char), cue_text=cue.text,
                source=(source.start_char, source.end_char) if source is not None else None,
                source_text=source_text,
                content=(content.start_char, content.end_char), content_text=content.text,
                speaker=speaker_entity.link if speaker_entity else None,
                relayed_by=relay,
                actors=[e.link for e in in_content if e.link.target == "actor"],
                regions=[e.link for e in in_content if e.link.target == "region"],
                numbers=find_numbers(content.text),
                event_date=when, event_date_precision=precision,
            ))
    return claims
