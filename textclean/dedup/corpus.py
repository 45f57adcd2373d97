"""Corpus-level near-duplicate detection: banded MinHash, exact verification, keep rule.

:class:`CorpusDeduper` takes documents one at a time (``add``), in input order,
and decides at ``finish`` which ones are near-copies of another:

1. **Shingles and signatures.** Each text becomes the sorted set of its word
   ``ngram``-gram hashes (:mod:`textclean.dedup.shingles`), kept as uint32 in
   one concatenated array; its MinHash signature (:mod:`textclean.dedup.minhash`)
   is cut into ``bands`` × ``rows`` and only the band hashes are kept
   (``8 * bands`` bytes a document). The texts are not kept.
2. **Candidates.** Documents sharing a band hash are candidate pairs, found by
   sorting each band column (:mod:`textclean.dedup.lsh`).
3. **Verification and clusters.** Every candidate pair's exact Jaccard
   similarity of shingle sets is computed; pairs at or above ``threshold`` are
   joined with union-find. (In a band bucket of more than ``max_bucket``
   documents, a pair whose documents are already joined is not computed
   again: it could not change the clusters.)
4. **Keep rule.** The documents of a cluster are taken in *keep order*: documents
   from a persistent index first (they were output by an earlier run), then
   ``keep="first"`` input order, ``"longest"`` most characters first (ties: input
   order), or ``"lowest_id"`` smallest id first (ties: input order). The first is
   kept, and every document whose Jaccard similarity *with that kept document* is
   at least ``threshold`` is dropped as its duplicate. Of the rest, the first is
   kept in turn, and so on. So a chain A~B~C with A not ~ C keeps A and C and
   drops B: no document is dropped unless it is verified against the document
   kept in its place.

A document with no words has no shingles and is never a duplicate.

>>> base = " ".join(f"word{i}" for i in range(200))
>>> dd = CorpusDeduper(DedupConfig())
>>> dd.add("a", base + " Posted on Monday.")
>>> dd.add("b", "A completely different text about gardens and tomatoes in May.")
>>> dd.add("c", base + " Share this story!")
>>> result = dd.finish()
>>> dup = result.duplicates["c"]
>>> dup.kept_id, round(dup.similarity, 4), round(196 / (199 + 199 - 196), 4)
('a', 0.9703, 0.9703)
>>> sorted(result.duplicates), result.clusters, result.verified_pairs
(['c'], 1, 1)
"""

from __future__ import annotations

import mmap
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from textclean.config import DedupConfig
from textclean.dedup import _kernel
from textclean.dedup.index import DedupIndex, IndexDocs, index_settings
from textclean.dedup.lsh import UnionFind, band_hashes, candidate_pairs, large_buckets
from textclean.dedup.lsh import _ragged_arange as ragged_arange
from textclean.dedup.minhash import EMPTY_HASH, permutations, signatures_from_hashes
from textclean.dedup.shingles import batch_shingle_hashes
from textclean.document import Document

__all__ = [
    "CorpusDeduper",
    "DedupResult",
    "Duplicate",
    "HashedBatch",
    "find_duplicates",
    "jaccard_many",
]

#: Texts are shingled and signed in batches of up to this many characters.
BATCH_CHARS = 1 << 20

#: Pairs are verified in batches of about this many shingles (bounds memory).
VERIFY_BATCH = 1 << 23


@dataclass(frozen=True)
class Duplicate:
    """A dropped document's verdict: the id kept in its place and their Jaccard similarity."""

    kept_id: str
    similarity: float


@dataclass
class DedupResult:
    """What :meth:`CorpusDeduper.finish` found.

    ``duplicates`` maps each dropped id to its :class:`Duplicate`, in input order.
    ``clusters`` counts kept documents that have at least one duplicate.
    ``candidate_pairs`` counts the pairs whose exact Jaccard was computed to
    verify a shared band; ``verified_pairs`` those at or above the threshold.
    ``documents`` is the number added, ``empty`` those without any shingle,
    ``index_matches`` documents of the persistent index that shared a band
    with this batch, and ``indexed`` the kept documents added to the index.
    """

    duplicates: dict[str, Duplicate]
    clusters: int
    candidate_pairs: int
    verified_pairs: int
    documents: int = 0
    empty: int = 0
    index_matches: int = 0
    indexed: int = 0
    settings: dict[str, Any] = field(default_factory=dict)

    def duplicate_of(self) -> dict[str, str]:
        """``{dropped id: kept id}``."""
        return {k: d.kept_id for k, d in self.duplicates.items()}


