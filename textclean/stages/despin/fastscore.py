"""despin's scores of a document it does not flag, from one automaton pass.

Most documents of any corpus are not spun, and for them despin only scores: their
``spin_score``, ``spin_evidence``, ``spin_hits``, ``spin_distinct`` and
``spin_evidence_distinct`` are part of the output, so no bound may skip computing them
(a document under the flag threshold still reports its exact scores). What can go is
the cost of getting there: :meth:`DespinStage.analyse
<textclean.stages.despin.stage.DespinStage.analyse>` tokenizes every word into Python
lists, matches every token against the table and keeps a ``Match`` per match (13% of
the words of a documentation page are table words: "version", "type", "data"). This
module computes the same scores without a Python object per word:

1. :func:`word_buffer` rewrites the text as its token keys separated by one byte
   each, with C-level passes (``bytes.translate``, numpy over the bytes): ``" "``
   where the tokens are *joined* (only spaces, tabs or no-break spaces between them,
   :data:`~textclean.stages.despin.match._JOIN_GAP`) and ``"\\x01"`` where they are not;
2. one Aho-Corasick pass (:class:`FastScorer`'s automaton, built from the loaded
   tables, so it follows any change of their contents or of a rule pack) over the
   buffer finds every occurrence of a spun phrase, of a spun word that can count
   (rarer than its original, or of tier T1/T2, whose evidence may be positive), of a
   fingerprint and of a number word glued to decimals ("three.9");
   Where the stages use their compiled loops, one numba loop builds the buffer and
   steps a dense table of the same automaton instead (:mod:`~textclean.stages.despin.
   _walk`: same buffer, same key occurrences);
3. the phrase choice, the breadth count, the per-entry evidence (the stage's own
   :meth:`~textclean.stages.despin.stage.DespinStage.match_llr`) and the scores follow
   :meth:`~textclean.stages.despin.stage.DespinStage.analyse` step by step over those
   hits only.

When the scores flag the document (or could: the density, the evidence, the short
breadth or the light-evidence rule holds before the English check; the light evidence
is summed from the same matches' log10 ratios), :meth:`FastScorer.scores` returns None
and the stage runs its full analysis, which also finds the matches repair needs; so the
fast path never decides a flagged document.

The same pass screens the spinner-family markers: the phrases of the markers that
weigh are keys too (:func:`marker_keys`), and the largest summed weight of one
family's markers whose phrase it found bounds what the markers
:func:`~textclean.stages.despin.markers.find` finds weigh (:meth:`FastScorer.screened`);
the stage looks for the markers only where that bound could flag the text with the
fast scores (:func:`~textclean.stages.despin.markers.flags_at`, the markers' own rule
and thresholds). A text the buffer cannot screen (a mark, or a character such as the
long s that the markers' case-insensitive match takes for an ASCII letter) is screened
by :func:`~textclean.stages.despin.markers.screen_weight` as before.

**Why the scores are identical** (``tests/test_despin_fastscore.py`` checks it on every
corpus of the tests and on generated texts):

* *Tokens.* A token is a maximal run of letters, marks and digits
  (``[\\p{L}\\p{M}\\p{N}]``) in which single connectors ``'’.-`` may stand between two
  such characters (:data:`~textclean.stages.despin.match._WORD`, matched greedily from
  the left, so tokens are exactly these maximal chains). :func:`word_buffer` maps each
  character to its class (the class of a non-ASCII character is asked of the same
  ``regex`` pattern), keeps a connector only between two token characters and turns
  every other character into a separator, so the runs of kept characters are exactly
  the tokens; a gap is joined exactly when all of its characters are spaces, tabs or
  no-break spaces, as in :func:`~textclean.stages.despin.match.scan`.
* *Keys.* Keys are the tokens lowered with ``’`` folded to ``'``. Lowering the whole
  text instead of each token is the same per character except for the context-sensitive
  final sigma (``Σ``) and characters whose lower case is longer (``İ``); a text holding
  either, or a character whose class changes when lowered, or one that cannot be
  encoded, goes to the full analysis.
* *Matches.* A spun phrase matches where its words stand as consecutive tokens with
  joined gaps: in the buffer that is the phrase with single spaces between its words
  and a separator on both sides, which is what the automaton finds (every occurrence,
  overlapping ones too); the phrase choice is
  :func:`~textclean.stages.despin.match.choose_phrases`, as in
  :func:`~textclean.stages.despin.match.match_keys`, over the same candidates, with
  character offsets for token indices (they order the same). A single word never
  changes another match (phrases are chosen first, single words fill the gaps), so
  leaving out the words that cannot count leaves every other match as it was: a T3
  word counts for breadth only when its spun form is rarer than its original, and
  never for evidence.
* *Evidence.* A match's evidence is the stage's ``match_llr`` of its entry and of its
  neighbour words where their gaps join, so it is remembered under the spun form and
  the buffer's text from the word before to the word after (both gaps included),
  which determines them; an entry with a capitalised original (a name it may find
  written elsewhere in the text) is weighed afresh in every document.
* *Scores.* The sums run in the same order as in ``analyse`` (evidence entries in
  the order of their first counting match, fingerprints by position and table order),
  so even the floating-point roundings agree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import product
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick
import numpy as np
import regex

from textclean.dedup._kernel import stages_use_numba
from textclean.stages.despin import _walk
from textclean.stages.despin.markers import _prev_words
from textclean.stages.despin.match import Match, choose_phrases
from textclean.stages.despin.stats import _bigrams, pair_in, pairs_ratio
from textclean.stages.despin.table import Entry, Fingerprint

if TYPE_CHECKING:
    from textclean.stages.despin.stage import Analysis, DespinStage

#: The separator byte of a gap that does not join its two tokens.
MARK = "\x01"
_TOKEN_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
_ASCII = bytes(range(128))
#: Byte → class: 2 a token character (an ASCII letter or digit, or any byte of a
#: multi-byte character, once only token characters are left outside ASCII), 3 an ASCII
#: connector, 0 a space or tab (a joining gap), 1 anything else (a gap that does not join).
_CLASS = bytes(
    2 if b >= 128 or chr(b).isalnum() else 3 if chr(b) in "'.-" else 0 if chr(b) in " \t" else 1
    for b in range(256)
)
_UNMARK = bytes.maketrans(MARK.encode(), b" ")
_CLASSES = np.frombuffer(_CLASS, dtype=np.uint8)
#: Characters whose lower case depends on their neighbours or is longer than one character
#: are left to the full analysis (see the module docstring).
_FINAL_SIGMA = "\u03a3"
_MARK_CHAR = regex.compile(r"\p{M}")
#: The characters outside ASCII that ``regex``'s IGNORECASE matches to an ASCII letter or
#: digit although their lower case is not it (``tests/test_despin_fastscore.py`` asks
#: ``regex`` of every code point): the dotted capital I (a text holding it takes the full
#: analysis anyway) and the long s. A text holding one has its markers screened by
#: :func:`~textclean.stages.despin.markers.screen_weight`.
FOLDS_TO_ASCII = frozenset("\u0130\u017f")
_LLR_CACHE_SIZE = 50_000


def word_buffer(text: str) -> tuple[str, str, int] | None:
    """``(words, gaps, tokens)``: the token keys of ``text`` (see the module docstring), each
    preceded and followed by one separator, as Latin-1 strings of their UTF-8 bytes.
    ``words`` separates them by spaces; ``gaps`` is the same string with a MARK
    (``"\\x01"``) for every gap that does not join its tokens, and for the separators
    before the first token and after the last; ``tokens`` counts them. None when the
    text holds a character the fast path does not handle (the full analysis takes it).

    >>> word_buffer("Greater than a yr, real-estate")
    (' greater than a yr real-estate ', '\\x01greater than a yr\\x01real-estate\\x01', 5)
    >>> word_buffer("Don’t -- stop.")[0]
    " don't stop "
    >>> word_buffer("")
    (' ', '\\x01', 0)
    """
    buf = _buffer(text)
    return None if buf is None else buf[:3]


def _buffer(text: str) -> tuple[str, str, int, bool] | None:
    """:func:`word_buffer` and whether the markers' phrases can be looked for in its
    words (see :func:`_source`)."""
    found = _source(text)
    if found is None:
        return None
    return (*_numpy_buffer(b" " + found[0].lower() + b" "), found[1])


def _source(text: str) -> tuple[bytes, bool] | None:
    """The UTF-8 bytes the buffer is made of (the characters outside ASCII lowered,
    ``’`` an apostrophe, a no-break space a space, any other character that is no
    letter, mark or digit a MARK), and whether the markers' phrases can be looked for
    in the buffer's words (:func:`marker_keys`): False when ``text`` holds a character
    that :func:`~textclean.stages.despin.markers.find` sees otherwise than the buffer
    does (a mark, a letter or digit the standard library's ``\\w`` does not know, or
    :data:`FOLDS_TO_ASCII`). None when the fast path does not handle the text."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    plain = True
    if len(raw) != len(text):
        source = text
        lower = False
        for c in set(raw.translate(None, _ASCII).decode("utf-8")):
            role = _ROLES.get(c)
            if role is None:
                role = _role(c)
                if len(_ROLES) >= _ROLES_KEPT:
                    _ROLES.clear()
                _ROLES[c] = role
            if role is _UNHANDLED:
                return None
            into, lowers, screens = role
            if into is not None:
                source = source.replace(c, into)
            lower = lower or lowers
            plain = plain and screens
        if lower:
            source = source.lower()
        raw = source.encode("utf-8")
    return raw, plain


