"""despin detection by evidence (spin_evidence) and the WordNet-sense spinner family.

The texts are written for these tests: a council report, and the same report as a
WordNet-sense spinner would write it (function words as chemical elements, "in" as
"successful", "new" as "caller", "have" as "person"), plus a decimal the spinner spelt
out ("three.9").
"""

from __future__ import annotations

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build

CLEAN = (
    "The city council met on Tuesday evening to discuss the new budget, and the mayor said "
    "he was confident that the plan would be approved at the next meeting. As the session "
    "opened, several residents spoke in the public comment period.\n"
    '"I think the people who live near the river have been ignored for years," one resident '
    "told the council. She said many families had asked the city to clean up the banks, but "
    "nothing had changed in the past decade.\n"
    "The mayor answered that the city had only recently received the money from the state. "
    '"We can be proud of what we have done so far," he said, "but we know there is much more '
    'to do."\n'
    "Council members also debated a plan to build a new bridge at the north end of the town. "
    "The project would cost 3.9 million dollars and could be finished in two years, as long "
    "as the state keeps its promise.\n"
    "Several members said they wanted to find out how the money would be spent before they "
    "vote. The council will meet again next month, when the final plan is expected to be "
    "presented to the public.\n"
)

SPUN = (
    "The city council met on Tuesday evening to discuss the caller budget, and the mayor said "
    "helium was confident that the plan would beryllium approved astatine the next meeting. "
    "Arsenic the session opened, several residents spoke successful the public comment "
    "period.\n"
    '"Iodine think the radical who live near the river person been ignored for years," one '
    "resident told the council. She said galore families had asked the city to clean up the "
    "banks, but nothing had changed successful the past decade.\n"
    "The mayor answered that the city had lone recently received the money from the state. "
    '"We tin beryllium proud of what we person done so far," helium said, "but we cognize '
    'there is overmuch more to do."\n'
    "Council members also debated a plan to build a caller bridge astatine the north end of "
    "the town. The project would cost three.9 million dollars and could beryllium finished "
    "successful two years, arsenic long arsenic the state keeps its promise.\n"
    "Several members said they wanted to find retired how the money would beryllium spent "
    "before they vote. The council will meet again next month, when the final plan is "
    "expected to beryllium presented to the public.\n"
)


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), RulePack.load())


def test_wordnet_sense_spin_is_flagged_by_evidence(stage: DespinStage) -> None:
    doc = stage(Document("c", SPUN))
    assert doc.scores["spun"] is True
    cfg = Config().despin
    assert float(doc.scores["spin_evidence"]) >= cfg.evidence_threshold
    assert int(doc.scores["spin_evidence_distinct"]) >= cfg.evidence_min_distinct


def test_the_clean_report_is_not_flagged_nor_edited(stage: DespinStage) -> None:
    doc = stage(Document("c", CLEAN))
    assert doc.scores["spun"] is False and doc.edits == [] and doc.text == CLEAN
    assert float(doc.scores["spin_evidence"]) < Config().despin.density_min_evidence


@pytest.mark.parametrize(
    "restored",
    [
        "the mayor said he was confident that the plan would be approved at the next meeting",
        "As the session opened, several residents spoke in the public comment period.",
        '"I think the people who live near the river have been ignored for years,"',
        "nothing had changed in the past decade",
        '"We can be proud of what we have done so far," he said, "but we know there is much',
        "the north end of the town",
        "3.9 million dollars",
        "as long as the state",
        "they wanted to find out how the money would be spent",
    ],
)
def test_wordnet_sense_spin_is_repaired(stage: DespinStage, restored: str) -> None:
    doc = stage(Document("c", SPUN))
    assert restored in doc.text


def test_genuine_senses_stay_in_a_flagged_document(stage: DespinStage) -> None:
    # the spun report flags the document; the sentence after it uses the words genuinely
    tail = (
        "A retired teacher said arsenic levels in the well were tested, and a caller to the "
        "radio show asked about radical change.\n"
    )
    doc = stage(Document("c", SPUN + tail))
    assert doc.scores["spun"] is True
    assert doc.text.endswith(tail)


def test_decimal_edit_names_its_rule(stage: DespinStage) -> None:
    doc = stage(Document("c", SPUN))
    (edit,) = [e for e in doc.edits if e.before == "three.9"]
    assert edit.after == "3.9" and edit.rule == "spin.en.t1.number_word_decimal"


def test_evidence_alone_flags_and_can_be_turned_off() -> None:
    no_density = Config().replace(despin={"threshold": 1e6, "markers": False, "sense_flag": False})
    no_either = no_density.replace(despin={"evidence_threshold": 0.0})
    assert build(no_density, RulePack.load())(Document("c", SPUN)).scores["spun"] is True
    assert build(no_either, RulePack.load())(Document("c", SPUN)).scores["spun"] is False


def test_the_wordnet_spinners_markers_alone_flag_it() -> None:
    # "astatine the", "arsenic the": the family-c markers (rules/spin/markers.tsv)
    only_markers = Config().replace(
        despin={"threshold": 1e6, "evidence_threshold": 0.0, "sense_flag": False}
    )
    assert build(only_markers, RulePack.load())(Document("c", SPUN)).scores["spun"] is True


def test_contractions_written_out_are_no_detection_evidence() -> None:
    """Formal prose writes contractions out ("it has", "here is"): an entry whose
    originals are contractions of its spun words gives no evidence (written for this
    test), though the entries themselves stay in the table for repair."""
    stage = build(Config(), None)
    assert {"it has", "here is"} <= stage.no_evidence
    assert "yr" not in stage.no_evidence
    text = (
        "It has long been known that the cave was used in winter. Here is the record "
        "of the finds: it has shown that the hearths were kept for centuries."
    )
    a = stage.analyse(text)
    counted = {m.entry.spun for m in a.matches} & stage.no_evidence
    assert counted  # the entries match...
    assert a.evidence == 0.0  # ...and weigh nothing
    assert stage.fast_scores(text) == a.scores()


def test_a_digit_word_after_the_point_is_restored_in_a_flagged_document(
    stage: DespinStage,
) -> None:
    """The spinner also spells out the digit after the point ("4.two million"): in a
    flagged document that figure is restored; a year glued to the next sentence
    ("2019.Eight") and the same token in a clean text stay as written."""
    tail = (
        "The rebuilt school cost 4.two million dollars. It opened in 2019.Eight rooms were ready.\n"
    )
    doc = stage(Document("c", SPUN + tail))
    assert doc.scores["spun"] is True
    assert doc.text.endswith(
        "The rebuilt school cost 4.2 million dollars. It opened in 2019.Eight rooms were ready.\n"
    )
    (edit,) = [e for e in doc.edits if e.before == "4.two"]
    assert edit.rule == "spin.en.t1.number_word_decimal"
    clean = stage(Document("c", CLEAN + tail))
    assert clean.scores["spun"] is False and clean.text == CLEAN + tail
