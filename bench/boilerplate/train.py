"""Train the boilerplate line classifier on the labelled real-page set.

The boilerplate stage's learned classifier (``textclean.stages.boilerplate.classifier``)
is a sum of small regression trees, fitted here by gradient boosting with the
logistic loss (Newton steps, as XGBoost does, in numpy), on the lines the rules
leave of every labelled page (``real/pages``, texts in ``real/texts``). The
features are computed by the stage's own code, so training and inference see
the same numbers. The result is written as the ``[model]`` table of
``rules/boilerplate/model.toml``; ``measure.py --cv`` calls :func:`fit` once per
site to score each site with a model that never saw it.

Stop words: the most frequent words of each language of the set in
``wordfreq`` (its top lists are mostly function words); they are written into
the model file, so the stage never loads wordfreq for them.

Usage::

    python bench/boilerplate/train.py              # train on every page, write model.toml
    python bench/boilerplate/train.py --dry-run    # train and print, write nothing
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.boilerplate.real.check import Page, load_pages  # noqa: E402
from textclean.config import Config  # noqa: E402
from textclean.stages.boilerplate import classifier  # noqa: E402
from textclean.stages.boilerplate.stage import BoilerplateStage, build  # noqa: E402

MODEL_PATH = ROOT / "rules" / "boilerplate" / "model.toml"
#: Clean prose known to hold no chrome (Jargon File and Debian Handbook documents, with
#: their licences in tests/data/): every candidate line of it is a negative example.
#: Glossary headwords and short headings look like menus; without these the model
#: takes them. tests/data/prose/ and bench/despin/clean/ are kept out, to check it.
NEGATIVES = ROOT / "tests" / "data" / "prose_sample.jsonl"
#: Languages whose stop words the model carries: every language of wordfreq written with
#: spaces between words (a fixed list, not the labelled set's languages), so the stop-word
#: share means the same on a page of any of them.
LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "id", "ms", "pl", "cs", "sk", "sl", "sh",
    "ru", "uk", "bg", "mk", "sv", "da", "nb", "is", "fi", "hu", "ro", "ca", "tr", "el",
    "lt", "lv", "vi", "fil", "ar", "fa", "he", "hi", "ur", "bn", "ta",
)  # fmt: skip
STOPWORDS_PER_LANGUAGE = 60
#: The labelling batches of the development pages (``labelled_by`` prefixes). Any other
#: batch is left out of training and of cross-validation: above all the hold-out
#: :data:`HOLDOUT`, labelled by someone who never sees the rules or these figures.
DEVELOPMENT = (
    "bp-data-",
    "bp-label-1",
    "bp-label-2",
    "bp-label-3",
    "bp-label-4",
    "bp-label-6",
    "bp-label-7",
    "bp-label-8",
    "bp-label-9",
    "bp-label-10",
    "bp-label-11",
    "bp-label-12",
    "bp-label-13",
    "bp-label-14",
    "bp-label-15",
    "bp-label-16",
    "bp-label-18",
    "bp-label-20",
    # the batches whose texts the model was last trained on (see docs/boilerplate.md,
    # "The classifier retrained on four later batches")
    "bp-label-48",
    "bp-label-49",
    "bp-label-50",
    "bp-label-51",
)
HOLDOUT = (
    "bp-label-5",
    "bp-label-17",
    "bp-label-19",
    "bp-label-21",
    "bp-label-22",
    "bp-label-23",
    "bp-label-24",
    "bp-label-25",
    "bp-label-26",
    "bp-label-27",
    "bp-label-28",
    "bp-label-29",
    "bp-label-30",
    "bp-label-31",
    "bp-label-32",
    "bp-label-33",
    "bp-label-34",
    "bp-label-35",
    "bp-label-36",
    "bp-label-37",
    "bp-label-38",
    "bp-label-39",
    "bp-label-40",
    "bp-label-41",
    "bp-label-42",
    "bp-label-43",
    "bp-label-44",
    "bp-label-45",
    "bp-label-46",
    "bp-label-47",
    "bp-label-52",
    "bp-label-53",
    "bp-label-54",
    "bp-label-55",
    "bp-label-56",
    "bp-label-57",
    "bp-label-58",
    "bp-label-59",
    "bp-label-60",
    "bp-label-61",
    "bp-label-62",
    "bp-label-63",
    "bp-label-64",
    "bp-label-65",
    "bp-label-66",
    "bp-label-67",
    "bp-label-68",
    "bp-label-69",
    "bp-label-70",
    "bp-label-71",
    "bp-label-72",
    "bp-label-73",
    "bp-label-74",
    "bp-label-75",
    "bp-label-76",
)


def batch(labelled_by: str) -> str:
    """The batch of a ``labelled_by`` value: its labellers are told apart by a letter.

    >>> batch("bp-label-48A"), batch("bp-label-5"), batch("bp-data-a")
    ('bp-label-48', 'bp-label-5', 'bp-data-a')
    """
    if labelled_by.startswith("bp-label-"):
        return labelled_by.rstrip("ABCDEFGH")
    return labelled_by


def is_holdout(labelled_by: str) -> bool:
    """Whether ``labelled_by`` is one of the hold-out batches (by exact batch name:
    "bp-label-5" is not "bp-label-50")."""
    return batch(labelled_by) in HOLDOUT


def development(pages: Iterable[Page]) -> list[Page]:
    """The development pages among ``pages``: never one of the hold-out batch.

    A ``bp-label-`` batch counts when :data:`DEVELOPMENT` names it exactly; other
    labels ("bp-data-a") when they start with an entry."""
    out = []
    for p in pages:
        by = str(p.meta.get("labelled_by", ""))
        if is_holdout(by):
            continue
        if by.startswith("bp-label-"):
            if batch(by) not in DEVELOPMENT:
                continue  # "bp-label-17", "bp-label-19", "bp-label-21" and later
        elif not by.startswith(DEVELOPMENT):
            continue
        out.append(p)
    return out


@dataclass(frozen=True)
class Params:
    """Boosting and guard settings (the guards are copied into the model)."""

    trees: int = 100
    depth: int = 3
    learning_rate: float = 0.1
    l2: float = 1.0
    min_child_weight: float = 3.0
    site_power: float = 0.5  # rows weighted by 1 / (rows of their site) ** site_power
    # 1: also train on every line a rule removed, its features computed as if that line
    # alone had been left, and as if nothing had been removed (see :func:`collect`);
    # 0: only on the lines the rules leave
    augment: int = 1
    threshold: float = 0.95
    extend_threshold: float = 0.6
    inside_threshold: float = 1.0  # a line inside the text: 1.0 never taken, 0.0 no bar
    needs_rule_removal: int = 1  # 1: only a page where a rule removed a line is judged
    protect_words: int = 5
    max_words: int = 15
    scope: str = "page"  # see classifier.SCOPES
    # features the trees may not split on (comma-separated names of classifier.FEATURES)
    drop: str = ""
    enabled: int = 0  # 1: the written model is on by default; 0: opt-in (see docs)


def parse_params(items: Iterable[str]) -> Params:
    """``Params`` with ``KEY=VALUE`` overrides; ValueError on an unknown key or bad value."""
    base = Params()
    changes: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not hasattr(base, key):
            raise ValueError(f"unknown training setting {item!r}; known: {sorted(vars(base))}")
        changes[key] = type(getattr(base, key))(value)
    return replace(base, **changes)


def stopwords() -> list[str]:
    """The most frequent words of each language in wordfreq (sorted, unique)."""
    from wordfreq import top_n_list

    words: set[str] = set()
    for lang in LANGUAGES:
        words.update(w for w in top_n_list(lang, STOPWORDS_PER_LANGUAGE) if w.isalpha())
    return sorted(words)


_STRIP = "\"'“”‘’«»()[]{}.,;:!?¿¡…|•-–—›/&%#@+*=<>~_↑↓→←"


def vocabulary(stage: BoilerplateStage, stop: Iterable[str]) -> list[str]:
    """Words of chrome: the words of the line rules' exact lines (3+ letters, not stop
    words). Taken from the rules, not from the labels. The headings of section cuts and
    orphan headings ("Recommended", "Table of Contents") are chrome only with what stands
    below them, so their words are left out."""
    stop = set(stop)
    words: set[str] = set()
    for c in stage.rules:
        if c.rule.kind != "line":
            continue
        for entry in c.rule.exact:
            for w in entry.split():
                w = w.strip(_STRIP).lower()
                if len(w) >= 3 and w.isalpha() and w not in stop:
                    words.add(w)
    return sorted(words)


def base_model(params: Params, stop: Iterable[str], vocab: Iterable[str] = ()) -> classifier.Model:
    """A model without trees, carrying the guards and word lists features need."""
    return classifier.Model(
        vocabulary=frozenset(vocab),
        threshold=params.threshold,
        extend_threshold=params.extend_threshold,
        inside_threshold=params.inside_threshold,
        needs_rule_removal=bool(params.needs_rule_removal),
        protect_words=params.protect_words,
        max_words=params.max_words,
        stopwords=frozenset(stop),
        scope=params.scope,
    )


@dataclass
class Dataset:
    """One row per candidate line of every page."""

    x: np.ndarray  # (rows, features)
    y: np.ndarray  # 1 = chrome (C), 0 = keep (K)
    site: list[str]
    page: list[str]
    line: list[int]  # 0-based line index in the page

    def subset(self, keep: np.ndarray) -> Dataset:
        """The rows where ``keep`` is true."""
        idx = np.flatnonzero(keep)
        return Dataset(
            self.x[idx],
            self.y[idx],
            [self.site[i] for i in idx],
            [self.page[i] for i in idx],
            [self.line[i] for i in idx],
        )

    def site_weights(self, power: float) -> np.ndarray:
        """Per row, 1 / (rows of its site) ** power, scaled to a mean of 1: no site's
        many lines (a long menu) outweigh the shapes other sites share."""
        count: dict[str, int] = {}
        for s in self.site:
            count[s] = count.get(s, 0) + 1
        w = np.array([1.0 / count[s] ** power for s in self.site])
        return w * (len(w) / w.sum()) if len(w) else w


class Stages:
    """The boilerplate stage (classifier off), one per exclusion of learned rules."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._by_site: dict[str, BoilerplateStage] = {}

        self.base = build(self.config, None)
        self.learned = {s for c in self.base.rules for s in c.rule.learned_from}

    def for_site(self, site: str) -> BoilerplateStage:
        """The stage that scores ``site``: without the rules learned from it."""
        if site not in self.learned:
            return self.base
        if site not in self._by_site:
            cfg = self.config.replace(boilerplate={"exclude_learned_from": [site]})
            self._by_site[site] = build(cfg, None)
        return self._by_site[site]


