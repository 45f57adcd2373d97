"""Widget and platform strings of the batches labelled after ``bp-label-47``
(docs/boilerplate.md, "A new machine, and four more batches"): read off ``bp-label-48``,
market-quote tickers, Tumblr's post residue, a members-only comment prompt, plugin
badges, read-more labels whose link was dropped, theme credits in the footer and
link-list headings that offer other stories; read off ``-48`` and ``-49``, a Reddit
front-end's vote count; written from the platforms' templates, interface strings that
every site of a platform prints; and the guards read off ``bp-label-49`` (a reading
list's "Read:" sentences, a byline joined by middle dots).

Every line below is written for these tests (no third-party text): the chrome lines are
interface strings around invented names, prices and places.
"""

from __future__ import annotations

from tests.boilerplate_helpers import (
    BODY,
    after_body,
    anywhere_tests,
    at_bottom,
    at_top,
    between,
    kept_and_gone,
    kept_between_tests,
    removed,
    removed_inside,
)

TICKER = "boilerplate.widgets.quote_ticker"
TUMBLR = "boilerplate.platform.tumblr_residue"
MEMBERS = "boilerplate.comments.members_only"
CREDITS = "boilerplate.footer.credits"
READ_MORE = "boilerplate.nav.read_more"
THEME = "boilerplate.footer.theme_credits"
LINK_LIST = "boilerplate.shape.link_list"
STOCK = "boilerplate.platform.stock_strings"
REDDIT = "boilerplate.platform.reddit_frontend"
FOOTER_LABELS = "boilerplate.platform.stock_labels_footer"

FAMILIES = {
    "HRBR   43.79 (+0.19%)": TICKER,
    "VGZ 1,188.32 (-0.58%)": TICKER,
    "F   12.83 (+0.23%)": TICKER,
    "BRK.B 410.12 +1.10 (+0.27%)": TICKER,
    "FRY 27.56 ▲0.4%": TICKER,
    "3 notes · View notes": TUMBLR,
    "1 note · View note": TUMBLR,
    "harbour-knitter-blog · 9 years ago": TUMBLR,
    "Tumblr media": TUMBLR,
    "In order to add a comment – you must Join this community – Click here to do so.": MEMBERS,
    "To leave a comment, you must be logged in.": MEMBERS,
    "To post a reply you need to register first.": MEMBERS,
    "Blog Widget by LinkWithin": CREDITS,
    "Verified by MonsterInsights": CREDITS,
    "Read more at:": READ_MORE,
    "Read the full story at:": READ_MORE,
    "Continue reading at:": READ_MORE,
    "Like this: Like Loading...": STOCK,
    "Comments are closed, but trackbacks and pingbacks are open.": STOCK,
    "Oops! That page can’t be found.": STOCK,
    "Advertisement. Scroll to continue reading.": STOCK,
    "Send any friend a story": STOCK,
    "Report an error": STOCK,
    "A A A": STOCK,
    "46 Upvotes": REDDIT,
    "73.6k Upvotes": REDDIT,
}

test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    FAMILIES
)


def test_a_strip_of_quotes_longer_than_the_article_goes() -> None:
    """Edge rules need chrome to be a third of a long run of non-prose lines; a ticker
    strip of 40 lines above two paragraphs is taken whole, line by line."""
    symbols = ["HRBR", "VGZ", "FRY", "QUAY", "MILL", "NETS", "PIER", "DOCK"]
    strip = [
        f"{symbols[i % 8]}   {10 + i}.{i % 10}5 ({'+' if i % 3 else '-'}0.{i % 9}1%)"
        for i in range(40)
    ]
    text = "\n".join(strip) + "\n\nToday's Harbour Calendar\n\n" + BODY
    got = removed(text)
    assert set(strip) <= set(got)
    assert all(got[line] == TICKER for line in strip)
    assert not any(line in got for line in BODY.splitlines())


def test_a_theme_credit_goes_only_under_the_text() -> None:
    # a credit to the article's own makers stays, even under the text
    makers = "Created by the Harbour Trust with the support of the Arts Council"
    assert makers not in removed(after_body(makers))
    for line in (
        "Proudly designed by | Harbour Studio |",
        "Designed by Quay Themes | Powered by WordPress",
    ):
        assert removed(after_body(line)).get(line) == THEME, line
        assert removed_inside(line)[0] is None, line


