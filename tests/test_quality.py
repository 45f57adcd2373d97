"""C4 / Gopher / FineWeb quality signals: values checked by hand, thresholds as published."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import textclean
from textclean.config import Config, ConfigError
from textclean.document import Document
from textclean.rules import RuleError, RulePack, check_pack
from textclean.stages import quality as quality_stage
from textclean.stages.quality import signals
from textclean.stages.quality import signals as quality
from textclean.stages.quality import thresholds as qt

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def thresholds() -> qt.Thresholds:
    return qt.load_thresholds(qt.parse_files(RulePack.load().files("quality")))


def test_builtin_thresholds_are_the_published_ones(thresholds: qt.Thresholds) -> None:
    c4, gq, gr, fw = (thresholds[f] for f in qt.FAMILIES)
    assert (c4["min_words_per_line"], c4["min_sentences"], c4["max_word_length"]) == (5, 3, 1000)
    assert (gq["min_words"], gq["max_words"]) == (50, 100_000)
    assert (gq["min_mean_word_length"], gq["max_mean_word_length"]) == (3, 10)
    assert (gq["max_symbol_word_ratio"], gq["max_bullet_lines_ratio"]) == (0.1, 0.9)
    assert (gq["max_ellipsis_lines_ratio"], gq["min_alpha_words_ratio"]) == (0.3, 0.8)
    assert gq["min_stop_words"] == 2
    assert set(gq["stop_words"]) == {"the", "be", "to", "of", "and", "that", "have", "with"}
    assert [gr[f"max_dup_{k}_fraction"] for k in ("line", "para", "line_char", "para_char")] == [
        0.3,
        0.3,
        0.2,
        0.2,
    ]
    assert [gr[f"max_top_{n}gram_char_fraction"] for n in (2, 3, 4)] == [0.2, 0.18, 0.16]
    assert [gr[f"max_dup_{n}gram_char_fraction"] for n in range(5, 11)] == [
        0.15,
        0.14,
        0.13,
        0.12,
        0.11,
        0.10,
    ]
    assert (fw["min_line_punct_ratio"], fw["max_short_line_ratio"]) == (0.12, 0.67)
    assert (fw["short_line_length"], fw["max_dup_line_char_ratio"]) == (30, 0.01)


def test_gopher_repetition_lines(thresholds: qt.Thresholds) -> None:
    text = "alpha beta\ngamma delta\nalpha beta\n"  # 34 characters
    s = quality.gopher_repetition_signals(text, thresholds["gopher_repetition"])
    assert s["gopher_rep.dup_line_fraction"] == round(1 / 3, 4)
    assert s["gopher_rep.dup_line_char_fraction"] == round(10 / 34, 4)
    assert s["gopher_rep.dup_para_fraction"] == 0.0


def test_gopher_repetition_ngrams(thresholds: qt.Thresholds) -> None:
    text = "a b c d e a b c d e"  # 19 characters
    s = quality.gopher_repetition_signals(text, thresholds["gopher_repetition"])
    # The second "a b c d e" (9 characters) repeats the first 5-gram.
    assert s["gopher_rep.dup_5gram_char_fraction"] == round(9 / 19, 4)
    # The top 2-gram "a b" (3 characters) occurs twice.
    assert s["gopher_rep.top_2gram_char_fraction"] == round(6 / 19, 4)
    assert s["gopher_rep.dup_10gram_char_fraction"] == 0.0


def test_c4_line_rules(thresholds: qt.Thresholds) -> None:
    text = (
        "This line has enough words to count.\n"
        "Too short.\n"
        "No terminal punctuation here at all\n"
        "Please enable JavaScript in your browser now.\n"
        "Read our privacy policy for details on this.\n"
        "And this one trails off into nothing at all...\n"
    )
    s = quality.c4_signals(text, thresholds["c4"])
    assert (s["c4.lines"], s["c4.lines_kept"], s["c4.sentences"]) == (6, 1, 1)
    assert (s["c4.javascript_lines"], s["c4.policy_lines"]) == (1, 1)
    assert quality.c4_failures(s, thresholds["c4"]) == ["c4.min_sentences"]
    lorem = quality.c4_signals("Lorem ipsum dolor sit amet, consectetur.\n", thresholds["c4"])
    assert lorem["c4.lorem_ipsum"] is True
    assert "c4.lorem_ipsum" in quality.c4_failures(lorem, thresholds["c4"])


def test_gopher_quality(thresholds: qt.Thresholds) -> None:
    s = quality.gopher_quality_signals(
        "The cat and the dog sat with me.", thresholds["gopher_quality"]
    )
    assert s["gopher.words"] == 8
    assert s["gopher.mean_word_length"] == 3.0
    assert s["gopher.stop_words"] == 3  # distinct: the, and, with
    assert quality.gopher_quality_failures(s, thresholds["gopher_quality"]) == [
        "gopher_quality.min_words"
    ]
    bullets = "\n".join(f"• item number {i} here" for i in range(20))
    b = quality.gopher_quality_signals(bullets, thresholds["gopher_quality"])
    assert b["gopher.bullet_lines_ratio"] == 1.0
    assert "gopher_quality.bullet_lines" in quality.gopher_quality_failures(
        b, thresholds["gopher_quality"]
    )


def test_fineweb_lines(thresholds: qt.Thresholds) -> None:
    text = "Short line\n\nAnother short\n\nThis line is long enough to not be short at all.\n"
    s = quality.fineweb_signals(text, thresholds["fineweb"])
    assert s["fineweb.line_punct_ratio"] == round(1 / 3, 4)
    assert s["fineweb.short_line_ratio"] == round(2 / 3, 4)  # below 0.67: passes
    assert s["fineweb.dup_line_char_ratio"] == 0.0
    assert quality.fineweb_failures(s, thresholds["fineweb"]) == []


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_score_text_reports_signals_without_dropping() -> None:
    twice = _seed("000")  # the article is there twice: 13 of its 26 lines repeat
    alone = _stage()(Document("b", twice))  # judged without `repeats` removing the copy
    assert alone.scores["gopher_rep.dup_line_fraction"] == 0.5
    assert "gopher_repetition.dup_line_fraction" in str(alone.scores["quality.failed"])
    scores = textclean.score_text(twice)  # the whole pipeline: the cleaned text is judged
    assert scores["dropped"] is None
    assert scores["gopher_rep.dup_line_fraction"] == 0.0
    assert "gopher_repetition" not in str(scores["quality.failed"])
    clean = textclean.score_text(_seed("003"))
    assert clean["quality.failed"] == ""
    assert clean["boilerplate.lines_removed"] == 1


def _stage(**options: object) -> Callable[[Document], Document]:
    """The quality stage alone, with ``[quality]`` options."""
    return quality_stage.build(Config().replace(quality=options), None)


def test_drop_on_quality_is_opt_in() -> None:
    short = "A short note of only a few words, but a sentence.\n"
    kept = _stage()(Document("a", short))
    assert kept.dropped is None
    assert "gopher_quality.min_words" in str(kept.scores["quality.failed"])
    dropped = _stage(drop_on_quality=True)(Document("b", short))
    assert dropped.dropped is not None
    # one reason code per family: the first failing one, every failed check as the detail
    assert dropped.dropped == (
        "quality.c4: c4.min_sentences,gopher_quality.min_words,gopher_quality.stop_words"
    )


def test_drop_considers_only_the_configured_families() -> None:
    doc = _stage(drop_on_quality=True, checks=["fineweb"])(Document("s", _seed("003")))
    assert doc.dropped is None
    twice = _stage(drop_on_quality=True, checks=["gopher_repetition"])(Document("d", _seed("000")))
    assert twice.dropped is not None
    assert twice.dropped.startswith("quality.gopher_repetition: ")
    assert "gopher_repetition.dup_line_fraction" in twice.dropped


def test_pipeline_judges_quality_on_the_cleaned_text() -> None:
    options = {"drop_on_quality": True, "checks": ["gopher_repetition"]}
    cfg = Config().replace(quality=options)
    kept = textclean.clean_document(_seed("000"), config=cfg)
    assert kept.dropped is None  # repeats removed the second copy before the judgement
    assert [e.rule for e in kept.edits if e.stage == "repeats"] == ["repeats.run"]
    cfg_no_repeats = cfg.replace(stages=("repair", "boilerplate", "normalize", "quality"))
    dropped = textclean.clean_document(_seed("000"), config=cfg_no_repeats)
    assert dropped.dropped is not None and "dup_line_fraction" in dropped.dropped


def test_quality_can_be_skipped_and_families_are_checked() -> None:
    doc = textclean.clean_document(_seed("003"), skip=["quality"])
    assert "gopher.words" not in doc.scores and "quality.failed" not in doc.scores
    assert "boilerplate.lines_removed" in doc.scores  # the other stages still ran
    with pytest.raises(ConfigError, match="checks: unknown"):
        Config().replace(quality={"checks": ["nonsense"]})


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("drop_on_quality", "[quality] drop_on_quality"),
        ("quality_checks", "[quality] checks"),
        ("quality", "--skip quality"),
    ],
)
def test_old_boilerplate_quality_keys_name_the_new_ones(old: str, new: str) -> None:
    with pytest.raises(ConfigError, match="has moved") as err:
        Config.from_dict({"boilerplate": {old: True}})
    assert f"config.boilerplate.{old}" in str(err.value) and new in str(err.value)


def test_stop_words_are_counted_distinct(thresholds: qt.Thresholds) -> None:
    # 35 x "the", no other stop word: Gopher asks for two *different* ones (datatrove
    # counts the intersection of the stop-word set with the document's words).
    text = " ".join(["the quick brown fox jumps"] * 35) + "."
    s = quality.gopher_quality_signals(text, thresholds["gopher_quality"])
    assert s["gopher.stop_words"] == 1
    failed = quality.gopher_quality_failures(s, thresholds["gopher_quality"])
    assert failed == ["gopher_quality.stop_words"]
    two = quality.gopher_quality_signals(text + " And so on.", thresholds["gopher_quality"])
    assert two["gopher.stop_words"] == 2
    assert quality.gopher_quality_failures(two, thresholds["gopher_quality"]) == []


def test_quality_table_validation() -> None:
    errors, _values = qt.check_quality_table({"bogus": {}, "c4": {"min_sentences": -1}})
    assert [e[0] for e in errors] == ["bogus", "c4"]


def test_thresholds_in_a_boilerplate_file_name_their_new_place(tmp_path: Path) -> None:
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "old.toml").write_text("[quality.c4]\nmin_sentences = 5\n")
    errors = [str(e) for e in check_pack(tmp_path)]
    assert len(errors) == 1 and "quality/*.toml" in errors[0], errors


def test_a_user_pack_overrides_one_threshold(tmp_path: Path) -> None:
    (tmp_path / "quality").mkdir()
    (tmp_path / "quality" / "strict.toml").write_text("[c4]\nmin_sentences = 100\n")
    assert check_pack(tmp_path) == []
    text = _seed("003")
    assert textclean.score_text(text)["c4.sentences"] == 89  # below 100: fails the strict pack
    strict = textclean.score_text(text, rules=[str(tmp_path)])
    assert strict["quality.failed"] == "c4.min_sentences"
    (tmp_path / "quality" / "strict.toml").write_text("[c4]\nmin_sentences = -1\n")
    with pytest.raises(RuleError, match=r"strict.toml:1: c4.min_sentences must be an integer"):
        textclean.score_text(text, rules=[str(tmp_path)])


def test_every_signal_equals_the_independent_reference_on_real_text(
    thresholds: qt.Thresholds,
) -> None:
    """C4, Gopher and FineWeb, each written again from its paper (tests/quality_reference.py)."""
    import json

    from tests import quality_reference

    root = Path(__file__).resolve().parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root.parent / "seeds").iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "data/prose").glob("*.txt"))]
    rows = (root / "data/prose_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(r)["text"] for r in rows]
    texts += ["", "\n\n", "lorem ipsum dolor sit amet, all of it.", "x { y } z is here now."]
    for text in texts:
        want = quality_reference.score(text, thresholds)
        got, _ = signals.score(text, thresholds)
        assert {k: got[k] for k in want} == want, text[:80]


def test_sentence_ends_are_the_regex_matches() -> None:
    import random

    import regex

    white = {c for c in map(chr, range(0x110000)) if regex.fullmatch(r"\s", c)}
    assert white == signals._WHITE
    # every string of up to three of the characters the pattern reads (and white space
    # that `regex` counts or does not: U+001C), then longer random ones
    chars = ".!?\"'”’)]a \n\t\x1c\x85\u2028\u3000["
    texts = [a + b + c for a in chars for b in chars for c in chars]
    rng = random.Random(5)
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(4, 30))) for _ in range(20000)]
    texts += ["End. Next!? ok", 'He said "no." Then.', "a.\n", "x.)", "1.5 2!x 3?", "a..."]
    for text in texts:
        assert signals.sentence_ends(text) == len(signals._SENTENCE_END.findall(text)), text


def test_paragraph_split_by_re_is_the_regex_split() -> None:
    """Gopher's paragraphs split by ``re`` as by ``regex``'s ``\\n\\s*\\n``, on random
    strings of white space ``re`` and ``regex`` agree and disagree on (U+001C), line
    feeds and words; and the longest-word test of C4's lines as the word loop."""
    import random

    rng = random.Random(7)
    alphabet = ["\n", "\n", " ", "\t", "\r", "\x1c", "\x85", "\u2028", "\xa0", "\u3000", "a", "b."]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert signals._PARAGRAPH_SPLIT_RE.split(text) == signals._PARAGRAPH_SPLIT.split(text)
        for line in filter(None, map(str.strip, text.splitlines())):
            for longest in (0, 1, 2):
                old = any(len(w) > longest for w in line.split())
                assert (max(map(len, line.split()), default=0) > longest) == old
