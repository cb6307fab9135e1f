"""The three-way merge behind edit conflicts: non-overlapping changes merge, overlapping ones
keep both versions, and nobody's new text is ever dropped."""
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.merge import has_conflict_markers, merge3

BASE = "one\ntwo\nthree\nfour\nfive\n"


def test_changes_to_different_lines_merge_cleanly():
    result = merge3(BASE, BASE.replace("one", "ONE"), BASE.replace("five", "FIVE"))
    assert result.clean and result.text == "ONE\ntwo\nthree\nfour\nFIVE\n"


def test_insertions_and_deletions_on_both_sides_merge():
    theirs = "zero\n" + BASE.replace("three\n", "")
    yours = BASE + "six\n"
    result = merge3(BASE, theirs, yours)
    assert result.clean and result.text == "zero\none\ntwo\nfour\nfive\nsix\n"


def test_the_same_change_on_both_sides_is_taken_once():
    changed = BASE.replace("two", "TWO")
    result = merge3(BASE, changed, changed)
    assert result.clean and result.text == changed


def test_overlapping_changes_keep_both_versions_between_markers():
    result = merge3(BASE, BASE.replace("three", "three (theirs)"), BASE.replace("three", "three (yours)"), theirs_label="r2")
    assert not result.clean
    assert result.conflicts[0].theirs == "three (theirs)\n" and result.conflicts[0].yours == "three (yours)\n"
    assert result.conflicts[0].base == "three\n"
    assert result.text == "one\ntwo\n<<<<<<< r2\nthree (theirs)\n=======\nthree (yours)\n>>>>>>> yours\nfour\nfive\n"
    assert has_conflict_markers(result.text)


def test_missing_final_newline_and_crlf_are_handled():
    result = merge3("a\r\nb", "a\r\nb\r\nc", "z\na\nb")
    assert result.clean and result.text == "z\na\nb\nc\n"


def test_conflict_markers_are_only_recognised_at_line_starts():
    assert not has_conflict_markers("x <<<<<<< y\n>>>>>>> only one kind")
    assert not has_conflict_markers("=======\n")
    assert has_conflict_markers("<<<<<<< theirs\na\n=======\nb\n>>>>>>> yours\n")


lines = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(base=lines, theirs=lines, yours=lines)
def test_no_new_line_of_either_side_is_lost(base, theirs, yours):
    result = merge3("\n".join(base), "\n".join(theirs), "\n".join(yours))
    merged = result.text.splitlines()
    for side in (theirs, yours):
        for line in set(side) - set(base):
            assert line in merged
    if result.clean:
        assert not has_conflict_markers(result.text)
    if theirs == base:
        assert merged == yours
    if yours == base:
        assert merged == theirs
