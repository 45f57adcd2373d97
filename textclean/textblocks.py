"""Lines, paragraphs and blocks: the units the ``repeats`` stage compares.

A *paragraph* is a maximal run of non-blank lines (a blank line is empty or
whitespace only). A paragraph is cut into *blocks*:

* a one-line paragraph is one block;
* a multi-line paragraph of hard-wrapped prose (some line runs on into a next
  line that starts in lower case) is one block: its lines are not units;
* any other multi-line paragraph (headings, list items, one paragraph per
  line, captions under titles) gives one block per line;
* a fenced code region (```` ``` ```` or ``~~~``) is one *inert* block that is
  never compared or removed.

Offsets are character offsets into the text; ``stop`` includes the line
terminator (``\\n``, ``\\r\\n`` or ``\\r``).

>>> blocks = segment("Title\\n\\nOne line\\nand its wrapped rest.\\n\\n- a\\n- b\\n")
>>> [(b.kind, b.text) for b in blocks]  # doctest: +NORMALIZE_WHITESPACE
[('line', 'Title'), ('paragraph', 'One line\\nand its wrapped rest.'),
 ('line', '- a'), ('line', '- b')]
"""

from __future__ import annotations

from itertools import accumulate, pairwise, repeat
from operator import add, sub
from typing import NamedTuple

import regex

_LINE = regex.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line that ends a sentence or a list-like entry: terminal punctuation,
# optionally followed by closing quotes or brackets. Searched in reverse
# (``(?r)``): the match is anchored at the end, so it is found there at once
# instead of after a scan of the whole line (same matches; tests/test_textblocks.py).
_ENDS_SENTENCE = regex.compile(r"(?r)[.!?:;…)\]]['\"’”»)\]]*\s*$")
_STARTS_LOWER = regex.compile(r"^\s*\p{Ll}")


def _may_fence(text: str) -> bool:
    """Whether a text may hold a fence line at all (three backticks or tildes).

    A one-character search first: it skips through a text without a backtick or a
    tilde many times faster than a search for the three-character strings (or a regex
    alternation of them), and prose seldom holds either character.
    """
    return ("`" in text and "```" in text) or ("~" in text and "~~~" in text)


class Line(NamedTuple):
    """One line: ``text`` is ``source[start:end]``; ``stop`` is past the terminator.

    (A named tuple: documents have hundreds of thousands of lines, and a tuple is
    several times cheaper to make than a frozen dataclass.)
    """

    start: int
    end: int
    stop: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Block(NamedTuple):
    """A unit of comparison: lines ``first..last`` (inclusive) of the text.

    ``kind`` is ``"line"`` (one line of a multi-line or one-line paragraph),
    ``"paragraph"`` (a hard-wrapped multi-line paragraph) or ``"code"`` (a
    fenced code region, never compared).
    """

    index: int
    first: int
    last: int
    start: int
    end: int
    stop: int
    kind: str
    text: str

    @property
    def inert(self) -> bool:
        return self.kind == "code"


#: ``_new_tuple(Line, fields)`` makes the same named tuple as ``Line(*fields)``,
#: at half the cost (hot loops make hundreds of thousands).
_new_tuple = tuple.__new__

