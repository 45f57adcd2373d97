"""Main-text extraction from HTML: trafilatura against resiliparse, same pages.

The pages are :mod:`bench.html_pages` (every prose text of ``tests/data/prose``
in three page templates, so the true main text is known). For each extractor,
as textclean calls it (:mod:`textclean.stages.extract`): word precision, recall
and F1 against the true text (means over pages), pages without output, and
speed (pages/s and MB of HTML/s, best of ``--rounds``, one process).

Run: ``python bench/html_extract.py`` (needs the ``[html]`` extra).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.html_pages import TEMPLATES, pages, word_prf
from textclean.config import ExtractConfig
from textclean.stages.extract import EXTRACTORS


def measure(name: str, rounds: int) -> dict[str, float]:
    extract = EXTRACTORS[name](ExtractConfig(extractor=name))
    all_pages = pages()
    scores = {t: [] for t in TEMPLATES}
    failed = 0
    for page in all_pages:
        found = extract(page.html)
        if found is None:
            failed += 1
            scores[page.name.split("_")[0]].append((0.0, 0.0, 0.0))
            continue
        scores[page.name.split("_")[0]].append(word_prf(found.text, page.text))
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for page in all_pages:
            extract(page.html)
        best = min(best, time.perf_counter() - t0)
    mb = sum(len(p.html.encode()) for p in all_pages) / 1e6
    out = {
        "pages": len(all_pages),
        "failed": failed,
        "pages_s": len(all_pages) / best,
        "mb_s": mb / best,
    }
    every = [s for t in TEMPLATES for s in scores[t]]
    for i, label in enumerate(("precision", "recall", "f1")):
        out[label] = statistics.mean(s[i] for s in every)
    for t in TEMPLATES:
        out[f"f1_{t}"] = statistics.mean(s[2] for s in scores[t])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    cols = [
        "pages",
        "failed",
        "precision",
        "recall",
        "f1",
        *[f"f1_{t}" for t in TEMPLATES],
        "pages_s",
        "mb_s",
    ]
    print("| extractor | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name in ("trafilatura", "resiliparse"):
        r = measure(name, args.rounds)
        cells = [f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]) for c in cols]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
