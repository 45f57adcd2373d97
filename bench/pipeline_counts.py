"""Counts of the pipeline's work outside the stages, deterministic where timings are not.

One pass of ``Pipeline.from_config(Config())`` over the docs corpus of
``bench/perf_table.py`` (after a warm-up pass, in which numba is loaded, as in the
benchmarks' first round) prints how many times ``quality`` ran, how many texts were
split into lines (``textblocks._split_lines``, not the reused splits), and how many
collections of each generation the garbage collector made, with their CPU time::

    python bench/pipeline_counts.py
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main() -> int:
    from bench.perf_table import corpora
    from textclean import textblocks
    from textclean.config import Config
    from textclean.pipeline import Pipeline
    from textclean.stages.quality.stage import QualityStage

    texts = corpora()["docs"]
    pipeline = Pipeline.from_config(Config())
    counts = {"quality": 0, "splits": 0}
    split = textblocks._split_lines
    score = QualityStage.__call__

    def counted_split(text: str) -> Any:
        counts["splits"] += 1
        return split(text)

    def counted_score(self: QualityStage, doc: Any) -> Any:
        counts["quality"] += 1
        return score(self, doc)

    textblocks._split_lines = counted_split  # type: ignore[assignment]
    QualityStage.__call__ = counted_score  # type: ignore[method-assign]
    collections = {g: [0, 0.0] for g in range(3)}
    started = [0.0]

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            c = collections[info["generation"]]
            c[0] += 1
            c[1] += time.process_time() - started[0]

    for _ in pipeline.run(texts):  # warm-up
        pass
    counts.update(dict.fromkeys(counts, 0))
    gc.callbacks.append(on_gc)
    t0 = time.process_time()
    for _ in pipeline.run(texts):
        pass
    cpu = time.process_time() - t0
    gc.callbacks.remove(on_gc)
    print(f"docs ({len(texts)} docs): CPU {cpu:.2f} s")
    print(f"quality calls: {counts['quality']}; texts split into lines: {counts['splits']}")
    for g, (n, secs) in collections.items():
        print(f"generation {g}: {n} collections, {secs * 1000:.0f} ms of CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
