"""Chrome found by where it sits on the page relative to chrome already found.

The rules here run after the shape rules (:mod:`.shape`) in every round of the
stage, with the same thresholds table (``[shape.*]`` in
``rules/boilerplate/classifier.toml``), and read nothing of a line's words beyond
its punctuation, its bullet and whether another line of the page says the same:

``boilerplate.shape.snippet_run``
    Other stories' excerpts under the article: a run of at least ``min_lines``
    lines, each cut short with an ellipsis ("…", "...") and of at least
    ``min_words`` words, that ends the page (only removed lines, or the page's last
    line cut off mid-sentence, below it), under the page's own prose lines that end
    in no ellipsis, more of them than excerpts above the run. A listing whose every
    paragraph is an excerpt has no such line above its excerpts, and one whose
    excerpts happen to fit whole here and there has more excerpts than such lines:
    both keep them.
``boilerplate.shape.removed_twin``
    A line printed again on the page after (or before) a copy of it that a rule
    removed: the site's name in the masthead and over the footer, a widget's label
    printed twice. Also the page's last line when it is the start, cut off by the
    excerpt, of a removed line (``min_words`` words or more). Only above the first or
    below the last prose line left, among the ``edge_lines`` first or last non-blank
    lines, and holding three letters or more. The page's title, a byline and a reader's
    comment stay, and a twin of a line removed only by a weak rule (a bare number or
    symbol, a selector entry) or by the stutter rule (which takes such copies itself) is not taken.
``boilerplate.shape.bullet_run``
    A bulleted line above the first prose line that continues a bulleted list other
    rules removed: a neighbour opening with the same bullet was removed by a rule
    that is not weak context, or both neighbours were (a menu's entry of more words
    than the selector allows, between two of its entries). At most ``max_words``
    words and no prose line.
``boilerplate.shape.hashtag_row``
    A line of hashtags and nothing else, at least ``min_tags`` of them ("#travel
    #food", "#climate, #energy"): a post's tags printed as a row, a tag list by the
    labelling rules wherever it stands. Each tag holds a letter ("#1" is a rank).
``boilerplate.shape.dangling_lead``
    A lead-in left with nothing to lead into: the page's last line left, under the
    text's last prose line and right under a sentence, ending in a colon, of at most
    ``max_words`` words and no comma, opening with a letter ("See also:", "Take a look
    at these:", not a glossary's ":term:"), with every line below it removed (or
    none): the list or link it announced was chrome, or was not extracted. A lead-in
    under a heading (a note's: "Timetable" / "It can be found at:"), a lead-in over
    lines that stay ("Ingredients:" over the list), a caption's credit ("Name, Mayor
    Photo:"), a byline and a reader's comment stay.
``boilerplate.shape.crumb_title``
    A breadcrumb trail printed over the page's title and ending in it ("News » Local »
    <title>", "HomeNewsLocal<title>" with its links glued): a line above the first
    prose line that ends in the whole of the line under it (a title of at least
    ``min_words`` words, left in place), the rest a trail: ending in a separator
    ("»", ">", "/", "|", "›", "→") other than a lone bullet, or glued to the title's
    capital; among the page's first ``max_above`` non-blank lines. The title stays. A
    bulleted entry over the same words ("• <title>"), a
    dek or a kicker that says more than the title, and the lines of the text stay.
``boilerplate.shape.crumb_trail``
    A breadcrumb trail on its own line among the page's first ``max_above`` non-blank
    lines ("Home > News > Local > <title>", "Site › Section › <title>"): at least
    ``min_crumbs`` crumbs split by one arrow-like separator ("›", "»", ">", "→"), two
    or more of them holding text, each
    of at most ``max_words`` words, the line no sentence and no prose. A line with a
    run of four digits (a date or a year: a byline glued to its trail) stays, and so
    do quotations in guillemets ("«Title» » …") and, for ">", lines with "<", "=" or
    "->" (markup, a grammar's rules, code). A mark doubled ("»»") is one separator:
    "SPORT»» <title>" is a kicker glued to its title, two crumbs.

>>> from textclean.stages.boilerplate.layout import layout_lines
>>> from textclean.stages.boilerplate.shape import ShapeParams
>>> text = ("The council met on Tuesday and agreed to repave the old market road.\\n"
...         "A storm closed the coastal highway for most of the night, officials said…\\n"
...         "The library will stay open late during exam week this spring…\\n"
...         "Tickets for the autumn concert series go on sale next Monday…\\n")
>>> found = apply(layout_lines(text), {}, ShapeParams(), frozenset())
>>> sorted((i, rule) for i, (rule, _ev) in found.items())  # doctest: +NORMALIZE_WHITESPACE
[(1, 'boilerplate.shape.snippet_run'), (2, 'boilerplate.shape.snippet_run'),
 (3, 'boilerplate.shape.snippet_run')]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import regex

from textclean.stages.boilerplate.layout import Line, ends_sentence, layout_lines, prose_test
from textclean.stages.boilerplate.shape import (
    _BULLET,
    RULE_BULLET_RUN,
    RULE_CRUMB_TITLE,
    RULE_CRUMB_TRAIL,
    RULE_DANGLING_LEAD,
    RULE_HASHTAG_ROW,
    RULE_REMOVED_TWIN,
    RULE_SNIPPET_RUN,
    RULE_STUTTER,
    WEAK_CONTEXT,
    ShapeParams,
    byline_lines,
    comment_lines,
    page_title,
)

#: Removals whose copies are no evidence: the weak context rules (a bare number, a
#: selector's entry) and the stutter (it takes repeated short labels itself: what it
#: left of them is a table's cells or a manual's headings).
_NO_TWINS = WEAK_CONTEXT | {RULE_STUTTER}
#: The endings of an excerpt cut short.
_CUT = ("…", "...")
#: Three letters: a twin shorter than that is a table's cell ("X", "a"), not a label.
_LETTERS = regex.compile(r"\p{L}(?:[^\p{L}]*\p{L}){2}")
#: What stands between the tags of a row.
_TAG_GAPS = regex.compile(r"[\s,;|·•]+|(?<=\S)(?=#)")  # tags glued: "#rye#baking"
#: A hashtag: "#" then letters, digits, marks, "_", with "-" or "." inside, and a letter
#: anywhere in it ("#2024-goals"; fullmatched, so the look-ahead stays in the tag).
_HASHTAG = regex.compile(
    r"#(?=[\p{M}\p{N}_.-]*\p{L})[\p{L}\p{M}\p{N}_]+(?:[-.][\p{L}\p{M}\p{N}_]+)*"
)
#: The separators a breadcrumb trail puts between its crumbs (and before the title).
_CRUMB_SEPS = ("»", ">", "/", "|", "›", "→", "·", "•")
#: The separators of a breadcrumb trail on a line of its own.
_TRAIL_SEPS = ("›", "»", ">", "→")
#: Four digits in a row: a year or a date, which a trail does not hold.
_FOUR_DIGITS = regex.compile(r"\d{4}")
#: The endings of a lead-in (ASCII and full-width colons).
_LEAD = (":", "：")


def apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool] | None = None,
    marks: frozenset[str] | None = None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``
    (every rule's removals so far). ``prose`` as in :func:`.shape.apply`; ``marks``:
    :func:`page_marks` of the page's text and ``params`` (the stage computes it once
    per document; None: from ``lines``).

    Each rule first asks a cheap question of the page (an excerpt at its end, a line
    as long as a removed one, a removed bulleted line) and reads the page only when
    the answer is yes: the stage calls this in every round on every document.
    """
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    snippets = params.snippet_run and _ends_in_excerpt(lines, removed)
    twins = removed and params.removed_twin and _may_have_twin(lines, removed, params)
    bullets = removed and params.bullet_run and _removed_bullet(lines, removed)
    if marks is None:
        marks = page_marks("\n".join([x.text for x in lines]), params, lines)
    tags = "#" in marks
    seps = tuple(s for s in _TRAIL_SEPS if s in marks)
    trails = bool(seps)
    crumbs = CRUMB_MARK in marks
    lead = params.dangling_lead and _ends_in_lead(lines, removed)
    if not (snippets or twins or bullets or tags or lead or trails or crumbs):
        return found
    nonblank = [ln for ln in lines if ln.text]
    if prose is None:
        prose = prose_test(params.prose_min_words)

    if snippets:
        _snippet_run(nonblank, removed, found, params, code, prose)
    if twins or bullets:
        guarded = byline_lines(nonblank, removed) | comment_lines(nonblank, removed)
        if twins:
            title = page_title(nonblank, removed, found)
            _removed_twins(nonblank, removed, found, params, code | guarded, title, prose)
        if bullets:
            _bullet_runs(nonblank, removed, found, params, code | guarded, prose)
    if tags:
        _hashtag_rows(nonblank, removed, found, params, code)
    if lead:
        guarded = byline_lines(nonblank, removed) | comment_lines(nonblank, removed)
        _dangling_lead(nonblank, removed, found, params, code | guarded, prose)
    if crumbs:
        _crumb_titles(nonblank, removed, found, params, code, prose)
    if trails:
        _crumb_trails(nonblank, removed, found, params, code, prose, seps)
    return found


