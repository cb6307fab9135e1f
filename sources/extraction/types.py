"""What the extractor returns."""
from dataclasses import dataclass, field
from datetime import date

from .catalogue import CatalogueEntry


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


@dataclass
class Extraction:
    entities: list[EntityMention]
    claims: list[ClaimFound]

    def to_protocol(self, doc_id) -> dict:
        """One output line of shared/eval/score.py's protocol."""
        return {
            "id": doc_id,
            "entities": [{"start": e.start, "end": e.end, "text": e.text, "type": e.type} for e in self.entities],
            "claims": [{"cue": list(c.cue), "source": list(c.source) if c.source else None, "content": list(c.content)}
                       for c in self.claims],
        }
