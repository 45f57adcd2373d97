"""Chrome found by the shape of lines and their neighbours, not by their words.

The phrase rules of ``rules/boilerplate/*.toml`` know what chrome says; this
module knows how chrome *sits*. It runs after them, on the lines they left, and
uses them as context (a line the phrase rules removed counts as chrome). Each
test is a small deterministic rule over shape features, with its thresholds in
the ``[shape.*]`` tables of ``rules/boilerplate/classifier.toml``, and every
removal names the rule and the features that fired, as any other removal does.

Features of a line (see :func:`features`): its words and characters, whether it
ends a sentence, whether it holds a digit, whether it is a *label* (few words,
no sentence ending), and its position among the page's non-blank lines.

The rules, each switchable in the data (``enabled``):

``boilerplate.shape.top_label``
    The first line left at the top of a page is a short label (a section or
    category name, a site tagline, a widget title: at most ``max_words`` words,
    capitalised, no digit, no sentence ending) and the next line is a title
    (``min_next`` to ``max_next_words`` words, capitalised, no sentence ending,
    not a byline). A page's own
    title is followed by its text, a dek that ends a sentence, or a byline, so
    it is not taken; nor is a label the next line ends in (the title printed again
    under it, or a date line ending in the title).
``boilerplate.shape.sandwich``
    A short label line (at most ``max_words`` words, no sentence ending) whose
    nearest non-blank neighbours above and below were both removed as chrome,
    in the header or footer run of the page (jusText's "short block between bad
    blocks is bad", kept to the page edges).

``boilerplate.shape.chrome_run``, ``link_list``, ``menu``, ``stutter``, ``calendar``,
``hostname``, ``empty_item``, ``author_line``, ``bare_count``, ``selector`` and
``crumb_list`` are described at their functions below; ``snippet_run``,
``removed_twin``, ``bullet_run``, ``hashtag_row``, ``dangling_lead``, ``crumb_title`` and
``crumb_trail``, which read where
a line sits beside chrome already found, in :mod:`.structure` (same thresholds table, run
right after these).

Lines inside fenced code, and prose lines (``is_prose``), are never taken.

>>> from textclean.stages.boilerplate.layout import layout_lines
>>> params = ShapeParams.from_tables({})
>>> lines = layout_lines("Webinars\\nUser Management in Databases: The Full Edition\\n"
...                     "The webinar walks through users, roles and quotas in detail.\\n")
>>> [(i, rule) for i, (rule, _ev) in sorted(apply(lines, {}, params, frozenset()).items())]
[(0, 'boilerplate.shape.top_label')]
"""

from __future__ import annotations

import itertools
import operator
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from textclean.stages.boilerplate.layout import Line, cjk_chars, ends_sentence, is_prose, prose_test
from textclean.stages.boilerplate.rules import line_key
from textclean.wording import written_as_words

RULE_TOP_LABEL = "boilerplate.shape.top_label"
RULE_SANDWICH = "boilerplate.shape.sandwich"
RULE_CHROME_RUN = "boilerplate.shape.chrome_run"
RULE_LINK_LIST = "boilerplate.shape.link_list"
RULE_MENU = "boilerplate.shape.menu"
RULE_STUTTER = "boilerplate.shape.stutter"
RULE_CALENDAR = "boilerplate.shape.calendar"
RULE_HOSTNAME = "boilerplate.shape.hostname"
RULE_EMPTY_ITEM = "boilerplate.shape.empty_item"
RULE_REPEATED_LABEL = "boilerplate.shape.repeated_label"
RULE_AUTHOR_LINE = "boilerplate.shape.author_line"
RULE_BARE_COUNT = "boilerplate.shape.bare_count"
RULE_SELECTOR = "boilerplate.shape.selector"
RULE_CRUMB_LIST = "boilerplate.shape.crumb_list"
RULE_SNIPPET_RUN = "boilerplate.shape.snippet_run"
RULE_REMOVED_TWIN = "boilerplate.shape.removed_twin"
RULE_BULLET_RUN = "boilerplate.shape.bullet_run"
RULE_HASHTAG_ROW = "boilerplate.shape.hashtag_row"
RULE_DANGLING_LEAD = "boilerplate.shape.dangling_lead"
RULE_CRUMB_TITLE = "boilerplate.shape.crumb_title"
RULE_CRUMB_TRAIL = "boilerplate.shape.crumb_trail"
#: The phrase rule that removes a comment's author line ("Ana said...", "1. Ana on
#: June 7, 2007 at 2:29 am"): the lines under it, up to the next removed line, are the
#: comment a reader wrote, which the context rules never take.
RULE_COMMENT_AUTHOR = "boilerplate.comments.author_line"
#: The comment furniture rule: among its lines, a comment's relative time stamp
RULE_COMMENT_FORM = "boilerplate.comments.form"

_DIGIT = regex.compile(r"\d")
_YEAR = regex.compile(r"\b(?:1[89]|20)\d\d\b")
#: The start of a byline in a few languages ("By Ana Lima", "von Jan Berg", "oleh Redaksi").
BYLINE_START = regex.compile(
    r"(?:by|von|par|por|di|door|oleh|written by|posted by)\s", regex.IGNORECASE
)
#: An English month name, whole or cut short ("Sept", "March").
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A full date: "Nov 07, 2017", "7th March 2019", "17/02/2004".
_DATE_FORMS = (
    _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th|\.)?\s+\p{L}{3,10}\.?,?\s+\d{4}"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
)
#: A month name with a day number: days without a year ("April 9th, April 18th & 23rd")
#: under a short title are the article's dek, not a title under a section label (a full
#: date with its year under a label is a masthead's date line).
_DATED = regex.compile(
    r"\b"
    + _MONTH
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th|\.)?\s+"
    + _MONTH
    + r"\b",
    regex.IGNORECASE,
)

