"""repair-stage throughput against plain ftfy, in the same run.

Four texts: the documentation corpus (subset) stripped to pure ASCII, the same
with its few non-ASCII characters (mostly ASCII), clean news prose
with curly quotes and accents (the clean seeds, repeated), and the same prose
with mojibake injected into every tenth line. References: ``ftfy.fix_text``
with its defaults, and ``ftfy.fix_text`` with textclean's repair settings but
no fast path (what the stage would cost without its pre-check).

Run: ``python -m pytest bench/test_bench_repair.py --benchmark-only``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ftfy
import pytest

from bench.conftest import Corpus
from textclean.config import Config
from textclean.document import Document
from textclean.stages.repair import RepairStage, _ftfy_config

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLEAN_SEEDS = ("000", "002", "003", "004")


def _clean_prose(copies: int = 40) -> Corpus:
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(SEEDS.glob("*.txt"))
        if p.name[:3] in CLEAN_SEEDS
    ]
    return Corpus.of(texts * copies)


def _mojibake(corpus: Corpus) -> Corpus:
    out = []
    for text in corpus.texts:
        lines = text.split("\n")
        for i in range(0, len(lines), 10):
            lines[i] = lines[i].encode("utf-8").decode("windows-1252", errors="replace")
        out.append("\n".join(lines))
    return Corpus.of(out)


def _cases(corpus_subset: Corpus) -> dict[str, Corpus]:
    prose = _clean_prose()
    ascii_only = Corpus.of([t.encode("ascii", "ignore").decode() for t in corpus_subset.texts])
    return {
        "pure_ascii": ascii_only,
        "docs_mostly_ascii": corpus_subset,
        "clean_prose": prose,
        "mojibake_prose": _mojibake(prose),
    }


STAGE = RepairStage(Config().repair)
NO_FAST_PATH = _ftfy_config(Config().repair)._replace(explain=False)


def _run_stage(texts: list[str]) -> list[str]:
    return [STAGE(Document("b", t)).text for t in texts]


def _run_ftfy_default(texts: list[str]) -> list[str]:
    return [ftfy.fix_text(t) for t in texts]


def _run_ftfy_same_settings(texts: list[str]) -> list[str]:
    return [ftfy.fix_text(t, NO_FAST_PATH) for t in texts]


IMPLEMENTATIONS = {
    "textclean repair stage": _run_stage,
    "ftfy.fix_text, same fixes, no fast path": _run_ftfy_same_settings,
    "ftfy.fix_text defaults": _run_ftfy_default,
}


@pytest.mark.parametrize(
    "case", ["pure_ascii", "docs_mostly_ascii", "clean_prose", "mojibake_prose"]
)
@pytest.mark.parametrize("impl", list(IMPLEMENTATIONS))
def test_repair_throughput(
    benchmark: Any, throughput: Any, corpus_subset: Corpus, case: str, impl: str
) -> None:
    benchmark.group = f"repair: {case}"
    data = _cases(corpus_subset)[case]
    fn = IMPLEMENTATIONS[impl]
    out = throughput(lambda: fn(data.texts), data, label=impl, rounds=3)
    assert len(out) == len(data.texts)
