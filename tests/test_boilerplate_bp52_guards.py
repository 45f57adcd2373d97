"""Precision guards read off the blind batches ``bp-label-52`` and ``-53``
(docs/boilerplate.md, "Guards read off bp-label-52 and -53"): a listing's repeated
"Read more" is no section heading, a site builder's bulleted byline and post age stay,
the form label "* Required" is not a heading "Required", and the day of a date printed
over several lines is no bare counter; and, read off ``bp-label-54``, a line joined by
bars or dots that holds a full date is a byline's date line, not a tagline.

Every line below is written for these tests (no third-party text).
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, removed

EXCERPT = (
    "We reached the village of Los Arcos before noon and stopped at the fountain in the "
    "square, where the walkers from Estella were already filling their bottles..."
)


def test_a_read_more_repeated_below_is_a_listings_button_not_a_section() -> None:
    listing = BODY + "Read more\n\nCamino, fountains, villages -\n\n" + EXCERPT + "\n\nRead more\n"
    got = removed(listing)
    # the next post's excerpt is the page's text: no section cut takes it
    assert EXCERPT not in got
    assert "boilerplate.section.more_stories" not in got.values()
    # a "Read more" heading over a block of teasers, said once, still cuts the block
    teasers = BODY + "Read More\n\nHarbour walk reopens\n\nNew ferry timetable\n"
    assert removed(teasers).get("Read More") == "boilerplate.section.more_stories"


def test_a_bulleted_byline_and_post_age_over_the_reading_time_stay() -> None:
    for age in ("6 days ago", "15 hours ago", "hace 2 horas", "il y a 3 jours", "vor 5 Tagen"):
        text = f"Season summary of the under-14s\n- harbourclub\n- {age}\n- 4 min read\n" + BODY
        got = removed(text)
        assert "- 4 min read" in got or "4 min read" in got, age
        assert not {"- harbourclub", "harbourclub", f"- {age}", age} & set(got), age


def test_required_over_a_list_of_equipment_is_a_heading() -> None:
    text = BODY + "Equipment\nRequired\n- An oven\n- A cookie sheet\nRecommended\n- A mixer\n"
    assert "Required" not in removed(text)
    # the form's own notes still go
    form = BODY + "Leave a Reply\nRequired fields are marked *\nName *\nEmail *\n"
    assert removed(form).get("Required fields are marked *") is not None


def test_the_day_of_a_date_over_several_lines_stays() -> None:
    for above, below in (("Jun", "A visit from the twin town"), ("dom", "julio / 2019")):
        text = f"{above}\n16\n{below}\n" + BODY
        assert "16" not in removed(text), above
    # a bare counter beside no date still goes
    assert removed(BODY + "\nShare\n16\n").get("16") is not None


def test_a_separated_line_holding_a_full_date_is_a_byline_not_a_tagline() -> None:
    for line in (
        "Ana Lima | Friday 17 July 2020 | Like | Save",
        "Harbour desk · March 3, 2021 · Share",
        "Ana Lima | 2021-03-03 | 761x",
    ):
        assert line not in removed(line + "\n" + BODY), line
    # a menu row without a date is still a tagline
    menu = "Local | Sport | Weather | Events"
    assert removed(menu + "\n" + BODY).get(menu) == "boilerplate.nav.tagline_separated"
