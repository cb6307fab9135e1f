"""Attributed statements: who said what, in every common reported-speech form, with the spans
drawn as PolNeAR marks them (cue with its auxiliaries, content with its "that").

  direct quotes         "…," Barzani said. / Barzani said: "…" / "A," he said, "B."
  that-clauses          officials said (that) militants attacked the convoy
  told                  sources told Reuters that all 69 were killed
  according to          according to HRW, the toll is higher / In this poll, Trump leads by a point
  other cue verbs       urged / warned / denied / claimed / found that / pointed to / wants to …
  objects               criticized the plan / accused X of Y / polls show a close race
  inverted              support is wavering, The Associated Press reported. / The museum, she said, …
  passive               it was reported that … / the plan was criticized by the council
  nouns                 Trump's claim that … / her determination to …
  adjectives            voters are afraid that … / has been critical of the plan / it is clear that …
  views held            voters have doubts about the plan / she made it clear that …
  labels                Rush Limbaugh: … / WALLACE: … / “…” ― Jane Doe
The cue is the reporting word, the source its subject (pronouns resolved to the last person
named), the content the clause, quotation or object reported.

Modules: lexicon (the word lists), cues (the cue's words), speakers (the source), content (what
is reported), quotes (quotation regions), spans (edges of spans), labels (colon and dash cues), stance (adjectives of stance);
find_claims here puts them together sentence by sentence.
"""

from bisect import bisect_left
from datetime import date

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span

from ..dates import span_date
from ..numbers import find_numbers
from ..types import ClaimFound, EntityMention, token_indices
from .content import POLLS, _according_to, _content, _in_a_poll, _nominal
from .cues import _cue_span, _held_by_someone, _speech_noun, _thing_as_subject
from .labels import epigraph_dashes, speaker_labels
from .lexicon import (
    AS_ONLY,
    BACKING,
    CLAUSE_ONLY,
    CUE_LEMMAS,
    DESIRE,
    LIGHT_VERBS,
    NO_OBJECT,
    NOUN_CUES,
    PREP_ONLY,
    PRONOUN_PEOPLE,
    QUOTE_ONLY,
    RELAY_VERBS,
)
from .quotes import _inside, doc_quote_regions, quote_regions
from .speakers import _source, _speaker_outside_quote
from .stance import (
    IMPERSONAL,
    STANCE_ADJECTIVES,
    held_view,
    made_clear,
    stance_adjective,
)

__all__ = ["find_claims", "quote_regions"]


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


# The words that can start a claim (for ``token_indices``, which keeps their answers).
def _is_cue(lemma: str) -> bool:
    return lemma.lower() in CUE_LEMMAS or lemma.lower() in NOUN_CUES


def _is_according(lower: str) -> bool:
    return lower == "according"


def _is_poll(lemma: str) -> bool:
    return lemma.lower() in POLLS


def _is_have(lemma: str) -> bool:
    return lemma == "have"


def _is_adjective(lower: str) -> bool:
    return lower in STANCE_ADJECTIVES or lower in IMPERSONAL


def find_claims(doc: Doc, entities: list[EntityMention], published: date | None) -> list[ClaimFound]:
    claims = []
    regions = doc_quote_regions(doc)
    # Only sentences with a cue word or "according" can hold a claim.
    cues = token_indices(doc, LEMMA, _is_cue)
    according = token_indices(doc, LOWER, _is_according)
    polls = token_indices(doc, LEMMA, _is_poll)
    haves = token_indices(doc, LEMMA, _is_have)
    adjectives = token_indices(doc, LOWER, _is_adjective)
    labelled = sorted(speaker_labels(doc, entities) + epigraph_dashes(doc), key=lambda found: found[0].start)
    label_at = [cue.start for cue, _, _ in labelled]
    for sent in doc.sents:
        sent_cues = cues[bisect_left(cues, sent.start):bisect_left(cues, sent.end)]
        has_according = bisect_left(according, sent.start) < bisect_left(according, sent.end)
        sent_labels = labelled[bisect_left(label_at, sent.start):bisect_left(label_at, sent.end)]
        sent_adjectives = adjectives[bisect_left(adjectives, sent.start):bisect_left(adjectives, sent.end)]
        has_poll = bisect_left(polls, sent.start) < bisect_left(polls, sent.end)
        sent_haves = haves[bisect_left(haves, sent.start):bisect_left(haves, sent.end)]
        if not sent_cues and not has_according and not sent_labels and not sent_adjectives and not has_poll \
                and not sent_haves:
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
            if token.pos_ not in ("VERB", "AUX") or token.lemma_ not in CUE_LEMMAS:
                continue
            content, how = _content(token, sent, regions)
            if content is None or len(content) < (1 if how in ("object", "prep") else 3):
                continue
            if token.lemma_ in NO_OBJECT and how == "object" or token.lemma_ in QUOTE_ONLY and how != "quote" or \
                    token.lemma_ in PREP_ONLY and how != "prep" or \
                    token.lemma_ in CLAUSE_ONLY and not any(c.dep_ == "ccomp" and c.i > token.i
                                                            for c in token.children):
                continue
            if token.lemma_ in AS_ONLY and not any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children) \
                    and not any(c.dep_ == "prep" and c.lower_ == "as" for o in token.children if o.dep_ == "dobj"
                                for c in o.children):
                continue  # "saw the rally" is no stance, "see the tax as a punishment" is
            if token.lemma_ == "say" and token.dep_ == "amod":
                continue
            if token.lemma_ in DESIRE and not _held_by_someone(token) or \
                    token.lemma_ in BACKING and _thing_as_subject(token):
                continue
            clear = made_clear(token) if token.lemma_ == "make" else None
            if clear is not None:
                found.append(clear)
                continue
            if token.lemma_ in LIGHT_VERBS and not _speech_noun(token):
                continue
            cue, source = _cue_span(token), _source(token)
            if source is not None and _inside(regions, source.start_char) and not _inside(regions, token.idx):
                source = _speaker_outside_quote(cue, source, regions) or source
            if source is None and cue[0].lower_ == "to" and cue[0].dep_ == "aux":
                continue  # "a way to report profits", "queries seeking to confirm": a purpose, no one's report
            found.append((cue, source, content))
        for token in (doc[i] for i in sent_adjectives):
            stance = stance_adjective(token)
            if stance is not None and not _inside(regions, token.idx):
                found.append(stance)
        for token in (doc[i] for i in sent_haves):
            view = held_view(token)
            if view is not None and not _inside(regions, token.idx):
                found.append(view)
        if has_poll:
            found += [f for f in _in_a_poll(sent) if not _inside(regions, f[0].start_char)]
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
            when, precision = span_date(content, published)
            if when is None:
                when, precision = span_date(sent, published)
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
