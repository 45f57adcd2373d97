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
* *The automaton.* The table is the keys' dense Aho-Corasick automaton
  (:class:`textclean.compiled_walk.Dense`), so the keys found ending at each byte are
  those pyahocorasick's ``iter`` reports there. Their order at one byte may differ;
  the fast scorer does not depend on it (single words cannot end at one byte twice,
  phrases and fingerprints are ordered by their starts).

It is used where the stages use their compiled loops
(:func:`textclean.dedup._kernel.stages_use_numba`); a self-check against the Python
path on first use (:func:`compiled`) turns it off if they ever disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from textclean import compiled_walk


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


class Dense(compiled_walk.Dense):
    """The keys' automaton as a dense table (:class:`textclean.compiled_walk.Dense`)."""

    def run(self, low: bytes, classes: np.ndarray) -> tuple[bytes, int, list[int], list[int]]:
        """``(gaps, tokens, ends, key ids)``: the buffer of ``low`` as
        :func:`~textclean.stages.despin.fastscore.word_buffer` makes it (before its
        edge separators are made MARKs), its token count, and the end offset and key of
        every key occurrence in its words."""
        walk = _KERNEL.get()
        assert walk is not None
        arr = np.frombuffer(low, dtype=np.uint8)
        gaps = np.empty(len(low), dtype=np.uint8)
        d = (self.byte_class, self.delta, self.out_start, self.out_ids)
        ends, ids, (m, gap_count, hits) = self.hits(
            lambda ends, ids: walk(arr, classes, *d, gaps, ends, ids), len(low), len(low) // 8 + 64
        )
        return gaps[:m].tobytes(), gap_count - 1, ends[:hits].tolist(), ids[:hits].tolist()


_KERNEL = compiled_walk.Kernel(_walk)


def dense_of(keys: Sequence[bytes]) -> Dense:
    """The :class:`Dense` automaton of ``keys`` (built once per process for the same keys
    in the same order)."""
    return compiled_walk.dense_of(keys, Dense)


def compiled() -> Any | None:
    """The compiled walk, or None without numba (compiled once per process)."""
    return _KERNEL.get()


__all__: Sequence[str] = ("Dense", "compiled", "dense_of")
