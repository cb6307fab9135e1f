"""A relation as a rule finds it, before it is checked and written out."""
from dataclasses import dataclass

from spacy.tokens import Token

from ..types import EntityMention


@dataclass
class Found:
    type: str                      # supports | opposes | controls | leads | member_of
    source: EntityMention | None   # None when no holder was found: the relation is dropped
    target: EntityMention | None
    cue: Token                     # the word that carries it, for the citation
    rule: str
    polarity: str = "asserted"     # asserted | denied | ended ("lost control of")
