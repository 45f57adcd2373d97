"""Run configuration: TOML → frozen dataclasses. Every default lives here.

A config file has one table per section; unknown keys are errors, so a typo
never silently does nothing::

    stages = ["repair", "normalize"]

    [normalize]
    fold_quotes = true

>>> cfg = Config.from_dict({"normalize": {"fold_quotes": True}})
>>> cfg.normalize.fold_quotes, cfg.repair.uncurl_quotes
(True, False)
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
import textwrap
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: The order stages always run in; a config may leave stages out, never reorder.
STAGE_ORDER: tuple[str, ...] = (
    "repair",
    "boilerplate",
    "despin",
    "repeats",
    "normalize",
    "quality",
)
#: The quality signal families (``rules/quality/*.toml`` holds one table for each).
QUALITY_FAMILIES: tuple[str, ...] = ("c4", "gopher_quality", "gopher_repetition", "fineweb")


T = TypeVar("T")


class ConfigError(ValueError):
    """A configuration problem the user must fix (CLI exit code 2)."""


def _doc(default: T, doc: str) -> T:
    """A config field with its default and a one-line description.

    The description is the comment ``textclean config --default`` prints above
    the key, so the printed default config is generated from these dataclasses.
    """
    return field(default=default, metadata={"doc": doc})  # type: ignore[no-any-return]


def _check_fractions(section: Any, *names: str, prefix: str = "") -> None:
    """Each named field must be in (0, 1] (a similarity threshold)."""
    for name in names:
        value = getattr(section, name)
        if not 0.0 < value <= 1.0:
            raise ConfigError(f"{prefix}{name} must be in (0, 1], got {value}")


def _check_positive(section: Any, *names: str, prefix: str = "") -> None:
    """Each named field must be at least 1 (a count or size)."""
    for name in names:
        value = getattr(section, name)
        if value < 1:
            raise ConfigError(f"{prefix}{name} must be at least 1, got {value}")


@dataclass(frozen=True)
class RepairConfig:
    """ftfy's repairs a data pipeline wants; its cosmetic fixes are off by default."""

    fix_encoding: bool = _doc(
        True,
        "undo mojibake (UTF-8 read as Latin-1/Windows-1252 and similar)",
    )
    restore_byte_a0: bool = _doc(
        True,
        "in mojibake, read a space as the lost byte 0xA0 where that makes it decode",
    )
    replace_lossy_sequences: bool = _doc(
        True,
        "replace mojibake sequences that cannot be fully undone with U+FFFD",
    )
    decode_inconsistent_utf8: bool = _doc(True, "fix mojibake mixed into otherwise correct text")
    fix_c1_controls: bool = _doc(
        True,
        "read C1 control characters as the Windows-1252 characters they stand for",
    )
    unescape_html: bool = _doc(True, "decode HTML entities such as &amp;")
    remove_terminal_escapes: bool = _doc(True, "remove ANSI terminal escape sequences")
    fix_surrogates: bool = _doc(
        True,
        "replace UTF-16 surrogate pairs with the characters they encode",
    )
    remove_control_chars: bool = _doc(
        True,
        "remove control characters and invisible formatting (not tabs or line ends)",
    )
    normalization: str = _doc(
        "NFC",
        'Unicode normalization form: "NFC", "NFKC", "NFD", "NFKD" or "none"',
    )
    uncurl_quotes: bool = _doc(
        False,
        "cosmetic: curly quotes to straight ones (off unless asked for)",
    )
    fix_latin_ligatures: bool = _doc(False, "cosmetic: ligatures such as ﬁ to their letters")
    fix_character_width: bool = _doc(
        False,
        "cosmetic: full-width and half-width forms to their usual width",
    )

    def __post_init__(self) -> None:
        forms = ("NFC", "NFKC", "NFD", "NFKD", "none")
        if self.normalization not in forms and self.normalization.lower() != "none":
            raise ConfigError(
                f"repair.normalization must be one of {', '.join(forms)}, "
                f"not {self.normalization!r}"
            )


@dataclass(frozen=True)
class BoilerplateConfig:
    """Page-chrome removal (see rules/boilerplate/).

    ``disable``/``enable`` take rule ids or id prefixes ending in ``.``
    (``"boilerplate.cta."``); ``enable`` switches on rules shipped with
    ``enabled = false``: bylines, datelines, photo credits, and the rules that lost
    article lines on sites no rule had seen (the masthead, top labels, chrome runs,
    stutters, teaser runs; docs/boilerplate.md, "Rules shipped off").
    """

    disable: tuple[str, ...] = _doc(
        (),
        'rule ids, or id prefixes ending in "." ("boilerplate.cta."), to switch off',
    )
    enable: tuple[str, ...] = _doc(
        (),
        "rule ids or prefixes to switch on, e.g. rules shipped disabled (bylines, datelines, "
        "photo credits, the masthead and the other rules listed as shipped off)",
    )
    header_lines: int = _doc(12, "the header zone: at most this many non-blank lines at the top")
    footer_lines: int = _doc(15, "the footer zone: at most this many non-blank lines at the end")
    prose_min_words: int = _doc(10, "a line this long ending a sentence is content (ends zones)")
    regex_timeout: float = _doc(0.1, "seconds per regex match; a rule that times out is skipped")
    exclude_learned_from: tuple[str, ...] = _doc(
        (),
        "leave out the rules whose `learned_from` names one of these sites (cross-validation "
        "by site in bench/boilerplate/measure.py; empty in normal use)",
    )

    def __post_init__(self) -> None:
        if self.regex_timeout <= 0:
            raise ConfigError("regex_timeout must be positive")
        if min(self.header_lines, self.footer_lines, self.prose_min_words) < 0:
            raise ConfigError("header_lines, footer_lines and prose_min_words must be >= 0")


