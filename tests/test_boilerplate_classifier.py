"""The learned line classifier of the boilerplate stage, on pages written for these tests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate import classifier
from textclean.stages.boilerplate.classifier import FEATURES, RULE_ID, Model, Tree
from textclean.stages.boilerplate.layout import layout_lines

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]

BODY = (
    "The harbour board agreed on Monday to dredge the northern channel before the "
    "autumn storms, after two years of delays over the cost of the work.\n"
    "Fishing crews have waited since the spring for the channel to open again, and "
    "several boats have moved to the next port along the coast in the meantime.\n"
)


def stump(feature: str, threshold: float, low: float, high: float) -> Tree:
    """A depth-1 tree: ``low`` when the feature is at most ``threshold``, else ``high``."""
    return Tree((FEATURES.index(feature),), (threshold,), (0.0,), (low, high))


#: chrome when more than 3 words in 10 are chrome vocabulary
VOCAB_MODEL = Model(
    trees=(stump("vocab_share", 0.3, -5.0, 5.0),),
    bias=0.0,
    threshold=0.9,
    extend_threshold=0.9,
    vocabulary=frozenset({"almanac", "gazetteer", "lighthouse", "tidetables"}),
)


#: the rules the classifier works after, without the masthead rule (which would take
#: the short lines these pages place above their title before the classifier sees them)
NO_MASTHEAD = Config().replace(boilerplate={"disable": ["boilerplate.shape.masthead"]})


def run(text: str, model: Model | None = VOCAB_MODEL) -> Document:
    stage = dataclasses.replace(boilerplate.build(NO_MASTHEAD, RulePack.load(())), model=model)
    return stage(Document("t", text))


def removed(doc: Document) -> dict[str, str]:
    return {e.before.strip(): e.rule for e in doc.edits}


#: a line the phrase rules remove: the classifier acts only on a page where a rule did
SKIP = "Skip to content\n"
#: the line right above the text (a title) is never a candidate
TITLE = "Harbour news\n"


def test_a_chrome_shaped_line_is_removed_with_its_evidence() -> None:
    doc = run(SKIP + "Almanac Gazetteer Lighthouse\n" + TITLE + BODY)
    assert removed(doc) == {
        "Skip to content": "boilerplate.nav.skip_to_content",
        "Almanac Gazetteer Lighthouse": RULE_ID,
    }
    ev = doc.edits[1].evidence
    assert ev["line"] == 2 and ev["pass"] == "score" and ev["p_chrome"] > 0.99
    assert ev["top_features"] == ["vocab_share=1 (+5)"]


def test_nothing_is_removed_by_shape_alone_on_a_page_the_rules_left_whole() -> None:
    assert removed(run("Almanac Gazetteer Lighthouse\n" + TITLE + BODY)) == {}


def test_the_lines_next_to_the_text_and_the_title_are_never_candidates() -> None:
    # right above the text (a title, a byline), right below it (a sign-off), between two
    # prose lines (a heading), the page's title (first line left with 4+ words)
    for text in (
        SKIP + "Almanac Gazetteer Lighthouse\n" + BODY,
        SKIP + TITLE + BODY + "Almanac Gazetteer Lighthouse\n",
        SKIP + TITLE + BODY + "Almanac Gazetteer\n" + BODY,
        SKIP + "Almanac Gazetteer Lighthouse Tidetables\n" + "Menu\n" + TITLE + BODY,
    ):
        assert RULE_ID not in removed(run(text)).values(), text


def test_sign_offs_lead_ins_and_credits_are_never_candidates() -> None:
    for line in ("Almanac Gazetteer,", "Photo: Almanac Gazetteer"):
        text = SKIP + TITLE + BODY + "Harbour desk\n" + line + "\n"
        assert RULE_ID not in removed(run(text)).values(), line
    # a colon line with a prose line among the next three introduces the text below it
    text = SKIP + "Almanac Gazetteer:\n" + TITLE + BODY
    assert RULE_ID not in removed(run(text)).values()
    text = SKIP + "Almanac Gazetteer Lighthouse\n" + TITLE + BODY
    assert RULE_ID in removed(run(text)).values()


def test_an_article_sentence_is_never_a_candidate() -> None:
    sentence = "Almanac, gazetteer, lighthouse and tidetables pages moved to the almanac site.\n"
    text = SKIP + TITLE + BODY + "Tide tables\n" + sentence
    assert RULE_ID not in removed(run(text)).values()
    # the same words without a sentence ending are a candidate
    assert removed(run(text.replace("site.", "site")))[sentence.strip()[:-1]] == RULE_ID


def test_a_page_without_prose_keeps_everything() -> None:
    # a list of short lines (no line is a prose sentence) is not a page of chrome
    assert removed(run(SKIP + "Almanac\nGazetteer Lighthouse\nTidetables\n")) == {
        "Skip to content": "boilerplate.nav.skip_to_content"
    }


def test_a_run_grows_from_a_removed_line() -> None:
    grow = dataclasses.replace(
        VOCAB_MODEL,
        trees=(stump("vocab_share", 0.3, -5.0, 5.0), stump("words", 2.5, 2.0, -2.0)),
        extend_threshold=0.5,
    )
    text = SKIP + "Almanac Lighthouse\nBreakwater\nTides\n" + TITLE + BODY
    # "Breakwater" and "Tides" score -5 + 2 = -3, a probability of 0.05: below 0.5
    assert removed(run(text, grow)) == {
        "Skip to content": "boilerplate.nav.skip_to_content",
        "Almanac Lighthouse": RULE_ID,
    }
    short = dataclasses.replace(
        grow, trees=(stump("vocab_share", 0.3, -1.0, 5.0), stump("words", 2.5, 1.5, -2.0))
    )
    # now a short line scores -1 + 1.5 = 0.5, a probability of 0.62: below the
    # threshold (0.9), so taken only next to a removed line, and then the next one;
    # the title right above the text stays
    doc = run(text, short)
    assert removed(doc) == {
        "Skip to content": "boilerplate.nav.skip_to_content",
        "Almanac Lighthouse": RULE_ID,
        "Breakwater": RULE_ID,
        "Tides": RULE_ID,
    }
    assert [e.evidence["pass"] for e in doc.edits[1:]] == ["score", "run", "run"]
    lone = run(SKIP + "Harbour desk report\nBreakwater\n" + TITLE + BODY, short)
    assert removed(lone) == {"Skip to content": "boilerplate.nav.skip_to_content"}


def test_disable_and_exclude_learned_from_switch_the_model_off() -> None:
    table = {"trees": [{"f": [0], "t": [0.5], "v": [0.0], "leaf": [-1.0, 1.0]}]}
    table["trained_on"] = ["example.org"]
    cfg = Config().boilerplate
    assert boilerplate.stage.load_model(table, cfg) is not None
    off = dataclasses.replace(cfg, disable=("boilerplate.shape.",))
    assert boilerplate.stage.load_model(table, off) is None
    other = dataclasses.replace(cfg, exclude_learned_from=("example.org",))
    assert boilerplate.stage.load_model(table, other) is None
    elsewhere = dataclasses.replace(cfg, exclude_learned_from=("example.com",))
    assert boilerplate.stage.load_model(table, elsewhere) is not None


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"colour": 1}, "unknown key 'colour'"),
        ({"features": ["words"]}, "retrain"),
        ({"trees": [{"f": [0, 1], "t": [0.5, 0.5], "v": [0, 0], "leaf": [0, 0, 0]}]}, "full"),
        ({"trees": [{"f": [999], "t": [0.5], "v": [0], "leaf": [0, 0]}]}, "out of range"),
        ({"threshold": 1.5}, "threshold"),
        ({"inside_threshold": 1.5}, "inside_threshold"),
        ({"needs_rule_removal": 1}, "needs_rule_removal"),
        ({"protect_words": "eight"}, "protect_words"),
    ],
)
def test_bad_model_tables_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Model.from_table(table)


#: The shipped classifier is opt-in (``enabled = false`` in model.toml): switched on here.
OPT_IN = Config().replace(boilerplate={"enable": ["boilerplate.shape.classifier"]})


def test_the_shipped_model_is_off_by_default_and_opt_in() -> None:
    assert boilerplate.build(Config(), None).model is None
    on = boilerplate.build(OPT_IN, None).model
    assert on is not None and on.enabled and on.needs_rule_removal
    # a share row a rule finds, then a sidebar of classified-ad links no rule knows
    sidebar = ("Latest Jobs", "Employment Wanted", "Sponsored Business", "Garage Sales")
    page = BODY * 2 + "Share this:\nFacebook\nTwitter\n\n" + "\n\n".join(sidebar) + "\n"
    doc = boilerplate.build(OPT_IN, None)(Document("t", page))
    gone = removed(doc)
    assert gone["Share this:"] != RULE_ID  # the rule's line, its context
    assert all(gone[item] == RULE_ID for item in sidebar)
    assert doc.text == BODY * 2
    # by default, only the rules' removals
    off = removed(boilerplate.build(Config(), None)(Document("t", page)))
    assert RULE_ID not in off.values() and not set(sidebar) & set(off)


def test_the_shipped_model_loads_and_is_deterministic() -> None:
    stage = boilerplate.build(OPT_IN, None)
    assert stage.model is not None and len(stage.model.trees) > 10
    page = (
        "Home\nNews\nSport\nWeather\nPodcasts\nNewsletters\n\n"
        "Harbour channel to be dredged before autumn\n\n" + BODY * 2 + "\nMore podcasts\n"
    )
    first = stage(Document("a", page))
    second = stage(Document("a", page))
    assert [(e.start, e.end, e.rule, e.evidence) for e in first.edits] == [
        (e.start, e.end, e.rule, e.evidence) for e in second.edits
    ]
    assert "Harbour channel to be dredged before autumn" in first.text
    assert BODY in first.text


def test_clean_prose_corpora_lose_nothing_to_the_classifier() -> None:
    stage = boilerplate.build(OPT_IN, None)
    docs = [json.loads(x)["text"] for x in (DATA / "prose_sample.jsonl").read_text().splitlines()]
    docs += [p.read_text(encoding="utf-8") for p in sorted((DATA / "prose").glob("*.txt"))]
    docs += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench/despin/clean").glob("*.txt"))
    ]
    touched = [d[:60] for d in docs if stage(Document("t", d)).edits]
    assert touched == []


def test_features_are_computed_for_candidates_only() -> None:
    text = "Lighthouse\n" + TITLE + BODY
    lines = layout_lines(text)
    idx, rows = classifier.page_features(lines, {}, frozenset(), VOCAB_MODEL, 10, text)
    assert idx == [0]  # the title right above the text and the body lines: never candidates
    row = dict(zip(FEATURES, rows[0], strict=True))
    assert row["words"] == 1 and row["vocab_share"] == 1.0 and row["header"] == 1.0
    assert row["next_prose"] == 0.0 and row["run_at_top"] == 1.0 and row["run_len"] == 2.0
    assert row["to_first_prose"] == 2.0 and row["run_short_share"] == 1.0


def test_edits_of_later_passes_are_offsets_into_the_stage_input() -> None:
    # the classifier takes "Almanac Gazetteer Lighthouse" in the first pass; only then do
    # "Breakwater" (a one-word label) and its copy stand next to each other, and the
    # stutter rule takes both in the second pass
    text = SKIP + "Breakwater\nAlmanac Gazetteer Lighthouse\nBreakwater\n" + TITLE + BODY
    doc = run(text)
    rules = {e.before.strip(): e.rule for e in doc.edits}
    assert rules["Almanac Gazetteer Lighthouse"] == RULE_ID
    assert all(text[e.start : e.end] == e.before for e in doc.edits)
    kept = list(text)
    for e in sorted(doc.edits, key=lambda e: e.start, reverse=True):
        del kept[e.start : e.end]
    assert "".join(kept) == doc.text


#: the same stump judging every page by its structure (``scope = "page"``)
PAGE_MODEL = dataclasses.replace(VOCAB_MODEL, scope="page", protect_words=5, max_words=15)
SKIP_RULE = {0: ("boilerplate.nav.skip_to_content", {})}


def candidates(text: str, taken: dict[int, tuple[str, dict[str, str]]]) -> list[str]:
    """The page-scope candidate lines of ``text`` with the rules' removals ``taken``."""
    lines = layout_lines(text)
    idx, _rows = classifier.page_features(lines, taken, frozenset(), PAGE_MODEL, 10, text)
    return [lines[i].text for i in idx]


