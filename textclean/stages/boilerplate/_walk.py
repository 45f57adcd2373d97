"""The zone-free screen's search as a compiled loop (numba) over a dense automaton.

:meth:`~textclean.stages.boilerplate.stage._AnyZone.screen_lines` searches the screen
form of a document's lines (joined by ``"\\n"``) for the required strings of the
zone-free rules' regexes, and gives each line the bit mask of the regexes whose strings
it holds. pyahocorasick walks about 40 MB/s, a quarter to a third of the stage's time on
prose. Here one loop over the joined form's UTF-8 bytes steps the strings' dense
automaton (:class:`textclean.compiled_walk.Dense`) and records which string ends in
which line (each string once per line); the masks are then or-ed in Python.

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

from collections.abc import Sequence

import numpy as np

from textclean import compiled_walk


def _screen(text, byte_class, delta, out_start, out_ids, seen, lines, ids):  # type: ignore[no-untyped-def]
    """Record in ``lines``/``ids`` each (line, key) such that the key ends in that line
    of ``text`` (lines split at byte 10), each pair once; returns their count, or -1
    when ``lines`` is too short. ``seen``: one slot per key, zeros."""
    n = text.shape[0]
    cap = lines.shape[0]
    state = 0
    line = 0
    hits = 0
    for i in range(n):
        b = text[i]
        if b == 10:
            line += 1
        state = delta[state, byte_class[b]]
        for k in range(out_start[state], out_start[state + 1]):
            kid = out_ids[k]
            if seen[kid] != line + 1:
                seen[kid] = line + 1
                if hits < cap:
                    lines[hits] = line
                    ids[hits] = kid
                hits += 1
    if hits > cap:
        hits = -1
    return hits


_KERNEL = compiled_walk.Kernel(_screen)


class Dense(compiled_walk.Dense):
    """The screen strings' automaton as a dense table, with the search of a joined form."""

    def masks(self, joined: bytes, count: int, bits: Sequence[int]) -> list[int]:
        """For each of the ``count`` lines of ``joined`` (UTF-8, lines split at ``"\\n"``),
        the or of ``bits[k]`` over the keys ``k`` it holds."""
        walk = _KERNEL.get()
        assert walk is not None
        arr = np.frombuffer(joined, dtype=np.uint8)
        d = (self.byte_class, self.delta, self.out_start, self.out_ids)
        lines, ids, (hits,) = self.hits(
            lambda lines, ids: (walk(arr, *d, np.zeros(len(bits), dtype=np.int64), lines, ids),),
            len(joined),
            len(joined) // 4 + 64,
        )
        out = [0] * count
        for line, k in zip(lines[:hits].tolist(), ids[:hits].tolist(), strict=True):
            out[line] |= bits[k]
        return out


def dense_of(keys: Sequence[str]) -> Dense | None:
    """The dense automaton of ``keys`` (built once per process for the same keys), or
    None when the compiled loop is not available or a key holds a ``"\\n"``."""
    if _KERNEL.get() is None or any("\n" in k for k in keys):
        return None
    return compiled_walk.dense_of([k.encode("utf-8", "surrogatepass") for k in keys], Dense)


__all__: Sequence[str] = ("Dense", "dense_of")
