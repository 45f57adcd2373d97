"""The boilerplate stage's compiled page scans (``textclean/stages/boilerplate/_pagescan.py``)
give what the Python paths they stand in for give: each line's collapsed form, its
words, and whether case folding changes a text only in its ASCII capitals."""

from __future__ import annotations

import random

import pytest

from textclean.stages.boilerplate import _pagescan, layout
from textclean.stages.boilerplate.screen import canon

#: Pieces of generated pages: words, spaces and line feeds, every kind of whitespace
#: the scan reads (ASCII controls, no-break, ideographic, line separators), scripts
#: written without spaces, astral characters, a lone surrogate, non-whitespace controls.
_PIECES = ["a", "bc", " ", "  ", "\n", "\n\n", "é", "—", "東京", "\t", "\xa0", "\u3000",
           "\u2028", "\u200b", "😀", "\ud800", "x y", " \n", "\n ", "\x1f", "\x0b", "\x85",
           "\u1680", "\u2005", "\u202f", "ไทย", "한국", "\u0e00", "\u11ff", "\u2e7f", "\u2e80",
           "\U0003ffff", "\U00040000", "\x00", "\x7f", "Wort", "ß", "İ"]  # fmt: skip


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.choice([rng.randint(0, 6), rng.randint(20, 200)])
        pieces = [*_PIECES[:6], "Wort", "é"] if rng.random() < 0.4 else _PIECES
        out.append("".join(rng.choice(pieces) for _ in range(n)))
    return out


@pytest.fixture(scope="module")
def compiled() -> None:
    if _pagescan.line_facts("x", 1) is None:
        pytest.skip("no numba")


@pytest.mark.parametrize("seed", range(3))
def test_line_facts_are_the_python_tests_of_each_line(compiled: None, seed: int) -> None:
    for text in _texts(seed, 1500):
        text = text.replace("\r", "")
        facts = _pagescan.line_facts(text, 3)
        assert facts is not None
        values, flawed = facts
        parts = text.split("\n")
        assert len(values) == len(parts)
        assert flawed == sum(v & _pagescan.FLAWED for v in values)
        for part, v in zip(parts, values, strict=True):
            assert bool(v & _pagescan.FLAWED) == (" ".join(part.split()) != part), repr(part)
            assert bool(v & _pagescan.EMPTY) == (part == ""), repr(part)
            assert v >> _pagescan.SHIFT == part.count(" ") + 1, repr(part)
            assert bool(v & _pagescan.LONG) == (part.count(" ") + 1 > 3), repr(part)
            if not v & _pagescan.WIDE:
                assert layout.cjk_chars(part) == 0, repr(part)
            if not v & (_pagescan.FLAWED | _pagescan.WIDE | _pagescan.EMPTY | _pagescan.LONG):
                assert layout.effective_words(part, layout.count_words(part, 3)) == min(
                    part.count(" ") + 1, 4
                )


def test_line_facts_flag_each_whitespace_character(compiled: None) -> None:
    """Every whitespace character but a space and a line feed flags its line (one
    character alone, and between words); no other character below U+3001 does."""
    for cp in range(0x3001):
        ch = chr(cp)
        if ch in " \n\r":
            continue
        for text in (ch, f"a{ch}b"):
            facts = _pagescan.line_facts(text, 10)
            assert facts is not None
            (v,), _ = facts
            assert bool(v & _pagescan.FLAWED) == ch.isspace(), hex(cp)


def _lazy(lines: list[layout.Line]) -> list[tuple[int, int, int, str, int]]:
    """Each line's fields and its words, counted as a line does without the scan."""
    return [(*ln, layout.Line(*ln).words) for ln in lines]


@pytest.mark.parametrize("seed", range(3))
def test_layout_with_the_scan_is_the_layout_without_it(
    compiled: None, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [t + t.upper() for t in _texts(50 + seed, 600)]
    texts += ["Ein Satz mit Wörtern — und “Zitaten”.\n" * 5, "w " * 12_000 + "w\nend"]
    scanned = [layout.layout_lines(t) for t in texts]
    with_words = sum("words" in ln.__dict__ for lines in scanned for ln in lines)
    assert with_words > 1000  # the scan counted the words of most lines
    monkeypatch.setattr(_pagescan, "line_facts", lambda text, cap: None)
    for text, lines in zip(texts, scanned, strict=True):
        plain = layout.layout_lines(text)
        assert not any("words" in ln.__dict__ for ln in plain)
        assert _lazy(lines) == [(*ln, ln.words) for ln in lines], repr(text)
        assert [(*ln, ln.words) for ln in lines] == [(*ln, ln.words) for ln in plain], repr(text)


def test_the_changes_table_marks_what_case_folding_changes() -> None:
    table = _pagescan.changes_table()
    for cp in range(0x110000):
        ch = chr(cp)
        marked = bool(table[cp]) if cp < len(table) else False
        assert marked == (cp >= 128 and canon(ch) != ch), hex(cp)


def _ascii_lower(text: str) -> str:
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


@pytest.mark.parametrize("seed", range(3))
def test_folds_as_ascii_is_whether_folding_changes_only_capitals(compiled: None, seed: int) -> None:
    folds = 0
    for text in [*_texts(200 + seed, 1500), "Plain ASCII Text", "", "Ünïcödé", "ǅ", "ſ"]:
        text = text.upper() if len(text) % 3 == 0 else text
        got = _pagescan.folds_as_ascii(text.encode("utf-8", "surrogatepass"))
        assert got == (canon(text) == _ascii_lower(text)), repr(text)
        folds += bool(got)
    assert folds > 100
