"""Widget phrase families, the run, list and menu shape rules, and the bulk screen.

Every page and sentence below is written for these tests (no third-party text).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from tests.boilerplate_helpers import (
    BODY,
    OPT_IN_STAGE,
    STAGE,
    after_body,
    at_bottom,
    at_top,
    between,
    removed,
    removed_inside,
    removed_opt_in,
)
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.layout import layout_lines
from textclean.stages.boilerplate.rules import REGEX_FLAGS
from textclean.stages.boilerplate.screen import canon, normalize
from textclean.stages.boilerplate.stage import _wordy_ends

FAMILIES = {
    "Full Article": "boilerplate.stub.full_story",
    "★★ Full Article ★★": "boilerplate.stub.full_story",
    "Read more about the new bus routes in our guide.": "boilerplate.stub.full_story",
    "Read More Council approves the new bus routes": "boilerplate.stub.full_story",
    "Lire la suite de l'article": "boilerplate.stub.full_story",
    "Click to Skip Ad": "boilerplate.ui.player",
    "This video is unavailable": "boilerplate.ui.player",
    "0:00 0:02:41 0:00": "boilerplate.ui.player",
    "No results found. Please change your search terms and try again.": (
        "boilerplate.ui.search_widget"
    ),
    "Nenhum resultado encontrado": "boilerplate.ui.search_widget",
    "Trier par": "boilerplate.ui.sort_filter",
    "Sortieren nach Datum": "boilerplate.ui.sort_filter",
    "Total (0)": "boilerplate.ui.sort_filter",
    "• Cart (2)": "boilerplate.ui.sort_filter",
    "Be the first to reply!": "boilerplate.comments.be_first",
    "Sé el primero en comentar": "boilerplate.comments.be_first",
    "Il y a 3 mois": "boilerplate.comments.be_first",
    "vor 2 Tagen": "boilerplate.comments.be_first",
    "5 bulan yang lalu": "boilerplate.comments.be_first",
    "If you buy through one of our links, we may earn a commission at no cost to you.": (
        "boilerplate.ui.affiliate_notice"
    ),
    "Accessibility links": "boilerplate.nav.widget_headings",
    "Toplists": "boilerplate.nav.widget_headings",
    "Return to Town Ledger homepage": "boilerplate.nav.widget_headings",
    "Please log in to view this page.": "boilerplate.ui.login_prompt",
    "Data delayed by 15 minutes": "boilerplate.ui.market_data",
    "1.25 (0.50%)": "boilerplate.ui.market_data",
    "Anda di halaman 1 dari 7": "boilerplate.stub.pager",
    "Seite 2 von 9": "boilerplate.stub.pager",
    "Home: https://example.org/ Contact: https://example.org/contact": (
        "boilerplate.stub.url_lines"
    ),
    "Library+Vote+Passes+After+Long+Debate": "boilerplate.stub.url_lines",
    "from Town Wire http://example.org/x1": "boilerplate.stub.url_lines",
    "New episodes weekly, so be sure to subscribe to the show on Spotify or Apple Podcasts.": (
        "boilerplate.cta.podcast"
    ),
    "Share Review": "boilerplate.ui.rating_widget",
    "8/10 (12 votes)": "boilerplate.ui.rating_widget",
    "View All Business News": "boilerplate.nav.view_all",
    "Exit mobile version": "boilerplate.ui.site_labels",
    "040814 021": "boilerplate.stub.camera_file",
    "20240303_1122": "boilerplate.stub.camera_file",
    "|": "boilerplate.stub.lone_symbol",
    "4 min read": "boilerplate.ui.reading_time",
    "Lesezeit: 4 Min.": "boilerplate.ui.reading_time",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_widget_family_removes_its_line_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_widget_family_removes_its_line_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


def test_edge_only_widget_rules_keep_their_words_inside_the_text() -> None:
    assert removed(BODY + "9 Articles\n") == {"9 Articles": "boilerplate.stub.article_counter"}
    assert removed("Local • Independent • Useful\nLibrary Vote Passes\n" + BODY) == {
        "Local • Independent • Useful": "boilerplate.nav.tagline_separated"
    }
    lines = BODY.splitlines()
    assert removed("\n".join([lines[0], "9 Articles", *lines[1:]]) + "\n") == {}


# Article sentences and lines that use the words of the widget rules: none may go.
SENTENCES = """\
Read more carefully, the mayor said, and the budget will make sense to everyone.
The full article of the charter was read aloud before the vote on Tuesday evening.
She asked the clerk to sort the letters by date before the meeting began.
Be the first in your street to recycle, the flyer says, and win a small prize.
The store will earn a commission on every ticket it sells for the summer concert.
Page 3 of the report lists the costs, and page 4 lists the people who paid them.
The plan was delayed by 15 minutes because the projector did not work at first.
Return to the town hall at noon if you want to see the vote for yourself.
Listeners subscribe to the show on the radio station's website, the host said.
"""


def test_article_sentences_with_widget_words_are_kept() -> None:
    for sep in ("\n", "\n\n"):
        assert removed(sep.join(SENTENCES.splitlines()) + "\n") == {}


def test_a_recipe_with_times_and_a_numbered_list_is_kept() -> None:
    text = (
        "Lemon Cake\n"
        + BODY
        + "Ingredients\n- 2 cups flour\n- 3 eggs\n- 1 cup milk\n"
        + "Bake for 35 minutes.\n"
        + BODY
    )
    assert removed(text) == {}


# ------------------------------------------------------------------ chrome_run


def test_chrome_run_takes_short_lines_between_removed_lines() -> None:
    text = (
        BODY
        + "2 Comments\nSort by\nTop Comments\nFavourites first\nrivergazer\n2 days ago\n"
        + "Lovely plan, and about time too. The old building was falling apart for years.\n"
        + "Reply\nthumb_up 3\nbluefinch\n2 days ago\n"
    )
    got = removed_opt_in(text)
    assert got["Favourites first"] == "boilerplate.shape.chrome_run"
    assert got["rivergazer"] == "boilerplate.shape.chrome_run"
    # a lone line between two removed ones: the older sandwich rule takes it first
    assert got["bluefinch"] == "boilerplate.shape.sandwich"
    assert not any(x.startswith("Lovely plan") for x in got)


def test_chrome_run_keeps_a_sign_off_a_title_and_credits() -> None:
    # a sign-off between the text and the comment form stays
    text = BODY + "Warm regards,\nAna\nLeave a Reply\nPost Comment\nSubmit Comment\n"
    got = removed(text)
    assert "Warm regards," not in got and "Ana" not in got
    # the page title between two chrome lines stays
    text = "Skip to content\nLibrary Vote Passes After Long Debate\n2 Comments\n" + BODY
    assert "Library Vote Passes After Long Debate" not in removed(text)


def test_chrome_run_evidence_names_the_rule_and_the_run() -> None:
    text = BODY + "Sort by\nrivergazer\nbluefinch\nPost a Comment\n"
    doc = OPT_IN_STAGE(Document("t", text))
    ev = [e.evidence for e in doc.edits if e.rule == "boilerplate.shape.chrome_run"]
    assert ev and ev[0]["where"] == "between" and ev[0]["run_removed"] >= 2


def test_lone_symbols_are_no_context_for_their_neighbours() -> None:
    text = "|\nRelease: at once\n|\nMedia desk:\n|\nAna Souza\n|\n" + BODY
    assert set(removed(text).values()) == {"boilerplate.stub.lone_symbol"}


# ------------------------------------------------------------------ link_list and menu


def test_link_list_takes_a_heading_and_its_entries() -> None:
    text = BODY + "- READ MORE ON:\n- library\n- council\n- budget\n"
    assert removed(text) == {
        x: "boilerplate.shape.link_list"
        for x in ("- READ MORE ON:", "- library", "- council", "- budget")
    }


def test_link_list_stops_at_the_first_line_that_is_no_entry() -> None:
    text = (
        BODY
        + "Read more:\n\n— Council votes on the bus routes\n\n— Mayor opens the new park\n\n"
        + "11:30 a.m.\n\n"
        + BODY
    )
    got = removed(text)
    assert "— Council votes on the bus routes" in got
    assert "11:30 a.m." not in got


def test_link_list_needs_two_entries_and_no_sentences() -> None:
    assert removed(BODY + "Tags:\nlibrary\n" + BODY) == {}
    text = BODY + "Related:\n- The council met on Monday.\n- The mayor spoke on Tuesday.\n" + BODY
    assert "- The council met on Monday." not in removed(text)


MENU = (
    "  • News\n  • Products\n  • Contact\n"
    "      • Business & Money\n      • Retail\n      • Banking\n      • View All Business\n"
    "      • Technology\n      • Software\n      • Hardware\n      • View All Technology\n"
)


def test_menu_above_the_text_goes() -> None:
    got = removed(MENU + "Library Vote Passes After Long Debate\n" + BODY)
    assert set(got) == {ln.strip() for ln in MENU.splitlines()}
    assert "boilerplate.shape.menu" in got.values()


def test_bulleted_lists_of_the_article_are_kept() -> None:
    items = "  • Apples\n  • Pears\n  • Plums\n  • Cherries\n  • Grapes\n  • Figs\n  • Dates\n"
    items += "  • Lemons\n  • Limes\n"
    # inside the text, and above it without chrome among the entries
    assert removed(BODY + items + BODY) == {}
    assert removed(items + BODY) == {}


# ------------------------------------------------------------------ the bulk screen

ODD = [
    "Share\tthis  article:\u00a0Facebook Twitter",
    "STRASSE und Straße: Read   more",
    "ﬁnd more: Continue reading",  # NFKC changes it
    "» Skip to content «",
    "- - Home",
    "",
    "Newest first",
]


def test_bulk_screen_equals_the_screen_of_each_line() -> None:
    a = STAGE.anywhere
    assert a is not None
    lines = [ln for ln in layout_lines("\n".join(ODD + BODY.splitlines())) if ln.text]
    masks = a.screen_lines(lines)
    for ln, m in zip(lines, masks, strict=True):
        bits = 0
        for _, b in a.screen.iter(normalize(ln.text)):
            bits |= b
        assert m == bits, ln.text


def test_wordy_ends() -> None:
    assert _wordy_ends("Read the full story here")
    assert not _wordy_ends("- - Home")
    assert not _wordy_ends("Home »")
    assert not _wordy_ends("")


def test_screened_stage_gives_the_same_removals_as_trying_every_rule() -> None:
    unscreened = _unscreened()
    page = BODY + "\n".join(FAMILIES) + "\n" + SENTENCES + "\n".join(ODD) + "\n"
    a, b = STAGE(Document("t", page)), unscreened(Document("t", page))
    assert a.text == b.text
    assert [(e.rule, e.before) for e in a.edits] == [(e.rule, e.before) for e in b.edits]


def _unscreened() -> boilerplate.BoilerplateStage:
    """The stage trying every rule on every line: no bulk screen, no edge screen."""
    return boilerplate.BoilerplateStage(
        STAGE.config, STAGE.rules, anywhere=None, shape=STAGE.shape, model=STAGE.model
    )


#: Lines two zone-free rules match, the first (in rule order) with no required strings
#: and the later one screened by them; and chrome lines in Turkish capitals, where a
#: case-insensitive match equates "İ" with "i" and "I" with "ı".
FIRST_RULE_LINES = [
    "Posted in town news, library | Tagged | 3 Comments",
    "ALİ TARAFINDAN YAZILMIŞ TÜM YAZILARI GÖRÜNTÜLE",
    "İÇERİĞE GEÇ",
]


@pytest.mark.parametrize("line", FIRST_RULE_LINES)
def test_the_first_matching_rule_takes_a_line_as_when_every_rule_is_tried(line: str) -> None:
    page = BODY + line + "\n" + BODY
    a, b = STAGE(Document("t", page)), _unscreened()(Document("t", page))
    assert [(e.rule, e.before, e.evidence) for e in a.edits] == [
        (e.rule, e.before, e.evidence) for e in b.edits
    ]
    assert a.text == b.text


def test_the_edge_screen_passes_every_line_a_regex_matches() -> None:
    from tests.test_boilerplate_furniture import ANYWHERE, AT_THE_BOTTOM, AT_THE_TOP
    from tests.test_boilerplate_kinds import FAMILIES

    texts = [*ANYWHERE, *AT_THE_TOP, *AT_THE_BOTTOM, *FAMILIES, *ODD, *FIRST_RULE_LINES]
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    lines = [ln for ln in layout_lines("\n".join(texts)) if ln.text]
    edges = STAGE.edges
    assert edges is not None
    matched = 0
    for c in STAGE.rules:
        for pattern, bit in zip(c.regexes, c.edge_bits, strict=True):
            for ln in lines:
                if pattern.fullmatch(ln.text):
                    matched += 1
                    mask = edges.start_mask(ln.text[:3]) & edges.last_mask(ln.text[-1])
                    if " " in ln.text:
                        mask &= ~edges.one_word
                    assert mask >> bit & 1, (c.rule.id, pattern.pattern, ln.text)
    assert matched > 150


def test_canon_gives_one_form_to_the_letters_a_rule_regex_equates() -> None:
    # every letter of the rules, and every character a case-insensitive regex matches
    # to it: the screens compare canon forms, so the two must have the same one
    letters = sorted(
        {ch for c in STAGE.rules for p in (*c.rule.patterns, *c.rule.exact) for ch in p}
    )
    letters = [ch for ch in letters if ch.isalpha()]
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    any_of = regex.compile("[" + "".join(regex.escape(ch) for ch in letters) + "]", REGEX_FLAGS)
    # the characters some letter matches, one per segment (so that no match spans two)
    matched = "\0".join(sorted(set(any_of.findall(every))))
    for letter in letters:
        for ch in set(regex.findall(regex.escape(letter), matched, REGEX_FLAGS)):
            assert canon(ch) == canon(letter), (letter, ch)


def test_a_title_between_two_chrome_lines_is_kept_by_every_context_rule() -> None:
    text = "date 2024-03-03\nLibrary vote passes today\n#Town News\n" + BODY
    got = removed_opt_in(text)
    assert "Library vote passes today" not in got
    assert got == {
        "date 2024-03-03": "boilerplate.stub.crawl_date_label",
        "#Town News": "boilerplate.ui.hashtag_labels",
    }


def test_a_crawl_stamp_glued_to_the_title_is_a_mixed_line_and_is_kept() -> None:
    text = "date 2020-08-19 Seven hospital CEO moves this week\n" + BODY
    assert removed(text) == {}


def test_a_menu_at_the_very_top_needs_only_one_removed_line() -> None:
    items = "  • Apples\n  • Pears\n  • Plums\n  • Cherries\n  • Grapes\n  • Figs\n"
    items += "  • Dates\n  • Lemons\n"
    got = removed("Skip to content\n" + items + "Library Vote Passes After Long Debate\n" + BODY)
    assert set(got) == {"Skip to content"} | {x.strip() for x in items.splitlines()}
    # the same list under the title is the article's
    assert removed("Library Vote Passes After Long Debate\n" + items + BODY) == {}


def test_stutter_takes_a_repeated_short_label_and_keeps_index_letters() -> None:
    lines = BODY.splitlines()
    text = BODY + "Library\nLibrary\n"
    assert removed_opt_in(text) == {"Library": "boilerplate.shape.stutter"}
    # a glossary's index letter, a repeated sentence, a repeated heading ending a colon
    for rep in ("T", "It rained.", "Costs:"):
        text = BODY + f"{rep}\n{rep}\n"
        assert removed_opt_in(text) == {}, rep
    # between the text's paragraphs a repeated short line is a photo's alt text and
    # caption: the article's
    text = "\n".join([lines[0], "Library", "Library", *lines[1:]]) + "\n"
    assert removed_opt_in(text) == {}


def test_stutter_counts_words_of_scripts_without_spaces_by_their_characters() -> None:
    """A Japanese or Chinese title repeated as the heading under it is one "word" to a
    space splitter; counted by characters (two to a word) it is a title, and stays.
    A short label in those scripts still goes."""
    lines = BODY.splitlines()
    for title in ("東京都の新しい図書館が来月開館します", "图书馆投票在长时间辩论后通过"):
        text = "\n".join([lines[0], title, title, *lines[1:]]) + "\n"
        assert removed_opt_in(text) == {}, title
    text = BODY + "ニュース\nニュース\n"
    assert removed_opt_in(text) == {"ニュース": "boilerplate.shape.stutter"}


def test_new_shape_rules_switch_off_by_config_and_by_pack(tmp_path: Path) -> None:
    text = BODY + "- READ MORE ON:\n- library\n- council\n"
    assert removed(text)
    cfg = Config().replace(boilerplate={"disable": ["boilerplate.shape.link_list"]})
    assert removed(text, boilerplate.build(cfg, RulePack.load(()))) == {}
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "off.toml").write_text("[shape.link_list]\nenabled = false\n")
    assert removed(text, boilerplate.build(Config(), RulePack.load((str(tmp_path),)))) == {}


def test_the_clean_articles_of_the_despin_bench_lose_nothing() -> None:
    clean = Path(__file__).resolve().parents[1] / "bench" / "despin" / "clean"
    docs = [p.read_text(encoding="utf-8") for p in sorted(clean.glob("*.txt"))]
    assert docs
    assert [d[:60] for d in docs if STAGE(Document("t", d)).edits] == []


def test_a_removal_that_exposes_more_chrome_is_followed_in_the_same_run() -> None:
    # Once the prompt between them goes, the two labels repeat one another; cleaning
    # the result again must remove nothing more.
    text = "Related Articles\nSubscribe to our newsletter\nRelated Articles\n" + BODY
    once = STAGE(Document("t", text)).text
    assert "Subscribe to our newsletter" not in once
    assert STAGE(Document("t", once)).text == once


# ------------------------------------------------------------------ shape: scripts, calendars


def test_chrome_run_keeps_short_sentences_of_scripts_without_spaces() -> None:
    """A photo blog writes one short sentence under each photo; the photo ids go, and
    the sentences between them (three "words" each) stay."""
    photos = ["IMG_2201", "池のほとりを歩いた。", "IMG_2202", "橋が見えてきた。", "IMG_2203"]
    text = BODY + "\n".join(photos) + "\n" + BODY
    got = removed(text)
    assert set(got) == {"IMG_2201", "IMG_2202", "IMG_2203"}
    # a short English prompt between two removed lines still goes
    text = BODY + "Leave a Reply\nBe the first to reply!\nPost Comment\n"
    assert "Be the first to reply!" in removed(text)


MONTH = ["Mo Tu We Th Fr Sa Su", "1 2 3", "4 5 6 7 8 9 10", "11 12 13 14 15 16 17"]
MONTH += [str(d) for d in range(18, 31)]


def test_calendar_widget_goes_with_its_weekday_row() -> None:
    for text in (at_top(["March 2031", *MONTH]), at_bottom(MONTH), between(MONTH)):
        got = removed(text)
        # lone days may go first to the bare-number rule; the rows are the calendar's
        assert set(MONTH) <= set(got), text
        # the weekday row is a template string (the phrase rule owns it), the day rows
        # are the calendar's
        assert got[MONTH[0]] == "boilerplate.nav.calendar"
        assert {got[x] for x in MONTH[1:4]} == {"boilerplate.shape.calendar"}
        assert set(got) <= {"March 2031", *MONTH}
    # one day to a line, from the first
    days = [str(d) for d in range(1, 32)]
    assert set(removed(at_bottom(days))) == set(days)


def test_numbers_that_do_not_count_up_by_days_are_kept() -> None:
    # a column of scores, a countdown, a short run, numbers past 31
    for rows in (
        ["3", "7", "12", "9", "15", "4", "21", "18", "2", "11", "6", "13", "5", "8", "1"],
        [str(d) for d in range(20, 0, -1)],
        ["1 2 3 4 5 6 7", "8 9 10 11 12"],
        ["30 31 32 33 34 35 36", "37 38 39 40 41 42 43"],
    ):
        got = removed(between(rows))
        assert "boilerplate.shape.calendar" not in got.values(), rows
    # a recipe's numbered steps written as bare numbers over their text
    steps = []
    for d in range(1, 16):
        steps += [str(d), f"Stir the pot for {d} more minutes and keep the heat low."]
    assert removed(BODY + "\n".join(steps) + "\n") == {}


def test_link_list_headings_in_indonesian_german_and_portuguese() -> None:
    items = "- Jembatan pelabuhan diperbaiki mulai pekan depan 0\n- Paduan suara sekolah juara 0\n"
    for head in ("Baca Lainnya :", "Berita Terkait:", "Lesen Sie auch:", "Leia mais:"):
        got = removed(BODY + head + "\n" + items + BODY)
        # the heading may go first to a phrase rule; its entries are the list's
        assert head in got and len(got) == 3, head
        assert {v for k, v in got.items() if k != head} == {"boilerplate.shape.link_list"}
    # the same words opening a sentence of the text are no heading
    text = BODY + "Baca lainnya tentang jembatan itu di laporan dewan kota minggu lalu.\n"
    assert "boilerplate.shape.link_list" not in removed(text + items + BODY).values()


TEASERS = [
    "Harbour Bridge Repairs Begin Next Week",
    "Crews will close one lane of the harbour bridge from Monday while the council…",
    "2 horas",
    "School Choir Wins Regional Contest",
    "The choir of the east side school took first place on Saturday with a programme…",
    "5 horas",
    "Ferry Timetable Changes for the Summer",
]


def test_excerpts_cut_short_with_an_ellipsis_are_no_prose() -> None:
    from textclean.stages.boilerplate.layout import is_prose, is_snippet

    assert is_prose(TEASERS[1], 10) and is_snippet(TEASERS[1], 10)
    assert not is_snippet("Read the rest…", 10)
    # two excerpts on the page: a teaser list under the text, which goes
    got = removed(BODY + "Recent Posts\n" + "\n".join(TEASERS) + "\n")
    assert set(got) == {"Recent Posts", *TEASERS}
    # an article's last paragraph trailing off in "…" loses nothing, nor its heading
    last = "And then, as the last bus pulled away from the stop, the lights went out…"
    assert removed(BODY + last + "\n") == {}
    assert removed(BODY + "The Last Bus\n" + last + "\n") == {}


def test_a_host_name_alone_at_the_page_edge_goes() -> None:
    for host in ("riverside-gazette.example.com", "www.riverside.example.org", "kelun.blog.jp"):
        assert removed(at_top([host, "Library Vote Passes After Long Debate"])) == {
            host: "boilerplate.shape.hostname"
        }
        if host.startswith("www."):
            # under the text, an address written for the reader to type is the text's
            # (an author's or a subject's site; real pages of two batches)
            assert removed(at_bottom([host])) == {}
        else:
            assert removed(at_bottom([host])) == {host: "boilerplate.shape.hostname"}
        # inside the text it is the text's
        assert removed(between([host])) == {}
    # a file name, a library's name, a name with capitals are no host names
    for line in ("Node.js", "node.js", "setup.py", "Booking.com", "e.g. this", "net.police"):
        got = removed(at_top([line, "Library Vote Passes After Long Debate"]))
        assert "boilerplate.shape.hostname" not in got.values(), line
        assert removed(at_bottom([line])) == {}, line


def test_empty_list_entries_go_when_the_page_has_several() -> None:
    lines = BODY.splitlines()
    # each dash over a blank line: an entry whose text was an image or a link
    text = "\n".join(x for line in lines for x in (line, "-\n")) + "\n"
    doc = STAGE(Document("t", text))
    assert doc.text.replace("\n\n", "\n") == BODY
    # the last one, ending the page, may go to the bare-number rule first
    assert [e.rule for e in doc.edits][:2] == ["boilerplate.shape.empty_item"] * 2
    # two of them, a scene break of stars, a dash ending a line, stay
    two = lines[0] + "\n-\n" + lines[1] + "\n-\n" + lines[2] + "\n"
    assert removed(two) == {}
    stars = "\n***\n".join(lines) + "\n***\n" + BODY
    assert removed(stars) == {}


def test_a_numbered_heading_echoed_under_it_loses_the_echo_when_switched_on(
    tmp_path: Path,
) -> None:
    """Off by default (``echo_max_words = 0``): on pages of unseen sites it took no
    chrome and one article line; a pack that sets a limit switches it on."""
    lines = BODY.splitlines()
    text = "\n".join(["1. The Old Library", "The Old Library", lines[0], "2. The New Plan"])
    text += "\n" + "\n".join(["The New Plan", lines[1], lines[2]]) + "\n"
    assert removed(text) == {}
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "echo.toml").write_text(
        "[shape.stutter]\nenabled = true\necho_max_words = 12\n"
    )
    echo = boilerplate.build(Config(), RulePack.load((str(tmp_path),)))
    got = removed(text, echo)
    assert got == {
        "The Old Library": "boilerplate.shape.stutter",
        "The New Plan": "boilerplate.shape.stutter",
    }
    # a numbered breadcrumb's last entry over the title: the title stays
    crumbs = "1. Travel\n2. Europe\n3. Across the Balkans by Bus\nAcross the Balkans by Bus\n"
    assert "Across the Balkans by Bus" not in removed(crumbs + BODY, echo)
    # a heading followed by a line that only starts like it stays
    text = "1. The Old Library\nThe Old Library was built in 1901.\n" + BODY
    assert removed(text, echo) == {}
