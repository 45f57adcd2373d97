"""Guards of the rules shipped off (docs/boilerplate.md, "Guards for the shipped-off
rules"): each test runs one rule switched on, over a page whose article line the rule
took before its guard, and a page of the chrome it still takes. Text written for the
tests."""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, removed
from textclean.config import BoilerplateConfig, Config
from textclean.rules import RulePack
from textclean.stages import boilerplate

_STAGES: dict[str, boilerplate.BoilerplateStage] = {}


def taken(text: str, rule: str) -> dict[str, str]:
    """Lines ``rule`` removes from ``text``, with the rule switched on."""
    st = _STAGES.get(rule)
    if st is None:
        st = _STAGES[rule] = boilerplate.build(
            Config(boilerplate=BoilerplateConfig(enable=(rule,))), RulePack.load(())
        )
    return {line: r for line, r in removed(text, st).items() if r == rule}


TOP_LABEL = "boilerplate.shape.top_label"
SANDWICH = "boilerplate.shape.sandwich"
CHROME_RUN = "boilerplate.shape.chrome_run"
STUTTER = "boilerplate.shape.stutter"
SNIPPET = "boilerplate.teaser.snippet"


def test_top_label_keeps_a_field_and_its_value_over_the_title() -> None:
    page = (
        "Decision: carried unanimously\n"
        "Budget Plan for the Coming Year Approved in Full\n" + BODY + BODY
    )
    assert "Decision: carried unanimously" not in taken(page, TOP_LABEL)
    # a section's name over the title still goes
    page = "Council News\nBudget Plan for the Coming Year Approved in Full\n" + BODY + BODY
    assert taken(page, TOP_LABEL) == {"Council News": TOP_LABEL}


def test_sandwich_keeps_a_readers_sentence_ending_in_an_emoticon() -> None:
    page = BODY + BODY + "1 comment:\nSo lovely! :)\nPost a Comment\n"
    assert "So lovely! :)" not in taken(page, SANDWICH)
    page = BODY + BODY + "1 comment:\nKitchen Notes\nPost a Comment\n"
    assert "Kitchen Notes" in taken(page, SANDWICH)


def test_chrome_run_keeps_a_readers_comment_in_sentence_case() -> None:
    page = (
        BODY
        + BODY
        + "Comments (3)\nrivergazer\nYou should give it a try, send photos\n8 months ago\n"
        + "Reply\n"
    )
    assert "You should give it a try, send photos" not in taken(page, CHROME_RUN)


def test_stutter_keeps_a_repeated_name_that_opens_the_paragraph_below() -> None:
    entry = (
        "Iceland\nIceland\nIceland, the land of fire and ice, was shaped by volcanoes"
        " over many thousands of years.\nRead More\n"
    )
    page = BODY + "Read More\n" + entry + BODY
    assert "Iceland" not in taken(page, STUTTER)
    # a tag's label repeated beside chrome still goes
    page = BODY + "Read More\nTravel Notes\nTravel Notes\nRead More\n" + BODY
    assert "Travel Notes" in taken(page, STUTTER)


def test_stutter_keeps_a_byline_printed_twice_between_title_and_date() -> None:
    page = (
        "Skip to content\nWhy Small Towns Keep Their Libraries Open\nAnn Marsh\nAnn Marsh\n"
        "April 13, 2022\n" + BODY + BODY
    )
    assert "Ann Marsh" not in taken(page, STUTTER)


def test_snippet_keeps_the_articles_own_lede_printed_in_full_below() -> None:
    lede = "Crews reopened the old bridge on Monday after two years of repair work on its piers"
    page = (
        BODY
        + "Bridge Reopens to Traffic\n"
        + lede
        + " [...]\n"
        + "Harbour Lights Return\nThe lamps along the quay were lit again this week after [...]\n"
        + lede
        + ", the county said.\n"
        + BODY
    )
    got = taken(page, SNIPPET)
    assert "Bridge Reopens to Traffic" not in got
    assert "Harbour Lights Return" in got


def test_a_readers_sentence_is_judged_from_the_lines_end() -> None:
    # the emoticon closing a line is looked for from the line's end: searched forward, a
    # long run of blanks or of symbols that no emoticon closes cost time quadratic in its
    # length (the regex's work is not countable here: its time is in
    # bench/test_bench_pathological.py, test_emoticon_search)
    import regex

    from textclean.stages.boilerplate import shape

    assert shape._TRAILING_EMOTICON.flags & regex.REVERSE
    for line in ("Nice" + " " * 3_000 + "x", "Nice " + "\u2605" * 3_000 + " x"):
        assert not shape.written_sentence(line)
    assert shape.written_sentence("This is lovely! " + "\u2605" * 3_000)
    assert shape.written_sentence("This is lovely! :)" + " " * 3_000)


def test_the_snippets_own_lede_is_looked_for_in_linear_time() -> None:
    # each pair's snippet was compared with every line below it: a listing of 3,000
    # teasers took about 15 s, quadratic in its length (work counted in lines of code
    # run, see tests/steps.py)
    from tests.steps import grows_linearly, steps

    def cost(n: int) -> int:
        pairs = "".join(
            f"Story {i} From the Town\nResidents met on day {i} to talk over the plans for "
            "the new park and its paths [...]\n"
            for i in range(n)
        )
        page = BODY + pairs + BODY
        taken(page, SNIPPET)  # the stage built, its caches warm
        return steps(lambda: taken(page, SNIPPET))

    assert grows_linearly(cost, 150)
