"""Publishers' and plugins' stock notices, comment-form furniture, image file stems, and
a listing page whose section heading names the next part of its list
(``boilerplate.platform.publisher_notices``, ``boilerplate.platform.gov_banner``,
``boilerplate.comments.thread_furniture``, ``boilerplate.ui.image_alt``,
``boilerplate.section.more_stories``), and article lines with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines are
interface strings of templates and plugins around invented names, places and numbers.
"""

from __future__ import annotations

from tests.boilerplate_helpers import (
    BODY,
    after_body,
    anywhere_tests,
    at_top,
    inside_body,
    kept_between_tests,
    removed,
)

N = "boilerplate.platform.publisher_notices"
G = "boilerplate.platform.gov_banner"
F = "boilerplate.comments.thread_furniture"
A = "boilerplate.ui.image_alt"

ANYWHERE = {
    # a broadcast group's notice over its old stories, a trade press's registration wall
    "This is an archived article and the information in the article may be outdated. "
    "Please look at the time stamp on the story to see when it was last updated.": N,
    "Continue Reading for Free": N,
    "Register and gain access to:": N,
    "NOT FOR REPRINT": N,
    "© 2024 ALM Global, LLC, All Rights Reserved. Request academic re-use from "
    "www.copyright.com. All other uses, submit a request to the licensing desk.": N,
    # form plugins
    '"*" indicates required fields': N,
    "contact_captcha * Time limit is exhausted. Please reload CAPTCHA.": N,
    # the older wording of the government banner, a head and an explanation a line
    "Dot gov": G,
    "Federal government websites often end in .gov or .mil. Before sharing sensitive "
    "information, make sure you're on a federal government site.": G,
    "The site is secure.": G,
    "The https:// ensures that you are connecting to the official website and that any "
    "information you provide is encrypted and transmitted securely.": G,
    # a comment form's furniture
    "Characters left: 2000": F,
    "Fill out this field": F,
    "You need to agree with the terms to proceed": F,
    "Posted on 4 Comments": F,
    "+ There are no comments": F,
    "There are no replies in this thread yet. Be the first to post a reply below:": F,
    "Expresse aqui a sua opinião sobre essa notícia.": F,
    "Any thoughts? Join the discussion!": F,
    "Discuss This Article": F,
    # stubs, tokens and share prompts
    "Continue reading Why the tide came in early this year?": "boilerplate.stub.source_link",
    "Read the source article at example-news.com": "boilerplate.stub.source_link",
    "Learn More at www.example.org": "boilerplate.stub.source_link",
    "[IMG]": "boilerplate.stub.template_token",
    "Share this...": "boilerplate.social.share",
    # an image's file stem left as its alt text
    "harbour-ferry-winter-2 harbour-ferry-winter-3": A,
    # one stem alone is a stray id (an older rule's)
    "harbour-ferry-winter-2": "boilerplate.stub.template_token",
    # stock strings of templates in more languages
    "Cap comentari:": "boilerplate.comments.form",
    "HABERE YORUM KAT": "boilerplate.comments.form",
    "Sei già registrato? Accedi": "boilerplate.ui.login_prompt",
    "Tarayıcınız video oynatmayı desteklemiyor...": "boilerplate.ui.player",
    "Tải thêm tin": "boilerplate.nav.read_more",
    "In questo sito utilizziamo cookies propri e di terze parti per migliorare la "
    "navigazione e offrire contenuti in linea con le tue preferenze.": (
        "boilerplate.privacy.cookie_notice"
    ),
}

test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    ANYWHERE
)


def test_blogger_member_note_with_a_full_stop() -> None:
    note = "Nota. Solo i membri di questo blog possono postare un commento."
    assert removed(after_body(note)) == {note: "boilerplate.generic.blogger_comment_notes_i18n"}


def test_a_truncated_wordpress_sign_in_line_at_the_end_goes() -> None:
    cut = "You are commenting using your Facebook account. L"
    assert removed(after_body(cut)) == {cut: F}


def test_a_photo_credit_droits_reserves_is_no_copyright_line() -> None:
    # "© DR" under an image credits the photo (RULES.md: K); a site's © line goes
    assert removed(at_top(["Titre du billet"]) + "(c) DR\n") == {}
    gone = removed(at_top(["Titre du billet"]) + "© 2021 Les Amis du Port\n")
    assert gone == {"© 2021 Les Amis du Port": "boilerplate.footer.copyright"}


# A front page that is only a list of headlines: no line of prose, the headlines go on
# under a heading. They are the page's content (RULES.md 6): the heading may go, as a
# block heading does, but not the headlines under it.
HEADLINES = [f"Harbour town {w} plans a new ferry pier for the spring" for w in "ABCDEFGHIJ"]
MILLS = [f"Mill {w} to add forty jobs in Riverton" for w in "KLMNOPQR"]
LISTING = "\n".join([*HEADLINES[:9], "More Stories", *MILLS])


def test_a_listing_pages_section_heading_stays_with_its_list() -> None:
    got = removed(LISTING + "\n")
    assert set(got) <= {"More Stories"}
    assert "boilerplate.section.more_stories" not in got.values()


def test_the_same_heading_under_an_article_cuts_its_teasers() -> None:
    teasers = MILLS
    got = removed(BODY + "More Stories\n" + "\n".join(teasers) + "\n")
    assert set(got) == {"More Stories", *teasers}
    assert set(got.values()) == {"boilerplate.section.more_stories"}


# Article lines that share words with the strings above.
KEPT = """\
The archived article from 1998 was reprinted by the ferry company for its anniversary.
Readers can register for free and gain access to the council's planning papers online.
The site is secure, the harbour master said, after the new fence went up in May.
The form asks for a name, and fields marked with a star must be filled in.
The mill posted on its website that 4 comments had been received about the noise.
Government websites end in .gov, the trainer told the class of new volunteers.
Use the well-known dry-run option before any long-running clean-up job.
Continue reading aloud to them every night, the teacher told the parents.
out-of-band
quick-and-dirty
times-or-divided-by
sars-cov-2
"""

test_article_lines_with_the_same_words_are_kept = kept_between_tests(KEPT)


def test_a_posts_byline_is_no_author_archive_title() -> None:
    assert removed(at_top(["Post by Ana Lima"])) == {}
    archive = "boilerplate.nav.archive_title"
    assert removed(at_top(["Posts by Ana Lima"])) == {"Posts by Ana Lima": archive}
    got = removed(at_top(['Currently browsing the "harbour walks" tag.']))
    assert set(got.values()) == {"boilerplate.nav.archive_title"}


def test_row_names_of_a_table_printed_a_cell_a_line_stay() -> None:
    # a score table whose cells the extraction put on lines of their own: "Star" under
    # "3rd", "2nd", "1st" is a row's name, not a template's label
    rows = []
    for rank, name in (("3rd", "Ana Lima"), ("2nd", "Rui Costa"), ("1st", "Eva Pinto")):
        rows += [rank, "Star", name]
    assert "Star" not in removed(BODY + "\n".join(rows) + "\n" + BODY)
    # the same label under teaser titles is the template's, every copy goes
    teasers = []
    for title in ("Ferry times change", "New pier opens", "Harbour fair returns"):
        teasers += [title, "Listen later"]
    assert removed(BODY + "\n".join(teasers) + "\n").get("Listen later") == (
        "boilerplate.shape.repeated_label"
    )


def test_a_sentence_about_a_sites_cookies_inside_the_article_stays() -> None:
    line = "Su questo sito si parla di biscotti, non di cookies: ricette della nonna."
    assert line not in removed(inside_body(line))
