"""Literal strings a regex cannot match without: a screen that skips hopeless lines.

:func:`required_literals` reads a pattern (the ``regex`` module's syntax, as the
rule packs use it) and returns a set of strings such that **every** string the
pattern matches contains at least one of them, or ``None`` when it cannot say
(an unknown construct, or nothing required). It is conservative by
construction: anything it does not understand makes the answer ``None``, and a
pattern with ``None`` is simply never screened. This is the "required
substrings" analysis of code-search indexes (Russ Cox, *Regular Expression
Matching with a Trigram Index*), without the trigrams.

Strings are case-folded (``str.casefold``) and a whitespace class stands for
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

import re
from dataclasses import dataclass
from functools import lru_cache

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
    return " ".join(text.casefold().split())


def _cost(s: frozenset[str]) -> float:
    return sum(_rate(x) for x in s)


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
        return _Info(frozenset({c.casefold()}), None)

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
            return _Info(frozenset({chr(int(code, 16)).casefold()}), None)
        if c == "u":
            code = self.p[self.i : self.i + 4]
            self.i += 4
            return _Info(frozenset({chr(int(code, 16)).casefold()}), None)
        if c in _ESCAPES:
            return _Info(frozenset({_ESCAPES[c]}), None)
        if c.isalnum():  # backreferences and escapes not known here
            raise _Unknown(f"escape \\{c}")
        return _Info(frozenset({c.casefold()}), None)

    def skip_class(self) -> None:
        j = self.i + 1
        if j < len(self.p) and self.p[j] == "^":
            j += 1
        if j < len(self.p) and self.p[j] == "]":
            j += 1
        while j < len(self.p) and self.p[j] != "]":
            if self.p[j] == "[":
                raise _Unknown("nested class")
            j += 2 if self.p[j] == "\\" else 1
        if j >= len(self.p):
            raise _Unknown("unclosed class")
        self.i = j + 1

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


def required_literals(pattern: str, max_cost: float = MAX_COST) -> frozenset[str] | None:
    """Case-folded strings one of which every match of ``pattern`` contains, or None.

    None too when the set is rated more common than ``max_cost`` (see :func:`_rate`).
    """
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
