"""Chrome found by where it sits beside chrome already found (``structure.py``, and the
comment and teaser headings ``shape.py`` reads): other stories' excerpts ending the page,
a line printed again after a removed copy, a bulleted list's entry beside removed
entries, a lone commenter's name under the comment section's heading, teaser titles
under a translated widget heading. Every line here was written for these tests.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import BODY, OPT_IN_STAGE, STAGE, removed
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate import structure
from textclean.stages.boilerplate.layout import layout_lines
from textclean.stages.boilerplate.shape import (
    RULE_AUTHOR_LINE,
    RULE_BULLET_RUN,
    RULE_LINK_LIST,
    RULE_REMOVED_TWIN,
    RULE_SNIPPET_RUN,
    ShapeParams,
)

TITLE = "Library Vote Passes After Long Debate"
#: Three excerpts of other stories, each cut short with an ellipsis.
SNIPPETS = [
    "A storm closed the coastal highway for most of the night, officials said…",
    "The library will stay open late during exam week this spring…",
    "Tickets for the autumn concert series go on sale next Monday…",
]


def lines_removed(text: str, st: boilerplate.BoilerplateStage = STAGE) -> dict[int, str]:
    """Removed non-blank line's number (0-based) → the rule id that removed it."""
    doc = st(Document("t", text))
    out = {}
    for e in doc.edits:
        first = text[: e.start].count("\n")
        for j, ln in enumerate(e.before.split("\n")):
            if ln.strip():
                out[first + j] = e.rule
    return out


def test_excerpts_ending_the_page_under_the_text_go() -> None:
    text = BODY + "\n".join(SNIPPETS) + "\n"
    assert lines_removed(text) == {3: RULE_SNIPPET_RUN, 4: RULE_SNIPPET_RUN, 5: RULE_SNIPPET_RUN}


def test_excerpts_go_over_the_pages_last_line_cut_off() -> None:
    text = BODY + "\n".join(SNIPPETS) + "\nThe mayor said the new bus line would"
    got = lines_removed(text)
    assert [got.get(i) for i in (3, 4, 5)] == [RULE_SNIPPET_RUN] * 3
    assert not {0, 1, 2} & got.keys()


@pytest.mark.parametrize(
    "text",
    [
        # two excerpts are not a run
        BODY + "\n".join(SNIPPETS[:2]) + "\n",
        # a listing whose every paragraph is an excerpt: its text
        "\n".join(
            [
                *SNIPPETS,
                "Our tomatoes finally ripened after a slow and rainy summer in the valley…",
            ]
        )
        + "\n",
        # a listing of excerpts, one of which happened to fit whole: more excerpts than
        # whole lines above the last run
        "\n".join(
            [
                "Our tomatoes finally ripened after a slow and rainy summer in the valley…",
                "The ferry timetable changes next week as the winter season begins on the…",
                "The council approved the new budget for the harbour works on Monday night.",
                *SNIPPETS,
            ]
        )
        + "\n",
        # excerpts in the middle of the page, the text going on under them
        BODY + "\n".join(SNIPPETS) + "\n" + BODY,
        # the text's own closing sentence under them: the page's last line, not cut off
        BODY
        + "\n".join(SNIPPETS)
        + "\nWe will come back to all three of these stories in next week's letter.\n",
        # a writer's own sentences trailing off, one of them too short to be an excerpt
        BODY + "We waited…\n" + "\n".join(SNIPPETS[1:]) + "\n",
    ],
)
def test_excerpts_that_may_be_the_pages_own_stay(text: str) -> None:
    assert not any(r == RULE_SNIPPET_RUN for r in lines_removed(text).values())


def test_a_line_printed_again_after_its_removed_copy_goes() -> None:
    # the site's name over the title (a top label) and again under the text
    text = "Northvale Gazette\n" + TITLE + "\n\n" + BODY + "\nNorthvale Gazette\n"
    got = lines_removed(text, OPT_IN_STAGE)  # the top label's rule is shipped off
    assert got.get(0) is not None and got.get(7) == RULE_REMOVED_TWIN
    assert not {1, 3, 4, 5} & got.keys()


