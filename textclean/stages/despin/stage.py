"""despin: score how synonym-spun a document is; above the threshold, restore the original wording.

Detection (every mode but ``off``) sets four scores:

* ``spin_score`` — weighted hits per 1000 words (a text shorter than
  ``score_min_words`` counts as that long): each fingerprint occurrence
  (``rules/spin/fingerprints.tsv``) counts its weight, and each reverse-table
  hit whose spun form is rarer in English than its original (wordfreq) counts
  ``breadth_weight``; one entry or fingerprint counts at most
  ``max_hits_per_entry`` times;
* ``spin_hits`` — how many such occurrences there were;
* ``spin_distinct`` — how many distinct fingerprints and table entries;
* ``spun`` — ``spin_score >= threshold`` and ``spin_distinct >= min_distinct``
  and the text is English (enough of the commonest English words).

A document the ``language`` step identified as another language than English
(confidence at least ``[language] english_only_min_confidence``) is not looked at:
its scores get ``despin.skipped = "language fr"`` (say) instead.

Repair (mode ``repair``, flagged documents only) walks the reverse-table
matches (phrases first, see :func:`~textclean.stages.despin.match.find_matches`): T1
entries are applied; T2 entries only when a context rule
(``rules/spin/context.tsv``) says so, or when the neighbouring words favour the
original (bigram likelihood ratio original:spun above 1) and that ratio times
the frequency prior ``(f_orig / f_spun) ** t2_prior_weight`` (times the
document factor ``doc_absent_bonus`` and the two-way-swap factor
``swap_bonus`` where they apply) reaches ``t2_margin``; with silent neighbours
(ratio exactly 1) only the document factor or odds of ``silent_margin`` let it
go ahead. T3 entries (ordinary English the spinner also writes: "home" for house)
need the neighbours in favour and odds of at least ``t3_margin``, or only
``t3_favoured_margin`` where the neighbours favour the original ``t3_favoured_ratio``
times over ("came again from" → "came back from"). A T2/T3 match with a
capitalised word in mid-sentence is part of a name and is restored only when the
neighbours favour the original by ``name_ratio`` ("Nationwide Hurricane" → "National
Hurricane") or, with ``name_elsewhere``, when the restored name stands elsewhere in the
text; a one-word match written with a capital in mid-sentence whose word a restored T1
name of the document spells out takes that name's word when it is one of the entry's
originals ("The Floor" beside "Floor Professional", restored "Surface Pro", is the
Surface). A flagged document with fewer than ``confirm_min_t1`` distinct T1 forms and
fingerprints may come from another spinner: its T2/T3 matches need
``unconfirmed_factor`` times the odds. With ``consistency``, a T2 spun form restored
with strong odds is restored to the same original at its other matches where the
neighbours do not disfavour it.
A T2/T3 match whose odds reach ``strong_odds`` (the learned reliability counted in
full) goes ahead with silent neighbours or ones that lean only a little towards the
spun wording (``strong_min_ratio``). A spun word inside a recurring name is restored
(a spinner rewrites a name the same way at every occurrence) by one rule with two ways
in (:meth:`DespinStage._recurring_name`): odds of at least ``name_odds`` with the words
capitalised in mid-sentence elsewhere in the text too, or, in a document of the
thesaurus spinner, the same name at least ``name_repeat`` times and its original nowhere.
A spun form that recurs (``vouched_repeat``) in a text that never writes its likeliest
original, which the real pairs show far more reliable than the typical entry
(``vouched_learned``), goes ahead on odds of ``consistency_margin`` x ``t2_margin``
with neighbours that do not disfavour it, and inside a name whatever they say
(:meth:`DespinStage._vouched`); an option, off by default (``vouched_any_learned``),
lets a form the pairs make very reliable go ahead with silent ordinary neighbours too
("special strikes"). A flagged document's spun
decimals are restored both ways ("three.9", "9.four"). A T2/T3 match written in
capitals beside words that are not is an acronym and stays (``acronyms``).
An entry with several originals (``support|help``) has each weighed; the best is
restored if it beats the runner-up by ``alternative_margin`` (a T1 match takes
the best). What the real pairs show (``outcomes.tsv``: how often a spun form's matches
stood for each original, for the original's own words, or for a rewrite) scales each
original's odds (``outcome_weight``; it never raises the odds of a match with silent
neighbours, unless the spun form recurs in a text that never writes the original:
``silent_repeat``, which also lets such a T3 match go ahead) and adds the originals
they taught ``learned_alternatives`` times as further candidates. An original only the
real pairs teach (a mined mapping) whose learned factor is below 1 is not restored on
odds (``doubt_learned``), nor is a choice between several originals that the neighbours
leave silent and the pairs do not back (``silent_choice``). The frequencies are
wordfreq's for a one-word entry and the bigram-chain estimate
(:func:`~textclean.stages.despin.stats.phrase_zipf`) for an entry with a phrase on
either side; both are computed once, when the stage is built. Every
replacement is an Edit whose rule is the entry id and whose evidence holds the
tier, the score and the reason (with the odds of every original, if several).

Two spinner families have their own tables: the thesaurus spinner's (most files) and
the WordNet-sense spinner's (``SENSE_FILES``). A flagged document that reads as a
WordNet-sense spin (:meth:`DespinStage._sense_spun`) is repaired with T1 entries and
the WordNet-sense tables only; the generated lemma table's originals do not feed the
two-way-swap factor, and a lemma standing for several inflections of one word is
restored to the form its neighbours favour.

Scoring reads the text once (:func:`~textclean.stages.despin.match.scan`: keys and
joined flags, no token objects) and caches the evidence of each (spun form,
neighbours) context per stage; the tokens with offsets are built only for repair.

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> stage = build(Config(), None)
>>> doc = stage(Document("d", "The talks went well and the sides agreed on a plan."))
>>> doc.scores["spun"], doc.edits
(False, [])
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import regex

from textclean.config import Config, DespinConfig, LanguageConfig
from textclean.document import Change, Document
from textclean.rules import RulePack
from textclean.stages.despin import lead as spin_lead
from textclean.stages.despin import markers as spin_markers
from textclean.stages.despin.casing import restore_case
from textclean.stages.despin.match import (
    Match,
    PhraseIndex,
    Scan,
    Token,
    fingerprint_index,
    fingerprint_keys,
    fingerprint_seconds,
    first_word_spans,
    match_keys,
    phrase_index,
    scan,
    tokens_from,
)
from textclean.stages.despin.redecide import features as redecide_features
from textclean.stages.despin.stats import (
    bigram_evidence,
    bigram_listed,
    english_share,
    listed_word,
    phrase_zipf,
    word_ratio,
    zipf,
)
from textclean.stages.despin.table import Entry, Fingerprint, SpinTables, load_tables
from textclean.stages.language import english_only_skip

NAME = "despin"
_K = TypeVar("_K")
#: The neighbour "word" a context rule sees when a quotation mark separates it from the
#: match (``“...,” mentioned David``): lets rules catch speech attribution.
QUOTE = "<quote>"
_QUOTES = frozenset('"“”')


def _inside_name(text: str, toks: Sequence[Token], i: int) -> bool:
    """Token ``i`` is capitalised (not all capitals) mid-sentence: likely part of a name."""
    word = text[toks[i].start : toks[i].end]
    if not word[:1].isupper() or word.isupper() or i == 0:
        return False
    before = text[toks[i - 1].end : toks[i].start]
    return not any(c in '.!?:;\n“"' for c in before)


def _match_in_name(text: str, toks: Sequence[Token], i: int, j: int) -> bool:
    """A word of the match ``toks[i:j]`` is capitalised mid-sentence: the match is part of
    a name ("the Individuals", "Nationwide Hurricane"), not only when its first word is."""
    return any(_inside_name(text, toks, k) for k in range(i, j))


def neighbour_keys(toks: Sequence[Token], m: Match) -> tuple[str | None, str | None]:
    """The keys of the words right before and after match ``m`` when they are joined to
    it (same sentence, no punctuation between), else None."""
    prev = toks[m.i - 1].key if m.i > 0 and toks[m.i].joined else None
    nxt = toks[m.j].key if m.j < len(toks) and toks[m.j].joined else None
    return prev, nxt


def _as_restored(
    m: Match,
    prev: str | None,
    nxt: str | None,
    restored_first: Mapping[int, str],
    restored_last: Mapping[int, str],
) -> tuple[str | None, str | None]:
    """``prev`` and ``nxt`` (:func:`neighbour_keys`) with a word restored there already in
    their place: the restored original's last word before ``m``, its first after."""
    return (
        None if prev is None else restored_last.get(m.i - 1, prev),
        None if nxt is None else restored_first.get(m.j, nxt),
    )


def _log_prior(spun: str, original: str) -> float:
    """``log10(f_orig / f_spun)`` of a reverse-table entry: wordfreq Zipf frequencies for
    two single words, the bigram-chain estimate when either side is a phrase."""
    if " " in spun or " " in original:
        return phrase_zipf(original) - phrase_zipf(spun)
    return zipf(original) - zipf(spun)


#: A number word glued to decimals is a spun figure: "three.9" is 3.9 (the spinner
#: rewrote the digit before the point as a word). Never English.
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_SPUN_DECIMAL = regex.compile(r"^(" + "|".join(_NUMBER_WORDS) + r")\.(\d+)$")
#: The other way round: the digit after the point rewritten as a word ("$9.four
#: million" is $9.4 million). One to three digits before the point, so a year glued to
#: the next sentence ("in 2019.Eight") is not read as a figure; matched case-sensitively
#: on the written token, the word in small letters: a capital after the point starts
#: the next sentence ("in round 10.Nine teams ...").
_SPUN_DECIMAL_AFTER = regex.compile(
    r"^(\d{1,3})\.(" + "|".join(w for w, d in _NUMBER_WORDS.items() if len(d) == 1) + r")$"
)
DECIMAL_RULE = "spin.en.t1.number_word_decimal"
#: Reverse files of another spinner family (WordNet-sense lemmas): their originals are
#: what that spinner rewrites, so they do not make a word "one the spinner rewrites"
#: for the two-way-swap factor of the thesaurus spinner's entries.
OTHER_SPINNER_FILES = frozenset({"wordnet_lemmas.tsv", "wordnet_ordinary_lemmas.tsv"})
#: The WordNet-sense spinner's ordinary-English lemmas (of function words: "done",
#: "along", "later"; of common words: "squad", "taxation"): never matched outside a
#: document that reads as a WordNet-sense spin, never counted for detection.
ORDINARY_FILES = frozenset({"wordnet_ordinary_lemmas.tsv"})
#: The reverse files learned from the real pairs (``bench/despin/real/learn.py``): their
#: spun forms that are common English themselves ("many" for the, "may be" for is)
#: carry no detection evidence (repair may still use them in a flagged document): clean
#: prose writes them for themselves, and one such match lifted a Debian handbook page
#: over the evidence threshold.
LEARNED_FILES = frozenset({"real_pairs.tsv"})
LEARNED_COMMON_ZIPF = 4.5
#: The WordNet-sense spinner's tables (family c).
SENSE_FILES = frozenset({"wordnet_lemmas.tsv", "wordnet_senses.tsv"})
SENSE_MIN_DISTINCT = 3
#: The WordNet-sense flag (:func:`sense_flags`): a text is flagged on the WordNet-sense
#: tables alone when it holds at least ``SENSE_FLAG_DISTINCT`` distinct T1/T2 entries of
#: them at ``SENSE_FLAG_DENSITY`` or more per 1000 words (``score_min_words`` at least),
#: or ``SENSE_RESIDUE_DISTINCT`` of them beside ``RESIDUE_MIN`` contractions split off
#: their word ("would n't", "sequel 's": what a tokenizer leaves when a spinner joins its
#: tokens back with spaces). Chosen on the clean corpora: no clean document or short
#: piece holds three such entries at 1.0 per 1000 words (the highest: three in a
#: 4,222-word documentation page, 0.7), none of them a split contraction.
SENSE_FLAG_DISTINCT = 3
SENSE_FLAG_DENSITY = 10.0
SENSE_RESIDUE_DISTINCT = 2
RESIDUE_MIN = 2
#: A contraction split off its word by one space ("would n't", "it 's", "I 'll"); the
#: next character ends the word (not a letter or a quote: "the 's' format" is a quote).
_SPLIT_CONTRACTION = regex.compile(
    r"\b(\w+) ((?:n['’]t|['’](?:s|ll|re|ve|m|d)))(?=[\s.,;:!?)\"”]|$)", regex.IGNORECASE
)
RESIDUE_RULE = "spin.c.split_contraction"
#: A hyphenated word split into its parts by spaces ("mixed - reality", "high - tech"):
#: a run of two or more lower-case parts (letters or digits) joined by " - ".
_SPLIT_HYPHEN = regex.compile(r"(?<![\w'’-])[\p{Ll}\p{N}]+(?: - [\p{Ll}\p{N}]+)+(?![\w'’-])")
#: Words that make a two-part " - " run a dash between clauses, not a hyphenated word
#: ("the focus - for good or ill").
_DASH_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "then",
        "this",
        "to",
        "was",
        "which",
        "who",
        "with",
    ]
)
HYPHEN_RULE = "spin.c.split_hyphen"
#: A lower-case function word the spinner glued to the capitalised word after it when it
#: joined its tokens back ("inLooper", "duringApple").
_GLUED = regex.compile(
    r"^(in|on|at|of|to|by|for|from|with|during|about|and|the)(\p{Lu}\p{Ll}+(?:['’]\w+)?)$"
)
#: Distinct T1 forms of the thesaurus spinner a document needs before a recurring spun
#: name counts as that spinner's rewrite of every occurrence on the ``name_repeat`` way
#: into :meth:`DespinStage._recurring_name`.
NAME_REPEAT_T1 = 3
#: Odds an ordinary WordNet lemma of a function word ("done" for through, "along" for on:
#: ``SENSE_FUNCTION_WORDS``) needs in a WordNet-sense spin (chosen on the emulated
#: family-c pairs: 30, 100, 300, 1000 tried).
SENSE_ORDINARY_MARGIN = 100.0
#: ... and one of a content word ("squad" for team, "taxation" for tax). On the real
#: family-c pairs (cross-validated) such edits with odds of 100-300 mostly gave words
#: their writers used or a lemma of another word ("hoard" for collected, "realise" for
#: see, "a terminal" for an end; see docs/despin.md).
SENSE_CONTENT_MARGIN = 300.0
#: The function words whose WordNet lemmas ``wordnet_ordinary_lemmas.tsv`` lists
#: (``FUNCTION_WORDS`` of ``bench/despin/wordnet_lemmas.py``, which builds it).
_SENSE_FUNCTION_TEXT = (
    "on in at as be will just about before through all out off up over more so can may it"
    " have do not no also only even now still back well after then there here very much"
    " into from with by for of to and or but if than when while because since until under"
    " between during without within along across around against"
)
SENSE_FUNCTION_WORDS = frozenset(_SENSE_FUNCTION_TEXT.split())
#: The learned reliability factor stays within [1/this, this]: a spun form the pairs show
#: fifty times for one original and never otherwise would gain 10^4 and more, enough to
#: carry a T3 match past any margin (1000 changes no real-set figure; 100 cost 0.3 points).
LEARNED_FACTOR_CAP = 1000.0
#: How many (spun form, neighbours) evidence values one stage keeps before starting over
#: (about 280 bytes each; 50,000 run as fast as 200,000 on the bench corpus).
_LLR_CACHE_SIZE = 50_000