#: A line under a title that dates the text itself: a post's time stamp with its hour
#: ("Ralf 20 Sept. 2016 : 21:28") or a date labelled as the text's own ("Effective
#: Date: January 1, 2026", "Last updated: ..."). A masthead's date line has neither.
_OWN_DATE = regex.compile(
    r"\b\d{1,2}\s?:\s?\d\d\b(?!\s*[/:-]\s*\d)|^\s*(?:effective(?: date)?|last (?:updated|modified|"
    r"revised)|updated|published|posted(?: on)?|date|stand|datum|fecha|data|date d'effet)\s*:",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class ShapeParams:
    """Thresholds of the shape rules (``[shape.*]`` tables; defaults below)."""

    prose_min_words: int = 10
    top_label: bool = True
    top_label_max_words: int = 3
    top_label_min_next: int = 4
    top_label_max_next: int = 20
    sandwich: bool = True
    sandwich_max_words: int = 4
    chrome_run: bool = True
    chrome_run_max_words: int = 8
    chrome_run_sentence_words: int = 5
    chrome_run_min_removed: int = 2
    chrome_run_max_kept: int = 3
    chrome_run_bottom: bool = True
    stutter: bool = True
    stutter_max_words: int = 2
    stutter_echo_max_words: int = 0
    link_list: bool = True
    link_list_max_words: int = 15
    link_list_min_items: int = 2
    link_list_teasers: bool = True
    menu: bool = True
    menu_min_items: int = 8
    menu_max_words: int = 6
    menu_min_removed: int = 2
    calendar: bool = True
    calendar_min_days: int = 14
    hostname: bool = True
    empty_item: bool = True
    empty_item_min: int = 3
    author_line: bool = True
    author_line_max_words: int = 8
    author_line_min_lines: int = 2
    bare_count: bool = True
    bare_count_max_digits: int = 3
    bare_count_max_lines: int = 4
    selector: bool = True
    selector_min_items: int = 7
    selector_max_words: int = 4
    selector_max_above: int = 20
    crumb_list: bool = True
    crumb_list_min_items: int = 3
    crumb_list_max_words: int = 6
    snippet_run: bool = True
    snippet_run_min_lines: int = 3
    snippet_run_min_words: int = 4
    removed_twin: bool = True
    removed_twin_min_words: int = 3
    removed_twin_edge_lines: int = 30
    bullet_run: bool = True
    bullet_run_max_words: int = 20
    hashtag_row: bool = True
    hashtag_row_min_tags: int = 2
    dangling_lead: bool = True
    dangling_lead_max_words: int = 6
    crumb_title: bool = True
    crumb_title_min_words: int = 3
    crumb_title_max_above: int = 8
    repeated_label: bool = True
    repeated_label_max_words: int = 3
    repeated_label_min_copies: int = 3
    crumb_trail: bool = True
    crumb_trail_min_crumbs: int = 3
    crumb_trail_max_words: int = 12
    crumb_trail_max_above: int = 20

    @classmethod
    def from_tables(cls, tables: Mapping[str, Mapping[str, Any]]) -> ShapeParams:
        """Read ``{"top_label": {...}, "sandwich": {...}}``; unknown keys raise ValueError."""
        known = {
            "top_label": {
                "enabled": "top_label",
                "max_words": "top_label_max_words",
                "min_next_words": "top_label_min_next",
                "max_next_words": "top_label_max_next",
            },
            "sandwich": {"enabled": "sandwich", "max_words": "sandwich_max_words"},
            "chrome_run": {
                "enabled": "chrome_run",
                "max_words": "chrome_run_max_words",
                "sentence_words": "chrome_run_sentence_words",
                "min_removed": "chrome_run_min_removed",
                "max_kept": "chrome_run_max_kept",
                "bottom": "chrome_run_bottom",
            },
            "stutter": {
                "enabled": "stutter",
                "max_words": "stutter_max_words",
                "echo_max_words": "stutter_echo_max_words",
            },
            "calendar": {"enabled": "calendar", "min_days": "calendar_min_days"},
            "hostname": {"enabled": "hostname"},
            "empty_item": {"enabled": "empty_item", "min_lines": "empty_item_min"},
            "author_line": {
                "enabled": "author_line",
                "max_words": "author_line_max_words",
                "min_lines": "author_line_min_lines",
            },
            "bare_count": {
                "enabled": "bare_count",
                "max_digits": "bare_count_max_digits",
                "max_lines": "bare_count_max_lines",
            },
            "selector": {
                "enabled": "selector",
                "min_items": "selector_min_items",
                "max_words": "selector_max_words",
                "max_above": "selector_max_above",
            },
            "crumb_list": {
                "enabled": "crumb_list",
                "min_items": "crumb_list_min_items",
                "max_words": "crumb_list_max_words",
            },
            "snippet_run": {
                "enabled": "snippet_run",
                "min_lines": "snippet_run_min_lines",
                "min_words": "snippet_run_min_words",
            },
            "removed_twin": {
                "enabled": "removed_twin",
                "min_words": "removed_twin_min_words",
                "edge_lines": "removed_twin_edge_lines",
            },
            "bullet_run": {"enabled": "bullet_run", "max_words": "bullet_run_max_words"},
            "hashtag_row": {"enabled": "hashtag_row", "min_tags": "hashtag_row_min_tags"},
            "dangling_lead": {"enabled": "dangling_lead", "max_words": "dangling_lead_max_words"},
            "crumb_title": {
                "enabled": "crumb_title",
                "min_words": "crumb_title_min_words",
                "max_above": "crumb_title_max_above",
            },
            "repeated_label": {
                "enabled": "repeated_label",
                "max_words": "repeated_label_max_words",
                "min_copies": "repeated_label_min_copies",
            },
            "crumb_trail": {
                "enabled": "crumb_trail",
                "min_crumbs": "crumb_trail_min_crumbs",
                "max_words": "crumb_trail_max_words",
                "max_above": "crumb_trail_max_above",
            },
            "link_list": {
                "enabled": "link_list",
                "max_words": "link_list_max_words",
                "min_items": "link_list_min_items",
                "teasers": "link_list_teasers",
            },
            "menu": {
                "enabled": "menu",
                "min_items": "menu_min_items",
                "max_words": "menu_max_words",
                "min_removed": "menu_min_removed",
            },
        }
        return cls(
            **settings_from_tables("shape", known, tables, ("enabled", "bottom", "teasers"), 1000)
        )


def settings_from_tables(
    section: str,
    known: Mapping[str, Mapping[str, str]],
    tables: Mapping[str, Mapping[str, Any]],
    flags: tuple[str, ...],
    most: int,
) -> dict[str, Any]:
    """The dataclass fields that the ``[section.table]`` tables of a rule pack set.

    ``known`` maps each table to its keys and each key to its field; the keys in
    ``flags`` take booleans, the others whole numbers from 0 to ``most``. An unknown
    table or key, or a value of another type, raises ValueError naming it.

    >>> settings_from_tables("shape", {"menu": {"min_items": "menu_min_items"}},
    ...                      {"menu": {"min_items": 3}}, ("enabled",), 1000)
    {'menu_min_items': 3}
    >>> settings_from_tables("shape", {"menu": {}}, {"menus": {}}, (), 1000)
    Traceback (most recent call last):
    ValueError: [shape.menus]: unknown table; known: ['menu']
    """
    kwargs: dict[str, Any] = {}
    for table, values in tables.items():
        if table not in known:
            raise ValueError(f"[{section}.{table}]: unknown table; known: {sorted(known)}")
        for key, value in values.items():
            field = known[table].get(key)
            if field is None:
                raise ValueError(
                    f"[{section}.{table}]: unknown key {key!r}; known: {sorted(known[table])}"
                )
            want = bool if key in flags else int
            if type(value) is not want or (want is int and not 0 <= value <= most):
                raise ValueError(f"[{section}.{table}] {key}: expected {want.__name__}")
            kwargs[field] = value
    return kwargs


def features(text: str, prose_min_words: int) -> dict[str, Any]:
    """The shape features the rules read, as recorded in an edit's evidence.

    >>> features("Local • Independent • Essential News", 10)["label"]
    True
    """
    words = len(text.split())
    sentence = ends_sentence(text)
    return {
        "words": words,
        "chars": len(text),
        "sentence_end": sentence,
        "digit": bool(_DIGIT.search(text)),
        "label": not sentence and not text.endswith((":", ",", ";")),
        "prose": is_prose(text, prose_min_words),
    }


def apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool] | None = None,
    gates: set[str] | None = None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``.

    ``prose``: :func:`~.layout.is_prose` of a line with ``params.prose_min_words``
    (the stage passes its per-document cache of it); ``gates``: :func:`page_gates` of
    the texts of the non-blank ``lines``, if known (the rounds of a stage's pass share
    their lines: it is found once a pass).
    """
    nonblank = [ln for ln in lines if ln.text]
    if not nonblank:
        return {}
    cache: dict[int, dict[str, Any]] = {}

    def feats_of(ln: Line) -> dict[str, Any]:
        f = cache.get(ln.index)
        if f is None:
            f = cache[ln.index] = features(ln.text, params.prose_min_words)
        return f

    found: dict[int, tuple[str, dict[str, Any]]] = {}
    alive = [ln for ln in nonblank if ln.index not in removed]
    if prose is None:
        prose = prose_test(params.prose_min_words)

    span: list[tuple[int, int]] = []

    def prose_span() -> tuple[int, int]:
        """The positions in ``nonblank`` of the first and the last prose line
        (``(len(nonblank), -1)`` on a page without one), found once for every rule
        (kept in ``span``: a ``functools.cache`` wrapper made per call costs more)."""
        if not span:
            at = [k for k, x in enumerate(nonblank) if prose(x)]
            span.append((at[0], at[-1]) if at else (len(nonblank), -1))
        return span[0]

    first: list[int] = []

    def first_prose_at() -> int:
        """The position in ``nonblank`` of the first prose line (``len(nonblank)`` on a
        page without one), read from the top only as far as that line, once (kept in
        ``first``, as ``span`` above)."""
        if not first:
            first.append(
                span[0][0]
                if span
                else next((k for k, x in enumerate(nonblank) if prose(x)), len(nonblank))
            )
        return first[0]

    # one search over the page's lines tells which of the rare shapes it has at all
    if gates is None:
        gates = page_gates([x.text for x in nonblank])
    if params.top_label and len(alive) >= 2:
        top, nxt = alive[0], alive[1]
        f, g = feats_of(top), feats_of(nxt)
        if (
            top.index not in code
            and f["label"]
            and not f["digit"]
            and f["words"] <= params.top_label_max_words
            # a comma inside: a name and its role ("Ann Smith, chair") or a list, not
            # a section's name
            and "," not in top.text
            and g["label"]
            and not g["prose"]
            and params.top_label_min_next <= g["words"] <= params.top_label_max_next
            and _title_words(nxt.text) >= params.top_label_min_next
            and not BYLINE_START.match(nxt.text)
            # a field and its value under it ("Prep time: 15 minutes"): the title's
            # facts, so the line above is the title, not a section's name over one
            and not _FACT.fullmatch(nxt.text)
            # ... or right under the title's subtitle ("Lisbon" / "Tiles, and Nightlife"
            # / "Duration: 3.5 days")
            and not (len(alive) > 2 and _FACT.fullmatch(alive[2].text))
            and not (_DATED.search(nxt.text) and not _YEAR.search(nxt.text))
            and not _OWN_DATE.search(nxt.text)
            and top.text[0].isupper()
            and (nxt.text[0].isupper() or nxt.text[0].isdigit())
            # the title ending the next line ("The Homeschool Journal" under
            # "Homeschool Journal", a date line ending in it): the page's own title
            and not nxt.text.rstrip().casefold().endswith(top.text.strip().casefold())
            # the label starting the next line, a word after it ("Ann Lee" over "Ann
            # Lee Editor - Photographer"): a name over its profile line, the page's
            # author or subject, not a section's name
            and not _starts_next(top.text, nxt.text)
            # every word of the label in the text's first paragraph, over a dek in
            # sentence case: the page's title over its dek
            and not (not _title_cased(nxt.text) and _titles_paragraph(top, alive[2:], prose))
            # the label written with its capitals in the text's first paragraph: a name
            # the text is about ("Jane Ortega" over her interview's title)
            and not _named_in_paragraph(top, alive[2:], prose)
            # a field and its value ("Decision: carried by majority"): a record's first
            # fact, not a section's name
            and not FIELD.fullmatch(top.text)
        ):
            found[top.index] = (
                RULE_TOP_LABEL,
                {"line": top.index + 1, **f, "next_words": g["words"]},
            )

    if params.author_line and "author" in gates:
        _author_lines(nonblank, removed, found, params, code)
    comment = comment_lines(nonblank, removed, found) | byline_lines(nonblank, removed)
    if params.sandwich and removed:  # it needs removed lines around a line
        title = page_title(nonblank, removed, found)
        first_prose, last_prose = prose_span()
        # only in the header or footer run (every line of a page without prose)
        edges = (
            itertools.chain(range(first_prose), range(last_prose + 1, len(nonblank)))
            if first_prose <= last_prose
            else range(len(nonblank))
        )
        for k in edges:
            ln = nonblank[k]
            if ln.index in removed or ln.index in found or ln.index in code:
                continue
            if ln.index in comment:
                continue
            f = feats_of(ln)
            if not f["label"] or f["words"] > params.sandwich_max_words:
                continue
            above = nonblank[k - 1].index if k > 0 else None
            below = nonblank[k + 1].index if k + 1 < len(nonblank) else None
            if above is None or below is None:
                continue
            if (
                above in removed
                and below in removed
                and removed[above][0] not in WEAK_CONTEXT
                and removed[below][0] not in WEAK_CONTEXT
                and ln.text != title
                and not FIELD.fullmatch(ln.text)
                and not _last_crumb(ln, nonblank[k - 1], nonblank[k + 1])
                and not _under_image(nonblank[k - 1])
                # a sentence between two widgets is a person's (a reader's comment
                # between "1 comment:" and "Post a Comment"), not a label
                and not written_sentence(ln.text)
            ):
                found[ln.index] = (
                    RULE_SANDWICH,
                    {
                        "line": ln.index + 1,
                        **f,
                        "above": removed[above][0],
                        "below": removed[below][0],
                    },
                )
    if params.link_list:
        _link_lists(nonblank, removed, found, params, code, prose)
    if params.stutter:
        _stutters(nonblank, removed, found, params, code, prose_span, "echo" in gates)
    if params.calendar and "day" in gates:
        _calendars(nonblank, removed, found, params, code)
    if params.bare_count:
        _bare_counts(nonblank, removed, found, params, code, prose_span, prose)
    if (params.hostname or params.empty_item) and "residue" in gates:
        _residue(nonblank, removed, found, params, code, prose_span)
    if params.repeated_label and len(nonblank) >= params.repeated_label_min_copies:
        _repeated_labels(nonblank, removed, found, params, code, prose)
    # both need lines other rules removed
    if params.menu and len(removed) + len(found) >= min(1, params.menu_min_removed):
        _menus(nonblank, removed, found, params, code, prose)
    # after the menus: a bulleted menu beside removed lines is the menu rule's
    if params.selector:
        _selectors(nonblank, removed, found, params, code, first_prose_at)
    if params.crumb_list:
        _crumb_lists(nonblank, removed, found, params, code, first_prose_at)
    if params.chrome_run and len(removed) + len(found) >= params.chrome_run_min_removed:
        _chrome_runs(nonblank, removed, found, params, code | comment, prose)
    return found


#: The separators of a breadcrumb's entries ("Home / FAQ", "Home » News").
_CRUMB_SEPARATORS = ("/", "»", "›", ">", "|", "→", "·", "•", "::")


#: A word of a title: a token holding a letter or a digit ("-" and "&" are none).
_TITLE_WORD = regex.compile(r"[\p{L}\p{N}]")


def _title_words(text: str) -> int:
    """The words of ``text`` as a title under a section label counts them: tokens
    holding a letter or a digit, and none when one token of four characters or more
    is printed three times or more ("Star ImageStar ImageStar ImageStar Image", an
    image's alt text repeated: residue, not a title).

    >>> _title_words("Alps - Milan & Verona"), _title_words("Star ImageStar ImageStar ImageStar")
    (3, 0)
    """
    tokens = [t for t in text.split() if _TITLE_WORD.search(t)]
    seen: dict[str, int] = {}
    for t in tokens:
        if len(t) < 4:
            continue  # "de", "of": short words repeat in any title
        seen[t] = seen.get(t, 0) + 1
        if seen[t] >= 3:
            return 0
    return len(tokens)


#: A content word for :func:`_heads_text`: four letters or more.
_HEAD_WORD = regex.compile(r"\p{L}{4,}")


def _heads_text(ln: Line, below: Line | None) -> bool:
    """Whether ``ln`` heads the text under it: at least two of its words of four letters
    or more, and half of them, compared by their first five letters, are words of the
    paragraph ``below`` ("A spa day for house plants" over "Do your house plants not
    deserve a spa day?"). A title or a heading is on the topic of its text; a widget's
    label ("Default", "Share") is not.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> a, b, c = layout_lines("A spa day for house plants\\nDefault\\nHouse plants need rest.")
    >>> _heads_text(a, c), _heads_text(b, c)
    (True, False)
    """
    if below is None:
        return False
    own = {w[:5] for w in _HEAD_WORD.findall(ln.text.casefold())}
    if len(own) < 2:
        return False
    shared = own & {w[:5] for w in _HEAD_WORD.findall(below.text.casefold())}
    return len(shared) >= 2 and 2 * len(shared) >= len(own)


def _folded_stems(text: str) -> set[str]:
    """The words of ``text`` of four letters or more, case and accents folded, cut to
    their first five letters ("Élaboration" and "élaboré" are both "elabo")."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch)
    )
    return {w[:5] for w in _HEAD_WORD.findall(plain)}


def _title_cased(text: str) -> bool:
    """Whether most words of four letters or more of ``text`` start with a capital
    ("How Do You Plan a Trip", not "The budget is adopted by the council").

    >>> _title_cased("How Do You Plan a Trip"), _title_cased("Le budget est adopté par le conseil")
    (True, False)
    """
    words = _HEAD_WORD.findall(text)
    return bool(words) and 2 * sum(w[0].isupper() for w in words) > len(words)


def _titles_paragraph(label: Line, below: list[Line], prose: Callable[[Line], bool]) -> bool:
    """Whether ``label`` names the topic of the text under it: it has two words of four
    letters or more and every one of them is a word of the first prose line of ``below``
    (looked for in its first five lines): "Drawing up the budget" over "The budget is
    drawn up by the mayor ..." is the page's title, not a section's name."""
    own = _folded_stems(label.text)
    if len(own) < 2:
        return False
    para = next((x for x in below[:5] if prose(x)), None)
    return para is not None and own <= _folded_stems(para.text)


def _named_in_paragraph(label: Line, below: list[Line], prose: Callable[[Line], bool]) -> bool:
    """Whether ``label`` (two words or more, each capitalised) stands word for word, with
    its capitals, in the first prose line of ``below`` (looked for in its first five
    lines): a name the text is about, "Jane Ortega" over "Jane Ortega has run the bakery
    ...". A section's name is not written so in the middle of a sentence.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> a, *rest = layout_lines("Jane Ortega\\nThe Baker Who Wakes at Three\\n"
    ...                         "Jane Ortega has run the bakery in town for thirty years.")
    >>> _named_in_paragraph(a, rest[1:], lambda x: x.words > 6)
    True
    """
    words = label.text.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    para = next((x for x in below[:5] if prose(x)), None)
    if para is None:
        return False
    return written_as_words(para.text, label.text)


def _last_crumb(ln: Line, above: Line, below: Line) -> bool:
    """Whether a neighbour of ``ln`` is a breadcrumb whose last entry is ``ln``'s text
    ("Frequently Asked Questions" over "Home / Frequently Asked Questions"): the page's
    own title, which the breadcrumb repeats.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> a, b, c = layout_lines("Menu\\nOpening Hours\\nHome / Opening Hours")
    >>> _last_crumb(b, a, c)
    True
    """
    text = ln.text.strip()
    for nb in (above, below):
        other = nb.text.rstrip()
        if len(other) > len(text) and other.endswith(text):
            head = other[: -len(text)].rstrip()
            if head.endswith(_CRUMB_SEPARATORS):
                return True
    return False


def _under_image(above: Line) -> bool:
    """Whether ``above`` is an image left as its markdown ("![](...)", "![alt] |"): the
    line under it is the image's caption, which the context rules never take."""
    return above.text.lstrip().startswith("![")


#: The rules that take an image's file name or alt text ("IMG_2041.jpg", "2015-07-07
#: 23.00.54"): the line under one is the image's caption.
_IMAGE_NAME_RULES = frozenset(
    {"boilerplate.stub.camera_file", "boilerplate.ui.image_alt", "boilerplate.learned.photo_names"}
)


#: An image's file name at the end of a line ("IMG_2041.jpg").
_IMAGE_FILE = regex.compile(r"\.(?:jpe?g|png|gif|webp|heic|tiff?)\s*$", regex.IGNORECASE)


def _image_name(above: Line, hit: tuple[str, dict[str, Any]] | None) -> bool:
    """Whether ``above``, removed by ``hit`` (or None: not removed), was an image's file
    name or alt text: the line under it is the image's caption."""
    return hit is not None and (hit[0] in _IMAGE_NAME_RULES or bool(_IMAGE_FILE.search(above.text)))


#: A line that is a date and nothing else ("Nov 07, 2017", "Tuesday, May 26, 2009",
#: "17/02/2004 12:15pm", "Uploaded: 2021-12-27"): the article's date line, which is content.
DATE_LINE = regex.compile(
    r"(?:(?:uploaded|published|posted|updated|created|added|date)\s*:\s*)?(?:\p{L}+,?\s+)?(?:"
    + _DATE_FORMS
    + r")(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?",
    regex.IGNORECASE,
)


#: A blog template's byline as a list item, after its bullet, a name of two words or more:
#: "By Ana Lima", "Por Francisco Reyes" ("- By Category" in a menu is no byline).
BULLET_BYLINE = regex.compile(
    r"(?i:by|von|par|por|door|oleh|written by|posted by)\s+\p{Lu}[\p{L}.'’-]*"
    r"(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|da|di|du|del|der|den|van|von|la|le|dos|das)){1,4}"
)
#: A month and a day without the year, after a list item's bullet: a blog template's date
#: line for a post of the current year ("- Mar 21", "- June 3rd").
BULLET_MONTH_DAY = regex.compile(_MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?", regex.IGNORECASE)
#: A post's age after a list item's bullet, as a site builder prints it over the reading
#: time ("- 6 days ago", "- hace 2 horas", "- il y a 3 jours", "- vor 5 Tagen"): its date.
BULLET_AGE = regex.compile(
    r"\d{1,3}\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|hace\s+\d{1,3}\s+(?:minutos?|horas?|d[ií]as?|semanas?|meses|mes|años?)"
    r"|il\s+y\s+a\s+\d{1,3}\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|vor\s+\d{1,3}\s+(?:Minuten?|Stunden?|Tagen?|Wochen?|Monaten?|Jahren?)"
    r"|h[aá]\s+\d{1,3}\s+(?:minutos?|horas?|dias?|semanas?|meses|m[eê]s|anos?)",
    regex.IGNORECASE,
)


#: A date labelled as the page's own, anywhere in a short line ("Page ID 1234 Updated
#: 2024-03-08", "更新日 令和6年3月8日"): the page's date line, which is content.
STAMP_LINE = regex.compile(
    r"(?:updated|last updated|last modified|published|posted on|更新日|最終更新日?|公開日|掲載日|"
    r"作成日|登録日)\s*[:：]?\s*(?:(?:令和|平成|昭和)?(?:\d{1,4}|元)年\s*\d{1,2}月\s*\d{1,2}日|"
    + _DATE_FORMS
    + ")",
    regex.IGNORECASE,
)


def byline_lines(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    *,
    any_page: bool = False,
) -> frozenset[int]:
    """Lines of a byline the context rules never take: a line that is only a date
    (:data:`DATE_LINE`), and a short line (at most four words) right above it, the
    author's name ("ana_writes" over "Nov 07, 2017"); a short line (at most six tokens)
    holding a date labelled as the page's own (:data:`STAMP_LINE`: "Page ID 1025
    Updated 2024-03-08"). The labelling rules keep them ("Updated …" lines are K).
    On a page where nothing is removed yet the context rules have no context, and none
    is looked for unless ``any_page`` (a rule that needs no context asks).
    """
    out: set[int] = set()
    if not removed and not any_page:
        return frozenset()
    for k, ln in enumerate(nonblank):
        if ln.index in removed or ln.words > 8:
            continue
        # a blog template may print the byline and the date as list items ("- Ana
        # Lima" over "- Jan 20, 2019", "- Por Francisco Reyes"): they are a byline and
        # a date all the same, the date's year left out in the current year ("- Mar 21")
        # or given as the post's age ("- 6 days ago")
        bullet = _BULLET.match(ln.text)
        if bullet is not None and ln.words <= 6:
            text = ln.text[bullet.end() :].strip()
            if BULLET_BYLINE.fullmatch(text):
                out.add(ln.index)
                continue
            if BULLET_MONTH_DAY.fullmatch(text) or BULLET_AGE.fullmatch(text):
                out.add(ln.index)
                if k and nonblank[k - 1].index not in removed and nonblank[k - 1].words <= 4:
                    out.add(nonblank[k - 1].index)
                continue
        # every date DATE_LINE reads holds a digit: one search for it first (a line
        # without one fails the full pattern several times slower)
        if not _DIGIT.search(ln.text):
            continue
        text = ln.text[bullet.end() :] if bullet else ln.text
        if not DATE_LINE.fullmatch(text):
            if len(ln.text.split()) <= 6 and STAMP_LINE.search(ln.text):
                out.add(ln.index)
            continue
        out.add(ln.index)
        if k and nonblank[k - 1].index not in removed and nonblank[k - 1].words <= 4:
            out.add(nonblank[k - 1].index)
    return frozenset(out)


def comment_lines(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: Mapping[int, tuple[str, dict[str, Any]]] | None = None,
) -> frozenset[int]:
    """Lines a reader wrote: those under a comment's author line (removed by
    :data:`RULE_COMMENT_AUTHOR`, or found by :data:`RULE_AUTHOR_LINE` in ``found``)
    down to the next removed line. A short comment ("great shots") looks like a
    label between two author lines, so the context rules must not read it as chrome.
    """
    out: set[int] = set()
    if not removed and not found:
        return frozenset()
    inside = False
    for ln in nonblank:
        hit = removed.get(ln.index) or (found.get(ln.index) if found else None)
        if hit is not None:
            inside = hit[0] in _AUTHOR_RULES
        elif inside:
            out.add(ln.index)
    return frozenset(out)


#: The rules that take a comment's author line: the lines under one are a reader's.
_AUTHOR_RULES = frozenset({RULE_COMMENT_AUTHOR, RULE_AUTHOR_LINE})
#: The last word of a comment's author line and its ellipsis ("said...", "sa…",
#: "kirjoitti..."): the word the comment template prints after every commenter's name.
_AUTHOR_TAIL = regex.compile(r"(?<=\s)(\p{L}{2,20})(?:\.\.\.|…)$")


def _author_lines(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
) -> None:
    """``boilerplate.shape.author_line``: a comment template's author line, in any language.

    A comment section prints the same word after every commenter's name ("Ana
    said...", "Ana sa...", "Ana kirjoitti..."). Lines of at most ``max_words`` words
    that open with a capital letter and end in a word with an ellipsis on it, each with
    a line under it (the comment), go when at least ``min_lines`` different lines end
    in the same word, or when one ends in the word of a line
    ``boilerplate.comments.author_line`` removed on the page, or when one stands right
    under a comment section's widget another rule removed ("1 comment:", the first and
    only commenter's name). The comment under each is a reader's text, which the
    context rules then keep.
    """
    groups: dict[str, list[int]] = {}
    known: set[str] = set()
    headed: set[str] = set()
    for k, x in enumerate(nonblank):
        text = x.text
        if not text.endswith(("...", "…")) or x.words > params.author_line_max_words:
            continue
        m = _AUTHOR_TAIL.search(text)
        if m is None or x.index in code:
            continue
        word = m.group(1).casefold()
        hit = removed.get(x.index)
        if hit is not None:
            if hit[0] == RULE_COMMENT_AUTHOR:
                known.add(word)
            continue
        if x.index in found or not text[0].isupper() or k + 1 >= len(nonblank):
            continue
        below = nonblank[k + 1]
        if below.index in removed or below.index in code or _AUTHOR_TAIL.search(below.text):
            continue
        groups.setdefault(word, []).append(k)
        if k and _comment_heading(removed.get(nonblank[k - 1].index)):
            headed.add(word)
    for word, members in groups.items():
        # commenters have names of their own: one line printed twice (a contents entry
        # and its heading, a program's output) is no template; one line right under
        # the comment section's heading ("1 comment:") is its first commenter's name
        names = {nonblank[k].text for k in members}
        if len(names) < params.author_line_min_lines and word not in known | headed:
            continue
        ev = {
            "word": word,
            "on_page": len(members),
            "known": word in known,
            "under_heading": word in headed,
        }
        for k in members:
            x = nonblank[k]
            found[x.index] = (RULE_AUTHOR_LINE, {"line": x.index + 1, **ev})


def _comment_heading(hit: tuple[str, dict[str, Any]] | None) -> bool:
    """Whether a removal ``hit`` is a comment section's widget (its heading, "1 comment:",
    a form's line), not a commenter's name line."""
    return hit is not None and hit[0].startswith(_COMMENT_FAMILY) and hit[0] not in _AUTHOR_RULES


#: The heading words of :data:`LIST_HEADING` that need no colon (one alternation).
_LIST_WORDS = (
    r"tags?|topics?|categories|category|labels?|keywords|schlagwörter|schlagworte|themen|"
    r"étiquettes|mots-clés|mots clés|sujets|etiquetas|temas|argomenti|etichette|trefwoorden|"
    r"onderwerpen|topik|kategori|tagi|metki|метки|теги|etiketler|etiketter|taggar"
)
#: The heading of a list of links or tags ("Read more on:", "Tags", "Related:").
LIST_HEADING = regex.compile(
    r"[-•·*–—»›\s]*(?:"
    r"(?:read more on|more on|related topics|related tags|filed under|tagged|tagged with|"
    r"read more|related|related stories|related articles|related posts|related links|"
    r"see also|more stories|also read|read also|you may also like|more from|"
    r"you (?:might|may|will|'ll) (?:also )?(?:want to )?"
    r"(?:check out|read|like|enjoy|be interested in)"
    r"(?: these| this| the following)?(?: stories| articles| posts| links| reads)?|"
    r"(?:featured|popular|trending|latest|recent|similar|recommended|other) "
    r"(?:news|stories|articles|posts|reads)(?: (?:from|on|in|about) [^:：\n]{1,40})?|"
    r"weitere artikel|mehr zum thema|lire aussi|à lire aussi|voir aussi|"
    r"lea también|ver también|leia também|veja também|leggi anche|lees ook|baca juga|"
    r"artikel terkait|baca lainnya|berita lainnya|berita terkait|lesen sie auch|leia mais|"
    r"czytaj także|czytaj też|zobacz też|zobacz także|przeczytaj również|"
    r"читайте также|смотрите также|см\. также|по теме|ilgili haberler|ilgili yazılar|"
    r"bunlar da ilginizi çekebilir|läs också|läs även|se även|relaterat)\s*[:：]"
    r"|(?:" + _LIST_WORDS + r")\s*[:：]?"
    r")\s*",
    regex.IGNORECASE,
)
#: What a :data:`LIST_HEADING` without a colon may hold besides its heading word: the
#: characters its ``[-•·*–—»›\s]*`` and ``\s*`` take (every ``\s`` is below U+3001)
_HEADING_PAD = "-•·*–—»›" + "".join(c for c in map(chr, range(0x3001)) if regex.fullmatch(r"\s", c))
#: The longest heading word that needs no colon (``schlagwörter``): the one-to-one
#: case folding of ``regex.IGNORECASE`` matches it in as many characters
_HEADING_WORD_MAX = 12


#: The ASCII words of :data:`_LIST_WORDS`, small (``tags?`` read as ``tag`` and ``tags``)
_ASCII_LIST_WORDS = frozenset(
    w
    for alt in _LIST_WORDS.split("|")
    if alt.isascii()
    for w in ((alt[:-2], alt[:-1]) if alt.endswith("s?") else (alt,))
)


def _may_be_list_heading(text: str) -> bool:
    """False when ``LIST_HEADING.fullmatch(text)`` cannot succeed: with no colon, the
    line must be one heading word between the pad characters, with a colon it must end
    in one (after the pad characters: ``\\s*`` and the whitespace are among them).

    A heading word starts and ends with a letter, which no pad character is, so the line
    stripped of them is the word; an ASCII word matches an alternative of
    :data:`_LIST_WORDS` case-insensitively only if it is that alternative in small
    letters (no character outside ASCII matches an ASCII one there, nor the reverse).

    >>> _may_be_list_heading("- Tags"), _may_be_list_heading("Read more on:")
    (True, True)
    >>> _may_be_list_heading("Installing the package")
    False
    """
    if ":" in text or "：" in text:
        return text.rstrip(_HEADING_PAD).endswith((":", "："))
    word = text.strip(_HEADING_PAD)
    if len(word) > _HEADING_WORD_MAX:
        return False
    return not word.isascii() or word.lower() in _ASCII_LIST_WORDS


_BULLET = regex.compile(r"[-•·▪►›»*–—◦‣]\s")
#: A list is read for at most this many entries (so a page of headings costs linear time).
_MAX_ENTRIES = 200
#: A bullet that opens a menu entry.
_MENU_BULLET = ("•", "·", "▪", "►", "›", "»", "◦", "‣", "*", "-", "–")


def _link_lists(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.link_list``: a list of links or tags under its heading.

    A heading such as "Read more on:", "Related:" or "Tags" (:data:`LIST_HEADING`),
    followed by at least ``min_items`` entries: lines that open with the same bullet
    or dash as the first one, or, when the first has none, lines of at most three
    words; no entry ends a sentence or has more than ``max_words`` words. The
    heading and its entries go; the list ends at the first line that is no entry.

    A widget's heading that a phrase rule removed (:data:`TEASER_HEADING_RULES`:
    "Related Courses", "Most Read") below the article's text heads the lines under
    it down to the page's end when they are teasers (:func:`_teaser_tail`).
    """
    first_prose: int | None = None
    for k, head in enumerate(nonblank):
        if head.index in code or head.index in found or head.words > 8:
            continue
        hit = removed.get(head.index)
        if hit is not None and hit[0] == RULE_LINK_LIST:  # taken in an earlier round
            continue
        if not _may_be_list_heading(head.text) or not LIST_HEADING.fullmatch(head.text):
            if params.link_list_teasers and hit is not None and hit[0] in TEASER_HEADING_RULES:
                if first_prose is None:
                    first_prose = next(
                        (p for p, x in enumerate(nonblank) if x.index not in removed and prose(x)),
                        len(nonblank),
                    )
                if first_prose < k:
                    _teaser_tail(nonblank, k, removed, found, code, prose)
            continue
        items: list[Line] = []
        mark: str | None = None
        numbered = False
        for x in itertools.islice(nonblank, k + 1, k + 1 + _MAX_ENTRIES):
            if x.index in code or x.words > params.link_list_max_words or ends_sentence(x.text):
                break
            bullet = _BULLET.match(x.text)
            if not items:
                mark = bullet.group()[0] if bullet else None
                numbered = _NUMBERED.match(x.text) is not None
            elif numbered and _NUMBERED.match(x.text) is None:
                break  # a numbered list ends at its first unnumbered line (the next heading)
            if mark is not None:
                if not x.text.startswith(mark):
                    break
            elif bullet or x.words > 3:
                break
            items.append(x)
        if len(items) < params.link_list_min_items:
            continue
        ev = {"heading": head.text, "entries": len(items)}
        for x in [head, *items]:
            if x.index not in removed and x.index not in found:
                found[x.index] = (RULE_LINK_LIST, {"line": x.index + 1, **ev})


#: Phrase rules whose removals are a widget's heading ("Related Courses", "Most
#: Read"): the lines under one below the text may be its teasers.
TEASER_HEADING_RULES = frozenset(
    {"boilerplate.nav.widget_headings", "boilerplate.nav.widget_headings_i18n"}
)
#: A teaser's title: at most this many words (an excerpt under it may be longer).
_TEASER_TITLE_WORDS = 20
#: A teaser block under a heading holds at most this many lines.
_TEASER_MAX_LINES = 40


def _teaser_tail(
    nonblank: list[Line],
    k: int,
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """The teasers under a widget's heading ``nonblank[k]``, removed by a phrase rule
    below the first prose line: every line left from it to the page's end goes when
    they are teasers: short lines (a title, a date: two to ``_TEASER_TITLE_WORDS``
    words, no prose line, not ending in a full stop, a colon, a semicolon or a comma),
    each *excerpt* (a prose line or a longer one) right under a short line, never two
    excerpts in a row, and the excerpts shorter in all than the page's prose above the
    heading (the page's own text). A heading over the article's paragraphs, over a
    listing that is the page's text, or over notes and one-word headings ("See also",
    "Footnotes", "[1]", "New in version 3.9.") keeps them.
    """
    block = [x for x in nonblank[k + 1 :] if x.index not in removed and x.index not in found]
    if not block or len(block) > _TEASER_MAX_LINES or any(x.index in code for x in block):
        return
    excerpt_chars = 0
    previous_short = False
    for x in block:
        long = prose(x) or x.words > _TEASER_TITLE_WORDS
        if long:
            if not previous_short:
                return
            excerpt_chars += len(x.text)
        elif x.words < 2 or x.text.endswith((".", ":", ";", ",")):
            return  # no title or date: a one-word heading, a note, a lead-in to a list
        previous_short = not long
    if excerpt_chars:
        own = sum(len(x.text) for x in nonblank[:k] if x.index not in removed and prose(x))
        if own <= excerpt_chars:
            return
    ev = {"heading": nonblank[k].text, "entries": len(block), "teasers": True}
    for x in block:
        found[x.index] = (RULE_LINK_LIST, {"line": x.index + 1, **ev})


def _menus(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.menu``: a site menu of bulleted entries above or below the text.

    A run of at least ``min_items`` bulleted lines (lines removed by other rules
    may stand between them) above the first prose line left or below the last one,
    each of at most ``max_words`` words, none ending a sentence, at least four in
    five capitalised, with at least ``min_removed`` lines of the run's stretch
    removed by other rules ("View all ...", a search box; for a run with nothing
    but removed lines above it, one line above or among it is enough): the whole
    run goes.
    """
    left = [
        x
        for x in nonblank
        if x.index not in removed and x.index not in found and x.index not in code
    ]
    prose_at = [p for p, x in enumerate(left) if prose(x)]
    first = prose_at[0] if prose_at else len(left)
    last = prose_at[-1] if prose_at else len(left)
    pos = {x.index: p for p, x in enumerate(left)}

    def entry(x: Line) -> bool:
        return (
            x.text.startswith(_MENU_BULLET)
            and _BULLET.match(x.text) is not None
            and x.words - 1 <= params.menu_max_words
            and not ends_sentence(x.text)
        )

    # nonblank[:top_end] are all removed lines (the top of the page)
    top_end = next(
        (p for p, y in enumerate(nonblank) if y.index not in removed and y.index not in found),
        len(nonblank),
    )
    k = 0
    n = len(nonblank)
    while k < n:
        x = nonblank[k]
        if x.index in pos and entry(x):
            j = k
            members: list[Line] = []
            gone = 0
            while j < n:
                y = nonblank[j]
                if y.index in removed or y.index in found:
                    gone += 1
                elif y.index in pos and entry(y):
                    members.append(y)
                else:
                    break
                j += 1
            # at the very top of the page, under removed lines only, one removed line
            # (above or among the entries) is enough
            if k and k <= top_end:
                gone += k
                need = min(1, params.menu_min_removed)
            else:
                need = params.menu_min_removed
            if len(members) >= params.menu_min_items and gone >= need:
                where = [pos[m.index] for m in members]
                edge = max(where) < first or min(where) > last
                capital = sum(1 for m in members if _capitalised(m.text))
                if edge and 5 * capital >= 4 * len(members):
                    ev = {"entries": len(members), "removed_among": gone}
                    for m in members:
                        found[m.index] = (RULE_MENU, {"line": m.index + 1, **ev})
            k = max(j, k + 1)
        else:
            k += 1


#: A selector's entry: opens with a letter, holds no digit, and ends no sentence,
#: clause or lead-in.
_SELECTOR_DIGIT = regex.compile(r"\d")
_SELECTOR_END = (".", "!", "?", ":", ";", ",", "。", "、", "！", "？", "：", "…", "，")


def _selector_entry(x: Line, mark: str | None, max_words: int) -> bool:
    """Whether ``x`` is an entry of a selector whose first entry opens with ``mark``
    (a bullet, or None for none): the same opening, at most ``max_words`` words after
    it, a letter first, no digit, and no sentence, clause or lead-in ending."""
    bullet = _BULLET.match(x.text)
    if (bullet.group()[0] if bullet else None) != mark:
        return False
    words = x.words - (1 if bullet else 0)
    if not 1 <= words <= max_words or x.text.endswith(_SELECTOR_END):
        return False
    body = x.text[bullet.end() :] if bullet else x.text
    return body[:1].isalpha() and _SELECTOR_DIGIT.search(body) is None


def _selectors(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    first_prose_at: Callable[[], int],
) -> None:
    """``boilerplate.shape.selector``: a long list of short names above the text.

    A city or region selector, a category menu, a tag cloud, a search form's options
    printed one to a line over the article: at least ``min_items`` lines (lines other
    rules removed may stand among them) of at most ``max_words`` words each, opening
    with the same bullet as the first (or all with none), each opening with a letter
    (after the bullet), none with a digit (an ingredient's or a table's quantity, a
    date, a score), none ending in a sentence's, a clause's or a lead-in's mark, and
    four in five capitalised (a glossary's lower-case index of terms above its first
    entry is no menu). The whole run stands above the page's first prose line, and
    plain entries end at the page's title (:func:`page_title`, the first line left of
    four words or more, opening with a capital letter, not ending in a colon, a
    semicolon or a comma), so a
    short title under a
    menu is never read as one more entry and a list right over the first paragraph
    stays; bulleted entries end at any line that is not prose. It starts among the
    page's first
    ``max_above`` + 1 non-blank lines (a site's header), with no line above it ending
    in a colon. A list right over the first paragraph, a list under a
    lead-in ("The modules of this chapter are:", a manual's contents page), a page
    without a prose line (the list may be the page's text) and a list inside or under
    the text (an article's own list of names) keep it.
    """
    first_prose = first_prose_at()
    if first_prose >= len(nonblank) or first_prose < params.selector_min_items:
        return  # no prose, or no room above it for the list
    title = page_title(nonblank, removed, found)
    k = 0
    while k < min(first_prose, params.selector_max_above + 1):
        x = nonblank[k]
        if x.index not in removed and x.text.endswith((":", "：")):
            return  # a lead-in: the lists under it are the text's
        if x.index in removed or x.index in found or x.index in code or x.text == title:
            k += 1
            continue
        bullet = _BULLET.match(x.text)
        mark = bullet.group()[0] if bullet else None
        if not _selector_entry(x, mark, params.selector_max_words):
            k += 1
            continue
        members: list[Line] = []
        j = k
        while j < first_prose:
            y = nonblank[j]
            if y.index in removed or y.index in found:
                pass
            elif (
                y.index not in code
                and y.text != title
                and _selector_entry(y, mark, params.selector_max_words)
            ):
                members.append(y)
            else:
                break
            j += 1
        capital = sum(1 for m in members if _capitalised(m.text))
        # what ends plain entries is the page's title, opening with a capital letter
        # and ending in no lead-in or clause mark (a short title would read as one more
        # entry; a program's line or a numbered heading is no title); a title under bulleted
        # entries has no bullet, so it ends them anyway
        stop = nonblank[j] if j < first_prose else None
        ended = stop is not None and (
            mark is not None
            or (
                stop.text == title
                and stop.text[:1].isupper()
                and not stop.text.endswith((":", ";", ",", "：", "；", "，"))
            )
        )
        if ended and len(members) >= params.selector_min_items and 5 * capital >= 4 * len(members):
            ev = {"entries": len(members), "bullet": mark or ""}
            for m in members:
                found[m.index] = (RULE_SELECTOR, {"line": m.index + 1, **ev})
        k = max(j, k + 1)


#: A list entry's number ("1. ", "2) ") and what follows it.
_ENTRY_NUMBER = regex.compile(r"(\d{1,2})[.)]\s+(?=\S)")
#: Whether a line opens a numbered list's entry, indented or not ("  1. Nyheter", "2)
#: Sport"): :func:`_link_lists` reads extractions that indent a list's entries, which
#: :data:`_ENTRY_NUMBER` (a breadcrumb's entries, read unindented) does not take.
_NUMBERED = regex.compile(r"\s*\d{1,3}[.)]\s")


def _entry_of(x: Line) -> tuple[str, str] | None:
    """The opening of a list entry (its number, or its bullet) and its text, or None
    for a line that opens no list entry."""
    m = _ENTRY_NUMBER.match(x.text)
    if m is not None:
        return m.group(1), x.text[m.end() :]
    m = _BULLET.match(x.text)
    if m is not None:
        return m.group()[0], x.text[m.end() :].strip()
    return None


def _crumb_lists(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    first_prose_at: Callable[[], int],
) -> None:
    """``boilerplate.shape.crumb_list``: a breadcrumb printed as a list over the title.

    At least ``min_items`` entries numbered 1, 2, 3 ... in order, or opening with the
    same bullet ("1. Forum", "2. Travel", "3. <the title>"; "- Home", "- Government",
    "- <the title>"), the last of which is the next line's text (the page's title under
    its breadcrumb, compared case-insensitively), every entry above it of at most
    ``max_words`` words and ending no sentence, the whole list above the page's first
    prose line. The entries go (the ones other rules left); the title stays. A list
    whose last entry is not printed again right under it (a contents list, a list of
    steps) is no breadcrumb.
    """
    first_prose = first_prose_at()
    if first_prose < params.crumb_list_min_items:
        return  # the entries stand above the first prose line
    k = 0
    while k < first_prose:
        head = _entry_of(nonblank[k])
        if head is None or (head[0].isdigit() and head[0] != "1"):
            k += 1
            continue
        numbered = head[0].isdigit()
        entries = [nonblank[k]]
        j = k + 1
        while j < first_prose:
            e = _entry_of(nonblank[j])
            if e is None:
                break
            if numbered and e[0] != str(len(entries) + 1):
                break
            if not numbered and e[0] != head[0]:
                break
            entries.append(nonblank[j])
            j += 1
        if len(entries) >= params.crumb_list_min_items and j < len(nonblank):
            title = nonblank[j].text.casefold()
            last = _entry_of(entries[-1])
            ok = (
                last is not None
                and title
                and last[1].casefold() == title
                and nonblank[j].index not in code
                and all(
                    (x.words - 1) <= params.crumb_list_max_words and not ends_sentence(x.text)
                    for x in entries[:-1]
                )
                and not any(x.index in code for x in entries)
            )
            if ok:
                ev = {"entries": len(entries), "title": nonblank[j].text}
                for x in entries:
                    if x.index not in removed and x.index not in found:
                        found[x.index] = (RULE_CRUMB_LIST, {"line": x.index + 1, **ev})
        k = max(j, k + 1)


def _capitalised(text: str) -> bool:
    """Whether the first letter or digit after a bullet is upper-case or a digit."""
    for ch in text:
        if ch.isalnum():
            return ch.isupper() or ch.isdigit()
    return False


#: The first line left with at least this many words is the page's title.
_TITLE_WORDS = 4

#: A credit line of the article ("Source(s): AP", "(Cover: CFP)", "Photo: ..."): it
#: stays at the end of a page.
CREDIT = regex.compile(
    r"\(?\s*(?:source(?:\(s\)|s)?|cover|photo(?:s|graph)?|foto(?:s|grafie|graf[ií]a)?|bild|image|"
    r"credit|credits|editor|"
    r"reporter|video|illustration|graphic|writer|written by|edited by)\s*:\s*[^\n]{1,80}?\)?",
    regex.IGNORECASE,
)

#: Rules whose removals are too weak to show that their neighbours are chrome: a bare
#: number or symbol also stands between the fields of a table or a contact block, and
#: the line under a selector's last entry is as often the page's title as more chrome.
WEAK_CONTEXT = frozenset(
    {
        "boilerplate.stub.bare_number",
        "boilerplate.stub.lone_symbol",
        RULE_BARE_COUNT,
        RULE_SELECTOR,
    }
)


#: The removals that make no chrome run: :data:`WEAK_CONTEXT`, and a bullet or dash
#: left alone on its line (``empty_item``), which separates the text's own headings and
#: paragraphs as often as a menu's entries ("-" / "Function" / "-" between two
#: paragraphs of an answer).
_RUN_WEAK = WEAK_CONTEXT | {RULE_EMPTY_ITEM}


def _label_like(ln: Line, params: ShapeParams) -> bool:
    """Short, and no sentence unless a very short one ("Be the first to reply!").

    A short sentence in a script written without spaces ("桟橋があるぞ。") is not
    taken: such a blog writes a sentence to a line between its photos, and its
    widgets' prompts are rarely sentences.
    """
    words = ln.words
    if words > params.chrome_run_max_words:
        return False
    if not ends_sentence(ln.text):
        return True
    return words <= params.chrome_run_sentence_words and not cjk_chars(ln.text)


#: A line of day numbers only ("1", "2 3 4 5 6 7 8").
_DAY_ROW_SRC = r"(?:[1-9]|[12]\d|3[01])(?: (?:[1-9]|[12]\d|3[01]))*"
_DAY_ROW = regex.compile(_DAY_ROW_SRC)
#: The number of a numbered heading ("3. ", "12) ").
_NUMBER_SRC = r"\d{1,3}[.)]\s"
_NUMBERED = regex.compile(_NUMBER_SRC + r"+(?=\S)")
#: Lines some rare shape rules need: a day row (``_calendars``), a numbered heading
#: (the echo of ``_stutters``), a lone bullet or a host name (``_residue``).
_GATES = regex.compile(
    rf"(?m)^(?:(?P<day>{_DAY_ROW_SRC}$)"
    rf"|(?P<echo>{_NUMBER_SRC})|(?P<residue>[-–•·▪◦]$|[^\s.]+\.[^\s]+$))"
)


#: The endings of a line that open the ``author`` gate (an excerpt cut short)
_ELLIPSES = ("...", "…")
#: A line starting with a digit as :data:`_GATES` reads one (its ``day`` and ``echo``)
_DIGIT_START = regex.compile(r"\d")


def page_gates(texts: list[str]) -> set[str]:
    """The groups of :data:`_GATES` that match in ``texts`` (a page's non-blank lines)
    joined by line feeds, and ``"author"`` when a line ends in an ellipsis.

    A match of ``_GATES`` starts where a line does and reads nothing past the line feed
    after it, and each of its alternatives starts with a digit or holds no whitespace,
    so only the lines that start with a digit or hold no space can start one: they
    alone are searched, each followed by a line feed where it is on the page (one
    search over the whole page read every character of its prose).

    >>> sorted(page_gates(["1 2 3 4 5 6 7", "Some words here…", "example.com"]))
    ['author', 'day', 'residue']
    >>> page_gates(["3.", "x"]), page_gates(["x", "3."])
    ({'echo'}, set())
    """
    gates: set[str] = set()
    if not texts:
        return gates
    if any(map(operator.methodcaller("endswith", _ELLIPSES), texts)):
        gates.add("author")
    digit = _DIGIT_START.match  # (a letter is no digit: most lines are asked no more)
    picked = [t for t in texts if " " not in t or (not t[0].isalpha() and digit(t))]
    if picked:
        last = texts[-1]
        tail = "" if " " not in last or digit(last) else "\n"
        gates.update(m.lastgroup for m in _GATES.finditer("\n".join(picked) + tail))
    return gates


def _stutters(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose_span: Callable[[], tuple[int, int]],
    echoes: bool = True,
) -> None:
    """``boilerplate.shape.stutter``: a short label repeated on the next line ("Apple",
    "Apple"): the residue of a tag or link whose text and title were both kept.

    Two or more consecutive non-blank lines with the same text, of three characters
    or more and at most ``max_words`` words, none ending a sentence, a colon or a
    comma: every copy goes, when it stands next to chrome (the line right above the
    first copy or right below the last one was removed by another rule, not a weak
    one), or outside the text (no prose line both above and below it) with no
    neighbour printing the same words in other capitals ("LINUX TERMINAL" over
    "Linux Terminal": a masthead over the page's title and heading). A repeated line
    among the text (a photo's alt text and caption between paragraphs) is the
    article's. Two characters of a script written without spaces count as a word, so
    a Japanese or Chinese title repeated as the heading below it (one "word" to a
    space splitter) stays. Copies above the first prose line whose content words are all
    in the text's first words (:func:`_names_text`) are its title and heading, and stay.
    """

    def outside_text(k: int, j: int) -> bool:
        first, last = prose_span()
        return j <= first or k > last

    def names_body(k: int, j: int) -> bool:
        first, _last = prose_span()
        return j <= first and _names_text(nonblank[k].text, nonblank, first, removed)

    k = 0
    n = len(nonblank)
    while k < n:
        x = nonblank[k]
        j = k + 1
        while j < n and nonblank[j].text == x.text:
            j += 1
        if (
            j - k >= 2
            and len(x.text) >= 3  # not an index letter ("T", "T") or a rule ("--")
            and x.words <= params.stutter_max_words
            and not ends_sentence(x.text)
            and not x.text.endswith((":", ",", ";"))
            and not any(y.index in code for y in nonblank[k:j])
            and (
                _beside_chrome(nonblank, k, j, removed)
                or (outside_text(k, j) and not _case_variant_beside(nonblank, k, j))
            )
            and not names_body(k, j)
            and not _opens_paragraph(nonblank, k, j)
            and not _byline_copies(nonblank, k, j, removed, found)
        ):
            for y in nonblank[k:j]:
                if y.index not in removed and y.index not in found:
                    found[y.index] = (
                        RULE_STUTTER,
                        {"line": y.index + 1, "copies": j - k},
                    )
        k = j
    # a numbered heading echoed without its number on the next line: the caption or alt
    # text of the photo under "3. The dress", which repeats it (not the last entry of a
    # numbered breadcrumb, "1. Travel", "2. Europe", "3. <title>", over the title)
    for p, (x, y) in enumerate(itertools.pairwise(nonblank) if echoes else ()):
        if not x.text[0].isdigit():
            continue
        m = _NUMBERED.match(x.text)
        if (
            m is not None
            and not (p and _NUMBERED.match(nonblank[p - 1].text))
            and y.text == x.text[m.end() :]
            and y.words <= params.stutter_echo_max_words
            and y.index not in code
            and y.index not in removed
            and y.index not in found
        ):
            found[y.index] = (
                RULE_STUTTER,
                {"line": y.index + 1, "echo_of": x.index + 1},
            )


def _opens_paragraph(nonblank: list[Line], k: int, j: int) -> bool:
    """Whether the repeated line ``nonblank[k]`` opens the paragraph right under its
    last copy (a line of nine words or more holding a sentence): "Iceland" twice over
    "Iceland, the land of fire and ice, ..." is the heading of an entry and the entry's
    first word, not a tag's residue. A title printed over a headline starting with it
    ("Top 14" over "Top 14 - A big weekend") is no paragraph."""
    if j >= len(nonblank):
        return False
    text, below = nonblank[k].text, nonblank[j].text
    return (
        below.startswith(text)
        and below[len(text) : len(text) + 1] in (",", ";", " ")
        and holds_sentence(below)
        and below.count(" ") >= 8
    )


def _byline_copies(
    nonblank: list[Line],
    k: int,
    j: int,
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: Mapping[int, tuple[str, dict[str, Any]]],
) -> bool:
    """Whether the repeated line ``nonblank[k]`` is the article's byline printed twice
    (an author's name and the alt text of the author's photo): right under the page's
    title and right over a line that is a date and nothing else."""
    if k == 0 or j >= len(nonblank):
        return False
    return (
        nonblank[k - 1].text == page_title(nonblank, removed, found)
        and DATE_LINE.fullmatch(nonblank[j].text.strip()) is not None
    )


#: The text's words a repeated line above it is compared with (its first words).
_BODY_WORDS = 300
#: A content word has at least this many characters.
_CONTENT_CHARS = 4
#: Two content words match when one starts with the other's first this many characters.
_STEM_CHARS = 5


def _names_text(
    text: str,
    nonblank: list[Line],
    first: int,
    removed: Mapping[int, tuple[str, dict[str, Any]]],
) -> bool:
    """Whether every content word of ``text`` is in the first ``_BODY_WORDS`` words of
    the text from ``nonblank[first]`` on (the lines left), a word matching any word that
    starts with its first ``_STEM_CHARS`` characters ("empatan" and "empate"): a title
    over the text it names ("Harbour Tunnel" printed twice over "The harbour tunnel
    opened ..."), not a section's or tag's label that the text happens to share a word
    with.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Harbour Tunnels\\nThe harbour tunnel opened on Monday.")
    >>> _names_text("Harbour Tunnels", page, 1, {}), _names_text("Harbour News", page, 1, {})
    (True, False)
    """
    from textclean.stages.boilerplate.region import content_words  # region imports us

    own = {w[:_STEM_CHARS] for w in content_words(text, _CONTENT_CHARS)}
    if not own:
        return False
    need = _BODY_WORDS
    for x in nonblank[first:]:
        if x.index in removed:
            continue
        for w in content_words(x.text, _CONTENT_CHARS):
            own.discard(w[:_STEM_CHARS])
            own.discard(w[: _STEM_CHARS - 1])
        if not own:
            return True
        need -= x.words
        if need <= 0:
            break
    return False


def _beside_chrome(
    nonblank: list[Line],
    k: int,
    j: int,
    removed: Mapping[int, tuple[str, dict[str, Any]]],
) -> bool:
    """Whether the line right above ``nonblank[k]`` or right below ``nonblank[j - 1]``
    was removed by a rule that is not :data:`WEAK_CONTEXT`."""
    for p in (k - 1, j):
        if 0 <= p < len(nonblank):
            hit = removed.get(nonblank[p].index)
            if hit is not None and hit[0] not in WEAK_CONTEXT:
                return True
    return False


def _case_variant_beside(nonblank: list[Line], k: int, j: int) -> bool:
    """Whether the line right above ``nonblank[k]`` or right below ``nonblank[j - 1]``
    holds the same words as it in other capitals."""
    text = nonblank[k].text
    folded = text.casefold()
    for p in (k - 1, j):
        if 0 <= p < len(nonblank):
            other = nonblank[p].text
            if other != text and other.casefold() == folded:
                return True
    return False


#: The weekday row over a calendar's days: seven names of at most three letters
#: ("Mo Tu We Th Fr Sa Su", "Пн Вт Ср Чт Пт Сб Вс", "M T W T F S S").
_WEEKDAY_ROW = regex.compile(r"\p{L}{1,3}\.?(?: \p{L}{1,3}\.?){6}")


def _calendars(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
) -> None:
    """``boilerplate.shape.calendar``: a month calendar widget, its days one after another.

    A run of consecutive non-blank lines made of day numbers only (1 to 31,
    :data:`_DAY_ROW`) that count up by one from line to line and within a line
    ("1", "2 3 4 5 6 7 8", "9 10 ...", "22", "23"), at least ``min_days`` days in
    all, goes, with a weekday row right above it (:data:`_WEEKDAY_ROW`). A table's
    column of figures does not count up by one for two weeks.
    """
    k = 0
    n = len(nonblank)
    while k < n:
        j = k
        days: list[int] = []
        while (
            j < n
            and nonblank[j].text[0].isdigit()
            and nonblank[j].index not in code
            and _DAY_ROW.fullmatch(nonblank[j].text)
        ):
            row = [int(t) for t in nonblank[j].text.split()]
            seq = [*days, *row]
            if any(b != a + 1 for a, b in itertools.pairwise(seq)):
                break
            days = seq
            j += 1
        if j == k:
            k += 1
            continue
        if len(days) >= params.calendar_min_days:
            members = nonblank[k:j]
            if (
                k
                and nonblank[k - 1].index not in code
                and _WEEKDAY_ROW.fullmatch(nonblank[k - 1].text)
            ):
                members.insert(0, nonblank[k - 1])
            ev = {"days": len(days), "first": days[0], "last": days[-1]}
            for x in members:
                if x.index not in removed and x.index not in found:
                    found[x.index] = (RULE_CALENDAR, {"line": x.index + 1, **ev})
        k = j


#: A console's prompt at the start of a line (">>> len(a)", "$ echo $?", "db=# SELECT",
#: "=> SELECT") or a rule of dashes under a result column's name ("-----", "----+---").
_PROMPT = regex.compile(r"(?:>>>|\.\.\.|[$%#]|=>|[\w-]+=[#>])\s|-{2,}[-+]*\s*$")
#: A whole number alone on its line, after a list bullet at most ("74", "• 3").
_BARE_COUNT = regex.compile(r"(?:[-•·*▪◦]\s+)?(\d+)")


def _quantity_entry(x: Line, above: Line) -> bool:
    """True when the bulleted number ``x`` sits under an entry of the same bullet that
    starts with a number (:func:`_entry_of` reads both): an item of an ingredient or
    parts list ("• 150g flour"), cut short where an excerpt ends or a line breaks, not a
    counter.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("• 150g active starter\\n• 50\\n• Share\\n• 50\\n150g flour\\n50")
    >>> _quantity_entry(page[1], page[0]), _quantity_entry(page[3], page[2])
    (True, False)
    >>> _quantity_entry(page[5], page[4])
    False
    """
    mine, theirs = _entry_of(x), _entry_of(above)
    return (
        mine is not None and theirs is not None and mine[0] == theirs[0] and theirs[1][:1].isdigit()
    )


def _bare_counts(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose_span: Callable[[], tuple[int, int]],
    prose: Callable[[Line], bool] | None = None,
) -> None:
    """``boilerplate.shape.bare_count``: a whole number of at most ``max_digits`` digits
    alone on its line, anywhere on the page: a counter's value (views, likes, comments,
    shares), a pager's or a document viewer's page number, a step number of a widget.
    An article writes its numbers in its sentences, table rows and list items, never a
    number alone (``RULES.md``: bare numbers are chrome); a year alone (four digits) is a
    date line and stays, and so does a number under a field's label ending in a colon
    ("Serves:" / "4"), the field's value, or under a console's prompt or a column's rule
    of dashes (:data:`_PROMPT`), a program's output. Among the text (between its first
    and last prose line) only a number beside a line another rule removed goes (a page
    number, a like count); a page with more than ``max_lines`` such numbers is a table's
    or a program's, and none goes.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("A walk by the river\\n74\\nServes:\\n4\\n2024")
    >>> found = {}
    >>> _bare_counts(page, {}, found, ShapeParams(), frozenset(), lambda: (len(page), -1))
    >>> sorted(found)
    [1]
    """
    most = params.bare_count_max_digits
    counts: list[tuple[int, int]] = []  # (position in nonblank, digits)
    for k, x in enumerate(nonblank):
        text = x.text
        if not text[-1].isdigit() or len(text) > most + 3:
            continue
        m = _BARE_COUNT.fullmatch(text)
        if m is not None and len(m.group(1)) <= most:
            counts.append((k, len(m.group(1))))
    if not counts or len(counts) > params.bare_count_max_lines:
        return  # none, or many: a table's column, a program's output

    def taken(i: int) -> bool:  # a line a rule took: no name, scorers or table row
        return i in removed or i in found

    for k, digits in counts:
        x = nonblank[k]
        if x.index in code or x.index in removed or x.index in found:
            continue
        if k and nonblank[k - 1].text.rstrip().endswith((":", "：")):
            continue  # a field's value under its label
        if k and _PROMPT.match(nonblank[k - 1].text):
            continue  # a program's output under its command or its column's rule
        if k and _quantity_entry(x, nonblank[k - 1]):
            continue  # an entry of a list of quantities, cut short ("• 150g flour", "• 50")
        if day_of_split_date(nonblank, k):
            continue  # the day of a date printed over several lines ("Jun" / "16")
        first, last = prose_span()
        if first <= k <= last and not _beside_chrome(nonblank, k, k + 1, removed):
            continue  # among the text: a table's cell, a program's output
        if (
            numbered_entry(nonblank, k)
            or (prose is not None and number_in_prose(nonblank, k, prose))
            or match_score(nonblank, k, taken)
            or score_pair(nonblank, k, taken)
        ):
            continue  # a number of the text's entries (a live report's minute), a score
        found[x.index] = (
            RULE_BARE_COUNT,
            {"line": x.index + 1, "digits": digits, "on_page": len(counts)},
        )


#: A month alone on its line, in a few languages, with its year or not ("Jun", "julio /
#: 2019", "März"): a part of a date a calendar widget prints over several lines.
_MONTH_LINE = regex.compile(
    r"(?:"
    + _MONTH
    + r"|januar|februar|märz|mär|mai|juni|juli|oktober|okt|dezember|dez|janvier|janv"
    r"|février|févr|mars|avril|avr|juin|juillet|juil|août|septembre|octobre|novembre"
    r"|décembre|déc|enero|ene|febrero|marzo|abril|abr|mayo|junio|julio|agosto|ago"
    r"|septiembre|setiembre|octubre|noviembre|diciembre|dic|gennaio|gen|febbraio|aprile"
    r"|maggio|mag|giugno|giu|luglio|lug|settembre|set|ottobre|ott|dicembre|janeiro|fevereiro"
    r"|fev|março|maio|junho|julho|setembro|outubro|out|dezembro|januari|februari|maart|mei"
    r"|augustus)\.?(?:\s*[/,-]?\s*\d{4})?",
    regex.IGNORECASE,
)
#: A weekday alone on its line ("dom", "Sat", "Montag", "mer."): a part of such a date.
_WEEKDAY_LINE = regex.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|lun|mar|mié|mie|jue|vie|sáb|sab|dom|lunes|martes|miércoles"
    r"|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    r"|sonntag|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?",
    regex.IGNORECASE,
)


def day_of_split_date(nonblank: list[Line], k: int) -> bool:
    """Whether the bare number ``nonblank[k]`` is a day (1 to 31) of a date printed over
    several lines: a month or a weekday alone on the line above or below it ("Jun" /
    "16", "dom" / "14" / "julio / 2019").

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Jun\\n16\\nA visit from the twin town\\n41\\nviews")
    >>> day_of_split_date(page, 1), day_of_split_date(page, 3)
    (True, False)
    """
    text = nonblank[k].text.strip()
    if not text.isdigit() or not 1 <= int(text) <= 31:
        return False
    return any(
        0 <= j < len(nonblank)
        and (
            _MONTH_LINE.fullmatch(nonblank[j].text.strip()) is not None
            or _WEEKDAY_LINE.fullmatch(nonblank[j].text.strip()) is not None
        )
        for j in (k - 1, k + 1)
    )


#: A host name and nothing else ("example.net", "www.example.co.uk", "blog.example.jp").
_HOSTNAME = regex.compile(
    r"(?:https?://)?(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}/?",
    regex.IGNORECASE,
)
#: Endings of file names, not of host names ("node.js", "setup.py").
_FILE_ENDINGS = frozenset(
    [
        "js",
        "ts",
        "py",
        "rb",
        "rs",
        "go",
        "sh",
        "md",
        "txt",
        "htm",
        "html",
        "php",
        "asp",
        "aspx",
        "jsp",
        "cgi",
        "exe",
        "dll",
        "zip",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "csv",
        "json",
        "xml",
        "yml",
        "yaml",
        "toml",
        "ini",
        "cfg",
        "log",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "svg",
        "webp",
        "mp3",
        "mp4",
    ]
)
#: Generic top-level domains a site's name ends in (any two letters are a country's).
_GENERIC_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "info",
        "biz",
        "edu",
        "gov",
        "mil",
        "int",
        "blog",
        "news",
        "online",
        "site",
        "app",
        "dev",
        "tech",
        "media",
        "club",
        "xyz",
        "top",
        "asia",
    ]
)