#: A character outside ASCII the fast path leaves to the full analysis.
_UNHANDLED: Any = ()
#: :func:`_role` of the characters outside ASCII met so far (at most :data:`_ROLES_KEPT`)
_ROLES: dict[str, tuple[str | None, bool, bool]] = {}
_ROLES_KEPT = 10_000


def _role(c: str) -> tuple[str | None, bool, bool]:
    """What :func:`_source` does with the character ``c`` outside ASCII: ``(into,
    lowers, screens)``, the string that replaces it (None: it stays, a letter, mark or
    digit), whether lowering the text changes it, and whether the markers can still be
    screened in the buffer of a text holding it; :data:`_UNHANDLED` when the fast path
    leaves such a text to the full analysis.

    >>> _role("\u2019"), _role("\u00a0"), _role("\u2014")
    (("'", False, True), (' ', False, True), ('\\x01', False, True))
    >>> _role("\u00c9"), _role("\u00e9"), _role("\u017f"), _role("\u0301")
    ((None, True, True), (None, False, True), (None, False, False), (None, False, False))
    >>> _role("\u0130") is _UNHANDLED, _role("\u03a3") is _UNHANDLED
    (True, True)
    """
    low = c.lower()
    if len(low) != 1 or c == _FINAL_SIGMA:
        return _UNHANDLED
    screens = c not in FOLDS_TO_ASCII
    if _TOKEN_CHAR.match(c) is not None:
        if _TOKEN_CHAR.match(low) is None:
            return _UNHANDLED
        screens = screens and c.isalnum() and _MARK_CHAR.match(c) is None
        return None, low != c, screens
    return ("'" if c == "’" else " " if c == "\u00a0" else MARK), False, screens


