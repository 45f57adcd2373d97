"""More tortured phrases of the paraphrasing tool (family d): the technical terms it
rewrites word by word ("choice tree" for decision tree, "vitality utilization" for
energy consumption) and the everyday ones it writes ("take a gander at" for look at).

Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin import markers as mk
from textclean.stages.despin.stage import DespinStage, build

#: A short abstract as the paraphrasing tool leaves it: three technical terms spun, one
#: of them never written so by hand (a strong marker), two that rarely are (repair-only).
SPUN = (
    "We train a choice tree on sensor readings. The model cuts the vitality utilization "
    "of each node by a fifth, and highlight extraction runs on the device itself."
)
RESTORED = (
    "We train a decision tree on sensor readings. The model cuts the energy consumption "
    "of each node by a fifth, and feature extraction runs on the device itself."
)
#: Three repair-only phrases in a short how-to: each one is written by hand now and
#: then, three distinct ones in a short text are the tool's.
SPUN_EVERYDAY = (
    "Before you buy, take a gander at the battery. Owners of older phones also report "
    "trouble with picture handling, and feathered creatures nesting in the garden do not mind."
)
#: Clean English: a technical text with the real terms, and one rare genuine phrase alone.
CLEAN = [
    "A decision tree splits the data on one feature at a time; feature extraction comes "
    "first, and energy consumption is measured per node.",
    "Come and take a gander at the new bakery on the square, my aunt wrote.",
    "The garden was full of feathered creatures at dawn, and we watched them for hours.",
]


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), None)


def test_technical_tortured_phrases_flag_a_short_text_and_are_restored(
    stage: DespinStage,
) -> None:
    a = stage.analyse(SPUN)
    assert mk.family_scores(a.markers)["d"] == pytest.approx(1.0)  # the strong one alone
    assert a.spun
    doc = stage(Document("d", SPUN))
    assert doc.text == RESTORED
    assert {e.rule for e in doc.edits} == {
        "spin.marker.d.choice_tree",
        "spin.marker.d.vitality_utilization",
        "spin.marker.d.highlight_extraction",
    }


def test_three_repair_only_phrases_flag_a_short_text(stage: DespinStage) -> None:
    a = stage.analyse(SPUN_EVERYDAY)
    assert mk.family_scores(a.markers)["d"] == 0.0
    assert mk.short_flags(a.markers, len(SPUN_EVERYDAY.split()), 300)
    doc = stage(Document("e", SPUN_EVERYDAY))
    assert "look at the battery" in doc.text
    assert "image processing" in doc.text
    assert "birds nesting" in doc.text


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_with_the_real_terms_or_one_rare_phrase_is_untouched(
    stage: DespinStage, text: str
) -> None:
    doc = stage(Document("c", text))
    assert doc.text == text
    assert not doc.edits


def test_two_function_phrases_of_the_tool_flag_a_short_text(stage: DespinStage) -> None:
    spun = (
        "In the event that the bus is late, call the office. On the off chance that nobody "
        "answers, wait at the stop; we as a whole know the drivers are kind."
    )
    doc = stage(Document("f", spun))
    assert doc.text == (
        "If the bus is late, call the office. If nobody answers, wait at the stop; we all "
        "know the drivers are kind."
    )


def test_one_function_phrase_alone_is_ordinary_english(stage: DespinStage) -> None:
    text = "In the event that the bus is late, call the office and wait at the stop."
    doc = stage(Document("g", text))
    assert doc.text == text and not doc.edits


def test_british_spellings_in_a_flagged_text_stay(stage: DespinStage) -> None:
    # a spelling variety is the writer's, not a spinner's swap: the tables hold no
    # British form with its American one as the original
    spun = (
        "Our favourite theatre cut its vitality utilization by a fifth, and its "
        "specialised staff studied the behaviours of the audience."
    )
    doc = stage(Document("h", spun))
    assert "energy consumption" in doc.text
    for word in ("favourite", "theatre", "specialised", "behaviours"):
        assert word in doc.text
