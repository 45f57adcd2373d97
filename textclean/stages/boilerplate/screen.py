"""Literal strings a regex cannot match without: a screen that skips hopeless lines.

:func:`required_literals` reads a pattern (the ``regex`` module's syntax, as the
rule packs use it) and returns a set of strings such that **every** string the
pattern matches contains at least one of them, or ``None`` when it cannot say
(an unknown construct, or nothing required). It is conservative by
construction: anything it does not understand makes the answer ``None``, and a
pattern with ``None`` is simply never screened. This is the "required
substrings" analysis of code-search indexes (Russ Cox, *Regular Expression
Matching with a Trigram Index*), without the trigrams.

Strings are case-folded (:func:`canon`: ``str.casefold`` after mapping the few
letters a case-insensitive match equates otherwise) and a whitespace class stands for
one space: look for them in :func:`normalize` of the line. Only the literals
of a branch that every match must pass through count:

>>> sorted(required_literals(r"(?:please\\s+)?subscribe (?:now|today)"))
['subscribe now', 'subscribe today']
>>> sorted(required_literals(r"skip (?:to|navigation)\\b.{0,20}"))
['skip navigation', 'skip to']
>>> required_literals(r"\\d{1,4}\\s*(?:of|/)\\s*\\d{1,4}") is None  # too common to screen
True
>>> required_literals(r"(?:a|b)?") is None
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import regex
from wordfreq import word_frequency

#: Literal sets larger than this are given up on (the screen would gain little).
MAX_SET = 256
#: A literal shorter than this is taken to occur inside many words.
MIN_LEN = 5
#: A required set rated more common than this (see :func:`_rate`) does not screen.
MAX_COST = 1e-2

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_ZERO_WIDTH = set("bBAZGm")  # \b etc.: match no character
_CLASS_ESCAPES = set("sSdDwWpPNXhHRkK")


class _Unknown(Exception):
    """A construct the analysis does not handle: the answer is None."""


@dataclass(frozen=True)
class _Info:
    """What a sub-pattern can match, as far as the analysis knows.

    ``exact``: every string it can match (casefolded), when few and known.
    ``req``: a set of which every match contains one, or None.
    """

    exact: frozenset[str] | None
    req: frozenset[str] | None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _rate(literal: str) -> float:
    """About how often ``literal`` occurs in a word of text: a guess that only steers the
    choice between required sets (never correctness). Words are rated by their English
    frequency (wordfreq); a phrase as its rarest word, divided by 10 per further word."""
    core = literal.strip()
    words = _WORD.findall(literal)
    if not words:  # punctuation: rare if it is not ASCII ("©"), else common
        return 1e-5 if core and not core.isascii() else (1e-3 if len(core) >= 3 else 1.0)
    if len(core) < 2:
        return 1.0
    rates = sorted(max(word_frequency(w, "en"), 1e-7) for w in words)
    rate = rates[0] * 0.1 ** (len(words) - 1)
    if len(literal) < MIN_LEN:  # a short piece of a word occurs inside many words
        rate = max(rate, 1e-2)
    return rate


def normalize(text: str) -> str:
    """The form a line is screened in: case-folded, each run of whitespace one space.

    ``str.split`` treats every character that a regex ``\\s`` matches as whitespace
    (and a few more), so a whitespace run a pattern can match is always one space here.

    >>> normalize("Follow\tUs  ON")
    'follow us on'
    """
    return " ".join(canon(text).split())


def _cost(s: frozenset[str]) -> float:
    # fsum is exact, so the cost does not depend on the set's (hash-seeded) order
    return math.fsum(_rate(x) for x in s)


def _best(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two required sets (the rarer in text, see :func:`_rate`)."""
    if a is None or not a or min(map(len, a)) == 0:
        return b
    if b is None or not b or min(map(len, b)) == 0:
        return a
    return a if _cost(a) <= _cost(b) else b


def _req_of(info: _Info) -> frozenset[str] | None:
    if info.exact is not None and all(info.exact):
        return _best(info.exact, info.req)
    return info.req


