"""Structure rules of ``structure.py`` read off where a line stands: a row of hashtags,
a lead-in left with nothing under it at the page's end, a breadcrumb trail printed over
the page's title, a breadcrumb trail on a line of its own. Every line here was written
for these tests.
"""

from __future__ import annotations

import dataclasses

from tests.boilerplate_helpers import BODY, STAGE, removed, removed_opt_in
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate import structure
from textclean.stages.boilerplate.layout import layout_lines
from textclean.stages.boilerplate.shape import (
    RULE_CRUMB_TITLE,
    RULE_CRUMB_TRAIL,
    RULE_DANGLING_LEAD,
    RULE_HASHTAG_ROW,
    ShapeParams,
)

TITLE = "Harbour Ferry Timetable Changes for Summer"


def test_a_row_of_hashtags_goes_anywhere() -> None:
    rows = (
        "#ferries #harbour #summer",
        "#city-life, #local.news, #weekend",
        "#a1 #b_2",
        "#rye#sourdough#baking",  # glued
        "#harbour, #cranes, #local-history",
        "#travel #2024-goals",  # a letter after the number's hyphen
        "#harbour #1.5m-upgrade",
    )
    for row in rows:
        assert removed(BODY + row + "\n" + BODY) == {row: RULE_HASHTAG_ROW}, row
        assert removed(BODY + BODY + row + "\n") == {row: RULE_HASHTAG_ROW}, row


def test_lines_with_words_or_numbers_beside_hashtags_stay() -> None:
    for line in (
        "#1 #2",  # ranks, not tags
        "#travel #2024-25",  # a season, no tag
        "#ferries are running late again",
        "Tags: #ferries and more",
        "# Heading",
        "#include <stdio.h>",
    ):
        assert removed(BODY + line + "\n" + BODY) == {}, line


def test_hashtags_in_fenced_code_stay() -> None:
    text = BODY + "```\n#define #undef\n```\n" + BODY
    assert removed(text) == {}


def test_a_lead_in_with_nothing_under_it_goes_when_switched_on() -> None:
    """``shape.dangling_lead`` is shipped off (an excerpt cut off under an article's own
    lead-in looks the same); switched on, it takes a lead-in left with nothing under it."""
    for lead in ("Take a look at these:", "Our earlier reports on the ferries:"):
        assert removed(BODY + BODY + lead + "\n") == {}, lead
        assert removed_opt_in(BODY + BODY + lead + "\n") == {lead: RULE_DANGLING_LEAD}, lead
        # the link or list it announced was chrome, which another rule took
        text = BODY + BODY + lead + "\n[ad_1]\n"
        assert removed_opt_in(text) == {
            lead: RULE_DANGLING_LEAD,
            "[ad_1]": "boilerplate.stub.template_token",
        }


def test_lead_ins_that_lead_somewhere_or_are_not_lead_ins_stay() -> None:
    cases = (
        BODY + "Ingredients:\n2 cups of flour\n1 cup of milk\n",  # its list stays
        BODY + BODY + "Timetable\nIt can be found at:\n",  # under a heading
        BODY + BODY + "Anna Berg, harbour master Photo:\n",  # a caption's credit
        BODY + BODY + "The new timetable, which starts in June, lists all sailings:\n",
        BODY + BODY + ":harbour master:\n",  # a glossary's term
        "See also:\n" + BODY,  # not under the text
        "Contents:\nFerry times\n",  # a page without prose
    )
    for text in cases:
        assert not any(r == RULE_DANGLING_LEAD for r in removed_opt_in(text).values()), text


def test_a_breadcrumb_ending_in_the_title_goes_and_the_title_stays() -> None:
    for trail in (
        f"Home / Travel / {TITLE}",
        f"HomeNewsLocal{TITLE}",  # the trail's links glued together
        f"» » {TITLE}",
        f"Harbour Post | Ferries | {TITLE}",
        f"Ferries › {TITLE}",
    ):
        assert removed(trail + "\n" + TITLE + "\n" + BODY + BODY) == {trail: RULE_CRUMB_TITLE}


def test_lines_ending_in_the_title_that_are_no_trail_stay() -> None:
    for line in (
        f"• {TITLE}",  # a list's entry over the same words
        f"Exclusive: {TITLE}",  # a kicker
        f"Read our guide to the {TITLE}",
    ):
        got = removed(line + "\n" + TITLE + "\n" + BODY + BODY)
        assert RULE_CRUMB_TITLE not in got.values(), line
    # a short title: two words are no evidence
    got = removed("Harbour Post | Ferries\nFerries\n" + BODY + BODY)
    assert RULE_CRUMB_TITLE not in got.values()
    # under the text's first paragraph the same line is the text's own
    text = BODY + f"Home / Travel / {TITLE}\n{TITLE}\n" + BODY
    assert RULE_CRUMB_TITLE not in removed(text).values()


