"""Measure the boilerplate stage on the labelled real-page set (``real/``).

Every page of ``bench/boilerplate/real`` (see its ``RULES.md``) is run through
textclean's boilerplate stage alone, through the public API
(``textclean.Pipeline.from_config(config, stages=["boilerplate"])``). The
stage's edits carry character spans into the page text, so the removed
characters are exactly known; a line counts as **removed** when every
non-whitespace character of it lies in a removed span (a line that loses only
part of itself is counted in the character figures, and listed as ``partial``).

Scores, over non-blank lines (blank lines are not labelled):

* **line precision** = removed C lines / removed lines (a removed K line is a
  false positive); **line recall** = removed C lines / C lines;
* **character precision / recall**: the same over the non-whitespace characters
  of the labelled lines (a long teaser weighs more than "Menu");
* **control pages**: the number of lines removed from them (the target is 0);
* the same figures per category and per language, and per rule id (how many C
  and K lines each rule removed).

Cross-validation by site (``--exclude-learned-from-site``). The convention for
rules and weights learned from the labelled pages: an entry that was learned
from (or tuned on) pages of a site says so with ``learned_from = ["<site>",
...]`` (the site as in the pages' metadata: host without ``www.``). When a page
of site S is scored with this option, every entry whose ``learned_from`` names
S does not count:

* ``[[rule]]`` tables of the boilerplate rule files carrying ``learned_from``
  are switched off through the config's ``boilerplate.disable`` list (this is
  implemented here: the rule files of the pack are read as TOML);
* a learned model (weights in ``rules/``) must honour the same convention
  itself: if the boilerplate config has a field ``exclude_learned_from``
  (a tuple of sites), it is set to ``(S,)`` for the pages of S, and the stage is
  expected to leave out the weights learned from S. Until the config has that
  field, only rule tables are filtered, and the report says so. The line
  classifier (``rules/boilerplate/model.toml``) cannot be taken apart per site:
  the stage switches it off for a site it was trained on, and ``--cv``
  retrains it instead.

Cross-validation of the learned classifier (``--cv``, which implies the
above): the sites are split into ``--folds`` groups (sorted by name, dealt out
in turn; ``--folds 0`` leaves one site out at a time), and for each group the
classifier is trained (``train.py``'s :func:`~bench.boilerplate.train.fit`, same
settings as the shipped model) on the pages of every *other* group; the pages
of the group are scored by the stage carrying that model. No page is scored by
a model that saw its site.

Usage::

    python bench/boilerplate/measure.py                  # per page, then overall
    python bench/boilerplate/measure.py --summary        # overall, per category/language/rule
    python bench/boilerplate/measure.py --page kgun9-com-tpd-barricade-midtown
    python bench/boilerplate/measure.py --json > scores.json
    python bench/boilerplate/measure.py --exclude-learned-from-site
    python bench/boilerplate/measure.py --cv --summary   # the figures in docs/boilerplate.md
    python bench/boilerplate/measure.py --rules my_pack/ --disable boilerplate.cta.
    python bench/boilerplate/measure.py --site-repeats --labelled-by bp-label-20 --summary

Corpus mode (``--site-repeats``): the lines repeated across the scored pages of
one site are learned from those pages' texts (never from their labels), as
``textclean clean --site-repeats`` learns them from a crawl, and removed after the
stage (rule ``boilerplate.site_repeat``). It needs several pages per site: with
one page per site nothing is learned.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import textclean  # noqa: E402
from bench.boilerplate import train  # noqa: E402
from bench.boilerplate.real.check import PAGES_DIR, TEXTS_DIR, Page, load_pages  # noqa: E402
from textclean.config import Config, SiteRepeatsConfig, tomllib  # noqa: E402
from textclean.site_repeats import RULE_ID as SITE_REPEAT  # noqa: E402
from textclean.site_repeats import SiteRepeatTable, learn  # noqa: E402

STAGE = "boilerplate"
#: The config field a learned model would read to leave out weights learned from a site.
EXCLUDE_FIELD = "exclude_learned_from"


# --------------------------------------------------------------------------- running the stage


@dataclass(frozen=True)
class Removal:
    """What the stage removed from one page: a mask over characters, and rule ids."""

    removed: tuple[bool, ...]  # one flag per character of the input text
    rules: tuple[tuple[int, int, str], ...]  # (start, end, rule id) of every edit
    dropped: str | None


def run_stage(pipeline: textclean.Pipeline, page_id: str, text: str, url: str = "") -> Removal:
    """Run ``pipeline`` (the boilerplate stage alone) on ``text``; map its edits to characters.

    The stage's edits are character spans into its input, ``text`` itself since
    no stage runs before it. An edit that replaces text with something non-empty
    still counts its span as removed (the boilerplate stage only deletes). With
    a site-repeat table (corpus mode), its step runs after the stage, on the
    stage's output: its spans are mapped back through the stage's edits.
    ``url`` is the page's address, which names its site for that step.
    """
    meta = {"url": url} if url else {}
    doc = pipeline.process(textclean.Document(id=page_id, text=text, metadata=meta))
    mask = [False] * len(text)
    spans = []
    stage_edits = [e for e in doc.edits if e.stage == STAGE and e.rule != SITE_REPEAT]
    for e in stage_edits:
        if text[e.start : e.end] != e.before:
            raise ValueError(f"{page_id}: edit {e.rule} at {e.start} does not match the text")
        for i in range(e.start, e.end):
            mask[i] = True
        spans.append((e.start, e.end, e.rule))
    later = [e for e in doc.edits if e.stage == STAGE and e.rule == SITE_REPEAT]
    if later:
        after, origin = apply_edits(text, stage_edits)
        for e in later:
            if after[e.start : e.end] != e.before:
                raise ValueError(f"{page_id}: edit {e.rule} at {e.start} does not match the text")
            kept = [origin[i] for i in range(e.start, e.end) if origin[i] >= 0]
            for i in kept:
                mask[i] = True
            if kept:
                spans.append((kept[0], kept[-1] + 1, e.rule))
    if doc.dropped is not None:  # a dropped document loses everything
        mask = [True] * len(text)
    return Removal(tuple(mask), tuple(spans), doc.dropped)


def apply_edits(text: str, edits: Iterable[Any]) -> tuple[str, list[int]]:
    """``text`` after ``edits`` (non-overlapping spans into ``text``), and for each of
    its characters the index it had in ``text`` (-1 for a character an edit wrote).

    >>> from types import SimpleNamespace as E
    >>> apply_edits("ab\\ncd\\nef", [E(start=3, end=6, after="X")])
    ('ab\\nXef', [0, 1, 2, -1, 6, 7])
    """
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[at : e.start])
        origin.extend(range(at, e.start))
        out.append(e.after)
        origin.extend([-1] * len(e.after))
        at = e.end
    out.append(text[at:])
    origin.extend(range(at, len(text)))
    return "".join(out), origin


@dataclass
class LineResult:
    """One line of a page: its label, how much of it went, and which rule took it."""

    number: int  # 1-based
    label: str  # C, K or -
    chars: int  # non-whitespace characters
    removed_chars: int  # of those, how many the stage removed
    rules: tuple[str, ...]

    @property
    def removed(self) -> bool:
        return self.chars > 0 and self.removed_chars == self.chars

    @property
    def partial(self) -> bool:
        return 0 < self.removed_chars < self.chars

    @property
    def verdict(self) -> str:
        """TP, FP, FN, TN for labelled lines; ``-`` for blank ones."""
        if self.label == "-":
            return "-"
        if self.label == "C":
            return "TP" if self.removed else "FN"
        return "FP" if self.removed else "TN"


def line_results(page: Page, removal: Removal) -> list[LineResult]:
    """Per line of ``page``: label, non-whitespace characters, removed ones, rules."""
    out = []
    pos = 0
    for n, (line, label) in enumerate(zip(page.lines, page.labels, strict=True), 1):
        start, end = pos, pos + len(line)
        pos = end + 1  # the "\n"
        chars = sum(1 for ch in line if not ch.isspace())
        gone = sum(1 for i, ch in enumerate(line, start) if not ch.isspace() and removal.removed[i])
        rules = tuple(sorted({r for s, e, r in removal.rules if s < end and e > start}))
        out.append(LineResult(n, label, chars, gone, rules))
    return out


# --------------------------------------------------------------------------- scores


@dataclass
class Tally:
    """Line and character counts that the scores are ratios of."""

    pages: int = 0
    c_lines: int = 0
    k_lines: int = 0
    tp: int = 0  # C lines removed
    fp: int = 0  # K lines removed
    c_chars: int = 0
    k_chars: int = 0
    tp_chars: int = 0  # removed characters of C lines
    fp_chars: int = 0  # removed characters of K lines
    partial: int = 0  # lines partly removed

    def add(self, lines: Iterable[LineResult]) -> None:
        self.pages += 1
        for ln in lines:
            if ln.label == "C":
                self.c_lines += 1
                self.c_chars += ln.chars
                self.tp += ln.removed
                self.tp_chars += ln.removed_chars
            elif ln.label == "K":
                self.k_lines += 1
                self.k_chars += ln.chars
                self.fp += ln.removed
                self.fp_chars += ln.removed_chars
            self.partial += ln.partial

    def merge(self, other: Tally) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    def scores(self) -> dict[str, Any]:
        """Counts plus precision and recall (None where undefined: nothing removed / no C)."""
        d = dataclasses.asdict(self)
        d["line_precision"] = self._ratio(self.tp, self.tp + self.fp)
        d["line_recall"] = self._ratio(self.tp, self.c_lines)
        d["char_precision"] = self._ratio(self.tp_chars, self.tp_chars + self.fp_chars)
        d["char_recall"] = self._ratio(self.tp_chars, self.c_chars)
        return d


# --------------------------------------------------------------------------- cross-validation


def learned_from_rules(pipeline: textclean.Pipeline) -> dict[str, set[str]]:
    """Site → ids of boilerplate ``[[rule]]`` tables that say ``learned_from`` that site.

    Reads the rule files of the pipeline's pack (built-in, then user packs) as
    plain TOML, so it works whether or not the rule parser knows the key yet.
    """
    by_site: dict[str, set[str]] = defaultdict(set)
    for path in pipeline.rules.files(STAGE, "*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for rule in data.get("rule", []):
            sites = rule.get("learned_from") or []
            if isinstance(sites, str):
                sites = [sites]
            for site in sites:
                by_site[str(site).removeprefix("www.")].add(str(rule.get("id")))
    return dict(by_site)


def has_exclude_field(config: Config) -> bool:
    """Whether the boilerplate config can be told to leave out what a site taught it."""
    section = getattr(config, STAGE)
    return any(f.name == EXCLUDE_FIELD for f in dataclasses.fields(section))


#: Pipelines kept built at once: one per site would hold a stage for each of a thousand
#: sites (gigabytes); the pages come sorted by site, so a few recent ones are enough.
CACHED_PIPELINES = 8


def _trim(cache: OrderedDict[Any, Any]) -> None:
    """Drop the least recently used entries beyond :data:`CACHED_PIPELINES`."""
    while len(cache) > CACHED_PIPELINES:
        cache.popitem(last=False)


class Pipelines:
    """One boilerplate-only pipeline per set of exclusions, built when first needed."""

    def __init__(
        self, config: Config, cross_validate: bool, site_repeats: SiteRepeatTable | None = None
    ) -> None:
        self.config = config
        self.cross_validate = cross_validate
        self.site_repeats = site_repeats
        self.base = self._pipeline(config)
        self.learned = learned_from_rules(self.base) if cross_validate else {}
        self.exclude_field = cross_validate and has_exclude_field(config)
        self._cache: OrderedDict[tuple[tuple[str, ...], str], textclean.Pipeline] = OrderedDict()
        self.excluded: dict[str, list[str]] = {}  # site → rule ids left out for it

    def for_site(self, site: str) -> textclean.Pipeline:
        if not self.cross_validate:
            return self.base
        ids = tuple(sorted(self.learned.get(site, ())))
        key = (ids, site if self.exclude_field else "")
        if key == ((), ""):
            return self.base
        if key not in self._cache:
            section = getattr(self.config, STAGE)
            changes: dict[str, Any] = {"disable": [*section.disable, *ids]}
            if self.exclude_field:
                changes[EXCLUDE_FIELD] = [site]
            cfg = self.config.replace(**{STAGE: changes})
            self._cache[key] = self._pipeline(cfg)
            _trim(self._cache)
        self._cache.move_to_end(key)
        if ids:
            self.excluded[site] = list(ids)
        return self._cache[key]

    def _pipeline(self, config: Config) -> textclean.Pipeline:
        return textclean.Pipeline.from_config(
            config, stages=[STAGE], site_repeats=self.site_repeats
        )


# --------------------------------------------------------------------------- report


@dataclass
class Result:
    page: Page
    lines: list[LineResult]
    dropped: str | None
    tally: Tally = field(default_factory=Tally)


class CrossValidated:
    """Per site, the boilerplate pipeline carrying a classifier trained without that site."""

    def __init__(
        self, pipelines: Pipelines, pages: Sequence[Page], folds: int, params: train.Params
    ) -> None:
        self.pipelines = pipelines
        stages = train.Stages(pipelines.config)
        stop = train.stopwords()
        base = train.base_model(params, stop, train.vocabulary(stages.base, stop))
        data = train.collect(pages, base, stages, bool(params.augment))
        clean = train.negatives(base, stages)  # clean prose: in every fold's training
        sites = sorted({p.meta["site"] for p in pages})
        k = folds if 0 < folds < len(sites) else len(sites)
        self.fold = {site: n % k for n, site in enumerate(sites)}
        self.folds = k
        row_fold = np.array([self.fold[s] for s in data.site])
        self.models: dict[int, Any] = {}
        for f in range(k):
            keep = row_fold != f
            trained_on = [s for s in sites if self.fold[s] != f]
            fold_data = train.concat(data.subset(keep), clean)
            self.models[f] = train.fit(fold_data, params, base, trained_on)
        # a site outside the training pages (a hold-out page) is scored by the model of
        # every training page, built when first needed
        self._all = (data, clean, params, base, sites)
        self._cache: OrderedDict[str, textclean.Pipeline] = OrderedDict()

    def model_for(self, site: str) -> Any:
        """The model trained without ``site``'s pages."""
        f = self.fold.get(site, -1)
        if f not in self.models:
            data, clean, params, base, sites = self._all
            self.models[f] = train.fit(train.concat(data, clean), params, base, sites)
        return self.models[f]

    def for_site(self, site: str) -> textclean.Pipeline:
        if site not in self._cache:
            p = self.pipelines.for_site(site)
            model = self.model_for(site)
            assert site not in model.trained_on
            stages = [
                dataclasses.replace(s, model=model) if s.name == STAGE else s for s in p.stages
            ]
            self._cache[site] = textclean.Pipeline(
                stages, p.config, p.rules, site_repeats=p.site_repeats
            )
            _trim(self._cache)
        self._cache.move_to_end(site)
        return self._cache[site]