def _class_end(p: str, i: int) -> int:
    """The position after the character class that opens at ``p[i]`` (a ``[``)."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        if p[j] == "[":
            raise _Unknown("nested class")
        j += 2 if p[j] == "\\" else 1
    if j >= len(p):
        raise _Unknown("unclosed class")
    return j + 1


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def parse(self) -> _Info:
        info = self.alternation()
        if self.i != len(self.p):
            raise _Unknown(f"stray {self.peek()!r}")
        return info

    def alternation(self) -> _Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact: frozenset[str] | None = frozenset()
        req: frozenset[str] | None = frozenset()
        for b in branches:
            if exact is not None and b.exact is not None:
                exact = exact | b.exact
                if len(exact) > MAX_SET:
                    exact = None
            else:
                exact = None
            r = _req_of(b)
            if req is not None and r is not None and all(r):
                req = req | r
                if len(req) > MAX_SET:
                    req = None
            else:
                req = None
        return _Info(exact, req)

    def sequence(self) -> _Info:
        run: frozenset[str] = frozenset({""})  # exact strings of the current literal run
        whole = True  # is the whole sequence exact so far (then ``run`` is all of it)?
        req: frozenset[str] | None = None
        while self.peek() and self.peek() not in "|)":
            atom = self.quantified()
            if atom.exact is not None:
                joined = frozenset(a + b for a in run for b in atom.exact)
                if len(joined) <= MAX_SET:
                    run = joined
                    continue
            # the run ends here: what it holds is required, and so is what the atom requires
            req = _best(req, run if all(run) else None)
            req = _best(req, _req_of(atom))
            run = frozenset({""}) if atom.exact is None else atom.exact
            whole = False
        if whole:
            return _Info(run, run if all(run) else None)
        return _Info(None, _best(req, run if all(run) else None))

    def quantified(self) -> _Info:
        atom = self.atom()
        c = self.peek()
        lo: int | None = None
        hi: int | None = None
        if c in ("?", "*", "+"):
            self.i += 1
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{":
            j = self.p.find("}", self.i)
            body = self.p[self.i + 1 : j] if j > 0 else ""
            parts = body.split(",")
            if j > 0 and len(parts) <= 2 and all(x.strip().isdigit() or x == "" for x in parts):
                self.i = j + 1
                lo = int(parts[0]) if parts[0] else 0
                hi = (int(parts[1]) if parts[1] else None) if len(parts) == 2 else lo
            else:
                return atom  # a literal "{"
        else:
            return atom
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        if atom.exact == frozenset({" "}):  # a run of whitespace is one space when screened
            return _Info(frozenset({" "} if lo else {"", " "}), None)
        if lo == 0:
            if atom.exact is not None and hi == 1:
                return _Info(atom.exact | {""}, None)
            return _Info(None, None)
        if lo == 1 and hi == 1:
            return atom
        return _Info(None, _req_of(atom))

    def atom(self) -> _Info:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            self.skip_class()
            return _Info(None, None)
        if c == ".":
            self.i += 1
            return _Info(None, None)
        if c in "^$":
            self.i += 1
            return _Info(frozenset({""}), None)
        if c == "\\":
            return self.escape()
        if c in "*+?{":
            raise _Unknown(f"nothing to repeat at {self.i}")
        self.i += 1
        return _Info(frozenset({canon(c)}), None)

    def escape(self) -> _Info:
        c = self.peek(1)
        if not c:
            raise _Unknown("trailing backslash")
        self.i += 2
        if c in _ZERO_WIDTH:
            return _Info(frozenset({""}), None)
        if c == "s":  # whitespace: one space in the screened text (see normalize)
            return _Info(frozenset({" "}), None)
        if c in _CLASS_ESCAPES:
            if c in "pPN" and self.peek() == "{":
                end = self.p.find("}", self.i)
                if end < 0:
                    raise _Unknown("unclosed \\p{")
                self.i = end + 1
            return _Info(None, None)
        if c == "x":
            code = self.p[self.i : self.i + 2]
            self.i += 2
            return _Info(frozenset({canon(chr(int(code, 16)))}), None)
        if c == "u":
            code = self.p[self.i : self.i + 4]
            self.i += 4
            return _Info(frozenset({canon(chr(int(code, 16)))}), None)
        if c in _ESCAPES:
            return _Info(frozenset({_ESCAPES[c]}), None)
        if c.isalnum():  # backreferences and escapes not known here
            raise _Unknown(f"escape \\{c}")
        return _Info(frozenset({canon(c)}), None)

    def skip_class(self) -> None:
        self.i = _class_end(self.p, self.i)

    def group(self) -> _Info:
        self.i += 1  # "("
        lookaround = False
        if self.peek() == "?":
            nxt = self.peek(1)
            if nxt == ":":
                self.i += 2
            elif nxt in "=!":
                self.i += 2
                lookaround = True
            elif nxt == "<" and self.peek(2) in "=!":
                self.i += 3
                lookaround = True
            else:  # named groups, inline flags, conditionals ...
                raise _Unknown(f"group (?{nxt}")
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unknown("unclosed group")
        self.i += 1
        if lookaround:
            return _Info(frozenset({""}), None)
        return inner


@cache
def required_literals(pattern: str, max_cost: float = MAX_COST) -> frozenset[str] | None:
    """Case-folded strings one of which every match of ``pattern`` contains, or None.

    None too when the set is rated more common than ``max_cost`` (see :func:`_rate`).
    Read from the stored analyses when they hold it (:func:`stored`).
    """
    return stored(
        "required_literals", f"{max_cost!r}\t{pattern}", _required_literals, pattern, max_cost
    )


def _required_literals(pattern: str, max_cost: float) -> frozenset[str] | None:
    try:
        info = _Parser(pattern).parse()
    except (_Unknown, ValueError):
        return None
    req = _req_of(info)
    if not req:
        return None
    # a string that contains another one of the set adds nothing
    req = frozenset(x for x in req if not any(y != x and y in x for y in req))
    return req if _cost(req) <= max_cost else None


# --------------------------------------------------------------------------- edge characters

#: Escapes that stand for one character of a class (kept as written).
_ONE_CHAR_ESCAPES = set("dDwWsShHvV")
#: Zero-width escapes (match no character).
_ZERO_WIDTH_ESCAPES = set("bBAZGmM")
#: Scoped inline flags whose group can be analysed (wrapped around each atom).
_SCOPED_FLAGS = set("ims-au")


@dataclass(frozen=True)
class _Edge:
    """The one-character atoms (as regex sources) that can consume a match's first
    (or last) character, None for "any character"; ``nullable``: the sub-pattern can
    match the empty string."""

    atoms: frozenset[str] | None
    nullable: bool


_EMPTY_EDGE = _Edge(frozenset(), True)


def _union(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return None if a is None or b is None else a | b


class _EdgeParser:
    """Parses a pattern into the atoms that can begin and end its matches."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.atoms: set[str] = set()  # every one-character atom met

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def parse(self) -> tuple[_Edge, _Edge]:
        first, last = self.alternation("")
        if self.i != len(self.p):
            raise _Unknown(f"stray {self.peek()!r}")
        return first, last

    def alternation(self, flags: str) -> tuple[_Edge, _Edge]:
        branches = [self.sequence(flags)]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence(flags))
        first_atoms: frozenset[str] | None = frozenset()
        last_atoms: frozenset[str] | None = frozenset()
        for f, la in branches:
            first_atoms = _union(first_atoms, f.atoms)
            last_atoms = _union(last_atoms, la.atoms)
        return (
            _Edge(first_atoms, any(f.nullable for f, _ in branches)),
            _Edge(last_atoms, any(la.nullable for _, la in branches)),
        )

    def sequence(self, flags: str) -> tuple[_Edge, _Edge]:
        items: list[tuple[_Edge, _Edge]] = []
        while self.peek() and self.peek() not in "|)":
            items.append(self.quantified(flags))
        return self._ends(items, 0), self._ends(items, 1)

    @staticmethod
    def _ends(items: list[tuple[_Edge, _Edge]], side: int) -> _Edge:
        atoms: frozenset[str] | None = frozenset()
        for item in items if side == 0 else reversed(items):
            edge = item[side]
            atoms = _union(atoms, edge.atoms)
            if not edge.nullable:
                return _Edge(atoms, False)
        return _Edge(atoms, True)

    def quantified(self, flags: str) -> tuple[_Edge, _Edge]:
        first, last = self.atom(flags)
        c = self.peek()
        lo: int | None = None
        if c in ("?", "*", "+"):
            self.i += 1
            lo = 1 if c == "+" else 0
        elif c == "{":
            j = self.p.find("}", self.i)
            body = self.p[self.i + 1 : j] if j > 0 else ""
            parts = body.split(",")
            if j > 0 and len(parts) <= 2 and all(x.strip().isdigit() or x == "" for x in parts):
                self.i = j + 1
                lo = int(parts[0]) if parts[0].strip() else 0
                hi = (int(parts[1]) if parts[1].strip() else None) if len(parts) == 2 else lo
                if hi == 0:
                    return _EMPTY_EDGE, _EMPTY_EDGE
            else:
                return first, last  # a literal "{" follows
        else:
            return first, last
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        if self.peek() in ("?", "*", "+", "{"):
            raise _Unknown("stacked quantifiers")
        if lo == 0:
            return _Edge(first.atoms, True), _Edge(last.atoms, True)
        return first, last

    def _one(self, src: str, flags: str) -> tuple[_Edge, _Edge]:
        if flags:
            src = f"(?{flags}:{src})"
        self.atoms.add(src)
        edge = _Edge(frozenset({src}), False)
        return edge, edge

    def atom(self, flags: str) -> tuple[_Edge, _Edge]:
        c = self.peek()
        if c == "(":
            return self.group(flags)
        if c == "[":
            start = self.i
            self.i = _class_end(self.p, self.i)
            return self._one(self.p[start : self.i], flags)
        if c == ".":
            self.i += 1
            return self._one(".", flags)
        if c in "^$":
            self.i += 1
            return _EMPTY_EDGE, _EMPTY_EDGE
        if c == "\\":
            return self.escape(flags)
        if c in "*+?{":
            raise _Unknown(f"nothing to repeat at {self.i}")
        if c == "#" and "x" in flags:
            raise _Unknown("verbose pattern")
        self.i += 1
        return self._one(regex.escape(c), flags)

    def escape(self, flags: str) -> tuple[_Edge, _Edge]:
        c = self.peek(1)
        if not c:
            raise _Unknown("trailing backslash")
        start = self.i
        self.i += 2
        if c in _ZERO_WIDTH_ESCAPES:
            return _EMPTY_EDGE, _EMPTY_EDGE
        if c in _ONE_CHAR_ESCAPES:
            return self._one(self.p[start : self.i], flags)
        if c in "pPN":
            if self.peek() == "{":
                end = self.p.find("}", self.i)
                if end < 0:
                    raise _Unknown("unclosed \\p{")
                self.i = end + 1
            elif c == "N":
                raise _Unknown("\\N without a name")
            else:
                self.i += 1  # \pL: a one-letter property
            return self._one(self.p[start : self.i], flags)
        if c == "x":
            if self.peek() == "{":
                raise _Unknown("\\x{...}")
            self.i += 2
            return self._one(self.p[start : self.i], flags)
        if c == "u":
            self.i += 4
            return self._one(self.p[start : self.i], flags)
        if c == "U":
            self.i += 8
            return self._one(self.p[start : self.i], flags)
        if c in "ntrfva":
            return self._one(self.p[start : self.i], flags)
        if c.isalnum():  # backreferences, \X, \L<...>, \K ... : not one known character
            raise _Unknown(f"escape \\{c}")
        return self._one(self.p[start : self.i], flags)

    def open_group(self, flags: str) -> str | None:
        """Consume ``(`` and the group's header; the flags its inside runs under.

        None when the whole group is consumed already: a lookaround or a
        comment, which match no character.
        """
        self.i += 1  # "("
        if self.peek() != "?":
            return flags
        nxt = self.peek(1)
        if nxt in (":", ">", "|"):  # plain, atomic, branch reset
            self.i += 2
            return flags
        if nxt in "=!" or (nxt == "<" and self.peek(2) in "=!"):
            self.i += 2 if nxt in "=!" else 3
            self.alternation(flags)  # a lookaround consumes no character
            self.close_group()
            return None
        if (nxt == "P" and self.peek(2) == "<") or nxt == "<":
            end = self.p.find(">", self.i)
            if end < 0:
                raise _Unknown("unclosed group name")
            self.i = end + 1
            return flags
        if nxt == "#":
            end = self.p.find(")", self.i)
            if end < 0:
                raise _Unknown("unclosed comment")
            self.i = end + 1
            return None
        j = self.i + 1
        while j < len(self.p) and self.p[j] in _SCOPED_FLAGS:
            j += 1
        if j == self.i + 1 or j >= len(self.p) or self.p[j] != ":":
            raise _Unknown("global flags or an unknown group")  # (?x), (?(1)...) ...
        if flags:  # nested scopes: keep it simple
            raise _Unknown("nested flag scopes")
        inner_flags = self.p[self.i + 1 : j]
        self.i = j + 1
        return inner_flags

    def close_group(self) -> None:
        """Consume the ``)`` that ends a group."""
        if self.peek() != ")":
            raise _Unknown("unclosed group")
        self.i += 1

    def group(self, flags: str) -> tuple[_Edge, _Edge]:
        inner_flags = self.open_group(flags)
        if inner_flags is None:
            return _EMPTY_EDGE, _EMPTY_EDGE
        inner = self.alternation(inner_flags)
        self.close_group()
        return inner


