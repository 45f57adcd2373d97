"""The local engine: a process pool on one machine (the default).

Batches go to worker processes with a bounded window (at most
``2 * workers`` batches in flight), so reading never runs ahead of the
workers and memory stays bounded; results come back in submission order,
so the output does not depend on the number of workers. ``workers <= 1``
runs everything in this process.

Workers never outlive the run: each asks the kernel for SIGKILL when its
parent (the fork server) dies (``prctl(PR_SET_PDEATHSIG)``, Linux) and a
watchdog thread exits it within a second or two once the process that
started the pool is gone, even after a SIGKILL of that process. On an
interrupted run :meth:`LocalEngine.terminate` stops the workers at once, and
closing the last pool stops the fork server too. Corpus dedup decides in the
calling process, after the pool is closed (in a run, the workers have already
hashed the documents for it): the idle workers' memory is given back first.

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

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from textclean.config import DedupConfig
from textclean.document import Document
from textclean.engines.base import (
    DeduperFactory,
    DedupResult,
    StageWork,
    dedup_locally,
    process_batch,
)

if TYPE_CHECKING:
    from textclean.dedup.corpus import CorpusDeduper

#: Seconds between two looks of a worker's watchdog at the process that started it.
WATCHDOG_SECONDS = 1.0
#: Seconds a stopping fork server or resource tracker gets to exit on its own.
HELPER_EXIT_SECONDS = 5.0
#: The same on an interrupted run: a server still loading its tables is not waited for.
_INTERRUPTED_WAIT = 1.0
_PR_SET_PDEATHSIG = 1
_open_pools = 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watchdog(owner: int, parent: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        if os.getppid() != parent or not _alive(owner):
            os._exit(1)


def _worker_init(owner: int) -> None:
    """Run in each worker: die with the parent, never linger (see the module docstring)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # SIGINT goes to the whole process group on Ctrl-C: the parent handles it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_watchdog, args=(owner, parent), daemon=True).start()
    if not _alive(owner):  # the owner died before this worker started
        os._exit(1)


def _stop_forkserver(*, interrupted: bool = False) -> None:
    """Stop this process's fork server and resource tracker: they outlive pools
    otherwise, until the process exits (a library user's process may live long).

    The server gets :data:`HELPER_EXIT_SECONDS` to exit, :data:`_INTERRUPTED_WAIT` where
    the run is being cut short (``interrupted``). The tracker is then left running: the
    exception on its way out still holds the half-started pool's semaphores, which a
    tracker stopped now would unlink under them (warning that they leaked, then failing
    to unlink them again at exit); it exits with this process, after them."""
    from multiprocessing import forkserver, resource_tracker

    server = getattr(forkserver, "_forkserver", None)
    if server is not None:
        # a worker that started as a signal cut the pool short is in no list of the
        # pool's, and holds the server's "alive" pipe: the server would wait for it, and
        # this process for the server, for ever. Killed, the server takes the worker
        # with it (``PR_SET_PDEATHSIG``).
        wait = _INTERRUPTED_WAIT if interrupted else HELPER_EXIT_SECONDS
        _stop_helper(server, "_forkserver_alive_fd", "_forkserver_pid", wait, kill=True)
        address = getattr(server, "_forkserver_address", None)
        if getattr(server, "_forkserver_pid", None) is None and address is not None:
            from multiprocessing import util

            if not util.is_abstract_socket_namespace(address):
                with contextlib.suppress(OSError):
                    os.unlink(address)
            server._forkserver_address = None
    helper = getattr(resource_tracker, "_resource_tracker", None)
    if not interrupted and helper is not None:
        # not killed: on its way out it unlinks what the workers left (semaphores)
        _stop_helper(helper, "_fd", "_pid", HELPER_EXIT_SECONDS, kill=False)


def _stop_helper(helper: Any, fd_name: str, pid_name: str, wait: float, *, kill: bool) -> None:
    """Stop a fork server or resource tracker as CPython's own ``_stop`` does (close
    the pipe whose end of file tells it to exit, then wait for it), but never twice over
    and never for ever: a stop cut short by a signal leaves nothing a second stop would
    close again (CPython's would raise a TypeError), and a helper still running after
    ``wait`` seconds is killed (``kill``) or left to exit on its own."""
    lock = getattr(helper, "_lock", None)
    locked = lock is not None and lock.acquire(timeout=1.0)
    try:
        fd = getattr(helper, fd_name, None)
        pid = getattr(helper, pid_name, None)
        if fd is not None:
            setattr(helper, fd_name, None)  # first: a signal below cannot make it close twice
            with contextlib.suppress(OSError):
                os.close(fd)
        if pid is None:
            return
        if not _reaped(pid, wait) and kill:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            _reaped(pid, HELPER_EXIT_SECONDS)
        setattr(helper, pid_name, None)
    finally:
        if locked:
            lock.release()


