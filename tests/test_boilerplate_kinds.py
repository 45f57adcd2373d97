"""Comment, call-to-action, author-box and teaser families in more languages: forum
software's thread furniture, comment threads, share rows and follow-the-channel
prompts, newsletter, paywall and cookie prompts, help-centre feedback prompts; the
teaser rule on listing pages and a repeated "Read More".

Every page and sentence below is written for these tests (no third-party text).
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
    removed_opt_in,
)

FAMILIES = {
    # forum software (phpBB, vBulletin, Invision, XenForo, SMF, Forumactif)
    "It is currently Mon Mar 18, 2024 9:16 pm": "boilerplate.forum.thread",
    "All times are UTC - 8 hours [ DST ]": "boilerplate.forum.thread",
    "Le fuseau horaire est UTC+1 heure": "boilerplate.forum.thread",
    "Post new topic Reply to topic [ 12 posts ] Go to page 1, 2 Next": ("boilerplate.forum.thread"),
    "Joined: Sat Apr 13, 2002 5:00 pm": "boilerplate.forum.profile",
    "Registriert: 12. Jan 2018, 19:08": "boilerplate.forum.profile",
    "Inscription : Mar Avr 05, 2011 10:00 pm": "boilerplate.forum.profile",
    "Beigetreten: 30.05.2007": "boilerplate.forum.profile",
    "Posts: 3342": "boilerplate.forum.profile",
    "Beiträge: 154": "boilerplate.forum.profile",
    "Message(s) : 3442": "boilerplate.forum.profile",
    "Mitglieds-Nr.: 32298": "boilerplate.forum.profile",
    "Gruppe: Members": "boilerplate.forum.profile",
    "Results 1 to 2 of 2": "boilerplate.forum.thread",
    "Résultats 1 à 2 sur 2": "boilerplate.forum.thread",
    "Beitrag #1": "boilerplate.forum.thread",
    "Willkommen, Gast ( Anmelden | Registrierung )": "boilerplate.forum.thread",
    "Reaction score": "boilerplate.forum.profile",
    "Benutzeravatar": "boilerplate.forum.profile",
    "Auteur Message": "boilerplate.forum.profile",
    "6 participants": "boilerplate.forum.thread",
    "Pages: [1] 2 3": "boilerplate.forum.thread",
    "Vous souhaitez réagir à ce message ? Créez un compte en quelques clics.": (
        "boilerplate.forum.thread"
    ),
    "Users browsing this forum: No registered users and 2 guests": ("boilerplate.forum.thread"),
    "You cannot post new topics in this forum": "boilerplate.forum.thread",
    "BB code is On": "boilerplate.forum.thread",
    "12 posts • Page 1 of 2": "boilerplate.forum.thread",
    "0 Members and 1 Guest are viewing this topic.": "boilerplate.forum.thread",
    # comment threads
    "Discussion about this post": "boilerplate.comments.threads",
    "Expand full comment": "boilerplate.comments.threads",
    "12 more comments...": "boilerplate.comments.threads",
    "8 Answers 8": "boilerplate.comments.threads",
    "up vote 12 down vote accepted": "boilerplate.comments.threads",
    "reader42 @ 2011-05-02 10:12:40": "boilerplate.comments.threads",
    "Be the first to comment on “The library vote”": "boilerplate.comments.threads",
    "Read and leave comments (3)": "boilerplate.comments.threads",
    # comment headings and forms in more languages
    "Opiniones y comentarios": "boilerplate.comments.headings",
    "💬Ver comentarios": "boilerplate.comments.headings",
    "comentarii": "boilerplate.comments.headings",
    "Athugasemdir": "boilerplate.comments.headings",
    "Deixe o seu comentário!": "boilerplate.comments.headings",
    "Napsat komentář": "boilerplate.comments.headings",
    "Zrušit odpověď": "boilerplate.comments.form_i18n",
    "Válasz megszakítása": "boilerplate.comments.form_i18n",
    "Tilaa: Lähetä kommentteja (Atom)": "boilerplate.comments.form_i18n",
    "Sähköpostiosoitettasi ei julkaista. Pakolliset kentät on merkitty *": (
        "boilerplate.comments.form_i18n"
    ),
    "Ta witryna wykorzystuje Akismet, aby ograniczyć spam.": "boilerplate.comments.form_i18n",
    # share rows and counters
    "Share on FacebookShare on Twitter": "boilerplate.social.share_rows",
    "Please share...Share on FacebookTweet about this on Twitter": "boilerplate.social.share_rows",
    "E-mail Compartir": "boilerplate.social.share_rows",
    "Megosztás": "boilerplate.social.share_rows",
    "Κοινοποιήσεις": "boilerplate.social.share_rows",
    "Shares:": "boilerplate.social.share_rows",
    "Click below to share the blog on social media…": "boilerplate.social.share_rows",
    "Teilen mit:": "boilerplate.social.jetpack",
    "Gefällt mir Wird geladen …": "boilerplate.social.jetpack",
    "Liked by 3 people": "boilerplate.social.jetpack",
    # follow the site on a channel
    "Follow the Ledger on Google News": "boilerplate.social.follow_channels",
    "dan follow Channel WhatsApp Harian Kota": "boilerplate.social.follow_channels",
    "Ακολουθήστε το Ledger στο Google News": "boilerplate.social.follow_channels",
    "Siga o Ledger no Google News e receba as notícias primeiro": (
        "boilerplate.social.follow_channels"
    ),
    "Let’s Connect!": "boilerplate.social.follow_channels",
    # newsletters, paywalls, cookies, feedback, republishing
    "Sign up to get the latest updates": "boilerplate.cta.newsletter_i18n",
    "Every print subscription comes with full digital access": "boilerplate.cta.newsletter_i18n",
    "Keep up with everything happening at the council, from roadworks to the summer fair and "
    "the budget. Sign up to our monthly newsletter now. It is free.": (
        "boilerplate.cta.newsletter_i18n"
    ),
    "Abone Ol": "boilerplate.cta.newsletter_i18n",
    "Continue with Google": "boilerplate.cta.newsletter_i18n",
    "Tilmeld dig vores nyhedsbrev og få ugens nyheder.": "boilerplate.cta.newsletter_i18n",
    "This PDF is available to Subscribers Only": "boilerplate.cta.paywall_i18n",
    "Det kræver abonnement at læse denne artikel.": "boilerplate.cta.paywall_i18n",
    "Tämä sisältö on vain tilaajillemme.": "boilerplate.cta.paywall_i18n",
    "En poursuivant votre navigation, vous acceptez le dépôt de cookies.": (
        "boilerplate.privacy.cookie_i18n"
    ),
    "AcceptDecline": "boilerplate.privacy.cookie_i18n",
    "Tämä sivusto käyttää evästeitä parantaakseen käyttökokemusta.": (
        "boilerplate.privacy.cookie_more_languages"
    ),
    "Tento web používá cookies k poskytování služeb a analýze návštěvnosti.": (
        "boilerplate.privacy.cookie_more_languages"
    ),
    "Stack Ledger is a question and answer site for librarians. Join them; it only takes a "
    "minute:": "boilerplate.comments.threads",
    "By providing your information, you agree to our Terms of Use and our Privacy Policy.": (
        "boilerplate.privacy.notice"
    ),
    "Something missing? Found an error? Let us know.": "boilerplate.cta.news_tip",
    "Did this answer your question?": "boilerplate.cta.feedback",
    "3 out of 5 found this helpful": "boilerplate.cta.feedback",
    "You are welcome to republish this Ledger article under a Creative Commons licence.": (
        "boilerplate.cta.republish"
    ),
    "You’ve successfully subscribed to The Ledger": "boilerplate.cta.platform_members",
    "12 Likes ∙ 3 Restacks": "boilerplate.cta.platform_members",
    "∙ Paid": "boilerplate.cta.platform_members",
    "14 kommenttia": "boilerplate.comments.headings",
    "There are no reviews yet.": "boilerplate.comments.reviews",
    "Reviews (0)": "boilerplate.comments.reviews",
    "Sei der Erste, der „Stadtplan 2024“ bewertet": "boilerplate.comments.reviews",
    "Erhalten Sie unseren Newsletter mit den wichtigsten Nachrichten.": (
        "boilerplate.cta.newsletter_i18n"
    ),
    # author box
    "View all posts by Ana Souza": "boilerplate.byline.author_box",
    "Alle Beiträge von Ana Souza anzeigen": "boilerplate.byline.author_box",
    "Avatar de l'auteur": "boilerplate.byline.author_box",
    "No momento, você está visualizando A votação da biblioteca": ("boilerplate.byline.author_box"),
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_family_removes_its_line_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_family_removes_its_line_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


#: Stock strings of CMS, blog, forum and newsletter templates in their translations,
#: each with the rule that owns its kind (every line written for the tests).
TEMPLATES = {
    "Quick links": "boilerplate.forum.thread",
    "Link to post": "boilerplate.forum.thread",
    "Share on other sites": "boilerplate.forum.thread",
    "Create an account or sign in to comment": "boilerplate.forum.thread",
    "Go to topic listing": "boilerplate.forum.thread",
    "Recently Browsing 0 members": "boilerplate.forum.thread",
    "Zum Erweitern klicken...": "boilerplate.forum.thread",
    "Cliquez pour agrandir...": "boilerplate.forum.thread",
    "Du musst dich einloggen oder registrieren, um hier zu antworten.": "boilerplate.forum.thread",
    "Pages: [1] 2 Go Down": "boilerplate.forum.thread",
    "Quote: Originally Posted by harbourfan": "boilerplate.forum.thread",
    "The Following User Says Thank You to harbourfan For This Useful Post:": (
        "boilerplate.forum.thread"
    ),
    "Find all posts by harbourfan": "boilerplate.forum.thread",
    "This topic was automatically closed 14 days after the last reply.": (
        "boilerplate.forum.thread"
    ),
    "Solved by harbourfan in post #6": "boilerplate.forum.thread",
    "Powered by phpBB® Forum Software © phpBB Limited": "boilerplate.forum.thread",
    "Powered by vBulletin® Version 4.2.5": "boilerplate.forum.thread",
    "Community platform by XenForo® © 2010-2024 XenForo Ltd.": "boilerplate.forum.thread",
    "Thread starter harbourfan": "boilerplate.forum.thread",
    "Hits: 4120": "boilerplate.stub.counter",
    "Affichages : 311": "boilerplate.stub.counter",
    "Odsłony: 982": "boilerplate.stub.counter",
    "조회수 1520": "boilerplate.stub.counter",
    "閲覧数 77": "boilerplate.stub.counter",
    "12 visualizzazioni": "boilerplate.stub.counter",
    "Powered by Joomla!": "boilerplate.footer.credits",
    "Published with Ghost": "boilerplate.footer.credits",
    "Obsługiwane przez usługę Blogger.": "boilerplate.footer.credits",
    "©2024 by Harbour Bakery. Proudly created with Wix.com": "boilerplate.footer.credits",
    "Close and accept": "boilerplate.privacy.cookie_notice",
    "Privacy & Cookies: This site uses cookies. By continuing, you agree.": (
        "boilerplate.privacy.cookie_notice"
    ),
    "To find out more, including how to control cookies, see here: Cookie Policy": (
        "boilerplate.privacy.cookie_notice"
    ),
    "Datenschutz & Cookies: Diese Website verwendet Cookies.": "boilerplate.privacy.cookie_notice",
    "Diese Website verwendet Cookies.": "boilerplate.privacy.cookie_notice",
    "Bu web sitesi çerezleri kullanmaktadır.": "boilerplate.privacy.cookie_notice",
    "Follow Following": "boilerplate.social.jetpack",
    "Report this content": "boilerplate.social.jetpack",
    "Poprzedni wpis": "boilerplate.comments.blog_nav",
    "Следующая запись": "boilerplate.comments.blog_nav",
    "前の記事": "boilerplate.comments.blog_nav",
    "メールアドレスが公開されることはありません。 ※ が付いている欄は必須項目です": (
        "boilerplate.comments.form_i18n"
    ),
    "Abonnieren Kommentare zum Post (Atom)": "boilerplate.comments.form_i18n",
    "Commenting has been turned off.": "boilerplate.comments.closed",
    "Be the first to write a comment.": "boilerplate.comments.be_first",
    "Writer's picture": "boilerplate.ui.image_alt",
    "Thanks for submitting!": "boilerplate.cta.form_states",
    "Oops! Something went wrong while submitting the form.": "boilerplate.cta.form_states",
    "Upgrade to paid": "boilerplate.cta.platform_members",
    "Responses (4)": "boilerplate.cta.platform_members",
    "ADVERTISEMENT - CONTINUE READING BELOW": "boilerplate.ads.advertisement",
    "bottom of page": "boilerplate.nav.back_to_top",
    "Diesen Artikel teilen": "boilerplate.social.share_rows",
    "あわせて読みたい": "boilerplate.nav.widget_headings",
    "Mest läst": "boilerplate.nav.widget_headings",
    "Text Only Version": "boilerplate.nav.skip_to_content",
    "Section titled How the council votes": "boilerplate.stub.page_residue",
    "+8 photos": "boilerplate.stub.counter",
    "View gallery (8 photos)": "boilerplate.stub.counter",
    "Weitere 8 Bilder": "boilerplate.stub.counter",
    "Ver galería (8 fotos)": "boilerplate.stub.counter",
    "ニュースレター登録": "boilerplate.cta.newsletter_i18n",
    "Napište komentář": "boilerplate.comments.form_i18n",
    "Číst dál": "boilerplate.stub.read_more_i18n",
    "Mainos": "boilerplate.ads.advertisement",
    "Der Artikel wird unterhalb der Anzeige fortgesetzt": "boilerplate.ads.advertisement",
    "Sponsored Links by Taboola": "boilerplate.ads.advertisement",
    "Impostazioni cookie": "boilerplate.privacy.notice",
    "Artikel afdrukken": "boilerplate.ui.print_buttons",
    "文字サイズ": "boilerplate.ui.a11y_toolbar",
    "Ascolta questo articolo": "boilerplate.ui.player",
    "Clicca per ingrandire": "boilerplate.ui.image_labels",
    "この記事は約5分で読めます": "boilerplate.ui.reading_time",
    "阅读时间：5分钟": "boilerplate.ui.reading_time",
    "blog comments powered by Disqus": "boilerplate.comments.identity",
    "3 Comments Sort by Oldest": "boilerplate.comments.identity",
    "(opens in new tab)": "boilerplate.ui.notices",
    "Sign in to follow this": "boilerplate.forum.thread",
    "Reaktionen: harbourfan, Ana und 3 weitere": "boilerplate.forum.thread",
    "Old 03-04-2004, 03:06 AM": "boilerplate.forum.thread",
    "Send a message via ICQ to harbourfan": "boilerplate.forum.thread",
    "More information about the Harbour mailing list": "boilerplate.forum.thread",
    "Joined: 12 years ago": "boilerplate.forum.profile",
    "Просмотров всего: 812; сегодня: 3.": "boilerplate.stub.counter",
    "34 citiri": "boilerplate.stub.counter",
    "| ada 0 komentar": "boilerplate.stub.counter",
    "Enviar um comentário": "boilerplate.comments.form_i18n",
    "Vous devez être connecté pour poster un commentaire.": "boilerplate.comments.form_i18n",
    "Web page addresses and email addresses turn into links automatically.": (
        "boilerplate.comments.form_i18n"
    ),
    "Allowed HTML tags: <a> <em> <strong> <cite>": "boilerplate.comments.form_i18n",
    "Please note: comments must be approved before they are published.": (
        "boilerplate.comments.form_i18n"
    ),
    "Xでポスト": "boilerplate.social.share_rows",
    "Share & Bookmark, Press Enter to show all options, press Tab go to next option": (
        "boilerplate.social.share_rows"
    ),
    "大きな文字で印刷": "boilerplate.ui.print_buttons",
    "文字を大きくする": "boilerplate.ui.a11y_toolbar",
    "Set your text size: A A A": "boilerplate.ui.a11y_toolbar",
    "Pasar al contenido principal": "boilerplate.nav.skip_to_content",
    "Przejdź do treści Przejdź do menu Przejdź do wyszukiwarki": "boilerplate.nav.skip_to_content",
    "Subscribe to this blog’s feed": "boilerplate.footer.credits",
    "Editer l'article Suivre ce blog Administration + Créer mon blog": "boilerplate.footer.credits",
    "Up ↑": "boilerplate.nav.back_to_top",
    "Loading from Vimeo": "boilerplate.ui.player",
    "Show Notes Transcript Chapter Markers": "boilerplate.ui.player",
    "Download as PDF, TXT or read online on Scribd": "boilerplate.docs.viewer",
    "0% found this document useful (0 votes)": "boilerplate.docs.viewer",
    'Presentation on theme: "Harbour budget 2024"— Presentation transcript:': (
        "boilerplate.docs.viewer"
    ),
    "/image%2F1234%2F20240101%2Fob_12ab34_harbour.jpg)": "boilerplate.stub.page_residue",
    "The printable version is no longer supported and may have rendering errors.": (
        "boilerplate.ui.notices"
    ),
    "If you purchase a product or register for an account through the links on our site": (
        "boilerplate.ui.affiliate_notice"
    ),
    "We test the kettles we review. When you buy through our links we may earn a commission.": (
        "boilerplate.ui.affiliate_notice"
    ),
    "By allowing ads to appear on this site, you support local businesses and journalism.": (
        "boilerplate.ui.affiliate_notice"
    ),
    "Ezek érdekelhetnek még": "boilerplate.nav.widget_headings",
    "Mais em Notícias:": "boilerplate.nav.widget_headings",
    "Continua la lettura della notizia": "boilerplate.stub.read_more_i18n",
    "To read the entire article, please click on": "boilerplate.stub.read_more_i18n",
    "Continued on next page": "boilerplate.stub.read_more_i18n",
    "Archiv für Kategorie Stadtrat": "boilerplate.nav.archive_label",
    "A collection of 12 posts": "boilerplate.nav.archive_label",
    "Mostrando postagens com marcador Câmara. Mostrar todas as postagens": (
        "boilerplate.nav.archive_label"
    ),
    "Garden notes · Uncategorized": "boilerplate.footer.tags_i18n",
    "Billing info update failed.": "boilerplate.cta.platform_members",
    "Not a member? Register now.": "boilerplate.cta.platform_members",
    "1 Reply": "boilerplate.comments.counts",
    "Ten serwis używa plików cookies, aby ułatwić korzystanie z serwisu.": (
        "boilerplate.privacy.cookie_notice"
    ),
    "9 minutes reading time (1721 words)": "boilerplate.ui.reading_time",
    # search boxes of Korean news templates, a blog's custom-search box
    "최근검색어": "boilerplate.ui.search_i18n",
    "검색어 저장 기능이 꺼져 있습니다.": "boilerplate.ui.search_i18n",
    "Search the Harbour Blog with Google Custom Search": "boilerplate.ui.search_i18n",
    # ticker widgets with a named quote and its change
    "DOLAR 41,2210 0.05%": "boilerplate.ui.market_data",
    "GRAM ALTIN 3.114,20 -0,42%": "boilerplate.ui.market_data",
    "Brent 81.20 ▼ 0.4%": "boilerplate.ui.market_data",
    "Change background colour": "boilerplate.ui.a11y_toolbar",
    "Current track": "boilerplate.ui.player",
    "Clicca sulla foto per ingrandirla": "boilerplate.ui.image_labels",
    "Click on the photo to enlarge": "boilerplate.ui.image_labels",
    # a sidebar calendar
    "Mo Tu We Th Fr Sa Su": "boilerplate.nav.calendar",
    "Пн Вт Ср Чт Пт Сб Вс": "boilerplate.nav.calendar",
    "spot_img": "boilerplate.stub.template_token",
    "반응형": "boilerplate.stub.template_token",
    "<image>data:image/png;base64,AAAA</image>": "boilerplate.stub.page_residue",
    "![]() |": "boilerplate.stub.page_residue",
    "Citește tot articolul": "boilerplate.stub.read_more_i18n",
    "Baca Lainnya": "boilerplate.stub.read_more_i18n",
    "Harbour walks Read More »": "boilerplate.stub.read_more_i18n",
    "Via www.harbourledger.example.org": "boilerplate.stub.source_link",
    "Full story: Harbour Radio": "boilerplate.stub.source_link",
    # Blogger's comment counts and comment forms in their translations
    "Um comentário:": "boilerplate.comments.counts",
    "Un commento:": "boilerplate.comments.counts",
    "Écrire un commentaire": "boilerplate.comments.form_i18n",
    "Image CAPTCHA": "boilerplate.comments.form_i18n",
    "What code is in the image?": "boilerplate.comments.form_i18n",
    "Suscribirse a:": "boilerplate.comments.form_i18n",
    "Please refrain from adding links to shops in your comment.": "boilerplate.comments.form_i18n",
    "Pin It on Pinterest": "boilerplate.social.share_rows",
    "Copy link to clipboard": "boilerplate.social.share_rows",
    "Haz clic aquí para copiar el enlace": "boilerplate.social.share_rows",
    "BEĞENDİM": "boilerplate.social.share_rows",
    "Descarcă aplicația": "boilerplate.cta.app",
    "Baixe o nosso app": "boilerplate.cta.app",
    "2 of 3 people found this review helpful": "boilerplate.cta.feedback",
    "Reviews sorted by newest": "boilerplate.ui.sort_filter",
    'Press "Enter" to skip to content': "boilerplate.nav.skip_to_content",
    "Przejdź do głównej treściPrzejdź do stopki": "boilerplate.nav.skip_to_content",
    "Geschätzte Lesedauer: 6 Minuten": "boilerplate.ui.reading_time",
    "min czytania": "boilerplate.ui.reading_time",
    "Wpisy z tagiem: ogród": "boilerplate.nav.archive_label",
    "Archief | maart, 2023": "boilerplate.nav.archive_label",
    # blog platforms' own furniture (FC2, Hatena, LinkWithin)
    "スポンサーサイト": "boilerplate.footer.credits",
    "j次のブックマーク": "boilerplate.footer.credits",
    "--年--月--日 (--) --:-- | 編集": "boilerplate.footer.credits",
    "Related Posts Plugin for WordPress, Blogger...": "boilerplate.footer.credits",
    "Avatar użytkownika harbourfan": "boilerplate.forum.profile",
    "En este momento estás viendo La votación de la biblioteca": "boilerplate.byline.author_box",
    "Related Courses": "boilerplate.nav.widget_headings",
    "Recomandate": "boilerplate.nav.widget_headings",
    "Архив новостей": "boilerplate.nav.widget_headings",
    "Наши партнёры": "boilerplate.nav.widget_headings",
    "5 horas ago": "boilerplate.comments.form",
    "3 giorni ago": "boilerplate.comments.form",
    "Anonymous March 3, 2010 at 9:12 PM": "boilerplate.comments.author_line",
    "You might also like: Ten Walks Along The Harbour": "boilerplate.stub.read_also",
    "Оцените статью": "boilerplate.ui.rating_widget",
    "İMSAK'A KALAN SÜRE": "boilerplate.ui.prayer_times",
    "İftar'a kalan süre": "boilerplate.ui.prayer_times",
    "www.": "boilerplate.stub.template_token",
}


@pytest.mark.parametrize("chrome", list(TEMPLATES))
def test_each_template_string_goes_after_the_article(chrome: str) -> None:
    assert removed(after_body(chrome)) == {chrome: TEMPLATES[chrome]}


@pytest.mark.parametrize("chrome", list(TEMPLATES))
def test_each_template_string_goes_inside_the_article(chrome: str) -> None:
    assert removed(inside_body(chrome)) == {chrome: TEMPLATES[chrome]}


# Article sentences and short article lines that use the families' words.
KEPT = """\
She joined the council in 2002 and posts her notes on the town website every week.
Joined by her brother, the mayor walked to the library on Monday morning.
Posts: the new fence needs twelve of them, the builder said.
The results of the vote were 12 to 3, the clerk said after the meeting.
Follow the river path until you reach the old mill, then turn left at the bridge.
Follow the signs to the car park.
The app lets residents share photos on Facebook and Twitter with one tap.
We signed up for the newsletter of the gardening club, and it arrives every Friday.
Subscribers read the full budget in the Sunday edition, the editor said.
The shop sells biscuits and cookies, and by continuing the tradition it keeps its customers.
A cookie is a small sweet cake, and the bakery sells a dozen for two pounds.
The answer was helpful, the residents said, but the vote is still months away.
Filed under the wrong name, the planning application was lost for a year.
Alle Beiträge wurden von der Stadt geprüft, sagte der Sprecher.
Les commentaires des habitants ont été nombreux, selon la mairie.
The atom: a short history of the physics department (1952)
Shares in the company rose by four percent on Monday, the exchange said.
Republished with the permission of the author, the essay first ran in 1998.
No comment.
Points: 24
Location: Town Hall, Room 2
Like this, the library will stay open until nine on weekdays.
Reviews of the new library have been mixed, the council said on Monday.
Reaction: the residents were pleased, the mayor said.
« Reply #3 on: March 18, 2024, 09:16:02 PM »
Users of the forum asked the council to keep the library open on Sundays.
Recibe nuestro saludo, dijo el alcalde en la reunión del martes por la tarde.
Tämä sivu kertoo kirjaston aukioloajoista ja lainaussäännöistä.
Quick links between the two halls were built in 1990, the council said.
Thread starter kits are sold at the market on Saturdays, next to the wool stall.
Originally posted by the author on her own blog, the essay is reprinted here.
Find more posts by the same author on the archive page of the club.
Section titled Definitions, which the council adopted, sets out the rules.
Diese Website verwendet Cookies, sagte der Sprecher der Stadt am Montag.
Privacy and cookies: what the new law means for the town's shops
Powered by Joomla, the council's first website went live in 2010.
Hits: the band played all of them, and the crowd sang along.
The photographer took 12 photos of the flooded square before noon.
Responses to the survey were mostly positive, the clerk said.
Writer's block kept the poet away from the festival for a year.
Tag: the children played it in the park until the bell rang.
Click to enlarge the map of the new bus routes, the council's website says.
Mainos and posters were printed for the Finnish festival in the square.
Old 03-04 was the number of the bus that ran past the harbour until 2004.
More information about the library opening will follow next week, the mayor said.
A collection of twelve letters from the harbour master was found in the attic.
Continued on the next page of the report are the council's figures for the year.
Uncategorized waste is collected on Mondays, the council said.
Send a message to the council if the bins are not collected, the clerk said.
The festival runs on 12 13 14 15 16 June, the council said.
4 9 15 22 30
Current track conditions are good, the race director said on Sunday.
Click on the photo to enlarge it, the museum guide told the children.
Full story: the council's budget, line by line, is on page four.
Via the old harbour road, the bus reaches the town in ten minutes.
Change the font size of the signs, residents asked the council.
Dolar kuru yükseldi, ekonomistler yüzde 0,5 artış bekliyor.
Kommentar hinzufügen wollte der Sprecher nichts, sagte er am Montag.
Suscribirse a la revista cuesta diez euros al año, dijo el editor.
Press Enter to skip the intro, the game's manual says.
Descarcă aplicația de pe site-ul primăriei, a spus primarul.
Baixe o aplicativo da prefeitura para agendar consultas.
Un commento: the mayor's Italian was better than expected.
Reviews sorted by the jury were published on Monday, the festival said.
Please refrain from feeding the ducks, the park's new sign says.
Search the archive with the librarian's help, the council advised.
Archive photos from 1950 show the harbour before the new pier was built.
Anonymous donors gave the library 2,000 books in March 2010, the clerk said.
You might also like: the harbour walk, the castle and the old market.
İftar'a kalan süre kısaldıkça çarşı kalabalıklaştı, dedi esnaf.
Recomandate de medici, noile reguli intră în vigoare luni.
Partners in the project include the school and the library.
5 horas depois, o conselho aprovou o orçamento.
- the bus stops at the library on weekdays
www.harbourledger.example.org has the full budget, the clerk said.
"""


test_article_sentences_with_the_families_words_are_kept = kept_between_tests(KEPT)


# ------------------------------------------------------------------ structure

LISTING = """\
The Long Harbour Review
A quiet drama about a fishing town that loses its harbour and then slowly finds its way back…

