"""despin repair decisions: a mapping mined from the real pairs alone is not restored
where the pairs' other matches contradict it (``doubt_learned``).

The texts are written for these tests; the entry and its outcome counts are made up.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.despin_texts import SPUN
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage
from textclean.stages.despin.table import Entry, SpinTables, load_tables

LINE = "The new map portrays the city as it was before the flood.\n"
#: three of the pairs' five matches of the made-up spun form were the writer's own word
#: (the typical entry's matches stand for its original about half the time)
SPLIT = (("=", 3, "real:p1"), ("shows", 2, "real:p2"))
#: every match stood for the mapping's original
FAITHFUL = (("shows", 4, "real:p1"),)


@pytest.fixture(scope="module")
def base() -> SpinTables:
    return load_tables(RulePack.load(Config().rules))


def _stage(
    base: SpinTables,
    source: str,
    outcomes: tuple[tuple[str, int, str], ...],
    spun: str = "portrays",
    original: str = "shows",
    **cfg: object,
) -> DespinStage:
    entry = Entry(f"spin.en.t2.test_{spun.replace(' ', '_')}", "t2", spun, original, source)
    tables = dataclasses.replace(
        base,
        entries={**base.entries, spun: entry},
        outcomes={**base.outcomes, spun: outcomes},
    )
    return DespinStage.from_tables(Config().replace(despin=cfg).despin, tables)


def _restored(stage: DespinStage, line: str) -> list[tuple[str, str]]:
    doc = stage(Document("d", SPUN + line))
    assert doc.scores["spun"] is True
    return [(e.before, e.after) for e in doc.edits if e.start >= len(SPUN)]


def test_a_mined_mapping_the_pairs_contradict_is_left(base: SpinTables) -> None:
    on = _stage(base, "real:p0", SPLIT)
    off = _stage(base, "real:p0", SPLIT, doubt_learned=False)
    entry = on.tables.entries["portrays"]
    assert on.reliability("portrays", "shows") < 1.0
    assert on._doubted(entry, "shows")
    assert _restored(on, LINE) == []
    # the odds alone would carry it: the neighbours favour "shows"
    assert _restored(off, LINE) == [("portrays", "shows")]


def test_a_mined_mapping_the_pairs_confirm_is_restored(base: SpinTables) -> None:
    stage = _stage(base, "real:p0", FAITHFUL)
    assert stage.reliability("portrays", "shows") > 1.0
    assert not stage._doubted(stage.tables.entries["portrays"], "shows")
    assert _restored(stage, LINE) == [("portrays", "shows")]


def test_a_table_entry_is_not_doubted_for_its_learned_factor(base: SpinTables) -> None:
    # the same counts, but a hand-written or thesaurus entry stands behind the mapping
    for source in ("general", "general+real:p0"):
        stage = _stage(base, source, SPLIT)
        assert not stage._doubted(stage.tables.entries["portrays"], "shows")
        assert _restored(stage, LINE) == [("portrays", "shows")]


def test_a_spelled_out_contraction_is_not_doubted(base: SpinTables) -> None:
    stage = _stage(base, "real:p0", SPLIT, spun="they are", original="they're")
    entry = stage.tables.entries["they are"]
    assert stage.reliability("they are", "they're") < 1.0
    assert not stage._doubted(entry, "they're")


# ------------------------------------------------------------ silent_choice
#: a line whose neighbour words the bigram list does not know (made-up names)
SILENT = "Zorvath portrays Qelmir.\n"


def _choice_stage(
    base: SpinTables,
    alternatives: tuple[str, ...],
    outcomes: tuple[tuple[str, int, str], ...],
    **cfg: object,
) -> DespinStage:
    entry = Entry(
        "spin.en.t2.test_portrays",
        "t2",
        "portrays",
        alternatives[0],
        "general",
        alternatives=alternatives,
    )
    tables = dataclasses.replace(
        base,
        entries={**base.entries, "portrays": entry},
        outcomes={**base.outcomes, "portrays": outcomes},
    )
    return DespinStage.from_tables(Config().replace(despin=cfg).despin, tables)


def test_silent_neighbours_and_the_pairs_against_leave_a_choice_of_originals(
    base: SpinTables,
) -> None:
    # the rules alone (the learned second look, redecide.py, weighs the left match again)
    on = _choice_stage(base, ("shows", "depicts"), SPLIT, redecide=False)
    off = _choice_stage(base, ("shows", "depicts"), SPLIT, silent_choice=False, redecide=False)
    assert on.reliability("portrays", "shows") < 1.0
    assert _restored(on, SILENT) == []
    assert _restored(off, SILENT) == [("portrays", "shows")]


def test_the_pairs_in_favour_carry_a_silent_choice(base: SpinTables) -> None:
    stage = _choice_stage(base, ("shows", "depicts"), FAITHFUL)
    assert stage.reliability("portrays", "shows") > 1.0
    assert _restored(stage, SILENT) == [("portrays", "shows")]


def test_one_original_is_no_choice(base: SpinTables) -> None:
    # the same counts and silence, but nothing to choose between
    stage = _choice_stage(base, ("shows",), SPLIT)
    assert _restored(stage, SILENT) == [("portrays", "shows")]