@dataclass(frozen=True)
class DespinConfig:
    """Detection and repair of synonym-spun text (see rules/spin/)."""

    mode: str = _doc("repair", '"off", "detect" (score only) or "repair"')
    threshold: float = _doc(
        30.0,
        "flag a document when spin_score (weighted hits per 1000 words) reaches this and "
        "min_distinct holds; clean prose stays below ~18, spun pairs score 50+ "
        "(bench/despin/measure.py)",
    )
    min_distinct: int = _doc(
        6,
        "distinct fingerprints + distinct rarer-than-original table entries",
    )
    max_hits_per_entry: int = _doc(3, "repeats of one entry/fingerprint counted at most this often")
    rarer_margin: float = _doc(
        1.0,
        "a table hit counts for breadth if zipf(spun) <= zipf(orig) - this",
    )
    score_min_words: int = _doc(150, "shorter texts are scored as if this long (no flukes)")
    breadth_weight: float = _doc(1.0, "weight of one breadth hit (fingerprints carry their own)")
    min_english_share: float = _doc(0.8, "English / (English + foreign) common-word tokens")
    tiers: tuple[str, ...] = _doc(
        ("t1", "t2", "t3"),
        "reverse-table tiers that may be applied in a flagged document; t2 needs evidence, t3 "
        "strong evidence (t3_margin)",
    )
    t2_margin: float = _doc(
        7.5,
        "a T2 edit needs bigram ratio original:spun > 1 and ratio * prior >= this (chosen on "
        "half the evaluation pairs, checked on the other half)",
    )
    t2_prior_weight: float = _doc(
        0.75,
        "prior = (freq(original) / freq(spun)) ** this, in the T2 decision",
    )
    doc_absent_bonus: float = _doc(
        2.0,
        "document evidence: a T2 match whose original appears nowhere in the text gains this "
        "per occurrence of its spun form (at most two) and may go ahead on silent neighbours; 1"
        " turns it off",
    )
    phrase_rarer_margin: float = _doc(
        0.5,
        "a spun phrase gets the document evidence when it is at least this much rarer (log10, "
        "bigram-chain estimate) than its original; single words use rarer_margin",
    )
    swap_bonus: float = _doc(
        3.0,
        "odds x this for a T2/T3 match whose spun form is itself a word the spinner rewrites; 1"
        " turns it off",
    )
    alternative_margin: float = _doc(
        2.0,
        "a spun form with several originals is restored only if the best original's odds are "
        "this many times the runner-up's",
    )
    article_trace: bool = _doc(
        True,
        "in a flagged document, an 'a'/'an' before a table match that does not agree with"
        " the spun word ('an train') is the spinner's trace: only the originals that agree"
        " with it are weighed, one of them is restored as surely as a T1 form ('an"
        " exercise'), and with none agreeing a T2/T3 match stays",
    )
    context_alternative: bool = _doc(
        True,
        "a T2/T3 match restored on its usual or its strong odds (not vouched_learned or a"
        " context rule; the name_odds way builds on this decision, so it is checked too)"
        " is left alone when the neighbour words favour"
        " another of its originals over the likeliest by alternative_margin: the frequency"
        " prior and the learned reliability chose against the context ('fairly good' stays"
        " rather than 'quite good' when 'pretty' fits better; 'govt spending' stays rather"
        " than 'executive spending', however strong the learned odds of 'executive')",
    )
    doubt_learned: bool = _doc(
        True,
        "a T2/T3 original that only the real pairs teach (every source 'real:...') is not"
        " restored on odds where its learned reliability is below the typical entry's"
        " (learned factor < 1): the other pairs show the mined mapping as the writer's own"
        " word or another original more often than not ('represents' for is)",
    )
    silent_choice: bool = _doc(
        True,
        "a T2/T3 match with several originals and neighbours the bigram list does not know"
        " (ratio 1) is left alone on its usual odds when the real pairs show the likeliest"
        " original less reliable than the typical entry's (learned factor < 1): nothing"
        " then supports the choice between them ('occasions' for times or events)",
    )
    silent_margin: float = _doc(
        20.0,
        "when the bigram list knows neither neighbour, a T2 match may go ahead on the frequency"
        " prior (x swap_bonus) alone if it reaches this",
    )
    fix_articles: bool = _doc(True, '"a" ↔ "an" before a restored word')
    consistency: bool = _doc(
        True,
        "in a flagged document, a T2 spun form restored with full evidence in one place is "
        "restored to the same original wherever else the neighbours do not favour the spun "
        "wording (the spinner is deterministic); a keep context rule still wins",
    )
    silent_repeat: int = _doc(
        2,
        "in a flagged document, a T2/T3 match with silent neighbours may count the learned"
        " reliability factor's boost (not only its lowering), and a T3 match may go ahead"
        " at t3_margin, when its original is nowhere in the text and its spun form occurs"
        " at least this often (the spinner rewrote every occurrence: 'goal' for target"
        " eight times); 0 turns it off",
    )
    name_repeat: int = _doc(
        2,
        "a spun word inside a recurring capitalised name that the neighbours cannot settle"
        " is restored (one rule, two ways in; this is the second, name_odds the first): in"
        " a flagged document that shows the thesaurus spinner's own forms (three distinct"
        " T1 entries), when the same capitalised form stands in names at least this often"
        " and its original nowhere in the text ('Pink Lobster' six times, never 'red');"
        " 0 closes this way in (the other stays open)",
    )
    t3_margin: float = _doc(
        1000.0,
        "a T3 match (when tiers names t3) needs neighbours in favour and odds of at least this",
    )
    t3_favoured_ratio: float = _doc(
        3.0,
        "a T3 match whose neighbours favour the original at least this many times over the"
        " spun wording ('came again' against 'came back') needs only t3_favoured_margin"
        " instead of t3_margin; 0 turns this off, otherwise above 1",
    )
    t3_favoured_margin: float = _doc(
        300.0,
        "the odds a T3 match needs when its neighbours favour the original by"
        " t3_favoured_ratio (times the document's margin factor)",
    )
    own_word_ratio: float = _doc(
        10.0,
        "in a flagged document, a T2/T3 spun form written somewhere with a neighbour"
        " that the bigram list knows with it, and with the original at least this many"
        " times less ('Virtual reality' against 'virtual fact'), is the writer's own word"
        " there: the document restores it to that original nowhere (by consistency or on"
        " its usual odds) unless it vouches for the original itself; 0 turns this off,"
        " otherwise at least 1",
    )
    name_ratio: float = _doc(
        30.0,
        "a T2 match on a capitalised word in mid-sentence (part of a name) is restored only "
        "when its neighbours favour the original by this bigram likelihood ratio ('Kansas "
        "Metropolis' -> 'Kansas City'); 0 leaves every such match alone",
    )
    name_odds: float = _doc(
        100.0,
        "a spun word inside a recurring capitalised name that the neighbours cannot settle"
        " is restored (one rule, two ways in; this is the first, name_repeat the second): in"
        " a flagged document, when its full odds (neighbours, prior, learned reliability)"
        " reach this and its words stand capitalised in mid-sentence elsewhere in the text"
        " too ('Dwelling Depot' -> 'Home Depot'); 0 closes this way in (the other stays open)",
    )
    name_single_odds: float = _doc(
        0.0,
        "in a flagged document, a spun word inside a capitalised name written only once is"
        " restored when its full odds (neighbours, prior, learned reliability) reach this"
        " without a context rule ('Invoice Belichick' -> 'Bill Belichick'): the names a"
        " spinner rewrites once are nearly all spun; 0 turns it off",
    )
    strong_odds: float = _doc(
        1000.0,
        "in a flagged document, a T2/T3 match goes ahead on odds of at least this (learned"
        " reliability included) when its neighbours are silent or favour the spun wording by"
        " less than strong_min_ratio; 0 turns it off",
    )
    strong_min_ratio: float = _doc(
        0.5,
        "the lowest neighbour ratio original:spun a strong_odds match may have",
    )
    vouched_learned: float = _doc(
        30.0,
        "in a flagged document, a T2/T3 spun form that occurs at least vouched_repeat times,"
        " whose likeliest original is nowhere in the text and has a learned reliability"
        " factor (rules/spin/outcomes.tsv) of at least this, goes ahead on odds of"
        " consistency_margin x t2_margin whatever its neighbours say ('Goal' for target"
        " eight times, 'strikes' for moves); also inside a name; 0 turns it off",
    )
    vouched_any_learned: float = _doc(
        0.0,
        "a vouched spun form (vouched_learned) whose learned reliability factor reaches this"
        " goes ahead outside names too where the neighbours are ordinary words the bigram list"
        " does not pair with either form, or lean towards the spun wording down to"
        " vouched_min_ratio ('special strikes' -> 'special moves'); 0 (default) turns it"
        " off: at 100 it took the trap 'the proper use of force stays different' (learned"
        " factor 137)",
    )
    vouched_min_ratio: float = _doc(
        1.0,
        "the lowest neighbour ratio original:spun a vouched_any_learned match may have (1:"
        " silent ordinary neighbours, 'special strikes'; 0.25 also took 'business groups' ->"
        " 'business teams' in the development pairs)",
    )
    vouched_repeat: int = _doc(
        2,
        "how often a spun form must occur in the text for vouched_learned to apply",
    )
    acronyms: bool = _doc(
        True,
        "leave a T2/T3 match written in capitals (two letters or more) alone unless a"
        " neighbour word is in capitals too (a shouted headline): 'AR' is an acronym",
    )
    name_elsewhere: bool = _doc(
        True,
        "in a flagged document, a spun word inside a capitalised name is restored when the "
        "restored name (with its capitalised neighbour words) stands elsewhere in the text",
    )
    consistency_margin: float = _doc(
        4.0,
        "the restoration that others follow under consistency must have odds of at least "
        "this times t2_margin (or a context rule)",
    )
    confirm_min_t1: int = _doc(
        1,
        "a flagged document whose matches hold fewer distinct T1 entries and fingerprints "
        "than this (the thesaurus spinner's unmistakable forms) has its T2/T3 margins "
        "multiplied by unconfirmed_factor (a WordNet-sense spin keeps its own margins); 0 "
        "turns it off. 1 (default): a document with not one such form gives no sign that "
        "the T2/T3 entries describe its spinner; 3 with factor 10 raised precision on the "
        "real pairs it was chosen on but not on 54 later ones (docs/despin.md)",
    )
    unconfirmed_factor: float = _doc(
        6.0, "margin factor for a flagged document that confirm_min_t1 does not confirm"
    )
    outcome_weight: float = _doc(
        4.0,
        "exponent of an original's learned reliability factor (rules/spin/outcomes.tsv: how"
        " often the real pairs' matches of the spun form stood for it, against the typical"
        " entry); 0 turns it off (4, up from 3 once batches 2-6 of the real pairs were"
        " learned: chosen on them, cross-validated, and confirmed on a later blind batch)",
    )
    outcome_smoothing: float = _doc(
        2.0,
        "pseudo-counts that shrink an entry's learned odds towards the typical entry's",
    )
    learned_alternatives: int = _doc(
        3,
        "also weigh as an original every word a spun form's matches stood for this many times"
        " in the real pairs (rules/spin/outcomes.tsv); 0 turns it off",
    )
    outcome_own_after: int = _doc(
        2,
        "leave a T2/T3 match alone when, after the same word, the real pairs' matches of its"
        " spun form were the original's own words at least this many times and more often"
        " than the chosen original (rules/spin/outcomes.tsv); 0 turns it off",
    )
    outcome_straddle: float = _doc(
        0.0,
        "how much a learned match that straddled a longer rewrite counts against an original"
        " (0: not at all; 0.5 and 1 lost right edits on the real pairs)",
    )
    evidence_threshold: float = _doc(
        20.0,
        "also flag a document when spin_evidence (the summed log10 likelihood ratio "
        "original:spun of its table matches in context, per 1000 words) reaches this and "
        "evidence_min_distinct holds (bench/despin/measure.py --real); 0 turns it off",
    )
    density_min_evidence: float = _doc(
        20.0,
        "a document flagged by spin_score alone must also reach this spin_evidence (the "
        "density of table hits fires on some technical prose whose wording the bigram "
        "statistics find ordinary, and on a human writer's rare words: a blind clean "
        "text of the real set scored 37.6 with evidence 19.3)",
    )
    evidence_min_distinct: int = _doc(
        5, "distinct table entries whose original is likelier than the spun form by the margin"
    )
    evidence_margin: float = _doc(
        1.0,
        "a match counts towards spin_evidence by how far its log10 ratio original:spun "
        "exceeds this (1: the original ten times likelier)",
    )
    evidence_clip: float = _doc(
        3.0, "one match counts at most this much (log10) towards spin_evidence"
    )
    short_breadth: bool = _doc(
        True,
        "also flag a text shorter than score_min_words when evidence_min_distinct entries "
        "carry evidence, whatever their sum (no clean text that short has five); false "
        "turns it off",
    )
    light_threshold: float = _doc(
        48.0,
        "also flag a document when its light evidence reaches this: over its distinct "
        "T1/T2 entries, how far the best match's log10 ratio original:spun exceeds "
        "light_margin, at most light_clip each, per 1000 words (score_min_words the "
        "floor); the many light swaps of the Spinbot-style, WordNet-sense and "
        "paraphrasing spinners (1.2 times the highest clean value, docs/despin.md); "
        "0 turns it off",
    )
    light_long_threshold: float = _doc(
        0.0,
        "also flag a document of at least score_min_words words whose light evidence "
        "reaches this and whose spin_score reaches light_long_min_score (a long text's "
        "light evidence is a rate over its own words, not over the score_min_words "
        "floor); 0, the default, turns it off: a blind clean text reached 42.6 with a "
        "spin_score of 25, and no real spun text of the set needs it (docs/despin.md)",
    )
    light_long_min_score: float = _doc(
        20.0, "the spin_score a long document flagged by light_long_threshold needs"
    )
    short_markers_words: int = _doc(
        300,
        "a text of fewer words is also flagged, weakly (its markers and T1 entries "
        "restored), by two distinct spinner markers of one family of any weight or by one "
        "medium marker (no clean text holds a medium marker; the shortest with two of "
        "one family has 1,032 words, docs/despin.md)",
    )
    name_context: bool = _doc(
        True,
        "a document flagged by its scores or its light evidence must also be flagged when"
        " each match inside a capitalised name is weighed by the name's own words only (the"
        " word before 'Labor Statistics' is no context of 'Labor'); the scores reported"
        " are the usual ones; false turns it off",
    )
    light_margin: float = _doc(
        0.25, "a distinct entry counts towards the light evidence above this log10 ratio"
    )
    light_clip: float = _doc(2.0, "one distinct entry counts at most this much towards it")
    learned_flag_support: int = _doc(
        1,
        "an entry learned from the real pairs (real_pairs.tsv) counts as detection"
        " evidence only when at least this many pairs teach it; one taught by fewer may"
        " still repair a document other evidence flags (1, as shipped: every learned"
        " entry counts; 2 costs more WER cut than it gains precision, docs/despin.md)",
    )
    ordinary_evidence_threshold: float = _doc(
        36.0,
        "a document whose table matches are all ordinary synonyms (no T1 entry, no "
        "fingerprint, no spinner marker) is flagged by its scores or light evidence only "
        "when its spin_evidence reaches this: formal, technical and documentation prose "
        "uses those words by choice (query, procedure, referred to as; the highest clean "
        "value 29.9, this 1.2 times it, docs/despin.md); 0 turns the condition off",
    )
    markers: bool = _doc(
        True,
        "also flag a document on its spinner-family markers (rules/spin/markers*.tsv: "
        "'square measure' for are, tortured phrases) and restore them in flagged documents; "
        "false ignores the marker files",
    )
    markers_only_t1_families: tuple[str, ...] = _doc(
        ("b", "c"),
        "spinner families (markers.tsv) whose markers alone flag a text shorter than "
        "score_min_words: such a text gets only its markers and T1 entries restored, none "
        "of the thesaurus spinner's T2/T3 matches (the Spinbot-style and WordNet-sense "
        "spinners' short definitions: too few words to weigh those); [] turns this off",
    )
    hedged_lead: bool = _doc(
        True,
        "with markers, a text shorter than short_markers_words is also flagged, weakly, "
        "when a line opens a definition with a hedged copula before its class noun and "
        "'of' ('Genetics will be the study of', 'is actually a branch of'; lead.py): no "
        "clean text holds one, docs/despin.md; false turns it off",
    )
    redecide: bool = _doc(
        True,
        "a second look at the T2/T3 matches the rules left in a flagged document: each is "
        "restored when the learned weights of rules/spin/redecide.tsv favour its likeliest "
        "original (docs/despin.md); false turns it off",
    )
    sense_flag: bool = _doc(
        True,
        "also flag a document on the WordNet-sense tables alone: three distinct lemmas "
        "nobody writes for their word ('cognize' for know) at ten or more per 1000 words, "
        "or two beside contractions a tokenizer split off ('would n't'); false turns it off",
    )

    def __post_init__(self) -> None:
        if self.mode not in ("off", "detect", "repair"):
            raise ConfigError(f"mode must be 'off', 'detect' or 'repair', got {self.mode!r}")
        bad = [t for t in self.tiers if t not in ("t1", "t2", "t3")]
        if bad:
            raise ConfigError(f"tiers must be among 't1', 't2', 't3', got {bad}")
        if self.threshold < 0 or self.min_distinct < 1 or self.t2_margin < 1:
            raise ConfigError("threshold must be >= 0, min_distinct >= 1 and t2_margin >= 1")
        if not 0 <= self.t2_prior_weight <= 2:
            raise ConfigError("t2_prior_weight must be between 0 and 2")
        if self.consistency_margin < 1:
            raise ConfigError("consistency_margin must be >= 1")
        if self.light_threshold < 0 or self.light_clip <= 0:
            raise ConfigError("light_threshold must be >= 0 and light_clip > 0")
        if self.ordinary_evidence_threshold < 0:
            raise ConfigError("ordinary_evidence_threshold must be >= 0")
        if self.short_markers_words < 0:
            raise ConfigError("short_markers_words must be >= 0")
        if self.light_long_threshold < 0 or self.light_long_min_score < 0:
            raise ConfigError("light_long_threshold and light_long_min_score must be >= 0")
        if self.evidence_threshold < 0 or self.evidence_min_distinct < 1 or self.evidence_clip <= 0:
            raise ConfigError(
                "evidence_threshold must be >= 0, evidence_min_distinct >= 1, evidence_clip > 0"
            )
        if any(not f or not f.isalnum() for f in self.markers_only_t1_families):
            raise ConfigError("markers_only_t1_families must name marker families ('b')")
        if self.learned_flag_support < 1:
            raise ConfigError("learned_flag_support must be >= 1")
        if not (self.own_word_ratio == 0 or self.own_word_ratio >= 1):
            raise ConfigError(
                "own_word_ratio must be 0 (off) or at least 1 (neighbours favouring the spun form)"
            )
        if not (self.t3_favoured_ratio == 0 or self.t3_favoured_ratio > 1):
            raise ConfigError(
                "t3_favoured_ratio must be 0 (off) or above 1 (neighbours favouring the original)"
            )
        if self.t3_favoured_margin < 0:
            raise ConfigError("t3_favoured_margin must be >= 0")
        if self.confirm_min_t1 < 0 or self.unconfirmed_factor < 1:
            raise ConfigError("confirm_min_t1 must be >= 0 and unconfirmed_factor >= 1")
        if self.doc_absent_bonus < 1 or self.swap_bonus < 1 or self.alternative_margin < 1:
            raise ConfigError("doc_absent_bonus, swap_bonus and alternative_margin must be >= 1")
        if (
            self.learned_alternatives < 0
            or self.outcome_own_after < 0
            or self.silent_repeat < 0
            or self.name_repeat < 0
        ):
            raise ConfigError(
                "learned_alternatives, outcome_own_after, silent_repeat and name_repeat"
                " must be >= 0"
            )
        if (
            self.name_odds < 0
            or self.name_single_odds < 0
            or self.strong_odds < 0
            or self.strong_min_ratio < 0
        ):
            raise ConfigError(
                "name_odds, name_single_odds, strong_odds and strong_min_ratio must be >= 0"
            )
        if self.vouched_learned < 0 or self.vouched_repeat < 1:
            raise ConfigError("vouched_learned must be >= 0 and vouched_repeat >= 1")
        if self.vouched_any_learned < 0 or self.vouched_min_ratio < 0:
            raise ConfigError("vouched_any_learned and vouched_min_ratio must be >= 0")
        if self.outcome_weight < 0 or self.outcome_smoothing <= 0 or self.outcome_straddle < 0:
            raise ConfigError(
                "outcome_weight and outcome_straddle must be >= 0, outcome_smoothing > 0"
            )


