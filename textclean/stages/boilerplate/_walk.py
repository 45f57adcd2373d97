"""The zone-free screen's search as a compiled loop (numba) over a dense automaton.

:meth:`~textclean.stages.boilerplate.stage._AnyZone.screen_lines` searches the screen
form of a document's lines (joined by ``"\\n"``) for the required strings of the
zone-free rules' regexes, and gives each line the bit mask of the regexes whose strings
it holds. pyahocorasick walks about 40 MB/s, a quarter to a third of the stage's time on
prose. Here one loop over the joined form's UTF-8 bytes steps the strings' dense
automaton (:class:`textclean.compiled_walk.Dense`) and records which string ends in
which line (each string once per line, or twice where a segment's edge cuts it); the
masks are then or-ed in Python. A step waits on the table's load (the table is large:
about 150 MB for the built-in rules): the bytes are cut into 8 segments of equal length
walked side by side, each chain's state in a variable of its own, so the loads overlap
(the language step's walk does the same), and the strings with the same bits are
recorded as one.

Same masks, by construction and tested (``tests/test_boilerplate_screen_walk.py``):
the dense table reports at each byte the strings pyahocorasick reports there, and a
string occurs in a text's code points exactly where its UTF-8 bytes occur in the
text's UTF-8 bytes (a lead byte never equals a continuation byte), lone surrogates
included (``surrogatepass`` encodes them as any other three-byte character). No
string holds a ``"\\n"`` (the automaton is not used otherwise), so the line a string
ends in is the count of ``"\\n"`` bytes before its end. Case folding and whitespace are
done before, on the joined string, for both searches alike.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from textclean import compiled_walk


def _screen(  # type: ignore[no-untyped-def]
    text, byte_class, delta, depth, out_start, out_ids, limit, need, seen, base, lines, ids, chains
):
    """Record in ``lines``/``ids`` each (line, key) such that the key ends in that line
    of ``text`` (lines split at byte 10), each pair at least once; returns how many
    were recorded, or -1 when ``lines`` is too short. ``seen``: a row per chain, a slot
    per key, holding no value above ``base`` (a pair is marked ``base`` + its line + 1).
    A pair whose key's ``limit`` is below its line's ``need`` is not recorded.

    The text is cut into ``chains`` (at most 8) segments of equal length, each walked
    from the root at its start (so it finds every key that starts in it) and on past
    its end for as long as a key that started in it may still end (while the state's
    string reaches back into the segment: ``depth``); the line of its first byte is
    the count of line feeds before it. With 8 chains the segments are walked side by
    side (a step waits on the table's load: the chains' loads overlap instead of
    waiting on each other), each chain's state and line in a variable of its own, as
    far as the shortest segment goes; then each chain's rest is walked alone. A key
    that straddles a cut may be recorded by both chains: a pair recorded twice changes
    no mask. A transition to a state where keys end is stored as ~state
    (:class:`Dense`): a step needs no second load to learn that nothing ends there; the
    states where keys end are noted and their keys recorded after the step of all
    chains."""
    n = text.shape[0]
    cap = lines.shape[0]
    hits = 0
    seg = n // chains
    lo = np.empty(8, dtype=np.int64)  # chain k walks lo[k] .. hi[k] and maybe on
    hi = np.empty(8, dtype=np.int64)
    at = np.zeros(8, dtype=np.int64)  # each chain's line
    line = 0
    for k in range(chains):
        lo[k] = k * seg
        hi[k] = (k + 1) * seg if k < chains - 1 else n
        at[k] = line
        feeds = 0
        for q in range(lo[k], hi[k]):  # (no branch a byte: a loop the compiler vectorizes)
            feeds += np.int64(text[q] == 10)
        line += feeds
    states = np.zeros(8, dtype=np.int64)
    pos = lo.copy()  # each chain's next byte
    if chains == 8:
        ev_k = np.empty(8, dtype=np.int64)  # the chain, state and line of each key end
        ev_s = np.empty(8, dtype=np.int64)
        ev_l = np.empty(8, dtype=np.int64)
        p0, p1, p2, p3, p4, p5, p6, p7 = lo[0], lo[1], lo[2], lo[3], lo[4], lo[5], lo[6], lo[7]
        l0, l1, l2, l3, l4, l5, l6, l7 = at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7]
        s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = 0
        for j in range(seg):
            m = 0
            b = text[p0 + j]
            l0 += np.int64(b == 10)
            t = delta[s0, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 0
                ev_s[m] = t
                ev_l[m] = l0
                m += 1
            s0 = t
            b = text[p1 + j]
            l1 += np.int64(b == 10)
            t = delta[s1, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 1
                ev_s[m] = t
                ev_l[m] = l1
                m += 1
            s1 = t
            b = text[p2 + j]
            l2 += np.int64(b == 10)
            t = delta[s2, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 2
                ev_s[m] = t
                ev_l[m] = l2
                m += 1
            s2 = t
            b = text[p3 + j]
            l3 += np.int64(b == 10)
            t = delta[s3, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 3
                ev_s[m] = t
                ev_l[m] = l3
                m += 1
            s3 = t
            b = text[p4 + j]
            l4 += np.int64(b == 10)
            t = delta[s4, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 4
                ev_s[m] = t
                ev_l[m] = l4
                m += 1
            s4 = t
            b = text[p5 + j]
            l5 += np.int64(b == 10)
            t = delta[s5, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 5
                ev_s[m] = t
                ev_l[m] = l5
                m += 1
            s5 = t
            b = text[p6 + j]
            l6 += np.int64(b == 10)
            t = delta[s6, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 6
                ev_s[m] = t
                ev_l[m] = l6
                m += 1
            s6 = t
            b = text[p7 + j]
            l7 += np.int64(b == 10)
            t = delta[s7, byte_class[b]]
            if t < 0:
                t = ~t
                ev_k[m] = 7
                ev_s[m] = t
                ev_l[m] = l7
                m += 1
            s7 = t
            for e in range(m):
                k = ev_k[e]
                t = ev_s[e]
                mark = base + ev_l[e] + 1
                floor = need[ev_l[e]]
                for r in range(out_start[t], out_start[t + 1]):
                    kid = out_ids[r]
                    if limit[kid] >= floor and seen[k, kid] != mark:
                        seen[k, kid] = mark
                        if hits < cap:
                            lines[hits] = ev_l[e]
                            ids[hits] = kid
                        hits += 1
        states[0], states[1], states[2], states[3] = s0, s1, s2, s3
        states[4], states[5], states[6], states[7] = s4, s5, s6, s7
        at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7] = l0, l1, l2, l3, l4, l5, l6, l7
        for k in range(8):
            pos[k] += seg
    for k in range(chains):  # each chain's rest, alone, and on past its end
        s = states[k]
        li = at[k]
        q = pos[k]
        end = hi[k]
        while q < n and (q < end or depth[s] > q - end):
            b = text[q]
            q += 1
            if b == 10:
                li += 1
            t = delta[s, byte_class[b]]
            if t >= 0:
                s = t
                continue
            t = ~t
            s = t
            mark = base + li + 1
            floor = need[li]
            for r in range(out_start[t], out_start[t + 1]):
                kid = out_ids[r]
                if limit[kid] >= floor and seen[k, kid] != mark:
                    seen[k, kid] = mark
                    if hits < cap:
                        lines[hits] = li
                        ids[hits] = kid
                    hits += 1
    if hits > cap:
        hits = -1
    return hits


_KERNEL = compiled_walk.Kernel(_screen)


#: Segments of a joined form walked side by side (at most 8: the loop steps 8 chains
#: at once; with fewer, each segment is walked alone), for forms of at least
#: _CHAIN_MIN_BYTES bytes a segment (shorter ones are walked in one piece).
_CHAINS = 8
_CHAIN_MIN_BYTES = 128


_SEEN = threading.local()


def _seen(chains: int, keys: int, size: int) -> tuple[np.ndarray, int]:
    """This thread's ``seen`` rows (at least ``chains`` by ``keys``, kept between calls:
    not zeroed each time) and a base above every mark they hold (each call's marks lie
    above the last call's, as a line's number is below the text's size)."""
    seen = getattr(_SEEN, "rows", None)
    if seen is None or seen.shape[0] < chains or seen.shape[1] < keys:
        seen = _SEEN.rows = np.zeros((max(chains, _CHAINS), keys), dtype=np.int64)
        _SEEN.top = 0
    base = _SEEN.top
    _SEEN.top = base + size + 2
    return seen, base


_BUFFERS = threading.local()
#: The longest pair buffers a thread keeps (a walk of up to about 256 KB of lines): a
#: longer walk's are its own, not held for as long as the thread lives
_KEPT_MAX = 1 << 16


def _buffers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """This thread's two pair buffers (``lines``, ``ids``), at least ``size`` long:
    kept between calls (a walk reads nothing a call before it wrote), grown when a
    walk asks for more (up to :data:`_KEPT_MAX`; longer ones are not kept)."""
    kept = getattr(_BUFFERS, "pair", None)
    if kept is None or kept[0].shape[0] < size:
        n = max(size, 4096)
        kept = (np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64))
        if n <= _KEPT_MAX:
            _BUFFERS.pair = kept
    return kept