def test_a_title_repeated_below_is_never_a_candidate() -> None:
    # the first line left, repeated further down without its colon: the page's title
    text = SKIP + "Almanac Gazetteer:\nLighthouse Tidetables\nAlmanac Gazetteer\n" + TITLE + BODY
    assert candidates(text, SKIP_RULE) == ["Lighthouse Tidetables"]
    other = text.replace("Almanac Gazetteer\n", "Almanac Tidetables\n")
    assert candidates(other, SKIP_RULE) == [
        "Almanac Gazetteer:",
        "Lighthouse Tidetables",
        "Almanac Tidetables",
    ]


def test_the_first_line_left_just_above_the_text_is_a_title() -> None:
    # two lines above the text (above a subtitle): a title; three lines above: a candidate
    text = SKIP + "Almanac Gazetteer\nLighthouse\n" + BODY
    assert candidates(text, SKIP_RULE) == []
    text = SKIP + "Almanac Gazetteer\nTidetables\nLighthouse\n" + BODY
    assert candidates(text, SKIP_RULE) == ["Almanac Gazetteer", "Tidetables"]


def test_a_comment_below_its_author_line_is_never_a_candidate() -> None:
    text = SKIP + TITLE + BODY + "Harbour desk\nAna Ruiz said...\nGreat almanac!\n"
    author = {5: ("boilerplate.comments.author_line", {})}
    assert "Great almanac!" not in candidates(text, SKIP_RULE | author)
    other = {5: ("boilerplate.share.buttons", {})}
    assert "Great almanac!" in candidates(text, SKIP_RULE | other)


