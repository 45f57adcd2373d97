"""The generic packs of ``rules/boilerplate/wordings.toml`` written from the kinds of
chrome pooled across the labelled batches (skip links, menu and window buttons, script
notices, rows of social networks, theme credits, ad labels, archive heads, camera file
names, Blogger gadgets, pointers to the original article, consent vendors, document
mirrors, reaction prompts, news sections, Chinese and Japanese widget heads, more,
subscribe and login buttons), and the article lines with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines are
interface strings around invented names, numbers and places.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    after_body,
    at_top,
    kept_between_tests,
    removed,
    removed_inside,
)

G = "boilerplate.generic."

#: Lines removed anywhere on the page (zone-free rules).
ANYWHERE = {
    "Ga naar inhoud": G + "skip_links_i18n",
    "Alefaso amin'ny votoatiny": G + "skip_links_i18n",
    "Ссылки для упрощенного доступа": G + "skip_links_i18n",
    "Ir direto para menu de acessibilidade.": G + "skip_links_i18n",
    "Sélectionner une page": G + "menu_toggles_i18n",
    "Selecteer een pagina": G + "menu_toggles_i18n",
    "Menu Close": G + "menu_toggles_i18n",
    "Mobile Toggle": G + "menu_toggles_i18n",
    "This slideshow requires JavaScript.": G + "script_notices_i18n",
    "Ce diaporama nécessite JavaScript.": G + "script_notices_i18n",
    "Загрузка ... Загрузка ...": G + "script_notices_i18n",
    "Redirecting to full article...": G + "script_notices_i18n",
    "Facebook Twitter Linked-in": G + "social_rows",
    "Facebook X (Twitter) Instagram": G + "social_rows",
    "RSS FeedTwitterFacebook": G + "social_rows",
    "Icona-facebook Icona-google+ Follow Me on Pinterest": G + "social_rows",
    "© 2021 Harbour Notes | WordPress Theme: Seaside Lite by Gullwing Studio.": (
        G + "theme_credits"
    ),
    "Powered by WordPress & Theme by Ann Example": G + "theme_credits",
    "Powered by setlistly.com": G + "theme_credits",
    "Created with the SiteBuilder.": G + "theme_credits",
    "Sponsored ads": G + "ad_labels_more_i18n",
    "Партнерский контент": G + "ad_labels_more_i18n",
    "Materiał promocyjny": G + "ad_labels_more_i18n",
    "Visit Our Sponsors!": G + "ad_labels_more_i18n",
    'Home Tags Posts tagged with "Harbour"': G + "archive_heads",
    "Articles in the Ferry News category": G + "archive_heads",
    "Entries about lighthouses": G + "archive_heads",
    "Articole cu eticheta: port": G + "archive_heads",
    "20170309_161357 (5)": G + "camera_timestamps",
    "3.15.14-Harbour Day_IMG_5870": G + "camera_timestamps",
    "Diesen Blog durchsuchen": G + "blogger_gadgets_i18n",
    "Cari Blog Ini": G + "blogger_gadgets_i18n",
    "Postagem em destaque": G + "blogger_gadgets_i18n",
    "Google+ Followers": G + "blogger_gadgets_i18n",
    "Full post": G + "original_article_i18n",
    "Read it at Harbour Gazette": G + "original_article_i18n",
    "See the full story, including the timetable:": G + "original_article_i18n",
    "Źródło: klik": G + "original_article_i18n",
    "Source: Read More": G + "original_article_i18n",
    "Hier geht's zum Originalartikel...": G + "original_article_i18n",
    "Yükleniyor.... (view fulltext now)": G + "doc_mirror_more_i18n",
    'Share "Minutes of the harbour board, May"': G + "doc_mirror_more_i18n",
    "Weergave met pagina beginnen:": G + "doc_mirror_more_i18n",
    "Maat: px": G + "doc_mirror_more_i18n",
    "Post on 24-Jul-2020": G + "doc_mirror_more_i18n",
    "What's Your Reaction?": G + "reaction_prompts_i18n",
    "How informative is this news?": G + "reaction_prompts_i18n",
    "Brak komentarza, Twój może być pierwszy.": G + "reaction_prompts_i18n",
    "No Trackbacks": G + "reaction_prompts_i18n",
    "Comments: 3 - Login to add and view comments": G + "reaction_prompts_i18n",
    "热点推荐": G + "cjk_widget_heads",
    "関連キーワード": G + "cjk_widget_heads",
    "相关热词搜索: 渡轮": G + "cjk_widget_heads",
    "Mehr": G + "more_buttons_i18n",
    "もっとみる": G + "more_buttons_i18n",
    "Voir la bio »": G + "more_buttons_i18n",
}


@pytest.mark.parametrize("chrome", list(ANYWHERE))
def test_each_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: ANYWHERE[chrome]}


@pytest.mark.parametrize("chrome", list(ANYWHERE))
def test_each_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (ANYWHERE[chrome], set())


#: Lines removed only above or below the text (``zone = "edges"``).
EDGES = {
    "Quantcast": G + "consent_vendor",
    "Más información": G + "more_info_edges_i18n",
    "Mehr Informationen": G + "more_info_edges_i18n",
    "Pages": G + "blogger_gadget_edges",
    "Labels": G + "blogger_gadget_edges",
    "Close window": G + "close_window_edges_i18n",
    "Sluit venster x": G + "close_window_edges_i18n",
    "SUSCRIBITE": G + "subscribe_buttons_edges_i18n",
    "Daily Newsletter": G + "subscribe_buttons_edges_i18n",
    "Anmelden": G + "login_buttons_edges_i18n",
    "Login Form": G + "login_buttons_edges_i18n",
    "Log in | Become a member": G + "login_buttons_edges_i18n",
}


@pytest.mark.parametrize("chrome", list(EDGES))
def test_an_edge_string_goes_above_the_text_and_stays_inside(chrome: str) -> None:
    assert removed(at_top([chrome])) == {chrome: EDGES[chrome]}
    assert removed_inside(chrome) == (None, set())


TITLE = "Harbour board approves the new ferry timetable for the summer"


@pytest.mark.parametrize("label", ["Local News", "In The News", "Polícia", "Provincia", "Crime"])
def test_a_news_section_goes_above_the_title(label: str) -> None:
    got = removed(at_top([label, TITLE]))
    assert got == {label: G + "news_sections_i18n"}


@pytest.mark.parametrize("label", ["Local News", "Crime"])
def test_a_news_section_word_inside_the_text_stays(label: str) -> None:
    assert removed_inside(label) == (None, set())


# Article sentences and short article lines that use the same words.
KEPT = """\
Select the page of the timetable that shows the winter crossings.
Close the window before the storm reaches the quay, the harbour master said.
This slideshow of old photographs was shown at the library on Friday.
Facebook and Twitter were both used to announce the new timetable.
The theme of the festival was chosen by the children of the town.
Powered by two new engines, the ferry crosses in forty minutes.
Powered by steam
Sponsored by the town, the regatta drew boats from four countries.
Posts tagged on the notice board list the new crossing times.
The photo taken on 9 March 2017 shows the crane at dawn.
Search this blog's archive for the first reports on the bridge.
The full post of harbour master is open to applicants until May.
Read it at your own pace: the report runs to forty pages.
Source: the harbour board's annual report.
What's your reaction to the new fares, we asked passengers.
What do you think?
More information about the fares is available at the ticket office.
Local news about the harbour is printed every Thursday.
Anmelden konnten sich die Segler bis Freitag im Hafenbüro.
港の新しい時刻表は関連キーワードの一覧とともに掲示された。
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)


def test_a_single_network_name_stays() -> None:
    """One network's name alone (a caption, a source) is no row of share buttons."""
    for line in ("Facebook", "Instagram", "Twitter"):
        assert removed_inside(line) == (None, set())
