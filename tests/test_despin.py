"""despin stage: detection, gated repair, audit, modes, clean-text guarantees.

Most tests run with the built-in pack plus ``tests/data`` (a small reverse
table from the issue's seed-001 list, and test context rules), so they do not
depend on the size of the shipped table; ``test_builtin_*`` tests use the
shipped pack alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import textclean
from textclean.config import Config, ConfigError
from textclean.document import Document, replay
from textclean.pipeline import Pipeline
from textclean.rules import RulePack
from textclean.stages.despin import DespinStage, build
from textclean.stages.despin.casing import restore_case
from textclean.stages.despin.table import load_tables

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST_PACK = HERE / "data"
SEED_SPUN = next((ROOT / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
CLEAN_SEEDS = [next((ROOT / "seeds").glob(f"{n}_*.txt")) for n in ("000", "002", "003", "004")]
PROSE = sorted((HERE / "data" / "prose").glob("*.txt"))


#: the repair's rules alone, without the learned second look at what they leave
#: (redecide.py): the tests of one rule's margins
FIRST_LOOK = {"redecide": False}


def make_stage(**despin: object) -> DespinStage:
    cfg = Config(rules=(str(TEST_PACK),)).replace(despin=despin) if despin else None
    cfg = cfg or Config(rules=(str(TEST_PACK),))
    return build(cfg, RulePack.load(cfg.rules))


@pytest.fixture(scope="module")
def stage() -> DespinStage:
    return make_stage()


@pytest.fixture(scope="module")
def seed_doc(stage: DespinStage) -> Document:
    return stage(Document("001", SEED_SPUN))


def vouched(ev: dict[str, Any]) -> bool:
    """An edit the document vouches for (``DespinStage._vouched``), with the bounds that
    path sets: odds of at least consistency_margin x t2_margin and a learned factor of at
    least vouched_learned."""
    cfg = Config().despin
    return (
        ev.get("vouched") is True
        and float(ev["odds"]) >= cfg.consistency_margin * cfg.t2_margin
        and float(ev["learned_factor"]) >= cfg.vouched_learned
    )


def test_seed_001_is_flagged(seed_doc: Document) -> None:
    assert seed_doc.scores["spun"] is True
    assert float(seed_doc.scores["spin_score"]) > 50
    assert int(seed_doc.scores["spin_distinct"]) >= 20


@pytest.mark.parametrize(
    "restored",
    [
        "More than a year into U.S. President Donald Trump’s second term, the Russia-Ukraine",
        "is no closer to a",
        "Putin knows how to flatter and manipulate",
        "Since the start of negotiations",
        "backed up by the United States.",
        "They also insist",
        "the history of Ukraine",
        "over real estate",
        "Instead of sending",
        "his personal friend and fellow",  # "his private pal and fellow"; original: personal
        "permission to hold a vote",
        "Read the other seven thinkers",
        "aimed at improving relations",
        "no longer believes",
    ],
)
def test_seed_001_restorations(seed_doc: Document, restored: str) -> None:
    assert restored in seed_doc.text


def test_seed_001_edits_are_audited(seed_doc: Document) -> None:
    assert seed_doc.edits
    for e in seed_doc.edits:
        assert e.stage == "despin"
        assert e.rule.startswith("spin.en.t")
        # a T3 match only on strong odds (the real pairs' reliability of "within the"),
        # where the document vouches for it (a recurring spun form whose likeliest
        # original the text never writes: "that point" -> "that time", as the original
        # says), or where the learned second look restores it (redecide.py)
        assert (
            e.evidence["tier"] in ("t1", "t2")
            or e.evidence["odds"] >= 1000
            or vouched(e.evidence)
            or e.evidence.get("redecide", 0.0) > 0.0
        )
        assert e.evidence["spin_score"] == seed_doc.scores["spin_score"]
        if e.evidence["tier"] == "t2":
            assert "context" in e.evidence or e.evidence["odds"] >= 7.5 or "redecide" in e.evidence
    assert replay(SEED_SPUN, seed_doc.edits, "despin") == seed_doc.text
    first = seed_doc.edits[0]
    assert first.before.startswith("Greater than") and first.after.startswith("More than")
    assert first.start == 0 and first.rule.startswith("spin.en.t1.greater_than")


def test_t2_context_rule_and_keep_rule(stage: DespinStage) -> None:
    extra = "They feared army escalation near army barracks; the power plant fed the grid.\n"
    doc = stage(Document("x", SEED_SPUN + extra))
    assert doc.text.endswith(
        "They feared military escalation near army barracks; the power plant fed the grid.\n"
    )
    army = [e for e in doc.edits if e.start >= len(SEED_SPUN)]
    assert [(e.before, e.after) for e in army] == [("army", "military")]
    assert army[0].evidence["context"].startswith("spin.ctx.")
    assert "Financial and military assistance to Ukraine" in doc.text


def test_t3_is_not_applied_without_strong_evidence() -> None:
    # "within the" (← "in the") and "use" (← "apply") are T3 in the test table; their
    # neighbours here ("languishing", "U.S.") fall short of t3_margin, and without the
    # strong-odds rule (and the document's vouching, closed here) nothing else carries them.
    doc = make_stage(strong_odds=0, vouched_learned=0, **FIRST_LOOK)(Document("001", SEED_SPUN))
    assert "languishing within the U.S. Senate" in doc.text
    assert "keen to use any" in doc.text or "willing to use any" in doc.text
    assert not [e for e in doc.edits if e.evidence["tier"] == "t3"]


def test_t3_strong_odds_with_silent_neighbours(seed_doc: Document) -> None:
    # The real pairs show "within the" standing for "in the" far more often than the
    # typical entry: its learned odds carry the silent neighbours past strong_odds (the
    # seed's original reads "languishing in the U.S. Senate"); "use" stays. The only
    # other T3 edits are the ones the document vouches for: "that point", twice in the
    # seed and never "that time", which the original reads ("believes that time is"),
    # and "maintain" -> "keep", which the outcomes learned from Batches 16-24 carry (the
    # original reads "a good way to keep Trump and Witkoff busy").
    assert "languishing in the U.S. Senate" in seed_doc.text
    assert "keen to use any" in seed_doc.text or "willing to use any" in seed_doc.text
    t3 = [e for e in seed_doc.edits if e.evidence["tier"] == "t3"]
    strong = [e for e in t3 if e.before == "within the"]
    assert len(strong) == 1
    assert strong[0].evidence["strong"] is True and strong[0].evidence["odds"] >= 1000
    others = sorted((e.before, e.after) for e in t3 if e.before != "within the")
    point = ("that point", "that time")
    assert others == [("maintain", "keep"), point, point]
    assert all(vouched(e.evidence) for e in t3 if e.before == "that point")
    assert "believes that time is on his side" in seed_doc.text
    assert "a great way to keep Trump and Witkoff busy" in seed_doc.text


def test_t3_with_neighbours_well_in_favour_needs_only_the_lower_margin() -> None:
    # "again" (<- "back") is T3: ordinary English as often as not. Here the neighbours
    # favour the original many times over ("came back from" against "came again
    # from"), and odds between t3_favoured_margin and t3_margin restore it.
    # The odds are weighed without the factor learned from the real pairs (which, as
    # the pairs grow, may carry "again" past t3_margin on its own).
    extra = "He came again from the shop with a bag of bread.\n"
    unlearned = {"outcome_weight": 0.0}
    doc = make_stage(**unlearned, **FIRST_LOOK)(Document("x", SEED_SPUN + extra))
    assert doc.text.endswith("He came back from the shop with a bag of bread.\n")
    (ev,) = [e.evidence for e in doc.edits if e.start >= len(SEED_SPUN)]
    assert ev["tier"] == "t3" and ev["bigram_ratio"] >= 3.0
    assert 300.0 <= ev["odds"] < 1000.0  # under t3_margin: only the favoured margin lets it
    # off, or the neighbours asked to favour it far more: t3_margin decides, and it stays
    for kw in ({"t3_favoured_ratio": 0}, {"t3_favoured_ratio": 1000.0}):
        stage = make_stage(**unlearned, **kw, **FIRST_LOOK)
        assert stage(Document("x", SEED_SPUN + extra)).text.endswith(extra)


def test_t3_applies_only_with_strong_evidence_and_when_enabled() -> None:
    text = SEED_SPUN + "She lives within the city.\n"
    kept = "She lives within the city.\n"
    assert make_stage(tiers=["t1", "t2"], **FIRST_LOOK)(Document("x", text)).text.endswith(kept)
    # a huge t3_margin keeps it (with the favoured-neighbours way closed), unless the
    # document vouches for the form (it recurs, its original is nowhere in the text and
    # the real pairs show it nearly always spun)
    huge = make_stage(t3_margin=1e9, t3_favoured_ratio=0, vouched_learned=0, **FIRST_LOOK)
    assert huge(Document("x", text)).text.endswith(kept)
    doc = make_stage(**FIRST_LOOK)(Document("x", text))
    assert doc.text.endswith("She lives in the city.\n")
    t3 = [e for e in doc.edits if e.evidence["tier"] == "t3"]
    assert t3
    for e in t3:
        # neighbours in favour, or silent ones around a spun form that recurs in a text
        # that never writes its original (silent_repeat), or following a strong
        # restoration of the same form (consistency: "languishing in the U.S.")
        favoured = e.evidence["bigram_ratio"] >= 3.0 and e.evidence["odds"] >= 300
        assert (
            "context" in e.evidence
            or (
                (e.evidence["odds"] >= 1000 or favoured)
                and (
                    e.evidence["bigram_ratio"] > 1
                    or e.evidence.get("recurs") is True
                    or e.evidence.get("consistency") is True
                    or e.evidence.get("strong") is True
                )
            )
            or vouched(e.evidence)
        )


#: Ordinary words a flagged document must keep. ("stays" was one: in the real pairs of
#: the seed's spinner every "stays" matched stands for "remains", 7 of 7, so in a
#: flagged document the learned factor now restores it whatever its neighbours.)
TRAP = (
    "The army said the power plant was hit, and a settlement was reached between "
    "the two sides. Each of them wanted to help, and the proper use of force looks different."
)


def test_t2_traps_unchanged_in_a_flagged_document(stage: DespinStage) -> None:
    doc = stage(Document("x", SEED_SPUN + TRAP + "\n"))
    assert doc.scores["spun"] is True
    assert doc.text.endswith(TRAP + "\n")
    assert all(e.end <= len(SEED_SPUN) for e in doc.edits)


def test_settlement_trap_in_seed(seed_doc: Document) -> None:
    # "no agreement on a settlement" was spun "no settlement on a settlement": the real
    # settlement (after "a") must survive while the first one is restored.
    assert "there is no agreement on a settlement or" in seed_doc.text


def test_mode_detect_scores_but_changes_nothing() -> None:
    doc = make_stage(mode="detect")(Document("001", SEED_SPUN))
    assert doc.text == SEED_SPUN and doc.edits == []
    assert doc.scores["spun"] is True and float(doc.scores["spin_score"]) > 50


def test_mode_off_does_nothing() -> None:
    doc = make_stage(mode="off")(Document("001", SEED_SPUN))
    assert doc.text == SEED_SPUN and doc.edits == [] and "spun" not in doc.scores


@pytest.mark.parametrize("path", CLEAN_SEEDS, ids=lambda p: p.name[:3])
def test_clean_seeds_not_flagged_nor_edited(stage: DespinStage, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = stage(Document(path.name, text))
    assert doc.scores["spun"] is False
    assert doc.edits == [] and doc.text == text


def test_clean_prose_body_not_flagged_nor_edited(stage: DespinStage) -> None:
    assert len(PROSE) >= 30
    for path in PROSE:
        text = path.read_text(encoding="utf-8")
        doc = stage(Document(path.name, text))
        assert doc.scores["spun"] is False, path.name
        assert doc.edits == [], path.name


def test_short_clean_text_with_a_few_table_words_is_not_flagged(stage: DespinStage) -> None:
    text = "The army will help each different group, and the power plant stays open.\n"
    doc = stage(Document("x", text))
    assert doc.scores["spun"] is False and doc.text == text


def test_non_english_text_is_never_flagged(stage: DespinStage) -> None:
    # A French text full of English spun words in quotes is still not English prose.
    text = (
        "Le rapport cite « greater than a yr », « second time period », « not any nearer », "
        "« is aware of find out how to », « making an attempt », « historical past », "
        "« actual property », « a brand new » et « in addition they » comme des exemples "
        "typiques de texte réécrit par un logiciel de paraphrase automatique.\n"
    )
    doc = stage(Document("fr", text))
    assert doc.scores["spun"] is False and doc.edits == []


def test_case_preservation() -> None:
    assert restore_case(["Greater", "than"], "more than") == "More than"
    assert restore_case(["GREATER", "THAN"], "more than") == "MORE THAN"
    assert restore_case(["The", "USA"], "the united states") == "The United States"
    assert restore_case(["Historical", "Past"], "history") == "History"
    assert restore_case(["monetary"], "financial") == "financial"
    assert restore_case(["ARMY"], "military", shouting=True) == "MILITARY"


def test_repair_keeps_case_in_context(stage: DespinStage) -> None:
    text = SEED_SPUN + "MONETARY AID. Historical Past Matters. Additionally, monetary.\n"
    doc = stage(Document("x", text))
    assert doc.text.endswith("FINANCIAL AID. History Matters. Also, financial.\n")


def test_phrase_matching_respects_punctuation_and_hyphens(stage: DespinStage) -> None:
    text = SEED_SPUN + "It is greater, than ever. A real-estate deal; a yr-long wait.\n"
    doc = stage(Document("x", text))
    assert doc.text.endswith("It is greater, than ever. A real-estate deal; a yr-long wait.\n")


def test_articles_follow_the_restored_word() -> None:
    from textclean.stages.despin.table import Entry, SpinTables

    base = load_tables(RulePack.load([TEST_PACK]))
    entries = dict(base.entries)
    entries["settlement"] = Entry("spin.en.t1.settlement", "t1", "settlement", "agreement", "x")
    tables = SpinTables(entries, base.fingerprints, base.context, base.articles)
    st = DespinStage.from_tables(Config().despin, tables)
    doc = st(Document("x", SEED_SPUN + "They signed a settlement. A settlement was near.\n"))
    assert doc.text.endswith("They signed an agreement. An agreement was near.\n")
    art = [
        e for e in doc.edits if e.evidence.get("article") == "a->an" and e.start > len(SEED_SPUN)
    ]
    assert [e.before for e in art] == ["a settlement", "A settlement"]


def test_score_text_reports_spin(tmp_path: Path) -> None:
    scores = textclean.score_text(SEED_SPUN, rules=[str(TEST_PACK)])
    assert scores["spun"] is True and isinstance(scores["spin_score"], float)
    clean = textclean.score_text(CLEAN_SEEDS[0].read_text(encoding="utf-8"))
    assert clean["spun"] is False and isinstance(clean["spin_score"], float)


def test_pipeline_registers_despin() -> None:
    assert "despin" in Pipeline.default().stage_names


def test_builtin_pack_seed_flagged_and_clean_seeds_untouched() -> None:
    st = build(Config(), RulePack.load())
    assert st(Document("001", SEED_SPUN)).scores["spun"] is True
    for path in CLEAN_SEEDS:
        text = path.read_text(encoding="utf-8")
        doc = st(Document(path.name, text))
        assert doc.scores["spun"] is False and doc.text == text


def test_builtin_pack_prose_untouched() -> None:
    st = build(Config(), RulePack.load())
    for path in PROSE:
        text = path.read_text(encoding="utf-8")
        doc = st(Document(path.name, text))
        assert doc.scores["spun"] is False and doc.edits == [], path.name


def test_config_validation() -> None:
    with pytest.raises(ConfigError):
        Config.from_dict({"despin": {"mode": "fix"}})
    with pytest.raises(ConfigError):
        Config.from_dict({"despin": {"tiers": ["t4"]}})
    with pytest.raises(ConfigError):
        Config.from_dict({"despin": {"threshhold": 3}})


def test_tables_loaded_once_per_file_state() -> None:
    a = load_tables(RulePack.load([TEST_PACK]))
    b = load_tables(RulePack.load([TEST_PACK]))
    assert a is b


def test_capitalised_mid_sentence_t2_word_is_left_as_a_name(stage: DespinStage) -> None:
    extra = "Talks among Different Nations Forum members and among different members went on.\n"
    doc = stage(Document("x", SEED_SPUN + extra))
    tail = doc.text[len(doc.text) - len(extra) - 10 :]
    assert "among Different Nations Forum members" in tail
    assert "among other members" in tail  # spin.ctx.different.among, same word in lower case


def test_a_name_written_once_is_restored_only_with_name_single_odds_on(
    stage: DespinStage,
) -> None:
    # off by default: a name written once stays as written whatever its odds
    once = "Fans of the Pink Sox waited by the gate for hours.\n"
    assert stage(Document("x", SEED_SPUN + once)).text.endswith(once)
    # on, its full odds (neighbours, prior, learned reliability) decide
    doc = make_stage(name_single_odds=3000.0)(Document("x", SEED_SPUN + once))
    assert doc.text.endswith("Fans of the Red Sox waited by the gate for hours.\n")
    (ev,) = [e.evidence for e in doc.edits if e.start >= len(SEED_SPUN)]
    assert ev["name_way"] == "name_single" and ev["odds"] >= 3000.0
    assert "name_recurs" not in ev
    # odds below the bar: the name stays
    high = make_stage(name_single_odds=1e9)(Document("x", SEED_SPUN + once))
    assert high.text.endswith(once)


def test_a_recurring_spun_name_is_restored_on_strong_odds(stage: DespinStage) -> None:
    # "pink" -> "red" has strong odds, but "pink sox" is no bigram the list knows well
    # enough for name_ratio; written twice, the name is the spinner's every time.
    twice = "Fans of the Pink Sox waited by the gate for hours. The Pink Sox lost.\n"
    doc = stage(Document("x", SEED_SPUN + twice))
    assert doc.text.endswith(
        "Fans of the Red Sox waited by the gate for hours. The Red Sox lost.\n"
    )
    ev = [e.evidence for e in doc.edits if e.start >= len(SEED_SPUN)]
    assert len(ev) == 2 and all(e["name_recurs"] is True and e["odds"] >= 100 for e in ev)
    # the name_odds way in, tried before the name_repeat way (which would take it too)
    assert all(e["name_way"] == "name_odds" for e in ev)
    # the odds alone restore it, with the name_repeat way closed
    alone = make_stage(name_repeat=0)(Document("x", SEED_SPUN + twice))
    assert alone.text.endswith("The Red Sox lost.\n")
    ev = [e.evidence for e in alone.edits if e.start >= len(SEED_SPUN)]
    assert [e["name_way"] for e in ev] == ["name_odds", "name_odds"]
    # below name_odds, the name_repeat way (the original "red" nowhere) takes it
    low = make_stage(name_odds=1e9)(Document("x", SEED_SPUN + twice))
    ev = [e.evidence for e in low.edits if e.start >= len(SEED_SPUN)]
    assert [e["name_way"] for e in ev] == ["name_repeat", "name_repeat"]
    # written once, or with both rules off, the name stays as written
    once = "Fans of the Pink Sox waited by the gate for hours.\n"
    assert stage(Document("x", SEED_SPUN + once)).text.endswith(once)
    off = make_stage(name_odds=0, name_repeat=0)(Document("x", SEED_SPUN + twice))
    assert off.text.endswith(twice)


def _stage_with(entry_spun: str, original: str, **despin: object) -> DespinStage:
    from textclean.stages.despin.table import Entry, SpinTables

    base = load_tables(RulePack.load([TEST_PACK]))
    entries = dict(base.entries)
    entries[entry_spun] = Entry(f"spin.en.t2.{entry_spun}", "t2", entry_spun, original, "x")
    tables = SpinTables(entries, base.fingerprints, base.context, base.articles)
    return DespinStage.from_tables(Config().despin.__class__(**despin), tables)


def test_document_evidence_restores_a_rare_t2_word_when_the_original_never_appears() -> None:
    # "succesful" (a spinner's "capable") after a word the bigram list does not know: the
    # neighbours are silent, so (with the prior-only way in switched off) only the
    # document evidence can decide.
    tail = "Quorbl succesful. Vrenk succesful.\n"
    quiet = {"silent_margin": 1e9}
    doc = _stage_with("succesful", "capable", **quiet)(Document("x", SEED_SPUN + tail))
    assert doc.text.endswith("Quorbl capable. Vrenk capable.\n")
    ev = [e.evidence for e in doc.edits if e.rule == "spin.en.t2.succesful"]
    assert len(ev) == 2 and all(e["doc_factor"] == 4.0 and e["bigram_ratio"] == 1.0 for e in ev)
    # switched off, or with the original written elsewhere in the text: left alone
    off = _stage_with("succesful", "capable", doc_absent_bonus=1.0, **quiet)(
        Document("x", SEED_SPUN + tail)
    )
    assert off.text.endswith(tail)
    seen = SEED_SPUN + "They are capable. " + tail
    doc = _stage_with("succesful", "capable", **quiet)(Document("x", seen))
    assert doc.text.endswith("They are capable. " + tail)


def test_silent_neighbours_need_a_strong_prior() -> None:
    # "stated" (the spinner's "said") between words the bigram list does not pair with
    # either; "said" is in the text too, so there is no document evidence: only the
    # frequency prior x swap bonus (8.96 x 3) can decide, and it clears silent_margin.
    tail = "He said so. Members of the Qorblan union stated Vrenk would sign.\n"
    doc = make_stage(**FIRST_LOOK)(Document("x", SEED_SPUN + tail))
    assert doc.text.endswith("He said so. Members of the Qorblan union said Vrenk would sign.\n")
    (ev,) = [e.evidence for e in doc.edits if e.rule == "spin.en.t2.stated"]
    assert ev["bigram_ratio"] == 1.0 and "doc_factor" not in ev and ev["odds"] >= 20
    # without that way in (and without strong_odds, which counts the real pairs'
    # reliability of "stated" in full), the match stays
    strict = make_stage(silent_margin=1e9, strong_odds=0, **FIRST_LOOK)(
        Document("x", SEED_SPUN + tail)
    )
    assert strict.text.endswith(tail)


def test_phrase_prior_restores_a_much_rarer_spun_phrase_but_not_an_equally_common_one() -> None:
    from textclean.stages.despin.stats import phrase_zipf, zipf

    # "keep away from" (a spinner's "avoid") is far rarer than "avoid" by the bigram
    # chain, though wordfreq's blend of its three common words calls it commoner.
    assert phrase_zipf("avoid") - phrase_zipf("keep away from") > 2
    assert zipf("avoid") < zipf("keep away from")
    # "the north" and "the south" are about equally common.
    assert abs(phrase_zipf("the south") - phrase_zipf("the north")) < 0.2
    # Neighbours the bigram list does not know, so the frequency prior and the
    # document evidence are all there is to go on.
    tail = "Quorbl keep away from vrenk. Quorbl the north vrenk.\n"
    assert "avoid" not in SEED_SPUN.lower() and "the south" not in SEED_SPUN.lower()

    rare = _stage_with("keep away from", "avoid")(Document("x", SEED_SPUN + tail))
    assert rare.scores["spun"] is True
    assert rare.text.endswith("Quorbl avoid vrenk. Quorbl the north vrenk.\n")
    (ev,) = [e.evidence for e in rare.edits if e.rule == "spin.en.t2.keep away from"]
    assert ev["prior_ratio"] > 30 and ev["doc_factor"] == 2.0 and ev["bigram_ratio"] == 1.0

    even = _stage_with("the north", "the south")(Document("x", SEED_SPUN + tail))
    assert even.scores["spun"] is True
    assert even.text.endswith("Quorbl the north vrenk.\n")
    assert not [e for e in even.edits if e.rule == "spin.en.t2.the north"]


def _stage_with_alternatives(
    spun: str, originals: tuple[str, ...], tier: str = "t2", **despin: object
) -> DespinStage:
    from textclean.stages.despin.table import Entry, SpinTables

    base = load_tables(RulePack.load([TEST_PACK]))
    entries = dict(base.entries)
    rid = f"spin.en.{tier}.{spun}_alt"
    entries[spun] = Entry(rid, tier, spun, originals[0], "x", alternatives=originals)
    tables = SpinTables(entries, base.fingerprints, base.context, base.articles)
    return DespinStage.from_tables(Config().despin.__class__(**despin), tables)


def test_alternative_originals_are_chosen_by_the_neighbours() -> None:
    # "assist" is the spinner's word for both "support" and "help" (seed 001 has the first).
    stage = _stage_with_alternatives("assist", ("support", "help"))
    tail = "Officials said they can assist you. The plan has strong assist among voters.\n"
    doc = stage(Document("x", SEED_SPUN + tail))
    assert doc.text.endswith(
        "Officials said they can help you. The plan has strong support among voters.\n"
    )
    evs = [e.evidence for e in doc.edits if e.rule == "spin.en.t2.assist_alt"]
    assert len(evs) == 2
    assert all(set(ev["alternatives"]) == {"support", "help"} for ev in evs)
    # the chosen original has the best odds, by at least the alternative margin
    for ev, chosen in zip(evs, ("help", "support"), strict=True):
        other = ({"support", "help"} - {chosen}).pop()
        assert ev["alternatives"][chosen] >= 2.0 * ev["alternatives"][other]


def test_alternatives_the_neighbours_cannot_tell_apart_are_left_alone() -> None:
    # Unknown neighbours: both originals are equally likely, so a T2 match stays ...
    tail = "Quorbl assist vrenk.\n"
    doc = _stage_with_alternatives("assist", ("support", "help"))(Document("x", SEED_SPUN + tail))
    assert doc.text.endswith(tail)
    # ... while a T1 match (surely spun) takes the first listed original.
    t1 = _stage_with_alternatives("assist", ("support", "help"), tier="t1")
    doc = t1(Document("x", SEED_SPUN + tail))
    assert doc.text.endswith("Quorbl support vrenk.\n")
