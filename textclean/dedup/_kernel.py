"""Optional numba kernel: text bytes → MinHash signatures in one pass.

The same definition as :mod:`textclean.dedup.shingles` and
:mod:`textclean.dedup.minhash` (the tests check the two agree bit for bit),
fused into one pass per document: decode UTF-8, lower-case and classify each
code point with the frozen tables, hash words as they end and each n-gram as
its last word ends, then take each permutation's min over the document's
shingle hashes (a loop LLVM vectorizes). Nothing is materialized per
character, which is what the numpy path pays for; a document's shingle hashes
are one reused buffer.

:data:`AVAILABLE` is False when numba is not installed or the environment
variable ``TEXTCLEAN_NUMBA=0`` is set; callers then use the numpy path.

numba is imported, and the kernel compiled (or loaded from numba's on-disk
cache, ``cache=True``), only on the first :func:`signatures_utf8` call: the
import alone costs about 0.6 s and 150 MB of memory, which a process that
never computes corpus signatures (a pipeline worker, ``import textclean``)
should not pay. :data:`AVAILABLE` is decided without importing numba; if
the import then fails anyway, :func:`load` returns None, :data:`AVAILABLE`
turns False and callers fall back to the numpy path.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from textclean.dedup.shingles import CLASS_OF_LOWER, LOWER_TABLE, P, Q
from textclean.forksafe import ForkSafeLock

#: Whether the numba kernel can be used (decided without importing numba).
AVAILABLE: bool = (
    os.environ.get("TEXTCLEAN_NUMBA", "1") != "0" and importlib.util.find_spec("numba") is not None
)

__all__ = [
    "AVAILABLE",
    "char_shingle_hashes",
    "load",
    "loaded",
    "shingle_sets_utf8",
    "signatures_utf8",
    "stages_use_numba",
    "word_hashes_utf8",
    "word_shingle_set",
]

#: Characters the per-document stages (quality, repeats) handle in one process on
#: their numpy paths before they import numba for their compiled loops: a
#: process cleaning a few short texts never pays numba's import, one cleaning a
#: corpus soon does (the results are the same either way).
AUTO_STAGE_CHARS = 2_000_000
_stage_chars = 0


def stages_use_numba(chars: int) -> bool:
    """Whether a per-document stage should use its compiled loops for ``chars`` more
    characters: numba is available and already imported in this process, or the
    stages have by now handled :data:`AUTO_STAGE_CHARS` characters."""
    global _stage_chars
    if not AVAILABLE:
        return False
    if "numba" in sys.modules:
        return True
    _stage_chars += chars
    return _stage_chars >= AUTO_STAGE_CHARS


_P = np.uint64(P)
_Q = np.uint64(Q)
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
_C1 = np.uint32(0x85EBCA6B)
_C2 = np.uint32(0xC2B2AE35)
_ZERO = np.uint64(0)


def _fmix64(h):  # type: ignore[no-untyped-def]
    h ^= h >> _S33
    h *= _M1
    h ^= h >> _S33
    h *= _M2
    h ^= h >> _S33
    return h


def _fmix32(h):  # type: ignore[no-untyped-def]
    h = np.uint32(h)
    h ^= h >> np.uint32(16)
    h = np.uint32(h * _C1)
    h ^= h >> np.uint32(13)
    h = np.uint32(h * _C2)
    h ^= h >> np.uint32(16)
    return h


def _shingle_hash(g):  # type: ignore[no-untyped-def]
    """A shingle's uint32 hash from its polynomial ``g`` (top 32 bits of fmix64)."""
    return np.uint32(_fmix64(g) >> _S32)


