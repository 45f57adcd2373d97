"""Would leaving out the mappings the real pairs show wrong raise despin's edit precision?

Every edit of the real pairs, scored as ``measure.py --real`` scores them (cross-validated
by article), restores a wording for a spun one: a mapping. The cut leaves an edit out
when, on the *other* articles, its mapping made at least ``w`` wrong edits and at most a
share ``r`` of its edits there were right. For each ``(w, r)`` this prints the right and
wrong edits the cut would take and the precision before and after it; and, read
in-sample (each article's own record counted too, as a rule written from these pairs
would be), how many mappings were wrong more often than right::

    PYTHONPATH=. python bench/despin/mapping_cut.py      # about a minute
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.despin.measure import PairResult, run_real, same_original  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.document import Edit  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin.table import load_tables  # noqa: E402

#: the cuts tried: (fewest wrong edits on the other articles, largest share right there)
GRID = tuple((w, r) for w in (2, 3, 4) for r in (0.2, 1 / 3, 0.5))

Mapping = tuple[str, str]
#: one edit: its article, its mapping, whether it put back the original's words
Scored = tuple[str, Mapping, bool]


def mapping(edit: Edit) -> Mapping:
    """The spun wording and the restored one, case folded.

    >>> from textclean.document import Edit
    >>> mapping(Edit("despin", "spin.en.t2.might", 0, 5, "Might", "may"))
    ('might', 'may')
    """
    return (edit.before.casefold(), edit.after.casefold())


def scored_edits(pairs: Iterable[tuple[str, PairResult]]) -> list[Scored]:
    """``(article, mapping, right)`` of every edit of ``pairs`` (``(article, result)``)."""
    out: list[Scored] = []
    for article, result in pairs:
        out += [(article, mapping(e), True) for e in result.right]
        out += [(article, mapping(e), False) for e in result.wrong]
    return out


def cut(edits: Sequence[Scored], least_wrong: int, most_right: float) -> tuple[int, int]:
    """The right and wrong edits the cut ``(least_wrong, most_right)`` takes, each edit
    judged by its mapping's record on the other articles only.

    >>> edits = [("a", ("x", "y"), False), ("b", ("x", "y"), False),
    ...          ("c", ("x", "y"), False), ("c", ("x", "y"), True)]
    >>> cut(edits, 2, 0.5)  # a and b each see 2 wrong of 3 elsewhere; c sees 2 wrong of 2
    (1, 3)
    >>> cut(edits, 3, 0.5)  # no article sees 3 wrong edits elsewhere
    (0, 0)
    """
    record: dict[Mapping, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for article, m, right in edits:
        record[m][article][0 if right else 1] += 1
    totals = {
        m: [sum(v[0] for v in by.values()), sum(v[1] for v in by.values())]
        for m, by in record.items()
    }
    took = [0, 0]
    for article, m, right in edits:
        own = record[m][article]
        ok, bad = totals[m][0] - own[0], totals[m][1] - own[1]
        if bad >= least_wrong and ok <= most_right * (ok + bad):
            took[0 if right else 1] += 1
    return took[0], took[1]


def in_sample(edits: Sequence[Scored]) -> tuple[int, int, int]:
    """Mappings wrong more often than right over all articles, and their right and wrong
    edits."""
    counts: dict[Mapping, list[int]] = defaultdict(lambda: [0, 0])
    for _, m, right in edits:
        counts[m][0 if right else 1] += 1
    bad = [c for c in counts.values() if c[1] > c[0]]
    return len(bad), sum(c[0] for c in bad), sum(c[1] for c in bad)


def main() -> int:
    from bench.despin.real.check import load_set

    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    result = run_real(tables, cfg, True)
    article = {i: min(ids) for i, ids in same_original(load_set().pairs).items()}
    edits = scored_edits((article[r.name], r) for _, _, r in result.pairs)
    right = sum(1 for e in edits if e[2])
    total = len(edits)
    print(f"{len(result.pairs)} pairs, {total} edits, {right} right: precision {right / total:.1%}")
    n, ok, bad = in_sample(edits)
    after = (right - ok) / (total - ok - bad)
    print(
        f"in-sample: {n} mappings wrong more often than right, {bad} wrong and {ok} right "
        f"edits; without them precision {after:.1%}"
    )
    print()
    print(
        "| at least wrong elsewhere | at most right elsewhere | right taken | wrong taken "
        "| precision |"
    )
    print("|---:|---:|---:|---:|---:|")
    for w, r in GRID:
        took_ok, took_bad = cut(edits, w, r)
        kept = total - took_ok - took_bad
        precision = (right - took_ok) / kept if kept else 0.0
        print(f"| {w} | {r:.0%} | {took_ok} | {took_bad} | {precision:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
