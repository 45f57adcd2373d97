"""Batch LSH over MinHash signature matrices, with numpy only.

A signature matrix (``n`` documents × ``num_perm`` uint32 minima) is cut into
``bands`` bands of ``rows`` rows; each band of each document is hashed to one
uint64 (:func:`band_hashes`). Two documents are a *candidate pair* when they
share the hash of at least one band. Candidate pairs come from sorting each
band's column and grouping equal hashes (:func:`bucket_pairs`), never from one
Python dict insert per band per document.

With 16 bands × 8 rows, a pair at Jaccard ``s`` becomes a candidate with
probability ``1 - (1 - s**8)**16`` (:func:`candidate_probability`): 0.947 at
s = 0.8, 0.994 at s = 0.85, 0.24 at s = 0.6, 0.01 at s = 0.4. (datasketch's
``MinHashLSH(threshold=0.8)`` picks 9 bands × 13 rows: 0.40 at s = 0.8.)

>>> sig = np.array([[1, 2, 3, 4], [1, 2, 3, 5], [9, 9, 9, 9]], dtype=np.uint32)
>>> h = band_hashes(sig, bands=2, rows=2)
>>> h.shape, bool(h[0, 0] == h[1, 0]), bool(h[0, 1] == h[1, 1])
((3, 2), True, False)
>>> bucket_pairs(h[:, 0]).tolist()
[[0, 1]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Version of the band-hash function; stored in persistent indexes, so a change
#: of :func:`band_hashes` must bump it.
BAND_HASH_VERSION = 1

_MUL1 = np.uint64(0xFF51AFD7ED558CCD)
_MUL2 = np.uint64(0xC4CEB9FE1A85EC53)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Banding:
    """How a signature of ``num_perm`` values is cut into ``bands`` × ``rows``.

    >>> Banding(128, 16, 8)
    Banding(num_perm=128, bands=16, rows=8)
    >>> Banding(128, 10, 8)
    Traceback (most recent call last):
    ...
    ValueError: bands * rows must equal num_perm: 10 * 8 = 80, num_perm = 128
    """

    num_perm: int = 128
    bands: int = 16
    rows: int = 8

    def __post_init__(self) -> None:
        for name in ("num_perm", "bands", "rows"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if self.bands * self.rows != self.num_perm:
            raise ValueError(
                f"bands * rows must equal num_perm: {self.bands} * {self.rows} = "
                f"{self.bands * self.rows}, num_perm = {self.num_perm}"
            )


def candidate_probability(similarity: float, bands: int = 16, rows: int = 8) -> float:
    """Probability that a pair at Jaccard ``similarity`` shares at least one band.

    >>> round(candidate_probability(0.8), 3), round(candidate_probability(0.8, 9, 13), 3)
    (0.947, 0.399)
    """
    return float(1.0 - (1.0 - similarity**rows) ** bands)


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * _MUL1
    h = h ^ (h >> np.uint64(33))
    h = h * _MUL2
    return h ^ (h >> np.uint64(33))


def band_hashes(signatures: np.ndarray, *, bands: int, rows: int) -> np.ndarray:
    """Hash each band of each signature to a uint64: shape ``(n, bands)``.

    The hash is a fixed, platform-independent function of the band's ``rows``
    values and the band number (a multiply-xorshift chain finished with
    MurmurHash3's fmix64), so equal bands always hash equal, in any process.
    """
    sig = np.asarray(signatures)
    if sig.ndim != 2:
        raise ValueError(f"signatures must be a 2-D array, got shape {sig.shape}")
    Banding(sig.shape[1], bands, rows)
    n = sig.shape[0]
    cube = sig.reshape(n, bands, rows)
    h = np.broadcast_to(
        _fmix64(np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN), (n, bands)
    ).copy()
    with np.errstate(over="ignore"):
        for r in range(rows):  # one (n, bands) uint64 slice at a time: small peak memory
            h *= _GOLDEN
            h ^= cube[:, :, r].astype(np.uint64)
            h = _fmix64(h)
    return h


def _groups(column: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort ``column``; return (order, group start, group size) of groups of ≥ 2."""
    order = np.argsort(column, kind="stable")
    srt = column[order]
    if srt.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return order, empty, empty
    change = np.flatnonzero(srt[1:] != srt[:-1]) + 1
    starts = np.concatenate(([0], change)).astype(np.int64)
    sizes = np.diff(np.concatenate((starts, [srt.size]))).astype(np.int64)
    keep = sizes >= 2
    return order, starts[keep], sizes[keep]


def bucket_pairs(column: np.ndarray, *, max_bucket: int | None = None) -> np.ndarray:
    """All pairs ``(i, j)``, ``i < j``, of rows with equal values in ``column``.

    Buckets larger than ``max_bucket`` are left out (see :func:`large_buckets`).
    Returns an ``(m, 2)`` int64 array sorted by ``(i, j)``.

    >>> bucket_pairs(np.array([7, 3, 7, 7, 3], dtype=np.uint64)).tolist()
    [[0, 2], [0, 3], [1, 4], [2, 3]]
    >>> bucket_pairs(np.array([7, 3, 7, 7, 3], dtype=np.uint64), max_bucket=2).tolist()
    [[1, 4]]
    """
    order, starts, sizes = _groups(np.asarray(column))
    if max_bucket is not None:
        small = sizes <= max_bucket
        starts, sizes = starts[small], sizes[small]
    if sizes.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    # For each position p of a bucket in sorted order, the end of its bucket.
    pos = np.repeat(starts, sizes) + _ragged_arange(sizes)
    end = np.repeat(starts + sizes, sizes)
    members = order[pos].astype(np.int64)
    parts = []
    for k in range(1, int(sizes.max())):
        ok = pos + k < end
        if not ok.any():
            break
        sel = np.flatnonzero(ok)
        a = members[sel]
        b = order[pos[sel] + k].astype(np.int64)
        parts.append(np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1))
    pairs = np.concatenate(parts)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def large_buckets(column: np.ndarray, max_bucket: int) -> list[np.ndarray]:
    """Members (sorted row numbers) of each bucket with more than ``max_bucket`` rows.

    >>> [b.tolist() for b in large_buckets(np.array([5, 5, 5, 1, 1], dtype=np.uint64), 2)]
    [[0, 1, 2]]
    """
    order, starts, sizes = _groups(np.asarray(column))
    big = np.flatnonzero(sizes > max_bucket)
    return [np.sort(order[starts[g] : starts[g] + sizes[g]]).astype(np.int64) for g in big]


