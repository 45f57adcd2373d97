"""Spinner-family markers of the Spinbot-style spinner (family b), more of the
paraphrasing tool's function phrases (family d) and of the WordNet-sense spinner's
definitions (family c), and the repair of a short text its markers alone flag
(``markers_only_t1_families``).

Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from textclean.config import Config, ConfigError, DespinConfig
from textclean.document import Document
from textclean.stages.despin import markers as mk
from textclean.stages.despin.stage import DespinStage, build

#: A short definition as a Spinbot-style spinner rewrites it: fillers before a definition
#: ("is really a"), "typically the" for the, "while using" for with, "associated with"
#: for of after a definitional noun.
B_SPUN = (
    "Glaciology is really a branch of earth science. Meltwater in typically the summer "
    "months reacts while using the rock beneath the ice, and the study associated with "
    "rivers is young."
)
B_RESTORED = (
    "Glaciology is a branch of earth science. Meltwater in the summer months reacts with "
    "the rock beneath the ice, and the study of rivers is young."
)
#: The paraphrasing tool's function phrases beside its word-for-word swaps.
D_SPUN = (
    "Cholera is an irresistible disease of the gut. At the point when the germ spreads to "
    "other pieces of the body, the pain grows worse; be that as it may, most patients "
    "recover."
)
D_RESTORED = (
    "Cholera is an infectious disease of the gut. When the germ spreads to other parts of "
    "the body, the pain grows worse; however, most patients recover."
)
#: The WordNet-sense spinner's definition ("could be a" for is a, "a number one" for a
#: leading, "of your time" for of time).
C_SPUN = (
    "Asthma could be a chronic disease of the airways. It is a number one source of missed "
    "school days, and it lasts over an extended period of your time."
)
#: Clean English that writes these markers' words in their ordinary senses.
CLEAN = [
    "This could be the study that settles the question, and it is really a process of patience.",
    "We met in a very busy week, typically the last one before the holidays.",
    "The app drained the battery while using the camera, and the study of rivers went on.",
    "The firm stayed open contingent upon a new loan, or something along these lines.",
    "Be that as it may, the vote passed and the council went home.",
    "The dessert was irresistible, and the children ate every piece of the cake.",
    "A study associated with the university found the missing pieces of the puzzle.",
    "They sat together having lunch, and with the deal having been signed, they left.",
    "The treatment works best at the point when the fever starts, the nurse said.",
    "The song was a number one hit, and the cause of death was never found.",
    "She spent a long period of time abroad, and she thanked us for our time.",
    "The patient is in jeopardy, and the doctor was referred to as the best in town.",
]


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), None)


def _families(stage: DespinStage, text: str) -> dict[str, float]:
    return mk.family_scores(stage.analyse(text).markers)


def test_a_short_spinbot_rewrite_is_flagged_and_restored(stage: DespinStage) -> None:
    a = stage.analyse(B_SPUN)
    assert len(a.keys) < stage.config.score_min_words
    assert _families(stage, B_SPUN)["b"] >= mk.FLAG_WEIGHT
    assert a.spun and a.markers_only
    doc = stage(Document("b", B_SPUN))
    assert doc.text == B_RESTORED
    assert {e.rule for e in doc.edits} == {
        "spin.marker.b.is_really_a",
        "spin.marker.b.typically_the",
        "spin.marker.b.while_using",
        "spin.marker.b.associated_with_of",
    }


def test_the_paraphrasers_function_phrases_are_restored_with_its_terms(
    stage: DespinStage,
) -> None:
    # two strong markers flag it; the repair-only ones ("at the point when", "be that as
    # it may": idioms English also writes) are restored because the family vouches
    assert _families(stage, D_SPUN)["d"] >= mk.FLAG_WEIGHT
    doc = stage(Document("d", D_SPUN))
    assert doc.text == D_RESTORED


def test_the_wordnet_spinners_definitions_are_restored(stage: DespinStage) -> None:
    assert _families(stage, C_SPUN)["c"] >= mk.FLAG_WEIGHT
    doc = stage(Document("c", C_SPUN))
    assert doc.text.startswith("Asthma is a chronic disease of the airways. It is a leading ")
    assert doc.text.endswith(" period of time.")  # "of your time" restored


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_with_these_markers_words_is_left_alone(stage: DespinStage, text: str) -> None:
    doc = stage(Document("c", text))
    assert doc.scores["spun"] is False
    assert doc.edits == []
    assert max(_families(stage, text).values(), default=0.0) == 0.0


def test_one_repair_only_marker_does_not_flag_a_short_text(stage: DespinStage) -> None:
    text = "Be that as it may, the river rose at the point when the snow melted."
    a = stage.analyse(text)
    # two distinct repair-only markers of one family flag a short text weakly ...
    assert a.spun and a.short_markers
    # ... one does not
    one = "Be that as it may, the river rose when the snow melted in spring."
    assert not stage.analyse(one).spun


def test_a_short_text_its_markers_alone_flag_keeps_its_t2_words() -> None:
    """A short text that the Spinbot-style spinner's markers alone flag gets its markers
    and T1 entries restored, none of the thesaurus spinner's T2/T3 matches; with
    ``markers_only_t1_families = []`` the T2/T3 odds (ten times the usual) decide again."""
    text = (
        "Glaciology is really a branch of earth science. Meltwater in typically the summer "
        "months reacts while using the rock, the researchers stated, and the study "
        "associated with rivers is young."
    )
    on = build(Config(), None)
    off = build(Config().replace(despin={"markers_only_t1_families": []}), None)
    a = on.analyse(text)
    assert a.spun and a.markers_only and not a.short_markers
    kept = on(Document("d", text))
    assert "researchers stated" in kept.text
    assert all(e.rule.startswith("spin.marker.") for e in kept.edits)
    weighed = off(Document("d", text))
    assert "researchers said" in weighed.text
    assert any(not e.rule.startswith("spin.marker.") for e in weighed.edits)


def test_the_families_setting_names_marker_families() -> None:
    assert DespinConfig().markers_only_t1_families == ("b", "c")
    assert (
        Config().replace(despin={"markers_only_t1_families": []}).despin.markers_only_t1_families
        == ()
    )
    with pytest.raises(ConfigError):
        DespinConfig(markers_only_t1_families=("",))


def test_the_marker_check_names_the_clean_texts_a_marker_would_flag() -> None:
    from bench.despin.marker_check import check

    index = mk.MarkerIndex.of(
        [
            mk.Marker("spin.marker.b.x", "b", 1.0, "typically the", "the", "in", "word"),
            mk.Marker("spin.marker.d.y", "d", 0.0, "be that as it may", "however"),
            mk.Marker("spin.marker.d.z", "d", 0.0, "at the point when", "when"),
        ]
    )
    docs = [
        ("weighing", "We walked home in typically the rain."),
        ("two", "Be that as it may, the bus came at the point when we left."),
        ("one", "Be that as it may, the bus came late."),
        ("ordinary", "Typically the bus is late, and we walk in the rain."),
    ]
    lines, bad = check([("set", docs)], index, None, 150)
    assert bad == 2
    assert lines[0] == "set: 4 texts, 1 with a weighing marker, 1 short with two of one family"
    assert any(line.startswith("  weighing  weighing:") for line in lines)
    assert any(line.startswith("  two       two (") for line in lines)
    # only family b: the two repair-only markers of family d are not looked at
    assert check([("set", docs)], index, {"b"}, 150)[1] == 1
    # a long text may hold two repair-only markers (the short-text rule needs a short text)
    assert check([("set", docs[1:2])], index, None, 5)[1] == 0
