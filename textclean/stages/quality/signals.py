"""Document quality signals: C4 line rules, Gopher quality and repetition, FineWeb lines.

These are *scores*: the quality stage stores them in ``doc.scores`` and drops
a document only when the config opts in (``[quality] drop_on_quality``).
The thresholds are data, in ``rules/quality/thresholds.toml``, where each one
cites its source (the C4 paper and its TFDS implementation, the Gopher paper's
Table A1 and datatrove's implementations of Gopher and FineWeb filters).

Differences from those implementations, on purpose:

* words come from a Unicode regex tokenizer, not NLTK's ``word_tokenize``;
* line ratios (bullets, ellipses, punctuation, short lines, duplicates) are over
  *non-blank* lines, so a text that separates paragraphs by blank lines scores
  the same as one that does not.

Gopher's stop-word rule counts *distinct* stop words (the paper asks for "at
least two of" them; datatrove intersects sets):

>>> t = {"stop_words": ["the", "of"], "bullet_prefixes": ["- "]}
>>> gopher_quality_signals("The end of the the the story.", t)["gopher.stop_words"]
2
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Generic, TypeVar, overload

import numpy as np
import regex

from textclean.dedup._kernel import stages_use_numba
from textclean.document import ScoreValue
from textclean.stages.normalize import REGEX_SPACE
from textclean.stages.quality import _kernel
from textclean.stages.quality.thresholds import FAMILIES, Thresholds

# --------------------------------------------------------------------------- tokenizing

_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*")
_HAS_ALPHA = regex.compile(r"\p{L}")
_CITATION = regex.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", regex.IGNORECASE)
_SENTENCE_END = regex.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_PARAGRAPH_SPLIT = regex.compile(r"\n\s*\n")
#: :data:`_PARAGRAPH_SPLIT` for ``re``, which finds its leading line feed by a search in
#: C: the same splits (``REGEX_SPACE`` is what ``regex`` calls ``\s``).
_PARAGRAPH_SPLIT_RE = re.compile(f"\n[{REGEX_SPACE}]*\n")
#: What ``regex`` calls white space (``\s``: none above U+3000; every code point is
#: checked in tests/test_quality.py), and the closing marks of :data:`_SENTENCE_END`.
_WHITE = frozenset(regex.findall(r"\s", "".join(map(chr, range(0x3001)))))
_CLOSING = "\"'”’)]"
_FIRST = itemgetter(slice(0, 1))


def words_of(text: str) -> list[str]:
    """Word tokens (letters/digits with inner apostrophes or hyphens), punctuation dropped.

    >>> words_of("Don't panic — it's 9.5 well-known #tags!")
    ["Don't", 'panic', "it's", '9', '5', 'well-known', 'tags']
    """
    return _WORD.findall(text)


_T = TypeVar("_T")


class _cached(Generic[_T]):
    """A property computed on first use and stored on the instance.

    ``functools.cached_property`` as in Python 3.12 and later: the one of Python 3.11
    takes a lock on every first use (a :class:`Parsed` lives inside one call, never
    shared between threads).
    """

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _cached[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


def _nonblank_lines(text: str) -> list[str]:
    return list(filter(None, map(str.strip, text.splitlines())))


class Parsed:
    """A text's words and lines, computed once and shared by every signal family.

    Words are also numbered (``ids``: the index of each word's first spelling in
    ``vocab``) so counts and n-grams work on integers, not on strings. With
    numba (:mod:`textclean.stages.quality._kernel`) one pass over the code
    points finds and numbers the words and the n-gram signals never build a
    string per word; without it, the regex tokenizer and numpy do the same.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @_cached
    def words(self) -> list[str]:
        return words_of(self.text)

    @_cached
    def lines(self) -> list[str]:
        return _nonblank_lines(self.text)

    @_cached
    def repeated_lines(self) -> tuple[int, int]:
        """:func:`repeated` of ``lines`` (Gopher and FineWeb both count them)."""
        return repeated(self.lines)

    @_cached
    def _kernel_words(self) -> _kernel.Words | None:
        use = _kernel.AVAILABLE and stages_use_numba(len(self.text))
        return _kernel.Words(self.text) if use and _kernel.load() else None

    @_cached
    def _numbered(self) -> tuple[dict[str, int], np.ndarray]:
        vocab: dict[str, int] = {}
        words = self.words
        ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), np.int64, len(words))
        return vocab, ids

    @property
    def vocab(self) -> dict[str, int]:
        """Each distinct word (as spelled) → its number, in order of first occurrence."""
        return self._numbered[0]

    @property
    def ids(self) -> np.ndarray:
        """The number of each word of ``words``."""
        kw = self._kernel_words
        return kw.ids if kw is not None else self._numbered[1]

    @_cached
    def counts(self) -> np.ndarray:
        """How often each word of ``vocab`` occurs."""
        return np.bincount(self.ids, minlength=len(self.vocab))

    def count_words(self, pred: Any) -> int:
        """Word tokens for whose spelling ``pred`` is true (tested once per spelling)."""
        keep = np.fromiter((bool(pred(w)) for w in self.vocab), bool, len(self.vocab))
        return int(self.counts[keep].sum())

    @_cached
    def n_words(self) -> int:
        kw = self._kernel_words
        return int(kw.ids.size) if kw is not None else len(self.words)

    @_cached
    def lengths(self) -> np.ndarray:
        """The length of each word token, in characters."""
        kw = self._kernel_words
        if kw is not None:
            return kw.ends - kw.starts
        return np.fromiter(map(len, self.vocab), np.int64, len(self.vocab))[self.ids]

    @_cached
    def alpha_words(self) -> int:
        """Word tokens holding a letter."""
        kw = self._kernel_words
        if kw is not None:
            return int(np.count_nonzero(kw.alpha))
        return self.count_words(_HAS_ALPHA.search)

    def spellings(self, max_length: int) -> list[str]:
        """The distinct spellings of at most ``max_length`` characters."""
        kw = self._kernel_words
        if kw is None:
            return [w for w in self.vocab if len(w) <= max_length]
        short = np.flatnonzero(kw.vend - kw.vstart <= max_length)
        text = self.text
        starts, ends = kw.vstart[short].tolist(), kw.vend[short].tolist()
        return list(map(text.__getitem__, map(slice, starts, ends)))

    def stop_words(self, stop: frozenset[str]) -> int:
        """How many words of ``stop`` (lower case) are the lower case of a spelling."""
        kw = self._kernel_words
        if kw is not None:
            return kw.stop_words(self.text, stop, _stop_table(stop))
        # a word's lower case is never shorter than the word
        return _distinct_stop_words(self.spellings(max(map(len, stop), default=0)), stop)

    def ngram_chars(self) -> list[int]:
        """Top-n-gram characters (n = 2..4), then duplicate-n-gram characters (n = 5..10)."""
        prefix = np.zeros(self.n_words + 1, dtype=np.int64)
        self.lengths.cumsum(out=prefix[1:])  # (the method: no wrapper's overhead)
        if self._kernel_words is not None:
            return _kernel.ngram_chars(self.ids, prefix)
        out = []
        grams = self.ids
        for n in range(2, 11):
            grams = ngram_ids(self.ids, n, grams)
            if n <= 4:
                out.append(_top_ngram_chars(grams, prefix, n))
            else:
                out.append(_dup_ngram_chars(grams, prefix, n))
        return out


