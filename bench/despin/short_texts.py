"""What separates short spun texts from short clean prose: the detector's evidence, side by
side.

Every real spun text shorter than ``score_min_words`` (the spun sides of the real pairs,
scored with the tables cross-validated by article as ``measure.py --real`` scores them,
and the unpaired spun texts, which teach nothing) and every clean text of that length
(the clean sets of ``bench/despin/marker_check.py``, with ``--corpus`` the documentation
corpus, and the short pieces, 20-149 words, of all of them; the clean sets' spun pages
left out as ``light_check.py`` leaves them out) is analysed by the stage, and these
numbers are taken per text:

- ``t12``: distinct T1/T2 table entries matched (contractions written out excepted);
- ``t1``: distinct T1 entries matched;
- ``llr``: the summed log-odds, over those entries, of the best match's log10 ratio
  original:spun in context, each clipped to [0, 3];
- ``pos1``: entries whose best log10 ratio reaches 1 (the original ten times likelier);
- ``ev``: ``spin_evidence`` as summed, not per 1000 words (its entries: ``evd``);
- ``light``: the light evidence as summed, not per 1000 words;
- ``share``: the share of content words (letters only, Zipf under 6) that a T1/T2
  entry matches;
- ``mk``: distinct spinner markers and hedged leads of any family (``mkd``: of family d).

It prints, per number, the spun texts' values (all of them, and those no rule flags)
beside the clean texts' quantiles, highest value and how many clean texts reach each
spun median; the counts and sums per word; then, for every pair of numbers, the best
two-threshold rule that flags no clean text when its thresholds are the clean maximum
times 1.2 (a count: plus one).
The spun texts present have been read, so every figure on their side is in sample.

    python bench/despin/short_texts.py [--corpus] [--families bcd]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin.stage import Analysis, DespinStage, zipf  # noqa: E402
from textclean.stages.despin.table import load_tables  # noqa: E402

#: the numbers taken per text, in print order
FEATURES = ("t12", "t1", "llr", "pos1", "ev", "evd", "light", "share", "mk", "mkd")
#: the numbers that count things: their margin is one more, not a factor
COUNTS = frozenset({"t12", "t1", "pos1", "evd", "mk", "mkd"})
#: the numbers also compared per word, in texts of at least RATE_WORDS words
RATES = ("t12", "llr", "light", "pos1")
RATE_WORDS = 40
#: a threshold's margin over the highest clean value of a number that is not a count
MARGIN = 1.2


@dataclass(frozen=True)
class Row:
    """One text's numbers (see the module docstring)."""

    name: str
    words: int
    flagged: bool
    values: dict[str, float]


def numbers(stage: DespinStage, a: Analysis) -> dict[str, float]:
    """The numbers of the module docstring for one analysed text."""
    keys, joined, n = a.keys, a.joined, len(a.keys)
    best: dict[str, float] = {}
    t1: set[str] = set()
    covered: set[int] = set()
    for m in a.matches:
        if m.entry.tier == "t3" or m.entry.spun in stage.no_evidence:
            continue
        prev = keys[m.i - 1] if m.i > 0 and joined[m.i] else None
        nxt = keys[m.j] if m.j < n and joined[m.j] else None
        llr, _alt = stage.match_llr(m, prev, nxt, a.text)
        best[m.entry.spun] = max(best.get(m.entry.spun, -math.inf), llr)
        covered.update(range(m.i, m.j))
        if m.entry.tier == "t1":
            t1.add(m.entry.spun)
    content = [i for i, k in enumerate(keys) if k.isalpha() and zipf(k) < 6.0]
    floor = max(n, stage.config.score_min_words, 1) / 1000.0
    return {
        "t12": float(len(best)),
        "t1": float(len(t1)),
        "llr": sum(min(3.0, max(0.0, v)) for v in best.values()),
        "pos1": float(sum(1 for v in best.values() if v >= 1.0)),
        "ev": a.evidence * floor,
        "evd": float(a.evidence_distinct),
        "light": a.light * floor,
        "share": sum(1 for i in content if i in covered) / len(content) if content else 0.0,
        "mk": float(len({h.marker.id for h in a.markers})),
        "mkd": float(len({h.marker.id for h in a.markers if h.marker.family == "d"})),
    }


def spun_rows(tables: object, cfg: Config, families: str, short: int) -> list[Row]:
    """The real spun texts of ``families`` shorter than ``short`` words (pairs
    cross-validated by article)."""
    from bench.despin import measure
    from bench.despin.real.check import load_set

    real = load_set()
    same = measure.same_original(real.pairs)
    full = DespinStage.from_tables(cfg.despin, tables)  # type: ignore[arg-type]
    rows: list[Row] = []
    for p in real.pairs:
        if p.family not in families:
            continue
        ids = tuple(same[p.id])
        stage = DespinStage.from_tables(cfg.despin, measure.tables_without(tables, list(ids)))  # type: ignore[arg-type]
        a = stage.analyse(p.spun.text)
        if a.words < short:
            rows.append(Row(f"pair {p.family} {p.id}", a.words, a.spun, numbers(stage, a)))
    for t in real.spun:
        if t.row.family not in families:
            continue
        a = full.analyse(t.text)
        if a.words < short:
            rows.append(
                Row(f"unpaired {t.row.family} {t.row.id}", a.words, a.spun, numbers(full, a))
            )
    return rows


