"""Guards and kinds read off the blind batches ``bp-label-74A`` to ``-75D``
(docs/boilerplate.md, "Ten blind batches, bp-label-74A to -76A"): a post's relative
date line under its title is the post's own, not a comment's time stamp; a comment's
author line that a theme prints without its colon or after a bullet ("Ana says",
"• Ana Says:") goes, an article's "“Yes,” she says" stays.

Every line below is written for these tests (no third-party text).
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import BODY, removed

TITLE = "Computers and the village hall"


@pytest.mark.parametrize("age", ["17 years ago", "3 hours ago", "2 days ago"])
def test_a_relative_date_under_the_title_is_the_posts_date_line(age: str) -> None:
    got = removed(f"{TITLE}\n\n{age}\n\n" + BODY)
    assert age not in got


def test_a_comments_time_stamp_under_the_text_still_goes() -> None:
    comment = "Lovely piece, thank you for writing it."
    got = removed(f"{TITLE}\n\n" + BODY + f"Maria\n5 years ago\n{comment}\nReply\n")
    assert got.get("5 years ago") == "boilerplate.comments.form"
    assert comment not in got


@pytest.mark.parametrize("head", ["Kristin says", "• katry Says:", "Are You Serious! says"])
def test_a_comment_author_line_without_its_colon_goes(head: str) -> None:
    comment = "We had the same snow day here, and the kids loved it."
    got = removed(f"{TITLE}\n\n" + BODY + f"{head}\n{comment}\n")
    assert got.get(head) == "boilerplate.comments.author_line"
    assert comment not in got


@pytest.mark.parametrize("line", ["“Yes,” she says", "The mayor says", "He says"])
def test_an_articles_line_ending_in_says_stays(line: str) -> None:
    assert line not in removed(f"{TITLE}\n\n" + BODY + f"{line}\n" + BODY)


def test_a_recipes_amounts_repeated_down_its_ingredients_stay() -> None:
    table = [
        "Ingredientes:", "Papa", "1/2 pieza", "Zanahoria", "1/2 pieza", "Jitomate",
        "1/2 pieza", "Lenteja", "35 g", "Limón", "Al gusto", "Ajo", "Al gusto", "Cebolla",
        "Al gusto",
    ]  # fmt: skip
    got = removed(f"{TITLE}\n\n" + BODY + "\n".join(table) + "\n" + BODY)
    assert not {"1/2 pieza", "Al gusto"} & set(got)
