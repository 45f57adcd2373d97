"""The repeats stage: exact and near-duplicate blocks inside one document."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textclean
from textclean.config import Config, ConfigError
from textclean.document import Document, replay
from textclean.stages.quality.signals import repeated
from textclean.stages.repeats import build, repetition_scores

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def run(text: str, **options: object) -> Document:
    cfg = Config().replace(repeats=options) if options else Config()
    return build(cfg, None)(Document("t", text))


# --- the seeds -------------------------------------------------------------


def test_seed_000_whole_article_twice_is_one_edit() -> None:
    text = seed("000")
    lines = text.split("\n")
    assert len(lines) == 26 and lines[:13] == lines[13:]  # the article, pasted twice
    doc = run(text)
    assert doc.text == "\n".join(lines[:13]) + "\n"
    for line in lines[:13]:
        assert doc.text.count(line) == 1
    (edit,) = doc.edits
    assert edit.rule == "repeats.run"
    assert edit.evidence["blocks"] == 13
    assert edit.evidence["duplicate_of"]["line"] == 1
    assert [m["duplicate_of"]["line"] for m in edit.evidence["members"]] == list(range(1, 14))


def test_seed_001_first_two_paragraphs_kept_once() -> None:
    text = seed("001")
    lines = text.splitlines(keepends=True)
    assert lines[2:4] == lines[0:2]
    doc = run(text)
    assert doc.text == "".join(lines[:2] + lines[4:])
    assert doc.text.count("Greater than a yr into U.S. President") == 1
    assert doc.text.count("Trump admires Putin and likes the concept") == 1
    (edit,) = doc.edits
    assert edit.rule == "repeats.run" and edit.evidence["blocks"] == 2


def test_seed_002_title_kept_once() -> None:
    text = seed("002")
    lines = text.splitlines(keepends=True)
    title = "Trump is fascinated by Putin, Russia continues to kill: How can Ukraine achieve peace?"
    assert lines[0].strip() == lines[2].strip() == title and text.count(title) == 2
    doc = run(text)
    # the second title goes together with the blank line after it; nothing else changes
    assert doc.text == "".join(lines[:2] + lines[4:])
    assert doc.text.count(title) == 1
    (edit,) = doc.edits
    assert edit.rule == "repeats.exact"
    assert edit.evidence["duplicate_of"] == {"block": 0, "line": 1, "start": 0, "end": len(title)}


def test_seed_004_caption_kept_once() -> None:
    text = seed("004")
    lines = text.splitlines(keepends=True)
    caption = "Trump, Putin, and Zelensky surrounded by tanks and negotiators."
    assert lines[9].strip() == lines[11].strip() == caption
    doc = run(text)
    assert doc.text == "".join(lines[:11] + lines[13:])
    assert doc.text.count(caption) == 1
    (edit,) = doc.edits
    assert edit.evidence["duplicate_of"]["line"] == 10


def test_clean_seed_003_untouched() -> None:
    text = seed("003")
    doc = run(text)
    assert doc.edits == [] and doc.text == text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_idempotent_and_replayable(prefix: str) -> None:
    text = seed(prefix)
    once = run(text)
    assert replay(text, once.edits, "repeats") == once.text
    twice = run(once.text)
    assert twice.edits == [] and twice.text == once.text
    json.dumps(once.to_dict())  # the audit serializes as it is


def test_default_pipeline_runs_repeats() -> None:
    out = textclean.clean_text(seed("002"))
    assert out.count("Trump is fascinated by Putin, Russia continues to kill") == 1
    assert out.startswith("Trump is fascinated by Putin, Russia continues to kill: How can")
    assert "\n\nUkraine is responding, especially by targeting" in out


# --- near repeats ------------------------------------------------------------

QUOTED = (
    'Nijnikau says that "if Ukraine diplomatically capitulates, Putin will be happy." '
    '"If it does not, Russia will continue to mimic peace talks as long as Trump desires," '
    "he added."
)
OTHER = (
    "Their ideal version is a multilateral security consortium with a limited mandate, in "
    "which Moscow will have a veto right, allowing it to resume its aggression at any time."
)


def test_near_repeat_with_changed_word_and_other_quotes_is_removed() -> None:
    respun = (
        "Nijnikau says that “if Ukraine diplomatically capitulates, Putin will be pleased.” "
        "“If it does not, Russia will continue to mimic peace talks as long as Trump desires,” "
        "he added."
    )
    doc = run(f"{QUOTED}\n\n{OTHER}\n\n{respun}\n")
    assert doc.text == f"{QUOTED}\n\n{OTHER}\n"
    (edit,) = doc.edits
    assert edit.rule == "repeats.near"
    assert edit.evidence["method"] == "char-5gram"
    assert 0.8 <= edit.evidence["similarity"] < 1.0
    assert edit.evidence["duplicate_of"]["line"] == 1


def test_paragraphs_with_different_facts_both_stay() -> None:
    a = "The foreign minister arrived in Kyiv on Monday for talks with the president."
    b = "The foreign minister arrived in Warsaw on Friday for talks with the prime minister."
    text = f"{a}\n\n{b}\n"
    assert run(text).text == text


def test_paragraphs_sharing_a_long_quotation_both_stay() -> None:
    quote = (
        '"We will not accept any agreement that rewards aggression. We will keep supporting '
        "Ukraine, politically, financially and militarily, for as long as it takes to restore "
        "its sovereignty and its territorial integrity within its internationally recognised "
        'borders."'
    )
    a = "On Monday in Brussels the foreign minister opened the meeting by reading the statement: "
    b = "Twelve governments signed a joint letter to the Secretary-General ending with the words: "
    text = f"{a}{quote}\n\n{OTHER}\n\n{b}{quote}\n"
    doc = run(text)
    assert doc.edits == [] and doc.text == text


def test_hard_wrapped_paragraph_is_compared_whole() -> None:
    para = (
        "The negotiators met again in Geneva on Tuesday, but\n"
        "the talks ended after two hours without any agreement\n"
        "on the ceasefire line or on the exchange of prisoners."
    )
    changed = para.replace("two hours", "three hours")
    doc = run(f"{para}\n\n{OTHER}\n\n{changed}\n\nThe next round is planned for May.\n")
    assert doc.text == f"{para}\n\n{OTHER}\n\nThe next round is planned for May.\n"
    (edit,) = doc.edits
    assert edit.rule == "repeats.near" and edit.before == changed + "\n\n"


# --- short blocks -----------------------------------------------------------

STANZA = (
    "The woods are lovely, dark and deep,\n"
    "But I have promises to keep,\n"
    "And miles to go before I sleep,\n"
    "And miles to go before I sleep.\n"
)


def test_refrain_removed_by_default() -> None:
    doc = run(STANZA)
    assert doc.text == STANZA.rsplit("And miles", 1)[0]
    assert doc.edits[0].rule == "repeats.exact"


def test_refrain_kept_with_keep_short_repeats() -> None:
    doc = run(STANZA, keep_short_repeats=True)
    assert doc.edits == [] and doc.text == STANZA


def test_short_labels_and_bylines_stay() -> None:
    text = (
        "More from this author\n\n"
        "Why the talks stalled\nBy Ian Bremmer\n\n"
        "What Europe can still do\nBy Ian Bremmer\n\n"
        "Q:\nWhat did the envoy propose?\nA:\nA ceasefire along the current front line.\n"
        "Q:\nWhen will the talks resume?\nA:\nNext week, in Riyadh.\n\n"
        "Share\nShare\n"
    )
    doc = run(text)
    assert doc.edits == [] and doc.text == text


def test_wider_short_window_catches_title_byline_title_but_not_labels() -> None:
    text = f"The Long Road to Peace\nBy Jane Doe\nThe Long Road to Peace\n\n{OTHER}\n"
    assert run(text).text == text
    wide = run(text, short_window=2)
    assert wide.text == f"The Long Road to Peace\nBy Jane Doe\n\n{OTHER}\n"
    assert wide.edits[0].evidence["duplicate_of"]["line"] == 1
    teasers = "".join(
        f"{t}\nBy Ian Bremmer\n" for t in ("Why talks stall", "What next", "Who pays")
    )
    assert run(teasers, short_window=2).text == teasers


def test_short_block_far_from_its_copy_stays() -> None:
    text = f"Analysis and Opinion\n\n{OTHER}\n\n{QUOTED}\n\nAnalysis and Opinion\n"
    assert run(text).text == text


# --- runs, tidying, layout ------------------------------------------------------

ARTICLE = [
    "The Long Road to Peace",
    "By Jane Doe",
    OTHER,
    QUOTED,
    "A Titanic Struggle",
    "Every time the US president has condemned Russia for such attacks, he has done "
    "nothing concrete to punish it.",
]


def test_article_pasted_twice_with_blank_lines_is_one_edit() -> None:
    once = "\n\n".join(ARTICLE)
    doc = run(f"{once}\n\n{once}\n")
    assert doc.text == once + "\n"
    (edit,) = doc.edits
    assert edit.rule == "repeats.run" and edit.evidence["blocks"] == len(ARTICLE)
    # the short title, byline and subheading go with the run they belong to
    assert [m["duplicate_of"]["block"] for m in edit.evidence["members"]] == list(range(6))


def test_run_with_a_slightly_changed_paragraph_is_still_one_edit() -> None:
    once = "\n\n".join(ARTICLE)
    again = once.replace("will be happy", "will be pleased")
    doc = run(f"{once}\n\n{again}\n\nEnd of the report, filed from Kyiv on Sunday evening.\n")
    assert doc.text == f"{once}\n\nEnd of the report, filed from Kyiv on Sunday evening.\n"
    (edit,) = doc.edits
    methods = [m["method"] for m in edit.evidence["members"]]
    assert methods == ["exact", "exact", "exact", "char-5gram", "exact", "exact"]
    assert edit.evidence["similarity"] == edit.evidence["members"][3]["similarity"] < 1.0


def test_separate_repeats_are_separate_edits_and_blank_lines_tidied() -> None:
    text = f"{OTHER}\n\n{QUOTED}\n\n{OTHER.upper()}\n\nA kept line.\n\n{QUOTED}\n"
    doc = run(text)
    assert doc.text == f"{OTHER}\n\n{QUOTED}\n\nA kept line.\n"
    assert [e.rule for e in doc.edits] == ["repeats.exact", "repeats.exact"]
    assert [e.evidence["duplicate_of"]["line"] for e in doc.edits] == [1, 3]


def test_repeated_line_inside_a_paragraph_leaves_its_neighbours() -> None:
    text = f"Key points\n{OTHER}\n{QUOTED}\n{OTHER}\nClosing line of the list.\n\nNext paragraph.\n"
    doc = run(text)
    assert (
        doc.text == f"Key points\n{OTHER}\n{QUOTED}\nClosing line of the list.\n\nNext paragraph.\n"
    )


def test_fenced_code_is_never_touched() -> None:
    code = "total = compute_total(order, tax_rate=0.2, discount=None)"
    text = (
        f"```python\n{code}\nprint(total)\n```\n\nThe same call, logged:\n\n"
        f"```python\n{code}\nprint(total, file=sys.stderr)\n```\n"
    )
    doc = run(text)
    assert doc.edits == [] and doc.text == text


def test_crlf_input() -> None:
    text = "A caption that has exactly nine words in it.\r\n\r\n" * 2 + "Body.\r\n"
    doc = run(text)
    assert doc.text == "A caption that has exactly nine words in it.\r\n\r\nBody.\r\n"


def test_empty_and_blank_documents() -> None:
    for text in ("", "\n\n", "   \n"):
        doc = run(text)
        assert doc.text == text and doc.edits == []
        assert doc.scores["repeats.dup_line_frac"] == 0.0


# --- scores and config ---------------------------------------------------------------


def test_gopher_scores_by_hand() -> None:
    text = "A.\nB.\nA.\n\nC.\n\nA.\nB.\nA.\n"
    s = repetition_scores(text)
    # lines A B A C A B A: the 3rd, 5th, 6th and 7th were seen before
    assert s["repeats.dup_line_frac"] == 4 / 7
    assert s["repeats.dup_line_char_frac"] == 8 / len(text.strip())
    # paragraphs "A.\nB.\nA.", "C.", "A.\nB.\nA.": the third repeats the first
    assert s["repeats.dup_para_frac"] == 1 / 3
    assert s["repeats.dup_para_char_frac"] == 8 / len(text.strip())


def test_scores_are_on_the_stage_input() -> None:
    text = seed("000")
    doc = run(text)
    lines = text.strip().split("\n")
    assert doc.scores["repeats.dup_line_frac"] == 0.5  # 13 of 26 lines repeat
    assert doc.scores["repeats.dup_line_char_frac"] == sum(map(len, lines[13:])) / len(text.strip())
    assert doc.scores["repeats.dup_para_frac"] == 0.0  # no blank lines: one paragraph


def test_config_validation() -> None:
    with pytest.raises(ConfigError):
        Config.from_dict({"repeats": {"num_perm": 60, "bands": 16}})
    with pytest.raises(ConfigError):
        Config.from_dict({"repeats": {"char_threshold": 1.5}})
    with pytest.raises(ConfigError):
        Config.from_dict({"repeats": {"shingles": 3}})


def test_thresholds_come_from_config() -> None:
    respun = QUOTED.replace("happy", "pleased")
    text = f"{QUOTED}\n\n{respun}\n"
    assert run(text).text == f"{QUOTED}\n"
    assert run(text, char_threshold=0.95).text == text


def test_cut_across_a_paragraph_break_keeps_the_break() -> None:
    middle = "Middle entry, kept as it is."
    text = f"{OTHER}\n{QUOTED}\n{middle}\n{OTHER}\n\n{QUOTED}\nLast entry of the list.\n"
    doc = run(text)
    assert doc.text == f"{OTHER}\n{QUOTED}\n{middle}\n\nLast entry of the list.\n"
    (edit,) = doc.edits
    assert edit.rule == "repeats.run" and edit.after == "\n"


# --- properties ------------------------------------------------------------------

_POOL = [
    OTHER,
    QUOTED,
    QUOTED.replace("happy", "pleased"),
    OTHER.upper(),
    "The Long Road to Peace",
    "By Jane Doe",
    "Share",
    "- a bullet point",
    "***",
    "Caption: a photo of the two leaders shaking hands in Riyadh.",
    "the talks ended after two hours without any agreement",
    "on the ceasefire line or on the exchange of prisoners.",
    "```",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_POOL), st.sampled_from(["\n", "\n\n", "\n\n\n", " \n\n"])),
        max_size=14,
    ),
    st.booleans(),
)
def test_idempotent_replayable_and_only_deletes(parts: list[tuple[str, str]], keep: bool) -> None:
    text = "".join(block + sep for block, sep in parts)
    once = run(text, keep_short_repeats=keep)
    assert replay(text, once.edits, "repeats") == once.text
    assert run(once.text, keep_short_repeats=keep).edits == []
    # nothing is rewritten: what remains is a subsequence of the input's lines
    remaining = iter(text.splitlines())
    for line in once.text.splitlines():
        assert any(line == other for other in remaining)


def test_identical_table_rows_stay() -> None:
    text = (
        "| Year | Exports | Imports |\n| 2021 | not reported | not reported |\n"
        "| 2022 | not reported | not reported |\n| 2022 | not reported | not reported |\n\n"
        "Year\tExports\tImports\n"
        "2022\tnot reported\tnot reported\n2022\tnot reported\tnot reported\n"
    )
    assert run(text).text == text


@pytest.mark.parametrize("n", [2, 3, 7, 40, 300])
def test_compiled_band_pairs_equal_the_numpy_path(n: int) -> None:
    from textclean.stages import repeats as stage_module

    if stage_module._band_kernel() is None:
        pytest.skip("numba not available")
    rng = np.random.default_rng(n)
    # few distinct values, so many rows share whole bands (big buckets, windows cut)
    sig = rng.integers(0, 2, size=(n, 16), dtype=np.uint32)
    fast = stage_module.band_pairs(sig, 8, 3)
    saved = stage_module._BAND_KERNEL[:]
    stage_module._BAND_KERNEL[:] = [None]
    try:
        slow = stage_module.band_pairs(sig, 8, 3)
    finally:
        stage_module._BAND_KERNEL[:] = saved
    assert fast.dtype == slow.dtype and fast.tolist() == slow.tolist()
    assert len(slow) > 0


@pytest.mark.parametrize("dtype", [np.uint32, np.uint64])
def test_compiled_overlap_equals_intersect1d(dtype: type) -> None:
    from textclean.stages import repeats as stage_module

    kernel = stage_module._overlap_kernel()
    if kernel is None:
        pytest.skip("numba not available")
    rng = np.random.default_rng(7)
    for size_a, size_b in [(0, 0), (0, 5), (1, 1), (5, 3), (40, 60), (300, 280)]:
        for spread in (4, 50, 2**31):
            a = np.unique(rng.integers(0, spread, size=size_a).astype(dtype))
            b = np.unique(rng.integers(0, spread, size=size_b).astype(dtype))
            want = np.intersect1d(a, b, assume_unique=True).size
            assert kernel(a, b) == want == kernel(b, a)


def test_line_fractions_count_the_non_blank_pieces_between_newlines() -> None:
    s = repetition_scores("x\n\n \nx\n\t\ny\r\nx\r\r\ny")
    assert s["repeats.dup_line_frac"] == 3 / 5  # x, x, y, x, y: three repeat an earlier one


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["\n", " ", "\t", "\r", "\x1c", "\x85", "\u2028", "\xa0", "\u3000", "a", "b."]
        )
    )
)
def test_paragraph_split_by_re_is_the_regex_split(parts: list[str]) -> None:
    from textclean.stages import repeats

    # white space that `re` and `regex` disagree on (U+001C) and that both count
    text = "".join(parts)
    assert repeats._PARA_SPLIT_RE.split(text) == repeats._PARA_SPLIT.split(text)
    t = repeats._NEWLINES.sub("\n", text).strip()  # the scores as computed before
    if t:
        paragraphs = [p for p in repeats._PARA_SPLIT.split(t) if p.strip()]
        lines = list(filter(str.strip, t.split("\n")))
        para_dups, para_chars = repeated(paragraphs)
        line_dups, line_chars = repeated(lines)
        assert repetition_scores(text) == {
            "repeats.dup_line_frac": line_dups / len(lines),
            "repeats.dup_para_frac": para_dups / len(paragraphs),
            "repeats.dup_line_char_frac": line_chars / len(t),
            "repeats.dup_para_char_frac": para_chars / len(t),
        }
