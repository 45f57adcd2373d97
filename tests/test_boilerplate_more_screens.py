"""The screens that spare the boilerplate stage's line rules a regex call are exact: a
line a regex fully matches is never turned away by them.

* the required strings of a regex whatever their rating (``_unrated_screen``): a line
  a regex matches holds one of them in its screen form;
* the characters a match can hold (``_char_screen``): a line a regex matches is a run
  of characters its atoms match, and is as long as its matches can be
  (``_length_bounds``);
* the zone-bound screen's verdicts kept across the rounds and passes of a document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.boilerplate import stage as bp
from textclean.stages.boilerplate.screen import normalize

DATA = Path(__file__).parent / "data"

#: Lines written for this test, each fully matched by a rule regex that only these
#: screens spare the other lines (a forum post number, a template token, a joined
#: search query, a breadcrumb), and near misses.
CRAFTED = [
    "Post #12",
    "Reply #3 on: March 5, 2021",
    "12. #45",
    "Post 12",
    "a1b2c3d4e5f6g7h8i9",
    "A1B2C3D4E5F6G7H8I9",
    "a1b2c3d4e5f6g7h8i9/",
    "foo+bar+baz+qux",
    "foo bar baz qux",
    "Home > Products > Garden Tools > Rakes",
    "Home / Products / Garden Tools",
    "2021-03-05 12.30.45 (2).jpg",
    "12:30 / 14:45",
    "1,234.56 (+12.34%)",
    "20210305_1234",
    "DSCF1234.JPG",
    "| •",
    "×",
]


@pytest.fixture(scope="module")
def stage() -> bp.BoilerplateStage:
    return bp.build(Config(), RulePack.load(()))


def _lines() -> list[str]:
    lines = list(CRAFTED)
    for path in sorted((DATA / "prose").glob("*.txt")):
        lines += path.read_text("utf-8", errors="surrogateescape").splitlines()
    with (DATA / "prose_sample.jsonl").open(encoding="utf-8") as f:
        for row in f:
            lines += json.loads(row)["text"].splitlines()
    # as the stage sees them: whitespace runs collapsed, no outer whitespace
    return sorted({" ".join(t.split()) for t in lines} - {""})


def test_a_matched_line_holds_one_of_the_unrated_strings(stage: bp.BoilerplateStage) -> None:
    patterns = [p for c in stage.rules for p in c.regexes]
    screened = {p.pattern: bp._unrated_screen(p.pattern) for p in patterns}
    screened = {k: v for k, v in screened.items() if v is not None}
    assert len(screened) >= 10
    matched = 0
    for line in _lines():
        form = normalize(line)
        for p in patterns:
            req = screened.get(p.pattern)
            if req is not None and p.fullmatch(line):
                matched += 1
                assert any(x in form for x in req), (p.pattern, line)
    assert matched >= 4  # the crafted forum, query and breadcrumb lines at least


def test_a_matched_line_passes_the_char_screen(stage: bp.BoilerplateStage) -> None:
    a = stage.anywhere
    assert a is not None and a.char_screens
    checked = 0
    for line in _lines():
        for bit, lo, hi, chars in a.char_screens:
            if a.compiled[bit].fullmatch(line):
                checked += 1
                assert lo <= len(line) <= hi, (a.compiled[bit].pattern, line)
                assert chars is None or chars.fullmatch(line), (a.compiled[bit].pattern, line)
    assert checked >= 6
    token = next(
        (lo, hi, c)
        for b, lo, hi, c in a.char_screens
        if a.compiled[b].fullmatch("a1b2c3d4e5f6g7h8i9")
    )
    assert token[:2] == (16, 80)  # [a-z0-9_-]{16,80}
    assert token[2] is not None
    assert token[2].fullmatch("A1B2C3D4E5F6G7H8I9")  # case-insensitive as the rule
    assert token[2].fullmatch("a1b2c3d4e5f6g7h8i9/") is None


def test_length_bounds() -> None:
    assert bp._length_bounds(r"\d{6,8}[ _-]\d{2,4}") == (9, 13)
    assert bp._length_bounds(r"(?=\d)a(?:bc)?+") == (1, 3)  # lookarounds take no characters
    assert bp._length_bounds(r"(?>ab|c)x*") == (1, bp._UNBOUNDED)
    assert bp._length_bounds(r"a{,5}") == (0, 5)
    assert bp._length_bounds(r"\p{L}+") is None  # regex syntax the parser rejects
    assert bp._length_bounds(r"(?:ab){e<=1}") is None  # a fuzzy constraint
    assert bp._length_bounds(r"a{ 1,2}") is None  # a brace regex may read otherwise
    assert bp._length_bounds(r"\{\{x") is None
    assert bp._length_bounds(r"[[:alpha:]]") is None


def test_char_screen_leaves_out_what_it_cannot_bound() -> None:
    assert bp._char_screen(r"(?:ab){e<=1}") is None  # fuzzy: any character may come in
    assert bp._char_screen(r"(?:ab){e}c") is None
    assert bp._char_screen(r"a\X+") is None  # a grapheme cluster is several characters
    assert bp._char_screen(r"(\w+) \1") is None  # a backreference: atoms unknown
    assert bp._char_screen(r"a.{0,9}") is None  # "." turns nothing away
    chars = bp._char_screen(r"[a-z]{3}\d")
    assert chars is not None
    assert chars.fullmatch("ABC1") and not chars.fullmatch("ab.1")


def test_zone_screen_misses_are_kept_for_the_document(stage: bp.BoilerplateStage) -> None:
    text = (
        "Breaking: the town hall reopens\n\n"
        + "The town hall reopened on Monday after two years of repairs to its roof.\n" * 4
        + "\nPrivacy Policy\nSome footer words here\n"
    )
    doc = Document("d", text)
    calls: list[str] = []
    screen = stage.zone_screen
    assert screen is not None
    original = bp._ZoneScreen.may_match

    def counting(self: bp._ZoneScreen, line: bp.Line, *args: object, **kwargs: object) -> bool:
        calls.append(line.text)
        return original(self, line, *args, **kwargs)  # type: ignore[arg-type]

    bp._ZoneScreen.may_match = counting  # type: ignore[method-assign]
    try:
        first = stage(doc)
        once = list(calls)
        stage(first)  # the same document again (a settling call)
    finally:
        bp._ZoneScreen.may_match = original  # type: ignore[method-assign]
    assert "Some footer words here" in once
    assert len(calls) == len(set(calls))  # no text is screened twice
    assert [e.rule for e in first.edits] == ["boilerplate.nav.footer_links"]  # a second pass ran
