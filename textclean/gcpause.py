"""Pause Python's cyclic garbage collector while one document is cleaned.

A stage makes many short-lived container objects per line (the boilerplate stage a
:class:`~textclean.stages.boilerplate.layout.Line` per line and pass, which the
collector tracks). With the collector on, the ones still alive when a young-generation
collection runs are promoted, and once enough have been promoted the collector makes a
*full* collection, which walks every tracked object of the process: the rule tables,
the spin tables, the language model's rows, numba's objects. In a process holding the
whole pipeline one such collection takes over 0.1 s, and the boilerplate stage on long
documents set off several per megabyte.

:func:`paused` switches the collector off for the duration of a call and back on after
it (when it was on). Nothing is lost: reference counting frees every object that is not
in a reference cycle as before, and objects in a cycle made during the call are still
young when the collector is back on, so its next young-generation collection finds
them. Only the collector's timing changes, never what a stage computes.

Nested or concurrent calls are safe: a call that finds the collector off leaves it
alone, so the collector ends in the state the outermost call found it in.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the ``with`` block (if it was on)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
