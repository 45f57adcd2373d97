"""What a WordNet-sense spinner's tokenizer leaves besides split contractions, and the
odds its ordinary lemmas need (textclean/stages/despin/stage.py: ``split_hyphens``,
``unglued``, ``SENSE_ORDINARY_MARGIN``).

Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin.stage import (
    HYPHEN_RULE,
    RESIDUE_RULE,
    SENSE_CONTENT_MARGIN,
    SENSE_FUNCTION_WORDS,
    SENSE_ORDINARY_MARGIN,
    DespinStage,
    build,
    split_hyphens,
    unglued,
)

#: Two WordNet lemmas ("cognize" for know, "twelvemonth" for year) beside two split
#: contractions: a WordNet-sense spin whose tokens were joined back with spaces.
OPENING = (
    "The members of the walking club cognize every trail in the hills. "
    "Last twelvemonth they would n't stop at the lake, and the guide 's dog went along. "
)
#: Three WordNet lemmas ("affright" for scared too): flagged on the lemmas alone.
SENSE_OPENING = (
    "The members of the walking club cognize every trail in the hills. "
    "Last twelvemonth the hikers were affright of the storm, but they walked on to the lake. "
)


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), None)


def test_split_hyphens_are_joined_with_the_word_restored_beside_them(
    stage: DespinStage,
) -> None:
    text = OPENING + "They took a twelvemonth - long trip on the high - speed train."
    doc = stage(Document("d", text))
    assert doc.text.endswith("They took a year-long trip on the high-speed train.")
    by_rule = {(e.before, e.after): e.rule for e in doc.edits}
    # the restored lemma takes the hyphen in: one edit, the whole compound
    assert by_rule[("twelvemonth - long", "year-long")] == "spin.en.t1.twelvemonth"
    assert by_rule[("high - speed", "high-speed")] == HYPHEN_RULE


def test_a_dash_between_clauses_is_not_joined(stage: DespinStage) -> None:
    text = OPENING + "The view - for good or ill - was the reason we came back to the lake."
    doc = stage(Document("d", text))
    assert "The view - for good or ill - was the reason" in doc.text
    assert not [e for e in doc.edits if e.rule == HYPHEN_RULE]


def test_a_glued_function_word_is_set_apart_when_its_contraction_is_joined(
    stage: DespinStage,
) -> None:
    text = OPENING + "We read inLondon 's papers on the way home."
    doc = stage(Document("d", text))
    assert doc.text.endswith("We read in London's papers on the way home.")
    joins = [(e.before, e.after) for e in doc.edits if e.rule == RESIDUE_RULE]
    assert ("inLondon 's", "in London's") in joins


def test_nothing_is_joined_in_a_text_that_is_not_flagged(stage: DespinStage) -> None:
    text = (
        "The high - speed train left at noon, and it would n't stop before the coast. "
        "Our guide 's notes were in the bag."
    )
    doc = stage(Document("d", text))
    assert not doc.scores["spun"]
    assert doc.text == text and not doc.edits


def test_split_hyphens_and_unglued() -> None:
    text = "a state - of - the - art lab, the focus - for good, a 30 - day wait, Big - Tech"
    gaps = split_hyphens(text)
    assert [text[s:e] for s, e in gaps] == [" - "] * 4  # three in the first run, one later
    assert text[gaps[-1][0] - 2 : gaps[-1][1] + 3] == "30 - day"
    assert split_hyphens("a well-known lab") == []
    assert unglued("inLondon") == "in London"
    assert unglued("duringApple's") == "during Apple's"
    assert unglued("iPhone") == "iPhone" and unglued("McDonald") == "McDonald"
    assert unglued("inside") == "inside"


def test_an_ordinary_lemma_of_a_content_word_needs_stronger_odds(stage: DespinStage) -> None:
    assert (SENSE_ORDINARY_MARGIN, SENSE_CONTENT_MARGIN) == (100.0, 300.0)
    # "realise" is a lemma of make, but a British writer's own word: its odds (about
    # 130) reach the function words' margin, not the content words'
    kept = stage(Document("d", SENSE_OPENING + "They did realise the plan was late."))
    assert kept.scores["spin_flag"] == "sense"
    assert "did realise the plan" in kept.text
    # "rampart" for wall: the neighbours and the prior give odds in the thousands
    fixed = stage(Document("d", SENSE_OPENING + "They built a rampart by the river."))
    assert "They built a wall by the river." in fixed.text


def test_an_ordinary_lemma_of_a_function_word_keeps_the_lower_margin(
    stage: DespinStage,
) -> None:
    # "done" for through: done and through are about as common, so the prior adds
    # little and the odds (about 120) come from the neighbours
    doc = stage(Document("d", SENSE_OPENING + "The crew worked done the night."))
    assert "The crew worked through the night." in doc.text
    assert {"through", "along", "under"} <= SENSE_FUNCTION_WORDS


def test_the_function_words_are_those_the_table_was_built_from() -> None:
    from bench.despin.wordnet_lemmas import FUNCTION_WORDS

    assert frozenset(FUNCTION_WORDS) == SENSE_FUNCTION_WORDS
