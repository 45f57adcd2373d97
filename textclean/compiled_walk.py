"""Dense Aho-Corasick automata over bytes, for loops compiled with numba.

pyahocorasick walks its trie node by node (a linear search among each node's
children), about 40 MB/s whatever the automaton's size. A compiled loop stepping a
dense table (``state × byte class → state``) over a text's bytes finds the same key
occurrences several times faster. This module builds that table (:class:`Dense`,
once per process for the same keys: :func:`dense_of`) and compiles the loops that
use it (:class:`Kernel`); the loops themselves live with the stages that use them
(:mod:`textclean.stages.despin._walk`, :mod:`textclean.stages.boilerplate._walk`).

The table is the Aho-Corasick automaton of the keys made total: the transition of a
state on a byte is its trie child, or else its failure state's transition; each state
outputs its own key and those of its failure chain. So the keys found ending at each
byte are those pyahocorasick's ``iter`` reports there (a byte no key holds leads back
to the root); their order at one byte may differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from textclean.dedup._kernel import AVAILABLE
from textclean.forksafe import ForkSafeLock

_LOCK = ForkSafeLock()


class Dense:
    """The keys' automaton as a dense table (see the module docstring).

    ``byte_class[b]``: the class of byte ``b`` (0: a byte no key holds); ``delta[s,
    c]``: the state after state ``s`` reads a byte of class ``c`` (0 is the root);
    ``depth[s]``: the length of the trie prefix that state ``s`` stands for;
    ``out_ids[out_start[s]:out_start[s + 1]]``: the keys (by their index in ``keys``)
    that end when state ``s`` is reached.
    """

    def __init__(self, keys: Sequence[bytes]) -> None:
        alphabet = sorted({b for key in keys for b in key})
        byte_class = np.zeros(256, dtype=np.int64)
        for c, b in enumerate(alphabet, 1):
            byte_class[b] = c
        children: list[dict[int, int]] = [{}]
        terminal: dict[int, int] = {}
        for kid, key in enumerate(keys):
            node = 0
            for b in key:
                c = int(byte_class[b])
                nxt = children[node].get(c)
                if nxt is None:
                    nxt = len(children)
                    children[node][c] = nxt
                    children.append({})
                node = nxt
            terminal[node] = kid
        states = len(children)
        delta = np.zeros(
            (states, len(alphabet) + 1), dtype=np.uint16 if states < 65536 else np.int32
        )
        fail = [0] * states
        depth = [0] * states
        outputs: list[tuple[int, ...]] = [()] * states
        order = [0]
        for node in order:  # breadth first: a failure state is shallower, so done
            f = fail[node]
            if node:
                delta[node] = delta[f]
            own = (terminal[node],) if node in terminal else ()
            outputs[node] = own + outputs[f] if node else own
            for c, child in children[node].items():
                fail[child] = int(delta[f, c]) if node else 0
                delta[node, c] = child
                depth[child] = depth[node] + 1
                order.append(child)
        #: the length of each state's string (the bytes a walk in it has matched)
        self.depth = np.array(depth, dtype=np.int32)
        counts = np.fromiter(map(len, outputs), dtype=np.int64, count=states)
        self.out_start = np.zeros(states + 1, dtype=np.int64)
        np.cumsum(counts, out=self.out_start[1:])
        self.out_ids = np.fromiter(
            (k for out in outputs for k in out), dtype=np.int64, count=int(counts.sum())
        )
        self.byte_class = byte_class
        self.delta = delta

    def hits(
        self, walk: Callable[[np.ndarray, np.ndarray], tuple[int, ...]], size: int, cap: int
    ) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
        """``(a, b, result)``: ``result = walk(a, b)``, a compiled walk over ``size`` bytes
        that records its hits in the two buffers ``a`` and ``b`` and returns a tuple whose
        last item is their count, or -1 when the buffers (``cap`` long at first) are too
        short: then it is called again with buffers long enough for any walk."""
        while True:
            a = np.empty(cap, dtype=np.int64)
            b = np.empty(cap, dtype=np.int64)
            result = walk(a, b)
            if result[-1] >= 0:
                return a, b, result
            cap = size * max(1, int(np.diff(self.out_start).max())) + 64


D = TypeVar("D", bound=Dense)

#: The dense automata built in this process, by their class and keys (a stage built
#: again over the same tables, as a benchmark's fresh stage is, reuses its table): the
#: last few.
_DENSE: dict[tuple[type, tuple[bytes, ...]], Any] = {}
_DENSE_KEPT = 4


def dense_of(keys: Sequence[bytes], kind: type[D]) -> D:
    """The ``kind`` (a :class:`Dense`) automaton of ``keys``, built once per process
    for the same keys in the same order."""
    key = (kind, tuple(keys))
    with _LOCK:
        found = _DENSE.get(key)
    if found is None:
        found = kind(key[1])
        with _LOCK:
            while len(_DENSE) >= _DENSE_KEPT:
                del _DENSE[next(iter(_DENSE))]
            _DENSE[key] = found
    return found


class Kernel:
    """A loop compiled with numba on first use (once per process), or None without numba
    (or when compiling fails: the caller's Python path)."""

    def __init__(self, loop: Callable[..., Any]) -> None:
        self.loop = loop
        self._compiled: list[Any] = []
        self._failed = False

    def get(self) -> Any | None:
        """The compiled loop, or None."""
        if self._compiled:
            return self._compiled[0]
        if self._failed or not AVAILABLE:
            return None
        with _LOCK:
            if not self._compiled and not self._failed:
                try:
                    import numba

                    jit = numba.njit(cache=True, nogil=True, boundscheck=False)
                    self._compiled.append(jit(self.loop))
                except Exception:  # numba missing or failing: the Python path
                    self._failed = True
                    return None
        return self._compiled[0] if self._compiled else None


__all__: Sequence[str] = ("Dense", "Kernel", "dense_of")
