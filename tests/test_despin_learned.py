"""despin: entries learned from the real pairs, their honest leave-one-out,
document-wide consistency, and spun words inside capitalised names.

The texts are written for these tests (a short flood-and-bridge report as the seed's
spinner would write it); the swaps fed to the learner are invented rows in the format
of ``bench/despin/real/mappings.tsv``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.despin import measure
from bench.despin.real import learn
from tests.despin_texts import SPUN
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build
from textclean.stages.despin.table import Entry, SpinTables, parse_reverse

ARTICLE = {"p1": "sha-one", "p2": "sha-two", "p2b": "sha-two", "p3": "sha-three"}


def swaps(*rows: tuple[str, str, str]) -> list[learn.Swap]:
    return [learn.Swap(spun, orig, 1, pair) for spun, orig, pair in rows]


def test_learner_keeps_rare_spun_forms_and_names_every_teaching_pair() -> None:
    rows = swaps(
        ("uninterested", "tired", "p1"),
        ("Uninterested", "Tired", "p3"),
        ("chapter", "bankruptcy", "p1"),  # commoner than its original: never learned
        ("Pink Sox", "Red Sox", "p1"),  # a name
        ("yr however", "year but", "p1"),  # two swaps side by side, each already known
        ("3", "three", "p1"),  # figures belong to the number rules
    )
    got = learn.learn(rows, known={"yr", "however"}, article=ARTICLE)
    assert [(e.spun, e.alternatives, e.sources, e.tier) for e in got] == [
        ("uninterested", ("tired",), ("real:p1+real:p3",), "t2")
    ]


def test_pairs_spun_from_one_original_count_as_one_article() -> None:
    # "had been" is common English: it needs three articles; p2 and p2b are one
    rows = swaps(("had been", "were", "p1"), ("had been", "were", "p2"))
    rows += swaps(("had been", "were", "p2b"))
    assert learn.learn(rows, (), ARTICLE) == []
    rows += swaps(("had been", "were", "p3"))
    assert [e.spun for e in learn.learn(rows, (), ARTICLE)] == ["had been"]
    # without p3 the count is two articles again, and the entry goes
    assert learn.learn(rows, (), ARTICLE, exclude=["p3"]) == []


def test_rendered_file_parses_back_with_every_source(tmp_path: Path) -> None:
    rows = swaps(
        ("uninterested", "tired", "p1"),
        ("uninterested", "tired", "p3"),
        ("uninterested", "bored", "p3"),
    )
    path = tmp_path / "reverse" / "real_pairs.tsv"
    path.parent.mkdir()
    path.write_text(learn.render(learn.learn(rows, (), ARTICLE)), encoding="utf-8")
    entries = {e.spun: e for e in parse_reverse(path)}
    # the original two articles teach comes first; each keeps its own teachers
    assert entries["uninterested"].alternatives == ("tired", "bored")
    assert entries["uninterested"].sources == ("real:p1+real:p3", "real:p3")


def test_leaving_out_one_teaching_pair_keeps_what_another_teaches() -> None:
    e = Entry(
        "spin.en.t2.real.lastly",
        "t2",
        "lastly",
        "finally",
        "real:p1+real:p3",
        alternatives=("finally", "at last"),
        sources=("real:p1+real:p3", "real:p3"),
    )
    t = SpinTables({"lastly": e})
    left = t.without_source("real:p3").entries["lastly"]
    assert (left.alternatives, left.sources) == (("finally",), ("real:p1",))
    assert t.without_source("real:p1").without_source("real:p3").entries == {}


def test_the_shipped_learned_table_is_rebuilt_without_the_scored_pair() -> None:
    """measure.py --real: the learned file is rebuilt as learn.py builds it without the
    scored article (every filter re-run), not merely stripped of that article's source."""
    tables = measure.load_tables(RulePack.load())
    learned = {k: e for k, e in tables.entries.items() if Path(e.path).name == measure.LEARNED_FILE}
    assert learned, "rules/spin/reverse/real_pairs.tsv is part of the built-in pack"
    others = {k: e for k, e in tables.entries.items() if k not in learned}
    inputs = (learn.read_mappings(), learn.articles())
    pairs = sorted(
        {s.removeprefix("real:") for e in learned.values() for g in e.sources for s in g.split("+")}
    )
    # every fifth pair, in name order (all of them take minutes); both outcomes, an entry
    # dropped and an entry kept by its other teachers, must occur among them
    sample = pairs[::5]
    dropped = kept_shared = 0
    for pair in sample:
        rebuilt = measure.learned_without(tables, [pair])
        # as learn.py: a spun form another file holds is not learned again
        known = list(others)
        want = learn.learn(*inputs[:1], known, inputs[1], exclude=[pair])
        # (the rebuilt entries keep the learned file's path, as loaded ones have it)
        path = next(iter(learned.values())).path
        assert {k: e for k, e in rebuilt.entries.items() if k not in others} == {
            e.spun: dataclasses.replace(e, path=path) for e in want
        }
        assert all(rebuilt.entries[k] is e for k, e in others.items())
        for k, e in learned.items():
            # whole source names: one pair id may be the start of another's
            teachers = set("+".join(e.sources).split("+"))
            taught = f"real:{pair}" in teachers
            if taught and k not in rebuilt.entries:
                dropped += 1
            elif taught and len(teachers) > 1:
                kept_shared += 1
                assert f"real:{pair}" not in "+".join(rebuilt.entries[k].sources).split("+")
    assert dropped and kept_shared


