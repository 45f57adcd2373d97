"""The local engine: a process pool on one machine (the default).

Batches go to worker processes with a bounded window (at most
``2 * workers`` batches in flight), so reading never runs ahead of the
workers and memory stays bounded; results come back in submission order,
so the output does not depend on the number of workers. ``workers <= 1``
runs everything in this process.

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> from textclean.engines.base import StageWork
>>> with LocalEngine(workers=1) as engine:
...     work = StageWork(Config(stages=("normalize",)))
...     out = list(engine.map_batches(work, [[Document("a", "x  y")]]))
>>> out[0][0].text
'x y\\n'
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from textclean.config import DedupConfig
from textclean.document import Document
from textclean.engines.base import (
    DeduperFactory,
    DedupResult,
    StageWork,
    dedup_locally,
    process_batch,
)


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """Process pool engine; see the module docstring."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a fork of a
            # parent that may be running threads (progress bar, pool manager).
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        return self._pool

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Document]]:
        if self.workers <= 1:
            for batch in batches:
                yield process_batch(work, batch)
            return
        pool = self._executor()
        window: deque[Future[list[Document]]] = deque()
        limit = 2 * self.workers
        for batch in batches:
            window.append(pool.submit(process_batch, work, batch))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def dedup(
        self, config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
    ) -> DedupResult:
        return dedup_locally(config, factory, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
