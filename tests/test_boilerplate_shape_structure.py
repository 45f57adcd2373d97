"""Shape rules that find chrome by the structure of a page, in any language: a comment
template's repeated author line, the teasers under a widget's heading below the text,
and the title and date line that the context rules keep. Every line here was written
for these tests.
"""

from __future__ import annotations

import dataclasses

from tests.boilerplate_helpers import BODY, removed, removed_opt_in
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.shape import (
    RULE_AUTHOR_LINE,
    RULE_CHROME_RUN,
    RULE_LINK_LIST,
    ShapeParams,
)

#: Two comments under a post, their author lines in a template's words of a language
#: the phrase rules do not list ("kirjutas..." is Estonian for "wrote...").
COMMENTS = (
    "Kaisa kirjutas...\n"
    "What a lovely walk, the photos of the lake made my morning.\n"
    "\n"
    "Olli / Metsäblogi kirjutas...\n"
    "We went there last summer and the sauna was the best part of it.\n"
)


def test_a_comment_templates_author_lines_go_in_any_language() -> None:
    got = removed(BODY + "\n" + COMMENTS)
    assert got == {
        "Kaisa kirjutas...": RULE_AUTHOR_LINE,
        "Olli / Metsäblogi kirjutas...": RULE_AUTHOR_LINE,
    }


def test_an_author_line_goes_with_the_word_of_one_the_phrase_rules_took() -> None:
    text = (
        BODY
        + "\nNina Berg said...\nThe bridge looks so much better now, thank you for the update.\n"
        + "\nCakes | Nina B said...\nI walked across it yesterday and loved the new railings.\n"
    )
    got = removed(text)
    assert got["Nina Berg said..."] == "boilerplate.comments.author_line"
    assert got["Cakes | Nina B said..."] == RULE_AUTHOR_LINE
    assert len(got) == 2  # the comments themselves stay


def test_lines_ending_in_an_ellipsis_that_are_no_author_lines_stay() -> None:
    kept = [
        # one line alone: no template repeated
        BODY + "\nKaisa kirjutas...\nWhat a lovely walk, the photos made my morning.\n",
        # lower case: a sentence trailing off, not a name
        BODY + "\nand then she wrote...\nnothing more for a year.\n\nand then she wrote...\n"
        "a long letter from the island.\n",
        # different last words: no template
        BODY + "\nThe ferry waited...\nWe ran down the pier.\n\nThe gulls circled...\n"
        "Nobody said a word.\n",
        # two such lines in a row are no author line with its comment under it
        BODY + "\nKaisa kirjutas...\nOlli kirjutas...\n",
        # one line printed twice (a contents entry and its heading) is no template
        BODY + "\nWhen the Ferry Is Late...\nCheck the board by the ticket office.\n"
        "\nWhen the Ferry Is Late...\nThe next boat leaves an hour later.\n",
        # an ellipsis apart from the word: a program's output, a pause
        BODY + "\nUpdating the harbour index ...\nDone in four seconds on the old laptop.\n"
        "\nRebuilding the tide tables ...\nDone in two seconds on the new one here.\n",
    ]
    for text in kept:
        assert removed(text) == {}, text


def test_the_author_line_rule_can_be_switched_off() -> None:
    st = boilerplate.build(
        Config().replace(boilerplate={"disable": [RULE_AUTHOR_LINE]}), RulePack.load(())
    )
    assert removed(BODY + "\n" + COMMENTS, st) == {}
    params = ShapeParams.from_tables({"author_line": {"min_lines": 3}})
    st = dataclasses.replace(boilerplate.build(Config(), RulePack.load(())), shape=params)
    assert removed(BODY + "\n" + COMMENTS, st) == {}


def test_teasers_under_a_widget_heading_below_the_text_go() -> None:
    titles = "Related Courses\nBookkeeping for Small Charities\nPayroll Basics for Beginners\n"
    got = removed(BODY + BODY + "\n" + titles)
    assert got == {
        "Related Courses": "boilerplate.nav.widget_headings",
        "Bookkeeping for Small Charities": RULE_LINK_LIST,
        "Payroll Basics for Beginners": RULE_LINK_LIST,
    }
    # a teaser of a date line, a title and its excerpt, twice
    teasers = (
        "Most Read\n"
        "3 May 2025\n"
        "Ferry timetable changes for the summer\n"
        "The ferry company will add two evening sailings from June, it said on Friday, "
        "and the morning boat will leave ten minutes earlier.\n"
        "2 May 2025\n"
        "School choir wins regional prize\n"
        "The choir of the primary school took first place on Saturday with a programme "
        "of folk songs from the coast.\n"
    )
    got = removed(BODY + BODY + "\n" + teasers)
    assert len(got) == 7 and set(got.values()) == {
        "boilerplate.nav.widget_headings",
        RULE_LINK_LIST,
    }


def test_the_article_under_a_widget_heading_stays() -> None:
    paragraphs = (
        "Most Read\n"
        "The report also found that the library was the most used building in the town.\n"
        "Visitors borrowed more books than ever, and the reading room was often full.\n"
    )
    # two paragraphs in a row under the heading: the article's own text
    got = removed(BODY + BODY + "\n" + paragraphs)
    assert got == {"Most Read": "boilerplate.nav.widget_headings"}
    # excerpts longer than the page's own text: a listing, the page's text
    teasers = (
        "Most Read\n"
        "Ferry timetable changes\n"
        + BODY.replace("\n", " ")
        + "\nChoir wins prize\n"
        + BODY.replace("\n", " ")
        + "\n"
    )
    assert removed(BODY + "\n" + teasers) == {"Most Read": "boilerplate.nav.widget_headings"}
    # the heading above the text: a menu's heading, not teasers under an article
    got = removed("Most Read\nFerry timetable changes\n" + BODY)
    assert "Ferry timetable changes" not in got
    # notes and one-word headings under it: the page's own notes, not teasers
    for block in (
        "Footnotes\nThe council's figures, as published in March.\n",
        "Ferry timetable changes\nNew in the spring edition.\n",
        "Ferry timetable changes\nThe timetable can be found at:\n",
    ):
        got = removed(BODY + BODY + "\nRelated Courses\n" + block)
        assert got == {"Related Courses": "boilerplate.nav.widget_headings"}, block


def test_teasers_can_be_switched_off() -> None:
    params = ShapeParams.from_tables({"link_list": {"teasers": False}})
    st = dataclasses.replace(boilerplate.build(Config(), RulePack.load(())), shape=params)
    titles = "Related Courses\nBookkeeping for Small Charities\nPayroll Basics for Beginners\n"
    assert removed(BODY + BODY + "\n" + titles, st) == {
        "Related Courses": "boilerplate.nav.widget_headings"
    }


def test_a_title_over_its_date_line_between_chrome_lines_stays() -> None:
    # the page's first line of four words is a bulleted headline of a menu, not its
    # title; the title and its date line stand between two removed lines
    text = (
        "• Ferry timetable changes for the summer\n"
        "Skip to content\n"
        "Bridge reopens after two years of repairs\n"
        "7 May 2025 Local\n"
        "Share on Facebook\n" + BODY
    )
    got = removed_opt_in(text)
    assert "Skip to content" in got and "Share on Facebook" in got
    assert "Bridge reopens after two years of repairs" not in got
    assert "7 May 2025 Local" not in got
    # short labels there still go
    got = removed_opt_in(
        "Bridge reopens after two years of repairs\nSkip to content\nHarbour Times\n"
        "Local News Desk\nShare on Facebook\n" + BODY
    )
    assert got.get("Harbour Times") == got.get("Local News Desk") == RULE_CHROME_RUN
