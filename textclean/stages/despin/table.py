"""Spin rule files: parsing, validation and the in-memory index.

Every spin file is UTF-8 TSV; blank lines and lines starting with ``#`` are
comments; the first other line is the header and must list exactly the
columns below (the last column, ``note``, may be left off a row).

``reverse/*.tsv`` — the reverse table, one spun phrase per line::

    id  tier  spun  original  source  note

* ``id``: a stable rule id such as ``spin.en.t1.yr`` (unique across files);
* ``tier``: ``t1`` (unambiguous, applied in flagged documents), ``t2``
  (ambiguous: applied only with evidence), ``t3`` (never applied by default);
* ``spun``: the phrase as the spinner writes it, lower case, 1–5 words joined
  by single spaces; ``original``: what it restores to, lower case except proper
  nouns and acronyms, which keep their capitals ("High Court", "TV show"). When
  the spinner writes the same spun form for several originals ("support" and
  "help" both become "assist"), list them all joined by ``|``, the commonest
  source first (``support|help``): repair picks the one the neighbouring words
  favour, and leaves the match alone when they cannot tell them apart;
* ``source``: ``general``, ``pair:<name>`` (the synthetic evaluation pair the
  entry was learned from, so the measurement can leave it out) or ``real:<id>``
  (a pair of the real set, ``bench/despin/real``, left out likewise); with several
  originals, either one source for all or one per original joined by ``|``
  (``pair:seed001|general``: the first original was learned from that pair,
  the second is general knowledge and stays when the pair is left out). An original
  taught by several pairs lists them all: ``real:a|real:b`` on a one-original entry,
  ``real:a+real:b`` as one original's source among several; it goes only when every
  one of them is left out.

``fingerprints.tsv`` — rare spun n-grams for detection::

    id  weight  pattern  note

A pattern is 1–6 space-separated slots; a slot lists alternatives joined by
``|`` (``second|third|fourth time period``).

``context.tsv`` — context rules for T2 (and T3) entries, keyed by entry id::

    id  entry  action  side  words  note

``action`` is ``apply`` (the original is right here) or ``keep`` (the spun
word is genuine here; wins over ``apply``); ``side`` is ``prev`` or ``next``,
the word right before or after the match (same sentence, no punctuation in
between); ``words`` lists the words that fire the rule, joined by ``|``; the
pseudo-word ``<quote>`` stands for a quotation mark between the match and the
previous (or next) word, as in ``“...,” mentioned David``.

``markers.tsv`` (and ``markers_*.tsv``) — spinner-family markers, see
:mod:`textclean.stages.despin.markers`.

``articles.tsv`` — exceptions to the vowel rule for ``a``/``an``::

    prefix  article  note

>>> rows = list(_rows_from_lines(["# c", "id\\ttier", "a\\tt1", ""], ("id", "tier"), "x"))
>>> rows
[(3, {'id': 'a', 'tier': 't1'})]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import regex

from textclean.rules import RuleError, RulePack
from textclean.stages.despin.markers import Marker, parse_markers
from textclean.stages.despin.markers import without_source as markers_without

REVERSE_COLUMNS = ("id", "tier", "spun", "original", "source", "note")
FINGERPRINT_COLUMNS = ("id", "weight", "pattern", "note")
CONTEXT_COLUMNS = ("id", "entry", "action", "side", "words", "note")
ARTICLE_COLUMNS = ("prefix", "article", "note")
TIERS = ("t1", "t2", "t3")
MAX_WORDS = 5

_ID = regex.compile(r"^spin(?:\.[a-z0-9_'-]+)+$")
_WORD = regex.compile(r"^[\p{Ll}\p{Lo}\p{N}]+(?:['.-][\p{Ll}\p{Lo}\p{N}]+)*$")
#: An original may keep capitals and inner dots: proper nouns and acronyms ("High Court", "TV").
_ORIG_WORD = regex.compile(r"^[\p{L}\p{M}\p{N}]+(?:['.-][\p{L}\p{M}\p{N}]+)*\.?$")
_SOURCE = regex.compile(r"^(?:general|(?:pair|real):[A-Za-z0-9_.-]+)$")


@dataclass(frozen=True)
class Entry:
    """One reverse-table line: ``spun`` (words joined by one space) → ``original``."""

    id: str
    tier: str
    spun: str
    original: str
    source: str
    note: str = ""
    path: str = ""
    line: int = 0
    #: every original the spun form may stand for, ``original`` first (see the module docstring)
    alternatives: tuple[str, ...] = ()
    #: the source of each alternative (``source`` is the first one's)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.alternatives:
            object.__setattr__(self, "alternatives", (self.original,))
        if len(self.sources) != len(self.alternatives):
            object.__setattr__(self, "sources", (self.source,) * len(self.alternatives))

    @property
    def n_words(self) -> int:
        return self.spun.count(" ") + 1


@dataclass(frozen=True)
class Fingerprint:
    """A weighted spun n-gram; ``slots`` holds the allowed words per position."""

    id: str
    weight: float
    slots: tuple[frozenset[str], ...]
    note: str = ""


@dataclass(frozen=True)
class ContextRule:
    """A T2 context rule: ``action`` when the ``side`` neighbour is one of ``words``."""

    id: str
    entry: str
    action: str
    side: str
    words: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class SpinTables:
    """Everything the despin stage reads from a rule pack, indexed for matching."""

    entries: dict[str, Entry] = field(default_factory=dict)  # spun phrase → entry
    fingerprints: tuple[Fingerprint, ...] = ()
    context: dict[str, tuple[ContextRule, ...]] = field(default_factory=dict)
    articles: tuple[tuple[str, str], ...] = ()  # (prefix, article), longest prefix first
    markers: tuple[Marker, ...] = ()  # spinner-family markers (markers.py)

    @property
    def max_words(self) -> int:
        return max((e.n_words for e in self.entries.values()), default=0)

    def without_source(self, source: str) -> SpinTables:
        """The same tables without what was learned from ``source`` (leave-one-out): an
        entry loses the originals from ``source`` and goes when none are left.

        >>> t = SpinTables({"yr": Entry("spin.en.t1.yr", "t1", "yr", "year", "pair:a")})
        >>> len(t.without_source("pair:a").entries), len(t.without_source("pair:b").entries)
        (0, 1)
        >>> e = Entry("spin.en.t2.assist", "t2", "assist", "support", "pair:a",
        ...           alternatives=("support", "help"), sources=("pair:a", "general"))
        >>> left = SpinTables({"assist": e}).without_source("pair:a").entries["assist"]
        >>> left.original, left.alternatives, left.source
        ('help', ('help',), 'general')

        An original taught by several pairs (source ``real:a+real:b``) stays while one
        of them is left:

        >>> e = Entry("spin.en.t2.x", "t2", "mentioned", "said", "real:a+real:b")
        >>> t = SpinTables({"mentioned": e})
        >>> t.without_source("real:a").entries["mentioned"].source
        'real:b'
        >>> len(t.without_source("real:a").without_source("real:b").entries)
        0
        """
        kept: dict[str, Entry] = {}
        for k, e in self.entries.items():
            if not any(source in s.split("+") for s in e.sources):
                kept[k] = e
                continue
            pairs = [
                (a, "+".join(x for x in s.split("+") if x != source))
                for a, s in zip(e.alternatives, e.sources, strict=True)
            ]
            pairs = [(a, s) for a, s in pairs if s]
            if pairs:
                alts, srcs = tuple(a for a, _ in pairs), tuple(s for _, s in pairs)
                kept[k] = replace(
                    e, original=alts[0], source=srcs[0], alternatives=alts, sources=srcs
                )
        return replace(self, entries=kept, markers=markers_without(self.markers, source))


# ---------------------------------------------------------------- parsing


def _rows_from_lines(
    lines: Iterable[str], columns: Sequence[str], path: str, errors: list[RuleError] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)``; problems go to ``errors`` (or raise if it is None)."""

    def fail(line: int | None, msg: str) -> None:
        _report(RuleError(path, line, msg), errors)

    header_seen = False
    for i, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(c.strip() for c in cells) != tuple(columns):
                fail(i, f"header must be {'<TAB>'.join(columns)!r}, got {line!r}")
                return
            continue
        if len(cells) == len(columns) - 1 and columns[-1] == "note":
            cells.append("")
        if len(cells) != len(columns):
            fail(i, f"expected {len(columns)} tab-separated columns, got {len(cells)}")
            continue
        yield i, dict(zip(columns, (c.strip() for c in cells), strict=True))
    if not header_seen:
        fail(None, f"no header line; expected {'<TAB>'.join(columns)!r}")


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise RuleError(path, None, f"not UTF-8: {exc}") from exc
    except OSError as exc:
        raise RuleError(path, None, f"cannot read: {exc.strerror}") from exc