def _top_level(label: str) -> bool:
    """Whether ``label`` ends a host name: a country's two letters or a generic domain
    ("net.god", a Usenet group, is no host name; "setup.py" is a file's)."""
    return label not in _FILE_ENDINGS and (
        (len(label) == 2 and label.isalpha()) or label in _GENERIC_TLDS
    )


#: An empty list entry: a bullet or dash alone on its line.
_EMPTY_ITEM = frozenset({"-", "–", "•", "·", "▪", "◦"})


def _item_marker(
    k: int, nonblank: list[Line], removed: Mapping[int, tuple[str, dict[str, Any]]]
) -> bool:
    """Whether the bullet ``nonblank[k]`` is the marker of the item written on the very
    next line.

    Some extractions put a list's bullet on a line of its own and the entry's text on
    the next ("-" / "3 eggs" / "-" / "1 cup of sugar"): that bullet is not an empty
    entry, and it belongs with its text. It stays unless an earlier rule took that
    text (a teaser list's titles), or the next line is itself a bullet or blank.
    """
    if k + 1 >= len(nonblank):
        return False
    bullet, item = nonblank[k], nonblank[k + 1]
    return (
        item.index == bullet.index + 1
        and item.text not in _EMPTY_ITEM
        and item.index not in removed
    )


