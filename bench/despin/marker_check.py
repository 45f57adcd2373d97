"""Check the spinner-family markers against clean text: which markers occur where.

A marker that weighs (``weight`` > 0 in ``rules/spin/markers*.tsv``) flags a short text
alone, and two distinct markers of one family of any weight flag a short text weakly, so
neither may stand in clean prose. This lists, per clean set, the documents where a
weighing marker occurs, the short texts (fewer words than the stage's
``short_markers_words``) holding two distinct markers of one family, and how often each
repair-only marker occurs.

The clean sets: those of ``bench/despin/measure.py`` (clean seeds, pair originals,
``bench/despin/clean``, ``tests/data/prose``, the development originals, the Debian and
literary prose of ``bench/despin/prose.py``), the real clean texts and real originals of
``bench/despin/real`` (where present), the English pages of the boilerplate development
batches (``bench/boilerplate/train.py`` ``DEVELOPMENT``; never the hold-out), with
``--corpus`` the documentation corpus of ``bench/corpus.py``, and the short pieces
(20-149 words) of all of them.

    python bench/despin/marker_check.py            # exit status 1 if a clean text is flagged
    python bench/despin/marker_check.py --corpus --family b --family d
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
from textclean.stages.despin import markers as mk  # noqa: E402
from textclean.stages.despin.table import load_tables  # noqa: E402


def clean_sets(corpus: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(label, [(name, text)])`` of every clean set named in the module docstring."""
    from bench.despin import measure

    sets = [
        (label, docs)
        for label, docs in measure.clean_sets(measure.find_pairs(measure.PAIRS), True)
        if "other languages" not in label and "short pieces" not in label
    ]
    try:
        from bench.despin.real.check import load_set

        real = load_set()
        sets.append(("real clean texts", [(t.row.id, t.text) for t in real.clean]))
        sets.append(("real originals", [(p.id, p.orig.text) for p in real.pairs]))
    except (OSError, ValueError) as exc:  # the real set is not on this machine
        print(f"real set skipped: {exc}", file=sys.stderr)
    from bench.boilerplate.real.check import load_pages
    from bench.boilerplate.train import development

    pages = [p for p in development(load_pages(warn=False)) if p.meta["language"] == "en"]
    sets.append(("boilerplate development pages (en)", [(p.id, p.text) for p in pages]))
    if corpus:
        sets.append(("documentation corpus", measure.bench_corpus()))
    english = [d for _, docs in sets for d in docs]
    sets.append(("short pieces (20-149 words)", measure.short_pieces(english)))
    return sets


def check(
    sets: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    index: mk.MarkerIndex,
    families: set[str] | None,
    short_words: int,
) -> tuple[list[str], int]:
    """Report lines, and how many clean texts the markers would flag."""
    lines: list[str] = []
    bad = 0
    for label, docs in sets:
        weighing: list[str] = []
        pairs: list[str] = []
        seen: Counter[str] = Counter()
        for name, text in docs:
            hits = [
                h for h in mk.find(text, index) if families is None or h.marker.family in families
            ]
            if not hits:
                continue
            ids = {h.marker.id for h in hits}
            seen.update(ids)
            heavy = sorted({h.marker.id for h in hits if h.marker.weight > 0})
            if heavy:
                weighing.append(f"{name}: {', '.join(heavy)}")
            per_family: dict[str, set[str]] = {}
            for h in hits:
                per_family.setdefault(h.marker.family, set()).add(h.marker.id)
            words = len(text.split())
            if words < short_words and any(
                len(v) >= mk.SHORT_DISTINCT for v in per_family.values()
            ):
                pairs.append(f"{name} ({words} words): {', '.join(sorted(ids))}")
        bad += len(weighing) + len(pairs)
        lines.append(
            f"{label}: {len(docs)} texts, {len(weighing)} with a weighing marker, "
            f"{len(pairs)} short with two of one family"
        )
        lines += [f"  weighing  {w}" for w in weighing[:20]]
        lines += [f"  two       {p}" for p in pairs[:20]]
        if seen:
            lines.append(
                "  markers seen (texts): " + ", ".join(f"{k} {v}" for k, v in seen.most_common())
            )
    return lines, bad


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", action="append", default=[], help="extra rule pack (repeatable)")
    ap.add_argument("--corpus", action="store_true", help="also the documentation corpus")
    ap.add_argument(
        "--family", action="append", default=[], help="only this family's markers (repeatable)"
    )
    args = ap.parse_args(argv)
    cfg = Config(rules=tuple(args.rules))
    tables = load_tables(RulePack.load(cfg.rules))
    index = mk.MarkerIndex.of(tables.markers)
    families = set(args.family) or None
    lines, bad = check(clean_sets(args.corpus), index, families, cfg.despin.short_markers_words)
    print("\n".join(lines))
    print(f"clean texts the markers would flag: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