@dataclass(frozen=True)
class RepeatsConfig:
    """Exact and near-duplicate blocks inside one document (see docs/repeats.md)."""

    keep_short_repeats: bool = _doc(
        False,
        "keep short blocks that repeat nearby (a poem's refrain); they still go inside a "
        "removed run of long repeats",
    )
    short_block_words: int = _doc(
        8,
        'blocks with fewer words are "short" (titles, captions, labels): removed only on an '
        "exact normalised repeat",
    )
    short_min_words: int = _doc(
        3,
        'a short block needs at least this many words to be removed at all (labels such as "Q:"'
        " and bullets stay)",
    )
    short_window: int = _doc(
        1,
        "a short block's kept copy must be at most this many kept blocks back (1: adjacent)",
    )
    word_shingle_words: int = _doc(
        50,
        "near repeats: blocks that both have at least this many words are compared on word "
        "n-grams, shorter ones on character n-grams",
    )
    word_ngram: int = _doc(5, "words per word n-gram")
    char_ngram: int = _doc(5, "characters per character n-gram")
    word_threshold: float = _doc(
        0.7,
        "exact Jaccard on word n-grams needed to remove a near repeat",
    )
    char_threshold: float = _doc(
        0.8,
        "exact Jaccard on character n-grams needed to remove a near repeat",
    )
    num_perm: int = _doc(64, "MinHash permutations of the candidate search (bands x rows)")
    bands: int = _doc(16, "LSH bands of the candidate search")
    seed: int = _doc(1, "MinHash seed")

    def __post_init__(self) -> None:
        _check_fractions(self, "word_threshold", "char_threshold")
        _check_positive(self, "short_block_words", "word_ngram", "char_ngram", "num_perm", "bands")
        if self.short_window < 0 or self.short_min_words < 0:
            raise ConfigError("short_window and short_min_words must not be negative")
        if self.num_perm % self.bands:
            raise ConfigError(
                f"num_perm ({self.num_perm}) must be a multiple of bands ({self.bands})"
            )


