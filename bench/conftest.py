"""Shared fixtures for the benchmarks and a throughput summary of the run.

Each benchmark records how many bytes and documents it processed; at the end
of the run a table gives MB/s and docs/s (from each benchmark's fastest round)
and the speed-up of ``signatures()`` over each reference measured in the same
run. Corpus size: ``TEXTCLEAN_BENCH_BYTES`` (default 20 MB).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bench.corpus import load_corpus

BENCH_BYTES = int(os.environ.get("TEXTCLEAN_BENCH_BYTES", str(20_000_000)))
SUBSET_BYTES = int(os.environ.get("TEXTCLEAN_BENCH_SUBSET_BYTES", str(1_000_000)))


@dataclass
class Corpus:
    texts: list[str]
    nbytes: int

    @classmethod
    def of(cls, texts: list[str]) -> Corpus:
        return cls(texts, sum(len(t.encode("utf-8", "surrogatepass")) for t in texts))


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """At least ``BENCH_BYTES`` of real English documentation text."""
    return Corpus.of(load_corpus(min_bytes=BENCH_BYTES))


@pytest.fixture(scope="session")
def corpus_subset(corpus: Corpus) -> Corpus:
    """The first documents of the corpus adding up to ``SUBSET_BYTES``."""
    out, size = [], 0
    for text in corpus.texts:
        if size >= SUBSET_BYTES:
            break
        out.append(text)
        size += len(text.encode("utf-8", "surrogatepass"))
    return Corpus.of(out)


_RESULTS: list[dict[str, Any]] = []


@pytest.fixture
def throughput(benchmark: Any) -> Callable[..., Any]:
    """Run ``fn`` under pytest-benchmark and record MB/s and docs/s for it."""

    def run(fn: Callable[[], Any], data: Corpus, *, label: str, rounds: int = 3) -> Any:
        result = benchmark.pedantic(fn, rounds=rounds, iterations=1, warmup_rounds=1)
        best = benchmark.stats.stats.min
        mbps = data.nbytes / best / 1e6
        docs = len(data.texts) / best
        benchmark.extra_info.update(
            {
                "label": label,
                "bytes": data.nbytes,
                "documents": len(data.texts),
                "MB/s": round(mbps, 2),
                "docs/s": round(docs, 1),
            }
        )
        _RESULTS.append(
            {"group": benchmark.group, "label": label, "mbps": mbps, "docs": docs, "data": data}
        )
        return result

    return run


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _RESULTS:
        return
    tr = terminalreporter
    tr.section("throughput (fastest round; same run)")
    best_by_group: dict[str, float] = {}
    for r in _RESULTS:
        if r["label"].startswith("textclean"):
            g = r["group"]
            best_by_group[g] = max(best_by_group.get(g, 0.0), r["mbps"])
    tr.write_line(
        "| group | implementation | corpus | MB/s | docs/s | textclean (best) is × faster |"
    )
    tr.write_line("|---|---|---|---:|---:|---:|")
    for r in sorted(_RESULTS, key=lambda r: (str(r["group"]), -r["mbps"])):
        data = r["data"]
        size = f"{data.nbytes / 1e6:.1f} MB, {len(data.texts)} docs"
        ours = best_by_group.get(r["group"])
        # every row gets its ratio; a group without a textclean row says so
        ratio = f"{ours / r['mbps']:.1f}" if ours else "no textclean row in this group"
        speed = f"{r['mbps']:.1f} | {r['docs']:.0f}"
        tr.write_line(f"| {r['group']} | {r['label']} | {size} | {speed} | {ratio} |")
