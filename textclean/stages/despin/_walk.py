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
  (:class:`textclean.compiled_walk.Dense`, its states numbered again and its rows
  narrowed to two bytes a transition: :class:`Dense`), so the keys found ending at
  each byte are those pyahocorasick's ``iter`` reports there. Their order at one byte
  may differ; the fast scorer does not depend on it (single words cannot end at one
  byte twice, phrases and fingerprints are ordered by their starts).
* *The places.* With each key occurrence the loop writes its start and the places of
  the words around it, the offsets ``str.rfind`` and ``str.find`` give on the buffer
  (:meth:`Dense.places`; ``fastscore._places`` is the Python path's).
* *The evidence cache* (:class:`Contexts`): a match's evidence is a function of its
  key and its context bytes (see :mod:`~textclean.stages.despin.fastscore`); the
  compiled table compares both in full, so it answers as the dictionary it replaces.

It is used where the stages use their compiled loops
(:func:`textclean.dedup._kernel.stages_use_numba`); a self-check against the Python
path on first use (:func:`compiled`) turns it off if they ever disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from textclean import compiled_walk
from textclean.forksafe import ForkSafeLock, reset_in_child


def _walk(  # type: ignore[no-untyped-def]
    low, classes, byte_class, delta, deep, side_keys, side_next, out_start, out_ids, key_len, gaps,
    seps, out
):  # fmt: skip
    """Write the buffer of ``low`` (the text's bytes, lowered, a space at both ends)
    into ``gaps`` and the keys found in its words into ``out``: for each, its end
    offset, key, start offset (its end less its length, plus one), the offset after
    the last separator before its start (0: none) and that of the first separator
    after its end (-1: none), the places of the word before and after it (``seps``
    holds the separators' offsets). Returns ``(buffer length, gap count, hit count)``,
    or a hit count of -1 when ``out`` is too short. The automaton is :class:`Dense`'s
    narrowed table."""
    n = low.shape[0]
    m = 0
    gap_count = 0
    hits = 0
    pending = 0  # the first hit whose next separator is not written yet
    gap_at = 0
    in_gap = False
    state = 0
    cap = out.shape[1]
    prev_cls = 1
    cls = classes[low[0]]
    first_deep = delta.shape[0]
    width = delta.shape[1]
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
            seps[gap_count] = m
            for h in range(pending, min(hits, cap)):
                out[4, h] = m
            pending = hits
            m += 1
            in_gap = True
            gap_count += 1
            b = 32
        else:
            b = 0
        if not keep and cls != 0:
            gaps[gap_at] = 1
        if b != 0:  # a byte written: the automaton steps over it (a gap as a space)
            c = byte_class[b]
            if state < first_deep:
                nxt = np.int64(delta[state, c])
                if nxt == _FAR:  # a deep state: its number is in the side list
                    nxt = side_next[np.searchsorted(side_keys, state * width + c)]
            else:
                nxt = np.int64(deep[state - first_deep, c])
            state = nxt
            for k in range(out_start[state], out_start[state + 1]):
                if hits < cap:
                    kid = out_ids[k]
                    start = m - key_len[kid]
                    out[0, hits] = m - 1
                    out[1, hits] = kid
                    out[2, hits] = start
                    before = np.searchsorted(seps[:gap_count], start) - 1
                    out[3, hits] = seps[before] + 1 if before >= 0 else 0
                hits += 1
        prev_cls = cls
        cls = next_cls
    for h in range(pending, min(hits, cap)):
        out[4, h] = -1
    gaps[0] = 1  # nothing stands before the first token or after the last
    gaps[m - 1] = 1
    if hits > cap:
        hits = -1
    return m, gap_count, hits


#: In the narrow table: the next state is deep (see :class:`Dense`).
_FAR = 65535


def _contexts(  # type: ignore[no-untyped-def]
    buf, m, found, rows, slots, meta, metaf, arena, count, values, known, store
):
    """The cache of :class:`Contexts`. With ``store`` 0, look up the context of each hit
    ``rows[i]`` of ``found`` (the rows :meth:`Dense.places` gives; the context is the
    buffer ``buf[a:b]`` from the offset after the separator before the word before to
    the separator after the word after, the buffer's last byte left out when there is
    none, as ``str.find`` giving -1 cuts it): ``known[i]`` 1 and ``values[i]`` its
    value when it is there. Else store ``values[i]`` for it (a full cache is emptied
    first; a context there already is left)."""
    mask = slots.shape[0] - 1
    for i in range(rows.shape[0]):
        h = rows[i]
        kid = found[1, h]
        a = found[3, h]
        b = found[4, h] if found[4, h] >= 0 else m - 1
        n = b - a
        if store and n > arena.shape[0]:
            continue
        if store and (count[0] >= meta.shape[0] or count[1] + n > arena.shape[0]):
            slots[:, 1] = -1
            count[0] = 0
            count[1] = 0
        x = np.uint64(14695981039346656037) ^ np.uint64(kid)  # FNV-1a
        for k in range(a, b):
            x = (x ^ np.uint64(buf[k])) * np.uint64(1099511628211)
        x = np.int64(x & np.uint64(0x7FFFFFFFFFFFFFFF))
        j = x & mask
        e = slots[j, 1]
        while e >= 0:
            if slots[j, 0] == x and meta[e, 0] == kid and meta[e, 2] == n:
                off = meta[e, 1]
                same = True
                for k in range(n):
                    if arena[off + k] != buf[a + k]:
                        same = False
                        break
                if same:
                    break
            j = (j + 1) & mask
            e = slots[j, 1]
        if not store:
            known[i] = e >= 0
            if e >= 0:
                values[i] = metaf[e, 3]
        elif e < 0:
            e = count[0]
            off = count[1]
            for k in range(n):
                arena[off + k] = buf[a + k]
            meta[e, 0] = kid
            meta[e, 1] = off
            meta[e, 2] = n
            metaf[e, 3] = values[i]
            slots[j, 0] = x
            slots[j, 1] = e
            count[0] = e + 1
            count[1] = off + n


class Dense(compiled_walk.Dense):
    """The keys' automaton as a dense table (:class:`textclean.compiled_walk.Dense`),
    narrowed to two bytes a transition.

    The table of the shared builder takes four bytes a transition once the automaton
    has more than 65,536 states, which doubles what the walk reads from memory for a
    few states. Here the states are numbered again in the trie's preorder (the root 0,
    each word's states one after the other; see :func:`narrowed`) and the table keeps
    ``uint16`` rows for the first 65,535 of them (``delta``); a transition to a later
    state is :data:`_FAR` there, its target found in ``side_keys``/``side_next``
    (sorted ``state × classes + class``), and the rows of the later states are
    ``deep`` (``int32``). ``out_start``/``out_ids`` follow the new numbers. The keys found at
    each byte are those of the builder's table (:func:`narrowed`; tested)."""

    def __init__(self, keys: Sequence[bytes], near: int = 65535) -> None:
        """``near``: how many states keep a narrow row (at most 65,535; fewer to test)."""
        super().__init__(keys)
        self.key_len = np.array([len(k) for k in keys], dtype=np.int64)
        self.delta, self.deep, self.side_keys, self.side_next, self.out_start, self.out_ids = (
            narrowed(self.delta, self.out_start, self.out_ids, near)
        )

    def run(self, low: bytes, classes: np.ndarray) -> tuple[bytes, int, np.ndarray, np.ndarray]:
        """``(gaps, tokens, ends, key ids)``: the buffer of ``low`` as
        :func:`~textclean.stages.despin.fastscore.word_buffer` makes it (its edge
        separators MARKs, as :meth:`places` gives it), its token count, and the end
        offset and key of every key occurrence in its words."""
        gaps, tokens, found = self.places(low, classes)
        return gaps, tokens, found[0], found[1]

    def places(self, low: bytes, classes: np.ndarray) -> tuple[bytes, int, np.ndarray]:
        """``(gaps, tokens, found)``: :meth:`run`'s buffer (its edge separators MARKs)
        and token count, and its key occurrences as the rows of ``found``: end offset,
        key, start offset, the offset after the last separator before the start (0:
        none) and that of the first separator after the end (-1: none)."""
        walk = _KERNEL.get()
        assert walk is not None
        arr = np.frombuffer(low, dtype=np.uint8)
        gaps = np.empty(len(low), dtype=np.uint8)
        seps = np.empty(len(low), dtype=np.int64)
        d = (self.byte_class, self.delta, self.deep, self.side_keys, self.side_next)
        outs = (self.out_start, self.out_ids, self.key_len, gaps, seps)
        cap = len(low) // 8 + 64
        while True:
            found = np.empty((5, cap), dtype=np.int64)
            m, gap_count, hits = walk(arr, classes, *d, *outs, found)
            if hits >= 0:
                return gaps[:m].tobytes(), gap_count - 1, found[:, :hits]
            cap = len(low) * max(1, int(np.diff(self.out_start).max())) + 64


def narrowed(
    delta: np.ndarray, out_start: np.ndarray, out_ids: np.ndarray, near: int = 65535
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, deep, side_keys, side_next, out_start, out_ids)``: the automaton of the
    table ``delta`` (``state × class → state``, the root 0) and its outputs with its
    states numbered again, as :class:`Dense` keeps it (the first ``near`` states, at
    most 65,535, with narrow rows). The numbering changes the states' names only, not
    which keys end where.

    The new order is the trie's preorder, children by class (its states' strings in
    byte order): a word's states follow one another, and the last are those of the
    keys that start with the highest byte (a full stop: the markers' phrases glued to
    a token), which a walk over prose seldom enters. A trie edge is a transition that
    goes one deeper (the state's string is then its parent's and one byte), and a
    state's depth is its distance from the root over the table's transitions (a
    transition goes at most one deeper, and the trie's path reaches every state).
    """
    states, width = delta.shape
    table = delta.astype(np.int64)
    depth = np.full(states, -1, dtype=np.int64)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.int64)
    level = 0
    while frontier.size:
        level += 1
        reached = np.unique(table[frontier].ravel())
        frontier = reached[depth[reached] < 0]
        depth[frontier] = level
    if (depth < 0).any():
        raise ValueError("a state the root does not reach")
    parent, cls = np.nonzero(depth[table] == depth[:, None] + 1)  # by parent, then class
    child = table[parent, cls]
    first = np.searchsorted(parent, np.arange(states + 1))
    order: list[int] = []
    stack = [0]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(child[first[node] : first[node + 1]][::-1].tolist())
    old = np.array(order, dtype=np.int64)
    if old.size != states:
        raise ValueError("the trie's edges do not reach every state")
    new = np.empty(states, dtype=np.int64)
    new[old] = np.arange(states)
    table = new[table[old]]
    counts = np.diff(out_start)[old]
    starts = np.zeros(states + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    # the outputs of each state in its new place: every output's old position
    at = np.repeat(out_start[old] - starts[:-1], counts) + np.arange(int(counts.sum()))
    ids = out_ids[at]
    near = min(states, near, _FAR)
    head = table[:near]
    far = head >= near
    side_keys = np.flatnonzero(far.ravel()).astype(np.int64)
    side_next = head.ravel()[side_keys]
    narrow = np.where(far, _FAR, head).astype(np.uint16)
    deep = table[near:].astype(np.int32).reshape(-1, width)
    if deep.shape[0] == 0:  # the kernel indexes it only for deep states: keep a row
        deep = np.zeros((1, width), dtype=np.int32)
    return narrow, deep, side_keys, side_next, starts, ids


_KERNEL = compiled_walk.Kernel(_walk)
_CONTEXTS = compiled_walk.Kernel(_contexts)


class Contexts:
    """What the fast scorer remembers of each match's evidence, by its key and its
    context (the buffer's bytes from the word before to the word after, both gaps
    included, which the evidence depends on): an open-addressing table of the
    contexts' bytes, looked up and filled by compiled loops over a document's hits,
    instead of a Python dictionary of ``(spun form, context)`` strings. Lookups are
    exact (the key and every byte are compared); a table that is full is emptied, as
    the dictionary is at its limit."""

    def __init__(self, entries: int = 50_000, arena: int = 1 << 22) -> None:
        size = 1 << max(4, (4 * entries - 1).bit_length() - 1)  # at least twice the entries
        #: per slot: the context's hash and its entry (-1: empty)
        self.slots = np.full((size, 2), -1, dtype=np.int64)
        #: per entry: key, offset in the arena, length, value (a float's bits)
        self.meta = np.zeros((entries, 4), dtype=np.int64)
        self.arena = np.empty(arena, dtype=np.uint8)
        #: entries held, arena bytes used
        self.count = np.zeros(2, dtype=np.int64)
        # the loop runs without the GIL: one document's lookups or stores at a time
        self._lock = ForkSafeLock()
        reset_in_child(self)

    def clear(self) -> None:
        """Forget every context."""
        self.slots.fill(-1)
        self.count.fill(0)

    def reset_after_fork(self) -> None:
        """A child forked in the middle of a store may hold a half-written entry: it
        starts empty (:mod:`textclean.forksafe`)."""
        self.clear()

    def get(
        self, buf: np.ndarray, found: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(values, known)`` of the contexts of the hits ``rows`` of ``found`` (the
        rows :meth:`Dense.places` gives) in the buffer ``buf``: ``known[i]`` says
        whether ``values[i]`` was remembered."""
        values = np.zeros(rows.shape[0], dtype=np.float64)
        known = np.zeros(rows.shape[0], dtype=np.bool_)
        self._run(buf, found, rows, values, known, 0)
        return values, known

    def put(self, buf: np.ndarray, found: np.ndarray, rows: np.ndarray, values: np.ndarray) -> None:
        """Remember ``values[i]`` for the context of the hit ``rows[i]``."""
        self._run(buf, found, rows, values, np.zeros(0, dtype=np.bool_), 1)

    def _run(
        self,
        buf: np.ndarray,
        found: np.ndarray,
        rows: np.ndarray,
        values: np.ndarray,
        known: np.ndarray,
        store: int,
    ) -> None:
        run = _CONTEXTS.get()
        assert run is not None
        parts = (self.slots, self.meta, self.meta.view(np.float64), self.arena, self.count)
        with self._lock:
            run(buf, buf.shape[0], found, rows, *parts, values, known, store)


def dense_of(keys: Sequence[bytes]) -> Dense:
    """The :class:`Dense` automaton of ``keys`` (built once per process for the same keys
    in the same order)."""
    return compiled_walk.dense_of(keys, Dense)


def compiled() -> Any | None:
    """The compiled walk, or None without numba (compiled once per process)."""
    return _KERNEL.get()


def compiled_contexts() -> Any | None:
    """The compiled cache loop of :class:`Contexts`, or None without numba."""
    return _CONTEXTS.get()


__all__: Sequence[str] = (
    "Contexts",
    "Dense",
    "compiled",
    "compiled_contexts",
    "dense_of",
    "narrowed",
)
