"""The furniture families of the built-in boilerplate rules: forum software, wikis,
document viewers, shops, help centres, page residue, and the multilingual
navigation lines (skip links, menus, language switchers, footer links).

Every text here was written for the tests. Chrome lines are placed between two
articles' worth of prose (the "any" zone) unless a rule is bound to the top or the
bottom of a page; the kept lines are sentences and headings an article may hold.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import at_bottom, at_top, between, removed
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages import boilerplate

#: Lines removed anywhere on a page, with the rule that removes each.
ANYWHERE = {
    # forum software: the poster's box and the thread furniture
    "Posts: 1204": "boilerplate.forum.profile",
    "Beiträge: 87": "boilerplate.forum.profile",
    "Message(s) : 512": "boilerplate.forum.profile",
    "Joined: Tue Mar 02, 2010 8:14 pm": "boilerplate.forum.profile",
    "Registriert: 4. Feb 2015, 10:20": "boilerplate.forum.profile",
    "Inscription : Lun Sep 12, 2016 9:00 am": "boilerplate.forum.profile",
    "Mitglieds-Nr.: 4410": "boilerplate.forum.profile",
    "Gruppe: Members": "boilerplate.forum.profile",
    "Reaction score": "boilerplate.forum.profile",
    "Avatar de l’utilisateur": "boilerplate.forum.profile",
    "Author Message": "boilerplate.forum.profile",
    "It is currently Thu Jun 06, 2019 4:12 pm": "boilerplate.forum.thread",
    "All times are UTC + 1 hour": "boilerplate.forum.thread",
    "Nous sommes actuellement le Ven Oct 11, 2019 6:40 pm": "boilerplate.forum.thread",
    "Post new topic Reply to topic  [ 12 posts ]  Go to page 1, 2  Next": (
        "boilerplate.forum.thread"
    ),
    "Pages: [1] 2 3 4": "boilerplate.forum.thread",
    "Results 1 to 10 of 24": "boilerplate.forum.thread",
    "Beitrag #4": "boilerplate.forum.thread",
    "+ Répondre à la discussion": "boilerplate.forum.thread",
    "up vote 12 down vote accepted": "boilerplate.comments.threads",
    "Willkommen, Gast ( Anmelden | Registrierung )": "boilerplate.forum.thread",
    "4 participants": "boilerplate.forum.thread",
    # MediaWiki
    "[modifier | modifier le code]": "boilerplate.wiki.furniture",
    "[Bearbeiten | Quelltext bearbeiten]": "boilerplate.wiki.furniture",
    "From Wikipedia, the free encyclopedia": "boilerplate.wiki.furniture",
    "(Redirected from Town hall)": "boilerplate.wiki.furniture",
    "This page was last edited on 4 May 2021, at 10:12 (UTC).": "boilerplate.wiki.furniture",
    # document viewers and help centres
    "Transcript": "boilerplate.docs.viewer",
    'Download "Annual report of the parish council"': "boilerplate.docs.viewer",
    "Uploaded by jsmith": "boilerplate.docs.viewer",
    "File Type:pdf, Size:880Kb": "boilerplate.docs.viewer",
    "52 downloads 310 Views 1.2MB Size": "boilerplate.docs.viewer",
    "Start display at page:": "boilerplate.docs.viewer",
    "Did this answer your question?": "boilerplate.cta.feedback",
    "War dieser Artikel hilfreich?": "boilerplate.cta.feedback",
    "Powered by Zendesk": "boilerplate.docs.help_center",
    # shops
    "Add to cart": "boilerplate.shop.furniture",
    "In den Warenkorb": "boilerplate.shop.furniture",
    "SKU: TB-2041": "boilerplate.shop.furniture",
    "Cart (0)": "boilerplate.ui.sort_filter",
    "Cart 2 items": "boilerplate.shop.furniture",
    "Only 3 left in stock - order soon.": "boilerplate.shop.furniture",
    # scripts, searches, page residue
    "Загрузка...": "boilerplate.ui.loading",
    "Veuillez patienter...": "boilerplate.ui.loading",
    "Search results for: library": "boilerplate.ui.search_i18n",
    "Keine Treffer gefunden": "boilerplate.ui.search_i18n",
    "{author_name}": "boilerplate.stub.page_residue",
    "###TOP_BANNER###": "boilerplate.stub.page_residue",
    "![](https://example.org/img/banner.png)": "boilerplate.stub.page_residue",
    "example.com, pub-1234567890, DIRECT, abc123def456": "boilerplate.stub.page_residue",
    "Category Archives: Council news": "boilerplate.nav.archive_label",
    "Month: March 2024": "boilerplate.nav.archive_label",
    "Archiv der Kategorie: Gemeinderat": "boilerplate.nav.archive_label",
    "Filed under Council, Roads": "boilerplate.byline.author_box",
    "Publié dans Actualités": "boilerplate.footer.tags_i18n",
    "Læs hele artiklen": "boilerplate.stub.read_more_i18n",
    "Leer noticia completa en El Diario.": "boilerplate.stub.read_more_i18n",
    "続きを読む": "boilerplate.stub.read_more_i18n",
    "Town hall logo": "boilerplate.ui.image_alt",
    "Kuva": "boilerplate.ui.image_alt",
    "Harbour view_edited.jpg": "boilerplate.ui.image_alt",
    "A+ A A-": "boilerplate.ui.a11y_toolbar",
    "Alto contraste": "boilerplate.ui.a11y_toolbar",
    "Maximum upload size: 2MB": "boilerplate.ui.form_widgets",
    "[Total: 3 Average: 4.7]": "boilerplate.ui.rating_widget",
    "Lesezeit: 4 Minuten": "boilerplate.ui.reading_time",
    "Χρόνος ανάγνωσης: 3 λεπτά": "boilerplate.ui.reading_time",
    "- 6 min read": "boilerplate.ui.reading_time",
    "·2 min de lecture": "boilerplate.ui.reading_time",
    "• 2 min czytania": "boilerplate.ui.reading_time",
    # skip links and back-to-top links in more languages
    "Hyppää pääsisältöön": "boilerplate.nav.skip_to_content",
    "Přejít na obsah": "boilerplate.nav.skip_to_content",
    "メニューを飛ばして本文へ": "boilerplate.nav.skip_to_content",
    "Aller au contenu / Aller à la navigation / Aller à la recherche": (
        "boilerplate.nav.skip_to_content"
    ),
    "Back to top button": "boilerplate.nav.back_to_top",
    "Impressum | Datenschutz | Kontakt | Barrierefreiheit": "boilerplate.nav.footer_link_rows",
    "Berita/grid-4": "boilerplate.stub.page_residue",
    "Vous souhaitez réagir à ce message ? Créez un compte en deux clics.": (
        "boilerplate.forum.thread"
    ),
    "Más leído": "boilerplate.nav.widget_headings",
    "Startseite > Rathaus > Gemeinderat": "boilerplate.nav.breadcrumb_home",
    "Início » Notícias » Câmara": "boilerplate.nav.breadcrumb_home",
    "現在地 トップページ > 市政 > お知らせ": "boilerplate.nav.breadcrumb_home",
    "Nacházíte se: Úvod / Obecní úřad": "boilerplate.nav.breadcrumb_home",
    "Gemeinde Musterdorf (Druckversion)": "boilerplate.ui.print_buttons",
    "To view this video please enable JavaScript, and consider upgrading your browser": (
        "boilerplate.ui.notices"
    ),
    "This article is more than 5 years old": "boilerplate.ui.notices",
    "Související články": "boilerplate.nav.widget_headings",
    "Vissza az oldal tetejére": "boilerplate.nav.back_to_top",
}

#: Lines removed at the top of a page (above the first prose line).
AT_THE_TOP = {
    "Hauptmenü": "boilerplate.nav.menu_i18n",
    "Главное меню": "boilerplate.nav.menu_i18n",
    "Pesquisar": "boilerplate.nav.search_i18n",
    "Login Subscribe": "boilerplate.cta.newsletter_i18n",
    "Startseite": "boilerplate.nav.section_labels_i18n",
    "ΑΡΧΙΚΗ": "boilerplate.nav.section_labels_i18n",
    "Cultura": "boilerplate.nav.section_labels_i18n",
    "Dnes je středa 4. září 2024. Svátek má Ida": "boilerplate.ui.name_day",
}

#: Lines removed at the bottom of a page (below the last prose line).
AT_THE_BOTTOM = {
    "Datenschutzerklärung": "boilerplate.nav.footer_links_i18n",
    "Mentions légales | Plan du site": "boilerplate.nav.footer_links_i18n",
    "Όροι χρήσης": "boilerplate.nav.footer_links_i18n",
    "Polski": "boilerplate.nav.language_switcher",
    "EN | DE | FR": "boilerplate.nav.language_switcher",
    "IT": "boilerplate.nav.language_switcher",
    "Aufrufe": "boilerplate.ui.edge_labels",
    "Templates by Harbour Design": "boilerplate.footer.credits",
}

#: Sentences and headings with the families' words that an article may hold.
KEPT = """\
The forum posts: more than a thousand residents wrote to the council about the plan.
Joined by her brother, the mayor opened the new library on a rainy Saturday morning.
Posted in the town hall, the notice listed the roads that would close for the fair.
Filed under the wrong name, the permit was lost for three months, the clerk said.
Pages: 320
Points: 24
Year: 2019
Quote of the week
The search results surprised the researchers, who had expected fewer matches.
Loading the trucks took the volunteers most of the afternoon, the organisers said.
Please wait for the bell before you cross the bridge, the sign says in three languages.
Add to the soup two cups of water and a pinch of salt, then let it simmer.
In stock markets across Europe, shares fell sharply on Monday after the report.
Transcript of the council meeting, read aloud by the clerk on Tuesday evening.
The logo of the new library was drawn by a pupil of the primary school.
English lessons for adults start again in September at the community centre.
Month after month, the river rose a little higher, the farmers said.
Recherche et innovation sont au cœur du nouveau plan, a dit la maire.
Die Suche nach dem Schlüssel dauerte bis in die Nacht, sagte der Hausmeister.
Es ist Montag, 12:30 Uhr, und die Sitzung des Rates beginnt.
Uploaded by the clerk, the minutes of the meeting appeared online the next day.
Impressum, Datenschutz und Kontakt stehen jetzt auf einer Seite, sagte die Stadt.
23.11.2020
Home is where the library is, the mayor said at the opening on Saturday.
"""


def test_the_furniture_lines_go_anywhere() -> None:
    assert removed(between(ANYWHERE)) == ANYWHERE


def test_the_top_lines_go_at_the_top() -> None:
    assert removed(at_top(AT_THE_TOP)) == AT_THE_TOP


def test_the_bottom_lines_go_at_the_bottom() -> None:
    assert removed(at_bottom(AT_THE_BOTTOM)) == AT_THE_BOTTOM


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_article_lines_with_the_furniture_words_are_kept(sep: str) -> None:
    assert removed(between(KEPT.splitlines(), sep)) == {}


@pytest.mark.parametrize(
    "line", ["Recherche", "Pesquisa", "Polski", "Datenschutz", "Cultura", "Politik"]
)
def test_zone_bound_words_stay_in_the_middle_of_a_page(line: str) -> None:
    assert removed(between([line])) == {}


@pytest.mark.parametrize("word", ["It", "De", "No"])
def test_a_cut_off_sentence_start_at_the_page_end_is_no_language_code(word: str) -> None:
    # a language switcher writes a lone code in capitals ("IT"); a page whose excerpt
    # ends on "It" was cut off at its next sentence's first word
    assert removed(at_bottom([word])) == {}


@pytest.mark.parametrize("family", ["boilerplate.forum.profile", "boilerplate.forum.thread"])
def test_one_forum_family_owns_each_forum_line(family: str) -> None:
    """The poster's box (forum.profile) and the thread around the posts (forum.thread)
    each have one owner: with the owner switched off, no other rule takes its lines."""
    lines = [line for line, rule in ANYWHERE.items() if rule == family]
    assert len(lines) >= 8
    config = Config().replace(boilerplate={"disable": [family]})
    stage = boilerplate.build(config, RulePack.load(()))
    assert removed(between(lines), stage) == {}
