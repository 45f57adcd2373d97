"""Strings added after the blind batch ``bp-label-23`` was measured: the stock strings of
local-news hosting platforms (ROAR Online's credit and render stamp, Patch's prompts,
Wix's "Please reload") and article tool buttons and stubs in French, Spanish, Swedish,
Turkish, Czech, Polish and German, with WordPress's Organize Series counter.

Every line below is written for these tests (no third-party text); the platform
strings are the templates' own wording, with a made-up town.
"""

from __future__ import annotations

from tests.boilerplate_helpers import anywhere_tests, between, kept_and_gone

HOSTS = "boilerplate.platform.local_news_hosts"
BUTTONS = "boilerplate.platform.article_buttons_i18n"

#: Lines removed wherever they stand, with the rule that removes them.
ANYWHERE = {
    "Please reload": HOSTS,
    "Powered by ROAR Online Publication Software from Lions Light Corporation": HOSTS,
    "Rendered 03/14/2025 09:27": HOSTS,
    "Get more local news delivered straight to your inbox. Sign up for free Patch newsletters "
    "and alerts.": HOSTS,
    "Find out what's happening in Riverton with free, real-time updates from Patch.": HOSTS,
    "Find out what’s happening in Lake Elmwoodwith free, real-time updates from Patch.": HOSTS,
    "Find out what's happening in Across Riverlandfor free with the latest updates from Patch.": (
        HOSTS
    ),
    "We’ve removed the ability to reply as we work to make improvements. Learn more here": HOSTS,
    "Post is 2 of a series of 7": BUTTONS,
    "Leer la nota completa: Aquí": BUTTONS,
    "Idź do oryginalnego materiału": BUTTONS,
    "Bu haberi yazdır": BUTTONS,
    "Sauvegarder cet article": BUTTONS,
    "Aimer cet article 12": BUTTONS,
    "Podziel się": BUTTONS,
    "Drobečková navigace": BUTTONS,
    "Zobrazit ve formátu PDF.  Zobrazit ve formátu PDF (96.4 kB)": BUTTONS,
    "Cargar comentarios": BUTTONS,
    "Dieser Text wurde zitiert – lesen Sie hier weiter…": BUTTONS,
    "Kommentera": BUTTONS,
    "Czytasz fragment artykułu": BUTTONS,
    "Subskrybuj i czytaj całość": BUTTONS,
    "Masz subskrypcję?": BUTTONS,
}


test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    ANYWHERE
)


def test_article_lines_with_the_same_words_stay() -> None:
    kept = [
        "Please reload the dishwasher before the guests arrive, she wrote.",
        "The report was rendered 03/14/2025 to the county board, two weeks late.",
        "Residents can find out what's happening in Riverton at the library's notice board.",
        "This post is 2 of a series of 7 on the harbour's history.",
        "Podziel się opinią z sąsiadami, apelował burmistrz na zebraniu w szkole.",
        "Kommentera gärna, skrev kommunen, men håll tonen vänlig.",
        "Leer la nota completa de la alcaldesa llevó casi una hora a los concejales.",
    ]
    kept_and_gone(between(kept), keep=kept, gone=[])
