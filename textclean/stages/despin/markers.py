"""Spinner-family markers: phrases one spinner writes and normal English almost never does.

``rules/spin/markers.tsv`` (and ``markers_*.tsv`` beside it) lists them, one per line::

    id  family  weight  spun  original  prev  next  case  source  note

* ``family``: the spinner family the marker belongs to (``b``: the Spinbot-style
  spinner's function-word rewrites, "typically the" for *the* after a preposition;
  ``c``: the WordNet synonym spinner's function-word swaps, "square measure" for *are*;
  ``d``: the paraphrasing
  tool's "tortured phrases", "counterfeit consciousness" for *artificial intelligence*);
* ``weight``: detection evidence of one occurrence (each marker counts once per
  document); ``0`` marks a repair-only marker (ordinary English elsewhere: "is that
  the"), restored only in a document its family's strong markers already identify;
* ``spun``: lower-case words joined by single spaces, matched case-insensitively as
  whole words across any run of spaces or tabs (never across a line break);
* ``original``: what it restores to (case restored from the spun words), or ``-`` for a
  marker that only counts as evidence (its original varies: "a right away");
* ``prev`` / ``next``: a condition on the word right before / after (same line, only
  spaces between, no punctuation): ``*`` any; ``word`` any word (not punctuation);
  ``vowel`` a word starting with a vowel that is not a function word (the noun phrase
  the spinner's "associate degree" stood as *an* before); ``!det`` a word that is not a
  determiner or possessive (nor missing: at a sentence start "Associate degree" is the
  title); ``subj`` a plural-looking word or a pronoun that takes a plural verb ("cells
  ar", "they ar"); ``w1|w2`` one of these words; ``!w1|w2`` none of them (a missing
  word passes); ``c1&c2`` both conditions;
* ``case``: ``any``, or ``lower`` when the spun words must be written in lower case
  ("ar", never "AR");
* ``source``: ``general`` (hand-written from knowledge of the spinner's output, no pair
  copied) or ``real:<id>`` joined by ``|`` (learned from the real pairs; the measurement
  leaves them out with the pair, as the reverse table's entries).

Detection (:func:`find`, :func:`family_scores`): a document whose distinct markers of one
family weigh at least :data:`FLAG_WEIGHT` is spun, however short it is (the science
definitions such spinners rewrite are often 20–80 words); so is one with a strong marker
(and :data:`SUPPORT_MIN` reverse-table entries beside it: none as shipped), or whose
medium marker has support from ``spin_evidence`` (:func:`flags`). A text shorter than
``short_markers_words`` (the stage's setting, 300) is flagged *weakly* by two distinct
markers of one family of any weight, or one medium marker (:func:`short_flags`): only its
markers and T1 entries are restored. Repair (:func:`changes`): in a flagged document,
every strong marker (weight 1 or more) with an original is restored, a weaker or
repair-only one only when its family scores at least :data:`REPAIR_WEIGHT` (or, for a
medium one, when the markers alone flagged the document; for any, when its family
flagged a short text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from textclean.rules import RuleError

MARKER_COLUMNS = (
    "id",
    "family",
    "weight",
    "spun",
    "original",
    "prev",
    "next",
    "case",
    "source",
    "note",
)
#: Summed weight of a family's distinct markers that flags a document by itself.
FLAG_WEIGHT = 1.5
#: Summed weight of a family's distinct markers that lets its repair-only markers apply.
REPAIR_WEIGHT = 1.0
#: Margin factor of the reverse table's T2/T3 matches in a document flagged on its
#: markers alone (another spinner family than the thesaurus spinner the table describes).
MARKERS_ONLY_FACTOR = 10.0
#: Distinct reverse-table entries and fingerprints that, with one strong marker, flag: none
#: (a strong marker flags alone). No clean text of any corpus holds a weighing marker
#: (2,716 documentation pages and their 115,750 short pieces, the Debian and literary
#: prose and their 18,832 short pieces, the real clean texts and pair originals), and the
#: family-c/d definitions such markers stand in are often 30-80 words with no table hit.
SUPPORT_MIN = 0
#: Weight of a medium marker ("is that the" before a definitional noun): with the
#: evidence support below it flags, and in a document flagged on its markers alone its
#: family's medium markers are restored.
MEDIUM_WEIGHT = 0.5
#: ``spin_evidence`` (per 1000 words) and distinct evidence entries that, with a medium
#: marker, flag: two reverse-table matches whose originals are far likelier in context.
#: Chosen on the clean corpora alone: no clean text of any corpus holds a weighing
#: marker, and a fifth of them reach this evidence, so the marker carries the decision.
EVIDENCE_SUPPORT = 10.0
EVIDENCE_SUPPORT_DISTINCT = 2
#: Distinct markers of one family, of any weight (repair-only ones too: "during a",
#: "may be a"), that flag a *short* text (fewer words than the stage's
#: ``short_markers_words``; under ``score_min_words`` no density or evidence rule can
#: flag a definition of 30-80 words); a medium
#: marker (:data:`MEDIUM_WEIGHT`) flags a short text alone. Chosen on the clean corpora
#: alone: of the 134,582 short pieces (20-149 words) of every clean corpus none holds two
#: markers of one family, nor any weighing marker; the clean documents with two are all
#: 1,060 words or longer (16 documentation pages, one literary page: "could be a" and
#: "during a" far apart). Such a document is flagged *weakly*: only its markers and T1
#: entries are restored.
SHORT_DISTINCT = 2
#: Words a ``!det`` condition rejects: determiners and possessives ("an associate degree",
#: "his associate degree").
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "some",
        "any",
        "each",
        "every",
        "no",
        "another",
        "either",
        "neither",
        "such",
    ]
)
#: Words a ``vowel`` condition does not count as the noun phrase: the determiners, and
#: prepositions, pronouns, conjunctions, auxiliaries.
FUNCTION_WORDS = DETERMINERS | frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "into",
        "onto",
        "upon",
        "about",
        "as",
        "than",
        "and",
        "or",
        "but",
        "nor",
        "if",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "it",
        "he",
        "she",
        "we",
        "they",
        "i",
        "you",
        "me",
        "him",
        "us",
        "them",
        "who",
        "whom",
        "which",
        "what",
        "whose",
        "one",
        "all",
        "both",
        "own",
        "other",
    ]
)
#: Words a ``subj`` condition accepts besides a plural-looking word: what stands before
#: a plural verb ("they ar", "which ar").
SUBJECTS = frozenset(
    [
        "they",
        "we",
        "you",
        "which",
        "that",
        "who",
        "there",
        "these",
        "those",
        "both",
        "many",
        "some",
        "all",
        "also",
    ]
)
_ID = regex.compile(r"^spin(?:\.[a-z0-9_'-]+)+$")
_WORD = regex.compile(r"^[\p{Ll}\p{N}]+(?:['.-][\p{Ll}\p{N}]+)*$")
_SOURCE = regex.compile(r"^(?:general|real:[A-Za-z0-9_.-]+(?:\|real:[A-Za-z0-9_.-]+)*)$")
_WORDCH = r"[\p{L}\p{N}'’-]"
_PREV = regex.compile(r"(" + _WORDCH + r"+)[ \t]+$")
#: A word as the markers' first words are looked up (stdlib ``re``: the fast scan).
_TOKEN = re.compile(r"[\w'’-]+")
_NEXT = regex.compile(r"[ \t]+(" + _WORDCH + r"+)")  # used with .match(text, pos)
_VOWELS = frozenset("aeiou")
#: How far back the previous word is looked for (a longer word is no word to condition on).
_WINDOW = 64


@dataclass(frozen=True)
class Marker:
    """One ``markers.tsv`` line (see the module docstring)."""

    id: str
    family: str
    weight: float
    spun: str
    original: str
    prev: str = "*"
    next: str = "*"
    case: str = "any"
    source: str = "general"
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.source.split("|"))


@dataclass(frozen=True)
class Hit:
    """A marker matched at ``text[start:end]``."""

    start: int
    end: int
    marker: Marker


#: the ``prev``/``next`` conditions that name a class of words rather than a list
_WORD_CLASSES = ("*", "word", "vowel", "!det", "subj")


def _condition_ok(cond: str) -> bool:
    if "&" in cond:
        return all(_condition_ok(c) for c in cond.split("&"))
    if cond in _WORD_CLASSES:
        return True
    words = cond.removeprefix("!").split("|")
    return all(_WORD.match(w) for w in words)


def parse_markers(path: Path, errors: list[RuleError] | None = None) -> list[Marker]:
    """Parse one marker file; with ``errors`` given, collect problems instead of raising."""
    from textclean.stages.despin.table import _read_lines, _report, _rows_from_lines

    def fail(line: int, msg: str) -> None:
        _report(RuleError(path, line, msg), errors)

    out: list[Marker] = []
    seen: dict[str, int] = {}
    for line, row in _rows_from_lines(_read_lines(path), MARKER_COLUMNS, str(path), errors):
        try:
            weight = float(row["weight"])
        except ValueError:
            fail(line, f"weight must be a number, got {row['weight']!r}")
            continue
        spun = row["spun"]
        checks = (
            (_ID.match(row["id"]) is not None, f"bad id {row['id']!r}"),
            (weight >= 0, "weight must not be negative"),
            (
                1 <= len(spun.split(" ")) <= 6 and all(_WORD.match(w) for w in spun.split(" ")),
                f"spun must be 1-6 lower-case words, got {spun!r}",
            ),
            (row["original"] != "", "original must be a phrase or '-'"),
            (_condition_ok(row["prev"]), f"bad prev condition {row['prev']!r}"),
            (_condition_ok(row["next"]), f"bad next condition {row['next']!r}"),
            (row["case"] in ("any", "lower"), f"case must be any or lower, got {row['case']!r}"),
            (_SOURCE.match(row["source"]) is not None, f"bad source {row['source']!r}"),
            (row["id"] not in seen, f"duplicate id {row['id']!r}"),
        )
        bad = [msg for ok, msg in checks if not ok]
        if bad:
            fail(line, bad[0])
            continue
        seen[row["id"]] = line
        out.append(
            Marker(
                row["id"],
                row["family"],
                weight,
                spun,
                row["original"],
                row["prev"],
                row["next"],
                row["case"],
                row["source"],
                row["note"],
            )
        )
    return out


def without_source(markers: Sequence[Marker], source: str) -> tuple[Marker, ...]:
    """``markers`` less what only ``source`` taught (a marker taught by several pairs
    keeps the others). A learned marker left with one pair is repair-only (weight 0), as
    ``bench/despin/real/learn_markers.py`` makes a marker one article teaches."""
    out = []
    for m in markers:
        if source not in m.sources:
            out.append(m)
            continue
        rest = [s for s in m.sources if s != source]
        if rest:
            weight = m.weight if len(rest) > 1 else 0.0
            out.append(Marker(**{**m.__dict__, "source": "|".join(rest), "weight": weight}))
    return tuple(out)


@dataclass(frozen=True)
class MarkerIndex:
    """The markers as :func:`find` and :func:`may_flag` look them up: build it once per
    table (:meth:`of`; the stage builds it with its tables) and pass it instead of the
    markers, so no document pays for indexing them."""

    #: first word of a spun phrase → the phrases it opens, longest first, as one pattern
    #: matched where that word stands
    first: dict[str, regex.Pattern[str]]
    #: spun phrase → its markers, the heaviest first (one spun phrase may carry several
    #: markers with different conditions: "may be a" before "branch" and elsewhere)
    by_spun: dict[str, tuple[Marker, ...]]
    #: the screen keys of the markers that weigh something by their longest word (None
    #: when none does): :func:`may_flag`'s screen
    screen: dict[bytes, tuple[tuple[bytes, str, float], ...]] | None
    #: the same for every marker, repair-only ones too: :func:`may_short_flag`'s screen
    screen_all: dict[bytes, tuple[tuple[bytes, str, float], ...]] | None = None
    #: :attr:`screen` with the previous word: a marker whose ``prev`` is a list of words
    #: has a key per word ("react having"): :func:`screen_weight`'s tighter bound
    screen_prev: dict[bytes, tuple[tuple[bytes, str, float], ...]] | None = None

    @classmethod
    def of(cls, markers: Iterable[Marker]) -> MarkerIndex:
        markers = tuple(markers)
        lists: dict[str, list[Marker]] = {}
        for m in markers:
            lists.setdefault(m.spun, []).append(m)
        by_spun = {k: tuple(sorted(v, key=lambda m: -m.weight)) for k, v in lists.items()}
        opens: dict[str, list[str]] = {}
        for spun in sorted(by_spun, key=lambda s: (-len(s), s)):
            opens.setdefault(spun.split(" ")[0], []).append(spun)
        first = {
            w: regex.compile(
                "(?:"
                + "|".join(r"[ \t]+".join(regex.escape(x) for x in s.split(" ")) for s in spuns)
                + r")(?!"
                + _WORDCH
                + ")",
                regex.IGNORECASE,
            )
            for w, spuns in opens.items()
        }
        return cls(
            first,
            by_spun,
            _screen(markers),
            _screen(markers, weighing=False),
            _screen(markers, with_prev=True),
        )


def _indexed(markers: Sequence[Marker] | MarkerIndex) -> MarkerIndex:
    return markers if isinstance(markers, MarkerIndex) else MarkerIndex.of(markers)


def _fits(cond: str, word: str | None) -> bool:
    if "&" in cond:
        return all(_fits(c, word) for c in cond.split("&"))
    if cond == "*":
        return True
    w = word.lower() if word is not None else None
    if cond == "word":
        return w is not None
    if cond == "vowel":
        return w is not None and w[:1] in _VOWELS and w not in FUNCTION_WORDS
    if cond == "!det":
        return w is not None and w not in DETERMINERS
    if cond == "subj":
        return w is not None and (w in SUBJECTS or (len(w) > 3 and w.endswith("s")))
    if cond.startswith("!"):
        return w is None or w not in cond[1:].split("|")
    return w is not None and w in cond.split("|")


def find(text: str, markers: Sequence[Marker] | MarkerIndex) -> list[Hit]:
    """Every marker occurrence in ``text`` whose conditions hold, in text order
    (``markers`` indexed once with :meth:`MarkerIndex.of` where many texts are read).

    The text's words are looked up by the first word of the spun phrases; only there is
    a phrase matched (a single pattern of every phrase is several times slower).
    """
    idx = _indexed(markers)
    if not idx.first:
        return []
    hits = []
    done = 0  # a matched phrase's words are not the start of another
    for tok in _TOKEN.finditer(text):
        start = tok.start()
        if start < done:
            continue
        pattern = idx.first.get(tok.group().lower())
        if pattern is None:
            continue
        mo = pattern.match(text, start)
        if mo is None:
            continue
        done = mo.end()
        got = mo.group()
        key = " ".join(got.lower().split())
        before = _PREV.search(text, max(0, start - _WINDOW), start)
        after = _NEXT.match(text, mo.end())
        prev = before.group(1) if before else None
        nxt = after.group(1) if after else None
        for m in idx.by_spun.get(key, ()):
            if m.case == "lower" and got != got.lower():
                continue
            if _fits(m.prev, prev) and _fits(m.next, nxt):
                hits.append(Hit(start, mo.end(), m))
                break
    return hits


def family_scores(hits: Iterable[Hit]) -> dict[str, float]:
    """Family → summed weight of its distinct markers in ``hits``."""
    seen: dict[str, Marker] = {h.marker.id: h.marker for h in hits}
    out: dict[str, float] = {}
    for m in seen.values():
        out[m.family] = out.get(m.family, 0.0) + m.weight
    return out


def flags(
    hits: Iterable[Hit], support: int = 0, evidence: float = 0.0, evidence_distinct: int = 0
) -> bool:
    """The markers say the text is spun: one family weighs :data:`FLAG_WEIGHT`, or
    :data:`REPAIR_WEIGHT` (one strong marker) with ``support`` (the distinct reverse-table
    entries and fingerprints detection counted) at least :data:`SUPPORT_MIN`, or
    :data:`MEDIUM_WEIGHT` with ``evidence`` (``spin_evidence``) at least
    :data:`EVIDENCE_SUPPORT` over ``evidence_distinct`` at least
    :data:`EVIDENCE_SUPPORT_DISTINCT` entries.

    >>> hit = Hit(0, 11, Marker("m", "c", 0.5, "is that the", "is the"))
    >>> flags([hit]), flags([hit], evidence=12.0, evidence_distinct=2)
    (False, True)
    """
    best = max(family_scores(hits).values(), default=0.0)
    return flags_at(best, support, evidence, evidence_distinct)


def short_flags(hits: Iterable[Hit], words: int, short_words: int) -> bool:
    """The markers flag a short text: it has fewer than ``short_words`` words and one
    family has :data:`SHORT_DISTINCT` distinct markers of any weight in it, or weighs
    :data:`MEDIUM_WEIGHT`.

    >>> a = Hit(0, 8, Marker("a", "c", 0.0, "during a", "in a"))
    >>> b = Hit(20, 30, Marker("b", "c", 0.5, "is that the", "is the"))
    >>> short_flags([a, b], 60, 150), short_flags([a, b], 200, 150)
    (True, False)
    >>> short_flags([a, a], 60, 150), short_flags([b], 60, 150)
    (False, True)
    """
    if words >= short_words:
        return False
    return bool(_short_families(hits))


def _short_families(hits: Iterable[Hit]) -> set[str]:
    """The families that flag a short text (see :func:`short_flags`)."""
    per_family: dict[str, set[str]] = {}
    for h in hits:
        per_family.setdefault(h.marker.family, set()).add(h.marker.id)
    weights = family_scores(hits)
    return {
        f
        for f, ids in per_family.items()
        if len(ids) >= SHORT_DISTINCT or weights.get(f, 0.0) >= MEDIUM_WEIGHT
    }


def flags_at(
    best: float, support: int = 0, evidence: float = 0.0, evidence_distinct: int = 0
) -> bool:
    """:func:`flags` of hits whose heaviest family weighs ``best`` (it holds for any
    larger ``best`` when it holds for one)."""
    return (
        best >= FLAG_WEIGHT
        or (best >= REPAIR_WEIGHT and support >= SUPPORT_MIN)
        or (
            best >= MEDIUM_WEIGHT
            and evidence >= EVIDENCE_SUPPORT
            and evidence_distinct >= EVIDENCE_SUPPORT_DISTINCT
        )
    )


def changes(
    text: str,
    hits: Sequence[Hit],
    taken: Iterable[tuple[int, int]],
    score: float,
    markers_only: bool = False,
    short: bool = False,
) -> list[tuple[int, int, str, str, dict[str, Any]]]:
    """``(start, end, replacement, rule id, evidence)`` for the marker repairs of a
    flagged document, leaving out hits that overlap a span of ``taken``. With
    ``markers_only`` (the markers alone flagged the document) the medium markers of the
    heaviest family are restored too: they are what flagged it. With ``short`` (the
    document was flagged by :func:`short_flags`) every marker of a family that flagged it
    is restored, whatever its weight, for the same reason; its evidence says
    ``flag: "short_markers"``."""
    from textclean.stages.despin.casing import restore_case

    fams = family_scores(hits)
    top = max(fams.values(), default=0.0)
    short_fams = _short_families(hits) if short else set()
    spans = sorted(taken)
    out = []
    for h in hits:
        m = h.marker
        if m.original == "-":
            continue
        vouched = markers_only and m.weight >= MEDIUM_WEIGHT and fams.get(m.family) == top
        vouched = vouched or m.family in short_fams
        if m.weight < 1 and fams.get(m.family, 0.0) < REPAIR_WEIGHT and not vouched:
            continue
        if any(s < h.end and h.start < e for s, e in spans):
            continue
        src = text[h.start : h.end].split()
        after = restore_case(src, m.original)
        if (
            after[:1].isupper()
            and m.original[:1].islower()
            and _PREV.search(text, max(0, h.start - _WINDOW), h.start)
        ):
            after = after[:1].lower() + after[1:]  # "of Associate in Nursing organism"
        ev = {
            "tier": "marker",
            "family": m.family,
            "family_score": round(fams.get(m.family, 0.0), 2),
            "spin_score": round(score, 3),
        }
        if short:
            ev["flag"] = "short_markers"
        out.append((h.start, h.end, after, m.id, ev))
    return out


__all__: Sequence[str] = (
    "FLAG_WEIGHT",
    "Hit",
    "Marker",
    "MarkerIndex",
    "changes",
    "family_scores",
    "find",
    "flags",
    "flags_at",
    "may_flag",
    "may_short_flag",
    "parse_markers",
    "screen_weight",
    "screen_weight_with_prev",
    "short_flags",
    "without_source",
)


#: A run of characters that are not letters or digits (``str.isalnum``; ``re``'s ``\\w``
#: is ``isalnum`` or ``_``): :func:`may_flag` sees each as one space.
_NOT_ALNUM = re.compile(r"[\W_]+")


def _screen_key(phrase: str) -> str:
    """``phrase`` case-folded, each run of characters that are not letters or digits
    one space, between single spaces: what :func:`may_flag` looks for."""
    return " " + _NOT_ALNUM.sub(" ", phrase.casefold()).strip(" ") + " "


def _prev_words(cond: str) -> tuple[str, ...]:
    """The words a ``prev`` condition names when it is a plain list of them ("react|mixed"),
    else ``()`` (any word, a negated list, a class such as ``!det``).

    >>> _prev_words("react|mixed"), _prev_words("!det"), _prev_words("*")
    (('react', 'mixed'), (), ())
    """
    if cond in _WORD_CLASSES or cond.startswith("!") or "&" in cond:
        return ()
    return tuple(cond.split("|"))


def _screen(
    markers: Iterable[Marker], weighing: bool = True, with_prev: bool = False
) -> dict[bytes, tuple[tuple[bytes, str, float], ...]] | None:
    """The screen keys (:func:`_screen_key`, UTF-8) of the markers that weigh something
    (with ``weighing`` False: of every marker), by their longest word (the first of these;
    a key stands in a text only where all of its words do, and a long word is rarely in
    it), with their family and weight (one tuple per key), None when there is none.

    With ``with_prev``, a marker whose ``prev`` is a list of words has one key per word,
    that word and the phrase: :func:`find` takes the previous word only right before the
    phrase, over spaces and tabs, and only as a whole run of letters, digits, apostrophes
    and hyphens, so where it finds the marker the key stands in the screened text (the
    word of a hyphenated one too: "co-react having" screens as "co react having"; a word
    cut by the 64 characters :func:`find` looks back aside)."""
    keys: dict[bytes, list[tuple[bytes, str, float]]] = {}
    for m in markers:
        if m.weight > 0 or not weighing:
            prev = _prev_words(m.prev) if with_prev else ()
            for phrase in [f"{p} {m.spun}" for p in prev] or [m.spun]:
                key = _screen_key(phrase).encode("utf-8")
                keys.setdefault(max(key.split(), key=len), []).append((key, m.family, m.weight))
    return {w: tuple(ks) for w, ks in keys.items()} or None


def may_flag(text: str, markers: Sequence[Marker] | MarkerIndex) -> bool:
    """False only when no weighing marker can be found in ``text`` (so :func:`flags`
    cannot hold): a screen for documents that are not spun, which skip :func:`find`.

    It looks for each phrase's screen key (:func:`_screen_key`) in the text case-folded
    with every run of characters that are not letters or digits as one space, and a
    space added at both ends (only for the keys whose longest word is one of the text's
    words). Wherever :func:`find` matches, the phrase stands there case-folded between
    characters that are not letters or digits (it starts a token, ends before no word
    character, and has only spaces and tabs between its words), so its key stands in the
    screened text and the screen never says False where :func:`find` would find a
    weighing marker.

    >>> ms = (Marker("m", "c", 1.0, "square measure", "are"),)
    >>> may_flag("Cells square  measure small.", ms), may_flag("The square measured 3 m.", ms)
    (True, False)
    """
    return screen_weight(text, markers) > 0


def screen_weight(text: str, markers: Sequence[Marker] | MarkerIndex) -> float:
    """A bound on what :func:`family_scores` can give the hits :func:`find` finds in
    ``text``: the largest summed weight of one family's weighing markers whose screen key
    stands in the text (see :func:`may_flag`: every marker :func:`find` finds is one of
    these). 0 when no weighing marker can be found.

    >>> ms = (Marker("m", "c", 1.0, "square measure", "are"), Marker("n", "c", 0.5, "ar", "are"))
    >>> screen_weight("Cells square measure, they ar small.", ms), screen_weight("Square.", ms)
    (1.5, 0)
    """
    return _screen_bound(text, _indexed(markers).screen)


def screen_weight_with_prev(text: str, markers: Sequence[Marker] | MarkerIndex) -> float:
    """:func:`screen_weight` with the previous word: a marker whose ``prev`` is a list of
    words counts only where one of them stands right before its phrase (a tighter bound,
    for common phrases such as "having" that only count after "react" or "mixed"). A
    marker counts once per key found, so the bound is never below what :func:`find`
    finds weigh.

    >>> ms = (Marker("m", "b", 1.0, "having", "with", prev="react|mixed"),)
    >>> screen_weight("Cells having water.", ms), screen_weight_with_prev("Cells having water.", ms)
    (1.0, 0)
    >>> screen_weight_with_prev("Salts react, having water.", ms)
    1.0
    """
    return _screen_bound(text, _indexed(markers).screen_prev)


def _screen_bound(
    text: str, screen: dict[bytes, tuple[tuple[bytes, str, float], ...]] | None
) -> float:
    """The largest summed weight of one family's ``screen`` entries whose key stands in
    ``text`` (0 without a screen or a key found)."""
    if screen is None:
        return 0
    weights: dict[str, float] = {}
    for _key, family, weight in _screened(text, screen):
        weights[family] = weights.get(family, 0.0) + weight
    return max(weights.values(), default=0)


def may_short_flag(text: str, markers: Sequence[Marker] | MarkerIndex) -> bool:
    """False only when :func:`find` cannot find markers in ``text`` that
    :func:`short_flags` flags (one family's :data:`SHORT_DISTINCT` distinct markers, or
    :data:`MEDIUM_WEIGHT`): a screen, as :func:`may_flag` is, over every marker. The
    markers whose screen key stands in the text bound, per family, how many distinct
    markers and how much weight :func:`find` can find.

    >>> ms = (Marker("a", "c", 0.0, "during a", "in a"), Marker("b", "c", 0.0, "may be a", "is a"))
    >>> may_short_flag("It may be a rock.", ms)
    False
    >>> may_short_flag("It may be a rock during a storm.", ms)
    True
    """
    screen = _indexed(markers).screen_all
    if screen is None:
        return False
    count: dict[str, int] = {}
    weights: dict[str, float] = {}
    for _key, family, weight in _screened(text, screen):
        count[family] = count.get(family, 0) + 1
        weights[family] = weights.get(family, 0.0) + weight
    return any(n >= SHORT_DISTINCT or weights[f] >= MEDIUM_WEIGHT for f, n in count.items())


def _screened(
    text: str, screen: dict[bytes, tuple[tuple[bytes, str, float], ...]]
) -> list[tuple[bytes, str, float]]:
    """The screen entries (one per marker) whose key stands in ``text`` screened as
    :func:`may_flag` says."""
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) != len(text):  # case-fold the other characters, each on its own
        for c in set(raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            folded = "".join(x if x.isalnum() else " " for x in c.casefold())
            if folded != c:
                text = text.replace(c, folded)
        raw = text.encode("utf-8", "surrogatepass")
    words = raw.translate(_SCREEN_BYTES).split()
    present = set(screen).intersection(words)
    if not present:
        return []
    screened = b" " + b" ".join(words) + b" "
    return [entry for w in present for entry in screen[w] if entry[0] in screened]


#: ASCII bytes case-folded (lower case), those that are not letters or digits a space;
#: the bytes of other characters (case-folded before, those that are not letters or
#: digits spaces) stay.
_SCREEN_BYTES = bytes(
    b if b >= 128 else ord(chr(b).casefold()) if chr(b).isalnum() else 32 for b in range(256)
)
_ASCII = bytes(range(128))
