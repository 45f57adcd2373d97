"""The zone-free screen's search as a compiled loop (numba) over a dense automaton.

:meth:`~textclean.stages.boilerplate.stage._AnyZone.screen_lines` searches the screen
form of a document's lines (joined by ``"\\n"``) for the required strings of the
zone-free rules' regexes, and gives each line the bit mask of the regexes whose strings
it holds. pyahocorasick walks about 40 MB/s, a quarter to a third of the stage's time on
prose. Here one loop over the joined form's UTF-8 bytes steps the strings' dense
automaton (:class:`textclean.compiled_walk.Dense`) and records which string ends in
which line (each string once per line); the masks are then or-ed in Python. The
table is large (about 110 MB for the built-in rules), so a step waits on memory: the
bytes are cut at line feeds into segments walked side by side, whose loads overlap (the language
step's walk does the same), and the strings with the same bits are recorded as one.

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


def _screen(text, byte_class, delta, out_start, out_ids, seen, base, lines, ids, chains):  # type: ignore[no-untyped-def]
    """Record in ``lines``/``ids`` each (line, key) such that the key ends in that line
    of ``text`` (lines split at byte 10), each pair once; returns their count, or -1
    when ``lines`` is too short. ``seen``: a row per chain, a slot per key, holding no
    value above ``base`` (a pair is marked ``base`` + its line + 1).

    The text is cut into ``chains`` segments walked side by side (the table is large,
    and a step waits on memory: the chains' loads overlap instead of waiting on each
    other). Each segment but the first starts right after a line feed: no key holds
    one, so after it the automaton is at its root, where the chain starts (no bytes
    before it are walked again), and every line lies in one segment. A transition to a
    state where keys end is stored as ~state (:class:`Dense`): a step needs no second
    load to learn that nothing ends there."""
    n = text.shape[0]
    cap = lines.shape[0]
    hits = 0
    seg = n // chains
    bounds = np.empty(chains + 1, dtype=np.int64)  # chain k walks bounds[k] .. bounds[k+1]
    at = np.zeros(chains, dtype=np.int64)  # each chain's line
    bounds[0] = 0
    bounds[chains] = n
    line = 0
    p = 0
    for k in range(1, chains):
        target = k * seg
        while p < target:
            if text[p] == 10:
                line += 1
            p += 1
        while p < n and text[p] != 10:  # to the first line feed at or after the cut
            p += 1
        if p < n:
            line += 1
            p += 1
        bounds[k] = p
        at[k] = line
    longest = 0
    for k in range(chains):
        if bounds[k + 1] - bounds[k] > longest:
            longest = bounds[k + 1] - bounds[k]
    states = np.zeros(chains, dtype=np.int64)
    for j in range(longest):
        for k in range(chains):
            p = bounds[k] + j
            if p >= bounds[k + 1]:
                continue
            b = text[p]
            if b == 10:
                at[k] += 1
            s = delta[states[k], byte_class[b]]
            if s >= 0:
                states[k] = s
                continue
            s = ~s
            states[k] = s
            for q in range(out_start[s], out_start[s + 1]):
                kid = out_ids[q]
                mark = base + at[k] + 1
                if seen[k, kid] != mark:
                    seen[k, kid] = mark
                    if hits < cap:
                        lines[hits] = at[k]
                        ids[hits] = kid
                    hits += 1
    if hits > cap:
        hits = -1
    return hits


_KERNEL = compiled_walk.Kernel(_screen)


#: Segments of a joined form walked side by side, for forms of at least
#: _CHAIN_MIN_BYTES bytes a segment (shorter ones are walked in one piece). A segment
#: starts at a line, with no bytes walked twice, so short ones cost little.
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
        self._grouped: tuple[Sequence[int], np.ndarray, list[int]] | None = None

    def masks(self, joined: bytes, count: int, bits: Sequence[int]) -> list[int]:
        """For each of the ``count`` lines of ``joined`` (UTF-8, lines split at ``"\\n"``),
        the or of ``bits[k]`` over the keys ``k`` it holds."""
        walk = _KERNEL.get()
        assert walk is not None
        arr = np.frombuffer(joined, dtype=np.uint8)
        group_of, group_bits = self._groups(bits)
        # keys with the same bits are one group: a line records each group once
        d = (self.byte_class, self.delta, self.out_start, group_of)
        chains = _CHAINS if len(joined) >= _CHAINS * _CHAIN_MIN_BYTES else 1

        def walked(lines: np.ndarray, ids: np.ndarray) -> tuple[int]:
            seen, base = _seen(chains, len(group_bits), len(joined))
            return (walk(arr, *d, seen, base, lines, ids, chains),)

        lines, ids, (hits,) = self.hits(walked, len(joined), len(joined) // 4 + 64)
        out = [0] * count
        for line, g in zip(lines[:hits].tolist(), ids[:hits].tolist(), strict=True):
            out[line] |= group_bits[g]
        return out

    def _groups(self, bits: Sequence[int]) -> tuple[np.ndarray, list[int]]:
        """The group of each output of the table (the keys with the same bits in
        ``bits`` are one group) and each group's bits; kept for the last ``bits``."""
        kept = self._grouped
        if kept is None or kept[0] is not bits:
            values: dict[int, int] = {}
            gid = np.fromiter(
                (values.setdefault(b, len(values)) for b in bits), dtype=np.int64, count=len(bits)
            )
            kept = self._grouped = (bits, gid[self.out_ids], list(values))
        return kept[1], kept[2]


def dense_of(keys: Sequence[str]) -> Dense | None:
    """The dense automaton of ``keys`` (built once per process for the same keys), or
    None when the compiled loop is not available or a key holds a ``"\\n"``."""
    if _KERNEL.get() is None or any("\n" in k for k in keys):
        return None
    return compiled_walk.dense_of([k.encode("utf-8", "surrogatepass") for k in keys], Dense)


__all__: Sequence[str] = ("Dense", "dense_of")