def _parsed(text: str | Parsed) -> Parsed:
    return text if isinstance(text, Parsed) else Parsed(text)


def repeated(items: Iterable[str]) -> tuple[int, int]:
    """Gopher's duplicate count: items equal to an earlier one, and their characters.

    >>> repeated(["a", "bb", "a", "bb", "a"])
    (3, 4)
    """
    # every item but each distinct one's first occurrence (counted by C loops)
    listed = items if isinstance(items, list) else list(items)
    distinct = set(listed)
    return len(listed) - len(distinct), sum(map(len, listed)) - sum(map(len, distinct))


def ngram_ids(ids: np.ndarray, n: int, prev: np.ndarray | None = None) -> np.ndarray:
    """Dense ids of the word n-grams starting at each position (equal n-grams, equal ids).

    ``prev`` may be the ids of the (n-1)-grams (this is then one sort). Exact:
    an n-gram is a pair (its first n-1 words, its last word), numbered by sorting.

    >>> ngram_ids(np.array([0, 1, 0, 1, 2]), 2).tolist()
    [0, 1, 0, 2]
    """
    if n < 1 or ids.size < n:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return ids.astype(np.int64)
    if prev is None:
        prev = ngram_ids(ids, n - 1)
    width = int(ids.max()) + 1
    pairs = prev[:-1] * width + ids[n - 1 :]  # < len(ids) ** 2: fits in int64
    _, dense = np.unique(pairs, return_inverse=True)
    out: np.ndarray = dense.reshape(-1).astype(np.int64)
    return out


