"""Audit size relative to the input, per ``--audit`` mode (and with ``--audit-compress``).

Runs ``textclean clean`` on the given inputs once per mode and prints, for each,
the bytes of ``OUT/.textclean/`` audit files (report.jsonl, rejects.jsonl, and
report.html) against the input bytes::

    python bench/audit_size.py tests/data/prose_sample.jsonl seeds
    python bench/audit_size.py --bench-corpus      # the bench corpus (bench/corpus.py)

``--from OUT`` instead reads the full audit of a finished run and writes each
mode's files from it with the same functions the run uses (``spans_row``,
``json_line``, zstd level 6), which gives the same bytes as running every mode
without running the stages again::

    python bench/audit_size.py --from cleaned --input-bytes 29497987

Nothing is asserted: the figures go to docs/report.md.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

MODES = (
    ("full", ()),
    ("full", ("--audit-compress",)),
    ("spans", ()),
    ("spans", ("--audit-compress",)),
    ("counts", ()),
)


def input_bytes(paths: list[str]) -> int:
    total = 0
    for p in map(Path, paths):
        total += (
            sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
            if p.is_dir()
            else (p.stat().st_size)
        )
    return total


def derive(out: Path, size: int) -> None:
    """Each mode's audit sizes from a full audit in ``out`` (see the module docstring)."""
    import zstandard

    from textclean.io.audit import read_rows
    from textclean.io.report import spans_row
    from textclean.io.writers import json_line

    meta = out / ".textclean"
    full_report = (meta / "report.jsonl").read_bytes()
    full_rejects = (meta / "rejects.jsonl").read_bytes()
    spans_report = bytearray()
    spans_rejects = bytearray()
    for row in read_rows(meta / "report.jsonl"):
        lean = spans_row(row)
        spans_report += json_line(lean, sort_keys=True)
        if row["status"] == "rejected":
            del lean["status"]
            spans_rejects += json_line(lean, sort_keys=True)

    def z(data: bytes) -> int:  # streamed, as the run writes it
        sink = io.BytesIO()
        cctx = zstandard.ZstdCompressor(level=6, write_checksum=True)
        with cctx.stream_writer(sink, closefd=False) as w:
            w.write(data)
        return len(sink.getvalue())

    print(f"input: {size / 1e6:.2f} MB; audit of {out}")
    print(f"{'mode':<22}{'report.jsonl':>14}{'rejects.jsonl':>15}{'audit/input':>13}")
    for label, rep, rej in (
        ("full", len(full_report), len(full_rejects)),
        ("full + compress", z(full_report), z(full_rejects)),
        ("spans", len(spans_report), len(spans_rejects)),
        ("spans + compress", z(bytes(spans_report)), z(bytes(spans_rejects))),
        ("counts", 0, 0),
    ):
        print(f"{label:<22}{rep:>14,}{rej:>15,}{(rep + rej) / size:>12.3f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("inputs", nargs="*")
    ap.add_argument(
        "--bench-corpus", action="store_true", help="use bench/corpus.py's corpus.jsonl"
    )
    ap.add_argument("--from", dest="from_out", metavar="OUT", help="a full-audit run's output")
    ap.add_argument("--input-bytes", type=int, help="with --from: the run's input bytes")
    args = ap.parse_args()
    if args.from_out:
        derive(Path(args.from_out), args.input_bytes or input_bytes(args.inputs))
        return
    inputs = list(args.inputs)
    if args.bench_corpus:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench.corpus import build_corpus, cache_dir

        build_corpus()
        inputs.append(str(cache_dir() / "corpus.jsonl"))
    size = input_bytes(inputs)
    print(f"input: {size / 1e6:.2f} MB in {', '.join(inputs)}")
    print(
        f"{'mode':<22}{'report.jsonl':>14}{'rejects.jsonl':>15}{'audit/input':>13}{'report.html':>13}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for mode, extra in MODES:
            out = Path(tmp) / f"{mode}{len(extra)}"
            cmd = [
                sys.executable,
                "-m",
                "textclean",
                "clean",
                *inputs,
                "-o",
                str(out),
                "--audit",
                mode,
                *extra,
                "--quiet",
            ]
            subprocess.run(cmd, check=True)
            summary = json.loads((out / ".textclean" / "summary.json").read_text())
            files = summary["audit"]["files"]
            rep = sum(v for k, v in files.items() if k.startswith("report"))
            rej = sum(v for k, v in files.items() if k.startswith("rejects"))
            html = (out / ".textclean" / "report.html").stat().st_size
            label = mode + (" + compress" if extra else "")
            print(f"{label:<22}{rep:>14,}{rej:>15,}{(rep + rej) / size:>12.3f}x{html:>13,}")


if __name__ == "__main__":
    main()