def _report(err: RuleError, errors: list[RuleError] | None) -> None:
    """Collect ``err`` when the caller collects problems, else raise it."""
    if errors is None:
        raise err
    errors.append(err)


def _is_phrase(text: str, max_words: int) -> bool:
    words = text.split(" ")
    return 1 <= len(words) <= max_words and all(_WORD.match(w) for w in words)


def parse_reverse(path: Path, errors: list[RuleError] | None = None) -> list[Entry]:
    """Parse one reverse table; with ``errors`` given, collect problems instead of raising."""
    out: list[Entry] = []
    seen_ids: dict[str, int] = {}
    seen_spun: dict[str, int] = {}

    def fail(line: int, msg: str) -> None:
        _report(RuleError(path, line, msg), errors)

    for line, row in _rows_from_lines(_read_lines(path), REVERSE_COLUMNS, str(path), errors):
        rid, tier, spun, orig = row["id"], row["tier"], row["spun"], row["original"]
        bad = False
        if not _ID.match(rid):
            fail(line, f"bad rule id {rid!r} (expected e.g. 'spin.en.t1.yr')")
            bad = True
        elif rid in seen_ids:
            fail(line, f"duplicate rule id {rid!r} (first on line {seen_ids[rid]})")
            bad = True
        if tier not in TIERS:
            fail(line, f"tier must be one of {list(TIERS)}, got {tier!r}")
            bad = True
        if not _is_phrase(spun, MAX_WORDS):
            fail(line, f"spun must be 1-{MAX_WORDS} lower-case words, single-spaced: {spun!r}")
            bad = True
        elif spun in seen_spun:
            fail(line, f"duplicate spun phrase {spun!r} (first on line {seen_spun[spun]})")
            bad = True
        alts = tuple(orig.split("|"))
        if not all(a and all(_ORIG_WORD.match(w) for w in a.split(" ")) for a in alts):
            msg = "original must be words joined by single spaces, alternatives by '|'"
            fail(line, f"{msg}: {orig!r}")
            bad = True
        elif spun in (a.lower() for a in alts):
            fail(line, f"original equals spun ({spun!r})")
            bad = True
        elif len(set(alts)) != len(alts):
            fail(line, f"an original is listed twice: {orig!r}")
            bad = True
        sources = tuple(row["source"].split("|"))
        if not all(_SOURCE.match(src) for grp in sources for src in grp.split("+")):
            fail(
                line,
                f"source must be 'general', 'pair:<name>' or 'real:<id>', got {row['source']!r}",
            )
            bad = True
        elif len(alts) == 1 and len(sources) > 1:
            sources = ("+".join(sources),)  # one original taught by several pairs
        elif len(sources) not in (1, len(alts)):
            fail(line, f"{len(sources)} sources for {len(alts)} originals: {row['source']!r}")
            bad = True
        if bad:
            continue
        seen_ids[rid] = line
        seen_spun[spun] = line
        # one source for all originals is spread over them by Entry itself
        out.append(
            Entry(rid, tier, spun, alts[0], sources[0], row["note"], str(path), line, alts, sources)
        )
    return out


