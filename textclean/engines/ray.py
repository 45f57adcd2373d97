"""The Ray engine: the same work as the local engine, spread over a Ray cluster.

``textclean clean IN -o OUT --engine ray [--ray-address ADDR]``. Without an
address a private local Ray instance is started (``--workers`` CPUs, no
dashboard) and shut down at the end; with one, the run joins that cluster.

What runs where:

* **Reading and writing** stay on the driver (the machine running
  ``textclean``), exactly as with the local engine: the inputs, the output
  directory and the work journal live there, so ``--resume`` works the same.
* **Per-document stages** run on Ray Data. The driver cuts the document stream
  into windows of runner batches (one runs while the next is read); each
  window becomes a dataset of ``(position, pickled Document)`` rows, one
  block per runner batch, and
  ``map_batches`` applies :func:`~textclean.engines.base.process_batch` to each
  block on the cluster. Every row carries the position pinned before it left
  the driver, and the results are put back in that order before they are
  yielded, so the output does not depend on scheduling.
* **Corpus dedup.** (1) In a run, the workers that ran the stages on a block
  also shingle and sign its kept documents (``StageWork.dedup``), and the
  driver feeds the results, in order, to :meth:`RayEngine.hashed_deduper`.
  Otherwise (a resumed run, :meth:`RayEngine.dedup`) shingling and MinHash
  signing run on Ray Data in the same way: each block of ``(position, text)``
  rows becomes per-document shingle hashes, band hashes and lengths
  (:meth:`CorpusDeduper.export_hashed`); the driver takes them back in
  position order (:meth:`CorpusDeduper.add_hashed`). Texts are sent to the
  workers; they are not shuffled. (2) Candidate pairs come from a hash-partition
  shuffle of ``(band, band hash, document row)`` triples: map tasks partition
  slices of the band matrix by band hash, one reduce task per partition groups
  equal ``(band, hash)`` keys and emits the pairs of each small bucket (and the
  members of each bucket over ``max_bucket``). (3) The driver verifies the
  pairs by exact Jaccard, joins them into connected components and applies the
  keep rule with the very code the local engine uses (``CorpusDeduper``), so
  the :class:`DedupResult` is identical.

Ray is optional (``pip install 'textclean[ray]'``); without it, creating the
engine raises :class:`~textclean.config.ConfigError` with that command (the CLI
exits with status 2).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import re
import socket
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from textclean.config import ConfigError, DedupConfig
from textclean.dedup.corpus import CorpusDeduper, HashedBatch
from textclean.dedup.lsh import bucket_pairs, keys_to_pairs, large_buckets, pair_keys
from textclean.document import Document
from textclean.engines.base import (
    DeduperFactory,
    DedupResult,
    StageWork,
    dedup_locally,
    process_batch,
)
from textclean.engines.local import default_workers

__all__ = ["INSTALL_HINT", "RayEngine", "import_ray"]

INSTALL_HINT = "pip install 'textclean[ray]'"

#: A window holds at most this many runner batches per cluster CPU ...
WINDOW_BATCHES_PER_CPU = 16
#: ... and at most this many characters of text (bounds the driver's memory).
WINDOW_CHARS = 128 << 20
#: Dedup hashing: characters of text per Ray Data block.
HASH_BLOCK_CHARS = 4 << 20
#: Band shuffle: at most this many documents' band rows per map task.
SHUFFLE_ROWS = 1 << 18

#: Ray loggers that talk on the driver's terminal about things that need no action:
#: dataset execution starts and ends, disabled progress bars, token-auth defaults.
_W = TypeVar("_W")
_R = TypeVar("_R")

_CHATTY = (
    "ray.data",
    "ray.data._internal.execution.streaming_executor",
    "ray.data._internal.progress",
    "ray._private.authentication.authentication_token_setup",
)


def import_ray() -> Any:
    """Import Ray (and Ray Data), or explain how to install them."""
    try:
        import ray
        import ray.data  # the engine needs Ray Data, not only Ray core
    except ImportError as exc:
        raise ConfigError(
            f"--engine ray needs Ray, which is not installed ({exc}); "
            f"install it with: {INSTALL_HINT}"
        ) from exc
    return ray


def _quiet_ray_data() -> None:
    """No progress bars or per-dataset log lines on the driver's terminal."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.verbose_stats_logs = False
    _quiet_loggers()


