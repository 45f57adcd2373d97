"""Locks that a forked child process gets afresh.

The library guards a few lazily built, process-wide things with locks: compiled
kernels, loaded tables, the pipeline cache, the despin evidence cache. A process
forked while another of its parent's threads holds such a lock (``os.fork``,
``multiprocessing`` with the ``fork`` start method, as Hugging Face ``datasets``
uses for ``num_proc`` on Linux) inherits the lock held, and no thread in the
child will ever release it: the child's first document would wait forever.
:class:`ForkSafeLock` is a plain lock that every child replaces with a new,
unheld one right after the fork (``os.register_at_fork``), unless the thread that
forked holds it (that thread goes on in the child and releases it); an object whose state
a fork may catch half-written registers with :func:`reset_in_child`, and every
child calls its ``reset_after_fork()`` (after the locks are renewed). numba's
compiler lock, a lock of its own, cannot be renewed so (the child would compile with
numba's state half-built): a fork waits for a compilation under way instead.

>>> lock = ForkSafeLock()
>>> with lock:
...     lock.locked()
True
>>> lock.locked()
False
"""

from __future__ import annotations

import os
import sys
import threading
import weakref
from typing import Any, Protocol


class Resettable(Protocol):
    def reset_after_fork(self) -> None: ...


_LOCKS: weakref.WeakSet[ForkSafeLock] = weakref.WeakSet()
_RESETTABLE: weakref.WeakSet[Any] = weakref.WeakSet()


class ForkSafeLock:
    """A ``threading.Lock`` that a forked child holds unlocked, whatever the parent's
    other threads did (held by the thread that forked, it stays held until that thread's
    ``with`` block ends, in the child as in the parent)."""

    __slots__ = ("__weakref__", "_lock", "_owner")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner = 0  # the thread in the ``with`` block (0: none)
        _LOCKS.add(self)

    def __enter__(self) -> bool:
        got = self._lock.acquire()
        self._owner = threading.get_ident()
        return got

    def __exit__(self, *exc: Any) -> None:
        self._owner = 0
        self._lock.release()

    def locked(self) -> bool:
        """Whether some thread holds the lock."""
        return self._lock.locked()

    def _renew(self) -> None:
        """In a forked child: a new lock, unless the thread that forked holds this one
        (it goes on in the child, and its ``with`` block releases it there)."""
        if self._owner != threading.get_ident():
            self._owner = 0
            self._lock = threading.Lock()


def reset_in_child(obj: Resettable) -> None:
    """Call ``obj.reset_after_fork()`` in every child forked while ``obj`` lives (held
    weakly: registering keeps nothing alive)."""
    _RESETTABLE.add(obj)


#: numba's compiler lock, when this process forks holding it (:func:`_before_fork`)
_COMPILER: list[Any] = []


def _before_fork() -> None:
    """Wait for a numba compilation under way (the kernels compile on their first
    call, under numba's process-wide lock, for seconds): a child forked in the middle
    would find that lock held for ever, and its state half-built."""
    compiler_lock = sys.modules.get("numba.core.compiler_lock")
    lock = getattr(compiler_lock, "global_compiler_lock", None)
    if lock is not None:
        lock.acquire()
        _COMPILER.append(lock)


def _after_fork() -> None:
    """In the parent and in the child: numba's compiler lock taken before the fork is
    given back."""
    while _COMPILER:
        _COMPILER.pop().release()


def _in_child() -> None:
    _after_fork()
    for lock in list(_LOCKS):
        lock._renew()
    for obj in list(_RESETTABLE):
        obj.reset_after_fork()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork, after_in_child=_in_child)
