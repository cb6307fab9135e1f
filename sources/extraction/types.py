"""What the extractor returns, and fast reads of the document it works on."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

import numpy
from spacy.tokens import Doc

from .catalogue import CatalogueEntry

_TEXT = "briefwiki.text"


def doc_text(doc: Doc) -> str:
    """``doc.text`` without joining every token's text again each time (the rules read it for
    every cue): the text the document was made from, when ``keep_text`` recorded it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Record the text ``doc`` was made from: spaCy's tokenizer loses no character, so it is
    ``doc.text``."""
    doc.user_data[_TEXT] = text
    return doc


# Per test, the strings (by their hash in the vocabulary) it was asked about and those it passed:
# the same words come back in every article. Weakly keyed, so a test made on the fly is not kept.
_answers: WeakKeyDictionary = WeakKeyDictionary()


def token_indices(doc: Doc, attr: int, wanted: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose ``attr`` (``LOWER``, ``LEMMA``...) passes ``wanted``, read
    from the document's array: the rules look at the few tokens that can start a match instead
    of making a Token object for every word. ``wanted`` must be a pure test of the string; give
    a function defined once (not a lambda made per call), so its answers are kept."""
    values, distinct = _values(doc, attr)
    asked, passed = _answers.setdefault(wanted, (set(), set()))
    unknown = distinct - asked
    if unknown:
        strings = doc.vocab.strings
        passed.update(value for value in unknown if wanted(strings[value]))
        asked |= unknown
    keep = distinct & passed
    if not keep:
        return []
    return numpy.flatnonzero(numpy.isin(values, list(keep))).tolist()


def _values(doc: Doc, attr: int) -> tuple[numpy.ndarray, set[int]]:
    """``attr`` of every token and the set of them, read once per document and attribute."""
    key = f"briefwiki.values.{attr}"
    found = doc.user_data.get(key)
    if found is None:
        values = doc.to_array(attr)
        found = doc.user_data[key] = (values, set(values.tolist()))
    return found


@dataclass
class EntityMention:
    start: int
    end: int
    text: str
    type: str                      # person | organization | location | other
    link: CatalogueEntry | None = None
    confidence: float = 1.0
    mention: str = "name"          # name | title ("the Foreign Secretary") | pronoun ("He") | group ("Kurds")


@dataclass
class ClaimFound:
    cue: tuple[int, int]
    cue_text: str
    source: tuple[int, int] | None
    source_text: str | None
    content: tuple[int, int]
    content_text: str
    speaker: CatalogueEntry | None = None
    relayed_by: CatalogueEntry | None = None
    actors: list[CatalogueEntry] = field(default_factory=list)
    regions: list[CatalogueEntry] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)
    event_date: date | None = None
    event_date_precision: str = "unknown"
    said_on: date | None = None    # when the statement was made (dates.statement_date), not the event's date
    # What attribution.resolve_attributions adds: the speaker as resolved ("he" -> "Masoud Barzani",
    # or a description kept whole), whose belief a nested report carries, and how sure it is.
    speaker_text: str | None = None
    holder: CatalogueEntry | None = None
    holder_text: str | None = None
    polarity: str = "asserted"     # asserted | denied
    quoted: bool = False           # verbatim inside quotation marks
    confidence: float = 0.5
    affiliation: CatalogueEntry | None = None  # "an adviser to Maliki": Maliki, never the speaker
    # The content span as the cue introduces it, kept when ``content`` was narrowed to what a
    # nested report's holder believes or what a denial denies; the protocol's "content" is this
    # span (PolNeAR's convention), "proposition" the narrowed one.
    reported: tuple[int, int] | None = None


@dataclass
class RelationFound:
    """A typed relation between two mentions (relations.find_relations): the cue and sentence cite
    the words that carry it; ``date`` is when it holds, as the text states it."""
    type: str                      # supports | opposes | controls | leads | member_of
    source: tuple[int, int]
    target: tuple[int, int]
    source_text: str
    target_text: str
    source_link: CatalogueEntry | None
    target_link: CatalogueEntry | None
    cue: tuple[int, int]
    sentence: tuple[int, int]
    holds_on: date | None = None   # when the relation holds, as stated ("since 11 June"), not when said
    polarity: str = "asserted"     # asserted | denied | ended ("lost control of")
    confidence: float = 0.5
    rule: str = ""


@dataclass
class Extraction:
    entities: list[EntityMention]
    claims: list[ClaimFound]
    relations: list[RelationFound] = field(default_factory=list)

    def to_protocol(self, doc_id) -> dict:
        """One output line of shared/eval/score.py's protocol."""
        return {
            "id": doc_id,
            "entities": [{"start": e.start, "end": e.end, "text": e.text, "type": e.type} for e in self.entities],
            "claims": [_claim_protocol(c) for c in self.claims],
            # Relations that hold as the text states them; an ended one ("lost control of") is
            # kept for the facts but is not a current relation.
            "relations": [_relation_protocol(r) for r in self.relations if r.polarity == "asserted"],
        }


def _slug(entry: CatalogueEntry | None) -> str | None:
    """The seed catalogue's slug; a database catalogue has ids instead, written as "actor:12"."""
    if entry is None:
        return None
    return entry.id if isinstance(entry.id, str) else entry.key


def _claim_protocol(c: ClaimFound) -> dict:
    return {
        "cue": list(c.cue), "source": list(c.source) if c.source else None,
        "content": list(c.reported or c.content), "proposition": list(c.content),
        "speaker": c.speaker_text, "speaker_slug": _slug(c.speaker),
        "relayed_by": c.relayed_by.name if c.relayed_by else None,
        "holder": c.holder.name if c.holder else c.holder_text,
        "polarity": c.polarity, "quoted": c.quoted, "confidence": c.confidence,
        "said_on": c.said_on.isoformat() if c.said_on else None,
        "event_date": c.event_date.isoformat() if c.event_date else None,
    }


def _relation_protocol(r: RelationFound) -> dict:
    return {
        "type": r.type, "source": list(r.source), "target": list(r.target),
        "source_name": r.source_link.name if r.source_link else r.source_text,
        "target_name": r.target_link.name if r.target_link else r.target_text,
        "source_slug": _slug(r.source_link), "target_slug": _slug(r.target_link),
        "date": r.holds_on.isoformat() if r.holds_on else None, "cue": list(r.cue), "confidence": r.confidence,
    }
