"""Platform interface strings the rules lacked: Blogger templates' ad placeholders,
ad plugins' shortcodes, translation plugins' language notes, Joomla's who's-online
module, Over-blog's and Movable Type's strings, Google Tag Manager's noscript frame,
a school-newspaper theme's credit, comment widgets in more languages, counters written
with "x", a cookie plugin's cut sentence. Each string is removed where it stands as a
line of its own, and article sentences using the same words stay. All lines are written
for these tests (the interface strings are the platforms' own short labels).
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import BODY, after_body, at_top, between, removed

CHROME = [
    ("Responsive Ads Here", "boilerplate.generic.blogger_ad_placeholders"),
    ("Post Bottom Ad", "boilerplate.generic.blogger_ad_placeholders"),
    ('[pro_ad_display_adzone id="1234"]', "boilerplate.stub.template_token"),
    ('[adrotate banner="4"]', "boilerplate.stub.template_token"),
    ("This post is also available in: English", "boilerplate.generic.translation_notices_i18n"),
    (
        "Dieser Beitrag ist auch verfügbar auf: Englisch",
        "boilerplate.generic.translation_notices_i18n",
    ),
    ("We have 41 guests and no members online", "boilerplate.generic.whos_online_i18n"),
    ("Đang có 12 khách và không thành viên đang online", "boilerplate.generic.whos_online_i18n"),
    ("Repost0", "boilerplate.generic.overblog_counters"),
    ("| No Comments | No TrackBacks", "boilerplate.generic.movable_type_strings"),
    ("Recently in Garden Notes Category", "boilerplate.generic.movable_type_strings"),
    (
        '<iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXX" height="0"></iframe>',
        "boilerplate.generic.tag_manager_noscript",
    ),
    (
        "The Valley Post • Copyright 2024 • FLEX WordPress Theme by SNOLog in",
        "boilerplate.generic.theme_credits",
    ),
    ("电子邮件地址不会被公开。", "boilerplate.generic.comment_form_more_i18n"),
    ("Yorum Bırakın", "boilerplate.generic.comment_form_more_i18n"),
    ("OdpowiedzUsuń", "boilerplate.comments.form"),
    ("RăspundețiȘtergere", "boilerplate.comments.form"),
    ("Be First to Comment", "boilerplate.comments.form"),
    ("0 Yorum:", "boilerplate.comments.form"),
    ("Dilihat: 9x", "boilerplate.stub.counter"),
    ("Viewed 15x", "boilerplate.stub.counter"),
    ("Leer noticia completa en: El Diario.", "boilerplate.generic.original_article_i18n"),
    (
        'The cookie settings on this website are set to "allow cookies"',
        "boilerplate.privacy.cookie_plugins",
    ),
    ("Tamaño texto", "boilerplate.ui.reader_tools_i18n"),
    ("Haga un comentario", "boilerplate.generic.comment_form_more_i18n"),
    ("Digite seu nome aqui", "boilerplate.generic.comment_form_more_i18n"),
    ("Reklam Alanı", "boilerplate.generic.ad_labels_more_i18n"),
    ("Zur Bildergalerie", "boilerplate.generic.gallery_links_i18n"),
    ("View photo gallery", "boilerplate.generic.gallery_links_i18n"),
    ("Registriert: Di 14.Mär 2006 08:05", "boilerplate.forum.profile"),
    ("Betreff des Beitrags:", "boilerplate.forum.thread"),
    (
        "Ein neues Thema erstellen Auf das Thema antworten [ 12 Beiträge ] Gehe zu Seite 2",
        "boilerplate.forum.thread",
    ),
    (
        "Dela till Facebook Dela till Twitter Dela till LinkedIn Dela med e-post",
        "boilerplate.social.share_rows",
    ),
    (
        "Share on Facebook Share on Twitter Share on LinkedIn Share by email",
        "boilerplate.social.share_rows",
    ),
]


@pytest.mark.parametrize(("line", "rule"), CHROME)
def test_platform_strings_go_anywhere(line: str, rule: str) -> None:
    assert removed(between([line])) == {line: rule}
    assert removed(after_body(line)).get(line) == rule


def test_edge_only_entries_go_at_the_edges_and_stay_inside() -> None:
    assert removed(at_top(["Overblog"])) == {"Overblog": "boilerplate.generic.overblog_name_edges"}
    assert "Overblog" not in removed(between(["Overblog"]))
    got = removed(at_top(["Match Report", "Harbour Town Beat Hill Rovers After Extra Time"]))
    assert got.get("Match Report") == "boilerplate.generic.news_sections_i18n"
    assert "Match Report" not in removed(between(["Match Report"]))
    for label in ("Blog", "Última hora"):
        got = removed(at_top([label, "Harbour Town Beat Hill Rovers After Extra Time"]))
        assert got.get(label) == "boilerplate.generic.news_sections_i18n", label
        assert label not in removed(between([label]))


ARTICLE = [
    "This post is also available in print, in the spring issue of our quarterly magazine.",
    "We have 41 guests and no members online was the message that greeted us that night.",
    "Recently in the garden category of the show, our neighbour won a prize for her roses.",
    "The cookie settings on this website are set to allow cookies, which the auditors queried.",
    "Dilihat dari atas, kota itu tampak kecil dan tenang pada pagi hari yang cerah itu.",
    "Post Bottom Ad revenue fell by a third in the last quarter, the report said.",
    "Be first to comment on the draft plan, the council urged residents at the meeting.",
    "Share by email or post: the club asked members to share to the group before Friday.",
    "View gallery openings on Friday were packed, and the new wing drew a large crowd.",
]


def test_article_sentences_with_the_same_words_stay() -> None:
    text = BODY + "\n".join(ARTICLE) + "\n" + BODY
    assert not set(ARTICLE) & set(removed(text))


def test_shortcodes_that_are_not_ad_slots_and_code_stay() -> None:
    lines = ["[Unit]", '[DllImport("user32.dll")]', "[adverb]"]
    got = removed(between(lines))
    assert not set(lines) & set(got)


def test_entries_match_lines_in_turkish_capitals() -> None:
    # "İ" folds to "i" with a combining dot, "ı" stays: the entries are matched as a
    # case-insensitive regex matches them
    assert removed(between(["YORUM BIRAKIN"])) == {
        "YORUM BIRAKIN": "boilerplate.generic.comment_form_more_i18n"
    }
    assert removed(at_top(["GİRİŞ YAP"])) == {
        "GİRİŞ YAP": "boilerplate.generic.login_buttons_edges_i18n"
    }
    assert "GİRİŞ YAP" not in removed(between(["GİRİŞ YAP"]))