@cache
def all_atoms(pattern: str) -> frozenset[str] | None:
    """Every one-character atom of ``pattern`` (lookarounds included), as regex sources;
    None when the pattern is not understood. A pattern none of whose atoms matches a
    space cannot match a line of two words.

    >>> sorted(all_atoms(r"[a-z0-9_-]{16,80}"))
    ['[a-z0-9_-]']
    """
    return stored("all_atoms", pattern, _all_atoms, pattern)


def _all_atoms(pattern: str) -> frozenset[str] | None:
    parser = _EdgeParser(pattern)
    try:
        parser.parse()
    except (_Unknown, ValueError, IndexError):
        return None
    return frozenset(parser.atoms)


@cache
def edge_atoms(pattern: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The one-character atoms that can match the first and the last character of a
    non-empty match of ``pattern`` (as regex sources, each to be compiled with the
    pattern's flags), None for a side the analysis cannot bound.

    A non-empty string the pattern fully matches starts with a character one of the
    first atoms matches and ends with one a last atom matches: a line whose first or
    last character none of them matches cannot match. Zero-width parts (anchors,
    ``\\b``, lookarounds) are left out, which only lets more lines through.

    >>> sorted(edge_atoms(r"(?:share\\s+)?on\\s+(?:x|facebook)\\.?")[0])
    ['o', 's']
    >>> sorted(edge_atoms(r"(?:share\\s+)?on\\s+(?:x|facebook)\\.?")[1])
    ['\\\\.', 'k', 'x']
    >>> edge_atoms(r"(\\w+) \\1")
    (None, None)
    """
    return stored("edge_atoms", pattern, _edge_atoms, pattern)


def _edge_atoms(pattern: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    try:
        first, last = _EdgeParser(pattern).parse()
    except (_Unknown, ValueError, IndexError):
        return None, None
    return first.atoms, last.atoms


# --------------------------------------------------------------------------- literal prefixes

#: Characters that a case-insensitive ``regex`` match equates with a letter whose case
#: fold differs ("İ" matches "i", "ı" matches "I", U+1DF95 matches "ß"): mapped first,
#: so that two characters such a match equates have one screen form (:func:`canon`).
_CANON = str.maketrans({"İ": "i", "ı": "i", "\U0001df95": "ß"})


def canon(text: str) -> str:
    """The case-insensitive form of ``text`` that literal screens compare: case-folded,
    after the few characters :data:`_CANON` maps. A character the rule regexes match
    case-insensitively to a pattern character has the same form as it.

    >>> canon("İLGİLİ Straße")
    'ilgili strasse'
    """
    if not text.isascii() and ("İ" in text or "ı" in text or "\U0001df95" in text):
        text = text.translate(_CANON)  # str.translate is slow: only when needed
    return text.casefold()


#: Prefixes are known up to this many characters (of :func:`canon` form).
PREFIX_LEN = 3
#: Prefix sets larger than this are given up on.
_MAX_PREFIXES = 4096

_Prefixes = frozenset[tuple[str, bool]]  # (start, whole): whole = the match is exactly it


class _PrefixParser(_EdgeParser):
    """The canonical strings every match of a pattern starts with (up to PREFIX_LEN)."""

    def parse_prefixes(self) -> _Prefixes:
        out = self.p_alternation()
        if self.i != len(self.p):
            raise _Unknown(f"stray {self.peek()!r}")
        return out

    def p_alternation(self) -> _Prefixes:
        out = set(self.p_sequence())
        while self.peek() == "|":
            self.i += 1
            out |= self.p_sequence()
            if len(out) > _MAX_PREFIXES:
                raise _Unknown("too many prefixes")
        return frozenset(out)

    def p_sequence(self) -> _Prefixes:
        acc: _Prefixes = frozenset({("", True)})
        while self.peek() and self.peek() not in "|)":
            item = self.p_quantified()
            out: set[tuple[str, bool]] = set()
            for s, whole in acc:
                if not whole or len(s) >= PREFIX_LEN:
                    out.add((s[:PREFIX_LEN], False))
                    continue
                for t, w2 in item:
                    u = s + t
                    out.add((u[:PREFIX_LEN], w2 and len(u) < PREFIX_LEN))
            if len(out) > _MAX_PREFIXES:
                raise _Unknown("too many prefixes")
            acc = frozenset(out)
        return acc

    def p_quantified(self) -> _Prefixes:
        item = self.p_atom()
        c = self.peek()
        lo: int
        hi: int | None
        if c in ("?", "*", "+"):
            self.i += 1
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{":
            j = self.p.find("}", self.i)
            body = self.p[self.i + 1 : j] if j > 0 else ""
            parts = body.split(",")
            if j > 0 and len(parts) <= 2 and all(x.strip().isdigit() or x == "" for x in parts):
                self.i = j + 1
                lo = int(parts[0]) if parts[0].strip() else 0
                hi = (int(parts[1]) if parts[1].strip() else None) if len(parts) == 2 else lo
            else:
                return item  # a literal "{" follows
        else:
            return item
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        if self.peek() in ("?", "*", "+", "{"):
            raise _Unknown("stacked quantifiers")
        if hi == 0:
            return frozenset({("", True)})
        started = frozenset((s, False) for s, _ in item)  # one or more: then unknown
        if lo == 1 and hi == 1:
            return item
        if lo == 0 and hi == 1:
            return item | {("", True)}
        if lo == 0:
            return started | {("", True)}
        return started

    def p_atom(self) -> _Prefixes:
        c = self.peek()
        if c == "(":
            return self.p_group()
        if c == "\\":
            nxt = self.peek(1)
            if nxt and not nxt.isalnum():  # an escaped literal character
                self.i += 2
                return frozenset({(canon(nxt), True)})
            first, _ = self.escape("")
            return frozenset({("", True)}) if first.nullable else frozenset({("", False)})
        if c in "[.":
            self.atom("")
            return frozenset({("", False)})
        if c in "^$":
            self.i += 1
            return frozenset({("", True)})
        if c in "*+?{":
            raise _Unknown(f"nothing to repeat at {self.i}")
        self.i += 1
        return frozenset({(canon(c), True)})

    def p_group(self) -> _Prefixes:
        # a case-sensitive scope matches fewer strings: its canonical form still
        # holds every one it matches, so the prefixes ignore the group's flags
        if self.open_group("") is None:
            return frozenset({("", True)})
        inner = self.p_alternation()
        self.close_group()
        return inner


@cache
def literal_prefixes(pattern: str) -> frozenset[str] | None:
    """Strings (:func:`canon` form, at most :data:`PREFIX_LEN` characters) one of which
    :func:`canon` of every string ``pattern`` fully matches starts with; None when some
    match can start with a character class (or the pattern is not understood).

    >>> sorted(literal_prefixes(r"(?:share|follow)\\s+us|x"))
    ['fol', 'sha', 'x']
    >>> literal_prefixes(r"\\d+ comments") is None
    True
    """
    return stored("literal_prefixes", pattern, _literal_prefixes, pattern)


def _literal_prefixes(pattern: str) -> frozenset[str] | None:
    try:
        found = _PrefixParser(pattern).parse_prefixes()
    except (_Unknown, ValueError, IndexError):
        return None
    out = frozenset(s for s, _ in found)
    return None if "" in out else out


class EdgeMasks:
    """For a list of patterns (numbered by bit), which can fully match a line with a
    given start (or last character): :func:`edge_atoms` and :func:`literal_prefixes`,
    as bit masks.

    ``start[head]`` (``head``: the line's first :data:`PREFIX_LEN` characters) is the
    bit mask of the patterns one of whose first atoms matches ``head[0]`` and one of
    whose literal prefixes :func:`canon` of the line starts with; ``last[ch]`` the mask
    of those one of whose last atoms matches the line's last character ``ch``. A
    pattern the analysis cannot bound has its bit in every mask. Both are filled in as
    lines are met (:meth:`start_mask`, :meth:`last_mask`), so a line costs two dict
    look-ups. Each atom is tried on the character with the pattern's own flags
    (:data:`~textclean.stages.boilerplate.rules.REGEX_FLAGS`), so case-insensitive
    matching decides exactly as in the full pattern.
    """

    #: ``start`` is emptied when it holds more heads than this (memory stays bounded)
    MAX_HEADS = 200_000

    def __init__(self, patterns: list[str]) -> None:
        from textclean.stages.boilerplate.rules import compile_pattern

        self.start: dict[str, int] = {}
        self.last: dict[str, int] = {}
        self._first: dict[str, int] = {}
        by_side: list[dict[frozenset[str], int]] = [{}, {}]
        unbounded = [0, 0]
        self._no_prefix = 0
        self._prefixes: list[dict[str, int]] = [{} for _ in range(PREFIX_LEN + 1)]
        #: the patterns that cannot match a space, so no line of two words or more
        self.one_word = 0
        for bit, pattern in enumerate(patterns):
            atoms = all_atoms(pattern)
            if atoms is not None and not any(compile_pattern(a).fullmatch(" ") for a in atoms):
                self.one_word |= 1 << bit
            for side, atoms in enumerate(edge_atoms(pattern)):
                if atoms is None:
                    unbounded[side] |= 1 << bit
                elif atoms:
                    by_side[side][atoms] = by_side[side].get(atoms, 0) | 1 << bit
            prefixes = literal_prefixes(pattern)
            if prefixes is None:
                self._no_prefix |= 1 << bit
            else:
                for x in prefixes:
                    table = self._prefixes[len(x)]
                    table[x] = table.get(x, 0) | 1 << bit
        self._any = tuple(unbounded)
        self._tests = tuple(
            tuple(
                (compile_pattern("|".join(sorted(atoms))), mask)
                for atoms, mask in sorted(groups.items(), key=lambda kv: kv[1])
            )
            for groups in by_side
        )

    def _mask(self, side: int, ch: str) -> int:
        mask = self._any[side]
        for test, bits in self._tests[side]:
            if test.fullmatch(ch):
                mask |= bits
        return mask

    def start_mask(self, head: str) -> int:
        """The patterns that can match a line starting with ``head`` (its first
        :data:`PREFIX_LEN` characters, or all of a shorter line)."""
        m = self.start.get(head)
        if m is None:
            first = self._first.get(head[0])
            if first is None:
                first = self._first[head[0]] = self._mask(0, head[0])
            key = canon(head)[:PREFIX_LEN]
            pre = self._no_prefix
            for n in range(1, min(len(key), PREFIX_LEN) + 1):
                pre |= self._prefixes[n].get(key[:n], 0)
            if len(self.start) >= self.MAX_HEADS:
                self.start.clear()
            m = self.start[head] = first & pre
        return m

    def last_mask(self, ch: str) -> int:
        """The patterns that can match a line ending with ``ch``."""
        m = self.last.get(ch)
        if m is None:
            m = self.last[ch] = self._mask(1, ch)
        return m


# --------------------------------------------------------------------------- stored analyses

#: The analyses above for every pattern of the built-in rule pack, computed ahead of
#: time: run at start-up, they took most of the time a process needs to build the
#: pipeline (about 850 patterns, parsed in Python three ways). Written by
#: ``python bench/boilerplate/screen_store.py``; a pattern it lacks (a user's
#: rule pack) is analysed when the stage is built, as before.
STORE = Path(__file__).with_name("screen_store.json")

#: The stored analyses, each a cached function of its pattern (its name names it in the store)
_ANALYSES = (required_literals, all_atoms, edge_atoms, literal_prefixes)
_MISSING = object()
#: ``(analysis, key) -> result`` of each analysis asked for while recording (see
#: :func:`analyses_of`)
_recording: dict[tuple[str, str], Any] | None = None


def store_key() -> str:
    """What the stored analyses depend on: this module's code, the Unicode data (case
    folding), the word frequencies (how common a literal is) and the ``regex`` module.
    A store written under another key is not read."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for part in (unicodedata.unidata_version, version("wordfreq"), regex.__version__):
        h.update(b"\0" + part.encode())
    return h.hexdigest()[:24]


@cache
def _store() -> dict[str, Any]:
    try:
        data = json.loads(STORE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != store_key():
        return {}
    return data


def _thaw(analysis: str, value: Any) -> Any:
    """A stored result as the analysis returns it (lists of strings: frozensets)."""
    if analysis == "edge_atoms":
        return tuple(None if v is None else frozenset(v) for v in value)
    return None if value is None else frozenset(value)


def _freeze(value: Any) -> Any:
    """A result as JSON: frozensets as sorted lists, a pair as a list of two."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return [_freeze(v) for v in value]
    return sorted(value)


def stored(analysis: str, key: str, compute: Callable[..., Any], *args: Any) -> Any:
    """``compute(*args)``, or its result as stored for ``analysis`` and ``key``."""
    found = _MISSING if _recording is not None else _store().get(analysis, {}).get(key, _MISSING)
    value = compute(*args) if found is _MISSING else _thaw(analysis, found)
    if _recording is not None:
        _recording[analysis, key] = value
    return value


def _clear_caches() -> None:
    for f in (*_ANALYSES, _store):
        f.cache_clear()


def analyses_of(build: Callable[[], Any]) -> dict[str, Any]:
    """Every analysis ``build()`` asks for, computed afresh (the store unread), in the
    store's form."""
    global _recording
    _clear_caches()
    _recording = {}
    try:
        build()
        recorded = _recording
    finally:
        _recording = None
        _clear_caches()
    out: dict[str, Any] = {"key": store_key()}
    for f in _ANALYSES:
        name = f.__name__
        out[name] = {k: _freeze(v) for (a, k), v in sorted(recorded.items()) if a == name}
    return out


def _builtin_build() -> Any:
    from textclean.config import Config
    from textclean.rules import RulePack
    from textclean.stages.boilerplate.stage import build

    return build(Config(), RulePack.load(()))


def store_text() -> str:
    """The text :data:`STORE` should hold for the built-in rule pack."""
    return json.dumps(analyses_of(_builtin_build), ensure_ascii=False, sort_keys=True) + "\n"
