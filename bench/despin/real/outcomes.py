"""Learn what each reverse-table match stood for in the real pairs: ``rules/spin/outcomes.tsv``.

For every real pair of a word-swapping family (not ``e``, the paraphrasers) the
despin stage's own matches in the spun text (every table entry, the WordNet
ordinary lemmas included) are lined up with the original, line by line and word by
word (difflib, as ``measure.py`` counts words). Each match gets one outcome:

* ``=`` — the original has the same words there: the spun form was the original's
  own wording ("retailer" in a retail story), and restoring anything is wrong;
* the original's words (lower case) — the match covers exactly one replaced
  stretch: what the spinner rewrote ("worldwide" ← "global");
* ``?`` — the match straddles a rewrite (part equal, part replaced, or a longer
  rewrite around it): no word-for-word original.

One row per (spun form, outcome, word before the match, pair): ``spun  outcome
count  source  prev`` with the source ``real:<pair id>``, so ``measure.py --real``
leaves a pair's rows out when it scores that pair's article
(``SpinTables.without_source``), as for every learned entry. The stage turns the
counts into a per-original reliability factor, further candidate originals and,
by the word before, a veto (``textclean/stages/despin/stage.py``).

The file is learned incrementally, as ``mappings.tsv``: rows of a pair whose texts
are present are (re)derived; rows of a pair listed in ``SOURCES.md`` whose texts are
absent, or of a batch ``blind_batches.md`` still marks blind, are kept exactly as
recorded (none for a blind batch). With no texts present the file is rewritten
unchanged.

Usage::

    python bench/despin/real/outcomes.py            # rewrite rules/spin/outcomes.tsv
    python bench/despin/real/outcomes.py --check    # exit 1 if it is stale
    python bench/despin/real/outcomes.py --texts DIR
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
    SOURCES,
    TEXTS,
    Pair,
    pairs_to_learn,
)
from bench.despin.real.generated import write_or_check  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin import DespinStage  # noqa: E402
from textclean.stages.despin.table import (  # noqa: E402
    NO_PREV,
    load_table_files,
    spin_file_kind,
    spin_files,
)

OUT = ROOT / "rules" / "spin" / "outcomes.tsv"
PARAPHRASE = "e"
OWN = "="
STRADDLE = "?"
HEADER = (
    "# What each reverse-table match stood for in the real pairs (bench/despin/real):\n"
    "# '=' the original's own words, '?' a rewrite around it, else the original's words.\n"
    "# Derived by bench/despin/real/outcomes.py; do not edit.\n"
    "spun\toutcome\tcount\tsource\tprev\n"
)


def _stage() -> DespinStage:
    """The stage over the built-in tables, without the outcomes file it writes (matching
    does not read it; a stale one must not stop it being rewritten)."""
    cfg = Config()
    paths = [p for p in spin_files(RulePack.load(cfg.rules)) if spin_file_kind(p) != "outcomes"]
    return DespinStage.from_tables(cfg.despin, load_table_files(paths))


def extract(pair: Pair, stage: DespinStage) -> Counter[tuple[str, str, str]]:
    """(spun form, outcome, word before) → count for one pair (see the module
    docstring; the word before is ``^`` when none is joined to the match).

    A match's outcome is the original's words lined up with it: the words of the
    equal stretches inside it and of every rewritten stretch it covers whole (a
    word-for-word rewrite may be cut at any word); ``=`` when it lies in equal
    stretches only, ``?`` when a rewrite runs past its edge.
    """
    spun = pair.spun.text
    a = stage._with_ordinary_lemmas(stage.analyse(spun))
    toks = a.tokens
    olines = pair.orig.text.splitlines(keepends=True)
    slines = spun.splitlines(keepends=True)
    if len(olines) != len(slines):
        raise ValueError(f"{pair.id}: {len(olines)} original lines, {len(slines)} spun lines")
    # the alignment as (tag, spun token span, original words), spun spans in token indices
    ops: list[tuple[str, int, int, list[str]]] = []
    start, k = 0, 0
    for sl, ol in zip(slines, olines, strict=True):
        end = start + len(sl)
        idx = []
        while k < len(toks) and toks[k].start < end:
            idx.append(k)
            k += 1
        sw = [toks[i].key for i in idx]
        ow = [w.lower() for w in words(ol)]
        sm = difflib.SequenceMatcher(None, sw, ow, autojunk=False)
        base = idx[0] if idx else k
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                # word for word: one op per word, so a match may cut the stretch anywhere
                ops += [(tag, base + x, base + x + 1, [ow[j1 + x - i1]]) for x in range(i1, i2)]
            else:
                ops.append((tag, base + i1, base + i2, ow[j1:j2]))
        start = end
    out: Counter[tuple[str, str, str]] = Counter()
    for m in a.matches:
        inside = [
            op
            for op in ops
            if (op[1] < m.j and m.i < op[2]) or (op[1] == op[2] and m.i < op[1] < m.j)
        ]
        if any(op[1] < m.i or op[2] > m.j for op in inside) or not inside:
            outcome = STRADDLE
        elif all(op[0] == "equal" for op in inside):
            outcome = OWN
        else:
            outcome = " ".join(w for op in inside for w in op[3]) or STRADDLE
        prev = toks[m.i - 1].key if m.i > 0 and toks[m.i].joined else NO_PREV
        out[(m.entry.spun, outcome, prev)] += 1
    return out


def recorded_rows(path: Path = OUT) -> dict[str, list[str]]:
    """The rows of the current file by pair id (comments and header left out)."""
    rows: dict[str, list[str]] = {}
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        cells = line.rstrip("\n").split("\t")
        if line.startswith(("#", "spun\t")) or len(cells) != 5:
            continue
        rows.setdefault(cells[3].removeprefix("real:"), []).append(line)
    return rows


def render(
    *,
    texts: Path = TEXTS,
    sources: Path = SOURCES,
    recorded: Path = OUT,
    batches: Path = BATCHES,
    stage: DespinStage | None = None,
) -> str:
    """All rows: extracted with ``stage`` (the built-in tables without the outcomes
    file) from every present pair of a word-swapping family whose batch is not blind,
    and kept as ``recorded`` for every other pair listed in ``sources``."""
    kept = recorded_rows(recorded)
    rows: list[str] = []
    for pair_id, pair in pairs_to_learn(texts, sources, batches):
        if pair is None:
            rows.extend(kept.get(pair_id, []))
            continue
        if pair.family == PARAPHRASE:
            continue
        if stage is None:  # built only when a pair is to be derived
            stage = _stage()
        for (spun, outcome, prev), n in sorted(extract(pair, stage).items()):
            rows.append(f"{spun}\t{outcome}\t{n}\treal:{pair.id}\t{prev}\n")
    return HEADER + "".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if outcomes.tsv is stale")
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder holding the text files")
    args = ap.parse_args(argv)
    text = render(texts=args.texts)
    return write_or_check(
        OUT, text, header=HEADER, script="outcomes.py", unit="rows", check=args.check
    )


if __name__ == "__main__":
    raise SystemExit(main())
