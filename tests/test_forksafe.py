"""A process forked while another thread holds one of the library's locks can take it.

``os.fork`` copies a lock held by another thread as held, and no thread of the child
will release it. Hugging Face ``datasets`` forks for ``num_proc`` on Linux, so a
parent that cleans text in a thread while the map forks would leave a child waiting
forever on its first document (:mod:`textclean.forksafe`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable

import numpy as np
import pytest

import textclean
from textclean import compiled_walk
from textclean.forksafe import ForkSafeLock
from textclean.stages.despin import _walk

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")


def _in_child_while_held(
    lock: object, child: Callable[[], bool], seconds: float | None = None
) -> int:
    """Fork while a thread of this process holds ``lock`` (until the fork returns, or
    for ``seconds``); the child's exit code (0 when ``child()`` returned True)."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:  # type: ignore[attr-defined]
            held.set()
            release.wait(10 if seconds is None else seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(5)
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            code = 0 if child() else 1
        finally:
            os._exit(code)
    release.set()
    thread.join()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_the_library_locks_are_free_in_a_child() -> None:
    for lock in (compiled_walk._LOCK, textclean._CACHE_LOCK):
        assert isinstance(lock, ForkSafeLock)
        assert _in_child_while_held(lock, lambda lk=lock: lk._lock.acquire(timeout=5)) == 0


def test_a_plain_lock_is_not_which_is_why() -> None:
    plain = threading.Lock()
    assert _in_child_while_held(plain, lambda: plain.acquire(timeout=0.5)) == 1


def test_a_child_cleans_a_document_while_the_parent_holds_the_cache_lock() -> None:
    textclean.clean_text("Warm up the pipeline cache once.\n")

    def child() -> bool:
        done: list[str] = []
        worker = threading.Thread(
            target=lambda: done.append(textclean.clean_text("A child's text.\n"))
        )
        worker.start()
        worker.join(20)
        return done == ["A child's text.\n"]

    assert _in_child_while_held(textclean._CACHE_LOCK, child) == 0


def test_the_evidence_cache_starts_empty_in_a_child() -> None:
    contexts = _walk.Contexts(entries=16, arena=1 << 10)
    contexts.slots[0] = (7, 0)
    contexts.count[:] = (1, 5)
    got = _in_child_while_held(
        contexts._lock,
        lambda: bool((contexts.slots == -1).all() and not contexts.count.any()),
    )
    assert got == 0
    assert contexts.count.tolist() == [1, 5]  # the parent's stays as it was
    assert isinstance(contexts.slots, np.ndarray)


def test_a_child_forked_inside_the_lock_leaves_it_and_takes_it_again() -> None:
    """The thread that forks while it holds the lock goes on in the child: its ``with``
    block ends there as in the parent (no "release unlocked lock"), and the lock is
    free after it."""
    lock = ForkSafeLock()
    pid = -1
    try:
        with lock:
            pid = os.fork()
    except RuntimeError:
        if pid == 0:  # the child: never return into pytest
            os._exit(2)
        raise
    if pid == 0:
        os._exit(0 if lock._lock.acquire(timeout=5) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert not lock.locked()


def test_a_child_forked_while_numba_compiles_can_compile() -> None:
    """The kernels compile on their first call, under numba's own process-wide lock: a
    fork waits for a compilation under way, so that the child can compile its own."""
    numba = pytest.importorskip("numba")
    from numba.core.compiler_lock import global_compiler_lock

    def child() -> bool:
        # in the child's main thread (a new thread may get the dead holder's identity,
        # and with it the lock); a child that hangs is ended by the alarm
        signal.alarm(30)
        return bool(numba.njit(lambda x: x + 1)(1) == 2)

    # held for a second, as a compilation under way
    assert _in_child_while_held(global_compiler_lock, child, seconds=1) == 0