def page_rows(
    stage: BoilerplateStage, model: classifier.Model, page: Page
) -> tuple[list[int], list[list[float]]]:
    """The classifier's candidate lines of ``page`` and their features."""
    lines, removed, code = stage.classifier_input(page.text)
    return classifier.page_features(
        lines, removed, code, model, stage.config.prose_min_words, page.text
    )


def negatives(model: classifier.Model, stages: Stages) -> Dataset:
    """Rows of the clean prose of :data:`NEGATIVES`, all labelled keep; each document
    counts as a site of its own (for the weights)."""
    import json

    xs: list[list[float]] = []
    names: list[str] = []
    lines: list[int] = []
    with NEGATIVES.open(encoding="utf-8") as f:
        for n, raw in enumerate(f):
            text = json.loads(raw)["text"]
            page = Page(f"prose-{n}", {"site": f"prose-sample-{n}"}, text, "")
            idx, rows = page_rows(stages.base, model, page)
            xs.extend(rows)
            names.extend([page.meta["site"]] * len(rows))
            lines.extend(idx)
    x = np.asarray(xs, dtype=np.float64).reshape(len(xs), len(classifier.FEATURES))
    return Dataset(x, np.zeros(len(xs)), names, names, lines)


def concat(a: Dataset, b: Dataset) -> Dataset:
    return Dataset(
        np.vstack([a.x, b.x]),
        np.concatenate([a.y, b.y]),
        a.site + b.site,
        a.page + b.page,
        a.line + b.line,
    )


