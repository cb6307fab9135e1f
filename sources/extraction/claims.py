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
from datetime import date

from spacy.tokens import Doc, Span, Token

from .dates import resolve_date
from .numbers import find_numbers
from .types import ClaimFound, EntityMention

CUE_LEMMAS = {
    "say", "tell", "report", "claim", "urge", "warn", "deny", "add", "state", "announce", "insist", "accuse",
    "confirm", "allege", "acknowledge", "argue", "assert", "declare", "explain", "note", "indicate", "reveal",
    "stress", "emphasise", "emphasize", "estimate", "predict", "vow", "pledge", "promise", "threaten", "demand",
    "describe", "admit", "comment", "complain", "concede", "contend", "maintain", "reiterate", "reaffirm",
    "respond", "reply", "write", "tweet", "believe", "think", "fear", "suggest", "caution", "boast", "charge",
    "dismiss", "recall", "agree", "predict", "signal", "hint", "testify", "brief", "inform", "assure",
    "call", "ask", "order", "instruct", "advise", "criticise", "criticize", "condemn", "welcome",
}
NEEDS_CLAUSE = {"believe", "think", "fear", "agree", "call", "ask", "welcome", "condemn", "criticise", "criticize",
                "recall", "note", "add"}  # without a reported clause these are not attributions
SUBJECTS = {"nsubj", "nsubjpass"}
RELAY_VERBS = {"report", "tell", "inform", "brief"}
QUOTES = {'"', "“", "”", "«", "»", "''", "``"}
PRONOUN_PEOPLE = {"he", "she", "him", "her"}


def _span(doc: Doc, start: int, end: int) -> Span | None:
    """Tokens [start, end) without edge punctuation, quotes, or a leading 'that'."""
    while start < end and (doc[start].is_punct or doc[start].text in QUOTES or doc[start].lower_ == "that"
                           and doc[start].dep_ == "mark" or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in QUOTES or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


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


def _near_quote(sent: Span, cue: Token) -> bool:
    """The cue stands right by a quotation: '…," she said' or 'said: "…'."""
    doc = sent.doc
    window = [doc[i] for i in range(max(sent.start, cue.i - 6), min(sent.end, cue.i + 4))]
    return any(t.text in QUOTES for t in window)


def _content(cue: Token, sent: Span) -> tuple[Span | None, str]:
    """What the cue reports, and how it was found: clause, quote, inverted or object."""
    doc = sent.doc
    if _near_quote(sent, cue):
        quoted = _quoted(sent, cue)
        if quoted is not None:
            return quoted, "quote"
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i != cue.i:
            start, end = _subtree(child)
            if child.dep_ == "xcomp":  # urged the blocs to agree: the object is part of what was urged
                objects = [c for c in cue.children if c.dep_ in ("dobj", "obj") and c.i < child.i]
                if objects:
                    start = min(start, objects[0].left_edge.i)
            if start < cue.i < end:  # the clause wraps round the cue: keep the part before it
                end = cue.left_edge.i
            span = _span(doc, start, end)
            if span is not None:
                return span, "clause"
    quoted = _quoted(sent, cue)
    if quoted is not None:
        return quoted, "quote"
    head = cue.head
    left = cue.left_edge.i
    breaks = {",", ";", ":"} | QUOTES
    if cue.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < cue.i and left > sent.start and \
            (doc[left].text in breaks or doc[left - 1].text in breaks):
        # Inverted: "Support is wavering, the AP reported."
        return _span(doc, sent.start, left), "inverted"
    if cue.lemma_ in ("deny", "confirm", "claim", "announce", "report", "dismiss", "reveal", "acknowledge", "admit",
                      "reaffirm", "reiterate"):
        for child in cue.children:
            if child.dep_ in ("dobj", "obj"):
                return _span(doc, *_subtree(child)), "object"
    return None, ""


def _source(cue: Token) -> Span | None:
    for child in cue.children:
        if child.dep_ in SUBJECTS:
            if child.dep_ == "nsubjpass" or child.lower_ == "it" and child.dep_ == "nsubj" and cue.lemma_ == "report":
                return None  # "It was reported that…": no named source
            start, end = _subtree(child)
            return cue.doc[start:end]
    if cue.dep_ == "conj" and cue.head.lemma_ in CUE_LEMMAS:
        return _source(cue.head)  # "…, she said and added that …"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)
    if (cue.dep_ in ("xcomp", "conj") or cue.dep_ == "advcl" and infinitive) and cue.head.pos_ in ("VERB", "AUX"):
        return _source(cue.head) if cue.head.lemma_ != cue.lemma_ else None  # "Hayden went on to reaffirm…"
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
            content = _span(sent.doc, sent.start, token.i)
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
    for sent in doc.sents:
        relay = None
        relay_checked = False
        found: list[tuple[Span, Span | None, Span]] = []
        for token in sent:
            if token.lemma_.lower() not in CUE_LEMMAS or token.pos_ not in ("VERB", "AUX"):
                continue
            content, how = _content(token, sent)
            if content is None or len(content) < 3:
                continue
            if token.lemma_ in NEEDS_CLAUSE and how == "object":
                continue
            if token.lemma_ == "say" and token.dep_ == "amod":
                continue
            found.append((sent.doc[token.i:token.i + 1], _source(token), content))
        found += _according_to(sent)
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
