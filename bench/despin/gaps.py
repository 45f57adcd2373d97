"""Where a spinner family's word errors remain after despin repair (real set).

For every real pair of the chosen family (``--family``, default ``a``), scored as
``measure.py --real`` scores it (cross-validated by article: the entries learned
from its own article left out), the repaired text is word-aligned with the
original line by line (difflib, as the WER counts), and every remaining error
(word-level Levenshtein of each unequal stretch) is put in one class:

* ``unflagged`` — the document was not flagged (nothing repaired);
* ``wrong edit: own word`` — an edit replaced a word the original itself has;
* ``wrong edit: other`` — an edit restored another word than the original's;
* ``left: known original`` — a table match whose candidates (the entry's originals
  and the learned ones) include the original's words, but the stage left it
  (odds, margins, neighbours, names);
* ``left: other originals`` — a table match whose candidates lack the original's words;
* ``no entry: inflection`` — one spun word for one original word, no entry, but an
  entry exists for the lemma of the spun word whose original has the original
  word's lemma (lemminflect, the ``bench`` extra);
* ``no entry: name`` — no entry, a capitalised word inside the stretch;
* ``no entry: word`` / ``no entry: phrase`` — no entry, one word each side / more;
* ``dropped or added words`` — a stretch with words on one side only.

``--matches`` also lists every table match the stage left in a flagged document with
its tier, the odds of its likeliest candidate and whether that candidate is what the
original says (its words aligned with the match): the material to judge a lower
margin by (``--odds-below``/``--odds-above`` give the range listed).

Usage::

    python bench/despin/gaps.py                     # family a, the class table
    python bench/despin/gaps.py --family b --top 30 # family b, 30 commonest stretches
    python bench/despin/gaps.py --matches           # and the left matches, with odds
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.despin.measure import (  # noqa: E402
    despin_overrides,
    levenshtein,
    nonblank_line_spans,
    same_original,
    tables_without,
)
from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin import DespinStage  # noqa: E402
from textclean.stages.despin.match import Match, tokenize  # noqa: E402
from textclean.stages.despin.stage import Analysis  # noqa: E402
from textclean.stages.despin.table import SpinTables, load_tables  # noqa: E402

CLASSES = (
    "unflagged",
    "wrong edit: own word",
    "wrong edit: other",
    "left: known original",
    "left: other originals",
    "no entry: inflection",
    "no entry: name",
    "no entry: word",
    "no entry: phrase",
    "dropped or added words",
)


@dataclass
class Left:
    """A table match the stage left in a flagged document."""

    pair: str
    spun: str
    tier: str
    best: str
    odds: float
    ratio: float
    right: bool  # the likeliest candidate stands in what the original says there
    known: bool  # one of the candidates stands in what the original says there
    original: str  # the original's words aligned with the match
    in_name: bool


@dataclass
class Gaps:
    """What one family's pairs leave: word errors per class, the stretches behind
    them, the matches the stage left, and the counts of words and edits."""

    errors: Counter[str] = field(default_factory=Counter)
    stretches: dict[str, Counter[str]] = field(default_factory=dict)
    left: list[Left] = field(default_factory=list)
    words: int = 0
    edits: int = 0
    right: int = 0

    def add(self, cls: str, n: int, what: str) -> None:
        """Count ``n`` word errors of class ``cls`` for the stretch ``what``."""
        self.errors[cls] += n
        self.stretches.setdefault(cls, Counter())[what] += n


def _word(text: str, start: int, end: int) -> str:
    """The word at ``text[start:end]``, ``’`` read as ``'``."""
    return text[start:end].replace("’", "'")


def _lemma(word: str) -> set[str]:
    """The lemmas lemminflect gives ``word`` (those of an unknown word as a noun, verb
    or adjective), or ``word`` itself when it gives none."""
    from lemminflect import getAllLemmas, getAllLemmasOOV

    lem = getAllLemmas(word) or {}
    out = {v for vals in lem.values() for v in vals}
    if not out:
        for upos in ("NOUN", "VERB", "ADJ"):
            out.update(getAllLemmasOOV(word, upos).get(upos, ()))
    return out or {word}


