"""Stock strings of publishing systems (rules/boilerplate/learned.toml, the ``cms_*`` and
``more_source_footer`` rules): ad-slot toggles, empty popular-stories widgets, comment
rules, contact-form fields, help-desk footers, forum headers, rating stars, hit
counters, read-the-rest stubs, video promos, and the same systems' strings in other
languages. Article sentences with the same words stay.

Every line below is written for these tests (no third-party text): the chrome lines are
interface strings around invented names, numbers and places.
"""

from __future__ import annotations

from tests.boilerplate_helpers import (
    after_body,
    anywhere_tests,
    kept_between_tests,
    removed,
    removed_inside,
)

STOCK = "boilerplate.learned.cms_stock_strings"
PROMO = "boilerplate.learned.cms_promo_strings"
I18N = "boilerplate.learned.cms_strings_i18n"
RESIDUE = "boilerplate.learned.ad_and_template_residue"
PLUGIN = "boilerplate.learned.plugin_strings_bp37"
PLATFORM = "boilerplate.learned.platform_strings_bp38"
PLATFORM40 = "boilerplate.learned.platform_strings_bp40"
PLATFORM41 = "boilerplate.learned.platform_strings_bp41"
PLATFORM42 = "boilerplate.learned.platform_strings_bp42"
PLATFORM43 = "boilerplate.learned.platform_strings_bp43"
PLATFORM45 = "boilerplate.learned.platform_strings_bp45"
PLATFORM46 = "boilerplate.learned.platform_strings_bp46"

