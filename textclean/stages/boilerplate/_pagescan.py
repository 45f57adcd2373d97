"""Compiled scans of a page's UTF-8 bytes for the boilerplate stage (numba).

Two scans that stand in for several Python-level passes over a page where the stages
use their compiled loops (:func:`textclean.dedup._kernel.stages_use_numba`); without
numba (or before it is loaded) the callers take their Python paths, which give the
same answers (``tests/test_boilerplate_pagescan.py`` compares both on generated text).

* :func:`line_facts`: for each line of a page (split at ``"\\n"``), whether it reads
  the same with its whitespace collapsed, its spaces, and whether it may hold a
  character of a script written without spaces: what
  :func:`~textclean.stages.boilerplate.layout.layout_lines` needs to lay the page out
  and count each line's words, in one pass instead of a numpy test of the page, a
  search for each of 27 whitespace characters, and two string scans a line.
* :func:`folds_as_ascii`: whether case folding (:func:`~.screen.canon`) changes no
  character of a text but its ASCII capitals, so that the screen's walk can read the
  text as it is, with the capitals in the classes of their small letters.

A character is found from its UTF-8 bytes (``surrogatepass``: a lone surrogate is a
three-byte character like any other); a space and a line feed are ASCII bytes, which
no other character's UTF-8 bytes hold.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from textclean import compiled_walk
from textclean.forksafe import ForkSafeLock

#: :func:`line_facts` flags of a line (its low bits; the words are above them)
FLAWED = 1  # reads otherwise collapsed: a space at an edge, two spaces, other whitespace
WIDE = 2  # may hold a character of Han, kana, Hangul or Thai (layout._CJK_SPAN)
EMPTY = 4  # no character at all
LONG = 8  # more words than the caller's cap
#: where a line's words start in its :func:`line_facts` value
SHIFT = 4


def _facts(text, out, cap):  # type: ignore[no-untyped-def]
    """Fill ``out`` (a slot per line of ``text``, split at byte 10) with each line's
    words (its spaces plus one) shifted left by :data:`SHIFT`, or-ed with its
    :data:`FLAWED` / :data:`WIDE` / :data:`EMPTY` / :data:`LONG` flags; return how many
    lines are :data:`FLAWED`. One pass without a branch a byte but at line ends; a
    line with a control byte or a byte outside ASCII is read again for them."""
    n = text.shape[0]
    line = 0
    start = 0
    count = 0
    bad = 0
    high = 0  # the line's bytes or-ed: 128 for a byte outside ASCII
    low = 0  # whether the line holds a control byte (ASCII whitespace among them)
    gap = 1  # after a line feed or a space (a space first in the text is at an edge)
    flawed = 0
    for i in range(n + 1):
        b = np.int64(text[i]) if i < n else 10  # the text's end ends its last line
        if b != 10:
            sp = np.int64(b == 32)
            count += sp
            bad |= sp & gap  # two spaces, or a space after a line feed
            high |= b
            low |= np.int64(b < 32)
            gap = sp
            continue
        flag = bad
        if i > start:
            flag |= gap  # a space before the line's end
        else:
            flag |= EMPTY
        if count + 1 > cap:
            flag |= LONG
        j = start
        while low and j < i:  # ASCII whitespace but a space or a line feed
            c = text[j]
            if (c >= 9 and c <= 13) or (c >= 28 and c <= 31):
                flag |= FLAWED
                break
            j += 1
        j = start
        while high & 128 and j < i:  # the characters outside ASCII (whole characters)
            c = text[j]
            if c < 128:
                j += 1
                continue
            if c >= 0xF0:
                cp = (c & 7) << 18 | (text[j + 1] & 63) << 12
                cp |= (text[j + 2] & 63) << 6 | (text[j + 3] & 63)
                j += 4
            elif c >= 0xE0:
                cp = (c & 15) << 12 | (text[j + 1] & 63) << 6 | (text[j + 2] & 63)
                j += 3
            else:
                cp = (c & 31) << 6 | (text[j + 1] & 63)
                j += 2
            if (cp >= 0x0E00 and cp <= 0x11FF) or (cp >= 0x2E80 and cp <= 0x3FFFF):
                flag |= WIDE
                if cp == 0x3000:  # the ideographic space
                    flag |= FLAWED
            elif (
                cp == 0x85
                or cp == 0xA0
                or cp == 0x1680
                or (cp >= 0x2000 and cp <= 0x200A)
                or cp == 0x2028
                or cp == 0x2029
                or cp == 0x202F
                or cp == 0x205F
            ):
                flag |= FLAWED  # whitespace outside ASCII
        out[line] = (count + 1) << SHIFT | flag
        flawed += flag & FLAWED
        line += 1
        start = i + 1
        count = 0
        bad = 0
        high = 0
        low = 0
        gap = 1
    return flawed


def _folds(text, changes):  # type: ignore[no-untyped-def]
    """Whether no character of ``text`` outside ASCII is marked in ``changes`` (a byte
    per code point up to the last one marked)."""
    n = text.shape[0]
    top = changes.shape[0]
    high = 0
    for i in range(n):
        high |= np.int64(text[i])
    if high < 128:
        return True  # ASCII
    i = 0
    while i < n:
        b = text[i]
        if b < 128:
            i += 1
            continue
        if b >= 0xF0:
            cp = (b & 7) << 18
            if i + 3 < n:
                cp |= (text[i + 1] & 63) << 12 | (text[i + 2] & 63) << 6 | (text[i + 3] & 63)
            i += 4
        elif b >= 0xE0:
            cp = (b & 15) << 12
            if i + 2 < n:
                cp |= (text[i + 1] & 63) << 6 | (text[i + 2] & 63)
            i += 3
        else:
            cp = (b & 31) << 6
            if i + 1 < n:
                cp |= text[i + 1] & 63
            i += 2
        if cp < top and changes[cp]:
            return False
    return True


_FACTS = compiled_walk.Kernel(_facts)
_FOLDS = compiled_walk.Kernel(_folds)


def line_facts(text: str, cap: int) -> tuple[list[int], int] | None:
    """For each line of ``text`` (split at ``"\\n"``; the text must hold no ``"\\r"``),
    its words (its spaces plus one) shifted left by :data:`SHIFT` and or-ed with its
    flags (:data:`FLAWED`, :data:`WIDE`, :data:`EMPTY`, :data:`LONG`: more than
    ``cap`` words), and how many lines are :data:`FLAWED`; None without the compiled
    loop.

    A line that is not :data:`FLAWED` reads the same with its whitespace collapsed
    (``" ".join(line.split())``); the words of one without any flag are what
    :func:`~.layout.effective_words` counts (no character of a script written without
    spaces)."""
    scan = _FACTS.get()
    if scan is None:
        return None
    raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    out = np.empty(text.count("\n") + 1, dtype=np.int64)
    flawed = scan(raw, out, cap)
    return out.tolist(), flawed


_TABLE_LOCK = ForkSafeLock()
_CHANGES: list[np.ndarray] = []

#: Code points are sorted out for :func:`changes_table` a block at a time: a block that
#: case folding leaves as it is holds no character it changes.
_BLOCK = 256


def changes_table() -> np.ndarray:
    """A byte per code point up to the last one :func:`~.screen.canon` changes: 1 where
    it changes the character (ASCII left out: 0), built once per process."""
    if _CHANGES:
        return _CHANGES[0]
    from textclean.stages.boilerplate.screen import canon

    with _TABLE_LOCK:
        if not _CHANGES:
            marks: list[int] = []
            for lo in range(128, 0x110000, _BLOCK):
                hi = min(lo + _BLOCK, 0x110000)
                block = "".join(map(chr, range(lo, hi)))
                if canon(block) != block:
                    marks += (c for c in range(lo, hi) if canon(chr(c)) != chr(c))
            table = np.zeros(max(marks) + 1, dtype=np.uint8)
            table[marks] = 1
            _CHANGES.append(table)
    return _CHANGES[0]


def folds_as_ascii(data: bytes) -> bool | None:
    """Whether :func:`~.screen.canon` of the text whose UTF-8 bytes (``surrogatepass``)
    are ``data`` changes none of its characters outside ASCII (then it is the text with
    its ASCII capitals made small); None without the compiled loop."""
    scan = _FOLDS.get()
    if scan is None:
        return None
    return bool(scan(np.frombuffer(data, dtype=np.uint8), changes_table()))


__all__: Sequence[str] = (
    "EMPTY",
    "FLAWED",
    "LONG",
    "SHIFT",
    "WIDE",
    "changes_table",
    "folds_as_ascii",
    "line_facts",
)
