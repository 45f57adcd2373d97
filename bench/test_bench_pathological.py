"""Pathological documents through the boilerplate and repeats stages, timed.

Three documents, generated (deterministic, nothing downloaded):

* ``line``: 3 MB of prose on one line (a scraped page that lost its newlines);
* ``emoji``: 1 MB of emoji-heavy short lines (ZWJ sequences, flags, skin tones);
* ``short``: 100,000 short lines.

Each runs through the boilerplate stage and the repeats stage as they are, and,
as the reference in the same run, through the boilerplate stage's
straightforward path: the quality signals as first written
(``tests/quality_reference.py``: plain Python per signal) and the zone-free
line rules tried one by one on every line (no prefilter). Results are checked
equal (the tests check the same on smaller inputs).

Run: ``python -m pytest bench/test_bench_pathological.py --benchmark-only``;
add ``--benchmark-columns=min,mean`` for a short table.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

import pytest

from tests import quality_reference
from textclean.config import Config
from textclean.document import Document
from textclean.stages import boilerplate, repeats


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
    bp = boilerplate.build(Config(), None)
    return {"boilerplate": bp, "repeats": repeats.build(Config(), None)}


class _ReferenceQuality:
    """Stands in for :mod:`textclean.quality` inside the stage: the first implementation."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def score(self, text: str, thresholds: Any) -> tuple[dict[str, Any], list[str]]:
        _, failed = self.real.score(text, thresholds)  # failures: same code either way
        return quality_reference.score(text, thresholds), failed


def _reference_boilerplate(stage: boilerplate.BoilerplateStage) -> Callable[[Document], Document]:
    slow = dataclasses.replace(stage, anywhere=None)

    def run(doc: Document) -> Document:
        real = boilerplate.quality
        boilerplate.quality = _ReferenceQuality(real)  # type: ignore[assignment]
        try:
            return slow(doc)
        finally:
            boilerplate.quality = real

    return run


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("impl", ["textclean", "reference"])
def test_boilerplate(benchmark: Any, stages: dict[str, Any], kind: str, impl: str) -> None:
    text = make(kind)
    stage = stages["boilerplate"]
    fn = stage if impl == "textclean" else _reference_boilerplate(stage)
    benchmark.group = f"boilerplate-{kind}"
    out = benchmark.pedantic(lambda: fn(Document("d", text)), rounds=1, iterations=1)
    want = stage(Document("d", text))
    assert (out.text, out.scores) == (want.text, want.scores)


@pytest.mark.parametrize("kind", KINDS)
def test_repeats(benchmark: Any, stages: dict[str, Any], kind: str) -> None:
    text = make(kind)
    benchmark.group = f"repeats-{kind}"
    out = benchmark.pedantic(lambda: stages["repeats"](Document("d", text)), rounds=3, iterations=1)
    assert out.dropped is None