def learn_site_repeats(pages: Iterable[Page], cfg: SiteRepeatsConfig) -> SiteRepeatTable:
    """Corpus mode's table learned from ``pages`` themselves, each page a document
    carrying its url (so grouped by its site), as ``textclean clean --site-repeats``
    learns from a crawl before cleaning it. It learns from the raw page texts only,
    never from the labels."""
    docs = (
        textclean.Document(id=p.id, text=p.text, metadata={"url": p.meta.get("url", "")})
        for p in pages
    )
    return learn(docs, cfg)


def measure(pages: Sequence[Page], pipelines: Pipelines | CrossValidated) -> list[Result]:
    results = []
    for page in pages:
        pipeline = pipelines.for_site(page.meta["site"])
        removal = run_stage(pipeline, page.id, page.text, page.meta.get("url", ""))
        res = Result(page, line_results(page, removal), removal.dropped)
        res.tally.add(res.lines)
        results.append(res)
    return results


def group(results: Iterable[Result], key: str) -> dict[str, Tally]:
    out: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        out[str(r.page.meta[key])].merge(r.tally)
    return dict(sorted(out.items()))


def by_rule(results: Iterable[Result]) -> dict[str, Counter[str]]:
    """Rule id → how many C and K lines (whole or partial) it removed from."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for ln in r.lines:
            if ln.removed_chars:
                for rule in ln.rules:
                    out[rule][ln.label] += 1
    return dict(sorted(out.items()))


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _row(name: str, t: Tally, width: int) -> str:
    s = t.scores()
    return (
        f"{name:<{width}} {t.pages:>5} {t.c_lines:>5} {t.k_lines:>5} {t.tp:>4} {t.fp:>4} "
        f"{_pct(s['line_precision'])} {_pct(s['line_recall'])} "
        f"{_pct(s['char_precision'])} {_pct(s['char_recall'])}"
    )


def _header(name: str, width: int) -> str:
    return (
        f"{name:<{width}} {'pages':>5} {'C':>5} {'K':>5} {'TP':>4} {'FP':>4} "
        f"{'lineP':>6} {'lineR':>6} {'charP':>6} {'charR':>6}"
    )


def print_report(results: list[Result], pipelines: Pipelines, per_page: bool) -> None:
    total = Tally()
    for r in results:
        total.merge(r.tally)
    if per_page:
        width = max([len(r.page.id) for r in results] + [4])
        print(_header("page", width))
        for r in results:
            flag = " CONTROL" if r.page.meta["control"] else ""
            drop = f" DROPPED({r.dropped})" if r.dropped else ""
            print(_row(r.page.id, r.tally, width) + flag + drop)
        print()
    for title, key in (("category", "category"), ("language", "language")):
        groups = group(results, key)
        width = max([len(k) for k in groups] + [len(title), 7])
        print(_header(title, width))
        for name, t in groups.items():
            print(_row(name, t, width))
        print(_row("overall", total, width))
        print()
    controls = [r for r in results if r.page.meta["control"]]
    removed = sum(ln.removed or ln.partial for r in controls for ln in r.lines)
    print(f"control pages: {len(controls)}, lines removed from them (whole or partly): {removed}")
    print(f"partly removed lines (all pages): {total.partial}")
    print()
    print(f"{'rule':<52} {'C lines':>8} {'K lines':>8}")
    for rule, n in by_rule(results).items():
        print(f"{rule:<52} {n['C']:>8} {n['K']:>8}")
    if pipelines.cross_validate:
        print()
        if not pipelines.exclude_field:
            print(
                f"cross-validation: [[rule]] tables with learned_from are filtered; the "
                f"boilerplate config has no {EXCLUDE_FIELD!r} field, so learned weights "
                f"(if any) are not"
            )
        n = sum(len(v) for v in pipelines.excluded.values())
        print(
            f"cross-validation: {n} rule exclusions over {len(pipelines.excluded)} sites "
            f"({sum(len(v) for v in pipelines.learned.values())} learned_from entries in the pack)"
        )


def print_page(result: Result) -> None:
    p = result.page
    print(
        f"{p.id}  {p.meta['url']}\n{p.meta['site']}  {p.meta['category']}/{p.meta['language']}"
        f"{'  CONTROL' if p.meta['control'] else ''}"
        f"{'  DROPPED: ' + result.dropped if result.dropped else ''}"
    )
    for ln, text in zip(result.lines, p.lines, strict=True):
        if ln.label == "-":
            continue
        how = "removed" if ln.removed else ("partial" if ln.partial else "")
        rules = ",".join(ln.rules)
        print(f"{ln.number:>4} {ln.label} {ln.verdict:<2} {how:<7} {text[:70]!r} {rules}")
    s = result.tally.scores()
    print(
        f"line P {_pct(s['line_precision'])} R {_pct(s['line_recall'])}   "
        f"char P {_pct(s['char_precision'])} R {_pct(s['char_recall'])}"
    )


def as_json(results: list[Result], pipelines: Pipelines) -> dict[str, Any]:
    total = Tally()
    for r in results:
        total.merge(r.tally)
    return {
        "overall": total.scores(),
        "by_category": {k: t.scores() for k, t in group(results, "category").items()},
        "by_language": {k: t.scores() for k, t in group(results, "language").items()},
        "control": {
            "pages": sum(r.page.meta["control"] for r in results),
            "lines_removed": sum(
                ln.removed or ln.partial
                for r in results
                if r.page.meta["control"]
                for ln in r.lines
            ),
        },
        "by_rule": {k: dict(v) for k, v in by_rule(results).items()},
        "cross_validation": {
            "enabled": pipelines.cross_validate,
            "weights_filtered": pipelines.exclude_field,
            "excluded_rules": pipelines.excluded,
        },
        "pages": {
            r.page.id: {
                "site": r.page.meta["site"],
                "category": r.page.meta["category"],
                "language": r.page.meta["language"],
                "control": r.page.meta["control"],
                "dropped": r.dropped,
                **r.tally.scores(),
                "lines": [
                    {"n": ln.number, "label": ln.label, "verdict": ln.verdict, "rules": ln.rules}
                    for ln in r.lines
                    if ln.label != "-"
                ],
            }
            for r in results
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--page", action="append", default=[], help="show one page line by line")
    ap.add_argument("--summary", action="store_true", help="leave out the per-page table")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument(
        "--exclude-learned-from-site",
        action="store_true",
        help="score each site without the rules/weights learned from it (learned_from)",
    )
    ap.add_argument(
        "--cv",
        action="store_true",
        help="cross-validate the line classifier by site (retrained per fold); implies "
        "--exclude-learned-from-site",
    )
    ap.add_argument(
        "--folds", type=int, default=10, help="site groups for --cv (0: leave one site out)"
    )
    ap.add_argument(
        "--train",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a training setting for --cv (train.Params field), e.g. threshold=0.8 or augment=0",
    )
    ap.add_argument("--rules", action="append", default=[], help="an extra rule pack folder")
    ap.add_argument("--disable", action="append", default=[], help="a rule id or prefix.")
    ap.add_argument("--enable", action="append", default=[], help="a rule id or prefix.")
    ap.add_argument(
        "--labelled-by",
        action="append",
        default=[],
        help="score only pages whose labelled_by starts with this (e.g. a batch labelled "
        "after the rules were written: a hold-out)",
    )
    ap.add_argument(
        "--site-repeats",
        action="store_true",
        help="corpus mode as `textclean clean --site-repeats` runs it: learn the lines repeated "
        "across the scored pages of each site (grouped by their url), remove them after the stage",
    )
    ap.add_argument(
        "--site-min-docs",
        type=int,
        default=SiteRepeatsConfig().min_docs,
        help="with --site-repeats: a line is learned when this many pages of its site hold it",
    )
    ap.add_argument("--pages", type=Path, default=PAGES_DIR, help=argparse.SUPPRESS)
    ap.add_argument("--texts", type=Path, default=TEXTS_DIR, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    config = Config().replace(
        rules=list(args.rules),
        boilerplate={"disable": list(args.disable), "enable": list(args.enable)},
    )
    pages = list(load_pages(args.pages, args.texts))
    if args.page:
        unknown = set(args.page) - {p.id for p in pages}
        if unknown:
            missing = sorted(unknown)
            print(f"error: no such page (or its text is missing): {missing}", file=sys.stderr)
            return 2
        pages = [p for p in pages if p.id in args.page]
    if args.labelled_by:
        prefixes = tuple(args.labelled_by)
        pages = [p for p in pages if str(p.meta.get("labelled_by", "")).startswith(prefixes)]
    if not pages:
        print("error: no labelled page has its text present", file=sys.stderr)
        return 2
    try:
        table = None
        if args.site_repeats:
            site_cfg = SiteRepeatsConfig(enabled=True, min_docs=args.site_min_docs)
            table = learn_site_repeats(pages, site_cfg)
        pipelines = Pipelines(config, args.exclude_learned_from_site or args.cv, table)
    except (textclean.ConfigError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.cv:
        try:
            params = train.parse_params(args.train)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # trained on the development pages only: never on the hold-out batch
        everything = train.development(load_pages(args.pages, args.texts))
        cv = CrossValidated(pipelines, everything, args.folds, params)
        results = measure(pages, cv)
    else:
        results = measure(pages, pipelines)
    if args.json:
        json.dump(as_json(results, pipelines), sys.stdout, indent=1, default=list)
        print()
    elif args.page:
        for r in results:
            print_page(r)
            print()
    else:
        print_report(results, pipelines, per_page=not args.summary)
        if args.cv:
            print(
                f"cross-validation of the line classifier: {cv.folds} folds by site, "
                f"each scored by a model trained on the other {cv.folds - 1}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
