"""Page-level screens of the boilerplate stage that replace a search over the whole
page: :func:`layout._collapsed` (numpy over the UTF-8 bytes for long texts) and
:func:`shape.page_gates` (only the lines that can start a gate are searched). Each is
compared with the plain definition it replaces on generated pages."""

from __future__ import annotations

import random

import pytest

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
