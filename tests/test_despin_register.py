"""despin on formal technical prose: a document whose table matches are all ordinary
synonyms (T2 entries: "query", "procedure", "referred to as", "searches for") and whose
evidence stays under ``ordinary_evidence_threshold`` is not flagged by its scores.

The how-to below is written for these tests, in the register of database documentation
whose pages the density and evidence rules flagged (docs/despin.md).
"""

from __future__ import annotations

import dataclasses

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build

HOWTO = (
    "Backing up the database\n"
    "Before you upgrade the server, check the size of each table, since a dump of a large "
    "database can take hours. A query that searches for rows within the archive tables is "
    "referred to as a scan, and it runs in isolation from other queries. The backup "
    "procedure is similar to a load: the procedure opens an explicit transaction, writes "
    "each table to a file named after it, and closes it. However, a query that alters a "
    "table while the dump is running might block it, so it is best to stop the jobs that "
    "write to the database first. Check that the file is readable and store a copy on a "
    "different disk.\n"
    "If the dump is larger than the free space on the disk, compress it as it is written. "
    "Most tools can do this with one option; see the manual page of the dump program for "
    "the details, and keep the output of each run so that a failure can be found quickly.\n"
    "Loading a table again\n"
    "To load one table again, create it again from the schema file, then load its rows from "
    "the dump with the copy command. Each query in the file is run in turn, and the server "
    "reports the number of rows it has loaded. When the load ends, run the count query of "
    "the next section and compare the counts with those in the output of the backup; a "
    "table whose count differs should be loaded again from the previous dump.\n"
)


def _stage(threshold: float | None = None) -> DespinStage:
    cfg = Config()
    if threshold is not None:
        cfg = dataclasses.replace(
            cfg, despin=dataclasses.replace(cfg.despin, ordinary_evidence_threshold=threshold)
        )
    return build(cfg, RulePack.load())


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return _stage()


def test_the_howto_is_not_flagged_nor_edited(stage: DespinStage) -> None:
    a = stage.analyse(HOWTO)
    assert not a.spun
    doc = stage(Document(id="howto", text=HOWTO))
    assert doc.text == HOWTO
    assert doc.scores["spun"] is False


def test_the_howto_reaches_the_flag_rules_on_ordinary_synonyms_alone(
    stage: DespinStage,
) -> None:
    a = stage.analyse(HOWTO)
    # the density rule's breadth and the evidence it asks are there, from T2 entries only
    assert a.score >= stage.config.threshold and a.distinct >= stage.config.min_distinct
    assert a.evidence >= stage.config.density_min_evidence
    assert a.evidence < stage.config.ordinary_evidence_threshold
    assert {m.entry.tier for m in a.matches} <= {"t2", "t3"}
    assert not a.fingerprints and not a.markers


def test_without_the_condition_the_howto_is_flagged_and_edited() -> None:
    off = _stage(0.0)
    assert off.analyse(HOWTO).spun
    assert off(Document(id="howto", text=HOWTO)).text != HOWTO


def test_a_form_no_writer_chooses_keeps_the_flag(stage: DespinStage) -> None:
    # a T1 form ("monetary yr" for financial year) beside the same ordinary synonyms:
    # a spinner's trace, so the document is flagged and repaired as before
    spun = HOWTO.replace("Before you upgrade the server", "At the end of the monetary yr")
    a = stage.analyse(spun)
    assert any(m.entry.tier == "t1" for m in a.matches)
    assert a.spun
    doc = stage(Document(id="spun", text=spun))
    assert "financial year" in doc.text


def test_a_repair_only_marker_is_no_spinners_trace(stage: DespinStage) -> None:
    # "during a" is a WordNet-sense spinner's "in a", but ordinary English in its own
    # right (markers.tsv: weight 0, repair only): beside the same ordinary synonyms it
    # does not lift the hold-back, so the how-to stays unflagged and unedited
    text = HOWTO.replace("while the dump is running", "during a long dump")
    a = stage.analyse(text)
    assert [h.marker.weight for h in a.markers] == [0.0]
    assert a.evidence < stage.config.ordinary_evidence_threshold
    assert not a.spun
    assert stage(Document(id="howto", text=text)).text == text


def test_a_marker_that_weighs_keeps_the_flag(stage: DespinStage) -> None:
    # "square measure" for are (weight 1) is a form no writer chooses there
    text = HOWTO.replace("Most tools can do this", "Most tools square measure able to do this")
    a = stage.analyse(text)
    assert any(h.marker.weight > 0 for h in a.markers)
    assert a.spun