def _reaped(pid: int, seconds: float) -> bool:
    """Whether child process ``pid`` has exited (and is reaped) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped already, or not this process's child
            return True
        if done:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


def _context() -> multiprocessing.context.ForkServerContext:
    """The forkserver context, with the preload named unless ``TEXTCLEAN_PRELOAD=0``."""
    ctx = multiprocessing.get_context("forkserver")
    if os.environ.get("TEXTCLEAN_PRELOAD", "1") != "0":
        ctx.set_forkserver_preload(["textclean.engines._preload"])
    return ctx


def prestart() -> None:
    """Start the fork server now, so its preload (several seconds of loading tables and
    kernels) runs while the caller does other work; the first pool then forks its
    workers at once. Pair it with :func:`release_prestarted`."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def release_prestarted(*, interrupted: bool = False) -> None:
    """Stop a fork server started by :func:`prestart` unless a pool still uses it.

    The server is told to stop at once (SIGTERM): a run refused before its first pool
    would otherwise wait seconds for the server to finish a preload nobody will use.
    ``interrupted``: the run is being cut short (see :func:`_stop_forkserver`).
    """
    if _open_pools <= 0:
        from multiprocessing import forkserver

        pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        _stop_forkserver(interrupted=interrupted)


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
            # The server preloads the read-only tables, so every worker forked
            # from it shares them instead of loading its own copy.
            global _open_pools
            ctx = _context()
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=ctx,
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
            _open_pools += 1
        return self._pool

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Any]]:
        if self.workers <= 1:
            for batch in batches:
                yield process_batch(work, batch)
            return
        pool = self._executor()
        window: deque[Future[list[Any]]] = deque()
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
        # Dedup runs in this process: the workers (and the fork server holding the
        # stages' tables) would only sit idle, so their memory is given back first.
        # A later map_batches starts a new pool.
        self.close()
        return dedup_locally(config, factory, items)

    def hashed_deduper(self, config: DedupConfig) -> CorpusDeduper:
        """The deduper a run feeds with what the workers hashed (``add_hashed``)."""
        from textclean.dedup.corpus import CorpusDeduper

        return CorpusDeduper(config)

    def finish_dedup(self, deduper: CorpusDeduper) -> DedupResult:
        """Decide, in this process, once the pool is closed (as :meth:`dedup` does)."""
        self.close()
        return deduper.finish()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._released()

    def terminate(self) -> None:
        """Stop at once (an interrupted run): kill the workers, drop pending batches."""
        if self._pool is None:
            return
        pool = self._pool
        processes = list((getattr(pool, "_processes", None) or {}).values())
        # taken before shutdown(), which drops the executor's references to them
        results = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        manager = getattr(pool, "_executor_manager_thread", None)
        for p in processes:
            with contextlib.suppress(OSError, AttributeError):
                p.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            with contextlib.suppress(OSError, AttributeError, ValueError):
                p.join(5)
        # A worker killed while sending a result leaves half a message in the result
        # pipe, and the executor's manager thread waits for the rest for ever: this
        # process holds the pipe's write end too, so no end of file comes. The thread
        # is joined at interpreter exit, so the process would never exit. With the
        # workers dead, closing that write end ends the wait: the thread finds the pool
        # broken, unblocks its queue feeder (which may be stuck writing a batch no
        # worker reads) and returns.
        if results is not None:
            with contextlib.suppress(OSError):
                results.close()
        if manager is not None:
            manager.join(5)
        # The thread held the pool's queues: freed now (the resource tracker is left to
        # exit with this process, after whatever still holds them: see _stop_forkserver).
        del manager, results
        self._released(interrupted=True)

    def _released(self, *, interrupted: bool = False) -> None:
        global _open_pools
        self._pool = None
        _open_pools -= 1
        if _open_pools <= 0:
            _open_pools = 0
            _stop_forkserver(interrupted=interrupted)
