"""Experiment: a generative repair and a likelihood-ratio flag from thesaurus neighbours
(families b and d; not adopted).

The rare-synonym spinners (family d) and the Spinbot-style ones (family b) pick, for a
word, another word of one of its thesaurus entries. If the original were usually the
commonest word sharing an entry with the spun word that fits the context, a flagged
document could be repaired without any table of spun forms: for a word whose neighbour
bigrams are unlikely, weigh every *commoner* thesaurus neighbour in the same context
and restore the best one when the likelihood ratio is large, the same way at every
occurrence in the document. The same ratios, summed over a document, might flag light
spins that the reverse table misses. This script measures both ideas on the real set
(``bench/despin/real``); nothing in it is learned from the pairs, so no pair needs to
be left out of anything it builds (the stage's own repair, run first, is
cross-validated by article as in ``measure.py --real``).

**Neighbours.** The LibreOffice/OpenOffice en_US thesaurus (``th_en_US_v2.dat``, Debian
``mythes-en-us``, derived from WordNet 3.0; read by :mod:`bench.despin.thesaurus`), made
symmetric, with the nouns' plurals and the verbs' -s/-ed/-ing forms; ``--all-kinds`` adds
its generic and related terms. A *candidate* for a lower-case word is a neighbour whose
wordfreq Zipf frequency exceeds the word's by at least ``--margin``.

**Likelihood ratio** of candidate ``c`` for word ``w`` between ``p`` and ``n``: the
stage's bigram ratio (``stats.word_ratio``, symspellpy's Google bigram and unigram
counts): ``c(p, c) c(c, n) / c(c)`` over the same for ``w`` when both sides are listed,
one side's count ratio otherwise, 1 when neither neighbour is listed.

It prints three tables:

1. *ceiling*: the one-word swaps of the real pairs (difflib, line by line, as
   ``mappings.py``), how many have their original among the word's thesaurus
   neighbours, among its commoner neighbours, and how many commoner candidates such a
   word has on average;
2. *repair*: in every flagged pair of families a-d, after the stage's own repair, each
   word with a candidate whose ratio reaches ``10^k`` (optionally: with the word's own
   bigrams unlisted on both sides) is an edit; it is *right* when the candidate is the
   original's word at that place (aligned) and *on a swap* when the original differs
   there at all; the same choice is applied at every occurrence of the word in the
   document;
3. *flag*: the document score ``Σ min(3, log10 ratio - k)`` over the distinct words
   whose best candidate reaches ``10^k``, per 1000 words (150 at least), for the spun
   texts per family and for clean text (the real clean texts, the pairs' originals,
   ``tests/data/prose``, ``bench/despin/clean`` and, when built, the Debian and
   literary prose of ``bench/despin/prose.py``): how many spun texts score above every
   clean text.

Usage::

    python bench/despin/generative.py --dat th_en_US_v2.dat     # or fetch with apt-get

Needs ``lemminflect`` and ``wordfreq`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import difflib
import math
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from textclean.stages.despin.stats import _pair, word_ratio, zipf  # noqa: E402

#: words, numbers and single other characters (a neighbour must be a word)
TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[0-9]+|[^\sA-Za-z0-9]")
#: likelihood-ratio thresholds (log10) the tables report
LEVELS = (1.0, 1.5, 2.0, 2.5)
CLIP = 3.0
FLOOR_WORDS = 150


def neighbours(meanings: Iterable[tuple[str, str, list[str]]]) -> dict[str, frozenset[str]]:
    """Word → the words sharing a thesaurus meaning with it (both directions, inflected
    forms included), lower case, letters only.

    >>> n = neighbours([("big", "adj", ["large", "huge"])])
    >>> sorted(n["huge"]), sorted(n["big"])
    (['big'], ['huge', 'large'])
    """
    from bench.despin import thesaurus

    out: dict[str, set[str]] = defaultdict(set)
    for spun, orig in thesaurus.pairs(meanings):
        if spun != orig:
            out[spun].add(orig)
            out[orig].add(spun)
    return {w: frozenset(s) for w, s in out.items()}


@dataclass(frozen=True)
class Candidate:
    """The best commoner neighbour of one token in its context."""

    index: int
    word: str
    best: str
    log_ratio: float
    #: runner-up's log10 ratio (−inf when there is one candidate)
    runner_up: float
    #: the word's own bigrams are unlisted on every side that has a word neighbour
    odd: bool


def tokens(line: str) -> list[str]:
    """Tokens of one line.

    >>> tokens("It's 3 o'clock, bring tea.")
    ["It's", '3', "o'clock", ',', 'bring', 'tea', '.']
    """
    return TOKEN.findall(line)


def candidates(
    toks: Sequence[str], nbrs: dict[str, frozenset[str]], margin: float
) -> list[Candidate]:
    """Every token of a line with a commoner neighbour, with its best one in context. A
    capitalised word after the line's first token is taken for a name and skipped."""
    out = []
    for i, t in enumerate(toks):
        w = t.lower()
        if not w.isalpha() or w not in nbrs or (i and t[0].isupper()):
            continue
        prev = toks[i - 1].lower() if i and toks[i - 1][0].isalpha() else None
        nxt = toks[i + 1].lower() if i + 1 < len(toks) and toks[i + 1][0].isalpha() else None
        zw = zipf(w)
        scored = sorted(
            (
                (math.log10(word_ratio(w, c, w, c, prev, nxt)), c)
                for c in nbrs[w]
                if zipf(c) - zw >= margin
            ),
            reverse=True,
        )
        if not scored:
            continue
        sides = [s for s in ((prev, w), (w, nxt)) if None not in s]
        odd = bool(sides) and not any(_pair(a, b)[0] for a, b in sides)  # type: ignore[arg-type]
        runner = scored[1][0] if len(scored) > 1 else -math.inf
        out.append(Candidate(i, w, scored[0][1], scored[0][0], runner, odd))
    return out