FAMILIES = {
    "Hide Ad": STOCK,
    "Sorry, there are no recent results for popular commented articles.": STOCK,
    "Comments: Our rules": STOCK,
    "Send this article to a friend.": STOCK,
    "Free Hit Counter": STOCK,
    "Title and URL copied to clipboard": STOCK,
    "About Author": STOCK,
    "Story continues": STOCK,
    "Load More Articles": STOCK,
    "Your Name (required)": STOCK,
    "Your Email (required)": STOCK,
    "Ihr Name (Pflichtfeld)": STOCK,
    "Votre e-mail (obligatoire)": STOCK,
    "Still need help? Contact Us Contact Us": STOCK,
    "Thread Tools | Display Modes |": STOCK,
    "Discussion Starter · #17 · (Edited)": STOCK,
    "User Rating: 4 / 5": STOCK,
    "Star ActiveStar ActiveStar Inactive": STOCK,
    "Source:: Example-Wire.Com": STOCK,
    "Read the rest of the story at Valley Gazette": STOCK,
    "Keep reading this article on Harbour Notes.": STOCK,
    "READ: Council approves the new ferry timetable": STOCK,
    "Watch more of our videos on ShotsTV.com": PROMO,
    "and on Freeview 262 or Freely 565": PROMO,
    "Voriger Artikel": I18N,
    "Sair da versão mobile": I18N,
    "Por seguridad guardamos tu IP": I18N,
    "URL berhasil dicopy": I18N,
    "facebook twitter whatsapp telegram line copy": I18N,
    "Harbour Days Sale 300x250": RESIDUE,
    "728x90": RESIDUE,
    "/wp-content/uploads/2024/03/ferry_banner_640x360.jpeg": RESIDUE,
    "Advertisment": RESIDUE,
    "Content Goes Here": RESIDUE,
    "Could not determine your location.": RESIDUE,
    "Add Valley Gazette to your Google News feed.": RESIDUE,
    "Made with FlippingBook - Online Brochure Maker": RESIDUE,
    "(Visited 412 times, 3 visits today)": PLUGIN,
    "No tags for this post.": PLUGIN,
    "Disclaimer: This post may contain affiliate links, which means I may earn a fee.": PLUGIN,
    "Click any reaction to login. Love 0 Funny 0 Wow 0 Sad 0 Angry 0": PLUGIN,
    "Digg this": PLUGIN,
    "Read more : HERE": PLUGIN,
    "previous next": PLUGIN,
    "No announcement yet.": PLUGIN,
    "Login or signup": PLATFORM,
    "Or sign up using:": PLATFORM,
    "Loading Video…": PLATFORM,
    "Show Thumbnails": PLATFORM,
    "People are also reading…": PLATFORM,
    "12 LINKEDINCOMMENTMORE": PLATFORM,
    "Read or Share this story: http://valleygazette.example/story/41": PLATFORM,
    "View Single Post": PLATFORM,
    "harbourfan_77 is offline": PLATFORM,
    "Play this article": PLATFORM,
    "Get every new post delivered to your Inbox.": PLATFORM,
    "Powered by Frankly": PLATFORM,
    "Kategori :": PLATFORM,
    "/fit-in/500x375/filters:format(webp)/medias/ferry_quay_2019.jpg)": PLATFORM,
    "AdBlock Detected!": PLATFORM40,
    "Please disable or pause your ad blocker to continue.": PLATFORM40,
    "Leave a Reply to harbourfan_77 Cancel reply": PLATFORM40,
    "Did you enjoy this? If you did, please share": PLATFORM40,
    "Newsletter signup for email alerts": PLATFORM40,
    "Daerah1.204 Dilihat": PLATFORM40,
    "-12:45": PLATFORM40,
    "partly-cloudy-day": PLATFORM41,
    "Mostly Sunny. H 61° L 44°": PLATFORM41,
    "00:00 | 00:00": PLATFORM41,
    "You need to be a member of Harbour Knitters to add comments!": PLATFORM41,
    "✅ Clique aqui para entrar no grupo do Jornal da Vila no WhatsApp": PLATFORM41,
    "Tags: , , ,": PLATFORM41,
    "*This post contains affiliate links, and I may earn a small fee if you buy.": PLATFORM41,
    "H2 heading": PLATFORM41,
    "Type and hit Enter to search": PLATFORM41,
    "Post a comment as": PLATFORM42,
    "Register to read more ...": PLATFORM42,
    "Read more HERE.": PLATFORM42,
    '[gallery id="41" columns="3"]': PLATFORM42,
    "Post by harbourfan_77 »": PLATFORM42,
    "At 3/4/09 9:12 pm, Blogger Ferry Watcher said...": PLATFORM42,
    "0 Notes & Comments": PLATFORM42,
    "- Zugriffe: 812": PLATFORM42,
    "Código do texto: T1234567": PLATFORM42,
    "VIDEO (250 x 190)": PLATFORM42,
    "Are you over 21?": PLATFORM42,
    "This topic has been archived. This means that you cannot reply to this topic.": PLATFORM43,
    "3 replies to this topic": PLATFORM43,
    "1 - 20 of 41 Posts": PLATFORM43,
    "2,317 Posts": PLATFORM43,
    "Get the Medium app": PLATFORM43,
    "Join to automatically receive all group messages.": PLATFORM43,
    "You are commenting using your Twitter account. Log": PLATFORM43,
    "To join the conversation, and become a member of Bay News, create an account today!": (
        PLATFORM43
    ),
    "More From News/Talk 101.7 & 930 WHRB": PLATFORM43,
    "Valley Chapel Designed by Templateism.com Copyright © 2014": PLATFORM43,
    "¿En qué podemos ayudarte?": PLATFORM43,
    "Source: Original Article": PLATFORM45,
    "No comment": PLATFORM45,
    "Leave a ReplyCancel reply": PLATFORM45,
    "You are currently browsing the archive for the Ferry Notes category.": PLATFORM45,
    "Comments are moderated to keep the harbour forum friendly.": PLATFORM45,
    "Blogger Template Sponsored by Harbour Web Hosting": PLATFORM45,
    "From blog": PLATFORM45,
    "2. HarbourFan June 2, 2011 at 10:22 pm #": PLATFORM45,
    "3. Anonymous4/12/2012": PLATFORM45,
    "Instagram : @valleygazette": PLATFORM45,
    "Youtube VG : ValleyGazette TV": PLATFORM45,
    "X : @valleygazette": PLATFORM45,
    ">>PHOTOS: Ferry returns to the harbour after repairs": PLATFORM45,
    "Reagovat": PLATFORM45,
    "2. This comment has been removed by a blog administrator.": PLATFORM46,
    "0 Maoni": PLATFORM46,
    "Enhanced by Zemanta": PLATFORM46,
    "Share it Please": PLATFORM46,
    "View original post 412 more words": PLATFORM46,
    "Page 1 of 4 1 2 3 4 LastLast": PLATFORM46,
    "Everything posted by Harbour Knitter": PLATFORM46,
    "*click anywhere on gallery once for larger photos*": PLATFORM46,
    "GO TO THE NEXT PAGE FOR INGREDIENTS AND DIRECTIONS.": PLATFORM46,
    "**As an Amazon Associate I earn from qualifying purchases**": PLATFORM46,
    "Back to Table of Contents": PLATFORM46,
}


