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
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


class ConfigError(ValueError):
    """A configuration problem the user must fix (CLI exit code 2)."""


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

    fix_encoding: bool = True
    restore_byte_a0: bool = True
    replace_lossy_sequences: bool = True
    decode_inconsistent_utf8: bool = True
    fix_c1_controls: bool = True
    unescape_html: bool = True
    remove_terminal_escapes: bool = True
    fix_surrogates: bool = True
    remove_control_chars: bool = True
    normalization: str = "NFC"  # "NFC", "NFKC", "NFD", "NFKD" or "none"
    # Cosmetic ftfy fixes: off unless asked for.
    uncurl_quotes: bool = False
    fix_latin_ligatures: bool = False
    fix_character_width: bool = False


@dataclass(frozen=True)
class BoilerplateConfig:
    """Page-chrome removal (see rules/boilerplate/).

    ``disable``/``enable`` take rule ids or id prefixes ending in ``.``
    (``"boilerplate.cta."``); ``enable`` switches on rules shipped with
    ``enabled = false`` (bylines, datelines, photo credits).
    """

    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    header_lines: int = 12  # the header zone: at most this many non-blank lines at the top
    footer_lines: int = 15  # the footer zone: at most this many non-blank lines at the end
    prose_min_words: int = 10  # a line this long ending a sentence is content (ends zones)
    regex_timeout: float = 0.1  # seconds per regex match; a rule that times out is skipped

    def __post_init__(self) -> None:
        if self.regex_timeout <= 0:
            raise ConfigError("regex_timeout must be positive")
        if min(self.header_lines, self.footer_lines, self.prose_min_words) < 0:
            raise ConfigError("header_lines, footer_lines and prose_min_words must be >= 0")


@dataclass(frozen=True)
class DespinConfig:
    """Detection and repair of synonym-spun text (see rules/spin/)."""

    mode: str = "repair"  # "off", "detect" or "repair"
    # Detection: flag when spin_score >= threshold AND distinct hits >= min_distinct.
    # Calibrated with bench/despin/measure.py: clean prose stays below ~18, spun pairs
    # score 50+ (leave-one-out); the threshold sits between with a margin both ways.
    threshold: float = 30.0  # weighted hits per 1000 words
    min_distinct: int = 6  # distinct fingerprints + distinct rarer-than-original table entries
    max_hits_per_entry: int = 3  # repeats of one entry/fingerprint counted at most this often
    rarer_margin: float = 1.0  # a table hit counts for breadth if zipf(spun) <= zipf(orig) - this
    score_min_words: int = 150  # shorter texts are scored as if this long (no flukes)
    breadth_weight: float = 1.0  # weight of one breadth hit (fingerprints carry their own)
    min_english_share: float = 0.8  # English / (English + foreign) common-word tokens
    # Repair (flagged documents only).
    tiers: tuple[str, ...] = ("t1", "t2")  # tiers that may be applied; t2/t3 need evidence
    # A T2 edit needs bigram ratio original:spun > 1 and ratio * prior >= t2_margin, with
    # prior = (freq(original) / freq(spun)) ** t2_prior_weight; both chosen on half the
    # evaluation pairs, checked on the other half (bench/despin/measure.py).
    t2_margin: float = 7.5
    t2_prior_weight: float = 0.75
    # Document evidence (the spinner is deterministic): in a flagged document, a T2 match
    # whose original wording appears nowhere in the text gains ``doc_absent_bonus`` per
    # occurrence of its spun form (at most two), and may then go ahead when the neighbour
    # words are silent (bigram ratio 1). 1 turns it off. Chosen on bench/despin/dev.
    doc_absent_bonus: float = 2.0
    # For an entry with a phrase on either side the frequencies are bigram-chain estimates
    # (textclean.stages.despin.stats.phrase_zipf), in the prior and here: such a spun phrase gets
    # the document evidence when it is at least this much rarer (log10) than its original
    # (single words use rarer_margin). Chosen on bench/despin/dev (1.0 → 0.5: +4 edits, all right).
    phrase_rarer_margin: float = 0.5
    # Two-way swaps: when a T2/T3 match's spun form is itself a word the spinner rewrites
    # (an original of another reverse-table entry), a genuine occurrence would rarely have
    # survived the spinner (seed 001 keeps ~10% of the words it can swap), so the match is
    # more likely spun: odds x ``swap_bonus``. 1 turns it off. Chosen on bench/despin/dev
    # (1 -> 3: WER cut 58.6% -> 60.3%, precision 93.1% -> 92.1%; 4+ costs precision).
    swap_bonus: float = 3.0
    # A spun form with several originals ("assist" <- support|help): a T2/T3 match is
    # restored only if the best original's odds are this many times the runner-up's.
    alternative_margin: float = 2.0
    # When the bigram list knows neither neighbour (names, numbers, rare words), a T2
    # match may still go ahead on the frequency prior (x swap_bonus) alone, if it
    # reaches this; the document evidence above is the other way in. Chosen on
    # bench/despin/dev ("stated" -> "said" before a name: 5 of 5 right; 12 lets in 60% right).
    silent_margin: float = 20.0
    fix_articles: bool = True  # "a" ↔ "an" before a restored word

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
        if self.doc_absent_bonus < 1 or self.swap_bonus < 1 or self.alternative_margin < 1:
            raise ConfigError("doc_absent_bonus, swap_bonus and alternative_margin must be >= 1")


