"""Pathological documents through the boilerplate, repeats and quality stages, timed.

Three documents, generated (deterministic, nothing downloaded):

* ``line``: 3 MB of prose on one line (a scraped page that lost its newlines);
* ``emoji``: 1 MB of emoji-heavy short lines (ZWJ sequences, flags, skin tones);
* ``short``: 100,000 short lines.

Each runs through the boilerplate, repeats and quality stages as they are, and,
as the reference in the same run, through the straightforward paths: the
boilerplate stage with the zone-free line rules tried one by one on every line
(no prefilter), and the quality signals as first written
(``tests/quality_reference.py``: plain Python per signal). Results are checked
equal (the tests check the same on smaller inputs).

Run: ``python -m pytest bench/test_bench_pathological.py --benchmark-only``;
add ``--benchmark-columns=min,mean`` for a short table.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest

from tests import quality_reference
from textclean.config import Config
from textclean.document import Document
from textclean.stages import boilerplate, quality, repeats
from textclean.stages.quality import signals


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


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("impl", ["textclean", "reference"])
def test_boilerplate(benchmark: Any, stages: dict[str, Any], kind: str, impl: str) -> None:
    text = make(kind)
    stage = stages["boilerplate"]
    fn = stage if impl == "textclean" else dataclasses.replace(stage, anywhere=None)
    benchmark.group = f"boilerplate-{kind}"
    out = benchmark.pedantic(lambda: fn(Document("d", text)), rounds=1, iterations=1)
    want = stage(Document("d", text))
    assert (out.text, out.scores) == (want.text, want.scores)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("impl", ["textclean", "reference"])
def test_quality(benchmark: Any, stages: dict[str, Any], kind: str, impl: str) -> None:
    text = make(kind)
    thresholds = stages["quality"].thresholds

    def fn_fast() -> dict[str, Any]:
        return signals.score(text, thresholds)[0]

    def fn_reference() -> dict[str, Any]:
        return quality_reference.score(text, thresholds)

    fn = fn_fast if impl == "textclean" else fn_reference
    benchmark.group = f"quality-{kind}"
    out = benchmark.pedantic(fn, rounds=1, iterations=1)
    # the other implementation, outside the timing: the reference's keys must agree
    other = quality_reference.score(text, thresholds) if impl == "textclean" else fn_fast()
    fast, ref = (out, other) if impl == "textclean" else (other, out)
    assert {k: fast[k] for k in ref} == ref


@pytest.mark.parametrize("kind", KINDS)
def test_repeats(benchmark: Any, stages: dict[str, Any], kind: str) -> None:
    text = make(kind)
    benchmark.group = f"repeats-{kind}"
    out = benchmark.pedantic(lambda: stages["repeats"](Document("d", text)), rounds=3, iterations=1)
    assert out.dropped is None
