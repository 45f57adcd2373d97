"""Where the pipeline's CPU time goes: each step, the glue between them, and the edits.

Runs ``Pipeline.from_config(Config())`` (every stage, the default config, one process,
after a warm-up) over the corpora of ``bench/perf_table.py`` and prints, as Markdown,
each step's share of the CPU time (``time.process_time``, which a shared machine's
load moves less than the wall clock), the time outside the steps (the pipeline's own
loop, making the ``Document``), the time spent applying edits
(``Document.replace_spans``, inside the steps) and ``ftfy.fix_text`` over the same
texts (taking turns with the pipeline, a round each). The steps of the settling passes
(the layout stages again, where ``repeats`` removed something) have rows of their
own, ``settling passes: <stage>``. Each figure is the fastest of
``--rounds`` rounds::

    python bench/where_time_goes.py
    python bench/where_time_goes.py --rounds 5 --only docs
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def split(texts: list[str], rounds: int) -> dict[str, float]:
    """CPU seconds of the whole run (``total``), of each step, of the glue
    (``outside steps``), of ``replace_spans`` and of ``ftfy.fix_text`` (``ftfy``)."""
    import ftfy

    from bench.perf_table import step_times
    from textclean.config import Config
    from textclean.document import Document
    from textclean.pipeline import Pipeline

    pipeline = Pipeline.from_config(Config())
    replace_spans = Document.replace_spans
    in_edits = [0.0]

    def timed(self: Document, *args: object, **kwargs: object) -> None:
        t = time.process_time()
        replace_spans(self, *args, **kwargs)  # type: ignore[arg-type]
        in_edits[0] += time.process_time() - t

    best: dict[str, float] = {}
    ftfy_s = float("inf")
    Document.replace_spans = timed  # type: ignore[method-assign]
    try:
        for _ in pipeline.run(texts):  # warm-up
            pass
        for _ in range(rounds):
            in_edits[0] = 0.0
            t0 = time.process_time()
            got = step_times(pipeline, texts, time.process_time)
            total = time.process_time() - t0
            got["outside steps"] = total - sum(got.values())
            got["replace_spans (inside the steps)"] = in_edits[0]
            got["total"] = total
            if not best or total < best["total"]:
                best = got
            t = time.process_time()  # ftfy takes its turn in each round
            for text in texts:
                ftfy.fix_text(text)
            ftfy_s = min(ftfy_s, time.process_time() - t)
    finally:
        Document.replace_spans = replace_spans  # type: ignore[method-assign]
    best["ftfy"] = ftfy_s
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the fastest counts")
    parser.add_argument("--only", default="", help="comma-separated: docs, news, mojibake")
    args = parser.parse_args(argv)
    only = {x.strip() for x in args.only.split(",") if x.strip()}

    import numba  # noqa: F401  (as in a worker: the stages take their compiled loops)

    from bench.perf_table import corpora

    one, five, _ = os.getloadavg()
    print(f"Load average at the start: {one:.1f} (1 min), {five:.1f} (5 min).\n")
    print("| corpus | step | CPU s | share |")
    print("|---|---|---:|---:|")
    for name, texts in corpora().items():
        if only and name not in only:
            continue
        got = split(texts, args.rounds)
        total = got["total"]
        print(f"| {name} | **whole pipeline** | **{total:.3f}** | 100 % |")
        for key, value in got.items():
            if key in ("total", "ftfy"):
                continue
            print(f"| {name} | {key} | {value:.3f} | {100 * value / total:.1f} % |")
        print(
            f"| {name} | `ftfy.fix_text` (× the pipeline: {got['ftfy'] / total:.2f}) "
            f"| {got['ftfy']:.3f} | |"
        )
    one, five, _ = os.getloadavg()
    print(f"\nLoad average at the end: {one:.1f} (1 min), {five:.1f} (5 min).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