#: The mark :func:`page_marks` gives a page whose top has a line ending in the next.
CRUMB_MARK = "crumb"


def page_marks(
    text: str, params: ShapeParams | None = None, lines: Sequence[Line] | None = None
) -> frozenset[str]:
    """What the rows, trails and trails over a title need on the page ``text``: "#"
    when it holds one, each trail separator its first ``crumb_trail_max_above``
    non-blank lines hold ``min_crumbs - 1`` times or more, and :data:`CRUMB_MARK` when
    one of its first ``crumb_title_max_above`` non-blank lines ends in the whole of the
    next non-blank one: every line the rules read. ``lines``: the page's
    :func:`~.layout.layout_lines` (laid out here when None). The stage computes this
    once per document; each rule reads the page only when its mark is there.

    >>> sorted(page_marks("Home > News > Local")), page_marks("No marks here.")
    (['>'], frozenset())
    >>> sorted(page_marks(chr(10).join(["News / Ferry times", "", "Ferry times", "Text."])))
    ['crumb']
    """
    if params is None:
        params = ShapeParams()
    marks = set()
    if params.hashtag_row and "#" in text:
        marks.add("#")
    if not (params.crumb_trail or params.crumb_title):
        return frozenset(marks)
    if lines is None:
        lines = layout_lines(text)
    if params.crumb_trail:
        need = params.crumb_trail_min_crumbs - 1
        top = "\n".join(itertools.islice(_texts(lines), params.crumb_trail_max_above))
        marks.update(s for s in _TRAIL_SEPS if s in top and top.count(s) >= need)
    if params.crumb_title:
        # the rule reads each of its first max_above lines over the next one
        head = list(itertools.islice(_texts(lines), params.crumb_title_max_above + 1))
        if _ends_in_next(head):
            marks.add(CRUMB_MARK)
    return frozenset(marks)


