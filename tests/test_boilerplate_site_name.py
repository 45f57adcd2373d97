"""The site-name rule (``boilerplate.site.name``, opt-in): a line that spells the
registered name of the document's address, above or below the text, goes; the same
line inside the text, the end of the writer's sign-off, a byline on a site named after
its writer, a page without an address and a name of another script stay.

Every page below is written for these tests (no third-party text).
"""

from __future__ import annotations

from pathlib import Path

from tests.boilerplate_helpers import cli_boilerplate
from textclean.config import Config
from textclean.document import Document
from textclean.pipeline import Pipeline
from textclean.stages.boilerplate.site_name import RULE_ID, name_key, site_keys

STORY = (
    "The harbour committee met on Tuesday evening to decide the future of the old sea "
    "wall, which has been closed to walkers since the winter storms broke two of its "
    "steps.\n"
    "Engineers told the committee that a full repair would take most of the summer and "
    "cost about twice what the town had set aside for it in the spring budget.\n"
    "The committee chose a smaller repair for now and asked the council to find the rest "
    "of the money before the autumn meeting, when the matter comes back to it.\n"
)


ON = Config().replace(boilerplate={"enable": [RULE_ID]})


def clean(text: str, metadata: dict | None = None, config: Config | None = None) -> Document:
    pipeline = Pipeline.from_config(config or ON, stages=["boilerplate"])
    return pipeline.process(Document("p", text, metadata=metadata or {}))


def by_rule(doc: Document) -> dict[str, str]:
    return {e.before.strip(): e.rule for e in doc.edits}


def test_the_site_name_above_and_below_the_text_goes() -> None:
    page = "Harbour & Town Gazette\n" + STORY + "Harbour & Town Gazette\n"
    doc = clean(page, {"url": "https://www.harbourandtowngazette.co.uk/news/sea-wall"})
    assert by_rule(doc) == {"Harbour & Town Gazette": RULE_ID}
    assert doc.text == STORY


def test_the_name_with_its_suffix_and_a_nested_url_field() -> None:
    page = "Seawallnews.nl\n" + STORY
    doc = clean(page, {"metadata": {"url": "http://seawallnews.nl/artikel/1"}})
    assert by_rule(doc) == {"Seawallnews.nl": RULE_ID}


def test_the_same_line_inside_the_text_stays() -> None:
    lines = STORY.splitlines(keepends=True)
    page = lines[0] + "Harbour Gazette\n" + "".join(lines[1:])
    doc = clean(page, {"url": "https://harbourgazette.com/a"})
    assert doc.text == page and not doc.edits


def test_without_an_address_or_with_another_name_the_line_stays() -> None:
    page = "Harbour Gazette\n" + STORY
    assert clean(page).text == page
    assert clean(page, {"url": "https://othertownpost.com/a"}).text == page
    # a line that only holds the name among other words is no site name
    longer = "Harbour Gazette readers wrote in\n" + STORY
    assert clean(longer, {"url": "https://harbourgazette.com/a"}).text == longer


def test_short_names_and_other_scripts_never_match() -> None:
    assert site_keys("https://abc.com/x") == frozenset()
    assert site_keys("http://192.168.0.1/x") == site_keys("not an address") == frozenset()
    assert name_key("Новости Harbour") == ""
    page = "Новости Harbour\n" + STORY
    assert clean(page, {"url": "https://harbour.ru/a"}).text == page


def test_the_writers_sign_off_under_the_text_stays() -> None:
    sign_off = "See you on Saturday\nJohn Miller\nclub secretary\nHarbour Rovers\n"
    page = STORY + sign_off
    doc = clean(page, {"url": "https://harbourrovers.blogspot.com/2024/05/match.html"})
    assert doc.text == page and not doc.edits
    # right under the text, with nothing between, the name is the footer's
    doc = clean(STORY + "Harbour Rovers\n", {"url": "https://harbourrovers.blogspot.com/a"})
    assert by_rule(doc) == {"Harbour Rovers": RULE_ID}


def test_a_byline_on_a_site_named_after_its_writer_stays() -> None:
    page = "Ana Lima\nJan 20, 2019\n" + STORY
    doc = clean(page, {"url": "https://analima.wixsite.com/kitchen/post/lentils"})
    assert doc.text == page and not doc.edits


def test_the_rule_is_opt_in_and_answers_to_disable() -> None:
    page = "Harbour Gazette\n" + STORY
    url = {"url": "https://harbourgazette.com/a"}
    assert clean(page, url).text == STORY
    assert clean(page, url, Config()).text == page
    both = Config().replace(boilerplate={"enable": [RULE_ID], "disable": [RULE_ID]})
    assert clean(page, url, both).text == page


def test_from_the_command_line_with_a_url_field(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "url": "https://harbourgazette.com/sea-wall",
            "text": "Harbour Gazette\n" + STORY,
        },
        {"id": "b", "text": "Harbour Gazette\n" + STORY},
    ]
    got = cli_boilerplate(tmp_path, rows, '[boilerplate]\nenable = ["boilerplate.site.name"]\n')
    assert got == {"a": STORY, "b": "Harbour Gazette\n" + STORY}
