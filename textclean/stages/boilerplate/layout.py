"""The lines rules look at, and the shape tests rules rely on.

Lines come from :func:`textclean.textblocks.split_lines`, the one line splitter
(``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line); a rule sees a line
without its surrounding whitespace, and removes it with its line end.

>>> [(ln.start, ln.end, ln.text) for ln in layout_lines("a\\r\\n\\nbc  \\r")]
[(0, 3, 'a'), (3, 4, ''), (4, 9, 'bc')]
>>> is_prose("The war will grind through another round of failed talks, another winter.", 10)
True
>>> is_prose("The Ukraine peace push is failing. Here's why.", 10)
False
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import regex

from textclean.dedup._kernel import stages_use_numba
from textclean.stages.boilerplate import _pagescan
from textclean.textblocks import keep_split, split_lines

# Terminal punctuation, optionally followed by closing quotes or brackets.
_TERMINAL_MARKS = ".!?…。！？"
_CLOSERS = "\"'”’»)]」』）】"
#: Word counts are exact up to this many words (the largest limit a rule may
#: set); a longer line counts as ``WORD_CAP + 1``, so a very long line costs
#: O(WORD_CAP) to count, not one string per word.
WORD_CAP = 10_000


def count_words(text: str, cap: int = WORD_CAP) -> int:
    """Whitespace-separated words of ``text``, exact up to ``cap``, else ``cap + 1``.

    >>> count_words("a b  c"), count_words("a b c d", cap=2), count_words("")
    (3, 3, 0)
    """
    return len(text.split(None, cap))


#: Han, kana, Hangul and Thai: scripts written without spaces between words, where a
#: line of one "word" may be a whole sentence
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
#: The code point blocks holding every character of :data:`CJK` (and more): a text with
#: none of them has no such character, found by one scan of a plain character class
#: instead of a look-up of each character's script (tests/test_boilerplate.py checks
#: every code point)
_CJK_BLOCKS = re.compile(
    "[\u0e00-\u0e7f\u1100-\u11ff\u2e80-\ud7ff\uf900-\ufaff\uff00-\uffef"
    "\U00016fe0-\U0001b16f\U0001f200\U00020000-\U0003ffff]"
)


#: Two ranges holding every range of :data:`_CJK_BLOCKS` (and the code points between
#: them) but the Latin, Greek and Cyrillic letters and General Punctuation's quotes and
#: dashes: a class of two ranges scans several times faster than the blocks' eight, and
#: most non-ASCII prose holds no character of it.
_CJK_SPAN = re.compile("[\u0e00-\u11ff\u2e80-\U0003ffff]")


def cjk_chars(text: str) -> int:
    """Characters of scripts written without spaces (Han, kana, Hangul, Thai).

    >>> cjk_chars("東京の図書館 opens"), cjk_chars("plain ASCII"), cjk_chars("“café” – ok")
    (6, 0, 0)
    """
    if text.isascii() or _CJK_SPAN.search(text) is None or _CJK_BLOCKS.search(text) is None:
        return 0
    return len(CJK.findall(text))


def effective_words(text: str, words: int) -> int:
    """Words, counting two characters of a script without spaces as one word.

    >>> effective_words("東京都の新しい図書館が来月開館します", 1)
    10
    """
    cjk = cjk_chars(text)
    return words + cjk // 2 if cjk else words


class _Cached:
    """A lazily computed attribute, stored in the instance's ``__dict__`` on first use.

    What :class:`functools.cached_property` does, without the lock it takes on every
    first use before Python 3.12 (a stage reads ``words`` of every line once).
    """

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


if TYPE_CHECKING:  # typed as what it does
    from functools import cached_property as _cached
else:
    _cached = _Cached


class _LineFields(NamedTuple):
    index: int
    start: int
    end: int
    text: str


class Line(_LineFields):
    """One line: ``text`` without its terminator or outer whitespace, inner whitespace runs
    as one space (what rules match; normalize writes tabs and runs as spaces later, so a
    second pass must decide alike); offsets span the line as written.

    A named tuple (:func:`layout_lines` makes one for every line of every pass, at a
    fraction of a frozen dataclass's cost) with room for its cached ``words``.

    >>> ln = Line(0, 0, 9, "Share it")
    >>> ln.text, ln.words, ln.blank, ln == Line(0, 0, 9, "Share it")
    ('Share it', 2, False, True)
    """

    @property
    def blank(self) -> bool:
        return not self.text

    @_cached
    def words(self) -> int:
        """Its words (see :func:`count_words`: exact up to :data:`WORD_CAP`), two
        characters of a script written without spaces counting as one word
        (:func:`effective_words`), so a Japanese sentence is not a one-word line.

        A line :func:`layout_lines` made has single spaces between its words and no
        other whitespace: its spaces are counted instead of splitting it into words
        (the same count, without a string for every word)."""
        text = self.text
        if _single_spaced(text):
            n = text.count(" ") + 1 if text else 0
            n = n if n <= WORD_CAP else WORD_CAP + 1
            return n if text.isascii() else effective_words(text, n)
        return effective_words(text, count_words(text))


class _SpacedLine(Line):
    """A line :func:`layout_lines` made: its text has single spaces between its words
    and no other whitespace (it was checked or collapsed so), so its words are its
    spaces plus one without testing that again (the same count as :attr:`Line.words`).
    """

    @_cached
    def words(self) -> int:
        """See :attr:`Line.words`."""
        text = self.text
        if not text:
            return 0
        n = text.count(" ") + 1
        n = n if n <= WORD_CAP else WORD_CAP + 1
        return n if text.isascii() else effective_words(text, n)


def _single_spaced(text: str) -> bool:
    """Whether the words of ``text`` (``str.split``) are separated by single spaces,
    with no whitespace at its ends or of any other kind.

    >>> _single_spaced("a b"), _single_spaced("a  b"), _single_spaced(" a"), _single_spaced("a\tb")
    (True, False, False, False)
    """
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    if text.isprintable():
        # no whitespace but spaces: every other whitespace character is unprintable
        # (checked over every code point in tests/test_boilerplate.py)
        return True
    return not (
        any(c in text for c in _ODD_ASCII_N)
        if text.isascii()
        else _ODD_SPACE_RE.search(text) is not None
    )


#: ``_new_line(Line, fields)`` makes the same line as ``Line(*fields)`` without the
#: named tuple's Python-level ``__new__``.
_new_line = tuple.__new__

#: The whitespace characters (``str.isspace``, what ``str.split()`` splits on) other
#: than a space or a line feed, the ASCII ones first.
_ODD_SPACES = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
_ODD_ASCII = tuple(c for c in _ODD_SPACES if c.isascii())
#: The whitespace other than a space: the ASCII ones, and a character class of all
_ODD_ASCII_N = (*_ODD_ASCII, "\n")
_ODD_SPACE_RE = regex.compile("[" + regex.escape("".join(_ODD_SPACES) + "\n") + "]")


def _collapsed(text: str) -> bool:
    r"""Whether every line of ``text`` (split at ``"\n"``) reads the same with its
    whitespace collapsed: no run of spaces, no space at a line's edge, no other
    whitespace (a ``"\r"`` is such: text with one takes the other path).

    >>> _collapsed("a b\nc"), _collapsed("a  b"), _collapsed("a \nb"), _collapsed("a\u00a0b")
    (True, False, False, False)
    """
    if text[:1] == " " or text[-1:] == " ":
        return False
    if len(text) < _SEARCH_MAX:
        if "  " in text or " \n" in text or "\n " in text:
            return False
    else:
        # The three searches for two-character strings cost several ns a character
        # (a space is common, and each of them steps through every one); one pass of
        # numpy over the UTF-8 bytes finds the same: a space with a space or a line
        # feed on either side (both are ASCII bytes, which no other character's
        # UTF-8 bytes hold).
        b = np.frombuffer(text.encode("utf-8", "surrogatepass"), np.uint8)
        space = b == 32
        gap = space | (b == 10)
        if np.count_nonzero(gap[:-1] & gap[1:] & (space[:-1] | space[1:])):
            return False
    return not any(c in text for c in (_ODD_ASCII if text.isascii() else _ODD_SPACES))


#: Texts shorter than this are searched for two-character strings by ``str``'s search
#: in :func:`_collapsed` (below it numpy's fixed cost is the larger).
_SEARCH_MAX = 256

#: The whitespace characters of :data:`_ODD_SPACES` outside ASCII, as a class
_ODD_WIDE = re.compile("[" + re.escape("".join(c for c in _ODD_SPACES if not c.isascii())) + "]")


def _to_collapse(text: str) -> list[int] | None:
    r"""Lines of ``text`` (their indices, split at ``"\n"``) among which are all those
    that do not read the same with their whitespace collapsed (a space at the line's
    edge or next to another space, or whitespace other than a space); every other line
    does. None: any line may (a short text that is not :func:`_collapsed`, or one with
    a ``"\r"`` or a whitespace character outside ASCII). Collapsing a line that reads
    the same changes nothing, so a line listed for nothing costs time only.

    >>> _to_collapse("a b\nc"), _to_collapse("ok\n" * 90 + "a  b\nc \nd\n\tx\n")
    ([], [90, 91, 93])
    """
    if _collapsed(text):
        return []
    if len(text) < _SEARCH_MAX or "\r" in text:
        return None
    if not text.isascii() and _ODD_WIDE.search(text) is not None:
        return None
    # The test of :func:`_collapsed` over the UTF-8 bytes (a space and a line feed are
    # bytes no other character's UTF-8 bytes hold), where each pair found is a space
    # with a space or a line feed next to it: the lines of its spaces are listed (a
    # byte's line is the number of line feeds before it).
    b = np.frombuffer(text.encode("utf-8", "surrogatepass"), np.uint8)
    space = b == 32
    newline = b == 10
    gap = space | newline
    pairs = np.flatnonzero(gap[:-1] & gap[1:] & (space[:-1] | space[1:]))
    odd = [c for c in _ODD_ASCII if c in text]
    first, last = text[:1] == " ", text[-1:] == " "
    if not len(pairs) and not odd and not first and not last:
        return []
    feeds = np.flatnonzero(newline)
    spaces = [pairs[space[pairs]], pairs[space[pairs + 1]] + 1]
    spaces += [np.flatnonzero(b == ord(c)) for c in odd]
    spaces.append(np.array([0] * first + [len(b) - 1] * last, dtype=np.intp))
    lines: list[int] = np.unique(np.searchsorted(feeds, np.concatenate(spaces))).tolist()
    return lines


def layout_lines(text: str) -> list[Line]:
    r"""Every line of :func:`~textclean.textblocks.split_lines`, its whitespace collapsed,
    with ``[start, end)`` offsets that include its line end.

    >>> [ln.text for ln in layout_lines("—\t—\n  Share   this \n")]
    ['— —', 'Share this']
    """
    lines = split_lines(text)
    if not lines:
        return []
    starts, _, stops, texts = zip(*lines, strict=True)  # (start, end, stop, text) of each
    facts = (
        _pagescan.line_facts(text, WORD_CAP)
        if len(text) >= _SCAN_MIN and "\r" not in text and stages_use_numba(0)
        else None
    )
    if facts is not None:
        return _laid_out(starts, stops, texts, *facts)
    flawed = _to_collapse(text)
    if flawed is None:
        texts = [" ".join(t.split()) for t in texts]
    elif flawed:  # the other lines read the same collapsed
        texts = list(texts)
        for i in flawed:
            texts[i] = " ".join(texts[i].split())
    # Line(i, start, stop, text) without the named tuple's Python-level __new__ (each
    # text now has single spaces only: _single_spaced holds, see _SpacedLine)
    return list(
        map(
            _new_line,
            itertools.repeat(_SpacedLine),
            zip(itertools.count(), starts, stops, texts),
        )
    )


#: Texts at least this long are laid out with :func:`._pagescan.line_facts`, where the
#: stages use their compiled loops (below it the call's fixed cost is the larger).
_SCAN_MIN = 64


def _laid_out(
    starts: Sequence[int], stops: Sequence[int], texts: Sequence[str], facts: list[int], flawed: int
) -> list[Line]:
    """The lines of :func:`layout_lines` from the split lines' ``starts``, ``stops`` and
    ``texts`` and the page's :func:`._pagescan.line_facts` (``facts``: a value per line
    and, for a text ending with a line feed, one more; ``flawed``: how many lines are
    flagged as reading otherwise collapsed). A flagged line is collapsed (the others
    read the same so); the words of a line with no flag (not empty, no script written
    without spaces, at most :data:`WORD_CAP` words) are set from its value
    (:attr:`Line.words`, which the line then need not count)."""
    if flawed:
        texts = list(texts)
        for i, v in enumerate(facts[: len(texts)]):
            if v & _pagescan.FLAWED:
                texts[i] = " ".join(texts[i].split())
    out = list(
        map(_new_line, itertools.repeat(_SpacedLine), zip(itertools.count(), starts, stops, texts))
    )
    low = (1 << _pagescan.SHIFT) - 1
    shift = _pagescan.SHIFT
    for ln, v in zip(out, facts, strict=False):
        if not v & low:
            ln.__dict__["words"] = v >> shift
    return out


def lines_after(
    lines: list[Line], spans: Sequence[tuple[int, int]], text: str, new_text: str
) -> list[Line] | None:
    r""":func:`layout_lines` of ``new_text``, which is ``text`` (laid out as ``lines``)
    without the ``spans`` (sorted ``(start, end)`` deletions), made from ``lines``
    when each span is a run of whole lines (from a line's start to a line's end, its
    line end included): the lines left, renumbered, their offsets moved back by what
    was deleted before them, their texts as they were (a line's collapsed text is its
    own). The split of :func:`~textclean.textblocks.split_lines` is kept the same way
    (:func:`~textclean.textblocks.keep_split`). None when a span is not so, or
    ``text`` holds a ``"\r"`` (a lone one can join with a line feed that a deletion
    brings next to it).

    >>> text = "Home\nA line.\n\nShare\nEnd"
    >>> lines = layout_lines(text)
    >>> lines_after(lines, [(0, 5), (14, 20)], text, "A line.\n\nEnd") == layout_lines(
    ...     "A line.\n\nEnd")
    True
    """
    if not spans or "\r" in text:
        return None
    starts = list(map(_START, lines))
    ends = list(map(_END, lines))
    kept: list[tuple[int, int, int]] = []
    lo = shift = 0
    for start, end in spans:
        i = bisect.bisect_left(starts, start, lo)
        j = bisect.bisect_left(ends, end, i)
        if i >= len(lines) or j >= len(lines) or starts[i] != start or ends[j] != end:
            return None
        if lo < i:
            kept.append((lo, i, shift))
        shift += end - start
        lo = j + 1
    if lo < len(lines):
        kept.append((lo, len(lines), shift))
    out: list[Line] = []
    for lo, hi, back in kept:
        if not back:  # (the lines before the first span: the same lines)
            out += lines[lo:hi]
            continue
        _, starts_, ends_, texts = zip(*lines[lo:hi], strict=True)
        by = itertools.repeat(back)
        moved = list(
            map(
                _new_line,
                itertools.repeat(_SpacedLine),
                zip(
                    itertools.count(len(out)),
                    map(operator.sub, starts_, by),
                    map(operator.sub, ends_, by),
                    texts,
                ),
            )
        )
        # a line's words are a function of its text: the counts the lines already
        # hold (set by the layout or counted by a rule) move with them
        for new, old in zip(moved, lines[lo:hi], strict=True):
            words = old.__dict__.get("words")
            if words is not None:
                new.__dict__["words"] = words
        out += moved
    keep_split(text, new_text, kept)
    return out


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation (closing quotes allowed after it).

    >>> ends_sentence('He said "no."'), ends_sentence("Latest Stories"), ends_sentence("like. 👇")
    (True, False, False)
    >>> ends_sentence("図書館が来月開館します。"), ends_sentence("「本当にいい感じだ。」")
    (True, True)
    """
    if text.endswith("\n"):  # as a regex "$" would, allow one final newline
        text = text[:-1]
    return text.rstrip(_CLOSERS)[-1:] in tuple(_TERMINAL_MARKS)


