"""Chrome found by where it sits on the page relative to chrome already found.

The rules here run after the shape rules (:mod:`.shape`) in every round of the
stage, with the same thresholds table (``[shape.*]`` in
``rules/boilerplate/classifier.toml``), and read nothing of a line's words beyond
its punctuation, its bullet and whether another line of the page says the same:

``boilerplate.shape.snippet_run``
    Other stories' excerpts under the article: a run of at least ``min_lines``
    lines, each cut short with an ellipsis ("…", "...") and of at least
    ``min_words`` words, that ends the page (only removed lines, or the page's last
    line cut off mid-sentence, below it), under a prose line of the page's own that
    ends in no ellipsis. A listing whose every paragraph is an excerpt has no such
    line above its excerpts and keeps them.
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

from collections.abc import Callable, Mapping
from typing import Any

import regex

from textclean.stages.boilerplate.layout import Line, ends_sentence, prose_test
from textclean.stages.boilerplate.shape import (
    _BULLET,
    RULE_BULLET_RUN,
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


def apply(
    lines: list[Line],
    removed: Mapping[int, tuple[str, dict[str, Any]]],
    params: ShapeParams,
    code: frozenset[int],
    prose: Callable[[Line], bool] | None = None,
) -> dict[int, tuple[str, dict[str, Any]]]:
    """New removals (line index → rule id, evidence) for ``lines``, given ``removed``
    (every rule's removals so far). ``prose`` as in :func:`.shape.apply`.

    Each rule first asks a cheap question of the page (an excerpt at its end, a line
    as long as a removed one, a removed bulleted line) and reads the page only when
    the answer is yes: the stage calls this in every round on every document.
    """
    found: dict[int, tuple[str, dict[str, Any]]] = {}
    snippets = params.snippet_run and _ends_in_excerpt(lines, removed)
    twins = removed and params.removed_twin and _may_have_twin(lines, removed, params)
    bullets = removed and params.bullet_run and _removed_bullet(lines, removed)
    if not (snippets or twins or bullets):
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
    return found


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


def _removed_bullet(lines: list[Line], removed: Mapping[int, Any]) -> bool:
    """Whether a removed line opens with a list's bullet."""
    n = len(lines)
    return any(i < n and _BULLET.match(lines[i].text) for i in removed)


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

    k = len(nonblank) - 1
    while k >= 0 and not left(nonblank[k]):
        k -= 1
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
    # the page's own text above: a prose line that is no excerpt
    if not any(left(x) and prose(x) and not x.text.endswith(_CUT) for x in nonblank[: k + 1]):
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
