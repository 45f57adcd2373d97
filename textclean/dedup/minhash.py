"""Bulk MinHash signatures, bit-identical to datasketch 2.x ``scheme="affine32"``.

datasketch's affine32 MinHash of a set of uint32 hashes ``h`` keeps, for each
permutation ``k``, ``min(a_k * fmix32(h) + b_k mod 2**32)`` over the set, with
``a, b`` drawn from ``numpy.random.RandomState(seed)`` (see
:func:`permutations`). :func:`signatures` computes exactly that for a whole
batch of texts with numpy — tokenizing, hashing and the min over all
permutations — with no Python loop per word, shingle or permutation. A text
with no words has datasketch's empty-MinHash value: every entry ``2**32 - 1``.

>>> import datasketch
>>> texts = ["The cat sat on the mat and purred.", "", "One word"]
>>> sig = signatures(texts, num_perm=64, seed=7)
>>> sig.shape, sig.dtype
((3, 64), dtype('uint32'))
>>> m = datasketch.MinHash(num_perm=64, seed=7, scheme="affine32", hashfunc=lambda h: h)
>>> m.update_batch(shingle_hashes(texts[0]))
>>> bool((m.hashvalues == sig[0]).all()), bool((sig[1] == EMPTY_HASH).all())
(True, True)
>>> to_lean_minhash(sig[0], seed=7) == datasketch.LeanMinHash(m)
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from textclean.dedup import _kernel
from textclean.dedup.shingles import (
    SHINGLE_HASH_VERSION,
    batch_shingle_hashes,
    char_shingle_hashes,
    shingle_hashes,
)

__all__ = [
    "EMPTY_HASH",
    "SignatureScheme",
    "fmix32",
    "jaccard",
    "permutations",
    "signatures",
    "signatures_from_hashes",
    "to_lean_minhash",
]

#: datasketch's affine32 value for "no element seen" (an empty MinHash).
EMPTY_HASH = np.uint32(0xFFFFFFFF)

#: Texts are processed in chunks of about this many characters (bounds memory).
CHUNK_CHARS = 1 << 20
#: ``backend="auto"`` imports numba for a call with at least this many
#: characters of text, enough for the compiled kernel to win back its import
#: (about 0.6 s and 150 MB; the numpy path signs ~60 MB/s). So the ``repeats``
#: stage, which signs one document's paragraphs per call, never loads it in a
#: pipeline worker; corpus dedup loads it explicitly. Once loaded, the kernel is
#: used for every ``"auto"`` call. Either way the results are identical.
AUTO_NUMBA_CHARS = 1 << 25
#: Shingles per block of the (shingles x num_perm) permuted-hash matrix
#: (8 times as many in the (num_perm x shingles) layout).
BLOCK_SHINGLES = 2048
#: Mean shingles per text from which the (num_perm x shingles) layout is used.
WIDE_MIN_SHINGLES = 64

_C1 = np.uint32(0x85EBCA6B)
_C2 = np.uint32(0xC2B2AE35)
_S16 = np.uint32(16)
_S13 = np.uint32(13)


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it (new uint32 array).

    >>> int(fmix32(np.array([1], dtype=np.uint32))[0])
    1364076727
    """
    h = np.asarray(h, dtype=np.uint32)
    h = h ^ (h >> _S16)
    h *= _C1
    h ^= h >> _S13
    h *= _C2
    h ^= h >> _S16
    return h


