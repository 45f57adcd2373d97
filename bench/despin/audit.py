"""Audit despin's repair decisions on the flagged real pairs, per spinner family.

Every real pair is repaired as ``measure.py --real`` repairs it (cross-validated by
article: :func:`bench.despin.measure.tables_without`); in the flagged ones every edit
is listed with the way the stage took (``reason``: a T1 form, a context rule,
consistency, a name way, a vouched or strong match, the article the spinner left, a
recurring form, the usual odds, a marker) and whether its restored words align with
the original (:func:`bench.despin.measure.edit_alignment`), and every table match the stage left
whose candidates hold the original's word (a missed restoration) with its likeliest
candidate's odds and neighbour ratio (:func:`bench.despin.gaps.analyse_pair`). Each
wrong edit is put in one kind:

* ``article/inflection`` — the restored word and the original's share a stem
  ("a"/"an", "-s", "-ed");
* ``own word`` — the original says the spun word itself there;
* ``absent original`` — the restored word stands nowhere in the original text;
* ``other sense`` — the original has the restored word elsewhere, another word here;
* ``name`` — a capitalised word in mid-sentence;
* ``phrase`` — a multiword spun form or restoration;
* ``number word``.

Usage::

    python bench/despin/audit.py                 # the kind table per family
    python bench/despin/audit.py --tsv FILE      # and every edit and miss as rows
    python bench/despin/audit.py --tsv FILE --all-left  # and the left matches no candidate fits
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.despin import gaps as gaps_mod  # noqa: E402
from bench.despin.measure import (  # noqa: E402
    despin_overrides,
    edit_alignment,
    same_original,
    tables_without,
)
from textclean.config import Config  # noqa: E402
from textclean.document import Document  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin import DespinStage  # noqa: E402
from textclean.stages.despin.stage import _log_prior  # noqa: E402
from textclean.stages.despin.stats import bigram_evidence  # noqa: E402
from textclean.stages.despin.table import load_tables  # noqa: E402

#: number words (the kind "number word")
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "million",
        "billion",
        "first",
        "second",
        "third",
    ]
)
_WORD = re.compile(r"[\w'’-]+")


def factors(ev: dict, spun: str | None = None) -> str:
    """The odds' factors of an edit's evidence (prior, document, swap, learned)."""
    keys = ("prior_ratio", "doc_factor", "swap_factor", "learned_factor")
    alts = sorted(ev.get("alternatives", {}).items(), key=lambda kv: -kv[1])
    runner_up = sep = ""
    if len(alts) > 1:
        runner_up = f"{alts[0][1] / max(alts[1][1], 1e-9):.3g}"
        if spun is not None:
            # how much better the neighbours fit the chosen original than the runner-up
            prev, nxt = ev.get("prev"), ev.get("next")
            r = [
                bigram_evidence(
                    spun, a, prev, nxt, _log_prior(spun, a) if " " in spun + a else None
                )
                for a, _ in alts[:2]
            ]
            sep = f"{r[0].ratio / r[1].ratio:.3g}"
    return "\t".join([*(str(ev.get(k, "")) for k in keys), runner_up, sep])


def reason(ev: dict, rule: str) -> str:
    """The way the stage took to an edit, from its evidence."""
    if rule.startswith("spin.marker"):
        return "marker"
    keys = ("name_way", "name_elsewhere", "consistency", "vouched", "strong", "context")
    for key in (*keys, "article_trace"):
        if key in ev:
            return key if key != "name_way" else str(ev[key])
    if ev.get("tier") == "t1":
        return "t1"
    if ev.get("recurs"):
        return "recurs"
    return f"odds-{ev.get('tier', '?')}"


def kind(spun: str, after: str, ref: str, orig_words: set[str]) -> str:
    """The kind of a wrong edit (see the module docstring)."""
    s, a, r = spun.lower(), after.lower(), ref.lower()
    if any(w in NUMBER_WORDS for w in (s + " " + a).split()):
        return "number word"
    a_words, r_words = a.split(), r.split()
    if (
        r
        and len(a_words) == len(r_words)
        and all(
            x[:4] == y[:4] or {x, y} <= {"a", "an"} for x, y in zip(a_words, r_words, strict=True)
        )
    ):
        return "article/inflection"
    if r and (s == r or s in r.split() or r in s):
        return "own word"
    if any(w[:1].isupper() for w in after.split()[1:]) or (
        after[:1].isupper() and spun[:1].isupper() and " " not in spun and ref[:1].isupper()
    ):
        return "name"
    if " " in s or " " in a:
        return "phrase"
    if a not in orig_words:
        return "absent original"
    return "other sense"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the audit table (and, asked, the rows)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tsv", type=Path, help="write every edit (right and wrong) and miss here")
    ap.add_argument("--despin", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument(
        "--all-left", action="store_true", help="also list the left matches no candidate fits"
    )
    ap.add_argument("--family", action="append", default=[], help="only these families")
    args = ap.parse_args(argv)
    cfg = Config().replace(despin=despin_overrides(args.despin))
    tables = load_tables(RulePack.load(cfg.rules))
    from bench.despin.real.check import load_set

    real = load_set()
    same = same_original(real.pairs)
    rows: list[str] = []
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[tuple[str, bool]]] = defaultdict(Counter)
    misses: dict[str, Counter[str]] = defaultdict(Counter)
    for p in real.pairs:
        if args.family and p.family not in args.family:
            continue
        t = tables_without(tables, same[p.id])
        stage = DespinStage.from_tables(cfg.despin, t)
        doc = stage(Document(p.id, p.spun.text))
        if not doc.scores["spun"]:
            continue
        spun_low = " ".join(_WORD.findall(p.spun.text.lower()))

        def count(phrase: str, _t: str = f" {spun_low} ") -> int:
            words = " ".join(_WORD.findall(phrase.lower()))
            return _t.count(f" {words} ")

        orig_words = {w.lower() for w in _WORD.findall(p.orig.text)}
        in_order = sorted(doc.edits, key=lambda e: e.start)
        for e, (ok, ref) in zip(
            in_order, edit_alignment(doc.text, p.orig.text, in_order), strict=True
        ):
            why = reason(e.evidence, e.rule)
            reasons[p.family][(why, ok)] += 1
            n_after = count(e.after)
            n_before = count(e.before)
            if ok:
                rows.append(
                    f"right\t{p.family}\t{p.id}\t{e.before}\t{e.after}\t{ref}\t{why}\t"
                    f"\t{e.evidence.get('odds', '')}\t{e.evidence.get('bigram_ratio', '')}"
                    f"\t{e.rule}\t{n_before}\t{n_after}\t{factors(e.evidence, e.before.lower())}"
                )
                continue
            k = kind(e.before, e.after, ref, orig_words)
            kinds[p.family][k] += 1
            odds = e.evidence.get("odds", "")
            ratio = e.evidence.get("bigram_ratio", "")
            rows.append(
                f"wrong\t{p.family}\t{p.id}\t{e.before}\t{e.after}\t{ref}\t{why}\t{k}"
                f"\t{odds}\t{ratio}\t{e.rule}\t{n_before}\t{n_after}"
                f"\t{factors(e.evidence, e.before.lower())}"
            )
        g = gaps_mod.Gaps()
        gaps_mod.analyse_pair(p.id, p.orig.text, p.spun.text, t, cfg, g)
        for x in g.left:
            if args.all_left and not (x.right or x.known):
                own = f" {x.spun.lower()} " in f" {x.original} "
                rows.append(
                    f"left\t{p.family}\t{p.id}\t{x.spun}\t{x.best}\t{x.original}"
                    f"\t{'name' if x.in_name else x.tier}\t{'own' if own else 'other'}"
                    f"\t{x.odds:.3g}\t{x.ratio:.3g}\t\t{count(x.spun)}\t{count(x.best)}"
                )
            if x.right or x.known:
                misses[p.family]["likeliest right" if x.right else "other candidate right"] += 1
                why = "name" if x.in_name else ("t3" if x.tier == "t3" else "odds")
                rows.append(
                    f"miss\t{p.family}\t{p.id}\t{x.spun}\t{x.best}\t{x.original}\t{why}"
                    f"\t{'best' if x.right else 'other'}\t{x.odds:.3g}\t{x.ratio:.3g}\t"
                    f"\t{count(x.spun)}\t{count(x.best)}"
                )
    for fam in sorted(reasons):
        print(f"\nfamily {fam}")
        print("| way | right | wrong |\n|---|---:|---:|")
        for why in sorted({w for w, _ in reasons[fam]}):
            print(f"| {why} | {reasons[fam][(why, True)]} | {reasons[fam][(why, False)]} |")
        print("wrong kinds: " + ", ".join(f"{k} {n}" for k, n in kinds[fam].most_common()))
        print("misses: " + ", ".join(f"{k} {n}" for k, n in misses[fam].most_common()))
    if args.tsv:
        args.tsv.write_text(
            "what\tfamily\tpair\tspun\tafter\toriginal\tway\tkind\todds\tratio\trule\tn_spun\tn_after\tprior\tdoc\tswap\tlearned\trunner_up\tctx_sep\n"
            + "\n".join(rows)
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
