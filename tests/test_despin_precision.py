"""despin precision guards: a spun phrase whose later word is capitalised mid-sentence is
part of a name; a spun name is restored when the document writes it unspun elsewhere; a
flagged document without the thesaurus spinner's unmistakable forms (and not a
WordNet-sense spin) needs stronger odds for its ambiguous matches; and the measurement
names what the original says where an edit went wrong, and why a spun text was not
flagged.

The texts are written for these tests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.despin_texts import SPUN
from textclean.config import Config, ConfigError
from textclean.document import Document, Edit
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build
from textclean.stages.despin.stage import Analysis

NAME = "The senator spoke at length, highlighting the Individuals who would endure cuts.\n"


def test_a_capitalised_word_inside_a_spun_phrase_marks_a_name() -> None:
    stage = build(Config(), RulePack.load())
    doc = stage(Document("d", SPUN + NAME))
    assert doc.scores["spun"] is True
    # "the Individuals" (Americans) is not "the people": the name stays as written
    assert "highlighting the Individuals who" in doc.text
    assert not [e for e in doc.edits if e.before == "the Individuals"]
    # the same phrase in lower case is ordinary spun wording and is restored
    doc = stage(Document("d", SPUN + NAME.replace("Individuals", "individuals")))
    assert "highlighting the people who" in doc.text


def test_the_first_word_of_a_sentence_is_not_a_name() -> None:
    stage = build(Config(), RulePack.load())
    doc = stage(Document("d", SPUN))
    # "Greater than a yr" opens the text: restored with its case
    assert doc.text.startswith("More than a year after the flood")


def _odds(doc: Document) -> dict[str, float]:
    return {e.before: float(e.evidence.get("odds", 0.0)) for e in doc.edits}


def test_confirmation_needs_one_thesaurus_form_by_default() -> None:
    assert Config().despin.confirm_min_t1 == 1
    stage = build(Config(), RulePack.load())
    assert not stage._confirmed(stage.analyse("Nothing here is spun at all."))
    assert stage._confirmed(stage.analyse(SPUN))  # "yr", "making an attempt", ...
    off = build(Config().replace(despin={"confirm_min_t1": 0}), RulePack.load())
    assert off._confirmed(off.analyse("Nothing here is spun at all."))


#: a sentence whose "supply" -> "offer" goes ahead on odds under 6 x t2_margin (the
#: odds include the factor learned from the real pairs, so the example moves as they
#: grow: "technique" -> "method", then "group" -> "team", then "current" -> "present"
#: left the band when later batches were learned)
MODEST = "The company will supply extra buses to the area.\n"


def _without_thesaurus_forms(stage: DespinStage, text: str) -> tuple[str, Analysis]:
    """``text`` with its analysis stripped of T1 matches and fingerprints: a flagged
    document in which another spinner wrote only ambiguous forms."""
    a = stage.analyse(text)
    assert a.spun
    kept = [m for m in a.matches if m.entry.tier != "t1"]
    return text, dataclasses.replace(a, matches=kept, fingerprints=[])


def test_a_document_without_one_thesaurus_form_needs_stronger_odds() -> None:
    stage = build(Config(), RulePack.load())
    text = SPUN + MODEST
    # with the thesaurus spinner's forms in the document, the usual margin applies
    doc = stage(Document("d", text))
    odds = _odds(doc)
    assert 7.5 <= odds["supply"] < 6 * 7.5 <= odds["throughout"]
    # without one: "supply" stays, the strong "throughout" -> "during" goes ahead
    changes = stage.repair(*_without_thesaurus_forms(stage, text))
    before = {text[c.start : c.end] for c in changes}
    assert "supply" not in before and "throughout" in before
    # confirmation off: every flagged document keeps the usual margin
    off = build(Config().replace(despin={"confirm_min_t1": 0}), RulePack.load())
    changes = off.repair(*_without_thesaurus_forms(off, text))
    assert "supply" in {text[c.start : c.end] for c in changes}


#: the confirmation tests weigh the odds the table and the statistics give, without the
#: factor learned from the real pairs (tests/test_despin_outcomes.py covers that one)
UNLEARNED = {"outcome_weight": 0.0}


def test_a_confirmed_document_keeps_the_usual_margin() -> None:
    stage = build(Config().replace(despin={"confirm_min_t1": 3, **UNLEARNED}), RulePack.load())
    a = stage.analyse(SPUN)
    assert stage._confirmed(a)  # "yr", "making an attempt", "historical past", ...
    doc = stage(Document("d", SPUN))
    # "stated" -> "said" goes ahead on odds below 10 x t2_margin
    assert 7.5 <= _odds(doc)["stated"] < 75


@pytest.mark.parametrize("factor", [1.0, 10.0])
def test_an_unconfirmed_document_needs_stronger_odds(factor: float) -> None:
    cfg = {"confirm_min_t1": 99, "unconfirmed_factor": factor, **UNLEARNED}  # none confirmed
    stage = build(Config().replace(despin=cfg), RulePack.load())
    assert not stage._confirmed(stage.analyse(SPUN))
    doc = stage(Document("d", SPUN))
    odds = _odds(doc)
    # T1 forms are restored whatever the document: they are never genuine English
    assert "More than a year" in doc.text and "the history of" in doc.text
    # the ambiguous ones only with odds of factor x t2_margin
    assert all(o >= factor * 7.5 for k, o in odds.items() if o)
    assert ("stated" in odds) is (factor == 1.0)
    assert "downside" in odds  # odds in the thousands


def test_confirmation_changes_nothing_on_clean_text() -> None:
    clean = (
        "The council said it would finally rebuild the bridge after the flood. Residents "
        "had tried for a long time to get it fixed, and crews worked through Saturday.\n"
    )
    for cfg in ({}, {"confirm_min_t1": 0}, {"confirm_min_t1": 99}):
        doc = build(Config().replace(despin=cfg), RulePack.load())(Document("d", clean))
        assert doc.scores["spun"] is False and doc.edits == [] and doc.text == clean


@pytest.mark.parametrize("bad", [{"confirm_min_t1": -1}, {"unconfirmed_factor": 0.5}])
def test_confirmation_settings_are_checked(bad: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        Config().replace(despin=bad)


@pytest.mark.parametrize("name_elsewhere", [True, False])
def test_a_spun_name_is_restored_when_the_document_writes_the_name_unspun(
    name_elsewhere: bool,
) -> None:
    stage = build(Config().replace(despin={"name_elsewhere": name_elsewhere}), RulePack.load())
    extra = (
        "Fans of the Oklahoma Metropolis Thunder waited outside. Later, the Oklahoma City "
        "Thunder said the game would go ahead.\n"
    )
    doc = stage(Document("d", SPUN + extra))
    assert ("Fans of the Oklahoma City Thunder" in doc.text) is name_elsewhere
    marked = [e for e in doc.edits if e.evidence.get("name_elsewhere")]
    assert [(e.before, e.after) for e in marked] == (
        [("Metropolis", "City")] if name_elsewhere else []
    )


def test_a_spun_name_stays_when_the_document_never_writes_it_unspun() -> None:
    stage = build(Config(), RulePack.load())
    extra = "Fans of the Oklahoma Metropolis Thunder waited outside. Later, the team spoke.\n"
    doc = stage(Document("d", SPUN + extra))
    assert doc.scores["spun"] is True
    assert "Fans of the Oklahoma Metropolis Thunder" in doc.text
    # a lone capitalised word is no name: "Trust" elsewhere does not restore "Belief"
    extra = "The staff heard from a Belief spokesman. Later, Trust officials met.\n"
    doc = stage(Document("d", SPUN + extra))
    assert not [e for e in doc.edits if e.evidence.get("name_elsewhere")]
    assert "a Belief spokesman" in doc.text


def test_measure_lists_what_the_original_says_where_an_edit_went_wrong() -> None:
    from bench.despin import measure
    from textclean.document import Edit

    spun = "The crew got an enormous mission ahead of them this yr.\n"
    repaired = "The crew got a huge mission ahead of them this year.\n"
    ref = "The crew got a massive mission ahead of them this year.\n"
    # edits hold offsets in the spun text, as the stage reports them
    yr, enormous = spun.index("yr."), spun.index("an enormous")
    edits = [
        Edit("despin", "spin.en.t1.yr", yr, yr + 2, "yr", "year", {}),
        Edit(
            "despin", "spin.en.t2.an_enormous", enormous, enormous + 11, "an enormous", "a huge", {}
        ),
    ]
    assert measure.edit_alignment(repaired, ref, edits) == [
        (False, "a massive"),  # text order: the earlier edit first
        (True, "year"),
    ]
    assert measure.edit_hits(repaired, ref, edits) == [False, True]


def test_a_keep_context_rule_wins_over_a_name_written_elsewhere(tmp_path: Path) -> None:
    spin = tmp_path / "spin"
    spin.mkdir()
    (spin / "context.tsv").write_text(
        "id\tentry\taction\tside\twords\tnote\n"
        "spin.ctx.test.metropolis_thunder\tspin.en.t2.metropolis\tkeep\tnext\tthunder\t"
        "written for this test\n",
        encoding="utf-8",
    )
    extra = (
        "Fans of the Oklahoma Metropolis Thunder waited outside. Later, the Oklahoma City "
        "Thunder said the game would go ahead.\n"
    )
    doc = build(Config(), RulePack.load([tmp_path]))(Document("d", SPUN + extra))
    assert doc.scores["spun"] is True
    assert "Fans of the Oklahoma Metropolis Thunder" in doc.text


def test_a_sentence_opening_word_is_no_part_of_a_name_written_elsewhere() -> None:
    # "The" opens the sentence: capitalised for that reason alone, so "The Trust"
    # elsewhere does not make "Belief" a spun part of a name "The Belief"
    extra = "The Belief met. Later, we met at The Trust in town.\n"
    doc = build(Config(), RulePack.load())(Document("d", SPUN + extra))
    assert not [e for e in doc.edits if e.evidence.get("name_elsewhere")]
    assert "The Belief met." in doc.text


def test_confirmation_leaves_a_wordnet_sense_spin_alone() -> None:
    # a WordNet-sense spin is repaired with its own tables and margins, however few of
    # the thesaurus spinner's T1 forms it holds
    from tests.test_despin_evidence import SPUN as SENSE_SPUN

    usual = build(Config(), RulePack.load())
    cfg = {"confirm_min_t1": 99, "unconfirmed_factor": 1e6}
    strict = build(Config().replace(despin=cfg), RulePack.load())
    assert strict._sense_spun(strict.analyse(SENSE_SPUN))
    assert not strict._confirmed(strict.analyse(SENSE_SPUN))
    a, b = usual(Document("d", SENSE_SPUN)), strict(Document("d", SENSE_SPUN))
    assert b.text == a.text and len(b.edits) == len(a.edits) > 10
    assert "the mayor said he was confident" in b.text


def test_measure_real_why_lists_the_scores_of_every_unflagged_spun_text() -> None:
    from bench.despin import measure

    pair = measure.PairResult("p1", 100, 12.0, False, 0.3, 0.3, 0, 0, 0, [], [], 7.5, 2, 3)
    flagged = measure.PairResult("p2", 100, 50.0, True, 0.3, 0.1, 9, 9, 0, [], [], 40.0, 8, 9)
    r = measure.RealResult(
        pairs=[("a", "sport", pair), ("a", "sport", flagged)],
        spun=[
            ("u1", "d", "politics", 6.7, False, 1.3, 1, 1, 143),
            ("u2", "a", "sport", 60.0, True, 50.0, 9, 9, 200),
        ],
        clean=[],
        skipped=[],
    )
    out = measure.report_real(r, show_edits=False, why=True)
    assert "| u1 | unpaired | d | 143 | 6.7 (1) | 1.3 (1) |" in out
    assert "| p1 | pair | a | 100 | 12.0 (3) | 7.5 (2) |" in out
    assert "| u2 |" not in out and "| p2 | pair" not in out
    assert "spun text not flagged" not in measure.report_real(r, show_edits=False)


def test_measure_real_counts_wrong_edits_by_what_they_did() -> None:
    """A wrong edit that changed the original's own words ("launch" kept by the spinner,
    restored as "release") is told apart from one that put back another synonym than
    the original's ("value" for an original "cost") and one nothing lines up with."""
    from bench.despin import measure

    def edit(before: str, after: str) -> Edit:
        return Edit("despin", "spin.en.t2.x", 0, len(before), before, after, {})

    wrong = [edit("launch", "release"), edit("value", "price"), edit("trade", "exchange")]
    refs = ["launch", "cost", ""]
    pair = measure.PairResult("p", 100, 50.0, True, 0.3, 0.2, 5, 2, 0, wrong, refs, 40.0, 8, 9)
    r = measure.RealResult(pairs=[("a", "sport", pair)], spun=[], clean=[], skipped=[])
    out = measure.report_real(r, show_edits=False, batches=[])
    assert (
        "wrong edits: 3; 1 changed words the spinner had left alone, 1 put back another"
        " wording than the original's, 1 line up with no original word"
    ) in out


def test_mapping_cut_judges_each_edit_by_the_other_articles_only() -> None:
    """An article's own wrong edits never count against its mapping: a mapping wrong in
    one article only is never cut, however often; one wrong in two articles is cut in
    each from the other's record."""
    from bench.despin import mapping_cut

    once = ("a", ("might", "may"), False)
    lone = [once, once, once]  # three wrong edits, one article
    assert mapping_cut.cut(lone, 1, 0.5) == (0, 0)
    spread = [("a", ("rating", "score"), False), ("b", ("rating", "score"), False)]
    spread.append(("c", ("rating", "score"), True))
    # a and b each see one wrong and one right edit elsewhere (half right): cut at 50%,
    # not at 20%; c sees two wrong elsewhere and none right, so its right edit goes too
    assert mapping_cut.cut(spread, 1, 0.5) == (1, 2)
    assert mapping_cut.cut(spread, 1, 0.2) == (1, 0)
    assert mapping_cut.in_sample(lone + spread) == (2, 1, 5)