def test_the_items_of_a_list_the_text_introduces_are_never_candidates() -> None:
    items = "Almanac Gazetteer\nLighthouse\nTidetables\n"
    lead = "Here are the three reasons we keep printing them:\n"
    text = SKIP + "Harbour news in brief\n" + lead + items + "Harbour desk\n" + BODY
    # (the first line left, above a long line, is the page's title)
    assert candidates(text, SKIP_RULE) == [lead.strip()]
    # without the lead-in's colon the items are candidates
    text = text.replace("them:", "them")
    assert candidates(text, SKIP_RULE)[-3:] == ["Almanac Gazetteer", "Lighthouse", "Tidetables"]


def test_a_line_inside_the_text_needs_the_inside_threshold() -> None:
    first, second = BODY.splitlines(keepends=True)
    text = SKIP + TITLE + first + "Almanac Gazetteer\nLighthouse Tidetables\n" + second
    never = dataclasses.replace(PAGE_MODEL, inside_threshold=1.0)
    assert RULE_ID not in removed(run(text, never)).values()
    lower = dataclasses.replace(PAGE_MODEL, inside_threshold=0.95)
    assert removed(run(text, lower))["Almanac Gazetteer"] == RULE_ID
    # 0.0 (a table without the key): no bar of its own
    assert removed(run(text, PAGE_MODEL))["Almanac Gazetteer"] == RULE_ID


