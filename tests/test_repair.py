"""repair: ftfy's data fixes, not its cosmetic ones; the fast path changes nothing."""

from __future__ import annotations

import itertools

import ftfy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textclean import clean_document, clean_text
from textclean.config import Config, RepairConfig
from textclean.document import Document
from textclean.stages.repair import RepairStage, _ftfy_config, _lines, build
from textclean.textblocks import fenced_code_lines


def repair(text: str, **options: object) -> str:
    return clean_document(text, stages=["repair"], repair=options).text


def test_mojibake() -> None:
    assert repair("CÃ´te dâ€™Ivoire") == "Côte d’Ivoire"
    assert clean_text("CÃ´te dâ€™Ivoire") == "Côte d’Ivoire\n"
    assert repair("â€œquotedâ€\x9d text") == "“quoted” text"


def test_html_entities_unescaped_outside_markup_only() -> None:
    assert repair("Fish &amp; chips &lt;3 &eacute;t&eacute;") == "Fish & chips <3 été"
    # a line holding markup keeps its entities (they may be literal code) ...
    assert repair("<p>a &amp; b</p>") == "<p>a &amp; b</p>"
    # ... without switching unescaping off for the other lines (ftfy's whole-text "auto")
    assert repair("<b>x</b>\nR&amp;D\n") == "<b>x</b>\nR&D\n"


def test_entities_inside_fenced_code_stay_literal() -> None:
    text = (
        "Tom &amp; Jerry\n\n```html\n<p>&lt;div&gt; &amp; CafÃ©</p>\nx &lt; y &amp;&amp; z\n```\n"
        "R&amp;D after the fence\n"
    )
    want = (
        "Tom & Jerry\n\n```html\n<p>&lt;div&gt; &amp; Café</p>\nx &lt; y &amp;&amp; z\n```\n"
        "R&D after the fence\n"
    )
    assert repair(text) == want  # mojibake in code is still damage; entities are the code
    assert clean_text(want) == want  # and the whole pipeline leaves it so (idempotent)
    # an unclosed fence is not code: its entities are unescaped like any text
    assert repair("```\nx &lt; y\n") == "```\nx < y\n"
    for ending in ("\r\n", "\r"):
        crlf = text.replace("\n", ending)
        once = clean_text(crlf)
        assert clean_text(once) == once and "&lt;div&gt;" in once and "Tom & Jerry" in once


def test_doubly_escaped_entities_reach_a_fixpoint() -> None:
    assert repair("&amp;quot;hi&amp;quot; &amp;amp;") == '"hi" &'


def test_control_characters_and_terminal_escapes() -> None:
    assert repair("a\x00b\x07c\x08d") == "abcd"
    assert repair("\x1b[31mred\x1b[0m alert") == "red alert"
    # tab and newline are not "control characters" to remove
    assert repair("a\tb\nc") == "a\tb\nc"


def test_surrogates_and_nfc() -> None:
    assert repair("a\ud83d\ude00b") == "a😀b"  # a surrogate pair becomes the real character
    assert repair("e\u0301t\u0065\u0301") == "été"


def test_cosmetic_fixes_stay_off_unless_configured() -> None:
    text = "“curly” ﬁne ＡＢＣ，日本語"
    assert repair(text) == text
    assert (
        repair(text, uncurl_quotes=True, fix_latin_ligatures=True) == '"curly" fine ＡＢＣ，日本語'
    )
    assert repair("ＡＢＣ", fix_character_width=True) == "ABC"


def test_disabled_encoding_sub_option_is_honoured() -> None:
    # ftfy.fix_text(explain=False) would ignore restore_byte_a0=False (ftfy 6.3.1)
    cfg = ftfy.TextFixerConfig(restore_byte_a0=False, explain=False)
    assert ftfy.fix_text("voilÃ  le travail", cfg) == "voilà le travail"
    assert repair("voilÃ  le travail", restore_byte_a0=False) == "voilà  le travail"
    assert repair("voilÃ  le travail") == "voilà le travail"


def test_edits_carry_rule_ids_and_ftfy_steps() -> None:
    doc = clean_document("ok\nCafÃ© &amp; more\n", stages=["repair"])
    (edit,) = doc.edits
    assert edit.rule == "repair.encoding"
    assert (edit.start, edit.before, edit.after) == (3, "CafÃ© &amp; more\n", "Café & more\n")
    assert "decode:utf-8" in edit.evidence["ftfy"]


def _full_path(stage: RepairStage, text: str) -> str:
    """What ftfy gives on every line, with no line skipped (the reference)."""
    lines = _lines(text)
    code = fenced_code_lines([ln.rstrip("\r\n") for ln in lines])
    return "".join(stage.fix_line(line, code=i in code)[0] for i, line in enumerate(lines))


