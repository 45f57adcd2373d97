"""Tokenizing with offsets, and longest-first matching of the reverse table and fingerprints.

A token is a run of letters and digits, with inner apostrophes, hyphens and
dots (``Trump’s``, ``real-estate``, ``U.S``, ``p.c``, ``3.5``); its key is
lower case with ``’`` folded to ``'``. Two tokens are *joined* when only spaces
or tabs separate them: a phrase never matches across punctuation or a line break.

>>> toks = tokenize("Greater than a yr, real-estate")
>>> [(t.key, t.joined) for t in toks]
[('greater', False), ('than', True), ('a', True), ('yr', True), ('real-estate', False)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

import regex

from textclean.stages.despin.table import Entry, Fingerprint

_WORD = r"[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*"
_TOKEN = regex.compile(_WORD)
#: Splitting on the tokens leaves the gaps between them: after a token the next one starts
#: at the first letter or digit (the token pattern is greedy), so a gap is every character
#: in between.
_SPLIT = regex.compile("(" + _WORD + ")")
_JOIN_GAP = " \t\u00a0"


class Token(NamedTuple):
    start: int
    end: int
    key: str
    joined: bool  # only spaces/tabs between this token and the previous one


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with character offsets (see the module docstring)."""
    out: list[Token] = []
    prev_end = -1
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        joined = prev_end >= 0 and s > prev_end and not text[prev_end:s].strip(_JOIN_GAP)
        out.append(Token(s, e, m.group().lower().replace("’", "'"), joined))
        prev_end = e
    return out


class Scan(NamedTuple):
    """The tokens of a text without offsets, for scoring: what :func:`tokenize` gives,
    column by column, at a fraction of its cost (one regex pass and C-level joins)."""

    keys: list[str]
    joined: list[bool]


def scan(text: str) -> Scan:
    """Keys and joined flags of :func:`tokenize`'s tokens.

    >>> text = "Greater than a yr, real-estate"
    >>> s = scan(text)
    >>> list(zip(s.keys, s.joined)) == [(t.key, t.joined) for t in tokenize(text)]
    True
    """
    parts = _SPLIT.split(text)  # gap, token, gap, token, ..., gap
    if len(parts) < 3:
        return Scan([], [])
    # lower() is per character (a final sigma looks only at cased neighbours, and the
    # separator is not one), so lowering the joined words lowers each word
    keys = "\x00".join(parts[1::2]).lower().replace("’", "'").split("\x00")
    joined = list(map(_JOINED.__getitem__, parts[0:-1:2]))
    joined[0] = False
    return Scan(keys, joined)


def tokens_from(text: str, scanned: Scan) -> list[Token]:
    """:func:`tokenize`'s tokens, offsets and all, from a :class:`Scan` of ``text``:
    one split again, offsets by running sums (no per-token regex match).

    >>> text = "Greater than a yr, real-estate"
    >>> tokens_from(text, scan(text)) == tokenize(text)
    True
    """
    parts = _SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))
    return list(map(Token, offsets[0:-1:2], offsets[1::2], scanned.keys, scanned.joined))


class _JoinedGaps(dict[str, bool]):
    """Gap → whether it joins its two tokens (spaces and tabs only), remembered: a
    text has few distinct gaps, so one C-level look-up per token decides."""

    def __missing__(self, gap: str) -> bool:
        joined = gap != "" and not gap.strip(_JOIN_GAP)
        if len(self) < 4096:
            self[gap] = joined
        return joined


_JOINED = _JoinedGaps()


@dataclass(frozen=True)
class Match:
    """Tokens ``i`` to ``j - 1`` spell the spun phrase of ``entry``."""

    i: int
    j: int
    entry: Entry


def first_word_spans(entries: Mapping[str, Entry]) -> dict[str, int]:
    """First word of each spun phrase → the longest phrase length starting with it."""
    out: dict[str, int] = {}
    for spun in entries:
        first, _, _ = spun.partition(" ")
        n = spun.count(" ") + 1
        if out.get(first, 0) < n:
            out[first] = n
    return out


class PhraseIndex(NamedTuple):
    """What phrase matching needs beyond the table: every leading run of two words or
    more of a spun phrase ("is aware", "is aware of"). Matching extends a phrase only
    while it is in ``prefixes``."""

    prefixes: frozenset[str]


def phrase_index(entries: Mapping[str, Entry]) -> PhraseIndex:
    """The :class:`PhraseIndex` of the spun phrases of ``entries``."""
    prefixes: set[str] = set()
    for spun in entries:
        words = spun.split(" ")
        for k in range(2, len(words) + 1):
            prefixes.add(" ".join(words[:k]))
    return PhraseIndex(frozenset(prefixes))


#: How much a match of each tier counts when overlapping matches compete.
TIER_WEIGHT = {"t1": 1.0, "t2": 0.75, "t3": 0.5}


