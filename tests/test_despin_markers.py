"""Spinner-family markers (rules/spin/markers*.tsv, textclean/stages/despin/markers.py).

Every text here was written for these tests.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import markers as mk
from textclean.stages.despin.stage import DespinStage, build
from textclean.stages.despin.table import check_spin_file, load_tables

ROOT = Path(__file__).resolve().parents[1]
MARKER_FILES = sorted((ROOT / "rules" / "spin").glob("markers*.tsv"))

#: A short definition as the WordNet-sense spinner rewrites it (written for this test).
SPUN = (
    "Cryobiology is that the study of living things at low temperatures. "
    "Frozen cells square measure fragile, and they ar damaged by ice. "
    "It is one in every of the oldest fields of Associate in Nursing applied science."
)
RESTORED = (
    "Cryobiology is the study of living things at low temperatures. "
    "Frozen cells are fragile, and they are damaged by ice. "
    "It is one of the oldest fields of an applied science."
)
#: Clean English that writes the markers' words in their ordinary senses.
CLEAN = [
    "She earned an associate degree in nursing before moving to the city hospital.",
    "The problem is that the study of old records takes years. The result is that the "
    "archive stays closed during a long review.",
    "An acre is a square measure of land; the old tables list it with the rood.",
    "The AR headset shows the map, and the ar command packs object files into archives.",
    "Volunteers may be a help in a very busy week, and one of them is also a nurse.",
    "The partners are liable jointly and severally for the debt, and the court said so.",
    "Beryllium is a light metal, and exposure to beryllium dust can harm the lungs.",
    "The helium balloon rose; liquid helium is colder still, and iodine is added to salt.",
    "She drove from Oregon to Idaho, and the lens resolved features of one angstrom scale.",
]
#: The WordNet-sense spinner's element names and symbols for function words (written for
#: this test), and what they stand for.
ELEMENTS = (
    "The mayor said the road would beryllium closed, and helium said the work could wait. "
    "Tomorrow iodine think the market opens at nine oregon ten, and the fee is angstrom bargain."
)
ELEMENTS_RESTORED = (
    "The mayor said the road would be closed, and he said the work could wait. "
    "Tomorrow I think the market opens at nine or ten, and the fee is a bargain."
)


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return build(Config(), None)


def test_the_marker_files_parse_without_errors() -> None:
    assert MARKER_FILES
    for path in MARKER_FILES:
        assert check_spin_file(path) == []


def test_the_built_in_pack_loads_the_markers() -> None:
    markers = load_tables(RulePack.load(Config().rules)).markers
    families = {m.family for m in markers}
    assert {"c", "d"} <= families
    assert all(m.source == "general" or m.source.startswith("real:") for m in markers)


def test_a_short_wordnet_spin_is_flagged_by_its_markers(stage: DespinStage) -> None:
    a = stage.analyse(SPUN)
    assert a.spun is True
    assert mk.family_scores(a.markers)["c"] >= mk.FLAG_WEIGHT
    assert a.markers_only  # neither spin_score nor spin_evidence flags it


def test_a_flagged_wordnet_spin_gets_its_function_words_back(stage: DespinStage) -> None:
    doc = stage(Document("d", SPUN))
    assert doc.text == RESTORED
    rules = {e.rule for e in doc.edits}
    assert "spin.marker.c.square_measure" in rules
    assert "spin.marker.c.is_that_the" in rules  # repair-only: the family vouches for it


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_with_the_markers_words_is_left_alone(stage: DespinStage, text: str) -> None:
    doc = stage(Document("c", text))
    assert doc.scores["spun"] is False
    assert doc.edits == []
    assert (
        mk.family_scores(mk.find(text, load_tables(RulePack.load(Config().rules)).markers)).get(
            "c", 0.0
        )
        < mk.REPAIR_WEIGHT
    )


def test_conditions_read_the_neighbouring_words() -> None:
    ar = mk.Marker("spin.marker.t.ar", "c", 1.0, "ar", "are", "subj", "word", "lower")
    assert [h.start for h in mk.find("cells ar small", [ar])] == [6]
    assert mk.find("cells AR small", [ar]) == []  # lower case only
    assert mk.find("programs ar, tar", [ar]) == []  # punctuation: no next word
    assert mk.find("the ar small", [ar]) == []  # not a subject
    an = mk.Marker("spin.marker.t.an", "c", 1.0, "associate degree", "an", "!det", "vowel")
    assert len(mk.find("is associate degree organism", [an])) == 1
    assert mk.find("an associate degree organism", [an]) == []  # after a determiner
    assert mk.find("is associate degree program", [an]) == []  # not a vowel


def test_a_repair_only_marker_needs_its_family_vouching() -> None:
    weak = mk.Marker("spin.marker.t.itt", "c", 0.0, "is that the", "is the")
    strong = mk.Marker("spin.marker.t.sm", "c", 1.0, "square measure", "are")
    text = "X is that the study. Cells square measure small."
    alone = mk.find("X is that the study.", [weak, strong])
    assert mk.changes("X is that the study.", alone, [], 0.0) == []
    both = mk.find(text, [weak, strong])
    assert [c[2] for c in mk.changes(text, both, [], 0.0)] == ["is the", "are"]
    # a span another repair took is left to it
    assert [c[2] for c in mk.changes(text, both, [(2, 13)], 0.0)] == ["are"]


def test_leaving_out_a_pair_drops_the_markers_only_it_taught() -> None:
    one = mk.Marker("spin.marker.t.one", "d", 0.5, "x y", "z", source="real:p1")
    two = mk.Marker("spin.marker.t.two", "d", 0.5, "u v", "w", source="real:p1|real:p2")
    left = mk.without_source([one, two], "real:p1")
    assert [(m.id, m.source) for m in left] == [("spin.marker.t.two", "real:p2")]
    assert left[0].weight == 0.0  # one pair left: repair-only, as the learner makes it


def test_markers_change_nothing_on_the_prose_corpus(stage: DespinStage) -> None:
    markers = load_tables(RulePack.load(Config().rules)).markers
    texts = sorted((ROOT / "tests" / "data" / "prose").rglob("*.txt"))
    assert texts
    for path in texts:
        text = path.read_text(encoding="utf-8")
        hits = mk.find(text, markers)
        assert not mk.flags(hits, support=99), path.name
        assert max(mk.family_scores(hits).values(), default=0.0) < mk.REPAIR_WEIGHT, path.name


def test_one_phrase_may_carry_several_markers_with_their_own_conditions() -> None:
    any_ = mk.Marker("spin.marker.t.mba", "c", 0.0, "may be a", "is a")
    definition = mk.Marker("spin.marker.t.mbab", "c", 0.5, "may be a", "is a", next="branch")
    hits = mk.find("Botany may be a branch of biology. It may be a help.", [any_, definition])
    assert [h.marker.id for h in hits] == ["spin.marker.t.mbab", "spin.marker.t.mba"]


def test_markers_can_be_turned_off() -> None:
    off = build(Config().replace(despin={"markers": False}), None)
    a = off.analyse(SPUN)
    assert a.markers == ()
    assert not any(e.rule.startswith("spin.marker.") for e in off(Document("d", SPUN)).edits)


def test_the_learned_markers_are_up_to_date() -> None:
    from bench.despin.real import learn_markers

    assert learn_markers.main(["--check"]) == 0


def test_a_document_flagged_on_its_markers_alone_is_not_scored_by_the_fast_path(
    stage: DespinStage,
) -> None:
    # the fast scorer knows the reverse tables only: a text its markers flag must go
    # to the full analysis (same scores, and repaired), not be scored as unflagged
    assert stage.analyse(SPUN).markers_only
    assert stage.fast_scores(SPUN) is None
    doc = stage(Document("d", SPUN))
    assert doc.scores["spun"] is True and doc.text == RESTORED


#: A short definition with one medium marker and three thesaurus swaps whose originals
#: are far likelier in context (written for this test).
MEDIUM_SPUN = (
    "Geomorphology is that the study of landforms. In the last decade, the survey of "
    "rivers grew greater than a yr before the press convention, and its historical past "
    "is long."
)


def test_a_medium_marker_with_evidence_flags_and_is_restored(stage: DespinStage) -> None:
    a = stage.analyse(MEDIUM_SPUN)
    assert mk.family_scores(a.markers) == {"c": mk.MEDIUM_WEIGHT}
    assert a.evidence >= mk.EVIDENCE_SUPPORT and a.spun and a.markers_only
    doc = stage(Document("d", MEDIUM_SPUN))
    assert doc.text.startswith("Geomorphology is the study of landforms.")
    assert "spin.marker.c.is_that_the" in {e.rule for e in doc.edits}
    # without the marker the same evidence flags nothing: the marker carries the decision
    plain = MEDIUM_SPUN.replace("is that the", "is the")
    assert stage.analyse(plain).spun is False


def test_the_stage_indexes_its_markers_once(stage: DespinStage) -> None:
    index = stage.marker_index
    assert isinstance(index, mk.MarkerIndex)
    markers = stage.tables.markers
    for text in [SPUN, MEDIUM_SPUN, *CLEAN]:
        assert mk.find(text, index) == mk.find(text, markers)
        assert mk.may_flag(text, index) is mk.may_flag(text, markers)
    assert stage.analyse(SPUN).markers == tuple(mk.find(SPUN, index))


def test_the_screen_passes_every_text_where_a_weighing_marker_is_found(
    stage: DespinStage,
) -> None:
    """``may_flag`` may only say False where ``find`` finds no marker that weighs, and
    ``screen_weight`` bounds the weight of the family ``find``'s hits weigh most: across
    punctuation, line breaks, tabs, capitals and other scripts around the markers."""
    index = stage.marker_index
    assert index is not None
    weighing = [m for m in stage.tables.markers if m.weight > 0][:40]
    frames = [
        "{}",
        "Cells {} small.",
        "(“{}”) — ok",
        "ÉTÉ:\t{}\tÉTÉ",
        "x.{},y",
        "Straße {} café",
    ]
    found = 0
    for m in weighing:
        for spun in (m.spun, m.spun.upper(), m.spun.title(), m.spun.replace(" ", " \t ")):
            for frame in frames:
                for before in ("", "they ", "the ", "a "):
                    text = frame.format(before + spun + " apple")
                    hits = mk.find(text, index)
                    if any(h.marker.weight > 0 for h in hits):
                        found += 1
                        assert mk.may_flag(text, index), text
                    best = max(mk.family_scores(hits).values(), default=0.0)
                    assert mk.screen_weight(text, index) + 1e-6 >= best, text
    assert found > len(weighing)  # the frames let most markers be found
    for text in (SPUN, MEDIUM_SPUN, " ".join(f"they {m.spun} apple." for m in weighing)):
        best = max(mk.family_scores(mk.find(text, index)).values())
        assert mk.flags_at(best) is mk.flags(mk.find(text, index))
        assert mk.screen_weight(text, index) + 1e-6 >= best > 0
    assert not mk.may_flag(CLEAN[0].replace("associate degree", "associated degrees"), index)


def test_one_strong_marker_flags_a_short_text_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """No clean text of any corpus holds a weighing marker, so a strong one flags by itself
    (``SUPPORT_MIN`` 0): a one-sentence definition has no reverse-table hit to support it."""
    text = (
        "Glaciers ar shrinking in the northern ranges each summer, and meltwater fills the lakes."
    )
    stage = build(Config(), None)
    doc = stage(Document("d", text))
    assert doc.scores["spun"] is True
    assert doc.scores["spin_distinct"] == 0
    assert doc.text.startswith("Glaciers are shrinking in the northern ranges")
    assert "spin_flag" not in doc.scores  # flagged by the marker rule, not weakly
    monkeypatch.setattr(mk, "SUPPORT_MIN", 2)
    # needing support, the marker rule does not flag it; the short-text rule (a marker
    # weighing at least MEDIUM_WEIGHT in a short text) still does, weakly
    weak = build(Config(), None)(Document("d", text))
    assert weak.scores["spin_flag"] == "short_markers"
    monkeypatch.setattr(mk, "MEDIUM_WEIGHT", 2.0)
    monkeypatch.setattr(mk, "SHORT_DISTINCT", 2)
    assert build(Config(), None)(Document("d", text)).text == text


def test_element_names_for_function_words_are_restored(stage: DespinStage) -> None:
    """ "beryllium" for *be* after a modal, "helium" for *he* before a verb of saying,
    "iodine" for *I* before a first-person verb, lower-case "oregon" for *or* between
    words, "angstrom" for *a* where an article stands: each is a strong marker."""
    for alone in (
        "The road would beryllium closed for a week.",
        "After the vote, helium said the work could wait.",
        "Tomorrow iodine think the market opens early.",
        "The market opens at nine oregon ten in winter.",
        "The entry fee is angstrom bargain this year.",
    ):
        assert stage(Document("d", alone)).scores["spun"] is True, alone
    doc = stage(Document("d", ELEMENTS))
    assert doc.text == ELEMENTS_RESTORED
    assert {e.rule for e in doc.edits} == {
        "spin.marker.c.beryllium_be",
        "spin.marker.c.helium_he",
        "spin.marker.c.iodine_i",
        "spin.marker.c.oregon_or",
        "spin.marker.c.angstrom_a",
    }


#: A short definition with two repair-only markers of the WordNet-sense family and a
#: thesaurus swap (written for this test): no score flags it, and neither marker alone.
SHORT_SPUN = (
    "A glacier may be a slow river of ice. It grows during a cold winter, "
    "and it carves broad valleys with its enormous weight."
)


def test_two_markers_of_one_family_flag_a_short_text_weakly(stage: DespinStage) -> None:
    a = stage.analyse(SHORT_SPUN)
    assert len(a.keys) < stage.config.score_min_words
    assert {h.marker.id for h in a.markers} == {"spin.marker.c.may_be_a", "spin.marker.c.during_a"}
    assert mk.family_scores(a.markers) == {"c": 0.0}  # both repair-only
    assert a.spun and a.markers_only and a.short_markers
    # the fast scorer leaves it to the full analysis, which flags and repairs it
    assert stage.fast_scores(SHORT_SPUN) is None
    doc = stage(Document("d", SHORT_SPUN))
    assert doc.scores["spin_flag"] == "short_markers"
    assert doc.text.startswith("A glacier is a slow river of ice. It grows in a cold winter,")
    # a weak flag restores the markers (and T1 entries) only: "enormous" stays
    assert "enormous" in doc.text
    assert {e.rule for e in doc.edits} == {"spin.marker.c.may_be_a", "spin.marker.c.during_a"}
    assert all(e.evidence.get("flag") == "short_markers" for e in doc.edits)


def test_the_short_text_rule_needs_a_short_text_and_two_markers(stage: DespinStage) -> None:
    # one repair-only marker in a short text: not flagged
    one = SHORT_SPUN.replace("during a", "in a")
    assert not stage.analyse(one).spun
    assert stage.fast_scores(one) is not None
    # the same two markers in a text of short_markers_words words or more: not
    # flagged, and the fast scores are its scores
    filler = " ".join(["Snow falls on the peaks, and the melt feeds the lakes below them."] * 25)
    long_ = SHORT_SPUN + " " + filler
    a = stage.analyse(long_)
    assert len(a.keys) >= stage.config.short_markers_words and len(a.markers) == 2
    assert not a.spun and not a.short_markers
    assert stage.fast_scores(long_) == a.scores()
    assert "spin_flag" not in a.scores()


def test_two_markers_flag_a_text_under_short_markers_words(stage: DespinStage) -> None:
    """Between score_min_words and short_markers_words words the two markers still flag
    weakly (no clean text that short holds two markers of one family); with the bound
    set to score_min_words they do not."""
    filler = " ".join(["Snow falls on the peaks, and the melt feeds the lakes below them."] * 12)
    text = SHORT_SPUN + " " + filler
    a = stage.analyse(text)
    cfg = stage.config
    assert cfg.score_min_words <= len(a.keys) < cfg.short_markers_words
    assert a.spun and a.short_markers and not a.light_flag
    assert stage.fast_scores(text) is None  # the fast scorer leaves it to the analysis
    doc = stage(Document("d", text))
    assert doc.scores["spin_flag"] == "short_markers"
    assert doc.text.startswith("A glacier is a slow river of ice. It grows in a cold winter,")
    bound = Config().replace(despin={"short_markers_words": cfg.score_min_words})
    other = build(bound, RulePack.load())
    assert not other.analyse(text).spun
    assert other.fast_scores(text) == other.analyse(text).scores()


def test_a_medium_marker_alone_flags_a_short_text_weakly(stage: DespinStage) -> None:
    text = "Geomorphology is that the study of landforms and the forces that shape them."
    a = stage.analyse(text)
    assert a.evidence < mk.EVIDENCE_SUPPORT and a.spun and a.short_markers
    doc = stage(Document("d", text))
    assert doc.text == text.replace("is that the", "is the")
    # clean English that writes the words after a noun the marker excludes stays
    clean = "The point is that the study of landforms is young, and the forces are old."
    assert not stage.analyse(clean).spun


def test_the_short_screen_passes_every_text_the_short_rule_flags(stage: DespinStage) -> None:
    """``may_short_flag`` may only say False where the markers ``find`` finds do not
    flag a short text: for pairs of markers of one family (repair-only ones too) in
    frames of punctuation, capitals, tabs and other scripts, and single markers."""
    index = stage.marker_index
    assert index is not None
    by_family: dict[str, list[mk.Marker]] = {}
    for m in stage.tables.markers:
        by_family.setdefault(m.family, []).append(m)
    frames = ["{} and {}", "Cells {}, small; the {} ok.", "ÉTÉ:\t{}\t({})", "x.{},y {}."]
    flagged = 0
    for markers in by_family.values():
        for a, b in pairwise(markers[:31]):
            for frame in frames:
                for first, second in ((a.spun, b.spun), (a.spun.title(), b.spun.upper())):
                    text = frame.format(first, second)
                    hits = mk.find(text, index)
                    if mk.short_flags(hits, 10, 150):
                        flagged += 1
                        assert mk.may_short_flag(text, index), text
                    single = frame.format(first, "x")
                    if mk.short_flags(mk.find(single, index), 10, 150):
                        assert mk.may_short_flag(single, index), single
    assert flagged > 50
    assert not mk.may_short_flag("Rivers carry sand to the sea.", index)


def test_the_screen_with_the_previous_word_bounds_what_find_finds(
    stage: DespinStage,
) -> None:
    """``screen_weight_with_prev`` asks a marker whose ``prev`` lists words for one of
    them before its phrase: never below what ``find``'s hits weigh, across punctuation,
    tabs, capitals and hyphenated words, and 0 where the phrase stands after another word."""
    index = stage.marker_index
    assert index is not None
    listed = [m for m in stage.tables.markers if m.weight > 0 and mk._prev_words(m.prev)]
    assert listed  # "having" after "react", "while using" after "mixed", ...
    frames = ["{}", "Cells {} small.", "(“{}”) — ok", "ÉTÉ:\t{}\tÉTÉ", "x.{},y"]
    found = 0
    for m in listed:
        words = mk._prev_words(m.prev)
        for prev in (words[0], words[-1], words[0].upper(), f"co-{words[-1]}"):
            for gap in (" ", " \t "):
                for frame in frames:
                    text = frame.format(prev + gap + m.spun + " apple")
                    hits = mk.find(text, index)
                    best = max(mk.family_scores(hits).values(), default=0.0)
                    found += best > 0
                    assert mk.screen_weight_with_prev(text, index) + 1e-6 >= best, text
    assert found > len(listed)
    having = mk.MarkerIndex.of([m for m in stage.tables.markers if m.spun == "having"])
    text = "Having finished, the crew left, having packed the van."
    assert mk.screen_weight(text, having) > 0
    assert mk.screen_weight_with_prev(text, having) == 0


def test_successful_as_an_adjective_before_a_determiner_is_not_a_spun_in() -> None:
    """'successful' for *in* is family c's; after an intensifier or a copula it is the
    adjective ("so successful its organisers", "was successful this season")."""
    markers = [
        m
        for m in load_tables(RulePack.load(Config().rules)).markers
        if m.id == "spin.marker.c.successful_the"
    ]
    assert markers
    assert len(mk.find("The girls lived successful the old town for years.", markers)) == 1
    for text in (
        "The fair was so successful its organisers plan a second one.",
        "The club was successful this season and the one before.",
        "It proved successful their second time around.",
        "No shop there had been as successful its rivals claimed.",
    ):
        assert mk.find(text, markers) == [], text
