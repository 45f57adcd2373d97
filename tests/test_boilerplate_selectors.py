"""Shape rules for lists above the text: a long selector of short names (regions, a
category menu, a tag cloud) and a breadcrumb printed as a list whose last entry is the
title printed again under it. Every line here was written for these tests.
"""

from __future__ import annotations

import dataclasses

from tests.boilerplate_helpers import BODY, removed
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.shape import RULE_CRUMB_LIST, RULE_SELECTOR, ShapeParams

#: Made-up region names, capitalised, one to a line: a weather widget's place picker.
REGIONS = [
    "Northvale",
    "Eastmere",
    "Brackenford",
    "Old Harbour",
    "Millbrook",
    "Westcliff",
    "Saint Orlen",
    "Highmoor",
    "Lower Dunsby",
]
TITLE = "Library Vote Passes After Long Debate"

#: The masthead rule also takes short lines over a title (see test_boilerplate_region):
#: left out here so that what stays is what these two rules keep.
NO_MASTHEAD = Config().replace(boilerplate={"disable": ["boilerplate.shape.masthead"]})
STAGE = boilerplate.build(NO_MASTHEAD, RulePack.load(()))


def test_a_long_selector_above_the_title_goes() -> None:
    text = "\n".join(REGIONS) + "\n" + TITLE + "\n\n" + BODY
    got = removed(text)
    assert got == dict.fromkeys(REGIONS, RULE_SELECTOR)


def test_a_bulleted_tag_cloud_above_the_title_goes_and_the_title_stays() -> None:
    tags = ["• Gardening", "• Compost", "• Seeds", "• Tools", "• Roses", "• Soil", "• Bees"]
    text = "\n".join(tags) + "\n\n" + TITLE + "\nBy Ana Lima\n\n" + BODY
    got = removed(text)
    assert got == dict.fromkeys(tags, RULE_SELECTOR)


def test_lists_that_may_be_the_articles_own_stay() -> None:
    kept = [
        # too short a list
        "\n".join(REGIONS[:6]) + "\n" + TITLE + "\n" + BODY,
        # right over the first paragraph, with no title between them
        "\n".join(REGIONS) + "\n" + BODY,
        # under the text, and inside it
        BODY + "\n" + "\n".join(REGIONS) + "\n",
        BODY + "\n".join(REGIONS) + "\n" + BODY,
        # a page without a prose line: the list may be its text
        TITLE + "\n" + "\n".join(REGIONS) + "\n",
        # quantities: a list of ingredients
        "\n".join(f"{n} g {w}" for n, w in zip(range(10, 100, 10), REGIONS, strict=False))
        + "\n"
        + TITLE
        + "\n"
        + BODY,
        # a glossary's lower-case index of terms over its first entry
        "\n".join(w.lower() for w in REGIONS) + "\n:northvale: n.\n" + BODY,
        # under a lead-in that introduces the list
        "Regions covered\nThe survey counted birds in these regions:\n"
        + "\n".join(REGIONS)
        + "\n"
        + TITLE
        + "\n"
        + BODY,
        # far down a page of headings (a manual's contents), not in a site's header
        "\n".join(f"Chapter {w}: {w} again" for w in REGIONS * 3)
        + "\n"
        + "\n".join(REGIONS)
        + "\n"
        + TITLE
        + "\n"
        + BODY,
        # entries ending a clause, or mixing bullets
        "\n".join(w + "," for w in REGIONS) + "\n" + TITLE + "\n" + BODY,
        "\n".join(("• " if k % 2 else "") + w for k, w in enumerate(REGIONS))
        + "\n"
        + TITLE
        + "\n"
        + BODY,
    ]
    for text in kept:
        got = removed(text, STAGE)
        assert not any(rule == RULE_SELECTOR for rule in got.values()), text
        assert not set(got) & set(REGIONS), text


def test_a_short_title_under_a_plain_menu_is_never_one_more_entry() -> None:
    # the title has one word and a date line follows it: nothing shows where the menu
    # ends, so all of it stays
    text = "\n".join(REGIONS) + "\nFerries\n7 May 2025\n\n" + BODY
    assert removed(text, STAGE) == {}
    # a program's line or a numbered heading under the list is no title either
    for stop in ("int open_file(const char *name, int mode);", "1. Why The Ferries Stopped"):
        text = "\n".join(REGIONS) + "\n" + stop + "\n\n" + BODY
        assert removed(text, STAGE) == {}, stop


def test_the_line_under_a_selector_is_no_context_for_the_run_rules() -> None:
    # the title sits between the selector and a share row; it stays
    text = "\n".join(REGIONS) + "\n" + TITLE + "\nShare on Facebook\n\n" + BODY
    got = removed(text)
    assert TITLE not in got
    assert got["Share on Facebook"] != RULE_SELECTOR


CRUMBS = ["1. Forum", "2. Travel", "3. Ferries", "4. " + TITLE]


def test_a_numbered_breadcrumb_over_the_title_goes_and_the_title_stays() -> None:
    text = "\n".join(CRUMBS) + "\n\n" + TITLE + "\n\n" + BODY
    got = removed(text)
    assert got == dict.fromkeys(CRUMBS, RULE_CRUMB_LIST)


def test_a_bulleted_breadcrumb_over_the_title_goes() -> None:
    crumbs = ["- Home", "- Council", "- Libraries", "- " + TITLE.upper()]
    text = "\n".join(crumbs) + "\n" + TITLE + "\n" + BODY
    got = removed(text)
    assert TITLE not in got
    assert {k: v for k, v in got.items() if k != "- Home"} == dict.fromkeys(
        crumbs[1:], RULE_CRUMB_LIST
    )


def test_lists_that_are_no_breadcrumb_stay() -> None:
    kept = [
        # the last entry is not printed again under the list
        "\n".join(CRUMBS) + "\nA different title for the article\n" + BODY,
        # numbers out of order
        "1. Forum\n3. Travel\n2. Ferries\n4. " + TITLE + "\n" + TITLE + "\n" + BODY,
        # an entry above the last that is a sentence: a list of steps
        "1. Open the lid.\n2. Pour the water in.\n3. " + TITLE + "\n" + TITLE + "\n" + BODY,
        # two entries only
        "1. Forum\n2. " + TITLE + "\n" + TITLE + "\n" + BODY,
        # below the first prose line
        BODY + "\n".join(CRUMBS) + "\n" + TITLE + "\n" + BODY,
    ]
    for text in kept:
        got = removed(text, STAGE)
        assert not any(rule == RULE_CRUMB_LIST for rule in got.values()), text
        assert TITLE not in got, text


def test_both_rules_switch_off_by_config_and_by_pack() -> None:
    selector = "\n".join(REGIONS) + "\n" + TITLE + "\n\n" + BODY
    crumbs = "\n".join(CRUMBS) + "\n\n" + TITLE + "\n\n" + BODY
    off = NO_MASTHEAD.replace(
        boilerplate={
            "disable": [
                "boilerplate.shape.masthead",
                "boilerplate.shape.selector",
                "boilerplate.shape.crumb_list",
            ]
        }
    )
    st = boilerplate.build(off, RulePack.load(()))
    assert removed(selector, st) == {}
    assert removed(crumbs, st) == {}
    params = ShapeParams.from_tables(
        {"selector": {"enabled": False}, "crumb_list": {"min_items": 5}}
    )
    st = dataclasses.replace(STAGE, shape=params)
    assert removed(selector, st) == {}
    assert removed(crumbs, st) == {}
