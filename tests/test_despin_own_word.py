"""despin decisions: a spun form the document writes as its own word elsewhere
(``own_word_ratio``), and a learned entry one pair alone teaches, which may repair
but not flag (``learned_flag_support``, off as shipped).

The texts are written for these tests; the outcome counts and entries are made up.
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

#: "the reality or": the neighbours favour "the fact or" by far
QUESTION = "Whether the reality or the rumour came first, nobody could say.\n"
#: "virtual reality": a fixed phrase the bigram list knows, "virtual fact" it lacks
HEADSET = "The team showed us a virtual reality headset at the fair.\n"


@pytest.fixture(scope="module")
def base() -> SpinTables:
    return load_tables(RulePack.load(Config().rules))


def _stage(tables: SpinTables, **cfg: object) -> DespinStage:
    return DespinStage.from_tables(Config().replace(despin=cfg).despin, tables)


def _restored(stage: DespinStage, lines: str) -> list[tuple[str, str]]:
    doc = stage(Document("d", SPUN + lines))
    assert doc.scores["spun"] is True
    return [(e.before, e.after) for e in doc.edits if e.start >= len(SPUN)]


def test_a_learned_original_is_refused_where_the_text_writes_the_form_as_its_own(
    base: SpinTables,
) -> None:
    # the pairs show "reality" standing for "fact" (a learned original, not the table's)
    tables = dataclasses.replace(
        base, outcomes={**base.outcomes, "reality": (("fact", 4, "real:p1"),)}
    )
    on, off = _stage(tables), _stage(tables, own_word_ratio=0.0)
    # alone, the strong neighbours carry the learned original
    assert _restored(on, QUESTION) == [("reality", "fact")]
    # the same text writing "virtual reality" elsewhere: the form is its own word here
    assert _restored(on, HEADSET + QUESTION) == []
    assert _restored(off, HEADSET + QUESTION) == [("reality", "fact")]
    own = on._own_words(on.analyse(SPUN + HEADSET + QUESTION))
    assert "fact" in own["reality"]


def _learned(base: SpinTables, spun: str, original: str, source: str) -> SpinTables:
    """``base`` with a made-up entry of the learned file (real_pairs.tsv)."""
    path = next(e.path for e in base.entries.values() if e.path.endswith("real_pairs.tsv"))
    entry = Entry(f"spin.en.t2.test_{spun}", "t2", spun, original, source, path=path)
    return dataclasses.replace(base, entries={**base.entries, spun: entry})


def test_a_learned_entry_one_pair_teaches_is_no_detection_evidence(base: SpinTables) -> None:
    # learned_flag_support 2 (shipped off, 1: its cost on the real set is in the docs)
    one = _stage(_learned(base, "frobnicated", "changed", "real:p1"), learned_flag_support=2)
    two = _stage(
        _learned(base, "frobnicated", "changed", "real:p1|real:p2"), learned_flag_support=2
    )
    assert "frobnicated" in one.no_evidence
    assert "frobnicated" not in two.no_evidence
    every = _stage(_learned(base, "frobnicated", "changed", "real:p1"))
    assert "frobnicated" not in every.no_evidence
    # it still repairs a document that other evidence flags
    assert ("frobnicated", "changed") in _restored(one, "The rules frobnicated overnight.\n")