def is_snippet(text: str, min_words: int) -> bool:
    """A paragraph cut short with a single-character ellipsis ("…"), as a teaser's
    excerpt is: at least ``min_words`` words. :func:`is_prose` takes it for prose (a
    writer's sentence may trail off so); the stage does not when a page holds two.

    >>> is_snippet("The council voted on Tuesday to fund the new library after a…", 10)
    True
    """
    return text.endswith("…") and effective_words(text, count_words(text, min_words)) >= min_words


def is_prose(text: str, min_words: int) -> bool:
    """A content paragraph: at least ``min_words`` words and a sentence ending (not
    "...": a truncated snippet; see :func:`is_snippet` for "…").

    Costs O(``min_words``) however long the line (plus one copy of it).
    """
    return (
        effective_words(text, count_words(text, min_words)) >= min_words
        and ends_sentence(text)
        and not text.endswith("...")
    )


def prose_test(min_words: int) -> Callable[[Line], bool]:
    """:func:`is_prose` of a line's text with ``min_words``, as a test on lines: the
    ``prose`` the page-shape rules use when the stage passes none.

    >>> test = prose_test(4)
    >>> test(Line(0, 0, 34, "The market road reopens on Monday.")), test(Line(1, 0, 9, "Read more"))
    (True, False)
    """

    def prose(ln: Line) -> bool:
        return is_prose(ln.text, min_words)

    return prose