def test_a_heading_offering_other_stories_takes_its_list() -> None:
    for heading in (
        "YOU MIGHT WANT TO CHECK OUT THESE STORIES:",
        "You may also want to read:",
        "Featured news from related categories:",
        "Popular posts:",
    ):
        items = [
            "- Harbour Week is here. See which cafes are taking part",
            "- Ferry riders are breaking records this summer",
            "- The mill reopens for tours on Saturdays",
        ]
        got = kept_and_gone(
            at_bottom([heading, *items]), keep=BODY.splitlines(), gone=[heading, *items]
        )
        # (a heading the section rules know, "Popular posts:", may cut the page there)
        assert got[heading] in (LINK_LIST, "boilerplate.section.more_stories")


def test_a_platform_label_goes_only_below_the_text() -> None:
    for line in ("Following", "WordPress.org", "Partner content", "Log In"):
        assert removed(after_body(line)).get(line) == FOOTER_LABELS, line
        assert removed_inside(line)[0] is None, line
    # above the text a one-word line may be the page's title: a review of a film so named
    review = at_top(["Following"])
    assert "Following" not in removed(review)


# Article sentences and short article lines that use the same words.
KEPT = """\
Shares of the ferry company rose 0.6% to 43.79 on Tuesday, the exchange said.
HRBR closed at 43.79, up 0.19%, after the council vote.
The choir left 3 notes on the piano for the next rehearsal.
In order to add a comment to the minutes, you must ask the chair first.
To leave a comment, residents can write to the council or come to the meeting.
Designed by the city architect in 1911, the library has two reading rooms.
You might want to check out the harbour museum, which reopens on Saturday.
Popular stories about the mill were collected by the historical society.
Comments are closed on the council's website until the consultation reopens.
Report an error in the timetable to the harbour office, the notice says.
Send us a tip, the editor told the readers, if you see the ferry late again.
The advertisement for the new ferry ran in three papers.
The ferry post got 46 upvotes on the town forum before noon.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)


def test_an_article_list_after_a_sentence_ending_in_a_colon_stays() -> None:
    """A list under a sentence of the article is the article's, even when the sentence
    names stories: only a heading in the link-list vocabulary heads a link list."""
    text = between(
        [
            "The museum's exhibition tells three stories:",
            "- The ferry that sank in 1911",
            "- The mill fire of 1923",
            "- The great flood of 1953",
        ]
    )
    assert removed(text) == {}


# Guards read off the blind batch bp-label-49, where these article lines were lost.


def test_a_reading_list_entry_stays() -> None:
    """ "READ: <headline>" is a teaser link; a reading list's instruction ending a
    sentence inside quotes, or going on after a comma, is the article's."""
    for line in (
        "Read: Look for “Ferries” in the index under “Harbour.”",
        "Read: “Building the Quay” (14-15), “The Old Mill” (16-17),",
    ):
        assert removed(between([line])) == {}, line
    teaser = "READ: Council approves the new ferry timetable"
    assert removed(after_body(teaser)) == {teaser: "boilerplate.learned.cms_stock_strings"}


def test_a_byline_with_separators_stays_in_the_header() -> None:
    byline = "By Ana Lima · Harbour Institute · 7 min read"
    tagline = "Local • Independent • Essential News"
    got = kept_and_gone(
        at_top([tagline, "How the ferry timetable was made", byline]),
        keep=[byline, "How the ferry timetable was made"],
        gone=[tagline],
    )
    assert got[tagline] == "boilerplate.nav.tagline_separated"


REPLY = "boilerplate.forum.reply_subject"


def test_a_reply_subject_repeated_over_each_reply_goes() -> None:
    thread = (
        "Harbour turbo challenge\n"
        + BODY
        + "Re: Harbour turbo challenge\n"
        + "I signed up for the second heat, see you at the quay on Saturday morning.\n"
        + "Re: Harbour turbo challenge\n"
        + "Count me in as well, the ferry timetable suits the start time this year.\n"
    )
    got = removed(thread)
    assert got == {"Re: Harbour turbo challenge": REPLY}


def test_a_subject_named_once_stays() -> None:
    """A mailing-list message's title, or a letter's reference inside the text, is
    written once: only a subject the page repeats is a forum's."""
    message = at_top(["Re: [harbour-dev] ferry timetable export"])
    assert removed(message) == {}
    letter = between(["Re: your letter of 3 May about the quay"])
    assert removed(letter) == {}
