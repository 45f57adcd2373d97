"""More platform and widget strings of the phrase packs (comment moderation and
sign-in prompts, comment counters, widget headings, plugin strings, subscription and
cookie-plugin texts, hosted-platform furniture, WordPress's archive titles), each in
the languages its platform ships, and article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are platform interface strings around invented names, numbers and labels.
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
    # comment moderation notices and disclaimers
    "Your comment is awaiting moderation.": "boilerplate.comments.moderation_i18n",
    "Il tuo commento è in attesa di moderazione.": "boilerplate.comments.moderation_i18n",
    "Comment moderation has been enabled. All comments must be approved by the blog author.": (
        "boilerplate.comments.moderation_i18n"
    ),
    "La modération des commentaires est activée. Tous les commentaires doivent être "
    "approuvés par l'auteur du blog.": "boilerplate.comments.moderation_i18n",
    "Please note, comments must be approved before they are published": (
        "boilerplate.comments.moderation_i18n"
    ),
    "Bitte beachte, dass Kommentare vor der Veröffentlichung freigegeben werden müssen.": (
        "boilerplate.comments.moderation_i18n"
    ),
    "Comments are posted from viewers like you and do not always reflect the views of this "
    "station.": "boilerplate.comments.disclaimers_i18n",
    "Este sitio no se hace responsable de las opiniones vertidas por los usuarios en los "
    "comentarios.": "boilerplate.comments.disclaimers_i18n",
    "Komentar yang tampil menjadi tanggung jawab pengirim, bukan redaksi.": (
        "boilerplate.comments.disclaimers_i18n"
    ),
    "Kalan Karakter: 500": "boilerplate.comments.moderation_i18n",
    "Комментировать могут только авторизованные пользователи.": (
        "boilerplate.comments.moderation_i18n"
    ),
    # sign in to comment
    "Sign in or create an account to comment.": "boilerplate.comments.login_i18n",
    "You must log in to post a comment.": "boilerplate.comments.login_i18n",
    "Connectez-vous ou inscrivez-vous pour publier un commentaire.": (
        "boilerplate.comments.login_i18n"
    ),
    "Zaloguj się, aby dodać komentarz.": "boilerplate.comments.login_i18n",
    # a blogger's stock invitation above the form
    "Thanks so much for your comments! I read every one and reply when I can.": (
        "boilerplate.comments.author_invites"
    ),
    "Please leave a comment - it makes my day!": "boilerplate.comments.author_invites",
    "I would love to hear what you think! Leave a note below.": (
        "boilerplate.comments.author_invites"
    ),
    # counters and empty threads
    "Reader Comments(3)": "boilerplate.comments.count_labels",
    "Comments Posted (2)": "boilerplate.comments.count_labels",
    "| | Comments (4)": "boilerplate.comments.count_labels",
    "No comments posted.": "boilerplate.comments.count_labels",
    "Nieuwe reactie toevoegen": "boilerplate.comments.count_labels",
    # widget headings
    "Commentaires récents": "boilerplate.nav.widget_headings_i18n",
    "Popularne posty z tego bloga": "boilerplate.nav.widget_headings_i18n",
    "Похожие темы": "boilerplate.nav.widget_headings_i18n",
    "最近のトラックバック": "boilerplate.nav.widget_headings_i18n",
    "Zum Inhalt springen Zur Navigation springen": "boilerplate.nav.skip_links_glued",
    # plugin and widget strings
    "Exact matches only": "boilerplate.ui.plugin_strings",
    "Please follow and like us:": "boilerplate.ui.plugin_strings",
    "Getting your Trinity Audio player ready...": "boilerplate.ui.plugin_strings",
    "error: Content is protected !!": "boilerplate.ui.plugin_strings",
    "1,204 total views, 3 views today": "boilerplate.ui.plugin_strings",
    "Total Votes: 38": "boilerplate.ui.plugin_strings",
    "Link copied to clipboard": "boilerplate.ui.plugin_strings",
    "Diese Galerie enthält 12 Fotos.": "boilerplate.ui.plugin_strings",
    "Sent from my iPhone using Tapatalk": "boilerplate.ui.plugin_strings",
    "Inviato dal mio smartphone": "boilerplate.ui.plugin_strings",
    "Responsive Advertisement": "boilerplate.ui.plugin_strings",
    "[PR]": "boilerplate.ui.plugin_strings",
    "Senast ändrad:": "boilerplate.ui.page_modified_i18n",
    "Side sidst opdateret:": "boilerplate.ui.page_modified_i18n",
    # more links
    "(suite…)": "boilerplate.stub.more_link_i18n",
    "(mehr …)": "boilerplate.stub.more_link_i18n",
    "Klik untuk baca selanjutnya...": "boilerplate.stub.more_link_i18n",
    # subscription prompts, form states, cookie plugins
    "Don't miss new recipes! Subscribe below to get them by email.": (
        "boilerplate.cta.blog_subscribe_i18n"
    ),
    "Your subscription has been successful.": "boilerplate.cta.blog_subscribe_i18n",
    "Deine Anmeldung war erfolgreich.": "boilerplate.cta.blog_subscribe_i18n",
    "Design a site like this with WordPress.com": "boilerplate.cta.blog_subscribe_i18n",
    "Si ya eres suscriptor, inicia sesión": "boilerplate.cta.blog_subscribe_i18n",
    "Privacy Overview": "boilerplate.privacy.cookie_plugins",
    "Necessary cookies are absolutely essential for the website to function properly.": (
        "boilerplate.privacy.cookie_plugins"
    ),
    # hosted platforms
    "Jump to: navigation, search": "boilerplate.platform.hosted_more",
    "Télécharger pour lire hors ligne": "boilerplate.platform.hosted_more",
    "Browse latest Browse all 12": "boilerplate.platform.hosted_more",
    "Subpages (2): Calendar Contact": "boilerplate.platform.hosted_more",
    "カテゴリ:旅行( 12 )": "boilerplate.platform.hosted_more",
    "Question Title": "boilerplate.platform.hosted_more",
    # CMS labels in more languages
    "Printable View": "boilerplate.platform.cms_labels_i18n",
    "Übergeordnete Kategorie: Vereine": "boilerplate.platform.cms_labels_i18n",
    "Comparte este artículo": "boilerplate.platform.cms_labels_i18n",
    "Вам также может понравиться": "boilerplate.platform.cms_labels_i18n",
    "• Enter your email address to subscribe to this blog and receive notifications of new "
    "posts by email.": "boilerplate.platform.cms_labels_i18n",
    "Continuar lendo →": "boilerplate.platform.cms_labels_i18n",
    # WordPress's archive titles
    "Schlagwort: Hochwasser": "boilerplate.platform.archive_titles_i18n",
    "Catégorie : Cuisine": "boilerplate.platform.archive_titles_i18n",
    "Tag: garden tools": "boilerplate.platform.archive_titles_i18n",
    # translations of strings the packs held in English
    "Tous droits réservés.": "boilerplate.footer.rights_reserved_i18n",
    "Wszelkie prawa zastrzeżone.": "boilerplate.footer.rights_reserved_i18n",
    "Rispondi Annulla risposta": "boilerplate.comments.form_more_i18n",
    "Zdjęcie 3 z 14": "boilerplate.stub.gallery_counter_i18n",
    "写真 2/9": "boilerplate.stub.gallery_counter_i18n",
    # comment-thread states and disclaimers
    "Votre commentaire sera publié après modération.": "boilerplate.comments.pending_i18n",
    "Ваш комментарий будет опубликован после проверки модератором.": (
        "boilerplate.comments.pending_i18n"
    ),
    "Les commentaires sont sous la responsabilité de leurs auteurs.": (
        "boilerplate.comments.pending_i18n"
    ),
    "Die Kommentare geben nicht die Meinung der Redaktion wieder.": (
        "boilerplate.comments.pending_i18n"
    ),
    "Bitte aktiviere JavaScript, um die Kommentare von Disqus anzuzeigen.": (
        "boilerplate.comments.pending_i18n"
    ),
    "Kommentare werden geladen...": "boilerplate.comments.pending_i18n",
    "Pokaż komentarze": "boilerplate.comments.pending_i18n",
    "Haberin devamı için tıklayın": "boilerplate.stub.full_article_i18n",
    "Baca artikel selengkapnya »": "boilerplate.stub.full_article_i18n",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


@pytest.mark.parametrize(
    "word", ["Jetzt abonnieren", "Подписаться", "Zur Startseite", "トップへ戻る"]
)
def test_subscribe_and_home_buttons_go_only_at_the_edges(word: str) -> None:
    assert removed(inside_body(word)) == {}
    assert removed(after_body(word)).get(word) == "boilerplate.cta.subscribe_edges_i18n"


# Article sentences and short article lines that use the same words.
KEPT = """\
Your comment about the bridge was read aloud at the council meeting on Monday.
Comment moderation on the city forum was handed to two volunteers last year.
Members who log in to comment on the plan must use their library card number.
Thanks for your comments, the mayor said, before she closed the meeting.
I love reading the comments my grandmother wrote in the margins of her cookbooks.
I would love to hear the choir again next spring, said the retired teacher.
Your comments mean a lot to the planning office, the letter to residents said.
Sent from my office in the town hall, the letter reached every household by Friday.
Posted from my grandmother's village, the postcard took three weeks to arrive.
Total votes in the district rose by a fifth compared with the last election.
Link copied from the old map helped the volunteers find the path again.
This gallery contains works by local painters and is open every weekday.
Don't miss the market on Saturday, when the farmers bring the first apples.
Privacy overview sessions for staff start in March, the council said.
Jump to the second chapter if you already know how the pump works.
Question title and answer must fit on one card, the quiz master said.
Printable view of the new bus map is available at the library desk.
Tag: Montag
Tag: ein langer Weg zum Ziel.
Kategorie: Jugend und Sport: die Anmeldung läuft bis Mai.
Alle Rechte vorbehalten hatte sich der Verein, als er das Gelände 1990 verpachtete.
Zdjęcie z 1912 roku pokazuje rynek przed pożarem.
Подписаться на газету можно на почте до конца месяца.
Die Kommentare der Leser zum Haushalt wurden im Rat vorgelesen.
JavaScript und Disqus kamen im Kurs für die Volkshochschule beide nur am Rand vor.
Votre commentaire sur le projet de parc sera lu par le maire en personne.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