def _texts(lines: Iterable[Line]) -> Iterator[str]:
    """The texts of the non-blank ``lines``, in order."""
    return (x.text for x in lines if x.text)


def _ends_in_next(top: list[str]) -> bool:
    """Whether a line of ``top`` ends in the whole of the next."""
    return any(len(a) > len(b) and a.endswith(b) for a, b in itertools.pairwise(top))


def _ends_in_excerpt(lines: list[Line], removed: Mapping[int, Any]) -> bool:
    """Whether the last line left, or the one above it when the last is the page's
    last line cut off mid-sentence (by the excerpt), ends in an ellipsis."""
    seen = 0
    for x in reversed(lines):
        if not x.text:
            continue
        seen += 1
        if x.index in removed:
            continue
        if x.text.endswith(_CUT):
            return True
        if seen > 1 or ends_sentence(x.text):  # the page's own text ends it
            return False
        seen = 2  # the page's last line, cut off: the one above it may be an excerpt
    return False


def _may_have_twin(lines: list[Line], removed: Mapping[int, Any], params: ShapeParams) -> bool:
    """Whether a line left is as long as a line removed (by a rule whose copies count),
    both casefolded, or the page's last line, left, starts a removed line: a twin needs
    one of the two."""
    n = len(lines)
    gone = [lines[i].text for i, hit in removed.items() if i < n and hit[0] not in _NO_TWINS]
    if not gone:
        return False
    last = next((x for x in reversed(lines) if x.text), None)
    if (
        last is not None
        and last.index not in removed
        and last.words >= params.removed_twin_min_words
    ):
        start = last.text.casefold()
        if any(t.casefold().startswith(start) for t in gone):
            return True
    # the twins are compared casefolded, which may change a length ("Straße", "STRASSE")
    sizes = {_folded_len(t) for t in gone}
    return any(_folded_len(x.text) in sizes and x.index not in removed for x in lines if x.text)


