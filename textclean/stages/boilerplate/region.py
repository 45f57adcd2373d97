"""The article region of a page: the masthead above the article's title is chrome.

The phrase rules know what chrome says and :mod:`~.shape` knows how single chrome
lines sit; this module finds where the article is and takes the site's own
masthead above it (site name, tagline, menus, section names, logins, teaser
titles), which no phrase rule knows on a site it has never seen. Like the shape
rules it runs on the lines the other rules left, its thresholds are the
``[region.masthead]`` table of ``rules/boilerplate/region.toml``, and every removal
names the rule and its evidence.

``boilerplate.shape.masthead``
    The *body* starts at the first prose line (:func:`~.layout.is_prose`). The
    *title* is the first line above it that is linked to the body: it shares at
    least ``title_min_shared`` content words with the body's first ``body_words``
    words, or at least one and ``title_min_share`` of its own content words (a
    content word has ``min_word_chars`` letters or more; in a script written
    without spaces, a pair of adjacent characters). The lines above the title are
    taken from the top of the page down, and the taking stops at the first line
    that may belong to the article:

    - a date (a date line, a day and month, a year), a byline or a credit
      ("By …", "Photo …", "Source …", "Contact …");
    - a line that ends a sentence or goes on in the next one (a comma or semicolon
      at its end: a verse, a list of the text), or has more than ``max_words`` words;
    - a line followed by a line of ``dek_words`` words or more (a title over its
      dek, or a teaser's title over its snippet);
    - a line of fenced code.

    Nothing is taken when the title may be something else: it has more than
    ``max_between`` lines between it and the body, or starts as a line next to it
    does (with a digit, a bullet, a dash): an item of the article's own list (an
    ingredient the method names), or ends in a full stop (a glossary's entry); or
    the taking stopped at text above it (a sentence, a long line: the index above
    a glossary's entries); or the lines to take, four or more, are in alphabetical
    order (an index, not a site's menu). Nor when fewer than ``min_lines`` lines
    are taken (a lone line above a title is as often the article's own kicker or
    caption as a section label).
    A page without a prose line, or without a linked title, loses nothing.

>>> from textclean.stages.boilerplate.layout import layout_lines
>>> page = ("Daily Bugle\\nNews\\nSports\\nCity council backs the harbour tunnel plan\\n"
...         "The city council voted on Monday to back the harbour tunnel plan after a long "
...         "debate about its cost.\\n")
>>> found = apply(layout_lines(page), {}, RegionParams(), frozenset())
>>> sorted(found), {rule for rule, _ in found.values()}
([0, 1, 2], {'boilerplate.shape.masthead'})
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from textclean.stages.boilerplate.layout import _CLOSERS, CJK, Line, ends_sentence, prose_test
from textclean.stages.boilerplate.shape import (
    _DATED,
    _DIGIT,
    DATE_LINE,
    _starts_next,
    settings_from_tables,
)

RULE_MASTHEAD = "boilerplate.shape.masthead"

_WORD = regex.compile(r"[\p{L}\p{N}]+")
#: A year of the last two centuries, not inside a longer number ("2010年" holds one).
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: A byline, a credit or a press release's contact line, after any bullet or mark.
_CREDIT = regex.compile(
    r"[^\p{L}\p{N}]*(?:by|von|par|por|di|door|oleh|written by|posted by|author|autor|foto|"
    r"photo|source|fuente|forrás|contact|kontakt|contacto|for immediate release)\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class RegionParams:
    """Thresholds of the region rules (``[region.*]`` tables; defaults below)."""

    masthead: bool = True
    #: words of the body (from its first prose line on) a title is linked to
    body_words: int = 300
    #: a content word has at least this many characters (scripts with spaces)
    min_word_chars: int = 4
    #: a title shares this many content words with the body ...
    title_min_shared: int = 2
    #: ... or at least one, and this share of its own content words (percent)
    title_min_share: int = 50
    #: a taken line has at most this many words
    max_words: int = 30
    #: a line followed by a line of this many words or more stops the taking
    dek_words: int = 15
    #: fewer lines than this above the title: none is taken
    min_lines: int = 2
    #: more lines than this between the title and the body: none is taken
    max_between: int = 3
    prose_min_words: int = 10

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, Any]]) -> RegionParams:
        """Read ``{"masthead": {...}}``; unknown tables or keys, or bad values, raise ValueError."""
        known = {
            "masthead": {
                "enabled": "masthead",
                "body_words": "body_words",
                "min_word_chars": "min_word_chars",
                "title_min_shared": "title_min_shared",
                "title_min_share": "title_min_share",
                "max_words": "max_words",
                "dek_words": "dek_words",
                "min_lines": "min_lines",
                "max_between": "max_between",
            }
        }
        return cls(**settings_from_tables("region", known, tables, ("enabled",), 10_000))


def content_words(text: str, min_chars: int) -> set[str]:
    """The content words of ``text``, case-folded: words of ``min_chars`` characters
    or more that are not numbers, and each pair of adjacent characters of a script
    written without spaces.

    >>> sorted(content_words("The Harbour tunnel, 2024", 4))
    ['harbour', 'tunnel']
    >>> sorted(content_words("図書館が開館", 4))
    ['が開', '図書', '書館', '開館', '館が']
    """
    out: set[str] = set()
    for w in _WORD.findall(text.casefold()):
        if not w.isascii() and CJK.search(w):
            chars = [ch for ch in w if CJK.match(ch)]
            out.update(a + b for a, b in itertools.pairwise(chars))
        elif len(w) >= min_chars and not w.isdigit():
            out.add(w)
    return out


@functools.lru_cache(maxsize=4096)
def _line_words(text: str, min_chars: int) -> frozenset[str]:
    """:func:`content_words` of a line, kept for the next rounds and passes."""
    return frozenset(content_words(text, min_chars))


def _list_item(text: str, neighbour: str) -> bool:
    """``text`` and ``neighbour`` start alike with a digit, or with the same mark (a
    bullet, a dash): items of one list.

    >>> _list_item("7 g dried yeast", "500 g flour"), _list_item("• Tea", "• Milk")
    (True, True)
    >>> _list_item("10 walks by the sea", "A guide to the coast")
    False
    """
    a, b = text[:1], neighbour[:1]
    if a.isdigit():
        return b.isdigit()
    return not a.isalpha() and a == b


#: Words no sentence, title or tagline ends in: articles, prepositions, conjunctions
#: and possessives of the languages most pages are in, in small letters.
_ENDLESS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "from",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "into",
        "than",
        "that",
        "your",
        "my",
        "our",
        "their",
        "its",
        "his",
        "her",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "und",
        "oder",
        "von",
        "zu",
        "mit",
        "für",
        "le",
        "la",
        "les",
        "un",
        "une",
        "du",
        "et",
        "au",
        "aux",
        "pour",
        "avec",
        "el",
        "los",
        "las",
        "una",
        "y",
        "del",
        "con",
        "para",
        "il",
        "lo",
        "gli",
        "di",
        "da",
        "e",
        "o",
        "per",
        "do",
        "dos",
        "um",
        "uma",
    ]
)


def _goes_on(text: str, below: str) -> bool:
    """Whether a line of ``text`` goes on in the line ``below``: it has six words or
    more, ends in a letter, and ``below`` starts with a small letter (a paragraph
    broken over lines: "The players met their rivals on" / "a cold Sunday ..."), or
    it ends in an article, a preposition or a conjunction (:data:`_ENDLESS`).

    >>> _goes_on("The players met their rivals on the home", "ground on Sunday.")
    True
    >>> _goes_on("News", "sports")
    False
    >>> _goes_on("I have the pleasure to acknowledge a note from", "Collins of the")
    True
    """
    words = text.split()
    if len(words) < 6 or not text[-1:].isalpha():
        return False
    if below[:1].isalpha() and below[:1].islower():
        return True
    # a long line ending in an article, a preposition, a conjunction or a possessive
    # ("... a letter from" / "Collins of the"), which no sentence or title ends in:
    # a hard-wrapped paragraph, whatever the next line starts with
    return words[-1] in _ENDLESS


@functools.lru_cache(maxsize=4096)
def _stop_kind(text: str) -> int:
    """Why the taking stops at a line of ``text``, by its text alone: 1, it is text
    (it ends a sentence, or goes on in the next line after a comma or semicolon);
    2, it may be the article's head (a date, a year, a byline, a credit); 0, neither.
    Kept for the next rounds and passes."""
    if ends_sentence(text) or text.endswith((",", ";")):
        return 1
    if _CREDIT.match(text) or (
        _DIGIT.search(text)  # every year and date below holds a digit
        and (_YEAR.search(text) or DATE_LINE.search(text) or _DATED.search(text))
    ):
        return 2
    return 0


def apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: RegionParams,
    code: frozenset[int],
    prose: Callable[[Line], bool] | None = None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``.

    ``prose``: :func:`~.layout.is_prose` of a line with ``params.prose_min_words``
    (the stage passes its per-document cache of it).
    """
    if not params.masthead:
        return {}
    if prose is None:
        prose = prose_test(params.prose_min_words)

    # the lines left above the first prose line, and that line (most pages have few)
    alive: list[Line] = []
    after = len(lines)
    for pos, ln in enumerate(lines):
        if not ln.text or ln.index in removed:
            continue
        alive.append(ln)
        if prose(ln):
            after = pos + 1
            break
    else:
        return {}  # no prose
    body = len(alive) - 1
    if body <= max(params.min_lines, 1):
        return {}  # no room for the lines to take and a title
    # the lines that may be taken (the cheap tests first: most pages stop at once)
    stop = 0
    text_above = False  # the taking stopped at text (a sentence, a long line)
    while stop < body - 1:
        ln = alive[stop]
        if ln.words > params.max_words:
            text_above = True
            break
        kind = _stop_kind(ln.text)
        if kind:
            text_above = kind == 1
            break
        if ln.index in code or alive[stop + 1].words >= params.dek_words:
            break
        if _starts_next(ln.text, alive[stop + 1].text):
            break  # a name over its profile line ("Ann Lee" / "Ann Lee Editor"): a byline
        if _goes_on(ln.text, alive[stop + 1].text):
            text_above = True  # a sentence broken over lines: the text, not a masthead
            break
        stop += 1
    if stop < params.min_lines:
        return {}
    chars = params.min_word_chars
    linked: set[str] = set()
    need = params.body_words
    for ln in itertools.chain((alive[body],), itertools.islice(lines, after, None)):
        if not ln.text or ln.index in removed:
            continue
        n = len(ln.text.split())
        if n <= need:  # a whole line (its words are looked up, not split again)
            linked |= _line_words(ln.text, chars)
            need -= n
        else:
            linked |= content_words(" ".join(ln.text.split(None, need)[:need]), chars)
            need = 0
        if need <= 0:
            break
    title = None
    shared = 0
    for k in range(body):
        own = _line_words(alive[k].text, chars)
        shared = len(own & linked)
        if shared >= params.title_min_shared or (
            shared and shared * 100 >= params.title_min_share * len(own)
        ):
            title = k
            break
    if title is None or title < params.min_lines or body - title - 1 > params.max_between:
        return {}
    if _list_item(alive[title].text, alive[title - 1].text) or _list_item(
        alive[title].text, alive[title + 1].text
    ):
        return {}  # the "title" is an item of a list, as the lines next to it are
    if alive[title].text.rstrip(_CLOSERS).endswith((".", "。")):
        return {}  # a title does not end in a full stop (a glossary's entry does)
    if text_above and stop < title:
        return {}  # text above the title: a glossary's index, the article's own head
    taken = alive[: min(title, stop)]
    # a line sharing a content word with the title is its kicker or dek ("Tutte le
    # news, i rumors" over "Le news di giornata"), the head of the article: the taking
    # stops there (a site's menu entries name its sections, not the story's words)
    head_words = _line_words(alive[title].text, chars)
    for k, ln in enumerate(taken):
        if _line_words(ln.text, chars) & head_words:
            taken = taken[:k]
            break
    if len(taken) < params.min_lines:
        return {}
    keys = [ln.text.casefold() for ln in taken]
    if len(keys) >= 4 and keys == sorted(keys):
        return {}  # in alphabetical order: the index of a glossary or a list, not chrome
    head = alive[title]
    return {
        ln.index: (
            RULE_MASTHEAD,
            {
                "line": ln.index + 1,
                "words": ln.words,
                "title_line": head.index + 1,
                "title_shared_words": shared,
                "body_line": alive[body].index + 1,
            },
        )
        for ln in taken
    }
