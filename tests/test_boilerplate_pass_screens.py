"""More of the boilerplate stage's cheaper checks give the answers of the work they skip:
the link-list heading screen, the screens of whole-pattern ``(?-i:...)`` regexes, the
orphan headings found by their exact forms once a pass, and the word counts that lines
keep when a pass moves them (see docs/performance.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from textclean.config import Config
from textclean.document import Document
from textclean.stages.boilerplate import shape
from textclean.stages.boilerplate.layout import Line, layout_lines, lines_after
from textclean.stages.boilerplate.screen import canon
from textclean.stages.boilerplate.stage import (
    _case_sensitive_body,
    _case_sensitive_screen,
    build,
)

DATA = Path(__file__).parent / "data"
STAGE = build(Config(), None)

#: Every heading word of LIST_HEADING without a colon, as written in the pattern.
_WORDS = [
    w
    for alt in shape._LIST_WORDS.split("|")
    for w in ((alt[:-2], alt[:-1]) if alt.endswith("s?") else (alt,))
]
_PADS = ["", "- ", "• ", " » ", "*", "  ", "\u3000", "\u00a0", "—", "›› "]
_TAILS = ["", ":", " :", "：", ": ", " ", "\u00a0", " :\u3000", "-", " x"]
#: Characters that a case-insensitive match may equate with another letter.
_ODD = ["\u212a", "\u017f", "\u0130", "\u0131", "ß", "é", "É"]


def _variants(word: str) -> list[str]:
    out = {word, word.upper(), word.title(), word.swapcase()}
    for odd in _ODD:
        for k in range(len(word)):
            out.add(word[:k] + odd + word[k + 1 :])
    return sorted(out)


def test_the_list_heading_screen_lets_every_match_through() -> None:
    seen = 0
    for word in [*_WORDS, "read more on", "related", "see also", "по теме", "tag s", "tagz"]:
        for v in _variants(word):
            for pad in _PADS:
                for tail in _TAILS:
                    text = pad + v + tail
                    if shape.LIST_HEADING.fullmatch(text):
                        seen += 1
                        assert shape._may_be_list_heading(text), text
    assert seen > 1000


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_WORDS, "read more", "on", ":", "：", " ", "-", "»", "x", "\u212a", "é"]),
        max_size=5,
    )
)
def test_the_list_heading_screen_on_generated_lines(parts: list[str]) -> None:
    text = "".join(parts)
    if shape.LIST_HEADING.fullmatch(text):
        assert shape._may_be_list_heading(text)


def test_a_whole_pattern_case_sensitive_group_is_read_inside() -> None:
    assert _case_sensitive_body("(?-i:[a-z]{2}[-_]logo)") == "[a-z]{2}[-_]logo"
    assert _case_sensitive_body(r"(?-i:[)(]x)") == "[)(]x"
    assert _case_sensitive_body(r"(?-i:\))") == r"\)"
    assert _case_sensitive_body("(?-i:a)(?-i:b)") is None
    assert _case_sensitive_body("(?-i:a)|b") is None
    assert _case_sensitive_body("(?-i:[[:alpha:]]x)") is None  # a "[" in a class
    assert _case_sensitive_body("(?i:a)") is None
    assert _case_sensitive_body("(?-i:[ab") is None
    assert _case_sensitive_screen(r"(?-i:UA-\d{4,10}-\d{1,3})") == frozenset({"ua-"})
    assert _case_sensitive_screen("(?-i:[a-z]+)") is None  # nothing every match holds


def test_lines_the_case_sensitive_screens_admit_hold_their_strings() -> None:
    a = STAGE.anywhere
    assert a is not None
    screened = {
        bit: req
        for bit, p in enumerate(a.compiled)
        if (req := _case_sensitive_screen(p.pattern)) is not None
    }
    assert screened  # the 'logo' file names, the tracking ids, ...
    lines = ["brand-logo", "site_logo-dark-small", "UA-1234567-1", "GTM-AB12CD3", "Close"]
    lines += ["G-AB12CD34EF", "footer-logo-white-2x-retina", "Fermer", "plain words"]
    matched = 0
    for bit, req in screened.items():
        assert not a.always >> bit & 1  # screened, no longer tried on every line
        for text in lines:
            if a.compiled[bit].fullmatch(text):
                matched += 1
                assert any(x in canon(text) for x in req), (a.compiled[bit].pattern, text)
                # and the screen's mask of the line holds the regex's bit
                (mask,) = a._search(canon(text), [0])
                assert mask >> bit & 1
    assert matched >= 5


def _pages() -> list[str]:
    files = [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.txt"))][:120]
    return [
        *files,
        "Intro\n\nTable of Contents\nA real sentence of the article goes on for a while here.\n",
        "Inhaltsverzeichnis\n\nEin echter Satz des Artikels, der eine Weile weitergeht, hier.\n"
        "Contents\n1. One\n2. Two\n",
    ]


def test_orphan_headings_found_by_their_forms_give_the_loop_over_the_rules() -> None:
    assert STAGE.orphan_entries  # the built-in orphan-heading rules have exact entries only
    slow = dataclasses.replace(STAGE)
    object.__setattr__(slow, "orphan_entries", None)
    for text in _pages():
        a = STAGE(Document("d", text))
        b = slow(Document("d", text))
        assert a.text == b.text
        assert [(e.rule, e.start, e.end, e.evidence) for e in a.edits] == [
            (e.rule, e.start, e.end, e.evidence) for e in b.edits
        ]


def test_lines_moved_by_a_pass_keep_the_word_counts_of_their_texts() -> None:
    checked = 0
    for text in _pages()[:60]:
        lines = layout_lines(text)
        for ln in lines[::3]:
            ln.words  # noqa: B018  (counted: kept in the line)
        spans = [(ln.start, ln.end) for ln in lines[1::4]]
        kept = zip([0, *[e for _, e in spans]], [*[s for s, _ in spans], None], strict=True)
        left = "".join(text[a:b] for a, b in kept)
        moved = lines_after(lines, spans, text, left)
        if moved is None:
            continue
        checked += 1
        fresh = layout_lines(left)
        assert [ln.text for ln in moved] == [ln.text for ln in fresh]
        for m, f in zip(moved, fresh, strict=True):
            assert m.words == f.words == Line(0, 0, 0, m.text).words
    assert checked > 20