def flagged_by_scores(
    cfg: DespinConfig,
    score: float,
    distinct: int,
    evidence: float,
    ev_distinct: int,
    words: int | None = None,
) -> bool:
    """The flag rule of the scores, before the markers and the English check: the density
    rule (``spin_score`` at least ``threshold`` over ``min_distinct`` entries, with at least
    ``density_min_evidence``) or the evidence rule (``spin_evidence`` at least
    ``evidence_threshold`` over ``evidence_min_distinct`` entries; in a text of fewer than
    ``score_min_words`` tokens, ``words``, when ``short_breadth`` is on, the entries
    alone). :meth:`DespinStage.analyse` and the fast scorer both apply it, so they cannot
    disagree.

    >>> from textclean.config import DespinConfig
    >>> cfg = DespinConfig()
    >>> flagged_by_scores(cfg, 0.0, 5, 12.0, 5), flagged_by_scores(cfg, 0.0, 5, 12.0, 5, 80)
    (False, True)
    >>> flagged_by_scores(cfg, 0.0, 4, 12.0, 4, 80), flagged_by_scores(cfg, 0.0, 5, 12.0, 5, 200)
    (False, False)
    """
    by_density = (
        score >= cfg.threshold
        and distinct >= cfg.min_distinct
        and evidence >= cfg.density_min_evidence
    )
    by_evidence = (
        cfg.evidence_threshold > 0
        and evidence >= cfg.evidence_threshold
        and ev_distinct >= cfg.evidence_min_distinct
    )
    # a short text's evidence is summed over score_min_words, so a handful of entries
    # cannot reach the threshold: there the breadth is the evidence (no clean text
    # shorter than score_min_words has five such entries, docs/despin.md)
    by_breadth = (
        cfg.short_breadth
        and cfg.evidence_threshold > 0
        and words is not None
        and words < cfg.score_min_words
        and ev_distinct >= cfg.evidence_min_distinct
    )
    return by_density or by_evidence or by_breadth


def light_flags(cfg: DespinConfig, light: float, score: float = 0.0, words: int = 0) -> bool:
    """The light-evidence rule: ``light`` (the summed light evidence per 1000 words, see
    :meth:`DespinStage.evidence`) reaches ``light_threshold``; or, in a text of at least
    ``score_min_words`` tokens (``words``), it reaches ``light_long_threshold`` while
    ``spin_score`` (``score``) reaches ``light_long_min_score``. The Spinbot-style,
    WordNet-sense and paraphrasing spinners swap many words for ordinary synonyms whose
    originals their neighbours favour only a little (a ratio of 2 to 10, under
    ``evidence_margin``); their breadth is what this counts. A text shorter than
    ``score_min_words`` is weighed over that floor, so a few entries in a short clean
    piece reach the highest clean values; a longer text's rate is over its own words,
    and there clean text stays lower (docs/despin.md). :meth:`DespinStage.analyse` and
    the fast scorer both apply it.

    >>> from textclean.config import DespinConfig
    >>> light_flags(DespinConfig(), 50.0), light_flags(DespinConfig(), 40.0)
    (True, False)
    >>> light_flags(DespinConfig(light_threshold=0.0), 500.0)
    False
    >>> light_flags(DespinConfig(), 44.0, 25.0, 200)  # the long-text rule is off by default
    False
    >>> on = DespinConfig(light_long_threshold=42.0)
    >>> light_flags(on, 44.0, 25.0, 200), light_flags(on, 44.0, 25.0, 100)
    (True, False)
    >>> light_flags(on, 44.0, 15.0, 200), light_flags(on, 40.0, 25.0, 200)
    (False, False)
    """
    if cfg.light_threshold > 0 and light >= cfg.light_threshold:
        return True
    return (
        cfg.light_long_threshold > 0
        and words >= cfg.score_min_words
        and light >= cfg.light_long_threshold
        and score >= cfg.light_long_min_score
    )


def ordinary_only(
    cfg: DespinConfig,
    matches: Sequence[Match],
    fingerprints: Sequence[tuple[int, Fingerprint]],
    markers: Sequence[spin_markers.Hit],
    evidence: float,
) -> bool:
    """A document the scores or the light evidence would flag whose every table match is
    an ordinary synonym (a T2 or T3 entry: no T1 form, no phrase fingerprint, no spinner
    marker that weighs as detection evidence; a repair-only marker, weight 0, is ordinary
    English elsewhere: "during a rough patch") and whose ``spin_evidence`` stays under
    ``ordinary_evidence_threshold``: held back, flagged by no rule. A T2 entry's spun form
    is itself an ordinary word a writer may choose ("query", "procedure", "referred to
    as", "irrespective of"), and formal, technical and documentation prose chooses many
    of them at once, each a little less likely than its original in the news-heavy
    statistics: the breadth the evidence rules count. A spinner leaves, besides, a form
    no writer chooses (a T1 entry, a fingerprint, a marker), or far more evidence
    (docs/despin.md).

    >>> from textclean.config import DespinConfig
    >>> cfg = DespinConfig()
    >>> ordinary_only(cfg, [], [], [], 25.0), ordinary_only(cfg, [], [], [], 40.0)
    (True, False)
    >>> ordinary_only(DespinConfig(ordinary_evidence_threshold=0.0), [], [], [], 25.0)
    False
    """
    return (
        cfg.ordinary_evidence_threshold > 0
        and evidence < cfg.ordinary_evidence_threshold
        and not fingerprints
        and not any(h.marker.weight > 0 for h in markers)
        and not any(m.entry.tier == "t1" for m in matches)
    )


def hedged_leads(text: str, hits: tuple[spin_markers.Hit, ...]) -> tuple[spin_markers.Hit, ...]:
    """``hits`` (the markers :func:`~.markers.find` found in ``text``) with the hedged
    definition leads of ``text`` (:func:`~.lead.find`: "Genetics will be the study of"),
    in text order. A lead is a medium marker of its family: in a short text it flags
    weakly, and its hedge is restored to *is*. A lead overlapping a marker that weighs
    as much is left out (that marker says the same); one overlapping only lighter
    markers (the repair-only "will be the", "is usually a") takes their place.

    >>> [h.marker.id for h in hedged_leads("Genetics will be the study of genes.", ())]
    ['spin.marker.b.lead_will_be']
    """
    leads = spin_lead.find(text)
    if not leads:
        return hits
    kept = list(hits)
    for lead in leads:
        over = [h for h in kept if lead.start < h.end and h.start < lead.end]
        if any(h.marker.weight >= lead.marker.weight for h in over):
            continue
        kept = [h for h in kept if h not in over] + [lead]
    return tuple(sorted(kept, key=lambda h: h.start))


def evidence_floor(cfg: DespinConfig) -> float:
    """The log10 ratio at or under which a match adds no evidence and no light evidence
    (an entry's light evidence counts only what its best ratio has over
    ``max(0, light_margin)``): most matches of a clean text stand there.

    >>> from textclean.config import DespinConfig
    >>> evidence_floor(DespinConfig())
    0.25
    """
    return min(cfg.evidence_margin, max(0.0, cfg.light_margin))


def light_sum(cfg: DespinConfig, best: Iterable[float], decimal: bool) -> float:
    """The light evidence of a document (not yet per 1000 words): over the best log10
    ratio of each distinct entry, ``min(light_clip, max(0, ratio - light_margin))``,
    in sorted order (so the fast scorer's sum is the same float), plus ``light_clip``
    for a number word glued to decimals.

    >>> from textclean.config import DespinConfig
    >>> light_sum(DespinConfig(), [0.1, 0.75, 5.0], False)
    2.5
    """
    total = 0.0
    for llr in sorted(best):
        total += min(cfg.light_clip, max(0.0, llr - cfg.light_margin))
    return total + (cfg.light_clip if decimal else 0.0)


def split_contractions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, joined)`` of every contraction split off its word by one space
    ("would n't" → "wouldn't").

    >>> split_contractions("It would n't stop; the sequel ’s end. The 's' format, rock 'n' roll.")
    [(3, 12, "wouldn't"), (23, 32, 'sequel’s')]
    """
    return [
        (m.start(), m.end(), m.group(1) + m.group(2)) for m in _SPLIT_CONTRACTION.finditer(text)
    ]


def split_hyphens(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every " - " inside a word a tokenizer split at its hyphens
    ("mixed - reality", "state - of - the - art"), the run's parts all lower case; a
    two-part run whose second part is a function word is a dash ("focus - for good").

    >>> text = "a high - tech pop - up card, the focus - for good. Yes - no"
    >>> [text[s:e] for s, e in split_hyphens(text)]
    [' - ', ' - ']
    >>> split_hyphens("a high-tech card")
    []
    """
    out: list[tuple[int, int]] = []
    for m in _SPLIT_HYPHEN.finditer(text):
        parts = m.group().split(" - ")
        if len(parts) == 2 and parts[1] in _DASH_WORDS:
            continue
        at = m.start()
        for part in parts[:-1]:
            at += len(part)
            out.append((at, at + 3))
            at += 3
    return out


def unglued(word: str) -> str:
    """``word`` with a function word the spinner glued to the capitalised word after it
    set apart again ("inLooper's" -> "in Looper's"); other words unchanged.

    >>> unglued("duringApple’s"), unglued("iPhone’s"), unglued("McDonald's")
    ('during Apple’s', 'iPhone’s', "McDonald's")
    """
    m = _GLUED.match(word)
    return f"{m.group(1)} {m.group(2)}" if m else word


