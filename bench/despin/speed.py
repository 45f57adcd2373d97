"""despin's speed on clean English prose against ``ftfy.fix_text``, and per-document cost.

Clean prose is where despin has nothing to do and most of a real corpus: the
Debian prose of ``bench/despin/prose.py`` (English) and ``tests/data/prose/en_*``;
``--docs N`` uses the first N documents of the documentation corpus of
``bench/corpus.py`` instead.
Each round builds a fresh stage, so the per-context evidence cache starts empty
(a warm cache would flatter the stage: the benchmark suite repeats the same texts);
the fastest of ``--rounds`` rounds counts, for both sides, in the same run.

``--against DIR`` also times the stage of another checkout (``git archive COMMIT |
tar -x -C DIR``) on seed 001 (spun) and seed 000 (clean) per document, the fastest
of 15 cold calls (evidence cache emptied, garbage collected before each), and prints
the cost ratio.

    python bench/despin/speed.py
    python bench/despin/speed.py --docs 400
    python bench/despin/speed.py --against /path/to/old/checkout

``--paths`` times the stage's two ways of scoring the same texts, taking turns with
``ftfy.fix_text`` (the fastest of ``--rounds`` rounds each, warm stage): the fast
scorer of :mod:`textclean.stages.despin.fastscore` (what the stage runs for a document
it does not flag) and the full per-token analysis (``DespinStage.analyse``, what it
ran for every document before), and says how many documents the fast scorer left to
the full analysis; without ``--docs`` on the clean English prose of ``bench/perf_table.py``
(the clean seeds, ``bench/despin/clean``, ``tests/data/prose/en_*``)::

    python bench/despin/speed.py --paths
    python bench/despin/speed.py --paths --docs 400
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Run in a checkout given on the command line: cold per-document cost of seeds 001/000.
_COST = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin import build
texts = [next(Path(sys.argv[2]).glob(f"{s}_*.txt")).read_text("utf-8") for s in ("001", "000")]
stage = build(Config(), None)
stage(Document("warm", "The talks went well."))
out = []
for text in texts:
    best = 9.0
    for _ in range(15):
        getattr(stage, "_llr_cache", {}).clear()  # cold: no evidence remembered
        gc.collect()
        t = time.perf_counter()
        stage(Document("d", text))
        best = min(best, time.perf_counter() - t)
    out.append(best * 1000)
print(*out)
"""


def _best(f: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def prose_texts() -> list[str]:
    from bench.despin import prose

    texts = [text for _name, text in prose.load("en")]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests/data/prose").glob("en_*.txt"))]
    return texts


def docs_texts(n: int) -> list[str]:
    from bench.despin.measure import bench_corpus

    return [text for _name, text in bench_corpus()[:n]]


def clean_speed(rounds: int, docs: int = 0) -> tuple[int, float, float, float]:
    """``(documents, MB, despin MB/s, ftfy MB/s)`` on clean prose (or the first ``docs``
    documentation pages)."""
    import ftfy

    from textclean.config import Config
    from textclean.document import Document
    from textclean.stages.despin import build

    texts = docs_texts(docs) if docs else prose_texts()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def despin() -> None:
        stage = build(Config(), None)  # fresh: no warm evidence cache
        for i, t in enumerate(texts):
            stage(Document(str(i), t))

    build(Config(), None)(Document("warm", "The talks went well."))  # load the statistics
    ftfy_s = _best(lambda: [ftfy.fix_text(t) for t in texts], rounds)
    despin_s = _best(despin, rounds)
    return len(texts), mb, mb / despin_s, mb / ftfy_s


def paths_speed(rounds: int, docs: int = 0) -> list[str]:
    """Lines comparing ``ftfy.fix_text``, the whole stage, its fast scorer and its full
    analysis on the same texts, taking turns each round."""
    import ftfy

    from bench.test_bench_throughput import clean_english
    from textclean.config import Config
    from textclean.document import Document
    from textclean.stages.despin import build

    texts = docs_texts(docs) if docs else clean_english()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    stage = build(Config(), None)
    deferred = sum(stage.fast_scores(t) is None for t in texts)
    runs = {
        "ftfy.fix_text": lambda: [ftfy.fix_text(t) for t in texts],
        "despin stage": lambda: [stage(Document(str(i), t)) for i, t in enumerate(texts)],
        "fast scorer (fastscore.py)": lambda: [stage.fast_scores(t) for t in texts],
        "full analysis (analyse)": lambda: [stage.analyse(t).scores() for t in texts],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            t = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - t)
    ref = best["ftfy.fix_text"]
    out = [
        f"{'documentation' if docs else 'clean English prose'}: {len(texts)} documents, "
        f"{mb:.2f} MB; "
        f"the fast scorer left {deferred} to the full analysis",
        "| scoring | MB/s | × ftfy |",
        "|---|---:|---:|",
    ]
    out += [f"| {name} | {mb / s:.2f} | {ref / s:.2f} |" for name, s in best.items()]
    return out


def cost(checkout: Path) -> list[float]:
    """Cold per-document milliseconds of seeds 001 and 000 with ``checkout``'s stage."""
    done = subprocess.run(
        [sys.executable, "-c", _COST, str(checkout), str(ROOT / "seeds")],
        check=True,
        capture_output=True,
        text=True,
    )
    return [float(x) for x in done.stdout.split()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another checkout to compare per-document cost")
    ap.add_argument("--docs", type=int, default=0, help="the first N documentation pages")
    ap.add_argument("--paths", action="store_true", help="fast scorer against full analysis")
    args = ap.parse_args(argv)
    if args.paths:
        print("\n".join(paths_speed(max(args.rounds, 5), args.docs)))
        return 0
    n, mb, despin, ftfy = clean_speed(args.rounds, args.docs)
    print(f"{'documentation' if args.docs else 'clean prose'}: {n} documents, {mb:.2f} MB")
    print(f"despin {despin:.2f} MB/s, ftfy.fix_text {ftfy:.2f} MB/s: {despin / ftfy:.2f}x ftfy")
    if args.against is not None:
        here, there = cost(ROOT), cost(args.against)
        for name, a, b in zip(("seed 001 (spun)", "seed 000 (clean)"), here, there, strict=True):
            print(f"{name}: {a:.2f} ms here, {b:.2f} ms there: {a / b:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
