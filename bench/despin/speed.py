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
    args = ap.parse_args(argv)
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
