"""The fast scorer's word buffer and automaton pass as one compiled loop (numba).

:func:`~textclean.stages.despin.fastscore.word_buffer` builds the buffer with a dozen
numpy passes and pyahocorasick walks its trie node by node (a linear search among each
node's children), about two thirds of the fast scorer's time on clean prose. Here
one loop over the text's bytes writes the buffer and steps a dense automaton (a table
``state × byte class → state`` built once from the same keys) over each byte it
writes, recording every key that ends there.

Same results, by construction and tested (``tests/test_despin_fastscore.py``):

* *The buffer.* A byte is kept as a token byte when its class is a token character,
  or a connector between two token characters (the numpy passes use the classes
  before connectors are kept, and so does this loop); every other byte opens a gap
  unless one is open, and the gap's byte is a MARK when any of its bytes does not
  join. Bytes, classes and rules are the numpy version's (:data:`~textclean.stages.
  despin.fastscore._CLASS`).
* *The automaton.* The table is the Aho-Corasick automaton of the keys made total:
  the transition of a state on a byte is its trie child, or else its failure state's
  transition; each state outputs its own key and those of its failure chain. So the
  keys found ending at each byte are those pyahocorasick's ``iter`` reports there (a
  byte no key holds leads back to the root). Their order at one byte may differ;
  the fast scorer does not depend on it (single words cannot end at one byte twice,
  phrases and fingerprints are ordered by their starts).

It is used where the stages use their compiled loops
(:func:`textclean.dedup._kernel.stages_use_numba`); a self-check against the Python
path on first use (:func:`compiled`) turns it off if they ever disagree.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from textclean.dedup._kernel import AVAILABLE

_LOCK = threading.Lock()
_KERNELS: list[Any] = []  # the compiled walk, once compiled
_NO_KERNELS: list[bool] = []  # numba missing or failing


def _walk(low, classes, byte_class, delta, out_start, out_ids, gaps, ends, ids):  # type: ignore[no-untyped-def]
    """Write the buffer of ``low`` (the text's bytes, lowered, a space at both ends)
    into ``gaps`` and the keys found in its words into ``ends``/``ids``; returns
    ``(buffer length, gap count, hit count)``, or a hit count of -1 when ``ends`` is too
    short."""
    n = low.shape[0]
    m = 0
    gap_count = 0
    hits = 0
    gap_at = 0
    in_gap = False
    state = 0
    cap = ends.shape[0]
    prev_cls = 1
    cls = classes[low[0]]
    for i in range(n):
        next_cls = classes[low[i + 1]] if i + 1 < n else 1
        keep = cls == 2 or (cls == 3 and prev_cls == 2 and next_cls == 2)
        if keep:
            b = low[i]
            gaps[m] = b
            m += 1
            in_gap = False
        elif not in_gap:
            gaps[m] = 32
            gap_at = m
            m += 1
            in_gap = True
            gap_count += 1
            b = 32
        else:
            b = 0
        if not keep and cls != 0:
            gaps[gap_at] = 1
        if b != 0:  # a byte written: the automaton steps over it (a gap as a space)
            state = delta[state, byte_class[b]]
            for k in range(out_start[state], out_start[state + 1]):
                if hits < cap:
                    ends[hits] = m - 1
                    ids[hits] = out_ids[k]
                hits += 1
        prev_cls = cls
        cls = next_cls
    if hits > cap:
        hits = -1
    return m, gap_count, hits


class Dense:
    """The keys' automaton as a dense table (see the module docstring)."""

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
                order.append(child)
        counts = np.fromiter(map(len, outputs), dtype=np.int64, count=states)
        self.out_start = np.zeros(states + 1, dtype=np.int64)
        np.cumsum(counts, out=self.out_start[1:])
        self.out_ids = np.fromiter(
            (k for out in outputs for k in out), dtype=np.int64, count=int(counts.sum())
        )
        self.byte_class = byte_class
        self.delta = delta

    def run(self, low: bytes, classes: np.ndarray) -> tuple[bytes, int, list[int], list[int]]:
        """``(gaps, tokens, ends, key ids)``: the buffer of ``low`` as
        :func:`~textclean.stages.despin.fastscore.word_buffer` makes it (before its
        edge separators are made MARKs), its token count, and the end offset and key of
        every key occurrence in its words."""
        walk = _KERNELS[0]
        arr = np.frombuffer(low, dtype=np.uint8)
        gaps = np.empty(len(low), dtype=np.uint8)
        cap = len(low) // 8 + 64
        while True:
            ends = np.empty(cap, dtype=np.int64)
            ids = np.empty(cap, dtype=np.int64)
            m, gap_count, hits = walk(
                arr,
                classes,
                self.byte_class,
                self.delta,
                self.out_start,
                self.out_ids,
                gaps,
                ends,
                ids,
            )
            if hits >= 0:
                break
            cap = len(low) * max(1, int(np.diff(self.out_start).max())) + 64
        return gaps[:m].tobytes(), gap_count - 1, ends[:hits].tolist(), ids[:hits].tolist()


#: The dense automata built in this process, by their keys (a stage built again over the
#: same tables, as a benchmark's fresh stage is, reuses its table): the last few.
_DENSE: dict[tuple[bytes, ...], Dense] = {}
_DENSE_KEPT = 2


def dense_of(keys: Sequence[bytes]) -> Dense:
    """The :class:`Dense` automaton of ``keys`` (built once per process for the same keys
    in the same order)."""
    key = tuple(keys)
    with _LOCK:
        found = _DENSE.get(key)
    if found is None:
        found = Dense(key)
        with _LOCK:
            while len(_DENSE) >= _DENSE_KEPT:
                del _DENSE[next(iter(_DENSE))]
            _DENSE[key] = found
    return found


def compiled() -> Any | None:
    """The compiled walk, or None without numba (compiled once per process)."""
    if _KERNELS:
        return _KERNELS[0]
    if _NO_KERNELS or not AVAILABLE:
        return None
    with _LOCK:
        if not _KERNELS and not _NO_KERNELS:
            try:
                import numba

                _KERNELS.append(numba.njit(cache=True, nogil=True, boundscheck=False)(_walk))
            except Exception:  # numba missing or failing: the Python path
                _NO_KERNELS.append(True)
                return None
    return _KERNELS[0] if _KERNELS else None


__all__: Sequence[str] = ("Dense", "compiled", "dense_of")