def clean_rows(stage: DespinStage, corpus: bool, short: int) -> list[Row]:
    """The clean texts shorter than ``short`` words (see the module docstring)."""
    from bench.despin import marker_check
    from bench.despin.light_check import SPUN_IN_CLEAN

    rows: list[Row] = []
    for label, docs in marker_check.clean_sets(corpus):
        for name, text in docs:
            if name.startswith(SPUN_IN_CLEAN) or len(text.split()) >= 2 * short:
                continue
            a = stage.analyse(text)
            if a.words < short:
                rows.append(Row(f"{label}: {name}", a.words, a.spun, numbers(stage, a)))
    return rows


def _fmt(v: float) -> str:
    return f"{v:.0f}" if v == int(v) and abs(v) < 1000 else f"{v:.2f}"


def _quantile(vals: Sequence[float], q: float) -> float:
    s = sorted(vals)
    return s[min(len(s) - 1, int(q * len(s)))]


def bar(feature: str, clean_max: float) -> float:
    """The threshold with a margin over the highest clean value."""
    return clean_max + 1 if feature in COUNTS else clean_max * MARGIN


def report(spun: list[Row], clean: list[Row]) -> list[str]:
    """The side-by-side lines (see the module docstring)."""
    out = [
        f"short spun texts: {len(spun)} ({sum(not r.flagged for r in spun)} unflagged);"
        f" short clean texts: {len(clean)} ({sum(r.flagged for r in clean)} flagged)",
        "",
        "| number | spun: median, highest (unflagged: median, highest) | clean: median,"
        " 99%, 99.9%, highest | clean texts at the spun median | spun texts above the"
        " clean highest (unflagged) |",
        "|---|---|---|---:|---:|",
    ]
    left = [r for r in spun if not r.flagged]
    for f in FEATURES:
        sv = [r.values[f] for r in spun]
        lv = [r.values[f] for r in left] or [0.0]
        cv = [r.values[f] for r in clean]
        top = max(cv)
        med = _quantile(sv, 0.5)
        out.append(
            f"| {f} | {_fmt(med)}, {_fmt(max(sv))} ({_fmt(_quantile(lv, 0.5))},"
            f" {_fmt(max(lv))}) | {_fmt(_quantile(cv, 0.5))}, {_fmt(_quantile(cv, 0.99))},"
            f" {_fmt(_quantile(cv, 0.999))}, {_fmt(top)} | {sum(v >= med for v in cv)} |"
            f" {sum(v > top for v in sv)} ({sum(r.values[f] > top for r in left)}) |"
        )
    out += [
        "",
        f"per word, texts of {RATE_WORDS} words or more (spun highest; clean 99.9%, highest):",
    ]
    for f in RATES:
        sv = [r.values[f] / r.words for r in spun if r.words >= RATE_WORDS] or [0.0]
        cv = [r.values[f] / r.words for r in clean if r.words >= RATE_WORDS] or [0.0]
        out.append(
            f"  {f}: {max(sv):.3f}; {_quantile(cv, 0.999):.3f}, {max(cv):.3f}"
            f" (spun above the clean highest: {sum(v > max(cv) for v in sv)})"
        )
    out += ["", "highest clean text per number:"]
    for f in FEATURES:
        r = max(clean, key=lambda r: r.values[f])
        vals = ", ".join(f"{k} {_fmt(v)}" for k, v in r.values.items())
        out.append(f"  {f}: {r.name} ({r.words} words; {vals})")
    out += [
        "",
        "two numbers together: 'a >= A and b >= B', B a spun text's value, A the margin"
        " over the highest a of the clean texts reaching B less its margin; the spun texts"
        " it flags (unflagged ones), the best 8:",
    ]
    rules: list[tuple[int, int, str]] = []
    for f, g in itertools.permutations(FEATURES, 2):
        # clean texts by g, highest first, with the running highest f among them
        ranked = sorted(clean, key=lambda r: -r.values[g])
        gs = [-r.values[g] for r in ranked]
        running: list[float] = []
        for r in ranked:
            running.append(max(running[-1] if running else -math.inf, r.values[f]))
        for gb in sorted({r.values[g] for r in spun if r.values[g] > 0}):
            low = gb - 1 if g in COUNTS else gb / MARGIN  # g's own margin
            k = bisect.bisect_right(gs, -low)  # clean texts with g >= low
            fb = bar(f, running[k - 1]) if k else 0.0
            hit = [r for r in spun if r.values[f] >= fb and r.values[g] >= gb]
            if hit and fb > 0:
                newly = sum(not r.flagged for r in hit)
                rules.append((len(hit), newly, f"{f} >= {_fmt(fb)} and {g} >= {_fmt(gb)}"))
    for n, newly, text in sorted(rules, key=lambda t: (-t[1], -t[0]))[:8]:
        out.append(f"  {text}: {n} spun ({newly} unflagged)")
    out += ["", "the spun texts (name, words, flagged, numbers):"]
    for r in sorted(spun, key=lambda r: r.name):
        vals = ", ".join(f"{k} {_fmt(v)}" for k, v in r.values.items())
        out.append(f"  {r.name} ({r.words}, {'flagged' if r.flagged else 'no'}): {vals}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="store_true", help="also the documentation corpus")
    ap.add_argument("--families", default="bcd", help="spinner families of the spun texts")
    args = ap.parse_args(argv)
    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    short = cfg.despin.score_min_words
    spun = spun_rows(tables, cfg, args.families, short)
    clean = clean_rows(DespinStage.from_tables(cfg.despin, tables), args.corpus, short)
    print("\n".join(report(spun, clean)))
    print(
        "\n(in sample: the spun texts present have been read, and the rules above are"
        " searched with their values in view; only the clean side is independent)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