#: The last text split and its lines: several stages split the same text (a stage
#: that changes nothing passes the same string object on; a stage that rebuilt its
#: text may pass on an equal one), so the next one gets a copy of the list instead
#: of splitting again.
_LAST_SPLIT: tuple[str, list[Line]] = ("", [])


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets (a new list on every call).

    >>> [(ln.text, ln.start, ln.stop) for ln in split_lines("a\\r\\n\\nb")]
    [('a', 0, 3), ('', 3, 4), ('b', 4, 5)]
    """
    global _LAST_SPLIT
    last_text, last_lines = _LAST_SPLIT
    # (``==`` is an identity test first, then a length test, then one memory compare:
    # far cheaper than splitting; equal texts have equal lines)
    if text == last_text:
        return list(last_lines)
    lines = _split_lines(text)
    _LAST_SPLIT = (text, lines)
    return list(lines)


def keep_split(text: str, new_text: str, kept: list[tuple[int, int, int]]) -> None:
    r"""Tell :func:`split_lines` that ``new_text`` is ``text`` with whole lines removed:
    it holds the lines ``lo..hi-1`` of ``text`` for each ``(lo, hi, shift)`` of
    ``kept``, in order, each ``shift`` characters earlier. When ``text`` is the text
    split last, the next split of ``new_text`` takes those lines instead of splitting
    it. The caller vouches for ``new_text`` (and that ``text`` holds no ``"\r"``,
    which can join a line end with the next line's when a line between them goes).

    >>> text = "a\nb\nc"
    >>> _ = split_lines(text)
    >>> keep_split(text, "a\nc", [(0, 1, 0), (2, 3, 2)])
    >>> split_lines("a\nc") == _split_lines("a\nc")
    True
    """
    global _LAST_SPLIT
    last_text, last_lines = _LAST_SPLIT
    if last_text is not text:
        return
    lines: list[Line] = []
    for lo, hi, shift in kept:
        if not shift:
            lines += last_lines[lo:hi]
            continue
        starts, ends, stops, texts = zip(*last_lines[lo:hi], strict=True)
        back = repeat(shift)
        lines += map(
            _new_tuple,
            repeat(Line),
            zip(
                map(sub, starts, back),
                map(sub, ends, back),
                map(sub, stops, back),
                texts,
                strict=True,
            ),
        )
    _LAST_SPLIT = (new_text, lines)


def _split_lines(text: str) -> list[Line]:
    if "\r" in text:
        lines: list[Line] = []
        for m in _LINE.finditer(text):
            if m.start() == len(text) and not m.group(0):
                break
            lines.append(Line(m.start(), m.end(1), m.end(), m.group(1)))
        return lines
    # Only "\n" ends a line: str.split finds the same lines, much faster, and the
    # offsets are running sums of the parts' lengths (C-level loops only): a line
    # stops one past its end, and the next starts where it stops.
    parts = text.split("\n")
    last = parts.pop()
    stops = list(accumulate(map(add, map(len, parts), repeat(1))))
    ends = map(sub, stops, repeat(1))
    starts = [0, *stops]
    # Line(...) without the named tuple's Python-level __new__
    # (``starts`` holds one more: where the text after the last "\n" starts)
    lines = list(map(_new_tuple, repeat(Line), zip(starts, ends, stops, parts, strict=False)))
    if last:
        pos = starts[-1]
        lines.append(Line(pos, len(text), len(text), last))
    return lines


def is_wrapped(lines: list[str]) -> bool:
    """True when the lines read as hard-wrapped prose rather than separate entries.

    A line that does not end a sentence, followed by a line starting in lower
    case, is a wrap.

    >>> is_wrapped(["The minister said that the", "talks would resume."])
    True
    >>> is_wrapped(["Key Takeaways", "- Trump's administration is weakening"])
    False
    """
    return any(not _ENDS_SENTENCE.search(a) and _STARTS_LOWER.match(b) for a, b in pairwise(lines))


def _code_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """Inclusive line ranges of closed fenced code regions (unclosed fences are text)."""
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i].text)
        if m:
            fence = m.group(1)
            for j in range(i + 1, len(lines)):
                close = _FENCE.match(lines[j].text)
                if (
                    close
                    and close.group(1)[0] == fence[0]
                    and len(close.group(1)) >= len(fence)
                    and not lines[j].text[close.end() :].strip()
                ):
                    regions.append((i, j))
                    i = j
                    break
        i += 1
    return regions


def fenced_code_lines(texts: list[str]) -> frozenset[int]:
    """Indices of the lines inside closed fenced code regions, fences included.

    >>> sorted(fenced_code_lines(["a", "```", "x  = 1", "```", "b"]))
    [1, 2, 3]
    """
    if not _may_fence("\n".join(texts)):  # no line can open a fence
        return frozenset()
    lines = [Line(0, 0, 0, t) for t in texts]
    return frozenset(i for a, b in _code_regions(lines) for i in range(a, b + 1))


def segment(text: str, lines: list[Line] | None = None) -> list[Block]:
    """The blocks of ``text`` in order (see the module docstring)."""
    if lines is None:
        lines = split_lines(text)
    code_at = {start: end for start, end in _code_regions(lines)} if _may_fence(text) else {}
    blocks: list[Block] = []
    append = blocks.append
    new = _new_tuple

    def add_paragraph(first: int, last: int) -> None:
        # (a one-line paragraph, the most common, is added by the loop below)
        if is_wrapped([ln.text for ln in lines[first : last + 1]]):
            a, b = lines[first], lines[last]
            fields = (len(blocks), first, last, a.start, b.end, b.stop, "paragraph")
            append(new(Block, (*fields, text[a.start : b.end])))
        else:
            for k in range(first, last + 1):
                a = lines[k]
                append(new(Block, (len(blocks), k, k, a.start, a.end, a.stop, "line", a.text)))

    def add_run(first: int, last: int) -> None:
        if first == last:
            a = lines[first]
            append(new(Block, (len(blocks), first, first, a.start, a.end, a.stop, "line", a.text)))
        else:
            add_paragraph(first, last)

    i = 0
    n = len(lines)
    para_start = -1
    while i < n:
        if code_at and i in code_at:
            if para_start >= 0:
                add_run(para_start, i - 1)
                para_start = -1
            a, b = lines[i], lines[code_at[i]]
            fields = (len(blocks), i, code_at[i], a.start, b.end, b.stop, "code")
            append(new(Block, (*fields, text[a.start : b.end])))
            i = code_at[i] + 1
            continue
        t = lines[i].text
        if not t or t.isspace():  # a blank line
            if para_start >= 0:
                add_run(para_start, i - 1)
                para_start = -1
        elif para_start < 0:
            para_start = i
        i += 1
    if para_start >= 0:
        add_run(para_start, n - 1)
    return blocks
