"""The generic packs of ``rules/boilerplate/wordings.toml``: each kind of chrome written
for the whole kind (the usual wordings of a platform's, theme's or plugin's UI string in
its languages), and article sentences with the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are interface strings around invented names, numbers and places.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import BODY, after_body, kept_between_tests, removed, removed_inside

G = "boilerplate.generic."

FAMILIES = {
    # comment forms and empty comment lists
    "You are commenting using your Tumblr account. Log Out /": G + "comment_form",
    "Your email is never published nor shared. Required fields are marked *": G + "comment_form",
    'You may use these HTML tags and attributes: <a href="" title=""> <b> <em>': (
        G + "comment_form"
    ),
    "2. Pingback: Plum cake with walnuts | The Orchard Kitchen": G + "comment_form",
    "This recipe has no comments yet.": G + "comment_form",
    "LOS COMENTARIOS ESTÁN CERRADOS PARA ESTE ARTÍCULO": G + "comment_form",
    "Saat ini belum ada komentar": G + "comment_form",
    "Silakan tulis komentar Anda": G + "comment_form",
    "Nuk ka komente:": G + "comment_form",
    "(0) comments": G + "comment_form",
    "Garden Diary — No Comments": G + "comment_form",
    "コメントは受付けていません。": G + "comment_form",
    # share bars
    "Deel dit artikel via:": G + "share_prompt",
    "Udostępnij artykuł przez:": G + "share_prompt",
    "Share and Enjoy!": G + "share_prompt",
    "Share on Facebook12Tweet about this on TwitterEmail this to someone": G + "share_prompt",
    "Pin this post for later:": G + "share_prompt",
    # shortcodes, document mirrors, camera names, image markup
    '[et_pb_section fb_built="1"][et_pb_row _builder_version="4.1"]': G + "shortcode_run",
    "Yüklə 0,75 Mb.": G + "doc_mirror_i18n",
    "səhifə2/9": G + "doc_mirror_i18n",
    "Размер3.21 Mb.": G + "doc_mirror_i18n",
    "taille41.50 Kb.": G + "doc_mirror_i18n",
    "Prévia do material em texto": G + "doc_mirror_i18n",
    "IMG_4417 - Version 2": G + "camera_names",
    "DSC_0093 (2)": G + "camera_names",
    "f:id:hanako_t:20200311094512j:plain": G + "image_markup",
    "![Soup bowl [photo] - Kitchen Notes [Blog]](https://example.org/img/soup.jpg)": (
        G + "image_markup"
    ),
    # blog platforms
    "La mia foto": G + "blogger_profile_i18n",
    "Blogs I follow": G + "blogger_profile_i18n",
    "フリーエリア": G + "japanese_blog_sidebar",
    "[PR]上記の広告は3ヶ月以上新規記事投稿のないブログに表示されています。": (
        G + "japanese_blog_sidebar"
    ),
    "« 春の庭 | トップページ | 夏の山 »": G + "japanese_blog_sidebar",
    "Subscrever por e-mail": G + "newsletter_i18n",
    "Pour être informé des derniers articles, inscrivez vous :": G + "newsletter_i18n",
    "Sign up for Riverside Herald newsletters.": G + "newsletter_i18n",
    "Recuerda confirmar tu suscripción, haciendo click en el enlace del correo.": (
        G + "newsletter_i18n"
    ),
    # paywalls, read-more links, news channels
    "Dit artikel is exclusief voor jou als abonnee van Het Dorpsblad te lezen": (
        G + "paywall_i18n"
    ),
    "I contenuti di Gazzetta del Borgo sono a pagamento.": G + "paywall_i18n",
    "Per visualizzare questo articolo scegli tra queste opzioni": G + "paywall_i18n",
    "Leggere il seguito": G + "read_more_i18n",
    "vedere il seguito alla pagina successiva": G + "read_more_i18n",
    "Mohlo by se Vám líbit": G + "read_more_i18n",
    "Przeczytaj koniecznie: Nowy most na rzece gotowy": G + "read_more_i18n",
    "Новости по теме: Городской парк": G + "read_more_i18n",
    "Orjinal Habere Git": G + "read_more_i18n",
    "Follow Kabar Desa untuk mendapatkan informasi terkini. Klik WhatsApp Channel & Google News": (
        G + "news_channel_prompt"
    ),
    # counters, pagers, labels
    "27 Ansichten0 Kommentare": G + "counters_i18n",
    "120 likes | 455 Views": G + "counters_i18n",
    "Views: ( 318 )": G + "counters_i18n",
    "< Anterior | Siguiente > |": G + "pager_i18n",
    "Lebih baru Lebih lama": G + "pager_i18n",
    "<< 1 8 9 10 11 40 >>": G + "pager_i18n",
    "Posted on": G + "post_meta_label",
    "Publicerad:": G + "post_meta_label",
    # default alt texts
    "broken image": G + "alt_text",
    "Default icon": G + "alt_text",
    "kestrel77 Avatar": G + "alt_text",
    "riverpress-logo": G + "alt_text",
    # affiliate notices, ad slots, relayed sources
    "Vedi su Amazon": G + "affiliate_disclosure",
    "Last update on 2024-02-11 / Affiliate links / Images from Amazon Product Advertising API": (
        G + "affiliate_disclosure"
    ),
    "banner 728x90": G + "ad_slot",
    "Google search engine": G + "ad_slot",
    "from Valley Tech Notes | Home https://ift.tt/3xYzAbc": G + "source_url",
    "Source: https://example.org/news/2020/bridge-opens": G + "source_url",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_string_goes_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


@pytest.mark.parametrize("heading", ["Inhaltsverzeichnis", "Table des matières", "Spis treści"])
def test_a_contents_heading_alone_goes(heading: str) -> None:
    first, *rest = BODY.splitlines()
    text = "\n".join([first, heading, *rest]) + "\n"
    assert removed(text) == {heading: "boilerplate.toc.orphan_heading_i18n"}


def test_a_contents_heading_over_its_entries_stays() -> None:
    first, *rest = BODY.splitlines()
    entries = ["1. Die Kosten", "2. Der Zeitplan", "3. Die Bauarbeiten"]
    text = "\n".join([first, "Inhaltsverzeichnis", *entries, *rest]) + "\n"
    assert "boilerplate.toc.orphan_heading_i18n" not in removed(text).values()


# Article sentences and short article lines that use the same words.
KEPT = """\
The post has no comments from the mayor, who was abroad that week.
You may use these tools in the workshop only after the safety course.
Share and enjoy the view from the tower, the guide told the group.
The camera saved the file as a photo with the date in its name.
La mia foto preferita è quella del ponte sotto la neve.
I contenuti della mostra sono stati scelti dagli studenti del liceo.
Posted on the town hall door, the notice listed the new opening hours.
Follow the river path to the mill and cross the old bridge.
The source of the river is a spring high in the hills above the village.
Continua la pioggia sulla costa, e il comune ha chiuso il lungomare.
Views of the valley from the ridge were clear after the storm.
Sign up for the choir at the library before the end of the month.
The thumb of the statue was broken in the storm and later repaired.
Avatar was shown in the park on a big screen last summer.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
