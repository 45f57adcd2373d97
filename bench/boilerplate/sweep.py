"""Cross-validated threshold sweep of the line classifier, first pass only.

For every development page (``train.development``) the rules' pass is run once
(without the rules learned from the page's site) and cached; the sites are dealt
into ``--folds`` groups as ``measure.py --cv`` does, and for each group the
classifier is trained on the other groups (its lexical table counted from their
pages only) and applied once to the group's pages, at every threshold asked for.
Printed per threshold: the classifier's own removals (chrome / article lines),
their precision, the line recall they add, and lines taken from control pages,
on all development pages and on each labelling batch. This is the stage's first
pass; ``measure.py --cv`` gives the figures end to end.

Usage::

    python bench/boilerplate/sweep.py --threshold 0.9:0.6 --threshold 0.95:0.8
    python bench/boilerplate/sweep.py --train lexical=0   # without the lexical table
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench.boilerplate import train  # noqa: E402
from bench.boilerplate.real.check import load_pages  # noqa: E402
from textclean.stages.boilerplate import classifier  # noqa: E402


def batch(page: train.Page) -> str:
    by = str(page.meta.get("labelled_by", ""))
    return "bp-data" if by.startswith("bp-data-") else by


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--train", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="T:E",
        help="threshold and extend_threshold to apply (default: the training settings')",
    )
    ap.add_argument("--show", action="store_true", help="list the article lines taken")
    ap.add_argument(
        "--alone",
        action="store_true",
        help="apply the classifier as if no rule had removed a line (the classifier alone: "
        "a proxy for the chrome of sites the rules were not written from)",
    )
    ap.add_argument(
        "--cache",
        type=Path,
        help="a pickle file keeping the rules' pass and the training rows between runs "
        "(valid only while the rules, the pages and the features stay the same)",
    )
    args = ap.parse_args(argv)
    params = train.parse_params(args.train)
    pairs = [tuple(float(v) for v in t.split(":")) for t in args.threshold] or [
        (params.threshold, params.extend_threshold)
    ]
    pages = train.development(load_pages())
    stages = train.Stages()
    stop = train.stopwords()
    base = train.base_model(params, stop, train.vocabulary(stages.base, stop))
    key = (params.augment, params.max_words, params.protect_words, params.scope)
    loaded = None
    if args.cache is not None and args.cache.exists():
        loaded = pickle.loads(args.cache.read_bytes())
        if loaded[0] != key:
            loaded = None
    if loaded is None:
        data = train.collect(pages, base, stages, bool(params.augment))
        clean = train.negatives(base, stages)
        cached = {}
        for p in pages:
            stage = stages.for_site(p.meta["site"])
            cached[p.id] = stage.classifier_input(p.text)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((key, data, clean, cached)))
    else:
        _key, data, clean, cached = loaded
    counts = train.lexicon_counts(pages, params)
    prose_min = stages.base.config.prose_min_words
    sites = sorted({p.meta["site"] for p in pages})
    k = args.folds if 0 < args.folds < len(sites) else len(sites)
    fold = {s: n % k for n, s in enumerate(sites)}
    row_fold = np.array([fold[s] for s in data.site])
    # (threshold pair, batch) -> [chrome, article, control lines]; C lines per batch
    own: dict[tuple[tuple[float, ...], str], list[int]] = defaultdict(lambda: [0, 0, 0])
    c_lines: dict[str, int] = defaultdict(int)
    rules_tp: dict[str, int] = defaultdict(int)
    mistakes: list[str] = []
    for p in pages:
        lines, removed, _code = cached[p.id]
        c_lines[batch(p)] += p.labels.count("C")
        rules_tp[batch(p)] += 0 if args.alone else sum(1 for i in removed if p.labels[i] == "C")
    for f in range(k):
        test_sites = [s for s in sites if fold[s] == f]
        fold_data = train.concat(data.subset(row_fold != f), clean)
        lex = counts.without(test_sites)
        model = train.fit(fold_data, params, base, [s for s in sites if fold[s] != f], lex)
        for pair in pairs:
            m = dataclasses.replace(model, threshold=pair[0], extend_threshold=pair[1])
            for p in pages:
                if fold[p.meta["site"]] != f:
                    continue
                lines, removed, code = cached[p.id]
                if args.alone:
                    removed = {}
                found = classifier.apply(lines, removed, code, m, prose_min, p.text)
                for i, (_rule, ev) in found.items():
                    lab = p.labels[i]
                    for b in (batch(p), "all"):
                        t = own[(pair, b)]
                        t[0] += lab == "C"
                        t[1] += lab == "K"
                        t[2] += bool(p.meta["control"])
                    if lab == "K" and args.show and pair == pairs[0]:
                        mistakes.append(
                            f"{p.id}:{i + 1} {p.lines[i][:60]!r} p={ev['p_chrome']} "
                            f"{ev['top_features']} {ev.get('top_tokens', [])}"
                        )
        print(f"fold {f + 1}/{k} done", file=sys.stderr)
    c_lines["all"] = sum(c_lines.values())
    rules_tp["all"] = sum(rules_tp.values())
    batches = [*sorted(b for b in c_lines if b != "all"), "all"]
    print(f"{'T:E':<10} {'batch':<11} {'C':>5} {'K':>4} {'prec':>6} {'+recall':>8} {'ctl':>4}")
    for pair in pairs:
        for b in batches:
            c, kk, ctl = own[(pair, b)]
            prec = f"{100 * c / (c + kk):5.1f}%" if c + kk else "   -  "
            gain = 100 * c / c_lines[b] if c_lines[b] else 0.0
            name = f"{pair[0]}:{pair[1]}"
            print(f"{name:<10} {b:<11} {c:>5} {kk:>4} {prec:>6} {gain:>+7.1f}pp {ctl:>4}")
    for b in batches:
        print(f"rules' first pass, {b}: {rules_tp[b]} of {c_lines[b]} C lines")
    for line in mistakes:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
