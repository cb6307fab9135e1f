"""Three-way line merge of briefing drafts, on difflib.

Two editors start from the same base revision; one saves first ("theirs"), the other's save
("yours") arrives with the stale base. Lines only one side changed are taken from that side;
lines both changed the same way are taken once; lines both changed differently are a conflict,
kept in the merged text between markers with both versions, so nothing either editor wrote is
lost. The algorithm is the classic diff3 one (as in bzr's and Breezy's ``merge3``): find the
stretches of the base that both sides kept unchanged, and compare what lies between them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

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


def _sync_regions(base: list[str], a: list[str], b: list[str]) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches of ``base`` that both ``a`` and ``b`` kept: (base start, end, a start, end,
    b start, end), ending with an empty sentinel region at the ends of all three."""
    a_blocks = SequenceMatcher(None, base, a, autojunk=False).get_matching_blocks()
    b_blocks = SequenceMatcher(None, base, b, autojunk=False).get_matching_blocks()
    ia = ib = 0
    regions = []
    while ia < len(a_blocks) and ib < len(b_blocks):
        a_base, a_match, a_len = a_blocks[ia]
        b_base, b_match, b_len = b_blocks[ib]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            a_start, b_start = a_match + (start - a_base), b_match + (start - b_base)
            regions.append((start, end, a_start, a_start + end - start, b_start, b_start + end - start))
        if a_base + a_len < b_base + b_len:
            ia += 1
        else:
            ib += 1
    regions.append((len(base), len(base), len(a), len(a), len(b), len(b)))
    return regions


def merge3(base: str, theirs: str, yours: str, *, theirs_label: str = "theirs", yours_label: str = "yours") -> MergeResult:
    """Merge ``yours`` and ``theirs``, both edited from ``base``; conflicts keep both versions
    between ``<<<<<<<``/``=======``/``>>>>>>>`` markers, theirs first."""
    z, a, b = _lines(base), _lines(theirs), _lines(yours)
    out: list[str] = []
    conflicts: list[Conflict] = []
    iz = ia = ib = 0
    for z_start, z_end, a_start, a_end, b_start, b_end in _sync_regions(z, a, b):
        a_part, b_part, z_part = a[ia:a_start], b[ib:b_start], z[iz:z_start]
        if a_part or b_part:
            if a_part == b_part or b_part == z_part:
                out += a_part  # both made the same change, or only theirs changed
            elif a_part == z_part:
                out += b_part  # only yours changed
            else:
                conflicts.append(Conflict("".join(z_part), "".join(a_part), "".join(b_part)))
                out += [f"{MARK_THEIRS} {theirs_label}\n", *a_part, f"{MARK_SEP}\n", *b_part, f"{MARK_YOURS} {yours_label}\n"]
        out += z[z_start:z_end]
        iz, ia, ib = z_end, a_end, b_end
    return MergeResult("".join(out), conflicts)


def has_conflict_markers(text: str) -> bool:
    """Whether a text still holds a merge's conflict markers (a line starting with one)."""
    lines = {m.group(1) for m in CONFLICT_MARKER.finditer(normalise_newlines(text))}
    return MARK_THEIRS in lines and MARK_YOURS in lines
