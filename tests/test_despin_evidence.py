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


@pytest.mark.parametrize(
    "tail",
    [
        "A retired teacher said arsenic levels in the well were tested, and a caller to the "
        "radio show asked about radical change.\n",
        # "helium", "iodine" after an article or before a chemistry noun are the elements,
        # not the spinner's "he" and "I" (rules/spin/context.tsv, spin.ctx.wn.*.keep*)
        "The hospital said a helium shortage had doubled the price of its scans, and the "
        "school handed out iodine tablets after radioactive iodine was found in the milk.\n",
    ],
)
def test_genuine_senses_stay_in_a_flagged_document(stage: DespinStage, tail: str) -> None:
    # the spun report flags the document; the sentence after it uses the words genuinely
    doc = stage(Document("c", SPUN + tail))
    assert doc.scores["spun"] is True
    assert doc.text.endswith(tail)


def test_decimal_edit_names_its_rule(stage: DespinStage) -> None:
    doc = stage(Document("c", SPUN))
    (edit,) = [e for e in doc.edits if e.before == "three.9"]
    assert edit.after == "3.9" and edit.rule == "spin.en.t1.number_word_decimal"


def test_evidence_alone_flags_and_can_be_turned_off() -> None:
    no_density = Config().replace(despin={"threshold": 1e6, "markers": False, "sense_flag": False})
    no_either = no_density.replace(
        despin={"evidence_threshold": 0.0, "light_threshold": 0.0, "light_long_threshold": 0.0}
    )
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


def test_a_sentence_glued_to_a_small_number_is_no_decimal(stage: DespinStage) -> None:
    """A capital after the point starts the next sentence ("round 10.Nine teams"): in a
    flagged document it stays as written, while "4.two" is restored."""
    tail = "They lost in round 10.Nine teams are left. It cost 4.two million dollars.\n"
    doc = stage(Document("c", SPUN + tail))
    assert doc.scores["spun"] is True
    assert doc.text.endswith(
        "They lost in round 10.Nine teams are left. It cost 4.2 million dollars.\n"
    )


# A library opening written for these tests, and the same text after a light synonym
# spin: a dozen ordinary swaps ("venture" for project, "vast" for large, "whereas" for
# while, "examine" for study), none of them ten times less likely than its original in
# context except four, so neither the density nor the evidence rule flags it.
LIBRARY = (
    "The new public library on the east side of the town opened its doors on Saturday "
    "morning, and hundreds of families came to see the building. The mayor said the project "
    "had taken four years to finish and cost less than the council expected. Children played "
    "in a large reading room while their parents looked at the shelves, and a small group of "
    "students asked the staff about the computers on the second floor. The library will be "
    "open every day except Monday, and it will offer free classes for adults who want to "
    "learn a new skill. Local writers will read from their books each month, and a music "
    "program for young people is planned for the summer. Several residents said they had "
    "waited a long time for the town to build a place where people of every age could meet, "
    "study and rest.\n"
)
_LIGHT = [
    ("the project had", "the venture had"),
    ("the council expected", "the council anticipated"),
    ("a large reading room while", "a vast studying room whereas"),
    ("group of students asked", "group of pupils requested"),
    ("open every day", "open each day"),
    ("free classes", "free lessons"),
    ("who want to", "who need to"),
    ("to build a place", "to construct a place"),
    ("could meet, study and rest", "might meet, examine and remainder"),
]
LIGHT_SPUN = LIBRARY
for _orig, _spun in _LIGHT:
    LIGHT_SPUN = LIGHT_SPUN.replace(_orig, _spun)
# the same spin with two swaps more ("scholars", "younger"): five entries with evidence
BREADTH_SPUN = LIGHT_SPUN.replace("of pupils", "of scholars").replace(
    "for young people", "for younger people"
)


def test_a_light_spin_is_flagged_by_its_light_evidence(stage: DespinStage) -> None:
    assert LIGHT_SPUN.count(" ") - LIBRARY.count(" ") == 0  # word for word
    cfg = Config().despin
    clean = stage.analyse(LIBRARY)
    assert clean.spun is False and clean.light < cfg.light_threshold / 2
    a = stage.analyse(LIGHT_SPUN)
    assert a.words < cfg.score_min_words
    assert a.evidence < cfg.evidence_threshold and a.evidence_distinct < cfg.evidence_min_distinct
    assert a.light >= cfg.light_threshold
    doc = stage(Document("l", LIGHT_SPUN))
    assert doc.scores["spun"] is True and doc.scores["spin_flag"] == "light"
    assert stage.fast_scores(LIGHT_SPUN) is None  # the fast scorer leaves it to the analysis
    assert stage.fast_scores(LIBRARY) == clean.scores()
    off = build(Config().replace(despin={"light_threshold": 0.0}), RulePack.load())
    assert off(Document("l", LIGHT_SPUN)).scores["spun"] is False