@lru_cache(maxsize=32)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    if num_perm < 1:
        raise ValueError("num_perm must be positive")
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch 2.0's affine32 parameters ``(a, b)``, uint32 arrays of ``num_perm``.

    Same draws as ``datasketch.MinHash(num_perm, seed, scheme="affine32")
    .permutations``: ``a = 2 * randint(0, 2**31) + 1`` (odd), then
    ``b = randint(0, 2**32)``, from ``numpy.random.RandomState(seed)``.
    The arrays are read-only (they are cached).

    >>> a, b = permutations(4, 1)
    >>> bool((a % 2 == 1).all()), a.dtype
    (True, dtype('uint32'))
    """
    return _permutations(int(num_perm), int(seed))


def _min_into(
    result: np.ndarray,
    hv: np.ndarray,
    offsets: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
) -> None:
    """``result[i] = min(result[i], min_k(a * hv[k] + b))`` over text i's rows.

    ``hv`` holds pre-mixed hashes of all texts, text ``i`` owning
    ``hv[offsets[i]:offsets[i+1]]``. Works in blocks so the permuted matrix
    stays in cache. Texts with many shingles use a (num_perm x shingles)
    layout, whose long contiguous rows numpy vectorizes best; many short texts
    use (shingles x num_perm), which reduces a short text in one call.
    """
    total = hv.size
    if total == 0:
        return
    counts = np.diff(offsets)
    nonempty = np.flatnonzero(counts)
    starts = offsets[nonempty]
    wide = total / nonempty.size >= WIDE_MIN_SHINGLES
    block_rows = BLOCK_SHINGLES * (8 if wide else 1)
    num_perm = a.size
    buf = np.empty(num_perm * min(block_rows, total), dtype=np.uint32)
    a_col, b_col = a[:, None], b[:, None]
    for r0 in range(0, total, block_rows):
        r1 = min(r0 + block_rows, total)
        rows = r1 - r0
        # texts with rows in [r0, r1): those starting before r1 and ending after r0
        lo = max(int(np.searchsorted(starts, r0, side="right")) - 1, 0)
        hi = int(np.searchsorted(starts, r1, side="left"))
        seg = starts[lo:hi] - r0
        seg[0] = max(seg[0], 0)
        if wide:
            block = buf[: num_perm * rows].reshape(num_perm, rows)
            np.multiply(a_col, hv[None, r0:r1], out=block)
            block += b_col
            partial = np.minimum.reduceat(block, seg, axis=1).T
        else:
            block = buf[: num_perm * rows].reshape(rows, num_perm)
            np.multiply(hv[r0:r1, None], a, out=block)
            block += b
            partial = np.minimum.reduceat(block, seg, axis=0)
        idx = nonempty[lo:hi]
        result[idx] = np.minimum(result[idx], partial)


def _chunks(texts: Sequence[str], chunk_chars: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` index ranges of texts holding about ``chunk_chars`` each."""
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= chunk_chars:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(texts):
        yield start, len(texts)


def signatures(
    texts: Sequence[str],
    *,
    num_perm: int = 128,
    seed: int = 1,
    ngram: int = 5,
    backend: str = "auto",
) -> np.ndarray:
    """MinHash signatures of the word ``ngram``-gram sets of ``texts``.

    Row ``i`` equals the ``hashvalues`` of ``datasketch.MinHash(num_perm=num_perm,
    seed=seed, scheme="affine32", hashfunc=lambda h: h)`` after
    ``update_batch(shingle_hashes(texts[i], ngram))``. Returns a uint32 array of
    shape ``(len(texts), num_perm)``; a text without words gets the empty
    MinHash (all :data:`EMPTY_HASH`).

    ``backend`` picks the implementation, all bit-identical: ``"numba"`` (the
    fused compiled kernel of :mod:`textclean.dedup._kernel`), ``"numpy"``
    (vectorized numpy), or ``"auto"`` — numba when it is installed and either
    already loaded or the texts hold at least :data:`AUTO_NUMBA_CHARS`
    characters (numba is imported on first use, not with this module).
    """
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    if backend not in ("auto", "numba", "numpy"):
        raise ValueError(f"backend must be 'auto', 'numba' or 'numpy', got {backend!r}")
    use_numba = backend == "numba" or (
        backend == "auto"
        and _kernel.AVAILABLE
        and (_kernel.loaded() or sum(map(len, texts)) >= AUTO_NUMBA_CHARS)
    )
    if use_numba and _kernel.load() is None:  # imports numba on the first use only
        if backend == "numba":
            raise RuntimeError("backend='numba' needs numba installed (and TEXTCLEAN_NUMBA != 0)")
        use_numba = False
    a, b = permutations(num_perm, seed)
    result = np.full((len(texts), num_perm), EMPTY_HASH, dtype=np.uint32)
    for lo, hi in _chunks(texts, CHUNK_CHARS):
        chunk = texts[lo:hi]
        if use_numba:
            encoded = [t.encode("utf-8", "surrogatepass") for t in chunk]
            starts = np.zeros(len(encoded) + 1, dtype=np.int64)
            np.cumsum([len(e) for e in encoded], out=starts[1:])
            buf = np.frombuffer(b"".join(encoded), dtype=np.uint8)
            _kernel.signatures_utf8(buf, starts, ngram, a, b, result[lo:hi])
        else:
            hashes, offsets = batch_shingle_hashes(chunk, ngram)
            _min_into(result[lo:hi], fmix32(hashes), offsets, a, b)
    return result


