"""Links that give themselves away by their shape, in any language, read off the blind
batches ``bp-label-22`` to ``bp-label-26`` after their blind figures were taken: a
theme's read-more button glued to a teaser, a read-also link in parentheses, a theme's
previous/next link glued to its title, related-news and read-again links, Indonesian
"full story" links, a media player's fallback line; and two forms of follow prompts (a
question before the prompt, "click here to join our WhatsApp channel"), and a Turkish
wording of WordPress's e-mail notice. Then, read off ``bp-label-27`` after its blind
figures: feed and counter residue at a page's edges (IFTTT, StatCounter, Blogger's
emoticon button), Turkish quotes without their change, and the content-protection
alert in more languages.

Every line below is written for these tests (no third-party text).
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import (
    after_body,
    anywhere_tests,
    at_top,
    between,
    inside_body,
    kept_and_gone,
    removed,
)

SHAPES = "boilerplate.stub.link_shapes_i18n"
FOLLOW = "boilerplate.social.follow_channels"
COMMENTS = "boilerplate.platform.blog_widgets_i18n"
MARKETS = "boilerplate.ui.market_data"
PLUGINS = "boilerplate.ui.plugin_strings"
FEEDS = "boilerplate.platform.feed_and_counter_residue"

#: Lines removed wherever they stand, with the rule that removes them.
ANYWHERE = {
    "Read moreDetailsThe council met on Tuesday to discuss the harbour wall": SHAPES,
    "Vedi altroDetails": SHAPES,
    "(Lea también: El concejo aprobó el presupuesto del puerto para el próximo año)": SHAPES,
    "(Baca: Warga Desa Sukamaju Bangun Jembatan Baru, baca juga: Pasar Pagi Dibuka Lagi)": SHAPES,
    "(Leia também: Prefeitura anuncia nova ciclovia na zona norte)": SHAPES,
    "Previous articleRiverton deputies arrest two after harbour break-in": SHAPES,
    "Next articleSchool board approves new bus routes": SHAPES,
    "Related News:  Harbour wall repairs to begin in spring": SHAPES,
    "READ AGAIN: Council votes to keep the library open on Sundays": SHAPES,
    "Berita selengkapnya: Warga Desa Sukamaju Bangun Jembatan Baru": SHAPES,
    "Selanjutnya: Pasar Pagi Dibuka Lagi Setelah Renovasi ...": SHAPES,
    "Votre navigateur ne prend pas en charge la lecture de cette vidéo.": SHAPES,
    "Tú navegador no es compatible para reproducir este audio": SHAPES,
    "Ihr Browser unterstützt dieses Video leider nicht.": SHAPES,
    "Willst du immer informiert sein? Folge uns auf Google News!": FOLLOW,
    "Chcesz być na bieżąco? Obserwuj nas na Google News!": FOLLOW,
    "📲 Clique aqui para fazer parte do canal do Jornal da Vila no WhatsApp.": FOLLOW,
    "E-posta hesabınız sitede yayımlanmayacaktır. Gerekli alanlar ile işaretlenmişdir.": COMMENTS,
    "Dolar 41,2540": MARKETS,
    "BİST 10.729,49": MARKETS,
    "Altın 4.767,52": MARKETS,
    "error: Bericht Beveiligd!": PLUGINS,
    "Erreur : contenu protégé !": PLUGINS,
}

#: Lines removed above or below the text, kept inside it.
AT_EDGES = [
    "via IFTTT",
    "Source: Harbour News https://ift.tt/3xAbCdE",
    "web analytics",
    "EmoticonEmoticon",
    "Explore posts in the same categories: Harbour, Council",
    "Achtung, öffnet in einem neuen Fenster. PDFDruckenE-Mail",
]


test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    ANYWHERE
)


@pytest.mark.parametrize("chrome", AT_EDGES)
def test_feed_and_counter_residue_goes_at_the_edges(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FEEDS}
    assert removed(at_top([chrome])) == {chrome: FEEDS}


@pytest.mark.parametrize("line", AT_EDGES)
def test_feed_and_counter_residue_stays_inside_the_text(line: str) -> None:
    assert line not in removed(inside_body(line))


def test_article_lines_of_the_same_shapes_stay() -> None:
    kept = [
        "The mayor paused... and then read more of the letter aloud to the council.",
        "Read more details about the plea in today's story. Two of the arrests were for guns.",
        # a post's own last paragraph cut by its feed, on a page of nothing else: the
        # text is the post's (a teaser of another story looks the same)
        "The new ferry will link the two harbours from May. It is designed to...Continue reading",
        "Previous articles in this series looked at the harbour's history and its trade.",
        "The next article of the charter (Article 12) sets out how the council is elected.",
        "(See the table below for the full list of road closures.)",
        "Related news reached the village only a week later, by the evening post.",
        "Selanjutnya, warga bergotong royong membersihkan saluran air di desa itu.",
        "Your browser history is stored on the laptop, the technician told the court.",
        "Do you want to know more? The museum opens its archive to visitors on Sunday.",
        "Click here, said the instructor, pointing at the screen of the old terminal.",
        "Euro 2024",
        "Dolar 41 lira",
    ]
    kept_and_gone(between(kept), keep=kept, gone=[])
