"""Lines the shape and teaser rules must keep by their context, and the interface
strings of more platforms and chrome kinds.

The shape rules judge a line by its neighbours; here the neighbours show that the
line is the article's: a repeated caption among paragraphs, a reader's short comment
between a thread's widgets, the excerpts of a listing page, a title over its own dated
line, a title that the breadcrumb under it repeats, a list of authors' names. Every
page and sentence below is written for these tests; the chrome lines are platforms'
and templates' stock strings around invented names.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    BODY,
    after_body,
    at_top,
    removed,
    removed_inside,
    removed_opt_in,
)
from textclean.stages.boilerplate.shape import RULE_STUTTER

PARA = (
    "We walked up from the station in the rain and reached the temple gate before noon.\n"
    "The main hall was closed for repairs, so we spent an hour in the garden instead.\n"
)


def test_a_caption_repeated_among_paragraphs_stays() -> None:
    # a photo's alt text and its caption, between two paragraphs of the text
    text = PARA + "\nStone Lantern\nStone Lantern\n\nNorth Gate\nNorth Gate\n\n" + PARA
    assert removed(text) == {}


def test_a_repeated_label_next_to_chrome_goes() -> None:
    text = PARA + PARA + "\nShare this article\nGardens\nGardens\n"
    got = removed_opt_in(text)
    assert got["Gardens"] == RULE_STUTTER
    assert got["Share this article"] == "boilerplate.social.share"


def test_a_repeated_label_above_the_text_goes_unless_a_masthead_repeats_it() -> None:
    got = removed_opt_in("Garden Notes\nGarden Notes\n" + PARA + PARA)
    assert got == {"Garden Notes": RULE_STUTTER}
    # the site's name in capitals over the page's title and its heading
    assert removed_opt_in("GARDEN NOTES\nGarden Notes\nGarden Notes\n" + PARA + PARA) == {}


def test_a_readers_short_comment_between_comment_widgets_stays() -> None:
    text = after_body(
        "2 comments:",
        "What a lovely garden, thank you!",
        "Post a Comment",
    )
    got = removed(text)
    assert "What a lovely garden, thank you!" not in got
    assert set(got) == {"2 comments:", "Post a Comment"}


def test_the_excerpts_of_a_listing_page_stay() -> None:
    # a tag page: a title and its excerpt, then the next excerpt whose title was cut
    excerpt = (
        "Have you ever stopped to count the small habits that shape a working day? "
        "I tried it for a week, and the list was longer than I expected, with coffee, "
        "lists and walks all on it […]"
    )
    text = "Counting habits\n\n" + excerpt + "\n\n" + excerpt.replace("Have you", "Did you") + "\n"
    assert removed(text) == {}


@pytest.mark.parametrize(
    "date_line",
    ["Effective Date: March 1, 2026", "Mara   12 Okt. 2019 : 18:05", "Last updated: May 4, 2024"],
)
def test_a_short_title_over_its_own_date_line_stays(date_line: str) -> None:
    text = "Returns Policy\n\n" + date_line + "\n\n" + BODY
    assert "Returns Policy" not in removed(text)


def test_a_section_label_over_a_masthead_date_still_goes() -> None:
    text = "Harbour Life\nSaturday, March 7, 2026\n" + BODY
    assert removed_opt_in(text).get("Harbour Life") == "boilerplate.shape.top_label"


def test_a_title_the_breadcrumb_under_it_repeats_stays() -> None:
    text = "Menu\n\nOpening Hours\n\nHome / Opening Hours\n\n" + BODY
    got = removed(text)
    assert "Opening Hours" not in got
    assert "Menu" in got


def test_an_uploaded_date_line_stays() -> None:
    text = BODY + "\nViews: 120\n\nUploaded: 2024-05-02\n\nDuration: 02:15\n"
    got = removed(text)
    assert "Uploaded: 2024-05-02" not in got
    assert set(got) == {"Views: 120", "Duration: 02:15"}


#: One line of each kind added to the packs (platform strings, comment prompts,
#: paywall, wire credits, read-also links, headings, badges) and the rule that takes it.
CHROME = {
    "No account? Create an account": "boilerplate.platform.livejournal",
    "[ << Previous 20 ]": "boilerplate.platform.livejournal",
    "Posted on Updated on": "boilerplate.platform.wordpress_strings",
    "Geen reacties op Onze fietstocht": "boilerplate.platform.wordpress_strings",
    "3 kommentarer ↓": "boilerplate.platform.wordpress_strings",
    "Please log in using one of these methods to post your comment:": (
        "boilerplate.platform.wordpress_strings"
    ),
    "「旅行」カテゴリーアーカイブ": "boilerplate.platform.wordpress_strings",
    "Garden Walks Archives - Town Notes": "boilerplate.platform.wordpress_strings",
    "Print pagePDF pageEmail page": "boilerplate.platform.wordpress_strings",
    "Posted by Picasa": "boilerplate.platform.hosted_strings",
    "Kommentare: 0": "boilerplate.platform.hosted_strings",
    "Comments on this post ( 2 )": "boilerplate.platform.hosted_strings",
    "Cite this chapter": "boilerplate.platform.science_publishers",
    "1,204 Accesses": "boilerplate.platform.science_publishers",
    "CAS PubMed Google Scholar": "boilerplate.platform.science_publishers",
    "An official website of the United States government": "boilerplate.platform.gov_banner",
    "※当サイトのリンクにはプロモーションが含まれます": "boilerplate.platform.japanese_blogs",
    "閲覧(312)": "boilerplate.platform.japanese_blogs",
    "議事録はこちら(PDF:1,024KB)": "boilerplate.platform.japanese_blogs",
    "Isi komentar sepenuhnya adalah tanggung jawab pengguna.": (
        "boilerplate.platform.news_cms_strings"
    ),
    "Cek Berita dan Artikel yang lain di Google News": "boilerplate.platform.news_cms_strings",
    "Clique aqui para entrar no nosso grupo do WhatsApp": "boilerplate.platform.news_cms_strings",
    "Comments are closed. You can not add new comments.": "boilerplate.comments.prompts_more",
    "Your comment will be posted after it is approved.": "boilerplate.comments.prompts_more",
    "Want to join the discussion?": "boilerplate.comments.prompts_more",
    "Please login to view this content.": "boilerplate.cta.paywall_more",
    "Disdici quando vuoi": "boilerplate.cta.paywall_more",
    "Urheberrecht(c) 2025 RTTNews.com. Alle Rechte vorbehalten": "boilerplate.stub.wire_credits",
    "Kommentare und Fragen an newsroom@alliancenews.com": "boilerplate.stub.wire_credits",
    "Baca: Jadwal Kereta Akhir Pekan Ini Berubah Lagi": "boilerplate.stub.read_also_more",
    "Kaynak: rss": "boilerplate.stub.read_also_more",
    "Meer uit Binnenland": "boilerplate.nav.more_headings",
    "Lo último en Deportes": "boilerplate.nav.more_headings",
    "Estimated read time: 2-3 minutes": "boilerplate.ui.badges_more",
    "4 min read 2": "boilerplate.ui.badges_more",
    "Today : Mar 07, 2026": "boilerplate.ui.badges_more",
    "Embed from Getty Images": "boilerplate.ui.badges_more",
    "DSCF0493": "boilerplate.stub.camera_file",
}


@pytest.mark.parametrize("chrome", list(CHROME))
def test_each_new_chrome_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: CHROME[chrome]}


@pytest.mark.parametrize("chrome", ["No account? Create an account", "Posted by Picasa"])
def test_platform_strings_go_above_the_article(chrome: str) -> None:
    assert removed(at_top([chrome])) == {chrome: CHROME[chrome]}


@pytest.mark.parametrize(
    "sentence",
    [
        "Comments are closed on weekends, the owner told us, but the café stays open.",
        "Baca the river's name aloud and you will hear the old word for a ford.",
        "The report, published today, found 1,204 accesses to the archive in one year.",
        "Sources said the town's garden archives were moved to the library in 1998.",
    ],
)
def test_article_sentences_with_the_same_words_stay(sentence: str) -> None:
    rule, lost = removed_inside(sentence)
    assert rule is None and not lost
