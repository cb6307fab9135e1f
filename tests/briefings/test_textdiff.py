"""The history page's diff, the API's unified diff and the word counts share one bounded algorithm:
a repetitive body must not hold a worker for seconds (difflib without autojunk took ~25 s)."""
import time

from briefings.merge import merge3
from briefings.textdiff import MAX_ROWS, diff_rows, unified

# 2.4 KB: a body of one repeated line revised to interleave another (issue 19's red-team case).
PATHOLOGICAL_OLD = "a\n" * 1200
PATHOLOGICAL_NEW = "b\n" + "a\nc\n" * 600
BOUND = 1.0  # seconds; measured well under 0.2 s, generous for a shared machine


def timed(fn, *args, **kwargs) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def test_changed_words_are_marked_inside_a_changed_line():
    rows = diff_rows("The army holds Kirkuk.\n", "The Peshmerga hold Kirkuk.\n")
    change = next(row for row in rows if row.kind == "change")
    assert change.old == ((False, "The "), (True, "army"), (False, " "), (True, "holds"), (False, " Kirkuk."))
    assert change.new == ((False, "The "), (True, "Peshmerga"), (False, " "), (True, "hold"), (False, " Kirkuk."))


def test_long_unchanged_stretches_fold_into_a_skip_row():
    old = "".join(f"line {i}\n" for i in range(40))
    rows = diff_rows(old, old.replace("line 20\n", "line twenty\n"))
    kinds = [row.kind for row in rows]
    assert kinds == ["skip", "equal", "equal", "equal", "change", "equal", "equal", "equal"]


def test_unified_diff_names_both_sides_and_ignores_crlf():
    diff = unified("one\r\ntwo\r\n", "one\ntwo\nthree\n", fromfile="r1", tofile="r2")
    assert diff.startswith("--- r1\n+++ r2\n") and "+three\n" in diff and "-one" not in diff


def test_the_pathological_body_diffs_within_the_bound():
    rows, seconds = timed(diff_rows, PATHOLOGICAL_OLD, PATHOLOGICAL_NEW)
    print(f"diff_rows: {seconds * 1000:.1f} ms")
    assert rows and seconds < BOUND
    diff, seconds = timed(unified, PATHOLOGICAL_OLD, PATHOLOGICAL_NEW, fromfile="r1", tofile="r2")
    print(f"unified: {seconds * 1000:.1f} ms")
    assert "+b\n" in diff and seconds < BOUND


def test_a_pathological_line_of_repeated_words_diffs_within_the_bound():
    rows, seconds = timed(diff_rows, "a " * 1200, "b " + "a c " * 600)
    print(f"diff_rows, one long line: {seconds * 1000:.1f} ms")
    assert rows and seconds < BOUND


def test_the_pathological_merge_within_the_bound():
    yours = PATHOLOGICAL_OLD + "z\n"
    result, seconds = timed(merge3, PATHOLOGICAL_OLD, PATHOLOGICAL_NEW, yours)
    print(f"merge3: {seconds * 1000:.1f} ms")
    assert "z\n" in result.text and "b\n" in result.text and seconds < BOUND


def test_a_diff_longer_than_the_page_shows_is_cut_with_a_last_row_saying_so():
    rows = diff_rows("a\n" * 20_000, "b\n" + "a\nc\n" * 10_000)
    assert len(rows) == MAX_ROWS + 1 and rows[-1].kind == "truncated"
    assert all(row.kind != "truncated" for row in diff_rows(PATHOLOGICAL_OLD, PATHOLOGICAL_NEW))
