"""The WordNet-sense flag (textclean/stages/despin/stage.py, ``sense_flags``): a text
flagged on the WordNet-sense tables alone, and the contractions a spinner's tokenizer
split off their words.

Every text here was written for these tests.
"""

from __future__ import annotations

import json

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.stages.despin.stage import (
    RESIDUE_RULE,
    DespinStage,
    build,
    sense_flags,
    split_contractions,
)

#: Three WordNet lemmas no writer uses for these words ("cognize" for know,
#: "twelvemonth" for year, "affright" for scared) in a short text.
SENSE_SPUN = (
    "The members of the walking club cognize every trail in the hills. "
    "Last twelvemonth the hikers were affright of the storm, but they walked on to the lake."
)
SENSE_RESTORED = (
    "The members of the walking club know every trail in the hills. "
    "Last year the hikers were scared of the storm, but they walked on to the lake."
)
#: Two lemmas beside two contractions split off their words ("would n't", "guide 's").
RESIDUE_SPUN = (
    "The members of the walking club cognize every trail in the hills. "
    "Last twelvemonth they would n't stop at the lake, and the guide 's dog went along."
)
RESIDUE_RESTORED = (
    "The members of the walking club know every trail in the hills. "
    "Last year they wouldn't stop at the lake, and the guide's dog went along."
)
#: Plain prose, added to make a text long.
FILLER = "Snow falls on the peaks in winter, and the melt feeds the rivers below them."


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), None)


def _same_scores(stage: DespinStage, text: str) -> None:
    fast = stage.fast_scores(text)
    assert fast is not None
    assert json.dumps(fast) == json.dumps(stage.analyse(text).scores())


def test_three_sense_lemmas_in_a_short_text_flag_it(stage: DespinStage) -> None:
    a = stage.analyse(SENSE_SPUN)
    assert stage.sense_distinct(a.matches) == 3
    assert a.spun and a.sense_flag and not a.markers_only
    assert stage.fast_scores(SENSE_SPUN) is None  # the full analysis decides
    doc = stage(Document("d", SENSE_SPUN))
    assert doc.scores["spin_flag"] == "sense"
    assert doc.text == SENSE_RESTORED


def test_two_lemmas_and_split_contractions_flag_and_are_joined(stage: DespinStage) -> None:
    a = stage.analyse(RESIDUE_SPUN)
    assert stage.sense_distinct(a.matches) == 2
    assert a.spun and a.sense_flag
    doc = stage(Document("d", RESIDUE_SPUN))
    assert doc.text == RESIDUE_RESTORED
    joins = [e for e in doc.edits if e.rule == RESIDUE_RULE]
    assert [(e.before, e.after) for e in joins] == [
        ("would n't", "wouldn't"),
        ("guide 's", "guide's"),
    ]


def test_what_does_not_flag(stage: DespinStage) -> None:
    # two lemmas without split contractions
    two = SENSE_SPUN.replace("affright", "scared")
    assert not stage.analyse(two).spun
    _same_scores(stage, two)
    # split contractions without lemmas: a tokenised text is not a spun one
    plain = "They would n't stop at the lake, and the guide 's dog went along with them."
    assert not stage.analyse(plain).spun
    _same_scores(stage, plain)
    # three lemmas spread over a long text (below ten per 1000 words)
    long_ = " ".join([SENSE_SPUN, *[FILLER] * 22])
    a = stage.analyse(long_)
    assert len(a.keys) > 300 and stage.sense_distinct(a.matches) == 3
    assert not a.spun and "spin_flag" not in a.scores()
    _same_scores(stage, long_)


def test_the_rule_and_the_contractions() -> None:
    assert sense_flags(3, 150, "") and sense_flags(3, 300, "")
    assert not sense_flags(3, 301, "") and not sense_flags(2, 150, "")
    assert sense_flags(2, 5000, "it would n't go, we 'll see")
    assert not sense_flags(2, 5000, "it would n't go")  # one split contraction
    assert not sense_flags(1, 150, "it would n't go, we 'll see")
    text = "Use the 's' format; rock 'n' roll; it 's late; they ca n't."
    assert [j for _, _, j in split_contractions(text)] == ["it's", "can't"]
    assert split_contractions("Don't stop, it's fine.") == []


def test_the_sense_flag_can_be_turned_off() -> None:
    off = build(Config().replace(despin={"sense_flag": False}), None)
    a = off.analyse(SENSE_SPUN)
    assert not a.spun and not a.sense_flag
    assert off.fast_scores(SENSE_SPUN) == a.scores()
    assert off(Document("d", SENSE_SPUN)).text == SENSE_SPUN
