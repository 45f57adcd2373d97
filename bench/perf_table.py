"""The performance table: every stage and the whole pipeline against ftfy, side by side.

One command prints, as Markdown, every figure ``docs/performance.md`` quotes, each
measured in this run against its reference on the same texts::

    python bench/perf_table.py                        # about 3 minutes on 2 cores
    python bench/perf_table.py --workers-size 100M    # + workers 1 vs 2 on 100 MB
    python bench/perf_table.py --skip-workers --rounds 5
    python bench/perf_table.py --only workers --workers-size 100M

Tables:

1. **Pipeline and stages against ftfy**, on the three corpora of
   ``bench/test_bench_throughput.py``: *docs* (the first 400 documents of the Debian
   documentation corpus, ``bench/corpus.py``), *news* (the seeds,
   ``bench/despin/clean`` and ``tests/data/prose``) and *mojibake* (the news with every
   third line encoded as UTF-8 and decoded as Windows-1252). The pipeline is
   ``Pipeline.from_config(Config())``: every stage, the default config, one process,
   after a warm-up (as a worker starts: tables loaded, numba kernels compiled). Each
   stage row is that stage's time *inside* the pipeline pass (what reaches it), so
   the stage rows add up to the pipeline. MB/s are of the corpus's bytes; "× ftfy"
   divides by ``ftfy.fix_text`` (defaults) on the same texts: above 1 is faster.
2. **Each stage alone on clean text** (where it has nothing to do) against ftfy.
3. **Quality signals against datatrove's four filters** (Gopher repetition, Gopher
   quality, C4, FineWeb) on the first 100 docs, every filter on every document.
4. **Signatures** (128 permutations, word 5-grams) against datasketch
   ``MinHash.bulk`` on 20 MB of docs (5 MB with ``--quick``), one core.
5. **Workers and memory**: ``textclean clean`` on the generated corpus of
   ``bench/memory_run.py`` with ``--workers 1`` and ``--workers 2``: wall time, the
   speed-up, whether the outputs are byte-identical, and the process tree's peak PSS.

Each time is the fastest of ``--rounds`` rounds (default 3). In tables 1 and 2 the
reference and textclean take turns, one call of each a round, so a change in the
load of a shared machine falls on both alike. The machine's load average is printed
before and after: on a shared machine, read the ratios.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import load_corpus  # noqa: E402

PIPELINE_DOCS = 400
QUALITY_DOCS = 100
STAGE_LABELS = {
    "extract": "extract (HTML only)",
    "language": "language",
    "repair": "repair",
    "boilerplate": "boilerplate",
    "despin": "despin",
    "repeats": "repeats",
    "normalize": "normalize",
    "quality": "quality",
}


#: Short calls are repeated until they have taken this long in all (at most 50 rounds):
#: on a shared machine the fastest of a few 20 ms rounds is mostly noise.
MIN_SECONDS = 1.0


def _best(fn: Callable[[], Any], rounds: int) -> float:
    """The fastest of ``rounds`` timed calls or more (seconds), after one untimed call."""
    fn()
    best = float("inf")
    spent = 0.0
    done = 0
    while done < rounds or (spent < MIN_SECONDS and done < 50):
        t = time.perf_counter()
        fn()
        took = time.perf_counter() - t
        best = min(best, took)
        spent += took
        done += 1
    return best


def _best_each(fns: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """The fastest of ``rounds`` timed calls or more of each of ``fns`` (seconds).

    The calls take turns (one of each a round, after one untimed call of each), so a
    change in the load of a shared machine falls on all of them alike: the ratios
    hold even when the MB/s move. Rounds go on until each has taken a second in all
    (:data:`MIN_SECONDS`, at most 50 rounds).
    """
    for fn in fns.values():
        fn()
    best = dict.fromkeys(fns, float("inf"))
    spent = dict.fromkeys(fns, 0.0)
    done = 0
    while done < rounds or (min(spent.values()) < MIN_SECONDS and done < 50):
        for key, fn in fns.items():
            t = time.perf_counter()
            fn()
            took = time.perf_counter() - t
            best[key] = min(best[key], took)
            spent[key] += took
        done += 1
    return best


#: The prefix of :func:`step_times`'s keys for the steps of the settling passes (the
#: layout stages again, on the documents where ``repeats`` removed something).
SETTLE_KEY = "settling passes"


def step_times(
    pipeline: Any, texts: list[str], clock: Callable[[], float] = time.perf_counter
) -> dict[str, float]:
    """Seconds (by ``clock``) each step of ``pipeline`` spent on ``texts``, in one pass
    that runs the steps one by one as ``Pipeline.process`` does (``Pipeline.schedule``).
    A step of the settling passes counts under ``f"{SETTLE_KEY}: {name}"``."""
    from textclean.document import Document
    from textclean.gcpause import paused

    spent: dict[str, float] = {}
    for i, text in enumerate(texts):
        doc = Document(str(i), text)
        with paused():  # as Pipeline.process runs a document
            for step in pipeline.schedule(doc):
                key = step.name if doc.passes == 1 else f"{SETTLE_KEY}: {step.name}"
                t = clock()
                step(doc)
                spent[key] = spent.get(key, 0.0) + clock() - t
    return spent


def _nbytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def corpora() -> dict[str, list[str]]:
    from bench.test_bench_throughput import mojibake, news_texts

    news = news_texts()
    return {
        "docs": load_corpus(min_bytes=None)[:PIPELINE_DOCS],
        "news": news,
        "mojibake": mojibake(news),
    }


def pipeline_table(rounds: int) -> list[str]:
    """Table 1: the pipeline and each of its steps against ftfy on the three corpora."""
    import ftfy

    from textclean.config import Config
    from textclean.pipeline import Pipeline

    pipeline = Pipeline.from_config(Config())
    out = [
        "| corpus | step | MB/s | × ftfy |",
        "|---|---|---:|---:|",
    ]
    for name, texts in corpora().items():
        size = _nbytes(texts)

        def whole(texts: list[str] = texts) -> None:
            for _ in pipeline.run(texts):
                pass

        steps: dict[str, float] = {}

        def by_step(texts: list[str] = texts, steps: dict[str, float] = steps) -> None:
            for k, v in step_times(pipeline, texts).items():
                steps[k] = min(steps.get(k, float("inf")), v)

        # ftfy, the whole pipeline and the pipeline step by step take turns
        best = _best_each(
            {
                "ftfy": lambda texts=texts: [ftfy.fix_text(t) for t in texts],
                "whole": whole,
                "steps": by_step,
            },
            rounds,
        )
        ftfy_s, whole_s = best["ftfy"], best["whole"]
        label = f"{name} ({size / 1e6:.1f} MB, {len(texts)} docs)"
        out.append(f"| {label} | `ftfy.fix_text` | {size / ftfy_s / 1e6:.2f} | 1.00 |")
        out.append(
            f"| {label} | **whole pipeline** | **{size / whole_s / 1e6:.2f}** "
            f"| **{ftfy_s / whole_s:.2f}** |"
        )
        for step in pipeline.steps:
            s = steps.get(step.name)
            if s is None or step.name == "extract":
                continue
            share = 100 * s / sum(steps.values())
            out.append(
                f"| {label} | {STAGE_LABELS.get(step.name, step.name)} ({share:.0f} % of the "
                f"pipeline) | {size / s / 1e6:.1f} | {ftfy_s / s:.1f} |"
            )
        s = sum(v for k, v in steps.items() if k.startswith(SETTLE_KEY)) or None
        if s is not None:
            share = 100 * s / sum(steps.values())
            out.append(
                f"| {label} | {SETTLE_KEY}: the layout stages again where repeats removed "
                f"something ({share:.0f} % of the pipeline) | | |"
            )
    return out


def clean_text_table(rounds: int) -> list[str]:
    """Table 2: each stage alone on clean English prose against ftfy."""
    import ftfy

    from bench.test_bench_throughput import STAGES, _stage_runner, clean_english

    texts = clean_english()
    size = _nbytes(texts)
    runs = {stage: _stage_runner(stage) for stage in STAGES}
    # ftfy and every stage take turns
    best = _best_each(
        {
            "ftfy": lambda: [ftfy.fix_text(t) for t in texts],
            **{stage: (lambda run=run: run(texts)) for stage, run in runs.items()},
        },
        rounds,
    )
    ftfy_s = best["ftfy"]
    out = [
        f"Clean English prose ({size / 1e6:.2f} MB, {len(texts)} docs); "
        f"`ftfy.fix_text`: {size / ftfy_s / 1e6:.2f} MB/s.",
        "",
        "| stage alone | MB/s | × ftfy |",
        "|---|---:|---:|",
    ]
    for stage in STAGES:
        s = best[stage]
        out.append(f"| {stage} | {size / s / 1e6:.1f} | {ftfy_s / s:.1f} |")
    return out


def quality_table(rounds: int) -> list[str]:
    """Table 3: the quality stage against datatrove's four quality filters."""
    from bench.test_bench_throughput import _datatrove_filters, _stage_runner

    texts = load_corpus(min_bytes=None)[:QUALITY_DOCS]
    size = _nbytes(texts)
    run = _stage_runner("quality")
    ours = _best(lambda: run(texts), rounds)
    try:
        theirs_fn = _datatrove_filters()
    except ImportError:
        return ["datatrove is not installed (`pip install -e '.[bench]'`): no quality row."]
    theirs = _best(lambda: theirs_fn(texts), max(1, rounds - 1))
    return [
        f"First {len(texts)} docs ({size / 1e6:.2f} MB).",
        "",
        "| implementation | MB/s | textclean is × faster |",
        "|---|---:|---:|",
        f"| textclean quality stage (every signal) | {size / ours / 1e6:.1f} | 1.0 |",
        f"| datatrove GopherRepetition + GopherQuality + C4Quality + FineWebQuality "
        f"| {size / theirs / 1e6:.2f} | {theirs / ours:.0f} |",
    ]


