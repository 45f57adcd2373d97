"""``boilerplate.shape.bare_count``: a whole number alone on its line is a counter's value
or a page number, never the article's words. The lines stand between two copies of the
text, where the edge rule for bare numbers (``stub.bare_number``) does not reach. Every
line here was written for these tests.
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, removed
from textclean.stages.boilerplate.shape import RULE_BARE_COUNT

SHARE = "Share this article\n"


def test_a_count_beside_chrome_among_the_text_goes() -> None:
    assert removed(BODY + SHARE + "74\n" + BODY).get("74") == RULE_BARE_COUNT
    assert removed(BODY + SHARE + "• 3\n" + BODY).get("• 3") == RULE_BARE_COUNT


def test_a_number_among_the_text_with_no_chrome_beside_it_stays() -> None:
    assert "12" not in removed(BODY + "Seats won by the harbour party\n12\n" + BODY)


def test_a_year_a_fields_value_and_a_programs_output_stay() -> None:
    assert "2024" not in removed(BODY + SHARE + "2024\n" + BODY)
    assert "4" not in removed(BODY + SHARE + "Serves:\n4\n" + BODY)
    assert "7" not in removed(BODY + SHARE + ">>> len(names)\n7\n" + BODY)
    assert "-5" not in removed(BODY + SHARE + "-5\n" + BODY)


def test_a_page_of_many_numbers_alone_is_a_table_and_keeps_them() -> None:
    table = "Wins\n12\nDraws\n3\nLosses\n5\nGoals\n40\nPoints\n39\n"
    got = removed(BODY + SHARE + table + BODY)
    assert not any(x.isdigit() for x in got)


def test_a_bulleted_number_ending_a_list_of_quantities_stays() -> None:
    # an ingredient list cut short after its last bullet's number (an excerpt's end)
    items = "• 500g bread flour, sifted\n• 350g water, lukewarm\n• 10g fine sea salt\n• 50\n"
    assert "• 50" not in removed(BODY + SHARE + items)
    assert removed(BODY + SHARE + "• 3\n" + BODY).get("• 3") == RULE_BARE_COUNT


def test_two_scores_beside_a_row_of_the_scoreboard_stay() -> None:
    """A rugby scoreboard ("Harbour RFC 2" / "7" / "19" / "Hill RFC") and a cricket
    scorecard's totals over a batting row keep their numbers; a widget's two counters
    beside its buttons still go (read off bp-label-50, where both tables lost them)."""
    board = "Sun 07 Nov 2021\nHarbour RFC 2\n7\n19\nHill RFC\n" + BODY
    assert removed(board) == {}
    card = BODY + "for 10 wickets\n28\n121\nAnn Lee Bowled 9 50 1 18.00\n"
    assert removed(card) == {}
    widget = BODY + "Copied!\n8\n0\nShare this post\n"
    got = removed(widget)
    assert got.get("8") == RULE_BARE_COUNT and got.get("0") == RULE_BARE_COUNT
