"""Words and shingle hashes: the stable, vectorized input to MinHash.

Everything here is *defined* by this module, not by Python's ``hash()`` or by
the Unicode database of the running interpreter, so a hash computed today on
one machine equals the hash computed on another machine with another Python.
The definition (version :data:`SHINGLE_HASH_VERSION`):

**Words.** The text is read as Unicode code points and lower-cased one code
point at a time with :data:`LOWER_RUNS`: Unicode 14.0.0's simple lower-case
mapping (what :meth:`str.lower` does to a single character), with ``İ`` →
``i`` and the final ``ς`` → ``σ`` — a frozen table in ``_unicode_data.py``.
Every lower-cased code point falls in one of three classes:

* *separator*: ASCII characters other than ``0-9 A-Z a-z``, and the non-ASCII
  code points in :data:`SEPARATOR_RANGES`: those whose General Category in
  Unicode 14.0.0 is punctuation, symbol (emoji included), space separator,
  control or surrogate, plus the General Punctuation block (zero-width and
  directional characters), variation selectors, U+FEFF, specials (U+FFFD) and
  tags — a frozen table in ``_unicode_data.py``;
* *single*: other code points in :data:`SINGLE_RANGES` (CJK ideographs,
  hiragana, katakana) — scripts written without spaces — each of which is a
  word of its own;
* *word*: everything else (ASCII letters and digits, Latin, Greek, Cyrillic,
  Arabic, Hangul, combining marks, ...).

A word is a maximal run of *word* code points, or one *single* code point.
The class table is fixed ranges, not ``str.isalnum()``, so it does not move
when a new Python ships a newer Unicode database.

**Word hash.** For a word of code points ``c_0 .. c_{L-1}``:
``H = sum(c_i * P**i) mod 2**64`` with ``P = 0x9E3779B97F4A7C15``, then
``w = fmix64(H)`` (the MurmurHash3 64-bit finalizer).

**Shingle hash.** A word n-gram ``w_0 .. w_{m-1}`` (``m = ngram``, or fewer
for a text of fewer words, which gives one shingle of all its words):
``g = w_0; g = g * Q + w_j`` for ``j = 1 .. m-1`` (mod 2**64) with
``Q = 0xC2B2AE3D27D4EB4F``, and the shingle hash is the high 32 bits of
``fmix64(g)``.

**Character shingles** (:func:`char_shingle_hashes`) are taken over the words
joined by single spaces (so case, punctuation and spacing are folded); a
character n-gram's hash is the high 32 bits of ``fmix64(sum(c_i * P**i))``.

The numpy implementation tokenizes and hashes a whole batch of texts at once:
prefix sums of ``c_i * P**i`` over the batch's code points give every word's
polynomial hash as ``(S[end] - S[start]) * P**-start`` (``P`` is odd, so it is
invertible mod 2**64). :mod:`textclean.dedup._reference` is a slow pure-Python
transcription of the definition above; the tests check the two agree.

>>> words("Don’t PANIC: 42 naïve CAFÉS!")
['don', 't', 'panic', '42', 'naïve', 'cafés']
>>> six = shingle_hashes("one two three four five six")
>>> six.dtype, six.size
(dtype('uint32'), 2)
>>> bool(six[1] == shingle_hashes("Two, THREE four — five six!")[0])
True
>>> shingle_hashes("").size, shingle_hashes("just three words").size
(0, 1)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from textclean.dedup._unicode_data import LOWER_RUNS, SEPARATOR_RANGES

__all__ = [
    "LOWER_RUNS",
    "SEPARATOR_RANGES",
    "SHINGLE_HASH_VERSION",
    "SINGLE_RANGES",
    "char_shingle_hashes",
    "normalized_words_text",
    "shingle_hashes",
    "words",
]

#: Recorded next to stored signatures; bump if the definition above changes.
SHINGLE_HASH_VERSION = "textclean-poly64-fmix-v1"

#: Code points that are each a word of their own (scripts without spaces).
SINGLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FA),  # katakana
    (0x30FC, 0x30FF),  # katakana (after the middle dot)
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x20000, 0x3FFFF),  # CJK unified ideographs extensions B .. and planes 2-3
)

_SEP, _WORD, _SINGLE = 0, 1, 2
_MAX_CODE_POINT = 0x110000

MASK64 = (1 << 64) - 1
P = 0x9E3779B97F4A7C15  # odd: invertible mod 2**64
P_INV = pow(P, -1, 1 << 64)
Q = 0xC2B2AE3D27D4EB4F
_FMIX64_M1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX64_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
_P64 = np.uint64(P)
_Q64 = np.uint64(Q)


def _build_class_table() -> np.ndarray:
    table = np.full(_MAX_CODE_POINT, _WORD, dtype=np.uint8)
    table[:128] = _SEP
    for lo, hi in ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)):
        table[lo : hi + 1] = _WORD
    for lo, hi in SINGLE_RANGES:
        table[lo : hi + 1] = _SINGLE
    for lo, hi in SEPARATOR_RANGES:  # separators win over single-character words
        table[lo : hi + 1] = _SEP
    table.setflags(write=False)
    return table


def _build_lower_table() -> np.ndarray:
    table = np.arange(_MAX_CODE_POINT, dtype=np.int64)
    for first, last, step, delta in LOWER_RUNS:
        table[first : last + 1 : step] += delta
    out = table.astype(np.uint32)
    out.setflags(write=False)
    return out


#: Class of every (lower-cased) code point: 0 separator, 1 word, 2 single-character word.
CLASS_TABLE = _build_class_table()
#: The lower-cased form of every code point.
LOWER_TABLE = _build_lower_table()
#: The class of the lower-cased form of every code point.
CLASS_OF_LOWER = CLASS_TABLE[LOWER_TABLE]
CLASS_OF_LOWER.setflags(write=False)
_ASCII_LOWER = LOWER_TABLE[:256].astype(np.uint8)  # only indexed by ASCII bytes
_ASCII_CLASS = CLASS_OF_LOWER[:256].copy()


class _PowerTables:
    """``P**i`` and ``P**-i`` mod 2**64 for ``i < size``, grown on demand.

    Pure constants of the definition (not per-document state); shared so a
    batch does not recompute them.
    """

    def __init__(self) -> None:
        self.pow = np.ones(1, dtype=np.uint64)
        self.inv = np.ones(1, dtype=np.uint64)

    def ensure(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        if self.pow.size < size:
            size = max(size, 2 * self.pow.size, 1 << 16)
            with np.errstate(over="ignore"):
                pw = np.full(size, _P64, dtype=np.uint64)
                pw[0] = 1
                iv = np.full(size, np.uint64(P_INV), dtype=np.uint64)
                iv[0] = 1
                # cumprod wraps mod 2**64, which is the arithmetic we want.
                self.pow = np.cumprod(pw, dtype=np.uint64)
                self.inv = np.cumprod(iv, dtype=np.uint64)
        return self.pow, self.inv


_POWERS = _PowerTables()


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, element-wise on a uint64 array (new array)."""
    h = h ^ (h >> _S33)
    h *= _FMIX64_M1
    h ^= h >> _S33
    h *= _FMIX64_M2
    h ^= h >> _S33
    return h


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text``: uint8 if it is ASCII, else uint32 (surrogates kept)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _lower_and_classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The lower-cased code points of ``text`` and their classes."""
    cp = _code_points(text)
    if cp.dtype == np.uint8:
        return _ASCII_LOWER[cp], _ASCII_CLASS[cp]
    return LOWER_TABLE[cp], CLASS_OF_LOWER[cp]


def _word_spans(cls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) indices of the words, given each code point's class."""
    n = cls.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    padded = np.zeros(n + 2, dtype=np.uint8)
    padded[1:-1] = cls
    prev, cur, nxt = padded[:-2], padded[1:-1], padded[2:]
    if (cls == _SINGLE).any():
        # A single-character word starts and ends a word on both sides.
        is_start = (cur != _SEP) & ((prev == _SEP) | (prev == _SINGLE) | (cur == _SINGLE))
        is_end = (cur != _SEP) & ((nxt == _SEP) | (nxt == _SINGLE) | (cur == _SINGLE))
    else:
        is_start = (cur != _SEP) & (prev == _SEP)
        is_end = (cur != _SEP) & (nxt == _SEP)
    starts = np.flatnonzero(is_start)
    ends = np.flatnonzero(is_end) + 1
    return starts, ends