def _top_ngram_chars(grams: np.ndarray, prefix: np.ndarray, n: int) -> int:
    """Characters covered by the most frequent n-gram (its length times its count).

    Among equally frequent n-grams, the first to occur counts.
    """
    if not grams.size:
        return 0
    counts = np.bincount(grams)
    best = int(counts.max())
    if best < 2:
        return 0
    i = int(np.flatnonzero(counts[grams] == best)[0])
    return (int(prefix[i + n] - prefix[i]) + n - 1) * best


def _dup_ngram_chars(grams: np.ndarray, prefix: np.ndarray, n: int) -> int:
    """Characters of n-grams that repeat an earlier n-gram, each word counted once.

    The walk of Gopher's definition: at each position, an n-gram seen before
    counts its characters and the walk jumps past it; otherwise it is recorded
    and the walk moves one word on. Only n-grams occurring more than once can
    count or matter, so only their positions are visited (in order); the
    others are passed over in bulk.
    """
    if not grams.size:
        return 0
    repeated = np.bincount(grams)[grams] > 1
    seen = bytearray(int(grams.max()) + 1)
    chars = 0
    skip_to = 0  # positions before this were jumped over by the last repeat
    pre = prefix.tolist()
    gl = grams.tolist()
    for i in np.flatnonzero(repeated).tolist():
        if i < skip_to:
            continue
        g = gl[i]
        if seen[g]:
            chars += pre[i + n] - pre[i] + n - 1
            skip_to = i + n
        else:
            seen[g] = 1
    return chars


# --------------------------------------------------------------------------- signals


