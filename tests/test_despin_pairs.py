"""Integrity of the despin evaluation data in bench/despin/ and of pair_stats.py."""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "bench" / "despin" / "pairs"
CLEAN = ROOT / "bench" / "despin" / "clean"


def _load_pair_stats():
    spec = importlib.util.spec_from_file_location(
        "bench_despin_pair_stats", ROOT / "bench" / "despin" / "pair_stats.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


ps = _load_pair_stats()
STEMS = sorted(p.name[: -len(".orig.txt")] for p in PAIRS.glob("*.orig.txt"))


def test_pair_stats_doctests() -> None:
    result = doctest.testmod(ps)
    assert result.attempted >= 4 and result.failed == 0


def test_change_rate_counts_spinner_edits() -> None:
    orig = "More than a year into his second term, the war is no closer to an end."
    spun = (
        "Greater than a yr into his second time period, "
        "the struggle is not any nearer to an finish."
    )
    st = ps.pair_stats(orig, spun)
    # 16 words; More, year, term, war, no, closer, end not kept -> 7 changed
    assert st.words == 16
    assert st.subs + st.dels == 7
    assert st.ins == 2  # "time period" and "not any nearer" are one word longer each
    assert ps.pair_stats(orig, orig).wer == 0.0


def test_line_count_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError):
        ps.pair_stats("a\nb", "a")


def test_there_are_enough_pairs() -> None:
    assert "seed001" in STEMS
    assert len(STEMS) >= 9
    assert sum(s.startswith("geopolitics_") for s in STEMS) >= 2


@pytest.mark.parametrize("stem", STEMS)
def test_pair_is_aligned_and_spun_like_the_spinner(stem: str) -> None:
    orig = (PAIRS / f"{stem}.orig.txt").read_text("utf-8")
    spun = (PAIRS / f"{stem}.spun.txt").read_text("utf-8")
    assert len(orig.splitlines()) == len(spun.splitlines())
    st = ps.pair_stats(orig, spun)
    assert 0.2 <= st.changed <= 0.35, st
    if stem != "seed001":
        assert 400 <= st.words <= 700


def test_seed_pair_is_the_real_seed() -> None:
    seed = next((ROOT / "seeds").glob("001_*.txt")).read_bytes()
    assert (PAIRS / "seed001.spun.txt").read_bytes() == seed


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.txt")), ids=lambda p: p.name)
def test_clean_articles_are_long_enough(path: Path) -> None:
    assert len(ps.tokens(path.read_text("utf-8"))) >= 400