VARIED = [
    "Plain ASCII text, nothing to do.\nSecond line.\n",
    "Déjà vu — « guillemets » et œuvre.\n",
    "日本語のテキスト。中文文本。한국어 텍스트.\n",
    "Русский текст и ελληνικά.\n",
    "mixed CafÃ© and clean café\nand &amp; entity\n",
    "emoji 😀👍🏽 and ZWJ 👨‍👩‍👧\n",
    "C1 \x85 control\x9d and Â\xa0nbsp\n",
    "tabs\tand  spaces\r\nCRLF\rCR only",
    "",
    "\n\n",
    "ÃƒÂ© double mojibake\n",
    "<html>&lt;tag&gt;</html>\n",
]


@pytest.mark.parametrize("text", VARIED)
def test_fast_path_matches_full_ftfy_path(text: str) -> None:
    stage = RepairStage(Config().repair)  # no layout step: pure ftfy behaviour
    assert stage(Document("d", text)).text == _full_path(stage, text)


ALPHABET = st.sampled_from(
    [
        *"abc XYZ.,;&#<>\n\r\t",
        "&amp;",
        "&lt;",
        "&eacute;",
        "Ã",
        "©",
        "â€",
        "™",
        "\x85",
        "\x9d",
        "\xa0",
        "\u200b",
        "é",
        "e\u0301",
        "\x00",
        "\x1b[0m",
        "ﬁ",
        "😀",
        "ð\x9f\x98\x80",
        "日本",
        "Ω",
        "\n```\n",
        "~~~",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=40).map("".join) | st.text(max_size=60))
def test_fast_path_matches_full_ftfy_path_fuzzed(text: str) -> None:
    stage = RepairStage(Config().repair)
    assert stage(Document("d", text)).text == _full_path(stage, text)


def test_fast_path_skips_ftfy_on_clean_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = ftfy.fix_and_explain
    monkeypatch.setattr(ftfy, "fix_and_explain", lambda *a: calls.append(a) or real(*a))
    stage = build(Config(), None)
    stage(Document("d", "clean ascii\n" * 100 + "clean French: déjà vu\n"))
    assert calls == []
    stage(Document("d", "clean\nCafÃ©\n"))
    assert len(calls) == 1  # only the damaged line


def test_ftfy_config_keeps_line_breaks_and_explain() -> None:
    cfg = _ftfy_config(RepairConfig())
    assert cfg.fix_line_breaks is False and cfg.explain is True
    assert cfg.uncurl_quotes is False and cfg.fix_character_width is False


def test_line_end_does_not_change_ftfys_verdict() -> None:
    """ftfy judges "ÂŒ" clean but "ÂŒ\\n" mojibake; normalize adds the "\\n", so repair must
    judge every line as ending in one, or a second run would change the output (found by
    hypothesis: "Â\\x1f\\x8c")."""
    import textclean

    for text in ("Â\x1f\x8c", "ÂŒ", "aÂŒ\r\nb"):
        once = textclean.clean_text(text)
        assert textclean.clean_text(once) == once
    assert textclean.clean_text("ÂŒ") == "Œ\n"


def _item_chars(item: tuple) -> set[str] | None:
    """The characters one parsed regex item can match (None: any or unknown)."""
    op, av = item
    if str(op) == "LITERAL":
        return {chr(av)}
    if str(op) != "IN":
        return None
    out: set[str] = set()
    for o, a in av:
        if str(o) == "LITERAL":
            out.add(chr(a))
        elif str(o) == "RANGE":
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        else:  # NEGATE, CATEGORY: anything
            return None
    return out


def test_mojibake_screen_is_necessary_for_ftfy_is_bad() -> None:
    """Every branch of ftfy's BADNESS_RE needs what the repair fast path screens for."""
    import random

    try:
        import re._parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    from ftfy import badness

    from textclean.stages.repair import _MOJIBAKE_SCREEN

    single = {chr(c) for c in range(0x80, 0xA0)} | set("ŒœÂÃ")
    (branch_op, (_, branches)), *rest = sre_parse.parse(
        badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags
    ).data
    assert str(branch_op) == "BRANCH" and not rest
    for branch in branches:
        sets = [_item_chars(item) for item in branch.data]
        non_ascii = [s is not None and all(ord(c) > 127 for c in s) for s in sets]
        adjacent = any(a and b for a, b in itertools.pairwise(non_ascii))
        assert adjacent or any(s is not None and s <= single for s in sets), branch
    # and on random strings of the characters the pattern names
    pool = "aZ .,?!\t0’“”—é" + "".join(
        sorted({c for c in badness.BADNESS_RE.pattern if ord(c) > 127})
    )
    rng = random.Random(7)
    for _ in range(50_000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        if badness.is_bad(s + "\n"):
            assert _MOJIBAKE_SCREEN.search(s), s


@given(
    st.text(
        alphabet="ab \n\u00e9\u00c2\u00c3\u0152\u0153\u0085\u009f\u201c\u2014\U0001f600",
        max_size=12,
    )
)
def test_mojibake_screen_finds_what_its_two_branches_find(text: str) -> None:
    import re

    from textclean.stages.repair import _MOJIBAKE_SCREEN

    branches = re.compile("[^\\x00-\\x7f]{2}|[\\x80-\\x9f\u0152\u0153\u00c2\u00c3]")
    assert (_MOJIBAKE_SCREEN.search(text) is None) == (branches.search(text) is None)