def doc_score(text: str, nbrs: dict[str, frozenset[str]], margin: float, level: float) -> float:
    """``Σ min(CLIP, log10 ratio − level)`` over the distinct words whose best candidate
    passes ``level``, per 1000 words (``FLOOR_WORDS`` at least)."""
    best: dict[str, float] = {}
    n = 0
    for line in text.splitlines():
        toks = tokens(line)
        n += sum(1 for t in toks if t[0].isalnum())
        for c in candidates(toks, nbrs, margin):
            best[c.word] = max(best.get(c.word, -math.inf), c.log_ratio)
    total = sum(min(CLIP, lr - level) for lr in best.values() if lr > level)
    return 1000 * total / max(n, FLOOR_WORDS)


def aligned_truth(hyp: str, ref: str) -> list[dict[int, str | None]]:
    """Per line of ``hyp``: token index → the reference word there (lower case) for the
    tokens of one-for-one replaced stretches, None for tokens equal to the reference.

    >>> aligned_truth("the large dog ran", "the big dog ran")
    [{0: None, 1: 'big', 2: None, 3: None}]
    """
    out = []
    for h, r in zip(hyp.splitlines(), ref.splitlines(), strict=False):
        hw, rw = tokens(h), tokens(r)
        sm = difflib.SequenceMatcher(
            None, [w.lower() for w in hw], [w.lower() for w in rw], autojunk=False
        )
        truth: dict[int, str | None] = {}
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                truth.update(dict.fromkeys(range(i1, i2)))
            elif tag == "replace" and i2 - i1 == j2 - j1:
                truth.update({i1 + k: rw[j1 + k].lower() for k in range(i2 - i1)})
        out.append(truth)
    return out