def _join_hyphens(
    text: str, changes: list[Change], gaps: Sequence[tuple[int, int]]
) -> list[Change]:
    """``changes`` with every " - " gap of ``gaps`` closed to "-": a change that ends or
    starts at a gap takes it in (so a restored word joins its compound, "motley -
    reality" -> "mixed-reality"), else the gap's two neighbouring words become one
    change of their own (rule ``HYPHEN_RULE``)."""
    out = sorted(changes, key=lambda c: c.start)
    for gs, ge in gaps:
        if any(c.start < ge and gs < c.end for c in out):
            continue  # a change already spans the gap
        left = next((k for k, c in enumerate(out) if c.end == gs), None)
        right = next((k for k, c in enumerate(out) if c.start == ge), None)
        if left is None and right is None:
            ws = gs
            while ws > 0 and (text[ws - 1].isalnum()):
                ws -= 1
            we = ge
            while we < len(text) and text[we].isalnum():
                we += 1
            ev = {"tier": "t1", "split_hyphen": True}
            joined = Change(ws, we, text[ws:gs] + "-" + text[ge:we], HYPHEN_RULE, ev)
            if any(c.start < we and ws < c.end for c in out):
                continue
            out = sorted([*out, joined], key=lambda c: c.start)
            continue
        if left is not None and right is not None:
            a, b = out[left], out[right]
            merged = Change(a.start, b.end, a.after + "-" + b.after, a.rule, a.evidence)
            out = [c for k, c in enumerate(out) if k not in (left, right)]
        elif left is not None:
            a = out[left]
            we = ge
            while we < len(text) and text[we].isalnum():
                we += 1
            if any(c.start < we and ge < c.end for c in out):
                continue
            merged = Change(a.start, we, a.after + "-" + text[ge:we], a.rule, a.evidence)
            out = [c for k, c in enumerate(out) if k != left]
        else:
            assert right is not None
            b = out[right]
            ws = gs
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            if any(c.start < gs and ws < c.end for c in out):
                continue
            merged = Change(ws, b.end, text[ws:gs] + "-" + b.after, b.rule, b.evidence)
            out = [c for k, c in enumerate(out) if k != right]
        out = sorted([*out, merged], key=lambda c: c.start)
    return out


def sense_flags(sense_distinct: int, words: int, text: str) -> bool:
    """The WordNet-sense flag rule (see :data:`SENSE_FLAG_DISTINCT`): ``sense_distinct``
    distinct T1/T2 entries of the WordNet-sense tables in ``text``, ``words`` its word
    count with ``score_min_words`` as the floor. :meth:`DespinStage.analyse` and the fast
    scorer both apply it.

    >>> sense_flags(3, 150, "")
    True
    >>> sense_flags(3, 1000, "")
    False
    >>> sense_flags(2, 400, "It would n't go, he 'll say.")
    True
    """
    if sense_distinct >= SENSE_FLAG_DISTINCT and 1000.0 * sense_distinct / words >= (
        SENSE_FLAG_DENSITY
    ):
        return True
    return sense_distinct >= SENSE_RESIDUE_DISTINCT and len(split_contractions(text)) >= RESIDUE_MIN


def _top_family(hits: Sequence[spin_markers.Hit]) -> str:
    """The family whose distinct markers in ``hits`` weigh most (the first in
    alphabetical order on a tie; ``""`` without hits)."""
    fams = spin_markers.family_scores(hits)
    return max(sorted(fams), key=lambda f: fams[f]) if fams else ""


def _uncontracted(e: Entry) -> bool:
    """Every original of ``e`` is a contraction its spun form lacks the apostrophe of
    ("it has" or "it s" for it's, "here is" for here's): no detection evidence, since
    formal prose writes contractions out and damaged encodings drop apostrophes (in
    the clean corpora these entries gave evidence in 144 documents, in the real spun
    texts in 23), though repair may still restore them in a flagged document.

    >>> _uncontracted(Entry("x", "t2", "it has", "it's", "general"))
    True
    >>> _uncontracted(Entry("x", "t2", "yr", "year", "general"))
    False
    """
    return "'" not in e.spun and all("'" in alt for alt in e.alternatives)


def _common(phrase: str) -> bool:
    """``phrase`` is common English (Zipf above :data:`LEARNED_COMMON_ZIPF`; the bigram
    chain for a phrase): "many", "may be", "had been"."""
    z = phrase_zipf(phrase) if " " in phrase else zipf(phrase)
    return z > LEARNED_COMMON_ZIPF


def _teachers(e: Entry) -> int:
    """How many real pairs teach entry ``e`` (its ``real:<pair>`` sources, ``|`` or
    ``+`` joined, over all its originals)."""
    pairs = {s for src in e.sources for s in src.replace("|", "+").split("+")}
    return sum(1 for s in pairs if s.startswith("real:"))


def _spun_decimal(key: str) -> str | None:
    """``"3.9"`` for the token key ``"three.9"``, else None.

    >>> _spun_decimal("three.9"), _spun_decimal("u.s")
    ('3.9', None)
    """
    m = _SPUN_DECIMAL.match(key)
    return f"{_NUMBER_WORDS[m.group(1)]}.{m.group(2)}" if m else None


def _repaired_decimal(written: str) -> str | None:
    """The figure a flagged document's spun decimal ``written`` (a token as the text
    writes it) stands for: a number word before the point (:func:`_spun_decimal`,
    "three.9") or a digit word in small letters after it ("9.four"; "10.Nine" is a
    sentence glued to a number), else None. Only the repair reads the second form; the
    spin evidence counts the first.

    >>> _repaired_decimal("9.four"), _repaired_decimal("Three.9"), _repaired_decimal("2019.eight")
    ('9.4', '3.9', None)
    >>> _repaired_decimal("10.Nine")
    """
    fixed = _spun_decimal(written.lower())
    if fixed is not None:
        return fixed
    m = _SPUN_DECIMAL_AFTER.match(written)
    return f"{m.group(1)}.{_NUMBER_WORDS[m.group(2)]}" if m else None


def _odds_reach(decision: tuple[str, dict[str, Any]], need: float) -> bool:
    """Whether a repair ``decision`` taken without a context rule has odds of at least
    ``need`` (0 or less: never, the option being off).

    >>> _odds_reach(("bill", {"odds": 50.0}), 20.0), _odds_reach(("bill", {"odds": 50.0}), 0.0)
    (True, False)
    >>> _odds_reach(("bill", {"odds": 50.0, "context": "keep"}), 20.0)
    False
    """
    return need > 0 and "context" not in decision[1] and float(decision[1].get("odds", 0.0)) >= need


def _name_elsewhere(text: str, name: str) -> bool:
    """``name`` (case-sensitive) stands in ``text`` as whole words."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(name, start + 1)
    return False


def _restored_name_words(
    text: str,
    toks: Sequence[Token],
    matches: Sequence[Match],
    applied: Mapping[int, tuple[str, dict[str, Any]]],
) -> dict[str, str]:
    """Spun word (lower case) → the original word it stood for, read off the T1 names
    restored in ``applied``: a capitalised spun name of as many words as its original
    ("Floor Professional" → "Surface Pro" gives floor → Surface, professional → Pro), or
    of another number of words, where the words the two share line the others up one for
    one ("Floor Laptop computer" → "Surface Laptop" gives floor → Surface; "Home windows"
    → "Windows" gives nothing, :func:`_name_word_pairs`). A word two names restore
    differently maps to nothing.
    """
    out: dict[str, str] = {}
    clash: set[str] = set()
    for k, (original, _ev) in applied.items():
        m = matches[k]
        if m.entry.tier != "t1" or original == original.lower():
            continue  # only a name: an original the table writes with capitals
        spun = [text[t.start : t.end] for t in toks[m.i : m.j]]
        words = original.split(" ")
        if not spun[0][:1].isupper():
            continue
        for sp, orig in _name_word_pairs(spun, words):
            key = sp.lower()
            if key == orig.lower():
                continue
            if out.get(key, orig) != orig:
                clash.add(key)
            out[key] = orig
    for key in clash:
        del out[key]
    return out


def _name_word_pairs(spun: list[str], words: list[str]) -> list[tuple[str, str]]:
    """The spun words of a name paired with the original's words they stand for: all of
    them in order when the two have as many words, else only the runs that differ
    between the words they share, where both runs have as many words.

    >>> _name_word_pairs(["Floor", "Laptop", "computer"], ["Surface", "Laptop"])
    [('Floor', 'Surface')]
    >>> _name_word_pairs(["Home", "windows", "11"], ["Windows", "11"])
    []
    """
    if len(spun) == len(words):
        return list(zip(spun, words, strict=True))
    pairs: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(a=[w.lower() for w in spun], b=[w.lower() for w in words])
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(zip(spun[i1:i2], words[j1:j2], strict=True))
    return pairs


def _outcome_counts(
    rows_by: Mapping[_K, tuple[tuple[str, int, str], ...]],
) -> dict[_K, dict[str, float]]:
    """Key → outcome → summed count of outcome rows (``SpinTables.outcomes``)."""
    out: dict[_K, dict[str, float]] = {}
    for spun, rows in rows_by.items():
        counts = out.setdefault(spun, {})
        for outcome, n, _source in rows:
            counts[outcome] = counts.get(outcome, 0.0) + n
    return out


#: a learned original the stage may restore: 1-3 lower-case words
_PLAIN = regex.compile(r"^[a-z]+(?:'[a-z]+)?(?: [a-z]+(?:'[a-z]+)?){0,2}$")


def _quote_gap(gap: str) -> bool:
    return "\n" not in gap and any(c in _QUOTES for c in gap)


def _unlisted(prev: str | None, nxt: str | None) -> bool:
    """Neither neighbour is a word of the unigram list (a name, a figure, a sentence
    edge): silent neighbours for want of words, not for want of a listed pair."""
    return not any(w is not None and listed_word(w) for w in (prev, nxt))


class _Occurrences:
    """How often a lower-case word or word run stands in a document's text (whole words,
    case-insensitive, across punctuation), from its tokens; the counts are made on the
    first question.

    >>> from textclean.stages.despin.match import tokenize
    >>> count = _Occurrences(tokenize("The budget rose. A plan, the Budget!"))
    >>> count("budget"), count("the budget"), count("a plan"), count("plan budget")
    (2, 2, 1, 0)
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tokens
        self._words: Counter[str] | None = None
        self._joined = ""

    def __call__(self, orig: str) -> int:
        if self._words is None:
            keys = [t.key for t in self._tokens]
            self._words = Counter(keys)
            self._joined = f" {' '.join(keys)} "
        return self._words[orig] if " " not in orig else self._joined.count(f" {orig} ")


def _acronym(text: str, toks: Sequence[Token], m: Match) -> bool:
    """Match ``m`` is written in capitals (two letters or more) while no neighbour word
    is: an acronym ("AR devices"), not a spun word of a shouted headline ("ACROSS THE")."""
    written = text[toks[m.i].start : toks[m.j - 1].end]
    if len(written) < 2 or not written.isupper():
        return False
    for x in (m.i - 1, m.j):
        if 0 <= x < len(toks):
            word = text[toks[x].start : toks[x].end]
            if len(word) > 1 and word.isupper():
                return False
    return True