def _decode(buf, i):  # type: ignore[no-untyped-def]
    """The code point starting at ``buf[i]`` (valid UTF-8) and its length in bytes."""
    b0 = np.int64(buf[i])
    if b0 < 0x80:
        return b0, 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.int64(buf[i + 1]) & 0x3F), 2
    if b0 < 0xF0:
        cp = (
            ((b0 & 0x0F) << 12)
            | ((np.int64(buf[i + 1]) & 0x3F) << 6)
            | (np.int64(buf[i + 2]) & 0x3F)
        )
        return cp, 3
    cp = (
        ((b0 & 0x07) << 18)
        | ((np.int64(buf[i + 1]) & 0x3F) << 12)
        | ((np.int64(buf[i + 2]) & 0x3F) << 6)
        | (np.int64(buf[i + 3]) & 0x3F)
    )
    return cp, 4


def _doc_shingles(buf, i, end, lower, classes, ngram, qn, ring, hv):  # type: ignore[no-untyped-def]
    # The word n-gram shingle hashes (``_shingle_hash``) of the document
    # ``buf[i:end]`` into ``hv``, in text order; returns how many. The n-gram
    # polynomial g = w_0 * Q**(n-1) + ... + w_{n-1} rolls from one word to the
    # next: g = g * Q + w_new - w_oldest * Q**n (exact mod 2**64), with the last
    # n word hashes in ``ring``. A document with fewer than n words has one
    # shingle, its whole text. With n = 1 (and qn = Q) g is each word's hash.
    # The walk is one inlined function per document: as a shared function
    # returning the next word it ran about 30 % slower.
    k = 0
    pos = 0
    g = _ZERO
    ring[:] = 0
    m = 0
    while i < end:
        cp, n = _decode(buf, i)
        i += n
        cls = classes[cp]
        if cls == 0:  # a separator
            continue
        h = np.uint64(lower[cp])  # a single code point is a word of its own
        if cls == 1:  # a run of word code points, up to the next other one
            pw = _P
            while i < end:
                cp, n = _decode(buf, i)
                if classes[cp] != 1:
                    break
                i += n
                h += np.uint64(lower[cp]) * pw
                pw *= _P
        w = _fmix64(h)
        g = g * _Q + w - ring[pos] * qn
        ring[pos] = w
        pos += 1
        if pos == ngram:
            pos = 0
        k += 1
        if k >= ngram:
            hv[m] = _shingle_hash(g)
            m += 1
    if 0 < k < ngram:
        hv[m] = _shingle_hash(g)
        m += 1
    return m


def _permutation_mins(row, a, b, hv, m):  # type: ignore[no-untyped-def]
    # Lower each permutation's running min in ``row`` over the first ``m`` mixed
    # hashes of ``hv``: a loop LLVM vectorizes with the running min in a register.
    for p in range(row.size):
        ap = a[p]
        bp = b[p]
        low = row[p]
        for s in range(m):
            low = min(low, np.uint32(ap * hv[s] + bp))
        row[p] = low


def _signatures(buf, starts, lower, classes, ngram, qn, a, b, out, hv):  # type: ignore[no-untyped-def]
    # Each document's shingle hashes (``_doc_shingles``) collect in ``hv``, are
    # mixed (fmix32, as datasketch hashes a value), then each permutation's min
    # runs over them (``_permutation_mins``).
    ring = np.zeros(ngram, dtype=np.uint64)
    for d in range(starts.size - 1):
        m = _doc_shingles(buf, starts[d], starts[d + 1], lower, classes, ngram, qn, ring, hv)
        for s in range(m):
            hv[s] = _fmix32(hv[s])
        _permutation_mins(out[d], a, b, hv, m)