@dataclass(frozen=True)
class NormalizeConfig:
    """Whitespace and layout normalization; idempotent."""

    keep_indentation: bool = _doc(True, "keep leading indentation; false strips it")
    fold_quotes: bool = _doc(False, "curly quotes to straight ones")
    fold_dashes: bool = _doc(False, "en and em dashes to hyphens")


@dataclass(frozen=True)
class QualityConfig:
    """C4/Gopher/FineWeb quality signals of the final text (see rules/quality/)."""

    drop_on_quality: bool = _doc(False, "drop a document failing a check of a family in `checks`")
    checks: tuple[str, ...] = _doc(QUALITY_FAMILIES, "the families `drop_on_quality` acts on")

    def __post_init__(self) -> None:
        bad = [f for f in self.checks if f not in QUALITY_FAMILIES]
        if bad:
            raise ConfigError(f"checks: unknown {bad}; known: {list(QUALITY_FAMILIES)}")


@dataclass(frozen=True)
class DedupConfig:
    """Corpus-level near-duplicate removal across documents."""

    enabled: bool = _doc(True, "drop near-duplicate documents across the corpus")
    threshold: float = _doc(
        0.8,
        "estimated Jaccard similarity at which a document is a near duplicate",
    )
    num_perm: int = _doc(128, "MinHash permutations (must equal bands x rows)")
    bands: int = _doc(16, "LSH bands")
    rows: int = _doc(8, "LSH rows per band")
    ngram: int = _doc(5, "words per shingle")
    seed: int = _doc(1, "MinHash seed")
    keep: str = _doc(
        "first",
        'which document of a cluster stays: "first", "longest" or "lowest_id"',
    )
    index: str = _doc("", 'path of a persistent SQLite index; "" for none')
    spill_dir: str = _doc(
        "",
        "Directory for a temporary file holding the shingle sets (4 bytes per distinct word "
        'n-gram) on disk instead of in memory; "": a `textclean clean` run keeps them in its '
        "work directory (beside its journal), the library in memory.",
    )
    update_index: bool = _doc(
        True,
        "false: dedup against the index without adding this run's documents to it (`textclean "
        "clean --dry-run` always leaves the index untouched).",
    )
    run_key: str = _doc(
        "",
        "The identity of the batch a run adds to the index: a second finish with the same key "
        "(a resumed run) decides as the first did and inserts nothing again. `textclean clean` "
        "sets it to its journal's run id; not for config files.",
    )

    def __post_init__(self) -> None:
        _check_fractions(self, "threshold", prefix="dedup ")
        if self.keep not in ("first", "longest", "lowest_id"):
            raise ConfigError(
                f"dedup keep must be 'first', 'longest' or 'lowest_id', got {self.keep!r}"
            )
        _check_positive(self, "num_perm", "bands", "rows", "ngram", prefix="dedup ")
        if self.seed < 0:
            raise ConfigError(f"dedup seed must be >= 0, got {self.seed}")
        if self.bands * self.rows != self.num_perm:
            raise ConfigError(
                f"dedup bands * rows must equal num_perm: {self.bands} * {self.rows} = "
                f"{self.bands * self.rows}, num_perm = {self.num_perm}"
            )


