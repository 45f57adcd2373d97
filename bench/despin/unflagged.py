"""What despin's detector sees in the real spun texts it leaves unflagged, beside the
clean texts nearest its thresholds.

For every spun text of families b, c and d that the stage does not flag (the real pairs'
spun sides scored with the tables cross-validated by article, as ``measure.py --real``
scores them, and the unpaired spun texts), one line: words, ``spin_score`` (distinct
entries), ``spin_evidence`` (its entries), the light evidence, the spinner markers and
hedged definition leads found, and the table matches with the largest log10 ratio
original:spun in context. Then, for texts under ``score_min_words`` and for longer ones,
the clean texts with the highest light evidence, ``spin_evidence`` and ``spin_score``
(the clean sets of ``bench/despin/marker_check.py``; with ``--corpus`` the documentation
corpus too).

    python bench/despin/unflagged.py [--corpus] [--families bcd] [--top 5]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin.stage import Analysis, DespinStage  # noqa: E402
from textclean.stages.despin.table import load_tables  # noqa: E402


def view(stage: DespinStage, a: Analysis, top: int) -> str:
    """One text's detection view (see the module docstring)."""
    keys, joined, n = a.keys, a.joined, len(a.keys)
    best: dict[str, tuple[float, str, str]] = {}
    for m in a.matches:
        prev = keys[m.i - 1] if m.i > 0 and joined[m.i] else None
        nxt = keys[m.j] if m.j < n and joined[m.j] else None
        llr, alt = stage.match_llr(m, prev, nxt, a.text)
        if llr > best.get(m.entry.spun, (-99.0, "", ""))[0]:
            best[m.entry.spun] = (llr, alt, m.entry.tier)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:top]
    matches = "; ".join(f"{s}->{alt} {tier} {llr:.2f}" for s, (llr, alt, tier) in ranked)
    markers = ",".join(sorted({h.marker.id.rsplit(".", 1)[-1] for h in a.markers})) or "-"
    return (
        f"{a.words} words, score {a.score:.1f} ({a.distinct}), evidence {a.evidence:.1f}"
        f" ({a.evidence_distinct}), light {a.light:.1f}, markers {markers} | {matches}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    from bench.despin import marker_check, measure
    from bench.despin.light_check import SPUN_IN_CLEAN
    from bench.despin.real.check import load_set

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="store_true", help="also the documentation corpus")
    ap.add_argument("--families", default="bcd", help="spinner families to list")
    ap.add_argument("--top", type=int, default=5, help="matches per text, clean texts per list")
    args = ap.parse_args(argv)
    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    full = DespinStage.from_tables(cfg.despin, tables)
    real = load_set()
    same = measure.same_original(real.pairs)
    left = 0
    print("| kind | family | text | what the detector sees |")
    print("|---|---|---|---|")
    stages: dict[tuple[str, ...], DespinStage] = {}
    for p in real.pairs:
        if p.family not in args.families:
            continue
        ids = tuple(same[p.id])
        if ids not in stages:
            stages.clear()
            stages[ids] = DespinStage.from_tables(
                cfg.despin, measure.tables_without(tables, list(ids))
            )
        a = stages[ids].analyse(p.spun.text)
        if not a.spun:
            left += 1
            print(f"| pair | {p.family} | {p.id} | {view(stages[ids], a, args.top)} |")
    for t in real.spun:
        if t.row.family not in args.families:
            continue
        a = full.analyse(t.text)
        if not a.spun:
            left += 1
            print(f"| unpaired | {t.row.family} | {t.row.id} | {view(full, a, args.top)} |")
    print(f"\nunflagged spun texts of families {args.families}: {left}")
    short_words = cfg.despin.score_min_words
    rows: list[tuple[Analysis, str]] = []
    for label, docs in marker_check.clean_sets(args.corpus):
        for name, text in docs:
            if not name.startswith(SPUN_IN_CLEAN):
                a = full.analyse(text)
                rows.append((a, f"{label}: {name}"))
    for band, keep in (
        (f"under {short_words} words", lambda a: a.words < short_words),
        (f"{short_words} words or more", lambda a: a.words >= short_words),
    ):
        group = [r for r in rows if keep(r[0])]
        print(f"\nclean texts {band}: {len(group)}")
        for what, key in (
            ("light evidence", lambda r: r[0].light),
            ("spin_evidence", lambda r: r[0].evidence),
            ("spin_score", lambda r: r[0].score),
        ):
            print(f"  highest {what}:")
            for a, name in sorted(group, key=key, reverse=True)[: args.top]:
                print(f"    {name} | flagged {a.spun} | {view(full, a, args.top)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
