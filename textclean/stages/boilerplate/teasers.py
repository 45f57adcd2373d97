"""Other stories' teasers around the article: lines off the article's topic.

The phrase rules know what a teaser block's heading says ("Related posts", "Most
read") and the teaser rule pairs a title with its "…" snippet; neither knows the
block whose heading is gone or never was: a run of other stories' headlines above
the article's title or under its last paragraph. What sets those lines apart is
their topic: a headline of another story shares few content words with the
article, while the article's own lines share many. Like the region rules this one
runs on the lines the other rules left; its thresholds are the ``[region.teasers]``
table of ``rules/boilerplate/teasers.toml``, and every removal names the rule and
its evidence.

``boilerplate.teaser.off_topic_run``
    The *body* is the longest run of consecutive prose lines
    (:func:`~.layout.is_prose`), by words, of at least ``body_min_lines`` lines and
    ``body_min_words`` words; a page without one loses nothing. The *topic* is the
    content words of the body (words of ``min_word_chars`` letters or more that are
    not stop words, cut to their first ``stem_chars`` letters; in a script written
    without spaces, pairs of adjacent characters). A line is *on topic* when it
    shares at least two of them, or one and at least ``max_share`` percent of its own
    content words; a line *off topic* has ``min_own`` content words or more and
    shares fewer. Lines next to the body that are on topic join it (the title, a
    dek, a paragraph after a subheading), and their words join the topic.

    A *teaser* is a line off topic that is shaped as a headline (``head_min_words``
    to ``head_max_words`` words, no sentence ending, no colon or comma at its end,
    not an item of a list, not a date, a byline or a credit) or as a snippet (it
    ends in "…" or "..."), or a line directly under such a headline (its snippet).
    Above the body, teasers are looked for only above the article's title (the
    topmost line on topic above the body, when no line on topic stands above the
    teasers); under the body, below its last line on topic. Lines between two
    teasers with fewer than ``min_own`` content words (a date, a section name) go
    with them. A run is taken when it holds ``min_run`` teasers or more, or one next
    to a line another rule removed (a block's heading); never when the line above it
    ends in a colon (a list the article introduces).

>>> from textclean.stages.boilerplate.layout import layout_lines
>>> body = ("The harbour tunnel plan won the council vote on Monday after a long debate. "
...         "Council members said the harbour tunnel would cut traffic in the old town. ")
>>> page = ("Harbour tunnel plan wins the council vote\\n" + 3 * (body + "\\n")
...         + "Bakery on Elm Street celebrates fifty years of bread\\n"
...         "Local choir travels to Vienna for singing contest\\n"
...         "Storm closes the coast road for two days\\n")
>>> found = apply(layout_lines(page), {}, TeaserParams())
>>> sorted(found), {rule for rule, _ in found.values()}
([4, 5], {'boilerplate.teaser.off_topic_run'})
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from textclean.stages.boilerplate.layout import (
    _CJK_SPAN,
    _CLOSERS,
    CJK,
    Line,
    ends_sentence,
    prose_test,
)
from textclean.stages.boilerplate.region import _WORD, _stop_kind, content_words
from textclean.stages.boilerplate.screen import canon
from textclean.stages.boilerplate.shape import settings_from_tables

RULE_OFF_TOPIC = "boilerplate.teaser.off_topic_run"

#: A label and its value ("Photo credit: …", "Source: …"): a credit, not a headline.
_LABEL = regex.compile(r"\W*(?:[\p{L}\p{N}.\'’-]+\s+){0,4}[\p{L}\p{N}.\'’-]+\s*:\s")
#: Opening quotes a headline may start with.
_OPENERS = "\"'“‘„«‹「『¿¡"


@dataclass(frozen=True)
class TeaserParams:
    """Thresholds of the teaser rule (the ``[region.teasers]`` table; defaults below)."""

    enabled: bool = True
    #: a content word has at least this many characters (scripts with spaces) ...
    min_word_chars: int = 4
    #: ... and is compared by its first this many characters (a crude stem)
    stem_chars: int = 5
    #: the body: a run of at least this many consecutive prose lines ...
    body_min_lines: int = 2
    #: ... of at least this many words
    body_min_words: int = 60
    #: ... with at most this many other lines between two of them
    body_gap: int = 0
    #: a line with fewer content words than this is neither on nor off topic
    min_own: int = 3
    #: a line sharing one topic word is on topic when that is this percent of its own
    max_share: int = 20
    #: a headline has this many words or more ...
    head_min_words: int = 5
    #: ... and at most this many
    head_max_words: int = 30
    #: a run is taken with this many teasers (or one next to a removed line)
    min_run: int = 2
    #: a line of at most this many words under a teaser's headline is its summary
    summary_max_words: int = 45
    #: teasers above the body are looked for only when it starts within this many lines
    max_above: int = 40
    prose_min_words: int = 10
    #: words never counted as content words (in :func:`~.screen.canon` form)
    stopwords: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, Any]]) -> TeaserParams:
        """Read ``{"teasers": {...}}``; unknown keys or bad values raise ValueError."""
        known = {
            "teasers": {
                "enabled": "enabled",
                "min_word_chars": "min_word_chars",
                "stem_chars": "stem_chars",
                "body_min_lines": "body_min_lines",
                "body_min_words": "body_min_words",
                "body_gap": "body_gap",
                "min_own": "min_own",
                "max_share": "max_share",
                "head_min_words": "head_min_words",
                "head_max_words": "head_max_words",
                "min_run": "min_run",
                "summary_max_words": "summary_max_words",
                "max_above": "max_above",
            }
        }
        stop: frozenset[str] | None = None
        plain: dict[str, dict[str, Any]] = {}
        for table, values in tables.items():
            values = dict(values)
            if table == "teasers" and "stopwords" in values:
                words = values.pop("stopwords")
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise ValueError("[region.teasers] stopwords: expected a list of strings")
                stop = frozenset(canon(w) for w in words)  # as _words compares them
            plain[table] = values
        kwargs = settings_from_tables("region", known, plain, ("enabled",), 10_000)
        if stop is not None:
            kwargs["stopwords"] = stop
        return cls(**kwargs)


#: A small letter followed by a capital: two words glued together ("fromGadget").
_GLUED = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


@functools.lru_cache(maxsize=8192)
def _unglued(text: str) -> str:
    """``text`` with a word glued to a link's text by the extraction ("sourced
    fromGadget Weekly") split where a small letter meets a capital, so the name counts as
    the words it has in the text's own lines, which are split alike.

    >>> _unglued("This article was sourced fromGadgetWeekly")
    'This article was sourced from Gadget Weekly'
    """
    return _GLUED.sub(" ", text) if _GLUED.search(text) is not None else text


@functools.lru_cache(maxsize=8192)
def _words(text: str, min_chars: int, stem: int, stop: frozenset[str]) -> frozenset[str]:
    """The content words of a line, stop words left out, cut to ``stem`` characters.

    Compared in :func:`~.screen.canon` form, so a line in Turkish capitals
    ("BİLİMSEL YAYIN") has the words of its text in small letters ("bilimsel yayın").
    """
    if not text.isascii():
        text = canon(text)
    if text.isascii() or _CJK_SPAN.search(text) is None:
        # no character of a script written without spaces (nor any in its case-folded
        # form): the content words are the words of `min_chars` characters or more that
        # are not numbers, as content_words finds them without its test of each word
        return frozenset(
            w[:stem]
            for w in _WORD.findall(text.casefold())
            if len(w) >= min_chars and w not in stop and not w.isdigit()
        )
    return frozenset(w[:stem] for w in content_words(text, min_chars) if w not in stop)


def _starts_as_title(text: str) -> bool:
    """``text`` starts as a headline does: with a capital (or a letter of a script
    without case), after any opening quote; not with a digit, a bullet or a bracket
    (an item of a list, an aside).

    >>> _starts_as_title("«Big win» for the city"), _starts_as_title("(an aside)")
    (True, False)
    """
    first = text.lstrip(_OPENERS)[:1]
    return first.isalpha() and not first.islower()


def _headline(text: str, words: int, lo: int, hi: int) -> bool:
    """``text`` of ``words`` words is shaped as a headline of ``lo`` to ``hi`` words:
    see the module docstring."""
    if not lo <= words <= hi:
        return False
    if not _starts_as_title(text):
        return False
    if ends_sentence(text) or text.rstrip(_CLOSERS).endswith((":", ",", ";")):
        return False
    return not _stop_kind(text)


def _snippet(text: str, words: int, lo: int) -> bool:
    """``text`` of ``words`` words (``lo`` or more) is cut off as a teaser's snippet is
    ("…", "...")."""
    return text.rstrip(_CLOSERS).endswith(("…", "...")) and words >= lo and _starts_as_title(text)


@functools.lru_cache(maxsize=16384)
def _shape_of(text: str, words: int, above: bool, lo: int, hi: int) -> int:
    """2: ``text`` is shaped as a headline (of ``lo`` to ``hi`` words), 1: as a snippet,
    0: neither. ``above`` the article a headline may ask a question (under it, so does a
    reader's comment)."""
    if "@" in text:
        return 0  # an address (a byline, a contact): tested first, it costs the least
    if above and text.rstrip(_CLOSERS).endswith("?"):
        text = text[:-1]
    got = 2 if _headline(text, words, lo, hi) else int(_snippet(text, words, lo))
    if got and (CJK.search(text) or _LABEL.match(text)):
        return 0  # pairs of CJK characters are too weak a topic; a label and its value
    return got


#: The marks a question ends in (ASCII, full-width, Arabic).
QUESTION_MARKS = ("?", "？", "؟")


def _answer(alive: list[Line], k: int, shape: int) -> bool:
    """Whether the line ``alive[k]``, shaped as a snippet (``shape`` 1), answers the
    question right above it ("Do you ever sleep in?" / "On Sundays, maybe. But then
    ..."): under the article a question is an interviewer's or a reader's, and the
    line under it trails off as speech does, not as a teaser's excerpt."""
    return shape == 1 and k > 0 and alive[k - 1].text.rstrip(_CLOSERS).endswith(QUESTION_MARKS)


def _removed_next(lines: list[Line], removed: Mapping[int, Any], index: int, step: int) -> bool:
    """The nearest line that is not blank from ``index`` on in direction ``step`` was removed."""
    i = index + step
    while 0 <= i < len(lines) and not lines[i].text:
        i += step
    return 0 <= i < len(lines) and i in removed


def apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: TeaserParams,
    code: frozenset[int] = frozenset(),
    prose: Callable[[Line], bool] | None = None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``.

    ``prose``: :func:`~.layout.is_prose` of a line with ``params.prose_min_words``
    (the stage passes its per-document cache of it).
    """
    if not params.enabled:
        return {}
    # the stage's last round sees what the round before left: the same answer
    key = (params, code, tuple([ln.text for ln in lines]), frozenset(removed))
    last = _LAST.get("key")
    if last is not None and last == key:
        return dict(_LAST["out"])
    out = _apply(lines, removed, params, code, prose)
    _LAST["key"], _LAST["out"] = key, out
    return dict(out)


#: The arguments and the answer of the last call of :func:`apply`.
_LAST: dict[str, Any] = {}


def _apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: TeaserParams,
    code: frozenset[int],
    prose: Callable[[Line], bool] | None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """:func:`apply` without the memo of the last call."""
    if prose is None:
        prose = prose_test(params.prose_min_words)

    alive = [ln for ln in lines if ln.text and ln.index not in removed]
    n = len(alive)
    if n < params.body_min_lines + 2:
        return {}

    lo, hi = params.head_min_words, params.head_max_words

    def _shape(ln: Line, above: bool, last: bool) -> int:
        if ln.index in code or last:
            return 0  # the page's last line may be cut anywhere
        words = ln.words
        if words < lo or (words > hi and not ln.text.rstrip(_CLOSERS).endswith(("…", "..."))):
            return 0  # the cheap test first: too short, or too long for a headline
        return _shape_of(ln.text, words, above, lo, hi)

    shapes: dict[tuple[int, bool], int] = {}

    def teaser(k: int, above: bool = False) -> int:
        """2: a headline, 1: a snippet, 0: neither (by shape alone). ``above`` the
        article a headline may ask a question (under it, so does a reader's comment)."""
        got = shapes.get((k, above))
        if got is None:
            got = shapes[k, above] = _shape(alive[k], above, k == n - 1)
        return got

    # the lines of a headline's or a snippet's length, in order: no other line is
    # shaped as a teaser, so the counts below read only these
    maybe = [
        k
        for k, ln in enumerate(alive)
        if lo <= (w := ln.words) <= hi
        or (w > hi and ln.text.rstrip(_CLOSERS).endswith(("…", "...")))
    ]

    def at_least(start: int, stop: int, above: bool, most: int) -> int:
        """How many lines from ``start`` to ``stop`` (not included) are shaped as
        teasers, counted up to ``most``."""
        got = 0
        for k in maybe[bisect.bisect_left(maybe, start) : bisect.bisect_left(maybe, stop)]:
            if teaser(k, above):
                got += 1
                if got >= most:
                    break
        return got

    # Every way out below returns nothing, so the cheapest tests go first: the word
    # counts, the lines shaped as teasers (each shaped once, and counted only as far
    # as a threshold needs), the body (from the prose flags the stage holds), then
    # the lines around it shaped as teasers.
    mr = params.min_run
    if not removed:
        # the title and one more line shaped as teasers at most, no anchor (the page's
        # last line counted as any other here)
        most = mr + 1
        if len(maybe) < most:
            return {}
        total = at_least(0, n - 1, True, most)
        if total < most and _shape(alive[n - 1], True, False):
            total += 1
        if total < most:
            return {}
    # the body: the longest run of prose lines (with at most `body_gap` other lines
    # between two of them: a subheading, a caption), by words
    pmw = params.prose_min_words
    isp = [ln.words >= pmw and prose(ln) for ln in alive]
    if sum(isp) < params.body_min_lines:
        return {}  # too few prose lines for a body
    best = (0, 0, 0, 0)  # start, end, words, prose lines
    i = 0
    while i < n:
        if not isp[i]:
            i += 1
            continue
        j, w, c, end = i, 0, 0, i
        while j < n:
            if isp[j]:
                w += alive[j].words
                c += 1
                end = j + 1
            elif j - end >= params.body_gap:
                break
            j += 1
        if w > best[2]:
            best = (i, end, w, c)
        i = end
    b0, b1, bw, bc = best
    if bc < params.body_min_lines or bw < params.body_min_words:
        return {}
    # a run needs `min_run` lines shaped as teasers, or one next to a removed line
    below = at_least(b1, n, False, mr)
    above = at_least(0, b0, True, mr) if b0 <= params.max_above else 0
    if below < mr and above < mr:
        cut_above, cut_below = alive[b0].index, alive[b1 - 1].index
        if not (below and any(i > cut_below for i in removed)) and not (
            above and any(i < cut_above for i in removed)
        ):
            return {}  # too few lines shaped as teasers around the body
    chars, stem, stop = params.min_word_chars, params.stem_chars, params.stopwords
    # content words and the topic are worked out when first needed: most lines of a
    # page are never compared with the body
    own_of: dict[int, frozenset[str]] = {}
    topic: set[str] = set()

    def own(k: int) -> frozenset[str]:
        words = own_of.get(k)
        if words is None:
            words = own_of[k] = _words(_unglued(alive[k].text), chars, stem, stop)
        return words

    def on_topic(k: int) -> bool | None:
        """True on topic, False off topic, None neither (too few content words)."""
        if not topic:
            for j in range(b0, b1):
                topic.update(own(j))
        words = own(k)
        shared = len(words & topic)
        if shared >= 2 or (shared and shared * 100 >= params.max_share * len(words)):
            return True
        if len(words) < params.min_own:
            return None
        return False

    def summary(cand: list[int], k: int, above: bool = False) -> bool:
        """``k`` is a short text under a headline of ``cand`` (a date between them at
        most): a teaser's summary, not a teaser by its shape."""
        last = next((j for j in reversed(cand) if on_topic(j) is not None), None)
        return (
            last is not None
            and k < n - 1  # the page's last line may be cut anywhere
            and teaser(last, above) == 2
            and alive[k].words <= params.summary_max_words
            and _starts_as_title(alive[k].text)
        )

    may = set(maybe)
    runs: list[tuple[list[int], bool]] = []  # (run, under the body?)
    # under the body: from its end down; a line on topic ends what was collected
    cand: list[int] = []
    for k in range(b1, n):
        if not cand and (k not in may or not teaser(k)):
            continue  # nothing collected, and no teaser: it need not be compared
        t = on_topic(k)
        if t:
            topic.update(own(k))
            cand = []
            continue
        if t is None:
            if cand:
                cand.append(k)
            continue
        if (teaser(k) or summary(cand, k)) and not _answer(alive, k, teaser(k)):
            cand.append(k)
        elif cand:
            runs.append((cand, True))
            cand = []
    if cand:
        runs.append((cand, True))
    # above the body: the title is the topmost line on topic above it (or, with none,
    # the nearest line with content words); teasers above the title, with no line on
    # topic above them
    top = 0
    if b0 <= params.max_above and at_least(0, b0, True, 1):
        top = b0
        for k in range(b0 - 1, -1, -1):
            if on_topic(k):
                top = k
        if top == b0:  # no line on topic: the nearest line with content words is the title
            top = next((k for k in range(b0 - 1, -1, -1) if on_topic(k) is not None), 0)
        elif top and teaser(top, above=True) != 2 and teaser(top - 1, above=True) == 2:
            top -= 1  # the topmost line on topic is a lead, not a headline: the title is above
    cand = []
    for k in range(top):
        t = on_topic(k)
        if t is None:
            if cand:
                cand.append(k)
            continue
        if teaser(k, above=True) or summary(cand, k, above=True):
            cand.append(k)
        elif cand:
            runs.append((cand, False))
            cand = []
    if cand:
        runs.append((cand, False))
    in_runs = {k for run, _ in runs for k in run}
    out: dict[int, tuple[str, dict[str, Any]]] = {}
    for run, under in runs:
        while run and on_topic(run[-1]) is None:
            run.pop()  # neutral lines only between teasers
        if not run:
            continue
        first, last = run[0], run[-1]
        if first > 0 and alive[first - 1].text.rstrip(_CLOSERS).endswith(":"):
            continue  # a list the article introduces
        k = last + 1 if under else first - 1
        if 0 <= k < n and alive[k].words >= params.prose_min_words and on_topic(k) is False:
            continue  # another story's text beyond it: a listing's next post, not teasers
        if not under and any(
            alive[k].words >= params.prose_min_words
            and on_topic(k) is False
            and k != top
            and k not in in_runs
            and k - 1 not in in_runs  # a teaser's summary under it
            for k in range(last + 1, b0)
        ):
            continue  # text off topic between it and the body: the article may start above
        teasers = sum(1 for k in run if on_topic(k) is False and teaser(k, not under))
        anchored = (
            _removed_next(lines, removed, alive[first].index, -1)
            or _removed_next(lines, removed, alive[last].index, 1)
            or any(
                i in removed
                for a, b in itertools.pairwise(run)
                for i in range(alive[a].index + 1, alive[b].index)
            )
        )
        if teasers < params.min_run and not (teasers and anchored):
            continue
        for k in run:
            ln = alive[k]
            out[ln.index] = (
                RULE_OFF_TOPIC,
                {
                    "line": ln.index + 1,
                    "words": ln.words,
                    "shared_topic_words": len(own(k) & topic),
                    "run_lines": len(run),
                    "body_lines": [alive[b0].index + 1, alive[b1 - 1].index + 1],
                },
            )
    return out