@dataclass(frozen=True)
class Analysis:
    """What detection found in one text."""

    text: str
    #: lower-case token keys and joined flags (see :func:`~textclean.stages.despin.match.scan`)
    keys: list[str]
    joined: list[bool]
    matches: list[Match]
    fingerprints: list[tuple[int, Fingerprint]]
    score: float
    hits: int
    distinct: int
    english_share: float
    spun: bool
    #: summed log10 likelihood ratio original:spun per 1000 words (see :meth:`DespinStage.evidence`)
    evidence: float = 0.0
    #: distinct table entries whose match carried evidence
    evidence_distinct: int = 0
    #: spinner-family markers found (:mod:`~textclean.stages.despin.markers`), and in a
    #: short text its hedged definition leads (:mod:`~textclean.stages.despin.lead`)
    markers: tuple[spin_markers.Hit, ...] = ()
    #: flagged on its markers alone (neither spin_score nor spin_evidence flags it)
    markers_only: bool = False
    #: flagged weakly, by two markers of one family in a short text alone
    #: (:func:`~textclean.stages.despin.markers.short_flags`): only its markers and T1
    #: entries are restored, and its scores say ``spin_flag: "short_markers"``
    short_markers: bool = False
    #: the number of tokens (the fast scorer's analysis has no keys)
    words: int = 0
    #: flagged by the WordNet-sense tables alone (:func:`sense_flags`): repaired as a
    #: WordNet-sense spin, and its scores say ``spin_flag: "sense"``
    sense_flag: bool = False
    #: flagged by its light evidence alone (:func:`light_flags`; no spinner marker
    #: either): its scores say ``spin_flag: "light"``
    light_flag: bool = False
    #: the light evidence per 1000 words (:meth:`DespinStage.evidence`; not a score key)
    light: float = 0.0

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens with their offsets (repair needs them; scoring does not)."""
        return tokens_from(self.text, Scan(self.keys, self.joined))

    def scores(self) -> dict[str, float | int | bool | str]:
        out: dict[str, float | int | bool | str] = {
            "spin_score": round(self.score, 3),
            "spin_evidence": round(self.evidence, 3),
            "spun": self.spun,
            "spin_hits": self.hits,
            "spin_distinct": self.distinct,
            "spin_evidence_distinct": self.evidence_distinct,
        }
        if self.short_markers:  # the weak flag says why (no other document has the key)
            out["spin_flag"] = "short_markers"
        elif self.sense_flag:
            out["spin_flag"] = "sense"
        elif self.light_flag:
            out["spin_flag"] = "light"
        return out


@dataclass(frozen=True)
class DespinStage:
    """The despin stage; see the module docstring. Build it with :func:`build`."""

    config: DespinConfig
    tables: SpinTables
    first: dict[str, int] = field(repr=False)
    fp_index: dict[str, tuple[Fingerprint, ...]] = field(repr=False)
    breadth: frozenset[str] = field(repr=False)  # spun phrases rarer than their original
    # (spun phrase, original) → log10(f_orig / f_spun): wordfreq for words, bigram chain for
    # phrases; for every original of a T2/T3 entry and of a T1 entry with alternatives
    log_prior: dict[tuple[str, str], float] = field(repr=False, default_factory=dict)
    # words the spinner rewrites (the originals of the reverse table), lower case
    rewritten: frozenset[str] = field(repr=False, default_factory=frozenset)
    # a document identified as another language than English is left alone
    language: LanguageConfig = field(repr=False, default_factory=LanguageConfig)
    # spun forms of the WordNet-sense tables (SENSE_FILES) and of the generated lemmas
    sense: frozenset[str] = field(repr=False, default_factory=frozenset)
    lemmas: frozenset[str] = field(repr=False, default_factory=frozenset)
    # the T1/T2 spun forms of the WordNet-sense tables (what the sense flag counts)
    sense_counted: frozenset[str] = field(repr=False, default_factory=frozenset)
    ordinary_lemmas: frozenset[str] = field(repr=False, default_factory=frozenset)
    # the entries matched in every document (all but the ordinary WordNet lemmas, which
    # are looked up only in a document that reads as a WordNet-sense spin)
    match_entries: Mapping[str, Entry] = field(repr=False, default_factory=dict)
    ordinary_entries: Mapping[str, Entry] = field(repr=False, default_factory=dict)
    # matching aids: leading word runs of the spun phrases; fingerprints' second words
    phrases: PhraseIndex | None = field(repr=False, default=None)
    fp_second: dict[str, frozenset[str]] = field(repr=False, default_factory=dict)
    # (spun, originals, prev, next) → per-original log10 ratio in context (match_llr
    # without names): a pure function of its key, so a cache changes no result
    _llr_cache: dict[tuple[str, str, str | None, str | None], tuple[float, ...]] = field(
        repr=False, default_factory=dict, compare=False, init=False
    )
    # the fast scorer of documents this stage does not flag (built on first use)
    _fast: list[Any] = field(repr=False, default_factory=list, compare=False, init=False)
    # spun phrase → outcome → count: what its matches stood for in the real pairs
    # (``outcomes.tsv``: ``=`` the original's own words, ``?`` a rewrite around them)
    outcomes: Mapping[str, Mapping[str, float]] = field(repr=False, default_factory=dict)
    # (spun phrase, word before) → outcome → count: the same, by the word before the match
    outcomes_after: Mapping[tuple[str, str], Mapping[str, float]] = field(
        repr=False, default_factory=dict
    )
    # spun forms that carry no detection evidence: contractions written out or missing
    # their apostrophe ("it has" for it's, "here is" for here's, "that s" for that's)
    no_evidence: frozenset[str] = field(repr=False, default_factory=frozenset)
    # the spinner-family markers, indexed once (None: no markers)
    marker_index: spin_markers.MarkerIndex | None = field(repr=False, default=None)
    name: str = NAME

    @classmethod
    def from_tables(cls, config: DespinConfig, tables: SpinTables) -> DespinStage:
        margin = config.rarer_margin
        file_of = {k: os.path.basename(e.path) for k, e in tables.entries.items()}
        ordinary_entries = {k: e for k, e in tables.entries.items() if file_of[k] in ORDINARY_FILES}
        match_entries = (
            {k: e for k, e in tables.entries.items() if k not in ordinary_entries}
            if ordinary_entries
            else tables.entries
        )
        # the ordinary WordNet lemmas never count for breadth, and their priors are
        # computed when a WordNet-sense spin first weighs them
        breadth = frozenset(
            e.spun for e in match_entries.values() if zipf(e.spun) <= zipf(e.original) - margin
        )
        fp_index = fingerprint_index(tables.fingerprints)
        return cls(
            config=config,
            tables=tables,
            first=first_word_spans(match_entries),
            fp_index=fp_index,
            phrases=phrase_index(match_entries),
            match_entries=match_entries,
            ordinary_entries=ordinary_entries,
            fp_second=fingerprint_seconds(fp_index),
            breadth=breadth,
            log_prior={
                (e.spun, alt): _log_prior(e.spun, alt)
                for e in match_entries.values()
                if e.tier != "t1" or len(e.alternatives) > 1
                for alt in e.alternatives
            },
            rewritten=frozenset(
                alt.lower()
                for e in tables.entries.values()
                if file_of[e.spun] not in OTHER_SPINNER_FILES
                for alt in e.alternatives
            ),
            sense=frozenset(
                e.spun for e in tables.entries.values() if file_of[e.spun] in SENSE_FILES
            ),
            sense_counted=frozenset(
                e.spun
                for e in match_entries.values()
                if file_of[e.spun] in SENSE_FILES and e.tier != "t3"
            ),
            ordinary_lemmas=frozenset(ordinary_entries),
            lemmas=frozenset(
                e.spun for e in tables.entries.values() if file_of[e.spun] in OTHER_SPINNER_FILES
            ),
            outcomes=_outcome_counts(tables.outcomes),
            outcomes_after=_outcome_counts(tables.outcomes_after),
            marker_index=spin_markers.MarkerIndex.of(tables.markers) if tables.markers else None,
            no_evidence=frozenset(
                k
                for k, e in match_entries.items()
                if _uncontracted(e)
                or (
                    file_of[k] in LEARNED_FILES
                    and (_common(e.spun) or _teachers(e) < config.learned_flag_support)
                )
            ),
        )

    # ------------------------------------------------------------ detection

    def analyse(self, text: str) -> Analysis:
        cfg = self.config
        keys, joined = scan(text)
        matches = match_keys(keys, joined, self.match_entries, self.first, self.phrases)
        fps = fingerprint_keys(keys, joined, self.fp_index, self.fp_second)
        cap = cfg.max_hits_per_entry
        entry_hits = Counter(m.entry.spun for m in matches if m.entry.spun in self.breadth)
        fp_hits = Counter(fp.id for _, fp in fps)
        weights = {fp.id: fp.weight for _, fp in fps}
        weighted = sum(min(c, cap) for c in entry_hits.values()) * cfg.breadth_weight
        weighted += sum(min(c, cap) * weights[k] for k, c in fp_hits.items())
        n = len(keys)
        words = max(n, cfg.score_min_words, 1)
        score = 1000.0 * weighted / words
        distinct = len(entry_hits) + len(fp_hits)
        evidence, ev_distinct, light = self.evidence(text, keys, joined, matches)
        evidence = 1000.0 * evidence / words
        light = 1000.0 * light / words
        english = english_share(keys, text)
        marker_hits = (
            tuple(spin_markers.find(text, self.marker_index))
            if cfg.markers and self.marker_index is not None
            else ()
        )
        if cfg.markers and cfg.hedged_lead and n < cfg.short_markers_words:
            marker_hits = hedged_leads(text, marker_hits)
        by_scores = flagged_by_scores(
            cfg, score, distinct, evidence, ev_distinct, n
        ) and not ordinary_only(cfg, matches, fps, marker_hits, evidence)
        if (
            by_scores
            and marker_hits
            and ordinary_only(cfg, matches, fps, (), evidence)
            and spin_markers.short_flags(marker_hits, n, cfg.short_markers_words)
        ):
            # its ordinary synonyms alone would be held back: the markers of a short text
            # decide, and flag it by their own rules (a paraphraser's definition whose T2
            # words are its writer's choice keeps them, docs/despin.md)
            by_scores = False
        by_light = not by_scores and light_flags(cfg, light, score, n)
        if (by_scores or by_light) and cfg.name_context:
            # the same evidence with each word of a name weighed by the name's own words
            # must flag it too ("of" before "Labor Statistics" is no context of "Labor")
            ev_named, ev_distinct_named, light_named = self.evidence(
                text, keys, joined, matches, names=True
            )
            ev_named, light_named = 1000.0 * ev_named / words, 1000.0 * light_named / words
            if by_scores and not flagged_by_scores(
                cfg, score, distinct, ev_named, ev_distinct_named, n
            ):
                by_scores = False
                by_light = light_flags(cfg, light, score, n)
            by_light = by_light and light_flags(cfg, light_named, score, n)
        by_markers = bool(marker_hits) and spin_markers.flags(
            marker_hits, distinct, evidence, ev_distinct
        )
        by_short = (
            not by_scores
            and not by_light
            and not by_markers
            and spin_markers.short_flags(marker_hits, n, cfg.short_markers_words)
        )
        by_sense = (
            not by_scores
            and not by_light
            and not by_markers
            and not by_short
            and cfg.sense_flag
            and sense_flags(self.sense_distinct(matches), words, text)
        )
        flagged = by_scores or by_light or by_markers or by_short or by_sense
        spun = flagged and english >= cfg.min_english_share
        hits = sum(entry_hits.values()) + sum(fp_hits.values())
        return Analysis(
            text,
            keys,
            joined,
            matches,
            fps,
            score,
            hits,
            distinct,
            english,
            spun,
            evidence,
            ev_distinct,
            marker_hits,
            spun and (by_markers or by_short) and not (by_scores or by_light),
            spun and by_short,
            n,
            spun and by_sense,
            spun and by_light and not by_markers,
            light,
        )

    def sense_distinct(self, matches: Sequence[Match]) -> int:
        """Distinct T1/T2 entries of the WordNet-sense tables among ``matches``."""
        return len({m.entry.spun for m in matches if m.entry.spun in self.sense_counted})

    def match_llr(
        self, m: Match, prev: str | None, nxt: str | None, text: str = ""
    ) -> tuple[float, str]:
        """``(log10 ratio, original)``: how much likelier the likeliest original of match
        ``m`` is than its spun form, given the neighbour words ``prev`` and ``nxt``.

        The ratio is the bigram likelihood ratio of :func:`bigram_evidence` (which holds
        the frequency prior: ``c(p, orig) / c(p, spun)`` is ``P(orig | p) / P(spun | p)``);
        when the bigram list knows neither neighbour, half the log prior stands in. An
        original that is a name (it has capitals) and is written unspun elsewhere in
        ``text`` ("Super Bowl" beside "Tremendous Bowl") is taken as certain: the
        ratio is at least ``10 ** (evidence_margin + evidence_clip)``.
        """
        e = m.entry
        best, best_alt = -math.inf, e.original
        cache_key = (e.spun, e.original, prev, nxt)
        llrs = self._llr_cache.get(cache_key)
        if llrs is None:
            llrs = tuple(self._context_llr(e, alt, prev, nxt) for alt in e.alternatives)
            if len(self._llr_cache) >= _LLR_CACHE_SIZE:
                self._llr_cache.clear()
            self._llr_cache[cache_key] = llrs
        for alt, llr in zip(e.alternatives, llrs, strict=True):
            if text and alt != alt.lower() and _name_elsewhere(text, alt):
                llr = max(llr, self.config.evidence_margin + self.config.evidence_clip)
            if llr > best:
                best, best_alt = llr, alt
        return best, best_alt

    def _context_llr(self, e: Entry, alt: str, prev: str | None, nxt: str | None) -> float:
        """log10 of how much likelier original ``alt`` is than ``e.spun`` between
        ``prev`` and ``nxt`` (see :meth:`match_llr`)."""
        log_prior = self.log_prior.get((e.spun, alt))
        if log_prior is None:
            log_prior = _log_prior(e.spun, alt)
        if " " in e.spun or " " in alt:
            ratio = bigram_evidence(e.spun, alt, prev, nxt, log_prior).ratio
        else:
            ratio = word_ratio(e.spun, alt, e.spun, alt, prev, nxt)
        return 0.5 * log_prior if ratio == 1.0 else math.log10(ratio)

    def evidence(
        self,
        text: str,
        keys: Sequence[str],
        joined: Sequence[bool],
        matches: Sequence[Match],
        names: bool = False,
    ) -> tuple[float, int, float]:
        """``(summed evidence, distinct entries, light evidence)`` of a document's T1/T2
        table matches.

        Each match counts ``min(clip, max(0, log10 ratio - margin))`` (its ratio from
        :meth:`match_llr`), so only originals at least ten times likelier than the spun
        form in context count, and no single match carries the document; one entry
        counts its ``max_hits_per_entry`` strongest matches. T3 entries (digits) say
        nothing: they are ordinary English; nor do contractions written out
        (``no_evidence``: "it has" for it's). With ``names``, a match with evidence
        inside a capitalised name is weighed with the name's own words only
        ("Tremendous Bowl" by "Bowl"; "Labor" in "Bureau of Labor Statistics" by
        "Statistics", not by "of": a word before the name says nothing of the name's
        own words).

        The light evidence weighs the same matches for breadth: each distinct entry
        counts how far its best match's log10 ratio exceeds ``light_margin``, at most
        ``light_clip`` (a number word glued to decimals the clip); see
        :func:`light_flags`.
        """
        cfg = self.config
        n = len(keys)
        per_entry: dict[str, list[float]] = {}
        best: dict[str, float] = {}
        floor = evidence_floor(cfg)
        toks: list[Token] | None = None
        for m in matches:
            if m.entry.tier == "t3" or m.entry.spun in self.no_evidence:
                continue
            prev = keys[m.i - 1] if m.i > 0 and joined[m.i] else None
            nxt = keys[m.j] if m.j < n and joined[m.j] else None
            llr, _alt = self.match_llr(m, prev, nxt, text)
            if names and llr > floor and (prev is not None or nxt is not None):
                # inside a name, only the name's own words are its context: "of" before
                # "Labor Statistics" says nothing of the name's word
                if toks is None:
                    toks = tokens_from(text, Scan(list(keys), list(joined)))
                if _inside_name(text, toks, m.i):
                    in_prev = (
                        prev if prev is not None and _inside_name(text, toks, m.i - 1) else None
                    )
                    in_nxt = nxt if nxt is not None and _inside_name(text, toks, m.j) else None
                    if (in_prev, in_nxt) != (prev, nxt):
                        llr, _alt = self.match_llr(m, in_prev, in_nxt, text)
            gain = min(cfg.evidence_clip, llr - cfg.evidence_margin)
            if gain > 0:
                per_entry.setdefault(m.entry.spun, []).append(gain)
            if llr > best.get(m.entry.spun, 0.0):
                best[m.entry.spun] = llr
        decimal = False
        for k in keys:
            if "." in k and _spun_decimal(k) is not None:
                per_entry.setdefault(DECIMAL_RULE, []).append(cfg.evidence_clip)
                decimal = True
        total = 0.0
        for gains in per_entry.values():
            gains.sort(reverse=True)
            total += sum(gains[: cfg.max_hits_per_entry])
        return total, len(per_entry), light_sum(cfg, best.values(), decimal)

    # ------------------------------------------------------------ repair

    def _context(self, entry: Entry, prev: str | None, nxt: str | None) -> tuple[str, str] | None:
        """``("keep"|"apply", rule_id)`` of the deciding context rule, if any fires."""
        fired: list[tuple[str, str]] = []
        for rule in self.tables.context.get(entry.id, ()):
            word = prev if rule.side == "prev" else nxt
            if word is not None and word in rule.words:
                fired.append((rule.action, rule.id))
        for action in ("keep", "apply"):
            for a, rid in fired:
                if a == action:
                    return a, rid
        return None

    def _weigh(
        self, e: Entry, alt: str, prev: str | None, nxt: str | None, doc: tuple[int, int] | None
    ) -> tuple[bool, float, dict[str, Any]]:
        """``(eligible, odds, evidence)`` that spun ``e.spun`` stands for original ``alt``.

        ``doc`` is ``(alt_count, spun_count)``: how often ``alt`` and the spun phrase
        occur in the whole document. Not eligible: the neighbours favour the spun
        wording, or say nothing while the document says nothing either.
        """
        cfg = self.config
        log_prior = self.log_prior.get((e.spun, alt))
        if log_prior is None:  # not precomputed (an entry added after the build)
            log_prior = _log_prior(e.spun, alt)
        phrase = " " in e.spun or " " in alt
        stats = bigram_evidence(e.spun, alt, prev, nxt, log_prior if phrase else None)
        rarer = cfg.phrase_rarer_margin if phrase else cfg.rarer_margin
        doc_factor = 1.0
        if doc is not None and doc[0] == 0 and log_prior >= rarer:
            # the original wording is nowhere in the text, and the spun form is clearly
            # rarer English than it (a common spun word is often genuine: "army", "stays")
            doc_factor = cfg.doc_absent_bonus ** min(doc[1], 2)
        swap = cfg.swap_bonus if e.spun in self.rewritten else 1.0
        prior = 10 ** (cfg.t2_prior_weight * log_prior)
        learned = self.reliability(e.spun, alt)
        odds = stats.ratio * prior * doc_factor * swap * learned
        # The neighbours must favour the original themselves, or at least be silent
        # when the document's own evidence favours it or the odds alone are strong (the
        # learned factor may lower those odds, never raise them: silent neighbours in
        # ordinary English, "stays different", are no evidence the pairs can add to (only
        # odds past ``strong_odds`` go ahead with them: see ``strong`` in ``_decide``);
        # except for a spun form that recurs in a text that never writes its original,
        # ``silent_repeat``).
        silent_odds = odds / max(learned, 1.0)
        repeat = cfg.silent_repeat
        recurs = (
            repeat > 0
            and doc is not None
            and doc[0] == 0
            and doc[1] >= repeat
            and not any(w is not None and listed_word(w) for w in (prev, nxt))
        )
        if recurs:
            # the original is nowhere in the text and the spun form recurs: a deterministic
            # spinner's rewrite of every occurrence, so the pairs' word counts in full where
            # the neighbours are silent because the lists lack them (names, figures, a
            # sentence edge), not ordinary words the bigram list happens to lack ("the
            # proper use of force stays different")
            silent_odds = odds
        eligible = stats.ratio > 1.0 or (
            stats.ratio == 1.0 and (doc_factor > 1.0 or silent_odds >= cfg.silent_margin)
        )
        ev: dict[str, Any] = dict(stats.as_dict())
        ev["prior_ratio"] = round(prior, 2)
        if doc_factor != 1.0:
            ev["doc_factor"] = round(doc_factor, 2)
        if swap != 1.0:
            ev["swap_factor"] = round(swap, 2)
        if learned != 1.0:
            ev["learned_factor"] = round(learned, 3)
        if recurs and stats.ratio == 1.0:
            ev["recurs"] = True
        ev["odds"] = round(odds, 2)
        return eligible, odds, ev

    @cached_property
    def _outcome_base(self) -> float:
        """The learned odds of a typical original: over every entry with learned
        outcomes, matches that stood for one of its originals against the rest."""
        hit = miss = 0.0
        for spun, counts in self.outcomes.items():
            e = self.tables.entries.get(spun)
            if e is None:
                continue
            alts = {a.lower() for a in e.alternatives}
            for o, n in counts.items():
                if o in alts:
                    hit += n
                else:
                    miss += n * (self.config.outcome_straddle if o == "?" else 1.0)
        return (hit + 1.0) / (miss + 1.0)

    def reliability(self, spun: str, alt: str) -> float:
        """The learned factor of original ``alt`` for spun form ``spun``: the odds that
        the form's matches in the real pairs stood for ``alt`` (against the original's
        own words, another original, or a rewrite around it, ``outcome_straddle``
        each), shrunk towards the typical entry's odds with ``outcome_smoothing``
        pseudo-counts, over the typical entry's odds, raised to ``outcome_weight``:
        above 1 for an entry the pairs show more reliable than most, below for one
        less; 1 without data."""
        cfg = self.config
        counts = self.outcomes.get(spun)
        if not counts or cfg.outcome_weight == 0:
            return 1.0
        key = alt.lower()
        n_alt = counts.get(key, 0.0)
        n_not = sum(n for o, n in counts.items() if o not in (key, "?"))
        n_not += cfg.outcome_straddle * counts.get("?", 0.0)
        base = self._outcome_base
        s = cfg.outcome_smoothing
        q = base / (1.0 + base)
        post = (n_alt + s * q) / (n_not + s * (1.0 - q))
        factor = (post / base) ** cfg.outcome_weight
        return min(LEARNED_FACTOR_CAP, max(1.0 / LEARNED_FACTOR_CAP, factor))

    def _candidates(self, e: Entry) -> tuple[str, ...]:
        """The originals weighed for entry ``e``: its own, then every other original its
        matches stood for in at least ``learned_alternatives`` matches of the real pairs
        (plain lower-case words), so the neighbours can choose them or, when they cannot
        tell them apart, leave the match alone."""
        need = self.config.learned_alternatives
        counts = self.outcomes.get(e.spun) if need > 0 else None
        if not counts:
            return e.alternatives
        own = {a.lower() for a in e.alternatives}
        extra = sorted(
            (o for o, n in counts.items() if n >= need and o not in own and _PLAIN.match(o)),
            key=lambda o: (-counts[o], o),
        )
        return (*e.alternatives, *extra) if extra else e.alternatives

    def _decide(
        self,
        m: Match,
        prev: str | None,
        nxt: str | None,
        score: float,
        quotes: tuple[bool, bool] = (False, False),
        doc: dict[str, tuple[int, int]] | None = None,
        margin_factor: float = 1.0,
        raw_prev: str | None = None,
        written: _Occurrences | None = None,
        in_name: bool = False,
        article: str | None = None,
    ) -> tuple[str, dict[str, Any]] | None:
        """``(original, evidence)`` for restoring match ``m``, or None to leave it.

        ``article`` is the "a"/"an" before the match when it does not agree with the spun
        form ("an train"): the spinner kept the original's article, so only the
        originals that agree with it are weighed, and one of them is restored as surely
        as a T1 form ("an train" → "an exercise"); none agreeing, a T2/T3 match stays
        (:meth:`_article_trace`).

        ``raw_prev`` is the word before the match as the text writes it (``prev`` may be
        a restored word): after it, the real pairs may show the spun form as the
        original's own word (:meth:`own_after`).

        ``doc`` maps each original of the entry to ``(original_count, spun_count)`` in
        the whole document. With several originals, the one with the best odds is
        chosen; a T2/T3 match is left alone unless it beats the runner-up by
        ``alternative_margin`` (a T1 match, surely spun, takes the best one).

        ``written`` counts the document's words and word runs (:class:`_Occurrences`): a
        spun form the document vouches for (:meth:`_vouched`) goes ahead on odds of
        ``consistency_margin`` x ``t2_margin`` with neighbours in favour, or silent ones
        the word lists lack (a figure, a name, a sentence edge: not ordinary words whose
        pairs the bigram list happens to lack, "force stays different"), and inside a
        capitalised name (``in_name``: the bigram list knows the common words, not the
        name's collocations, "the Goal has") whatever they say; with a learned factor of
        at least ``vouched_any_learned`` (off by default), also with ordinary neighbours
        down to a ratio of ``vouched_min_ratio`` (:meth:`_vouched_over_neighbours`).
        """
        e = m.entry
        ev: dict[str, Any] = {"tier": e.tier, "spin_score": round(score, 3)}
        if e.tier not in self.config.tiers:
            return None
        ctx = None
        if e.tier != "t1":
            ctx = self._context(e, QUOTE if quotes[0] else prev, QUOTE if quotes[1] else nxt)
            if ctx is not None and ctx[0] == "keep":
                return None
            if ctx is not None:
                ev["context"] = ctx[1]
        decided = e.tier == "t1" or ctx is not None  # applied: only the original to choose
        alts = self._candidates(e)
        if article is not None:
            agreeing = tuple(a for a in alts if self._article(a.lower()) == article)
            if agreeing:
                alts, decided = agreeing, True
                ev["article_trace"] = article
            elif e.tier != "t1":
                return None  # no original fits the article the spinner left
        if decided and len(alts) == 1:
            return (alts[0] if "article_trace" in ev else e.original), ev
        weighed = [(alt, *self._weigh(e, alt, prev, nxt, (doc or {}).get(alt))) for alt in alts]
        ranked = sorted(weighed, key=lambda w: -w[2])  # stable: table order breaks ties
        if len(alts) > 1:
            ev["alternatives"] = {alt: round(odds, 2) for alt, _ok, odds, _ev in weighed}
        if decided and e.spun in self.lemmas:
            # a WordNet lemma stands for every inflection of its word: the neighbours
            # choose the form ("will enounce" -> "will say"), not the forms' frequency
            by_context = sorted(weighed, key=lambda w: -float(w[3]["bigram_ratio"]))
            return by_context[0][0], ev
        if decided:
            return ranked[0][0], ev
        best, ok, odds, best_ev = ranked[0]
        margin = margin_factor * (
            self.config.t3_margin if e.tier == "t3" else self.config.t2_margin
        )
        # T3 needs neighbours in favour, or silent ones in a recurring spun form (_weigh)
        t3_silent = "recurs" in best_ev
        ratio = float(best_ev.get("bigram_ratio", 1.0))  # neighbours: original vs spun
        favoured = self.config.t3_favoured_ratio
        if e.tier == "t3" and favoured > 0 and ratio >= favoured:
            # a T3 form is ordinary English as often as not, but here the neighbours
            # themselves say which word stands: "came again" is the spinner's "came back"
            margin = min(margin, margin_factor * self.config.t3_favoured_margin)
        if e.spun in self.ordinary_lemmas:  # only ever weighed in a WordNet-sense spin
            function = best.lower() in SENSE_FUNCTION_WORDS
            margin = SENSE_ORDINARY_MARGIN if function else SENSE_CONTENT_MARGIN
        t3_unsupported = e.tier == "t3" and ratio <= 1.0
        # Strong odds (the learned reliability counted in full) carry a match whose
        # neighbours are silent or lean only a little towards the spun wording: in a
        # flagged document such a form is the spinner's ("income" for revenue eight times);
        # not when the neighbours fit another of its originals far better (below).
        strong = (
            self.config.strong_odds > 0
            and odds >= max(margin, margin_factor * self.config.strong_odds)
            and ratio >= self.config.strong_min_ratio
        )
        usual = ok and odds >= margin and (not t3_unsupported or t3_silent)
        vouched = (
            not strong
            and not usual
            and e.spun not in self.ordinary_lemmas
            and (
                in_name
                or ratio > 1.0
                or (ratio == 1.0 and _unlisted(prev, nxt))
                or self._vouched_over_neighbours(e, best, ratio)
            )
            and self._vouched(e, best, odds, margin_factor, doc, written)
        )
        if not strong and not usual and not vouched:
            return None
        if strong and (not ok or t3_unsupported):
            ev["strong"] = True
        if vouched:
            ev["vouched"] = True
        if len(ranked) > 1 and odds < self.config.alternative_margin * ranked[1][2]:
            return None  # the neighbours cannot tell the originals apart
        if self.config.doubt_learned and self._doubted(e, best):
            return None  # a mined mapping the other pairs mostly contradict
        if (
            self.config.silent_choice
            and len(ranked) > 1
            and ratio <= 1.0
            and not strong
            and not vouched
            and self.reliability(e.spun, best) < 1.0
        ):
            return None  # several originals, silent neighbours, the pairs against the choice
        if (
            self.config.context_alternative
            and not vouched
            and self._context_prefers_other(ratio, ranked[1:])
        ):
            return None  # the prior chose against the neighbours: another original fits
        if self.own_after(e.spun, raw_prev, best):
            return None
        ev.update(best_ev)
        return best, ev

    def _own_words(self, a: Analysis) -> dict[str, set[str]]:
        """The originals each T2/T3 spun form of the document stands against as the
        writer's own word somewhere (``own_word_ratio``): at one of its matches, as the
        text writes it, the bigram list knows the spun form with a neighbour and the
        neighbours favour it over that original at least ``own_word_ratio`` times
        ("Virtual reality" against "virtual fact"). The document then shows the form as
        ordinary English of its own, not a deterministic spinner's every rewrite."""
        need = self.config.own_word_ratio
        own: dict[str, set[str]] = {}
        if need <= 0:
            return own
        toks = a.tokens
        for m in a.matches:
            e = m.entry
            if e.tier == "t1":
                continue
            prev, nxt = neighbour_keys(toks, m)
            words = e.spun.split(" ")
            if not (
                (prev is not None and bigram_listed(prev, words[0]))
                or (nxt is not None and bigram_listed(words[-1], nxt))
            ):
                continue
            for alt in self._candidates(e):
                log_prior = self.log_prior.get((e.spun, alt))
                if log_prior is None:
                    log_prior = _log_prior(e.spun, alt)
                phrase = " " in e.spun or " " in alt
                stats = bigram_evidence(e.spun, alt, prev, nxt, log_prior if phrase else None)
                if stats.ratio * need <= 1.0:
                    own.setdefault(e.spun, set()).add(alt.lower())
        return own

    def _learned_original(self, e: Entry, alt: str) -> bool:
        """Original ``alt`` of entry ``e`` is learned from the real pairs alone: an
        original only their outcomes add (:meth:`_candidates`), or one every source of
        which is ``real:...``."""
        key = alt.lower()
        for a, src in zip(e.alternatives, e.sources, strict=True):
            if a.lower() == key:
                taught = [s for s in src.replace("|", "+").split("+") if s]
                return bool(taught) and all(s.startswith("real:") for s in taught)
        return True

    def _doubted(self, e: Entry, alt: str) -> bool:
        """Original ``alt`` of entry ``e`` is taught by the real pairs alone (every source
        of it ``real:...``: a mapping mined from an aligned pair, with no thesaurus or
        hand-written entry behind it) and its learned reliability is below the typical
        entry's (:meth:`reliability` < 1): the pairs' other matches of the spun form were
        the writer's own word or another original more often than the mapping holds
        ("represents" mined for *is*, the writer's own word in most other pairs). A
        contraction spelled out ("it has" for it's, :func:`_uncontracted`) is the
        spinner's mechanical habit, not a choice of sense, and is not doubted."""
        if _uncontracted(e):
            return False  # "it has" for it's: the spinner's spelling-out, not a sense
        key = alt.lower()
        for a, src in zip(e.alternatives, e.sources, strict=True):
            if a.lower() == key:
                taught = [s for s in src.replace("|", "+").split("+") if s]
                if not taught or not all(s.startswith("real:") for s in taught):
                    return False
                return self.reliability(e.spun, alt) < 1.0
        return False

    def _context_prefers_other(
        self, ratio: float, others: Sequence[tuple[str, bool, float, dict[str, Any]]]
    ) -> bool:
        """The neighbour words fit another candidate original at least
        ``alternative_margin`` times better than the likeliest one (whose bigram ratio
        original:spun is ``ratio``): the odds chose it on the frequency prior and the
        learned reliability, against the context ("fairly good" → "quite good" where the
        writer's word was *pretty*)."""
        need = self.config.alternative_margin * ratio
        return any(float(ev.get("bigram_ratio", 1.0)) >= need for _a, _ok, _o, ev in others)

    def _vouched(
        self,
        e: Entry,
        alt: str,
        odds: float,
        margin_factor: float,
        doc: dict[str, tuple[int, int]] | None,
        written: _Occurrences | None,
    ) -> bool:
        """The document vouches for restoring ``e.spun`` to ``alt``: the spun form occurs
        at least ``vouched_repeat`` times, ``alt`` nowhere in the text (``written``), the
        real pairs show the form standing for ``alt`` far more reliably than the typical
        entry (learned factor at least ``vouched_learned``) and the odds reach
        ``consistency_margin`` x ``t2_margin`` (x the document's margin factor). A
        deterministic spinner rewrites every occurrence, so neighbours that lean towards
        the spun wording ("stated Goal has", "other manufacturers to") do not veto it."""
        cfg = self.config
        if cfg.vouched_learned <= 0 or not doc or written is None:
            return False
        n_spun = next(iter(doc.values()))[1]
        if n_spun < cfg.vouched_repeat or written(alt.lower()) > 0:
            return False
        if odds < margin_factor * cfg.consistency_margin * cfg.t2_margin:
            return False
        return self.reliability(e.spun, alt) >= cfg.vouched_learned

    def _vouched_over_neighbours(self, e: Entry, alt: str, ratio: float) -> bool:
        """The real pairs show spun form ``e.spun`` standing for ``alt`` so reliably
        (learned factor at least ``vouched_any_learned``) that a vouched match goes ahead
        where ordinary neighbour words lean towards the spun wording, down to a ratio
        of ``vouched_min_ratio`` ("special strikes", "the goal will")."""
        need = self.config.vouched_any_learned
        if need <= 0 or ratio < self.config.vouched_min_ratio:
            return False
        return self.reliability(e.spun, alt) >= need

    def own_after(self, spun: str, prev: str | None, alt: str) -> bool:
        """After the word ``prev``, the real pairs' matches of ``spun`` were the
        original's own words at least ``outcome_own_after`` times and more often than
        they stood for ``alt`` ("the retailer" in retail stories): leave it alone."""
        need = self.config.outcome_own_after
        if need <= 0 or prev is None:
            return False
        counts = self.outcomes_after.get((spun, prev))
        if not counts:
            return False
        own = counts.get("=", 0.0)
        return own >= need and own > counts.get(alt.lower(), 0.0)

    def _doc_counts(
        self, a: Analysis, occurrences: _Occurrences | None = None
    ) -> dict[str, dict[str, tuple[int, int]]]:
        """Spun phrase → original → (occurrences of that original wording, of the phrase
        itself), for the document's T2/T3 matches and T1 matches with alternatives
        (whole-word, case-insensitive, across punctuation: ``occurrences``, made from the
        document's tokens when not given)."""
        weighed = [m for m in a.matches if m.entry.tier != "t1" or len(m.entry.alternatives) > 1]
        if not weighed:
            return {}
        spun_n = Counter(m.entry.spun for m in weighed)
        count = occurrences or _Occurrences(a.tokens)
        out: dict[str, dict[str, tuple[int, int]]] = {}
        for m in weighed:
            e = m.entry
            if e.spun in out:
                continue
            counts: dict[str, tuple[int, int]] = {}
            for alt in e.alternatives:
                counts[alt] = (count(alt.lower()), spun_n[e.spun])
            out[e.spun] = counts
        return out

    def _article_trace(self, toks: Sequence[Token], m: Match) -> str | None:
        """The "a"/"an" right before match ``m`` when it does not agree with the spun form
        ("an train", "a elementary"), else None. The spinner swaps words and leaves the
        articles as the original had them, so such an article is its trace and says how
        the original word begins."""
        if m.i == 0 or not toks[m.i].joined:
            return None
        art = toks[m.i - 1].key
        if art not in ("a", "an") or art == self._article(m.entry.spun):
            return None
        return art

    def _article(self, word: str) -> str:
        for prefix, article in self.tables.articles:
            if word.startswith(prefix):
                return article
        return "an" if word[:1] in "aeiou8" else "a"

    def _with_ordinary_lemmas(self, a: Analysis) -> Analysis:
        """``a`` with a match for every token, in no other match, that is an ordinary
        WordNet lemma ("done" for through, "squad" for team)."""
        covered = {i for m in a.matches for i in range(m.i, m.j)}
        extra = [
            Match(i, i + 1, self.ordinary_entries[k])
            for i, k in enumerate(a.keys)
            if k in self.ordinary_entries and i not in covered
        ]
        if not extra:
            return a
        return dataclasses.replace(a, matches=sorted([*a.matches, *extra], key=lambda m: m.i))

    def repair(self, text: str, a: Analysis) -> list[Change]:
        sense_doc = self._sense_spun(a)
        if sense_doc:
            a = self._with_ordinary_lemmas(a)
        toks = a.tokens
        n = len(toks)
        # T1 first, so T2 decisions see restored neighbours ("army help" → "military assistance").
        # token index → the restored word standing there (as a right / left neighbour)
        restored_last: dict[int, str] = {}
        restored_first: dict[int, str] = {}
        applied: dict[int, tuple[str, dict[str, Any]]] = {}
        occurrences = _Occurrences(a.tokens)
        doc_counts = self._doc_counts(a, occurrences)
        doc_words = occurrences if self.config.vouched_learned > 0 else None
        own = self._own_words(a)
        # confirmation weighs the thesaurus spinner's entries; a WordNet-sense spin is
        # repaired with its own tables and margins
        confirmed = sense_doc or self._confirmed(a)
        margin_factor = 1.0 if confirmed else self.config.unconfirmed_factor
        if a.markers_only:  # another spinner family: the T2/T3 odds must be stronger
            margin_factor = max(margin_factor, spin_markers.MARKERS_ONLY_FACTOR)
        t1 = [k for k, m in enumerate(a.matches) if m.entry.tier == "t1"]
        rest = [k for k, m in enumerate(a.matches) if m.entry.tier != "t1"]
        if a.short_markers:  # a weak flag: T2/T3 matches need stronger evidence than it
            rest = []
        if (
            a.markers_only
            and len(a.keys) < self.config.score_min_words
            and _top_family(a.markers) in self.config.markers_only_t1_families
        ):
            # a short text only another spinner's markers flag (the Spinbot-style family
            # b, the WordNet-sense family c): too few of its words are swapped for the
            # thesaurus spinner's ambiguous entries to be weighed there
            rest = []
        # capitalised spun forms written inside names, when the document shows the
        # thesaurus spinner's own hand (its determinism is what a recurring name relies on)
        names = (
            self._spun_name_counts(text, a)
            if self.config.name_repeat > 0 and not sense_doc and not a.markers_only
            else None
        )
        if sense_doc:
            # a WordNet-sense spin: the thesaurus spinner's ambiguous swaps are not its own
            rest = [
                k
                for k in rest
                if a.matches[k].entry.spun in self.sense
                or a.matches[k].entry.spun in self.ordinary_lemmas
            ]
        # the words of the capitalised names the T1 round restored ("Floor Professional"
        # -> "Surface Pro": floor -> Surface), once it is done (see DespinStage._name_word)
        name_words: dict[str, str] | None = None
        # Two rounds for T2/T3: a word restored in round one is the neighbour in round two.
        for round_ in (t1, rest, rest):
            for k in round_:
                if k in applied:
                    continue
                m = a.matches[k]
                in_name = m.entry.tier != "t1" and _match_in_name(text, toks, m.i, m.j)
                if in_name and self.config.name_ratio <= 0:
                    continue  # "Asian Nations", "Power Ministry": part of a proper name
                if m.entry.tier != "t1" and self.config.acronyms and _acronym(text, toks, m):
                    continue  # "AR devices": an acronym, not a spun word
                prev_i, next_i = m.i - 1, m.j
                raw_prev, nxt = neighbour_keys(toks, m)
                prev, nxt = _as_restored(m, raw_prev, nxt, restored_first, restored_last)
                if in_name and m.j - m.i == 1:
                    if name_words is None:  # the T1 round is done by now
                        name_words = _restored_name_words(text, toks, a.matches, applied)
                    carried = self._name_word(m, name_words, a.score, prev, nxt)
                    if carried is not None:
                        applied[k] = carried
                        restored_first[m.i] = restored_last[m.j - 1] = carried[0]
                        continue
                quotes = (
                    m.i > 0 and _quote_gap(text[toks[prev_i].end : toks[m.i].start]),
                    next_i < n and _quote_gap(text[toks[m.j - 1].end : toks[next_i].start]),
                )
                article = self._article_trace(toks, m) if self.config.article_trace else None
                decision = self._decide(
                    m,
                    prev,
                    nxt,
                    a.score,
                    quotes,
                    doc_counts.get(m.entry.spun),
                    margin_factor,
                    raw_prev,
                    doc_words,
                    in_name,
                    article,
                )
                if in_name and (decision is None or not self._spun_name(decision[1])):
                    # "Asian Nations", "Power Ministry": a name as written, unless it is
                    # the spinner's rewrite of a recurring name or the document writes the
                    # restored name itself ("Home Republicans" beside "House Republicans");
                    # the name_odds way goes first, the restored name written elsewhere
                    # before the name_repeat way
                    recurs = self._recurring_name(
                        text,
                        toks,
                        m,
                        decision,
                        names,
                        a.score,
                        prev,
                        nxt,
                        doc_counts.get(m.entry.spun),
                    )
                    if recurs is None or recurs[1]["name_way"] not in ("name_odds", "name_single"):
                        written = self._name_written(text, toks, m, a.score, prev, nxt)
                        recurs = written if written is not None else recurs
                    decision = recurs
                if decision is None:
                    continue
                if (
                    m.entry.tier != "t1"
                    and decision[0].lower() in own.get(m.entry.spun, ())
                    and self._learned_original(m.entry, decision[0])
                    and not decision[1].get("vouched")
                ):
                    continue  # the document writes the form as its own word elsewhere
                applied[k] = decision
                words = decision[0].split(" ")
                restored_first[m.i] = words[0]
                restored_last[m.j - 1] = words[-1]
        if (
            self.config.redecide
            and self.tables.redecide is not None
            and not sense_doc
            and not a.markers_only
            and not a.short_markers
            and confirmed
        ):
            left = self._left_rows(text, a, applied, restored_first, restored_last, doc_counts, own)
            self._redecide(a, applied, left)
        if self.config.consistency:
            self._consistent(text, a, applied, doc_counts, own)
        covered = {i for k in applied for i in range(a.matches[k].i, a.matches[k].j)}
        changes: list[Change] = []
        for i, t in enumerate(toks):
            fixed = (
                _repaired_decimal(text[t.start : t.end])
                if "." in t.key and i not in covered
                else None
            )
            if fixed is not None:
                ev = {"tier": "t1", "spin_score": round(a.score, 3)}
                changes.append(Change(t.start, t.end, fixed, DECIMAL_RULE, ev))
        for k in sorted(applied):
            m, (original, ev) = a.matches[k], applied[k]
            src = [text[t.start : t.end] for t in toks[m.i : m.j]]
            neighbours = [toks[x] for x in (m.i - 1, m.j) if 0 <= x < n]
            shouting = any(
                text[t.start : t.end].isupper() and t.end - t.start > 1 for t in neighbours
            )
            after = restore_case(src, original, shouting=shouting)
            start = toks[m.i].start
            if self.config.fix_articles and m.i > 0 and toks[m.i].joined:
                art = toks[m.i - 1]
                if art.key in ("a", "an") and (m.i - 1) not in covered:
                    want = self._article(original)
                    if art.key == self._article(m.entry.spun) and art.key != want:
                        old = text[art.start : art.end]
                        new = want if old.islower() else want.capitalize()
                        if old.isupper() and len(old) > 1:
                            new = want.upper()
                        after = new + text[art.end : start] + after
                        start = art.start
                        ev = {**ev, "article": f"{art.key}->{want}"}
            changes.append(Change(start, toks[m.j - 1].end, after, m.entry.id, ev))
        split = split_contractions(text)
        if len(split) >= RESIDUE_MIN:
            # a flagged text whose tokens a spinner joined back with spaces: the
            # contractions it split off are joined again ("would n't" -> "wouldn't")
            taken = [(c.start, c.end) for c in changes]
            ev = {"tier": "t1", "split_contractions": len(split)}
            joins = [
                Change(start, end, unglued(joined), RESIDUE_RULE, ev)
                for start, end, joined in split
                if not any(s < end and start < e for s, e in taken)
            ]
            changes = sorted([*changes, *joins], key=lambda c: c.start)
        if len(split) >= RESIDUE_MIN or sense_doc:
            # the same tokenizer split hyphenated words at their hyphens ("mixed -
            # reality"): joined again, with any word restored beside the hyphen
            gaps = split_hyphens(text)
            if gaps:
                changes = _join_hyphens(text, changes, gaps)
        if a.markers:
            # a marker's repair (its family vouched for, its case read from the sentence)
            # wins over a table match on the same words
            marked = spin_markers.changes(
                text, a.markers, [], a.score, a.markers_only, a.short_markers
            )
            found = [Change(*c) for c in marked]
            changes = [
                c for c in changes if not any(f.start < c.end and c.start < f.end for f in found)
            ]
            changes = sorted([*changes, *found], key=lambda c: c.start)
        return changes

    def _left_rows(
        self,
        text: str,
        a: Analysis,
        applied: dict[int, tuple[str, dict[str, Any]]],
        restored_first: dict[int, str],
        restored_last: dict[int, str],
        doc_counts: dict[str, dict[str, tuple[int, int]]],
        own: dict[str, set[str]],
    ) -> list[tuple[int, str, dict[str, Any], dict[str, float]]]:
        """``(match index, likeliest original, its evidence, features)`` of each T2/T3
        match the rules left that a second look may restore, in order. Never weighed: a
        match inside a restored one, an acronym, a word inside a proper name, one a
        ``keep`` context rule holds, one whose neighbours favour the spun wording, one
        whose likeliest original the document writes as its own word or the real pairs
        kept after the word before it (:meth:`own_after`), one whose likeliest original
        disagrees with the article the spinner left before it (:meth:`_article_trace`)."""
        toks = a.tokens
        covered = {i for k in applied for i in range(a.matches[k].i, a.matches[k].j)}
        rows: list[tuple[int, str, dict[str, Any], dict[str, float]]] = []
        for k, m in enumerate(a.matches):
            if k in applied or m.entry.tier == "t1":
                continue
            if any(i in covered for i in range(m.i, m.j)) or _acronym(text, toks, m):
                continue
            if _match_in_name(text, toks, m.i, m.j):
                continue
            raw_prev, nxt = neighbour_keys(toks, m)
            prev, nxt = _as_restored(m, raw_prev, nxt, restored_first, restored_last)
            counts = doc_counts.get(m.entry.spun) or {}
            weighed = sorted(
                (
                    (alt, *self._weigh(m.entry, alt, prev, nxt, counts.get(alt)))
                    for alt in self._candidates(m.entry)
                ),
                key=lambda w: -w[2],
            )
            if not weighed:
                continue
            best, eligible, odds, ev = weighed[0]
            if (
                best.lower() in own.get(m.entry.spun, ())
                or float(ev.get("bigram_ratio", 1.0)) < 1.0
            ):
                continue
            rule = self._context(m.entry, prev, nxt)
            if rule is not None and rule[0] == "keep":
                continue
            if self.own_after(m.entry.spun, raw_prev, best):
                continue
            trace = self._article_trace(toks, m) if self.config.article_trace else None
            if trace is not None and self._article(best) != trace:
                continue
            x = redecide_features(
                m.entry.tier,
                odds,
                weighed[1][2] if len(weighed) > 1 else None,
                ev,
                eligible,
                len(weighed),
                text[toks[m.i].start : toks[m.i].start + 1].isupper(),
                m.j - m.i,
            )
            rows.append((k, best, ev, x))
        return rows

    def _redecide(
        self,
        a: Analysis,
        applied: dict[int, tuple[str, dict[str, Any]]],
        rows: list[tuple[int, str, dict[str, Any], dict[str, float]]],
    ) -> None:
        """Restore the left matches (``rows``, :meth:`_left_rows`) the learned second look
        favours (``redecide.py``), in ``applied``, each with its margin in the evidence
        (``redecide``)."""
        model = self.tables.redecide
        assert model is not None
        taken: set[int] = set()  # (the rows lie outside every match ``applied`` held before)
        for k, best, ev, x in rows:
            m = a.matches[k]
            if any(i in taken for i in range(m.i, m.j)):
                continue
            margin = model.margin(x)
            if margin <= model.threshold:
                continue
            applied[k] = (
                best,
                {
                    "tier": m.entry.tier,
                    "spin_score": round(a.score, 3),
                    **ev,
                    "redecide": round(margin, 3),
                },
            )
            taken.update(range(m.i, m.j))

    def _confirmed(self, a: Analysis) -> bool:
        """The document shows the thesaurus spinner's own hand: at least
        ``confirm_min_t1`` distinct T1 entries (forms nobody else writes: "yr",
        "historical past", "Tremendous Bowl") or fingerprints matched. A document flagged
        on ambiguous matches alone may come from another spinner, whose swaps the T2
        entries do not describe, so its T2/T3 matches need ``unconfirmed_factor`` times
        the odds."""
        need = self.config.confirm_min_t1
        if need <= 0:
            return True
        seen = {m.entry.spun for m in a.matches if m.entry.tier == "t1"}
        seen -= self.lemmas
        seen.update(fp.id for _, fp in a.fingerprints)
        return len(seen) >= need

    def _sense_spun(self, a: Analysis) -> bool:
        """The document reads as a WordNet-sense spin: at least ``SENSE_MIN_DISTINCT``
        distinct entries of the WordNet-sense tables matched, and more of them than
        rarer-than-original entries of the other files."""
        if a.sense_flag:  # flagged on the WordNet-sense tables: repaired as such a spin
            return True
        sense = {m.entry.spun for m in a.matches if m.entry.spun in self.sense}
        other = {
            m.entry.spun
            for m in a.matches
            if m.entry.spun in self.breadth and m.entry.spun not in self.sense
        }
        return len(sense) >= SENSE_MIN_DISTINCT and len(sense) > len(other)

    def _name_written(
        self,
        text: str,
        toks: Sequence[Token],
        m: Match,
        score: float,
        prev: str | None = None,
        nxt: str | None = None,
    ) -> tuple[str, dict[str, Any]] | None:
        """``(original, evidence)`` when match ``m``, inside a capitalised name, restored
        to one of its originals with its capitalised neighbour words gives a name the
        document writes elsewhere ("Oklahoma Metropolis Thunder" → "Oklahoma City Thunder"
        where "Oklahoma City Thunder" stands in the text), else None. A spinner rewrites a
        name at some of its occurrences only, so the unspun name in the same document
        settles it."""
        if not self.config.name_elsewhere or m.entry.tier not in self.config.tiers:
            return None
        ctx = self._context(m.entry, prev, nxt)
        if ctx is not None and ctx[0] == "keep":
            return None  # a keep context rule wins, as everywhere
        n = len(toks)
        left = m.i - 1 if m.i > 0 and toks[m.i].joined else None
        right = m.j if m.j < n and toks[m.j].joined else None

        def capital(i: int | None) -> str:
            # a capitalised word mid-sentence ("The" opening a sentence says nothing)
            if i is None or not _inside_name(text, toks, i):
                return ""
            return text[toks[i].start : toks[i].end]

        before, after = capital(left), capital(right)
        if not before and not after:
            return None  # a lone capitalised word: "House" alone says nothing
        src = [text[t.start : t.end] for t in toks[m.i : m.j]]
        found = [
            alt
            for alt in m.entry.alternatives
            if _name_elsewhere(
                text, " ".join(w for w in (before, restore_case(src, alt), after) if w)
            )
        ]
        if len(found) != 1:
            return None
        ev = {"tier": m.entry.tier, "spin_score": round(score, 3), "name_elsewhere": True}
        return found[0], ev

    def _name_word(
        self,
        m: Match,
        name_words: Mapping[str, str],
        score: float,
        prev: str | None,
        nxt: str | None,
    ) -> tuple[str, dict[str, Any]] | None:
        """``(original, evidence)`` for a one-word T2/T3 match written with a capital in
        mid-sentence (the caller's ``in_name``) whose spun word a restored T1 name of the
        document spells out (:func:`_restored_name_words`), when that name's word is one
        of the entry's originals and no keep context rule holds: the spinner writes a
        product's name alike where it stands alone ("the Floor" beside "Floor
        Professional", restored "Surface Pro", is the Surface, not the ground), else None."""
        word = name_words.get(m.entry.spun)
        if word is None or word.lower() not in {alt.lower() for alt in m.entry.alternatives}:
            return None
        ctx = self._context(m.entry, prev, nxt)
        if ctx is not None and ctx[0] == "keep":
            return None  # a keep context rule wins, as everywhere
        return word, {"tier": m.entry.tier, "spin_score": round(score, 3), "name_word": True}

    def _spun_name_counts(self, text: str, a: Analysis) -> Counter[str] | None:
        """How often each T2/T3 spun form stands, as written, inside a capitalised name
        ("Pink" in "Pink Lobster"), or None when the document holds fewer than
        ``NAME_REPEAT_T1`` distinct T1 forms of the thesaurus spinner (the WordNet
        lemmas left out): only that spinner's determinism says a recurring name is its
        rewrite of every occurrence. The ``name_repeat`` way into
        :meth:`_recurring_name` reads these counts."""
        t1 = {m.entry.spun for m in a.matches if m.entry.tier == "t1"} - self.lemmas
        if len(t1) < NAME_REPEAT_T1:
            return None
        toks = a.tokens
        return Counter(
            text[toks[m.i].start : toks[m.j - 1].end]
            for m in a.matches
            if m.entry.tier != "t1" and _match_in_name(text, toks, m.i, m.j)
        )

    def _recurring_name(
        self,
        text: str,
        toks: Sequence[Token],
        m: Match,
        decision: tuple[str, dict[str, Any]] | None,
        names: Counter[str] | None,
        score: float,
        prev: str | None,
        nxt: str | None,
        doc: dict[str, tuple[int, int]] | None,
    ) -> tuple[str, dict[str, Any]] | None:
        """``(original, evidence)`` for a T2/T3 match inside a capitalised name that the
        neighbours cannot settle (``name_ratio``) when the name recurs, else None: the
        spinner rewrites a name the same way at every occurrence ("Pink Sox" throughout a
        baseball story, "Pink Lobster" six times and *red* never), so a recurring spun
        name is its rewrite. Two ways in, tried in this order:

        - ``name_odds``: the usual ``decision`` (neighbours, prior, the real pairs'
          reliability), made without a context rule, has odds of at least ``name_odds``,
          and the name's words, as written, stand capitalised in mid-sentence at least
          once more in the text;
        - ``name_repeat``: in a document of the thesaurus spinner (``names``, the written
          forms of its names, counted only with ``NAME_REPEAT_T1`` distinct T1 forms),
          the written form stands in names at least ``name_repeat`` times, the
          likeliest original (by the usual odds) occurs nowhere in the text (one inside
          the spun form itself, "games" in "Video games", does not count), the
          neighbours do not favour the spun wording, and the odds reach ``t2_margin``
          and beat the runner-up original by ``alternative_margin``; a ``keep`` context
          rule wins.

        Between the two, a name written once is restored when the usual ``decision``
        (without a context rule) reaches ``name_single_odds``: the real pairs' spinners
        rewrite such names ("Invoice Belichick", "New York Metropolis") and no genuine
        name's word reaches those odds there; a name written once on lower odds ("the
        Different Nations Forum") stays as written. The evidence says, in ``name_way``,
        which way applied (``"name_odds"``, ``"name_single"`` or ``"name_repeat"``) and,
        for the two recurring ways, ``name_recurs: true``."""
        cfg = self.config
        e = m.entry
        width = m.j - m.i
        if decision is not None and _odds_reach(decision, cfg.name_odds):
            words = [text[t.start : t.end] for t in toks[m.i : m.j]]
            if any(
                toks[k].key == toks[m.i].key
                and not m.i - width < k < m.j
                and [text[t.start : t.end] for t in toks[k : k + width]] == words
                and _match_in_name(text, toks, k, k + width)
                for k in range(len(toks) - width + 1)
            ):
                return decision[0], {**decision[1], "name_recurs": True, "name_way": "name_odds"}
        if decision is not None and _odds_reach(decision, cfg.name_single_odds):
            # written once, but with odds a genuine name's word never reaches in a flagged
            # document ("Invoice Belichick", "New York Metropolis")
            return decision[0], {**decision[1], "name_way": "name_single"}
        written = text[toks[m.i].start : toks[m.j - 1].end]
        if not names or doc is None or names[written] < cfg.name_repeat:
            return None
        ctx = self._context(e, prev, nxt)
        if ctx is not None and ctx[0] == "keep":
            return None
        weighed = sorted(
            ((alt, *self._weigh(e, alt, prev, nxt, doc.get(alt))) for alt in e.alternatives),
            key=lambda w: -w[2],
        )
        best, _ok, odds, ev = weighed[0]
        n_orig, n_spun = doc.get(best, (1, 0))
        # an original inside the spun form itself ("games" in "Video games") is not written
        n_orig -= n_spun * f" {e.spun} ".count(f" {best.lower()} ")
        if n_orig != 0 or ev["bigram_ratio"] < 1.0 or odds < cfg.t2_margin:
            return None
        if len(weighed) > 1 and odds < cfg.alternative_margin * weighed[1][2]:
            return None
        out = {"tier": e.tier, "spin_score": round(score, 3), "name_recurs": True, **ev}
        return best, {**out, "name_way": "name_repeat"}

    def _spun_name(self, ev: dict[str, Any]) -> bool:
        """A T2 match inside a capitalised name ("Kansas Metropolis Chiefs") is a spun
        part of the name only when the neighbour words favour the original by at least
        ``name_ratio`` ("kansas city" against "kansas metropolis"); a context rule or
        the prior alone never decides it."""
        if "vouched" in ev:  # a recurring spun form the document vouches for (_vouched)
            return True
        return "context" not in ev and float(ev.get("bigram_ratio", 0.0)) >= self.config.name_ratio

    def _consistent(
        self,
        text: str,
        a: Analysis,
        applied: dict[int, tuple[str, dict[str, Any]]],
        doc_counts: dict[str, dict[str, tuple[int, int]]],
        own: Mapping[str, set[str]] | None = None,
    ) -> None:
        """Document-wide consistency (adds to ``applied``): a T2 or T3 spun form restored
        to ``orig`` with full evidence somewhere in the document is restored to ``orig`` at
        its other matches too, where ``orig`` is still the likeliest original and the
        neighbours do not favour the spun wording (bigram ratio at least 1: silent
        neighbours are enough). A ``keep`` context rule and a capitalised word in
        mid-sentence still leave the match alone; a spun form that two places restored to
        different originals is left as decided, and so is a form the document writes as
        its own word against ``orig`` elsewhere (``own``, :meth:`_own_words`)."""
        chosen: dict[str, set[str]] = {}
        strong = self.config.consistency_margin * self.config.t2_margin
        for k, (orig, ev) in applied.items():
            if a.matches[k].entry.tier in ("t2", "t3") and (
                "context" in ev or ev.get("odds", 0) >= strong
            ):
                chosen.setdefault(a.matches[k].entry.spun, set()).add(orig)
        toks = a.tokens
        for k, m in enumerate(a.matches):
            e = m.entry
            origs = chosen.get(e.spun)
            if k in applied or origs is None or len(origs) != 1:
                continue
            if any(
                a.matches[j].i < m.j and m.i < a.matches[j].j for j in applied
            ) or _match_in_name(text, toks, m.i, m.j):
                continue
            prev, nxt = neighbour_keys(toks, m)
            ctx = self._context(e, prev, nxt)
            if ctx is not None and ctx[0] == "keep":
                continue
            (orig,) = origs
            if own and orig.lower() in own.get(e.spun, ()):
                continue  # "Virtual reality" elsewhere: not every match is the spinner's
            trace = self._article_trace(toks, m) if self.config.article_trace else None
            if trace is not None and self._article(orig.lower()) != trace:
                continue  # "an massive": the spinner's article rules the original out
            counts = doc_counts.get(e.spun, {})
            weighed = {
                alt: self._weigh(e, alt, prev, nxt, counts.get(alt)) for alt in self._candidates(e)
            }
            _ok, odds, ev = weighed[orig]
            if ev["bigram_ratio"] < 1.0 or any(o[1] > odds for o in weighed.values()):
                continue
            if self.own_after(e.spun, prev, orig):
                continue
            applied[k] = (
                orig,
                {"tier": e.tier, "spin_score": round(a.score, 3), "consistency": True, **ev},
            )

    def fast_scores(self, text: str) -> dict[str, float | int | bool] | None:
        """``analyse(text).scores()`` when this stage does not flag ``text``, from one
        automaton pass (:mod:`textclean.stages.despin.fastscore`); None when the full
        analysis must decide (the text is flagged, or might be, also on its markers).

        A text where weighing markers may stand that could flag it with the fast
        scores' support and evidence (:func:`~.markers.screen_weight` bounds their
        weight, :func:`~.markers.flags_at` applies the rule to the bound) has its
        markers found as :meth:`analyse` finds them: when they do not flag it with the
        fast scores' support and evidence (:func:`~.markers.flags`, the rule
        :meth:`analyse` applies), it is not flagged and the fast scores are its scores.
        """
        if not self._fast:
            from textclean.stages.despin.fastscore import FastScorer

            self._fast.append(FastScorer(self))
        found = self._fast[0].screened(text)
        if found is None:
            return None
        fast, bound, prev_bound = found
        if (
            self.config.markers
            and self.marker_index is not None
            # the screen's bound on the markers' weight (a margin for the order of the
            # sums) must flag with the fast scores before the markers are looked for
            and spin_markers.flags_at(
                (spin_markers.screen_weight(text, self.marker_index) if bound is None else bound)
                + 1e-6,
                fast.distinct,
                fast.evidence,
                fast.evidence_distinct,
            )
            # and so must the tighter bound that asks for a listed previous word
            and spin_markers.flags_at(
                (
                    spin_markers.screen_weight_with_prev(text, self.marker_index)
                    if prev_bound is None
                    else prev_bound
                )
                + 1e-6,
                fast.distinct,
                fast.evidence,
                fast.evidence_distinct,
            )
        ):
            hits = spin_markers.find(text, self.marker_index)
            if hits and spin_markers.flags(
                hits, fast.distinct, fast.evidence, fast.evidence_distinct
            ):
                return None  # the markers may flag it: the full analysis decides
        if (
            self.config.markers
            and self.marker_index is not None
            and fast.words < self.config.short_markers_words
            and spin_markers.may_short_flag(text, self.marker_index)
            and spin_markers.short_flags(
                spin_markers.find(text, self.marker_index),
                fast.words,
                self.config.short_markers_words,
            )
        ):
            return None  # two markers in a short text may flag it: the full analysis decides
        if (
            self.config.markers
            and self.config.hedged_lead
            and fast.words < self.config.short_markers_words
            and spin_lead.find(text)
        ):
            return None  # a hedged definition lead flags a short text: the full analysis decides
        return fast.scores()

    def __call__(self, doc: Document) -> Document:
        if self.config.mode == "off":
            return doc
        skip = english_only_skip(doc, self.language)
        if skip is not None:  # English tables and frequencies: say why nothing was looked at
            doc.scores["despin.skipped"] = skip
            return doc
        fast = self.fast_scores(doc.text)
        if fast is not None:  # not flagged: its scores are all there is to say
            doc.scores.update(fast)
            return doc
        a = self.analyse(doc.text)
        doc.scores.update(a.scores())
        if self.config.mode == "repair" and a.spun:
            doc.replace_spans(NAME, self.repair(doc.text, a))
        return doc


def build(config: Config, rules: RulePack | None) -> DespinStage:
    """The despin stage for ``config``, reading the spin tables of ``rules``."""
    tables = load_tables(rules if rules is not None else RulePack.load(config.rules))
    return dataclasses.replace(
        DespinStage.from_tables(config.despin, tables), language=config.language
    )


def build_from_tables(config: DespinConfig, tables: SpinTables) -> DespinStage:
    """A stage over given tables (used by the measurement harness for leave-one-out)."""
    return DespinStage.from_tables(config, tables)


__all__: Sequence[str] = ("Analysis", "DespinStage", "build", "build_from_tables")