def _numpy_buffer(low: bytes) -> tuple[str, str, int]:
    """:func:`word_buffer` of the bytes ``low`` (:func:`_source`'s, lowered, a space
    at both ends)."""
    cls = np.frombuffer(low.translate(_CLASS), dtype=np.uint8)
    token = cls == 2
    token[1:-1] |= (cls[1:-1] == 3) & token[:-2] & token[2:]  # inner connectors
    sep = ~token
    gap_start = sep.copy()
    gap_start[1:] &= token[:-1]
    starts = np.flatnonzero(gap_start)
    # each gap keeps its first byte: a space, or a MARK when any of its bytes does not
    # join (the gap of such a byte is the last one starting at or before it)
    out = np.frombuffer(low, dtype=np.uint8).copy()
    out[starts] = 32
    stops = np.flatnonzero((cls != 0) & sep)
    out[starts[np.searchsorted(starts, stops, side="right") - 1]] = 1
    return _edges(out[token | gap_start].tobytes(), len(starts) - 1)


def _edges(gaps: bytes, tokens: int) -> tuple[str, str, int]:
    """``(words, gaps, tokens)`` of the buffer ``gaps``: nothing stands before the first
    token or after the last, so those separators never join (MARKs)."""
    gaps = b"\x01" + gaps[1:-1] + b"\x01" if len(gaps) > 1 else b"\x01"
    return gaps.translate(_UNMARK).decode("latin-1"), gaps.decode("latin-1"), tokens


