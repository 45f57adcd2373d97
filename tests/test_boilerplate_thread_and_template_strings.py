"""Comment-thread furniture, subscription benefit lists, template labels and landmark
labels (``boilerplate.comments.thread_furniture``, ``boilerplate.cta.paywall_benefits``,
``boilerplate.ui.template_labels``, ``boilerplate.ui.review_widgets``,
``boilerplate.nav.landmark_labels``), and article
lines with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines are
interface strings around invented names, prices, dates and places.
"""

from __future__ import annotations

from tests.boilerplate_helpers import (
    BODY,
    after_body,
    anywhere_tests,
    at_top,
    kept_between_tests,
    removed,
)

C = "boilerplate.comments.thread_furniture"
P = "boilerplate.cta.paywall_benefits"
U = "boilerplate.ui.template_labels"
R = "boilerplate.ui.review_widgets"

ANYWHERE = {
    # a comment thread's furniture
    "Mar 3, 2021 @ 07:15:42": C,
    "At 9:12 PM, Anonymous Rosa said...": C,
    "Quote from: Elmer on March 2, 2019, 08:14:05 AM": C,
    "Tomas K2,318 posts since 12 Feb 2009": C,
    "gave kudos": C,
    "0 0 votes": C,
    "Article Rating": C,
    "Inline Feedbacks": C,
    "Trackback URI": C,
    "Be the first one to comment": "boilerplate.comments.form",
    "Sorry, we are not accepting comments on this article.": C,
    "We love hearing from you!": C,
    "Which trail do you like best? Share with us in the comments below.": C,
    # an avatar's alt text with a name of two words
    "Marta Quill Avatar": "boilerplate.generic.alt_text",
    # a subscription offer
    "Unlimited access to all premium content": P,
    "Uninterrupted ad-free browsing experience": P,
    "Mobile-optimized reading experience": P,
    "Get Full Access for R49/Week": P,
    "Upgrade to paid to play voiceover": P,
    "Get free daily email updates!": P,
    # template labels
    "AnzeigeANZEIGE": U,
    "~ 3 minutes read": "boilerplate.ui.reading_time",
    "Prev2 of 9Next": U,
    "1,204 次觀看": U,
    "header-image": U,
    "Facebook icon Share via Facebook Twitter icon Share via Twitter": U,
    "Loading view.": U,
    "Type your search keyword, and press enter": U,
    "Dismiss Notice": U,
    "Tagged: ferries": U,
    "Monate: März 2016": U,
    "Archive | Club Nights": U,
    # a review platform's furniture
    "3 people found this review helpful.": R,
    "0 out of 3 found this helpful. Was this review helpful? Sign in to vote.": R,
    "Rating Breakdown": R,
    "Total 56 Reviews": R,
    "Top 500 Contributor": R,
}

test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    ANYWHERE
)


def test_landmark_labels_go_above_and_below_the_text() -> None:
    text = at_top(["Main content"]) + "Footer content\nMailing List\n"
    assert removed(text) == {
        "Main content": "boilerplate.nav.landmark_labels",
        "Footer content": "boilerplate.nav.landmark_labels",
        "Mailing List": "boilerplate.nav.landmark_labels",
    }


def test_a_landmark_label_inside_the_text_stays() -> None:
    first, *rest = BODY.splitlines()
    text = "\n".join([first, "Mailing List", *rest]) + "\n"
    assert "Mailing List" not in removed(text)


def test_a_comment_timestamp_without_its_at_sign_is_no_thread_furniture() -> None:
    # a date line of the article ("Mar 3, 2021 07:15") is the byline's, not the thread's
    assert C not in removed(after_body("Mar 3, 2021 07:15")).values()


# Article lines that share words with the strings above.
KEPT = """\
The council said the premium content of the archive would stay free for schools.
At 9:12 PM, the ferry left the harbour with forty passengers on board.
Tagged birds were seen again on the island three winters later.
The museum's mailing list grew after the winter exhibition opened.
We love hearing the brass band in the square on summer evenings.
Readers were the first to comment on the new bridge design at the town meeting.
The main content of the report is a survey of the river's banks.
Avatar screenings sold out at the open-air cinema in July.
Overall rating: 4 out of 5 for the ferry, 3 for the harbour cafe.
"""

test_article_lines_with_the_same_words_are_kept = kept_between_tests(KEPT)


def test_wix_writers_picture_run_into_the_authors_name_is_the_byline() -> None:
    # the bare alt text goes; run into the name it is the post's byline (RULES.md: K)
    assert removed(at_top(["Writer's picture"])) == {"Writer's picture": "boilerplate.ui.image_alt"}
    assert removed(at_top(["Writer’s pictureAna Souza"])) == {}


def test_a_category_line_with_a_full_date_is_the_posts_date_line() -> None:
    dated = "Posted in Harbour News with tags on March 3, 2019 by ana"
    assert removed(after_body(dated)) == {}
    assert removed(after_body("Posted in Harbour News")) == {
        "Posted in Harbour News": "boilerplate.footer.tags_i18n"
    }


def test_a_temperature_under_a_field_label_is_the_fields_value() -> None:
    fields = ["Yeast: Ale yeast", "Fermentation Temp:", "68 °F", "Pitch Rate: 0.75"]
    assert "68 °F" not in removed(after_body(*fields))
    assert "20 °C" not in removed(after_body("Tiempo de fermentación:", "20 °C"))
    assert removed(after_body("Weather:", "68 °F")).get("68 °F") is not None


def test_a_name_run_into_a_date_above_the_text_is_the_byline() -> None:
    head = "Ana Lima23 Aug 2019 - 09:25"
    assert head not in removed(at_top([head]))
    # under the text, the same shape is a reader's comment head
    got = removed(after_body(head, "Lovely to see the club doing so well this season, thanks."))
    assert got.get(head) == "boilerplate.comments.author_line"