def _folded_len(text: str) -> int:
    """The length of ``text`` casefolded (ASCII text keeps its length, uncomputed)."""
    return len(text) if text.isascii() else len(text.casefold())


def _ends_in_lead(lines: list[Line], removed: Mapping[int, Any]) -> bool:
    """Whether the last line left ends in a colon."""
    for x in reversed(lines):
        if x.text and x.index not in removed:
            return x.text.endswith(_LEAD)
    return False


def _removed_bullet(lines: list[Line], removed: Mapping[int, Any]) -> bool:
    """Whether a removed line opens with a list's bullet."""
    n = len(lines)
    return any(i < n and _BULLET.match(lines[i].text) for i in removed)


def _last_left(nonblank: list[Line], left: Callable[[Line], bool]) -> int:
    """The position of the last line of ``nonblank`` that is ``left``, or -1."""
    k = len(nonblank) - 1
    while k >= 0 and not left(nonblank[k]):
        k -= 1
    return k


def _snippet_run(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.snippet_run`` (see the module's docstring)."""

    def left(x: Line) -> bool:
        return x.index not in removed and x.index not in found

    k = _last_left(nonblank, left)
    if k < 0:
        return
    last = nonblank[k]
    if k == len(nonblank) - 1 and not last.text.endswith(_CUT) and not ends_sentence(last.text):
        k -= 1  # the page's last line, cut off by the excerpt wherever it was
    run: list[Line] = []
    while k >= 0:
        x = nonblank[k]
        if left(x):
            if x.index in code or not x.text.endswith(_CUT):
                break
            if x.words < params.snippet_run_min_words:
                return
            run.append(x)
        k -= 1
    if len(run) < params.snippet_run_min_lines:
        return
    # the page's own text above: prose lines that are no excerpt, more of them than
    # excerpts (a listing of excerpts, one of which happened to fit whole, keeps them)
    above = [x for x in nonblank[: k + 1] if left(x)]
    own = sum(1 for x in above if prose(x) and not x.text.endswith(_CUT))
    cut = sum(1 for x in above if x.text.endswith(_CUT) and x.words >= params.snippet_run_min_words)
    if own == 0 or cut > own:
        return
    guarded = comment_lines(nonblank, removed)
    if any(x.index in guarded for x in run):
        return
    ev = {"run": len(run)}
    for x in run:
        found[x.index] = (RULE_SNIPPET_RUN, {"line": x.index + 1, **ev})


def _removed_twins(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    keep: frozenset[int],
    title: str | None,
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.removed_twin`` (see the module's docstring)."""
    gone: dict[str, tuple[int, str]] = {}
    for x in nonblank:
        hit = removed.get(x.index)
        if hit is not None and hit[0] not in _NO_TWINS:
            gone.setdefault(x.text.casefold(), (x.index, hit[0]))
    if not gone:
        return
    # only outside the text, above its first or below its last prose line left (a
    # table's cells and a manual's repeated labels stand inside it), and near the
    # page's top or bottom, where a masthead and a footer are (not a long manual's
    # index far from either)
    at = [k for k, x in enumerate(nonblank) if x.index not in removed and prose(x)]
    first, final = (at[0], at[-1]) if at else (len(nonblank), -1)
    last = len(nonblank) - 1
    edge = params.removed_twin_edge_lines
    for k, x in enumerate(nonblank):
        if first <= k <= final or edge <= k < len(nonblank) - edge:
            continue
        if x.index in removed or x.index in found or x.index in keep or x.text == title:
            continue
        if not _LETTERS.search(x.text):
            continue
        folded = x.text.casefold()
        twin = gone.get(folded)
        where = "twin"
        if twin is None and k == last and x.words >= params.removed_twin_min_words:
            twin = next((v for t, v in gone.items() if t.startswith(folded)), None)
            where = "cut_twin"
        if twin is not None:
            found[x.index] = (
                RULE_REMOVED_TWIN,
                {"line": x.index + 1, "where": where, "twin": twin[0] + 1, "twin_rule": twin[1]},
            )


def _bullet_runs(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    keep: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.bullet_run`` (see the module's docstring)."""
    first = next((k for k, x in enumerate(nonblank) if x.index not in removed and prose(x)), None)
    if first is None:  # a page without prose keeps its lists
        return

    def mark(x: Line) -> str | None:
        m = _BULLET.match(x.text)
        return m.group()[0] if m else None

    def taken(x: Line) -> str | None:
        """The rule that took ``x``, if one did."""
        hit = removed.get(x.index) or found.get(x.index)
        return None if hit is None else hit[0]

    changed = True
    while changed:
        changed = False
        for k in range(first):
            x = nonblank[k]
            if x.index in removed or x.index in found or x.index in keep:
                continue
            b = mark(x)
            if b is None or x.words > params.bullet_run_max_words or prose(x):
                continue
            sides = []
            for kk in (k - 1, k + 1):
                if 0 <= kk < len(nonblank):
                    y = nonblank[kk]
                    rule = taken(y)
                    if rule is not None and mark(y) == b:
                        sides.append(rule)
            strong = [r for r in sides if r not in WEAK_CONTEXT]
            if (strong or len(sides) == 2) and not _point_under_menu(nonblank, k, taken):
                found[x.index] = (
                    RULE_BULLET_RUN,
                    {"line": x.index + 1, "bullet": b, "beside": sorted(set(sides))},
                )
                changed = True


def _point_under_menu(nonblank: list[Line], k: int, taken: Callable[[Line], str | None]) -> bool:
    """Whether the bulleted line ``nonblank[k]`` is a point of the article's summary, not
    an entry of the menu removed beside it: it has four words or more (its bullet
    counted), and every removed bulleted line beside it (up to three on each side) has
    three or fewer, a word or two after its bullet ("• Home", "• Sport" over "• Council
    backs new library"). A menu's entries are a word or two; a summary's points are
    clauses."""
    if nonblank[k].words < 4:
        return False
    near = [
        nonblank[j]
        for j in (*range(k - 3, k), *range(k + 1, k + 4))
        if 0 <= j < len(nonblank)
        and taken(nonblank[j]) is not None
        and _BULLET.match(nonblank[j].text)
    ]
    return bool(near) and all(x.words <= 3 for x in near)


def _hashtag_rows(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
) -> None:
    """``boilerplate.shape.hashtag_row`` (see the module's docstring)."""
    for x in nonblank:
        if not x.text.startswith("#") or x.index in removed or x.index in found:
            continue
        if x.index in code:
            continue
        tags = [t for t in _TAG_GAPS.split(x.text) if t]
        if len(tags) < params.hashtag_row_min_tags:
            continue
        if all(_HASHTAG.fullmatch(t) for t in tags):
            found[x.index] = (RULE_HASHTAG_ROW, {"line": x.index + 1, "tags": len(tags)})


def _dangling_lead(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    keep: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.dangling_lead`` (see the module's docstring)."""

    def left(x: Line) -> bool:
        return x.index not in removed and x.index not in found

    k = _last_left(nonblank, left)
    if k < 0:
        return
    x = nonblank[k]
    text = x.text
    if x.index in keep or not text.endswith(_LEAD) or "," in text or "，" in text:
        return
    if x.words > params.dangling_lead_max_words or not _LETTERS.search(text):
        return
    if not text[:1].isalpha():  # a glossary's ":term:", a list's entry, a field
        return
    # right under a sentence (a heading over it is a note's, "Timetable" / "It can be
    # found at:"), and under the page's own text: a prose line left above it
    above = next((y for y in reversed(nonblank[:k]) if left(y)), None)
    if above is None or not ends_sentence(above.text):
        return
    if not any(left(y) and prose(y) for y in nonblank[:k]):
        return
    found[x.index] = (RULE_DANGLING_LEAD, {"line": x.index + 1, "words": x.words})


def _crumb_titles(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
) -> None:
    """``boilerplate.shape.crumb_title`` (see the module's docstring)."""
    for k in range(min(len(nonblank) - 1, params.crumb_title_max_above)):
        x, below = nonblank[k], nonblank[k + 1]
        if x.index in removed or x.index in found or prose(x):
            if x.index not in removed and x.index not in found:
                return  # the first prose line left: the text starts here
            continue
        if below.index in removed or below.index in found or x.index in code:
            continue
        crumbs, title = x.text, below.text
        if len(crumbs) <= len(title) or not crumbs.endswith(title):
            continue
        if below.words < params.crumb_title_min_words:
            continue
        trail = crumbs[: len(crumbs) - len(title)].rstrip()
        if len(trail) < 2:  # a lone bullet or mark: a list's entry over the same words
            continue
        glued = trail == crumbs[: len(crumbs) - len(title)] and trail[-1].isalpha()
        if trail.endswith(_CRUMB_SEPS) or (glued and title[:1].isupper()):
            found[x.index] = (RULE_CRUMB_TITLE, {"line": x.index + 1, "title": below.index + 1})


def _undoubled(text: str, sep: str) -> str:
    """``text`` with each run of ``sep`` written twice or more, nothing between, made
    one: a doubled mark ("»»", ">>") is one separator, the decoration of a kicker set
    before its title ("FOOTBALL»» Results of the cup" is two crumbs, not three). A
    crumb left empty between two marks apart ("Home » » Page", a link without its
    text) still counts.

    >>> _undoubled("Sport»» Results", "»"), _undoubled("Home » » News", "»")
    ('Sport» Results', 'Home » » News')
    """
    return regex.sub("(?:" + regex.escape(sep) + "){2,}", sep, text)


def _crumb_trails(
    nonblank: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    found: dict[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool],
    seps: tuple[str, ...],
) -> None:
    """``boilerplate.shape.crumb_trail`` (see the module's docstring); ``seps`` are the
    separators the page holds often enough."""
    need = params.crumb_trail_min_crumbs - 1
    for x in nonblank[: params.crumb_trail_max_above]:
        text = x.text
        sep = next((s for s in seps if text.count(s) >= need), None)
        if sep is None or x.index in removed or x.index in found or x.index in code:
            continue
        if sep == "»" and "«" in text:  # quotations in guillemets
            continue
        if sep == ">" and ("<" in text or "=" in text or "->" in text):
            continue  # markup, a grammar, code: "<a> ::= <b>", "x->y->z"
        if ends_sentence(text) or prose(x) or _FOUR_DIGITS.search(text):
            continue
        crumbs = [c.strip() for c in text.split(sep)]
        if sum(1 for c in crumbs if c) < 2:
            continue
        if sep * 2 in text and _undoubled(text, sep).count(sep) < need:
            continue  # a kicker glued to its title by a doubled mark ("SPORT»» Title")
        if any(len(c.split()) > params.crumb_trail_max_words for c in crumbs):
            continue
        found[x.index] = (RULE_CRUMB_TRAIL, {"line": x.index + 1, "crumbs": len(crumbs)})