def test_a_twin_whose_casefolded_form_is_longer_goes() -> None:
    # "ß" casefolds to "ss": the copy in capitals is as long as the removed line only
    # once both are casefolded, as the rule compares them
    lines = layout_lines("Hafenstraße Bote\n" + BODY + "HAFENSTRASSE BOTE\n")
    found = structure.apply(
        lines, {0: ("boilerplate.nav.site_name", {})}, ShapeParams(), frozenset()
    )
    assert {i: rule for i, (rule, _ev) in found.items()} == {4: RULE_REMOVED_TWIN}


def test_the_start_of_a_removed_line_cut_off_at_the_pages_end_goes() -> None:
    text = (
        BODY
        + "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        + "\nYour email address will not be published. Required fields are"
    )
    assert lines_removed(text).get(6) == RULE_REMOVED_TWIN


def test_the_title_and_twins_of_weak_removals_stay() -> None:
    # the title printed under the text again, a bare number beside its twin
    text = TITLE + "\n" + BODY + "\n" + TITLE + "\n"
    assert 4 not in lines_removed(text)
    text = "12\n" + TITLE + "\n" + BODY + "Table 12 lists the costs.\n12\n"
    assert not any(r == RULE_REMOVED_TWIN for r in lines_removed(text).values())


def test_a_bulleted_entry_beside_a_removed_one_above_the_text_goes() -> None:
    text = "• Skip to content\n• Spring gardening with the Northvale club\n" + TITLE + "\n\n"
    text += BODY
    got = lines_removed(text)
    assert got.get(1) == RULE_BULLET_RUN
    assert 2 not in got


def test_bulleted_lines_of_the_text_stay() -> None:
    # under the first prose line: the article's list, even beside a removed entry
    text = BODY + "• Skip to content\n• Bring a reusable bag and a library card\n" + BODY
    assert not any(r == RULE_BULLET_RUN for r in lines_removed(text).values())
    # a different bullet above the text: another list
    text = "• Skip to content\n- Spring gardening with the Northvale club\n" + TITLE + "\n"
    assert not any(r == RULE_BULLET_RUN for r in lines_removed(text + BODY).values())


def test_a_lone_commenters_name_under_the_comment_heading_goes() -> None:
    name = "Mira Okafor sagte..."
    comment = "What a lovely idea, we should do the same in our town."
    text = BODY + "\n1 comment:\n\n" + name + "\n" + comment + "\n\nPost a Comment\n"
    got = removed(text)
    assert got.get(name) == RULE_AUTHOR_LINE
    assert comment not in got
    # without the heading over it, one such line is no template
    assert name not in removed(BODY + "\n" + name + "\n" + comment + "\n")


def test_teasers_under_a_translated_widget_heading_go() -> None:
    teasers = ["Happy New Year!", "A walk along the harbour", "Back to the old mill"]
    text = BODY + "\nPopular posts from this blog\n" + "\n".join(teasers) + "\n"
    got = removed(text)
    assert all(got.get(t) == RULE_LINK_LIST for t in teasers)


def test_the_structure_rules_switch_off_in_the_data_and_by_id() -> None:
    text = BODY + "\n".join(SNIPPETS) + "\n"
    off = boilerplate.build(
        Config().replace(boilerplate={"disable": [RULE_SNIPPET_RUN]}), RulePack.load(())
    )
    assert lines_removed(text, off) == {}
    params = ShapeParams.from_tables(
        {"snippet_run": {"min_lines": 4}, "removed_twin": {"enabled": False}}
    )
    assert params.snippet_run_min_lines == 4 and not params.removed_twin
    with pytest.raises(ValueError, match="bullet_run"):
        ShapeParams.from_tables({"bullet_run": {"min_lines": 2}})
