"""Learn the second look at the matches despin leaves: ``rules/spin/redecide.tsv``.

Every real pair of a learned batch (``blind_batches.md``: no blind batch teaches it)
is repaired as ``measure.py --real`` repairs it, with the tables its article is
scored with (``tables_without``: every entry and outcome learned from it left out).
Each T2/T3 match the repair's rules leave in a flagged text (what
``DespinStage._left_rows`` lists) becomes one row: its features
(``textclean/stages/despin/redecide.py``) and two labels read off the original,
aligned line by line and word by word (difflib over the lower-cased words, as
``measure.py`` counts words; each spun token takes the original's words of the stretch
it stands in, simpler than ``outcomes.py``'s per-match outcome):

* *right*: the original's words there hold the match's likeliest original;
* *own*: the original has the spun words themselves there.

Two logistic models (L2-regularised, fitted by Newton's method: deterministic) give
the chance of each; the stage restores a left match when the first passes the second
by ``--threshold``. ``measure.py --real`` refits them for each fold of articles
without the fold (:func:`fold_models`), so a pair is never scored with weights its
own article taught.

Usage::

    python bench/despin/real/learn_redecide.py            # rewrite rules/spin/redecide.tsv
    python bench/despin/real/learn_redecide.py --check    # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textclean.config import Config  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin.redecide import (  # noqa: E402
    FEATURES,
    Redecide,
    write_redecide,
)
from textclean.stages.despin.table import SpinTables, load_tables  # noqa: E402

OUT = ROOT / "rules" / "spin" / "redecide.tsv"
#: the margin a restoration needs (chosen under cross-validation, docs/despin.md)
THRESHOLD = 0.4
#: the L2 weight of both models
L2 = 1.0
#: folds of articles ``measure.py --real`` refits the models for
FOLDS = 5
#: a model that lists the rows and restores nothing (what a row is made with)
LIST_ONLY = Redecide({}, {}, float("inf"))


@dataclass(frozen=True)
class Row:
    """One left match: its features and what the original says there."""

    x: tuple[float, ...]
    right: bool
    own: bool


def _word(s: str) -> str:
    return s.replace("’", "'").lower()


def pair_rows(orig: str, spun: str, tables: SpinTables, cfg: Config) -> list[Row]:
    """The rows of one pair repaired with ``tables`` (their ``redecide`` replaced)."""
    from bench.despin.measure import nonblank_line_spans
    from textclean.stages.despin import DespinStage
    from textclean.stages.despin.match import tokenize

    found: list[tuple[int, str, dict, dict[str, float]]] = []

    class Listing(DespinStage):  # the stage, with every left match it weighs recorded
        def _left_rows(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            rows = super()._left_rows(*args, **kwargs)
            found.extend(rows)
            return rows

    stage = Listing.from_tables(cfg.despin, replace(tables, redecide=LIST_ONLY))
    a = stage.analyse(spun)
    if not a.spun:
        return []
    stage.repair(spun, a)
    toks, otoks = a.tokens, tokenize(orig)
    sl, ol = nonblank_line_spans(spun), nonblank_line_spans(orig)
    lines = (
        list(zip(sl, ol, strict=True)) if len(sl) == len(ol) else [((0, len(spun)), (0, len(orig)))]
    )
    at: dict[int, tuple[str, str]] = {}  # spun token → (opcode, the original's words)
    for (ss, se), (os_, oe) in lines:
        si = [k for k, t in enumerate(toks) if t.start >= ss and t.end <= se]
        oi = [t for t in otoks if t.start >= os_ and t.end <= oe]
        sw = [_word(spun[toks[k].start : toks[k].end]) for k in si]
        ow = [_word(orig[t.start : t.end]) for t in oi]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, sw, ow, autojunk=False
        ).get_opcodes():
            for q in range(i1, i2):
                at[si[q]] = (tag, " ".join(ow[j1:j2]))
    out = []
    for k, best, _ev, x in found:
        m = a.matches[k]
        tags = [at.get(i, ("?", "")) for i in range(m.i, m.j)]
        own = all(tag == "equal" for tag, _ in tags)
        target = " ".join(dict.fromkeys(w for tag, w in tags if tag != "equal"))
        right = not own and f" {_word(best)} " in f" {target} "
        out.append(Row(tuple(x[f] for f in FEATURES), right, own))
    return out


def learning_pairs() -> list:
    """The real pairs that teach: present, of a word-swapping family, not blind."""
    from bench.despin.real.check import blind_ids, load_set

    blind = blind_ids()
    return [p for p in load_set().pairs if p.family != "e" and p.id not in blind]


def rows_for(
    pairs: Iterable, tables: SpinTables, cfg: Config, exclude: Sequence[str] = ()
) -> list[Row]:
    """The rows of ``pairs``, each repaired with the tables of its article's scoring
    and with the pairs ``exclude`` left out of them as well."""
    from bench.despin.measure import same_original, tables_without

    pairs = list(pairs)
    same = same_original(pairs)
    rows: list[Row] = []
    for p in pairs:
        t = tables_without(tables, [*same[p.id], *exclude])
        rows.extend(pair_rows(p.orig.text, p.spun.text, t, cfg))
    return rows


def _fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression weights by Newton's method (the bias is regularised too)."""
    w = np.zeros(x.shape[1])
    eye = np.eye(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        g = x.T @ (p - y) + l2 * w
        h = (x * (p * (1 - p))[:, None]).T @ x + l2 * eye
        step = np.linalg.solve(h, g)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return w


def fit(rows: Sequence[Row], threshold: float = THRESHOLD) -> Redecide:
    """The two models fitted on ``rows``."""
    if not rows:
        return LIST_ONLY  # (restores nothing)
    x = np.array([r.x for r in rows], dtype=float)
    wr = _fit(x, np.array([r.right for r in rows], dtype=float))
    wo = _fit(x, np.array([r.own for r in rows], dtype=float))
    return Redecide(
        {f: round(float(v), 6) for f, v in zip(FEATURES, wr, strict=True)},
        {f: round(float(v), 6) for f, v in zip(FEATURES, wo, strict=True)},
        threshold,
    )


def fold_of(article: str, folds: int = FOLDS) -> int:
    """The fold of an article key (a hash: the same on every machine)."""
    return int(hashlib.sha256(article.encode()).hexdigest()[:8], 16) % folds


def fold_models(tables: SpinTables, cfg: Config, scored: Iterable) -> dict[str, Redecide]:
    """Pair id → the model a scored pair whose article teaches the shipped weights is
    repaired with: fitted on the learning pairs outside its fold of articles, their rows
    made with the whole fold's entries and outcomes left out too (nothing its article
    taught reaches it, not even through another pair's features). A pair of an article
    that teaches nothing (a blind batch, a paraphrase) is absent: the shipped weights,
    which it never taught, score it."""
    from bench.despin.real.check import article_keys

    keys = article_keys()
    scored = list(scored)
    teach = learning_pairs()

    def article(p) -> str:  # type: ignore[no-untyped-def]
        return keys.get(p.id, p.orig.row.sha256)  # (as measure.same_original keys them)

    def fold(p) -> int:  # type: ignore[no-untyped-def]
        return fold_of(article(p))

    taught = {article(q) for q in teach}
    models: dict[int, Redecide] = {}
    out: dict[str, Redecide] = {}
    for p in scored:
        if article(p) not in taught:
            continue  # its article taught the shipped weights nothing: they score it
        f = fold(p)
        if f not in models:
            held = [q.id for q in [*scored, *teach] if fold(q) == f]
            train = [q for q in teach if fold(q) != f]
            threshold = tables.redecide.threshold if tables.redecide is not None else THRESHOLD
            models[f] = fit(rows_for(train, tables, cfg, exclude=held), threshold)
        out[p.id] = models[f]
    return out


NOTE = """\
Generated by bench/despin/real/learn_redecide.py from the real spun/original pairs of the
learned batches (bench/despin/real/SOURCES.md, blind_batches.md): the weights of the
second look at the T2/T3 matches the repair leaves in a flagged text
(textclean/stages/despin/redecide.py). A left match is restored when
P(right) - P(own) > threshold. Do not edit by hand."""


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or ``--check``) ``rules/spin/redecide.tsv``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    cfg = Config()
    tables = load_tables(RulePack.load(cfg.rules))
    pairs = learning_pairs()
    if not pairs:
        print("no texts present: nothing to learn from (bench/despin/real/check.py)")
        return 0 if args.check else 1
    if args.check and args.out.exists():
        recorded = re.search(r"^# (\d+) pairs,", args.out.read_text(encoding="utf-8"), re.M)
        if recorded and int(recorded.group(1)) > len(pairs):
            print(
                f"{args.out.name}: learned from {recorded.group(1)} pairs, {len(pairs)} present:"
                " not checked (bench/despin/real/check.py names the missing texts)"
            )
            return 0
    rows = rows_for(pairs, tables, cfg)
    model = fit(rows, args.threshold)
    n_right, n_own = sum(r.right for r in rows), sum(r.own for r in rows)
    note = NOTE + f"\n{len(pairs)} pairs, {len(rows)} left matches ({n_right} right, {n_own} own)."
    if args.check:
        tmp = args.out.with_suffix(".check.tmp")
        write_redecide(tmp, model.right, model.own, model.threshold, note)
        same = tmp.read_bytes() == args.out.read_bytes() if args.out.exists() else False
        tmp.unlink()
        print(f"{args.out.name}: {'current' if same else 'stale'}")
        return 0 if same else 1
    write_redecide(args.out, model.right, model.own, model.threshold, note)
    print(f"{args.out}: {len(pairs)} pairs, {len(rows)} rows ({n_right} right, {n_own} own)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
