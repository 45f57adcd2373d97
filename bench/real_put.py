"""Put one rebuilt real-data text in place and verify it against its committed SHA-256.

The real evaluation sets (``bench/despin/real``, ``bench/boilerplate/real``) commit
only URLs, trims, labels and checksums; a new machine rebuilds the texts from the
stored copy of each URL in the search tool's ``pages`` corpus. A search result's
``excerpt`` is a JSON string; copy it *as printed* (quotes and escapes included)
into a file, and this script decodes it, optionally keeps some of its lines, and
writes the text only if its SHA-256 is the one on record::

    python bench/real_put.py boilerplate PAGE_ID excerpt.json
    python bench/real_put.py despin FILE_NAME excerpt.json --lines 2-13
    python bench/real_put.py despin FILE_NAME text.txt --plain   # an already trimmed text

``--lines`` keeps the excerpt's lines (counted from 1, split at ``\\n``) in the
given ranges, joined by ``\\n``; the written file ends with one newline, as
``SOURCES.md`` says. Boilerplate pages are the excerpt exactly, nothing trimmed.
Exit status: 0 written, 1 checksum differs (nothing written; ``--keep`` writes it
under ``<name>.mismatch`` beside the texts for inspection), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.despin.real.check import read_sources  # noqa: E402
from textclean.config import tomllib  # noqa: E402

BOILERPLATE = ROOT / "bench" / "boilerplate" / "real"
DESPIN = ROOT / "bench" / "despin" / "real"


def decode(raw: str) -> str:
    """Decode a JSON string literal as printed by the search tool.

    >>> decode('"a\\\\nb \\\\u201cc\\\\u201d"')
    'a\\nb “c”'
    """
    raw = raw.strip()
    if raw.startswith('"excerpt":'):
        raw = raw[len('"excerpt":') :].strip()
    if raw.endswith(","):
        raw = raw[:-1]
    value = json.loads(raw)
    if not isinstance(value, str):
        raise ValueError("not a JSON string")
    return value


def keep_lines(text: str, spec: str) -> str:
    """Keep the 1-based line ranges in ``spec`` ("2-5,7").

    >>> keep_lines("a\\nb\\nc\\nd", "2-3,1")
    'b\\nc\\na'
    """
    lines = text.split("\n")
    out: list[str] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        a, b = int(lo), int(hi or lo)
        out.extend(lines[a - 1 : b])
    return "\n".join(out)


def expected(kind: str, name: str) -> tuple[str, Path]:
    if kind == "boilerplate":
        meta_path = BOILERPLATE / "pages" / f"{name}.toml"
        if not meta_path.exists():
            raise SystemExit(f"real_put: no page {name!r} in {meta_path.parent.name}/")
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        return str(meta["sha256"]), BOILERPLATE / "texts" / f"{name}.txt"
    for row in read_sources():
        if row.file == name:
            return row.sha256, DESPIN / "texts" / name
    raise SystemExit(f"real_put: no file {name!r} in SOURCES.md")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kind", choices=("boilerplate", "despin"))
    ap.add_argument("name", help="page id (boilerplate) or file name (despin)")
    ap.add_argument("source", type=Path, help="file holding the excerpt's JSON string")
    ap.add_argument("--lines", help="keep these 1-based line ranges, e.g. 2-13 or 1-4,6-7")
    ap.add_argument("--plain", action="store_true", help="source is the final text, not JSON")
    ap.add_argument("--keep", action="store_true", help="on a mismatch, keep <name>.mismatch")
    args = ap.parse_args(argv)
    raw = args.source.read_text(encoding="utf-8")
    text = raw if args.plain else decode(raw)
    if args.lines:
        text = keep_lines(text, args.lines)
    if args.kind == "despin":
        text = text.rstrip("\n") + "\n"
    data = text.encode("utf-8")
    want, dest = expected(args.kind, args.name)
    got = hashlib.sha256(data).hexdigest()
    dest.parent.mkdir(parents=True, exist_ok=True)
    if got != want:
        if args.keep:
            dest.with_name(dest.name + ".mismatch").write_bytes(data)
        print(f"{args.name}: sha256 differs ({got[:12]}…, want {want[:12]}…); not written")
        return 1
    tmp = dest.with_name(dest.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(dest)
    print(f"{args.name}: ok ({len(text)} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
