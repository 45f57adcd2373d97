"""``textblocks.split_lines``: the one line splitter every stage uses."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from textclean import textblocks
from textclean.textblocks import split_lines


def spans(text: str) -> list[tuple[str, int, int, int]]:
    return [(ln.text, ln.start, ln.end, ln.stop) for ln in split_lines(text)]


def test_each_line_end_ends_a_line() -> None:
    # "\n", "\r\n" and a lone "\r" (old Mac files) are each one line end
    assert spans("a\rb\r\nc\n\rd") == [
        ("a", 0, 1, 2),
        ("b", 2, 3, 5),
        ("c", 5, 6, 7),
        ("", 7, 7, 8),
        ("d", 8, 9, 9),
    ]


def test_lone_carriage_returns_in_a_row_are_blank_lines() -> None:
    assert spans("a\r\r\rb\r") == [("a", 0, 1, 2), ("", 2, 2, 3), ("", 3, 3, 4), ("b", 4, 5, 6)]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_lines_cover_the_text_whatever_the_line_end(end: str) -> None:
    text = end.join(["Title", "", "  indented  ", "last"])
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["Title", "", "  indented  ", "last"]
    assert "".join(text[ln.start : ln.stop] for ln in lines) == text
    assert all(text[ln.end : ln.stop] in (end, "") for ln in lines)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=list("a.!?:;…)]'\"’”») \t\u00a0\u2003\x1c\x0c\n\r"), max_size=14))
def test_reverse_sentence_end_search_finds_what_a_forward_search_finds(line: str) -> None:
    forward = regex.compile(textblocks._ENDS_SENTENCE.pattern.removeprefix("(?r)"))
    assert (textblocks._ENDS_SENTENCE.search(line) is None) == (forward.search(line) is None)


@given(st.lists(st.sampled_from(["a", "\n", "bc", " ", "é"]), max_size=40).map("".join))
def test_the_line_feed_path_finds_the_lines_the_pattern_finds(text: str) -> None:
    """Text without "\\r" is split by ``str.split`` and running sums of the lengths:
    the lines (offsets included) are those the line pattern finds."""
    from textclean.textblocks import _LINE, Line, _split_lines

    want = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            break
        want.append(Line(m.start(), m.end(1), m.end(), m.group(1)))
    assert _split_lines(text) == want


def test_an_equal_text_built_anew_gets_the_lines_of_the_last_split_in_a_new_list() -> None:
    """A stage that rebuilt its text may pass on a string equal to the one split last
    but not the same object: its lines come from the last split, as a new list."""
    first = "Heading\n\nA line of prose.\n" + "x" * 3
    again = "".join(["Heading\n\n", "A line of prose.\n", "xxx"])
    assert again == first and again is not first
    lines = split_lines(first)
    lines.append(lines[0])  # the caller's list is its own
    reused = split_lines(again)
    # not split again: the cache still holds the first string
    assert textblocks._LAST_SPLIT[0] is first
    assert reused == split_lines(first) == lines[:-1]
    other = "Heading\n\nA line of prose!\nxxx"  # same length, not equal
    assert [ln.text for ln in split_lines(other)][2] == "A line of prose!"
