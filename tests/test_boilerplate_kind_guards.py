"""Guards for kinds of article lines that rules took on sites no rule had seen.

Each guard keeps a kind of line that is the article's although a rule's words or
shape fit it: a grade on a review's scale ("3/5"), a section's name heading its own
page, a quotation's head in a forum post ("Quote:"), a side's score in a match's
scoreboard, a kicker glued to its title by a doubled mark ("SPORT»» <title>"). Every
test also checks that the chrome the rule was written for still goes. All pages and
sentences are written for these tests.
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, after_body, at_top, between, removed, removed_opt_in
from textclean.stages.boilerplate.shape import RULE_BARE_COUNT, RULE_CRUMB_TRAIL

COUNTER = "boilerplate.stub.counter"

#: A review's scale explained grade by grade: each grade over the sentence saying it.
SCALE = [
    "0/5",
    "Nothing in this game works, and we could not finish the first level at all.",
    "1/5",
    "One point means the game runs but is dull and sloppy from start to finish.",
    "2/5",
    "Two points go to a game with a few good ideas buried under many bad ones.",
    "3/5",
    "Three points mean a decent game that we would play again on a rainy day.",
]


def test_a_scale_of_grades_stays() -> None:
    got = removed(BODY + "\n".join(SCALE) + "\n" + BODY)
    assert not set(SCALE) & set(got)


def test_a_verdict_under_its_label_stays() -> None:
    for label in ("Rating", "Our verdict:", "Wertung", "Nota final"):
        got = removed(after_body(label, "8/10"))
        assert "8/10" not in got, label


def test_gallery_positions_still_go() -> None:
    assert removed(between(["2 of 9"])) == {"2 of 9": COUNTER}
    # positions of a gallery start at 1: "1/5" ... "5/5" with captions are chrome
    gallery = [
        "1/5",
        "The old mill by the river was built in the last years of the war.",
        "2/5",
        "A view of the harbour from the hill behind the church at sunset.",
    ]
    got = removed(BODY + "\n".join(gallery) + "\n" + BODY)
    assert got == {"1/5": COUNTER, "2/5": COUNTER}


def test_a_gallerys_many_positions_are_judged_in_linear_time() -> None:
    """Whether a scale's bottom ("0/12") is printed is read once a page, not once a
    counter: a gallery of eight times as many positions costs the guard about eight
    times as much work, not sixty-four (work counted in lines of code run, see
    ``tests/steps.py``); every position still goes, and with the bottom printed every
    grade stays."""
    from tests.steps import grows_linearly, steps

    def page(n: int, bottom: bool = False) -> str:
        rows = "".join(f"{i % 90 + 1} of {n}\n" for i in range(n))
        return BODY + (f"0 of {n}\n" if bottom else "") + rows + BODY

    def cost(n: int) -> int:
        text = page(n)
        assert len(removed(text)) == min(n, 90)  # distinct lines: every position goes
        return steps(lambda: removed(text))

    assert grows_linearly(cost, 100)
    assert not removed(page(100, bottom=True))


def test_a_section_name_heading_its_own_page_stays() -> None:
    assert "Shop" not in removed("Shop\n" + BODY + BODY)
    # chrome above it (a search box) does not make it a label
    got = removed("Search\nShop\n" + BODY + BODY)
    assert "Shop" not in got and got.get("Search") == "boilerplate.nav.search"


def test_a_category_right_over_the_text_still_goes() -> None:
    # an article's category is no page's title, even with the title lost
    got = removed("Search\nCulture\n" + BODY + BODY)
    assert got.get("Culture") == "boilerplate.nav.section_labels"


def test_a_section_label_over_or_under_a_title_still_goes() -> None:
    over = removed(at_top(["News", "Council Repaves the Old Market Road"]))
    assert over.get("News") == "boilerplate.nav.section_labels"
    under = removed(at_top(["Council Repaves the Old Market Road", "News"]))
    assert under.get("News") == "boilerplate.nav.section_labels"


POST = [
    "Hello Tom,",
    "Zitat:",
    "The pump has to run all night or the water will turn green within a week or two.",
    "That is not what I found with my own pond last summer, so I would test it first.",
]


def test_a_quotation_head_in_a_forum_post_stays() -> None:
    got = removed(BODY + "\n".join(POST) + "\n" + BODY)
    assert "Zitat:" not in got
    assert "Quote:" not in removed(BODY + "\n".join(POST).replace("Zitat:", "Quote:") + BODY)


def test_a_quotation_head_in_every_boards_language_stays() -> None:
    """Each quote word the guard lists, with a colon over the quoted text, stays: the
    Turkish "Alıntı:" too, whose dotless i the line's key folds as a case-insensitive
    match does (to "i"); the button alone still goes."""
    from textclean.stages.boilerplate.shape import _QUOTE_WORDS

    for word in _QUOTE_WORDS:
        head = word.capitalize() + ":"
        got = removed(BODY + "\n".join(POST).replace("Zitat:", head) + "\n" + BODY)
        assert head not in got, head
    assert removed(between(["Alıntı"])) == {"Alıntı": "boilerplate.forum.thread"}


def test_a_forums_colon_line_over_a_post_that_is_no_quote_head_still_goes() -> None:
    line = "The Following User Says Thank You to harbourfan For This Useful Post:"
    assert removed(between([line])) == {line: "boilerplate.forum.thread"}


def test_the_forums_quote_button_still_goes() -> None:
    got = removed(between(["Zitat"]))
    assert got == {"Zitat": "boilerplate.forum.thread"}
    # with a colon but over another button, not over the quoted text
    got = removed(between(["Quote:", "Reply"]))
    assert got.get("Quote:") == "boilerplate.forum.thread"


SCOREBOARD = [
    "Harbour Town FC",
    "2",
    "Amy Lane 13, 40",
    "Hill Rovers",
    "1",
    "Kit Moss 90+3",
]


def test_a_matchs_scoreboard_stays() -> None:
    got = removed(at_top(["Match Report", *SCOREBOARD]))
    assert not {"2", "1"} & set(got)
    # a side without a goal: its score stands over the other side's name or the text
    nil = ["Harbour Town FC", "3", "Amy Lane 13, 40, 77", "Hill Rovers", "0"]
    got = removed_opt_in(at_top(nil))
    assert not {"3", "0"} & set(got)


def test_a_counters_value_still_goes() -> None:
    assert removed(after_body("Likes", "12")).get("12") == RULE_BARE_COUNT
    assert removed(at_top(["Comments", "7"])).get("7") == RULE_BARE_COUNT


def test_a_counters_value_over_a_taken_count_still_goes() -> None:
    """A like counter over the comments' count ("Likes" / "12" / "Comments 3"): the count
    reads as a name with a minute, but a rule took it as chrome, so it is no side's
    scorers and the value under "Likes" is no score; the scoreboard's scores stay."""
    widget = ["Likes", "12", "Comments 3"]
    got = removed(BODY + "\n".join(widget) + "\n" + BODY)
    assert got.get("Comments 3") == "boilerplate.comments.form"
    assert got.get("12") == RULE_BARE_COUNT
    got = removed(BODY + "\n".join(SCOREBOARD) + "\n" + BODY)
    assert not {"2", "1"} & set(got)


def test_a_kicker_glued_to_its_title_by_a_doubled_mark_stays() -> None:
    kicker = "REGIONAL FOOTBALL»» Results of the first and second divisions"
    assert kicker not in removed(at_top([kicker]))


def test_trails_with_doubled_or_single_marks_still_go() -> None:
    title = "Council Repaves the Old Market Road"
    doubled = "Harbour Post»»Region»»Towns"
    assert removed(at_top([doubled, title])).get(doubled) == RULE_CRUMB_TRAIL
    for trail in ("Harbour Post»Region»Towns", "»Region»Towns"):
        assert removed(at_top([trail, title])).get(trail) == RULE_CRUMB_TRAIL, trail
