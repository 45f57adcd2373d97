"""The Gopher quality signals as first written: plain Python per word and n-gram.

A reference for :mod:`textclean.stages.quality.signals`, which computes the same numbers with
shared tokenization and numpy n-gram ids (tests check they agree exactly;
``bench/test_bench_pathological.py`` times both). The C4 and FineWeb signals
did not change and are taken from :mod:`textclean.stages.quality.signals` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from textclean.stages.quality.signals import (
    _HAS_ALPHA,
    _PARAGRAPH_SPLIT,
    _nonblank_lines,
    c4_signals,
    fineweb_signals,
    repeated,
    words_of,
)
from textclean.stages.quality.thresholds import Thresholds

ScoreValue = Any


def _ngrams(ids: list[int], n: int) -> list[tuple[int, ...]]:
    return list(zip(*(ids[i:] for i in range(n)), strict=False))  # shorter tails end it


def _top_ngram_chars(ids: list[int], lengths: list[int], n: int) -> int:
    """Characters covered by the most frequent n-gram (its length times its count)."""
    grams = _ngrams(ids, n)
    if not grams:
        return 0
    counts = Counter(grams)
    best = max(counts.values())
    if best < 2:
        return 0
    # Deterministic choice among equally frequent n-grams: the first to occur.
    for i, g in enumerate(grams):
        if counts[g] == best:
            return (sum(lengths[i : i + n]) + n - 1) * best
    return 0  # pragma: no cover


def _dup_ngram_chars(ids: list[int], prefix: list[int], n: int) -> int:
    """Characters of n-grams that repeat an earlier n-gram, each word counted once."""
    grams = _ngrams(ids, n)
    seen: set[tuple[int, ...]] = set()
    chars = i = 0
    last = len(grams)
    while i < last:
        g = grams[i]
        if g in seen:
            chars += prefix[i + n] - prefix[i] + n - 1
            i += n
        else:
            seen.add(g)
            i += 1
    return chars


# --------------------------------------------------------------------------- signals


def gopher_quality_signals(text: str, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    words = words_of(text)
    n = len(words)
    lines = _nonblank_lines(text)
    bullets = tuple(t["bullet_prefixes"])
    stop = {w.lower() for w in t["stop_words"]}
    ellipses = text.count("...") + text.count("…")
    return {
        "gopher.words": n,
        "gopher.mean_word_length": round(sum(len(w) for w in words) / n, 4) if n else 0.0,
        "gopher.hash_word_ratio": round(text.count("#") / n, 4) if n else 0.0,
        "gopher.ellipsis_word_ratio": round(ellipses / n, 4) if n else 0.0,
        "gopher.bullet_lines_ratio": (
            round(sum(ln.startswith(bullets) for ln in lines) / len(lines), 4) if lines else 0.0
        ),
        "gopher.ellipsis_lines_ratio": (
            round(sum(ln.endswith(("...", "…")) for ln in lines) / len(lines), 4) if lines else 0.0
        ),
        "gopher.alpha_words_ratio": (
            round(sum(1 for w in words if _HAS_ALPHA.search(w)) / n, 4) if n else 0.0
        ),
        "gopher.stop_words": len({w.lower() for w in words} & stop),  # distinct stop words
    }


def gopher_repetition_signals(text: str, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    del t
    size = len(text) or 1
    paras = [p.strip() for p in _PARAGRAPH_SPLIT.split(text.strip()) if p.strip()]
    lines = _nonblank_lines(text)
    p_dup, p_chars = repeated(paras)
    l_dup, l_chars = repeated(lines)
    words = words_of(text)
    vocab: dict[str, int] = {}
    ids = [vocab.setdefault(w, len(vocab)) for w in words]
    lengths = [len(w) for w in words]
    prefix = [0]
    for n_chars in lengths:
        prefix.append(prefix[-1] + n_chars)
    out: dict[str, ScoreValue] = {
        "gopher_rep.dup_para_fraction": round(p_dup / len(paras), 4) if paras else 0.0,
        "gopher_rep.dup_para_char_fraction": round(p_chars / size, 4),
        "gopher_rep.dup_line_fraction": round(l_dup / len(lines), 4) if lines else 0.0,
        "gopher_rep.dup_line_char_fraction": round(l_chars / size, 4),
    }
    for n in (2, 3, 4):
        top = _top_ngram_chars(ids, lengths, n)
        out[f"gopher_rep.top_{n}gram_char_fraction"] = round(top / size, 4)
    for n in range(5, 11):
        dup = _dup_ngram_chars(ids, prefix, n)
        out[f"gopher_rep.dup_{n}gram_char_fraction"] = round(dup / size, 4)
    return out


def score(text: str, thresholds: Thresholds) -> dict[str, ScoreValue]:
    """Every signal (no failures), as the first implementation computed them."""
    out: dict[str, ScoreValue] = {}
    out.update(c4_signals(text, thresholds["c4"]))
    out.update(gopher_quality_signals(text, thresholds["gopher_quality"]))
    out.update(gopher_repetition_signals(text, thresholds["gopher_repetition"]))
    out.update(fineweb_signals(text, thresholds["fineweb"]))
    return out
