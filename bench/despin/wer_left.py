"""Where the real pairs' word errors are left after despin, per spinner family.

Every pair of ``bench/despin/real`` is repaired as ``measure.py --real`` repairs it
(cross-validated by article: the learned table rebuilt without the pair's article and
every ``real:<id>`` source of it left out), and its remaining word errors (the WER
numerator, line by line as :func:`bench.despin.measure.wer` counts them) are split into:

* ``unflagged``: the errors of a pair the stage does not flag (nothing is repaired);
* in a flagged pair, each difference between the repaired text and the original:

  - ``wrong edit``: it covers a word an edit wrote;
  - ``no entry``: a swap of 1-3 words whose spun form the table does not have;
  - ``entry, right original``: the table has the spun form and lists the original,
    but repair left it alone;
  - ``entry, other originals``: the table has the spun form, not with this original;
  - ``longer rewrite``: an insertion, a deletion or a swap of more than three words.

The same split of the spun text against the original is given for the unflagged pairs
(what repair could reach if they were flagged). ``--list`` prints the differences of
one kind (``--list no-entry``) with their pair, most frequent first.

Usage::

    python bench/despin/wer_left.py                  # the table per family
    python bench/despin/wer_left.py --list right     # the misses an entry knows
    python bench/despin/wer_left.py --list wrong --list no-entry --family b --top 100
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.despin import measure  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.document import Document, Edit  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin import DespinStage  # noqa: E402
from textclean.stages.despin.match import tokenize  # noqa: E402
from textclean.stages.despin.table import SpinTables, load_tables  # noqa: E402

KINDS = ("wrong edit", "no entry", "entry, right original", "entry, other originals", "longer")
SHORT = {"wrong": 0, "no-entry": 1, "right": 2, "other": 3, "longer": 4}


def _edited_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where each edit's replacement stands in the repaired text."""
    spans, shift = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        s = e.start + shift
        spans.append((s, s + len(e.after)))
        shift += len(e.after) - (e.end - e.start)
    return spans


def classify(
    hyp: str, ref: str, edits: Sequence[Edit], tables: SpinTables
) -> list[tuple[str, int, str, str]]:
    """Every difference of ``hyp`` against ``ref`` as ``(kind, word errors, hyp words,
    ref words)``; ``edits`` are the edits that made ``hyp`` (none for a spun text)."""
    spans = _edited_spans(edits)
    hl, rl = measure.nonblank_line_spans(hyp), measure.nonblank_line_spans(ref)
    if len(hl) == len(rl):
        parts = [(hyp[a:b], a, ref[c:d]) for (a, b), (c, d) in zip(hl, rl, strict=True)]
    else:
        parts = [(hyp, 0, ref)]
    out: list[tuple[str, int, str, str]] = []
    for h, off, r in parts:
        ht = tokenize(h)
        hw, rw = measure.words(h), measure.words(r)
        sm = difflib.SequenceMatcher(None, hw, rw, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            cost = measure.levenshtein(hw[i1:i2], rw[j1:j2])
            hs, rs = " ".join(hw[i1:i2]), " ".join(rw[j1:j2])
            inside = any(
                s < off + ht[k].end and off + ht[k].start < e
                for k in range(i1, i2)
                for s, e in spans
            )
            if inside:
                kind = KINDS[0]
            elif tag != "replace" or i2 - i1 > 3 or j2 - j1 > 3:
                kind = KINDS[4]
            else:
                entry = tables.entries.get(hs.lower().replace("’", "'"))
                if entry is None:
                    kind = KINDS[1]
                elif rs.lower() in {a.lower() for a in entry.alternatives}:
                    kind = KINDS[2]
                else:
                    kind = KINDS[3]
            out.append((kind, cost, hs, rs))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the split per family (and the differences of each ``--list`` kind)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--list",
        action="append",
        default=[],
        choices=sorted(SHORT),
        help="print the differences of this kind (repeatable)",
    )
    ap.add_argument("--family", default="", help="only this family (with --list)")
    ap.add_argument("--top", type=int, default=60, help="how many to print with --list")
    args = ap.parse_args(argv)
    from bench.despin.real.check import load_set

    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    real = load_set()
    same_orig = measure.same_original(real.pairs)
    # family -> bucket -> word errors
    table: dict[str, Counter[str]] = defaultdict(Counter)
    listed: Counter[tuple[str, str, str, str]] = Counter()
    want = {KINDS[SHORT[k]] for k in args.list}
    for p in real.pairs:
        fam = p.orig.row.family
        if fam == measure.PARAPHRASE:
            continue
        loo = measure.tables_without(tables, same_orig[p.id])
        doc = DespinStage.from_tables(cfg.despin, loo)(Document(p.id, p.spun.text))
        flagged = bool(doc.scores["spun"])
        table[fam]["words"] += len(measure.words(p.orig.text))
        table[fam]["pairs"] += 1
        table[fam]["flagged"] += flagged
        before = classify(p.spun.text, p.orig.text, [], loo)
        table[fam]["WER before"] += sum(c for _, c, _, _ in before)
        if not flagged:
            diffs = before
            for kind, cost, _, _ in diffs:
                table[fam]["unflagged"] += cost
                table[fam][f"unflagged: {kind}"] += cost
        else:
            diffs = classify(doc.text, p.orig.text, doc.edits, loo)
            for kind, cost, _, _ in diffs:
                table[fam][kind] += cost
        for kind, cost, hs, rs in diffs:
            if kind in want and (not args.family or args.family == fam):
                listed[(kind, hs, rs, f"{fam}{'' if flagged else ' unflagged'}")] += cost
    cols = ["pairs", "flagged", "words", "WER before", "unflagged", *KINDS]
    print("| family | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for fam in sorted(table):
        print(f"| {fam} | " + " | ".join(str(table[fam][c]) for c in cols) + " |")
    print()
    print("unflagged pairs, their spun text against the original:")
    print("| family | " + " | ".join(KINDS[1:]) + " |")
    print("|---|" + "---:|" * (len(KINDS) - 1))
    for fam in sorted(table):
        print(
            f"| {fam} | " + " | ".join(str(table[fam][f"unflagged: {k}"]) for k in KINDS[1:]) + " |"
        )
    for kind in sorted(want):
        print(f"\n{kind}:")
        mine = Counter({k: n for k, n in listed.items() if k[0] == kind})
        for (_, hs, rs, where), n in mine.most_common(args.top):
            print(f"{n:4d}  {hs!r} -> {rs!r}  ({where})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
