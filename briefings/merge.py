"""Three-way line merge of briefing drafts (the ``merge3`` library, on patience diffs).

Two editors start from the same base revision; one saves first ("theirs"), the other's save
("yours") arrives with the stale base. Lines only one side changed are taken from that side;
lines both changed the same way are taken once; lines both changed differently are a conflict,
kept in the merged text between markers with both versions, so nothing either editor wrote is
lost. The algorithm is the classic diff3 one, Breezy's ``merge3``: find the stretches of the
base that both sides kept unchanged, and compare what lies between them. It matches lines with
``patiencediff`` (as the history page does, ``briefings.textdiff``), whose cost stays near linear
on repetitive text where difflib without autojunk is quadratic or worse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from merge3 import Merge3
from patiencediff import PatienceSequenceMatcher

MARK_THEIRS, MARK_SEP, MARK_YOURS = "<<<<<<<", "=======", ">>>>>>>"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


@dataclass(frozen=True)
class Conflict:
    """One stretch both editors changed differently: the base text and each version of it."""

    base: str
    theirs: str
    yours: str


@dataclass
class MergeResult:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def normalise_newlines(text: str) -> str:
    """Browsers submit textareas with CRLF; revisions are stored with LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lines(text: str) -> list[str]:
    lines = normalise_newlines(text).splitlines(keepends=True)
    # A missing final newline would glue a conflict marker onto the last line.
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def merge3(base: str, theirs: str, yours: str, *, theirs_label: str = "theirs", yours_label: str = "yours") -> MergeResult:
    """Merge ``yours`` and ``theirs``, both edited from ``base``; conflicts keep both versions
    between ``<<<<<<<``/``=======``/``>>>>>>>`` markers, theirs first."""
    z, a, b = _lines(base), _lines(theirs), _lines(yours)
    out: list[str] = []
    conflicts: list[Conflict] = []
    for kind, *parts in Merge3(z, a, b, sequence_matcher=PatienceSequenceMatcher).merge_groups():
        if kind != "conflict":
            out += parts[0]  # unchanged, only one side changed, or both the same way
            continue
        z_part, a_part, b_part = parts
        conflicts.append(Conflict("".join(z_part), "".join(a_part), "".join(b_part)))
        out += [f"{MARK_THEIRS} {theirs_label}\n", *a_part, f"{MARK_SEP}\n", *b_part, f"{MARK_YOURS} {yours_label}\n"]
    return MergeResult("".join(out), conflicts)


def has_conflict_markers(text: str) -> bool:
    """Whether a text still holds a merge's conflict markers (a line starting with one)."""
    lines = {m.group(1) for m in CONFLICT_MARKER.finditer(normalise_newlines(text))}
    return MARK_THEIRS in lines and MARK_YOURS in lines
