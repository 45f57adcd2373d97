"""Calibrate despin's light-evidence and short-breadth flags on clean text: the highest
light evidence of any clean text, the most evidence entries of a short clean text, and
the spun texts these two rules flag that no other rule does.

The light evidence (``DespinStage.evidence``, :func:`~textclean.stages.despin.stage.
light_flags`) sums, over a text's distinct T1/T2 reverse-table entries, how far the best
match's log10 ratio original:spun in context exceeds ``light_margin`` (at most
``light_clip`` each), per 1000 words; in a text of ``score_min_words`` words or more,
``light_long_threshold`` with ``spin_score`` at least ``light_long_min_score`` flags too
(its clean maximum is taken over such texts whose ``spin_score`` reaches
``light_long_min_score`` / 1.2). The short-breadth rule flags a text shorter than
``score_min_words`` with ``evidence_min_distinct`` evidence entries. The clean sets are those of
``bench/despin/marker_check.py`` (the sets of ``measure.py``, the real clean texts and
originals, the English boilerplate development pages, with ``--corpus`` the
documentation corpus, and the short pieces of all of them); the spun texts are the real
pairs' spun sides (every entry learned from the real pairs left out: stricter than
cross-validation by article) and the unpaired spun texts.

    python bench/despin/light_check.py --corpus     # exit status 1 if a clean text is flagged
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin.stage import (  # noqa: E402
    Analysis,
    DespinStage,
    flagged_by_scores,
    ordinary_only,
)
from textclean.stages.despin.table import load_tables  # noqa: E402

#: texts of the clean sets that are spun themselves (read and confirmed: the thesaurus
#: spinner's "instructed Insider", "one zero five degrees", "college students" for
#: students; a 134-word rewrite of a news story on a volcano's warning signs, paraphrase
#: wording around a quoted expert: "foresee lava flowing", "elevate the alert status";
#: a boilerplate-set page on laptop reviews in the seed's spinner family: "Final yr",
#: "as an example", "PCWorld's personal"); they and their short pieces are left out of
#: the calibration
SPUN_IN_CLEAN = (
    "hotshirt-info-yoga-light-in-me-poster",
    "userz-net-post-eaeef60750651a0ca84b01c704fe9642",
    "techswitch-cf-2018-08-07-the-perfection-flaw-whats-wrong",
)
#: the margin each threshold keeps over the highest clean value
MARGIN = 1.2


def _breadth(cfg: Config, a: Analysis) -> bool:
    """``a`` flagged by the short-breadth rule alone (no other rule of the scores)."""
    d = cfg.despin
    return (
        a.spun
        and not ordinary_only(d, a.matches, a.fingerprints, a.markers, a.evidence)
        and not flagged_by_scores(d, a.score, a.distinct, a.evidence, a.evidence_distinct)
        and flagged_by_scores(d, a.score, a.distinct, a.evidence, a.evidence_distinct, a.words)
    )


def main(argv: Sequence[str] | None = None) -> int:
    from bench.despin import clean_flags, marker_check, measure
    from bench.despin.real.check import load_set

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="store_true", help="also the documentation corpus")
    ap.add_argument("--top", type=int, default=8, help="how many of the highest to list")
    args = ap.parse_args(argv)
    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    stage = DespinStage.from_tables(cfg.despin, tables)
    threshold = cfg.despin.light_threshold
    smw = cfg.despin.score_min_words
    long_threshold = cfg.despin.light_long_threshold
    long_score = cfg.despin.light_long_min_score
    clean: list[tuple[float, str, str, int]] = []
    long: list[tuple[float, float, str, str, int]] = []
    short: list[tuple[int, str, str, int]] = []
    flagged = 0
    for label, docs in marker_check.clean_sets(args.corpus):
        for name, text in docs:
            if name.startswith(SPUN_IN_CLEAN):
                continue
            a = stage.analyse(text)
            clean.append((a.light, label, name, a.words))
            if a.light_flag or _breadth(cfg, a):
                if label == "real originals" and clean_flags.own_pair_left_out(stage, name, text):
                    print(
                        f"in sample only (not flagged with its own pair's entries left out): {name}"
                    )
                else:
                    flagged += 1
            if a.words < smw:
                short.append((a.evidence_distinct, label, name, a.words))
            elif a.score >= long_score / MARGIN:
                long.append((a.light, a.score, label, name, a.words))
    clean.sort(reverse=True)
    print(f"clean texts: {len(clean)}; light_threshold {threshold}")
    for light, label, name, n in clean[: args.top]:
        print(f"  {light:6.1f}  {n:6d} words  {label}: {name}")
    top = clean[0][0] if clean else 0.0
    print(f"highest clean light evidence {top:.1f}; threshold / highest = {threshold / top:.2f}")
    long.sort(reverse=True)
    print(
        f"clean texts of {smw} words or more with spin_score >= {long_score / MARGIN:.1f}"
        f" (light_long_min_score {long_score} / {MARGIN}): {len(long)};"
        f" light_long_threshold {long_threshold}"
    )
    for light, score, label, name, n in long[: args.top]:
        print(f"  {light:6.1f}  score {score:5.1f}  {n:6d} words  {label}: {name}")
    top_long = long[0][0] if long else 0.0
    if top_long:
        print(
            f"highest such clean light evidence {top_long:.1f};"
            f" light_long_threshold / highest = {long_threshold / top_long:.2f}"
        )
    short.sort(reverse=True)
    counts = Counter(k for k, *_ in short)
    print(
        f"short clean texts (< {smw} words): {len(short)};"
        f" by evidence entries: {sorted(counts.items())}"
    )
    for k, label, name, n in short[: args.top]:
        print(f"  {k:3d} entries  {n:4d} words  {label}: {name}")
    real = load_set()
    strict = measure.tables_without(tables, [p.id for p in real.pairs])
    spun_stage = DespinStage.from_tables(cfg.despin, strict)
    spun = [(p.family, p.id, p.spun.text) for p in real.pairs]
    spun += [(t.row.family, t.row.id, t.text) for t in real.spun]
    new = []
    for family, name, text in spun:
        a = spun_stage.analyse(text)
        if a.light_flag or _breadth(cfg, a):
            rule = "short breadth"
            if a.light_flag:
                rule = "light" if a.light >= threshold else "light, long text"
            new.append((family, name, a.words, a.light, a.evidence_distinct, rule))
    print(f"spun texts flagged by the light evidence or the short breadth alone: {len(new)}")
    for family, name, n, light, k, rule in sorted(new):
        print(f"  family {family}: {name} ({n} words, light {light:.1f}, {k} entries): {rule}")
    print(f"clean texts flagged by the light evidence or the short breadth: {flagged}")
    return 1 if flagged else 0


if __name__ == "__main__":
    raise SystemExit(main())
