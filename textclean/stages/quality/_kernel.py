"""Optional numba kernels for the word-level quality signals: one pass over the words.

Two loops replace the regex tokenizer, the per-word numbering in Python and
the nine ``np.unique`` sorts of the n-gram signals:

* :func:`words` walks the code points once: it finds the word tokens exactly
  as :data:`textclean.stages.quality.signals._WORD` does (letters, digits and
  marks, joined by an inner ``'``, ``’`` or ``-``), notes whether each has a
  letter, and numbers the distinct spellings in order of first occurrence with
  an open-addressing table keyed by a 64-bit hash of the code points; a hash
  hit is confirmed by comparing the code points, so the numbering is exact;
* :func:`ngram_chars` numbers the word n-grams for n = 2..10 (each n-gram is
  the exact pair (its first n-1 words' number, its last word), again in a
  table) and computes Gopher's top-n-gram (n = 2..4) and duplicate-n-gram
  (n = 5..10) character counts as :mod:`textclean.stages.quality.signals`
  defines them.

The character classes come from the ``regex`` module itself (one scan of every
code point), so they are the tokenizer's classes whatever Unicode version it
has. numba is imported, and the kernels compiled or loaded from numba's disk
cache, on first use; :data:`AVAILABLE` is False without numba or with
``TEXTCLEAN_NUMBA=0``, and the signals then take the numpy path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
import regex

from textclean.dedup._kernel import AVAILABLE as _NUMBA
from textclean.forksafe import ForkSafeLock

#: Whether the kernels can be used (numba installed and not switched off).
AVAILABLE: bool = _NUMBA

WORD_CHAR = 1  # \p{L}, \p{N} or \p{M}
LETTER = 2  # \p{L}
JOINER = 4  # ' ’ - (inside a word only)

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S33 = np.uint64(33)
_M1 = np.uint64(0xFF51AFD7ED558CCD)


@lru_cache(maxsize=1)
def char_table() -> np.ndarray:
    """Class bits of every code point (uint8, 0x110000 entries), from ``regex``'s classes."""
    table = np.zeros(0x110000, dtype=np.uint8)
    every = "".join(map(chr, range(0x110000)))
    for pattern, bit in ((r"[\p{L}\p{N}\p{M}]", WORD_CHAR), (r"\p{L}", LETTER)):
        hits = [m.start() for m in regex.finditer(pattern, every)]
        table[np.asarray(hits, dtype=np.int64)] |= bit
    for ch in "'’-":
        table[ord(ch)] |= JOINER
    return table


def _table_bits(n: int) -> int:
    bits = 4
    while (1 << bits) < 2 * n + 2:
        bits += 1
    return bits