def parse_fingerprints(path: Path, errors: list[RuleError] | None = None) -> list[Fingerprint]:
    out: list[Fingerprint] = []
    seen: set[str] = set()
    for line, row in _rows_from_lines(_read_lines(path), FINGERPRINT_COLUMNS, str(path), errors):
        problems = []
        if not _ID.match(row["id"]) or row["id"] in seen:
            problems.append(f"bad or duplicate id {row['id']!r}")
        try:
            weight = float(row["weight"])
            if not 0 < weight <= 100:
                raise ValueError
        except ValueError:
            problems.append(f"weight must be a number in (0, 100], got {row['weight']!r}")
            weight = 0.0
        slots = tuple(frozenset(s.split("|")) for s in row["pattern"].split(" "))
        if not 1 <= len(slots) <= 6 or not all(_WORD.match(w) for s in slots for w in s):
            problems.append(f"pattern must be 1-6 slots of lower-case words: {row['pattern']!r}")
        if problems:
            for p in problems:
                _report(RuleError(path, line, p), errors)
            continue
        seen.add(row["id"])
        out.append(Fingerprint(row["id"], weight, slots, row["note"]))
    return out


def parse_context(path: Path, errors: list[RuleError] | None = None) -> list[ContextRule]:
    out: list[ContextRule] = []
    seen: set[str] = set()
    for line, row in _rows_from_lines(_read_lines(path), CONTEXT_COLUMNS, str(path), errors):
        problems = []
        if not _ID.match(row["id"]) or row["id"] in seen:
            problems.append(f"bad or duplicate id {row['id']!r}")
        if not _ID.match(row["entry"]):
            problems.append(f"entry must be a reverse-table rule id, got {row['entry']!r}")
        if row["action"] not in ("apply", "keep"):
            problems.append(f"action must be 'apply' or 'keep', got {row['action']!r}")
        if row["side"] not in ("prev", "next"):
            problems.append(f"side must be 'prev' or 'next', got {row['side']!r}")
        words = row["words"].split("|")
        if not all(_WORD.match(w) or w == "<quote>" for w in words):
            problems.append(f"words must be lower-case words joined by '|': {row['words']!r}")
        if problems:
            for p in problems:
                _report(RuleError(path, line, p), errors)
            continue
        seen.add(row["id"])
        out.append(
            ContextRule(
                row["id"], row["entry"], row["action"], row["side"], frozenset(words), row["note"]
            )
        )
    return out