# A second paragraph written for these tests, and three light swaps in it ("golf
# equipment" for clubs, "have been unhappy" for were sad, "bigger" for larger): with the
# library opening spun as above, a text of more than score_min_words words.
SECOND = (
    "The old library on Mill Lane will close at the end of the month. The council plans to "
    "turn the building into a community centre with a cafe and rooms for local clubs. Some "
    "of the older books will move to the new library, and the rest will be given to schools "
    "in the area. Volunteers who have worked at the old library for many years said they were "
    "sad to see it close, but glad that the town now has a larger and brighter place to read.\n"
)
SECOND_SPUN = (
    SECOND.replace("rooms for local clubs", "rooms for native golf equipment")
    .replace("were sad", "have been unhappy")
    .replace("a larger and brighter", "a bigger and brighter")
)


def test_a_long_light_spin_is_flagged_by_the_long_text_rule() -> None:
    """Over score_min_words words the light evidence is a rate over the text's own
    words: a lower threshold (light_long_threshold), with a spin_score beside it, flags
    the long light spin whose light evidence stays under light_threshold. The rule is
    opt-in (a blind clean text reached its old default, docs/despin.md): switched on
    here with that default, 42."""
    config = Config().replace(despin={"light_long_threshold": 42.0})
    stage = build(config, RulePack.load())
    cfg = config.despin
    clean_text, spun_text = LIBRARY + SECOND, LIGHT_SPUN + SECOND_SPUN
    clean = stage.analyse(clean_text)
    assert clean.spun is False and clean.light < cfg.light_long_threshold / 2
    a = stage.analyse(spun_text)
    assert a.words >= cfg.score_min_words
    assert cfg.light_long_threshold <= a.light < cfg.light_threshold
    assert a.score >= cfg.light_long_min_score
    assert a.evidence < cfg.evidence_threshold and a.score < cfg.threshold
    doc = stage(Document("l", spun_text))
    assert doc.scores["spun"] is True and doc.scores["spin_flag"] == "light"
    assert stage.fast_scores(spun_text) is None  # the fast scorer leaves it to the analysis
    assert stage.fast_scores(clean_text) == clean.scores()
    for off in ({"light_long_threshold": 0.0}, {"light_long_min_score": a.score + 1}):
        other = build(config.replace(despin=off), RulePack.load())
        assert other(Document("l", spun_text)).scores["spun"] is False
        assert other.fast_scores(spun_text) == other.analyse(spun_text).scores()
    # with the defaults the long-text rule is off, and the same text stays unflagged
    assert Config().despin.light_long_threshold == 0.0
    assert build(Config(), RulePack.load())(Document("l", spun_text)).scores["spun"] is False


def test_a_short_text_with_five_evidence_entries_is_flagged() -> None:
    # the swaps are all ordinary synonyms (T2 entries), which the scores rules hold back
    # under ordinary_evidence_threshold (tests/test_despin_register.py): the rule is
    # tried here with that condition off, and with the stage's defaults below
    no_light = Config().replace(despin={"light_threshold": 0.0, "ordinary_evidence_threshold": 0.0})
    stage = build(no_light, RulePack.load())
    a = stage.analyse(BREADTH_SPUN)
    cfg = no_light.despin
    assert a.words < cfg.score_min_words and a.evidence < cfg.evidence_threshold
    assert a.evidence_distinct >= cfg.evidence_min_distinct
    assert a.spun is True and "spin_flag" not in a.scores()
    assert stage.fast_scores(BREADTH_SPUN) is None
    off = no_light.replace(despin={"short_breadth": False})
    assert build(off, RulePack.load())(Document("b", BREADTH_SPUN)).scores["spun"] is False
    # with the defaults its scores are held back, and its light evidence flags it
    doc = build(Config(), RulePack.load())(Document("b", BREADTH_SPUN))
    assert doc.scores["spun"] is True and doc.scores["spin_flag"] == "light"
