"""Pathological documents: one very long line, many short lines, emoji everywhere.

Sizes are kept small enough for the test suite; what is checked is the result
(the same as the straightforward code path computes), never the time.
``bench/test_bench_pathological.py`` times the full-size cases.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import quality_reference
from textclean.config import Config
from textclean.document import Document
from textclean.stages import boilerplate, repeats
from textclean.stages import quality as quality_stage
from textclean.stages.boilerplate.layout import WORD_CAP, Line, count_words, ends_sentence, is_prose
from textclean.stages.quality import signals as quality
from textclean.stages.quality.thresholds import Thresholds

VOCAB = [
    "harbour", "council", "budget", "the", "of", "and", "a", "to", "winter", "road",
    "school", "vote", "plan", "mayor", "river", "bridge", "week", "year", "said", "new",
]  # fmt: skip


@pytest.fixture(scope="module")
def stage() -> boilerplate.BoilerplateStage:
    s = boilerplate.build(Config(), None)
    assert s.anywhere is not None  # the built-in rules take the prefiltered path
    return s


@pytest.fixture(scope="module")
def thresholds() -> Thresholds:
    return quality_stage.build(Config(), None).thresholds


def prose(rng: random.Random, words: int) -> str:
    out = []
    for k in range(words):
        w = rng.choice(VOCAB)
        out.append(w + ("." if k % 17 == 16 else ""))
    return " ".join(out) + "."


def run_both(stage: boilerplate.BoilerplateStage, text: str) -> Document:
    """The stage then quality, checked against the same without the zone-free shortcut."""
    judge = quality_stage.build(Config(), None)
    fast = judge(stage(Document("d", text)))
    slow_stage = dataclasses.replace(stage, anywhere=None)
    slow = judge(slow_stage(Document("d", text)))
    assert [(e.rule, e.start, e.end, e.evidence) for e in fast.edits] == [
        (e.rule, e.start, e.end, e.evidence) for e in slow.edits
    ]
    assert fast.text == slow.text and fast.scores == slow.scores
    return fast


def test_one_very_long_line(stage: boilerplate.BoilerplateStage, thresholds: Thresholds) -> None:
    rng = random.Random(1)
    line = prose(rng, 60_000)  # ~330 KB on one line
    text = f"Skip to content\nMenu\n\n{line}\n\nShare on Facebook\n"
    doc = run_both(stage, text)
    assert [e.rule for e in doc.edits] == [
        "boilerplate.nav.skip_to_content",
        "boilerplate.nav.menu",
        "boilerplate.social.share",
    ]
    assert doc.text == f"{line}\n"  # the blank line above a removed tail goes with it
    want = quality_reference.score(doc.text, thresholds)
    assert {k: doc.scores[k] for k in want} == want
    assert doc.scores["gopher.words"] == 60_000
    # repeats: the line pasted twice keeps one copy, in one edit
    r = repeats.build(Config(), None)(Document("r", f"{line}\n\n{line}\n"))
    assert r.text == f"{line}\n" and [e.rule for e in r.edits] == ["repeats.exact"]


def test_many_short_lines(stage: boilerplate.BoilerplateStage, thresholds: Thresholds) -> None:
    rng = random.Random(2)
    lines = [f"{rng.choice(VOCAB)} {rng.choice(VOCAB)} {i}" for i in range(20_000)]
    lines[0:0] = ["Skip to content", "Search"]
    lines.insert(10_000, "Share on Facebook")
    lines.insert(15_000, "Accept all cookies")
    doc = run_both(stage, "\n".join(lines) + "\n")
    removed = [e.before.strip() for e in doc.edits]
    assert removed == ["Skip to content", "Share on Facebook"]  # the zone-free rules
    # "Search" (header) and "Accept all cookies" (edges) stand in a 20,000-line list
    # that is not chrome, so the zone rules leave them
    assert doc.text.startswith("Search\n") and "\nAccept all cookies\n" in doc.text
    assert doc.text.count("\n") == 20_002
    want = quality_reference.score(doc.text, thresholds)
    assert {k: doc.scores[k] for k in want} == want
    r = repeats.build(Config(), None)(Document("r", doc.text))
    assert r.text == doc.text  # three-word lines never go (short blocks, not adjacent)


def test_emoji_heavy_document(stage: boilerplate.BoilerplateStage, thresholds: Thresholds) -> None:
    rng = random.Random(3)
    emoji = ["😀", "🎉", "👍🏽", "🇫🇷", "❤️", "👨‍👩‍👧", "🙂🙂", "word", "and"]
    lines = [" ".join(rng.choice(emoji) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    text = "\n".join(["Menu", *lines, "Follow us on Instagram 📸"]) + "\n"
    doc = run_both(stage, text)
    assert [e.rule for e in doc.edits] == ["boilerplate.social.follow_us"]
    assert doc.text.startswith("Menu\n")  # above 3,000 non-prose lines: not a header
    want = quality_reference.score(doc.text, thresholds)
    assert {k: doc.scores[k] for k in want} == want
    assert len(doc.text) > 0.95 * len(text)


def test_a_document_of_blank_lines_then_chrome(stage: boilerplate.BoilerplateStage) -> None:
    body = prose(random.Random(4), 200)
    doc = run_both(stage, "\n" * 30_000 + "Skip to content\n" + body + "\n")
    assert [(e.rule, e.before) for e in doc.edits] == [
        ("boilerplate.nav.skip_to_content", "\n" * 30_000 + "Skip to content\n")
    ]  # the leading blank lines go with the chrome below them
    assert doc.text == body + "\n"


WORDS = st.lists(st.sampled_from(["a", "bb", "c-c", "dd", "é", "f9", "#x"]), max_size=400)


@settings(max_examples=150, deadline=None)
@given(WORDS, st.lists(st.integers(0, 399), max_size=40))
def test_repetition_signals_equal_the_reference(words: list[str], breaks: list[int]) -> None:
    """Repetitive word streams (few distinct words: many repeated n-grams)."""
    for b in sorted(set(breaks), reverse=True):
        if b < len(words):
            words.insert(b, "\n\n" if b % 3 else "\n")
    text = " ".join(words)
    t = quality_stage.build(Config(), None).thresholds
    want = quality_reference.score(text, t)
    got, _ = quality.score(text, t)
    assert {k: got[k] for k in want} == want


def test_bounded_word_counts() -> None:
    long = "w " * (WORD_CAP + 50)
    assert count_words(long) == WORD_CAP + 1
    assert Line(0, 0, len(long), long.strip()).words == WORD_CAP + 1
    assert is_prose(long.strip() + ".", 10) and not is_prose("few words here.", 10)
    assert ends_sentence("Done.”)") and not ends_sentence("Done.” x")