def swap_coverage(pairs: Iterable[tuple[str, str, str]], nbrs: dict[str, frozenset[str]]) -> dict:
    """Family → counts of its one-word swaps (``pairs``: family, original, spun text)."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for fam, orig, spun in pairs:
        for truth, line in zip(aligned_truth(spun, orig), spun.splitlines(), strict=False):
            toks = tokens(line)
            for i, o in truth.items():
                w = toks[i].lower()
                if o is None or not w.isalpha():
                    continue
                c = table[fam]
                c["swaps"] += 1
                near = nbrs.get(w, frozenset())
                commoner = [x for x in near if zipf(x) > zipf(w)]
                c["neighbour"] += o in near
                c["commoner neighbour"] += o in commoner
                c["commoner neighbour by 1.0"] += o in near and zipf(o) - zipf(w) >= 1.0
                c["the commonest"] += bool(commoner) and o == max(commoner, key=zipf)
                c["candidates"] += len(commoner)
    return table


def repair_counts(
    text: str,
    ref: str,
    nbrs: dict[str, frozenset[str]],
    margin: float,
    level: float,
    odd_only: bool,
) -> Counter[str]:
    """Edits the generative repair would make in ``text`` (already repaired by the
    stage), scored against ``ref``: ``edits``, ``on swap``, ``right``."""
    lines = text.splitlines()
    found = [candidates(tokens(line), nbrs, margin) for line in lines]
    # one choice per word in the document: its best-scoring occurrence
    choice: dict[str, tuple[float, str]] = {}
    for cands in found:
        for c in cands:
            better = c.log_ratio > choice.get(c.word, (-math.inf, ""))[0]
            if c.log_ratio >= level and (c.odd or not odd_only) and better:
                choice[c.word] = (c.log_ratio, c.best)
    out: Counter[str] = Counter()
    for cands, truth in zip(found, aligned_truth(text, ref), strict=False):
        for c in cands:
            if c.word not in choice or c.index not in truth:
                continue
            out["edits"] += 1
            o = truth[c.index]
            out["on swap"] += o is not None
            out["right"] += o == choice[c.word][1]
    return out


def _clean_texts() -> list[tuple[str, str]]:
    from bench.despin import measure

    docs = []
    for folder in (ROOT / "tests" / "data" / "prose", ROOT / "bench" / "despin" / "clean"):
        docs += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    from bench.despin import prose

    for lang in ("en", "literary"):
        try:
            docs += prose.load(lang)
        except (FileNotFoundError, OSError):  # the prose cache is not built
            print(f"prose {lang}: not built (python bench/despin/prose.py)", file=sys.stderr)
    docs += [(o.name, o.read_text(encoding="utf-8")) for _, o, _ in measure.find_pairs(measure.DEV)]
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    """Print the three tables (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dat", type=Path, help="th_en_US_v2.dat (default: apt-get download)")
    ap.add_argument("--margin", type=float, default=1.0, help="Zipf margin of a candidate")
    ap.add_argument("--all-kinds", action="store_true", help="add generic and related terms")
    args = ap.parse_args(argv)
    from bench.despin import measure, thesaurus
    from bench.despin.real.check import load_set
    from textclean.config import Config
    from textclean.document import Document
    from textclean.rules import RulePack
    from textclean.stages.despin import DespinStage
    from textclean.stages.despin.table import load_tables

    if args.all_kinds:
        thesaurus._KINDS_KEPT = ("", "similar term", "generic term", "related term")
    with tempfile.TemporaryDirectory() as tmp:
        dat = args.dat if args.dat is not None else thesaurus.fetch_dat(Path(tmp))
        nbrs = neighbours(thesaurus.read_thesaurus(dat))
    real = load_set()
    pairs = [p for p in real.pairs if p.family != measure.PARAPHRASE]

    print("1. one-word swaps of the real pairs and the thesaurus (the repair's ceiling)\n")
    cov = swap_coverage(((p.family, p.orig.text, p.spun.text) for p in pairs), nbrs)
    print(
        "| family | swaps | original a neighbour | a commoner one | commoner by ≥ 1.0 "
        "| the commonest | commoner candidates per swap |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fam in sorted(cov):
        c = cov[fam]
        print(
            f"| {fam} | {c['swaps']} | {c['neighbour']} | {c['commoner neighbour']} | "
            f"{c['commoner neighbour by 1.0']} | {c['the commonest']} | "
            f"{c['candidates'] / max(c['swaps'], 1):.1f} |"
        )

    print("\n2. generative repair in the flagged pairs, after the stage's repair\n")
    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    same = measure.same_original(real.pairs)
    repaired = []
    flagged: set[str] = set()
    for p in pairs:
        loo = measure.tables_without(tables, same[p.id])
        doc = DespinStage.from_tables(cfg.despin, loo)(Document(p.id, p.spun.text))
        if doc.scores["spun"]:
            repaired.append((p.family, doc.text, p.orig.text))
            flagged.add(p.spun.text)
    print(f"{len(repaired)} flagged pairs; per family: edits / on a swap / right\n")
    fams = sorted({f for f, _, _ in repaired})
    print("| condition | " + " | ".join(fams) + " | all | precision |")
    print("|---|" + "---:|" * (len(fams) + 2))
    for odd_only in (False, True):
        for level in LEVELS:
            by: dict[str, Counter[str]] = defaultdict(Counter)
            for fam, text, ref in repaired:
                by[fam] += repair_counts(text, ref, nbrs, args.margin, level, odd_only)
            tot = sum(by.values(), Counter())
            cells = [f"{by[f]['edits']}/{by[f]['on swap']}/{by[f]['right']}" for f in fams]
            prec = tot["right"] / tot["edits"] if tot["edits"] else 0.0
            label = f"ratio ≥ 10^{level}" + (", own bigrams unlisted" if odd_only else "")
            print(
                f"| {label} | "
                + " | ".join(cells)
                + f" | {tot['edits']}/{tot['on swap']}/{tot['right']} | {prec:.0%} |"
            )

    print("\n3. the document score as a flag: spun texts above every clean text\n")
    clean = [t.text for t in real.clean] + [p.orig.text for p in real.pairs]
    clean += [text for _, text in _clean_texts()]
    spun: dict[str, list[str]] = defaultdict(list)
    for p in pairs:
        spun[f"pairs {p.family}"].append(p.spun.text)
    stage = DespinStage.from_tables(cfg.despin, tables)
    for t in real.spun:
        if t.row.family != measure.PARAPHRASE:
            spun[f"unpaired {t.row.family}"].append(t.text)
            if stage(Document(t.row.id, t.text)).scores["spun"]:
                flagged.add(t.text)
    groups = sorted(spun)
    print(f"{len(clean)} clean texts; a cell: above the clean maximum (of them not flagged ")
    print("by the stage) / texts, and the median score\n")
    print("| level | clean max | clean median | " + " | ".join(groups) + " |")
    print("|---|---:|---:|" + "---:|" * len(groups))
    for level in (0.5, 1.0, 1.5):
        cs = sorted(doc_score(t, nbrs, args.margin, level) for t in clean)
        cells = []
        for g in groups:
            ss = sorted(doc_score(t, nbrs, args.margin, level) for t in spun[g])
            above = [t for t in spun[g] if doc_score(t, nbrs, args.margin, level) > cs[-1]]
            new = sum(t not in flagged for t in above)
            cells.append(f"{len(above)} ({new} new)/{len(ss)}, {ss[len(ss) // 2]:.1f}")
        print(f"| {level} | {cs[-1]:.1f} | {cs[len(cs) // 2]:.1f} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
