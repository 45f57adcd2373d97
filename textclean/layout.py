"""Lines of a document with their offsets, and the shape tests rules rely on.

>>> [(ln.start, ln.end, ln.text) for ln in split_lines("a\\r\\n\\nbc")]
[(0, 3, 'a'), (3, 4, ''), (4, 6, 'bc')]
>>> is_prose("The war will grind through another round of failed talks, another winter.", 10)
True
>>> is_prose("The Ukraine peace push is failing. Here's why.", 10)
False
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_LINE = regex.compile(r"([^\n]*)(\n|$)")
# Terminal punctuation, optionally followed by closing quotes or brackets.
_TERMINAL = regex.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass(frozen=True)
class Line:
    """One line: ``text`` without its terminator or trailing whitespace; offsets span both."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str) -> list[Line]:
    """Every line with ``[start, end)`` offsets that include its ``\\n`` (and a ``\\r``)."""
    out: list[Line] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            break
        out.append(Line(len(out), m.start(), m.end(), m.group(1).strip()))
    return out


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation (closing quotes allowed after it).

    >>> ends_sentence('He said "no."'), ends_sentence("Latest Stories"), ends_sentence("like. 👇")
    (True, False, False)
    """
    return bool(_TERMINAL.search(text))


def is_prose(text: str, min_words: int) -> bool:
    """A content paragraph: at least ``min_words`` words and a sentence ending."""
    return len(text.split()) >= min_words and ends_sentence(text) and not text.endswith("...")
