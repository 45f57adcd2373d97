"""Extract spun form → original mappings from the real pairs into ``mappings.tsv``.

Each pair is aligned line by line, and within a line word by word (difflib on word
tokens, as ``measure.py`` counts them). Every replaced stretch of at most
``--max-words`` words on both sides becomes one row: the spun words, the original
words, the pair id and its spinner family. Insertions and deletions (a dropped
"the", an inserted "actually") are kept too, with an empty side. The rows are
derived facts, not text; the pair id lets a table built from them be
cross-validated by article (source ``real:<id>``).

The file is learned incrementally: the rows of a pair whose two texts are present are
(re)derived, those of a pair listed in ``SOURCES.md`` whose texts are absent are kept
exactly as recorded, and so are those of a pair of a batch ``blind_batches.md`` still
marks blind (normally none: nothing is learned from a blind batch), present or not.
Run with no texts present, it rewrites the file unchanged.

Usage::

    python bench/despin/real/mappings.py            # rewrite mappings.tsv
    python bench/despin/real/mappings.py --check    # exit 1 if mappings.tsv is stale
    python bench/despin/real/mappings.py --texts DIR
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.despin.measure import words  # noqa: E402
from bench.despin.real.check import (  # noqa: E402
    BATCHES,
    HERE,
    SOURCES,
    TEXTS,
    Pair,
    pairs_to_learn,
)
from bench.despin.real.generated import write_or_check  # noqa: E402

OUT = HERE / "mappings.tsv"
HEADER = (
    "# Spun form -> original, word-aligned from the real pairs of bench/despin/real\n"
    "# (difflib on word tokens, line by line). Derived by mappings.py; do not edit.\n"
    "# kind: swap (both sides), insert (spun only), drop (original only).\n"
    "spun\toriginal\tkind\tcount\tpair\tfamily\n"
)


def extract(pair: Pair, max_words: int = 4) -> Counter[tuple[str, str, str]]:
    """(spun, original, kind) → count for one pair.

    >>> from bench.despin.real.check import Row, Text
    >>> row = Row("x", "pair-orig", "", "", "", "a", "", "", "", 0)
    >>> p = Pair("x", Text(row, "The bill passed the House on Friday.\\n"),
    ...          Text(row, "The invoice handed the Home on Friday.\\n"))
    >>> sorted(extract(p))
    [('Home', 'House', 'swap'), ('invoice handed', 'bill passed', 'swap')]
    """
    out: Counter[tuple[str, str, str]] = Counter()
    olines = pair.orig.text.splitlines()
    slines = pair.spun.text.splitlines()
    if len(olines) != len(slines):
        raise ValueError(f"{pair.id}: {len(olines)} original lines, {len(slines)} spun lines")
    for o, s in zip(olines, slines, strict=True):
        ow, sw = words(o), words(s)
        sm = difflib.SequenceMatcher(None, sw, ow, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal" or max(i2 - i1, j2 - j1) > max_words:
                continue
            kind = {"replace": "swap", "insert": "drop", "delete": "insert"}[tag]
            out[(" ".join(sw[i1:i2]), " ".join(ow[j1:j2]), kind)] += 1
    return out


def recorded_rows(path: Path = OUT) -> dict[str, list[str]]:
    """The rows of the current ``mappings.tsv`` by pair id (comment lines and header left out)."""
    rows: dict[str, list[str]] = {}
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        cells = line.rstrip("\n").split("\t")
        if line.startswith(("#", "spun\t")) or len(cells) != 6:
            continue
        rows.setdefault(cells[4], []).append(line)
    return rows


def render(
    max_words: int = 4,
    *,
    texts: Path = TEXTS,
    sources: Path = SOURCES,
    recorded: Path = OUT,
    batches: Path = BATCHES,
) -> str:
    """All rows: extracted from every pair whose two texts are present and whose batch
    is not blind, and kept as ``recorded`` for every other pair listed in ``sources`` (a
    machine that has not rebuilt every text must not lose the facts derived from it,
    and a blind batch is never learned from by accident)."""
    kept = recorded_rows(recorded)
    rows = []
    for pair_id, pair in pairs_to_learn(texts, sources, batches):
        if pair is None:
            rows.extend(kept.get(pair_id, []))
            continue
        for (spun, orig, kind), n in sorted(extract(pair, max_words).items()):
            rows.append(f"{spun}\t{orig}\t{kind}\t{n}\t{pair.id}\t{pair.family}\n")
    return HEADER + "".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-words", type=int, default=4, help="longest stretch kept (words)")
    ap.add_argument("--check", action="store_true", help="exit 1 if mappings.tsv is stale")
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder holding the text files")
    args = ap.parse_args(argv)
    text = render(args.max_words, texts=args.texts)
    return write_or_check(
        OUT, text, header=HEADER, script="mappings.py", unit="rows", check=args.check
    )


if __name__ == "__main__":
    raise SystemExit(main())
