"""despin per-document cost (pytest-benchmark), side by side with a reference.

The reference is the cheapest thing any word-level pass must do: one
``regex.findall`` word tokenization of the same text. Run::

    python -m pytest bench/test_bench_despin.py --benchmark-only -q

Target: a few milliseconds per article for the full stage (detect + repair),
with tables loaded once per stage build (``build`` below, outside the timing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import build

ROOT = Path(__file__).resolve().parents[1]
SPUN = next((ROOT / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
CLEAN = next((ROOT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")


@pytest.fixture(scope="module")
def stage():
    st = build(Config(), RulePack.load())
    st(Document("warm", SPUN))  # load wordfreq / bigram data outside the timing
    return st


@pytest.mark.parametrize("name,text", [("spun_001", SPUN), ("clean_000", CLEAN)])
def test_despin_stage(benchmark, stage, name, text):
    benchmark.group = f"despin {name}"
    doc = benchmark(lambda: stage(Document(name, text)))
    assert doc.scores["spun"] is (name == "spun_001")


@pytest.mark.parametrize("name,text", [("spun_001", SPUN), ("clean_000", CLEAN)])
def test_reference_tokenize_only(benchmark, name, text):
    benchmark.group = f"despin {name}"
    words = benchmark(lambda: WORD.findall(text))
    assert len(words) > 500