def test_the_rules_removals_around_a_line_are_features() -> None:
    text = SKIP + "Almanac\nMarch 3, 2021\nLighthouse\nGazetteer\n" + TITLE + BODY
    lines = layout_lines(text)
    taken = SKIP_RULE | {4: ("boilerplate.share.buttons", {})}
    idx, rows = classifier.page_features(lines, taken, frozenset(), PAGE_MODEL, 10, text)
    row = dict(zip(FEATURES, rows[idx.index(3)], strict=True))  # "Lighthouse"
    assert row["dist_removed_above"] == 3.0 and row["dist_removed_below"] == 1.0
    assert row["removed_same_zone"] == 2.0 and row["prev_date"] == 1.0
    assert row["next_date"] == 0.0 and row["page_date_lines"] == 1.0
    # the run of six lines above the text: one date line; "Almanac" and "Gazetteer" have
    # the shape of "Lighthouse" (one word, no date, no sentence, no bullet)
    assert row["run_date_share"] == 1 / 6 and row["run_shape_repeats"] == 2.0


def test_needs_rule_removal_judges_only_pages_where_a_rule_removed_a_line() -> None:
    text = "Almanac Gazetteer Lighthouse\nTidetables\nHarbour desk\n" + TITLE + BODY
    gated = dataclasses.replace(PAGE_MODEL, needs_rule_removal=True)
    assert removed(run(text, PAGE_MODEL))["Almanac Gazetteer Lighthouse"] == RULE_ID
    assert removed(run(text, gated)) == {}
    assert removed(run(SKIP + text, gated))["Almanac Gazetteer Lighthouse"] == RULE_ID