@dataclass(frozen=True)
class InputConfig:
    """How documents are read."""

    text_key: str = _doc("text", "JSONL field / parquet column holding the text")
    id_key: str = _doc("id", "JSONL field / parquet column holding the document id")
    html_key: str = _doc(
        "",
        'JSONL field / parquet column holding HTML to extract the text from ("" = none); '
        "the HTML field is kept and the extracted, cleaned text goes to text_key",
    )
    max_document_chars: int = _doc(
        10_000_000,
        "longer documents are rejected as too_long; 0 = no limit",
    )
    max_documents_per_file: int = _doc(
        5_000_000,
        "rows read from one file at most; past it the rest is not read and the file is "
        "listed as failed (a many-line bomb); 0 = no limit",
    )
    max_expansion_ratio: int = _doc(
        100,
        "decompressed bytes per compressed byte of a .gz/.zst input at most (checked "
        "once 4 MiB are out); 0 = no limit",
    )
    max_rows_per_kib: int = _doc(
        200,
        "rows per KiB of a .gz/.zst input at most (checked once 10,000 rows are read): "
        "a many-line bomb is a few MB holding millions of rows; 0 = no limit",
    )
    extensions: tuple[str, ...] = _doc(
        (".txt", ".md", ".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet", ".html", ".htm"),
        "file endings read from an input directory (.parquet needs the [parquet] extra, "
        ".html/.htm the [html] extra)",
    )


