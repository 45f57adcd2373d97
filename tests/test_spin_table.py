"""Integrity of the shipped despin reverse table (``rules/spin/reverse/*.tsv``).

These checks read the real table files, so a malformed or contradictory entry
added later fails here, with the file and line named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.despin.real.check import read_sources

TABLE_DIR = Path(__file__).resolve().parent.parent / "rules" / "spin" / "reverse"
HEADER = ["id", "tier", "spun", "original", "source", "note"]
TIERS = {"t1", "t2", "t3"}
SOURCES = {"pair:seed001", "general"}
#: entries learned from the real pairs name them (bench/despin/real/SOURCES.md)
REAL_PAIRS = {f"real:{r.id}" for r in read_sources() if r.kind == "pair-orig"}
_WORD = r"[a-z0-9]+(?:['’.-][a-z0-9]+)*"
SPUN_RE = re.compile(rf"^{_WORD}(?: {_WORD}){{0,4}}$")
ID_RE = re.compile(r"^spin\.en\.(t[123])\.[a-z0-9_]+$")


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    id: str
    tier: str
    spun: str
    original: str
    source: str
    note: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _load() -> list[Row]:
    rows: list[Row] = []
    for path in sorted(TABLE_DIR.glob("*.tsv")):
        header_seen = False
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.startswith("#"):
                continue
            fields = raw.split("\t")
            if not header_seen:
                assert fields == HEADER, f"{path.name}:{n}: header must be {HEADER}, got {fields}"
                header_seen = True
                continue
            assert len(fields) == 6, f"{path.name}:{n}: expected 6 tab-separated columns: {raw!r}"
            rows.append(Row(path.name, n, *fields))
        assert header_seen, f"{path.name}: no header line"
    return rows


ROWS = _load()
BY_SPUN = {r.spun: r for r in ROWS}


def test_table_files_exist_and_are_large() -> None:
    assert len(list(TABLE_DIR.glob("*.tsv"))) >= 8
    assert len(ROWS) > 500
    tiers = {t: sum(r.tier == t for r in ROWS) for t in TIERS}
    assert tiers["t1"] > 500 and tiers["t2"] > 200, tiers


def test_no_blank_fields_or_stray_whitespace() -> None:
    for r in ROWS:
        for name in ("id", "tier", "spun", "original", "source", "note"):
            value = getattr(r, name)
            assert value and value == value.strip(), f"{r.where}: bad {name} {value!r}"


def test_tiers_sources_and_ids_are_valid() -> None:
    for r in ROWS:
        assert r.tier in TIERS, f"{r.where}: tier {r.tier!r}"
        sources = r.source.split("|")  # one for all originals, or one per original
        each = [src for group in sources for src in group.split("+")]
        assert all(src in SOURCES or src in REAL_PAIRS for src in each), f"{r.where}: {r.source!r}"
        if not all(src.startswith("real:") for src in each):
            assert len(sources) in (1, len(r.original.split("|"))), f"{r.where}: {r.source!r}"
        # a real pair may teach a one-original entry with others: real:a|real:b
        m = ID_RE.match(r.id)
        assert m, f"{r.where}: id {r.id!r} is not spin.en.<tier>.<slug>"
        assert m.group(1) == r.tier, f"{r.where}: id tier differs from tier column"


def test_ids_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for r in ROWS:
        assert r.id not in seen, f"{r.where}: id {r.id} already used at {seen[r.id]}"
        seen[r.id] = r.where


def test_spun_keys_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for r in ROWS:
        assert r.spun not in seen, f"{r.where}: spun {r.spun!r} already at {seen[r.spun]}"
        seen[r.spun] = r.where


def test_spun_form_shape() -> None:
    """Lower case, 1-5 words, single spaces, word characters only."""
    for r in ROWS:
        assert SPUN_RE.match(r.spun), f"{r.where}: spun {r.spun!r} is not 1-5 lower-case words"


def test_original_differs_and_is_lower_case_unless_proper_noun() -> None:
    for r in ROWS:
        alternatives = r.original.split("|")
        assert r.spun not in [a.lower() for a in alternatives], f"{r.where}: identity {r.spun!r}"
        assert all(a.strip() == a and a for a in alternatives), f"{r.where}: {r.original!r}"
        assert len(set(alternatives)) == len(alternatives), f"{r.where}: {r.original!r}"
        assert "  " not in r.original and "\t" not in r.original, f"{r.where}"
        if r.original != r.original.lower():
            assert "proper noun" in r.note, f"{r.where}: capitals in {r.original!r} need a note"


# The issue's table (original -> spun) for seed 001; the reverse table must restore each one.
ISSUE_TABLE = {
    "greater than": "more than",
    "yr": "year",
    "time period": "term",
    "struggle": "war",
    "offers": "deals",
    "not any nearer": "no closer",
    "aspect": "side",
    "strain": "pressure",
    "cautious": "wary",
    "doubtless": "likely",
    "impartial": "neutral",
    "finest": "best",
    "usually": "often",
    "beginning": "starting",
    "monetary": "financial",
    "army": "military",
    "help": "assistance",
    "assist": "support",
    "stays": "remains",
    "observe": "track",
    "geared toward": "aimed at",
    "bettering": "improving",
    "enterprise": "business",
    "each": "both",
    "despite the fact that": "even though",
    "provides": "supplies",
    "a lot of": "most of",
    "together with": "including",
    "buying": "purchasing",
    "as an alternative of": "instead of",
    "skilled": "experienced",
    "perceive": "understand",
    "pal": "friend",
    "occasions": "times",
    "position": "role",
    "go to": "visit",
    "appears": "seems",
    "personal": "own",
    "historical past": "history",
    "additionally": "also",
    "consider": "believe",
    "actual property": "real estate",
    "elements": "parts",
    "making an attempt": "trying",
    "nonetheless": "however",
    "as a result of": "because",
    "proper": "right",
    "unbiased": "independent",
    "query": "question",
    "calls for": "demands",
    "scale": "size",
    "by no means": "never",
    "hitch": "join",
    "amongst": "among",
    "different": "other",
    "a brand new": "a new",
    "safety": "security",
    "ensures": "guarantees",
    "the usa": "the united states",
    "protection": "defense",
    "to date": "so far",
    "alternate": "exchange",
    "settlement": "agreement",
    "proceed": "continue",
    "speak": "talk",
    "provide": "offer",
    "in addition they": "they also",
    "formulation": "formula",
    "successfully": "effectively",
    "keen": "willing",
    "use": "apply",
    "because the begin": "since the start",
    "power": "energy",
    "cease": "stop",
    "now not": "no longer",
    "oblique": "indirect",
    "wanted": "needed",
    "invoice": "bill",
    "within the": "in the",
    "carry a vote": "hold a vote",
    "except": "unless",
    "modifications": "changes",
    "learn the opposite": "read the other",
    "4": "four",
    "find out how to": "how to",
    "is aware of": "knows",
}


@pytest.mark.parametrize("spun", sorted(ISSUE_TABLE))
def test_issue_table_entries_are_present(spun: str) -> None:
    row = BY_SPUN.get(spun)
    assert row is not None, f"issue-table spun form {spun!r} missing"
    # the issue's original is the entry's first (default) original; others may follow
    first = row.original.split("|")[0]
    assert first.lower() == ISSUE_TABLE[spun], f"{row.where}: {row.original!r}"


# Spun forms the issue names as ordinary English too: they must never be applied blindly.
AMBIGUOUS = [
    "army",
    "power",
    "help",
    "each",
    "different",
    "proper",
    "stays",
    "use",
    "provides",
    "settlement",
    "occasions",
    "offers",
    "position",
]


@pytest.mark.parametrize("spun", AMBIGUOUS)
def test_ambiguous_spun_forms_are_not_tier1(spun: str) -> None:
    assert BY_SPUN[spun].tier != "t1", f"{BY_SPUN[spun].where}: {spun!r} must be t2/t3"


def test_single_word_tier1_forms_are_rarer_than_their_originals() -> None:
    """A t1 single word must be rarer in English than what it restores (else it is ordinary)."""
    wordfreq = pytest.importorskip("wordfreq")
    offenders = []
    for r in ROWS:
        if r.tier == "t1" and re.fullmatch(r"[a-z]+", r.spun) and " " not in r.original:
            zs = wordfreq.zipf_frequency(r.spun, "en")
            zo = wordfreq.zipf_frequency(r.original.lower(), "en")
            if zs >= zo:
                offenders.append(f"{r.where}: {r.spun} ({zs:.2f}) >= {r.original} ({zo:.2f})")
    assert not offenders, "\n".join(offenders)


def test_seed_sourced_entries_occur_in_seed_001() -> None:
    """Entries credited to seed 001 must really appear in it (as whole words, any case)."""
    seed = next((TABLE_DIR.parents[2] / "seeds").glob("001_*.txt"))
    raw = seed.read_text("utf-8").lower().replace("\u2019", "'")
    text = " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", raw))
    missing = [
        f"{r.where}: {r.spun!r}"
        for r in ROWS
        if r.source.startswith("pair:seed001") and f" {r.spun} " not in f" {text} "
    ]
    assert not missing, "\n".join(missing)
