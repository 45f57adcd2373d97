"""Guards read off the wrong removals on sites no rule had seen (issue 14).

Each guard keeps a line that a rule took on an unseen site although it was the
article's: a recipe format's field codes that look like hashtags, a name and its role
over a council decision, a title over residue or over a dek of place names, a page's
"updated" date line among share buttons, a heading of the text under it, a photo
credit, a caption under an image's file name, a date's label glued to its date, a
post's date under its "Read more" button, a title in Turkish capitals. Every test
also checks that the chrome the rule was written for still goes. All pages and
sentences are written for these tests.
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, after_body, at_top, removed, removed_opt_in
from textclean.stages.boilerplate.shape import RULE_CHROME_RUN, RULE_TOP_LABEL
from textclean.stages.boilerplate.teasers import _words

PARA = (
    "We walked up from the station in the rain and reached the temple gate before noon.\n"
    "The main hall was closed for repairs, so we spent an hour in the garden instead.\n"
)


def test_field_codes_of_a_recipe_format_stay_and_hashtags_still_go() -> None:
    codes = ["#T1 Apple Dumplings", "#MA 4", "#St Apple", "#St Fruit"]
    got = removed_opt_in(BODY + "\n".join(codes) + "\n" + BODY)
    assert not set(codes) & set(got)
    got = removed_opt_in(after_body("#gardening", "#spring planting"))
    assert got == {
        "#gardening": "boilerplate.ui.hashtag_labels",
        "#spring planting": "boilerplate.ui.hashtag_labels",
    }


def test_a_name_and_role_over_a_decision_stays() -> None:
    text = at_top(["Mara Jensen, chair", "Municipal Decree of 12 March 2021, article 4"])
    assert "Mara Jensen, chair" not in removed(text)


def test_a_title_over_star_residue_or_place_names_stays() -> None:
    residue = at_top(["Rating Scale", "Star IconStar IconStar IconStar Icon"])
    assert "Rating Scale" not in removed(residue)
    places = at_top(["The Lake Country", "Hills - Lakes & Rivers"])
    assert "The Lake Country" not in removed(places)


def test_a_section_label_over_a_title_still_goes() -> None:
    # short words repeated in the title ("de") do not make it residue
    title = "Como fazer um bolo de laranja de casa de campo"
    assert (
        removed_opt_in(at_top(["Diário do Bairro", title])).get("Diário do Bairro")
        == RULE_TOP_LABEL
    )
    assert removed_opt_in(at_top(["Harbour Life", "Road Works Close Main Street"])) == {
        "Harbour Life": RULE_TOP_LABEL
    }


def test_an_updated_date_line_among_share_buttons_stays() -> None:
    title = "Town Hall Briefing on the Budget"
    stamp = "ID 4411 Updated 2024-03-08"
    got = removed_opt_in(at_top([title, "Share on Facebook", stamp, "Print this page"]))
    assert stamp not in got
    assert {"Share on Facebook", "Print this page"} <= set(got)
    # a label with no date between the same buttons still goes
    got = removed_opt_in(at_top([title, "Share on Facebook", "Page 4411", "Print this page"]))
    assert got.get("Page 4411") == "boilerplate.shape.sandwich"


def test_a_heading_of_the_text_under_a_chrome_run_stays() -> None:
    text = (
        PARA
        + "Advertisement\n\nA spa day for house plants\n\nShare\n\nIMG_2041.jpg\n\n"
        + "Do your house plants not deserve a spa day after a long winter indoors, "
        "with a shower and fresh soil?\n" + PARA
    )
    got = removed(text)
    assert "A spa day for house plants" not in got
    assert {"Advertisement", "IMG_2041.jpg"} <= set(got)


def test_a_photo_credit_and_a_caption_in_a_chrome_run_stay() -> None:
    text = PARA + "Advertisement\nPhoto: Ana Lima\nCity\nAdvertisement\n" + PARA
    got = removed_opt_in(text)
    assert "Photo: Ana Lima" not in got
    assert got.get("City") == RULE_CHROME_RUN
    caption = PARA + "IMG_2041.jpg\nWhat a view!\nIMG_2042.jpg\n" + PARA
    got = removed_opt_in(caption)
    assert "What a view!" not in got
    assert {"IMG_2041.jpg", "IMG_2042.jpg"} <= set(got)


def test_a_dates_label_glued_to_it_is_no_commenters_name() -> None:
    assert "Release dateMar 29, 2012" not in removed(after_body("Release dateMar 29, 2012"))
    # a reading time glued to the post's date (a blog platform's byline row) is no name
    head = "Member-only story\nWhy small teams ship faster\n4 min readNov 2, 2023\nWhat changed?\n"
    got = removed(head + BODY)
    assert got.get("Member-only story") == "boilerplate.cta.paywall"
    assert "4 min readNov 2, 2023" not in got
    got = removed(after_body("AnonymousJuly 30, 2007 at 10:15 AM", "Thanks for the tip!"))
    assert got.get("AnonymousJuly 30, 2007 at 10:15 AM") == "boilerplate.comments.author_line"


def test_a_posts_date_under_its_read_more_button_stays() -> None:
    got = removed(BODY + BODY + "Read more →\nApr 17, 2016\n")
    assert "Apr 17, 2016" not in got
    assert "Read more →" in got
    related = "Related Posts\nA walk along the old canal path\nTen years of the village fair\n"
    got = removed(BODY + BODY + related)
    assert "A walk along the old canal path" in got


def test_turkish_capitals_have_the_words_of_their_small_letters() -> None:
    none: frozenset[str] = frozenset()
    assert _words("BİLİMSEL YAYIN", 4, 5, none) == _words("bilimsel yayın", 4, 5, none)


def test_a_label_naming_the_paragraph_over_a_sentence_case_dek_stays() -> None:
    para = (
        "The village budget is drawn up by the mayor and the council each winter, after a "
        "public debate on the year's spending and on the taxes that will pay for it.\n"
    )
    dek = "The budget of the village is adopted by the council"
    assert removed_opt_in("Village Budget\n\n" + dek + "\n\n" + para + para) == {}
    # over a title in title case the same label is a section's name
    title = "How The Village Council Adopts Its Spending"
    got = removed_opt_in("Budget Drawing\n\n" + title + "\n\n" + para + para)
    assert got == {"Budget Drawing": RULE_TOP_LABEL}


def test_a_paragraph_broken_over_lines_is_no_masthead() -> None:
    text = (
        "On the last day the young champions welcomed to their\n"
        "ground the runners-up of their group. Even so, the\n"
        "first ten minutes of the match were fairly even, with neither of\n"
        "the two sides standing out against the other.\n"
        "In the next quarter the visitors kept up the pressure, and after ten minutes of the "
        "match neither side had scored a goal in that period.\n"
        "The hosts fought back in the last quarter but could not find the goal they needed.\n"
    )
    assert removed_opt_in(text) == {}
    masthead = (
        "Daily Bugle\nNews\nSports\nCity council backs the harbour tunnel plan\n"
        "The city council voted on Monday to back the harbour tunnel plan after a long "
        "debate about its cost.\n"
    )
    assert "Daily Bugle" in removed_opt_in(masthead)


def test_published_on_a_date_is_no_category_line() -> None:
    date_line = "Publicado em Segunda, 01 de Abril de 2019, 21h00"
    assert removed(after_body(date_line)) == {}
    category = "Publicado em Notícias, Cidade"
    assert removed(after_body(category)) == {category: "boilerplate.footer.tags_i18n"}
