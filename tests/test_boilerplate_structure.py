"""The boilerplate classifier's page scope: chrome judged by structure on any page.

Pages written for these tests; the models are hand-made stumps over the structure
features, so what is tested is the candidate guards and the features, not weights.
"""

from __future__ import annotations

import dataclasses

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate import classifier
from textclean.stages.boilerplate.classifier import FEATURES, RULE_ID, Model, Tree
from textclean.stages.boilerplate.layout import effective_words, layout_lines

BODY = (
    "The harbour board agreed on Monday to dredge the northern channel before the "
    "autumn storms, after two years of delays over the cost of the work.\n"
    "Fishing crews have waited since the spring for the channel to open again, and "
    "several boats have moved to the next port along the coast in the meantime.\n"
)
MORE = (
    "The work will start in September and should take about six weeks, the board's "
    "engineer told a meeting of the town council on Tuesday evening.\n"
)


def stump(feature: str, threshold: float, low: float, high: float) -> Tree:
    """A depth-1 tree: ``low`` when the feature is at most ``threshold``, else ``high``."""
    return Tree((FEATURES.index(feature),), (threshold,), (0.0,), (low, high))


#: chrome: any candidate line with no prose line above it or none below it (the run of
#: short lines at the top or the bottom of a page), whatever it says
EDGE_MODEL = Model(
    trees=(stump("good_above", 0.5, 6.0, 0.0), stump("good_below", 0.5, 6.0, 0.0)),
    bias=-2.5,
    threshold=0.9,
    extend_threshold=0.9,
    protect_words=5,
    max_words=15,
    scope="page",
)
#: chrome: every candidate line
ALL_MODEL = dataclasses.replace(EDGE_MODEL, trees=(stump("words", 0.5, 5.0, 5.0),))


#: the rules without the masthead rule, which would take the short lines these pages
#: place above their title before the classifier sees them
NO_MASTHEAD = Config().replace(boilerplate={"disable": ["boilerplate.shape.masthead"]})


def run(text: str, model: Model = EDGE_MODEL) -> Document:
    stage = dataclasses.replace(boilerplate.build(NO_MASTHEAD, RulePack.load(())), model=model)
    return stage(Document("t", text))


def removed(doc: Document) -> list[str]:
    return [e.before.strip() for e in doc.edits if e.rule == RULE_ID]


def test_a_run_of_short_lines_at_the_top_goes_without_any_rule_removal() -> None:
    text = (
        "Harbourtown Gazette\nAlmanac\nGazetteer\nLighthouse Desk\nTide Tables\n\n"
        "Channel to be dredged before the autumn storms\n" + BODY + MORE
    )
    doc = run(text)
    assert removed(doc) == [
        "Harbourtown Gazette",
        "Almanac",
        "Gazetteer",
        "Lighthouse Desk",
        "Tide Tables",
    ]
    assert doc.text.startswith("Channel to be dredged before the autumn storms\n")
    ev = doc.edits[0].evidence
    assert ev["line"] == 1 and ev["pass"] == "score"
    assert ev["top_features"] == ["good_above=0 (+6)"]


def test_the_same_model_in_edge_scope_needs_a_rule_removal() -> None:
    text = "Almanac\nGazetteer\nLighthouse\n\nChannel to be dredged\n" + BODY
    assert removed(run(text, dataclasses.replace(EDGE_MODEL, scope="edges"))) == []
    assert removed(run(text)) == ["Almanac", "Gazetteer", "Lighthouse"]


def test_titles_bylines_dates_headings_dialogue_and_sign_offs_stay() -> None:
    text = (
        "Almanac\n"
        "Harbour news\n"  # the title above a byline
        "By Ana Ruiz\n"
        "March 3, 2021\n"
        "Channel to be dredged\n"  # right above the text
        + BODY
        + "What happens next\n"  # a heading between two paragraphs
        + MORE
        + "\u201cNot before time,\u201d\n"
        + "\u2014 Who pays?\n"  # dialogue
        + MORE
        + "Ana\n"  # the sign-off right below the text
        + "Tidetables\n"
    )
    assert removed(run(text, ALL_MODEL)) == ["Almanac", "Tidetables"]


def test_a_first_line_above_a_long_line_and_verse_stay() -> None:
    model = dataclasses.replace(ALL_MODEL, stopwords=frozenset({"that", "was", "the"}))
    text = (
        "Harbour Notes\n"  # the first line, above a long line: the page's title
        "We welcome your notes on the harbour and on the boats that use it:\n"
        + BODY
        + "I saw a boat that\n"  # verse: a line running on into the next
        + "Sailed when the tide was\n"
        + "Low and grey\n"
        + MORE
        + "Ana\n"
        + "Tidetables\n"
    )
    assert removed(run(text, model)) == ["Low and grey", "Tidetables"]