@dataclass(frozen=True)
class ExtractConfig:
    """Main-text extraction from HTML inputs (``.html``/``.htm`` files, ``html_key``)."""

    extractor: str = _doc(
        "trafilatura",
        '"trafilatura" or "resiliparse" (faster, title only); chosen on bench/html_extract.py',
    )
    include_tables: bool = _doc(True, "keep the text of tables")
    include_comments: bool = _doc(False, "keep reader comments (trafilatura only)")

    def __post_init__(self) -> None:
        if self.extractor not in ("trafilatura", "resiliparse"):
            raise ConfigError(
                f"extractor must be 'trafilatura' or 'resiliparse', got {self.extractor!r}"
            )


@dataclass(frozen=True)
class LanguageConfig:
    """Language identification (py3langid) and what English-only steps do with it."""

    identify: bool = _doc(True, 'record the scores "language" and "language.confidence"')
    sample_chars: int = _doc(4000, "classify the first N characters (0 = the whole text)")
    english_only_min_confidence: float = _doc(
        0.9,
        "despin and the quality word-list checks leave alone a document identified as "
        "another language with at least this confidence (bench/language_accuracy.py)",
    )

    def __post_init__(self) -> None:
        if not 0.0 <= self.english_only_min_confidence <= 1.0:
            raise ConfigError("english_only_min_confidence must be between 0 and 1")
        if self.sample_chars < 0:
            raise ConfigError("sample_chars must be >= 0")