def c4_signals(text: str | Parsed, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    """What C4's line filter would do to ``text`` (it is not changed here)."""
    end_marks = tuple(t["end_marks"])
    lines = _parsed(text).lines
    longest, ellipsis, min_words = t["max_word_length"], t["ellipsis"], t["min_words_per_line"]
    # Only a line ending in an end mark, or holding a citation ("[") whose removal
    # may leave one at its end, can be kept or counted: the others are skipped at
    # once, as the loop would skip them.
    endings = map(str.endswith, lines, repeat(end_marks))
    candidates = []  # the lines that pass the tests of their case-sensitive text
    for raw in [ln for ln, ends in zip(lines, endings, strict=True) if ends or "[" in ln]:
        # (a line no longer than the limit cannot hold a longer word)
        if len(raw) > longest and max(map(len, raw.split()), default=0) > longest:
            continue
        line = _CITATION.sub("", raw) if "[" in raw else raw  # every citation has a "["
        if not line.endswith(end_marks) or line.endswith(ellipsis):
            continue
        if len(line.split(None, min_words - 1)) < min_words:  # (stops at min_words words)
            continue
        candidates.append(line)
    # Lower-casing the lines joined by "\n" lowers each line as on its own ("\n" is
    # neither cased nor case-ignorable, so it ends the final-sigma context as the
    # string's edge does): when none of the lower-case marks occurs in the joined
    # text, no line holds one, and only "{" can still set a line apart.
    low = "\n".join(candidates).lower()
    if not any(mark in low for mark in _lowered_marks(tuple(t["policy_substrings"]))):
        kept = [ln for ln in candidates if "{" not in ln]
        curly, lorem, javascript, policy = len(kept) < len(candidates), False, 0, 0
    else:
        kept, curly, lorem, javascript, policy = _c4_lowered(candidates, t)
    return {
        "c4.lines": len(lines),
        "c4.lines_kept": len(kept),
        "c4.kept_fraction": round(len(kept) / len(lines), 4) if lines else 0.0,
        "c4.sentences": _sentences(kept),
        "c4.javascript_lines": javascript,
        "c4.policy_lines": policy,
        "c4.lorem_ipsum": lorem,
        "c4.curly_bracket": curly,
    }


@lru_cache(maxsize=8)
def _lowered_marks(policies: tuple[str, ...]) -> tuple[str, ...]:
    """The substrings C4 looks for in a lower-cased line."""
    return ("lorem ipsum", "javascript", *policies)


def _c4_lowered(
    candidates: list[str], t: Mapping[str, Any]
) -> tuple[list[str], bool, bool, int, int]:
    """C4's tests of the lower-cased lines, in its order: the kept lines, whether a
    line held "{" and "lorem ipsum", and the JavaScript and policy lines."""
    policies = tuple(t["policy_substrings"])
    kept = []
    javascript = policy = 0
    lorem = curly = False
    for line in candidates:
        low = line.lower()
        if "lorem ipsum" in low:
            lorem = True
            continue
        if "javascript" in low:
            javascript += 1
            continue
        if "{" in line:
            curly = True
            continue
        if any(p in low for p in policies):
            policy += 1
            continue
        kept.append(line)
    return kept, curly, lorem, javascript, policy


def sentence_ends(text: str) -> int:
    """``len(_SENTENCE_END.findall(text))``, by string methods that run in C.

    A match is a whole run of marks (``.``, ``!``, ``?``), its closing marks, then white
    space or the text's end: the scan reaches a run at its first mark, and giving back
    marks or closing marks leaves a mark or a closing mark next, which is not white
    space. So the text is split at every mark: a piece that is not empty (an empty one
    lies between two marks of a run) follows a run's last mark, and the run matches
    when the piece, its leading closing marks stripped, starts with white space, or is
    the last piece and nothing is left of it.

    >>> sentence_ends('One. "Two?!" Three.) four.five'), sentence_ends("a...")
    (3, 1)
    """
    pieces = text.replace("!", ".").replace("?", ".").split(".")
    if len(pieces) < 2:
        return 0
    last = pieces.pop().lstrip(_CLOSING)
    heads = map(_FIRST, map(str.lstrip, filter(None, pieces[1:]), repeat(_CLOSING)))
    return sum(map(_WHITE.__contains__, heads)) + (not last or last[0] in _WHITE)


def _sentences(kept: list[str]) -> int:
    """C4's sentence count: each line's sentence ends, at least one a line.

    A sentence end cannot hold a line break, and a line's end passes its lookahead
    as a "\n" does, so the lines joined by "\n" hold every line's sentence ends. A
    line ending in ".", "!" or "?" holds at least one; the others are counted alone.
    """
    sure = []
    sentences = 0
    for line in kept:
        if line.endswith((".", "!", "?")):
            sure.append(line)
        else:
            sentences += max(1, sentence_ends(line))
    return sentences + sentence_ends("\n".join(sure))


def c4_failures(s: Mapping[str, ScoreValue], t: Mapping[str, Any]) -> list[str]:
    out = []
    if s["c4.lorem_ipsum"]:
        out.append("c4.lorem_ipsum")
    if s["c4.curly_bracket"]:
        out.append("c4.curly_bracket")
    if int(s["c4.sentences"]) < t["min_sentences"]:
        out.append("c4.min_sentences")
    return out


def gopher_quality_signals(text: str | Parsed, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    p = _parsed(text)
    raw = p.text
    n = p.n_words
    lines = p.lines
    bullets = tuple(t["bullet_prefixes"])
    stop = _stop_set(tuple(t["stop_words"]))
    ellipses = raw.count("...") + raw.count("…")
    chars = int(p.lengths.sum())
    return {
        "gopher.words": n,
        "gopher.mean_word_length": round(chars / n, 4) if n else 0.0,
        "gopher.hash_word_ratio": round(raw.count("#") / n, 4) if n else 0.0,
        "gopher.ellipsis_word_ratio": round(ellipses / n, 4) if n else 0.0,
        "gopher.bullet_lines_ratio": (
            round(sum(map(str.startswith, lines, repeat(bullets))) / len(lines), 4)
            if lines
            else 0.0
        ),
        "gopher.ellipsis_lines_ratio": (
            round(sum(map(str.endswith, lines, repeat(("...", "…")))) / len(lines), 4)
            if lines
            else 0.0
        ),
        "gopher.alpha_words_ratio": round(p.alpha_words / n, 4) if n else 0.0,
        # distinct stop words: the paper asks for "at least two of" them (as datatrove counts)
        "gopher.stop_words": p.stop_words(stop),
    }


@lru_cache(maxsize=8)
def _stop_set(stop_words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in stop_words)


@lru_cache(maxsize=8)
def _stop_table(stop: frozenset[str]) -> _kernel.StopTable:
    return _kernel.StopTable(stop)


def _distinct_stop_words(spellings: list[str], stop: frozenset[str]) -> int:
    """How many words of ``stop`` are the lower case of a spelling.

    The spellings are lowered in one call, joined by "\n" (no word holds one, and it
    ends the final-sigma context as the string's edge does).
    """
    if not spellings:
        return 0
    return len(stop.intersection("\n".join(spellings).lower().split("\n")))


def gopher_quality_failures(s: Mapping[str, ScoreValue], t: Mapping[str, Any]) -> list[str]:
    checks = [
        ("gopher_quality.min_words", float(s["gopher.words"]) < t["min_words"]),
        ("gopher_quality.max_words", float(s["gopher.words"]) > t["max_words"]),
        (
            "gopher_quality.mean_word_length",
            not t["min_mean_word_length"]
            <= float(s["gopher.mean_word_length"])
            <= t["max_mean_word_length"],
        ),
        (
            "gopher_quality.hash_ratio",
            float(s["gopher.hash_word_ratio"]) > t["max_symbol_word_ratio"],
        ),
        (
            "gopher_quality.ellipsis_ratio",
            float(s["gopher.ellipsis_word_ratio"]) > t["max_symbol_word_ratio"],
        ),
        (
            "gopher_quality.bullet_lines",
            float(s["gopher.bullet_lines_ratio"]) > t["max_bullet_lines_ratio"],
        ),
        (
            "gopher_quality.ellipsis_lines",
            float(s["gopher.ellipsis_lines_ratio"]) > t["max_ellipsis_lines_ratio"],
        ),
        (
            "gopher_quality.alpha_words",
            float(s["gopher.alpha_words_ratio"]) < t["min_alpha_words_ratio"],
        ),
        ("gopher_quality.stop_words", float(s["gopher.stop_words"]) < t["min_stop_words"]),
    ]
    return [name for name, failed in checks if failed]


_TOP_KEYS = tuple(f"gopher_rep.top_{n}gram_char_fraction" for n in (2, 3, 4))
_DUP_KEYS = tuple(f"gopher_rep.dup_{n}gram_char_fraction" for n in range(5, 11))
_REP_SIGNALS = (
    "dup_para_fraction",
    "dup_para_char_fraction",
    "dup_line_fraction",
    "dup_line_char_fraction",
)
#: (score key, threshold key, check name) of each Gopher repetition check, in order.
_REP_CHECKS = (
    *((f"gopher_rep.{sig}", f"max_{sig}", f"gopher_repetition.{sig}") for sig in _REP_SIGNALS),
    *(
        (
            f"gopher_rep.top_{n}gram_char_fraction",
            f"max_top_{n}gram_char_fraction",
            f"gopher_repetition.top_{n}gram",
        )
        for n in (2, 3, 4)
    ),
    *(
        (
            f"gopher_rep.dup_{n}gram_char_fraction",
            f"max_dup_{n}gram_char_fraction",
            f"gopher_repetition.dup_{n}gram",
        )
        for n in range(5, 11)
    ),
)


def gopher_repetition_signals(text: str | Parsed, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    del t
    p = _parsed(text)
    raw = p.text
    size = len(raw) or 1
    paras = [x for x in map(str.strip, _PARAGRAPH_SPLIT_RE.split(raw.strip())) if x]
    lines = p.lines
    p_dup, p_chars = repeated(paras)
    l_dup, l_chars = p.repeated_lines
    out: dict[str, ScoreValue] = {
        "gopher_rep.dup_para_fraction": round(p_dup / len(paras), 4) if paras else 0.0,
        "gopher_rep.dup_para_char_fraction": round(p_chars / size, 4),
        "gopher_rep.dup_line_fraction": round(l_dup / len(lines), 4) if lines else 0.0,
        "gopher_rep.dup_line_char_fraction": round(l_chars / size, 4),
    }
    chars = p.ngram_chars()
    for key, c in zip(_TOP_KEYS + _DUP_KEYS, chars, strict=True):
        out[key] = round(c / size, 4)
    return out


def gopher_repetition_failures(s: Mapping[str, ScoreValue], t: Mapping[str, Any]) -> list[str]:
    return [name for key, limit, name in _REP_CHECKS if float(s[key]) > t[limit]]


def fineweb_signals(text: str | Parsed, t: Mapping[str, Any]) -> dict[str, ScoreValue]:
    p = _parsed(text)
    lines = p.lines
    marks = tuple(t["end_marks"])
    n = len(lines)
    chars = (len(p.text) - p.text.count("\n")) or 1
    words = p.n_words
    return {
        "fineweb.line_punct_ratio": round(sum(map(str.endswith, lines, repeat(marks))) / n, 4)
        if n
        else 0.0,
        # lines of at most short_line_length characters: a count in sorted lengths
        "fineweb.short_line_ratio": round(
            bisect_right(sorted(map(len, lines)), t["short_line_length"]) / n, 4
        )
        if n
        else 0.0,
        "fineweb.dup_line_char_ratio": round(p.repeated_lines[1] / chars, 4),
        "fineweb.newline_word_ratio": round(n / words, 4) if words else 0.0,
    }


def fineweb_failures(s: Mapping[str, ScoreValue], t: Mapping[str, Any]) -> list[str]:
    checks = [
        (
            "fineweb.line_punct_ratio",
            float(s["fineweb.line_punct_ratio"]) <= t["min_line_punct_ratio"],
        ),
        (
            "fineweb.short_line_ratio",
            float(s["fineweb.short_line_ratio"]) >= t["max_short_line_ratio"],
        ),
        (
            "fineweb.dup_line_char_ratio",
            float(s["fineweb.dup_line_char_ratio"]) >= t["max_dup_line_char_ratio"],
        ),
        (
            "fineweb.newline_word_ratio",
            float(s["fineweb.newline_word_ratio"]) > t["max_newline_word_ratio"],
        ),
    ]
    return [name for name, failed in checks if failed]


_SIGNALS = {
    "c4": (c4_signals, c4_failures),
    "gopher_quality": (gopher_quality_signals, gopher_quality_failures),
    "gopher_repetition": (gopher_repetition_signals, gopher_repetition_failures),
    "fineweb": (fineweb_signals, fineweb_failures),
}


def score(
    text: str, thresholds: Thresholds, families: tuple[str, ...] = FAMILIES
) -> tuple[dict[str, ScoreValue], list[str]]:
    """All signals of ``families`` for ``text`` and the names of the checks it fails."""
    scores: dict[str, ScoreValue] = {}
    failed: list[str] = []
    parsed = Parsed(text)  # words and lines once for every family
    for fam in families:
        signals, failures = _SIGNALS[fam]
        s = signals(parsed, thresholds[fam])
        scores.update(s)
        failed.extend(failures(s, thresholds[fam]))
    return scores, failed
