"""CPU time of stages alone on the clean English prose, against ``ftfy.fix_text``.

The per-stage table of ``bench/perf_table.py --only clean`` in CPU time
(``time.process_time``, which a shared machine's load moves less than the wall
clock): each stage (``Pipeline.from_config(Config(), stages=[name])``) and ftfy take
turns over the same texts, a call each per round, after a warm-up; the fastest of
``--rounds`` rounds counts::

    python bench/stage_cpu.py
    python bench/stage_cpu.py --stages quality,repair --rounds 9
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    import ftfy

    from bench.test_bench_throughput import _stage_runner, clean_english
    from textclean.engines._preload import warm

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stages", default="repair,repeats,normalize,quality")
    ap.add_argument("--rounds", type=int, default=7, help="rounds; the fastest counts")
    args = ap.parse_args(argv)
    warm()  # as a worker starts: tables loaded, compiled loops ready
    texts = clean_english()
    runs: dict[str, Callable[[list[str]], Any]] = {
        name: _stage_runner(name) for name in args.stages.split(",") if name
    }
    runs["ftfy"] = lambda ts: [ftfy.fix_text(t) for t in ts]
    for run in runs.values():
        run(texts)  # warm-up
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(args.rounds):
        for name, run in runs.items():
            t = time.process_time()
            run(texts)
            best[name] = min(best[name], time.process_time() - t)
    print(f"clean English prose, {len(texts)} docs; CPU ms (× ftfy), fastest of {args.rounds}")
    for name in runs:
        print(f"{name}: {best[name] * 1000:.2f} ms ({best['ftfy'] / best[name]:.1f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
