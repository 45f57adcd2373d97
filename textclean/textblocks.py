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

from itertools import pairwise
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
#: Whether a text may hold a fence line at all (three backticks or tildes).
_MAY_FENCE = regex.compile(r"```|~~~").search


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


#: The last text split and its lines: several stages split the same text (a stage
#: that changes nothing passes the same string object on), so the next one
#: gets a copy of the list instead of splitting again.
_LAST_SPLIT: tuple[str, list[Line]] = ("", [])


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets (a new list on every call).

    >>> [(ln.text, ln.start, ln.stop) for ln in split_lines("a\\r\\n\\nb")]
    [('a', 0, 3), ('', 3, 4), ('b', 4, 5)]
    """
    global _LAST_SPLIT
    last_text, last_lines = _LAST_SPLIT
    if text is last_text:
        return list(last_lines)
    lines = _split_lines(text)
    _LAST_SPLIT = (text, lines)
    return list(lines)


def _split_lines(text: str) -> list[Line]:
    if "\r" in text:
        lines: list[Line] = []
        for m in _LINE.finditer(text):
            if m.start() == len(text) and not m.group(0):
                break
            lines.append(Line(m.start(), m.end(1), m.end(), m.group(1)))
        return lines
    # Only "\n" ends a line: str.split finds the same lines, much faster.
    parts = text.split("\n")
    last = parts.pop()
    lines = []
    pos = 0
    for part in parts:
        end = pos + len(part)
        lines.append(Line(pos, end, end + 1, part))
        pos = end + 1
    if last:
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
    if not _MAY_FENCE("\n".join(texts)):  # no line can open a fence
        return frozenset()
    lines = [Line(0, 0, 0, t) for t in texts]
    return frozenset(i for a, b in _code_regions(lines) for i in range(a, b + 1))


def segment(text: str, lines: list[Line] | None = None) -> list[Block]:
    """The blocks of ``text`` in order (see the module docstring)."""
    if lines is None:
        lines = split_lines(text)
    code_at = {start: end for start, end in _code_regions(lines)} if _MAY_FENCE(text) else {}
    blocks: list[Block] = []

    def add(first: int, last: int, kind: str) -> None:
        a, b = lines[first], lines[last]
        blocks.append(
            Block(len(blocks), first, last, a.start, b.end, b.stop, kind, text[a.start : b.end])
        )

    def add_paragraph(first: int, last: int) -> None:
        texts = [ln.text for ln in lines[first : last + 1]]
        if first == last or is_wrapped(texts):
            add(first, last, "paragraph" if first != last else "line")
        else:
            for k in range(first, last + 1):
                add(k, k, "line")

    blank = [not ln.text.strip() for ln in lines]
    i = 0
    para_start: int | None = None
    while i < len(lines):
        if i in code_at:
            if para_start is not None:
                add_paragraph(para_start, i - 1)
                para_start = None
            add(i, code_at[i], "code")
            i = code_at[i] + 1
            continue
        if blank[i]:
            if para_start is not None:
                add_paragraph(para_start, i - 1)
                para_start = None
        elif para_start is None:
            para_start = i
        i += 1
    if para_start is not None:
        add_paragraph(para_start, len(lines) - 1)
    return blocks