def _residue(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose_span: Callable[[], tuple[int, int]],
) -> None:
    """``boilerplate.shape.hostname`` and ``boilerplate.shape.empty_item``.

    A line that is a host name and nothing else (:data:`_HOSTNAME`: the site's name
    as its masthead or footer prints it, "kelun.example.jp") above the first prose
    line or below the last one; and a bullet or dash alone on its line
    (:data:`_EMPTY_ITEM`: the residue of a list entry whose text was an image or a
    link), when the page holds at least ``min_lines`` of them, and is not the marker of
    an entry written on the next line (:func:`_item_marker`).
    """
    empty: list[int] = []  # positions in nonblank of bullets alone on their line
    hosts: list[int] = []  # positions in nonblank of lines that are host names
    for k, x in enumerate(nonblank):
        text = x.text
        if text in _EMPTY_ITEM:
            if x.index not in code:
                empty.append(k)
        elif (
            "." in text
            and " " not in text
            and text.islower()
            and _HOSTNAME.fullmatch(text)
            and _top_level(text.rstrip("/").rsplit(".", 1)[1])
        ):
            hosts.append(k)
    if params.empty_item and len(empty) >= params.empty_item_min:
        for k in empty:
            x = nonblank[k]
            if _item_marker(k, nonblank, removed):
                continue
            if x.index not in removed and x.index not in found:
                found[x.index] = (
                    RULE_EMPTY_ITEM,
                    {"line": x.index + 1, "on_page": len(empty)},
                )
    if not params.hostname or not hosts:
        return
    first, last = prose_span()
    at = set(hosts)
    listed = {k for k in hosts if k - 1 in at or k + 1 in at}
    ends_sign_off = sign_off_test(nonblank, last, removed, found)
    for k in hosts:
        x = nonblank[k]
        if k in listed and k > last >= 0:
            continue  # host names in a row under the text: the sites it lists
        if first <= k <= last or x.index in code or x.index in removed or x.index in found:
            continue
        if k > last >= 0 and (_web_address(x.text) or ends_sign_off(k)):
            continue  # an address the text gives its reader, under its last line
        if _in_author_credit(nonblank, k):
            continue  # the author's site in the credit over the text, with their e-mail
        found[x.index] = (RULE_HOSTNAME, {"line": x.index + 1})


