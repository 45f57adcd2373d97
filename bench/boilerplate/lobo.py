"""Leave one labelling batch out: how the line classifier does on sites it never saw.

Cross-validation by site (``measure.py --cv``) deals the sites of every batch into
folds, so a fold's model was trained on pages of the same batches, labelled by the
same people in the same weeks, and the thresholds and guards were chosen on those
figures. A hold-out batch is different: new sites, new labellers. This script
mimics one for each development batch in turn: the classifier is trained (with
``train.py``'s settings, or ``--train KEY=VALUE``) on the pages of every *other*
development batch (plus the older development pages present, plus the clean prose
negatives), and the left-out batch is scored by the full stage carrying that model,
against the rules alone. Every batch's sites are its own (no site is in two
batches), so no page is scored by a model that saw its site; the rules' entries
learned from a site are left out for its pages, as with ``--exclude-learned-from-site``.

The batches are listed explicitly (:data:`BATCHES`, exact ``labelled_by`` values);
the older development pages (``train.development``, not in :data:`BATCHES`) are only
ever trained on. The hold-out batch is never read.

Per left-out batch it prints line and character precision and recall with the rules
alone and with the classifier, the classifier's own removals (lines of C and of K it
took that the rules alone did not) and the lines removed from control pages.

``--fast`` scores the first pass only (the rules' removals, then the classifier once,
as ``classifier.apply`` sees them), which is what settings are compared on; the
table in ``docs/boilerplate.md`` comes from the full run.

Usage::

    python bench/boilerplate/lobo.py                       # shipped settings, full stage
    python bench/boilerplate/lobo.py --fast --train threshold=0.95
    python bench/boilerplate/lobo.py --fast --sweep 0.8,0.85,0.9,0.95
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import textclean  # noqa: E402
from bench.boilerplate import measure, train  # noqa: E402
from bench.boilerplate.real.check import Page, load_pages  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.stages.boilerplate import classifier  # noqa: E402

#: The development batches left out in turn (exact ``labelled_by`` values).
BATCHES = ("bp-label-7", "bp-label-8", "bp-label-9", "bp-label-10", "bp-label-11", "bp-label-12")


def development_pages(pages: Iterable[Page]) -> list[Page]:
    """The pages left out and trained on: ``train.development`` (never a hold-out
    batch; checked again here, by exact batch name)."""
    return [
        p
        for p in train.development(pages)
        if not train.is_holdout(str(p.meta.get("labelled_by", "")))
    ]


def batch_of(page: Page) -> str:
    """The page's batch among :data:`BATCHES`, or ``"older"``."""
    by = str(page.meta.get("labelled_by", ""))
    return by if by in BATCHES else "older"


class CachedStages(train.Stages):
    """:class:`train.Stages` whose ``classifier_input`` is computed once per page."""

    def __init__(self, config: Config, cache: dict[tuple[str, str], Any]) -> None:
        super().__init__(config)
        self.cache = cache

    def for_site(self, site: str) -> Any:
        stage = super().for_site(site)
        cache = self.cache

        class _Cached:
            config = stage.config
            rules = stage.rules

            @staticmethod
            def classifier_input(text: str) -> Any:
                key = (site, text)
                if key not in cache:
                    cache[key] = stage.classifier_input(text)
                return cache[key]

        return _Cached()


def load_cache(path: Path | None) -> dict[tuple[str, str], Any]:
    if path is None or not path.exists():
        return {}
    with path.open("rb") as f:
        out: dict[tuple[str, str], Any] = pickle.load(f)
    return out


@dataclasses.dataclass(frozen=True)
class Counts:
    """Lines of one batch: C and K lines, C and K lines removed, control lines removed."""

    c: int = 0
    k: int = 0
    tp: int = 0
    fp: int = 0
    own_c: int = 0
    own_k: int = 0
    control: int = 0


def fast_counts(
    pages: Sequence[Page], stages: CachedStages, model: classifier.Model, prose_min: int
) -> Counts:
    """First-pass figures of ``model`` on ``pages`` (see the module's docstring)."""
    c = k = tp = fp = own_c = own_k = control = 0
    for page in pages:
        stage = stages.for_site(page.meta["site"])
        lines, removed, code = stage.classifier_input(page.text)
        found = classifier.apply(lines, removed, code, model, prose_min, page.text)
        for n, label in enumerate(page.labels):
            if label == "C":
                c += 1
                tp += n in removed or n in found
                own_c += n in found
            elif label == "K":
                k += 1
                fp += n in removed or n in found
                own_k += n in found
            if page.meta["control"] and label in "CK":
                control += n in removed or n in found
    return Counts(c, k, tp, fp, own_c, own_k, control)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}" if b else "-"


def fold_models(
    pages: Sequence[Page],
    params: train.Params,
    stages: CachedStages,
    batches: Sequence[str] = BATCHES,
) -> tuple[dict[str, classifier.Model], train.Dataset]:
    """Per left-out batch, the model trained on every other development page."""
    stop = train.stopwords()
    base = train.base_model(params, stop, train.vocabulary(stages.base, stop))
    data = train.collect(pages, base, stages, bool(params.augment))  # type: ignore[arg-type]
    clean = train.negatives(base, stages)  # type: ignore[arg-type]
    batch = {p.id: batch_of(p) for p in pages}
    row_batch = np.array([batch[pid] for pid in data.page])
    models = {}
    for b in batches:
        keep = row_batch != b
        sites = sorted({p.meta["site"] for p in pages if batch[p.id] != b})
        models[b] = train.fit(train.concat(data.subset(keep), clean), params, base, sites)
    return models, data


