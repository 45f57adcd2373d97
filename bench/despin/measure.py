"""Measure despin: WER before/after repair and edit precision on spun/original pairs
(leave-one-out), and flags/edits on clean text.

Pairs are ``bench/despin/pairs/<name>.orig.txt`` with ``<name>.spun.txt`` (for
``seed001`` the spun side may be ``seeds/001_*.txt``). When pair ``P`` is
scored, reverse-table entries whose source is ``pair:P`` are left out, so no
pair is repaired by entries learned from it.

* **WER**: word-level Levenshtein distance / reference words. Words are runs of
  letters and digits (inner apostrophes and hyphens kept, ``’`` read as
  ``'``), compared case-sensitively; texts with the same number of lines are
  aligned line by line, others as a whole.
* **Edit precision**: the share of despin edits whose restored words line up,
  unchanged, with the reference (difflib alignment of repaired vs reference words).
  ``--real`` also sorts the wrong edits by what they did (:func:`wrong_edit_kind`):
  changed words the spinner had left alone (the edits that hurt most), put back another
  wording than the original's, or line up with no original word.
* **Clean text**: the clean seeds (000, 002, 003, 004), every pair original,
  and the Debian prose body of ``bench/despin/prose.py`` (English, plus the same
  handbook in six other languages, which must never be flagged).

* **Real set** (``--real``): the real spun/original pairs, unpaired spun texts and
  clean texts of ``bench/despin/real`` (texts kept outside git, see its README).
  Each real pair ``<id>`` is scored with every table entry whose source is
  ``real:<id>`` left out, and those of other pairs spun from the same original
  (cross-validation by article); unpaired spun texts give
  the flagged rate; clean texts must be neither flagged nor changed. Figures are
  reported overall, per spinner family and per topic.

Usage::

    python bench/despin/measure.py                 # the table the README shows
    python bench/despin/measure.py --real          # the real set (bench/despin/real)
    python bench/despin/measure.py --no-prose      # skip the Debian prose body
    python bench/despin/measure.py --rules tests/data --edits   # another pack; list edits
    python bench/despin/measure.py --real --edits  # every wrong edit with what the original says
    python bench/despin/measure.py --real --why    # the scores of the spun texts not flagged
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from textclean.config import Config, tomllib  # noqa: E402
from textclean.document import Document, Edit  # noqa: E402
from textclean.rules import RulePack  # noqa: E402
from textclean.stages.despin import DespinStage  # noqa: E402
from textclean.stages.despin.match import tokenize  # noqa: E402
from textclean.stages.despin.table import SpinTables, load_tables  # noqa: E402

if TYPE_CHECKING:
    from bench.despin.real.check import Batch, Pair
    from textclean.stages.despin.markers import Marker

PAIRS = ROOT / "bench" / "despin" / "pairs"
DEV = ROOT / "bench" / "despin" / "dev"
SEEDS = ROOT / "seeds"
CLEAN_SEEDS = ("000", "002", "003", "004")


def despin_overrides(items: Iterable[str]) -> dict[str, object]:
    """``[despin]`` settings from ``--despin KEY=VALUE`` options; each value is TOML
    (``swap_bonus=3``, ``fix_articles=false``, ``tiers=["t1"]``).

    >>> despin_overrides(["swap_bonus=3", "fix_articles=false", 'tiers=["t1"]'])
    {'swap_bonus': 3, 'fix_articles': False, 'tiers': ['t1']}
    """
    out: dict[str, object] = {}
    for item in items:
        key, _, value = item.partition("=")
        out[key] = tomllib.loads(f"v = {value}")["v"]
    return out


def words(text: str) -> list[str]:
    """Word tokens, case kept (``’`` read as ``'``).

    >>> words("Trump’s second term—so far, “slow.”")
    ["Trump's", 'second', 'term', 'so', 'far', 'slow']
    """
    return [text[t.start : t.end].replace("’", "'") for t in tokenize(text)]


def levenshtein(a: Sequence[str], b: Sequence[str]) -> int:
    """Word-level edit distance.

    >>> levenshtein("the war is no closer".split(), "the struggle is not any nearer".split())
    4
    """
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def nonblank_line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the non-blank lines of ``text`` (line ends included).

    >>> nonblank_line_spans("a b\\n\\n  \\nc\\n")
    [(0, 4), (8, 10)]
    """
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def wer(hyp: str, ref: str) -> float:
    """Word error rate of ``hyp`` against ``ref`` (line by line when line counts agree)."""
    hl = [ln for ln in hyp.splitlines() if ln.strip()]
    rl = [ln for ln in ref.splitlines() if ln.strip()]
    pairs = list(zip(hl, rl, strict=True)) if len(hl) == len(rl) else [(hyp, ref)]
    dist = sum(_distance(words(h), words(r)) for h, r in pairs)
    n = sum(len(words(r)) for _, r in pairs)
    return dist / n if n else 0.0


def _distance(a: list[str], b: list[str]) -> int:
    # Equal stretches found by difflib anchor the alignment; Levenshtein runs between them.
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(
        levenshtein(a[i1:i2], b[j1:j2])
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
        if tag != "equal"
    )


def edit_hits(repaired: str, ref: str, edits: Sequence[Edit]) -> list[bool]:
    """For each edit: do all its restored words align, unchanged, with the reference?"""
    return [ok for ok, _ in edit_alignment(repaired, ref, edits)]


def edit_alignment(repaired: str, ref: str, edits: Sequence[Edit]) -> list[tuple[bool, str]]:
    """For each edit (in text order): whether all its restored words align, unchanged,
    with the reference, and the reference words its restored words align with (what the
    original says there; empty when nothing aligns).

    >>> e = Edit("despin", "x", 4, 6, "yr", "year", {})  # offsets in the spun text
    >>> edit_alignment("the year ended", "the year ended", [e])
    [(True, 'year')]
    >>> wrong = Edit("despin", "x", 0, 11, "an enormous", "a huge", {})
    >>> edit_alignment("a huge mission", "a massive mission", [wrong])
    [(False, 'a massive')]
    """
    toks = tokenize(repaired)
    rw, refw = words(repaired), words(ref)
    sm = difflib.SequenceMatcher(None, rw, refw, autojunk=False)
    ops = sm.get_opcodes()
    good = [False] * len(rw)
    for tag, i1, i2, _j1, _j2 in ops:
        if tag == "equal":
            for i in range(i1, i2):
                good[i] = True
    out: list[tuple[bool, str]] = []
    shift = 0
    for e in sorted(edits, key=lambda e: e.start):
        s = e.start + shift
        t = s + len(e.after)
        shift += len(e.after) - (e.end - e.start)
        idx = [k for k, tok in enumerate(toks) if tok.start >= s and tok.end <= t]
        aligned: list[str] = []
        if idx:
            a0, a1 = idx[0], idx[-1] + 1
            for tag, i1, i2, j1, j2 in ops:
                if (i2 <= a0 and not i1 == i2 == a0) or i1 >= a1:
                    continue
                if tag == "equal":
                    aligned += refw[j1 + max(a0, i1) - i1 : j1 + min(a1, i2) - i1]
                else:
                    aligned += refw[j1:j2]
        out.append((bool(idx) and all(good[k] for k in idx), " ".join(aligned)))
    return out


@dataclass
class PairResult:
    name: str
    words: int
    score: float
    spun: bool
    wer_before: float
    wer_after: float
    edits: int
    correct: int
    left_out: int
    wrong: list[Edit]
    #: for each wrong edit, the reference words its restored words align with
    wrong_refs: list[str] = field(default_factory=list)
    #: the detection scores (spin_evidence and its distinct entries, spin_distinct)
    evidence: float = 0.0
    evidence_distinct: int = 0
    distinct: int = 0
    #: the edits that put back the original's words (``mapping_cut.py`` reads them)
    right: list[Edit] = field(default_factory=list)

    @property
    def cut(self) -> float:
        return 1 - self.wer_after / self.wer_before if self.wer_before else 0.0

    def wrong_with_refs(self) -> list[tuple[Edit, str]]:
        """Each wrong edit with the reference words it aligns with ("" when not recorded)."""
        return list(zip(self.wrong, self.wrong_refs or [""] * len(self.wrong), strict=True))


def find_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    out = []
    for orig in sorted(folder.glob("*.orig.txt")):
        name = orig.name[: -len(".orig.txt")]
        spun = orig.with_name(f"{name}.spun.txt")
        if not spun.exists() and name.startswith("seed"):
            spun = next(SEEDS.glob(f"{name[4:]}_*.txt"), spun)
        if spun.exists():
            out.append((name, orig, spun))
    return out


def run_pair(
    name: str,
    orig: str,
    spun: str,
    tables: SpinTables,
    cfg: Config,
    loo_: bool = True,
    sources: Sequence[str] = (),
) -> PairResult:
    """Repair ``spun`` and score it against ``orig``, leaving out the entries whose
    source is one of ``sources`` (default ``pair:<name>``) unless ``loo_`` is false."""
    loo = tables
    for src in (sources or (f"pair:{name}",)) if loo_ else ():
        loo = loo.without_source(src)
    stage = DespinStage.from_tables(cfg.despin, loo)
    doc = stage(Document(name, spun))
    aligned = edit_alignment(doc.text, orig, doc.edits)
    right: list[Edit] = []
    wrong: list[Edit] = []
    wrong_refs: list[str] = []
    for e, (ok, ref) in zip(sorted(doc.edits, key=lambda e: e.start), aligned, strict=True):
        if ok:
            right.append(e)
        else:
            wrong.append(e)
            wrong_refs.append(ref)
    return PairResult(
        name=name,
        words=len(words(orig)),
        score=float(doc.scores["spin_score"]),
        spun=bool(doc.scores["spun"]),
        wer_before=wer(spun, orig),
        wer_after=wer(doc.text, orig),
        edits=len(doc.edits),
        correct=len(right),
        left_out=len(tables.entries) - len(loo.entries),
        wrong=wrong,
        wrong_refs=wrong_refs,
        right=right,
        evidence=float(doc.scores["spin_evidence"]),
        evidence_distinct=int(doc.scores["spin_evidence_distinct"]),
        distinct=int(doc.scores["spin_distinct"]),
    )


@dataclass
class CleanResult:
    label: str
    docs: int
    words: int
    flagged: int
    edits: int
    max_score: float
    max_doc: str
    max_distinct: int = 0
    max_evidence: float = 0.0
    max_evidence_doc: str = ""
    flagged_docs: list[str] = field(default_factory=list)


def run_clean(label: str, docs: Iterable[tuple[str, str]], stage: DespinStage) -> CleanResult:
    r = CleanResult(label, 0, 0, 0, 0, 0.0, "")
    for name, text in docs:
        doc = stage(Document(name, text))
        r.docs += 1
        r.words += len(words(text))
        r.flagged += bool(doc.scores["spun"])
        r.edits += len(doc.edits)
        r.max_distinct = max(r.max_distinct, int(doc.scores["spin_distinct"]))
        if float(doc.scores["spin_score"]) > r.max_score or not r.max_doc:
            r.max_score, r.max_doc = float(doc.scores["spin_score"]), name
        ev = float(doc.scores["spin_evidence"])
        if ev > r.max_evidence or not r.max_evidence_doc:
            r.max_evidence, r.max_evidence_doc = ev, name
        if doc.scores["spun"] or doc.edits:
            r.flagged_docs.append(name)
    return r


def clean_sets(pairs: list[tuple[str, Path, Path]], prose: bool) -> list[tuple[str, list]]:
    sets: list[tuple[str, list]] = []
    seeds = [
        (p.name, p.read_text(encoding="utf-8")) for s in CLEAN_SEEDS for p in SEEDS.glob(f"{s}_*")
    ]
    sets.append(("clean seeds", seeds))
    sets.append(("pair originals", [(o.name, o.read_text(encoding="utf-8")) for _, o, _ in pairs]))
    for label, folder in (
        ("bench/despin/clean", ROOT / "bench" / "despin" / "clean"),
        ("tests/data/prose", ROOT / "tests" / "data" / "prose"),
    ):
        sets.append((label, _text_dir(folder)))
    dev = [(o.name, o.read_text(encoding="utf-8")) for _, o, _ in find_pairs(DEV)]
    sets.append(("dev pair originals", dev))
    if prose:
        from bench.despin import prose as prose_mod

        sets.append(("Debian prose (en)", prose_mod.load("en")))
        sets.append(
            ("literary prose (fortunes: fiction, quotes, poems)", prose_mod.load("literary"))
        )
        foreign = [d for lang in prose_mod.FOREIGN for d in prose_mod.load(lang)]
        english = [d for label, docs in sets for d in docs]
        sets.append(("Debian prose (6 other languages)", foreign))
    else:
        english = [d for label, docs in sets for d in docs]
    sets.append(("short pieces of the English sets above (20-149 words)", short_pieces(english)))
    return sets


#: a short piece: whole sentences, at least this many words and fewer than the stage's
#: ``score_min_words`` (150), below which every text is scored as if that long
PIECE_WORDS = (20, 149)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def short_pieces(
    docs: Iterable[tuple[str, str]], lo: int = PIECE_WORDS[0], hi: int = PIECE_WORDS[1]
) -> list[tuple[str, str]]:
    """Every document cut into runs of whole sentences of ``lo``–``hi`` words (a run that
    reaches ``lo`` words ends there; one longer than ``hi`` is dropped): the encyclopaedia
    leads and definitions spinners rewrite are this short, so short clean prose must not
    be flagged either.

    >>> short_pieces([("d", "One two three. Four five six seven. Eight.")], lo=3, hi=5)
    [('d#0', 'One two three.'), ('d#1', 'Four five six seven.')]
    """
    out: list[tuple[str, str]] = []
    for name, text in docs:
        run: list[str] = []
        k = 0
        for sentence in _SENTENCE_END.split(text):
            run.append(sentence)
            piece = " ".join(run)
            n = len(piece.split())
            if n >= lo:
                if n <= hi:
                    out.append((f"{name}#{k}", piece))
                    k += 1
                run = []
    return out


def _text_dir(folder: Path, pattern: str = "*.txt") -> list[tuple[str, str]]:
    """Every file under ``folder`` matching ``pattern`` (sorted), as ``(relative name, text)``."""
    return [
        (str(p.relative_to(folder)), p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(folder.rglob(pattern))
        if p.is_file() and not p.is_symlink()
    ]


def bench_corpus() -> list[tuple[str, str]]:
    """The bench corpus (documentation of six Debian packages, built by
    ``python bench/corpus.py``) from ``$TEXTCLEAN_BENCH_CACHE`` or ``bench/.cache/corpus``;
    empty when it has not been built."""
    folder = Path(os.environ.get("TEXTCLEAN_BENCH_CACHE", ROOT / "bench" / ".cache" / "corpus"))
    path = folder / "corpus.jsonl"
    if not path.exists():
        print(f"bench corpus not built ({path}): run python bench/corpus.py", file=sys.stderr)
        return []
    with path.open(encoding="utf-8") as fh:
        return [(d["id"], d["text"]) for d in map(json.loads, fh)]


def report(pairs: list[PairResult], clean: list[CleanResult], show_edits: bool) -> str:
    lines = [
        "| pair | words | spin_score | flagged | WER before | WER after | WER cut | edits |"
        " precision | entries left out |",
        "|---|---:|---:|:-:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in pairs:
        prec = f"{p.correct / p.edits:.1%}" if p.edits else "—"
        lines.append(
            f"| {p.name} | {p.words} | {p.score:.1f} | {'yes' if p.spun else 'no'} |"
            f" {p.wer_before:.3f} | {p.wer_after:.3f} | {p.cut:.1%} | {p.edits} | {prec} |"
            f" {p.left_out} |"
        )
    groups = [("total", pairs)]
    untouched = [p for p in pairs if p.left_out == 0]
    if pairs and 0 < len(untouched) < len(pairs):
        # the pairs no table entry was learned from (nothing had to be left out)
        groups.append(("pairs the table was not built from", untouched))
    for label, group in groups if pairs else []:
        n = sum(p.words for p in group)
        before = sum(p.wer_before * p.words for p in group) / n
        after = sum(p.wer_after * p.words for p in group) / n
        edits = sum(p.edits for p in group)
        correct = sum(p.correct for p in group)
        prec = f"{correct / edits:.1%}" if edits else "—"
        cut = 1 - after / before if before else 0.0
        lines.append(
            f"| **{label}** | {n} | | {sum(p.spun for p in group)}/{len(group)} | {before:.3f} |"
            f" {after:.3f} | {cut:.1%} | {edits} | {prec} | |"
        )
    lines += [
        "",
        "| clean text | documents | words | flagged | edits | highest spin_score |"
        " highest spin_distinct | highest spin_evidence |",
        "|---|---:|---:|---:|---:|---|---:|---|",
    ]
    for c in clean:
        lines.append(
            f"| {c.label} | {c.docs} | {c.words} | {c.flagged} | {c.edits} |"
            f" {c.max_score:.1f} ({c.max_doc}) | {c.max_distinct} |"
            f" {c.max_evidence:.1f} ({c.max_evidence_doc}) |"
        )
    for c in clean:
        if c.flagged_docs:
            lines.append(f"{c.label}: flagged or edited: {', '.join(c.flagged_docs[:20])}")
    if show_edits:
        for p in pairs:
            for e, ref in p.wrong_with_refs():
                lines.append(
                    f"{p.name}: {e.rule} {e.before!r} -> {e.after!r} (original: {ref!r})"
                    f" {dict(e.evidence)}"
                )
    return "\n".join(lines)


#: the paraphrase / round-trip rewriters: sentence-level rewording, not word swaps
PARAPHRASE = "e"
#: source tag of the table entries learned from real pair ``<id>`` (see bench/despin/real)
REAL_SOURCE = "real:{id}"


@dataclass
class RealResult:
    pairs: list[tuple[str, str, PairResult]]  # (family, topic, result)
    # (id, family, topic, score, flagged, evidence, evidence entries, distinct, words)
    spun: list[tuple[str, str, str, float, bool, float, int, int, int]]
    clean: list[
        tuple[str, str, int, float, bool, int]
    ]  # (id, site, words, score, flagged, changed)
    skipped: list[str]


def learned_without(tables: SpinTables, exclude: Sequence[str]) -> SpinTables:
    """``tables`` with the entries learned from the real pairs (``real_pairs.tsv``,
    ``bench/despin/real/learn.py``) rebuilt as :func:`learn` builds them without the
    pairs in ``exclude``: every filter (support, frequency) is re-run, so an entry
    that needed an excluded pair goes, and one another pair also teaches stays. The
    learned markers are weighed again the same way (:func:`learned_markers_without`)."""
    from bench.despin.real import learn as learn_mod

    swaps = _learn_inputs()
    tables = replace(tables, markers=learned_markers_without(tables.markers, exclude, swaps[1]))
    base = {k: e for k, e in tables.entries.items() if Path(e.path).name != LEARNED_FILE}
    if len(base) == len(tables.entries):
        return tables
    # the rebuilt entries keep the file's path: the stage treats that file's entries apart
    path = next(e.path for e in tables.entries.values() if Path(e.path).name == LEARNED_FILE)
    entries = dict(base)
    known = list(base)  # a spun form has one entry in the whole pack (as learn.py)
    for e in learn_mod.learn(swaps[0], known, swaps[1], exclude=exclude):
        entries.setdefault(e.spun, replace(e, path=path))
    return replace(tables, entries=entries)


def learned_markers_without(
    markers: Sequence[Marker], exclude: Sequence[str], article: dict[str, str]
) -> tuple[Marker, ...]:
    """``markers`` with every learned one (note ``learned``,
    ``bench/despin/real/learn_markers.py``) as that script makes it without the pairs
    in ``exclude``: it goes when only they taught it, and it weighs something only
    while the pairs left teach it from two articles or more (pairs spun from one
    original, ``article``, count once). The stage's own :meth:`SpinTables.without_source`
    counts pairs, not articles.

    >>> from textclean.stages.despin.markers import Marker
    >>> m = Marker("m", "d", 0.5, "organic frameworks", "biological systems",
    ...            source="real:a|real:b|real:c", note="learned")
    >>> [x.weight for x in learned_markers_without([m], ["a"], {"b": "o", "c": "o"})]
    [0.0]
    >>> [x.weight for x in learned_markers_without([m], ["a"], {"b": "o", "c": "p"})]
    [0.5]
    >>> learned_markers_without([m], ["a", "b", "c"], {})
    ()
    """
    from bench.despin.real.learn_markers import weight_of

    skip = {REAL_SOURCE.format(id=i) for i in exclude}
    out = []
    for m in markers:
        if m.note != "learned" or not skip & set(m.sources):
            out.append(m)
            continue
        rest = [s for s in m.sources if s not in skip]
        if not rest:
            continue
        weight = weight_of([s.removeprefix("real:") for s in rest], article)
        out.append(replace(m, source="|".join(rest), weight=weight))
    return tuple(out)


def same_original(
    pairs: Iterable[Pair], keys: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """Pair id → the ids of the real pairs of its article (itself included, in the order
    given): the pairs it is left out together with. ``keys`` (pair id → article key)
    defaults to ``check.article_keys()``: pairs spun from one original, and pairs that
    ``same_article.tsv`` ties together."""
    from bench.despin.real.check import article_keys

    key = keys if keys is not None else article_keys()
    article = {p.id: key.get(p.id, p.orig.row.sha256) for p in pairs}
    groups: dict[str, list[str]] = {}
    for pair_id, art in article.items():
        groups.setdefault(art, []).append(pair_id)
    return {pair_id: groups[art] for pair_id, art in article.items()}


def tables_without(tables: SpinTables, ids: Sequence[str]) -> SpinTables:
    """``tables`` as a real pair is scored with them: the learned table rebuilt
    without the pairs ``ids`` (:func:`learned_without`), then every ``real:<id>``
    source of them left out of the other entries."""
    out = learned_without(tables, ids)
    for i in ids:
        out = out.without_source(REAL_SOURCE.format(id=i))
    return out


#: the reverse-table file learned from the real pairs (rebuilt per scored pair)
LEARNED_FILE = "real_pairs.tsv"


@lru_cache(maxsize=1)
def _learn_inputs() -> tuple[list, dict[str, str]]:
    from bench.despin.real import learn as learn_mod

    return learn_mod.learnable_swaps(), learn_mod.articles()


def run_real(tables: SpinTables, cfg: Config, loo_: bool = True) -> RealResult:
    """Score the real set: pairs cross-validated by article, unpaired spun, clean.

    When pair ``P`` is scored, every entry whose source is ``real:<Q>`` loses that
    source for each pair ``Q`` spun from the same original as ``P`` (``P`` itself
    included), and the learned table ``real_pairs.tsv`` is rebuilt without them
    (:func:`learned_without`)."""
    from bench.despin.real.check import load_set

    real = load_set()
    # pairs of one article (same original, or tied in same_article.tsv) are left out together
    same_orig = same_original(real.pairs)
    # the second look's weights, refitted without each fold of articles (learn_redecide.py)
    refit = {}
    if loo_ and tables.redecide is not None:
        from bench.despin.real.learn_redecide import fold_models

        refit = fold_models(tables, cfg, real.pairs)
    pairs = []
    for p in real.pairs:
        ids = same_orig[p.id]
        scored_with = learned_without(tables, ids) if loo_ else tables
        if p.id in refit:
            scored_with = replace(scored_with, redecide=refit[p.id])
        result = run_pair(
            p.id,
            p.orig.text,
            p.spun.text,
            scored_with,
            cfg,
            loo_,
            tuple(REAL_SOURCE.format(id=i) for i in ids),
        )
        # run_pair counts what it left out of the rebuilt tables; add what the rebuild left out
        left = len(tables.entries) - len(scored_with.entries)
        pairs.append((p.family, p.topic, replace(result, left_out=result.left_out + left)))
    stage = DespinStage.from_tables(cfg.despin, tables)
    spun = []
    for t in real.spun:
        doc = stage(Document(t.row.id, t.text))
        spun.append(
            (
                t.row.id,
                t.row.family,
                t.row.topic,
                float(doc.scores["spin_score"]),
                bool(doc.scores["spun"]),
                float(doc.scores["spin_evidence"]),
                int(doc.scores["spin_evidence_distinct"]),
                int(doc.scores["spin_distinct"]),
                len(words(t.text)),
            )
        )
    clean = []
    for t in real.clean:
        doc = stage(Document(t.row.id, t.text))
        changed = _distance(words(doc.text), words(t.text))
        clean.append(
            (
                t.row.id,
                t.row.site,
                len(words(t.text)),
                float(doc.scores["spin_score"]),
                bool(doc.scores["spun"]),
                changed,
            )
        )
    return RealResult(pairs, spun, clean, real.skipped)


def wrong_edit_kind(before: str, ref: str) -> str:
    """What a wrong edit did, by what the original says where its restored words stand
    (``ref``, from :func:`edit_alignment`): ``"unspun"`` when the original has the very
    words the edit replaced (the spinner had left them alone, and the edit made them
    wrong), ``"other"`` when the spinner had changed them and the edit put back another
    wording than the original's, ``"unaligned"`` when no original word lines up.

    >>> wrong_edit_kind("launch", "launch"), wrong_edit_kind("It has", "it has")
    ('unspun', 'unspun')
    >>> wrong_edit_kind("value", "cost"), wrong_edit_kind("trade", "")
    ('other', 'unaligned')
    """
    if not ref.strip():
        return "unaligned"
    same = [w.lower() for w in words(before)] == [w.lower() for w in words(ref)]
    return "unspun" if same else "other"


def _wrong_edit_line(group: list[PairResult]) -> str:
    kinds = Counter(wrong_edit_kind(e.before, ref) for p in group for e, ref in p.wrong_with_refs())
    return (
        f"wrong edits: {sum(kinds.values())}; {kinds['unspun']} changed words the spinner had"
        f" left alone, {kinds['other']} put back another wording than the original's,"
        f" {kinds['unaligned']} line up with no original word"
    )


def _group_line(label: str, group: list[PairResult]) -> str:
    n = sum(p.words for p in group)
    before = sum(p.wer_before * p.words for p in group) / n if n else 0.0
    after = sum(p.wer_after * p.words for p in group) / n if n else 0.0
    edits = sum(p.edits for p in group)
    correct = sum(p.correct for p in group)
    prec = f"{correct / edits:.1%}" if edits else "—"
    cut = 1 - after / before if before else 0.0
    return (
        f"| {label} | {len(group)} | {n} | {sum(p.spun for p in group)}/{len(group)} |"
        f" {before:.3f} | {after:.3f} | {cut:.1%} | {edits} | {prec} |"
    )


def _batch_lines(r: RealResult, batches: Sequence[Batch]) -> list[str]:
    """Group lines per batch of ``blind_batches.md`` (all its pairs, then each family),
    for the pairs present; the unpaired spun and clean texts of each batch on one line."""
    out = []
    for b in batches:
        ids = set(b.ids)
        pairs = [t for t in r.pairs if t[2].name in ids]
        spun = [s for s in r.spun if s[0] in ids]
        clean = [c for c in r.clean if c[0] in ids]
        if not (pairs or spun or clean):
            continue
        label = f"{b.name.lower()} ({b.status})"
        if pairs:
            out.append(_group_line(label, [t[2] for t in pairs]))
            for fam in sorted({t[0] for t in pairs}):
                group = [t[2] for t in pairs if t[0] == fam]
                out.append(_group_line(f"{b.name.lower()} family {fam}", group))
        fams = sorted({s[1] for s in spun})
        per_fam = ", ".join(
            f"{f} {sum(s[4] for s in spun if s[1] == f)}/{sum(s[1] == f for s in spun)}"
            for f in fams
        )
        out.append(
            f"| {b.name.lower()}: unpaired spun flagged {sum(s[4] for s in spun)}/{len(spun)}"
            f" ({per_fam}); clean flagged {sum(c[4] for c in clean)}/{len(clean)},"
            f" words changed {sum(c[5] for c in clean)} | | | | | | | | |"
        )
    return out


def report_real(
    r: RealResult, show_edits: bool, why: bool = False, batches: Sequence[Batch] | None = None
) -> str:
    """The report of ``measure.py --real``: every pair, the groups (all, by family, by
    topic, by batch of ``batches``, read from ``blind_batches.md`` when not given), the
    unpaired spun and the clean texts."""
    if batches is None:
        from bench.despin.real.check import read_batches

        batches = read_batches()
    lines = [
        "Real pairs (cross-validated by article: entries with source real:<id> left out"
        " when pair <id> is scored)",
        "",
        "| pair | family | topic | words | spin_score | flagged | WER before | WER after |"
        " WER cut | edits | precision | entries left out |",
        "|---|---|---|---:|---:|:-:|---:|---:|---:|---:|---:|---:|",
    ]
    for fam, topic, p in r.pairs:
        prec = f"{p.correct / p.edits:.1%}" if p.edits else "—"
        lines.append(
            f"| {p.name} | {fam} | {topic} | {p.words} | {p.score:.1f} |"
            f" {'yes' if p.spun else 'no'} |"
            f" {p.wer_before:.3f} | {p.wer_after:.3f} | {p.cut:.1%} | {p.edits} | {prec} |"
            f" {p.left_out} |"
        )
    head = (
        "| group | pairs | words | flagged | WER before | WER after | WER cut | edits |"
        " precision |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    )
    lines += ["", *head]
    if r.pairs:
        lines.append(_group_line("**all pairs**", [p for _, _, p in r.pairs]))
        word_level = [p for fam, _, p in r.pairs if fam != PARAPHRASE]
        if 0 < len(word_level) < len(r.pairs):
            lines.append(_group_line("**all but family e (paraphrase)**", word_level))
    for key, idx in (("family", 0), ("topic", 1)):
        for val in sorted({t[idx] for t in r.pairs}):
            group = [t[2] for t in r.pairs if t[idx] == val]
            lines.append(_group_line(f"{key} {val}", group))
    lines += _batch_lines(r, batches)
    if r.pairs:
        lines += ["", _wrong_edit_line([p for _, _, p in r.pairs])]
    lines += ["", "| unpaired spun | texts | flagged | flagged rate | lowest spin_score |"]
    lines.append("|---|---:|---:|---:|---|")
    groups = [("all", r.spun), ("all but family e", [s for s in r.spun if s[1] != PARAPHRASE])]
    groups += [
        (f"family {f}", [s for s in r.spun if s[1] == f]) for f in sorted({s[1] for s in r.spun})
    ]
    for label, g in groups:
        if not g:
            continue
        low = min(g, key=lambda s: s[3])
        flagged = sum(s[4] for s in g)
        lines.append(
            f"| {label} | {len(g)} | {flagged} | {flagged / len(g):.0%} | {low[3]:.1f} ({low[0]}) |"
        )
    lines += [
        "",
        "| clean | texts | sites | words | flagged | words changed | highest spin_score |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---|")
    if r.clean:
        high = max(r.clean, key=lambda c: c[3])
        lines.append(
            f"| real clean | {len(r.clean)} | {len({c[1] for c in r.clean})} |"
            f" {sum(c[2] for c in r.clean)} | {sum(c[4] for c in r.clean)} |"
            f" {sum(c[5] for c in r.clean)} | {high[3]:.1f} ({high[0]}) |"
        )
    flagged_clean = [c[0] for c in r.clean if c[4] or c[5]]
    if flagged_clean:
        lines.append(f"clean texts flagged or changed: {', '.join(flagged_clean)}")
    unflagged = [s[0] for s in r.spun if not s[4]] + [p.name for _, _, p in r.pairs if not p.spun]
    if unflagged:
        lines.append(f"spun texts not flagged: {', '.join(unflagged)}")
    if why:
        lines += [
            "",
            "| spun text not flagged | kind | family | words | spin_score (distinct) |"
            " spin_evidence (entries) |",
            "|---|---|---|---:|---:|---:|",
        ]
        for s in r.spun:
            if not s[4]:
                lines.append(
                    f"| {s[0]} | unpaired | {s[1]} | {s[8]} | {s[3]:.1f} ({s[7]}) |"
                    f" {s[5]:.1f} ({s[6]}) |"
                )
        for fam, _, p in r.pairs:
            if not p.spun:
                lines.append(
                    f"| {p.name} | pair | {fam} | {p.words} | {p.score:.1f} ({p.distinct}) |"
                    f" {p.evidence:.1f} ({p.evidence_distinct}) |"
                )
    if r.skipped:
        lines.append(f"skipped (missing or changed, see check.py): {len(r.skipped)}")
    if show_edits:
        for _, _, p in r.pairs:
            for e, ref in p.wrong_with_refs():
                lines.append(
                    f"{p.name}: {e.rule} {e.before!r} -> {e.after!r} (original: {ref!r})"
                    f" {dict(e.evidence)}"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS, help="folder of <name>.orig/.spun.txt")
    ap.add_argument("--rules", action="append", default=[], help="extra rule pack (repeatable)")
    ap.add_argument("--no-prose", action="store_true", help="skip the Debian prose body")
    ap.add_argument(
        "--edits",
        action="store_true",
        help="list the edits that missed, with the original's words where each stands",
    )
    ap.add_argument(
        "--in-sample",
        action="store_true",
        help="keep each pair's own entries (an engine check, NOT the reported figure)",
    )
    ap.add_argument(
        "--despin",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a [despin] setting, value as in TOML (repeatable): swap_bonus=3",
    )
    ap.add_argument(
        "--real", action="store_true", help="score the real set of bench/despin/real instead"
    )
    ap.add_argument(
        "--why",
        action="store_true",
        help="with --real: the detection scores of every spun text that is not flagged",
    )
    ap.add_argument(
        "--corpus",
        action="store_true",
        help="also check the bench corpus (documentation, python bench/corpus.py) as clean text",
    )
    ap.add_argument(
        "--text-dir",
        action="append",
        default=[],
        type=Path,
        help="also check every file under this folder as clean text (repeatable)",
    )
    args = ap.parse_args(argv)
    cfg = Config(rules=tuple(args.rules)).replace(despin=despin_overrides(args.despin))
    tables = load_tables(RulePack.load(cfg.rules))
    if args.real:
        print(f"reverse table: {len(tables.entries)} entries; config: {cfg.despin}")
        print(report_real(run_real(tables, cfg, not args.in_sample), args.edits, args.why))
        return 0
    pairs = find_pairs(args.pairs)
    results = [
        run_pair(
            n,
            o.read_text(encoding="utf-8"),
            s.read_text(encoding="utf-8"),
            tables,
            cfg,
            not args.in_sample,
        )
        for n, o, s in pairs
    ]
    stage = DespinStage.from_tables(cfg.despin, tables)
    sets = clean_sets(pairs, not args.no_prose)
    sets += [(f"text dir {d.name}", _text_dir(d, "*")) for d in args.text_dir]
    if args.corpus:
        sets.append(("bench corpus (documentation)", bench_corpus()))
    clean = [run_clean(label, docs, stage) for label, docs in sets]
    print(f"reverse table: {len(tables.entries)} entries; config: {cfg.despin}")
    print(report(results, clean, args.edits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