def signatures_from_hashes(
    hashes: Sequence[np.ndarray], *, num_perm: int = 128, seed: int = 1
) -> np.ndarray:
    """MinHash signatures of sets given as uint32 hash arrays (one per set).

    Row ``i`` equals datasketch's affine32 ``hashvalues`` after
    ``update_batch(hashes[i])`` with ``hashfunc=lambda h: h``.

    >>> sets = [np.array([1, 2], np.uint32), np.array([], np.uint32)]
    >>> sig = signatures_from_hashes(sets, num_perm=8)
    >>> sig.shape, bool((sig[1] == EMPTY_HASH).all())
    ((2, 8), True)
    """
    a, b = permutations(num_perm, seed)
    result = np.full((len(hashes), num_perm), EMPTY_HASH, dtype=np.uint32)
    if not len(hashes):
        return result
    arrays = [np.asarray(h) for h in hashes]
    for arr in arrays:
        if (
            arr.size
            and arr.dtype.kind in "iu"
            and (int(arr.max()) > 0xFFFFFFFF or int(arr.min()) < 0)
        ):
            raise ValueError("hash values must fit in uint32")
    offsets = np.zeros(len(arrays) + 1, dtype=np.int64)
    np.cumsum([arr.size for arr in arrays], out=offsets[1:])
    flat = np.concatenate([arr.astype(np.uint32, copy=False).ravel() for arr in arrays])
    _min_into(result, fmix32(flat), offsets, a, b)
    return result


def to_lean_minhash(row: np.ndarray, seed: int = 1) -> Any:
    """A ``datasketch.LeanMinHash`` (scheme affine32) holding a signature row.

    >>> lean = to_lean_minhash(signatures(["a b c d e f"], num_perm=16)[0])
    >>> lean.scheme, lean.seed, len(lean)
    ('affine32', 1, 16)
    """
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=np.asarray(row, dtype=np.uint32), scheme="affine32")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two shingle-hash sets (repeats ignored).

    Two empty sets are identical (1.0), as two empty MinHashes estimate.

    >>> jaccard(shingle_hashes("a b c d e f g"), shingle_hashes("a b c d e f x"))
    0.5
    """
    sa = np.unique(np.asarray(a))
    sb = np.unique(np.asarray(b))
    union = np.union1d(sa, sb).size
    if union == 0:
        return 1.0
    inter = np.intersect1d(sa, sb, assume_unique=True).size
    return inter / union


@dataclass(frozen=True)
class SignatureScheme:
    """How a stored signature was made; store :meth:`to_dict` next to it.

    ``shingling`` is ``"word"`` (word n-grams, :func:`signatures`) or ``"char"``
    (character n-grams of the normalized words, for short blocks);
    ``shingle_hash`` names the shingle-hash definition version.

    >>> s = SignatureScheme(seed=3, num_perm=64)
    >>> s.to_dict()["scheme"], SignatureScheme.from_dict(s.to_dict()) == s
    ('affine32', True)
    """

    scheme: str = "affine32"
    seed: int = 1
    num_perm: int = 128
    ngram: int = 5
    shingling: str = "word"
    shingle_hash: str = SHINGLE_HASH_VERSION

    def __post_init__(self) -> None:
        if self.scheme != "affine32":
            raise ValueError(f"only the affine32 scheme is implemented, got {self.scheme!r}")
        if self.shingling not in ("word", "char"):
            raise ValueError(f"shingling must be 'word' or 'char', got {self.shingling!r}")
        if self.num_perm < 1 or self.ngram < 1:
            raise ValueError("num_perm and ngram must be positive")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignatureScheme:
        """The scheme recorded by :meth:`to_dict` (unknown keys are errors)."""
        return cls(**dict(data))

    def shingles(self, text: str) -> np.ndarray:
        """The shingle hashes this scheme uses for ``text``."""
        if self.shingling == "word":
            return shingle_hashes(text, self.ngram)
        return char_shingle_hashes(text, self.ngram)

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """Signatures of ``texts`` under this scheme."""
        if self.shingling == "word":
            return signatures(texts, num_perm=self.num_perm, seed=self.seed, ngram=self.ngram)
        return signatures_from_hashes(
            [self.shingles(t) for t in texts], num_perm=self.num_perm, seed=self.seed
        )
