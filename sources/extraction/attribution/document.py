"""What the rules know of a document and its speakers: a resolved speaker, an antecedent a pronoun
can point back to, and the document's text, sentences, quotations and named mentions."""
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..catalogue import Catalogue, CatalogueEntry
from ..types import EntityMention
from .lexicon import (
    CONFIDENCE,
    DISTANCE_STEP,
    FEMALE,
    FLOOR,
    MALE,
    ORG_NOUNS,
    PERSON_ROLES,
    ROLE_FAMILY,
)


@dataclass
class _Speaker:
    """A resolved speaker: its name or description, its catalogue entry, what kind of speaker."""

    text: str | None
    entry: CatalogueEntry | None = None
    kind: str = "person"            # person | organization | plural | thing
    gender: str | None = None       # "m" | "f" where the text shows it
    roles: frozenset[str] = frozenset()
    how: str = "no_source"          # a CONFIDENCE key
    distance: int = 0               # sentences between a pronoun and its antecedent
    affiliation: CatalogueEntry | None = None

    @property
    def confidence(self) -> float:
        base = CONFIDENCE[self.how]
        if self.how == "pronoun" and self.distance > 1:
            base = max(FLOOR, base - DISTANCE_STEP * (self.distance - 1))
        return base


@dataclass
class _Antecedent:
    start: int
    sentence: int
    speaker: _Speaker
    tier: int  # 0 an attribution's speaker, 1 the subject of a sentence's main verb, 2 any other mention


@dataclass
class _Document:
    """What the rules read of the document: its text, sentence starts, quotations and mentions."""

    doc: Doc
    entities: list[EntityMention]
    catalogue: Catalogue | None
    text: str = ""
    sentence_starts: list[int] = field(default_factory=list)
    regions: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[_Antecedent] = field(default_factory=list)  # the claims' speakers so far
    mentions: list[_Antecedent] | None = None  # named mentions, built on first need
    genders: dict[str, str] = field(default_factory=dict)  # speaker key -> gender learnt from pronouns

    @property
    def antecedents(self) -> list[_Antecedent]:
        if self.mentions is None:
            self.mentions = _build_antecedents(self)
        return sorted(self.mentions + self.speakers, key=lambda a: a.start)

    def sentence(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1

    def quoted(self, start: int, end: int) -> bool:
        return any(b <= start and end <= e for b, e in self.regions)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def _key(speaker: _Speaker) -> str:
    return speaker.entry.key if speaker.entry else (speaker.text or "").lower()


def _gender_of(words: list[str]) -> str | None:
    lowered = {w.lower() for w in words}
    if lowered & FEMALE:
        return "f"
    if lowered & MALE:
        return "m"
    return None


def _roles(words: list[str]) -> frozenset[str]:
    roles = set()
    for word in words:
        lower = word.lower()
        if lower.endswith("s") and lower[:-1] in PERSON_ROLES | ORG_NOUNS:
            lower = lower[:-1]  # "the sources" points back to "sources"
        lower = ROLE_FAMILY.get(lower, lower)
        if lower in PERSON_ROLES or lower in ORG_NOUNS:
            roles.add(lower)
    return frozenset(roles)


def _entity_speaker(doc: _Document, mention: EntityMention, how: str) -> _Speaker:
    """A named mention as a speaker, with the roles and gender the words round it show:
    "foreign ministry spokeswoman Marzieh Afkham", "Mr Hague", "Barzani, the president of …"."""
    span = doc.span(mention.start, mention.end)
    words = mention.text.split()
    if span is not None:
        i = span.start - 1  # the words glued before the name: "foreign ministry spokeswoman", "Mr"
        while i >= 0 and span.start - i <= 4 and (doc.doc[i].dep_ == "compound" or doc.doc[i].lower_ in FEMALE | MALE):
            words.append(doc.doc[i].text)
            i -= 1
        words += [c.text for t in span for c in t.children if c.dep_ == "appos"]
    kind = "person" if mention.type == "person" else "organization"  # "Iran said … it added": a state speaks
    if mention.mention == "group":
        kind = "plural"
    return _Speaker(mention.link.name if mention.link else mention.text, mention.link, kind, _gender_of(words),
                    _roles(words), how)


def _build_antecedents(doc: _Document) -> list[_Antecedent]:
    """Named people and organisations outside quotations, flagged when they are a subject."""
    found = []
    for mention in doc.entities:
        if mention.mention == "pronoun" or mention.type not in ("person", "organization"):
            continue
        if doc.quoted(mention.start, mention.end):
            continue  # "'The Iraqi people … will decide,' she said": words quoted are not the speaker
        span = doc.span(mention.start, mention.end)
        # Only the main verb's subject: "HRW said that ISIS had killed …" makes HRW, not ISIS, "the group".
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT"
        found.append(_Antecedent(mention.start, doc.sentence(mention.start), _entity_speaker(doc, mention, "named"),
                                 1 if subject else 2))
    return found
