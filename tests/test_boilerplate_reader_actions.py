"""Stock strings of blog themes and engines (Kubrick, Thesis, Jetpack, Subscribe2,
bbPress, LiveJournal, Drupal, ASP.NET, Blogger, Typepad) and one-line reader-action
prompts of article templates (e-mail a friend, rate and comment, join the comments,
sign in to comment, unlock with an e-mail address), and article sentences with the
same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are interface strings around invented names, titles and numbers.
"""

from __future__ import annotations

from tests.boilerplate_helpers import anywhere_tests, kept_between_tests

THEMES = "boilerplate.platform.blog_theme_furniture"
ACTIONS = "boilerplate.cta.reader_actions"
STOCK = "boilerplate.platform.stock_translations"
GLUED = "boilerplate.stub.glued_and_empty"

FAMILIES = {
    "LikeLike": THEMES,
    "This page is powered by Blogger. Isn't yours?": THEMES,
    "Skip Navigation Links.": THEMES,
    "Postez un commentaire": THEMES,
    "Añade un comentario": THEMES,
    "Your reply will be screened": THEMES,
    "You are currently browsing the category archive for the ‘Garden Sheds’ category.": THEMES,
    "You are currently browsing the weblog archives for the day Monday, May 5th, 2014.": THEMES,
    "Read the rest of this entry »Posted in: Club News": THEMES,
    "0 comments… add one": THEMES,
    "4 comments... read them below or add one": THEMES,
    "This topic contains 3 replies, has 2 voices, and was last updated by "
    "marta_k 2 years, 1 month ago.": THEMES,
    "Type your email address in the box and click the “create subscription” button. "
    "You can opt out at any time.": THEMES,
    "Please enter your email address to subscribe to new posts.": THEMES,
    "• Allowed HTML tags: <a> <em> <strong> <cite> <ul> <ol> <li>": THEMES,
    "Technorati Tags: , ,": THEMES,
    "Un pensamiento en “Ruta por la sierra de Aracena”": THEMES,
    "2 comentários em “Bolo de laranja da avó”": THEMES,
    "Email a Friend": ACTIONS,
    "E-mail to a friend": ACTIONS,
    "Rate & Comment": ACTIONS,
    "Join the conversation! 3 Comments": ACTIONS,
    "No comments yet. Be the first to comment!": ACTIONS,
    "Sign in to add your message": ACTIONS,
    "Log in to post a review": ACTIONS,
    "Post a comment as Guest": ACTIONS,
    "Existing member? Log in here.": ACTIONS,
    "Try our Advanced Search for more refined results": ACTIONS,
    "Subscribe for more great content!": ACTIONS,
    "Download the newsletter now": ACTIONS,
    "Advertise with us": ACTIONS,
    "Enter your email to continue reading this article": ACTIONS,
    "This item is available in full to subscribers.": ACTIONS,
    "You have successfully subscribed!": ACTIONS,
    "Enjoyed this post? Please share it with your friends!": ACTIONS,
    "Comments (2) Hits: 1045": ACTIONS,
    "Report this comment": ACTIONS,
    "1 gedachte over “Fietsen langs de Maas”": STOCK,
    "4 Gedanken zu „Kuchen vom Blech“": STOCK,
    "Une réflexion sur « Balade à Annecy »": STOCK,
    "3 pensieri su “Pane fatto in casa”": STOCK,
    "2 tankar om ”Vår i trädgården”": STOCK,
    "Tampilkan postingan dengan label Kuliner. Tampilkan semua postingan": STOCK,
    "RSS feed for comments on this post.": STOCK,
    "Staff member": STOCK,
    "Image hosted by Photobucket": STOCK,
    "Läs hela artikeln på Lokaltidningen": STOCK,
    "Trwa ładowanie…": STOCK,
    "[Insert Image of the old harbour wall]": STOCK,
    "Your comment has been submitted successfully.": STOCK,
    "All comments must be approved by a moderator before they appear.": STOCK,
    "Remember me on this computer": STOCK,
    "You are currently browsing the Garden Tools category.": STOCK,
    "Jump to Site Navigation": STOCK,
    "Já possui conta?": STOCK,
    "Escute essa reportagem": STOCK,
    "Imagem ilustrativa da imagem Feira de artesanato na praça": STOCK,
    "Why you can trust Harbour Weekly": STOCK,
    "Attachment 10231Attachment 10232": STOCK,
    "Older Posts›› ‹‹Newer Posts": GLUED,
    "Discussion (4)": GLUED,
    "Post date: Author:": GLUED,
    "Go to ...": GLUED,
    "• $249 at Northwind Outfitters": GLUED,
}


test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    FAMILIES
)


# Article sentences that use the same words.
KEPT = """\
She sent the photographs to a friend in Lisbon, who recognised the house at once.
Readers were asked to rate the new bus timetable and comment on the changes.
The topic of the evening contained three questions, and the last one was about parking.
Please enter your name at the desk before you join the guided walk.
Existing users of the old card will receive a new one by post in June.
The newsletter now goes out on Fridays, the editor said.
Advertise the sale early, the treasurer told the committee, or nobody will come.
Read the rest of the minutes in the council archive before the vote.
You are currently in the queue for a table, the waiter said with a smile.
Una buena receta necesita tiempo, y este pensamiento guía a la cocinera en su trabajo.
The club reported the comment to the league, which opened an inquiry.
She liked the post office's new opening hours, and so did her neighbours.
Hij had 7 gedachten over de reis, maar schreef er maar één op.
The staff member who found the wallet returned it to its owner the same day.
The image was hosted by the museum for a month before it went back to the archive.
Tickets cost $40 at the door, and children under twelve get in free.
Where to buy fresh fish in the old town was the question everyone asked us.
Remember me to your mother, she said as the train pulled out.
Why you can trust a good map more than your memory is simple.
"""


test_article_sentences_with_the_same_words_are_kept = kept_between_tests(KEPT)