def collect(
    pages: Sequence[Page], model: classifier.Model, stages: Stages, augment: bool = False
) -> Dataset:
    """One row per candidate line of every page, labelled from the page's labels.

    With ``augment``, also two rows per line a rule removed (above any section cut):
    its features computed with every *other* removal as context, as if the rules had
    missed that line alone, and with no removal as context, as if the rules knew
    nothing of the page. The rules were written against many of these pages, so
    the lines they leave there are few and odd; on a site the rules have never seen,
    the chrome left looks like the chrome they took here. These rows teach the model
    that shape (C) and the rules' own mistakes (K) from many more lines.
    """
    xs: list[list[float]] = []
    ys: list[int] = []
    sites: list[str] = []
    ids: list[str] = []
    lines: list[int] = []

    def add(page: Page, i: int, row: list[float]) -> None:
        label = page.labels[i]
        if label not in "CK":
            raise ValueError(f"{page.id}: line {i + 1} is a candidate but labelled {label!r}")
        xs.append(row)
        ys.append(label == "C")
        sites.append(page.meta["site"])
        ids.append(page.id)
        lines.append(i)

    for page in pages:
        stage = stages.for_site(page.meta["site"])
        page_lines, removed, code = stage.classifier_input(page.text)
        prose_min = stage.config.prose_min_words
        idx, rows = classifier.page_features(page_lines, removed, code, model, prose_min, page.text)
        for i, row in zip(idx, rows, strict=True):
            add(page, i, row)
        if not augment:
            continue
        above_cut = {ln.index for ln in page_lines}
        # the page as a site the rules do not know would show it: no removal as context
        idx, rows = classifier.page_features(page_lines, {}, code, model, prose_min, page.text)
        for i, row in zip(idx, rows, strict=True):
            if i in removed:
                add(page, i, row)
        for i in sorted(removed):
            if i not in above_cut:
                continue
            rest = {k: v for k, v in removed.items() if k != i}
            idx, rows = classifier.page_features(
                page_lines, rest, code, model, prose_min, page.text, only=i
            )
            for j, row in zip(idx, rows, strict=True):
                if j == i:
                    add(page, i, row)
    x = np.asarray(xs, dtype=np.float64).reshape(len(xs), len(classifier.FEATURES))
    return Dataset(x, np.asarray(ys, dtype=np.float64), sites, ids, lines)