def analyse_pair(
    name: str, orig: str, spun: str, tables: SpinTables, cfg: Config, gaps: Gaps
) -> None:
    """Add the remaining errors of one pair to ``gaps``."""
    stage = DespinStage.from_tables(cfg.despin, tables)
    a = stage.analyse(spun)
    olines = nonblank_line_spans(orig)
    if not a.spun:
        from bench.despin.measure import wer, words

        gaps.add("unflagged", round(wer(spun, orig) * len(words(orig))), name)
        return
    changes = sorted(stage.repair(spun, a), key=lambda c: c.start)
    # the repaired text, each change's span in it, and spun offset → repaired offset
    parts, pos, spans, shift_at = [], 0, [], []
    out_len = 0
    for c in changes:
        parts.append(spun[pos : c.start])
        out_len += c.start - pos
        spans.append((out_len, out_len + len(c.after), c))
        shift_at.append((c.start, c.end, out_len - c.start, out_len + len(c.after)))
        parts.append(c.after)
        out_len += len(c.after)
        pos = c.end
    parts.append(spun[pos:])
    repaired = "".join(parts)
    stoks = a.tokens

    def to_repaired(off: int) -> int | None:
        # offset of a spun character outside every change, in the repaired text
        shift = 0
        for s, e, _d, new_end in shift_at:
            if off < s:
                break
            if off < e:
                return None
            shift = new_end - e
        return off + shift

    applied_tok: set[int] = set()
    for c in changes:
        applied_tok.update(k for k, t in enumerate(stoks) if t.start >= c.start and t.end <= c.end)
    from bench.despin.measure import edit_alignment
    from textclean.document import Edit

    as_edits = [
        Edit("despin", c.rule, c.start, c.end, spun[c.start : c.end], c.after, {}) for c in changes
    ]
    gaps.edits += len(as_edits)
    gaps.right += sum(ok for ok, _ in edit_alignment(repaired, orig, as_edits))
    rtoks = tokenize(repaired)
    # repaired token → ("edit", change) or ("spun", spun token index)
    start_of = {to_repaired(t.start): k for k, t in enumerate(stoks) if k not in applied_tok}
    prov: list[tuple[str, object]] = []
    for t in rtoks:
        ch = next((c for s, e, c in spans if t.start >= s and t.end <= e), None)
        if ch is not None:
            prov.append(("edit", ch))
        else:
            prov.append(("spun", start_of.get(t.start, -1)))
    match_at: dict[int, Match] = {}
    for m in a.matches:
        for i in range(m.i, m.j):
            match_at[i] = m
    rlines = nonblank_line_spans(repaired)
    if len(rlines) == len(olines):
        line_pairs = list(zip(rlines, olines, strict=True))
    else:
        line_pairs = [((0, len(repaired)), (0, len(orig)))]
    otoks = tokenize(orig)
    left_seen: set[int] = set()
    for (rs, re_), (os_, oe) in line_pairs:
        ri = [k for k, t in enumerate(rtoks) if t.start >= rs and t.end <= re_]
        oi = [t for t in otoks if t.start >= os_ and t.end <= oe]
        rw = [_word(repaired, rtoks[k].start, rtoks[k].end) for k in ri]
        ow = [_word(orig, t.start, t.end) for t in oi]
        sm = difflib.SequenceMatcher(None, rw, ow, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            ks = ri[i1:i2]
            if tag == "equal":
                for k in ks:
                    kind, ref = prov[k]
                    if kind == "spun" and ref in match_at and ref not in left_seen:
                        _left(stage, a, spun, name, match_at[ref], rw[ks.index(k)], gaps)
                        left_seen.update(range(match_at[ref].i, match_at[ref].j))
                continue
            n = levenshtein(rw[i1:i2], ow[j1:j2])
            what = f"{' '.join(rw[i1:i2])} -> {' '.join(ow[j1:j2])}"
            target = " ".join(ow[j1:j2]).lower()
            if not ks or not ow[j1:j2]:
                gaps.add("dropped or added words", n, what)
                continue
            edits = [prov[k][1] for k in ks if prov[k][0] == "edit"]
            if edits:
                own = any(_word(spun, c.start, c.end).lower() in target for c in edits)
                gaps.add("wrong edit: own word" if own else "wrong edit: other", n, what)
                continue
            ms = {
                id(match_at[prov[k][1]]): match_at[prov[k][1]] for k in ks if prov[k][1] in match_at
            }
            if ms:
                cands = {c.lower() for m in ms.values() for c in stage._candidates(m.entry)}
                known = any(c == target or f" {c} " in f" {target} " for c in cands)
                gaps.add("left: known original" if known else "left: other originals", n, what)
                for m in ms.values():
                    if m.i not in left_seen:
                        _left(stage, a, spun, name, m, target, gaps)
                        left_seen.update(range(m.i, m.j))
                continue
            sw, owd = rw[i1:i2], ow[j1:j2]
            if len(sw) == 1 and len(owd) == 1 and _inflected(stage, sw[0], owd[0]):
                cls = "no entry: inflection"
            elif any(w[:1].isupper() for w in sw + owd) and not (ri[i1] == ri[0] and len(sw) == 1):
                cls = "no entry: name"
            elif len(sw) == 1 and len(owd) == 1:
                cls = "no entry: word"
            else:
                cls = "no entry: phrase"
            gaps.add(cls, n, what)


def _inflected(stage: DespinStage, spun: str, orig: str) -> bool:
    """An entry exists for a lemma of ``spun`` with an original that is a lemma of
    ``orig`` ("weathers" → "storms" when "weather" → "storm" is known)."""
    for ls in _lemma(spun.lower()):
        e = stage.match_entries.get(ls)
        if e is None or ls == spun.lower():
            continue
        lo = _lemma(orig.lower())
        if any(alt.lower() in lo for alt in e.alternatives):
            return True
    return False


def _left(
    stage: DespinStage, a: Analysis, spun: str, name: str, m: Match, target: str, gaps: Gaps
) -> None:
    """Record a match the stage left, with its likeliest candidate's odds."""
    from textclean.stages.despin.stage import _match_in_name, neighbour_keys

    toks = a.tokens
    prev, nxt = neighbour_keys(toks, m)
    counts = stage._doc_counts(a).get(m.entry.spun, {})
    weighed = [
        (alt, *stage._weigh(m.entry, alt, prev, nxt, counts.get(alt)))
        for alt in stage._candidates(m.entry)
    ]
    best = max(weighed, key=lambda w: w[2])
    target = target.lower()
    gaps.left.append(
        Left(
            name,
            m.entry.spun,
            m.entry.tier,
            best[0],
            best[2],
            float(best[3].get("bigram_ratio", 1.0)),
            _within(best[0], target),
            any(_within(w[0], target) for w in weighed),
            target,
            _match_in_name(spun, toks, m.i, m.j),
        )
    )


def _within(candidate: str, target: str) -> bool:
    """``candidate`` stands as whole words in ``target``, the original's words aligned
    with a match (a stretch may be longer than the match: "those employees").

    >>> _within("employees", "those employees"), _within("ahead", "future of where")
    (True, False)
    """
    return f" {candidate.lower()} " in f" {target} "


def run(family: str, cfg: Config, tables: SpinTables) -> Gaps:
    """The gaps of every real pair of ``family``, each scored with the tables
    cross-validated by article (:func:`bench.despin.measure.tables_without`)."""
    from bench.despin.real.check import load_set

    real = load_set()
    same = same_original(real.pairs)
    gaps = Gaps()
    for p in real.pairs:
        if p.family != family:
            continue
        t = tables_without(tables, same[p.id])
        gaps.words += len(tokenize(p.orig.text))
        analyse_pair(p.id, p.orig.text, p.spun.text, t, cfg, gaps)
    return gaps


def main(argv: Sequence[str] | None = None) -> int:
    """Print the class table of ``--family`` (and, asked, its stretches and matches)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", default="a", help="spinner family (SOURCES.md)")
    ap.add_argument("--top", type=int, default=12, help="commonest stretches listed per class")
    ap.add_argument("--matches", action="store_true", help="list the matches left, with odds")
    ap.add_argument("--odds-below", type=float, default=float("inf"))
    ap.add_argument("--odds-above", type=float, default=0.0)
    ap.add_argument("--despin", action="append", default=[], metavar="KEY=VALUE")
    args = ap.parse_args(argv)
    cfg = Config().replace(despin=despin_overrides(args.despin))
    tables = load_tables(RulePack.load(cfg.rules))
    gaps = run(args.family, cfg, tables)
    total = sum(gaps.errors.values())
    print(
        f"family {args.family}: {gaps.words} original words, {total} error words after repair;"
        f" {gaps.edits} edits, {gaps.right} right ({gaps.right / max(gaps.edits, 1):.1%})"
    )
    print("\n| class | error words | share |\n|---|---:|---:|")
    for cls in CLASSES:
        print(f"| {cls} | {gaps.errors[cls]} | {gaps.errors[cls] / max(total, 1):.1%} |")
    for cls in CLASSES:
        top = gaps.stretches.get(cls, Counter()).most_common(args.top)
        if top and cls != "unflagged":
            print(f"\n{cls}: " + "; ".join(f"{w} ({n})" for w, n in top))
    left = [x for x in gaps.left if args.odds_above <= x.odds < args.odds_below]
    right = sum(x.right for x in left)
    print(f"\nmatches left in flagged documents: {len(left)}, likeliest candidate right: {right}")
    bands = (0.1, 1, 3, 7.5, 30, 100, 1000, float("inf"))
    by_band: Counter[tuple[str, float, bool]] = Counter()
    for x in left:
        by_band[(x.tier, next(b for b in bands if x.odds < b), x.right)] += 1
    print("| tier | odds below | right | wrong |\n|---|---|---:|---:|")
    for tier, band in sorted({(t, b) for t, b, _ in by_band}):
        right_n, wrong_n = by_band[(tier, band, True)], by_band[(tier, band, False)]
        print(f"| {tier} | {band:g} | {right_n} | {wrong_n} |")
    if args.matches:
        for x in sorted(left, key=lambda x: -x.odds):
            print(
                f"{x.pair}: {x.tier} {x.spun!r} -> {x.best!r} odds {x.odds:.3g} ratio"
                f" {x.ratio:.3g} {'RIGHT' if x.right else 'wrong'} (original {x.original!r})"
                f"{' name' if x.in_name else ''}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
