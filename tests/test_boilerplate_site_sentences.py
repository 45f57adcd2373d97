"""Sentences a site prints around its articles: comment policies, membership and
donation appeals, follow and inbox prompts, notices about the site's content,
click-here pointers, a news site's line about itself, and a cookie plugin's banner.
Each family in several languages, and article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
follow the wording sites use, around invented names, places and numbers.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import after_body, kept_between_tests, removed, removed_inside

# the plugin's banner in full runs past the 80 words `privacy.cookie_plugins` reads
COOKIE_BANNER = (
    'The cookie settings on this website are set to "allow cookies" to give you the best '
    "browsing experience possible. "
    + " ".join(["If you keep reading without changing these settings, you agree to them."] * 6)
    + " You can change them at any time in your browser, where every cookie is listed."
)

FAMILIES = {
    # comment policies and a blogger's comment-form message
    "No profane language is allowed! Comments with insults go to the bin.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Comments that contain personal attacks will not be published.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Anonymous comments will not be published on this blog.": ("boilerplate.comments.policy_i18n"),
    "We reserve the right to remove comments that are off topic.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Thanks for stopping by! I try to reply to every comment within a day or two.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Kommentare werden moderiert und erscheinen erst nach der Freigabe.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Les commentaires sont modérés avant leur publication.": "boilerplate.comments.policy_i18n",
    "Los comentarios están moderados.": "boilerplate.comments.policy_i18n",
    "Os comentários são moderados.": "boilerplate.comments.policy_i18n",
    "Reacties worden gemodereerd.": "boilerplate.comments.policy_i18n",
    "In questo blog sono vietati i commenti anonimi e quelli offensivi.": (
        "boilerplate.comments.policy_i18n"
    ),
    "Hakaret içeren veya argo ifadeler kullanmayınız.": "boilerplate.comments.policy_i18n",
    "Türkçe imla kurallarına uygun yazmaya özen gösteriniz.": ("boilerplate.comments.policy_i18n"),
    "Yorumunuzu tamamı büyük harflerle yazmayınız.": "boilerplate.comments.policy_i18n",
    "STOP HEJT. Pisz z szacunkiem dla innych.": "boilerplate.comments.policy_i18n",
    "Brak możliwości komentowania artykułu po pięciu dniach.": ("boilerplate.comments.policy_i18n"),
    "Komentarze po 14 dniach są usuwane.": "boilerplate.comments.policy_i18n",
    # membership, donation and paywall paragraphs
    "Readers like you make our reporting possible. Join the Valley Herald club today.": (
        "boilerplate.cta.support_i18n"
    ),
    "If you value our journalism, please consider supporting the Ridge Courier.": (
        "boilerplate.cta.support_i18n"
    ),
    "Le Petit Quai ne vit que par ses lecteurs, merci à eux.": "boilerplate.cta.support_i18n",
    "Pour nous soutenir, abonnez-vous !": "boilerplate.cta.support_i18n",
    "Hazte socio. Si ya lo eres, entra con tu cuenta.": "boilerplate.cta.support_i18n",
    "Unterstützen Sie unabhängigen Journalismus mit einem Abo.": "boilerplate.cta.support_i18n",
    "Sostieni l'informazione locale con un abbonamento.": "boilerplate.cta.support_i18n",
    "Tu suscripción se está usando en otro dispositivo": "boilerplate.cta.support_i18n",
    # follow and inbox prompts with a lead-in
    "Lyst på mer? Følg gjerne bloggen på instagram.": "boilerplate.social.follow_i18n",
    "Per restare aggiornato sulle notizie di Valfonda seguici su Facebook.": (
        "boilerplate.social.follow_i18n"
    ),
    "If you'd like our stories delivered straight to your inbox, sign up below.": (
        "boilerplate.social.follow_i18n"
    ),
    # notices about the site's content
    "This archived article is available only for your personal, noncommercial use.": (
        "boilerplate.footer.notices_i18n"
    ),
    "Ajanslar tarafından yayınlanan yurt haberleri sitemiz editörlerinin hiçbir müdahalesi "
    "olmadan yayınlanmaktadır.": "boilerplate.footer.notices_i18n",
    "Если у вас есть замечания по материалу, напишите нам на почту.": (
        "boilerplate.footer.notices_i18n"
    ),
    "Wir halten uns an die Richtlinien der Journalism Trust Initiative.": (
        "boilerplate.footer.notices_i18n"
    ),
    # click-here pointers
    "For the latest traffic updates, click here.": "boilerplate.stub.click_here_i18n",
    "For more flood information, view the map below or click here.": (
        "boilerplate.stub.click_here_i18n"
    ),
    "Pour réagir à cet article, cliquez ici.": "boilerplate.stub.click_here_i18n",
    "Si queréis ver más fotos sólo tenéis que pinchar aquí.": "boilerplate.stub.click_here_i18n",
    # a news site's line about itself
    "Read the latest cider news relating to orchards, tastings and new releases.": (
        "boilerplate.ui.site_about"
    ),
    "Valley Pour brings you the latest in cider news.": "boilerplate.ui.site_about",
    # a cookie plugin's banner
    COOKIE_BANNER: "boilerplate.privacy.cookie_law_info",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_sentence_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_sentence_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


# Article sentences with the same words.
KEPT = """\
No profane language was used at the meeting, the chair noted with some relief.
Anonymous comments on the survey were read out by the clerk on Tuesday.
We reserve the hall for the choir every Thursday evening, the vicar said.
Thanks for visiting the museum, the guide told the pupils before they left.
If you're interested in becoming a volunteer, you can click here to apply.
For more than forty years the bakery has opened at five in the morning.
Members of the rowing club helped make the new boathouse possible.
Readers of the newsletter were asked to vote on the name of the new park.
Les commentaires des habitants ont été lus lors du conseil municipal.
Los comentarios del alcalde sobre el presupuesto fueron criticados.
Die Kommentare der Anwohner wurden im Bauausschuss besprochen.
Hazte una idea del tamaño del parque mirando el mapa de la entrada.
Pour nous rendre visite, prenez le bus numéro 4 jusqu'au port.
Per restare in forma, il medico consiglia di camminare ogni giorno.
Read the latest report on the river's water quality before you swim.
The town council brings you the latest figures on recycling every spring.
The cookie stall at the fair sold out before noon on Saturday.
Stop the car before the bridge, the sign on the farm road says.
Stop hejt w szkołach: uczniowie z Dolnej Wsi piszą list do rady gminy
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
