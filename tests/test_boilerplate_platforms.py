"""The stock strings of blog and CMS platforms in many languages (Blogger, WordPress
and its plugins, Hatena, FC2, Tistory, Naver, Drupal, hosted-blog bars), the rules
learned from labelled pages that go with them, and article sentences with the same
words that must stay.

Every page and sentence below is written for these tests (no third-party text); the
chrome lines are the platforms' interface strings around invented names and labels.
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
    # Blogger: broken gadget, label page, navbar, report-abuse and web-version links
    "There was an error in this gadget": "boilerplate.platform.blogger",
    "Es ist ein Fehler in diesem Gadget aufgetreten": "boilerplate.platform.blogger",
    "Wystąpił błąd w tym gadżecie": "boilerplate.platform.blogger",
    "Visualizzazione post con etichetta gite. Mostra tutti i post": "boilerplate.platform.blogger",
    "Mostrar mensagens com a etiqueta feira. Mostrar todas as mensagens": (
        "boilerplate.platform.blogger"
    ),
    "Posts mit dem Label Garten werden angezeigt. Alle Posts anzeigen": (
        "boilerplate.platform.blogger"
    ),
    "Visar inlägg med etikett resor. Visa alla inlägg": "boilerplate.platform.blogger",
    "Zobrazují se příspěvky se štítkem hory. Zobrazit všechny příspěvky": (
        "boilerplate.platform.blogger"
    ),
    "A következő címkéjű bejegyzések mutatása: kert. Összes bejegyzés megjelenítése": (
        "boilerplate.platform.blogger"
    ),
    "More Next Blog» Create Blog Sign In": "boilerplate.platform.blogger",
    "Mehr Nächster Blog» Blog erstellen Anmelden": "boilerplate.platform.blogger",
    "Missbrauch melden": "boilerplate.platform.blogger",
    "Webversie bekijken": "boilerplate.platform.blogger",
    "Nyare inlägg Äldre inlägg Startsida": "boilerplate.platform.blogger_i18n",
    "Etykiety: wycieczki, góry": "boilerplate.platform.blogger_i18n",
    # Hatena, FC2, Tistory, Naver
    "2019-06-01から1日間の記事一覧": "boilerplate.platform.hatena_fc2",
    "2019-06から1ヶ月間の記事一覧": "boilerplate.platform.hatena_fc2",
    "読者になる": "boilerplate.platform.hatena_fc2",
    "管理者にだけ表示を許可する": "boilerplate.platform.hatena_fc2",
    "공감한 사람 보러가기": "boilerplate.platform.korean_blogs",
    "저작자표시 비영리 변경금지": "boilerplate.platform.korean_blogs",
    "'여행' 카테고리의 다른 글": "boilerplate.platform.korean_blogs",
    # Drupal and Joomla blocks
    "Request new password": "boilerplate.platform.drupal_joomla",
    "Neues Passwort anfordern?": "boilerplate.platform.drupal_joomla",
    "Anmeldung mit OpenID": "boilerplate.platform.drupal_joomla",
    "harbourfan's picture": "boilerplate.platform.drupal_joomla",
    "Submitted by harbourfan on Tue, 03/05/2013 - 10:22": "boilerplate.platform.drupal_joomla",
    # log-in boxes
    "Zapamiętaj mnie": "boilerplate.platform.account_box",
    "Beni hatırla": "boilerplate.platform.account_box",
    "Noch kein Konto? Jetzt registrieren": "boilerplate.platform.account_box",
    "Zaloguj się, aby odpowiedzieć": "boilerplate.platform.account_box",
    # WordPress in other languages
    "Dodaj komentarz Anuluj pisanie odpowiedzi": "boilerplate.platform.wp_i18n",
    "Schreib einen Kommentar": "boilerplate.platform.wp_i18n",
    "« Ältere Beiträge": "boilerplate.platform.wp_i18n",
    "Äldre inlägg": "boilerplate.platform.wp_i18n",
    "Jour : 4 avril 2019": "boilerplate.platform.wp_i18n",
    "Miesiąc: kwiecień 2019": "boilerplate.platform.wp_i18n",
    "Archives pour la catégorie Balades": "boilerplate.platform.wp_i18n",
    "Archiwum kategorii: Wycieczki": "boilerplate.platform.wp_i18n",
    "Pokračovat ve čtení „Výlet na hory“": "boilerplate.platform.wp_i18n",
    "2 réponses »": "boilerplate.platform.wp_i18n",
    # rating plugins
    "1 Stern2 Sterne3 Sterne4 Sterne5 Sterne (3 Bewertungen, Durchschnitt: 4,67 von 5)": (
        "boilerplate.platform.ratings"
    ),
    "1 Star2 Stars3 Stars4 Stars5 Stars (No Ratings Yet)": "boilerplate.platform.ratings",
    "(12 votes, average: 4.50 out of 5)": "boilerplate.platform.ratings",
    "Average rating 4.2 / 5. Vote count: 17": "boilerplate.platform.ratings",
    "Średnia ocena 4.2 / 5. Liczba głosów: 17": "boilerplate.platform.ratings",
    "Bisher keine Bewertungen! Sei der Erste, der diesen Beitrag bewertet.": (
        "boilerplate.platform.ratings"
    ),
    # theme labels, counters, comments, shares, pagers, consent, hosted platforms
    "Полная версия сайта": "boilerplate.platform.theme_ui",
    "Senast uppdaterad:": "boilerplate.platform.theme_ui",
    "Besucher: 12.345": "boilerplate.platform.theme_ui",
    "1 Antwort": "boilerplate.platform.comments_i18n",
    "Yorum yok": "boilerplate.platform.comments_i18n",
    "3件のコメント": "boilerplate.platform.comments_i18n",
    "Facebook'ta paylaş": "boilerplate.platform.share_i18n",
    "Sdílet na Facebooku": "boilerplate.platform.share_i18n",
    "Share this:XFacebookLike this:Like Loading...": "boilerplate.platform.share_i18n",
    "Strona 2 z 14": "boilerplate.platform.pager_i18n",
    "Tüm çerezleri kabul et": "boilerplate.platform.cookie_accept_i18n",
    "Newer PostOlder Post": "boilerplate.platform.hosted_misc",
    "Tagged trains, harbour, winter": "boilerplate.platform.hosted_misc",
    "Thanks for reading! Subscribe for free to receive new posts and support my work.": (
        "boilerplate.platform.hosted_misc"
    ),
    # sidebar and form strings of Blogger and WordPress
    "Ältere Posts": "boilerplate.platform.blog_widgets_i18n",
    "Visa hela min profil": "boilerplate.platform.blog_widgets_i18n",
    "Archiwum bloga": "boilerplate.platform.blog_widgets_i18n",
    "Sök efter:": "boilerplate.platform.blog_widgets_i18n",
    "Invia commento": "boilerplate.platform.blog_widgets_i18n",
    "Dengan bangga ditenagai oleh WordPress": "boilerplate.platform.blog_widgets_i18n",
    "Salvar meus dados neste navegador para a próxima vez que eu comentar.": (
        "boilerplate.platform.blog_widgets_i18n"
    ),
    # learned from labelled pages (their sites in learned_from)
    "Select Page": "boilerplate.learned.theme_labels",
    "Skip to main contentSkip to main menu": "boilerplate.learned.theme_labels",
    "Total Page Visits: 1200 - Today Page Visits: 4": "boilerplate.learned.theme_labels",
    "Ana Souza(non-registered)": "boilerplate.learned.hosted_blog_bars",
    "https://lists.example.org/mailman/listinfo/harbour-talk": "boilerplate.learned.mail_archive",
    "Embed Size (px)": "boilerplate.learned.doc_mirror_labels",
    "| | | |": "boilerplate.learned.table_residue",
    "2019-04-05 14.22.31": "boilerplate.learned.photo_names",
    "Foto 5.4.2019 14.22.31 (2)": "boilerplate.learned.photo_names",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_platform_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_platform_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


COMMENT_HEADS = ["Liisa kirjoitti...", "Mikaela sa...", "Anonym sa...", "Kati írta..."]


@pytest.mark.parametrize("head", COMMENT_HEADS)
def test_blogger_comment_heads_in_more_languages_go_and_the_comment_stays(head: str) -> None:
    comment = "Lovely photos of the harbour, we walked there last spring too."
    got = removed(after_body(head, comment, "Reply"))
    assert got.get(head) == "boilerplate.comments.author_line"
    assert comment not in got


def test_edge_words_stay_inside_the_text_and_go_at_its_edges() -> None:
    for word, rule in (
        ("공감", "boilerplate.platform.korean_edges"),
        ("Download the app", "boilerplate.platform.app_edges"),
        ("Tema: Lumen por Estudio Faro", "boilerplate.platform.theme_credit"),
    ):
        assert removed(inside_body(word)) == {}, word
        assert removed(after_body(word)) == {word: rule}


def test_a_japanese_line_without_spaces_meets_a_regex_that_cannot_match_a_space() -> None:
    # counted as several words (two characters a word), yet with no space in it: the
    # bulk screen must not drop the regexes that cannot match a space
    line = "2020-01-01から1日間の記事一覧"
    assert removed("\n".join([line, "", BODY])) == {line: "boilerplate.platform.hatena_fc2"}


# Article sentences and short article lines that use the families' words.
KEPT = """\
There was an error in the gadget's firmware, so the museum replaced it before the show.
The report on abuse of the harbour permits was published by the council on Monday.
She showed all posts of the old fence to the inspector, one by one, in the rain.
Ana's picture of the harbour won the photo prize at the autumn fair this year.
The picture
Remember me to your mother when you see her at the market on Sunday, she said.
Tagged
Tagged along with friends
Older posts on the noticeboard were taken down after the storm last week.
Share this article with your class, the teacher said, and bring your notes on Friday.
He left one reply and two comments under the post, then logged off for the night.
Average rating of the new buses was higher than expected, the survey found.
Die Besucher kamen am Sonntag in großer Zahl, um den neuen Hafen zu sehen.
Strona główna miasta pokazuje nowe godziny otwarcia biblioteki od poniedziałku.
Rok 2019 był dla portu bardzo dobry, a liczba statków wzrosła o jedną piątą.
Year: 2019
Dzień: poniedziałek
Page 2
1 Stern
Download the app, then open it and choose the harbour map from the menu.
We were on page 2 of 14 in the manual when the power went out.
The blog archive of the town was moved to a new server after the flood.
Invia commento was the only Italian phrase on the form, so we guessed the rest.
"""


test_article_sentences_with_the_families_words_are_kept = kept_between_tests(KEPT)


def test_a_sentence_start_is_no_row_of_language_codes() -> None:
    # "No ar" (Portuguese: "on air") reads as the codes of Norwegian and Arabic
    assert removed(after_body("No ar")) == {}
    assert removed(after_body("EN | PT")) == {"EN | PT": "boilerplate.nav.language_switcher"}


def test_a_breadcrumb_carrying_the_author_and_time_is_a_byline_and_stays() -> None:
    trail = "首页 > 新闻 > 本地"
    byline = "首页 > 新闻 > 作者:王小明2019-06-01 10:20:31"
    assert removed(after_body(trail)) == {trail: "boilerplate.nav.breadcrumb_home"}
    assert removed(after_body(byline)) == {}
    assert removed(byline + "\n" + BODY + BODY) == {}