@dataclass(frozen=True)
class RepeatsConfig:
    """Exact and near-duplicate blocks inside one document (see README, ``repeats``)."""

    # Keep short blocks that repeat nearby (a poem's refrain); they still go
    # when they sit inside a removed run of long repeats.
    keep_short_repeats: bool = False
    # Blocks with fewer words are "short" (titles, captions, labels): removed
    # only on an exact normalised repeat.
    short_block_words: int = 8
    # A short block needs at least this many words to be removed at all
    # (labels such as "Q:", "Share", bullets are left alone) ...
    short_min_words: int = 3
    # ... and its kept copy must be at most this many kept blocks back
    # (1: adjacent; 2 also catches "title / byline / title", but also hits the
    # same date or byline under two teasers).
    short_window: int = 1
    # Near repeats: blocks that both have at least ``word_shingle_words`` words
    # are compared on word n-grams, shorter ones on character n-grams.
    word_shingle_words: int = 50
    word_ngram: int = 5
    char_ngram: int = 5
    # Exact Jaccard needed to remove a near repeat, per shingling.
    word_threshold: float = 0.7
    char_threshold: float = 0.8
    # MinHash + LSH candidate search (num_perm = bands x rows).
    num_perm: int = 64
    bands: int = 16
    seed: int = 1

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

    keep_indentation: bool = True
    fold_quotes: bool = False
    fold_dashes: bool = False


@dataclass(frozen=True)
class QualityConfig:
    """C4/Gopher/FineWeb quality signals of the final text (see rules/quality/)."""

    drop_on_quality: bool = False  # drop a document failing a check of a family in `checks`
    checks: tuple[str, ...] = QUALITY_FAMILIES  # the families `drop_on_quality` acts on

    def __post_init__(self) -> None:
        bad = [f for f in self.checks if f not in QUALITY_FAMILIES]
        if bad:
            raise ConfigError(f"checks: unknown {bad}; known: {list(QUALITY_FAMILIES)}")


@dataclass(frozen=True)
class DedupConfig:
    """Corpus-level near-duplicate removal across documents."""

    enabled: bool = True
    threshold: float = 0.8
    num_perm: int = 128
    bands: int = 16
    rows: int = 8
    ngram: int = 5
    seed: int = 1
    keep: str = "first"  # "first", "longest" or "lowest_id"
    index: str = ""  # path of a persistent SQLite index; "" for none
    # Directory for a temporary file holding the shingle sets (4 bytes per distinct
    # word n-gram) on disk instead of in memory; "" keeps them in memory.
    spill_dir: str = ""
    # false: dedup against the index without adding this run's documents to it
    # (`textclean clean --dry-run` always leaves the index untouched).
    update_index: bool = True
    # The identity of the batch a run adds to the index: a second finish with the
    # same key (a resumed run) decides as the first did and inserts nothing again.
    # `textclean clean` sets it to its journal's run id; not for config files.
    run_key: str = ""

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

    text_key: str = "text"
    id_key: str = "id"
    max_document_chars: int = 10_000_000  # longer documents are rejected as too_long; 0 = no limit
    extensions: tuple[str, ...] = (".txt", ".md", ".jsonl", ".jsonl.gz", ".jsonl.zst")


@dataclass(frozen=True)
class Config:
    """The whole run configuration."""

    stages: tuple[str, ...] = STAGE_ORDER
    rules: tuple[str, ...] = ()  # extra rule-pack directories, applied after the built-in pack
    repair: RepairConfig = field(default_factory=RepairConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    despin: DespinConfig = field(default_factory=DespinConfig)
    repeats: RepeatsConfig = field(default_factory=RepeatsConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    quality: QualityConfig = field(default_factory=QualityConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    input: InputConfig = field(default_factory=InputConfig)

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
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    return value