def _span_hashes(cp: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hashes ``sum(c_i * P**(i - start))`` of spans of ``cp`` (uint64)."""
    if starts.size == 0:
        return np.zeros(0, dtype=np.uint64)
    pw, inv = _POWERS.ensure(cp.size + 1)
    prefix = np.empty(cp.size + 1, dtype=np.uint64)
    prefix[0] = 0
    np.multiply(cp, pw[: cp.size], out=prefix[1:], dtype=np.uint64)
    np.cumsum(prefix, out=prefix)
    out = prefix[ends]
    out -= prefix[starts]
    out *= inv[starts]
    return out


def _batch_words(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Word hashes of a batch of texts and each text's offsets into them.

    Returns ``(word_hashes uint64, offsets int64 of length len(texts)+1)``.
    """
    joined = "\n".join(texts)  # "\n" separates words, so none crosses texts
    lc, cls = _lower_and_classes(joined)
    starts, ends = _word_spans(cls)
    word_hashes = fmix64(_span_hashes(lc, starts, ends))
    text_starts = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        np.cumsum([len(t) + 1 for t in texts[:-1]], out=text_starts[1:])
    offsets = np.empty(len(texts) + 1, dtype=np.int64)
    offsets[:-1] = np.searchsorted(starts, text_starts)
    offsets[-1] = starts.size
    return word_hashes, offsets


def _ngram_hashes(
    word_hashes: np.ndarray, offsets: np.ndarray, ngram: int
) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes (uint32) of every text's word n-grams and their offsets.

    A text with ``1 <= k < ngram`` words gives one shingle of its ``k`` words;
    a text without words gives none.
    """
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    counts = np.diff(offsets)
    n_texts = counts.size
    total = word_hashes.size
    full = np.maximum(counts - ngram + 1, 0)
    short = (counts > 0) & (counts < ngram)
    per_text = full + short
    out_offsets = np.zeros(n_texts + 1, dtype=np.int64)
    np.cumsum(per_text, out=out_offsets[1:])
    out = np.empty(int(out_offsets[-1]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        if total >= ngram and full.any():
            m = total - ngram + 1
            g = word_hashes[:m].copy()
            for j in range(1, ngram):
                g *= _Q64
                g += word_hashes[j : j + m]
            text_of = np.repeat(np.arange(n_texts), full)
            # start index of each full n-gram: offsets[text] + position in text
            local = np.arange(text_of.size) - np.repeat(np.cumsum(full) - full, full)
            src = offsets[text_of] + local
            out[out_offsets[text_of] + local] = g[src]
        if short.any():
            idx = np.flatnonzero(short)
            first = offsets[idx]
            k = counts[idx]
            g = word_hashes[first].copy()
            for j in range(1, ngram - 1):
                live = k > j
                if not live.any():
                    break
                g[live] = g[live] * _Q64 + word_hashes[first[live] + j]
            out[out_offsets[idx]] = g
    return (fmix64(out) >> _S32).astype(np.uint32), out_offsets


def batch_shingle_hashes(texts: Sequence[str], ngram: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Word n-gram hashes of many texts at once, concatenated.

    Returns ``(hashes uint32, offsets int64)``: text ``i``'s shingles are
    ``hashes[offsets[i]:offsets[i + 1]]``, in text order (repeats kept).

    >>> h, off = batch_shingle_hashes(["a b c", "", "b c"], ngram=2)
    >>> off.tolist(), h[1] == h[2]
    ([0, 2, 2, 3], np.True_)
    """
    word_hashes, offsets = _batch_words(texts)
    return _ngram_hashes(word_hashes, offsets, ngram)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (see the module docstring for "word").

    >>> words("The U.S. — and Straße, Ελλάδα; 東京タワー!")
    ['the', 'u', 's', 'and', 'straße', 'ελλάδα', '東', '京', 'タ', 'ワ', 'ー']
    """
    lc, cls = _lower_and_classes(text)
    starts, ends = _word_spans(cls)
    if lc.dtype == np.uint8:
        lowered = lc.tobytes().decode("ascii")
    else:
        lowered = lc.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    return [lowered[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def shingle_hashes(text: str, ngram: int = 5) -> np.ndarray:
    """uint32 hashes of the word ``ngram``-grams of ``text``, in text order.

    A text of fewer than ``ngram`` words gives one shingle of all its words;
    a text without words gives an empty array. Repeated n-grams repeat.
    """
    hashes, _ = batch_shingle_hashes([text], ngram)
    return hashes


def normalized_words_text(text: str) -> str:
    """The words of ``text`` joined by single spaces.

    >>> normalized_words_text("  “Hello,”  she said —\\n\\tHELLO!")
    'hello she said hello'
    """
    return " ".join(words(text))


def char_shingle_hashes(text: str, ngram: int = 5) -> np.ndarray:
    """uint32 hashes of the character ``ngram``-grams of a text's normalized words.

    The text is reduced to :func:`normalized_words_text` (case, punctuation,
    quotes and spacing folded); a shorter result than ``ngram`` characters
    gives one shingle of all of it, and a text without words an empty array.
    Meant for short blocks (titles, captions, short paragraphs), where word
    5-grams are too coarse.

    >>> a = char_shingle_hashes("The quick brown fox")
    >>> b = char_shingle_hashes("“the QUICK brown fox!”")
    >>> bool((a == b).all()), a.size
    (True, 15)
    """
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    norm = normalized_words_text(text)
    if not norm:
        return np.zeros(0, dtype=np.uint32)
    cp, _ = _lower_and_classes(norm)
    n = cp.size
    if n <= ngram:
        starts = np.zeros(1, dtype=np.int64)
        ends = np.full(1, n, dtype=np.int64)
    else:
        starts = np.arange(n - ngram + 1, dtype=np.int64)
        ends = starts + ngram
    return (fmix64(_span_hashes(cp, starts, ends)) >> _S32).astype(np.uint32)
