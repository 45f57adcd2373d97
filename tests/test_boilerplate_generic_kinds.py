"""The generic packs of ``rules/boilerplate/wordings.toml`` written by kind of chrome
(reading-time badges, Blogger status lines, close buttons, tracking ids, comment-form
heads, journal platforms' labels, archive widgets, feed links, report and push
prompts …), each for the whole kind in the languages its platforms print it, and
article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are interface strings around invented names, numbers and places.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    after_body,
    at_bottom,
    kept_between_tests,
    removed,
    removed_inside,
)

G = "boilerplate.generic."

FAMILIES = {
    # reading time
    "Reading Time: < 1 minute": G + "reading_time_i18n",
    "Tempo di lettura: < 1 minuto": G + "reading_time_i18n",
    "Geschätzte Lesezeit: 4 Minuten": G + "reading_time_i18n",
    "Lectura2:00 min": G + "reading_time_i18n",
    # Blogger's status lines
    "Showing posts from March, 2021": G + "blogger_status_i18n",
    "Mostrando las entradas con la etiqueta huerto": G + "blogger_status_i18n",
    "Wyświetlanie postów z marzec, 2021": G + "blogger_status_i18n",
    "Menampilkan postingan dari Maret, 2021": G + "blogger_status_i18n",
    "Es werden Posts vom März, 2021 angezeigt.": G + "blogger_status_i18n",
    # close buttons, ids, icon names, tags
    "[Fechar]": G + "close_buttons",
    "Cerrar [X]": G + "close_buttons",
    "Open Menu Close Menu": G + "close_buttons",
    "Chiudere questa casella di ricerca.": G + "close_buttons",
    "UA-4711235-3": G + "tracking_ids",
    "GTM-K7Q2ZP": G + "tracking_ids",
    "clock menu more-arrow no yes mobile": G + "icon_names",
    "Browsing: Harbour festival": G + "tag_heads",
    "Displaying items by tag: Bridges": G + "tag_heads",
    "Tagged in: baking, rye": G + "tag_heads",
    "Filed under:": G + "tag_heads",
    # forms, comment notes and heads
    "* indicates required": G + "required_fields_i18n",
    "* Eingabe erforderlich": G + "required_fields_i18n",
    "Note : Seul un membre de ce blog est autorisé à enregistrer un commentaire.": (
        G + "blogger_comment_notes_i18n"
    ),
    "Questo commento è stato eliminato dall'autore.": G + "blogger_comment_notes_i18n",
    "ZOSTAW ODPOWIEDŹ": G + "comment_heads_i18n",
    "Neuer Kommentar": G + "comment_heads_i18n",
    "Wprowadź imię": G + "comment_heads_i18n",
    "Ich möchte bei Antworten zu meinen Kommentaren benachrichtigt werden.": (
        G + "comment_heads_i18n"
    ),
    # archives, app signatures, journal platforms, Japanese post footers
    "- Settembre 2022 (14)": G + "month_archive_i18n",
    "• Oktober 2019 (12)": G + "month_archive_i18n",
    "2019年4月 (6)": G + "month_archive_i18n",
    "Posted using BlogPress from my iPad": G + "app_signatures",
    "Next Article in Journal": G + "journal_platforms",
    "Line Spacing:": G + "journal_platforms",
    "Permissions Icon Permissions": G + "journal_platforms",
    "| コメント (2) | トラックバック (0)": G + "post_footer_ja",
    "この記事に対するトラックバックURL: https://blog.example.jp/mt/tb/77": G + "post_footer_ja",
    # feeds, attachments, read-more links, hashtags
    "Syndicate content": G + "feed_links_i18n",
    "Distribuir contenido": G + "feed_links_i18n",
    "Subscribe with RSS": G + "feed_links_i18n",
    "Name:  harbour-crane.jpg": G + "attachment_info",
    "Size:  48.2 KB": G + "attachment_info",
    "Read more https://www.example.org/news/harbour-crane": G + "read_more_url",
    "— Read more on Example.com": G + "read_more_url",
    # report, account, on-this-day links, hosted-site links, placeholders
    "Laporkan Konten": G + "report_content_i18n",
    "Melden von Rechtsverstößen": G + "report_content_i18n",
    "Masuk atau Daftar": G + "account_prompts_i18n",
    "Vous avez oublié votre mot de passe ?": G + "account_prompts_i18n",
    "Vor zwei Jahren: Rhabarberkuchen mit Streuseln": G + "on_this_day",
    "One year ago: Plum and walnut cake": G + "on_this_day",
    "Back to Back Issues Page": G + "hosted_site_links",
    "Related Searches": G + "hosted_site_links",
    "Inserisci qui il Sottotitolo": G + "builder_placeholders",
    "I'm a paragraph. Click here to add your own text and edit me.": G + "builder_placeholders",
    # pagers, paywalls, share menus, landmarks, site search, push prompts
    "<-- Zurück Übersicht Weiter -->": G + "pager_overview",
    "Précédent | Sommaire | Suivant": G + "pager_overview",
    "Pozostało jeszcze 65% treści": G + "paywall_remaining_i18n",
    "Pełna treść artykułu dostępna po zakupie": G + "paywall_remaining_i18n",
    "EmailPinterestFacebookTwitterGoogle BookmarksLinkedInShare": G + "share_services_glued",
    "Hauptnavigation der Seite": G + "landmark_labels_i18n",
    "Поиск по сайту": G + "site_search_i18n",
    "Cari berita": G + "site_search_i18n",
    "We'd like to show you notifications for the latest news and updates.": (
        G + "push_prompt_i18n"
    ),
    "Bildirimlere izin vererek son dakika haberlerini hemen öğrenin.": G + "push_prompt_i18n",
    # widget buttons in more languages
    "Załaduj więcej": G + "widget_buttons_i18n",
    "Argomenti correlati": G + "widget_buttons_i18n",
    "La noticia continúa tras la publicidad": G + "widget_buttons_i18n",
    # CMS states and rows
    "Great! You’ve successfully signed up.": G + "cms_states_i18n",
    "Newer Post Older Post": G + "cms_states_i18n",
    "Return to “Boat repairs”": G + "cms_states_i18n",
    "Torna a “Barche e riparazioni”": G + "cms_states_i18n",
    "Drucken E-Mail": G + "cms_states_i18n",
    # entries added to the older generic rules
    "Published": G + "post_meta_label",
    "logo-harbour-blue-small": G + "alt_text",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


@pytest.mark.parametrize("word", ["Close", "Tutup", "Закрыть"])
def test_a_close_word_goes_at_the_page_edge_only(word: str) -> None:
    assert removed(at_bottom([word])) == {word: G + "close_edges"}
    assert removed_inside(word) == (None, set())


def test_a_close_word_in_lower_case_or_a_call_stays() -> None:
    for line in ("close", "close()", "CLOSE"):
        assert removed(at_bottom([line])) == {}


# Article sentences and short article lines that use the same words.
KEPT = """\
Reading time for the whole report is about an hour, the clerk said.
The library was showing posts from the old harbour office in a small exhibition.
Close to the bridge, the council plans a new stop for the river bus.
The tag on the crane read 2019, the year it was last inspected.
Required fields on the permit form include the owner's name and address.
Only a member of the committee may speak twice on the same motion.
In March 2020 the ferry stopped for three weeks.
The app was posted to the store in May and downloaded by a few hundred people.
The next article in the series looks at the ferry timetable.
The comment period runs until the end of the month.
The feed for the ducks on the pond is now sold at the kiosk.
The photo name on the back of the print was written in pencil.
More about the bridge is kept in the archive at the town library.
One year ago the bridge was still closed to traffic.
Two years ago: that is when the first crane arrived on the quay.
The remaining 80% of the budget goes to the roads.
Notifications of the vote were sent to every household.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