def signatures_table(rounds: int, nbytes: int) -> list[str]:
    """Table 4: MinHash signatures against datasketch, one core."""
    import numpy as np

    from bench.test_bench_signatures import NUM_PERM, SEED, datasketch_bulk_our_hashes
    from textclean.dedup import _kernel
    from textclean.dedup.minhash import signatures

    texts = load_corpus(min_bytes=nbytes)
    size = _nbytes(texts)
    subset = texts[: max(1, len(texts) // 20)]
    sub_size = _nbytes(subset)
    out = [
        "| implementation | texts | MB/s | textclean is × faster |",
        "|---|---|---:|---:|",
    ]
    backend = "numba" if _kernel.AVAILABLE and _kernel.load() is not None else "numpy"
    ours = _best(lambda: signatures(texts, num_perm=NUM_PERM, seed=SEED, backend=backend), rounds)
    ours_sub = _best(lambda: signatures(subset, num_perm=NUM_PERM, seed=SEED), rounds)
    theirs = _best(lambda: datasketch_bulk_our_hashes(subset), max(1, rounds - 1))
    same = np.array_equal(
        np.stack([m.hashvalues for m in datasketch_bulk_our_hashes(subset)]),
        signatures(subset, num_perm=NUM_PERM, seed=SEED),
    )
    out.append(
        f"| textclean `signatures()` ({backend}) | {size / 1e6:.1f} MB | "
        f"**{size / ours / 1e6:.0f}** | |"
    )
    out.append(
        f"| textclean `signatures()` ({backend}) | {sub_size / 1e6:.1f} MB | "
        f"{sub_size / ours_sub / 1e6:.0f} | 1.0 |"
    )
    out.append(
        f"| datasketch `MinHash.bulk` on textclean's shingle hashes | {sub_size / 1e6:.1f} MB "
        f"| {sub_size / theirs / 1e6:.1f} | {theirs / ours_sub:.0f} |"
    )
    out += ["", f"Bit-identical to datasketch on those texts: **{'yes' if same else 'NO'}**."]
    return out


def _tree_digest(root: Path) -> str:
    """A digest of every file under ``root`` but the run's timings and work files."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".textclean/") and not rel.endswith(("report.jsonl", "rejects.jsonl")):
            continue  # summary.json (timings, workers), the ledger, report.html
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def workers_table(size_text: str) -> list[str]:
    """Table 5: ``textclean clean`` with one and two workers: time, output, memory."""
    from bench.memory_run import generate, measure, parse_size, run_dir

    size = parse_size(size_text)
    base = run_dir()
    corpus = base / f"corpus-{size >> 20}M"
    info = generate(size, corpus)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    rows: dict[int, dict[str, Any]] = {}
    digests: dict[int, str] = {}
    for workers in (1, 2):
        out = base / f"perf-table-out-w{workers}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "textclean", "clean", str(corpus), "-o", str(out)]
        cmd += ["--workers", str(workers), "--quiet"]
        load = _load()
        # one sample a second: reading each process's smaps_rollup walks its page
        # tables, and at 4 a second the sampler slowed a 2-worker run by half on 2 cores
        rows[workers] = {**measure(cmd, 1.0, env), "load": load}
        digests[workers] = _tree_digest(out)
        shutil.rmtree(out, ignore_errors=True)
    one, two = rows[1], rows[2]
    same = digests[1] == digests[2]
    return [
        f"Corpus: {info['bytes'] / 1e6:.0f} MB, {info['documents']} documents "
        f"(`bench/memory_run.py`), every stage and corpus dedup, default config.",
        "",
        "| workers | seconds | MB/s | speed-up | peak PSS of the process tree | load before |",
        "|---:|---:|---:|---:|---:|---|",
        *(
            f"| {w} | {r['seconds']} | {info['bytes'] / 1e6 / float(r['seconds']):.2f} | "
            f"{float(one['seconds']) / float(r['seconds']):.2f} | "
            f"{float(r['tree_pss_peak_mb']):.0f} MB | {r['load']} |"
            for w, r in rows.items()
        ),
        "",
        f"Outputs byte-identical (kept text, report.jsonl, rejects.jsonl): "
        f"**{'yes' if same else 'NO'}**. Exit codes: {one['exit_code']}, {two['exit_code']}.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best counts")
    parser.add_argument("--workers-size", default="8M", help="corpus for table 5 (e.g. 100M)")
    parser.add_argument("--skip-workers", action="store_true", help="leave out table 5")
    parser.add_argument("--quick", action="store_true", help="5 MB for the signatures")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated tables: pipeline, clean, quality, signatures, workers",
    )
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}

    from textclean.engines._preload import warm

    warm()  # as a worker starts: tables loaded, compiled loops ready
    print(f"Load average at the start: {_load()}; {os.cpu_count()} CPUs.\n")
    sections: list[tuple[str, str, Callable[[], list[str]]]] = [
        ("pipeline", "Pipeline and stages against ftfy", lambda: pipeline_table(args.rounds)),
        ("clean", "Each stage alone on clean text", lambda: clean_text_table(args.rounds)),
        ("quality", "Quality signals against datatrove", lambda: quality_table(args.rounds)),
        (
            "signatures",
            "Signatures against datasketch (one core)",
            lambda: signatures_table(args.rounds, 5_000_000 if args.quick else 20_000_000),
        ),
    ]
    if not args.skip_workers:
        sections.append(("workers", "Workers and memory", lambda: workers_table(args.workers_size)))
    for key, title, make in sections:
        if only and key not in only:
            continue
        t = time.perf_counter()
        lines = make()
        print(f"### {title}\n")
        print("\n".join(lines))
        print(f"\n({time.perf_counter() - t:.0f} s; load average now {_load()})\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