def _ragged_arange(sizes: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s) for s in sizes])`` without a Python loop.

    >>> _ragged_arange(np.array([2, 3])).tolist()
    [0, 1, 0, 1, 2]
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    return np.arange(total, dtype=np.int64) - np.repeat(starts, sizes)


def pair_keys(pairs: np.ndarray) -> np.ndarray:
    """Encode ``(i, j)`` pairs (each < 2**32) as single uint64 keys ``i << 32 | j``."""
    p = np.asarray(pairs, dtype=np.uint64)
    return (p[:, 0] << np.uint64(32)) | p[:, 1]


def keys_to_pairs(keys: np.ndarray) -> np.ndarray:
    """Inverse of :func:`pair_keys`."""
    k = np.asarray(keys, dtype=np.uint64)
    hi = (k >> np.uint64(32)).astype(np.int64)
    lo = (k & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return np.stack((hi, lo), axis=1)


def candidate_pairs(hashes: np.ndarray, *, max_bucket: int | None = None) -> np.ndarray:
    """Distinct pairs ``(i, j)``, ``i < j``, sharing at least one band hash.

    ``hashes`` is the ``(n, bands)`` output of :func:`band_hashes`. Buckets with
    more than ``max_bucket`` members are left out (handle them with
    :func:`large_buckets`). Returns an ``(m, 2)`` int64 array sorted by ``(i, j)``.
    """
    h = np.asarray(hashes)
    keys = [pair_keys(bucket_pairs(h[:, b], max_bucket=max_bucket)) for b in range(h.shape[1])]
    if not keys:
        return np.zeros((0, 2), dtype=np.int64)
    return keys_to_pairs(np.unique(np.concatenate(keys)))


class UnionFind:
    """Disjoint sets over ``0 .. n-1`` held in one numpy parent array.

    Every parent link points to a smaller number, so the root of a set is its
    smallest member; :meth:`union` takes whole arrays of edges at once.

    >>> uf = UnionFind(5)
    >>> uf.union(np.array([3, 1]), np.array([4, 3]))
    >>> uf.roots().tolist()
    [0, 1, 2, 1, 1]
    >>> uf.find(4), uf.connected(0, 4)
    (1, False)
    """

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)

    def __len__(self) -> int:
        return int(self.parent.size)

    def find(self, x: int) -> int:
        """The root of ``x`` (path halving)."""
        p = self.parent
        x = int(x)
        while p[x] != x:
            p[x] = p[p[x]]
            x = int(p[x])
        return x

    def connected(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def find_many(self, xs: np.ndarray) -> np.ndarray:
        """Roots of the members ``xs`` (vectorized pointer chasing)."""
        r = self.parent[np.asarray(xs, dtype=np.int64)]
        while True:
            nxt = self.parent[r]
            if np.array_equal(nxt, r):
                return r
            r = nxt

    def roots(self) -> np.ndarray:
        """The root of every element; compresses every path as a side effect."""
        p = self.parent
        while True:
            pp = p[p]
            if np.array_equal(pp, p):
                return p.copy()
            p[:] = pp

    def union(self, a: np.ndarray, b: np.ndarray) -> None:
        """Join the sets of ``a[k]`` and ``b[k]`` for every ``k``."""
        a = np.asarray(a, dtype=np.int64).ravel()
        b = np.asarray(b, dtype=np.int64).ravel()
        if a.shape != b.shape:
            raise ValueError("union needs two arrays of the same length")
        while a.size:
            ra, rb = self.find_many(a), self.find_many(b)
            differ = ra != rb
            if not differ.any():
                return
            a, b, ra, rb = a[differ], b[differ], ra[differ], rb[differ]
            hi, lo = np.maximum(ra, rb), np.minimum(ra, rb)
            # ``hi`` are roots; each takes the smallest root it is joined to
            # this round, the other edges are re-examined on the next round.
            np.minimum.at(self.parent, hi, lo)