def _shingle_sets(buf, starts, lower, classes, ngram, qn, a, b, sig, values, counts, hv):  # type: ignore[no-untyped-def]
    # Each document's shingle hashes (``_doc_shingles``), kept: sorted and without
    # repeats into ``values`` (``counts[d]`` of them), and the signature taken over
    # that set (a min over a set does not see repeats).
    ring = np.zeros(ngram, dtype=np.uint64)
    total = 0
    for d in range(starts.size - 1):
        m = _doc_shingles(buf, starts[d], starts[d + 1], lower, classes, ngram, qn, ring, hv)
        if m == 0:
            counts[d] = 0
            continue
        doc = hv[:m]
        doc.sort()
        u = 0
        prev = doc[0]
        for j in range(m):
            v = doc[j]
            if j == 0 or v != prev:
                values[total + u] = v
                doc[u] = _fmix32(v)  # (u <= j: the values still to read are intact)
                u += 1
            prev = v
        counts[d] = u
        total += u
        _permutation_mins(sig[d], a, b, doc, u)
    return total


def _word_hashes(buf, starts, lower, classes, qn, out, counts):  # type: ignore[no-untyped-def]
    # Each word's 1-gram shingle hash: ``_doc_shingles`` with n = 1 (qn = Q).
    ring = np.zeros(1, dtype=np.uint64)
    m = 0
    for d in range(starts.size - 1):
        k = _doc_shingles(buf, starts[d], starts[d + 1], lower, classes, 1, qn, ring, out[m:])
        counts[d] = k
        m += k
    return m


def _block_hashes(
    buf, starts, lower, classes, long_words, signed, qn, a, b, words, counts, sig, hv
):  # type: ignore[no-untyped-def]
    # The repeats stage's pass over a document's blocks: each block's word hashes
    # (``_word_hashes``: its 1-gram shingles, into ``words`` one block after the
    # other, ``counts[d]`` of them), and for a block with ``signed[d]`` and at least
    # ``long_words`` words, its MinHash over word 2-grams folded into ``sig[d]``
    # (``_signatures`` of that block alone; ``qn`` = Q**2).
    ring1 = np.zeros(1, dtype=np.uint64)
    ring2 = np.zeros(2, dtype=np.uint64)
    m = 0
    for d in range(starts.size - 1):
        k = _doc_shingles(buf, starts[d], starts[d + 1], lower, classes, 1, _Q, ring1, words[m:])
        counts[d] = k
        m += k
        if signed[d] and k >= long_words:
            n = _doc_shingles(buf, starts[d], starts[d + 1], lower, classes, 2, qn, ring2, hv)
            for s in range(n):
                hv[s] = _fmix32(hv[s])
            _permutation_mins(sig[d], a, b, hv, n)
    return m


def _char_shingles(buf, lower, classes, ngram, cps, out):  # type: ignore[no-untyped-def]
    # shingles.char_shingle_hashes: the words (the walk of _word_hashes), lower-
    # cased once more (as that function reads its normalized text again) and
    # joined by single spaces, then every ngram code points' polynomial hash
    n = 0
    i = 0
    end = buf.size
    while i < end:
        cp, k = _decode(buf, i)
        i += k
        cls = classes[cp]
        if cls == 0:
            continue
        if n:
            cps[n] = 32
            n += 1
        cps[n] = lower[lower[cp]]
        n += 1
        if cls == 1:
            while i < end:
                cp, k = _decode(buf, i)
                if classes[cp] != 1:
                    break
                i += k
                cps[n] = lower[lower[cp]]
                n += 1
    if n == 0:
        return 0
    width = min(ngram, n)
    m = n - width + 1
    for s in range(m):
        h = _ZERO
        pw = np.uint64(1)
        for j in range(width):
            h += np.uint64(cps[s + j]) * pw
            pw *= _P
        out[s] = np.uint32(_fmix64(h) >> _S32)
    return m


_compiled: Callable[..., Any] | None = None
_compiled_words: Callable[..., Any] | None = None
_compiled_chars: Callable[..., Any] | None = None
_compiled_sets: Callable[..., Any] | None = None
_compiled_blocks: Callable[..., Any] | None = None
_lock = ForkSafeLock()


def loaded() -> bool:
    """Whether numba has been imported and the kernel built in this process."""
    return _compiled is not None


