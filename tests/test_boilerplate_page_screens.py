"""Page-level screens of the boilerplate stage that replace a search over the whole
page: :func:`layout._collapsed` (numpy over the UTF-8 bytes for long texts) and
:func:`shape.page_gates` (only the lines that can start a gate are searched). Each is
compared with the plain definition it replaces on generated pages."""

from __future__ import annotations

import random

import pytest

from textclean import textblocks
from textclean.stages.boilerplate import layout, shape


def _collapsed_reference(text: str) -> bool:
    """No run of spaces, no space at a line's edge, no whitespace but spaces and line feeds."""
    return not (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text[:1] == " "
        or text[-1:] == " "
        or any(c in text for c in layout._ODD_SPACES)
    )


_PIECES = ["a", "bc", " ", "  ", "\n", "\n\n", "é", "—", "東京", "\t", "\xa0", "\u3000", "\r",
           "\u2028", "\u200b", "😀", "\ud800", "x y", " \n", "\n "]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_collapsed_is_the_plain_test(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        n = rng.choice([rng.randint(0, 6), rng.randint(40, 200)])  # short and numpy-long
        text = "".join(rng.choice(_PIECES[:6] if rng.random() < 0.5 else _PIECES) for _ in range(n))
        assert layout._collapsed(text) is _collapsed_reference(text), repr(text)


def test_collapsed_on_long_clean_text_and_one_flaw() -> None:
    base = "\n".join(["Ein Satz mit Wörtern — und “Zitaten”."] * 30 + ["", "Ende."])
    assert len(base) >= layout._SEARCH_MAX
    assert layout._collapsed(base)
    for flaw in ("  ", " \n", "\n ", "\t", "\xa0"):
        at = len(base) // 2
        broken = base[:at] + flaw + base[at:]
        assert not layout._collapsed(broken), repr(flaw)
        assert not _collapsed_reference(broken)


def _gates_reference(texts: list[str]) -> set[str]:
    """The search of the whole page the stage made before."""
    joined = "\n".join(texts)
    gates = {m.lastgroup for m in shape._GATES.finditer(joined)}
    if "...\n" in joined or "…\n" in joined or joined.endswith(("...", "…")):
        gates.add("author")
    return gates


_LINES = ["1 2 3 4 5 6 7", "12.", "3)", "3. Heading", "10) two words", "example.com", "•",
          "-", "Some text…", "Cut off...", "x", "A line of prose.", "31", "٣. Arabic-Indic",
          "1 2 3", "foo.bar baz", "a.b", ".hidden", "Tab\there", "8 9 10 11 12", "²"]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_page_gates_are_the_page_search(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5000):
        texts = [rng.choice(_LINES) for _ in range(rng.randint(0, 7))]
        assert shape.page_gates(texts) == _gates_reference(texts), texts


def test_page_gates_read_the_line_feed_after_a_number() -> None:
    # "3." opens the echo gate only with a line feed after it, as on the page
    assert shape.page_gates(["3.", "A line of prose."]) == {"echo"}
    assert shape.page_gates(["A line of prose.", "3."]) == set()


def _layout_reference(text: str) -> list[layout.Line]:
    """Every line split, every line's whitespace collapsed (as before the screen)."""
    return [
        layout.Line(i, ln.start, ln.stop, " ".join(ln.text.split()))
        for i, ln in enumerate(textblocks._split_lines(text))
    ]


@pytest.mark.parametrize("seed", range(4))
def test_lines_to_collapse_hold_every_line_that_changes(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(1500):
        n = rng.choice([rng.randint(0, 6), rng.randint(60, 300)])
        pieces = [*_PIECES[:6], "Ein Wort", "東京", "\x1f"] if rng.random() < 0.7 else _PIECES
        text = "".join(rng.choice(pieces) for _ in range(n))
        flawed = layout._to_collapse(text)
        raw = [ln.text for ln in textblocks._split_lines(text)]
        if flawed is not None:
            for i, t in enumerate(raw):
                if i not in flawed:
                    assert " ".join(t.split()) == t, (repr(text), i)
        assert layout.layout_lines(text) == _layout_reference(text), repr(text)


def _deleted(text: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    return "".join([*parts, text[pos:]])


@pytest.mark.parametrize("seed", range(4))
def test_lines_after_deleting_whole_lines_are_the_lines_of_the_text_left(seed: int) -> None:
    rng = random.Random(200 + seed)
    words = ["Home", "A line of text.", "", "  indented  ", "Share\tit", "é—x", "\xa0", "\r", "x"]
    for _ in range(1500):
        text = "\n".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.5:
            text += "\n"
        lines = layout.layout_lines(text)
        spans, i = [], 0
        while i < len(lines):  # runs of whole lines, with their line ends
            if rng.random() < 0.3:
                j = min(len(lines) - 1, i + rng.randint(0, 2))
                spans.append((lines[i].start, lines[j].end))
                i = j + 2
            else:
                i += 1
        left = _deleted(text, spans)
        got = layout.lines_after(lines, spans, text, left)
        if "\r" in text or not spans:
            assert got is None
            continue
        assert got == _layout_reference(left), (repr(text), spans)
        # and the split kept for the next stage is the split of the text left
        assert textblocks.split_lines(left) == textblocks._split_lines(left)


def test_lines_after_declines_a_span_that_is_not_whole_lines() -> None:
    text = "Home\nA line.\nEnd\n"
    lines = layout.layout_lines(text)
    assert layout.lines_after(lines, [(1, 5)], text, "HA line.\nEnd\n") is None
    assert layout.lines_after(lines, [(0, 4)], text, "\nA line.\nEnd\n") is None
    assert layout.lines_after(lines, [(0, 5)], text, "A line.\nEnd\n") == _layout_reference(
        "A line.\nEnd\n"
    )


def test_a_split_kept_for_another_text_is_not_taken() -> None:
    textblocks.split_lines("one\ntwo\n")
    # the split kept is of another text: nothing is kept for the text left
    textblocks.keep_split("other\ntext\n", "text\n", [(1, 2, 6)])
    assert textblocks.split_lines("text\n") == textblocks._split_lines("text\n")
    before = textblocks.split_lines("x\ny\n")
    textblocks.keep_split("x\ny\n", "y\n", [(1, 2, 2)])
    assert before == textblocks._split_lines("x\ny\n")
    assert textblocks.split_lines("y\n") == [textblocks.Line(0, 1, 2, "y")]
