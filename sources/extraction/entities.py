"""Names in a parsed document, typed and linked to the catalogue."""
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from .catalogue import Catalogue
from .types import EntityMention, doc_text, token_indices

LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "FAC": "location"}
KINDS_FOR_TYPE = {
    "person": {"person"},
    "organization": {"organisation", "armed_group", "media_outlet", "other", "state"},
    "location": {"country", "province", "city", "area"},
}
ROLE_HEADS = {"minister", "secretary", "president", "ambassador", "envoy", "spokesperson", "spokesman",
              "spokeswoman", "chancellor", "king", "emir", "commander", "director", "chairman", "premier",
              "governor", "mayor", "general", "leader", "representative", "chief"}
ROLE_WORDS = ROLE_HEADS | {"foreign", "prime", "defence", "defense", "deputy", "special", "state", "home", "interior",
                           "vice", "supreme", "high", "united", "nations", "for", "of", "the", "middle", "east",
                           "security", "national", "office", "fco", "senior", "assistant", "under"}


def _trim(span: Span) -> Span:
    """Without a trailing possessive ('s) or punctuation."""
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[span.start:end]


def _type(span: Span) -> str | None:
    if span.label_ == "NORP":
        # "Syrians", "Kurds": a people acting; "Syrian" alone is an adjective, not a name.
        last = span[-1]
        return "organization" if last.tag_ in ("NNPS", "NNS") or (last.text.endswith("s") and last.text[:1].isupper()
                                                                   and not last.text.endswith(("ss", "ish"))) else None
    return LABEL_TYPE.get(span.label_)


def _link(catalogue: Catalogue, span: Span, type_: str):
    if span.id_ and span.id_ in catalogue.by_key:
        return catalogue.by_key[span.id_], 1.0
    kinds = KINDS_FOR_TYPE[type_]
    for entry in catalogue.lookup_exact(span.text):
        if entry.kind in kinds or (type_ == "location" and entry.kind == "state"):
            return entry, 1.0
    if len(span.text) >= 5:
        entry = catalogue.lookup_fuzzy(span.text, kinds=kinds, cutoff=90)
        if entry is not None:
            return entry, 0.9
    return None, 0.5


COUNTRY_MODIFIERS = {"us", "u.s.", "uk", "british", "american", "iraqi", "syrian", "iranian", "french", "russian",
                     "turkish", "german", "un", "eu", "fco"}
COLLECTIVE_NOUNS = {"people", "government", "army", "forces", "regime", "parties", "officials", "leaders", "military",
                    "authorities", "opposition", "troops", "police", "rebels", "militias", "ministry"}
REGIME_NOUNS = {"regime", "government", "forces", "army", "administration"}
LOCATIVE = {"in", "near", "at", "around", "outside", "into", "towards", "toward", "across", "inside"}
PRONOUN_TYPES = {"He": "person", "She": "person", "We": "organization", "They": "organization"}


def _is_title_word(lower: str) -> bool:
    return lower in ROLE_WORDS or lower in COUNTRY_MODIFIERS


def _title_spans(doc: Doc) -> list[Span]:
    """Capitalised role titles: "the Foreign Secretary", "US Secretary of State", "Minister for the
    Middle East". A title needs a capitalised head word (Minister, Secretary, President...)."""
    spans = []
    after = 0  # a title ends before here
    for i in token_indices(doc, LOWER, _is_title_word):
        if i < after or not doc[i].text[:1].isupper():
            continue
        j = i
        while j < len(doc) and (doc[j].lower_ in ROLE_WORDS or doc[j].lower_ in COUNTRY_MODIFIERS) and \
                (doc[j].text[:1].isupper() or doc[j].lower_ in ("for", "of", "the")):
            j += 1
        while j > i and doc[j - 1].lower_ in ("for", "of", "the"):
            j -= 1
        # "Special Representative for Syria", "the President of Syria": a title's domain.
        if j + 1 < len(doc) and doc[j].lower_ in ("for", "of") and doc[j + 1].text[:1].isupper() \
                and doc[j + 1].pos_ == "PROPN":
            k = j + 1
            while k < len(doc) and k < j + 5 and doc[k].pos_ == "PROPN":
                k += 1
            j = k
        if any(t.lower_ in ROLE_HEADS and t.text[:1].isupper() for t in doc[i:j]):
            start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            spans.append(doc[start:j])
        after = max(j, i + 1)
    return spans


