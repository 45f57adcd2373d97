"""List the lines the boilerplate stage gets wrong on the labelled real-page set.

For every page present (``real/``), each site scored without the rules learned
from it (``learned_from``, as ``measure.py --exclude-learned-from-site`` does),
print the chrome lines left in place (``FN``) and the article lines removed
(``FP``), with the rule that removed them. Writing rules from this list is
development on those pages: a page's figure only tells about unseen sites when
its labels were not looked at.

Pipelines are cached by the set of rule ids left out (the classifier is off by
default, so the site itself does not change the stage), which keeps a run over
all pages to a few seconds.

Usage::

    python bench/boilerplate/misses.py                        # all pages present
    python bench/boilerplate/misses.py --labelled-by bp-label- --only FN
    python bench/boilerplate/misses.py --tsv > misses.tsv     # page, line, verdict, rules, text
    python bench/boilerplate/misses.py --rule boilerplate.ui.residue  # every line it took
    python bench/boilerplate/misses.py --enable boilerplate.shape.top_label \
        --rule boilerplate.shape.top_label                    # a rule shipped off, switched on
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import textclean  # noqa: E402
from bench.boilerplate.measure import (  # noqa: E402
    STAGE,
    Tally,
    learned_from_rules,
    line_results,
    run_stage,
)
from bench.boilerplate.real.check import load_pages  # noqa: E402
from textclean.config import Config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labelled-by", action="append", default=[], help="labelled_by prefix")
    ap.add_argument("--only", choices=("FN", "FP"), help="print only this verdict")
    ap.add_argument("--tsv", action="store_true", help="one tab-separated row per line")
    ap.add_argument("--rules", action="append", default=[], help="an extra rule pack folder")
    ap.add_argument(
        "--rule", action="append", default=[], help="print every line this rule id touched"
    )
    ap.add_argument("--enable", action="append", default=[], help="switch on a rule id shipped off")
    args = ap.parse_args(argv)

    config = Config().replace(rules=list(args.rules), boilerplate={"enable": list(args.enable)})
    base = textclean.Pipeline.from_config(config, stages=[STAGE])
    learned = learned_from_rules(base)
    cache: dict[tuple[str, ...], textclean.Pipeline] = {(): base}
    pages = list(load_pages())
    if args.labelled_by:
        prefixes = tuple(args.labelled_by)
        pages = [p for p in pages if str(p.meta.get("labelled_by", "")).startswith(prefixes)]
    total = Tally()
    wanted = {args.only} if args.only else {"FN", "FP"}
    for page in pages:
        ids = tuple(sorted(learned.get(page.meta["site"], ())))
        if ids not in cache:
            cfg = config.replace(boilerplate={"disable": list(ids), "enable": list(args.enable)})
            cache[ids] = textclean.Pipeline.from_config(cfg, stages=[STAGE])
        lines = line_results(
            page, run_stage(cache[ids], page.id, page.text, page.meta.get("url", ""))
        )
        total.add(lines)
        if args.rule:
            bad = [ln for ln in lines if set(ln.rules) & set(args.rule)]
        else:
            bad = [ln for ln in lines if ln.verdict in wanted]
        if not bad:
            continue
        if not args.tsv:
            print(f"== {page.id} ({page.meta['language']}, {page.meta['labelled_by']})")
        for ln in bad:
            text = page.lines[ln.number - 1]
            rules = ",".join(ln.rules)
            if args.tsv:
                print(f"{page.id}\t{ln.number}\t{ln.verdict}\t{rules}\t{text}")
            else:
                print(f"{ln.number:>4} {ln.verdict} {text[:110]!r} {rules}")
    s = total.scores()
    print(
        f"# {total.pages} pages: line P {s['line_precision'] or 0:.1%}"
        f" R {s['line_recall'] or 0:.1%}"
        f"  char P {s['char_precision'] or 0:.1%} R {s['char_recall'] or 0:.1%}"
        f"  TP {total.tp} FP {total.fp} C {total.c_lines}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
