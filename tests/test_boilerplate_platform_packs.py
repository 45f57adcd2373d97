"""Platform strings of the phrase packs written from the kinds of chrome real pages
keep (automatic alt text, consent-platform texts, metered paywalls, newsletter form
states, theme comment forms, weather widgets, reader tools, enlarge prompts, ad-slot
placeholders, sponsored labels, share tools, news-publisher furniture), each in the
languages its platform ships, and article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are platform interface strings around invented names, numbers and places.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    after_body,
    inside_body,
    kept_between_tests,
    removed,
    removed_inside,
)

FAMILIES = {
    # automatic alt text
    "Image may contain: 3 people, bicycle, outdoor": "boilerplate.ui.auto_alt_text_i18n",
    "May be an image of 2 people and a dog": "boilerplate.ui.auto_alt_text_i18n",
    "Keine Fotobeschreibung verfügbar.": "boilerplate.ui.auto_alt_text_i18n",
    "L'immagine può contenere: pane, tavolo": "boilerplate.ui.auto_alt_text_i18n",
    "画像に含まれている可能性があるもの:山、雪": "boilerplate.ui.auto_alt_text_i18n",
    "A bowl of soup Description automatically generated": "boilerplate.ui.auto_alt_text_i18n",
    # consent platforms
    "We and selected third parties use cookies or similar technologies for technical "
    "purposes and, with your consent, for measurement.": "boilerplate.privacy.consent_tcf_i18n",
    "Noi e terze parti selezionate utilizziamo cookie per finalità tecniche.": (
        "boilerplate.privacy.consent_tcf_i18n"
    ),
    "Usa il pulsante “Accetta” per acconsentire all'utilizzo di tali tecnologie.": (
        "boilerplate.privacy.consent_tcf_i18n"
    ),
    "Denying consent may make related features unavailable.": (
        "boilerplate.privacy.consent_tcf_i18n"
    ),
    "You can freely give, deny, or withdraw your consent at any time.": (
        "boilerplate.privacy.consent_tcf_i18n"
    ),
    # metered paywalls
    "Please log in, or sign up for a new account to continue reading.": (
        "boilerplate.cta.metered_paywall_i18n"
    ),
    "Thank you for reading! We hope that you continue to enjoy our free content.": (
        "boilerplate.cta.metered_paywall_i18n"
    ),
    "You have reached your limit of free articles this month.": (
        "boilerplate.cta.metered_paywall_i18n"
    ),
    "Your current subscription does not provide access to this content.": (
        "boilerplate.cta.metered_paywall_i18n"
    ),
    "Hai raggiunto il limite di articoli gratuiti per questo mese.": (
        "boilerplate.cta.metered_paywall_i18n"
    ),
    # newsletter forms and their states
    "Your newsletter sign-up was successful": "boilerplate.cta.newsletter_states_i18n",
    "A welcome email is on its way. If you don't see it, please check your junk folder.": (
        "boilerplate.cta.newsletter_states_i18n"
    ),
    "Descubre más desde El Huerto de Ana": "boilerplate.cta.newsletter_states_i18n",
    "Scopri di più da Orto Urbano": "boilerplate.cta.newsletter_states_i18n",
    "Ingresa tu correo electrónico:": "boilerplate.cta.newsletter_states_i18n",
    "Delivered by FeedBurner": "boilerplate.cta.newsletter_states_i18n",
    # comment forms of themes, empty threads
    "Per favore inserisci il tuo commento!": "boilerplate.comments.theme_forms_i18n",
    "Bitte geben Sie hier Ihren Namen ein": "boilerplate.comments.theme_forms_i18n",
    "This Post Has 4 Comments": "boilerplate.comments.theme_forms_i18n",
    "Questo articolo ha 2 commenti": "boilerplate.comments.theme_forms_i18n",
    "Replies to This Discussion": "boilerplate.comments.theme_forms_i18n",
    "Permalink Reply by Ana Ruiz on May 3, 2012 at 10:22am": (
        "boilerplate.comments.theme_forms_i18n"
    ),
    "Es gibt noch keine Kommentare.": "boilerplate.comments.theme_forms_i18n",
    "まだコメントはありません。": "boilerplate.comments.theme_forms_i18n",
    "PLEASE TURN OFF YOUR CAPS LOCK.": "boilerplate.comments.theme_forms_i18n",
    # weather widgets
    "24° 17°": "boilerplate.ui.weather_widget_i18n",
    "Mín. 12° Máx. 25°": "boilerplate.ui.weather_widget_i18n",
    "82% Humidity": "boilerplate.ui.weather_widget_i18n",
    "14 km/h Wind": "boilerplate.ui.weather_widget_i18n",
    "07h12 Nascer do sol": "boilerplate.ui.weather_widget_i18n",
    "Feels like 9°": "boilerplate.ui.weather_widget_i18n",
    # reader tools, enlarge prompts, featured image
    "Change Text Size": "boilerplate.ui.reader_tools_i18n",
    "Schriftgröße ändern": "boilerplate.ui.reader_tools_i18n",
    "Con la tecnología de Google Traductor": "boilerplate.ui.reader_tools_i18n",
    "Traduci questa pagina": "boilerplate.ui.reader_tools_i18n",
    "(click photo for larger view)": "boilerplate.ui.enlarge_prompts_i18n",
    "Cliquez sur la photo pour agrandir": "boilerplate.ui.enlarge_prompts_i18n",
    "Klik op de foto om te vergroten": "boilerplate.ui.enlarge_prompts_i18n",
    "Enlarge": "boilerplate.ui.enlarge_prompts_i18n",
    "Post Featured Image": "boilerplate.ui.featured_image_i18n",
    "Direkt zum Rezept": "boilerplate.ui.recipe_buttons_i18n",
    "KI-generierte Zusammenfassung": "boilerplate.ui.ai_summary_labels",
    "Iklan Tengah Artikel 2": "boilerplate.ui.ad_slots_i18n",
    "Iklan Headers, Kontak Disini": "boilerplate.ui.ad_slots_i18n",
    "Masuk untuk membalas": "boilerplate.ui.account_i18n",
    # ads, share tools, post navigation
    "Contenido patrocinado": "boilerplate.ads.sponsored_i18n",
    "スポンサーリンク": "boilerplate.ads.sponsored_i18n",
    "Link kopiëren": "boilerplate.social.share_tools_i18n",
    "Read Previous": "boilerplate.nav.post_nav_i18n",
    # hosted platforms, news publishers, aggregators, galleries
    "Blog su WordPress.com.": "boilerplate.platform.wpcom_i18n",
    "This advertisement has not loaded yet, but your article continues below.": (
        "boilerplate.platform.news_publishers"
    ),
    "Share this Story : Library plan wins council vote": "boilerplate.platform.news_publishers",
    "Read or Share this story:": "boilerplate.platform.news_publishers",
    "Читать дальше на сайте Городские Вести": "boilerplate.stub.read_on_site_ru",
    "Diapositiva 3 de 12": "boilerplate.stub.gallery_counter_more_i18n",
    # consent-management platforms
    "Wenn Sie auf „Alle Cookies akzeptieren“ klicken, stimmen Sie der Speicherung von "
    "Cookies auf Ihrem Gerät zu.": "boilerplate.privacy.consent_cmp_i18n",
    "Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren und Zugriffe zu "
    "analysieren.": "boilerplate.privacy.consent_cmp_i18n",
    "Noi e i nostri partner archiviamo informazioni su un dispositivo, come i cookie.": (
        "boilerplate.privacy.consent_cmp_i18n"
    ),
    "Store and/or access information on a device": "boilerplate.privacy.consent_cmp_i18n",
    "This site asks for consent to use your data": "boilerplate.privacy.consent_cmp_i18n",
    "Nicht einwilligen": "boilerplate.privacy.consent_cmp_i18n",
    # hosted comment and like widgets, view counters
    "Upvote Funny Love Surprised Angry Sad": "boilerplate.comments.hosted_widgets_i18n",
    "Beitrag nicht als „Gefällt mir“ markiert": "boilerplate.comments.hosted_widgets_i18n",
    "2.481 kez okundu": "boilerplate.comments.hosted_widgets_i18n",
    "Dilihat 312 kali": "boilerplate.comments.hosted_widgets_i18n",
    # Russian outlets' footer
    "Свидетельство о регистрации СМИ ЭЛ № ФС 77-00000 от 01.01.2020": (
        "boilerplate.footer.media_registration_ru"
    ),
    "При использовании материалов ссылка на «Городские Вести» обязательна.": (
        "boilerplate.footer.media_registration_ru"
    ),
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


@pytest.mark.parametrize("word", ["Lesezeit", "Temps de lecture", "OKUNMA SÜRESİ"])
def test_reading_time_labels_go_only_at_the_edges(word: str) -> None:
    assert removed(inside_body(word)) == {}
    assert removed(after_body(word)).get(word) == "boilerplate.ui.reader_tools_edges_i18n"


def test_an_age_mark_goes_only_at_the_edges() -> None:
    assert removed(inside_body("16+")) == {}
    assert removed(after_body("16+")).get("16+") == "boilerplate.footer.age_mark_edges"


# Article sentences and short article lines that use the same words.
KEPT = """\
The image may contain errors, the archivist warned, because the negative was damaged.
We and selected partners from the region met in March to plan the new cycle path.
Use the accept button on the ticket machine, the driver told the tourists.
Denying the request, the judge said the council had followed the rules.
Please log in to the library catalogue with your card number to renew a book.
Thank you for reading this to the end, the mayor wrote in her letter to residents.
You have reached the summit when you see the stone marker and the old flag pole.
Your newsletter arrived late this month because of the postal strike.
Descubre más sobre la historia del puente en el museo de la ciudad.
This post has been updated to correct the date of the concert.
There are no comments on the plan in the minutes of the meeting.
The oven should be at 180° for the first twenty minutes, then lower it.
It was 24° in the shade and the market closed early.
Humidity in the cellar rose after the storm, so the wine was moved.
Change the text size in the settings menu if the letters are too small.
Click the photo of the bridge to see where the crack started, the engineer said.
Enlarge the hole slowly with a file so the pipe fits without force.
Featured image competitions are held at the club every spring.
Sponsored content rules for the city website were tightened last year.
Read previous reports on the bridge in the council archive.
Share this story with your neighbours, the organisers asked at the end of the meeting.
Photo 3 shows the square before the fire.
By clicking the map, visitors can see which streets will be closed on Sunday.
We and our partners in the valley share the cost of the new bridge.
Store the seeds in a dry place and access them only when you sow.
The post was not marked on the old map, so the hikers missed it.
The ordinance was registered with the city in 2019 and read 1,234 times in the archive.
При использовании этих материалов в школе учитель обязательно называет автора.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