@dataclass(frozen=True)
class SiteRepeatsConfig:
    """Corpus mode: learn the lines that repeat across the documents of one site.

    Off unless enabled (``--site-repeats``): a first pass counts, per group (site
    or input file), in how many documents each short non-sentence line occurs;
    the lines found in at least ``min_docs`` documents and ``min_share`` of the
    group are then removed as ``boilerplate.site_repeat`` (docs/boilerplate.md).
    """

    enabled: bool = _doc(False, "learn and remove lines repeated across a site's documents")
    group_by: str = _doc(
        "site",
        "group documents by `site` (host of a URL field, else input file), `source` (input "
        "file) or `directory` (the input file's folder: one page per file)",
    )
    url_keys: tuple[str, ...] = _doc(
        ("url", "metadata.url", "source_url", "link", "html.url"),
        "fields (dotted: nested) whose URL names a document's site; the first found is used",
    )
    min_docs: int = _doc(
        3, "a line is learned when at least this many documents of its group hold it"
    )
    min_share: float = _doc(
        0.5, "and only when at least this share of its group's documents hold it"
    )
    max_words: int = _doc(12, "only lines of at most this many words are counted and removed")
    sentence_words: int = _doc(
        6, "a line of at least this many words ending a sentence (. ! ? …) is never taken"
    )
    mask_digits: bool = _doc(True, "compare lines with every digit as 0 (dates, counters)")
    max_entries: int = _doc(
        5_000_000,
        "counting memory bound: distinct (group, line) pairs kept (about 80 bytes each)",
    )

    def __post_init__(self) -> None:
        if self.group_by not in ("site", "source", "directory"):
            raise ConfigError(
                f"group_by must be 'site', 'source' or 'directory', got {self.group_by!r}"
            )
        _check_fractions(self, "min_share")
        _check_positive(self, "min_docs", "max_words", "sentence_words", "max_entries")