def _in_author_credit(nonblank: list[Line], k: int) -> bool:
    """Whether the host name ``nonblank[k]`` belongs to an author's credit: a byline
    ("By Ana Lima, President, ...") among the two lines above it, or an e-mail address
    at the same host right beside it ("info (at) example.org"), as a club newsletter's
    or a columnist's credit prints them.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> credit = "By Ana Lima, Editor\\nwww.club.org\\nana (at) club.org"
    >>> _in_author_credit([x for x in layout_lines(credit) if x.text], 1)
    True
    """
    if any(BYLINE_START.match(nonblank[j].text) for j in range(max(0, k - 2), k)):
        return True
    host = nonblank[k].text.lower().removeprefix("www.").rstrip("/")
    for j in (k - 1, k + 1):
        if 0 <= j < len(nonblank):
            near = nonblank[j].text.lower()
            if host in near and any(at in near for at in ("@", "(at)", "[at]", " at ")):
                return True
    return False


_TEXT_OF = operator.attrgetter("text")
#: A line that may be a widget's label repeated down a list: it holds a letter or a
#: digit (a "* * *" section break holds neither).
_LABEL_CHARACTER = regex.compile(r"[\p{L}\p{N}]")
#: A table's values, printed one cell to a line when a table is flattened ("Yes",
#: "N/A"), in a few languages: a repeated one is the table's, not a widget's label.
_TABLE_VALUES = frozenset(
    [
        "yes", "no", "n/a", "none", "true", "false", "free", "tbd", "tba", "unknown",
        "partial", "included", "optional", "required", "ja", "nein", "oui", "non", "sí",
        "sim", "não", "si", "nee", "tak", "nie", "evet", "hayır",
        # a recipe's amount "to taste", printed in its ingredients' table
        "to taste", "al gusto", "a gusto", "q.b.", "quanto basta", "nach geschmack",
        "nach belieben", "au goût", "selon le goût", "a gosto", "naar smaak", "do smaku",
    ]
)  # fmt: skip
#: An amount: a number, a fraction or a decimal, then a word ("1/2 pieza", "60 g",
#: "2 cups"): a table's value, one to each row of an ingredients' list flattened. Not a
#: zero: "0 Comments" under every teaser is a counter the template prints.
_AMOUNT = regex.compile(r"(?!0\s)\d+(?:[/.,]\d+)?\s+\p{L}.*")
#: A number and nothing else ("100", "2,5 %", "$40"): a table's cell or a score.
_NUMBER_ONLY = regex.compile(r"[\d\s.,%$€£+\-–]+")
#: A rank or a number on a line of its own ("1st", "3rd", "12", "4.5").
_RANK_OR_NUMBER = regex.compile(
    r"\d{1,4}(?:st|nd|rd|th|\.|º|ª)?|\d{1,6}(?:[.,]\d{1,3})?", regex.IGNORECASE
)