def parse_articles(path: Path, errors: list[RuleError] | None = None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for line, row in _rows_from_lines(_read_lines(path), ARTICLE_COLUMNS, str(path), errors):
        if row["article"] not in ("a", "an") or not _WORD.match(row["prefix"]):
            err = RuleError(path, line, f"expected a lower-case prefix and 'a' or 'an': {row}")
            if errors is None:
                raise err
            errors.append(err)
            continue
        out.append((row["prefix"], row["article"]))
    return out


def check_spin_file(path: Path) -> list[RuleError]:
    """Every problem in one spin rule file (reverse table, fingerprints, context, articles)."""
    errors: list[RuleError] = []
    try:
        kind = spin_file_kind(path)
        if kind == "reverse":
            parse_reverse(path, errors)
        elif kind == "fingerprints":
            parse_fingerprints(path, errors)
        elif kind == "context":
            parse_context(path, errors)
        elif kind == "articles":
            parse_articles(path, errors)
        elif kind == "markers":
            parse_markers(path, errors)
        else:
            _read_lines(path)  # any other file must at least be UTF-8
    except RuleError as exc:
        errors.append(exc)
    return errors


def check_spin_folder(folder: Path) -> list[RuleError]:
    """Problems in a pack's ``spin/`` folder (see :func:`check_spin_files`)."""
    return check_spin_files(sorted(p for p in folder.rglob("*.tsv") if p.is_file()))


def check_spin_files(paths: Sequence[Path]) -> list[RuleError]:
    """Problems in one pack's spin files, including spun phrases and rule ids repeated
    across reverse-table files (``textclean.rules.check_pack`` calls this)."""
    errors: list[RuleError] = []
    first_id: dict[str, Entry] = {}
    first_spun: dict[str, Entry] = {}
    for path in paths:
        errors.extend(check_spin_file(path))
        if spin_file_kind(path) != "reverse":
            continue
        for e in parse_reverse(path, []):
            for key, seen, what in ((e.id, first_id, "rule id"), (e.spun, first_spun, "spun")):
                other = seen.setdefault(key, e)
                if other is not e and other.path != e.path:
                    where = f"{other.path}:{other.line}"
                    msg = f"duplicate {what} {key!r} (also {where})"
                    errors.append(RuleError(path, e.line, msg))
    return errors


def spin_file_kind(path: Path) -> str:
    """``reverse``, ``fingerprints``, ``context``, ``articles`` or ``other``."""
    if path.parent.name == "reverse":
        return "reverse"
    stem = path.name.split(".")[0]
    if stem == "markers" or stem.startswith("markers_"):
        return "markers"
    return stem if stem in ("fingerprints", "context", "articles") else "other"


# ---------------------------------------------------------------- loading


def spin_files(rules: RulePack) -> tuple[Path, ...]:
    """The pack's spin files in override order (built-in pack first)."""
    out: list[Path] = []
    for d in rules.dirs:
        folder = d / "spin"
        if folder.is_dir():
            out.extend(sorted(p for p in folder.rglob("*.tsv") if p.is_file()))
    return tuple(out)


def _stat_key(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    key = []
    for p in paths:
        st = os.stat(p)
        key.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(key)


def load_tables(rules: RulePack) -> SpinTables:
    """Load every spin file of ``rules``; cached per process by the files' path, size and mtime.

    Later files override earlier ones: an entry with the same spun phrase (or
    the same rule id) replaces the earlier entry, so a user pack can re-tier or
    correct a built-in entry.
    """
    return _load(_stat_key(spin_files(rules)))


def load_table_files(paths: Sequence[Path | str]) -> SpinTables:
    """Load the given spin files (any kinds), in order; cached like :func:`load_tables`."""
    return _load(_stat_key([Path(p) for p in paths]))


@lru_cache(maxsize=16)
def _load(key: tuple[tuple[str, int, int], ...]) -> SpinTables:
    entries: dict[str, Entry] = {}
    by_id: dict[str, str] = {}
    fingerprints: dict[str, Fingerprint] = {}
    context: dict[str, ContextRule] = {}
    articles: dict[str, str] = {}
    markers: dict[str, Marker] = {}
    for path_s, _size, _mtime in key:
        path = Path(path_s)
        kind = spin_file_kind(path)
        if kind == "reverse":
            for e in parse_reverse(path):
                old_spun = by_id.pop(e.id, None)
                if old_spun is not None:
                    entries.pop(old_spun, None)
                old = entries.get(e.spun)
                if old is not None:
                    by_id.pop(old.id, None)
                entries[e.spun] = e
                by_id[e.id] = e.spun
        elif kind == "fingerprints":
            for f in parse_fingerprints(path):
                fingerprints[f.id] = f
        elif kind == "context":
            for c in parse_context(path):
                context[c.id] = c
        elif kind == "articles":
            articles.update(dict(parse_articles(path)))
        elif kind == "markers":
            for mk in parse_markers(path):
                markers[mk.id] = mk
    ctx: dict[str, list[ContextRule]] = {}
    for c in context.values():
        ctx.setdefault(c.entry, []).append(c)
    return SpinTables(
        entries=entries,
        fingerprints=tuple(fingerprints.values()),
        context={k: tuple(v) for k, v in ctx.items()},
        articles=tuple(sorted(articles.items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        markers=tuple(markers.values()),
    )
