"""Precision guards read off the blind batches ``bp-label-74A`` to ``-74E``
(docs/boilerplate.md, "Five blind batches, bp-label-74A to -74E"): a post's relative
date line under its title is the post's own, not a comment's time stamp.

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
