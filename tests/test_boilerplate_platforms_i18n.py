"""The platforms' own interface strings in the languages they ship (WordPress core's
comment form, Jetpack's likes and related posts, Blogger's post footer and sidebar,
the Complianz consent dialog), and article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are the platforms' interface strings around invented names, times and labels.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    BODY,
    after_body,
    inside_body,
    kept_between_tests,
    removed,
    removed_inside,
)

FAMILIES = {
    # WordPress core's comment form: the starred field labels, alone and glued
    "Kommentar *": "boilerplate.platform.wp_form_i18n",
    "Nombre *": "boilerplate.platform.wp_form_i18n",
    "名前 *": "boilerplate.platform.wp_form_i18n",
    "Reactie * Naam * E-mail * Website": "boilerplate.platform.wp_form_i18n",
    "Kommentointi on suljettu.": "boilerplate.platform.wp_form_i18n",
    "Guardar o meu nome, email e site neste navegador para a próxima vez que eu comentar.": (
        "boilerplate.platform.wp_form_i18n"
    ),
    "콘텐츠로 건너뛰기": "boilerplate.platform.wp_theme_i18n",
    "Nezařazené": "boilerplate.platform.wp_theme_i18n",
    # Jetpack
    "Sei der Erste, dem dies gefällt.": "boilerplate.platform.jetpack_i18n",
    "Wees de eerste om dit leuk te vinden.": "boilerplate.platform.jetpack_i18n",
    "Gilla Laddar…": "boilerplate.platform.jetpack_i18n",
    "Dit delen:": "boilerplate.platform.jetpack_i18n",
    "Klicken, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)": (
        "boilerplate.platform.jetpack_i18n"
    ),
    # Blogger: pager halves, share buttons, profile link, theme credit
    "Starszy post": "boilerplate.platform.blogger_post_i18n",
    "Vanhempi viesti": "boilerplate.platform.blogger_post_i18n",
    "Kirimkan Ini lewat EmailBlogThis!Berbagi ke XBerbagi ke FacebookBagikan ke Pinterest": (
        "boilerplate.platform.blogger_post_i18n"
    ),
    "Dit e-mailenDit bloggen!Delen via TwitterDelen op FacebookDelen op Pinterest": (
        "boilerplate.platform.blogger_post_i18n"
    ),
    "Udostępnij w usłudze Facebook": "boilerplate.platform.blogger_post_i18n",
    "Kohteen lähettäminen sähköpostitseBloggaa tästä!Jaa FacebookiinJaa Pinterestiin": (
        "boilerplate.platform.blogger_post_i18n"
    ),
    "Vis hele min profil": "boilerplate.platform.blogger_post_i18n",
    "Tema Sederhana. Diberdayakan oleh Blogger.": "boilerplate.platform.blogger_post_i18n",
    "Motyw Prosty. Obsługiwane przez usługę Blogger.": "boilerplate.platform.blogger_post_i18n",
    "Basit teması. Blogger tarafından desteklenmektedir.": "boilerplate.platform.blogger_post_i18n",
    # Complianz
    "Um dir ein optimales Erlebnis zu bieten, verwenden wir Technologien wie Cookies, "
    "um Geräteinformationen zu speichern und/oder darauf zuzugreifen.": (
        "boilerplate.platform.consent_intro_i18n"
    ),
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_platform_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_platform_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


#: Blogger's post footer in its translations: the author's name and the hour, a byline
#: (K in RULES.md), kept as the English "Posted by Mary at 10:22 AM" is.
POST_FOOTERS = [
    "Posted by Marta at 10:22 AM",
    "Eingestellt von Marta um 10:22 Keine Kommentare:",
    "Publié par Philippe à 12:55 a.m.",
    "Publicado por Tomás en 21:05",
    "Upplagd av Nils kl. 09:41",
    "Opublikowany przez Ola o 18:30",
    "Автор: Ирина на 19:05 Комментариев нет:",
]


@pytest.mark.parametrize("footer", POST_FOOTERS)
def test_the_post_footer_byline_stays_in_every_language(footer: str) -> None:
    assert footer not in removed(after_body(footer))


@pytest.mark.parametrize(
    "word",
    ["Следующее", "Startseite", "Beranda", "검색:", "Immer aktiv", "Voorkeuren opslaan"],
)
def test_one_word_labels_go_only_at_the_edges(word: str) -> None:
    assert removed(inside_body(word)) == {}
    rule = removed(after_body(word)).get(word)
    assert rule in {"boilerplate.platform.edges_i18n", "boilerplate.platform.consent_dialog_i18n"}


def test_a_sidebar_heading_takes_its_gadget_but_not_an_article_after_it() -> None:
    gadget = ["Entradas populares", "Un paseo por el puerto", "La feria de otoño", "Recetas de pan"]
    got = removed(BODY + BODY + "\n".join(gadget) + "\n")
    assert set(gadget) <= set(got)
    assert got["Entradas populares"] == "boilerplate.platform.sidebar_sections_i18n"
    # the same heading followed by prose of the article is kept with it
    prose = (
        "Las entradas populares del mes fueron las del puerto, y volveremos a escribir sobre "
        "ellas en primavera."
    )
    kept = removed(BODY + "Entradas populares\n" + prose + "\n" + BODY)
    assert "Entradas populares" not in kept and prose not in kept


# Article sentences and short article lines that use the same words.
KEPT = """\
Der Kommentar des Bürgermeisters zur neuen Brücke fiel am Dienstag sehr kurz aus.
Nombre y apellidos del ganador se publicarán el lunes en el tablón del ayuntamiento.
Sei der Erste, der die neue Brücke zu Fuß überquert, rief der Bürgermeister lachend.
Wees de eerste om de nieuwe bibliotheek te bezoeken, zei de wethouder op maandag.
Dit delen we graag met alle bewoners van de wijk, schreef het bestuur in de brief.
Starszy post strażacki w gminie ma już ponad sto lat i wymaga remontu dachu.
Eingestellt von der Stadt wurde der Busverkehr um 22:00 Uhr wegen des Sturms.
Publicado por el ayuntamiento en 2021, el plan preveía tres parques nuevos.
Upplagd av kommunen kl. 9 varje morgon finns en lista över lediga platser.
Vis hele min profil af byen, sagde borgmesteren og pegede på kortet.
Tema Sederhana dipilih oleh panitia untuk pameran seni tahun ini di balai kota.
Um dir ein optimales Erlebnis zu bieten, öffnet das Museum am Sonntag schon um neun.
Kommentointi jatkuu huomenna, kun valtuusto kokoontuu uudelleen.
Klicken, um auf die Karte zu gelangen, reichte den Besuchern ein einziger Finger.
Автор: Ирина Петрова, фото сделаны в порту весной прошлого года.
Nezařazené dopisy ležely na stole až do pondělí, kdy je úřednice roztřídila.
Entradas populares para el concierto se agotaron en apenas dos horas.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
