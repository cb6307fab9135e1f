"""The editors' catalogue as the extractor sees it: names and aliases to link mentions to."""
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from actors.names import normalise_name  # pure Python: shared with Alias.normalised

__all__ = ["Catalogue", "CatalogueEntry", "normalise_name"]

ACTOR_LABELS = {"person": "PERSON", "state": "GPE"}  # everything else an actor is: ORG
REGION_LABEL = "GPE"


@dataclass(frozen=True)
class CatalogueEntry:
    target: str            # "actor" or "region"
    id: int | str          # database id, or slug when read from seed files
    kind: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The spaCy label this entry's names get in the entity ruler."""
        if self.target == "region":
            return REGION_LABEL
        return ACTOR_LABELS.get(self.kind, "ORG")

    @property
    def key(self) -> str:
        return f"{self.target}:{self.id}"


class Catalogue:
    """Exact lookups by normalised name; fuzzy lookups within one kind only."""

    def __init__(self, entries: Iterable[CatalogueEntry]):
        self.entries = list(entries)
        self.by_key = {e.key: e for e in self.entries}
        self._exact: dict[str, list[CatalogueEntry]] = defaultdict(list)
        self._names_by_kind: dict[str, dict[str, CatalogueEntry]] = defaultdict(dict)
        for entry in self.entries:
            for name in {entry.name, *entry.aliases}:
                key = normalise_name(name)
                if key and entry not in self._exact[key]:
                    self._exact[key].append(entry)
                if len(key) > 3:
                    self._names_by_kind[entry.kind][key] = entry

    @classmethod
    def from_seed_files(cls, folder: str | Path) -> "Catalogue":
        folder = Path(folder)
        entries = []
        for filename, table, target in (("actors.toml", "actor", "actor"), ("regions.toml", "region", "region")):
            path = folder / filename
            if not path.exists():
                continue
            for row in tomllib.loads(path.read_text(encoding="utf-8")).get(table, []):
                entries.append(CatalogueEntry(target, row["slug"], row["kind"], row["name"],
                                              tuple(row.get("aliases", []))))
        return cls(entries)

    def patterns(self) -> list[dict]:
        """EntityRuler patterns: short all-capital names match exactly (AP, US), others any case."""
        rows = []
        for entry in self.entries:
            names = {n.strip() for n in (entry.name, *entry.aliases) if n.strip()}
            names |= {n.replace("'", "\u2019") for n in names if "'" in n}  # Da'ish and Da’ish
            for name in names:
                exact = len(name) <= 4 or name.isupper()
                rows.append({"label": entry.label, "pattern": name, "id": entry.key, "attr": "ORTH" if exact else "LOWER"})
        return rows

    def lookup_exact(self, surface: str) -> list[CatalogueEntry]:
        return list(self._exact.get(normalise_name(surface), ()))

    def lookup_fuzzy(self, surface: str, *, kinds: set[str] | None = None, cutoff: float = 90) -> CatalogueEntry | None:
        """The best same-kind name scoring at least ``cutoff`` on both ratio and token-sort ratio
        (never WRatio alone: it matches "Islamic State in Iraq and al-Sham" to "Nouri al-Maliki")."""
        key = normalise_name(surface)
        if len(key) <= 3:
            return None
        best = None
        for kind in kinds or self._names_by_kind.keys():
            names = self._names_by_kind.get(kind)
            if not names:
                continue
            found = process.extractOne(key, names.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
            if found and fuzz.ratio(key, found[0]) >= cutoff - 10 and (best is None or found[1] > best[1]):
                best = (names[found[0]], found[1])
        return best[0] if best else None