def _latin1(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def _latin1_bytes(key: str) -> bytes:
    return key.encode("latin-1")


#: Text for the compiled walk's self-check (besides the keys): every kind of gap.
_CHECK = "A yr, real-estate -- U.S. re-use a..b 'q' end.\tthree.9 can  be\x00x_y. "


def _text(s: str) -> str:
    return s.encode("latin-1").decode("utf-8")


#: Automaton values: ``(key length, kind, payload, extra)``; kinds: a single word that
#: can count for evidence (tier T1/T2), one that counts for breadth only (T3, rarer than
#: its original), a phrase (extra: its words), a fingerprint (extra: its table order), a
#: number word glued to decimals, a weighing marker's phrase (payload: the phrase), several
#: of these (payload: their ``(kind, payload, extra)``).
_SINGLE, _BREADTH_ONLY, _PHRASE, _FINGERPRINT, _DECIMAL, _MARKER, _SEVERAL = range(7)


def marker_keys(phrase: str) -> tuple[str, ...]:
    """The buffer strings (:func:`word_buffer`'s words) that stand wherever
    :func:`~textclean.stages.despin.markers.find` finds the marker phrase ``phrase`` (ASCII
    lower-case words joined by single spaces) in a text whose buffer is plain (see
    :func:`_buffer`): the phrase between separators, or glued to a token on either side
    by a full stop.

    Why (for a plain text): ``find`` matches where a ``[\\w'’-]+`` token starts (so the
    character before is no letter, digit, mark-free word character, apostrophe or hyphen)
    whose lower case is the phrase's first word, the words follow one another
    case-insensitively with only spaces and tabs between them, and the last is followed
    by no letter, digit, apostrophe or hyphen. In the buffer the phrase's characters are
    lowered (every character that IGNORECASE matches to an ASCII letter lowers to it, but
    :data:`FOLDS_TO_ASCII`), its gaps are single spaces, and a token of the buffer, a
    run of letters, marks and digits with single ``'.-`` between them, can reach past
    the phrase's edge only through a mark (not in a plain text) or a full stop between
    two token characters (those keys end or start with ``"."``).

    >>> marker_keys("square measure")
    (' square measure ', ' square measure.', '.square measure ', '.square measure.')
    """
    return tuple(f"{left}{phrase}{right}" for left in " ." for right in " .")


_PLAIN_WORD = regex.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def prev_keys(cond: str) -> tuple[str, ...] | None:
    """The words a marker's ``prev`` (or ``next``) condition ``cond`` lists, as the
    buffer holds the word before (after) the marker's phrase when
    :func:`~textclean.stages.despin.markers.find` takes one of them (the buffer's token
    before the phrase then ends with it, the token after it starts with it, see
    :meth:`FastScorer.screened`); None when the condition is no plain list of ASCII
    words of letters and digits with single inner apostrophes or hyphens (the marker
    is then counted beside any word).

    >>> prev_keys("react|mixed"), prev_keys("co-react"), prev_keys("!det"), prev_keys("*")
    (('react', 'mixed'), ('co-react',), None, None)
    >>> prev_keys("caf\u00e9|react"), prev_keys("react-")
    (None, None)
    """
    words = _prev_words(cond)
    if not words or not all(_PLAIN_WORD.fullmatch(w) for w in words):
        return None
    return words


class FastScorer:
    """The scores of :meth:`DespinStage.analyse
    <textclean.stages.despin.stage.DespinStage.analyse>` for a document it does not
    flag, from one automaton pass (see the module docstring). Build it with
    :meth:`of`; it reads the stage's tables, so it follows their contents."""

    def __init__(self, stage: DespinStage) -> None:
        from textclean.stages.despin.stage import _NUMBER_WORDS

        self.stage = stage
        #: the spun forms whose matches count for evidence (as in ``DespinStage.evidence``:
        #: not tier T3, not a contraction written out)
        self.weighed = frozenset(
            spun
            for spun, e in stage.match_entries.items()
            if e.tier != "t3" and spun not in stage.no_evidence
        )
        roles: dict[str, list[tuple[int, Any, int]]] = {}
        for spun, e in stage.match_entries.items():
            if " " in spun:
                roles.setdefault(f" {_latin1(spun)} ", []).append((_PHRASE, e, spun.count(" ") + 1))
            elif spun in self.weighed:
                roles.setdefault(f" {_latin1(spun)} ", []).append((_SINGLE, e, 0))
            elif spun in stage.breadth:  # counts for breadth only
                roles.setdefault(f" {_latin1(spun)} ", []).append((_BREADTH_ONLY, e, 0))
            # a single word that counts for neither changes no other match: left out
        for order, fp in enumerate(stage.tables.fingerprints):
            for words in product(*(sorted(slot) for slot in fp.slots)):
                key = f" {_latin1(' '.join(words))} "
                roles.setdefault(key, []).append((_FINGERPRINT, fp, order))
        for word in _NUMBER_WORDS:
            roles.setdefault(f" {word}.", []).append((_DECIMAL, None, 0))
        #: weighing marker phrase → ``(family, weight)`` of its weighing markers, when
        #: the automaton screens the markers (every weighing phrase is ASCII), else None
        self.marker_weights: dict[str, tuple[tuple[str, float], ...]] | None = None
        #: the same with the previous and next words each marker asks for, where the
        #: buffer can tell them (:func:`prev_keys`; None: it counts beside any word)
        self.marker_prev: dict[
            str, tuple[tuple[str, float, tuple[str, ...] | None, tuple[str, ...] | None], ...]
        ] = {}
        index = stage.marker_index
        if stage.config.markers and index is not None:
            weights = {
                spun: tuple((m.family, m.weight) for m in ms if m.weight > 0)
                for spun, ms in index.by_spun.items()
            }
            weights = {spun: w for spun, w in weights.items() if w}
            if all(spun.isascii() for spun in weights):
                self.marker_weights = weights
                self.marker_prev = {
                    spun: tuple(
                        (m.family, m.weight, prev_keys(m.prev), prev_keys(m.next))
                        for m in ms
                        if m.weight > 0
                    )
                    for spun, ms in index.by_spun.items()
                    if spun in weights
                }
                for spun in weights:
                    for key in marker_keys(spun):
                        roles.setdefault(key, []).append((_MARKER, spun, 0))
        automaton = ahocorasick.Automaton()
        #: the keys and their values, in one order (the compiled walk's key ids)
        self.keys: list[str] = []
        self.values: list[tuple[int, int, Any, int]] = []
        for kid, (key, found) in enumerate(roles.items()):
            value = (
                (len(key), *found[0]) if len(found) == 1 else (len(key), _SEVERAL, tuple(found), 0)
            )
            automaton.add_word(key, (len(key), kid))
            self.keys.append(key)
            self.values.append(value)
        automaton.make_automaton()
        #: key → ``(length, key id)``
        self.automaton = automaton
        self._by_key = _KeyTable.of(self.values, self.weighed, stage.breadth, stage.sense_counted)
        # the dense automaton of the compiled walk (built on first use; False: not used)
        # and, with it, the compiled cache of the matches' evidence
        self._dense: Any = None
        self._contexts: _walk.Contexts | None = None
        # entries whose evidence depends on the text (a capitalised original may be a
        # name written elsewhere in it): their evidence is not cached across documents
        self.text_dependent = frozenset(
            spun
            for spun, e in stage.match_entries.items()
            if any(alt != alt.lower() for alt in e.alternatives)
        )
        self._llrs: dict[tuple[str, str], float] = {}
        self._word_alts: dict[str, tuple[tuple[str, float], ...] | None] = {}

    def _alternatives(self, e: Entry) -> tuple[tuple[str, float], ...] | None:
        """``(original, half its log prior)`` of each alternative of a single-word entry
        whose originals are single lower-case words (what :func:`_word_llr` weighs as
        :meth:`DespinStage.match_llr
        <textclean.stages.despin.stage.DespinStage.match_llr>` does), else None."""
        from textclean.stages.despin.stage import _log_prior

        if " " in e.spun or any(" " in a or a != a.lower() for a in e.alternatives):
            return None
        out = []
        for alt in e.alternatives:
            log_prior = self.stage.log_prior.get((e.spun, alt))
            if log_prior is None:
                log_prior = _log_prior(e.spun, alt)
            out.append((alt, 0.5 * log_prior))
        return tuple(out)

    def dense(self, chars: int) -> Any | None:
        """The compiled walk's automaton (:mod:`~textclean.stages.despin._walk`), where
        the stages use their compiled loops for ``chars`` more characters and it gives
        the Python path's buffer and hits on a sample; else None."""
        if self._dense is False or not stages_use_numba(chars):
            return None
        if self._dense is None:
            self._dense = False
            if _walk.compiled() is not None:
                try:  # the first call compiles the walk (or loads it from numba's cache)
                    dense = _walk.dense_of([_latin1_bytes(k) for k in self.keys])
                    if self._walk_agrees(dense):
                        self._dense = dense
                        self._contexts = _walk.Contexts(_LLR_CACHE_SIZE)
                except Exception:  # numba failing: the Python path
                    self._dense = False
        return self._dense or None

    def _walk_agrees(self, dense: Any) -> bool:
        """The compiled walk gives the Python path's buffer and hits on a sample that
        holds a key of every kind and every kind of gap."""
        sample = " ".join(self.keys[:: max(1, len(self.keys) // 500)]) + " " + _CHECK
        low = b" " + sample.encode("latin-1").lower() + b" "
        buffer, n, ends, ids = dense.run(low, _CLASSES)
        words, gaps, n = _edges(buffer, n)
        if (words, gaps, n) != _numpy_buffer(low):
            return False
        got = sorted((end, self.keys[k]) for end, k in zip(ends, ids, strict=True))
        want = sorted(
            (end, words[end - v[0] + 1 : end + 1]) for end, v in self.automaton.iter(words)
        )
        return len(got) > 100 and got == want

    @classmethod
    def of(cls, stage: DespinStage) -> FastScorer:
        return cls(stage)

    def _llr(
        self, e: Entry, prev: str | None, nxt: str | None, text: str, key: tuple[str, str]
    ) -> float:
        """:meth:`_weigh`, remembered under ``key`` unless it depends on the text."""
        llr = self._weigh(e, prev, nxt, text)
        if e.spun not in self.text_dependent:
            if len(self._llrs) >= _LLR_CACHE_SIZE:
                self._llrs.clear()
            self._llrs[key] = llr
        return llr

    def _weigh(self, e: Entry, prev: str | None, nxt: str | None, text: str) -> float:
        """One match's log10 ratio original:spun, as :meth:`DespinStage.evidence
        <textclean.stages.despin.stage.DespinStage.evidence>` weighs it (``prev`` and
        ``nxt`` as Latin-1 buffer keys, None when their gap does not join)."""
        prev_ = None if prev is None else _text(prev)
        nxt_ = None if nxt is None else _text(nxt)
        alts = self._word_alts.get(e.spun, _UNSET)
        if alts is _UNSET:
            alts = self._word_alts[e.spun] = self._alternatives(e)
        if alts is None:
            llr, _alt = self.stage.match_llr(Match(0, 1, e), prev_, nxt_, text)
        else:
            llr = _word_llr(e.spun, alts, prev_, nxt_)
        return llr

    @staticmethod
    def _around(
        words: str, gaps: str, found: np.ndarray, h: int, table: _KeyTable
    ) -> tuple[Entry, str | None, str | None]:
        """The entry of hit ``h`` of ``found`` (its rows as
        :meth:`~textclean.stages.despin._walk.Dense.places` gives them) and the words
        before and after it in the buffer, None where their gap does not join."""
        start, end = int(found[2, h]), int(found[0, h])
        e = table.entry[int(found[1, h])]
        assert e is not None
        prev = nxt = None
        if gaps[start] != MARK:  # the first token's separator is a MARK
            prev = words[int(found[3, h]) : start]
        if gaps[end] != MARK:  # so is the last one's
            nxt = words[end + 1 : int(found[4, h])]
        return e, prev, nxt

    def scores(self, text: str) -> dict[str, float | int | bool] | None:
        """``Analysis.scores()`` of ``text`` when the stage would not flag it, else
        None (the stage's full analysis decides: it is flagged, or it might be)."""
        analysis = self.analysis(text)
        return None if analysis is None else analysis.scores()

    def analysis(self, text: str) -> Analysis | None:
        """The :class:`~textclean.stages.despin.stage.Analysis` of ``text`` with its
        scores (``score``, ``hits``, ``distinct``, ``evidence``, ``evidence_distinct``;
        no tokens, matches or markers, ``spun`` False) when its scores do not flag it,
        else None (see :meth:`scores`)."""
        found = self.screened(text)
        return None if found is None else found[0]

    def screened(self, text: str) -> tuple[Analysis, float | None, float | None] | None:
        """:meth:`analysis` (None when it is None) and two bounds on what the markers
        :func:`~textclean.stages.despin.markers.find` finds in ``text`` weigh: the
        largest summed weight of one family's weighing markers whose phrase the
        automaton found (see :func:`marker_keys`), and the same counting a marker whose
        ``prev`` lists words (:func:`prev_keys`) only where the buffer's token before
        one of its phrase's occurrences ends with one of them, over a joining gap, and
        whose ``next`` lists words only where the token after it starts with one of
        them, over a joining gap (at the same occurrence: a tighter bound than
        :func:`~textclean.stages.despin.markers.screen_weight_with_prev` gives over the
        whole text). Both None when they cannot be told: no markers screened, or a
        text that is not plain.

        Why the second is a bound: where ``find`` takes the previous word ``w`` (it
        counts the marker only then), the phrase starts a token with spaces or tabs
        before it (a joining gap in the buffer, so the key found is the one that
        starts with a space, not a full stop), and right before them stands a run of
        letters, digits, apostrophes and hyphens that ends with ``w`` lowered (all of
        it when ``find``'s 64-character window does not cut it). Those characters of
        ``w`` are token characters or single connectors between two of them, so the
        buffer's token before the gap holds them, lowered as ``find`` lowers them,
        and ends with ``w``. Likewise the next word ``find`` takes is the run of those
        characters right after the spaces or tabs that follow the phrase (the key
        found ends with a space), and when it is ``w`` the buffer's token after the
        gap starts with ``w``."""
        from textclean.stages.despin.stage import (
            DECIMAL_RULE,
            Analysis,
            _spun_decimal,
            evidence_floor,
            flagged_by_scores,
            light_flags,
            light_sum,
            sense_flags,
        )

        source = _source(text)
        if source is None:
            return None
        low = b" " + source[0].lower() + b" "
        plain = source[1]
        dense = self.dense(len(text))
        table = self._by_key
        if dense is not None:
            buffer, n, found = dense.places(low, _CLASSES)
            words, gaps, n = _edges(buffer, n)
        else:
            words, gaps, n = _numpy_buffer(low)
            found = _places(words, list(self.automaton.iter(words)))
        # a hit's end, key, start (the separators before and after the key, or a full
        # stop of a marker's) and the places of the words around it (see _places)
        ends, ids, starts, lefts, rights = found
        stage = self.stage
        cfg = stage.config
        values = self.values
        # a match is a hit of a key with a match role: a single word, or a phrase the
        # phrase choice keeps; its place and entry are those of its hit
        phrases: dict[int, list[tuple[int, int, Entry]]] = {}
        phrase_hit: dict[tuple[int, int], int] = {}
        prints: list[tuple[int, int, Fingerprint]] = []
        decimals = 0
        markers: dict[str, list[tuple[int, int]]] = {}  # phrase → where its keys stand
        single = table.single[ids]
        for h in np.flatnonzero(table.other[ids]).tolist():  # phrases, fingerprints...
            end = int(ends[h])
            length, kind, obj, extra = values[ids[h]]
            start = end - length + 1
            for kind_, obj_, extra_ in ((kind, obj, extra),) if kind != _SEVERAL else obj:
                if kind_ <= _BREADTH_ONLY:
                    continue  # a single word: a match of its own (``single``)
                if kind_ == _PHRASE:
                    if MARK not in gaps[start + 1 : end]:
                        phrases.setdefault(start, []).append((extra_, end, obj_))
                        phrase_hit[start, end] = h
                elif kind_ == _FINGERPRINT:
                    if MARK not in gaps[start + 1 : end]:
                        prints.append((start, extra_, obj_))
                elif kind_ == _MARKER:
                    markers.setdefault(obj_, []).append((start, end))
                elif _spun_decimal(_text(words[start + 1 : words.find(" ", start + 1)])):
                    decimals += 1
        chosen = sorted(_chosen(phrases), key=_FIRST)
        if chosen:  # single words fill the gaps between the chosen phrases
            at = np.array([c[0] for c in chosen], dtype=np.int64)
            stop = np.array([c[1] for c in chosen], dtype=np.int64)
            j = np.searchsorted(at, starts, side="right") - 1
            single &= (j < 0) | (starts >= stop[j])  # no single word inside a chosen phrase
            single[[phrase_hit[c[0], c[1]] for c in chosen]] = True
        # the matches in text order (they do not overlap, so their hits are in order)
        matched = np.flatnonzero(single)
        match_ids = ids[matched]
        cap = cfg.max_hits_per_entry
        counted = table.breadth[match_ids]
        entry_hits = np.bincount(counted[counted >= 0])
        entry_hits = entry_hits[entry_hits > 0]
        prints.sort(key=_FIRST_TWO)
        fp_hits = Counter(fp.id for _, _, fp in prints)
        weights = {fp.id: fp.weight for _, _, fp in prints}
        weighted = int(np.minimum(entry_hits, cap).sum()) * cfg.breadth_weight
        weighted += sum(min(c, cap) * weights[k] for k, c in fp_hits.items())
        n_words = max(n, cfg.score_min_words, 1)
        score = 1000.0 * weighted / n_words
        distinct = len(entry_hits) + len(fp_hits)
        # evidence: per entry, in the order of its first counting match; the words
        # before and after each match with both gaps are what its evidence depends on
        # (the text around it, from the word before to the word after)
        counting = matched[table.weighed[match_ids]]
        if dense is not None and self._contexts is not None:
            buf = np.frombuffer(buffer, dtype=np.uint8)
            llrs, known = self._contexts.get(buf, found, counting)
            if not known.all():
                remember = []
                for i in np.flatnonzero(~known).tolist():
                    e, prev, nxt = self._around(words, gaps, found, int(counting[i]), table)
                    llrs[i] = self._weigh(e, prev, nxt, text)
                    if e.spun not in self.text_dependent:
                        remember.append(i)
                if remember:
                    self._contexts.put(buf, found, counting[remember], llrs[remember])
        else:
            keys = list(
                zip(
                    map(table.spun.__getitem__, ids[counting].tolist()),
                    map(
                        gaps.__getitem__,
                        map(slice, lefts[counting].tolist(), rights[counting].tolist()),
                    ),
                    strict=True,
                )
            )
            known_llrs = list(map(self._llrs.get, keys))
            for i, llr in enumerate(known_llrs):
                if llr is None:
                    e, prev, nxt = self._around(words, gaps, found, int(counting[i]), table)
                    known_llrs[i] = self._llr(e, prev, nxt, text, keys[i])
            llrs = np.array(known_llrs, dtype=np.float64)
        per_entry: dict[str, list[float]] = {}
        best: dict[str, float] = {}
        clip, margin = cfg.evidence_clip, cfg.evidence_margin
        # most matches of a clean text stand at or under the floor: they stop here
        over = np.flatnonzero(llrs > evidence_floor(cfg))
        for spun, llr in zip(
            map(table.spun.__getitem__, ids[counting[over]].tolist()),
            llrs[over].tolist(),
            strict=True,
        ):
            gain = min(clip, llr - margin)
            if gain > 0:
                per_entry.setdefault(spun, []).append(gain)  # type: ignore[arg-type]
            if llr > best.get(spun, 0.0):  # type: ignore[arg-type]
                best[spun] = llr  # type: ignore[index]
        for _ in range(decimals):
            per_entry.setdefault(DECIMAL_RULE, []).append(cfg.evidence_clip)
        total = 0.0
        for gains in per_entry.values():
            gains.sort(reverse=True)
            total += sum(gains[:cap])
        evidence = 1000.0 * total / n_words
        ev_distinct = len(per_entry)
        if flagged_by_scores(cfg, score, distinct, evidence, ev_distinct, n):
            return None  # flagged before the English check: the full analysis decides
        light = 1000.0 * light_sum(cfg, best.values(), decimals > 0) / n_words
        if light_flags(cfg, light, score, n):
            return None  # the light evidence flags it: the full analysis decides
        if cfg.sense_flag and stage.sense_counted:
            senses = table.sense[match_ids]
            if sense_flags(len(set(senses[senses >= 0].tolist())), n_words, text):
                return None  # the WordNet-sense tables may flag it: the full analysis decides
        hits = int(entry_hits.sum()) + sum(fp_hits.values())
        bound = prev_bound = None
        if plain and self.marker_weights is not None:
            families: dict[str, float] = {}
            fitting: dict[str, float] = {}  # only where the listed words stand around it
            for spun, places in markers.items():
                for family, weight, before, after in self.marker_prev[spun]:
                    families[family] = families.get(family, 0.0) + weight
                    if any(
                        (
                            before is None
                            or (
                                gaps[at] == " "
                                and words[words.rfind(" ", 0, at) + 1 : at].endswith(before)
                            )
                        )
                        and (
                            after is None
                            or (
                                gaps[end] == " "
                                and words[end + 1 : words.find(" ", end + 1)].startswith(after)
                            )
                        )
                        for at, end in places
                    ):
                        fitting[family] = fitting.get(family, 0.0) + weight
            bound = max(families.values(), default=0.0)
            prev_bound = max(fitting.values(), default=0.0)
        return (
            Analysis(
                text,
                [],
                [],
                [],
                [],
                score,
                hits,
                distinct,
                0.0,
                False,
                evidence,
                ev_distinct,
                words=n,
            ),
            bound,
            prev_bound,
        )


_UNSET: Any = object()


def _places(words: str, found: list[tuple[int, tuple[int, int]]]) -> np.ndarray:
    """The rows the compiled walk gives (:meth:`~textclean.stages.despin._walk.Dense.
    places`) of the key occurrences ``found`` by pyahocorasick in ``words`` (end,
    ``(length, key)``): end offset, key, start offset, the offset after the last
    separator before the start (0: none; ``str.rfind`` giving -1) and that of the first
    separator after the end (-1: none, as ``str.find`` gives it).

    >>> _places(" a bc d ", [(5, (4, 7)), (7, (3, 2))]).tolist()
    [[5, 7], [7, 2], [2, 5], [1, 3], [7, -1]]
    """
    ends = [end for end, _ in found]
    starts = [end - v[0] + 1 for end, v in found]
    return np.array(
        [
            ends,
            [v[1] for _, v in found],
            starts,
            [words.rfind(" ", 0, start) + 1 for start in starts],
            [words.find(" ", end + 1) for end in ends],
        ],
        dtype=np.int64,
    ).reshape(5, len(found))


class _KeyTable(NamedTuple):
    """What the fast scorer reads of each key of its automaton, by key id: the match
    role's entry (a single word or a phrase; a key has at most one, as an entry's
    spun form is one key) and whether it counts for breadth, evidence or senses, as
    arrays a document's hits index at once."""

    #: the key has a role other than a single word's (a phrase, a fingerprint...)
    other: np.ndarray
    #: the key is a single word's (a match unless a chosen phrase holds it)
    single: np.ndarray
    #: its match entry counts for evidence (:attr:`FastScorer.weighed`)
    weighed: np.ndarray
    #: the number of its match entry among those that count for breadth, else -1
    breadth: np.ndarray
    #: the number of its match entry among those the sense tables count, else -1
    sense: np.ndarray
    #: its match entry, or None
    entry: list[Entry | None]
    #: its match entry's spun form, or None
    spun: list[str | None]

    @classmethod
    def of(
        cls,
        values: Sequence[tuple[int, int, Any, int]],
        weighed: frozenset[str],
        breadth: frozenset[str],
        sense: frozenset[str],
    ) -> _KeyTable:
        """The table of the automaton's key ``values`` (see :data:`_SINGLE`)."""
        entries: list[Entry | None] = []
        single = []
        for _length, kind, obj, extra in values:
            roles = ((kind, obj, extra),) if kind != _SEVERAL else obj
            entry = None
            for kind_, obj_, _extra in roles:
                if kind_ in (_SINGLE, _BREADTH_ONLY, _PHRASE):
                    entry = obj_
            entries.append(entry)
            single.append(any(kind_ <= _BREADTH_ONLY for kind_, _, _ in roles))
        spuns = [None if e is None else e.spun for e in entries]
        numbers: dict[str, int] = {}

        def number(spun: str | None, among: frozenset[str]) -> int:
            if spun is None or spun not in among:
                return -1
            return numbers.setdefault(spun, len(numbers))

        return cls(
            np.array([v[1] > _BREADTH_ONLY for v in values], dtype=bool),
            np.array(single, dtype=bool),
            np.array([s is not None and s in weighed for s in spuns], dtype=bool),
            np.array([number(s, breadth) for s in spuns], dtype=np.int64),
            np.array([number(s, sense) for s in spuns], dtype=np.int64),
            entries,
            spuns,
        )


def _chosen(phrases: dict[int, list[tuple[int, int, Entry]]]) -> list[tuple[int, int, Entry]]:
    """:func:`~textclean.stages.despin.match.choose_phrases` of the phrase occurrences
    (start → ``(words, end, entry)``, starts in text order). When no two overlap (one
    occurrence at each start, each ending at or before the next start) it keeps every
    one: each adds a positive weight to the best total from the next start on, so each
    is picked, and the walk skips none. Else it is asked.

    >>> from textclean.stages.despin.table import Entry
    >>> e = Entry("x", "t1", "a b", "y", "general")
    >>> [(s, t) for s, t, _ in _chosen({0: [(2, 4, e)], 4: [(2, 8, e)]})]
    [(0, 4), (4, 8)]
    >>> [(s, t) for s, t, _ in _chosen({0: [(2, 4, e)], 2: [(3, 8, e)]})]
    [(2, 8)]
    """
    reach = -1
    for start, found in phrases.items():
        if len(found) != 1 or start < reach:
            break
        reach = found[0][1]
    else:
        return [(start, found[0][1], found[0][2]) for start, found in phrases.items()]
    # longest first at each start, as match_keys lists them
    return choose_phrases({i: sorted(ps, key=_FIRST, reverse=True) for i, ps in phrases.items()})


def _word_llr(
    spun: str, alts: tuple[tuple[str, float], ...], prev: str | None, nxt: str | None
) -> float:
    """The log10 ratio :meth:`DespinStage.match_llr
    <textclean.stages.despin.stage.DespinStage.match_llr>` gives a single-word match of
    ``spun`` with single lower-case word originals ``alts`` (see
    :meth:`FastScorer._alternatives`): its :func:`~textclean.stages.despin.stats.word_ratio`,
    with the spun word's own counts looked up once for all its originals."""
    counts, floor = _bigrams()
    half = floor / 2
    s_prev = None if prev is None else pair_in(counts, half, prev, spun)
    s_next = None if nxt is None else pair_in(counts, half, spun, nxt)
    best = -math.inf
    for alt, half_prior in alts:
        o_prev = None if prev is None else pair_in(counts, half, prev, alt)
        o_next = None if nxt is None else pair_in(counts, half, alt, nxt)
        ratio = pairs_ratio(o_prev, s_prev, o_next, s_next, alt, spun)
        llr = half_prior if ratio == 1.0 else math.log10(ratio)
        if llr > best:
            best = llr
    return best


_FIRST = itemgetter(0)
_FIRST_TWO = itemgetter(0, 1)


__all__: Sequence[str] = ("FastScorer", "word_buffer")
