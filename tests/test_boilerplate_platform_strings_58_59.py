"""Platform strings read off the misses of the real page batches ``bp-label-58`` and
``bp-label-59`` (``learned.platform_strings_bp58`` and ``_bp59``): a phpBB posting form
in English, French and German, forum signature toggles, an RSS mirror's channel
furniture, feed links of Blogger and WordPress themes, numbered ad slots, comment and
newsletter prompts, lower-case photo placeholders, a comment system's watch link,
theme comment counts, a fediverse front-end's icon names, an ad plugin's error, video
thumbnail names and a theme's "Continue reading <Title>"; and article sentences with
the same words that stay.

Every line below is written for these tests (no third-party text): the chrome lines
are interface strings around invented names, titles and numbers.
"""

from __future__ import annotations

from tests.boilerplate_helpers import anywhere_tests, kept_between_tests

B58 = "boilerplate.learned.platform_strings_bp58"
B59 = "boilerplate.learned.platform_strings_bp59"

FAMILIES = {
    # phpBB's posting form
    "BBCode is ON": B58,
    "[img] is OFF": B58,
    "Le BBCode est activé": B58,
    "La balise [url] est activée": B58,
    "Les émoticônes sont désactivées": B58,
    "Smilies sind eingeschaltet": B58,
    "Topic review": B58,
    "Relecture du sujet : Les bateaux du canal": B58,
    "Expand view Topic review: Winter moorings": B58,
    "More smilies": B58,
    "This question is a means of preventing automated form submissions by spambots.": B58,
    ":D :) :( :o :shock: :? 8-) :lol: :x :P :oops: :cry:": B58,
    # forums, feed mirrors, blog themes
    "Expand Signature": B58,
    "Posts: n/a": B58,
    "Browse latest View live": B58,
    "Viewing all 318 articles": B58,
    "Subscribe to Post Comments [Atom]": B58,
    "Entries (RSS) and Comments (RSS).": B58,
    "Post a comment or leave a trackback: Trackback URL.": B58,
    # ads, notices, prompts
    "Advertisement 3": B58,
    "IE 11 Not Supported": B58,
    "AI Generated Content": B58,
    "Share your comments": B58,
    "By entering your email, you agree to receive communications from Harbour Weekly.": B58,
    "All the big stories delivered to your inbox every Friday morning": B58,
    "Continue reading for less than $2 per week!": B58,
    # image residue, counts, glued stubs
    "photo 4": B58,
    "photo 2-1": B58,
    "images (3)": B58,
    "Lighthouse__edited_2": B58,
    "Un commentaire": B58,
    "Leer másLea también: (El puerto cierra por obras)": B58,
    "]]>": B58,
    # bp-label-59
    "Stop watching this discussion.": B59,
    "{ 0 comments… add one }": B59,
    "≈ 2 Comments": B59,
    "fedilink": B59,
    "arrow-up": B59,
    "Ad starts Error, group does not exist! Check your syntax! (ID: 12)": B59,
    "Icono para compartir en redesIcono para compartir en redes": B59,
    "maxresdefault 2": B59,
    "fb-root": B59,
    "• Views: 2104": B59,
    "3 of 5 Previous Next": B59,
    "Continue reading Spring Fair Draws a Crowd": B59,
}

test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    FAMILIES
)


# Article sentences and lines with the same words.
KEPT = """\
The club's code is on the noticeboard, and every member signed it last spring.
Pic 1
The topic of the review was the new ferry timetable, which starts in May.
She found photo 4 of the set in a drawer, faded but still sharp.
Continue Reading Group meets on Thursdays in the library's back room.
Continue reading →
The report was delivered to the mayor on Tuesday, two weeks late.
By entering the race early, runners saved ten pounds on the fee.
Two comments from the audience changed the committee's mind.
Expand the signature line on the form to fit the longer names.
Stop watching the clock, the coach told them, and watch the ball.
The advertisement ran for three weeks in the local paper.
"""


# The arrow stub among them stays the read-more rule's.
test_article_lines_with_the_same_words_are_kept = kept_between_tests(
    KEPT, {"Continue reading →": "boilerplate.nav.read_more"}
)
