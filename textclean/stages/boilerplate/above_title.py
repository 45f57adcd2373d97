"""The site's furniture above an article's title, the title found by the page's address.

A news or blog page's address usually spells its article's title: ".../2024/03/
council-backs-new-library-plan". The line of the page that holds most of those words,
at or above the first prose line, is the title; what stands above it is the site's
head: its name and tagline, menus, section labels, login and search prompts ("Select
an Account to Sign In", "Politics & Government", "Populära ligor"). Titles are where
no phrase list helps: every site names its sections its own way, in its own language.
A short line above the title is removed as :data:`RULE_ID`, unless it may be the
article's own:

- a date, a time or any digit ("Kamis, 10 Desember 2020", "02.01.2026 - 20:08 Uhr"),
- a byline (:data:`.shape.BYLINE_START`, or the short line over a date line:
  :func:`.shape.byline_lines`) or a credit with a colon ("Źródło: KMP Ostrołęka"),
- a line with a comma ("Quad City Times, Davenport, Iowa": a wire story's dateline), a
  line in parentheses ("(MCT)"), a line ending or holding a sentence,
- more than :data:`MAX_WORDS` words, fenced code.

Shipped on (``disable = ["boilerplate.site.above_title"]`` switches it off). Written from
the labelled pages ``bp-label-22`` to ``-33`` (there 157 chrome and 10 article lines), it
took 11 chrome lines and 1 article line ("Vitória FC x Porto Vitória", a match's line over
its report's title) on ``bp-label-34``, labelled after it was written: the criterion set
down before (90% right over ten lines or more, no line of a chrome-free page, the
stage's precision not a point lower) was met. See docs/boilerplate.md.

A page whose address has fewer than :data:`MIN_SLUG_WORDS` words of three letters or
more in one path segment (an id, a date, a section) has no title to find, and nothing is
taken. Only lines above the title go: the title, the lines between it and the text and
the text stay.

>>> slug_words("https://example.com/news/2024/03/council-backs-new-library-plan.html")
('council', 'backs', 'new', 'library', 'plan')
>>> slug_words("https://example.com/node/1234"), slug_words("https://example.com/a-b")
((), ())
>>> slug_words("https://example.es/deportes/el-partido-de-ayer-en-córdoba/98765")
('partido', 'ayer', 'cordoba')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

import regex

from textclean.stages.boilerplate.layout import Line
from textclean.stages.boilerplate.shape import BYLINE_START, DATE_LINE, byline_lines

RULE_ID = "boilerplate.site.above_title"
#: the fewest distinct words (three letters or more) of an address's segment read as a title
MIN_SLUG_WORDS = 3
#: the share of those words a line must hold to be the title
TITLE_SHARE = 0.6
#: the most words of the title line
TITLE_MAX_WORDS = 30
#: the most words of a line taken above the title
MAX_WORDS = 6
#: words (three letters or more) a line above the title shares with it that make it the
#: story's own line: a photo's caption ("Hudik/Björkberg förlorade mot AIK" over "… när
#: AIK vann mot Hudik/Björkberg"), a kicker
SHARED_WITH_TITLE = 2

_WORD = regex.compile(r"\w+")
_EXTENSION = regex.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")
#: a sentence's end inside or at the end of a line ("Zablokowali auto. Zatrzymali …")
_SENTENCE = regex.compile(r"[.!?…](?:\s|$)")
#: a credit or a label with its value ("Źródło: KMP", "Foto：…"), a dateline's comma
_PUNCT = regex.compile(r"[:：,，;]")
#: Wix's byline widget ("Writer's pictureAna Lima")
_WRITER = regex.compile(r"writer['’]s picture", regex.IGNORECASE)


def _words(text: str) -> list[str]:
    """The words of ``text`` of three letters or more, case and accents folded, no number."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in _WORD.findall(plain) if len(w) >= 3 and not w.isdigit()]


def slug_words(url: str) -> tuple[str, ...]:
    """The words of the last segment of ``url``'s path that has at least
    :data:`MIN_SLUG_WORDS` distinct ones (its title, most often); () when none has."""
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return ()
    best: tuple[str, ...] = ()
    for segment in path.split("/"):
        words = _words(_EXTENSION.sub("", segment).replace("_", " ").replace("-", " "))
        if len(set(words)) >= MIN_SLUG_WORDS:
            best = tuple(words)
    return best


def find(
    lines: Sequence[Line],
    removed: dict[int, tuple[str, dict[str, Any]]],
    code: frozenset[int],
    slug: Sequence[str],
    prose: Callable[[Line], bool],
) -> dict[int, tuple[str, dict[str, Any]]]:
    """The short lines above the title that ``slug`` (:func:`slug_words`) names, the
    title at or above the first prose line of ``lines`` (line index -> rule id,
    evidence); none when no such title is found."""
    wanted = set(slug)
    if len(wanted) < MIN_SLUG_WORDS:
        return {}
    nonblank = [ln for ln in lines if ln.text and ln.index not in removed]
    first = next((k for k, ln in enumerate(nonblank) if prose(ln)), None)
    if first is None:
        return {}
    title = None
    for k in range(first + 1):
        ln = nonblank[k]
        if ln.words > TITLE_MAX_WORDS:
            continue
        if len(wanted & set(_words(ln.text))) >= TITLE_SHARE * len(wanted):
            title = k
            break
    if not title:  # none, or the first line left: nothing above it
        return {}
    # (a line above the title is a byline's by itself or by the line under it: the lines
    # down to the title tell)
    bylines = byline_lines(nonblank[: title + 1], removed, any_page=True)
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    title_words = set(_words(nonblank[title].text))
    for ln in nonblank[:title]:
        text = ln.text.strip()
        if ln.index in code or ln.index in bylines or ln.words > MAX_WORDS:
            continue
        if len(title_words.intersection(_words(text))) >= SHARED_WITH_TITLE:
            continue  # on the title's own story: a caption or a kicker, not the site's
        if _DIGIT.search(text) or _PUNCT.search(text) or _SENTENCE.search(text):
            continue
        if text.startswith("(") and text.endswith(")"):
            continue
        if DATE_LINE.fullmatch(text) or BYLINE_START.match(text) or _WRITER.search(text):
            continue
        found[ln.index] = (
            RULE_ID,
            {"line": ln.index + 1, "title_line": nonblank[title].index + 1},
        )
    return found