def _quiet_loggers() -> None:
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.ERROR)


class RayEngine:
    """Runs the per-document stages and corpus dedup on Ray; see the module docstring."""

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        ray = import_ray()
        self._ray = ray
        self._owns_ray = False
        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            _quiet_loggers()
            if address:
                _check_reachable(address)
                try:
                    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
                except (ConnectionError, RuntimeError, ValueError) as exc:
                    raise ConfigError(f"cannot join the Ray cluster at {address}: {exc}") from exc
            else:
                # Ray runs its workers at niceness 15 by default, so on a machine
                # shared with other work they get a fraction of their CPUs; a
                # private instance's workers should be as nice as the local
                # engine's processes, i.e. as the command itself.
                os.environ.setdefault("RAY_worker_niceness", "0")
                cpus = default_workers() if workers is None else max(1, workers)
                # "local" always starts a private instance, never joins a cluster
                # someone else started on this machine.
                ray.init(
                    address="local",
                    num_cpus=cpus,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                    runtime_env={"env_vars": {"PYTHONPATH": _python_path()}},
                )
            self._owns_ray = True
        _quiet_ray_data()
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- per-document stages ---------------------------------------------------

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Any]]:
        limit = WINDOW_BATCHES_PER_CPU * self.workers

        def windows() -> Iterator[list[list[Document]]]:
            window: list[list[Document]] = []
            chars = 0
            for batch in batches:
                window.append(batch)
                chars += sum(len(d.text) for d in batch)
                if len(window) >= limit or chars >= WINDOW_CHARS:
                    yield window
                    window, chars = [], 0
            if window:
                yield window

        for done in _overlapped(windows(), lambda w: self._run_window(work, w)):
            yield from done

    def _run_window(self, work: StageWork, window: list[list[Document]]) -> list[list[Any]]:
        flat = [d for batch in window for d in batch]
        if not flat:
            return [[] for _ in window]
        rows = [{"pos": k, "doc": pickle.dumps(d, protocol=5)} for k, d in enumerate(flat)]
        blocks = max(1, sum(1 for b in window if b))
        ds = self._ray.data.from_items(rows, override_num_blocks=blocks)
        out = ds.map_batches(
            _process_rows, fn_kwargs={"work": work}, batch_size=None, batch_format="numpy"
        )
        done = _collect(out, len(flat), "doc")
        results = [pickle.loads(b) for b in done["doc"]]
        split: list[list[Any]] = []
        at = 0
        for batch in window:
            split.append(results[at : at + len(batch)])
            at += len(batch)
        return split

    # -- corpus dedup ----------------------------------------------------------

    def dedup(
        self, config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
    ) -> DedupResult:
        if factory is not CorpusDeduper:  # another deduper: it knows nothing of Ray
            return dedup_locally(config, factory, items)
        deduper = _RayCorpusDeduper(config, ray=self._ray, partitions=self.workers)

        def windows() -> Iterator[tuple[list[str], list[str]]]:
            ids: list[str] = []
            texts: list[str] = []
            chars = 0
            for key, text in items:
                ids.append(key)
                texts.append(text)
                chars += len(text)
                if chars >= WINDOW_CHARS or len(ids) >= 64 * 1024 * self.workers:
                    yield ids, texts
                    ids, texts, chars = [], [], 0
            if ids:
                yield ids, texts

        def hash_window(window: tuple[list[str], list[str]]) -> tuple[list[str], HashedBatch]:
            return window[0], self._hash_window(config, window[1])

        for ids, hashed in _overlapped(windows(), hash_window):
            deduper.add_hashed(ids, hashed)
        return deduper.finish()

    def hashed_deduper(self, config: DedupConfig) -> CorpusDeduper:
        """The deduper a run feeds with what the workers hashed while processing:
        candidate pairs still come from the shuffle on the cluster."""
        return _RayCorpusDeduper(config, ray=self._ray, partitions=self.workers)

    def finish_dedup(self, deduper: CorpusDeduper) -> DedupResult:
        return deduper.finish()

    def _hash_window(self, config: DedupConfig, texts: list[str]) -> HashedBatch:
        """Shingles, band hashes and lengths of ``texts``, computed on the cluster."""
        total = sum(len(t) for t in texts)
        blocks = max(1, min(len(texts), max(2 * self.workers, total // HASH_BLOCK_CHARS + 1)))
        rows = [{"pos": k, "text": t} for k, t in enumerate(texts)]
        ds = self._ray.data.from_items(rows, override_num_blocks=blocks)
        # The index and the spill file are the driver's; a worker hashes one block in memory.
        worker_config = dataclasses.replace(config, index="", spill_dir="")
        out = ds.map_batches(
            _hash_rows, fn_kwargs={"config": worker_config}, batch_size=None, batch_format="numpy"
        )
        done = _collect(out, len(texts), "count", "length", "bands", "values")
        width = config.bands
        bands = np.frombuffer(b"".join(done["bands"]), dtype=np.uint64).reshape(len(texts), width)
        return HashedBatch(
            values=np.frombuffer(b"".join(done["values"]), dtype=np.uint32).copy(),
            counts=np.asarray(done["count"], dtype=np.int64),
            lengths=np.asarray(done["length"], dtype=np.int64),
            bands=bands.copy(),
        )

    def close(self) -> None:
        if self._owns_ray and self._ray.is_initialized():
            self._ray.shutdown()
        self._owns_ray = False


def _overlapped(windows: Iterator[_W], run: Callable[[_W], _R]) -> Iterator[_R]:
    """``run(w)`` for every window, in order, while the next window is being read.

    One window runs on the cluster (driven from a helper thread) while this
    thread reads and prepares the next one, so the cluster does not wait for
    the driver's reading between windows. At most three windows are held: one
    being read, one running, and the results of the one before, being handed on.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="textclean-ray") as pool:
        running: Future[_R] | None = None
        try:
            for window in windows:
                if running is not None:
                    result = running.result()
                    running = pool.submit(run, window)
                    yield result
                else:
                    running = pool.submit(run, window)
            if running is not None:
                result, running = running.result(), None
                yield result
        finally:
            if running is not None:  # the consumer stopped early (e.g. --limit)
                running.cancel()


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast on a ``HOST:PORT`` nobody listens on (``ray.init`` retries for minutes).

    Other address forms (``auto``, ``ray://...``) are left to Ray.
    """
    m = re.fullmatch(r"\[?([^\]/]+?)\]?:(\d+)", address)
    if m is None:
        return
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(
            f"cannot reach the Ray cluster at {address} ({exc.strerror or exc}); "
            "start it with `ray start --head` and pass the address it prints"
        ) from exc


def _python_path() -> str:
    """PYTHONPATH for local workers: where this textclean is imported from, first."""
    here = str(Path(__file__).resolve().parents[2])
    rest = os.environ.get("PYTHONPATH", "")
    return here + (os.pathsep + rest if rest else "")


def _collect(ds: Any, n: int, *columns: str) -> dict[str, list[Any]]:
    """Every row of ``ds``, put back in ``pos`` order; checks that none is missing."""
    pos: list[int] = []
    cols: dict[str, list[Any]] = {c: [] for c in columns}
    for block in ds.iter_batches(batch_size=None, batch_format="numpy"):
        pos.extend(int(p) for p in block["pos"])
        for c in columns:
            cols[c].extend(block[c])
    order = np.argsort(np.asarray(pos, dtype=np.int64), kind="stable")
    if len(pos) != n or not np.array_equal(np.asarray(pos)[order], np.arange(n)):
        raise RuntimeError(f"Ray returned {len(pos)} rows for {n} documents")
    return {c: [v[i] for i in order] for c, v in cols.items()}


# -- functions that run on the workers ---------------------------------------------


def _process_rows(block: dict[str, np.ndarray], work: StageWork) -> dict[str, np.ndarray]:
    """Ray Data ``map_batches`` function: the per-document stages over one block."""
    docs = [pickle.loads(b) for b in block["doc"]]
    done = process_batch(work, docs)
    out = np.empty(len(done), dtype=object)
    out[:] = [pickle.dumps(d, protocol=5) for d in done]
    return {"pos": block["pos"], "doc": out}


def _hash_rows(block: dict[str, np.ndarray], config: DedupConfig) -> dict[str, np.ndarray]:
    """Ray Data ``map_batches`` function: shingles and band hashes of one block."""
    texts = [str(t) for t in block["text"]]
    deduper = CorpusDeduper(config, batch_size=max(1, len(texts)))
    for k, text in enumerate(texts):
        deduper.add(str(k), text)
    h = deduper.export_hashed()
    offsets = np.concatenate(([0], np.cumsum(h.counts)))
    values = np.empty(len(texts), dtype=object)
    values[:] = [h.values[offsets[k] : offsets[k + 1]].tobytes() for k in range(len(texts))]
    bands = np.empty(len(texts), dtype=object)
    bands[:] = [row.tobytes() for row in h.bands]
    return {
        "pos": block["pos"],
        "count": h.counts,
        "length": h.lengths,
        "bands": bands,
        "values": values,
    }


def _partition_bands(bands: np.ndarray, row0: int, parts: int) -> Any:
    """Shuffle map side: ``(band, hash, row)`` triples of a slice, split by hash.

    Returns one array per partition (Ray's ``num_returns=parts``); with one
    partition, the array itself.
    """
    n, width = bands.shape
    band = np.tile(np.arange(width, dtype=np.uint64), n)
    row = np.repeat(np.arange(row0, row0 + n, dtype=np.uint64), width)
    flat = bands.reshape(-1)
    triples = np.stack((band, flat, row), axis=1)
    which = (flat % np.uint64(parts)).astype(np.int64)
    if parts == 1:
        return triples
    return [triples[which == p] for p in range(parts)]


def _group_partition(max_bucket: int, *parts: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    """Shuffle reduce side: pairs of each small ``(band, hash)`` bucket, members of large ones.

    Returns the distinct pair keys (:func:`~textclean.dedup.lsh.pair_keys`) and
    ``(band, hash, sorted member rows)`` for every bucket over ``max_bucket``.
    """
    triples = np.concatenate(parts) if parts else np.zeros((0, 3), dtype=np.uint64)
    order = np.lexsort((triples[:, 2], triples[:, 1], triples[:, 0]))
    band, hsh, row = (triples[order, k] for k in range(3))
    if band.size == 0:
        return np.zeros(0, dtype=np.uint64), []
    new = np.ones(band.size, dtype=bool)
    new[1:] = (band[1:] != band[:-1]) | (hsh[1:] != hsh[:-1])
    group = np.cumsum(new)  # one id per (band, hash), ascending in sorted order
    local = bucket_pairs(group, max_bucket=max_bucket)  # positions, rows ascend within a group
    keys = np.unique(pair_keys(np.stack((row[local[:, 0]], row[local[:, 1]]), axis=1)))
    large = [
        (int(band[m[0]]), int(hsh[m[0]]), row[m].astype(np.int64))
        for m in large_buckets(group, max_bucket)
    ]
    return keys, large


class _RayCorpusDeduper(CorpusDeduper):
    """A ``CorpusDeduper`` that finds candidate pairs with a shuffle on Ray."""

    def __init__(self, config: DedupConfig, *, ray: Any, partitions: int) -> None:
        super().__init__(config)
        self._ray = ray
        self._parts = max(1, partitions)

    def candidates(self, bands: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        m = bands.shape[0]
        if m < 2:
            return np.zeros((0, 2), dtype=np.int64), []
        ray = self._ray
        parts = self._parts
        mapper = ray.remote(_partition_bands).options(num_returns=parts)
        reducer = ray.remote(_group_partition)
        step = max(1, min(SHUFFLE_ROWS, -(-m // parts)))
        shards: list[list[Any]] = []
        for row0 in range(0, m, step):
            refs = mapper.remote(bands[row0 : row0 + step], row0, parts)
            shards.append([refs] if parts == 1 else list(refs))
        reduced = ray.get(
            [reducer.remote(self.max_bucket, *[s[p] for s in shards]) for p in range(parts)]
        )
        keys = [k for k, _ in reduced]
        pairs = keys_to_pairs(np.unique(np.concatenate(keys)))
        large = sorted((b for _, bs in reduced for b in bs), key=lambda b: (b[0], b[1]))
        return pairs, [members for _, _, members in large]
