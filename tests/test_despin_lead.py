"""despin's hedged definition lead (``textclean/stages/despin/lead.py``): a short
definition whose copula a spinner hedged before the class noun and "of" ("Glaciology can
be a branch of"), or whose alias clause says "also recognized as" for *also known as*,
is flagged weakly and the hedge restored; ordinary hedged sentences stay as written.
The paraphrasing tool's alias clause ("likewise called", "otherwise called", markers.tsv)
flags too.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import dataclasses

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build, lead
from textclean.stages.despin.stage import hedged_leads

GLACIOLOGY = (
    "Glaciology can be a branch of earth science that looks at glaciers, ice sheets and "
    "the ways in which frozen water shapes the land around it over long spans of time."
)
CARTOGRAPHY = (
    "Maps and charts\n"
    "Cartography is actually a discipline of geography concerned with drawing maps, and "
    "with the choices a mapmaker makes about scale, symbols and what to leave out."
)
MYOPIA = (
    "Myopia, also recognized as near-sightedness, is a condition of the eye in which "
    "distant objects look blurred while near ones stay sharp."
)
HERBALISM = (
    "Herbalism is usually a branch of folk medicine that uses the leaves, roots and seeds "
    "of plants to ease common complaints."
)


def _stage(on: bool = True) -> DespinStage:
    cfg = Config()
    cfg = dataclasses.replace(cfg, despin=dataclasses.replace(cfg.despin, hedged_lead=on))
    return build(cfg, RulePack.load())


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return _stage()


@pytest.fixture(scope="module")
def stage_off() -> DespinStage:
    return _stage(False)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (GLACIOLOGY, "Glaciology is a branch of earth science"),
        (CARTOGRAPHY, "Cartography is a discipline of geography"),
        (MYOPIA, "Myopia, also known as near-sightedness,"),
    ],
)
def test_a_hedged_lead_flags_and_is_restored(
    stage: DespinStage, stage_off: DespinStage, text: str, fixed: str
) -> None:
    assert not stage_off.analyse(text).spun  # nothing else in the text flags it
    a = stage.analyse(text)
    assert a.spun and a.short_markers
    doc = stage(Document(id="lead", text=text))
    assert fixed in doc.text
    assert doc.scores["spin_flag"] == "short_markers"


def test_the_lead_takes_the_place_of_a_lighter_marker(stage: DespinStage) -> None:
    # "is usually a" before a field noun is a repair-only marker: alone it flags nothing;
    # the lead it stands in weighs as a medium marker
    a = stage.analyse(HERBALISM)
    assert a.spun
    assert [h.marker.id for h in a.markers] == ["spin.marker.b.lead_is_usually"]
    assert "Herbalism is a branch of folk medicine" in stage(Document("h", HERBALISM)).text


@pytest.mark.parametrize(
    "text",
    [
        "The value can be a list of names or a single name.",  # no term: a determiner
        "Tea is definitely a drink for cold mornings.",  # no 'of' after the class noun
        "Fatigue is often the first sign of anemia.",  # 'is often' is not a spinner's hedge
        "In the end, it can be a matter of taste.",  # a preposition, then a clause
        "Option mode can be the name of a colour scheme.",  # a value's modal, not a definition
        "Return the payload, which will be a list of parts.",  # a clause in the subject
        "She was also recognized as Coach of the Year.",  # no term before the alias
        "Tea, also recognized as a cure for colds, is drunk hot.",  # an article follows
    ],
)
def test_ordinary_hedged_sentences_are_no_lead(stage: DespinStage, text: str) -> None:
    assert lead.find(text) == []
    assert not stage.analyse(text).spun
    assert stage(Document(id="clean", text=text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # a day, a month or a time word is when something happens, not a term
        "Saturday will be the last day of the book fair at the town hall.",
        "Tomorrow will be the start of the grape harvest in the valley.",
        "Next year will be the tenth anniversary of the festival.",
        "March would be the busiest month of the year for the ferry.",
        # a person's new post, or a first: news of someone, not a definition
        "Ortega will be the new captain of the team when the season starts.",
        "Maria would be the first woman of her village to study law.",
        "Lindqvist might be the only member of the board to vote against it.",
        "Westfield will be the 50th member of the regional league.",
        # a noun that opens a content clause ("the trouble is that ...")
        "Trouble is that the price of bread keeps rising every month.",
        "Problem is that the rest of the crew never got the message.",
        "Ortega's view is that the price of bread will fall this winter.",
        "Maria's argument is that the rest of the town agrees with her.",
    ],
)
def test_announcements_and_news_are_no_lead(stage: DespinStage, text: str) -> None:
    assert lead.find(text) == []
    assert not stage.analyse(text).spun
    assert stage(Document(id="clean", text=text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # a hedge or a modal before a noun of amount, source or sign is ordinary English
        "Coffee can be a source of comfort on cold mornings.",
        "Fatigue can be a sign of many illnesses, not only anemia.",
        "Lunch is usually a bowl of soup and a slice of bread.",
        "Cooking is really a matter of patience and good butter.",
        "Arguing would be a waste of everybody's time.",
        "Gardening is definitely a lot of work in the spring.",
        # a day's possessive is still a day
        "Friday's meeting will be a review of the budget.",
    ],
)
def test_ordinary_hedged_collocations_are_no_lead(stage: DespinStage, text: str) -> None:
    assert lead.find(text) == []
    assert stage(Document(id="clean", text=text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # "recognized as" praising a place or a person ("acknowledged as") is no alias
        "Kenya, recognized as Africa's greatest running nation, sent forty athletes to the "
        "championships this year, and most of them came home with medals.",
        "Lagos, commonly recognized as Nigeria's commercial capital, hosted the trade fair "
        "again this year with more visitors than ever before.",
        "Ortega, also recognized as finest young chef of the region, opened a second "
        "restaurant in the old town last spring.",
    ],
)
def test_recognized_as_praise_is_no_alias(stage: DespinStage, text: str) -> None:
    assert lead.find(text) == []
    assert stage(Document(id="clean", text=text)).text == text


def test_a_long_text_is_not_weighed(stage: DespinStage) -> None:
    filler = " ".join(["The ice moves slowly down the valley every year."] * 35)
    text = GLACIOLOGY + "\n" + filler
    assert lead.find(text)  # the lead is there, but the text has 300 words or more
    assert not stage.analyse(text).spun
    assert stage.fast_scores(text) is not None


def test_the_fast_scorer_leaves_a_lead_to_the_full_analysis(stage: DespinStage) -> None:
    assert stage.fast_scores(GLACIOLOGY) is None
    assert _stage(False).fast_scores(GLACIOLOGY) is not None


def test_a_lead_overlapping_a_marker_as_heavy_is_left_out() -> None:
    from textclean.stages.despin.markers import MEDIUM_WEIGHT, Hit, Marker

    text = "Histology is that the study of tissues."
    same = Hit(10, 21, Marker("m", "c", MEDIUM_WEIGHT, "is that the", "is the"))
    assert hedged_leads(text, (same,)) == (same,)
    light = Hit(10, 21, Marker("m", "c", 0.0, "is that the", "is the"))
    assert [h.marker.id for h in hedged_leads(text, (light,))] == ["spin.marker.c.lead_is_that"]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "Gout, likewise called gouty arthritis, is a painful swelling of the joints that "
            "comes and goes in short attacks over many years.",
            "Gout, also called gouty arthritis,",
        ),
        (
            "Scurvy (otherwise called scorbutus) is an illness that sailors once got on long "
            "voyages when their food held too little fresh fruit.",
            "Scurvy (also known as scorbutus)",
        ),
    ],
)
def test_the_paraphrasers_alias_clause_flags_and_is_restored(
    stage: DespinStage, text: str, fixed: str
) -> None:
    # markers.tsv: the paraphrasing tool writes 'likewise called' for also called and
    # 'otherwise called' for also known as (restored so: every real pair with it reads
    # 'also known as'); English writes 'otherwise known as'
    a = stage.analyse(text)
    assert a.spun and [h.marker.family for h in a.markers] == ["d"]
    assert fixed in stage(Document(id="alias", text=text)).text


def test_otherwise_known_as_is_english(stage: DespinStage) -> None:
    text = (
        "The three of them, otherwise known as the night shift, kept the bakery running "
        "through the winter while the owners were away."
    )
    assert not stage.analyse(text).markers
    assert stage(Document(id="clean", text=text)).text == text


def test_a_short_texts_markers_decide_over_its_ordinary_synonyms() -> None:
    # Five ordinary synonyms (T2 entries) reach the short-breadth and density rules, which
    # hold such a text back when it has no marker (ordinary_only); its marker no longer
    # lifts that hold: the markers flag it by their own rules (here a medium marker with
    # evidence, so its T2 words need the odds of a text flagged on its markers alone)
    cfg = Config()
    off = dataclasses.replace(cfg.despin, light_threshold=0.0, light_long_threshold=0.0)
    stage = build(dataclasses.replace(cfg, despin=off), RulePack.load())
    text = (
        "Gout, likewise called gouty arthritis, is a painful swelling of the joints. Doctors "
        "utilize cash from grants to study it, and they guarantee that patients affirm each "
        "dose. Presently a couple of extra tests help, owing to varied causes of the attacks."
    )
    a = stage.analyse(text)
    assert a.spun and a.markers_only
    assert "Gout, also called gouty arthritis" in stage(Document(id="gout", text=text)).text