test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    FAMILIES
)


def test_a_credit_to_another_outlet_goes_only_under_the_text() -> None:
    line = "For More: Valley Gazette"
    assert removed(after_body(line)).get(line) == "boilerplate.learned.more_source_footer"
    assert removed_inside(line)[0] is None


# Article sentences and short article lines that use the same words.
KEPT = """\
The ferry company said it would hide the ad boards during the festival.
Sorry, the council said, there are no results yet from the water tests.
Our rules for the allotments were agreed at the spring meeting.
She sent the article to a friend who works at the harbour.
The hit counter at the gate showed 4,000 visitors by noon.
The story continues next week with the second part of the interview.
Your name is required on the form, the clerk told the applicants.
Still need help with the forms? The library runs a clinic on Tuesdays.
The thread tools in the workshop were cleaned after the class.
Read the rest of the minutes before the vote, the chair asked the members.
For more than a decade the mill stood empty on the river bank.
The new screens measure 300x250 pixels, the ferry company said.
The photos are kept in /archive/2019 on the club's computer.
Content goes here and there, the editor joked, but the paper stays.
The museum was visited 412 times on its first day, and 3 visits were by schools.
Read more here about the history of the harbour, the guide said.
People are also reading the harbour history again, the librarian said.
The ferry's booking system is offline until Monday, the company said.
Show thumbnails of the plans to the committee first, the chair asked.
The map is stored as /plans/2019/quay/harbour_map.jpg on the club's computer, she said.
The museum's ad blocker detected nothing unusual, the technician said.
Leave a reply to the council by Friday, the clerk said, or cancel your reply in writing.
Did you enjoy the festival? Please share your photos with the harbour office.
The weather stayed cloudy all day, and the high was 61° at the quay.
You need to be a member of the club to add comments to the minutes, the chair said.
Post by post, the volunteers rebuilt the harbour fence.
At 3 pm the choir said goodbye to the visitors from the ferry.
Tags on the nets were checked by the inspector on Monday.
The player showed 00:00 when the recording ended, the engineer said.
Are you over 21? The ferry bar asks every passenger who orders a beer.
The club registered 2,317 posts on its old noticeboard before it closed.
There were 3 replies to this topic in the council's consultation, the clerk said.
More from the harbour master's report will follow next week.
Comments are moderated by volunteers from the club, the chair said.
Facebook: the company said it would fix the bug by Friday.
Facebook: Harbour Club Raises Funds For New Jetty
From the blog of the harbour master, the clerk read the entry aloud.
No comment was made by the ferry company on Tuesday.
The comment has been removed from the minutes, the clerk said.
Click on the gallery's door to see the larger room behind it, the guide said.
Go to the next page of the report for the harbour's accounts, the chair said.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
