"""Article shapes the rules had not seen: their lines stay, the chrome around them goes.

Precision fell on every batch of sites no rule had seen (issue 14), each time through a
rule whose condition is true of some article line its writer never met. These pages,
written for these tests, give the shape rules and the phrase rules without a fixed
phrase the article shapes that tripped them or could: a live report numbering its
minutes, a statute numbering its clauses, an essay numbering its parts, a box score, a
reader's comment holding a sentence, a hashtag that is the post's subject, a source
line glued to its link, an interview's subject over its title, an event's fact box
between share buttons, a template's placeholders, a press release's logo caption; and
pages of short paragraphs, recipes, poems, lyrics, Q&As, listicles, press releases and
non-English news whose lines every rule must leave. Each test also checks that a chrome
line of the same page still goes.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import kept_and_gone, removed, removed_opt_in
from textclean.stages.boilerplate import region, shape, teasers
from textclean.stages.boilerplate.layout import layout_lines


def test_minutes_of_a_live_report_stay() -> None:
    minutes = [
        "Live: Harbour Town v Millbrook",
        "92",
        "Full time. Harbour Town hold on for the win.",
        "90",
        "The referee adds four minutes of stoppage time.",
        "88",
        "A corner for Millbrook, headed over the bar.",
        "86",
        "A yellow card for Kerr.",
        "Comments are closed.",
    ]
    kept_and_gone(
        "\n".join(minutes) + "\n",
        keep=["92", "90", "88", "86"],
        gone=["Comments are closed."],
    )


def test_clause_numbers_of_a_statute_stay() -> None:
    page = [
        "Rules of the Millbrook Rowing Club",
        "1 Name and seat",
        "01.1 The club founded in 1921 bears the name Millbrook Rowing Club.",
        "01.2 Its seat is in Millbrook and it is entered in the register of clubs.",
        "2 Members",
        "02.1",
        "The club has active, passive and junior members.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["02.1"], gone=[])


def test_parts_of_a_numbered_essay_stay_and_share_buttons_go() -> None:
    page = [
        "1",
        "The first time I saw the sea I was nine, and I did not like it at all.",
        "It was grey, and loud, and it smelled of diesel from the ferry.",
        "2",
        "Years later I moved to a town on the coast for work.",
        "3",
        "Now I swim every morning, even in February, and cannot imagine living elsewhere.",
        "Share this:",
        "Twitter",
        "Facebook",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["1", "2", "3"], gone=["Share this:"])


def test_a_pager_and_a_counter_still_go() -> None:
    assert shape.numbered_entry(layout_lines("1\n2\n3\nNext page"), 1) is False
    page = (
        "A walk along the canal on a cold morning in January, with the towpath empty.\n"
        "We saw a heron, two kingfishers and a narrowboat frozen in at the lock gate.\n"
        "12\nLikes\n"
    )
    assert removed(page).get("12") in shape.BARE_NUMBER_RULES


def test_scores_of_a_box_score_stay() -> None:
    page = [
        "Hawks beat Pines in overtime",
        "The Hawks beat the Pines 78-74 in overtime on Friday night, with Jordan Ellis "
        "scoring eleven of his twenty-six points in the fourth quarter and extra period.",
        "Box score",
        "Hawks",
        "78",
        "Pines",
        "74",
        "Top scorers",
        "Ellis 26",
        "Advertisement",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["78", "74"], gone=["Advertisement"])


def test_a_counter_whose_label_stands_inside_a_longer_word_is_no_score() -> None:
    # "views" is written only inside "previews": the counter is not the text's number
    page = layout_lines(
        "The festival ran 74 previews of new films over one long week in May this year.\n"
        "Views\n74\n"
    )
    assert not shape.number_in_prose(page, 2, lambda x: x.words > 6)


def test_a_flattened_table_of_results_stays_and_its_share_button_goes() -> None:
    page = [
        "Election results: Ashby ward",
        "Turnout was 41 percent, up from 35 percent four years ago, and the Greens took "
        "the seat from Labour for the first time.",
        "Candidate",
        "Votes",
        "Amy Green",
        "1,204",
        "Tom Black",
        "987",
        "Sam White",
        "312",
        "Share this",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["1,204", "987", "312"], gone=["Share this"])
    widget = layout_lines("Likes\n12\nViews\n40\nShares\n3\n• visitors\n212\n")
    assert not any(shape._table_column(widget, k) for k in (1, 3, 5, 7))


def test_a_comment_holding_a_sentence_stays_between_comment_widgets() -> None:
    page = [
        "Roast chicken with lemon and thyme",
        "I roasted the chicken for an hour and a half with a whole lemon inside it.",
        "Looks delicious, I will try it on Sunday!",
        "Reply",
        "A good roast chicken is always welcome. xx",
        "Hello, Marta",
        "Reply",
        "Thanks for the recipe, it worked perfectly for our family dinner.",
    ]
    got = kept_and_gone(
        "\n".join(page) + "\n",
        keep=["A good roast chicken is always welcome. xx", "Hello, Marta"],
        gone=[],
    )
    assert "Reply" in got
    assert shape.holds_sentence("Looks tasty. xx") and not shape.holds_sentence("Hello, Marta")


def test_a_hashtag_the_text_writes_stays_and_a_section_hashtag_goes() -> None:
    page = [
        "#BakingSunday",
        "Sunday is the best day of the week to bake bread, because nobody is in a hurry.",
        "#BakingSunday began as a joke with my sister and became a habit for ten years.",
        "Leave a comment",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["#BakingSunday"], gone=["Leave a comment"])
    page = [
        "Sunday is the best day of the week to bake bread, because nobody is in a hurry.",
        "My sister and I have baked together every Sunday for ten years now.",
        "#homebaking",
    ]
    assert (
        removed_opt_in("\n".join(page) + "\n").get("#homebaking") == "boilerplate.ui.hashtag_labels"
    )
    # a shorter tag that the text writes only as the start of a longer one
    page = [
        "Sunday is the best day of the week to bake bread, because nobody is in a hurry.",
        "#BakingSunday began as a joke with my sister and became a habit for ten years.",
        "#baking",
    ]
    assert removed_opt_in("\n".join(page) + "\n").get("#baking") == "boilerplate.ui.hashtag_labels"


def test_a_source_line_glued_to_its_link_stays() -> None:
    body = (
        "We ran every phone through the Gadget Weekly battery test, playing a video "
        "until the screen went dark, and Gadget Weekly reviewers repeated each run twice."
    )
    page = [
        "Best phones for battery life",
        body,
        body.replace("every phone", "each handset"),
        "This article was sourced fromGadget Weekly",
        "No Comments",
        "Leave a Reply",
    ]
    kept_and_gone(
        "\n".join(page) + "\n",
        keep=["This article was sourced fromGadget Weekly"],
        gone=["No Comments", "Leave a Reply"],
    )
    words = teasers._words(teasers._unglued(page[3]), 4, 5, frozenset())
    assert {"gadge", "weekl"} <= words


def test_an_interviews_subject_over_its_title_stays_and_a_section_label_goes() -> None:
    page = [
        "Jane Ortega",
        "The Baker Who Wakes at Three",
        "Jane Ortega has run the only bakery in Millbrook for thirty years, and we asked "
        "her about early mornings.",
        "How did you start?",
        "My father ran the bakery before me, and I took over when I was twenty-two.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["Jane Ortega"], gone=[])
    page[0] = "Food And Drink"
    assert removed_opt_in("\n".join(page) + "\n").get("Food And Drink") == shape.RULE_TOP_LABEL


def test_a_subject_named_after_a_longer_name_that_starts_alike_stays() -> None:
    # the label's first place in the paragraph is inside a longer word: its second,
    # as whole words, names the subject all the same
    page = [
        "Casa Bella",
        "Forty Years of Sunday Lunches",
        "Casa Bellaria next door closed last winter, but Casa Bella has served lunch "
        "every Sunday since the year it opened.",
        "What is the secret?",
        "We cook what the farmers bring us on Saturday, and nothing else at all.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["Casa Bella"], gone=[])


def test_an_events_fact_box_between_share_buttons_stays() -> None:
    page = [
        "Village fair returns after five years",
        "The Ashby village fair returns this summer for the first time in five years, "
        "with a dog show, a tug of war and a cake stall run by the school.",
        "Share on Facebook",
        "When: Saturday 6 July, 11am to 5pm",
        "Where: Ashby Green",
        "Tickets: free",
        "Share on Twitter",
        "Organisers are still looking for volunteers to help on the day.",
    ]
    kept_and_gone(
        "\n".join(page) + "\n",
        keep=["When: Saturday 6 July, 11am to 5pm", "Where: Ashby Green", "Tickets: free"],
        gone=["Share on Facebook", "Share on Twitter"],
    )
    assert shape.FIELD.fullmatch("Academic year: 2021")
    assert not shape.FIELD.fullmatch("02:00") and not shape.FIELD.fullmatch("Views:")


def test_placeholders_of_a_template_stay_and_stray_tokens_go() -> None:
    page = [
        "Press release template: a new office",
        "{{company_name}}",
        "{{date}}",
        "{{company_name}} opens a new office in {{city}} to serve its customers in the north.",
        "The office will employ {{number_of_jobs}} people when it opens in the spring.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["{{company_name}}", "{{date}}"], gone=[])
    page = [
        "[ad_1]",
        "The new office in Leeds will employ forty people when it opens in the spring.",
        "The company said it chose the city for its rail links and its universities.",
        "{{title}}",
    ]
    got = removed("\n".join(page) + "\n")
    assert "[ad_1]" in got and "{{title}}" in got


def test_the_logo_of_a_press_releases_subject_stays_and_a_bare_logo_goes() -> None:
    page = [
        "Northfield Labs opens a research centre in Ohio",
        "Northfield Labs logo.",
        "NORTHFIELD, Ohio, June 3, 2024 -- Northfield Labs today opened a research "
        "centre that will employ 120 scientists.",
        "The centre will develop diagnostic tests for small clinics across the state.",
        "Logo",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["Northfield Labs logo."], gone=["Logo"])


@pytest.mark.parametrize("alt", ["Site logo", "Our logo"])
def test_a_logo_label_named_only_inside_longer_words_goes(alt: str) -> None:
    # "site" stands in "website" and "our" in "your": no sentence names them
    page = [
        "Northfield Labs opens a research centre in Ohio",
        alt,
        "NORTHFIELD, Ohio, June 3, 2024 -- Northfield Labs today opened a research "
        "centre, the county said on its website.",
        "The centre will test your samples for small clinics across the state.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=[], gone=[alt])


def test_a_title_repeating_one_word_stays_and_a_row_of_footer_links_goes() -> None:
    text = (
        "Terms, Terms, Terms\n"
        "I read the terms of every app I install, and these are the three kinds I see most.\n"
        "Some terms are short, some are long, and a few are written to be read.\n"
        "Privacy, Cookies, Terms\n"
    )
    kept_and_gone(text, keep=["Terms, Terms, Terms"], gone=["Privacy, Cookies, Terms"])
    assert not shape._one_word_repeated("Privacy, Cookies, Terms")


def test_a_hard_wrapped_letter_goes_on_where_a_tagline_ends() -> None:
    """A long line ending in "from" or "the" goes on in the next line (a letter wrapped
    by hand stops the masthead's taking); a tagline ending in a noun does not."""
    assert region._goes_on("I have the pleasure to acknowledge a note from", "Collins of the")
    assert region._goes_on("He tells me that the Board has looked again at the", "Question")
    assert not region._goes_on("A blog that is mostly about food and travel", "Recipes")


#: Whole article pages of shapes no labelled batch had much of: (page, chrome lines that
#: go). Every other non-blank line is the article's and must stay.
PAGES: dict[str, tuple[list[str], list[str]]] = {
    "short-paragraph news": (
        [
            "Bridge on Mill Road to close for three weeks",
            "By Dana Whitfield",
            "March 4, 2024",
            "The Mill Road bridge will close to all traffic from Monday.",
            "Crews will replace the deck.",
            "Detours are posted.",
            '"We know it is a hassle," said county engineer Rob Tan.',
            "Buses will use Elm Street.",
            "The work should end by March 25.",
            "Questions? Call 555-0142.",
            "Share this article",
            "Facebook Twitter Email",
        ],
        ["Share this article", "Facebook Twitter Email"],
    ),
    "recipe": (
        [
            "Lemon Drizzle Cake",
            "Prep time: 15 minutes",
            "Cook time: 45 minutes",
            "Serves 8",
            "Ingredients",
            "225g butter",
            "225g caster sugar",
            "4 eggs",
            "Zest of 2 lemons",
            "For the drizzle",
            "Juice of 1½ lemons",
            "Method",
            "Heat the oven to 180C.",
            "Beat the butter and sugar until pale, then add the eggs one at a time.",
            "Bake for 45 minutes.",
            "Notes",
            "Keeps for 3 days in a tin.",
            "Print Recipe",
            "Leave a Reply",
            "Your email address will not be published.",
        ],
        ["Print Recipe", "Leave a Reply", "Your email address will not be published."],
    ),
    "poem": (
        [
            "November",
            "by Ellen Marsh",
            "The leaves are down,",
            "the hedges bare,",
            "a single crow",
            "patrols the air.",
            "The lane is mud,",
            "the gate is wide,",
            "and all the summer",
            "stepped aside.",
            "Written at Hollow Farm, 2019.",
            "No comments:",
            "Post a Comment",
        ],
        ["No comments:", "Post a Comment"],
    ),
    "lyrics": (
        [
            "River Song",
            "Verse 1",
            "Down by the river",
            "where the willows grow",
            "Chorus",
            "Roll on, roll on",
            "Roll on, roll on",
            "Verse 2",
            "Old boat is leaking",
            "but it floats somehow",
            "Chorus",
            "Roll on, roll on",
            "Roll on, roll on",
            "Songwriters: A. Reed, B. Cole",
            "Share",
        ],
        ["Share"],
    ),
    "question and answer": (
        [
            "Ten questions for a lighthouse keeper",
            "Interview by Sam Ortiz",
            "Q: How long have you worked here?",
            "A: Nineteen years.",
            "Q: Do you get lonely?",
            "A: Never. There is always a boat to watch.",
            "Q: Best part of the job?",
            "A: Sunrise.",
            "This interview has been edited for length.",
            "Subscribe to our newsletter",
        ],
        ["Subscribe to our newsletter"],
    ),
    "listicle": (
        [
            "7 things to do in Porto",
            "1. Ride the tram",
            "Line 1 runs along the river to the sea.",
            "2. Cross the bridge",
            "Walk the upper deck at sunset.",
            "3. Eat a francesinha",
            "Go hungry.",
            "You may also like",
            "Ten days in Lisbon",
        ],
        ["You may also like", "Ten days in Lisbon"],
    ),
    "roundup with short headings": (
        [
            "Five walks near Sheffield for a winter weekend",
            "Winter is the best time to walk in the hills: the paths are quiet, the light "
            "is low and golden, and there is always a pub with a fire at the end of the day.",
            "Stanage Edge",
            "A long gritstone ridge with views over the valley.",
            "Ladybower Reservoir",
            "A flat loop around the water, good for children.",
            "Mam Tor",
            "A steep climb to a hill fort and a famous ridge walk.",
            "Related posts:",
        ],
        ["Related posts:"],
    ),
    "press release with contact block": (
        [
            "Riverside Hospital opens new children's ward",
            "Riverside Hospital today opened a new children's ward with twenty beds, a "
            "play room and a school room for long-stay patients.",
            "About Riverside Hospital",
            "Riverside Hospital serves the towns of the lower valley.",
            "Media contact",
            "Ruth Kane",
            "Press Officer",
            "01632 960123",
            "###",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "sports results": (
        [
            "Rovers edge City in five-goal thriller",
            "Saturday, 12 October",
            "Rovers 3",
            "City 2",
            "Half-time: 1-1",
            "Attendance: 14,212",
            "Scorers",
            "Rovers: Okafor 12, 71; Lind 88",
            "Referee: P. Stone",
            "Okafor's second goal came from a corner.",
            "Table",
            "1. Rovers 24",
            "2. Athletic 22",
            "Advertisement",
        ],
        ["Advertisement"],
    ),
    "German local news": (
        [
            "Neue Buslinie ab Montag",
            "Von Petra Klein",
            "12.03.2024, 14:30 Uhr",
            "Die Linie 7 fährt künftig alle zehn Minuten.",
            "Das freut die Pendler.",
            "Start ist am Montag.",
            "Foto: Stadtwerke",
            "Mehr zum Thema",
        ],
        ["Mehr zum Thema"],
    ),
    "French culture news": (
        [
            "Le festival de jazz revient",
            "Par Marie Dupont",
            "Publié le 5 juillet 2023",
            "La 20e édition se tiendra du 10 au 14 juillet.",
            "Programme",
            "Lundi : Trio Nord",
            "Mardi : Ana Lopes",
            "Tarifs : 15 €",
            "Gratuit pour les moins de 12 ans.",
            "À lire aussi",
        ],
        ["À lire aussi"],
    ),
    "Spanish sports news": (
        [
            "El equipo local gana la copa",
            "Por Luis Gómez",
            "Madrid, 4 de mayo de 2024",
            "El equipo ganó por 2-0.",
            "Fue su primera copa.",
            "Goles",
            "Ruiz, 23'",
            "Pérez, 81'",
            "Foto: Archivo",
            "Te puede interesar",
        ],
        ["Te puede interesar"],
    ),
    "caption-heavy news": (
        [
            "Floods hit northern towns",
            "By Ana Ruiz and Tom Hale",
            "Updated 6:45 PM EST, Tue January 9, 2024",
            "Residents wade through water in Ashby on Tuesday.",
            "Photo: John Lee/Reuters",
            "Rain fell for three days.",
            "More than 2,000 homes were flooded.",
            "Map of the affected area.",
            "The river peaked at 6.2 metres.",
            "Most Read",
        ],
        ["Most Read"],
    ),
    "news with subheadings between advertisements": (
        [
            "Council votes to keep the swimming pool open",
            "By Tom Reed",
            "The council voted on Tuesday to keep the town's only public swimming pool "
            "open for at least five more years, after a petition signed by four thousand.",
            "Advertisement",
            "What happens next",
            "The council will look for a partner to run the pool by next spring.",
            "Story continues below advertisement",
            "The cost",
            "Repairs to the roof and the boiler will cost about two million pounds.",
        ],
        ["Advertisement", "Story continues below advertisement"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_article_pages_keep_every_line(name: str) -> None:
    lines, chrome = PAGES[name]
    article = [x for x in lines if x not in chrome]
    kept_and_gone("\n".join(lines) + "\n", keep=article, gone=chrome)
