"""Slow pure-Python transcription of the shingle-hash definition.

The specification the vectorized code in :mod:`textclean.dedup.shingles` must
match exactly: one character, one word, one shingle at a time, with Python
integers. Used by the tests (and handy for reading); never on a hot path.

>>> ref_words("Hello, WORLD! 東京") == ["hello", "world", "東", "京"]
True
"""

from __future__ import annotations

from bisect import bisect_right

from textclean.dedup.shingles import LOWER_RUNS, MASK64, SEPARATOR_RANGES, SINGLE_RANGES, P, Q

_SEP, _WORD, _SINGLE = 0, 1, 2


_LOWER = {
    cp: cp + delta for first, last, step, delta in LOWER_RUNS for cp in range(first, last + 1, step)
}


def ref_lower(text: str) -> str:
    """Lower-case one code point at a time with the frozen map."""
    return "".join(chr(_LOWER.get(ord(ch), ord(ch))) for ch in text)


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    los = [lo for lo, _ in ranges]
    i = bisect_right(los, cp) - 1
    return i >= 0 and ranges[i][0] <= cp <= ranges[i][1]


def char_class(ch: str) -> int:
    """0 separator, 1 word character, 2 single-character word."""
    cp = ord(ch)
    if cp < 128:
        return _WORD if ch.isascii() and (ch.isdigit() or ch.isalpha()) else _SEP
    if _in_ranges(cp, SEPARATOR_RANGES):
        return _SEP
    if _in_ranges(cp, SINGLE_RANGES):
        return _SINGLE
    return _WORD


def ref_words(text: str) -> list[str]:
    """Words of the lower-cased text, by the definition."""
    out: list[str] = []
    current: list[str] = []
    for ch in ref_lower(text):
        cls = char_class(ch)
        if cls == _WORD:
            current.append(ch)
            continue
        if current:
            out.append("".join(current))
            current = []
        if cls == _SINGLE:
            out.append(ch)
    if current:
        out.append("".join(current))
    return out


def fmix64(h: int) -> int:
    """MurmurHash3's 64-bit finalizer on a Python int."""
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK64
    h ^= h >> 33
    return h


def poly(s: str) -> int:
    """``sum(ord(s[i]) * P**i) mod 2**64``."""
    h, pw = 0, 1
    for ch in s:
        h = (h + ord(ch) * pw) & MASK64
        pw = (pw * P) & MASK64
    return h


def ref_shingle_hashes(text: str, ngram: int = 5) -> list[int]:
    """Word n-gram hashes, by the definition."""
    w = [fmix64(poly(word)) for word in ref_words(text)]
    if not w:
        return []
    grams = [w[i : i + ngram] for i in range(len(w) - ngram + 1)] or [w]
    out = []
    for gram in grams:
        g = gram[0]
        for x in gram[1:]:
            g = (g * Q + x) & MASK64
        out.append(fmix64(g) >> 32)
    return out


def ref_char_shingle_hashes(text: str, ngram: int = 5) -> list[int]:
    """Character n-gram hashes of the normalized words, by the definition."""
    norm = " ".join(ref_words(text))
    if not norm:
        return []
    grams = [norm[i : i + ngram] for i in range(len(norm) - ngram + 1)] or [norm]
    return [fmix64(poly(g)) >> 32 for g in grams]
