"""despin's learned reliability (``rules/spin/outcomes.tsv``): what a spun form's matches
stood for in real spun/original pairs weighs each original's odds, rows carry their pair
as source so a measurement leaves them out, and the generator lines matches up with the
original word for word.

The texts are written for these tests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.despin.real.check import Pair, Row, Text
from bench.despin.real.outcomes import extract
from tests.despin_texts import SPUN
from textclean.config import Config, ConfigError
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build
from textclean.stages.despin.table import SpinTables, load_table_files, load_tables

HEADER = "spun\toutcome\tcount\tsource\tprev\n"


def _stage(
    outcomes: dict[str, tuple[tuple[str, int, str], ...]],
    after: dict[tuple[str, str], tuple[tuple[str, int, str], ...]] | None = None,
    **cfg: object,
) -> DespinStage:
    tables = load_tables(RulePack.load())
    config = Config().replace(despin=dict(cfg)).despin
    tables = dataclasses.replace(tables, outcomes=outcomes, outcomes_after=after or {})
    return DespinStage.from_tables(config, tables)


def test_outcome_rows_parse_and_leave_with_their_source(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.tsv"
    path.write_text(
        "# learned\n" + HEADER + "throughout\tduring\t3\treal:p1\tout\n"
        "throughout\t=\t1\treal:p2\t^\nthroughout\t?\t2\treal:p1\tout\n",
        encoding="utf-8",
    )
    t = load_table_files([path])
    assert t.outcomes["throughout"] == (
        ("during", 3, "real:p1"),
        ("=", 1, "real:p2"),
        ("?", 2, "real:p1"),
    )
    assert t.outcomes_after[("throughout", "out")] == (
        ("during", 3, "real:p1"),
        ("?", 2, "real:p1"),
    )
    assert t.without_source("real:p1").outcomes == {"throughout": (("=", 1, "real:p2"),)}
    assert t.without_source("real:p1").outcomes_after == {
        ("throughout", "^"): (("=", 1, "real:p2"),)
    }
    assert t.without_source("real:p1").without_source("real:p2").outcomes == {}
    assert t.without_source("real:p9") == t


def test_a_bad_outcome_row_is_reported(tmp_path: Path) -> None:
    from textclean.stages.despin.table import check_spin_file

    path = tmp_path / "outcomes.tsv"
    path.write_text(HEADER + "throughout\tduring\tmany\treal:p1\tout\n", encoding="utf-8")
    assert check_spin_file(path)


def test_the_built_in_pack_ships_outcomes_with_real_sources() -> None:
    tables = load_tables(RulePack.load())
    assert tables.outcomes
    sources = {src for rows in tables.outcomes.values() for _, _, src in rows}
    assert all(src.startswith("real:") for src in sources)


def test_reliability_is_neutral_without_data_and_follows_the_counts() -> None:
    stage = _stage(
        {
            "throughout": (("during", 20, "real:a"), ("=", 1, "real:b")),
            "lastly": (("=", 20, "real:a"),),
        }
    )
    assert stage.reliability("downside", "problem") == 1.0  # no data
    assert stage.reliability("throughout", "during") > 1.0  # nearly always "during"
    assert stage.reliability("lastly", "finally") < 0.01  # always the original's own word
    off = _stage({"lastly": (("=", 20, "real:a"),)}, None, outcome_weight=0.0)
    assert off.reliability("lastly", "finally") == 1.0


def test_an_entry_the_pairs_show_as_genuine_is_left_alone() -> None:
    before = build(Config(), RulePack.load())(Document("d", SPUN))
    assert "went out during the storm" in before.text
    stage = _stage({"throughout": (("=", 30, "real:a"), ("?", 2, "real:a"))})
    doc = stage(Document("d", SPUN))
    assert doc.scores["spun"] is True
    assert "went out throughout the storm" in doc.text
    assert "worked throughout Saturday" in doc.text
    # the other repairs are unchanged
    assert doc.text.startswith("More than a year after the flood, the city council said")


def test_the_learned_factor_is_in_the_evidence() -> None:
    stage = _stage({"throughout": (("during", 12, "real:a"),)})
    doc = stage(Document("d", SPUN))
    factors = [e.evidence.get("learned_factor") for e in doc.edits if e.before == "throughout"]
    assert factors and all(f is not None and f > 1.0 for f in factors)


@pytest.mark.parametrize(
    "bad",
    [
        {"outcome_weight": -1.0},
        {"outcome_smoothing": 0.0},
        {"outcome_straddle": -0.5},
        {"learned_alternatives": -1},
        {"outcome_own_after": -1},
        {"silent_repeat": -1},
        {"name_odds": -1.0},
        {"name_single_odds": -1.0},
        {"strong_odds": -1.0},
        {"strong_min_ratio": -0.1},
        {"vouched_learned": -1.0},
        {"vouched_repeat": 0},
        {"vouched_any_learned": -1.0},
        {"vouched_min_ratio": -0.1},
    ],
)
def test_bad_outcome_settings_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        Config().replace(despin=bad)


def test_extract_lines_matches_up_with_the_original() -> None:
    orig = "The bridge will finally open in the spring, the council said.\n"
    spun = "The bridge will lastly open within the spring, the council stated.\n"
    row = Row("x", "pair-orig", "", "", "", "a", "", "", "", 0)
    pair = Pair("x", Text(row, orig), Text(row, spun))
    out = extract(pair, build(Config(), RulePack.load()))
    assert out[("lastly", "finally", "will")] == 1
    assert out[("stated", "said", "council")] == 1
    # a phrase lined up with a shorter original: "within the" stood for "in the"
    assert out[("within the", "in the", "open")] == 1
    # the same words kept: the spun form was the original's own
    kept = Pair("y", Text(row, spun), Text(row, spun))
    assert all(o == "=" for _, o, _ in extract(kept, build(Config(), RulePack.load())))


def test_outcomes_do_not_touch_an_unflagged_text() -> None:
    stage = _stage({"throughout": (("during", 50, "real:a"),)})
    doc = stage(Document("d", "Crews worked throughout Saturday to restore the power.\n"))
    assert doc.scores["spun"] is False
    assert doc.edits == []


def test_spin_tables_default_has_no_outcomes() -> None:
    assert SpinTables().outcomes == {}


def test_learned_originals_are_weighed_beside_the_entry_s_own() -> None:
    outcomes = {
        "lastly": (
            ("at last", 3, "real:a"),
            ("eventually", 2, "real:b"),  # too few
            ("=", 9, "real:c"),
            ("?", 9, "real:c"),
            ("U.S. finally", 4, "real:d"),  # not plain words
        )
    }
    stage = _stage(outcomes)
    entry = stage.tables.entries["lastly"]
    assert stage._candidates(entry) == (*entry.alternatives, "at last")
    assert _stage(outcomes, None, learned_alternatives=0)._candidates(entry) == entry.alternatives
    assert _stage(outcomes, None, learned_alternatives=2)._candidates(entry) == (
        *entry.alternatives,
        "at last",
        "eventually",
    )
    stage = _stage({"lastly": (("finally", 12, "real:a"), ("at last", 3, "real:b"))})
    doc = stage(Document("d", SPUN))
    [edit] = [e for e in doc.edits if e.before == "lastly"]
    assert edit.after == "finally"  # "to finally rebuild" against "to at last rebuild"
    assert set(edit.evidence["alternatives"]) == {"finally", "at last"}


def test_outcomes_table_is_current() -> None:
    """``outcomes.tsv`` holds the matches of the current tables in the present pairs (a
    pair whose texts are absent keeps its recorded rows): rerun
    ``bench/despin/real/outcomes.py`` after ``mappings.py`` and ``learn.py``."""
    import warnings

    from bench.despin.real import outcomes

    with warnings.catch_warnings():  # a machine without the real texts is told so
        warnings.simplefilter("ignore", UserWarning)
        assert outcomes.main(["--check"]) == 0


def test_after_a_word_where_the_pairs_kept_the_spun_form_it_stays() -> None:
    """ "the council stated" may be genuine where other articles' pairs kept "stated"
    after "council"; after any other word it is restored as usual."""
    after = {("stated", "council"): (("=", 2, "real:a"), ("said", 1, "real:b"))}
    doc = _stage({}, after)(Document("d", SPUN))
    assert "the city council stated it's" in doc.text
    assert "going to finally rebuild" in doc.text  # the other repairs go ahead
    assert (
        "the city council said" in _stage({}, after, outcome_own_after=3)(Document("d", SPUN)).text
    )
    assert (
        "the city council said" in _stage({}, after, outcome_own_after=0)(Document("d", SPUN)).text
    )
    # more often the original there than its own word: restored
    even = {("stated", "council"): (("=", 2, "real:a"), ("said", 2, "real:b"))}
    assert "the city council said" in _stage({}, even)(Document("d", SPUN)).text


def test_a_recurring_spun_form_whose_original_is_absent_takes_the_learned_boost() -> None:
    """Silent neighbours: the learned factor only lowers odds, unless the spun form
    recurs and its original is nowhere in the text (a deterministic spinner's rewrite
    of every occurrence); then a T3 match may go ahead at ``t3_margin`` too."""
    outcomes = {"shops": (("stores", 12, "real:a"),)}
    twice = SPUN + "\nQuorbl shops Vrenk opened at dawn. Later, Zentor shops Plimm closed.\n"
    once = SPUN + "\nQuorbl shops Vrenk opened at dawn.\n"
    # strong_odds off: it counts the learned factor in full on strong odds, here 12 of 12
    strict = {"strong_odds": 0.0, "redecide": False}  # the rules alone
    doc = _stage(outcomes, **strict)(Document("d", twice))
    restored = [e for e in doc.edits if e.before == "shops"]
    assert [e.after for e in restored] == ["stores", "stores"]
    assert all(e.evidence["recurs"] is True for e in restored)
    assert "Quorbl stores Vrenk" in doc.text
    # once: the learned factor cannot raise the odds of silent neighbours
    assert "Quorbl shops Vrenk" in _stage(outcomes, **strict)(Document("d", once)).text
    # the original written elsewhere: no rewrite of every occurrence
    with_original = twice + "The stores stayed shut.\n"
    assert "Quorbl shops Vrenk" in _stage(outcomes, **strict)(Document("d", with_original)).text
    # switched off (the vouched rule, which also reads a recurring form whose original
    # is absent, switched off too)
    off = _stage(outcomes, silent_repeat=0, vouched_learned=0, **strict)(Document("d", twice))
    assert "Quorbl shops Vrenk" in off.text


def test_a_recurring_spun_name_whose_original_is_absent_is_restored() -> None:
    """A capitalised spun word the neighbours cannot settle ("Quorbl Shops") is restored
    when the same name recurs in a document of the thesaurus spinner (three distinct
    T1 forms) that never writes the original: the ``name_repeat`` way into the rule for
    a recurring spun name."""
    outcomes = {"shops": (("stores", 12, "real:a"),)}
    alone = {"name_odds": 0.0}  # this way in alone: the name_odds way closed
    twice = SPUN + "\nWe visited Quorbl Shops. A week later, Quorbl Shops closed.\n"
    once = SPUN + "\nWe visited Quorbl Shops.\n"
    doc = _stage(outcomes, **alone)(Document("d", twice))
    restored = [e for e in doc.edits if e.before == "Shops"]
    assert [e.after for e in restored] == ["Stores", "Stores"]
    assert all(e.evidence["name_recurs"] is True for e in restored)
    assert all(e.evidence["name_way"] == "name_repeat" for e in restored)
    # a name written once says nothing about every occurrence
    assert "Quorbl Shops" in _stage(outcomes, **alone)(Document("d", once)).text
    # the original written elsewhere: the spinner did not rewrite every occurrence
    with_original = twice + "The stores stayed shut.\n"
    assert "Quorbl Shops" in _stage(outcomes, **alone)(Document("d", with_original)).text
    # switched off, or asked for more occurrences than the name has
    assert "Quorbl Shops" in _stage(outcomes, **alone, name_repeat=0)(Document("d", twice)).text
    assert "Quorbl Shops" in _stage(outcomes, **alone, name_repeat=3)(Document("d", twice)).text
    # an original inside the spun form ("games" in "Video games") is not written elsewhere
    games = SPUN + "\nWe saw Quorbl Video games. A week later, Quorbl Video games closed.\n"
    doc = _stage({}, **alone)(Document("d", games))
    assert [e.after for e in doc.edits if e.before == "Video games"] == ["Games", "Games"]
    written = _stage({}, **alone)(Document("d", games + "Games resume.\n"))
    assert "Quorbl Video games" in written.text
    # flagged with one T1 form only ("making an attempt"): no sign of the thesaurus
    # spinner's determinism, so the name stays
    one_t1 = twice.replace("historical past", "history").replace("a yr", "a year")
    doc = _stage(outcomes, **alone, evidence_min_distinct=3)(Document("d", one_t1))
    assert doc.scores["spun"] is True
    assert "Quorbl Shops" in doc.text


def test_a_recurring_spun_form_the_document_vouches_for_goes_ahead_in_a_name() -> None:
    """A T2 form that recurs in a text that never writes its original, and that the real
    pairs show standing for that original far more reliably than the typical entry, is
    restored on odds of ``consistency_margin`` x ``t2_margin``, inside a name even where
    the bigram list, which knows "coffee shops" and not the name, favours the spun
    wording."""
    outcomes = {"shops": (("stores", 40, "real:a"),)}
    twice = SPUN + "\nZentor Coffee Shops opened at dawn. Later, Zentor Coffee Shops closed.\n"
    once = SPUN + "\nZentor Coffee Shops opened at dawn.\n"
    doc = _stage(outcomes)(Document("d", twice))
    restored = [e for e in doc.edits if e.before == "Shops"]
    assert [e.after for e in restored] == ["Stores", "Stores"]
    assert all(e.evidence["vouched"] is True for e in restored)
    assert all(e.evidence["bigram_ratio"] < 1 for e in restored)
    # once, with the original written elsewhere, switched off, or learned from too few
    # matches: the name stays as written
    assert "Zentor Coffee Shops opened" in _stage(outcomes)(Document("d", once)).text
    with_original = twice + "The stores stayed shut.\n"
    assert "Zentor Coffee Shops opened" in _stage(outcomes)(Document("d", with_original)).text
    off = _stage(outcomes, vouched_learned=0)(Document("d", twice))
    assert "Zentor Coffee Shops opened" in off.text
    few = {"shops": (("stores", 2, "real:a"), ("=", 2, "real:b"))}
    assert "Zentor Coffee Shops opened" in _stage(few)(Document("d", twice)).text
    assert (
        "Zentor Coffee Shops opened"
        in _stage(outcomes, vouched_repeat=3)(Document("d", twice)).text
    )


def test_a_vouched_form_outside_a_name_needs_neighbours_that_do_not_disfavour_it() -> None:
    """Outside a name the neighbours still count: "coffee shops" favours the spun
    wording by more than ``vouched_min_ratio`` allows, so the form stays however
    reliable the pairs make it."""
    outcomes = {"shops": (("stores", 40, "real:a"),)}
    text = SPUN + "\nTwo coffee shops opened at dawn. Later, both coffee shops closed.\n"
    doc = _stage(outcomes)(Document("d", text))
    assert "Two coffee shops opened" in doc.text
    assert not [e for e in doc.edits if e.before == "shops"]


def test_a_form_the_pairs_make_very_reliable_goes_ahead_against_leaning_neighbours() -> None:
    """``vouched_any_learned``: a vouched form (recurring, its original nowhere in the
    text) whose learned factor reaches the setting goes ahead outside a name where the
    neighbours lean towards the spun wording, down to ``vouched_min_ratio``; below that
    ratio ("coffee shops"), or learned from few matches, it stays."""
    outcomes = {"shops": (("stores", 40, "real:a"),)}
    on = {"vouched_any_learned": 100.0, "vouched_min_ratio": 0.25}
    text = SPUN + "\nTwo gift shops sell maps. Later, both gift shops sell hats.\n"
    doc = _stage(outcomes, **on)(Document("d", text))
    restored = [e for e in doc.edits if e.before == "shops"]
    assert [e.after for e in restored] == ["stores", "stores"]
    assert all(e.evidence["vouched"] is True for e in restored)
    assert all(0.25 <= e.evidence["bigram_ratio"] < 1 for e in restored)
    # off, or the neighbours leaning further than the floor, or too few learned matches
    off = _stage(outcomes, vouched_any_learned=0.0)(Document("d", text))
    assert not [e for e in off.edits if e.before == "shops"]
    floor = _stage(outcomes, vouched_any_learned=100.0, vouched_min_ratio=0.5)
    assert not [e for e in floor(Document("d", text)).edits if e.before == "shops"]
    coffee = SPUN + "\nTwo coffee shops opened at dawn. Later, both coffee shops closed.\n"
    assert "Two coffee shops opened" in _stage(outcomes, **on)(Document("d", coffee)).text
    few = {"shops": (("stores", 3, "real:a"), ("=", 1, "real:b"))}
    assert "Two gift shops sell" in _stage(few, **on)(Document("d", text)).text


def test_an_acronym_is_not_a_spun_word() -> None:
    """A T2/T3 match written in capitals beside words that are not ("a PC for the
    office") is an acronym: left alone; ``acronyms = false`` restores it."""
    text = SPUN + "\nHe bought a PC for the office.\n"
    assert "He bought a PC for the office." in _stage({})(Document("d", text)).text
    doc = _stage({}, acronyms=False)(Document("d", text))
    assert [e.before for e in doc.edits if e.before == "PC"] == ["PC"]