# --------------------------------------------------------------------------- boosting


def _best_split(
    x: np.ndarray, order: np.ndarray, mask: np.ndarray, g: np.ndarray, h: np.ndarray, p: Params
) -> tuple[int, float, float]:
    """(feature, threshold, gain) of the best split of the rows in ``mask``; feature -1: none.

    ``order`` holds, per feature, the row indices sorted by that feature; every
    feature is scanned at once (one row of the arrays per feature).
    """
    n = int(mask.sum())
    if n < 2:
        return (-1, 0.0, 0.0)
    sel = order[mask[order]].reshape(order.shape[0], n)  # each row keeps the n masked rows
    xs = np.take_along_axis(x.T, sel, axis=1)
    G, H = g[mask].sum(), h[mask].sum()
    gl = np.cumsum(g[sel], axis=1)[:, :-1]
    hl = np.cumsum(h[sel], axis=1)[:, :-1]
    gr, hr = G - gl, H - hl
    ok = (xs[:, 1:] > xs[:, :-1]) & (hl >= p.min_child_weight) & (hr >= p.min_child_weight)
    if not ok.any():
        return (-1, 0.0, 0.0)
    gain = gl * gl / (hl + p.l2) + gr * gr / (hr + p.l2) - G * G / (H + p.l2)
    gain = np.where(ok, gain, -np.inf)
    f, k = np.unravel_index(int(np.argmax(gain)), gain.shape)
    if not gain[f, k] > 1e-12:
        return (-1, 0.0, 0.0)
    return (int(f), float((xs[f, k] + xs[f, k + 1]) / 2), float(gain[f, k]))