def load() -> Callable[..., Any] | None:
    """The compiled kernel (importing numba on the first call), or None without numba.

    The first call jit-wraps the kernel's functions in place, exactly as a
    module-level ``numba.njit`` would have done; later calls return it at once.
    """
    if _compiled is not None or not AVAILABLE:
        return _compiled
    with _lock:
        return _build()


def _build() -> Callable[..., Any] | None:
    global AVAILABLE, _compiled, _compiled_words, _compiled_chars, _compiled_sets, _compiled_blocks
    global _fmix64, _fmix32, _shingle_hash
    global _decode, _doc_shingles, _permutation_mins
    if _compiled is not None or not AVAILABLE:  # another thread built it meanwhile
        return _compiled
    try:
        import numba
    except ImportError:  # installed but broken (e.g. a numpy it does not support)
        AVAILABLE = False
        return None
    inline = numba.njit(cache=True, nogil=True, boundscheck=False, inline="always")
    _fmix64 = inline(_fmix64)
    _fmix32 = inline(_fmix32)
    _shingle_hash = inline(_shingle_hash)
    _decode = inline(_decode)
    _doc_shingles = inline(_doc_shingles)
    _permutation_mins = inline(_permutation_mins)
    _compiled_words = numba.njit(cache=True, nogil=True, boundscheck=False)(_word_hashes)
    _compiled_chars = numba.njit(cache=True, nogil=True, boundscheck=False)(_char_shingles)
    _compiled_sets = numba.njit(cache=True, nogil=True, boundscheck=False)(_shingle_sets)
    _compiled_blocks = numba.njit(cache=True, nogil=True, boundscheck=False)(_block_hashes)
    _compiled = numba.njit(cache=True, nogil=True, boundscheck=False)(_signatures)
    return _compiled


