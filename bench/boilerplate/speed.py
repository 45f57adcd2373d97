"""CPU time of the boilerplate stage against ``ftfy.fix_text`` on the same texts.

The stage (default config: the learned classifier is off) and ``ftfy.fix_text`` take
turns, a round each, over each corpus; each figure is the fastest of ``--rounds``
rounds of ``time.process_time`` (which a shared machine's load moves less than the
wall clock). Corpora:

* ``docs``: the first 400 documents of the documentation corpus (``bench/corpus.py``);
* ``prose``: ``tests/data/prose_sample.jsonl`` (clean prose: nothing to remove);
* ``news``: the seeds repeated 40 times;
* ``real``: the labelled real pages of ``bench/boilerplate/real/texts`` that are present.

Run it on two checkouts in one session to compare them (only ratios to ftfy measured
in the same run mean anything on a shared machine)::

    python bench/boilerplate/speed.py
    python bench/boilerplate/speed.py --rounds 5 --only prose,docs
    python bench/boilerplate/speed.py --enable boilerplate.shape.classifier
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def corpora() -> dict[str, Callable[[], list[str]]]:
    """Each corpus by name, loaded on demand."""

    def docs() -> list[str]:
        from bench.corpus import load_corpus

        return load_corpus(None)[:400]

    def prose() -> list[str]:
        path = REPO / "tests" / "data" / "prose_sample.jsonl"
        with path.open(encoding="utf-8") as f:
            return [json.loads(line)["text"] for line in f if line.strip()]

    def news() -> list[str]:
        return [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))] * 40

    def real() -> list[str]:
        folder = REPO / "bench" / "boilerplate" / "real" / "texts"
        return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]

    return {"docs": docs, "prose": prose, "news": news, "real": real}


def cpu(fn: Callable[[str], object], texts: list[str]) -> float:
    """CPU seconds of ``fn`` over ``texts``."""
    start = time.process_time()
    for t in texts:
        fn(t)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    import ftfy

    from textclean.config import Config
    from textclean.document import Document
    from textclean.stages import boilerplate

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="docs,prose,news,real", help="corpora, comma-separated")
    ap.add_argument(
        "--enable",
        action="append",
        default=[],
        help="a rule id to switch on (boilerplate.shape.classifier: the learned classifier)",
    )
    args = ap.parse_args(argv)
    stage = boilerplate.build(Config().replace(boilerplate={"enable": list(args.enable)}), None)
    print("| corpus | size | stage MB/s | ftfy.fix_text MB/s | stage × ftfy |")
    print("|---|---|---:|---:|---:|")
    table = corpora()
    for name in args.only.split(","):
        texts = table[name]()
        if not texts:
            print(f"| {name} | (no texts) | | | |")
            continue
        size = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)
        for t in texts[:20]:  # warm-up
            stage(Document("w", t))
            ftfy.fix_text(t)
        best_stage = best_ftfy = float("inf")
        for _ in range(args.rounds):
            best_stage = min(best_stage, cpu(lambda t: stage(Document("b", t)), texts))
            best_ftfy = min(best_ftfy, cpu(ftfy.fix_text, texts))
        print(
            f"| {name} | {size / 1e6:.2f} MB, {len(texts)} docs | {size / best_stage / 1e6:.2f} "
            f"| {size / best_ftfy / 1e6:.2f} | {best_ftfy / best_stage:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
