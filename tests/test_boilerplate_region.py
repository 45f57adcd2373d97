"""The article-region rule (``boilerplate.shape.masthead``): the site's masthead above
an article's title goes; pages without one, or whose head is the article's own, keep
every line. All page texts are written for these tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.boilerplate_helpers import BODY
from tests.boilerplate_helpers import OPT_IN_STAGE as STAGE
from tests.boilerplate_helpers import STAGE as DEFAULT_STAGE
from tests.boilerplate_helpers import removed as removed_by
from textclean.config import Config
from textclean.rules import RuleError, RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.layout import layout_lines
from textclean.stages.boilerplate.region import (
    RULE_MASTHEAD,
    RegionParams,
    apply,
    content_words,
)


def removed(text: str, st: boilerplate.BoilerplateStage = STAGE) -> dict[str, str]:
    """Removed line → rule id; by default with the rule, shipped off, switched on
    (docs/boilerplate.md, "Rules shipped off")."""
    return removed_by(text, st)


#: A site's masthead no phrase rule knows: name, tagline, section names.
MASTHEAD = [
    "The Harbour Gazette",
    "Independent voices from the quay since 1921",
    "Ferries",
    "Letters From Readers",
    "Weekend Walks",
]
TITLE = "Council backs the new library after a long debate"
FOOTER = "Printed at the old mill on Dock Road."


def page(*head: str, footer: str = FOOTER) -> str:
    return "\n".join(head) + "\n" + BODY + BODY + footer + "\n"


def test_the_masthead_above_a_linked_title_goes() -> None:
    # the tagline holds a year: the taking stops there, so the masthead is the name
    # alone ... a lone line, which is not taken (min_lines)
    assert RULE_MASTHEAD not in removed(page(*MASTHEAD, TITLE)).values()
    head = [MASTHEAD[0], *MASTHEAD[2:]]
    got = removed(page(*head, TITLE))
    assert got == dict.fromkeys(head, RULE_MASTHEAD)


def test_the_audit_names_the_rule_and_the_title() -> None:
    from textclean.document import Document

    head = [MASTHEAD[0], *MASTHEAD[2:]]
    doc = STAGE(Document("t", page(*head, TITLE)))
    edits = [e for e in doc.edits if e.rule == RULE_MASTHEAD]
    assert edits
    assert all(e.evidence["title_line"] == len(head) + 1 for e in edits)
    assert TITLE in doc.text and "Weekend Walks" not in doc.text


def test_it_stops_at_a_date_or_a_byline_above_the_title() -> None:
    head = ["The Harbour Gazette", "Ferries", "Letters From Readers"]
    dated = page(*head, "Tuesday, 4 March 2025", "Weekend Walks", TITLE)
    assert removed(dated) == dict.fromkeys(head, RULE_MASTHEAD)
    signed = page(*head, "By Ann Lowe", "Weekend Walks", TITLE)
    assert removed(signed) == dict.fromkeys(head, RULE_MASTHEAD)


def test_the_rule_can_be_switched_off_and_its_thresholds_set() -> None:
    text = page("The Harbour Gazette", "Ferries", "Weekend Walks", TITLE)
    assert removed_by(text, DEFAULT_STAGE) == {}  # shipped off
    assert removed(text)  # switched on
    off = boilerplate.build(
        Config().replace(boilerplate={"disable": [RULE_MASTHEAD]}), RulePack.load(())
    )
    assert removed(text, off) == {}
    strict = dataclasses.replace(
        STAGE, region=RegionParams.from_tables({"masthead": {"min_lines": 4}})
    )
    assert removed(text, strict) == {}


def test_a_lone_line_above_the_title_is_not_taken() -> None:
    lines = layout_lines(page("Harbour Life", TITLE))
    assert apply(lines, {}, RegionParams(), frozenset()) == {}
    assert sorted(apply(lines, {}, RegionParams(min_lines=1), frozenset())) == [0]


def test_a_page_without_chrome_loses_nothing() -> None:
    text = TITLE + "\n" + "March 4, 2025\n" + BODY + BODY
    assert removed(text) == {}


def test_a_page_without_a_title_linked_to_its_body_loses_nothing() -> None:
    # no line above the body shares a word with it: no title, no region
    assert removed(page("Quiet Corners", "Evening Tides", "Lanterns", "Old Rope")) == {}


def test_a_body_that_begins_with_short_lines_keeps_them() -> None:
    poem = (
        "Six O'Clock\n"
        "The gulls come in at six,\n"
        "the boats lie low and still,\n"
        "the lamps along the quay\n"
        "wake slowly on the hill\n"
        "I wrote these lines last week while I waited for the late ferry, as the lamps "
        "along the quay came on one by one.\n" + BODY
    )
    assert removed(poem) == {}


def test_a_recipe_with_its_lists_keeps_them() -> None:
    recipe = (
        "Sunday Loaf\n"
        "Ingredients\n"
        "500 g strong white flour\n"
        "7 g dried yeast\n"
        "300 ml warm water\n"
        "1 tsp salt\n"
        "1 tbsp olive oil\n"
        "Method\n"
        "Mix the flour, the yeast and the salt in a large bowl, then add the water slowly.\n"
        "Knead the dough for ten minutes until it is smooth, then leave it to rise for an hour.\n"
        "Shape it, leave it for another half hour and bake it for thirty minutes at 220 C.\n"
    )
    assert removed(recipe) == {}
    # the same recipe under a title its method names: still nothing above the title
    assert removed(recipe.replace("Sunday Loaf", "Sunday Dough")) == {}


def test_content_words_link_a_title_in_a_script_without_spaces() -> None:
    text = "ログイン\nかもめ通信\nメニュー\n新しい図書館が来月開館\n" + (
        "市の新しい図書館が来月開館します。地域の住民は長い間この図書館を待っていました。\n"
    )
    lines = layout_lines(text)
    got = apply(lines, {}, RegionParams(), frozenset())
    assert sorted(got) == [0, 1, 2]
    assert "図書" in content_words("新しい図書館", 4)


def test_unknown_keys_and_bad_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        RegionParams.from_tables({"masthead": {"min_line": 2}})
    with pytest.raises(ValueError, match="unknown table"):
        RegionParams.from_tables({"footer": {}})
    with pytest.raises(ValueError, match="expected int"):
        RegionParams.from_tables({"masthead": {"min_lines": "2"}})


def test_a_pack_with_a_bad_region_table_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "x.toml").write_text(
        '[pack]\nname = "x"\nversion = "1"\n[region.masthead]\nmin_lines = -1\n', encoding="utf-8"
    )
    with pytest.raises(RuleError):
        boilerplate.build(Config().replace(rules=[str(tmp_path)]), None)


def test_an_index_above_a_glossary_keeps_its_entries() -> None:
    glossary = (
        "bollard\n"
        "capstan\n"
        "hawser\n"
        "Bollard: a short post on a quay.\n"
        "Fender: a cushion on a rope\n"
        "A fender is a cushion hung over the side of a boat so that it does not rub the "
        "wall of the quay when the tide turns.\n"
    )
    assert removed(glossary) == {}


def test_an_alphabetical_index_above_an_entry_stays() -> None:
    index = ["anchor", "bollard", "capstan", "fender"]
    assert removed(page(*index, TITLE)) == {}
    # the same lines out of order are a site's menu
    menu = ["capstan", "anchor", "fender", "bollard"]
    assert removed(page(*menu, TITLE)) == dict.fromkeys(menu, RULE_MASTHEAD)