def _predict(tree: classifier.Tree, x: np.ndarray) -> np.ndarray:
    """:meth:`Tree.predict` of every row of ``x`` at once."""
    node = np.zeros(len(x), dtype=np.int64)
    n = len(tree.feature)
    feat = np.asarray(tree.feature)
    thr = np.asarray(tree.threshold)
    for _ in range(tree_depth(tree)):
        f = feat[node]
        go_left = (f < 0) | (x[np.arange(len(x)), np.maximum(f, 0)] <= thr[node])
        node = 2 * node + np.where(go_left, 1, 2)
    return np.asarray(tree.leaf)[node - n]


def tree_depth(tree: classifier.Tree) -> int:
    return (len(tree.feature) + 1).bit_length() - 1


def _fit_tree(
    x: np.ndarray, order: np.ndarray, g: np.ndarray, h: np.ndarray, p: Params
) -> classifier.Tree:
    """One tree of depth ``p.depth`` on gradients ``g`` and hessians ``h`` (heap order)."""
    n_internal = 2**p.depth - 1
    feature = [-1] * n_internal
    threshold = [0.0] * n_internal
    value = [0.0] * n_internal
    leaf = [0.0] * (n_internal + 1)
    masks: list[np.ndarray | None] = [None] * (2 * n_internal + 1)
    masks[0] = np.ones(len(g), dtype=bool)

    def newton(m: np.ndarray) -> float:
        return float(p.learning_rate * g[m].sum() / (h[m].sum() + p.l2))

    for i in range(n_internal):
        m = masks[i]
        assert m is not None
        value[i] = round(newton(m), 6)
        f, t, _gain = _best_split(x, order, m, g, h, p) if m.any() else (-1, 0.0, 0.0)
        t = round(t, 6)
        if f >= 0:
            left = m & (x[:, f] <= t)
            feature[i], threshold[i] = f, t
            masks[2 * i + 1], masks[2 * i + 2] = left, m & ~left
        else:
            masks[2 * i + 1], masks[2 * i + 2] = m, np.zeros_like(m)
    for j in range(n_internal + 1):
        m = masks[n_internal + j]
        assert m is not None
        leaf[j] = round(newton(m), 6) if m.any() else 0.0
    return classifier.Tree(tuple(feature), tuple(threshold), tuple(value), tuple(leaf))


def fit(
    data: Dataset, params: Params, base: classifier.Model, sites: Iterable[str]
) -> classifier.Model:
    """Boosted trees on ``data``; guards and stop words from ``base``."""
    x, y = data.x, data.y
    dropped = [classifier.FEATURES.index(f) for f in params.drop.split(",") if f]
    if dropped:
        x = x.copy()
        x[:, dropped] = 0.0  # a constant column: no split on it
    rate = min(max(float(y.mean()), 1e-3), 1 - 1e-3) if len(y) else 0.5
    bias = round(float(np.log(rate / (1 - rate))), 6)
    margin = np.full(len(y), bias)
    order = np.argsort(x.T, axis=1, kind="stable")
    w = data.site_weights(params.site_power)
    trees = []
    for _ in range(params.trees):
        prob = 1 / (1 + np.exp(-margin))
        g, h = w * (y - prob), w * prob * (1 - prob)
        tree = _fit_tree(x, order, g, h, params)
        trees.append(tree)
        margin += _predict(tree, x)
    return classifier.Model(
        trees=tuple(trees),
        bias=bias,
        threshold=base.threshold,
        extend_threshold=base.extend_threshold,
        inside_threshold=base.inside_threshold,
        needs_rule_removal=base.needs_rule_removal,
        protect_words=base.protect_words,
        max_words=base.max_words,
        stopwords=base.stopwords,
        vocabulary=base.vocabulary,
        trained_on=tuple(sorted(set(sites))),
        scope=base.scope,
    )


