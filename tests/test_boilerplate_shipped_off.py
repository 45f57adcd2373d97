"""The rules shipped off: each one's chrome stays by default and goes when ``enable``
names the rule, and the shipped rule files say ``enabled = false`` for exactly them
(docs/boilerplate.md, "Rules shipped off"). Text written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib

from tests.boilerplate_helpers import BODY, SHIPPED_OFF, at_top, removed, removed_opt_in
from textclean.config import BoilerplateConfig, Config
from textclean.rules import RulePack
from textclean.stages import boilerplate

RULES = Path(__file__).resolve().parent.parent / "rules" / "boilerplate"

#: A page on which each shipped-off rule takes a line when switched on.
PAGES = {
    "boilerplate.shape.top_label": (
        at_top(["Webinars", "Managing Users in a Column Database Today"]),
        "Webinars",
    ),
    "boilerplate.shape.chrome_run": (
        BODY
        + "2 Comments\nSort by\nTop Comments\nFavourites first\nrivergazer\n2 days ago\n"
        + "Lovely plan, and about time too. The old building was falling apart for years.\n",
        "Favourites first",
    ),
    "boilerplate.ui.hashtag_labels": (BODY + "#Local News\n" + BODY, "#Local News"),
    "boilerplate.teaser.snippet": (
        BODY
        + "Harbour Lights Return\nThe lamps along the quay were lit again this week after [...]\n"
        + "Bridge Works Begin\nCrews closed the east lane of the old bridge on Monday to [...]\n"
        + BODY,
        "Harbour Lights Return",
    ),
}


@pytest.mark.parametrize("rule", list(PAGES))
def test_a_shipped_off_rule_takes_nothing_by_default_and_its_line_when_enabled(
    rule: str,
) -> None:
    text, line = PAGES[rule]
    assert rule not in removed(text).values()
    assert line not in removed(text)
    on = boilerplate.build(Config(boilerplate=BoilerplateConfig(enable=(rule,))), RulePack.load(()))
    assert removed(text, on).get(line) == rule
    assert removed_opt_in(text).get(line) == rule


def _shipped_off_in_files() -> set[str]:
    off = set()
    for path in RULES.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        off |= {r["id"] for r in data.get("rule", []) if r.get("enabled") is False}
        for name, table in data.get("shape", {}).items():
            if isinstance(table, dict) and table.get("enabled") is False:
                off.add(f"boilerplate.shape.{name}")
        region = data.get("region", {})
        if region.get("masthead", {}).get("enabled") is False:
            off.add("boilerplate.shape.masthead")
        if region.get("teasers", {}).get("enabled") is False:
            off.add("boilerplate.teaser.off_topic_run")
    return off


def test_the_rule_files_ship_off_the_listed_rules_and_the_opt_in_ones() -> None:
    off = _shipped_off_in_files()
    assert set(SHIPPED_OFF) <= off
    # the other rules shipped off are the opt-in kinds named in the config's docs
    # (bylines, datelines, photo credits): none of them is a shape rule
    assert not {r for r in off - set(SHIPPED_OFF) if r.startswith("boilerplate.shape.")}