def test_a_breadcrumb_trail_on_its_own_line_goes() -> None:
    for trail in (
        "Home > Residents > News > Ferry timetable changes",
        "Harbour News › Local › Ferry timetable changes",
        "Home >> Travel >> Ferries",
        "Start → Ferries → Timetable",
    ):
        assert removed(BODY + trail + "\n" + BODY) == {trail: RULE_CRUMB_TRAIL}, trail


def test_lines_with_arrows_that_are_no_trail_stay() -> None:
    for line in (
        "<name> ::= <first> <last>",  # a grammar
        "a->b->c",  # code
        "x > y > z = 0",
        "«Ferries» » «Buses» » «Trains»",  # quotations in guillemets
        "Home > News > 12 March 2024 by Anna Berg",  # a date: a byline glued to it
        "Go to Settings > Privacy > Location and turn it off.",  # a sentence
        "Home > News",  # two crumbs
    ):
        assert RULE_CRUMB_TRAIL not in removed(BODY + line + "\n" + BODY).values(), line


def test_the_rules_can_be_switched_off() -> None:
    params = ShapeParams.from_tables(
        {
            "hashtag_row": {"enabled": False},
            "dangling_lead": {"enabled": False},
            "crumb_title": {"enabled": False},
            "crumb_trail": {"enabled": False},
        }
    )
    st = dataclasses.replace(boilerplate.build(Config(), RulePack.load(())), shape=params)
    text = (
        f"Home / Travel / {TITLE}\n{TITLE}\n"
        + BODY
        + "Home > Residents > News > Ferries\n#ferries #harbour\n"
        + BODY
        + "Take a look at these:\n"
    )
    assert removed(text, st) == {}
    assert set(removed_opt_in(text).values()) == {
        RULE_CRUMB_TITLE,
        RULE_CRUMB_TRAIL,
        RULE_HASHTAG_ROW,
        RULE_DANGLING_LEAD,
    }
    # shipped, the lead-in stays
    assert set(removed(text).values()) == {RULE_CRUMB_TITLE, RULE_CRUMB_TRAIL, RULE_HASHTAG_ROW}
    assert removed(text, STAGE) == removed(text)


def test_trails_are_looked_for_near_the_page_top_only() -> None:
    trail = "Home > Residents > News > Ferry timetable changes"
    assert removed(BODY + trail + "\n" + BODY) == {trail: RULE_CRUMB_TRAIL}
    # under twenty-odd lines of text, the same line is the text's own
    text = BODY * 8 + trail + "\n" + BODY
    assert RULE_CRUMB_TRAIL not in removed(text).values()


def test_trails_are_found_among_the_first_non_blank_lines_however_the_page_is_spaced() -> None:
    """The page's marks screen the trail rules: they must see every line the rules read
    (the first ``max_above`` non-blank lines, and the title under the last of them)."""
    trail = f"Home / Travel / {TITLE}"
    # blank lines between the top lines: the trail is the fifth non-blank line
    spaced = "Harbour Post\n\nFerries\n\nBuses\n\nTrains\n\n" + trail + "\n\n" + TITLE + "\n\n"
    assert removed(spaced + BODY + BODY) == {trail: RULE_CRUMB_TITLE}
    params = ShapeParams()
    labels = ["Harbour Post", "Ferries", "Buses", "Trains", "Weather", "Events", "Contact"]
    # the trail is the eighth line (the last one read), its title the ninth
    assert len(labels) + 1 == params.crumb_title_max_above
    for top in ("\n".join([*labels, trail, TITLE]), "\r".join([*labels, trail, TITLE])):
        lines = layout_lines(top + "\n" + BODY)
        found = structure.apply(lines, {}, params, frozenset())
        assert found.get(len(labels), ("",))[0] == RULE_CRUMB_TITLE, repr(top[-60:])
    # a trail's separators on lines of the page's first twenty, after long lines
    long_label = " ".join(["Harbour"] * 80)
    text = "\n".join([long_label] * 10 + ["Home > Residents > News > Ferries"]) + "\n" + BODY
    assert ">" in structure.page_marks(text, params)