def word_hashes_utf8(buf: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each document's word (1-gram shingle) hashes, concatenated, and the offsets.

    The same values as ``shingles.batch_shingle_hashes(texts, ngram=1)`` for
    documents other than empty ones (which give no hash here): ``buf`` and
    ``starts`` as for :func:`signatures_utf8`.
    """
    if load() is None or _compiled_words is None:
        raise RuntimeError("the numba kernel needs numba installed (and TEXTCLEAN_NUMBA != 0)")
    out = np.empty(max(1, int(buf.size)), dtype=np.uint32)
    counts = np.zeros(starts.size - 1, dtype=np.int64)
    m = _compiled_words(buf, starts, LOWER_TABLE, CLASS_OF_LOWER, _Q, out, counts)
    offsets = np.zeros(starts.size, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return out[:m], offsets


def block_hashes_utf8(
    buf: np.ndarray,
    starts: np.ndarray,
    long_words: int,
    signed: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    sig: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`word_hashes_utf8` of the blocks ``buf``/``starts``, and in one pass over
    them the word 2-gram MinHash of each block with ``signed[d]`` (bool) and at least
    ``long_words`` words, folded into ``sig[d]`` (rows pre-filled) as
    :func:`signatures_utf8` folds a document's: the repeats stage's hashes of a text.
    """
    if load() is None or _compiled_blocks is None:
        raise RuntimeError("the numba kernel needs numba installed (and TEXTCLEAN_NUMBA != 0)")
    qn = np.uint64(pow(Q, 2, 1 << 64))
    words = np.empty(max(1, int(buf.size)), dtype=np.uint32)
    hv = np.empty(max(1, int(buf.size)), dtype=np.uint32)
    counts = np.zeros(starts.size - 1, dtype=np.int64)
    m = _compiled_blocks(
        buf,
        starts,
        LOWER_TABLE,
        CLASS_OF_LOWER,
        np.int64(long_words),
        signed,
        qn,
        a,
        b,
        words,
        counts,
        sig,
        hv,
    )
    offsets = np.zeros(starts.size, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return words[:m], offsets


def char_shingle_hashes(text: str, ngram: int = 5) -> np.ndarray:
    """``shingles.char_shingle_hashes(text, ngram)`` by a compiled loop (the same values)."""
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    if load() is None or _compiled_chars is None:
        raise RuntimeError("the numba kernel needs numba installed (and TEXTCLEAN_NUMBA != 0)")
    buf = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    cps = np.empty(2 * buf.size + 1, dtype=np.int64)  # a code point and a space at most
    out = np.empty(max(1, 2 * buf.size), dtype=np.uint32)
    m = _compiled_chars(buf, LOWER_TABLE, CLASS_OF_LOWER, ngram, cps, out)
    return out[:m].copy()


def shingle_sets_utf8(
    buf: np.ndarray, starts: np.ndarray, ngram: int, a: np.ndarray, b: np.ndarray, sig: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each document's shingle-hash set and its signature, in one pass.

    Returns ``(values, counts)``: document ``d``'s word ``ngram``-gram hashes,
    sorted and without repeats (the values of ``shingles.batch_shingle_hashes``),
    are the next ``counts[d]`` of ``values``. Its MinHash over them is folded into
    ``sig[d]`` (rows pre-filled), as :func:`signatures_utf8` folds it. ``buf`` and
    ``starts`` as for :func:`signatures_utf8`.
    """
    if load() is None or _compiled_sets is None:
        raise RuntimeError("the numba kernel needs numba installed (and TEXTCLEAN_NUMBA != 0)")
    qn = np.uint64(pow(Q, ngram, 1 << 64))
    longest = int(np.diff(starts).max()) if starts.size > 1 else 0
    hv = np.empty(max(1, longest), dtype=np.uint32)
    values = np.empty(max(1, int(buf.size)), dtype=np.uint32)
    counts = np.zeros(starts.size - 1, dtype=np.int64)
    total = _compiled_sets(
        buf, starts, LOWER_TABLE, CLASS_OF_LOWER, np.int64(ngram), qn, a, b, sig, values, counts, hv
    )
    return values[:total].copy(), counts


#: No permutations (read-only, as :func:`textclean.dedup.minhash.permutations` gives
#: them, so :func:`word_shingle_set` calls the kernel compiled for the deduper's types).
_NO_PERM = np.zeros(0, dtype=np.uint32)
_NO_PERM.setflags(write=False)


def word_shingle_set(text: str, ngram: int) -> np.ndarray:
    """``np.unique(shingles.shingle_hashes(text, ngram))``: the word ``ngram``-gram
    hashes of ``text``, sorted and without repeats, by the one compiled pass of
    :func:`shingle_sets_utf8` (no permutations, so no signature is folded)."""
    buf = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    starts = np.array([0, buf.size], dtype=np.int64)
    sig = np.empty((1, 0), dtype=np.uint32)
    values, _ = shingle_sets_utf8(buf, starts, ngram, _NO_PERM, _NO_PERM, sig)
    return values


def signatures_utf8(
    buf: np.ndarray, starts: np.ndarray, ngram: int, a: np.ndarray, b: np.ndarray, out: np.ndarray
) -> None:
    """Fold the word n-grams of each document into ``out`` (rows pre-filled).

    ``buf`` is UTF-8 (surrogates passed through) as uint8, document ``d`` being
    ``buf[starts[d]:starts[d + 1]]``; ``out`` has one row per document.
    """
    kernel = load()
    if kernel is None:
        raise RuntimeError("the numba kernel needs numba installed (and TEXTCLEAN_NUMBA != 0)")
    qn = np.uint64(pow(Q, ngram, 1 << 64))
    # a document has at most as many shingles as bytes (and one if it has words)
    longest = int(np.diff(starts).max()) if starts.size > 1 else 0
    hv = np.empty(max(1, longest), dtype=np.uint32)
    kernel(buf, starts, LOWER_TABLE, CLASS_OF_LOWER, np.int64(ngram), qn, a, b, out, hv)