#: takes every candidate line
ALL_MODEL = Model(trees=(stump("words", 1000.0, 5.0, 5.0),), bias=0.0, threshold=0.9, scope="page")


def _candidates(text: str) -> list[str]:
    lines = layout_lines(text)
    idx, _ = classifier.page_features(lines, {}, frozenset(), ALL_MODEL, 10, text)
    by_index = {ln.index: ln.text for ln in lines}
    return [by_index[i] for i in idx]


def test_an_article_date_author_credit_and_sign_off_below_the_text_are_never_candidates() -> None:
    tail = "\nRelated\n\nHarbour jobs board\n\n{}\n\nWeather desk\n\nTide tables\n"
    # each guarded line, placed in a run of short lines below the text, beside lines that
    # are candidates there
    for guarded, kept in (
        ("Uploaded: 2024-05-02", ["Uploaded: 2024-05-02"]),
        ("Published on 3 March 2021", ["Published on 3 March 2021"]),
        ("About the author\n\nAna Ruiz", ["About the author", "Ana Ruiz"]),
        ("Written by:\n\nAna Ruiz", ["Written by:", "Ana Ruiz"]),
        ("Warm regards,\n\nAna", ["Warm regards,", "Ana"]),
    ):
        got = _candidates(BODY * 2 + tail.format(guarded))
        assert "Harbour jobs board" in got and "Weather desk" in got, guarded
        assert not set(kept) & set(got), guarded
    # the same words without their label or heading are candidates: the guards are narrow
    got = _candidates(BODY * 2 + tail.format("2024-05-02 clips\n\nAna Ruiz"))
    assert "Ana Ruiz" in got and "2024-05-02 clips" in got


def test_the_cells_of_a_table_below_the_text_are_never_candidates() -> None:
    cells = ["RFC", "description", "rfc1939", "POP3 service", "rfc3501", "IMAP4 service"]
    table = "\n\n".join(["Table 6.14. List of popular RFCs", *cells])
    got = _candidates(BODY * 2 + "\n" + table + "\n")
    assert not set(cells) & set(got)
    # without the caption the same short lines are candidates (a link list below the
    # text), but for the one right below the text
    got = _candidates(BODY * 2 + "\n" + "\n\n".join(cells) + "\n")
    assert "RFC" not in got and set(cells[1:]) <= set(got)


def _char_classes_by_hand(text: str) -> tuple[int, int, int, int]:
    letters = upper = digits = punct = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
        elif ch.isdigit():
            digits += 1
        elif not ch.isspace():
            punct += 1
    return letters, upper, digits, punct


def test_character_classes_and_word_shape_agree_with_the_full_shape() -> None:
    lines = [
        "Share this article: Facebook Twitter Email",
        "Page 2 of 10 – Next»",
        "ÉTÉ À PARIS — 3 ½ jours, ² ٣ ４",  # capitals, digits and numbers of other scripts
        "\x1c\x1dtab\tand\x0bform\x0cfeed",  # ASCII separators str.isspace counts
        "東京 2024年3月8日 更新",
        "    • Home",
    ]
    stop = frozenset({"this", "of", "and"})
    vocab = frozenset({"share", "home", "next"})
    for text in lines:
        assert classifier._char_classes(text) == _char_classes_by_hand(text), text
        full = classifier.line_shape(text.strip(), stop, vocab)
        light = classifier.word_shape(text.strip(), stop, vocab)
        assert all(full[k] == v for k, v in light.items()), text
