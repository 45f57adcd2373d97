"""The boilerplate stage: remove page chrome by rules.

The rules live in ``rules/boilerplate/*.toml`` (see
:mod:`textclean.stages.boilerplate.rules` for the format). A document is handled in
two passes over its lines:

1. rules for any position: a *section* cut (a "More For You", "Related" ...
   heading near the end whose following lines all look like teasers removes
   everything from the heading on), then *line* rules with ``zone = "any"``
   (calls to action, social and cookie lines);
2. with those lines gone, the header zone (non-blank lines before the first
   prose line, at most ``header_lines``) and the footer zone (after the last
   prose line, at most ``footer_lines``) are found, and zone-bound line rules,
   *orphan headings* (a "Table of Contents" with no contents under it) and
   *teasers* (a short title followed by a snippet ending in "[...]" or "…")
   are applied.

Every removed line is an :class:`~textclean.document.Edit` with the rule id and
evidence; blank lines that belonged to a removed block go with it. A document
left with no text is dropped. Regexes run with the ``regex`` module's timeout;
a rule that times out is skipped for the rest of the document and the skip is
recorded in ``doc.scores`` (``boilerplate.rule_timeouts``,
``boilerplate.timed_out_rules``).

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config(), None)
>>> doc = stage(Document("d", "Skip to content\\nMenu\\n\\n" + "A real sentence of the "
...                      "article goes on for a while here.\\n" * 3))
>>> [(e.rule, e.before) for e in doc.edits]
[('boilerplate.nav.skip_to_content', 'Skip to content\\n'), ('boilerplate.nav.menu', 'Menu\\n\\n')]
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import operator
import re
import unicodedata
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick
import regex

try:
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from textclean.config import BoilerplateConfig, Config
from textclean.dedup._kernel import stages_use_numba
from textclean.document import Change, Document
from textclean.gcpause import paused
from textclean.rules import RuleError, RulePack
from textclean.site_repeats import document_url
from textclean.stages.boilerplate import (
    _pagescan,
    _walk,
    above_title,
    classifier,
    region,
    shape,
    site_name,
    structure,
    teasers,
)
from textclean.stages.boilerplate.layout import (
    _CLOSERS,
    WORD_CAP,
    Line,
    _SpacedLine,
    count_words,
    ends_sentence,
    is_prose,
    is_snippet,
    layout_lines,
    lines_after,
)
from textclean.stages.boilerplate.rules import (
    _KEY_TRIM,
    Rule,
    compile_pattern,
    line_key,
    parse_files,
)
from textclean.stages.boilerplate.screen import (
    PREFIX_LEN,
    EdgeMasks,
    _required_literals,
    all_atoms,
    canon,
    normalize,
    required_literals,
)
from textclean.textblocks import fenced_code_lines

NAME = "boilerplate"
_DEFAULT_SHAPE = shape.ShapeParams()
_DEFAULT_REGION = region.RegionParams()
_DEFAULT_TEASERS = teasers.TeaserParams()
#: A run of consecutive non-prose lines this short may hold a lone chrome line.
_SHORT_RUN = 6
#: Rounds of the zone-bound passes at most (see ``BoilerplateStage.__call__``).
_MAX_ROUNDS = 8


#: The endings of a line above a bare "…" that is no headline: a sentence, a question.
_NO_HEADLINE = (".", "!", *teasers.QUESTION_MARKS)


#: Words of a snippet that a later line must start with to repeat it (:func:`_printed_below`).
_REPEAT_WORDS = 8


def _line_heads(lines: list[Line]) -> dict[str, int]:
    """The first :data:`_REPEAT_WORDS` words of each line of ``lines`` that has that many,
    with the last position in ``lines`` where they open a line (:func:`_printed_below`)."""
    heads: dict[str, int] = {}
    for p, x in enumerate(lines):
        words = x.text.split()
        if len(words) >= _REPEAT_WORDS:
            heads[" ".join(words[:_REPEAT_WORDS])] = p
    return heads


def _printed_below(snippet: str, heads: dict[str, int], below: int) -> bool:
    """Whether a line at a position from ``below`` on starts with the first
    :data:`_REPEAT_WORDS` words of ``snippet`` (``heads``: :func:`_line_heads` of the
    lines): an excerpt of the article cut short at the top of its page ("The bridge
    reopened on Monday after [...]") and the same paragraph printed in full under it,
    the page's own lede, not a teaser of another page.

    >>> from textclean.stages.boilerplate.layout import layout_lines
    >>> page = layout_lines("Crews reopened the old bridge on Monday after two years of work.")
    >>> heads = _line_heads(page)
    >>> _printed_below("Crews reopened the old bridge on Monday after two [...]", heads, 0)
    True
    >>> _printed_below("Crews closed the east lane of the bridge on Monday to [...]", heads, 0)
    False
    >>> _printed_below("Crews reopened the old bridge on Monday after two [...]", heads, 1)
    False
    """
    words = snippet.split()
    if len(words) <= _REPEAT_WORDS:
        return False
    return heads.get(" ".join(words[:_REPEAT_WORDS]), -1) >= below


def _comment_between(run: _Run, first: int, last: int) -> bool:
    """Whether a line between the lines ``first`` and ``last`` (indexes) was removed by a
    rule of a comment section's widgets (``boilerplate.comments.*``, ``.forum.*``: "Ellen
    said...", "Reply"): the lines on either side are readers' comments, each under its
    own author's line, not a teaser's title over its snippet, which stand together."""
    removed = run.removed
    return any(
        (hit := removed.get(i)) is not None and hit[0].startswith(shape._COMMENT_FAMILY)
        for i in range(first + 1, last)
    )


@dataclass(frozen=True)
class Compiled:
    """A rule with its regexes compiled.

    ``screens[k]`` is an automaton of the strings every match of ``regexes[k]``
    contains (:func:`~textclean.stages.boilerplate.screen.required_literals`), or
    None when the pattern has no such strings: a line holding none of them (in
    :func:`~textclean.stages.boilerplate.screen.normalize` form) skips that regex.
    """

    rule: Rule
    regexes: tuple[regex.Pattern[str], ...]
    screens: tuple[ahocorasick.Automaton | None, ...] = ()
    #: ``edge_bits[k]``: the bit of ``regexes[k]`` in the stage's :class:`EdgeMasks`
    #: (a line whose edge mask lacks it cannot fully match it); empty: not screened
    edge_bits: tuple[int, ...] = ()


def _literal_screen(pattern: str) -> ahocorasick.Automaton | None:
    """An automaton of the strings every match of ``pattern`` contains, or None."""
    return _automaton(required_literals(pattern))


def _automaton(req: frozenset[str] | None) -> ahocorasick.Automaton | None:
    """An automaton of the strings ``req`` (None when there are none)."""
    if not req:
        return None
    automaton = ahocorasick.Automaton()
    for x in sorted(req):
        automaton.add_word(x, x)
    automaton.make_automaton()
    return automaton


def _selected(rule_id: str, names: Iterable[str]) -> bool:
    return any(rule_id == n or (n.endswith(".") and rule_id.startswith(n)) for n in names)


def _switched(on: bool, rule_id: str, cfg: BoilerplateConfig) -> bool:
    """Whether ``rule_id`` runs: ``on`` as its file says, unless the config's ``enable``
    names it (on) or its ``disable`` does (off; ``disable`` wins over ``enable``)."""
    if _selected(rule_id, cfg.disable):
        return False
    return on or _selected(rule_id, cfg.enable)


def compile_rules(rules: Mapping[str, Rule], cfg: BoilerplateConfig) -> list[Compiled]:
    """Rules switched on by their file and the config, with compiled regexes, in file order."""
    out = []
    for r in rules.values():
        on = _switched(r.enabled, r.id, cfg)
        if set(r.learned_from) & set(cfg.exclude_learned_from):
            on = False
        if on:
            out.append(
                Compiled(
                    r,
                    tuple(compile_pattern(p) for p in r.patterns),
                    tuple(_literal_screen(p) for p in r.patterns),
                )
            )
    return out


#: An orphan heading has at most this many words (its regexes are tried up to 8, and
#: no exact entry is longer): longer lines are not looked up.
_ORPHAN_MAX_WORDS = 12
#: A dot leader between a contents entry and its page ("Preface ........ ii"): a
#: printed document's own contents, which no contents plugin writes.
_DOT_LEADER = re.compile(r"(?:\.\s?){5,}|…{3,}")

#: Exact entries of at least this many characters are searched for by the zone-free
#: screen (shorter ones, such as "ad", would hit inside most lines).
_SCREENED_EXACT_LEN = 4

#: A pattern's required strings (see :func:`required_literals`) screen it in the
#: zone-free pass when rated at most this common: even common words such as "like"
#: or "share" spare most lines a regex, and the search for all of them is one pass.
_ANY_SCREEN_COST = 0.5

#: Single characters too common in text to screen a regex by (a digit, a letter and
#: these occur in most lines): see :func:`_unrated_screen`.
_COMMON_MARKS = frozenset(".,:;-/'\"()")


def _unrated_screen(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, whatever the rating
    that :func:`required_literals` gives them, or None.

    A regex whose required strings are rated too common to screen it
    (``_ANY_SCREEN_COST``, :data:`~.screen.MAX_COST`: "post #", ". #"; " > "; "+")
    was tried on every line its edges and limits allow, although most lines hold none of
    them. The set is the same analysis's (so the screen is exact: a line without any of
    them cannot match), kept unless it holds a string too short to rule out many lines
    (a letter, a digit, a common mark). Only regexes the rated analysis leaves
    unscreened ask for it, and the stored analyses hold its answers for the built-in
    rules, as they hold the rated ones.
    """
    return _screening(required_literals(pattern, math.inf))


def _screening(req: frozenset[str] | None) -> frozenset[str] | None:
    """``req`` when it can screen lines: none of its strings is a single letter, digit,
    common mark or space (those stand in most lines), else None."""
    if not req:
        return None
    for x in req:
        if len(x) < 2 and (x.isalnum() or x in _COMMON_MARKS or x.isspace()):
            return None
    return req


def _case_sensitive_body(pattern: str) -> str | None:
    """The pattern inside ``(?-i:...)`` when that group is the whole of ``pattern``,
    else None (escapes and character classes are skipped over: their parentheses do
    not count).

    >>> _case_sensitive_body("(?-i:[a-z]{2}[-_]logo)"), _case_sensitive_body("(?-i:a)|b")
    ('[a-z]{2}[-_]logo', None)
    """
    head = "(?-i:"
    if not pattern.startswith(head):
        return None
    depth = 0
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: to its closing "]" (one right after "[" or "[^" is literal)
            start = i
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            if i >= n or "[" in pattern[start + 1 : i]:
                return None  # a nested class (or a "[" in one) or no end: not read here
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return pattern[len(head) : i] if i == n - 1 else None
        i += 1
    return None


def _case_sensitive_screen(pattern: str) -> frozenset[str] | None:
    """:func:`_unrated_screen` of the pattern inside a ``(?-i:...)`` that is the whole
    of ``pattern`` (which the analysis does not read), or None.

    The rules are compiled case-insensitively, and every case-sensitive match of the
    inner pattern is one of its case-insensitive matches, so every match of
    ``pattern`` holds one of the case-folded strings the analysis of the inner
    pattern gives (as the screen compares them: in the line's case-folded form). The
    analysis is :func:`~.screen.required_literals`'s own code, called directly (not
    stored: these few patterns are analysed as the stage is built).
    """
    body = _case_sensitive_body(pattern)
    if body is None:
        return None
    try:
        compile_pattern(body)
    except regex.error:
        return None
    return _screening(_required_literals(body, math.inf))


#: Lines with no screen string, and edges (empty lines, non-ASCII, lone surrogates),
#: for the compiled search's self-check (:meth:`_AnyZone._walk_agrees`).
#: ASCII small letters to capitals (``str.upper`` changes other characters too)
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

_WALK_CHECK = (
    "",
    "",
    "plain prose with no rule in it.",
    "\u00e9\u00df \u4e2d\u6587 \U0001f600",
    "\ud800x",
)


#: What may be a fuzzy-matching constraint (``{e<=1}``, ``{e}``): its matches may hold
#: any character.
_FUZZY = regex.compile(r"\{[^}]*[eids][^}]*\}")
#: An escape that can match more than one character (a grapheme cluster, a line break).
_MULTI = regex.compile(r"\\[XR]")
#: Characters a char screen (:func:`_char_screen`) must turn away to be worth a call.
_CHAR_PROBES = " /.:,()"


def _char_screen(pattern: str) -> regex.Pattern[str] | None:
    """A pattern that fully matches every line ``pattern`` fully matches: any run of
    characters each of which one of its one-character atoms matches
    (:func:`~.screen.all_atoms`, lookarounds included, each with its scoped flags and
    the rules' flags, as :class:`~.screen.EdgeMasks` tries them). A full match is
    made of characters its atoms match one at a time (simple case folding: a
    pattern with global flags or fuzzy constraints has no atoms, or is left out
    here, and so is one with an atom that can match more than one character: ``\\X``,
    ``\\R``), so a line holding another character cannot match. Each repetition of the
    run takes one character whichever atom matches it, so the run is linear and
    possessive: it is tried without a timeout.

    None when the atoms are unknown or would turn away none of a few common
    characters (``_CHAR_PROBES``): the screen would rarely spare the regex.
    """
    atoms = all_atoms(pattern)
    if not atoms or _FUZZY.search(pattern) or any(_MULTI.search(a) for a in atoms):
        return None
    try:
        chars = compile_pattern("(?:" + "|".join(sorted(atoms)) + ")*+")
    except regex.error:
        return None
    if all(chars.fullmatch(ch) for ch in _CHAR_PROBES):
        return None
    return chars


#: A brace that is not a plain counted repetition (``{2}``, ``{1,30}``, ``{,5}``, ``{3,}``)
#: or is escaped: the standard library's parser might read it otherwise than ``regex``.
_ODD_BRACE = regex.compile(r"\\\{|\{(?!\d*,?\d*\})|\{,?\}")
#: A match at most this long is unbounded as far as :func:`_length_bounds` goes.
_UNBOUNDED = 1 << 30


def _length_bounds(pattern: str) -> tuple[int, int] | None:
    """The fewest and most characters a match of ``pattern`` can have, or None.

    Read by the standard library's regular expression parser (``getwidth``), which
    counts code points as ``regex`` does for the syntax both share; a pattern it
    rejects (``\\p{..}``, ``\\X``, variable lookbehinds, ``regex``'s own groups) or that
    ``regex`` may read otherwise (a brace that is no counted repetition, which could
    be a fuzzy constraint; a nested class) has no bounds. Case-insensitive matching
    folds one character to one (the rules' flags do not ask for full case folding).
    """
    if _ODD_BRACE.search(pattern) or _FUZZY.search(pattern) or "[[" in pattern:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lo, hi = _sre_parse.parse(pattern, re.IGNORECASE).getwidth()
    except Exception:  # any pattern the parser does not take: no bounds
        return None
    return int(lo), min(int(hi), _UNBOUNDED)


def _limit(mask: int, bound: Sequence[int]) -> int:
    """The largest ``bound[bit]`` over the bits of ``mask`` (-1 for none)."""
    top = -1
    while mask:
        low = mask & -mask
        top = max(top, bound[low.bit_length() - 1])
        mask ^= low
    return top


@dataclass(frozen=True)
class _AnyZone:
    """The zone-free line rules prepared for the one pass that tries every line.

    Most lines match no rule. One search (``screen``, an Aho-Corasick automaton
    over the case-folded line with single spaces,
    :func:`~textclean.stages.boilerplate.screen.normalize`) finds which regexes
    could match: each regex is screened by the strings every one of its matches
    contains (:func:`~textclean.stages.boilerplate.screen.required_literals`,
    ``_ANY_SCREEN_COST``); the regexes without such strings (``always``) stay
    candidates. A regex of a rule whose ``max_words`` (or ``30 * max_words + 50``
    characters) the line exceeds is no candidate either (``tiers``). The few
    candidates left (the unscreened ones in one alternation per tier) tell that no
    rule's regex can match the line; the line then
    matches the first rule listing its exact form (``exact``: form → position in
    ``rules``), a dict lookup instead of a loop over the rules. When a candidate
    matches, the loop over the rules finds the same first match it always did.
    """

    rules: tuple[Compiled, ...]
    exact: dict[str, int]
    compiled: tuple[regex.Pattern[str], ...]  # every regex of ``rules``; bit k: compiled[k]
    max_words: int
    max_chars: int
    screen: ahocorasick.Automaton  # required string → bit mask of the regexes needing it
    always: int  # bit mask of the regexes without required strings
    #: ``(limit, mask, joined)`` ascending: the regexes of rules with ``max_words >=
    #: limit``, and one alternation of those of them in ``always`` (tried in one call).
    tiers: tuple[tuple[int, int, regex.Pattern[str] | None], ...]

    #: the most words of an exact entry (a line with more, and a letter or digit in its
    #: first and last words, has an exact form with more words: see :func:`_wordy_ends`)
    exact_words: int = 0
    #: the screen's bit for "holds an exact entry" (0: not screened). The exact form of
    #: a line whose text NFKC leaves as it is (:func:`line_key`) is a substring of its
    #: screen form, so such a line without this bit has no exact entry as its form.
    exact_bit: int = 0
    #: the most words of an exact entry too short for the screen (it is not searched
    #: for: a line with more words and a letter or digit in its first and last words
    #: cannot have it as its exact form, see :func:`_wordy_ends`)
    short_exact_words: int = 0
    #: ``by_need[n]``: ``(mask, joined)`` of the first tier whose limit is at least ``n``
    #: (a line of ``n`` words, or of ``30 * n + 50`` characters at most), for ``n`` up
    #: to the largest limit; built from ``tiers``
    by_need: tuple[tuple[int, regex.Pattern[str] | None], ...] = ()
    #: ``starts[k]``: the bit of the first regex of ``rules[k]`` (regexes are numbered in
    #: rule order, so the lowest matching bit is the first matching rule's regex)
    starts: tuple[int, ...] = ()
    #: ``allowed[n]``: the bit mask of the regexes of rules whose limits a line of ``n``
    #: words (or of ``30 * n + 50`` characters at most) is within, up to the largest
    edges: EdgeMasks | None = None
    allowed: tuple[int, ...] = ()
    #: the screen's strings and their bit masks, in the order they were added to it
    screen_keys: tuple[str, ...] = ()
    screen_bits: tuple[int, ...] = ()
    #: the compiled search of the screen (:mod:`~textclean.stages.boilerplate._walk`)
    #: once decided: ``[dense]`` where it is used, ``[None]`` where it is not
    walk: list[Any] = field(default_factory=list, compare=False, repr=False)
    #: ``(bit, lo, hi, chars)`` of regexes in ``always`` screened by the length of a
    #: match (:func:`_length_bounds`: a line shorter than ``lo`` or longer than ``hi``
    #: characters cannot match) and the characters it can hold (:func:`_char_screen`:
    #: a line ``chars`` does not fully match has a character none of the regex's atoms
    #: matches; None: not screened so)
    char_screens: tuple[tuple[int, int, int, regex.Pattern[str] | None], ...] = ()
    char_bits: int = 0  # the bits of ``char_screens``
    #: ``screen_limits[k]``: the largest limit (``max_words``) of the rules of the
    #: regexes ``screen_keys[k]`` screens: a line whose need (see ``allowed``) is above
    #: it has none of those regexes among its candidates
    screen_limits: tuple[int, ...] = ()
    #: ``spaced_allowed[n]``: ``allowed[n]`` without the regexes that cannot match a
    #: space (``edges.one_word``): the candidates of a line of ``n`` with a space
    spaced_allowed: tuple[int, ...] = ()
    #: ``char_screens`` by bit: ``bit → (lo, hi, chars)`` (made from it), so a line's
    #: screens are found from its candidate bits instead of a loop over all of them
    char_by_bit: Mapping[int, tuple[int, int, regex.Pattern[str] | None]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        by_bit = {bit: (lo, hi, chars) for bit, lo, hi, chars in self.char_screens}
        object.__setattr__(self, "char_by_bit", by_bit)

    @classmethod
    def build(cls, rules: Iterable[Compiled]) -> _AnyZone:
        """The zone-free line rules of ``rules``, screened."""
        chosen = tuple(c for c in rules if c.rule.kind == "line" and c.rule.zone == "any")
        patterns = [p for c in chosen for p in c.regexes]
        exact: dict[str, int] = {}
        for k, c in enumerate(chosen):
            for entry in c.rule.exact:
                exact.setdefault(entry, k)
        limits = [c.rule.max_words for c in chosen if c.regexes] or [-1]
        needs: dict[str, int] = {}
        always = 0
        bound = [c.rule.max_words for c in chosen for _ in c.regexes]
        for bit, p in enumerate(patterns):
            req = required_literals(p.pattern, max_cost=_ANY_SCREEN_COST)
            if req is None:
                req = _unrated_screen(p.pattern)
            if req is None:
                req = _case_sensitive_screen(p.pattern)
            if req is None:
                always |= 1 << bit
            else:
                for x in req:
                    needs[x] = needs.get(x, 0) | 1 << bit
        chars = []
        for bit, p in enumerate(patterns):
            if always >> bit & 1:
                by_chars = _char_screen(p.pattern)
                lo, hi = _length_bounds(p.pattern) or (0, _UNBOUNDED)
                if lo < 2 and hi >= _UNBOUNDED:
                    lo, hi = 0, _UNBOUNDED  # hardly a bound: not worth a test
                if by_chars is not None or (lo, hi) != (0, _UNBOUNDED):
                    chars.append((bit, lo, hi, by_chars))
        # exact entries are not searched for: a line's exact form is looked up in a dict
        exact_bit = 0
        screen = ahocorasick.Automaton()
        for x in sorted(needs):
            screen.add_word(x, needs[x])
        if needs:
            screen.make_automaton()
        tiers = []
        for limit in sorted(set(bound)):
            mask = sum(1 << bit for bit, b in enumerate(bound) if b >= limit)
            joined = [p.pattern for bit, p in enumerate(patterns) if (mask & always) >> bit & 1]
            try:  # a pattern with groups or global flags cannot join: then tried one by one
                if any(compile_pattern(p).groups or _GLOBAL_FLAGS.search(p) for p in joined):
                    raise regex.error("cannot join")
                alt = compile_pattern("|".join(f"(?:{p})" for p in joined))
                tiers.append((limit, mask & ~always, alt if joined else None))
            except regex.error:
                tiers.append((limit, mask, None))
        allowed = [
            sum(1 << bit for bit, b in enumerate(bound) if b >= need)
            for need in range(max(limits) + 1)
        ]
        edges = EdgeMasks([p.pattern for p in patterns])
        by_need = []
        for need in range(max(limits) + 1):
            tier = next((t for t in tiers if t[0] >= need), None)
            if tier is None:
                break
            by_need.append((tier[1], tier[2]))
        return cls(
            chosen,
            exact,
            tuple(patterns),
            max(limits),
            30 * max(limits) + 50,
            screen,
            always,
            tuple(tiers),
            max((count_words(e) for e in exact), default=0),
            exact_bit,
            max((count_words(e) for e in exact), default=0),
            tuple(by_need),
            tuple(itertools.accumulate((len(c.regexes) for c in chosen[:-1]), initial=0)),
            edges,
            tuple(allowed[: len(by_need)]),
            tuple(sorted(needs)),
            tuple(needs[x] for x in sorted(needs)),
            char_screens=tuple(chars),
            char_bits=sum(1 << bit for bit, *_ in chars),
            screen_limits=tuple(_limit(needs[x], bound) for x in sorted(needs)),
            spaced_allowed=tuple(m & ~edges.one_word for m in allowed[: len(by_need)]),
        )

    def screen_lines(self, lines: Sequence[Line], needs: Sequence[int] | None = None) -> list[int]:
        """For each of ``lines``, the bit mask of the screened regexes it may match.

        One search over the screen form of all the lines joined by ``"\n"``: the
        same as searching :func:`normalize` of each line (case-folding never makes
        or removes a ``"\n"``, ``_SPACES`` is the whitespace of ``str.split`` but
        ``"\n"``, and no required string holds a ``"\n"``, so no hit spans two lines).
        With ``needs`` (each line's need, as ``allowed`` is indexed), a line's mask may
        lack the bits of strings whose regexes all have limits below its need
        (``screen_limits``): regexes that ``allowed[need]`` does not hold.
        """
        masks = [0] * len(lines)
        if self.screen.kind != ahocorasick.AHOCORASICK or not lines:
            return masks
        joined = "\n".join([ln.text for ln in lines])
        # Lines :func:`layout_lines` made (``_SpacedLine``) have single spaces and no
        # other whitespace, and case folding makes no whitespace of another character
        # (tests/test_boilerplate_screen_walk.py checks every code point): their joined
        # form is its own screen form, so the search for whitespace is skipped.
        spaced = all(type(ln) is _SpacedLine for ln in lines)
        dense = self._dense(len(joined))
        if dense is not None and spaced and dense.folds_ascii:
            # Case folding is a map of each character: where it changes none but the
            # ASCII capitals, the walk reads them as small letters (``folds_ascii``)
            # and the text need not be folded.
            data = joined.encode("utf-8", "surrogatepass")
            if _pagescan.folds_as_ascii(data):
                return dense.masks(data, len(lines), self.screen_bits, needs, self.screen_limits)
        joined = canon(joined)
        if not spaced and (
            "  " in joined
            or (
                any(ch in joined for ch in _ASCII_ODD_SPACE)
                if joined.isascii()
                else _ODD_SPACE.search(joined) is not None
            )
        ):
            joined = _SPACES.sub(" ", joined)
        if dense is not None:
            return dense.masks(
                joined.encode("utf-8", "surrogatepass"),
                len(lines),
                self.screen_bits,
                needs,
                self.screen_limits,
            )
        return self._search(joined, masks)

    def _search(self, joined: str, masks: list[int]) -> list[int]:
        """``masks`` (one per line of ``joined``) or-ed with the bits of the screen
        strings each line holds, as pyahocorasick finds them."""
        starts = [0]
        find = joined.find
        k = find("\n")
        while k >= 0:
            starts.append(k + 1)
            k = find("\n", k + 1)
        for end, bits in self.screen.iter(joined):
            i = bisect.bisect_right(starts, end) - 1
            masks[i] |= bits
        return masks

    def _dense(self, chars: int) -> _walk.Dense | None:
        """The compiled search's automaton, where the stages use their compiled loops for
        ``chars`` more characters and it gives the pyahocorasick search's masks on a
        sample (:meth:`_walk_agrees`); else None."""
        if self.walk:
            return self.walk[0]
        if not self.screen_keys or not stages_use_numba(chars):
            return None
        try:  # the first call compiles the loop (or loads it from numba's cache)
            dense = _walk.dense_of(self.screen_keys)
            if dense is not None and not self._walk_agrees(dense):
                dense = None
        except Exception:  # numba failing: the Python path
            dense = None
        self.walk[:] = [dense]
        return dense

    def _walk_agrees(self, dense: _walk.Dense) -> bool:
        """The compiled search gives the pyahocorasick search's masks on lines that hold
        every screen string (alone, inside words, overlapping, next to non-ASCII text)
        and on lines that hold none."""
        lines = [*self.screen_keys, *_WALK_CHECK]
        lines += [f"{a}{b}" for a, b in itertools.pairwise(self.screen_keys)]
        lines += [f"é{k}\u0130 {k[:-1]}ß{k[1:]}" for k in self.screen_keys[::7]]
        joined = "\n".join(lines)
        want = self._search(joined, [0] * len(lines))
        got = dense.masks(joined.encode("utf-8", "surrogatepass"), len(lines), self.screen_bits)
        if dense.folds_ascii:
            # ASCII capitals read as small letters: the masks of the folded lines, on
            # lines that case folding changes only in their capitals
            kept = [k for k in lines if canon(k.translate(_ASCII_UPPER)) == k]
            folded = "\n".join(kept)
            want_folded = self._search(folded, [0] * len(kept))
            got_raised = dense.masks(
                folded.translate(_ASCII_UPPER).encode("utf-8", "surrogatepass"),
                len(kept),
                self.screen_bits,
            )
            if got_raised != want_folded or len(kept) < len(self.screen_keys):
                return False
        return got == want and sum(map(bool, want)) >= len(self.screen_keys)

    def may_match(self, line: Line, screened: str | int, timeout: float) -> bool:
        """Whether a regex could fully match ``line``.

        ``screened``: its screen form, or the bit mask :meth:`screen_lines` gave it.
        True when a candidate regex matches; False means no rule's regex matches the
        line. A regex that times out raises ``TimeoutError`` (the caller then lets
        each rule try on its own).
        """
        need = max(line.words, -(-(len(line.text) - 50) // 30))
        tier = next((t for t in self.tiers if t[0] >= need), None)
        if tier is None:
            return False
        _, allowed, joined = tier
        mask = self.always
        if isinstance(screened, int):
            mask |= screened
        elif self.screen.kind == ahocorasick.AHOCORASICK:
            for _, bits in self.screen.iter(screened):
                mask |= bits
        mask &= allowed
        text = line.text
        if joined is not None and joined.fullmatch(text, timeout=timeout):
            return True
        while mask:
            low = mask & -mask
            if self.compiled[low.bit_length() - 1].fullmatch(text, timeout=timeout):
                return True
            mask ^= low
        return False


@dataclass(frozen=True)
class _ZoneScreen:
    """Whether any zone-bound line rule could match a line, in one test.

    A line can match such a rule only if its exact form is one of the rules'
    exact entries (``exact``), or if one of their regexes matches it and it is short
    enough for one of them (``max_words``, ``max_chars``). Other lines skip the loop
    over the rules, which finds the same first match it always did for the lines that
    pass. The regexes tried are those the loop would try (``by_bit``): whose bit is in
    the line's edge mask and whose required strings (if any) the line holds; without
    edge bits, the alternation of all of them (``prefilter``).
    """

    exact: frozenset[str]
    prefilter: regex.Pattern[str]
    max_words: int
    max_chars: int
    #: the bits of their regexes in the stage's :class:`EdgeMasks` (see ``edge_bits``)
    bits: int = -1
    #: edge bit → the regex and its required-strings automaton (``Compiled.screens``)
    by_bit: Mapping[int, tuple[regex.Pattern[str], ahocorasick.Automaton | None]] = field(
        default_factory=dict
    )

    @classmethod
    def build(cls, rules: Iterable[Compiled]) -> _ZoneScreen | None:
        """None when a pattern cannot join an alternation unchanged (groups, global flags)."""
        chosen = [c for c in rules if c.rule.kind == "line" and c.rule.zone != "any"]
        patterns = [p for c in chosen for p in c.regexes]
        if any(p.groups or _GLOBAL_FLAGS.search(p.pattern) for p in patterns):
            return None
        try:
            prefilter = compile_pattern("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)")
        except regex.error:
            return None
        limit = max([c.rule.max_words for c in chosen if c.regexes] or [-1])
        exact = frozenset(e for c in chosen for e in c.rule.exact)
        bits = -1
        by_bit: dict[int, tuple[regex.Pattern[str], ahocorasick.Automaton | None]] = {}
        if all(len(c.edge_bits) == len(c.regexes) for c in chosen):
            bits = sum(1 << b for c in chosen for b in c.edge_bits)
            for c in chosen:
                screens = c.screens or (None,) * len(c.regexes)
                for b, pat, screen in zip(c.edge_bits, c.regexes, screens, strict=True):
                    if screen is None:
                        screen = _automaton(_unrated_screen(pat.pattern))
                    by_bit[b] = (pat, screen)
        return cls(exact, prefilter, limit, 30 * limit + 50, bits, by_bit)

    def may_match(
        self,
        line: Line,
        key: str,
        timeout: float,
        edges: int = -1,
        screened: Callable[[Line], str] | None = None,
    ) -> bool:
        """``edges``: the line's mask in the stage's :class:`EdgeMasks` (-1: unknown);
        ``screened``: the line's screen form (:func:`normalize`), if known cheaply.

        True when a regex the rule loop would try (:meth:`BoilerplateStage._fullmatch`:
        its edge bit in ``edges``, a required string in the line) matches, so False
        means the loop finds no regex match either.
        """
        if key in self.exact:
            return True
        if line.words > self.max_words or len(line.text) > self.max_chars:
            return False
        mask = edges & self.bits
        if not mask:
            return False  # no regex can start and end as the line does
        text = line.text
        try:
            if edges == -1 or not self.by_bit:
                return self.prefilter.fullmatch(text, timeout=timeout) is not None
            form = None
            by_bit = self.by_bit
            while mask:
                low = mask & -mask
                mask ^= low
                pat, screen = by_bit[low.bit_length() - 1]
                if screen is not None:
                    if form is None:
                        form = normalize(text) if screened is None else screened(line)
                    if not _found(screen, form):
                        continue  # the line lacks every string a match must contain
                if pat.fullmatch(text, timeout=timeout):
                    return True
            return False
        except TimeoutError:
            return True  # let each rule try (and time out) on its own


#: A line's text (``Line.text``), for C-level passes over lines.
_TEXT = operator.attrgetter("text")

#: A credit line of the article: a section cut stops above such lines at the very end.
_CREDIT = shape.CREDIT
#: teaser titles above a section heading, on a page with no prose line, that make it a listing
_LISTING_ABOVE = 8


def _found(automaton: ahocorasick.Automaton, text: str) -> bool:
    """Whether ``text`` contains any word of ``automaton`` (False when it has none)."""
    if automaton.kind != ahocorasick.AHOCORASICK:
        return False
    return next(automaton.iter(text), None) is not None


#: Whitespace that :func:`normalize` would change: a run of two or more characters of
#: ``str.split``'s whitespace but ``"\n"``, or one such character that is not a space
#: (``re``'s ``\s`` is ``str.isspace``, as ``str.split``'s whitespace is).
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")
_ODD_SPACE = re.compile(r"[^\S \n]")
_ASCII_ODD_SPACE = tuple(ch for ch in map(chr, range(128)) if ch.isspace() and ch not in " \n")


#: Sentence marks and closing quotes after a line's last word (no whitespace, no letter).
_TRAILING = ".,;:!?\"')]}”’»…"


def _wordy_ends(text: str) -> bool:
    """Whether the first and the last word of ``text`` each hold a letter or digit.

    Then the exact form of the line (:func:`line_key`) has at least as many words as
    the line: NFKC and case folding keep letters and digits and turn whitespace into
    whitespace, and trimming decoration (no letter or digit) at the ends cannot take
    a whole word that holds one.
    """
    if text[:1].isalnum() and text.rstrip(_TRAILING)[-1:].isalnum():
        return True  # the trimmed marks hold no whitespace: the last word holds that letter
    parts = text.split(None, 1)
    if not parts or not any(ch.isalnum() for ch in parts[0]):
        return False
    last = text.rsplit(None, 1)[-1]
    return any(ch.isalnum() for ch in last)


#: An inline flag that applies to the whole pattern, e.g. ``(?x)``, not ``(?i:...)``.
_GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]+\)")


@dataclass
class _Memo:
    """What the passes over one document can share: pure functions of a line's text
    (under the stage's config), so a later pass, or the stage called again on the same
    document after other stages removed lines, looks them up instead of computing
    them again. Kept for one document at a time (see :func:`_memo_for`)."""

    #: :func:`line_key`, :func:`normalize` and the edge mask of each line text
    keys: dict[str, str] = field(default_factory=dict)
    norms: dict[str, str] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    #: ``_Run.prose`` of each line text, by the page's ``snippets`` flag
    prose: tuple[dict[str, bool], dict[str, bool]] = field(default_factory=lambda: ({}, {}))
    #: line texts every zone-free line rule missed in a pass without a timeout
    zone_free_misses: set[str] = field(default_factory=set)
    #: line texts the zone-bound screen turned away (:meth:`_ZoneScreen.may_match`
    #: False: no regex it tried timed out, and no exact entry is their form)
    zone_misses: set[str] = field(default_factory=set)


class _MemoSlot:
    """The memo of the last document one stage worked on, kept on that stage (not in
    the module: two stages, or two pipelines, never share it). Pickled empty, so a
    stage sent to a worker carries no document with it.

    >>> import pickle
    >>> slot = _MemoSlot()
    >>> doc = Document(id="d", text="a")
    >>> slot.get(doc) is slot.get(doc)
    True
    >>> pickle.loads(pickle.dumps(slot)).last is None
    True
    """

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last: tuple[weakref.ref[Document], _Memo] | None = None

    def get(self, doc: Document) -> _Memo:
        """The memo of ``doc`` if it is the last document asked for, else a new one."""
        last = self.last
        if last is not None and last[0]() is doc:
            return last[1]
        memo = _Memo()
        self.last = (weakref.ref(doc), memo)
        return memo

    def __reduce__(self) -> tuple[type[_MemoSlot], tuple[()]]:
        return (_MemoSlot, ())


def _memo_for(stage: BoilerplateStage, doc: Document) -> _Memo:
    """The memo of ``doc`` if ``stage`` worked on that same document last, else a new one.

    Every entry is a pure function of a line's text under the stage's config (the
    zone-free misses: a rule that timed out clears them), so a memo is right for any
    text of the document; keeping one document's memo bounds its size.
    """
    return stage.memo_slot.get(doc)


@dataclass
class _Run:
    """Per-document working state (never kept on the stage)."""

    lines: list[Line]
    removed: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    cut: int | None = None  # line index a section cut starts at
    timed_out: list[str] = field(default_factory=list)
    prefilter_off: bool = False  # the joined prefilter timed out once: rules go one by one
    #: the exact-match and screen forms of line texts (shared by the passes: _Memo)
    keys: dict[str, str] = field(default_factory=dict)
    norms: dict[str, str] = field(default_factory=dict)
    code: frozenset[int] = frozenset()  # lines of fenced code regions: never removed

    prose_min_words: int = 10
    #: the page holds two or more excerpts cut short with "…" (:func:`is_snippet`): a
    #: teaser list, whose excerpts are not prose
    snippets: bool = False
    #: ``prose`` of line texts (shared by the passes with the same ``snippets``: _Memo)
    prose_of: dict[str, bool] = field(default_factory=dict)
    #: :func:`.structure.page_marks` of the text: which rows and trails to look for
    marks: frozenset[str] = frozenset()
    _alive: tuple[tuple[int, int | None], list[Line]] | None = None
    #: the zones of :meth:`BoilerplateStage._zones` and the ``alive`` key they are for
    zones: tuple[tuple[int, int | None], dict[str, set[int]]] | None = None
    #: line texts the zone-free line rules need not try: an earlier pass over the same
    #: document tried them and none matched (see :meth:`BoilerplateStage.__call__`)
    no_anywhere: frozenset[str] | set[str] = frozenset()
    #: line texts the zone-free line rules tried in this pass without a match
    tried_anywhere: set[str] = field(default_factory=set)
    #: line texts the zone-bound screen turns away (shared by the passes: _Memo)
    zone_misses: set[str] = field(default_factory=set)
    #: whether any of ``lines`` ends with one of the endings (the key)
    ends_as: dict[tuple[str, ...], bool] = field(default_factory=dict)
    #: the non-blank ``lines`` whose exact form is an orphan heading's entry (see
    #: :meth:`BoilerplateStage._orphan_headings`), once asked
    orphan_lines: set[int] | None = None

    def prose(self, line: Line) -> bool:
        """:func:`~.layout.is_prose` of a line, computed once per document."""
        p = self.prose_of.get(line.text)
        if p is None:
            text = line.text
            mw = self.prose_min_words
            # ``is_prose`` counts up to ``mw`` words; the line's count (up to WORD_CAP,
            # often set by the layout) reaches ``mw`` exactly when that one does
            p = (
                line.words >= mw and ends_sentence(text) and not text.endswith("...")
                if mw <= WORD_CAP
                else is_prose(text, mw)
            )
            if p and self.snippets and is_snippet(line.text, self.prose_min_words):
                p = False
            self.prose_of[line.text] = p
        return p

    def screened(self, line: Line) -> str:
        """The screen form of a line (:func:`normalize`), computed once per document."""
        k = self.norms.get(line.text)
        if k is None:
            k = self.norms[line.text] = normalize(line.text)
        return k

    edge_of: dict[str, int] = field(default_factory=dict)

    def edge(self, line: Line, edges: EdgeMasks | None) -> int:
        """The line's mask in ``edges`` (the regexes that can start and end as it
        does), computed once per document; -1 (every regex) without ``edges``."""
        text = line.text
        m = self.edge_of.get(text)
        if m is None:
            if edges is None or not text:
                m = -1
            else:
                m = edges.start_mask(text[:PREFIX_LEN]) & edges.last_mask(text[-1])
                if " " in text:
                    m &= ~edges.one_word
            self.edge_of[text] = m
        return m

    def key(self, line: Line) -> str:
        """The exact-match form of a line, computed once per document."""
        k = self.keys.get(line.text)
        if k is None:
            k = self.keys[line.text] = line_key(line.text)
        return k

    def alive(self) -> list[Line]:
        """The non-blank lines above any cut that are not removed (callers must not
        change the list: it is kept until a removal or a cut changes it; ``removed``
        only grows while rules run)."""
        key = (len(self.removed), self.cut)
        if self._alive is None or self._alive[0] != key:
            stop = len(self.lines) if self.cut is None else self.cut
            lines = [ln for ln in self.lines[:stop] if ln.text and ln.index not in self.removed]
            self._alive = (key, lines)
        return self._alive[1]


#: Passes of the rules over a document at most (see :meth:`BoilerplateStage.__call__`).
MAX_PASSES = 4


class Address(NamedTuple):
    """What a document's address tells the rules that read it."""

    #: the name keys of its site (:func:`.site_name.site_keys`), for ``site.name``
    site: frozenset[str] = frozenset()
    #: the words of its title (:func:`.above_title.slug_words`), for ``site.above_title``
    slug: tuple[str, ...] = ()


#: A document without an address, or one no rule reads.
NO_ADDRESS = Address()
#: The rules that read a document's address (rule id -> shipped on).
URL_RULES: Mapping[str, bool] = {site_name.RULE_ID: False, above_title.RULE_ID: True}


@dataclass(frozen=True)
class BoilerplateStage:
    """The boilerplate stage; see the module docstring."""

    config: BoilerplateConfig
    rules: tuple[Compiled, ...]
    name: str = NAME
    anywhere: _AnyZone | None = None  # the zone-free line rules, indexed (see build)
    shape: shape.ShapeParams = _DEFAULT_SHAPE
    #: the article-region rules (:mod:`~textclean.stages.boilerplate.region`)
    region: region.RegionParams = _DEFAULT_REGION
    #: other stories' teasers off the article's topic (:mod:`~.teasers`)
    teasers: teasers.TeaserParams = _DEFAULT_TEASERS
    model: classifier.Model | None = None  # the learned line classifier (None: off)
    zone_screen: _ZoneScreen | None = None  # the zone-bound line rules, screened (see build)
    #: the first and last characters every regex of ``rules`` can match (``edge_bits``)
    edges: EdgeMasks | None = None
    #: the metadata fields a document's address is read from for the rules that read it
    #: (the corpus mode's ``url_keys``); empty: none of them is on
    url_keys: tuple[str, ...] = ()
    #: the rules of those that are on (:data:`URL_RULES`)
    url_rules: frozenset[str] = frozenset()
    #: the memo of the last document this stage worked on (:func:`_memo_for`)
    memo_slot: _MemoSlot = field(default_factory=_MemoSlot, init=False, compare=False, repr=False)
    #: ``rules`` of each kind, in file order (made from ``rules``: the passes ask for
    #: the few section, orphan-heading and teaser rules without a loop over all rules)
    by_kind: Mapping[str, tuple[Compiled, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    #: the exact entries of every orphan-heading rule when none has a regex (None
    #: else): a line whose exact form is none of them matches none of those rules
    orphan_entries: frozenset[str] | None = field(
        default=None, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        kinds: dict[str, list[Compiled]] = {}
        for c in self.rules:
            kinds.setdefault(c.rule.kind, []).append(c)
        object.__setattr__(self, "by_kind", {k: tuple(v) for k, v in kinds.items()})
        orphans = kinds.get("orphan_heading", [])
        if not any(c.regexes for c in orphans):
            entries = frozenset(e for c in orphans for e in c.rule.exact)
            object.__setattr__(self, "orphan_entries", entries)

    # ------------------------------------------------------------------ matching

    def _fullmatch(self, c: Compiled, line: Line, run: _Run) -> str | None:
        """The pattern of ``c`` matching all of ``line``; a rule that timed out is skipped."""
        if c.rule.id in run.timed_out:
            return None
        text = line.text
        edge = run.edge(line, self.edges) if c.edge_bits else -1
        for k, pat in enumerate(c.regexes):
            if not edge >> c.edge_bits[k] & 1 if c.edge_bits else False:
                continue  # the line cannot start or end as a match of it does
            screen = c.screens[k] if c.screens else None
            if screen is not None and not _found(screen, run.screened(line)):
                continue  # the line lacks every string a match must contain
            try:
                if pat.fullmatch(text, timeout=self.config.regex_timeout):
                    return pat.pattern
            except TimeoutError:
                run.timed_out.append(c.rule.id)
                return None
        return None

    def _matches(
        self, c: Compiled, line: Line, run: _Run, max_words: int | None = None
    ) -> dict[str, Any] | None:
        """Evidence when ``line`` is one of ``c``'s exact lines or fully matches a regex."""
        if c.rule.exact and run.key(line) in c.rule.exact:
            return {"match": "exact"}
        limit = c.rule.max_words if max_words is None else max_words
        if c.regexes and line.words <= limit and len(line.text) <= 30 * limit + 50:
            pat = self._fullmatch(c, line, run)
            if pat is not None:
                return {"match": "regex", "pattern": pat}
        return None

    def _match_anywhere(
        self, a: _AnyZone, line: Line, run: _Run, mask: int | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        """The first zone-free line rule matching ``line`` (as the loop over rules finds it).

        ``mask``: the line's screen bits from :meth:`_AnyZone.screen_lines`, if known.
        """
        if line.words <= a.max_words and len(line.text) <= a.max_chars:
            maybe: Any = True
            if not run.prefilter_off:
                try:
                    screened = run.screened(line) if mask is None else mask
                    maybe = a.may_match(line, screened, self.config.regex_timeout)
                except TimeoutError:
                    # A slow rule makes the screened patterns slow on every line: from
                    # here on each rule tries alone, and the slow one, once timed out, is
                    # skipped (as without the prefilter), instead of one timeout a line.
                    run.prefilter_off = True
            if maybe:
                for c in a.rules:
                    ev = self._matches(c, line, run)
                    if ev is not None:
                        ev["line"] = line.index + 1
                        return c.rule.id, ev
                return None
        # no regex can match: the first rule listing the line's exact form
        k = a.exact.get(run.key(line)) if a.exact else None
        if k is None:
            return None
        return a.rules[k].rule.id, {"match": "exact", "line": line.index + 1}

    def _anywhere(
        self, a: _AnyZone, run: _Run, alive: list[Line]
    ) -> dict[int, tuple[str, dict[str, Any]]]:
        """The zone-free line rules over ``alive``: :meth:`_match_anywhere` of each line.

        Most lines match nothing, and they are told apart here in bulk: one screen
        search over all the short-enough lines (:meth:`_AnyZone.screen_lines`); a
        line none of whose candidate regexes matches (as :meth:`_AnyZone.may_match`
        decides) matches only if its exact form is an entry, which a line with more
        words than any entry and a letter or digit in its first and last words
        cannot be (:data:`_AnyZone.exact_words`). Every other line goes through
        :meth:`_match_anywhere`, so the result is the same as calling it on each line.
        """
        found: dict[int, tuple[str, dict[str, Any]]] = {}
        timeout = self.config.regex_timeout
        off = run.prefilter_off
        compiled = a.compiled
        always = a.always
        exact = a.exact
        # more words than any exact entry (screened or too short for the screen)
        wordy = max(a.short_exact_words, a.exact_words)
        keys = run.keys
        char_bits = a.char_bits
        char_by_bit = a.char_by_bit
        # The candidate regexes of each line: those of rules whose limits it is within,
        # whose first and last characters can be the line's (a full match spans the
        # line), and, for a regex screened by required strings, that the line holds one.
        cands: list[int] = [0] * len(alive)
        if not off:
            allowed = a.allowed
            max_words = a.max_words
            max_chars = a.max_chars
            edges = a.edges
            assert edges is not None
            start_get, last_get = edges.start.get, edges.last.get
            screened = ~always
            pending: list[int] = []  # lines with a candidate that the strings screen
            needs: list[int] = []  # the need of each of them
            spaced_allowed = a.spaced_allowed
            tiers = len(allowed)
            for i, ln in enumerate(alive):
                text = ln.text
                words = ln.words
                n = len(text)
                if words > max_words or n > max_chars:
                    continue
                chars = -(-(n - 50) // 30)
                need = words if words >= chars else chars
                if need >= tiers:
                    continue
                # a line without a space (one word, or a Japanese phrase counted as
                # several) can match a regex that cannot match a space
                cand = spaced_allowed[need] if " " in text else allowed[need]
                if not cand:
                    continue
                f = start_get(text[:PREFIX_LEN])
                if f is None:
                    f = edges.start_mask(text[:PREFIX_LEN])
                cand &= f
                if not cand:
                    continue
                la = last_get(text[-1])
                if la is None:
                    la = edges.last_mask(text[-1])
                cand &= la
                if cand & screened:
                    pending.append(i)
                    needs.append(need)
                cands[i] = cand
            if pending:
                # (bits outside ``allowed[need]`` may be left out: ``cand`` is within it)
                masks = a.screen_lines([alive[i] for i in pending], needs)
                for i, m in zip(pending, masks, strict=True):
                    cands[i] &= always | m
        for i, ln in enumerate(alive):
            text = ln.text
            cand = cands[i]
            if cand or off:  # (most lines have no candidate: straight to the exact form)
                full = off
                bit = -1  # the lowest candidate regex that matches, when known
                screened_bits = cand & char_bits if cand and not off else 0
                if screened_bits:
                    n = len(text)
                    while screened_bits:  # each screen clears its own bit only: any order
                        low = screened_bits & -screened_bits
                        screened_bits ^= low
                        lo, hi, chars = char_by_bit[low.bit_length() - 1]
                        if n < lo or n > hi or (chars is not None and not chars.fullmatch(text)):
                            cand ^= low  # no match is so long, or holds a character it has
                if cand and not off:
                    try:
                        while cand:  # in rule order: the first match is the first rule's
                            low = cand & -cand
                            if compiled[low.bit_length() - 1].fullmatch(text, timeout=timeout):
                                full = True
                                bit = low.bit_length() - 1
                                break
                            cand ^= low
                    except TimeoutError:
                        full = True
                        bit = -1
                        # the per-rule path from here on: it skips a rule that timed out
                        # (as this path would, on finding a match of it) and times it once
                        off = True
                if full:
                    if bit >= 0 and not run.timed_out:
                        # the first rule listing the line's exact form, if it comes first, wins
                        k = bisect.bisect_right(a.starts, bit) - 1
                        e = exact.get(run.key(ln)) if exact else None
                        if e is not None and e <= k:
                            ev: dict[str, Any] = {"match": "exact", "line": ln.index + 1}
                            found[ln.index] = (a.rules[e].rule.id, ev)
                        else:
                            ev = {"match": "regex", "pattern": compiled[bit].pattern}
                            ev["line"] = ln.index + 1
                            found[ln.index] = (a.rules[k].rule.id, ev)
                        continue
                    hit = self._match_anywhere(a, ln, run, None)
                    if hit is not None:
                        found[ln.index] = hit
                    continue
            # no regex can match: the first rule listing the line's exact form
            if not exact:
                continue
            if ln.words > wordy and (
                (text[:1].isalnum() and text.rstrip(_TRAILING)[-1:].isalnum())
                or _wordy_ends(text)  # (its first test, inline above, is the common case)
            ):
                continue
            key = keys.get(text)
            if key is None:
                # a line NFKC leaves as it is: its exact form is its case-folded text
                # (``canon``: Turkish capitals folded as ``line_key`` folds them)
                # trimmed (it has single spaces, and case folding makes no whitespace);
                # asked of this line alone (not of the page's lines joined: a line feed
                # composes with nothing, so the answers agree), as few lines get here
                nfkc = unicodedata.is_normalized("NFKC", text)
                key = canon(text).strip(_KEY_TRIM) if nfkc else line_key(text)
                keys[text] = key
            k = exact.get(key)
            if k is not None:
                found[ln.index] = (a.rules[k].rule.id, {"match": "exact", "line": ln.index + 1})
        return found

    # ------------------------------------------------------------------ pass 1

    def _section_cut(self, run: _Run) -> None:
        nonblank = [ln for ln in run.lines if ln.text]
        if not nonblank:
            return
        n = len(nonblank)
        # a truncated snippet ("...…") counts as prose here: a listing of excerpts is
        # the page's text, not a teaser block under its last paragraph
        last_prose = next(
            (
                k
                for k in range(n - 1, -1, -1)
                if run.prose(nonblank[k])
                or (
                    nonblank[k].text.endswith("…")
                    and is_snippet(nonblank[k].text, run.prose_min_words)
                )
            ),
            -1,
        )
        credits_all = -1  # the page's trailing credit lines (counted when needed)
        for c in self.by_kind.get("section", ()):
            r = c.rule
            # a heading stands at or after min_position or after the last prose line,
            # with at most max_block_lines below it
            start = max(
                0,
                n - 1 - r.max_block_lines,
                min(math.ceil(r.min_position * n), last_prose + 1),
            )
            if start >= n:
                continue
            # Every line of the block under a heading at k (nonblank[k + 1:] but the
            # credit lines that end the page, min(credits_all, n - k - 1) of them) must
            # be teaserish: no heading above the last line that is not can cut, so the
            # search starts there (on a page of prose, at its last paragraph).
            if credits_all < 0:
                credits_all = 0
                while credits_all < n and _CREDIT.fullmatch(nonblank[-1 - credits_all].text):
                    credits_all += 1
            for j in range(n - credits_all - 1, start - 1, -1):
                if not self._teaserish(nonblank[j].text, r):
                    start = j
                    break
            for k in range(start, n):
                ln = nonblank[k]
                if run.cut is not None and ln.index >= run.cut:
                    break
                if ln.index in run.code:
                    continue
                if ln.words > 8 or (k < r.min_position * len(nonblank) and k <= last_prose):
                    continue
                if len(nonblank) - k - 1 > r.max_block_lines:  # too much below to be teasers
                    continue
                ev = self._matches(c, ln, run, max_words=8)
                if ev is None:
                    continue
                # a heading repeated on the page ("Read More" under every excerpt of a
                # listing, above it or below) is an item's button, not the heading of a
                # section of other stories
                key = run.key(ln)
                if any(run.key(b) == key for b in nonblank if b is not ln):
                    continue
                # a page with no prose at all whose lines above the heading are teaser
                # titles too is a listing (a front page, a digest): the heading names
                # the next part of the list, which is the page's content (RULES.md 6)
                if (
                    last_prose < 0
                    and sum(1 for b in nonblank[:k] if self._teaserish(b.text, r)) >= _LISTING_ABOVE
                ):
                    continue
                block = nonblank[k + 1 :]
                credits = 0  # the article's own credit lines after the teasers stay
                while credits < len(block) and _CREDIT.fullmatch(block[-1 - credits].text):
                    credits += 1
                block = block[: len(block) - credits]
                if not all(self._teaserish(b.text, r) for b in block):
                    continue
                # dates alone under it ("Read more →" over "Apr 17, 2016"): an item's
                # button over its date line, no section of other stories
                if block and all(
                    shape._DIGIT.search(b.text) and shape.DATE_LINE.fullmatch(b.text) for b in block
                ):
                    continue
                ev.update(
                    line=ln.index + 1,
                    heading=ln.text,
                    lines_cut=len(block) + 1,
                    truncated_snippets=sum(
                        b.text.endswith(r.strong_endings + r.weak_endings) for b in block
                    ),
                )
                run.removed[ln.index] = (r.id, ev)
                if credits:
                    for b in block:
                        run.removed[b.index] = (r.id, {**ev, "line": b.index + 1})
                else:
                    run.cut = ln.index
                break

    def _teaserish(self, text: str, r: Rule) -> bool:
        """A line of a teaser block: a truncated snippet, or a short non-prose line."""
        if text.endswith(r.strong_endings + r.weak_endings):
            return True
        return count_words(text, r.title_max_words) <= r.title_max_words and not is_prose(
            text, self.config.prose_min_words
        )

    def _line_rules(self, run: _Run, zones: dict[str, set[int]] | None) -> None:
        """Line rules; ``zones is None`` runs the zone-free ones, else the zone-bound ones.

        A zone-bound match stands only where chrome clusters: in a run of at most
        ``_SHORT_RUN`` consecutive non-prose lines, or in a longer run of which at
        least a third is chrome, at the run's outer edge. A word like "Legal"
        inside a long list stays.
        """
        found: dict[int, tuple[str, dict[str, Any]]] = {}
        alive = run.alive()
        if zones is None and self.anywhere is not None:
            if run.no_anywhere:  # a zone-free rule sees one line: known misses stay misses
                alive = [ln for ln in alive if ln.text not in run.no_anywhere]
            found = self._anywhere(self.anywhere, run, alive)
            # a match that a fact of the page shows to be the text's stays; its text is
            # tried again in a later round (its context may differ there)
            kept = shape.vetoed(run.alive(), found, run.prose) if found else set()
            for i in kept:
                del found[i]
            run.removed.update(found)
            if found or kept:
                run.tried_anywhere.update(
                    ln.text for ln in alive if ln.index not in found and ln.index not in kept
                )
            else:
                run.tried_anywhere.update(map(_TEXT, alive))
            return
        if zones is not None:  # zone-bound rules: only lines in a zone can match
            edge = zones["edges"]
            alive = [ln for ln in alive if ln.index in edge] if edge else []
            screen = self.zone_screen
            if screen is not None:
                # The screen's False is a function of the line's text (its words, key,
                # edge mask and screen form are; a timeout answers True): a text it
                # turned away in an earlier round or pass is turned away again.
                timeout = self.config.regex_timeout
                edges = self.edges
                misses = run.zone_misses
                kept = []
                for ln in alive:
                    if ln.text in misses:
                        continue
                    if screen.may_match(
                        ln, run.key(ln), timeout, run.edge(ln, edges), run.screened
                    ):
                        kept.append(ln)
                    else:
                        misses.add(ln.text)
                alive = kept
        line_rules = self.by_kind.get("line", ()) if alive else ()
        for ln in alive:
            for c in line_rules:
                r = c.rule
                if zones is None:
                    if r.zone != "any":
                        continue
                elif r.zone == "any" or ln.index not in zones[r.zone]:
                    continue
                ev = self._matches(c, ln, run)
                if ev is not None:
                    ev["line"] = ln.index + 1
                    if r.zone != "any":
                        ev["zone"] = r.zone
                    found[ln.index] = (r.id, ev)
                    break
        if zones is None:
            run.removed.update(found)
            return
        for i in shape.vetoed(run.alive(), found, run.prose) if found else ():
            del found[i]  # a fact of the page shows the line to be the text's
        if not found:
            return  # no run holds a match: nothing to accept
        # Runs of non-prose lines among the lines still there: judged as a second pass
        # over the output would see them (lines removed earlier are gone), so a line
        # kept now is not removed by cleaning the output again (idempotence).
        lines = run.alive()
        k = 0
        while k < len(lines):
            if run.prose(lines[k]):
                k += 1
                continue
            j = k
            while j < len(lines) and not run.prose(lines[j]):
                j += 1
            members = [ln.index for ln in lines[k:j]]
            is_chrome = [i in found for i in members]
            if len(members) <= _SHORT_RUN:
                accept = [i for i in members if i in found]
            elif 3 * sum(is_chrome) >= len(members):
                # In a longer run, chrome must stand at the run's outer edge: at most
                # one other line between it and the top (header) or bottom (footer).
                accept = []
                for pos, i in enumerate(members):
                    if i not in found:
                        continue
                    above = pos - sum(is_chrome[:pos])
                    below = len(members) - pos - 1 - sum(is_chrome[pos + 1 :])
                    if (i in zones["header"] and above <= 1) or (
                        i in zones["footer"] and below <= 1
                    ):
                        accept.append(i)
            else:
                accept = []
            for i in accept:
                run.removed[i] = found[i]
            k = j

    # ------------------------------------------------------------------ pass 2

    def _zones(self, run: _Run) -> dict[str, set[int]]:
        """The header, footer, edge and whole-page zones of the lines still there.

        Kept on ``run`` until a removal or a cut changes the lines (callers must not
        change the sets). Only the first and last prose lines decide the zones, so
        the search for them stops at each end.
        """
        key = (len(run.removed), run.cut)
        if run.zones is not None and run.zones[0] == key:
            return run.zones[1]
        alive = run.alive()
        cfg = self.config
        prose = run.prose
        n = len(alive)
        first = next((k for k in range(n) if prose(alive[k])), n)
        last = next((k for k in range(n - 1, first - 1, -1) if prose(alive[k])), -1)
        head_end = min(first, cfg.header_lines)
        foot_start = max(last + 1, n - cfg.footer_lines)
        header = {ln.index for ln in alive[:head_end]}
        footer = {ln.index for ln in alive[foot_start:]}
        everything = {ln.index for ln in alive}
        zones = {"header": header, "footer": footer, "edges": header | footer, "any": everything}
        run.zones = (key, zones)
        return zones

    def _orphan_headings(self, run: _Run, zones: dict[str, set[int]]) -> None:
        alive = run.alive()
        where: set[int] = set()
        orphans = self.by_kind.get("orphan_heading", ())
        for c in orphans:
            where |= zones[c.rule.zone]
        if not where:
            return  # no line stands where an orphan-heading rule looks
        # Rules with exact entries only (the built-in ones) match a line whose exact
        # form is one of them: the other lines are passed over without the loop over
        # the rules (``_matches`` would find no entry and try no regex).
        # The lines whose form is one are found once a pass (a line's form is a
        # function of its text, and the rounds of a pass share its lines).
        heading_forms = self.orphan_entries
        positions: Iterable[int] = range(len(alive))
        if heading_forms is not None:
            at = run.orphan_lines
            if at is None:
                keys = run.keys
                key = run.key
                at = run.orphan_lines = {
                    ln.index
                    for ln in run.lines
                    if ln.text
                    and ln.words <= _ORPHAN_MAX_WORDS
                    and (keys.get(ln.text) or key(ln)) in heading_forms
                }
            if not at:
                return
            positions = [k for k, ln in enumerate(alive) if ln.index in at and ln.index in where]
        for k in positions:
            ln = alive[k]
            if ln.index not in where or ln.words > _ORPHAN_MAX_WORDS:
                continue  # a heading is short: a long line needs no key (zone "any")
            for c in orphans:
                r = c.rule
                if ln.index not in zones[r.zone]:
                    continue
                ev = self._matches(c, ln, run, max_words=8)
                if ev is None:
                    continue
                # Count contents entries: short non-prose lines right under the heading.
                entries = 0  # 0, 1, or 2 for "more than one"
                leader = False  # an entry with a dot leader: a printed document's contents
                for nxt in itertools.islice(alive, k + 1, k + 3):
                    if run.prose(nxt) or nxt.words > 16:
                        break
                    entries += 1
                    leader = leader or _DOT_LEADER.search(nxt.text) is not None
                if entries <= 1 and not leader:
                    ev.update(line=ln.index + 1, entries_below=entries)
                    run.removed[ln.index] = (r.id, ev)
                    break

    def _teasers(self, run: _Run, zones: dict[str, set[int]]) -> None:
        for c in self.by_kind.get("teaser", ()):
            r = c.rule
            endings = r.strong_endings + r.weak_endings
            # one C-level pass over the lines' ends (a search of the page's text for
            # each ending and a line feed cost about as much per ending), once a pass
            ends = run.ends_as.get(endings)
            if ends is None:
                ends = any(map(operator.methodcaller("endswith", endings), map(_TEXT, run.lines)))
                run.ends_as[endings] = ends
            if not ends:
                continue  # no line ends as a snippet does: no pair
            alive = run.alive()
            pairs: list[tuple[int, bool]] = []  # (position in alive of the title, strong?)
            heads: dict[str, int] | None = None  # the lines' first words, once a pass
            k = 0
            while k + 1 < len(alive):
                title, snippet = alive[k], alive[k + 1]
                if (
                    snippet.text.endswith(endings)  # the rarest condition first
                    and title.words <= r.title_max_words
                    and not title.text.endswith(endings)
                    and snippet.words >= r.min_words
                    and title.index in zones[r.zone]
                    # a headline ends in no full stop: above a bare "…", a line that
                    # does is a sentence (a reader's comment, the text's last lines),
                    # and a question is an interview's, its answer trailing off below
                    and (
                        snippet.text.endswith(r.strong_endings)
                        or not title.text.rstrip(_CLOSERS).endswith(_NO_HEADLINE)
                    )
                    # a commenter's name line or another comment widget removed between
                    # the two: two readers' comments, each under its author's line
                    and not _comment_between(run, title.index, snippet.index)
                    # the snippet's words printed again in full further down: the
                    # article's own title and lede over its text, not another story's
                    and not _printed_below(
                        snippet.text,
                        heads if heads is not None else (heads := _line_heads(alive)),
                        k + 2,
                    )
                ):
                    pairs.append((k, snippet.text.endswith(r.strong_endings)))
                    k += 2
                else:
                    k += 1
            # A listing page (a tag or category archive, a section front) is made of
            # teasers: they are its text. Teasers go only when the page has text of its
            # own, prose outside the pairs at least as long as the pairs' snippets; an
            # excerpt cut with "[…]" outside a pair (under a long title, or the last
            # one, its title above the page's start) is the listing's too, not its own.
            if not pairs:
                continue  # nothing to remove
            paired = {k for k, _ in pairs} | {k + 1 for k, _ in pairs}
            teaser_words = sum(alive[k + 1].words for k, _ in pairs)
            own_words = sum(
                ln.words
                for j, ln in enumerate(alive)
                if j not in paired and run.prose(ln) and not ln.text.endswith(r.strong_endings)
            )
            if own_words < teaser_words:
                continue
            # A bare ellipsis ends ordinary sentences too: such a pair counts only in a
            # run of at least `min_run` consecutive pairs, or in the footer zone.
            run_len: dict[int, int] = {}
            start = 0
            for j in range(len(pairs)):
                if j > 0 and pairs[j][0] != pairs[j - 1][0] + 2:
                    start = j
                run_len[start] = run_len.get(start, 0) + 1
            start = 0
            for j, (k, strong) in enumerate(pairs):
                if j > 0 and k != pairs[j - 1][0] + 2:
                    start = j
                in_run = run_len[start] >= r.min_run
                title, snippet = alive[k], alive[k + 1]
                # a lone pair with a bare ellipsis right under the text's last line
                # left (no widget's heading or form removed between them) is the
                # text's own ending: a sentence and a trailing-off last one
                lone_under_text = (
                    not strong
                    and not in_run
                    and k > 0
                    and not any(i in run.removed for i in range(alive[k - 1].index, title.index))
                )
                if strong or in_run or (title.index in zones["footer"] and not lone_under_text):
                    ev = {
                        "line": title.index + 1,
                        "title": title.text,
                        "ending": "strong" if strong else "weak",
                    }
                    run.removed[title.index] = (r.id, ev)
                    run.removed[snippet.index] = (r.id, {**ev, "line": snippet.index + 1})

    # ------------------------------------------------------------------ applying

    def _changes(self, run: _Run) -> list[Change]:
        if not run.removed and run.cut is None:
            return []
        lines = run.lines
        owner: list[int | None] = [None] * len(lines)
        for i in run.removed:
            owner[i] = i
        if run.cut is not None:
            for i in range(run.cut, len(lines)):
                owner[i] = run.cut
        # Blank lines go with the removed line above them (or below, at the very top).
        prev: int | None = None
        first = next((x for x in lines if not x.blank), None)  # after the leading blanks
        for ln in lines:
            if ln.blank and owner[ln.index] is None:
                if prev is None:
                    if first is not None and owner[first.index] is not None:
                        owner[ln.index] = owner[first.index]
                elif owner[prev] is not None:
                    owner[ln.index] = owner[prev]
            elif not ln.blank:
                prev = ln.index
        # Blank lines before a removed tail go with it.
        tail = len(lines)
        while tail > 0 and (owner[tail - 1] is not None or lines[tail - 1].blank):
            tail -= 1
        if tail < len(lines):
            first_owned = next((i for i in range(tail, len(lines)) if owner[i] is not None), None)
            if first_owned is not None:
                for i in range(tail, first_owned):
                    owner[i] = owner[first_owned]
        changes: list[Change] = []
        i = 0
        while i < len(lines):
            o = owner[i]
            if o is None:
                i += 1
                continue
            j = i
            while j + 1 < len(lines) and owner[j + 1] == o:
                j += 1
            rule, ev = run.removed[o]
            changes.append(Change(lines[i].start, lines[j].end, "", rule, ev))
            i = j + 1
        return changes

    def _rule_pass(
        self,
        text: str,
        no_anywhere: frozenset[str] | set[str] = frozenset(),
        memo: _Memo | None = None,
        laid: list[Line] | None = None,
        address: Address = NO_ADDRESS,
    ) -> _Run:
        """Every rule but the classifier: section cuts, line rules, orphan headings,
        teasers and the hand-set shape rules. ``no_anywhere``: line texts the zone-free
        line rules are known not to match (see :meth:`__call__`); ``memo``: what the
        passes over this document share (:class:`_Memo`); ``laid``: the
        :func:`~.layout.layout_lines` of ``text``, when known; ``address``: what the
        document's address tells (:class:`Address`), for the rules that read it."""
        lines = layout_lines(text) if laid is None else laid
        if memo is None:
            memo = _Memo()
        run = _Run(
            lines,
            code=fenced_code_lines([ln.text for ln in lines]),
            prose_min_words=self.config.prose_min_words,
            no_anywhere=no_anywhere,
            keys=memo.keys,
            norms=memo.norms,
            edge_of=memo.edges,
            zone_misses=memo.zone_misses,
        )
        pmw = self.config.prose_min_words
        run.marks = structure.page_marks(text, self.shape, lines)
        run.snippets = text.count("…") >= 2 and (
            sum(1 for ln in lines if ln.text.endswith("…") and is_snippet(ln.text, pmw)) >= 2
        )
        run.prose_of = memo.prose[run.snippets]
        self._section_cut(run)
        self._line_rules(run, None)
        # The zone-bound passes see the lines still there; a removal can expose more
        # chrome (an orphan heading left alone, a shorter run of non-prose lines), which
        # cleaning the output again would find. They repeat until nothing more goes, so
        # the stage is idempotent (bounded: each round removes at least one line).
        stop = len(run.lines) if run.cut is None else run.cut
        gates: set[str] | None = None  # the shape rules' page gates: the same every round
        for _ in range(_MAX_ROUNDS):
            before = len(run.removed)
            zones = self._zones(run)
            self._line_rules(run, zones)
            self._orphan_headings(run, zones)
            zones = self._zones(run)
            self._teasers(run, zones)
            if gates is None:
                gates = shape.page_gates([ln.text for ln in run.lines[:stop] if ln.text])
            run.removed.update(
                shape.apply(run.lines[:stop], run.removed, self.shape, run.code, run.prose, gates)
            )
            run.removed.update(
                structure.apply(
                    run.lines[:stop], run.removed, self.shape, run.code, run.prose, run.marks
                )
            )
            if self.region.masthead:
                run.removed.update(
                    region.apply(run.lines[:stop], run.removed, self.region, run.code, run.prose)
                )
            if self.teasers.enabled:
                run.removed.update(
                    teasers.apply(run.lines[:stop], run.removed, self.teasers, run.code, run.prose)
                )
            if len(run.removed) == before:
                break
        if address.site:
            run.removed.update(
                site_name.find(run.lines[:stop], run.removed, run.code, address.site, run.prose)
            )
        if address.slug:
            run.removed.update(
                above_title.find(run.lines[:stop], run.removed, run.code, address.slug, run.prose)
            )
        for i in run.code & run.removed.keys():
            del run.removed[i]
        return run

    def address_of(self, url: str) -> Address:
        """What ``url`` tells the address rules that are on."""
        on = self.url_rules
        return Address(
            site_name.site_keys(url) if site_name.RULE_ID in on else frozenset(),
            above_title.slug_words(url) if above_title.RULE_ID in on else (),
        )

    def classifier_input(
        self, text: str
    ) -> tuple[list[Line], dict[int, tuple[str, dict[str, Any]]], frozenset[int]]:
        """What the classifier sees of ``text``: the lines above any section cut, the
        rules' removals, the fenced-code lines (for training it on labelled pages)."""
        run = self._rule_pass(text)
        stop = len(run.lines) if run.cut is None else run.cut
        return run.lines[:stop], run.removed, run.code

    def __call__(self, doc: Document) -> Document:
        """Remove the page chrome of ``doc``.

        The context rules judge a line by its neighbours, so a removal can expose
        more chrome (a label that now repeats, a run that now closes). The rules run
        again on what is left until nothing more goes (at most :data:`MAX_PASSES`),
        so cleaning the result again removes nothing: the stage is idempotent. The
        edits of every pass are recorded at once, in offsets into the text the stage
        received (a later pass's removals are mapped back past the earlier ones).

        A zone-free line rule judges a line by its text alone, and a removal takes
        whole lines, so a line a pass kept has the same text in the next pass: the
        next pass does not try the zone-free rules again on a text they all missed
        (unless a rule timed out, which depends on the moment). The context rules
        run again in full. Called again on the same document (the pipeline's settling
        pass, after ``repeats`` removed lines), the stage starts from what its passes
        learnt of the line texts (:class:`_Memo`).

        The cyclic garbage collector is paused meanwhile (:func:`textclean.gcpause.paused`:
        the lines of a long page would otherwise set off full collections).
        """
        with paused():
            return self._clean(doc)

    def _clean(self, doc: Document) -> Document:
        """:meth:`__call__` with the collector as it is."""
        had_text = bool(doc.text.strip())
        nonblank_removed = removed_chars = 0
        timed_out: list[str] = []
        text = doc.text
        recorded: list[Change] = []  # offsets into doc.text
        memo = _memo_for(self, doc)
        known = memo.zone_free_misses
        laid: list[Line] | None = None  # the lines of ``text``, when known
        url = document_url(doc, self.url_keys) if self.url_keys else None
        address = self.address_of(url) if url else NO_ADDRESS
        for _ in range(MAX_PASSES):
            changes, lines, run_timeouts, tried, laid = self._one_pass(
                text, known, memo, laid, address
            )
            timed_out.extend(r for r in run_timeouts if r not in timed_out)
            if timed_out:
                known.clear()
            else:
                known |= tried
            if not changes:
                break
            nonblank_removed += lines
            removed_chars += sum(c.end - c.start for c in changes)
            recorded = _merge_pass(recorded, changes)
            left = _delete(text, changes)
            # the next pass's lines are the lines this one kept (a change deletes whole
            # lines), moved up: not split and laid out again
            laid = lines_after(laid, [(c.start, c.end) for c in changes], text, left)
            text = left
            if not text.strip():
                break
        if recorded:
            doc.replace_spans(NAME, recorded)
        doc.scores["boilerplate.lines_removed"] = nonblank_removed
        doc.scores["boilerplate.chars_removed"] = removed_chars
        doc.scores["boilerplate.rule_timeouts"] = len(timed_out)
        if timed_out:
            doc.scores["boilerplate.timed_out_rules"] = ",".join(timed_out)
        if not doc.text.strip():
            if had_text:
                doc.drop(f"boilerplate.empty: only page chrome ({nonblank_removed} lines removed)")
            else:
                doc.drop("boilerplate.empty: empty document")
        return doc

    def _one_pass(
        self,
        text: str,
        no_anywhere: frozenset[str] | set[str] = frozenset(),
        memo: _Memo | None = None,
        laid: list[Line] | None = None,
        address: Address = NO_ADDRESS,
    ) -> tuple[list[Change], int, list[str], set[str], list[Line]]:
        """One pass of the rules (and the classifier, if on) over ``text``: the
        deletions (offsets into ``text``, sorted), the non-blank lines they remove, the
        rules that timed out, the line texts the zone-free rules tried without a match,
        and the lines of ``text`` (``laid``, when given: see :meth:`_rule_pass`)."""
        run = self._rule_pass(text, no_anywhere, memo, laid, address)
        if self.model is not None:
            stop = len(run.lines) if run.cut is None else run.cut
            run.removed.update(
                classifier.apply(
                    run.lines[:stop],
                    run.removed,
                    run.code,
                    self.model,
                    self.config.prose_min_words,
                    text,
                )
            )
        changes = self._changes(run)
        nonblank_removed = (
            sum(
                1
                for ln in run.lines
                if ln.text
                and (ln.index in run.removed or (run.cut is not None and ln.index >= run.cut))
            )
            if changes
            else 0
        )
        timed_out = list(run.timed_out)
        tried = set() if timed_out or run.prefilter_off else run.tried_anywhere
        return changes, nonblank_removed, timed_out, tried, run.lines


def _delete(text: str, changes: list[Change]) -> str:
    """``text`` without the spans of ``changes`` (sorted, non-overlapping deletions)."""
    parts = []
    pos = 0
    for c in sorted(changes, key=lambda c: c.start):
        parts.append(text[pos : c.start])
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


def _merge_pass(recorded: list[Change], changes: list[Change]) -> list[Change]:
    """``recorded`` (deletions in offsets into the original text) plus a later pass's
    ``changes`` (offsets into the text left after ``recorded``), mapped back into the
    original. A later deletion that spans text removed earlier is split around it."""
    gone = sorted((c.start, c.end) for c in recorded)

    def original(pos: int) -> int:
        """The original offset of the character at ``pos`` of the text left."""
        for start, end in gone:
            if start <= pos:
                pos += end - start
            else:
                break
        return pos

    out = list(recorded)
    for c in changes:
        if c.end <= c.start:
            continue
        lo = original(c.start)
        hi = original(c.end - 1) + 1
        for start, end in gone:  # the parts of [lo, hi) not deleted before
            if end <= lo or start >= hi:
                continue
            if start > lo:
                out.append(Change(lo, start, c.after, c.rule, c.evidence))
            lo = max(lo, end)
        if lo < hi:
            out.append(Change(lo, hi, c.after, c.rule, c.evidence))
    return sorted(out, key=lambda c: c.start)


def build(config: Config, rules: RulePack | None) -> BoilerplateStage:
    pack = rules if rules is not None else RulePack.load(config.rules)
    parsed = parse_files(pack.files("boilerplate", "*.toml"))
    compiled = tuple(compile_rules(parsed.rules, config.boilerplate))
    # every regex gets a bit in one edge screen, in rule order
    edges = EdgeMasks([p.pattern for c in compiled for p in c.regexes])
    bits = itertools.count()
    compiled = tuple(
        dataclasses.replace(c, edge_bits=tuple(next(bits) for _ in c.regexes)) for c in compiled
    )
    try:
        params = shape.ShapeParams.from_tables(parsed.shape)
    except ValueError as exc:
        raise RuleError(pack.builtin_dir / "boilerplate", None, str(exc)) from exc
    params = dataclasses.replace(params, prose_min_words=config.boilerplate.prose_min_words)
    # the shape rules answer to `disable`/`enable` by their rule ids like the phrase rules
    switches = {
        "top_label": shape.RULE_TOP_LABEL,
        "sandwich": shape.RULE_SANDWICH,
        "chrome_run": shape.RULE_CHROME_RUN,
        "link_list": shape.RULE_LINK_LIST,
        "menu": shape.RULE_MENU,
        "stutter": shape.RULE_STUTTER,
        "calendar": shape.RULE_CALENDAR,
        "hostname": shape.RULE_HOSTNAME,
        "empty_item": shape.RULE_EMPTY_ITEM,
        "author_line": shape.RULE_AUTHOR_LINE,
        "bare_count": shape.RULE_BARE_COUNT,
        "selector": shape.RULE_SELECTOR,
        "crumb_list": shape.RULE_CRUMB_LIST,
        "snippet_run": shape.RULE_SNIPPET_RUN,
        "removed_twin": shape.RULE_REMOVED_TWIN,
        "bullet_run": shape.RULE_BULLET_RUN,
        "hashtag_row": shape.RULE_HASHTAG_ROW,
        "dangling_lead": shape.RULE_DANGLING_LEAD,
        "crumb_title": shape.RULE_CRUMB_TITLE,
        "crumb_trail": shape.RULE_CRUMB_TRAIL,
        "repeated_label": shape.RULE_REPEATED_LABEL,
    }
    params = dataclasses.replace(
        params,
        **{
            switch: _switched(getattr(params, switch), rule_id, config.boilerplate)
            for switch, rule_id in switches.items()
        },
    )
    try:
        region_params = region.RegionParams.from_tables(
            {k: v for k, v in parsed.region.items() if k != "teasers"}
        )
        teaser_params = teasers.TeaserParams.from_tables(
            {k: v for k, v in parsed.region.items() if k == "teasers"}
        )
    except ValueError as exc:
        raise RuleError(pack.builtin_dir / "boilerplate", None, str(exc)) from exc
    region_params = dataclasses.replace(
        region_params,
        prose_min_words=config.boilerplate.prose_min_words,
        masthead=_switched(region_params.masthead, region.RULE_MASTHEAD, config.boilerplate),
    )
    teaser_params = dataclasses.replace(
        teaser_params,
        prose_min_words=config.boilerplate.prose_min_words,
        enabled=_switched(teaser_params.enabled, teasers.RULE_OFF_TOPIC, config.boilerplate),
    )
    url_rules = frozenset(
        rule_id for rule_id, on in URL_RULES.items() if _switched(on, rule_id, config.boilerplate)
    )
    return BoilerplateStage(
        config.boilerplate,
        compiled,
        anywhere=_AnyZone.build(compiled),
        shape=params,
        region=region_params,
        teasers=teaser_params,
        zone_screen=_ZoneScreen.build(compiled),
        edges=edges,
        model=load_model(parsed.model, config.boilerplate),
        url_keys=tuple(config.site_repeats.url_keys) if url_rules else (),
        url_rules=url_rules,
    )


def load_model(table: Mapping[str, Any] | None, cfg: BoilerplateConfig) -> classifier.Model | None:
    """The classifier of a ``[model]`` table, or None when it is absent or switched off.

    The built-in table says ``enabled = false``: the classifier is opt-in, switched
    on by ``enable = ["boilerplate.shape.classifier"]`` (or a user pack's
    ``[model]`` table with ``enabled = true``). Off when the table says
    ``enabled = false`` and ``enable`` does not name it, when ``disable`` names
    :data:`~textclean.stages.boilerplate.classifier.RULE_ID` (or a prefix of it) and
    ``enable`` does not, or when ``exclude_learned_from`` names a site it was
    trained on (its weights cannot be taken apart per site: a cross-validation
    retrains it instead, see ``bench/boilerplate/measure.py``).
    """
    if table is None:
        return None
    model = classifier.Model.from_table(table)
    rid = classifier.RULE_ID
    on = _switched(model.enabled, rid, cfg) and bool(model.trees)
    if set(model.trained_on) & set(cfg.exclude_learned_from):
        on = False
    if not on:
        return None
    return model if model.enabled else dataclasses.replace(model, enabled=True)
