"""The teaser rule (``boilerplate.teaser.off_topic_run``): runs of other stories'
headlines above the article's title or under its last paragraph go; the article's
own lines, lists and readers' comments stay. All page texts are written for these
tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.boilerplate_helpers import OPT_IN_STAGE as STAGE
from tests.boilerplate_helpers import STAGE as DEFAULT_STAGE
from tests.boilerplate_helpers import removed as removed_by
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RuleError, RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.layout import layout_lines
from textclean.stages.boilerplate.teasers import RULE_OFF_TOPIC, TeaserParams, apply


def removed(text: str, st: boilerplate.BoilerplateStage = STAGE) -> dict[str, str]:
    """Removed line → rule id; by default with the rule, shipped off, switched on
    (docs/boilerplate.md, "Rules shipped off")."""
    return removed_by(text, st)


TITLE = "Harbour tunnel plan wins the council vote"
#: The article's body: three paragraphs about the tunnel.
ARTICLE = (
    "The harbour tunnel plan won the council vote on Monday evening after a long debate "
    "about its cost and its route under the old town.\n"
    "Council members said the tunnel would take the lorries off the quay and cut the "
    "traffic in the narrow streets of the harbour district by half.\n"
    "Work on the tunnel is expected to start next spring, and the council hopes to open "
    "it to traffic before the summer of the following year.\n"
)
#: Other stories' headlines, as a teaser block lists them.
OTHERS = [
    "Bakery on Elm Street celebrates fifty years of bread",
    "Local choir travels to Vienna for singing contest",
    "Storm closes the coast road for two days",
    "Primary school pupils plant apple trees in the park",
]
END = "Printed at the old mill on Dock Road."


def article(*, above: list[str] | None = None, below: list[str] | None = None) -> str:
    head = "\n".join(above or [])
    tail = "\n".join(below or [])
    return (head + "\n" if head else "") + TITLE + "\n" + ARTICLE + (tail + "\n" if tail else "")


def by_rule(text: str, st: boilerplate.BoilerplateStage = STAGE) -> set[str]:
    return {line for line, rule in removed(text, st).items() if rule == RULE_OFF_TOPIC}


def test_a_run_of_other_stories_under_the_article_goes() -> None:
    # the page's last line may be a cut sentence: it is never taken as a teaser
    got = by_rule(article(below=[*OTHERS, END]))
    assert got == set(OTHERS)
    assert by_rule(article(below=OTHERS)) == set(OTHERS[:-1])


#: Headlines over one-line summaries without a full stop, above the title (the
#: masthead rule stops at a line over a long one).
PAIRS = [
    OTHERS[0],
    "The family firm has baked rye loaves on the same corner since the war and plans "
    "a street party in June",
    OTHERS[1],
    "Forty singers from the chapel choir will compete against groups from twelve "
    "countries this spring",
]


def test_a_run_above_the_title_goes_and_the_title_stays() -> None:
    text = article(above=PAIRS)
    assert by_rule(text) == set(PAIRS)
    doc = STAGE(Document("t", text))
    assert doc.text == TITLE + "\n" + ARTICLE
    # headlines alone above a title: the masthead rule or this one takes them
    lines = layout_lines(article(above=OTHERS[:3]))
    assert {lines[i].text for i in apply(lines, {}, TeaserParams())} == set(OTHERS[:3])


def test_the_audit_names_the_rule_and_its_evidence() -> None:
    doc = STAGE(Document("t", article(below=[*OTHERS, END])))
    edits = [e for e in doc.edits if e.rule == RULE_OFF_TOPIC]
    assert edits
    assert all(e.evidence["shared_topic_words"] <= 1 for e in edits)
    assert all(e.evidence["body_lines"][0] == 2 for e in edits)


def test_headlines_with_dates_and_one_sentence_summaries_go() -> None:
    block = [
        OTHERS[0],
        "12 May 2025",
        "The family firm has baked rye loaves on the same corner since the war.",
        OTHERS[1],
        "11 May 2025",
        "Forty singers from the chapel choir will compete against groups from twelve countries.",
    ]
    assert by_rule(article(below=[*block, END])) == set(block)
    # a summary longer than summary_max_words is another story's text: nothing goes
    long = [*block[:2], block[2][:-1] + " and" + " more" * 50 + ".", *block[3:]]
    assert by_rule(article(below=[*long, END])) == set()


def test_headlines_on_the_articles_topic_stay() -> None:
    related = [
        "Harbour tunnel costs questioned by the council auditors",
        "Tunnel route under the old town worries the harbour traders",
    ]
    assert by_rule(article(below=[*related, END])) == set()


def test_author_lines_with_addresses_stay() -> None:
    authors = [
        "Ann Lowe <ann.lowe@harbour.example>, Harbour Software, Bristol, England",
        "Tom Reed <tom.reed@harbour.example>, Harbour Software, Bristol, England",
    ]
    assert by_rule(article(below=[*authors, END])) == set()


def test_a_single_line_alone_stays() -> None:
    assert by_rule(article(below=[OTHERS[0], END])) == set()


def test_a_list_the_article_introduces_stays() -> None:
    text = article(below=["Other plans the council looks at this year:", *OTHERS, END])
    assert by_rule(text) == set()


def test_readers_comments_and_sentences_stay() -> None:
    comments = [
        "great news for the quay, about time they did something",
        "My grandmother ran a fish stall by the harbour for forty years.",
        "Will the ferries still run while they dig?",
        "Loved reading this, thanks for the update!",
    ]
    assert by_rule(article(below=[*comments, END])) == set()


def test_a_listing_page_keeps_the_next_posts() -> None:
    # a headline over another story's paragraph: a listing's next post, not a teaser
    nxt = (
        "Our allotment had its best year yet, with beans and courgettes growing faster "
        "than we could pick them in the warm wet summer."
    )
    text = article(below=[OTHERS[0], OTHERS[1], nxt, END])
    assert by_rule(text) == set()


def test_a_page_without_a_body_loses_nothing() -> None:
    short = TITLE + "\nThe council voted for the plan on Monday evening after a debate.\n"
    assert by_rule("\n".join(OTHERS) + "\n" + short + "\n".join(OTHERS) + "\n") == set()


def test_captions_and_bylines_between_title_and_body_stay() -> None:
    text = (
        "\n".join(PAIRS)
        + "\n"
        + TITLE
        + "\nBy Ann Lowe, harbour correspondent\n"
        + "Lorries queue along the quay on a busy morning\n"
        + ARTICLE
    )
    assert by_rule(text) == set(PAIRS)


def test_the_rule_can_be_switched_off_and_its_thresholds_set() -> None:
    text = article(below=[*OTHERS, END])
    off = boilerplate.build(
        Config().replace(boilerplate={"disable": [RULE_OFF_TOPIC]}), RulePack.load(())
    )
    assert by_rule(text, off) == set()
    assert RULE_OFF_TOPIC not in removed_by(text, DEFAULT_STAGE).values()  # shipped off
    strict = dataclasses.replace(STAGE, teasers=dataclasses.replace(STAGE.teasers, min_run=5))
    assert by_rule(text, strict) == set()


def test_the_built_in_table_sets_stop_words() -> None:
    assert "which" in STAGE.teasers.stopwords
    assert STAGE.teasers.enabled


def test_apply_on_lines_alone() -> None:
    lines = layout_lines(article(below=[*OTHERS, END]))
    got = apply(lines, {}, TeaserParams())
    assert {lines[i].text for i in got} == set(OTHERS)
    assert apply(lines, {}, TeaserParams(enabled=False)) == {}


def test_unknown_keys_and_bad_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        TeaserParams.from_tables({"teasers": {"min_runs": 2}})
    with pytest.raises(ValueError, match="expected int"):
        TeaserParams.from_tables({"teasers": {"min_run": "2"}})
    with pytest.raises(ValueError, match="stopwords"):
        TeaserParams.from_tables({"teasers": {"stopwords": "the"}})


def test_a_pack_with_a_bad_teasers_table_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "x.toml").write_text(
        '[pack]\nname = "x"\nversion = "1"\n[region.teasers]\nmin_run = -1\n', encoding="utf-8"
    )
    with pytest.raises(RuleError):
        boilerplate.build(Config().replace(rules=[str(tmp_path)]), None)


def test_a_title_above_a_short_lead_on_topic_stays() -> None:
    # the title shares no word with the body, and the topmost line on topic is a short
    # lead under it: the title is the line above the lead, not a teaser next to chrome
    text = "Skip to content\nStrange Days Beside the Water\nThe harbour tunnel vote is in.\n"
    lines = layout_lines(text + ARTICLE)
    assert apply(lines, {0: ("boilerplate.nav.skip", {})}, TeaserParams()) == {}
    # a headline above that title still goes beside the chrome line
    text = "Skip to content\n" + OTHERS[2] + "\n" + text.split("\n", 1)[1]
    lines = layout_lines(text + ARTICLE)
    got = apply(lines, {0: ("boilerplate.nav.skip", {})}, TeaserParams())
    assert {lines[i].text for i in got} == {OTHERS[2]}
