"""Pathological documents through the boilerplate, repeats and quality stages, timed.

Three documents, generated (deterministic, nothing downloaded):

* ``line``: 3 MB of prose on one line (a scraped page that lost its newlines);
* ``emoji``: 1 MB of emoji-heavy short lines (ZWJ sequences, flags, skin tones);
* ``short``: 100,000 short lines.

Each runs through the boilerplate, repeats and quality stages as they are, and,
as the reference in the same run, through the straightforward paths doing the
same work: the boilerplate stage with the zone-free line rules tried one by one
on every line (no prefilter), and every quality signal as first written
(``tests/quality_reference.py``: plain Python per signal) followed by the same
checks against the thresholds. Results are checked equal (the tests check the
same on smaller inputs). Every timing is the fastest of three rounds after a
warm-up round; the summary table at the end of the run gives MB/s and ratios.

Run: ``python -m pytest bench/test_bench_pathological.py --benchmark-only -q``.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest

from bench.conftest import Corpus
from tests import quality_reference
from textclean.config import Config
from textclean.document import Document
from textclean.stages import boilerplate, quality, repeats
from textclean.stages.quality import signals
from textclean.stages.quality.thresholds import FAMILIES


def _vocab(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(20_000)]


def make(kind: str) -> str:
    rng = random.Random(1)
    if kind == "line":
        vocab = _vocab(rng)
        words = (rng.choice(vocab) + ("." if rng.random() < 0.06 else "") for _ in range(520_000))
        return " ".join(words)[:3_000_000] + "\n"
    if kind == "emoji":
        emoji = ["😀", "🎉", "👍🏽", "🇫🇷", "❤️", "word", "and", "🙂🙂", "👨‍👩‍👧"]
        lines, size = [], 0
        while size < 1_000_000:
            line = " ".join(rng.choice(emoji) for _ in range(rng.randint(1, 30)))
            lines.append(line)
            size += len(line) + 1
        return "\n".join(lines) + "\n"
    vocab = _vocab(rng)
    return "\n".join(f"{rng.choice(vocab)} {rng.choice(vocab)} {i}" for i in range(100_000)) + "\n"


KINDS = ("line", "emoji", "short")


@pytest.fixture(scope="module")
def stages() -> dict[str, Any]:
    return {
        "boilerplate": boilerplate.build(Config(), None),
        "repeats": repeats.build(Config(), None),
        "quality": quality.build(Config(), None),
    }


ROUNDS = 3


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("impl", ["textclean", "reference"])
def test_boilerplate(
    benchmark: Any, throughput: Any, stages: dict[str, Any], kind: str, impl: str
) -> None:
    data = Corpus.of([make(kind)])
    text = data.texts[0]
    stage = stages["boilerplate"]
    fn = stage if impl == "textclean" else dataclasses.replace(stage, anywhere=None)
    benchmark.group = f"pathological: boilerplate, {kind}"
    label = (
        "textclean boilerplate stage"
        if impl == "textclean"
        else "boilerplate, zone-free rules one by one on every line (reference)"
    )
    out = throughput(lambda: fn(Document("d", text)), data, label=label, rounds=ROUNDS)
    want = stage(Document("d", text))
    assert (out.text, out.scores) == (want.text, want.scores)


def reference_score(text: str, thresholds: Any) -> tuple[dict[str, Any], list[str]]:
    """Every signal as first written, then the same threshold checks as the stage."""
    scores = quality_reference.score(text, thresholds)
    failed: list[str] = []
    for family in FAMILIES:
        failed.extend(signals._SIGNALS[family][1](scores, thresholds[family]))
    return scores, failed


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("impl", ["textclean", "reference"])
def test_quality(
    benchmark: Any, throughput: Any, stages: dict[str, Any], kind: str, impl: str
) -> None:
    data = Corpus.of([make(kind)])
    text = data.texts[0]
    thresholds = stages["quality"].thresholds

    def fn_fast() -> tuple[dict[str, Any], list[str]]:
        return signals.score(text, thresholds)

    def fn_reference() -> tuple[dict[str, Any], list[str]]:
        return reference_score(text, thresholds)

    fn = fn_fast if impl == "textclean" else fn_reference
    label = (
        "textclean quality signals"
        if impl == "textclean"
        else "quality signals as first written (tests/quality_reference.py)"
    )
    benchmark.group = f"pathological: quality, {kind}"
    out = throughput(fn, data, label=label, rounds=ROUNDS)
    # the other implementation, outside the timing: same signals, same failed checks
    other = fn_reference() if impl == "textclean" else fn_fast()
    assert out == other


@pytest.mark.parametrize("kind", KINDS)
def test_repeats(benchmark: Any, throughput: Any, stages: dict[str, Any], kind: str) -> None:
    data = Corpus.of([make(kind)])
    text = data.texts[0]
    benchmark.group = f"pathological: repeats, {kind}"
    out = throughput(
        lambda: stages["repeats"](Document("d", text)),
        data,
        label="textclean repeats stage",
        rounds=ROUNDS,
    )
    assert out.dropped is None


#: Lines a reader's-sentence test meets at their worst: a long run of blanks, or of
#: symbols, that no emoticon closes (searched forward, each is scanned again from each
#: of its characters: time quadratic in the run's length).
EMOTICON_LINES = ("Nice" + " " * 30_000 + "x", "Nice " + "\u2605" * 30_000 + " x")


@pytest.mark.parametrize("line", range(len(EMOTICON_LINES)))
def test_emoticon_search(benchmark: Any, throughput: Any, line: int) -> None:
    """``shape.written_sentence`` on a 30,000-character run no emoticon closes: linear
    in the run (the closing emoticon looked for from the line's end); the tests check
    the search's direction and its answers on shorter runs."""
    from textclean.stages.boilerplate.shape import written_sentence

    text = EMOTICON_LINES[line]
    data = Corpus.of([text])
    benchmark.group = "pathological: reader's sentence, 30,000-character run"
    out = throughput(
        lambda: written_sentence(text), data, label="shape.written_sentence", rounds=ROUNDS
    )
    assert out is False
