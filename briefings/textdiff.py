"""Line diff of two revisions for the history page, with changed words marked inside lines.

Rows are plain data (the template escapes every piece); nothing here builds HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .merge import normalise_newlines

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 3  # unchanged lines shown around each change


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side diff. ``kind`` is equal, delete, insert, change or skip;
    ``old``/``new`` are lists of (changed, text) pieces, so changed words can be highlighted."""

    kind: str
    old_no: int | None = None
    new_no: int | None = None
    old: tuple = ()
    new: tuple = ()


def _word_pieces(old: str, new: str) -> tuple[tuple, tuple]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    old_pieces, new_pieces = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_pieces.append((op != "equal", "".join(a[i1:i2])))
        if j2 > j1:
            new_pieces.append((op != "equal", "".join(b[j1:j2])))
    return tuple(old_pieces), tuple(new_pieces)


def diff_rows(old_text: str, new_text: str, *, context: int = CONTEXT) -> list[Row]:
    """The rows of a side-by-side diff of ``old_text`` to ``new_text``; long unchanged
    stretches fold into one ``skip`` row."""
    old = normalise_newlines(old_text).split("\n")
    new = normalise_newlines(new_text).split("\n")
    rows: list[Row] = []
    for group in SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context):
        if rows or group[0][1] > 0:
            rows.append(Row("skip"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows += [Row("equal", i + 1, j + 1, ((False, old[i]),), ((False, new[j]),)) for i, j in zip(range(i1, i2), range(j1, j2))]
                continue
            # Pair replaced lines one to one so words can be compared; the rest are plain
            # deletions or insertions.
            n = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(n):
                o, w = _word_pieces(old[i1 + k], new[j1 + k])
                rows.append(Row("change", i1 + k + 1, j1 + k + 1, o, w))
            rows += [Row("delete", i + 1, None, ((True, old[i]),)) for i in range(i1 + n, i2)]
            rows += [Row("insert", None, j + 1, (), ((True, new[j]),)) for j in range(j1 + n, j2)]
    return rows