def _repeated_labels(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.repeated_label``: a short label printed again and again down
    the page, one copy to each item of a list the page shows ("Listen later", "Posted
    Updated", "• Education", a duration "10:37" under every episode of a podcast list):
    a widget's button or a teaser's tag, printed by the template once per item.

    Every copy goes when the line is printed at least ``min_copies`` times, the same
    each time (a template prints its label alike on every item), has at most
    ``max_words`` words and three
    characters or more, one of them a letter or a digit, ends no sentence and in no
    colon, comma or semicolon (a form's field or a speaker's name ends so), holds no
    date, is no table's value (:data:`_TABLE_VALUES`, a number), and no copy of it
    stands right over a prose line (a play's or an interview's
    speaker over the words spoken) or inside code. A refrain of a song is longer than
    the labels, or stands among longer lines of verse: so a line whose copy has a
    neighbour of more than twice ``max_words`` words that is no chrome stays too.
    """
    # most pages print no line three times: told in one C-level count of the texts
    min_copies = params.repeated_label_min_copies
    counts = Counter(map(_TEXT_OF, nonblank))
    repeated = {t for t, c in counts.items() if c >= min_copies and len(t) >= 3}
    if not repeated:
        return
    # every copy of a text has its word count, so a group holds all its copies or none
    groups: dict[str, list[int]] = {}
    max_words = params.repeated_label_max_words
    for k, x in enumerate(nonblank):
        if x.text in repeated and x.words <= max_words:
            groups.setdefault(x.text, []).append(k)
    long_words = 2 * max_words
    n = len(nonblank)

    def verse_beside(k: int) -> bool:
        for j in (k - 1, k + 1):
            if 0 <= j < n:
                y = nonblank[j]
                if y.words > long_words and y.index not in removed and y.index not in found:
                    return True
        return False

    for text, at in groups.items():
        if (
            ends_sentence(text)
            or text.rstrip("\"'”’)]").endswith((":", ",", ";"))
            or not _LABEL_CHARACTER.search(text)
            or text.casefold() in _TABLE_VALUES
            or _NUMBER_ONLY.fullmatch(text)
            or _AMOUNT.fullmatch(text)
            or _DATED.search(text)  # a month and a day: an event list's dates
            or _FULL_DATE.search(text)
        ):
            continue
        if any(
            nonblank[k].index in code or (k + 1 < n and prose(nonblank[k + 1])) or verse_beside(k)
            for k in at
        ):
            continue
        # each copy under a rank or a number ("1st" over "Period Shots", "3rd" over
        # "Star"): a table's row names, its cells printed a line each
        if all(k > 0 and _RANK_OR_NUMBER.fullmatch(nonblank[k - 1].text) for k in at):
            continue
        for k in at:
            x = nonblank[k]
            if x.index not in removed and x.index not in found:
                found[x.index] = (
                    RULE_REPEATED_LABEL,
                    {"line": x.index + 1, "copies": len(at)},
                )


#: The rules that take a weather widget's temperatures ("14°C", "25° 19°").
_WEATHER_RULES = frozenset({"boilerplate.ui.weather", "boilerplate.ui.weather_widget_i18n"})
#: A bare whole number of one to three digits: a rank, a score, a count.
_SMALL_INT = regex.compile(r"\d{1,3}")


def _forecast_entry(nonblank: list[Line], k: int) -> bool:
    """Whether the temperature line ``nonblank[k]`` is an entry of a forecast the text
    writes: a line of the same form (digits as "9": "99°C") stands two to four lines
    above or below it, and the line under each of them is a sentence of three words or
    more ("Saturday" / "18°C" / "Sunny spells, light winds." / "Sunday" / "21°C" / ...).
    A weather widget's reading stands alone, or among other readings and labels."""

    def form(x: Line) -> str:
        return regex.sub(r"\d", "9", x.text.strip())

    def entry(j: int) -> bool:
        return (
            j + 1 < len(nonblank)
            and nonblank[j + 1].words >= 3
            and ends_sentence(nonblank[j + 1].text)
        )

    if not entry(k):
        return False
    shape = form(nonblank[k])
    return any(
        0 <= k + d < len(nonblank) and form(nonblank[k + d]) == shape and entry(k + d)
        for step in (2, 3, 4)
        for d in (step, -step)
    )


#: A weather widget's own label over its reading ("Weather:", "Current conditions:"); not
#: "tempo"/"tiempo", which head a recipe's times too ("Tiempo de fermentación:" / "20 °C").
_WEATHER_LABEL = regex.compile(
    r"(?i)\b(?:weather|forecast|current conditions|wetter|météo|meteo|clima|pogoda|погода)\b"
)


def _field_value(nonblank: list[Line], k: int) -> bool:
    """Whether the temperature line ``nonblank[k]`` is the value of a field the text
    lists: the line above is a short label ending in a colon ("Fermentation Temp:" /
    "68 °F", "Oven:" / "180 °C") that names no weather widget ("Weather:").

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> lines = [x for x in layout_lines("Mash Temp:\\n152 °F\\n") if x.text.strip()]
    >>> _field_value(lines, 1)
    True
    """
    if k == 0:
        return False
    label = nonblank[k - 1].text.strip()
    return label.endswith(":") and nonblank[k - 1].words <= 4 and not _WEATHER_LABEL.search(label)


def _ranked_rows(nonblank: list[Line]) -> set[int]:
    """The positions in ``nonblank`` of the cells of a ranked table flattened to lines:
    bare whole numbers counting up by one (1, 2, 3 ...) three times or more at one
    stride of two to six lines (a league table's "1" / "Rovers" / "45" / "2" /
    "Athletic" / "44" ...), with bare numbers standing at one offset in every one of
    those rows (the points, also kept). A pager counts on consecutive lines; a widget's
    counters do not count up; a "most read" list numbers its headlines with no column
    of numbers beside them.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> rows = "1\\nRovers\\n45\\n2\\nAthletic\\n44\\n3\\nUnited\\n41\\n"
    >>> sorted(_ranked_rows([x for x in layout_lines(rows) if x.text]))
    [0, 2, 3, 5, 6, 8]
    """
    value: dict[int, int] = {
        k: int(x.text.strip())
        for k, x in enumerate(nonblank)
        if _SMALL_INT.fullmatch(x.text.strip())
    }
    out: set[int] = set()
    if len(value) < 3:
        return out
    # at each stride, how many numbers count up by one from each number (its chain's
    # rows), and whether every row of that chain has a number at each offset: one pass
    # from the bottom, so a long numbered list is not walked again from each number
    bottom_up = sorted(value, reverse=True)
    length: dict[int, dict[int, int]] = {}
    full: dict[tuple[int, int], dict[int, bool]] = {}
    for stride in range(2, 7):
        rows_from = length[stride] = {}
        for k in bottom_up:
            nxt = k + stride
            rows_from[k] = rows_from[nxt] + 1 if value.get(nxt) == value[k] + 1 else 1
        for off in range(1, stride):
            filled = full[stride, off] = {}
            for k in bottom_up:
                filled[k] = k + off in value and (rows_from[k] == 1 or filled[k + stride])
    for k in value:
        if k in out:
            continue
        for stride in range(2, 7):
            n_rows = length[stride][k]
            if n_rows < 3:
                continue
            rows = range(k, k + n_rows * stride, stride)
            cells = [off for off in range(1, stride) if full[stride, off][k]]
            if cells:  # a column of numbers beside the ranks: a table, not a list
                out.update(rows)
                for off in cells:
                    out.update(r + off for r in rows)
            break
    return out


#: The rule that takes read-also links and a bare source label ("Sumber:", "Quelle:").
RULE_READ_ALSO_MORE = "boilerplate.stub.read_also_more"
#: A label alone on its line, ending in a colon ("Sumber :", "Quelle:").
_BARE_LABEL = regex.compile(r"\p{L}[\p{L} ]{0,20}\s*[:：]")


def _credit_over_value(
    nonblank: list[Line], k: int, found: Mapping[int, tuple[str, dict[str, Any]]]
) -> bool:
    """Whether the bare label ``nonblank[k]`` ("Sumber :") heads its value on the next
    line: a line that no rule takes, of six words or fewer, ending no sentence ("•
    Istimewa", "Dinas Perdagangan Kota"), a name, so the label and its value are the
    text's credit. A label ending the page, or over a sentence or a widget, still goes."""
    if _BARE_LABEL.fullmatch(nonblank[k].text.strip()) is None or k + 1 >= len(nonblank):
        return False
    below = nonblank[k + 1]
    return below.index not in found and below.words <= 6 and not ends_sentence(below.text)


def _starts_next(label: str, below: str) -> bool:
    """Whether the line ``below`` starts with the words of ``label`` (two words or more)
    and goes on with more words: the label is a name the next line is about.

    >>> _starts_next("Ann Lee", "Ann Lee Editor - Photographer"), _starts_next("News", "News today")
    (True, False)
    """
    words = label.split()
    if len(words) < 2:
        return False
    rest = below.split()
    return len(rest) > len(words) and [w.casefold() for w in rest[: len(words)]] == [
        w.casefold() for w in words
    ]


def sign_off_test(
    nonblank: list[Line],
    last: int,
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: Mapping[int, tuple[str, dict[str, Any]]],
) -> Callable[[int], bool]:
    """Whether the line ``nonblank[k]`` (a host name, a site's name) ends the text's
    sign-off, as a test of ``k``: one line or more stands between it and the text's last
    prose line ``nonblank[last]`` ("With thanks," / "Mary Shaw" / "01632 960555"), and no
    rule took any of them. A footer's site name stands right under the text, or under
    chrome.

    Asked of increasing ``k`` (as :func:`_residue` asks, deciding each host name in
    turn), it reads each line between once: a line is read when every host name above
    it has been decided, so what took it is final."""
    scanned = last + 1  # nonblank[last + 1 : scanned] read: none taken while ``clear``
    clear = True

    def test(k: int) -> bool:
        nonlocal scanned, clear
        while clear and scanned < k:
            x = nonblank[scanned]
            clear = x.index not in removed and x.index not in found
            scanned += 1
        return clear and k > last + 1

    return test


def _web_address(text: str) -> bool:
    """Whether the host name ``text`` is written as an address for a reader to type
    ("www.example.org", "https://example.org"): under the text it is the author's or the
    subject's address, a sign-off or a contact line. A site's masthead and footer print
    its bare name ("kelun.example.jp"), which the rule still takes.

    >>> _web_address("www.example.org"), _web_address("kelun.example.jp")
    (True, False)
    """
    return text.casefold().startswith(("www.", "http://", "https://"))


def page_title(
    nonblank: list[Line],
    removed: Mapping[int, Any],
    found: Mapping[int, Any],
) -> str | None:
    """The page's title: the text of its first line left with ``_TITLE_WORDS`` words or
    more that is no list entry (a bulleted headline of a menu above it is not the
    title). The context rules never take it, nor a line repeating it."""
    return next(
        (
            x.text
            for x in nonblank
            if x.index not in removed
            and x.index not in found
            and x.words >= _TITLE_WORDS
            and not _BULLET.match(x.text)
        ),
        None,
    )


def _title_over_date(x: Line, y: Line) -> bool:
    """Whether ``x`` is a title over its date line ``y``: ``x`` has ``_TITLE_WORDS``
    words or more and ends no sentence, ``y`` holds a year in at most six words."""
    return (
        x.words >= _TITLE_WORDS
        and not ends_sentence(x.text)
        and y.words <= 6
        and _YEAR.search(y.text) is not None
    )


#: The rule families of a comment section's widgets ("1 comment:", "Expand full
#: comment", "Reply", "Post a Comment"): a sentence between two of them is a reader's.
_COMMENT_FAMILY = ("boilerplate.comments.", "boilerplate.forum.")


#: A word: letters and digits.
_WORDS = regex.compile(r"[\p{L}\p{N}]+")
#: The rule family of an advertisement's slot ("Advertisement", "Story continues below").
_AD_FAMILY = "boilerplate.ads."


def _between_ads(
    first: Line,
    last: Line,
    between: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: Mapping[int, tuple[str, dict[str, Any]]],
    next_text: str | None = None,
) -> bool:
    """Whether ``between`` holds the article's lines between two advertisement slots: a
    site sets its advertisements inside the article's body, so a sentence standing
    between two of them ("Advertisement" / "Yes." / "Advertisement", an interview's
    short answer), or a line writing a word (four letters or more) of the paragraph
    ``next_text`` under the run (its heading or dek), is the article's; a section's
    label there ("City") still goes."""

    def ad(x: Line) -> bool:
        hit = removed.get(x.index) or found.get(x.index)
        return hit is not None and hit[0].startswith(_AD_FAMILY)

    if not (ad(first) and ad(last)):
        return False
    if any(holds_sentence(x.text) for x in between):
        return True
    # a heading or a dek of the paragraph under the slot: it shares a word with it
    below = next_text.casefold() if next_text else ""
    return bool(below) and any(
        sum(map(str.isalpha, w)) >= 4 and written_as_words(below, w)
        for x in between
        for w in _WORDS.findall(x.text.casefold())
    )


#: An emoticon closing a line ("Lovely! :)", "so good xD", "<3"): a reader writing. Searched
#: from the line's end ``(?r)``: searched forward, a long run of blanks or symbols that no
#: emoticon closes is scanned again from each of its characters (quadratic time).
_TRAILING_EMOTICON = regex.compile(r"(?r)\s*(?:[:;=8][-'^]?[()DPpOo3/\\|*]+|[xX]D+|<3|\p{So}+)\s*$")
#: A word written in small letters.
_SMALL_WORD = regex.compile(r"\b\p{Ll}[\p{Ll}'’-]*\b")


def written_sentence(text: str) -> bool:
    """Whether ``text`` reads as a person's written sentence rather than a widget's
    label: it holds a sentence once an emoticon closing it is set aside ("This is
    lovely! :)"), or it has five words or more, the first capitalised and most of the
    others in small letters ("You should give it a try, send photos"): sentence case,
    which menus, buttons and titles seldom use at that length.

    >>> written_sentence("This is lovely! :)"), written_sentence("You should give it a try")
    (True, True)
    >>> written_sentence("Post a Comment"), written_sentence("8 months ago")
    (False, False)
    """
    bare = _TRAILING_EMOTICON.sub("", text).strip(" •·-*")
    if bare and holds_sentence(bare):
        return True
    words = bare.split()
    return (
        len(words) >= 5
        and words[0][:1].isupper()
        and 2 * len(_SMALL_WORD.findall(" ".join(words[1:]))) > len(words) - 1
    )


def _reader_comment(
    first: Line,
    last: Line,
    between: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: Mapping[int, tuple[str, dict[str, Any]]],
) -> bool:
    """Whether ``between`` holds a reader's comment: a line that ends a sentence, between
    two lines a comment rule removed (the comment's own widgets, or a thread's count
    and its form). The commenter's name line and "2 months ago" end no sentence."""

    def comment_widget(x: Line) -> bool:
        hit = removed.get(x.index) or found.get(x.index)
        return hit is not None and hit[0].startswith(_COMMENT_FAMILY)

    return (
        comment_widget(first)
        and comment_widget(last)
        and any(written_sentence(x.text) for x in between)
    )


def _chrome_runs(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.chrome_run``: short lines sandwiched between chrome lines.

    A run is a stretch of consecutive non-blank lines none of which is a prose line
    left in place (a removed line is a member whatever its shape). In a run holding
    at least ``min_removed`` lines that other rules removed, the short lines between
    its first and last removed line are chrome too, when there are at most
    ``max_kept`` of them between two removed lines (jusText's "a short block between
    bad blocks is bad"); so are the short lines after the last removed line when the
    run ends the page (``bottom``). Lines between a prose line and the first removed
    line of a run (a sign-off, a caption), and lines between the last removed line and
    the prose below (a heading, a title, a byline), stay: they belong to the text.
    """

    def gone(ln: Line) -> bool:
        hit = removed.get(ln.index) or found.get(ln.index)
        return hit is not None and hit[0] not in _RUN_WEAK

    title = page_title(nonblank, removed, found)
    by_index = {x.index: x for x in nonblank}
    k = 0
    n = len(nonblank)
    while k < n:
        ln = nonblank[k]
        if ln.index in code or (not gone(ln) and prose(ln) and ln.index not in removed):
            k += 1
            continue
        j = k
        while j < n:
            x = nonblank[j]
            if x.index in code or (prose(x) and x.index not in removed and x.index not in found):
                break
            j += 1
        members = nonblank[k:j]
        marks = [gone(x) for x in members]
        hits = [p for p, g in enumerate(marks) if g]
        if len(hits) >= params.chrome_run_min_removed:
            take: list[tuple[int, str]] = []
            for a, b in itertools.pairwise(hits):
                between = [members[p] for p in range(a + 1, b) if members[p].index not in removed]
                # the page's title stays, and so do the lines beside it (its date line);
                # so does a title over its date line ("7 May, 2025 Politics")
                # a line ending in "&" or "," goes on in the next one (a list of
                # the authors' names, "Ana Lima 3 &"): the text's, not a widget's
                if (
                    0 < len(between) <= params.chrome_run_max_kept
                    and all(_label_like(x, params) and x.text != title for x in between)
                    and not any(x.text.rstrip().endswith(("&", ",")) for x in between)
                    and not any(_title_over_date(x, y) for x, y in itertools.pairwise(between))
                    and not _reader_comment(members[a], members[b], between, removed, found)
                    and not _between_ads(
                        members[a],
                        members[b],
                        between,
                        removed,
                        found,
                        nonblank[j].text if j < n else None,
                    )
                    and not any(
                        _last_crumb(members[p], members[p - 1], members[p + 1])
                        or _under_image(members[p - 1])
                        for p in range(a + 1, b)
                    )
                ):
                    # a heading of the text under the run stays (its topic is the text's),
                    # and so do a credit line ("Foto: Ana Lima") and a caption under an
                    # image's file name or alt text
                    below = nonblank[j] if j < n else None
                    take += [
                        (members[p].index, "between")
                        for p in range(a + 1, b)
                        if members[p].index not in removed
                        and not _heads_text(members[p], below)
                        and not CREDIT.fullmatch(members[p].text)
                        and not FIELD.fullmatch(members[p].text)
                        and not _image_name(members[p - 1], removed.get(members[p - 1].index))
                    ]
            if params.chrome_run_bottom and j == n:
                tail = [x for x in members[hits[-1] + 1 :] if x.index not in removed]
                if 0 < len(tail) <= params.chrome_run_max_kept and all(
                    _label_like(x, params)
                    and not CREDIT.fullmatch(x.text)
                    and not FIELD.fullmatch(x.text)
                    for x in tail
                ):
                    take += [(x.index, "page_end") for x in tail]
            for i, where in take:
                if i not in found and i not in removed and by_index[i].text != title:
                    found[i] = (
                        RULE_CHROME_RUN,
                        {"line": i + 1, "where": where, "run_removed": len(hits)},
                    )
        k = j


# --------------------------------------------------------------------------- guards of
# the phrase rules: facts of an article's lines that a rule's words cannot see

#: A field of the text and its value: a label of one to three words, a colon, a value
#: ("When: Saturday 6 July", "Where: Ashby Green", "Academic year: 2021"): an event's,
#: a recipe's or a document's facts. A counter's or a widget's fields are the phrase
#: rules' to take; a shape rule leaves them.
FIELD = regex.compile(r"\p{L}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,2} ?[:：] +[\p{L}\p{N}].*")

#: A fact of a recipe or an event under its title: a field whose short value holds a
#: number ("Prep time: 15 minutes", "Serves: 4"); "News Release: A Clinic Breaks
#: Ground ..." and "Channel: Travel Tips" are titles and labels, not facts.
_FACT = regex.compile(
    r"\p{L}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,2} ?[:：] +(?=[^ ]*\d)\S+(?: \S+){0,3}"
)

#: The rules that take a bare number or symbol (a counter, a page number).
BARE_NUMBER_RULES = frozenset({"boilerplate.stub.bare_number", RULE_BARE_COUNT})
#: The rule that takes a hashtag standing alone (a plugin's section label).
RULE_HASHTAG_LABELS = "boilerplate.ui.hashtag_labels"
#: A number leading a line ("90+2", "03.1", "12."), the number's form kept in group 1.
_LEADING_NUMBER = regex.compile(r"(\d+(?:[.+]\d+)*)\.?(?:\s|$)")
#: A sentence inside a line: a full stop, "!" or "?" followed by another word.
_INNER_SENTENCE = regex.compile(r"\p{L}{2}[.!?]\s+\p{L}")


def _number_form(text: str) -> str | None:
    """The form of the number leading ``text``, digits as "9" ("03.1" → "99.9"), or None."""
    m = _LEADING_NUMBER.match(text)
    return None if m is None else regex.sub(r"\d", "9", m.group(1))


def numbered_entry(nonblank: list[Line], k: int) -> bool:
    """Whether the bare number ``nonblank[k]`` numbers an entry of the text: a line of
    three words or more follows it, and the line two places above or below leads with a
    number of the same form (a live report's minutes, "90" / "Corner kick." / "88"; a
    statute's clause numbers, "02.3 The club ..." / "§ 3 Members" / "03.1"). A counter's
    value stands under or over its word ("12" / "Likes"); a pager's numbers follow each
    other with nothing between. A cell of a flattened table (:func:`_table_column`)
    numbers its row as well.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("88\\nA corner kick for the home side.\\n86\\nA card for Kerr.\\n")
    >>> numbered_entry(page, 2), numbered_entry(layout_lines("12\\nLikes\\n3\\nComments"), 2)
    (True, False)
    """
    if _table_column(nonblank, k):
        return True
    form = _number_form(nonblank[k].text)
    if form is None or k + 1 >= len(nonblank) or nonblank[k + 1].words < 3:
        return False
    if _number_form(nonblank[k + 1].text) is not None:
        return False  # numbers on consecutive lines: a pager, a table's column
    if any(
        0 <= j < len(nonblank) and _number_form(nonblank[j].text) == form for j in (k - 2, k + 2)
    ):
        return True
    text = nonblank[k].text
    # sections numbered in sequence: the next or the previous number alone on a line
    # over a text ("1" / "The first time ..." ... "2" / "Years later ...")
    if not text.isdigit():
        return False
    near = {str(int(text) + 1), str(int(text) - 1)}
    return any(
        x.text in near
        and j + 1 < len(nonblank)
        and nonblank[j + 1].words >= 3
        and _number_form(nonblank[j + 1].text) is None
        for j, x in enumerate(nonblank)
    )


#: A number alone on its line, with its thousands' separators ("1,204", "987").
_CELL_NUMBER = regex.compile(r"\d{1,3}(?:[,.  ]\d{3})*|\d+")


def _name_cell(x: Line) -> bool:
    """A table's row label: two to five words of letters, no digit, no sentence ("Amy
    Green"); a bulleted word ("• visitors") is a widget's entry."""
    words = sum(1 for w in x.text.split() if w[:1].isalpha())
    return 2 <= words <= 5 and not _DIGIT.search(x.text) and not ends_sentence(x.text)


def _table_column(nonblank: list[Line], k: int) -> bool:
    """Whether the number ``nonblank[k]`` is a cell of a two-column table flattened to
    lines: it stands under a row label of two words or more, and the rows above or
    below it, two of them or more, have the same shape ("Amy Green" / "1,204" / "Tom
    Black" / "987" / "Sam White" / "312": votes, results, prices). A widget's counters
    stand under one word each ("Likes" / "12")."""
    if _CELL_NUMBER.fullmatch(nonblank[k].text) is None or k == 0:
        return False
    if not _name_cell(nonblank[k - 1]):
        return False
    rows = 0
    for step in (-2, 2):
        j = k + step
        while 1 <= j < len(nonblank) and (
            _CELL_NUMBER.fullmatch(nonblank[j].text) is not None and _name_cell(nonblank[j - 1])
        ):
            rows += 1
            j += step
    return rows >= 2


#: The numbers written in a line ("78-74" holds 78 and 74; "1,078" is one number).
_NUMBERS = regex.compile(r"\d+(?:[.,]\d+)*")


def number_in_prose(nonblank: list[Line], k: int, prose: Callable[[Line], bool]) -> bool:
    """Whether the bare number ``nonblank[k]`` (two digits or more) and the label over it
    are written in one prose line of the text, the label as whole words: a score under
    its team's name ("Hawks" / "78" over "The Hawks beat the Pines 78-74"), a table's
    cell the text quotes. A counter's value is not ("Views" / "74" beside "74 previews"),
    nor a document's page count over its title.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("The Hawks beat the Pines 78-74 on Friday night in overtime.\\n"
    ...                     "Hawks\\n78\\nPines\\n74\\nViews\\n74")
    >>> [number_in_prose(page, k, lambda x: x.words > 6) for k in (2, 4, 6)]
    [True, True, False]
    """
    text = nonblank[k].text
    if k == 0 or len(text) < 2 or not text.isdigit():
        return False
    label = nonblank[k - 1].text.casefold()
    if not label or len(label) > 40 or label[-1].isdigit():
        return False
    return any(
        j != k
        and prose(x)
        and written_as_words(x.text.casefold(), label)
        and text in _NUMBERS.findall(x.text)
        for j, x in enumerate(nonblank)
    )


def holds_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence or holds one ("Looks tasty. xx"): written prose,
    not a widget's label."""
    return ends_sentence(text) or _INNER_SENTENCE.search(text) is not None


def _tag_in_text(nonblank: list[Line], k: int, prose: Callable[[Line], bool]) -> bool:
    """Whether the hashtag line ``nonblank[k]`` is a hashtag the text's prose writes, "#"
    and all: the post's subject (its title "#BakingSunday" over "#BakingSunday began as
    a joke ..."), not a plugin's section label (a topic page's "#garden tools" over
    a text that says "garden" without the "#" still goes, and so does "#baking" over a
    text that writes only the longer tag "#BakingSunday")."""
    tag = nonblank[k].text.split()[0].casefold()
    if len(tag) < 4:
        return False
    return any(
        j != k and prose(x) and written_as_words(x.text.casefold(), tag)
        for j, x in enumerate(nonblank)
    )


#: The rule that takes template tokens and placeholders ("{{title}}", "[ad_1]").
RULE_TEMPLATE_TOKEN = "boilerplate.stub.template_token"
#: A placeholder of a template's syntax ("{{company_name}}"), alone or inside a line.
_PLACEHOLDER = regex.compile(r"\{\{[^{}\n]{1,60}\}\}")


def _template_text(nonblank: list[Line], k: int, prose: Callable[[Line], bool]) -> bool:
    """Whether the placeholder line ``nonblank[k]`` belongs to a text that is itself a
    template: a prose line of the page writes placeholders of the same syntax ("Press
    Release: {{company_name}} expands ..."), so its lone placeholders are the template's
    fields, not a page generator's leftovers."""
    if _PLACEHOLDER.fullmatch(nonblank[k].text) is None:
        return False
    return any(
        j != k and prose(x) and _PLACEHOLDER.search(x.text) is not None
        for j, x in enumerate(nonblank)
    )


#: The rule that takes an image's alternative text ("Logo", "NIMBioS logo banner.").
RULE_IMAGE_ALT = "boilerplate.ui.image_alt"
#: The word "logo" in an alternative text, and what is around a name in it.
_LOGO = regex.compile(r"\blogo(?:tipo|type)?\b", regex.IGNORECASE)
_NAME_TRIM = " .,:;-–—|()[]\"'"


def _subjects_logo(nonblank: list[Line], k: int, prose: Callable[[Line], bool]) -> bool:
    """Whether the logo's label ``nonblank[k]`` ("Northfield Labs logo.") names whom the
    text is about: the name without the word "logo" is written, as whole words, in a
    prose line of the text ("Site logo" is not named by "website"). A press release's or
    a report's picture of its subject's logo, with its caption, is the article's; the
    site's own logo is named in no sentence of it."""
    text = nonblank[k].text
    if _LOGO.search(text) is None:
        return False
    name = _LOGO.sub(" ", text).strip(_NAME_TRIM)
    name = " ".join(name.split())
    if len(name) < 3:
        return False
    folded = name.casefold()
    return any(
        j != k and prose(x) and written_as_words(x.text.casefold(), folded)
        for j, x in enumerate(nonblank)
    )


#: The rules that take a row of footer links ("Privacy, Cookies, Terms").
_FOOTER_LINK_RULES = frozenset(
    {"boilerplate.nav.footer_links", "boilerplate.nav.footer_links_i18n"}
)
#: The separators between the entries of a row of links.
_ENTRY_SEP = regex.compile(r"\s*(?:[,|•·/]|\s-\s)\s*")


def _one_word_repeated(text: str) -> bool:
    """Whether the row ``text`` repeats one entry ("Terms, Terms, Terms"): a title
    that says its word three times, since a menu lists different places."""
    entries = [e.casefold() for e in _ENTRY_SEP.split(text.strip()) if e]
    return len(entries) >= 2 and len(set(entries)) == 1


# ---------------------------------------------------------------- guards of bp-label-18
#: The rule that takes counters and gallery positions ("1 of 51", "Views 3").
RULE_COUNTER = "boilerplate.stub.counter"
#: A grade or a position alone on its line: "3/5", "8 / 10", "4 von 5" (groups: the
#: number and the scale's top). The counter's other forms carry a word ("Views 3").
_OUT_OF = regex.compile(
    r"(\d{1,3})\s*(?:/|of|von|de|di|dari|sur|van)\s*(\d{1,3})", regex.IGNORECASE
)
#: The label of a grade standing alone over it, in the languages review sites write
#: ("Rating", "Our verdict:", "Wertung", "Nota final"); the colon is optional.
_GRADE_LABEL = regex.compile(
    r"(?:(?:our|my|overall|final|the)\s+)?(?:rating|score|verdict|grade)"
    r"|(?:gesamt)?(?:wertung|bewertung|note)|fazit|note(?: finale)?|verdict|évaluation"
    r"|puntuaci[óo]n|valoraci[óo]n|calificaci[óo]n|nota(?: final| finale)?|valutazione|voto"
    r"|giudizio|ocena(?: końcowa)?|beoordeling|cijfer|оценка|рейтинг|puan|değerlendirme"
    r"|nilai|penilaian|avalia[çc][ãa]o",
    regex.IGNORECASE,
)


def _grade_on_scale(nonblank: list[Line], k: int, bottoms: frozenset[int] | None = None) -> bool:
    """Whether the counter ``nonblank[k]`` ("3/5") is a grade on a scale, the text's: the
    page prints the scale's bottom, "0/5", alone on a line (a review's scale explained
    grade by grade: a gallery's positions start at 1, so none is 0), or the line right
    above is a grade's label ("Rating", "Wertung:"): a review's verdict "8/10". A
    gallery's "3 of 12" stands under a caption or over one, never under "Rating".
    ``bottoms``: :func:`_scale_bottoms` of ``nonblank`` (read here when None; a caller
    judging several counters of a page reads it once).

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("0/5\\nNot worth it.\\n1/5\\nBarely.\\nPhoto 2 of 9\\n2 of 9")
    >>> [_grade_on_scale(page, k) for k in (0, 2, 5)]
    [True, True, False]
    """
    m = _OUT_OF.fullmatch(nonblank[k].text.strip())
    if m is None:
        return False
    top = int(m.group(2))
    if top == 0 or int(m.group(1)) > top:
        return False
    if k and _GRADE_LABEL.fullmatch(nonblank[k - 1].text.strip().rstrip(":：").strip()):
        return True
    return top in (_scale_bottoms(nonblank) if bottoms is None else bottoms)


def _scale_bottoms(nonblank: list[Line]) -> frozenset[int]:
    """The tops of the scales whose bottom ``nonblank`` prints alone on a line ("0/5",
    "0 of 10": 5 and 10), for :func:`_grade_on_scale`.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> sorted(_scale_bottoms(layout_lines("0/5\\nText.\\n0 of 10\\n1/5\\n00/7")))
    [5, 10]
    """
    tops = set()
    for x in nonblank:
        g = _OUT_OF.fullmatch(x.text.strip())
        if g is not None and g.group(1) == "0":
            tops.add(int(g.group(2)))
    return frozenset(tops)


#: The phrase rules that take a site's section names standing alone ("News", "Shop",
#: "Actualités") above an article.
SECTION_LABEL_RULES = frozenset(
    {
        "boilerplate.nav.section_labels",
        "boilerplate.nav.section_labels_i18n",
        "boilerplate.generic.news_sections_i18n",
    }
)


#: Sections that are a service page of their own, not an article's category: a shop,
#: a weather or games page, the newsletters' or podcasts' page, the e-paper.
_SERVICE_PAGES = frozenset(
    {
        "shop",
        "store",
        "weather",
        "games",
        "podcasts",
        "newsletters",
        "e-paper",
        "epaper",
        "jobs",
        "events",
        "classifieds",
        "obituaries",
    }
)


def _section_page_title(
    nonblank: list[Line],
    k: int,
    found: Mapping[int, tuple[str, dict[str, Any]]],
    prose: Callable[[Line], bool],
) -> bool:
    """Whether the section name ``nonblank[k]`` ("Shop") is the title of the section's
    own page: the name of a service page (:data:`_SERVICE_PAGES`: a shop, the weather,
    the newsletters), every line above it chrome (removed, or a match of this pass), and
    the line right under it the text's first paragraph, so no other heading names the
    page ("Shop" / "Our book sales began in 1973 ..."). An article's category ("News",
    "Culture") stays a label even right over the text (the article's title lost), and
    a label over or under an article's title goes.
    """
    if line_key(nonblank[k].text) not in _SERVICE_PAGES:
        return False
    if k + 1 >= len(nonblank) or not prose(nonblank[k + 1]):
        return False
    if nonblank[k + 1].index in found:
        return False
    return all(x.index in found for x in nonblank[:k])


#: The rule that takes forum software's thread furniture ("Quote", "Zitat", "Reply").
RULE_FORUM_THREAD = "boilerplate.forum.thread"
RULE_REPLY_SUBJECT = "boilerplate.forum.reply_subject"
RULE_TAGLINE_SEPARATED = "boilerplate.nav.tagline_separated"
#: A full date anywhere in a line ("Friday 17 July 2020", "March 3, 2021", "2021-03-03"):
#: a row of short items joined by bars that holds one is a byline's date line with its
#: widget labels ("Ana Lima | Friday 17 July 2020 | Like | Save"), not a tagline.
_FULL_DATE = regex.compile(_DATE_FORMS, regex.IGNORECASE)


def _quote_head(nonblank: list[Line], k: int, prose: Callable[[Line], bool]) -> bool:
    """Whether the forum's button word ``nonblank[k]`` is the head of a quotation in a
    post: written with a colon ("Quote:", "Zitat:", "Citation :") over a prose line, the
    quoted text, which the post's writer set in a quote box. The button ("Quote",
    "Reply with quote") stands among the other buttons, with no colon and no text under
    it; the quoted words and their head are the reader's post (``RULES.md``)."""
    text = nonblank[k].text.rstrip()
    if not text.endswith((":", "：")) or line_key(text) not in _QUOTE_HEADS:
        return False
    return k + 1 < len(nonblank) and prose(nonblank[k + 1])


#: The word of a forum's quote box in the languages the boards ship.
_QUOTE_WORDS = (
    "quote",
    "zitat",
    "citation",
    "cita",
    "citazione",
    "cytat",
    "цитата",
    "citaat",
    "alıntı",
    "kutipan",
    "lainaus",
    "citat",
    "citace",
    "idézet",
    "引用",
)
#: Their :func:`~.rules.line_key` forms, as a line's is compared ("alıntı" is "alinti":
#: the key folds a dotless i as a case-insensitive match does).
_QUOTE_HEADS = frozenset(map(line_key, _QUOTE_WORDS))


#: A name standing alone over a score: letters, up to six words, no digit ("Walsall
#: F.C", "Real Madrid CF").
_TEAM = regex.compile(r"\p{L}[\p{L}\p{M}.'’&\- ]{0,60}")
#: The scorers of one side with their minutes, under its score: "Danny Rose 90+10",
#: "Kane 12', 45+1' (pen)", "Lopes 3, Silva 77".
_MINUTE = r"\d{1,3}(?:\+\d{1,2})?['’]?(?:\s*\((?:pen|p|og|o\.g)\.?\))?"
_SCORERS = regex.compile(
    r"(?:\p{L}[\p{L}\p{M}.'’\- ]{0,40}?\s+" + _MINUTE + r"(?:\s*,\s*" + _MINUTE + r")*[,;]?\s*)+",
    regex.IGNORECASE,
)


def _team_name(x: Line, taken: Callable[[int], bool]) -> bool:
    """Whether ``x`` may be a team's name over its score: a name (:data:`_TEAM`) of up
    to six words, no sentence, that no rule took as chrome (``taken``, by line index)."""
    text = x.text.strip()
    return (
        _TEAM.fullmatch(text) is not None
        and len(text.split()) <= 6
        and not ends_sentence(text)
        and not taken(x.index)
    )


def _scored_side(nonblank: list[Line], k: int, taken: Callable[[int], bool]) -> bool:
    """Whether ``nonblank[k]``, a number, is a side's score: a name over it and the
    side's scorers with their minutes under it ("Walsall F.C" / "1" / "Danny Johnson
    13"), neither of them taken by a rule (``taken``: a comments' count "Comments 3"
    reads as a name with a minute)."""
    if k == 0 or k + 1 >= len(nonblank) or not nonblank[k].text.strip().isdigit():
        return False
    if not _team_name(nonblank[k - 1], taken):
        return False
    below = nonblank[k + 1]
    text = below.text.strip()
    # a scorers' line is short; a longer line (a paragraph) is not tried at all
    return len(text) <= 120 and _SCORERS.fullmatch(text) is not None and not taken(below.index)


def _nothing_taken(index: int) -> bool:
    return False


def match_score(
    nonblank: list[Line], k: int, taken: Callable[[int], bool] = _nothing_taken
) -> bool:
    """Whether the bare number ``nonblank[k]`` is a side's score in a match report's
    scoreboard: a team's name over it, and either the side's scorers with their minutes
    under it or the other side's name, score and scorers three lines away ("Walsall
    F.C" / "1" / "Danny Johnson 13" / "Stevenage F.C" / "1" / "Danny Rose 90+10"). A
    counter's value stands under or over one word ("Likes" / "12"), never over a name
    with a minute. A line a rule took (``taken``, by line index: the rules' matches so
    far) is neither a name nor scorers ("Likes" / "12" / "Comments 3", the comments'
    count taken).

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Harbour FC\\n2\\nAmy Lane 13, 40\\nHill Rovers\\n0\\nText.")
    >>> [match_score(page, k) for k in (1, 4)], match_score(layout_lines("Likes\\n12"), 1)
    ([True, True], False)
    >>> match_score(page, 1, taken=lambda i: i == 2), match_score(page, 4, lambda i: i == 0)
    (False, False)
    """
    text = nonblank[k].text.strip()
    if not text.isdigit() or len(text) > 2 or k == 0:
        return False
    if _scored_side(nonblank, k, taken):
        return True
    if not _team_name(nonblank[k - 1], taken):
        return False
    return any(0 <= j < len(nonblank) and _scored_side(nonblank, j, taken) for j in (k - 3, k + 3))


#: A token that is a number ("9", "18.00", "1,099").
_NUMBER_TOKEN = regex.compile(r"\d[\d,.]*")


def _score_row(line: Line) -> bool:
    """Whether ``line`` reads as a row of a score table: three numbers or more among its
    words ("Clive Maynard Bowled 9 50 1 18.00"), or a name and then a number ("Valley
    RFC 2"), not a number alone or a counter's label ("4 min read").

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> rows = layout_lines("Valley RFC 2\\nAnn Lee Bowled 9 50 1 18.00\\n4 min read\\n12")
    >>> [_score_row(x) for x in rows]
    [True, True, False, False]
    """
    words = line.text.split()
    if len(words) < 2:
        return False
    numbers = sum(1 for w in words if _NUMBER_TOKEN.fullmatch(w))
    if numbers >= 3:
        return True
    return bool(_NUMBER_TOKEN.fullmatch(words[-1]) and any(c.isalpha() for c in words[-2]))


def score_pair(nonblank: list[Line], k: int, taken: Callable[[int], bool] = _nothing_taken) -> bool:
    """Whether the bare number ``nonblank[k]`` is one of two scores standing one under
    the other in a scoreboard or a scorecard: the line beside it is a bare number too,
    and the line beside that pair, on either side, is a row of the table
    (:func:`_score_row`) no rule took ("Valley RFC 2" / "7" / "19" / "Hill RFC"; "for 10
    wickets" / "28" / "121" / "Ann Lee Bowled 9 50 1 18.00"). A widget's counters stand
    beside labels and buttons ("Copied!" / "8" / "0" / "Share").

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Valley RFC 2\\n7\\n19\\nHill RFC\\nCopied!\\n8\\n0\\nShare")
    >>> [score_pair(page, k) for k in (1, 2, 5, 6)]
    [True, True, False, False]
    """

    def bare(j: int) -> bool:
        return 0 <= j < len(nonblank) and nonblank[j].text.strip().isdigit()

    def row(j: int) -> bool:
        return 0 <= j < len(nonblank) and not taken(nonblank[j].index) and _score_row(nonblank[j])

    if not bare(k):
        return False
    for a, b in ((k - 1, k), (k, k + 1)):
        if bare(a) and bare(b) and (row(a - 1) or row(b + 1)):
            return True
    return False


def _said_once(nonblank: list[Line], k: int) -> bool:
    """Whether no other line of the page is ``nonblank[k]`` again (case and spacing
    aside): a forum prints a reply's subject over every reply ("Re: Turbo challenge"),
    a mailing-list message or a letter names its subject once.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Re: Turbo challenge\\nGood luck.\\nre:  turbo challenge\\nRe: Other")
    >>> [_said_once(page, k) for k in (0, 3)]
    [False, True]
    """
    key = " ".join(nonblank[k].text.split()).casefold()
    return not any(
        j != k and " ".join(x.text.split()).casefold() == key for j, x in enumerate(nonblank)
    )


def vetoed(
    nonblank: list[Line],
    found: Mapping[int, tuple[str, dict[str, Any]]],
    prose: Callable[[Line], bool],
) -> set[int]:
    """The line indexes of ``found`` (phrase rules' matches among the lines ``nonblank``
    still there) that a fact of the page shows to be the text's: a bare number numbering
    an entry (:func:`numbered_entry`) or a score the text quotes
    (:func:`number_in_prose`), a hashtag the text's prose writes (:func:`_tag_in_text`),
    a placeholder of a text that is a template (:func:`_template_text`), the logo of
    whom the text is about (:func:`_subjects_logo`), a title repeating one word where a
    row of footer links was seen (:func:`_one_word_repeated`), a grade on a scale
    (:func:`_grade_on_scale`), a section's name heading its own page
    (:func:`_section_page_title`), a quotation's head in a forum post
    (:func:`_quote_head`), a side's score in a match's scoreboard (:func:`match_score`,
    :func:`score_pair`), a reply's subject the page names once (:func:`_said_once`), a
    row joined by bars that holds a full date (:data:`_FULL_DATE`: a byline's date line),
    a name run into a date above the text (:func:`_byline_above_text`)."""
    out: set[int] = set()
    if not found:
        return out
    pos: dict[int, int] | None = None
    ranked: set[int] | None = None  # the cells of a ranked table, found once a page
    bottoms: frozenset[int] | None = None  # the scales' printed bottoms, read once a page
    first_prose: int | None = None  # the first prose line's position (-1: none), found once
    for i, (rule, _ev) in found.items():
        if rule not in BARE_NUMBER_RULES and rule not in _VETO_RULES:
            continue
        if pos is None:
            pos = {x.index: k for k, x in enumerate(nonblank)}
        k = pos.get(i)
        if k is None:
            continue
        text = nonblank[k].text
        if rule == RULE_HASHTAG_LABELS:
            keep = text.startswith("#") and _tag_in_text(nonblank, k, prose)
        elif rule == RULE_TEMPLATE_TOKEN:
            keep = _template_text(nonblank, k, prose)
        elif rule == RULE_IMAGE_ALT:
            keep = _subjects_logo(nonblank, k, prose)
        elif rule in _FOOTER_LINK_RULES:
            keep = _one_word_repeated(text)
        elif rule == RULE_READ_ALSO_MORE:
            keep = _credit_over_value(nonblank, k, found)
        elif rule in _WEATHER_RULES:
            keep = _forecast_entry(nonblank, k) or _field_value(nonblank, k)
        elif rule == RULE_COUNTER:
            if bottoms is None:
                bottoms = _scale_bottoms(nonblank)
            keep = _grade_on_scale(nonblank, k, bottoms)
        elif rule in SECTION_LABEL_RULES:
            keep = _section_page_title(nonblank, k, found, prose)
        elif rule == RULE_FORUM_THREAD:
            keep = _quote_head(nonblank, k, prose)
        elif rule == RULE_REPLY_SUBJECT:
            keep = _said_once(nonblank, k)
        elif rule == RULE_TAGLINE_SEPARATED:
            keep = _FULL_DATE.search(text) is not None
        elif rule in (RULE_COMMENT_AUTHOR, RULE_COMMENT_FORM):
            # a comment's head or stamp above the text is the post's byline or date
            if first_prose is None:
                first_prose = next((j for j, x in enumerate(nonblank) if prose(x)), -1)
            above = _byline_above_text if rule == RULE_COMMENT_AUTHOR else _dated_above_text
            keep = above(text, k, first_prose)
        else:
            if ranked is None:
                ranked = _ranked_rows(nonblank)
            keep = (
                k in ranked
                or numbered_entry(nonblank, k)
                or number_in_prose(nonblank, k, prose)
                or _hour_of_date(nonblank, k)
                or match_score(nonblank, k, found.__contains__)
                or score_pair(nonblank, k, found.__contains__)
            )
        if keep:
            out.add(i)
    return out


#: A time of day alone on its line, "7.37" or "19:05": an hour of 0 to 23, two digits
#: of minutes from 00 to 59.
_HOUR = regex.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")
#: A year of the last two centuries, not inside a longer number.
_DATE_NEAR = regex.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _hour_of_date(nonblank: list[Line], k: int) -> bool:
    """Whether the bare number ``nonblank[k]`` is the hour of the date line beside it:
    it reads as a time of day ("7.37", "19:05") and the line right above or below it is
    a short line (six words or fewer) holding a year ("mercoledì 25 settembre 2019"), the
    post's date and time printed on two lines. A counter's "7.37" stands by a word
    ("Rating"), not by a date."""
    if _HOUR.fullmatch(nonblank[k].text.strip()) is None:
        return False
    for p in (k - 1, k + 1):
        if 0 <= p < len(nonblank):
            other = nonblank[p]
            if other.words <= 6 and _DATE_NEAR.search(other.text):
                return True
    return False


#: A comment head's own words: a verb of saying, or a colon or an ellipsis ending it.
_SAID = regex.compile(
    r"(?i)\b(?:said|says|wrote|dice|dijo|escribió|sagt|gesagt|dit|diz|disse|zegt|zei|schreef|"
    r"detto|skrev|mówi|napisał|написал|говорит|пишет|kirjoitti|írta|berkata|mengatakan)\b|(?:[:…]|\.\.\.)\s*$"
)


def _byline_above_text(text: str, k: int, first_prose: int) -> bool:
    """Whether the comment head ``text`` (at position ``k`` of the page's lines left) is
    the post's byline: a name run into a date ("Edd Willmot23 Aug 2019 - 09:25", "Tyler
    ConwayFeatured ColumnistJuly 9, 2014"), with no word of saying and no colon or
    ellipsis ending it, above the page's first prose line (at ``first_prose``, -1 when
    there is none): a reader's comment comes under the text it answers.

    >>> _byline_above_text("Ana Lima23 Aug 2019 - 09:25", 0, 1)
    True
    >>> _byline_above_text("Ana said...", 0, 1)
    False
    >>> _byline_above_text("Ana Lima23 Aug 2019 - 09:25", 5, 1)  # under the text
    False
    """
    return k < first_prose and _SAID.search(text) is None


#: A relative time stamp alone on its line: "17 years ago", "3 hours ago".
_RELATIVE_TIME = regex.compile(
    r"\d{1,3}\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago",
    regex.IGNORECASE,
)


def _dated_above_text(text: str, k: int, first_prose: int) -> bool:
    """Whether ``text`` (at position ``k`` of the page's lines left) is a relative time
    stamp above the page's first prose line (at ``first_prose``, -1 when there is none):
    the post's own date line, which its template prints as a comment's ("17 years ago"
    under the title); a reader's comment and its stamp come under the text.

    >>> _dated_above_text("17 years ago", 1, 2), _dated_above_text("17 years ago", 5, 2)
    (True, False)
    """
    return k < first_prose and _RELATIVE_TIME.fullmatch(text.strip()) is not None


#: The phrase rules whose matches :func:`vetoed` judges, besides the bare numbers'.
_VETO_RULES = (
    frozenset(
        {
            RULE_HASHTAG_LABELS,
            RULE_TEMPLATE_TOKEN,
            RULE_IMAGE_ALT,
            RULE_READ_ALSO_MORE,
            RULE_COUNTER,
            RULE_FORUM_THREAD,
            RULE_REPLY_SUBJECT,
            RULE_TAGLINE_SEPARATED,
            RULE_COMMENT_AUTHOR,
            RULE_COMMENT_FORM,
        }
    )
    | SECTION_LABEL_RULES
    | _FOOTER_LINK_RULES
    | _WEATHER_RULES
)