def find_matches(
    tokens: Sequence[Token], entries: Mapping[str, Entry], first: Mapping[str, int]
) -> list[Match]:
    """Non-overlapping table matches, chosen so long phrases win.

    Phrases (two words or more) are chosen first: where they overlap, the set
    with the largest total of ``words ** 2 * tier weight`` is kept (dynamic
    programming over the tokens; ties go to the leftmost), so a longer phrase
    beats the shorter ones inside it, and an unambiguous phrase beats an
    ambiguous one of the same length that overlaps it ("is not any nearer": T1
    "not any nearer" beats T2 "is not any" + "nearer"). Single words then fill
    the tokens no phrase covers; they never split a phrase ("because the begin
    of": the phrase "because the begin", not "because" + "the begin of").

    >>> from textclean.stages.despin.table import Entry
    >>> es = {s: Entry("spin.x." + s.replace(" ", "_"), "t1", s, "o", "general")
    ...       for s in ("greater than", "greater than a yr", "yr")}
    >>> ms = find_matches(tokenize("Greater than a yr and a yr"), es, first_word_spans(es))
    >>> [(m.i, m.j, m.entry.spun) for m in ms]
    [(0, 4, 'greater than a yr'), (6, 7, 'yr')]
    >>> es = {s: Entry("spin.x." + s.replace(" ", "_"), "t1", s, "o", "general")
    ...       for s in ("because the begin", "the begin of", "because")}
    >>> ms = find_matches(tokenize("Because the begin of talks"), es, first_word_spans(es))
    >>> [(m.i, m.j, m.entry.spun) for m in ms]
    [(0, 3, 'because the begin')]
    """
    return match_keys([t.key for t in tokens], [t.joined for t in tokens], entries, first)


def match_keys(
    keys: Sequence[str],
    joined: Sequence[bool],
    entries: Mapping[str, Entry],
    first: Mapping[str, int],
    index: PhraseIndex | None = None,
) -> list[Match]:
    """:func:`find_matches` over the columns of a :class:`Scan`; only the tokens that
    start some spun phrase are looked at, so a text costs about its number of
    candidates, not of tokens. With ``index`` (:func:`phrase_index` of ``entries``) a
    phrase is extended word by word only while it can still become one."""
    n = len(keys)
    starting: dict[int, list[Match]] = {}
    get_first = first.get
    get_entry = entries.get
    if index is not None:
        _phrase_starts(keys, joined, entries, first, index, starting)
    else:
        for i in [i for i, k in enumerate(keys) if k in first]:
            longest = get_first(keys[i], 0)
            found: list[Match] = []
            run = 1  # how many tokens from i on are joined into one phrase
            while run < longest and i + run < n and joined[i + run]:
                run += 1
            for length in range(run, 0, -1):
                key = keys[i] if length == 1 else " ".join(keys[i : i + length])
                entry = get_entry(key)
                if entry is not None:
                    found.append(Match(i, i + length, entry))
            if found:
                starting[i] = found
    if not starting:
        return []
    # Phrases first (the dynamic programme of choose_phrases); single words fill the gaps.
    chosen = choose_phrases(
        {
            i: [(m.j - m.i, m.j, m.entry) for m in ms if m.j - m.i >= 2]
            for i, ms in starting.items()
            if ms[0].j - ms[0].i >= 2
        }
    )
    choice = {i: Match(i, j, e) for i, j, e in chosen}
    out: list[Match] = []
    skip_to = 0
    for i in sorted(starting):
        if i < skip_to:
            continue
        m = choice.get(i)
        if m is None:
            out.extend(s for s in starting[i] if s.j == i + 1)
        else:
            out.append(m)
            skip_to = m.j
    return out


def choose_phrases(
    phrases: Mapping[int, Sequence[tuple[int, int, Entry]]],
) -> list[tuple[int, int, Entry]]:
    """The phrases a text keeps, as ``(start, end, entry)`` in order, from ``start →
    [(words, end, entry), ...]`` (every phrase occurrence, longest first; ``start`` and
    ``end`` are positions that order as the tokens do: token indices, or character
    offsets of the separators around the phrase, a phrase starting where another ends
    being adjacent to it): the largest total of ``words ** 2 * tier weight``, ties to
    the leftmost, longest, then a left-to-right walk that skips phrases inside a kept
    one. :func:`match_keys` and the fast scorer share it, so they keep the same phrases.

    >>> from textclean.stages.despin.table import Entry
    >>> e = Entry("x", "t1", "a b", "y", "general")
    >>> [(s, t) for s, t, _ in choose_phrases({0: [(2, 2, e)], 1: [(3, 4, e)]})]
    [(1, 4)]
    """
    if not phrases:
        return []
    best: dict[int, float] = {}  # phrase start → best total weight from it on
    choice: dict[int, tuple[int, int, Entry]] = {}
    following = 0.0  # best weight from the next phrase start on
    after: list[int] = []  # phrase starts already done, descending
    for i in sorted(phrases, reverse=True):
        here = following
        pick: tuple[int, int, Entry] | None = None
        for length, end, e in phrases[i]:  # longest first, so ties keep the longer match
            w = length * length * TIER_WEIGHT.get(e.tier, 0.5) + _best_from(end, after, best)
            if w >= here - 1e-9:  # ties: the leftmost, longest match
                here, pick = w, (i, end, e)
        best[i] = here
        if pick is not None:
            choice[i] = pick
        following = here
        after.append(i)
    out: list[tuple[int, int, Entry]] = []
    skip_to = -1
    for i in sorted(choice):
        if i >= skip_to:
            out.append(choice[i])
            skip_to = choice[i][1]
    return out


