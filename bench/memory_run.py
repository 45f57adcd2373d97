"""Peak memory of a whole ``textclean clean`` run on a generated corpus of a given size.

Generates (once, cached) a JSONL corpus of about ``--size`` bytes of realistic
article text, runs the CLI on it in a subprocess, and reports the peak memory:

* ``tree_rss_peak``: the largest sum of resident memory (VmRSS) over the whole
  process tree (the CLI and its worker processes), sampled from ``/proc``
  every ``--interval`` seconds; shared pages count once per process, so
  this overstates a little;
* ``tree_pss_peak``: the same with proportional set size (``smaps_rollup``),
  which splits shared pages between the processes that map them;
* ``max_rss_single``: GNU ``/usr/bin/time -v``'s "Maximum resident set size",
  the largest single process (the kernel's ``ru_maxrss`` over the process and
  its waited-for children; a maximum, not a sum).

The corpus: documents of 2-40 paragraphs (about 4 KB on average, like a
scraped article) drawn with a fixed seed from the paragraphs of the benchmark
corpus (:mod:`bench.corpus`: Debian documentation, real English prose),
written as ``part-NNN.jsonl`` files of about 64 MB. 5 % of documents repeat a paragraph (work for
``repeats``), 2 % carry mojibake (work for ``repair``), 3 % are near-copies
of an earlier document with another footer (work for corpus dedup).

Run it (what the "Memory" figures of docs/robustness.md come from)::

    python bench/memory_run.py --size 1G --workers 2
    python bench/memory_run.py --size 100M --workers 2
    python bench/memory_run.py --size 1G --skip despin   # the stages but despin, + dedup
    python bench/memory_run.py --size 1G --stages repair,normalize --no-dedup

The corpus and results live in ``memory-run`` beside the benchmark corpus's
cache (see :func:`bench.corpus.cache_dir`: ``$TEXTCLEAN_CACHE/memory-run``,
else ``bench/.cache/memory-run``);
each result is also written there as ``result-<size>-<engine>-w<workers>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import cache_dir, load_corpus  # noqa: E402

PART_BYTES = 64 << 20
SEED = 20240607


def parse_size(text: str) -> int:
    """``"1G"`` → 1073741824.

    >>> parse_size("100M"), parse_size("1G"), parse_size("12345")
    (104857600, 1073741824, 12345)
    """
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100M, 1G)")
    mult = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)]
    return int(float(m.group(1)) * mult)


def run_dir() -> Path:
    return cache_dir().parent / "memory-run"


def _mojibake(text: str) -> str:
    """What a UTF-8 page decoded as Windows-1252 looks like."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def generate(size: int, root: Path) -> dict[str, int]:
    """Write the corpus of about ``size`` bytes into ``root`` (skipped if already there)."""
    done = root / "corpus.json"
    if done.exists():
        return json.loads(done.read_text())
    paragraphs = [
        p.strip() for doc in load_corpus(None) for p in doc.split("\n\n") if len(p.strip()) >= 40
    ]
    rng = random.Random(SEED)
    tmp = root.with_name(root.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    written = docs = part = 0
    recent: list[str] = []
    out = None
    part_bytes = PART_BYTES
    while written < size:
        if out is None or part_bytes >= PART_BYTES:
            if out is not None:
                out.close()
            out = (tmp / f"part-{part:03d}.jsonl").open("w", encoding="utf-8")
            part += 1
            part_bytes = 0
        roll = rng.random()
        if roll < 0.03 and recent:
            text = rng.choice(recent) + f"\n\nShare this story. Published {rng.randint(1, 28)} May."
        else:
            paras = [rng.choice(paragraphs) for _ in range(int(rng.lognormvariate(2.8, 0.6)) + 2)]
            if roll < 0.08:
                paras.insert(rng.randrange(len(paras)), paras[0])
            elif roll < 0.10:
                paras[-1] = _mojibake(f"“{paras[-1]}” — it’s said.")
            text = "\n\n".join(paras[:40])
            recent = [*recent[-99:], text]
        line = json.dumps({"id": f"d{docs:08d}", "text": text}, ensure_ascii=False) + "\n"
        out.write(line)
        n = len(line.encode("utf-8"))
        written += n
        part_bytes += n
        docs += 1
    if out is not None:
        out.close()
    info = {"bytes": written, "documents": docs, "files": part}
    (tmp / "corpus.json").write_text(json.dumps(info) + "\n")
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return info


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    seen, stack = [], [pid]
    while stack:
        p = stack.pop()
        seen.append(p)
        stack.extend(_children(p))
    return seen


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], interval: float, env: dict[str, str]) -> dict[str, object]:
    """Run ``cmd`` under GNU time (if present), sampling the process tree's memory."""
    time_out = Path(tempfile.mkstemp(prefix="textclean-time-")[1])
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else "")
    full = [gnu_time, "-v", "-o", str(time_out), *cmd] if gnu_time else cmd
    t0 = time.monotonic()
    proc = subprocess.Popen(full, env=env)
    rss_peak = pss_peak = driver_peak = 0
    procs_peak = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)[1 if gnu_time else 0 :]  # not GNU time itself
        rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
        pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
        driver = _kb(f"/proc/{pids[0]}/status", "VmRSS:") if pids else 0
        rss_peak, pss_peak = max(rss_peak, rss), max(pss_peak, pss)
        driver_peak = max(driver_peak, driver)
        procs_peak = max(procs_peak, len(pids))
        time.sleep(interval)
    seconds = time.monotonic() - t0
    max_rss = 0
    if gnu_time and time_out.exists():
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_out.read_text())
        max_rss = int(m.group(1)) if m else 0
    time_out.unlink(missing_ok=True)
    return {
        "exit_code": proc.returncode,
        "seconds": round(seconds, 1),
        "tree_rss_peak_mb": round(rss_peak / 1024, 1),
        "tree_pss_peak_mb": round(pss_peak / 1024, 1),
        "driver_rss_peak_mb": round(driver_peak / 1024, 1),
        "max_rss_single_mb": round(max_rss / 1024, 1),
        "processes_peak": procs_peak,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1G"), help="e.g. 1G, 100M")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", default="local")
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="sampling period, seconds (each sample reads every process's smaps_rollup, "
        "which walks its page tables: sampling much faster slows the run it measures)",
    )
    parser.add_argument("--keep-output", action="store_true", help="keep the cleaned output")
    parser.add_argument("--stages", default="", help="run only these stages, e.g. repair,normalize")
    parser.add_argument("--skip", default="", help="leave out these stages, e.g. despin")
    parser.add_argument("--no-dedup", action="store_true", help="no corpus dedup")
    args = parser.parse_args(argv)

    base = run_dir()
    label = f"{args.size >> 20}M"
    corpus = base / f"corpus-{label}"
    info = generate(args.size, corpus)
    variant = "".join(
        f"-{name}-{value.replace(',', '+')}"
        for name, value in (("stages", args.stages), ("skip", args.skip))
        if value
    ) + ("-nodedup" if args.no_dedup else "")
    out = base / f"out-{label}-{args.engine}-w{args.workers}{variant}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "textclean",
        "clean",
        str(corpus),
        "-o",
        str(out),
        "--workers",
        str(args.workers),
        "--engine",
        args.engine,
        "--quiet",
    ]
    if args.stages:
        cmd += ["--stages", args.stages]
    if args.skip:
        cmd += ["--skip", args.skip]
    if args.no_dedup:
        cmd.append("--no-dedup")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    result: dict[str, object] = {"corpus": info, "command": " ".join(cmd)}
    result.update(measure(cmd, args.interval, env))
    summary_path = out / ".textclean" / "summary.json"
    if summary_path.exists():
        s = json.loads(summary_path.read_text())
        result["summary"] = {
            k: s.get(k) for k in ("documents_in", "documents_out", "rejected_by_reason")
        }
        result["summary"]["phases"] = s.get("run", {}).get("phases")  # type: ignore[index]
        # the driver's own CPU seconds per phase (user+sys, not its workers'): unlike
        # wall time, not inflated by other load on the machine
        result["summary"]["driver_cpu"] = s.get("run", {}).get("driver_cpu")  # type: ignore[index]
        result["summary"]["dedup"] = s.get("dedup")  # type: ignore[index]
    if not args.keep_output:
        shutil.rmtree(out, ignore_errors=True)
    dest = base / f"result-{label}-{args.engine}-w{args.workers}{variant}.json"
    dest.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if result["exit_code"] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
