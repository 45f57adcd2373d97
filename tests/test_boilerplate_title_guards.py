"""Guards that keep a page's own title, caption and last lines from the shape and phrase
rules: a title printed twice above the text it names, a label whose title line ends in
it, the caption under an image, the text's own trailing-off last line, a credit's
"Image:" label and a date line's "Last Updated:".
Every line here was written for these tests.
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, removed, removed_opt_in
from textclean.stages.boilerplate.shape import RULE_STUTTER, RULE_TOP_LABEL


def test_a_repeated_label_above_the_text_goes_unless_it_names_the_text() -> None:
    got = removed_opt_in("Weather Desk\nWeather Desk\n" + BODY)
    assert got.get("Weather Desk") == RULE_STUTTER
    # the title printed twice (a heading and its copy) names the text below it
    got = removed_opt_in("Library Vote\nLibrary Vote\n" + BODY)
    assert "Library Vote" not in got


def test_a_top_label_goes_unless_the_title_under_it_ends_in_it() -> None:
    got = removed_opt_in("Harbour Life\nCouncil Backs the Library Plan\n" + BODY)
    assert got.get("Harbour Life") == RULE_TOP_LABEL
    got = removed_opt_in("Library Plan\nWhy We Back the Library Plan\n" + BODY)
    assert "Library Plan" not in got
    got = removed_opt_in("Library Plan\nMay 7, 2025 Library Plan\n" + BODY)
    assert "Library Plan" not in got


def test_the_caption_under_an_image_between_chrome_lines_stays() -> None:
    got = removed_opt_in(BODY + "Share this:\nHarbour at dusk |\nNo comments:\n")
    assert "Harbour at dusk |" in got
    got = removed_opt_in(BODY + "![]() |\nHarbour at dusk |\nNo comments:\n")
    assert "Harbour at dusk |" not in got
    assert "No comments:" in got


def test_a_lone_trailing_off_pair_under_the_text_is_the_texts_end() -> None:
    pair = (
        "Other walks along the valley trail\n"
        "A long walk from the old mill to the stone bridge, with a picnic on the way...\n"
    )
    got = removed_opt_in(BODY + BODY + "Leave a comment\n" + pair)
    assert "Other walks along the valley trail" in got
    text = (
        BODY
        + BODY
        + "We sat for a while on a bench before the long way down the hill\n"
        + "Mountains, rivers, a blue sky and nothing else left to wish for on a day like this...\n"
    )
    assert removed_opt_in(text) == {}


def test_image_alone_goes_and_an_image_credits_label_stays() -> None:
    assert removed(BODY + "Image\n" + BODY).get("Image") == "boilerplate.ui.image_alt"
    got = removed(BODY + "Image:\nAna Lima, City Museum\n" + BODY)
    assert "Image:" not in got


def test_last_updated_alone_goes_and_over_its_date_stays() -> None:
    got = removed(BODY + BODY + "Last updated\n")
    assert got.get("Last updated") == "boilerplate.learned.market_page"
    got = removed("Why We Test Coffee Grinders\nLast Updated:\nSaturday\n" + BODY)
    assert "Last Updated:" not in got and "Saturday" not in got