def jaccard_many(
    values: np.ndarray, offsets: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Exact Jaccard similarity of the sets ``left[k]`` and ``right[k]``, for every ``k``.

    Set ``i`` is ``values[offsets[i]:offsets[i+1]]``, sorted and without repeats.
    Pairs with an empty set score 0.0. Vectorized: each batch of pairs is one
    sort of ``(pair, value)`` keys, where a repeated key is a shared element.

    >>> vals = np.array([1, 2, 3, 4, 2, 3, 4, 5, 9], dtype=np.uint32)
    >>> off = np.array([0, 4, 8, 9, 9])
    >>> jaccard_many(vals, off, np.array([0, 0, 2]), np.array([1, 2, 3])).tolist()
    [0.6, 0.0, 0.0]
    """
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    out = np.zeros(left.size, dtype=np.float64)
    if left.size == 0:
        return out
    la = offsets[left + 1] - offsets[left]
    lb = offsets[right + 1] - offsets[right]
    work = np.cumsum(la + lb)
    start = 0
    while start < left.size:
        base = work[start - 1] if start else 0
        stop = max(int(np.searchsorted(work, base + VERIFY_BATCH, side="right")), start + 1)
        sl = slice(start, stop)
        out[sl] = _jaccard_batch(values, offsets, left[sl], right[sl], la[sl], lb[sl])
        start = stop
    return out


def _jaccard_batch(
    values: np.ndarray,
    offsets: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    la: np.ndarray,
    lb: np.ndarray,
) -> np.ndarray:
    p = left.size
    pid = np.arange(p, dtype=np.uint64) << np.uint64(32)
    ka = np.repeat(pid, la) | values[np.repeat(offsets[left], la) + ragged_arange(la)]
    kb = np.repeat(pid, lb) | values[np.repeat(offsets[right], lb) + ragged_arange(lb)]
    keys = np.concatenate((ka, kb))
    keys.sort()
    shared = keys[1:][keys[1:] == keys[:-1]]
    inter = np.bincount((shared >> np.uint64(32)).astype(np.int64), minlength=p)
    union = la + lb - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = np.where((la > 0) & (lb > 0), inter / np.maximum(union, 1), 0.0)
    return sim


@dataclass(frozen=True)
class HashedBatch:
    """Documents shingled and signed, ready to be decided on (:meth:`CorpusDeduper.add_hashed`).

    ``values``: every document's sorted distinct shingle hashes (uint32), one
    after another; ``counts``: how many each document has; ``lengths``: its
    characters; ``bands``: its band hashes, ``(n, bands)`` uint64 (zeros when
    it has no shingles).
    """

    values: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray
    bands: np.ndarray


class _Chunks:
    """Append-only numpy storage: a list of chunks joined once at the end."""

    def __init__(self, dtype: Any, width: int = 0) -> None:
        self.dtype = np.dtype(dtype)
        self.width = width
        self.parts: list[np.ndarray] = []

    def append(self, arr: np.ndarray) -> None:
        self.parts.append(np.ascontiguousarray(arr, dtype=self.dtype))

    def nbytes(self) -> int:
        return sum(p.nbytes for p in self.parts)

    def take(self) -> np.ndarray:
        """Join the chunks into one array, freeing each chunk once it is copied."""
        shape: tuple[int, ...] = (sum(len(p) for p in self.parts),)
        if self.width:
            shape = (shape[0], self.width)
        out = np.empty(shape, dtype=self.dtype)
        pos = 0
        while self.parts:
            part = self.parts.pop(0)
            out[pos : pos + len(part)] = part
            pos += len(part)
        return out


class _SpilledChunks:
    """Append-only uint32 storage in an unnamed temporary file, memory-mapped at the end.

    Only the pages that verification reads are loaded, so the shingle sets cost
    disk space (4 bytes per distinct shingle) instead of memory.
    """

    def __init__(self, directory: str) -> None:
        self.dtype = np.dtype(np.uint32)
        # lives as long as the deduper: closed (and gone: it is unnamed) with it
        self._file = tempfile.TemporaryFile(dir=directory, prefix="textclean-dedup-")  # noqa: SIM115
        self._size = 0

    def append(self, arr: np.ndarray) -> None:
        data = np.ascontiguousarray(arr, dtype="<u4")
        self._file.write(data.tobytes())
        self._size += data.size

    def nbytes(self) -> int:
        return 0

    def close(self) -> None:
        self._file.close()

    def take(self) -> np.ndarray:
        self._file.flush()
        if not self._size:
            return np.zeros(0, dtype=self.dtype)
        mapped = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        return np.frombuffer(mapped, dtype="<u4", count=self._size)


class CorpusDeduper:
    """Near-duplicate detection over a whole run; see the module docstring.

    Call :meth:`add` for each kept document in input order, then :meth:`finish`
    once. Memory per document: ``8 * bands`` bytes of band hashes, 16 bytes of
    counters, the id string, and 4 bytes per distinct shingle — those go to a
    temporary file in ``config.spill_dir`` instead when it is set.
    ``batch_size`` (documents hashed together) changes speed, never results.
    """

    def __init__(
        self, config: DedupConfig | None = None, *, batch_size: int = 1024, max_bucket: int = 32
    ) -> None:
        self.config = config or DedupConfig()
        if batch_size < 1 or max_bucket < 2:
            raise ValueError("batch_size must be >= 1 and max_bucket >= 2")
        self.batch_size = batch_size
        self.max_bucket = max_bucket
        self.settings = index_settings(self.config)
        self._index = DedupIndex(self.config.index, self.settings) if self.config.index else None
        self._ids: list[str] = []
        self._pending: list[str] = []
        self._pending_chars = 0
        self._values: _Chunks | _SpilledChunks = (
            _SpilledChunks(self.config.spill_dir) if self.config.spill_dir else _Chunks(np.uint32)
        )
        self._counts = _Chunks(np.int64)
        self._lengths = _Chunks(np.int64)
        self._bands = _Chunks(np.uint64, self.config.bands)
        self._finished = False

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc_id: str, text: str) -> None:
        """Take one document (call in input order)."""
        if self._finished:
            raise RuntimeError("add() after finish()")
        self._ids.append(doc_id)
        self._pending.append(text)
        self._pending_chars += len(text)
        if len(self._pending) >= self.batch_size or self._pending_chars >= BATCH_CHARS:
            self._flush()

    def add_many(self, docs: Iterable[tuple[str, str]]) -> None:
        for doc_id, text in docs:
            self.add(doc_id, text)

    def export_hashed(self) -> HashedBatch:
        """Shingle and sign what was added, and hand the arrays over instead of deciding.

        A worker process of an engine calls this on a deduper that holds one
        slice of the corpus; the deciding process passes the result to
        :meth:`add_hashed`. The deduper cannot be used afterwards.

        >>> a = CorpusDeduper(DedupConfig())
        >>> a.add("x", "one two three four five six"); a.add("y", "")
        >>> h = a.export_hashed()
        >>> h.counts.tolist(), h.lengths.tolist(), h.bands.shape
        ([2, 0], [27, 0], (2, 16))
        """
        if self._finished:
            raise RuntimeError("export_hashed() after finish()")
        self._flush()
        self._finished = True
        return HashedBatch(
            self._values.take(), self._counts.take(), self._lengths.take(), self._bands.take()
        )

    def add_hashed(self, ids: list[str], batch: HashedBatch) -> None:
        """Take documents hashed elsewhere (:meth:`export_hashed`), in input order.

        The result of :meth:`finish` is the same as if their texts had been
        passed to :meth:`add` here.
        """
        if self._finished:
            raise RuntimeError("add_hashed() after finish()")
        n = len(ids)
        if batch.counts.shape != (n,) or batch.lengths.shape != (n,):
            raise ValueError(f"add_hashed: {n} ids but {batch.counts.shape[0]} hashed documents")
        if batch.bands.shape != (n, self.config.bands):
            raise ValueError(f"add_hashed: bands have shape {batch.bands.shape}")
        if int(batch.counts.sum()) != batch.values.size:
            raise ValueError("add_hashed: counts do not add up to the shingle values")
        self._flush()
        self._ids.extend(ids)
        self._values.append(batch.values)
        self._counts.append(batch.counts)
        self._lengths.append(batch.lengths)
        self._bands.append(batch.bands)

    def close(self) -> None:
        """Give up without deciding (a run that failed): close the index and the
        spill file now instead of when the deduper is collected."""
        self._finished = True
        if self._index is not None:
            self._index.close()
        if isinstance(self._values, _SpilledChunks):
            self._values.close()

    def memory_bytes(self) -> int:
        """Bytes held in numpy arrays for the documents added so far."""
        return sum(c.nbytes() for c in (self._values, self._counts, self._lengths, self._bands))

    def _flush(self) -> None:
        texts = self._pending
        if not texts:
            return
        self._pending = []
        self._pending_chars = 0
        if _kernel.load() is not None:  # one compiled pass: the same sets and bands
            values, counts, bands = self._hash_compiled(texts)
        else:
            values, counts, bands = self._hash_numpy(texts)
        self._values.append(values)
        self._counts.append(counts)
        self._lengths.append(np.fromiter((len(t) for t in texts), np.int64, len(texts)))
        self._bands.append(bands)

    def _hash_compiled(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Shingle sets (sorted, no repeats), their counts and band hashes, by the kernel."""
        cfg = self.config
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        starts = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=starts[1:])
        buf = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        a, b = permutations(cfg.num_perm, cfg.seed)
        sig = np.full((len(texts), cfg.num_perm), EMPTY_HASH, dtype=np.uint32)
        values, counts = _kernel.shingle_sets_utf8(buf, starts, cfg.ngram, a, b, sig)
        bands = np.zeros((len(texts), cfg.bands), dtype=np.uint64)
        live = np.flatnonzero(counts)
        if live.size:
            bands[live] = band_hashes(sig[live], bands=cfg.bands, rows=cfg.rows)
        return values, counts, bands

    def _hash_numpy(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What :meth:`_hash_compiled` returns, by the numpy path."""
        cfg = self.config
        hashes, offs = batch_shingle_hashes(texts, cfg.ngram)
        doc_of = np.repeat(np.arange(len(texts), dtype=np.uint64), np.diff(offs))
        keys = (doc_of << np.uint64(32)) | hashes.astype(np.uint64)
        keys.sort()
        first = np.ones(keys.size, dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        keys = keys[first]  # per document: sorted, without repeats
        values = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        counts = np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(texts))
        bounds = np.concatenate(([0], np.cumsum(counts)))
        live = np.flatnonzero(counts)
        bands = np.zeros((len(texts), cfg.bands), dtype=np.uint64)
        if live.size:
            sig = signatures_from_hashes(
                [values[bounds[i] : bounds[i + 1]] for i in live],
                num_perm=cfg.num_perm,
                seed=cfg.seed,
            )
            bands[live] = band_hashes(sig, bands=cfg.bands, rows=cfg.rows)
        return values, counts, bands

    def finish(self) -> DedupResult:
        """Decide which documents are duplicates (and update the index, if any)."""
        if self._finished:
            raise RuntimeError("finish() called twice")
        self._flush()
        self._finished = True
        ids = self._ids
        if len(set(ids)) != len(ids):
            seen: set[str] = set()
            dup = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
            raise ValueError(f"document id {dup!r} was added twice; ids must be unique")
        counts = self._counts.take()
        lengths = self._lengths.take()
        bands = self._bands.take()
        if self._index is None:
            return self._decide(ids, counts, lengths, bands, IndexDocs.empty(self.config.bands))[0]
        run_key = self.config.run_key
        try:
            with self._index.transaction():
                # A run key seen before: this batch was decided and indexed by an
                # earlier attempt of the same run (killed before it wrote its
                # outputs). Decide again against what that attempt saw, insert nothing.
                done = self._index.run(run_key) if run_key else None
                horizon = done.horizon if done else self._index.last_id()
                found = self._index.lookup(bands[counts > 0], horizon=horizon)
                result, kept, values, offsets = self._decide(ids, counts, lengths, bands, found)
                if done is not None:
                    result.indexed = done.documents
                    return result
                if not self.config.update_index:
                    result.indexed = 0
                    return result
                rows = np.flatnonzero(kept)
                result.indexed = self._index.add_documents(
                    [ids[r] for r in rows],
                    lengths[rows],
                    bands[rows],
                    [values[offsets[r] : offsets[r + 1]] for r in rows],
                )
                if run_key:
                    self._index.record_run(run_key, horizon, result.indexed)
        finally:
            self._index.close()
        return result

    def _decide(
        self,
        ids: list[str],
        counts: np.ndarray,
        lengths: np.ndarray,
        bands: np.ndarray,
        found: IndexDocs,
    ) -> tuple[DedupResult, np.ndarray, np.ndarray, np.ndarray]:
        """The result, the mask of kept non-empty new rows, and the shingle store."""
        cfg = self.config
        n = len(ids)
        m = len(found.ids)
        if m:
            self._values.append(found.values)
            counts = np.concatenate((counts, found.counts))
            lengths = np.concatenate((lengths, found.lengths))
            bands = np.concatenate((bands, found.bands))
        values = self._values.take()
        offsets = np.zeros(n + m + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        all_ids = ids + found.ids
        is_index = np.arange(n + m) >= n

        live = np.flatnonzero(counts > 0)
        local_pairs, buckets = self.candidates(bands[live])
        pairs = live[local_pairs]
        pairs = pairs[~(is_index[pairs[:, 0]] & is_index[pairs[:, 1]])]
        sims = jaccard_many(values, offsets, pairs[:, 0], pairs[:, 1])
        ok = sims >= cfg.threshold
        uf = UnionFind(n + m)
        uf.union(pairs[ok, 0], pairs[ok, 1])
        compared, verified = int(pairs.shape[0]), int(ok.sum())
        for members in buckets:
            c, v = self._join_bucket(uf, live[members], values, offsets, is_index)
            compared += c
            verified += v

        dup_of, sim = self._keep(uf.roots(), all_ids, lengths, is_index, values, offsets)
        duplicates = {
            ids[r]: Duplicate(all_ids[dup_of[r]], float(sim[r]))
            for r in np.flatnonzero(dup_of >= 0)
        }
        kept = ((dup_of < 0) & (counts > 0))[:n]
        result = DedupResult(
            duplicates=duplicates,
            clusters=int(np.unique(dup_of[dup_of >= 0]).size),
            candidate_pairs=compared,
            verified_pairs=verified,
            documents=n,
            empty=int((counts[:n] == 0).sum()),
            index_matches=m,
            settings=dict(self.settings),
        )
        return result, kept, values, offsets

    def candidates(self, bands: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Candidate pairs among the rows of a band-hash matrix, and its large buckets.

        Returns the distinct pairs ``(i, j)``, ``i < j``, of rows sharing a band
        hash in a bucket of at most ``max_bucket`` rows (sorted by ``(i, j)``),
        and the sorted members of every bucket with more rows, band by band and
        within a band by ascending hash. An engine may override this to find
        them elsewhere (``textclean.engines.ray`` shuffles band hashes across a
        Ray cluster); anything returning the same values gives the same result.
        """
        pairs = candidate_pairs(bands, max_bucket=self.max_bucket)
        buckets = [
            members
            for b in range(bands.shape[1])
            for members in large_buckets(bands[:, b], self.max_bucket)
        ]
        return pairs, buckets

    def _join_bucket(
        self,
        uf: UnionFind,
        members: np.ndarray,
        values: np.ndarray,
        offsets: np.ndarray,
        is_index: np.ndarray,
    ) -> tuple[int, int]:
        """Verify the pairs of one large bucket, skipping pairs already joined."""
        compared = verified = 0
        for pos in range(members.size - 1):
            rest = members[pos:]
            roots = uf.find_many(rest)
            if (roots == roots[0]).all():
                break
            hub = rest[0]
            others = rest[1:][roots[1:] != roots[0]]
            if is_index[hub]:
                others = others[~is_index[others]]
            if not others.size:
                continue
            s = jaccard_many(values, offsets, np.full(others.size, hub), others)
            ok = s >= self.config.threshold
            uf.union(np.full(int(ok.sum()), hub), others[ok])
            compared += int(others.size)
            verified += int(ok.sum())
        return compared, verified

    def _keep(
        self,
        roots: np.ndarray,
        ids: list[str],
        lengths: np.ndarray,
        is_index: np.ndarray,
        values: np.ndarray,
        offsets: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Apply the keep rule to every cluster: ``dup_of[row]`` (or -1) and similarity."""
        total = roots.size
        dup_of = np.full(total, -1, dtype=np.int64)
        sim = np.zeros(total, dtype=np.float64)
        sizes = np.bincount(roots, minlength=total)
        rows = np.flatnonzero(sizes[roots] >= 2)
        if not rows.size:
            return dup_of, sim
        rows = np.array(sorted(rows.tolist(), key=self._keep_key(ids, lengths, is_index)))
        comp = roots[rows]
        while rows.size:
            order = np.argsort(comp, kind="stable")
            rows, comp = rows[order], comp[order]
            first = np.ones(rows.size, dtype=bool)
            first[1:] = comp[1:] != comp[:-1]
            leader = rows[first][np.cumsum(first) - 1]
            cand = np.flatnonzero(~first & ~is_index[rows])
            s = jaccard_many(values, offsets, rows[cand], leader[cand])
            hit = cand[s >= self.config.threshold]
            dup_of[rows[hit]] = leader[hit]
            sim[rows[hit]] = s[s >= self.config.threshold]
            stay = ~first
            stay[hit] = False
            rows, comp = rows[stay], comp[stay]
        return dup_of, sim

    def _keep_key(self, ids: list[str], lengths: np.ndarray, is_index: np.ndarray) -> Any:
        """Sort key of a row in keep order (index documents first, by index order)."""
        rule = self.config.keep

        def key(row: int) -> tuple[Any, ...]:
            if is_index[row]:
                return (0, 0, "", row)
            if rule == "longest":
                return (1, -int(lengths[row]), "", row)
            if rule == "lowest_id":
                return (1, 0, ids[row], row)
            return (1, 0, "", row)

        return key


def _pairs(docs: Iterable[Document | tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for d in docs:
        if isinstance(d, Document):
            if d.dropped is None:
                yield d.id, d.text
        else:
            doc_id, text = d
            yield doc_id, text


def find_duplicates(
    docs: Iterable[Document | tuple[str, str]],
    *,
    threshold: float = 0.8,
    num_perm: int = 128,
    bands: int = 16,
    rows: int = 8,
    ngram: int = 5,
    seed: int = 1,
    keep: str = "first",
    index: str | None = None,
    spill_dir: str | None = None,
    run_key: str = "",
) -> dict[str, str]:
    """Near-duplicate documents of ``docs``: ``{dropped id: id it duplicates}``.

    ``docs`` are :class:`~textclean.document.Document` objects (ones already
    dropped by a stage are skipped) or ``(id, text)`` pairs, in input order.
    ``index`` is the path of a persistent index (see :mod:`textclean.dedup.index`):
    the batch is also checked against every document kept by earlier runs, and
    its kept documents are added. ``run_key`` names the batch in the index:
    calling again with the same key (and the same batch) gives the same answer
    and adds nothing, instead of finding every document a copy of itself.
    ``spill_dir`` keeps the shingle sets in a temporary file there instead of
    in memory.

    >>> text = "the river rose all night and by morning the old bridge was gone " * 3
    >>> find_duplicates([("a", text), ("b", text + "Photo: AP."), ("c", "Other news.")])
    {'b': 'a'}
    """
    config = DedupConfig(
        threshold=threshold,
        num_perm=num_perm,
        bands=bands,
        rows=rows,
        ngram=ngram,
        seed=seed,
        keep=keep,
        index=str(index) if index else "",
        spill_dir=str(spill_dir) if spill_dir else "",
        run_key=run_key,
    )
    deduper = CorpusDeduper(config)
    deduper.add_many(_pairs(docs))
    return deduper.finish().duplicate_of()
