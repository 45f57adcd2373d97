"""Run the despin stage over every clean text and list each one it flags: the rule that
flagged it and the words it changes.

The clean sets are those of ``bench/despin/marker_check.py`` (the sets of
``measure.py`` with the Debian and literary prose, the real clean texts and originals,
the English boilerplate development pages, with ``--corpus`` the documentation corpus
of ``bench/corpus.py``, and the short pieces of all of them). A text is run as the
pipeline runs it (the fast scorer first, the full analysis and repair only when it
may be flagged). A real original flagged only through the entries learned from its own
pair (``rules/spin/reverse/real_pairs.tsv``) is listed apart, as ``measure.py --real``
scores it with them left out; so are the clean sets' texts that are spun themselves.

    python bench/despin/clean_flags.py --corpus          # exit status 1 if one is flagged
    python bench/despin/clean_flags.py --corpus --check  # the same, quiet when none is
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


def rule_of(stage: DespinStage, a: Analysis) -> str:
    """The rule that flagged ``a`` (a flagged analysis), as the stage applies them."""
    d = stage.config
    if a.markers_only:  # the markers alone (the scores may flag it but for a veto)
        return "short markers" if a.short_markers else "markers"
    if a.sense_flag:
        return "sense"
    if ordinary_only(d, a.matches, a.fingerprints, a.markers, a.evidence):
        pass  # the scores rules hold back a document of ordinary synonyms alone
    elif flagged_by_scores(d, a.score, a.distinct, a.evidence, a.evidence_distinct):
        density = a.score >= d.threshold and a.distinct >= d.min_distinct
        density = density and a.evidence >= d.density_min_evidence
        return "density" if density else "evidence"
    elif flagged_by_scores(d, a.score, a.distinct, a.evidence, a.evidence_distinct, a.words):
        return "short breadth"
    if a.light_flag:
        return "light" if a.light >= d.light_threshold else "light, long text"
    if a.short_markers:
        return "short markers"
    if a.sense_flag:
        return "sense"
    return "markers"


def own_pair_left_out(stage: DespinStage, name: str, text: str) -> bool:
    """A real original flagged with every entry is not flagged once the entries learned
    from its own pair are left out (as ``measure.py --real`` scores it): the flag is the
    learned table's, in sample."""
    from bench.despin import measure

    tables = measure.tables_without(stage.tables, [name])
    return not DespinStage.from_tables(stage.config, tables).analyse(text).spun


def main(argv: Sequence[str] | None = None) -> int:
    from bench.despin import marker_check
    from bench.despin.light_check import SPUN_IN_CLEAN  # spun themselves: listed apart

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="store_true", help="also the documentation corpus")
    ap.add_argument("--check", action="store_true", help="print only the counts and flags")
    args = ap.parse_args(argv)
    cfg = Config()
    stage = DespinStage.from_tables(cfg.despin, load_tables(RulePack.load(cfg.rules)))
    total = flagged = edits = 0
    for label, docs in marker_check.clean_sets(args.corpus):
        n = bad = 0
        for name, text in docs:
            if name.startswith(SPUN_IN_CLEAN):
                if "#" not in name:
                    spun = stage.fast_scores(text) is None and stage.analyse(text).spun
                    print(f"  left out (spun itself) {label}: {name}: flagged {spun}")
                continue
            n += 1
            if stage.fast_scores(text) is not None:
                continue
            a = stage.analyse(text)
            if not a.spun:
                continue
            if label == "real originals" and own_pair_left_out(stage, name, text):
                print(
                    f"  in sample only {label}: {name} ({rule_of(stage, a)}; not flagged"
                    " with the entries learned from its own pair left out)"
                )
                continue
            bad += 1
            changes = stage.repair(text, a)
            edits += len(changes)
            words = Counter(f"{text[c.start : c.end]!r}->{c.after!r}" for c in changes)
            print(
                f"  FLAGGED {label}: {name} ({a.words} words; {rule_of(stage, a)}; score"
                f" {a.score:.1f}, evidence {a.evidence:.1f} over {a.evidence_distinct},"
                f" light {a.light:.1f}); {len(changes)} edits: "
                + ", ".join(f"{k} x{v}" if v > 1 else k for k, v in words.most_common())
            )
        total += n
        flagged += bad
        if not args.check or bad:
            print(f"{label}: {n} texts, {bad} flagged")
    print(f"clean texts: {total}; flagged {flagged}; edits {edits}")
    return 1 if flagged else 0


if __name__ == "__main__":
    raise SystemExit(main())
