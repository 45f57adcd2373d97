"""The development set's spinner: deterministic, part-of-speech-blind swaps from ``spinner.tsv``.

Longest phrase first (1–4 words joined by single spaces), the first letter's
case carried over; a fixed share of candidate swaps (hash of line number,
token position and phrase) is skipped, as a real spinner leaves some words.
Writes ``<name>.spun.txt`` next to each ``<name>.orig.txt`` given.

>>> spin_line("In the end, a new home.", {"in the": "within the", "a new": "a brand new"}, 1, 0)
'Within the end, a brand new home.'
"""

from __future__ import annotations

import itertools
import re
import sys
import zlib
from pathlib import Path

TABLE = Path(__file__).with_name("spinner.tsv")
SKIP_PERCENT = 22
_WORD = re.compile(r"[A-Za-z0-9'’\-]+")


def load(path: Path = TABLE) -> dict[str, str]:
    """Lower-case original phrase → spun phrase (later lines win)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            orig, spun = line.split("\t")
            out[orig.lower()] = spun[0].lower() + spun[1:] if orig[:1].isupper() else spun
    return out


def spin_line(line: str, table: dict[str, str], line_no: int, skip: int = SKIP_PERCENT) -> str:
    toks = [m.span() for m in _WORD.finditer(line)]
    out: list[str] = []
    last = i = 0
    while i < len(toks):
        step = 1
        for n in (4, 3, 2, 1):
            span = toks[i : i + n]
            if len(span) < n or any(line[a[1] : b[0]] != " " for a, b in itertools.pairwise(span)):
                continue
            key = line[span[0][0] : span[-1][1]]
            rep = table.get(key.lower())
            if rep is None or rep.lower() == key.lower():
                continue
            if zlib.crc32(f"{line_no}:{i}:{key}".encode()) % 100 < skip:
                continue
            if key[0].isupper():
                rep = rep[0].upper() + rep[1:]
            out += [line[last : span[0][0]], rep]
            last, step = span[-1][1], n
            break
        i += step
    out.append(line[last:])
    return "".join(out)


def main(paths: list[str]) -> int:
    table = load()
    for p in paths:
        src = Path(p)
        lines = src.read_text(encoding="utf-8").split("\n")
        spun = [spin_line(ln, table, k) for k, ln in enumerate(lines, 1)]
        dst = src.with_name(src.name.replace(".orig.txt", ".spun.txt"))
        dst.write_text("\n".join(spun), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