def full_results(
    pages: Sequence[Page], pipelines: measure.Pipelines, model: classifier.Model | None
) -> list[measure.Result]:
    """The full stage on ``pages`` (rules alone when ``model`` is None). A site's
    pipeline is built for its pages and dropped after them (a stage per site holds
    its own compiled rules)."""
    results = []
    for site in sorted({p.meta["site"] for p in pages}):
        p = pipelines.for_site(site)
        if model is not None:
            assert site not in model.trained_on
            stages = [
                dataclasses.replace(s, model=model) if s.name == measure.STAGE else s
                for s in p.stages
            ]
            p = textclean.Pipeline(stages, p.config, p.rules)

        class _One:
            @staticmethod
            def for_site(_site: str, pipeline: textclean.Pipeline = p) -> textclean.Pipeline:
                return pipeline

        results.extend(measure.measure([x for x in pages if x.meta["site"] == site], _One()))  # type: ignore[arg-type]
        pipelines._cache.clear()
    return results


def tally_row(name: str, results: list[measure.Result]) -> tuple[measure.Tally, int]:
    t = measure.Tally()
    control = 0
    for r in results:
        t.merge(r.tally)
        if r.page.meta["control"]:
            control += sum(ln.removed or ln.partial for ln in r.lines)
    return t, control


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--fast", action="store_true", help="first pass only (see above)")
    ap.add_argument(
        "--sweep", default="", help="with --fast: comma-separated thresholds to compare"
    )
    ap.add_argument(
        "--sweep-extend", default="", help="with --sweep: extend thresholds (default: as set)"
    )
    ap.add_argument("--cache", type=Path, help="a file keeping the rules' pass between runs")
    ap.add_argument(
        "--batch",
        action="append",
        choices=BATCHES,
        default=[],
        help="leave out only this batch (repeatable; default: each in turn)",
    )
    args = ap.parse_args(argv)
    batches = tuple(args.batch) or BATCHES
    params = train.parse_params(args.train)
    config = Config()
    pages = development_pages(load_pages(warn=False))
    cache = load_cache(args.cache)
    stages = CachedStages(config, cache)
    models, data = fold_models(pages, params, stages, batches)
    stages._by_site.clear()  # a stage per site: the memory the full runs need
    if args.cache is not None:
        with args.cache.open("wb") as f:
            pickle.dump(cache, f)
    by_batch = {b: [p for p in pages if batch_of(p) == b] for b in BATCHES}
    older = sum(batch_of(p) == "older" for p in pages)
    print(
        f"{len(pages)} development pages ({older} older), {len(data.y)} rows "
        f"({int(data.y.sum())} chrome); settings: {' '.join(args.train) or 'train.Params()'}"
    )
    prose_min = stages.base.config.prose_min_words
    if args.fast:
        thresholds = [float(t) for t in args.sweep.split(",") if t] or [params.threshold]
        extends = [float(t) for t in args.sweep_extend.split(",") if t]
        print("batch        threshold extend  rules P/R    +clf P/R     own C/K  control")
        for b in batches:
            for t in thresholds:
                for e in extends or [min(params.extend_threshold, t)]:
                    m = dataclasses.replace(models[b], threshold=t, extend_threshold=min(e, t))
                    off = dataclasses.replace(m, trees=())
                    r = fast_counts(by_batch[b], stages, off, prose_min)
                    w = fast_counts(by_batch[b], stages, m, prose_min)
                    print(
                        f"{b:12} {t:9.3f} {min(e, t):6.3f}  "
                        f"{_pct(r.tp, r.tp + r.fp):>5}/{_pct(r.tp, r.c):<5}  "
                        f"{_pct(w.tp, w.tp + w.fp):>5}/{_pct(w.tp, w.c):<5}  "
                        f"{w.own_c:4}/{w.own_k:<3} {w.control:3}"
                    )
        return 0
    print(
        "| left out | pages | C / K lines | rules alone: line P / R, char P / R "
        "| + classifier: line P / R, char P / R | classifier's own C / K | control lines |"
    )
    print("|---|---:|---:|---|---|---:|---:|")
    for b in batches:
        pipelines = measure.Pipelines(config, cross_validate=True)  # one batch's sites
        alone, c0 = tally_row(b, full_results(by_batch[b], pipelines, None))
        both, c1 = tally_row(b, full_results(by_batch[b], pipelines, models[b]))
        del pipelines
        s0, s1 = alone.scores(), both.scores()

        def f(s: dict[str, Any]) -> str:
            return " / ".join(
                f"{100 * s[k]:.1f}" if s[k] is not None else "-"
                for k in ("line_precision", "line_recall", "char_precision", "char_recall")
            )

        print(
            f"| {b} | {alone.pages} | {alone.c_lines} / {alone.k_lines} | {f(s0)} | {f(s1)} "
            f"| {both.tp - alone.tp} / {both.fp - alone.fp} | {c0} → {c1} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
