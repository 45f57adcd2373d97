"""normalize: layout rules, the audit, and idempotence (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textclean import clean_document, clean_text
from textclean.config import Config
from textclean.document import Document, replay
from textclean.stages.normalize import build


def norm(text: str, **options: object) -> str:
    return clean_document(text, stages=["normalize"], normalize=options).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\r\n", "a b\n"),
        ("a\rb\r\nc", "a\nb\nc\n"),
        ("trailing   \nspaces\t\n", "trailing\nspaces\n"),
        ("\n\n\ntitle\n\n\n\nbody\n\n\n", "title\n\nbody\n"),
        ("a\n \t \nb", "a\n\nb\n"),  # whitespace-only lines are blank
        ("  indented  code\n", "  indented code\n"),
        ("", ""),
        (" \n\t\n", ""),
        ("x", "x\n"),
    ],
)
def test_layout(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_options() -> None:
    assert norm("  indented", keep_indentation=False) == "indented\n"
    assert norm("“a” ‘b’ — c – d", fold_quotes=True, fold_dashes=True) == "\"a\" 'b' - c - d\n"
    assert norm("“a” — b") == "“a” — b\n"


def test_edits_replay_to_the_output() -> None:
    text = "\n\nTitle  here \r\n\n\n\nBody\t\ttext"
    doc = clean_document(text, stages=["normalize"])
    assert doc.text == "Title here\n\nBody text\n"
    assert replay(text, doc.edits, "normalize") == doc.text
    assert {e.rule for e in doc.edits} == {
        "normalize.blank_lines",
        "normalize.whitespace",
        "normalize.line_endings",
        "normalize.final_newline",
    }


def test_library_one_liner() -> None:
    assert clean_text("a  b\r\n") == "a b\n"


LAYOUT = st.lists(
    st.sampled_from(["a", "b c", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "é", "“x”", "—"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LAYOUT | st.text(max_size=80))
def test_normalize_is_idempotent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LAYOUT | st.text(max_size=80))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def test_fenced_code_keeps_its_spaces_blank_lines_and_quotes() -> None:
    from textclean.config import NormalizeConfig

    text = (
        "Intro  text\r\n\r\n"
        "```python\r\n"
        "x  =  “a”   \r\n"
        "\r\n"
        "\r\n"
        "\tif x:  pass\r\n"
        "```\r\n\r\n\r\n"
        "After   code\r\n"
    )
    stage = build(Config(normalize=NormalizeConfig(fold_quotes=True)), None)
    out = stage(Document("d", text)).text
    assert out == ("Intro text\n\n```python\nx  =  “a”   \n\n\n\tif x:  pass\n```\n\nAfter code\n")
    assert stage(Document("d", out)).text == out  # still idempotent


def test_unclosed_fence_is_ordinary_text() -> None:
    out = build(Config(), None)(Document("d", "```\nx  =  1\n\n\n\ny\n")).text
    assert out == "```\nx = 1\n\ny\n"


_LAYOUT = st.lists(
    st.sampled_from([*"ab .\t\n\r\x0c\u00a0\u2028“—", "```", "~~~"]), max_size=60
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_LAYOUT, keep=st.booleans())
def test_is_normal_only_when_the_stage_changes_nothing(text: str, keep: bool) -> None:
    stage = build(Config().replace(normalize={"keep_indentation": keep}), None)
    if stage.is_normal(text):
        # the full stage, without the screen, leaves the text alone
        full = stage.normalize_fully(Document("d", text))
        assert full.text == text and not full.edits
    result = stage(Document("d", text)).text
    if "```" not in result and "~~~" not in result:  # code keeps its layout: screen says no
        assert stage.is_normal(result)  # what the stage writes passes the screen


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_LAYOUT, keep=st.booleans(), quotes=st.booleans())
def test_the_screens_give_the_full_stage_s_result(text: str, keep: bool, quotes: bool) -> None:
    # with or without a final newline: a laid-out text lacking only that one gets it
    # by the short path, every other text by the full stage
    stage = build(
        Config().replace(normalize={"keep_indentation": keep, "fold_quotes": quotes}), None
    )
    for t in (text, text.rstrip("\n"), text + "\n"):
        ours = stage(Document("d", t))
        full = stage.normalize_fully(Document("d", t))
        assert ours.text == full.text
        assert [e.to_dict() for e in ours.edits] == [e.to_dict() for e in full.edits]


def test_a_laid_out_text_without_its_final_newline_gets_one_edit() -> None:
    doc = build(Config(), None)(Document("d", "Title\n\nBody text."))
    assert doc.text == "Title\n\nBody text.\n"
    assert [(e.rule, e.start, e.end, e.before, e.after) for e in doc.edits] == [
        ("normalize.final_newline", 17, 17, "", "\n")
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=" \t\u00a0ab.\u3000", max_size=30), st.booleans())
def test_clean_line_equals_its_regexes_applied_to_every_line(line: str, keep: bool) -> None:
    import textclean.stages.normalize as norm

    stage = build(Config.from_dict({"normalize": {"keep_indentation": keep}}), None)
    want = line.rstrip(" \t")
    if keep:
        want = norm._INNER_SPACES.sub(" ", want)
    else:
        want = norm._ALL_SPACES.sub(" ", want).lstrip(" ")
    assert stage.clean_line(line) == want


def test_regex_space_is_what_the_regex_module_calls_white_space() -> None:
    import re

    import regex

    from textclean.stages.normalize import REGEX_SPACE

    ours = re.compile(f"[{REGEX_SPACE}]")
    for cp in range(0x110000):
        ch = chr(cp)
        assert (ours.match(ch) is None) == (regex.match(r"\s", ch) is None), hex(cp)


@given(st.text(alphabet=" \t\n\r\x0b\x1c\x85\u00a0\u3000a.é", max_size=12))
def test_inner_space_screens_find_what_the_inner_spaces_pattern_finds(text: str) -> None:
    from textclean.stages.normalize import _INNER_SPACE_SCREENS, _INNER_SPACES

    found = any(p.search(text) for p in _INNER_SPACE_SCREENS)
    assert found == (_INNER_SPACES.search(text) is not None)
