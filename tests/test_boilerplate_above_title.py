"""The rule ``boilerplate.site.above_title``: the page's address names its article's
title; the short lines above that title (the site's name, menus, section labels, login
prompts) go, unless they may be the article's own (a date, a byline, a credit, a
dateline, a sentence). The title, the lines under it and the text stay.

Every page below is written for these tests (no third-party text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.boilerplate_helpers import cli_boilerplate
from textclean.config import Config
from textclean.document import Document
from textclean.pipeline import Pipeline
from textclean.stages.boilerplate.above_title import RULE_ID, slug_words

URL = "https://www.harbourpost.example/news/2024/05/sea-wall-repair-delayed-until-autumn"
TITLE = "Sea wall repair delayed until autumn"
STORY = (
    "Work on the old sea wall will not start before the autumn, the port authority said "
    "on Monday, after the contractor asked for more time to bring in its machines.\n"
    "Walkers have been kept off the wall since two of its steps broke in the winter "
    "storms, and the ferry company has asked for a temporary path to its pier.\n"
)
#: a site's name and its own section names: no phrase rule knows them
HEAD = ["Harbour Post", "Coastal Affairs", "Marina Diary", "Tide Tables", "Letters From The Quay"]
ON = Config()  # the rule is shipped on


def clean(text: str, metadata: dict | None = None, config: Config | None = None) -> Document:
    pipeline = Pipeline.from_config(config or ON, stages=["boilerplate"])
    return pipeline.process(Document("p", text, metadata=metadata or {}))


def gone(doc: Document) -> set[str]:
    """The lines the rule removed."""
    return {ln.strip() for e in doc.edits if e.rule == RULE_ID for ln in e.before.splitlines()}


def test_the_sites_head_above_the_title_goes() -> None:
    page = "\n".join(HEAD) + "\n" + TITLE + "\n" + STORY
    doc = clean(page, {"url": URL})
    assert gone(doc) == set(HEAD)
    assert doc.text == TITLE + "\n" + STORY
    audit = [e.evidence for e in doc.edits if e.rule == RULE_ID]
    assert audit and all(ev["title_line"] == len(HEAD) + 1 for ev in audit)
    # cleaning the output again changes nothing: the title is now the first line
    again = clean(doc.text, {"url": URL})
    assert again.text == doc.text and not again.edits


@pytest.mark.parametrize(
    "line",
    [
        "Tuesday, 14 May 2024",  # a date
        "14.05.2024 - 18:20",  # a time
        "By Anna Berg",  # a byline
        "Source: Harbour Council",  # a credit
        "Eastfield, Harbour County",  # a dateline
        "(HPN)",  # a wire's credit
        "Work stops. Walkers wait.",  # sentences
        "The committee will meet again in the autumn to decide on it",  # long
        "Broken sea wall steps",  # a photo's caption: on the title's own story
    ],
)
def test_lines_that_may_be_the_articles_own_stay(line: str) -> None:
    # (first: the short line over a date line would be its byline, and stay)
    page = line + "\nCoastal Affairs\nMarina Diary\n" + TITLE + "\n" + STORY
    doc = clean(page, {"url": URL})
    assert gone(doc) == {"Coastal Affairs", "Marina Diary"}
    assert line in doc.text


def test_the_lines_under_the_title_and_the_text_stay() -> None:
    """Only what stands above the title goes: a dek, a label under the title and the
    text's own short lines stay."""
    page = "Tide Tables\n" + TITLE + "\nHarbour\nWalkers must wait\n" + STORY + "Harbour\n"
    doc = clean(page, {"url": URL})
    assert gone(doc) == {"Tide Tables"}
    assert doc.text == TITLE + "\nHarbour\nWalkers must wait\n" + STORY + "Harbour\n"


def test_without_a_title_the_address_names_nothing_goes() -> None:
    page = "\n".join(HEAD) + "\nCouncil news in brief\n" + STORY
    for url in (URL, "https://harbourpost.example/node/1234", "https://harbourpost.example/"):
        assert not gone(clean(page, {"url": url})), url
    assert not gone(clean("\n".join(HEAD) + "\n" + TITLE + "\n" + STORY))  # no address


def test_a_title_below_the_first_prose_line_is_no_anchor() -> None:
    """A line naming the address's words under the text's first prose line is the
    text's own (a heading further down): what stands above it is the article."""
    page = "Tide Tables\n" + STORY + TITLE + "\n" + STORY
    assert not gone(clean(page, {"url": URL}))


def test_the_address_words() -> None:
    assert slug_words(URL) == ("sea", "wall", "repair", "delayed", "until", "autumn")
    # the last segment with three words or more: an id after it is passed over
    assert slug_words("https://x.example/sport/derby-ends-goalless-draw/8841") == (
        "derby",
        "ends",
        "goalless",
        "draw",
    )
    assert slug_words("https://x.example/sport/") == ()
    assert slug_words("not a url") == ()


def test_the_rule_is_shipped_on_and_answers_to_disable() -> None:
    page = "Tide Tables\n" + TITLE + "\n" + STORY
    url = {"url": URL}
    assert clean(page, url, Config()).text == TITLE + "\n" + STORY
    off = Config().replace(boilerplate={"disable": [RULE_ID]})
    assert clean(page, url, off).text == page
    both = Config().replace(boilerplate={"enable": [RULE_ID], "disable": [RULE_ID]})
    assert clean(page, url, both).text == page


def test_from_the_command_line_with_a_url_field(tmp_path: Path) -> None:
    page = "Coastal Affairs\nMarina Diary\n" + TITLE + "\n" + STORY
    rows = [{"id": "a", "url": URL, "text": page}, {"id": "b", "text": page}]
    got = cli_boilerplate(tmp_path / "on", rows)
    assert got == {"a": TITLE + "\n" + STORY, "b": page}
    off = cli_boilerplate(tmp_path / "off", rows, f'[boilerplate]\ndisable = ["{RULE_ID}"]\n')
    assert off == {"a": page, "b": page}