def test_lines_of_a_page_in_a_script_without_spaces_count_by_characters() -> None:
    jp = "港湾局は月曜日、秋の嵐の前に北の水路を浚渫することで合意した。漁船は春から待っている。\n"
    assert effective_words(jp.strip(), 1) > 15
    assert classifier.good_line(jp.strip(), effective_words(jp.strip(), 1), 10)
    # a Japanese paragraph is no candidate (it is the text), a short label above it is
    # (a label no phrase rule takes first: "ホーム" is a menu rule's now)
    jp2 = "工事は九月に始まり、約六週間かかる見込みだと技師は火曜日の町議会で説明した。\n"
    doc = run("話題\n特集\nニュース\n\n" + jp + jp2, ALL_MODEL)
    assert removed(doc) == ["話題", "特集"]  # "ニュース" stands right above the text


def test_a_page_without_prose_is_judged_by_structure_in_page_scope() -> None:
    text = "Almanac\nGazetteer\nLighthouse keepers of the north coast\nTide tables\n"
    # the page's title (its first line of four words or more) stays
    assert removed(run(text, ALL_MODEL)) == ["Almanac", "Gazetteer", "Tide tables"]
    assert removed(run(text, dataclasses.replace(ALL_MODEL, scope="edges"))) == []
    # shape alone never calls a whole page chrome
    assert removed(run("Almanac\nGazetteer\nTide tables\n", ALL_MODEL)) == []


def test_structure_features() -> None:
    text = "Home\nNews\n\nChannel to be dredged\n" + BODY + "Heading\n" + MORE + "Share\nTags\n"
    lines = layout_lines(text)
    idx, rows = classifier.page_features(lines, {}, frozenset(), ALL_MODEL, 10, text)
    by_line = {
        lines[i].text: dict(zip(FEATURES, r, strict=True)) for i, r in zip(idx, rows, strict=True)
    }
    # the title right above the text, the heading between two paragraphs and the line
    # right below the text are no candidates
    assert set(by_line) == {"Home", "News", "Tags"}
    home, tags = by_line["Home"], by_line["Tags"]
    assert home["good_above"] == 0 and home["good_below"] == 3 and home["dist_good_below"] == 3
    assert home["jt_class"] == 1 and home["jt_context"] == 1.5 and home["inside"] == 0
    assert tags["good_above"] == 3 and tags["good_below"] == 0 and tags["next_class"] == -1
    assert tags["dist_good_above"] == 2 and tags["prev_class"] == 1
    assert tags["page_has_prose"] == 1 and tags["page_rule_removed"] == 0


def test_page_scope_is_deterministic() -> None:
    text = "Local\nBusiness\nSport\n\nChannel to be dredged\n" + BODY + "Tags\nShare\n"
    a, b = run(text), run(text)
    assert [(e.start, e.end, e.evidence) for e in a.edits] == [
        (e.start, e.end, e.evidence) for e in b.edits
    ]


#: The shipped model is opt-in: switched on here.
OPT_IN = Config().replace(boilerplate={"enable": ["boilerplate.shape.classifier"]})


def test_the_shipped_model_takes_a_match_centre_below_the_text_and_keeps_the_article() -> None:
    stage = boilerplate.build(OPT_IN, None)
    assert stage.model is not None and stage.model.scope == "page"
    article = (
        "Harbour RFC edge the derby in the rain\nBy Ana Ruiz\nSaturday 4 May 2024\n"
        + BODY
        + "What happens next\n"
        + MORE
        + "Ana Ruiz covers the harbour.\n"
    )
    # the fields of a club site's match centre below a comment form (the form a rule
    # takes); no rule removes a field: the model takes them by their shape and place
    fields = ["Match details", "Kickoff", "14:20", "Team overview", "Further reading"]
    page = article + "\nLeave a Reply\n\n" + "\n\n".join(fields) + "\n"
    doc = stage(Document("t", page))
    assert removed(doc)[-len(fields) :] == fields
    assert doc.text.rstrip("\n") == article.rstrip("\n")
    # a page where no rule removed a line is not judged (needs_rule_removal)
    assert stage.model.needs_rule_removal
    assert stage(Document("t", article + "\n" + "\n\n".join(fields) + "\n")).edits == []
    # the same article alone loses nothing
    assert stage(Document("t", article)).edits == []
