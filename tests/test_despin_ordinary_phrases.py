"""Phrases people write are not T1 spun forms: "state of affairs", "the state of affairs"
and "personal matters" are T2 entries (a spinner's swaps that ordinary English also
writes), so they count only with the context evidence of any T2 entry, and a text whose
every match is an ordinary T2 word stays under the guard that holds such texts back.
"""

from __future__ import annotations

from textclean.rules import RulePack
from textclean.stages.despin.table import load_tables


def test_the_phrases_are_t2_entries() -> None:
    tables = load_tables(RulePack.load())
    for spun in ("state of affairs", "the state of affairs", "personal matters"):
        # every entry of the phrase, in any table file (no T1 copy left beside the T2 one)
        assert {e.tier for e in tables.entries.values() if e.spun == spun} == {"t2"}, spun