class Dense(compiled_walk.Dense):
    """The screen strings' automaton as a dense table, with the search of a joined form."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        super().__init__(keys)
        #: whether an ASCII capital reads as its small letter (no key holds a capital):
        #: then the walk of a text that case folding changes only in its ASCII capitals
        #: (:func:`._pagescan.folds_as_ascii`) finds in it what it finds in the folded
        #: text, without folding it
        self.folds_ascii = not any(65 <= b <= 90 for key in keys for b in key)
        if self.folds_ascii:
            self.byte_class = self.byte_class.copy()
            self.byte_class[65:91] = self.byte_class[97:123]
        # a transition to a state where a key ends is stored as ~state (negative): the
        # walk learns whether to look for outputs from the transition it loaded
        if self.delta.dtype != np.int32:
            self.delta = self.delta.astype(np.int32)
        emits = (np.diff(self.out_start) > 0).view(np.int8)
        flip = emits[self.delta]  # 1 where the target emits
        np.negative(flip, out=flip)  # -1 there: x ^ -1 is ~x
        np.bitwise_xor(self.delta, flip, out=self.delta)
        self._grouped: (
            tuple[Sequence[int], Sequence[int] | None, np.ndarray, list[int], np.ndarray] | None
        ) = None

    def masks(
        self,
        joined: bytes,
        count: int,
        bits: Sequence[int],
        needs: Sequence[int] | None = None,
        limits: Sequence[int] | None = None,
    ) -> list[int]:
        """For each of the ``count`` lines of ``joined`` (UTF-8, lines split at ``"\\n"``),
        the or of ``bits[k]`` over the keys ``k`` it holds.

        With ``needs`` (a value per line) and ``limits`` (a value per key), a key whose
        limit is below the line's need is left out of the line's mask (the caller asks
        nothing of its bits there). The pairs are recorded in this thread's buffers,
        kept between calls (:func:`_buffers`); a walk that finds them too short runs
        again with buffers long enough for any walk of ``joined`` (it records again
        the pairs the first run marked as seen: its marks lie above them)."""
        walk = _KERNEL.get()
        assert walk is not None
        arr = np.frombuffer(joined, dtype=np.uint8)
        # keys with the same bits (and limit) are one group: a line records each once
        group_of, group_bits, group_limit = self._groups(bits, limits)
        if needs is None or limits is None:
            floors = np.full(count, _NO_NEED, dtype=np.int64)
        else:
            floors = np.array(needs, dtype=np.int64)
        size = len(joined)
        chains = min(_CHAINS, 8) if size >= _CHAINS * _CHAIN_MIN_BYTES else 1
        room = size // 4 + 64
        while True:
            lines, ids = _buffers(room)
            seen, base = _seen(chains, len(group_bits), size)
            hits = walk(
                arr,
                self.byte_class,
                self.delta,
                self.depth,
                self.out_start,
                group_of,
                group_limit,
                floors,
                seen,
                base,
                lines,
                ids,
                chains,
            )
            if hits >= 0:
                break
            room = size * max(1, int(np.diff(self.out_start).max())) + 64
        out = [0] * count
        for line, g in zip(lines[:hits].tolist(), ids[:hits].tolist(), strict=True):
            out[line] |= group_bits[g]
        return out

    def _groups(
        self, bits: Sequence[int], limits: Sequence[int] | None
    ) -> tuple[np.ndarray, list[int], np.ndarray]:
        """The group of each output of the table (the keys with the same bits in
        ``bits`` and the same limit in ``limits`` are one group), each group's bits and
        its limit (:data:`_NO_NEED` without ``limits``); kept for the last ``bits`` and
        ``limits``."""
        kept = self._grouped
        if kept is None or kept[0] is not bits or kept[1] is not limits:
            values: dict[tuple[int, int], int] = {}
            lims = [_NO_NEED] * len(bits) if limits is None else limits
            gid = np.fromiter(
                (values.setdefault(v, len(values)) for v in zip(bits, lims, strict=True)),
                dtype=np.int64,
                count=len(bits),
            )
            kept = self._grouped = (
                bits,
                limits,
                gid[self.out_ids],
                [b for b, _ in values],
                np.array([lim for _, lim in values], dtype=np.int64),
            )
        return kept[2], kept[3], kept[4]


#: The need of a line no key's limit is below (masks without ``needs``)
_NO_NEED = -(2**62)


def dense_of(keys: Sequence[str]) -> Dense | None:
    """The dense automaton of ``keys`` (built once per process for the same keys), or
    None when the compiled loop is not available or a key holds a ``"\\n"``."""
    if _KERNEL.get() is None or any("\n" in k for k in keys):
        return None
    return compiled_walk.dense_of([k.encode("utf-8", "surrogatepass") for k in keys], Dense)


__all__: Sequence[str] = ("Dense", "dense_of")
