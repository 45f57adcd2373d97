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
from typing import NamedTuple

import regex

from textclean.stages.despin.table import Entry, Fingerprint

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*")
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
    n = len(tokens)
    starting: list[list[Match]] = [[] for _ in range(n)]
    for i in range(n):
        longest = first.get(tokens[i].key, 0)
        if not longest:
            continue
        run = 1  # how many tokens from i on are joined into one phrase
        while run < longest and i + run < n and tokens[i + run].joined:
            run += 1
        for length in range(run, 0, -1):
            entry = entries.get(" ".join(t.key for t in tokens[i : i + length]))
            if entry is not None:
                starting[i].append(Match(i, i + length, entry))
    if not any(starting):
        return []
    best = [0.0] * (n + 1)  # best total weight of phrases from token i on
    choice: list[Match | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i], choice[i] = best[i + 1], None
        for m in starting[i]:  # longest first, so ties keep the longer match
            length = m.j - m.i
            if length < 2:
                continue
            w = length * length * TIER_WEIGHT.get(m.entry.tier, 0.5) + best[m.j]
            if w >= best[i] - 1e-9:  # ties: the leftmost, longest match
                best[i], choice[i] = w, m
    out: list[Match] = []
    i = 0
    while i < n:
        m = choice[i]
        if m is None:
            single = [s for s in starting[i] if s.j == i + 1]
            out.extend(single)
            i += 1
        else:
            out.append(m)
            i = m.j
    return out


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
    out: list[tuple[int, Fingerprint]] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        for fp in index.get(tok.key, ()):
            k = len(fp.slots)
            if i + k > n:
                continue
            if all(tokens[i + s].joined and tokens[i + s].key in fp.slots[s] for s in range(1, k)):
                out.append((i, fp))
    return out
