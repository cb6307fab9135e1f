"""Line diff of two revisions for the history page, with changed words marked inside lines.

Rows are plain data (the template escapes every piece); nothing here builds HTML. Every diff in
the project (this page, the API's unified diff, the digests' word counts, the three-way merge)
uses the patience algorithm (``patiencediff``, compiled): it matches lines that occur once on
each side and recurses between them, so its cost stays near linear where difflib's
``SequenceMatcher(autojunk=False)`` is quadratic to cubic on repetitive text (a body of repeated
lines took seconds). Its answer on text without unique lines is coarser (one replaced block),
which is the right trade for a page a reader asked for.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from patiencediff import PatienceSequenceMatcher
from patiencediff import unified_diff as _unified_diff

from .merge import normalise_newlines

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 3  # unchanged lines shown around each change
MAX_ROWS = 2000  # rows one page shows


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side diff. ``kind`` is equal, delete, insert, change, skip or
    truncated (the rows left out past the page's limit);
    ``old``/``new`` are lists of (changed, text) pieces, so changed words can be highlighted."""

    kind: str
    old_no: int | None = None
    new_no: int | None = None
    old: tuple = ()
    new: tuple = ()


def _word_pieces(old: str, new: str) -> tuple[tuple, tuple]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    old_pieces, new_pieces = [], []
    for op, i1, i2, j1, j2 in PatienceSequenceMatcher(None, a, b).get_opcodes():
        if i2 > i1:
            old_pieces.append((op != "equal", "".join(a[i1:i2])))
        if j2 > j1:
            new_pieces.append((op != "equal", "".join(b[j1:j2])))
    return tuple(old_pieces), tuple(new_pieces)


def diff_rows(old_text: str, new_text: str, *, context: int = CONTEXT, max_rows: int = MAX_ROWS) -> list[Row]:
    """The rows of a side-by-side diff of ``old_text`` to ``new_text``; long unchanged
    stretches fold into one ``skip`` row. Past ``max_rows`` the rest is left out and a last
    ``truncated`` row says so: a page of tens of thousands of rows takes seconds to render."""
    rows = list(islice(_rows(old_text, new_text, context), max_rows + 1))
    if len(rows) > max_rows:
        rows[max_rows:] = [Row("truncated")]
    return rows


def _rows(old_text: str, new_text: str, context: int) -> Iterator[Row]:
    old = normalise_newlines(old_text).split("\n")
    new = normalise_newlines(new_text).split("\n")
    started = False
    for group in PatienceSequenceMatcher(None, old, new).get_grouped_opcodes(context):
        if started or group[0][1] > 0:
            yield Row("skip")
        started = True
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    yield Row("equal", i + 1, j + 1, ((False, old[i]),), ((False, new[j]),))
                continue
            # Pair replaced lines one to one so words can be compared; the rest are plain
            # deletions or insertions.
            n = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(n):
                o, w = _word_pieces(old[i1 + k], new[j1 + k])
                yield Row("change", i1 + k + 1, j1 + k + 1, o, w)
            for i in range(i1 + n, i2):
                yield Row("delete", i + 1, None, ((True, old[i]),))
            for j in range(j1 + n, j2):
                yield Row("insert", None, j + 1, (), ((True, new[j]),))


def opcodes(a: Sequence, b: Sequence) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes turning ``a`` into ``b`` (any sequences of hashable items)."""
    return PatienceSequenceMatcher(None, a, b).get_opcodes()


def unified(old_text: str, new_text: str, *, fromfile: str, tofile: str) -> str:
    """A unified diff (``diff -u``) of two texts."""
    return "".join(_unified_diff(
        normalise_newlines(old_text).splitlines(keepends=True), normalise_newlines(new_text).splitlines(keepends=True),
        fromfile=fromfile, tofile=tofile, sequencematcher=PatienceSequenceMatcher,
    ))