Night Train Review
The film follows a conductor on the last night train of the year, and every stop tells a story…

Summer Fair Review
A comedy about three friends who run the town fair for one chaotic weekend in the rain…
"""


def test_teasers_of_a_listing_page_are_its_text_and_stay() -> None:
    assert removed(LISTING) == {}


def test_teasers_below_an_article_with_text_of_its_own_go() -> None:
    text = BODY + BODY + "\n" + LISTING + "\n"
    got = removed_opt_in(text)
    assert "The Long Harbour Review" in got and "Night Train Review" in got
    assert not set(got) & set(BODY.splitlines())


def test_a_read_more_button_repeated_under_every_excerpt_cuts_nothing() -> None:
    excerpt = (
        "Council Roundup\n\n"
        "The council met on Tuesday and voted on the library, the roads and the budget.\n\n"
        "Read More\n\n"
    )
    text = excerpt + excerpt.replace("Council Roundup", "Park Roundup") + "Library Hours\n"
    got = removed(text)
    assert "Library Hours" not in got and "Park Roundup" not in got


def test_a_teaser_heading_in_more_languages_cuts_its_block_at_the_end() -> None:
    for heading in ("Interessante Beiträge", "Günün Diğer Haberleri", "Τυχαία Θέματα"):
        got = removed(after_body(heading, "New Bus Routes Approved", "Park Reopens in June"))
        assert set(got) == {heading, "New Bus Routes Approved", "Park Reopens in June"}, heading


def test_consent_buttons_in_more_languages_go_at_the_edges_only() -> None:
    for word in ("Alle akzeptieren", "Tout accepter", "Hyväksy kaikki", "Accetta tutto"):
        assert removed(inside_body(word)) == {}, word
        assert removed(after_body(word)) == {word: "boilerplate.privacy.consent_buttons_i18n"}