def test_learned_table_is_current() -> None:
    assert learn.main(["--check"]) == 0


@pytest.mark.parametrize("consistency", [True, False])
def test_consistency_restores_the_same_form_where_neighbours_are_silent(
    consistency: bool,
) -> None:
    stage = build(
        Config().replace(despin={"consistency": consistency, "redecide": False}), RulePack.load()
    )
    doc = stage(Document("d", SPUN))
    assert doc.scores["spun"] is True
    assert "went out during the storm" in doc.text  # strong evidence: "out during the"
    followed = "crews worked during Saturday" in doc.text
    assert followed is consistency
    assert "crews worked throughout Saturday" in doc.text or consistency
    marks = [e for e in doc.edits if e.evidence.get("consistency")]
    assert [(e.before, e.after) for e in marks] == (
        [("throughout", "during")] if consistency else []
    )


def test_consistency_leaves_a_match_whose_neighbours_favour_the_spun_word() -> None:
    # "spread throughout the" is far likelier than "spread during the": stays
    text = SPUN.replace("crews worked throughout Saturday", "ash spread throughout the town")
    doc = build(Config(), RulePack.load())(Document("d", text))
    assert "went out during the storm" in doc.text
    assert "ash spread throughout the town" in doc.text


def test_consistency_never_runs_on_an_unflagged_document() -> None:
    text = (
        "The power went out throughout the storm, and crews worked throughout Saturday to "
        "restore it.\n"
    )
    doc = build(Config(), RulePack.load())(Document("d", text))
    assert doc.scores["spun"] is False
    assert doc.text == text and doc.edits == []


@pytest.mark.parametrize("name_ratio", [30.0, 0.0])
def test_a_spun_word_inside_a_name_needs_overwhelming_neighbours(name_ratio: float) -> None:
    # "national hurricane" is far likelier than "nationwide hurricane": a spun name part
    extra = "Forecasters at the Nationwide Hurricane Heart in Miami watched the storm.\n"
    stage = build(Config().replace(despin={"name_ratio": name_ratio}), RulePack.load())
    doc = stage(Document("d", SPUN + extra))
    last = doc.text.splitlines()[-1]
    assert ("the National Hurricane" in last) is (name_ratio > 0)
    assert ("the Nationwide Hurricane" in last) is (name_ratio == 0)
    fixed = [e for e in doc.edits if e.before == "Nationwide"]
    assert all(float(e.evidence["bigram_ratio"]) >= name_ratio for e in fixed)


def test_a_learned_spun_form_that_is_common_english_carries_no_evidence() -> None:
    """An entry learned from the real pairs whose spun form is common English ("many"
    for the) may repair a flagged document but says nothing in detection; the same
    entry in a hand-written file counts."""
    tables = measure.load_tables(RulePack.load())
    entry = Entry("spin.en.t2.test_many", "t2", "many", "the", "real:x", alternatives=("the",))
    text = "The old engine ran in many incarnations over the years.\n"

    def evidence(path: str) -> float:
        entries = {**tables.entries, "many": dataclasses.replace(entry, path=path)}
        stage = DespinStage.from_tables(
            Config().despin, dataclasses.replace(tables, entries=entries)
        )
        a = stage.analyse(text)
        return stage.evidence(text, a.keys, a.joined, a.matches)[0]

    assert evidence("rules/spin/reverse/hand_written.tsv") > 0
    assert evidence(f"rules/spin/reverse/{measure.LEARNED_FILE}") == 0


def test_a_t3_restoration_with_strong_odds_leads_consistency() -> None:
    """A T3 match restored on strong neighbours ("grocery zorp" -> "grocery store") is
    followed at the form's other matches whose neighbours are silent, as a T2 one is."""
    tables = measure.load_tables(RulePack.load())
    entry = Entry("spin.en.t3.test_zorp", "t3", "zorp", "store", "general", alternatives=("store",))
    tables = dataclasses.replace(tables, entries={**tables.entries, "zorp": entry})
    text = SPUN + "The grocery zorp opened early. A purple zorp wobbled.\n"

    def zorps(consistency: bool) -> list[tuple[str, bool]]:
        # strong_odds off: the unknown word's prior alone would carry "purple zorp"
        cfg = Config().replace(despin={"consistency": consistency, "strong_odds": 0.0}).despin
        doc = DespinStage.from_tables(cfg, tables)(Document("d", text))
        return [
            (e.after, e.evidence.get("consistency", False)) for e in doc.edits if e.before == "zorp"
        ]

    assert zorps(True) == [("store", False), ("store", True)]
    assert zorps(False) == [("store", False)]  # "purple zorp wobbled": silent neighbours