def _extend(span: Span) -> tuple[Span, str | None]:
    """A wider reading of a name: "Syrian people" (a people acting), "Assad's regime"."""
    doc = span.doc
    after = span.end
    if span.label_ == "NORP" and after < len(doc) and doc[after].lower_ in COLLECTIVE_NOUNS:
        return doc[span.start:after + 1], "organization"
    if span.label_ == "PERSON":
        k = after
        if k < len(doc) and doc[k].tag_ == "POS":
            k += 1
            while k < len(doc) and doc[k].pos_ == "ADJ":
                k += 1
        if k < len(doc) and doc[k].lower_ in REGIME_NOUNS:
            return doc[span.start:k + 1], "organization"
    return span, None


def _merge_qualified_places(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """"Baghdad, Iraq" is one place: a location followed by ", <country>" keeps the first link."""
    merged: list[EntityMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if previous and previous.type == mention.type == "location" and \
                text[previous.end:mention.start] == ", " and mention.link is not None and \
                mention.link.kind in ("country", "state"):
            previous.end = mention.end
            previous.text = text[previous.start:previous.end]
            continue
        merged.append(mention)
    return merged


def _joined_people(doc: Doc) -> list[Span]:
    """Entities with adjacent person fragments joined: "Nuri al" + "-" + "Maliki" (the ruler knows
    only "Maliki") is one person, keeping the catalogue's id."""
    joined: list[Span] = []
    for ent in doc.ents:
        previous = joined[-1] if joined else None
        gap = doc[previous.end:ent.start] if previous is not None else None
        if previous is not None and previous.label_ == ent.label_ == "PERSON" and \
                all(t.text == "-" for t in gap) and len(gap) <= 1:
            joined[-1] = Span(doc, previous.start, ent.end, label="PERSON", span_id=ent.id_ or previous.id_)
            continue
        joined.append(ent)
    return joined


def find_entities(doc: Doc, catalogue: Catalogue) -> list[EntityMention]:
    text = doc_text(doc)
    mentions = []
    titles = _title_spans(doc)
    in_title = {i: t for t in titles for i in range(t.start, t.end)}
    titled: set[int] = set()  # titles merged with the name that follows them
    for ent in _joined_people(doc):
        if all(i in in_title for i in range(ent.start, ent.end)):
            continue  # "State" in "Secretary of State", "Middle East" in a minister's title
        wide, wide_type = _extend(ent)
        type_ = wide_type or _type(ent)
        if type_ is None:
            continue
        span = _trim(ent)
        if span[0].lower_ == "the" and len(span) > 1:
            span = doc[span.start + 1:span.end]
        link, confidence = _link(catalogue, span, type_)
        if wide_type:
            span = wide
        elif link is not None and link.target == "region":
            type_ = "location"
        elif link is not None and link.kind == "person":
            type_ = "person"
        elif link is None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE and len(span) <= 3 \
                and not span.text.isupper() and type_ in ("person", "organization"):
            type_ = "location"  # "in Karabilah": an unknown name after a locative preposition is a place
        start_char = span.start_char
        title = in_title.get(span.start - 1) or in_title.get(span.start)
        if type_ == "person" and title is not None:
            start_char = min(title.start_char, start_char)  # "Foreign Secretary Philip Hammond" is one mention
            titled.add(title.start)
        # A people or a body of them ("Kurds", "Syrian officials") is not a catalogue name.
        kind = "group" if ent.label_ == "NORP" else "name"
        mentions.append(EntityMention(start_char, span.end_char, text[start_char:span.end_char], type_, link,
                                      confidence, kind))
    mentions = _merge_qualified_places(text, mentions)
    for title in titles:
        if title.start not in titled:
            mentions.append(EntityMention(title.start_char, title.end_char, title.text, "person", None, 0.6, "title"))
    taken = {m.start for m in mentions}
    for sent in doc.sents:
        first = sent[0] if not sent[0].is_punct else (sent[1] if len(sent) > 1 else sent[0])
        if first.text in PRONOUN_TYPES and first.idx not in taken:
            mentions.append(EntityMention(first.idx, first.idx + len(first.text), first.text,
                                          PRONOUN_TYPES[first.text], None, 0.3, "pronoun"))
    mentions.sort(key=lambda m: m.start)
    return mentions