_PAIR = "{} {}".format


def _phrase_starts(
    keys: Sequence[str],
    joined: Sequence[bool],
    entries: Mapping[str, Entry],
    first: Mapping[str, int],
    index: PhraseIndex,
    starting: dict[int, list[Match]],
) -> None:
    """Fill ``starting`` (token → matches starting there, longest first) with C-level
    passes: every token's single-word entry by one ``map``, every joined word pair
    against the two-word phrase prefixes by another; only a pair that starts a phrase
    is extended word by word in Python."""
    n = len(keys)
    get_entry = entries.get
    prefixes = index.prefixes
    singles = list(map(get_entry, keys))
    pairs = list(map(_PAIR, keys, keys[1:]))
    starts = [i for i, pair in enumerate(pairs) if pair in prefixes and joined[i + 1]]
    phrase_at = set(starts)
    for i, single in enumerate(singles):
        if single is not None and i not in phrase_at:
            starting[i] = [Match(i, i + 1, single)]
    for i in starts:
        longest = first.get(keys[i], 0)
        found: list[Match] = []
        single = singles[i]
        if single is not None:
            found.append(Match(i, i + 1, single))
        key, length = pairs[i], 2
        entry = get_entry(key)
        if entry is not None:
            found.append(Match(i, i + 2, entry))
        while length < longest and i + length < n and joined[i + length]:
            key = f"{key} {keys[i + length]}"
            if key not in prefixes:
                break
            length += 1
            entry = get_entry(key)
            if entry is not None:
                found.append(Match(i, i + length, entry))
        if found:
            found.reverse()  # longest first
            starting[i] = found


def _best_from(j: int, after: list[int], best: Mapping[int, float]) -> float:
    """Best phrase weight from token ``j`` on: that of the first phrase start at or
    after ``j`` (``after`` holds the phrase starts done so far, descending)."""
    for k in range(len(after) - 1, -1, -1):
        if after[k] >= j:
            return best[after[k]]
    return 0.0


def fingerprint_index(fps: Sequence[Fingerprint]) -> dict[str, tuple[Fingerprint, ...]]:
    """First-slot word → fingerprints that can start with it."""
    idx: dict[str, list[Fingerprint]] = {}
    for fp in fps:
        for w in fp.slots[0]:
            idx.setdefault(w, []).append(fp)
    return {k: tuple(v) for k, v in idx.items()}


def find_fingerprints(
    tokens: Sequence[Token], index: Mapping[str, Sequence[Fingerprint]]
) -> list[tuple[int, Fingerprint]]:
    """Every ``(token_index, fingerprint)`` occurrence (occurrences may overlap)."""
    return fingerprint_keys([t.key for t in tokens], [t.joined for t in tokens], index)


def fingerprint_seconds(
    index: Mapping[str, Sequence[Fingerprint]],
) -> dict[str, frozenset[str]]:
    """First-slot word → every word a fingerprint starting with it allows second (only
    for first words whose fingerprints all have two slots or more)."""
    out: dict[str, frozenset[str]] = {}
    for w, fps in index.items():
        if all(len(fp.slots) > 1 for fp in fps):
            out[w] = frozenset().union(*(fp.slots[1] for fp in fps))
    return out


def fingerprint_keys(
    keys: Sequence[str],
    joined: Sequence[bool],
    index: Mapping[str, Sequence[Fingerprint]],
    second: Mapping[str, frozenset[str]] | None = None,
) -> list[tuple[int, Fingerprint]]:
    """:func:`find_fingerprints` over the columns of a :class:`Scan`; ``second``
    (:func:`fingerprint_seconds` of ``index``) skips a start whose next word no
    fingerprint allows."""
    out: list[tuple[int, Fingerprint]] = []
    n = len(keys)
    for i in [i for i, k in enumerate(keys) if k in index]:
        if second is not None:
            allowed = second.get(keys[i])
            if allowed is not None and not (i + 1 < n and joined[i + 1] and keys[i + 1] in allowed):
                continue  # no fingerprint starting here can go on
        for fp in index[keys[i]]:
            k = len(fp.slots)
            if i + k > n:
                continue
            if all(joined[i + s] and keys[i + s] in fp.slots[s] for s in range(1, k)):
                out.append((i, fp))
    return out