def _words(cps, table, starts, ends, alpha, ids, vstart, vend):  # type: ignore[no-untyped-def]
    n = cps.size
    bits = _table_bits(n // 2 + 1)
    mask = (1 << bits) - 1
    shift = np.uint64(64 - bits)
    slots = np.full(1 << bits, -1, dtype=np.int64)
    vhash = np.empty(n // 2 + 1, dtype=np.uint64)
    t = 0
    nv = 0
    i = 0
    while i < n:
        if not table[cps[i]] & WORD_CHAR:
            i += 1
            continue
        s = i
        h = _FNV_OFFSET
        has_letter = 0
        while True:
            c = table[cps[i]]
            has_letter |= c & LETTER
            h = (h ^ np.uint64(cps[i])) * _FNV_PRIME
            i += 1
            if i < n and table[cps[i]] & WORD_CHAR:
                continue
            if i + 1 < n and table[cps[i]] & JOINER and table[cps[i + 1]] & WORD_CHAR:
                h = (h ^ np.uint64(cps[i])) * _FNV_PRIME
                i += 1
                continue
            break
        e = i
        h ^= h >> _S33
        h *= _M1
        h ^= h >> _S33
        slot = np.int64((h * _GOLDEN) >> shift)
        while True:
            v = slots[slot]
            if v < 0:
                v = nv
                slots[slot] = v
                vhash[v] = h
                vstart[v] = s
                vend[v] = e
                nv += 1
                break
            if vhash[v] == h and vend[v] - vstart[v] == e - s:
                same = True
                a = vstart[v]
                for k in range(e - s):
                    if cps[a + k] != cps[s + k]:
                        same = False
                        break
                if same:
                    break
            slot = (slot + 1) & mask
        starts[t] = s
        ends[t] = e
        alpha[t] = has_letter != 0
        ids[t] = v
        t += 1
    return t, nv


def _ngram_chars(ids, prefix, width, out):  # type: ignore[no-untyped-def]
    m = ids.size
    out[:] = 0
    if m < 2:
        return
    bits = _table_bits(m)
    mask = (1 << bits) - 1
    shift = np.uint64(64 - bits)
    keys = np.empty(1 << bits, dtype=np.int64)
    vals = np.empty(1 << bits, dtype=np.int64)
    # Only the positions whose (n-1)-gram repeats ("alive", in order) can start a
    # repeated n-gram: an n-gram's first n-1 words are an (n-1)-gram. The others
    # start n-grams that occur once, which count for nothing (a top n-gram counts
    # only if it occurs twice; the walk of the duplicate n-grams marks them seen and
    # moves on, and they are never seen again), so they are left out.
    grams = ids.copy()  # the (n-1)-gram number at each alive position
    alive = np.arange(m)
    live = m
    new = np.empty(m, dtype=np.int64)
    counts = np.zeros(m, dtype=np.int64)
    seen = np.empty(m, dtype=np.bool_)
    for n in range(2, 11):
        size = m - n + 1
        if size <= 0:
            break
        while live > 0 and alive[live - 1] >= size:
            live -= 1
        if live == 0:
            break
        keys[:] = -1
        count = 0
        for j in range(live):
            i = alive[j]
            key = grams[i] * width + ids[i + n - 1]
            slot = np.int64((np.uint64(key) * _GOLDEN) >> shift)
            while True:
                k = keys[slot]
                if k == key:
                    new[j] = vals[slot]
                    break
                if k < 0:
                    keys[slot] = key
                    vals[slot] = count
                    new[j] = count
                    count += 1
                    break
                slot = (slot + 1) & mask
        counts[:count] = 0
        best = 0
        for j in range(live):
            c = counts[new[j]] + 1
            counts[new[j]] = c
            if c > best:
                best = c
        if best < 2:
            break  # every n-gram is distinct, so every longer one is too
        if n <= 4:
            for j in range(live):
                if counts[new[j]] == best:
                    i = alive[j]
                    out[n - 2] = (prefix[i + n] - prefix[i] + n - 1) * best
                    break
        else:
            seen[:count] = False
            chars = 0
            skip_to = 0
            for j in range(live):
                i = alive[j]
                g = new[j]
                if counts[g] < 2 or i < skip_to:
                    continue
                if seen[g]:
                    chars += prefix[i + n] - prefix[i] + n - 1
                    skip_to = i + n
                else:
                    seen[g] = True
            out[n - 2] = chars
        kept = 0
        for j in range(live):
            g = new[j]
            if counts[g] >= 2:
                i = alive[j]
                alive[kept] = i
                grams[i] = g
                kept += 1
        live = kept


def _stop_words(cps, vstart, vend, stop, stop_len, longest, found, odd):  # type: ignore[no-untyped-def]
    # Marks in ``found`` each ASCII stop word (``stop``: rows of code points, lower
    # case) that the lower case of an ASCII spelling of ``vstart``/``vend`` is; the
    # spellings of at most ``longest`` code points holding one outside ASCII are
    # listed in ``odd`` (their number is returned) for the caller to lower.
    n_odd = 0
    for v in range(vstart.size):
        s = vstart[v]
        n = vend[v] - s
        if n > longest:
            continue
        plain = True
        for k in range(n):
            if cps[s + k] >= 128:
                plain = False
                break
        if not plain:
            odd[n_odd] = v
            n_odd += 1
            continue
        for w in range(stop_len.size):
            if stop_len[w] != n or found[w]:
                continue
            same = True
            for k in range(n):
                c = cps[s + k]
                if 65 <= c <= 90:  # A-Z: the only ASCII characters str.lower changes
                    c += 32
                if c != stop[w, k]:
                    same = False
                    break
            if same:
                found[w] = True
                break
    return n_odd


_compiled: tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]] | None = None
_lock = ForkSafeLock()