@dataclass(frozen=True)
class Config:
    """The whole run configuration."""

    stages: tuple[str, ...] = _doc(
        STAGE_ORDER,
        "stages to run; they always run in this order, a config may only leave some out",
    )
    rules: tuple[str, ...] = _doc(
        (),
        "extra rule-pack directories, applied after the built-in pack",
    )
    repair: RepairConfig = field(default_factory=RepairConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    despin: DespinConfig = field(default_factory=DespinConfig)
    repeats: RepeatsConfig = field(default_factory=RepeatsConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    quality: QualityConfig = field(default_factory=QualityConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    input: InputConfig = field(default_factory=InputConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    site_repeats: SiteRepeatsConfig = field(default_factory=SiteRepeatsConfig)

    def __post_init__(self) -> None:
        unknown = [s for s in self.stages if s not in STAGE_ORDER]
        if unknown:
            raise ConfigError(f"unknown stage(s) {unknown}; known stages: {list(STAGE_ORDER)}")
        # Stages always run in the agreed order, whatever order the user wrote.
        object.__setattr__(self, "stages", tuple(s for s in STAGE_ORDER if s in self.stages))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "config") -> Config:
        return _build(cls, data, where)

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read config: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: invalid TOML: {exc}") from exc
        except RecursionError:
            raise ConfigError(f"{p}: invalid TOML: nested too deeply") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{p}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        return cls.from_dict(data, where=str(p))

    def replace(self, **changes: Any) -> Config:
        """A copy with top-level fields or whole sections replaced.

        Section values may be dicts of overrides: ``cfg.replace(despin={"mode": "detect"})``.
        """
        merged = self.to_dict()
        for key, value in changes.items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
        return Config.from_dict(merged)

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(dataclasses.asdict(self)))

    def fingerprint(self) -> str:
        """A stable hash of the config (used by --resume and the summary)."""
        import hashlib

        blob = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def to_toml(self) -> str:
        """This config as commented TOML: every key, with its description above it.

        Generated from the dataclasses (``textclean config --default`` prints
        ``Config().to_toml()``), so it never drifts from the code; it reads back
        as the same config.

        >>> cfg = Config(stages=("repair",), normalize=NormalizeConfig(fold_quotes=True))
        >>> Config.from_dict(tomllib.loads(cfg.to_toml())) == cfg
        True
        """
        out = [
            "# textclean configuration: every key, with its description.",
            "# Generated from textclean's config dataclasses by `textclean config --default`.",
            "# Keep the keys you change; a missing key takes its default, an unknown key is",
            "# an error.",
        ]
        sections = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if dataclasses.is_dataclass(value):
                sections.append((f.name, value))
            else:
                out += ["", *_key_lines(f, value)]
        for name, section in sections:
            out += ["", "", f"[{name}]", *_comment(_first_paragraph(type(section).__doc__))]
            for f in dataclasses.fields(section):
                out += ["", *_key_lines(f, getattr(section, f.name))]
        return "\n".join(out) + "\n"


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _comment(text: str, width: int = 88) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, width - 2, break_on_hyphens=False)]


def _toml_value(value: Any) -> str:
    """A TOML literal for a config value (booleans, numbers, strings, lists of them).

    >>> _toml_value(("a", 'b"c')), _toml_value(0.1), _toml_value(True), _toml_value(10_000)
    ('["a", "b\\\\"c"]', '0.1', 'true', '10000')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _key_lines(f: dataclasses.Field[Any], value: Any) -> list[str]:
    return [*_comment(f.metadata.get("doc", "")), f"{f.name} = {_toml_value(value)}"]


#: Keys that moved: section class → old key → where its setting lives now.
MOVED_KEYS: dict[type, dict[str, str]] = {
    BoilerplateConfig: {
        "drop_on_quality": "[quality] drop_on_quality",
        "quality_checks": "[quality] checks",
        "quality": "the 'quality' stage (leave it out of `stages`, or use --skip quality)",
    },
}


def _build(cls: type, data: Mapping[str, Any], where: str) -> Any:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: expected a table, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    moved = MOVED_KEYS.get(cls, {})
    old = sorted(set(data) & set(moved))
    if old:
        raise ConfigError(f"{where}.{old[0]} has moved: it is now {moved[old[0]]}")
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; valid keys: {sorted(names)}")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        kwargs[key] = _coerce(hints[key], value, f"{where}.{key}")
    try:
        return cls(**kwargs)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _coerce(tp: Any, value: Any, where: str) -> Any:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _build(tp, value, where)
    origin = typing.get_origin(tp)
    if origin is tuple:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        (item_tp, _ellipsis) = typing.get_args(tp)
        return tuple(_coerce(item_tp, v, where) for v in value)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            try:
                return _coerce(arg, value, where)
            except ConfigError:
                continue
        raise ConfigError(f"{where}: {value!r} does not fit {tp}")
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        if math.isnan(value):  # TOML's nan compares false with every bound: no check holds
            raise ConfigError(f"{where}: expected a number, got nan")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    return value
