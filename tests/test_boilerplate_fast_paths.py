"""The boilerplate stage's cheaper checks give the answers of the checks they stand for:
the rules indexed by kind, the fence screen, the date-line digit screens, the teaser
ending screen, the teasers' content words and the CJK span (see docs/performance.md)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.boilerplate_helpers import OPT_IN_STAGE
from textclean.document import Document
from textclean.stages.boilerplate import region, teasers
from textclean.stages.boilerplate.shape import _DATED, _DIGIT, DATE_LINE
from textclean.textblocks import _may_fence

#: Pieces of date lines with every digit left out: month and day names, labels and marks.
_NO_DIGIT_PIECES = [
    "Jan",
    "January",
    "Sept.",
    "Dec",
    "Tuesday,",
    "Uploaded:",
    "posted",
    "date :",
    "at",
    "pm",
    "a.m.",
    "st",
    "th",
    ",",
    ".",
    "/",
    "-",
    ":",
    " ",
    "  ",
    "Ⅻ",
    "ⅳ",
    "½",
    "²",
]


def test_rules_by_kind_are_the_rules_of_each_kind_in_order() -> None:
    # the rules shipped off switched on: every kind has a rule then
    stage = OPT_IN_STAGE
    kinds = {c.rule.kind for c in stage.rules}
    assert {"line", "section", "teaser", "orphan_heading"} <= kinds
    for kind in kinds:
        assert stage.by_kind[kind] == tuple(c for c in stage.rules if c.rule.kind == kind)
    assert sum(map(len, stage.by_kind.values())) == len(stage.rules)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["`", "~", "a", " ", "\n", "é", "``", "~~"]), max_size=12))
def test_the_fence_screen_is_the_search_for_three_backticks_or_tildes(parts: list[str]) -> None:
    text = "".join(parts)
    assert _may_fence(text) == (regex.search(r"```|~~~", text) is not None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NO_DIGIT_PIECES), max_size=8))
def test_a_date_line_holds_a_digit(pieces: list[str]) -> None:
    """``byline_lines`` tries ``DATE_LINE`` only on lines with a digit: no line without
    one (month names, weekdays, labels, marks, numerals that are no decimal digits)
    is a date line to it."""
    text = "".join(pieces)
    assert _DIGIT.search(text) is None
    assert DATE_LINE.fullmatch(text) is None


def test_date_lines_with_digits_still_match() -> None:
    for text in (
        "Nov 07, 2017",
        "Tuesday, May 26, 2009",
        "17/02/2004 12:15pm",
        "Uploaded: 2021-12-27",
    ):
        assert DATE_LINE.fullmatch(text), text
        assert _DIGIT.search(text)


def test_teasers_found_with_and_without_a_snippet_ending() -> None:
    """The teaser rule still runs on a page whose lines end as snippets do, and a page
    whose lines do not end so keeps its lines (the per-pass ending screen)."""
    stage = OPT_IN_STAGE
    body = "\n\n".join(
        f"Paragraph {k} of the article says what happened at the council on the day it met."
        for k in range(8)
    )
    teasers = "\n".join(
        f"Headline number {k}\nThe opening words of story {k} go on until they stop [...]"
        for k in range(3)
    )
    doc = stage(Document("t", body + "\n\n" + teasers + "\n"))
    assert any(e.rule.startswith("boilerplate.teaser.") for e in doc.edits)
    plain = stage(Document("p", body + "\n"))
    assert plain.edits == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NO_DIGIT_PIECES), max_size=8))
def test_the_region_stop_test_needs_a_digit_for_a_date(pieces: list[str]) -> None:
    """``region._stop_kind`` tries its year and date patterns only on a line with a
    digit: none of them finds anything in a line without one."""
    text = "".join(pieces)
    assert _DIGIT.search(text) is None
    assert region._YEAR.search(text) is None
    assert DATE_LINE.search(text) is None
    assert _DATED.search(text) is None


def test_the_region_stop_test_still_finds_dates_and_credits() -> None:
    for text in ("Updated Sept. 12", "Filed in 2019 by the desk", "12/03/2024 news"):
        assert region._stop_kind(text) == 2
    assert region._stop_kind("Photo by the town archive") == 2
    assert region._stop_kind("The harbour tunnel plan wins the vote") == 0


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Harbour",
                "tunnel",
                "STRASSE",
                "Straße",
                "Ωμέγα",
                "ДОМА",
                "2024",
                "ﬁnal",
                "the",
                "図書館が開館",
                "café",
                "Ꮳ",
                "ꮳꮳꮳꮳ",
                " ",
                ", ",
                "—",
                "x1x1",
            ]
        ),
        max_size=10,
    )
)
def test_teaser_content_words_without_the_per_word_script_test(parts: list[str]) -> None:
    """``teasers._words`` skips the per-word script test of ``content_words`` on text
    without a character of a script written without spaces: the same words either way."""
    text = "".join(parts)
    stop = frozenset({"the", "final"})
    teasers._words.cache_clear()
    want = frozenset(w[:5] for w in region.content_words(text, 4) if w not in stop)
    assert teasers._words(text, 4, 5, stop) == want


_PROSE_WORDS = [
    "word",
    "Mot",
    "東京の図書館",
    "ไทย",
    "a",
    "—",
    "é",
    "x…",
    "end.",
    "end...",
    "“Yes.”",
]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PROSE_WORDS), max_size=16),
    mw=st.sampled_from([1, 2, 3, 10, 12]),
    snippets=st.booleans(),
)
def test_prose_of_a_line_is_is_prose_of_its_text(words: list[str], mw: int, snippets: bool) -> None:
    """``_Run.prose`` reads the line's word count (set by the layout or counted by the
    line) instead of counting up to ``prose_min_words`` again: the same answers."""
    from textclean.stages.boilerplate.layout import Line, is_prose, is_snippet, layout_lines
    from textclean.stages.boilerplate.stage import _Run

    text = " ".join(words)
    page = "A first line here.\n" + text + "\n" + text + " tail."
    laid = layout_lines(page)
    for ln in [*laid, Line(0, 0, len(text), text)]:
        run = _Run(laid, prose_min_words=mw, snippets=snippets)
        want = is_prose(ln.text, mw) and not (snippets and is_snippet(ln.text, mw))
        assert run.prose(ln) == want, (ln.text, mw)