def load() -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]] | None:
    """The compiled ``(words, ngram_chars, stop_words)`` kernels, or None without numba."""
    global AVAILABLE, _compiled, _table_bits
    if _compiled is not None or not AVAILABLE:
        return _compiled
    with _lock:
        if _compiled is not None:
            return _compiled
        try:
            import numba
        except ImportError:
            AVAILABLE = False
            return None
        _table_bits = numba.njit(cache=True, inline="always")(_table_bits)
        jit = numba.njit(cache=True, nogil=True, boundscheck=False)
        _compiled = (jit(_words), jit(_ngram_chars), jit(_stop_words))
        return _compiled


class Words:
    """The word tokens of a text, as the kernel found them."""

    __slots__ = ("alpha", "cps", "ends", "ids", "starts", "vend", "vstart")

    def __init__(self, text: str) -> None:
        kernels = load()
        if kernels is None:
            raise RuntimeError("the quality kernels need numba (and TEXTCLEAN_NUMBA != 0)")
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cap = cps.size // 2 + 1
        starts = np.empty(cap, dtype=np.int64)
        ends = np.empty(cap, dtype=np.int64)
        alpha = np.empty(cap, dtype=np.bool_)
        ids = np.empty(cap, dtype=np.int64)
        vstart = np.empty(cap, dtype=np.int64)
        vend = np.empty(cap, dtype=np.int64)
        t, nv = kernels[0](cps, char_table(), starts, ends, alpha, ids, vstart, vend)
        self.starts, self.ends, self.alpha, self.ids = starts[:t], ends[:t], alpha[:t], ids[:t]
        self.vstart, self.vend = vstart[:nv], vend[:nv]
        self.cps = cps

    def stop_words(self, text: str, stop: frozenset[str], table: StopTable) -> int:
        """How many words of ``stop`` (lower case) are the lower case of a spelling
        (:func:`textclean.stages.quality.signals._distinct_stop_words` of every
        spelling). An ASCII spelling's lower case is ASCII and changes only A-Z, so the
        kernel compares those with the ASCII stop words; the spellings holding another
        character (as short as the longest stop word: a lower case is never shorter)
        are lowered here and looked up in all of ``stop``."""
        kernels = load()
        assert kernels is not None
        found = np.zeros(table.lengths.size, dtype=np.bool_)
        odd = np.empty(self.vstart.size, dtype=np.int64)
        n_odd = kernels[2](
            self.cps, self.vstart, self.vend, table.rows, table.lengths, table.longest, found, odd
        )
        hits = {table.words[w] for w in found.nonzero()[0].tolist()}  # (no wrapper)
        if n_odd:
            odd = odd[:n_odd]
            starts, ends = self.vstart[odd].tolist(), self.vend[odd].tolist()
            spelt = "\n".join(map(text.__getitem__, map(slice, starts, ends)))
            hits.update(stop.intersection(spelt.lower().split("\n")))
        return len(hits)


class StopTable:
    """A stop-word set's ASCII words as rows of code points, for :meth:`Words.stop_words`."""

    __slots__ = ("lengths", "longest", "rows", "words")

    def __init__(self, stop: frozenset[str]) -> None:
        self.words = sorted(w for w in stop if w.isascii())
        self.longest = max(map(len, stop), default=0)
        width = max(map(len, self.words), default=0)
        self.rows = np.zeros((len(self.words), max(width, 1)), dtype=np.int64)
        for i, w in enumerate(self.words):
            self.rows[i, : len(w)] = [ord(c) for c in w]
        self.lengths = np.array([len(w) for w in self.words], dtype=np.int64)


def ngram_chars(ids: np.ndarray, prefix: np.ndarray) -> list[int]:
    """Top-n-gram characters for n = 2, 3, 4, then duplicate-n-gram characters for 5..10."""
    kernels = load()
    if kernels is None:
        raise RuntimeError("the quality kernels need numba (and TEXTCLEAN_NUMBA != 0)")
    out = np.zeros(9, dtype=np.int64)
    width = int(ids.max()) + 1 if ids.size else 1
    kernels[1](ids.astype(np.int64, copy=False), prefix, np.int64(width), out)
    got: list[int] = out.tolist()
    return got