# --------------------------------------------------------------------------- writing


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(type(v))


def model_toml(model: classifier.Model, params: Params, pages: int) -> str:
    """The model file's text (deterministic for a given model)."""
    out = [
        "# The boilerplate stage's learned line classifier (textclean/stages/boilerplate/",
        "# classifier.py). WRITTEN BY bench/boilerplate/train.py: do not edit the trees by hand.",
        f"# Boosted regression trees: {params.trees} trees of depth {params.depth}, learning rate "
        f"{params.learning_rate}, trained on {pages} labelled pages (see train.collect).",
        "# threshold: a line whose probability of being chrome reaches it is removed;",
        "# extend_threshold: the same for a line next to a removed line (a run of chrome grows);",
        "# inside_threshold: what a line inside the text needs in either pass (1.0: never);",
        "# needs_rule_removal: judge only a page where a rule removed a line;",
        "# protect_words: a line ending a sentence with this many words is never a candidate;",
        "# max_words: nor is a longer line (both in words; two characters of a script written",
        "# without spaces count as one word). scope: 'page' judges every page by its structure",
        "# behind the guards of classifier.page_features; 'edges' only the lines above and",
        "# below the text of a page where a rule removed a line.",
        f"# stopwords: the {STOPWORDS_PER_LANGUAGE} most frequent words of each of "
        f"{' '.join(LANGUAGES[:20])}",
        f"# {' '.join(LANGUAGES[20:])} in wordfreq (data CC BY-SA 4.0), for the stop-word share.",
        "",
        "[pack]",
        'name = "textclean built-in boilerplate rules: learned line classifier"',
        'version = "1"',
        "",
        "[model]",
        f"enabled = {_toml_value(bool(params.enabled))}",  # see docs/boilerplate.md
        f"threshold = {model.threshold!r}",
        f"extend_threshold = {model.extend_threshold!r}",
        f"inside_threshold = {model.inside_threshold!r}",
        f"needs_rule_removal = {_toml_value(model.needs_rule_removal)}",
        f"protect_words = {model.protect_words}",
        f"max_words = {model.max_words}",
        f"scope = {_toml_value(model.scope)}",
        f"bias = {model.bias!r}",
        f"features = {_toml_value(list(classifier.FEATURES))}",
        f"trained_on = {_toml_value(list(model.trained_on))}",
        f"stopwords = {_toml_value(sorted(model.stopwords))}",
        f"vocabulary = {_toml_value(sorted(model.vocabulary))}",
        "trees = [",
    ]
    for t in model.trees:
        out.append(
            f"  {{f = {_toml_value(list(t.feature))}, t = {_toml_value(list(t.threshold))}, "
            f"v = {_toml_value(list(t.value))}, leaf = {_toml_value(list(t.leaf))}}},"
        )
    out.append("]")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="train and report; write nothing")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    args = ap.parse_args(argv)
    params = Params()
    pages = development(load_pages())
    if not pages:
        print("error: no labelled page has its text present", file=sys.stderr)
        return 2
    stages = Stages()
    stop = stopwords()
    base = base_model(params, stop, vocabulary(stages.base, stop))
    data = concat(collect(pages, base, stages, bool(params.augment)), negatives(base, stages))
    model = fit(data, params, base, (p.meta["site"] for p in pages))
    print(
        f"{len(pages)} pages, {len(data.y)} training rows ({int(data.y.sum())} chrome), "
        f"{len(model.trees)} trees"
    )
    if not args.dry_run:
        args.out.write_text(model_toml(model, params, len(pages)), encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
