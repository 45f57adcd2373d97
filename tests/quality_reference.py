"""The quality signals written again from their papers' definitions, in plain Python.

An independent reference for :mod:`textclean.stages.quality.signals` (tests check
they agree exactly; ``bench/test_bench_pathological.py`` times both). Nothing here
comes from textclean: the word tokenizer, line and paragraph splitting and the
duplicate counting are written again below from the definitions.

* C4 (Raffel et al. 2020, JMLR 21(140), section 2.2, as in tensorflow_datasets'
  ``c4_utils.clean_page``): per stripped line, drop it when a word is longer than
  ``max_word_length``; remove citation marks ("[1]", "[edit]", "[citation needed]");
  keep only lines ending in a terminal mark and not in an ellipsis, with at least
  ``min_words_per_line`` whitespace-separated words; a line with "lorem ipsum" or
  "{" condemns the page; a line with "javascript" or a policy phrase is dropped;
  sentences are counted in the kept lines (a run of . ! ? with closing quotes or
  brackets, followed by white space or the end; at least one per line).
* Gopher quality and repetition (Rae et al. 2021, arXiv:2112.11446, appendix A.1.1).
* FineWeb (Penedo et al. 2024, arXiv:2406.17557, section 3.5): over the non-blank
  lines (stripped), the share ending in a terminal mark, the share of at most
  ``short_line_length`` characters, the characters in lines repeating an earlier
  line over all characters but newlines, and lines per word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import regex

from textclean.stages.quality.thresholds import Thresholds

# A word: letters, digits or marks, joined by inner apostrophes or hyphens.
_WORD_RE = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*")
_LETTER = regex.compile(r"\p{L}")


def words_of(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _nonblank_lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            out.append(stripped)
    return out


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by a line holding only white space (or nothing)."""
    paras, block = [], []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            paras.append("\n".join(block).strip())
            block = []
    if block:
        paras.append("\n".join(block).strip())
    return [p for p in paras if p]


def repeated(items: list[str]) -> tuple[int, int]:
    """Items equal to an earlier one: how many, and their characters."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        seen.add(item)
    return count, chars


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
            round(sum(1 for w in words if _LETTER.search(w)) / n, 4) if n else 0.0
        ),
        "gopher.stop_words": len({w.lower() for w in words} & stop),  # distinct stop words
    }


def gopher_repetition_signals(text: str, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    del t
    size = len(text) or 1
    paras = _paragraphs(text)
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


_CITATION_MARK = regex.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", regex.IGNORECASE)


def _sentences_in(line: str) -> int:
    """Sentence ends: a run of . ! ? (then closing quotes or brackets) before a space or the end."""
    count, i, n = 0, 0, len(line)
    while i < n:
        if line[i] in ".!?":
            j = i
            while j < n and line[j] in ".!?":
                j += 1
            while j < n and line[j] in "\"'”’)]":
                j += 1
            if j == n or line[j].isspace():
                count += 1
            i = j
        else:
            i += 1
    return max(1, count)


def c4_signals(text: str, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    lines = _nonblank_lines(text)
    kept = sentences = javascript = policy = 0
    lorem = curly = False
    for line in lines:
        if any(len(word) > t["max_word_length"] for word in line.split()):
            continue
        line = _CITATION_MARK.sub("", line)
        if not line.endswith(tuple(t["end_marks"])) or line.endswith(t["ellipsis"]):
            continue
        if len(line.split()) < t["min_words_per_line"]:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower:
            lorem = True
        elif "javascript" in lower:
            javascript += 1
        elif "{" in line:
            curly = True
        elif any(phrase in lower for phrase in t["policy_substrings"]):
            policy += 1
        else:
            kept += 1
            sentences += _sentences_in(line)
    return {
        "c4.lines": len(lines),
        "c4.lines_kept": kept,
        "c4.kept_fraction": round(kept / len(lines), 4) if lines else 0.0,
        "c4.sentences": sentences,
        "c4.javascript_lines": javascript,
        "c4.policy_lines": policy,
        "c4.lorem_ipsum": lorem,
        "c4.curly_bracket": curly,
    }


def fineweb_signals(text: str, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    lines = _nonblank_lines(text)
    n = len(lines)
    marks = tuple(t["end_marks"])
    chars = len(text.replace("\n", "")) or 1
    words = len(words_of(text))
    return {
        "fineweb.line_punct_ratio": round(sum(1 for ln in lines if ln.endswith(marks)) / n, 4)
        if n
        else 0.0,
        "fineweb.short_line_ratio": round(
            sum(1 for ln in lines if len(ln) <= t["short_line_length"]) / n, 4
        )
        if n
        else 0.0,
        "fineweb.dup_line_char_ratio": round(repeated(lines)[1] / chars, 4),
        "fineweb.newline_word_ratio": round(n / words, 4) if words else 0.0,
    }


def score(text: str, thresholds: Thresholds) -> dict[str, ScoreValue]:
    """Every signal (no failures), computed from the definitions above."""
    out: dict[str, ScoreValue] = {}
    out.update(c4_signals(text, thresholds["c4"]))
    out.update(gopher_quality_signals(text, thresholds["gopher_quality"]))
    out.update(gopher_repetition_signals(text, thresholds["gopher_repetition"]))
    out.update(fineweb_signals(text, thresholds["fineweb"]))
    return out
