"""More article shapes against the rules that remove lines without a fixed phrase.

The rules that judge a line by its shape and its neighbours (``shape.*``, ``teaser.*``,
``stub.bare_number``, the structure rules) and the phrase rules whose words are also an
article's (a bare "Sumber:") lost article lines on every batch of sites they had not
seen (issue 14). These pages, written for these tests, are shapes the earlier tests
lacked: readers' comments trailing off, an interview's answers trailing off, a post's
hour under its date, a web address signing a post, a list of sites, an author's name
over a profile line, a kicker sharing its title's words, a how-to's headings between
dashes, an answer between two advertisements, a summary's points under a menu, a travel
post's facts under its title, a source label over its value, a forecast's temperatures,
a league table's ranks and points; and whole pages (a liveblog, a court report, a
review, an itinerary, an obituary, a newsletter, an abstract, show notes, a forum
thread, poems, minutes, a market report, election results, a timeline, a transcript, a
classified ad, an FAQ, a menu, a gallery's credits, and news, recipes and notices in ten
languages) whose lines every rule must leave. Each test keeps the article's line and
checks that a chrome line of the same page still goes.
"""

from __future__ import annotations

import pytest

from tests.boilerplate_helpers import BODY, kept_and_gone, removed, removed_opt_in

#: A paragraph of a text, written for these tests.
PARA = (
    "The council voted on Tuesday to fund the new library after a long debate about "
    "its cost, and building work should start in the spring.\n"
)


def test_readers_comments_trailing_off_between_their_authors_stay() -> None:
    """Two comments under their commenters' lines, the second cut with "...", are no
    teaser's title over its snippet (``teaser.snippet``, ``_comment_between``)."""
    page = [
        "Knitting my first socks",
        "I finally finished the pair I started in January, and they fit on the first try!",
        "The heel was hard, but the video from the yarn shop helped a lot with the turn.",
        "2 comments:",
        "Ellen said...",
        "Lovely colours! I want a pair too :)",
        "Ellen said...",
        "These are gorgeous! I love the deep blue...",
        "Post a Comment",
    ]
    got = kept_and_gone(
        "\n".join(page) + "\n",
        keep=[
            "Lovely colours! I want a pair too :)",
            "These are gorgeous! I love the deep blue...",
        ],
        gone=["Ellen said...", "Post a Comment"],
    )
    assert got["Ellen said..."] == "boilerplate.comments.author_line"


def test_an_interviews_answers_trailing_off_stay_and_teasers_still_go() -> None:
    """A question over an answer that trails off is no teaser's title (``teaser.snippet``
    does not pair a title ending in "?" with a bare "..."); headlines over excerpts go."""
    head = [
        "A morning with the baker",
        "We spent a morning at the Hill Street bakery with its owner, who has baked bread "
        "there every day since 1987, to ask about early starts and long days.",
        "The shop opens at seven, but the ovens are lit three hours before that, and by "
        "the time the first customers arrive the shelves are already full of loaves.",
        "She still makes every loaf by hand, and she still weighs the flour on the scale "
        "her father bought when he opened the shop in the spring of 1962.",
    ]
    pairs = [
        "How early do you start?",
        "Four o'clock, most days. Sometimes earlier, when the orders are big...",
        "Do you ever sleep in?",
        "On Sundays, maybe. But then I wake at four anyway and lie there...",
        "What will you do when you retire?",
        "Bake, probably. For myself, for once, and for my grandchildren...",
    ]
    kept_and_gone("\n".join(head + pairs) + "\n", keep=pairs, gone=[], opt_in=True)
    for mark in ("？", "؟"):  # full-width and Arabic question marks: questions too
        asked = [x.replace("?", mark) for x in pairs]
        kept_and_gone("\n".join(head + asked) + "\n", keep=asked, gone=[], opt_in=True)
    headlines = [x.rstrip("?").replace("you", "bakers") for x in pairs[::2]]
    teasers = [y for pair in zip(headlines, pairs[1::2], strict=True) for y in pair]
    kept_and_gone("\n".join(head + teasers) + "\n", keep=head, gone=teasers, opt_in=True)


def test_a_posts_hour_under_its_date_stays_and_a_counter_goes() -> None:
    """A time of day under a date line is the post's hour (``_hour_of_date``); a number
    under a word at the page's end is still a counter."""
    page = [
        "Apre il nuovo impianto di Modugno",
        "Inaugurazione alla presenza del presidente della Regione",
        "mercoledì 25 settembre 2019",
        "7.37",
        "È stato inaugurato a Modugno il più grande impianto della regione, con duecento "
        "nuovi posti di lavoro e una nuova linea di produzione.",
        "Alla cerimonia erano presenti il presidente della Regione, il sindaco e molti "
        "lavoratori dello stabilimento con le loro famiglie.",
        "Commenti",
        "12",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["7.37"], gone=["12"])


def test_a_web_address_signing_a_post_stays_and_a_site_name_at_the_top_goes() -> None:
    """Under the text, "www.…" is an address given to the reader (``_web_address``); a
    host name printed bare over the text is the site's masthead."""
    page = [
        "harbourhomes.example.com",
        "New regional office opens downtown",
        "The company opened its new regional office on Thursday, with space for two "
        "hundred staff and a public cafe on the ground floor.",
        "The building was designed to use half the energy of the old one, with solar "
        "panels on the roof and a garden on the third floor.",
        "www.harbourhomes.example.com",
        "Subscribe to:",
        "Post Comments (Atom)",
    ]
    got = kept_and_gone(
        "\n".join(page) + "\n",
        keep=["www.harbourhomes.example.com"],
        gone=["harbourhomes.example.com", "Post Comments (Atom)"],
    )
    assert got["harbourhomes.example.com"] == "boilerplate.shape.hostname"


def test_host_names_listed_in_a_row_under_the_text_stay() -> None:
    """Two host names or more in a row under the text are the sites it lists; a single
    bare host name there is a footer's site name."""
    listed = [
        "Where to learn about birds online",
        "These are the sites I use most when I want to identify a bird or learn about "
        "its habits, and all of them are free to use.",
        "birdguides.example.org",
        "www.birdclub.example.org.uk",
        "ebird.example.org",
        "Leave a Reply",
    ]
    kept_and_gone("\n".join(listed) + "\n", keep=listed[:5], gone=["Leave a Reply"])
    single = [*listed[:2], "birdguides.example.org"]
    assert removed("\n".join(single) + "\n").get("birdguides.example.org") == (
        "boilerplate.shape.hostname"
    )


@pytest.mark.parametrize("row", ["site{i}.example.org", "Mirror {i}\nsite{i}.example.org"])
def test_host_names_under_the_text_cost_linear_time(row: str) -> None:
    """Which host names stand in a row, and which end a sign-off, is found reading each
    line once: a page listing eight times as many (in a row, or each under a line of
    its own) costs the hostname rule about eight times as much, not sixty-four (work
    counted in lines of code run, see ``tests/steps.py``)."""
    from tests.steps import grows_linearly, steps
    from textclean.stages.boilerplate import shape
    from textclean.stages.boilerplate.layout import layout_lines

    def cost(n: int) -> int:
        hosts = "\n".join(row.format(i=i) for i in range(n))
        lines = layout_lines(PARA + hosts + "\n")
        params = shape.ShapeParams()
        return steps(lambda: shape.apply(lines, {}, params, frozenset()))

    assert grows_linearly(cost, 300)


def test_an_authors_name_over_its_profile_line_stays() -> None:
    """A name that the next line starts with, a word after it ("Rina Lestari" / "Rina
    Lestari Freelance writer"), is a byline over its profile: ``shape.top_label`` leaves
    it, and ``shape.masthead`` stops its taking there (``_starts_next``)."""
    top = [
        "Please wait...",
        "Rina Dewi Lestari",
        "Rina Dewi Lestari Freelance writer - Photographer",
        "Jembatan baru di Sukabumi diresmikan bupati",
        "Sukabumi - Bupati Sukabumi meresmikan sebuah jembatan baru yang kini menjadi "
        "ikon di wilayah tersebut pada hari Kamis pagi.",
        "Jembatan ini dibangun dengan struktur yang kuat sehingga kendaraan besar dapat "
        "melintas dengan aman setiap hari.",
    ]
    kept_and_gone("\n".join(top) + "\n", keep=top[1:], gone=["Please wait..."])
    # a section's label over a title in title case still goes
    label = ["Weekend Escapes", "Ten Days in the Hills of Sicily", *top[4:]]
    got = removed_opt_in("\n".join(label) + "\n")
    assert got.get("Weekend Escapes") == "boilerplate.shape.top_label"


def test_a_howtos_headings_between_dashes_stay() -> None:
    """A heading between two lone dashes is no chrome run: a dash alone separates the
    text's parts as often as a menu's entries (``_RUN_WEAK``)."""
    page = [
        "Can I update my router's firmware over wifi?",
        "The firmware of a wireless router is something like its operating system: "
        "without it the router cannot work at all.",
        "-",
        "Function",
        "-",
        "The firmware handles the flow of data and keeps the router's functions "
        "running while it sends and receives data.",
        "Method",
        "-",
        "Updating the firmware usually means downloading a package from the maker's "
        "site and running it on a computer.",
        "Share this article",
    ]
    # each dash stands right above the part it marks, so it stays with it (``_item_marker``)
    got = kept_and_gone("\n".join(page) + "\n", keep=["Function", "Method", "-"], gone=[])
    assert "Share this article" in got


def test_an_answer_between_two_advertisements_stays_and_a_label_goes() -> None:
    """A sentence between two advertisement slots is the article's (``_between_ads``);
    a section's label there still goes as a chrome run."""
    page = [
        "Five minutes with the mayor",
        PARA.strip(),
        "Will council tax go up?",
        "Advertisement",
        "Yes.",
        "Advertisement",
        "By how much?",
        "Three per cent, the lowest rise in the county, said the mayor before the meeting.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["Yes."], gone=["Advertisement"])
    label = PARA + "Advertisement\nCity\nAdvertisement\n" + PARA
    assert removed_opt_in(label).get("City") == "boilerplate.shape.chrome_run"
    # a number the paragraph under the slots also gives is no word of its heading
    below = "The council set its budget for 2024 on Tuesday, after a long debate about costs.\n"
    edition = PARA + "Advertisement\nEdition 2024\nAdvertisement\n" + below
    assert removed_opt_in(edition).get("Edition 2024") == "boilerplate.shape.chrome_run"


def test_a_summarys_points_under_a_menu_stay_and_the_menu_goes() -> None:
    """Bulleted points of four words or more under a menu whose entries are a word or two
    are the article's summary (``bullet_run``, ``_point_under_menu``)."""
    page = [
        "• Home",
        "• News",
        "• Sport",
        "• Contact",
        "• Council backs new library",
        "• Work starts in spring",
        "Council approves new library",
        "The council voted on Tuesday to fund the new library, after a long debate "
        "about costs and the choice of site.",
    ]
    kept_and_gone(
        "\n".join(page) + "\n",
        keep=["• Council backs new library", "• Work starts in spring"],
        gone=["• Home", "• News", "• Sport", "• Contact"],
    )


def test_a_blog_templates_bulleted_byline_and_date_stay() -> None:
    """A blog template that prints its byline and date as list items ("- Ana Lima" over
    "- Jan 20, 2019") beside its reading time: the date is a date line all the same, and
    the short line over it the author's name (``byline_lines``), which ``bullet_run``
    never takes; the reading time goes."""
    page = [
        "- Ana Lima",
        "- Jan 20, 2019",
        "- 3 min read",
        "Slow-baked aubergine with lentils",
        "The aubergines want a long time in a low oven, so start them before anything "
        "else and let them soften while you cook the lentils.",
    ]
    kept_and_gone(
        "\n".join(page) + "\n", keep=["- Ana Lima", "- Jan 20, 2019"], gone=["- 3 min read"]
    )


def test_a_blog_templates_bulleted_date_without_its_year_stays() -> None:
    """A post of the current year is dated without the year ("- Mar 21"): a month and a
    day after a bullet are the template's date line, and the author's name over it stays
    with it; the reading time goes."""
    page = [
        "- Cllr Ana Lima",
        "- Mar 21",
        "- 2 min read",
        "Why the library vote matters to Eastfield",
        "The council meets on Thursday to decide the future of the old library, and I want "
        "to set out plainly why I will vote to keep it open.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=page[:2], gone=["- 2 min read"])


@pytest.mark.parametrize("byline", ["- Por Marta Gil", "- By Ana Lima", "- Door Jan de Vries"])
def test_a_bulleted_byline_over_a_comment_count_stays(byline: str) -> None:
    """A byline printed as a list item ("- Por Marta Gil") over the template's comment
    count ("- No hay comentarios"): the count goes, the byline is the article's."""
    page = [
        "Castro gana en los penales y pasa a semifinales",
        byline,
        "- No hay comentarios",
        "A los diez minutos del segundo tiempo el delantero marcó el gol que dio la "
        "victoria a la selección local ante un estadio lleno.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=page[:2], gone=["- No hay comentarios"])


def test_a_bulleted_menu_entry_by_category_is_no_byline() -> None:
    """ "By" and one capitalised word ("- By Category") is a menu's entry, not a byline:
    the guard wants a name of two words or more."""
    from textclean.stages.boilerplate.shape import BULLET_BYLINE

    assert BULLET_BYLINE.fullmatch("By Category") is None
    assert BULLET_BYLINE.fullmatch("Por Francisco Reyes") is not None


def test_a_travel_posts_title_over_its_subtitle_and_facts_stays() -> None:
    """A first line over a subtitle over a field with a number ("Duration: 3.5 days") is
    the post's title, not a section's label (``shape.top_label``)."""
    page = [
        "Select Page",
        "Lisbon",
        "Custard Tarts, Colourful Tiles, and Nightlife",
        "Duration: 3.5 days, 3 nights",
        "Country: Portugal",
        "Budget: $350",
        "We flew into Lisbon on a Thursday evening and went straight to a small bar in "
        "Alfama that a friend had told us about.",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=page[1:], gone=["Select Page"])


def test_a_source_label_over_its_value_stays_and_a_bare_one_goes() -> None:
    """A bare "Sumber:" over a short name is the text's credit (``_credit_over_value``);
    a bare "Sumber:" ending the page, or over a sentence, is a stub."""
    page = [
        "Harga cabai naik menjelang Ramadan",
        "Jakarta - Harga cabai rawit di pasar tradisional naik hingga dua kali lipat "
        "dalam sepekan terakhir menjelang bulan Ramadan.",
        "Pedagang mengatakan pasokan dari petani berkurang karena hujan yang turun "
        "hampir setiap hari di daerah penghasil.",
        "Sumber:",
        "Dinas Perdagangan Kota",
        "Baca Juga",
    ]
    kept_and_gone("\n".join(page) + "\n", keep=["Sumber:"], gone=["Baca Juga"])
    bare = [*page[:3], "Sumber:"]
    assert removed("\n".join(bare) + "\n").get("Sumber:") == "boilerplate.stub.read_also_more"


def test_a_kicker_sharing_the_titles_words_stops_the_masthead() -> None:
    """A line above the title that shares a content word with it and none with the body
    ("All the news and rumours" over "Transfer news of the day") is the title's kicker:
    the masthead's taking stops there (``region.apply``), and the line above it, alone,
    is too few to take; a menu naming no word of the title goes."""
    body = [
        "Transfer news of the day",
        "Milan will meet the Atletico sporting director on Tuesday to talk about a "
        "transfer, according to reports in Madrid on Monday evening.",
        "Parma are close to signing a midfielder who left Cagliari in the summer and "
        "has trained alone since then.",
    ]
    head = ["The window minute by minute", "All the news and rumours: talks continue"]
    got = kept_and_gone(
        "\n".join([*head, "Real time", *body]) + "\n", keep=head + body, gone=[], opt_in=True
    )
    assert "boilerplate.shape.masthead" not in got.values()
    menu = ["Football", "Tennis", "Cycling"]
    got = kept_and_gone("\n".join(menu + body) + "\n", keep=body, gone=menu, opt_in=True)
    assert {got[x] for x in menu} == {"boilerplate.shape.masthead"}


def test_a_forecasts_temperatures_stay_and_a_widgets_readings_go() -> None:
    """A temperature over a sentence, with a line of the same form over a sentence a few
    lines away, is an entry of the forecast the text writes (``_forecast_entry``); a
    widget's readings over day names still go."""
    page = [
        "Weekend weather: sun returns after a wet week",
        "Saturday",
        "18°C",
        "Sunny spells, light winds from the west.",
        "Sunday",
        "21°C",
        "Warm and dry, with high cloud later in the day.",
        "Monday",
        "16°C",
        "Showers spreading from the west by the afternoon.",
        "Share this article",
    ]
    kept_and_gone(
        "\n".join(page) + "\n", keep=["18°C", "21°C", "16°C"], gone=["Share this article"]
    )
    widget = PARA + PARA + "Mon\n18°C\nTue\n21°C\nWed\n16°C\n"
    assert removed(widget).get("21°C") == "boilerplate.ui.weather_widget_i18n"


def test_a_league_tables_ranks_and_points_stay_and_a_counter_goes() -> None:
    """Bare numbers counting up by one at a stride of three lines, with a column of
    numbers beside them, are a ranked table's cells (``_ranked_rows``); a widget's
    count under its word still goes."""
    page = [
        "League Two: Rovers go top",
        "Rovers beat Athletic 2-0 on Saturday and moved to the top of the table for the "
        "first time this season.",
        "1",
        "Rovers",
        "45",
        "2",
        "Athletic",
        "44",
        "3",
        "United",
        "41",
        "Advertisement",
    ]
    kept_and_gone(
        "\n".join(page) + "\n",
        keep=["1", "45", "2", "44", "3", "41"],
        gone=["Advertisement"],
    )
    counter = "\n".join(page[:2]) + "\nLikes\n45\n"
    assert "45" in removed(counter)


def test_a_dek_between_two_advertisements_stays() -> None:
    """A line between two advertisement slots that writes a word of the paragraph under
    them is that paragraph's dek (``_between_ads``); the "City" label above still goes."""
    page = [
        "Skip to content",
        "Council approves new library",
        "Advertisement",
        "A vote after three years of debate",
        "Advertisement",
        "The council voted on Tuesday to fund the new library, after a long debate about "
        "costs and the choice of site.",
    ]
    kept_and_gone(
        "\n".join(page) + "\n",
        keep=["A vote after three years of debate"],
        gone=["Skip to content", "Advertisement"],
    )


def test_a_host_name_ending_a_sign_off_stays() -> None:
    """A host name under the text's sign-off lines, none of them taken by a rule, ends the
    sign-off (``_signs_off``); right under the text it is a footer's site name."""
    text = [
        "Thank you to our volunteers",
        "This year our volunteers gave more than two thousand hours to the food bank, and "
        "we could not have opened three days a week without them.",
    ]
    sign_off = ["With thanks,", "Mary Shaw", "Coordinator", "01632 960555"]
    page = [*text, *sign_off, "foodbank.example.org", "Leave a Reply"]
    kept_and_gone("\n".join(page) + "\n", keep=["foodbank.example.org"], gone=["Leave a Reply"])
    footer = [*text, "foodbank.example.org"]
    assert removed("\n".join(footer) + "\n") == {
        "foodbank.example.org": "boilerplate.shape.hostname"
    }


#: Whole article pages of shapes no earlier test had: (page, chrome lines that go). Every
#: other non-blank line is the article's and must stay.
PAGES: dict[str, tuple[list[str], list[str]]] = {
    "liveblog with timestamps": (
        [
            "Storm Ciara: live updates",
            "Last updated 14:52",
            "14:52",
            "The Met Office has extended the amber warning to Sunday night.",
            "14:31",
            "Trains between Leeds and York are cancelled for the rest of the day.",
            "13:58",
            "A tree has fallen on the A61 near Harewood.",
            "Police ask drivers to avoid the road.",
            "13:20",
            "Gusts of 80 mph recorded at Capel Curig.",
            "Share this page",
            "Facebook",
            "Twitter",
            "Email",
        ],
        ["Share this page", "Facebook", "Twitter", "Email"],
    ),
    "court report with short quoted lines": (
        [
            "Man jailed for stealing lawnmowers from allotments",
            "By Kate Morris, Court Reporter",
            "A man who stole eleven lawnmowers from allotment sheds across the city has "
            "been jailed for two years.",
            "Asked by the judge why he did it, he said:",
            '"Money."',
            '"For what?"',
            '"Rent."',
            "Judge Alan Price told him the thefts had caused real distress to elderly gardeners.",
            "Sentence",
            "Two years.",
            "Related Articles",
            "Read more",
        ],
        ["Related Articles", "Read more"],
    ),
    "product review with spec lines": (
        [
            "Kestrel X2 review: a light tent for two",
            "Rating: 4/5",
            "Price: £249",
            "Weight: 1.4 kg",
            "Pitched size: 210 x 130 cm",
            "Poles: 2",
            "The Kestrel X2 is the lightest two-person tent we have tested this year, and "
            "it pitches in under five minutes.",
            "Pros",
            "Light",
            "Quick to pitch",
            "Cons",
            "Small porch",
            "Verdict",
            "A fine tent for fast summer trips.",
            "Buy now",
        ],
        ["Buy now"],
    ),
    "travel itinerary by day": (
        [
            "Ten days in Sicily",
            "Day 1",
            "Palermo",
            "We landed at noon and walked straight to the market at Ballarò for lunch.",
            "Day 2",
            "Cefalù",
            "The train along the coast takes an hour, and the beach is five minutes from "
            "the station.",
            "Day 3",
            "Etna",
            "A guided walk to the craters of 2002, in boots borrowed from the guide.",
            "Leave a comment",
        ],
        ["Leave a comment"],
    ),
    "obituary": (
        [
            "Margaret Anne Bell",
            "1931 - 2024",
            "Margaret Anne Bell, of Millbrook, died peacefully at home on March 2, aged 92.",
            "She was born in Leeds and taught at Millbrook Primary School for thirty years.",
            "She is survived by",
            "her son, Peter",
            "her daughter, Jane",
            "five grandchildren",
            "Funeral service",
            "St Mary's Church, Millbrook",
            "Friday, March 15, 2024",
            "11:00",
            "In lieu of flowers, donations may be made to the Millbrook Hospice.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "church newsletter": (
        [
            "St Mary's Parish News",
            "Advent 2024",
            "From the Vicar",
            "Dear friends, as the nights draw in we look forward to the light of Christmas, "
            "and to welcoming many of you to our services.",
            "Services",
            "Sunday 1 December",
            "10:00 Parish Communion",
            "18:00 Advent Carols",
            "Sunday 8 December",
            "10:00 Family Service",
            "Flower rota",
            "Mrs Hill",
            "Mr and Mrs Shah",
            "With every blessing,",
            "Revd Anne Cole",
            "Print this page",
        ],
        ["Print this page"],
    ),
    "scientific abstract with affiliations": (
        [
            "Soil moisture and the timing of spring flowering in upland meadows",
            "Jane Smith1, Ravi Patel2, Lena Vogel1",
            "1 Department of Ecology, University of Millbrook, UK",
            "2 Institute of Botany, Riverside College, UK",
            "Abstract",
            "We recorded the first flowering dates of 42 species in twelve upland meadows "
            "over eight years and related them to soil moisture in March.",
            "Keywords",
            "phenology; soil moisture; meadows",
            "Received: 3 May 2023",
            "Accepted: 9 October 2023",
            "Download PDF",
        ],
        ["Download PDF"],
    ),
    "podcast show notes": (
        [
            "Episode 112: Bread with Anna Roe",
            "In this episode Anna Roe tells us how she turned her grandmother's sourdough "
            "into a bakery with nine staff.",
            "Show notes",
            "00:00 Introduction",
            "03:15 The first loaf",
            "17:40 Opening the bakery",
            "41:05 What comes next",
            "Links",
            "www.roebakery.example.com",
            "Share this:",
        ],
        ["Share this:"],
    ),
    "forum question and answers": (
        [
            "Boiler pressure keeps dropping",
            "Posted by tomh",
            "The pressure on my combi drops from 1.5 to 0.5 bar in about two days. No "
            "leaks that I can see.",
            "Reply",
            "Quote",
            "jenny_k",
            "Check the pressure relief valve pipe outside. If it drips, that is your leak.",
            "Reply",
            "Quote",
            "tomh",
            "Thanks, it was the valve!",
            "Reply",
            "Quote",
        ],
        ["Reply", "Quote"],
    ),
    "poem with short lines and a dedication": (
        [
            "Tide",
            "for my father",
            "Out,",
            "and in,",
            "and out again:",
            "the sea",
            "keeps time",
            "for men.",
            "Grey gull,",
            "green weed,",
            "the slow",
            "salt creed.",
            "Share this:",
            "Like Loading...",
        ],
        ["Share this:", "Like Loading..."],
    ),
    "minutes of a meeting": (
        [
            "Minutes of the Parish Council meeting",
            "Held on 4 March 2024 at the Village Hall",
            "Present",
            "Cllr A. Hill (Chair)",
            "Cllr B. Shah",
            "Cllr C. Jones",
            "Apologies",
            "Cllr D. Rees",
            "1. The minutes of the last meeting were approved.",
            "2. The Clerk reported that the bus shelter has been repaired at a cost of £420.",
            "Next meeting",
            "8 April 2024",
            "Print this page",
        ],
        ["Print this page"],
    ),
    "long read with a kicker over its title": (
        [
            "The long read",
            "Part two",
            "How a small town saved its railway",
            "When the line closed in 1965 the town lost its station, its goods yard and "
            "most of its shops within ten years.",
            "By Helen Carr",
            "It took forty years and a great many volunteers to bring the trains back to "
            "the valley, and this is how they did it.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "scripture with verse numbers": (
        [
            "Psalm 23",
            "1",
            "The Lord is my shepherd; I shall not want.",
            "2",
            "He maketh me to lie down in green pastures: he leadeth me beside the still waters.",
            "3",
            "He restoreth my soul: he leadeth me in the paths of righteousness for his "
            "name's sake.",
            "Share on Facebook",
        ],
        ["Share on Facebook"],
    ),
    "packing list after an advertisement": (
        [
            "What to pack for a week on the Camino",
            "After three pilgrimages I have learned to carry less each time, and this is "
            "the list I would give a friend walking for the first time.",
            "Advertisement",
            "Sunscreen",
            "Hat",
            "Two pairs of socks",
            "Rain jacket",
            "Buen Camino!",
        ],
        ["Advertisement"],
    ),
    "bibliography under an essay": (
        [
            "Why medieval bridges last",
            "Most medieval bridges that survive were built of stone on piers set in the "
            "river bed, and many carried traffic for five hundred years before cars.",
            "References",
            "Harrison, D. (2004). The Bridges of Medieval England. Oxford.",
            "Boyer, M. (1976). Medieval French Bridges. Cambridge, MA.",
            "Share this:",
        ],
        ["Share this:"],
    ),
    "blog post with a signature and its labels": (
        [
            "Our first harvest",
            "We planted the beds in April, and this week we picked the first beans, a "
            "basket of courgettes and more tomatoes than we can eat.",
            "Next year we will plant fewer courgettes.",
            "xoxo,",
            "Mel",
            "Labels: garden, vegetables",
            "Newer Post Older Post Home",
        ],
        ["Labels: garden, vegetables", "Newer Post Older Post Home"],
    ),
    "Dutch club newsletter": (
        [
            "Nieuwsbrief Tennisclub De Linde",
            "Juni 2024",
            "Van het bestuur",
            "Beste leden, de zomer is begonnen en de banen liggen er prachtig bij.",
            "Agenda",
            "15 juni: Open dag",
            "22 juni: Clubkampioenschappen",
            "29 juni: Barbecue",
            "Met sportieve groet,",
            "Het bestuur",
            "Deel dit bericht",
        ],
        ["Deel dit bericht"],
    ),
    "Polish recipe": (
        [
            "Pierogi z kapustą i grzybami",
            "Czas przygotowania: 90 minut",
            "Porcje: 4",
            "Składniki",
            "500 g mąki",
            "250 ml ciepłej wody",
            "1 łyżka oleju",
            "Przygotowanie",
            "Mąkę przesiej do miski, dodaj wodę i olej, a potem wyrabiaj ciasto przez "
            "dziesięć minut.",
            "Smacznego!",
            "Udostępnij",
        ],
        ["Udostępnij"],
    ),
    "Japanese diary with its hours": (
        [
            "京都旅行記",
            "2023年4月8日",
            "10:30",
            "朝早く京都駅に着いて、まず清水寺へ向かいました。",
            "桜がちょうど満開で、とてもきれいでした。",
            "14:00",
            "午後は嵐山で竹林を歩きました。",
            "コメント",
        ],
        ["コメント"],
    ),
    "Portuguese local news": (
        [
            "Prefeitura conclui obra na ponte do rio Verde",
            "Por Ana Souza",
            "15/03/2024 - 10h32",
            "A prefeitura concluiu nesta sexta-feira a reforma da ponte sobre o rio Verde, "
            "fechada desde janeiro.",
            "Segundo o secretário de obras, o custo foi de R$ 1,2 milhão.",
            "Leia também",
        ],
        ["Leia também"],
    ),
    "Spanish match ticker": (
        [
            "Real Zaragoza 2 - 1 Huesca",
            "Minuto a minuto",
            "90'",
            "Final del partido en La Romareda.",
            "78'",
            "Gol del Zaragoza, de cabeza tras un córner.",
            "45'",
            "Descanso.",
            "Comparte esta noticia",
        ],
        ["Comparte esta noticia"],
    ),
    "German press release with its contact block": (
        [
            "Stadtwerke eröffnen neues Kundenzentrum",
            "Pressemitteilung",
            "Die Stadtwerke haben am Montag ihr neues Kundenzentrum in der Bahnhofstraße "
            "eröffnet, mit längeren Öffnungszeiten und einem Beratungsraum.",
            "Pressekontakt",
            "Anna Berger",
            "Tel. 0123 45678",
            "presse@stadtwerke.example.de",
            "www.stadtwerke.example.de",
            "Teilen",
            "Drucken",
        ],
        ["Teilen", "Drucken"],
    ),
    "French obituary": (
        [
            "Jean Martin nous a quittés",
            "1938 - 2024",
            "Jean Martin, ancien maire de la commune, est décédé le 3 mars à l'âge de 86 "
            "ans, entouré des siens.",
            "Les obsèques auront lieu",
            "le samedi 9 mars",
            "à 10 h 30",
            "en l'église Saint-Pierre.",
            "Partager",
        ],
        ["Partager"],
    ),
    "Italian match report with its scorers": (
        [
            "Il Bari vince il derby",
            "Bari 2",
            "Lecce 1",
            "Marcatori:",
            "12' Rossi",
            "55' Bianchi",
            "80' Verdi",
            "Il Bari ha vinto il derby davanti a ventimila tifosi, con due gol nel primo "
            "tempo e una difesa solida nella ripresa.",
            "Leggi anche",
        ],
        ["Leggi anche"],
    ),
    "Russian news with its dateline": (
        [
            "В городе открыли новый мост",
            "12 марта 2024, 14:20",
            "Новый мост через реку открыли в среду после двух лет строительства.",
            "По мосту пойдут автобусы и трамваи.",
            "Фото: пресс-служба мэрии",
            "Читайте также",
        ],
        ["Читайте также"],
    ),
    "Turkish recipe": (
        [
            "Mercimek çorbası",
            "Hazırlık süresi: 10 dakika",
            "Pişirme süresi: 30 dakika",
            "Malzemeler",
            "1 su bardağı kırmızı mercimek",
            "1 adet soğan",
            "6 su bardağı su",
            "Soğanı yağda kavurun, mercimeği ve suyu ekleyip otuz dakika pişirin, sonra "
            "blenderdan geçirin.",
            "Afiyet olsun!",
            "Paylaş",
        ],
        ["Paylaş"],
    ),
    "stock market report": (
        [
            "Markets close higher on bank results",
            "London's main index closed up 1.2 per cent on Thursday after two of the big banks "
            "reported profits above forecasts.",
            "FTSE 100",
            "7,612.4",
            "+1.2%",
            "FTSE 250",
            "19,044.8",
            "+0.8%",
            "Pound",
            "$1.27",
            "Related Articles",
        ],
        ["Related Articles"],
    ),
    "election results": (
        [
            "Millbrook ward by-election result",
            "The Green candidate won the Millbrook ward by-election on Thursday with a majority "
            "of 212 votes.",
            "Anna Hill (Green)",
            "1,104",
            "Peter Shah (Labour)",
            "892",
            "Tom Rees (Conservative)",
            "455",
            "Turnout: 31%",
            "Share this:",
        ],
        ["Share this:"],
    ),
    "timeline of years": (
        [
            "A short history of the town library",
            "The library has moved four times since it opened in a room above the market hall.",
            "1892",
            "Opens above the market hall with 800 books.",
            "1931",
            "Moves to the old bank on High Street.",
            "1978",
            "New building opens on Church Lane.",
            "2024",
            "Council votes to build a new library.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "transcript with speaker names": (
        [
            "Transcript: Episode 40",
            "SARAH:",
            "Welcome back to the show. Today we are talking about allotments.",
            "TOM:",
            "Thanks for having me.",
            "SARAH:",
            "So how long is the waiting list now?",
            "TOM:",
            "About four years in our town.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "table of contents at the top of a long guide": (
        [
            "Contents",
            "Choosing a site",
            "Preparing the soil",
            "What to plant first",
            "Watering",
            "A beginner's guide to growing vegetables",
            "Growing your own vegetables is easier than it looks, and a small bed of two metres "
            "square can feed a family with salad all summer.",
            "Choosing a site",
            "Pick the sunniest spot you have, away from trees and close to a tap.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "classified ad": (
        [
            "For sale: child's bicycle",
            "£40",
            "Red, 16-inch wheels, with stabilisers. Used for one summer, in very good condition.",
            "Collection only, Millbrook.",
            "Call 07700 900123",
            "Report this ad",
        ],
        ["Report this ad"],
    ),
    "FAQ page": (
        [
            "Frequently asked questions",
            "When is the pool open?",
            "Every day from 7 am to 9 pm, except Christmas Day.",
            "Do I need to book?",
            "No.",
            "Is there parking?",
            "Yes, 40 spaces behind the building.",
            "Was this page helpful?",
        ],
        ["Was this page helpful?"],
    ),
    "restaurant menu page": (
        [
            "Our menu",
            "Starters",
            "Soup of the day",
            "£5",
            "Garlic mushrooms",
            "£6",
            "Mains",
            "Fish and chips",
            "£14",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "Spanish recipe with steps": (
        [
            "Tortilla de patatas",
            "Ingredientes",
            "4 patatas",
            "6 huevos",
            "1 cebolla",
            "Paso 1",
            "Pela y corta las patatas en láminas finas.",
            "Paso 2",
            "Fríe las patatas y la cebolla a fuego lento durante veinte minutos.",
            "Paso 3",
            "Bate los huevos, mezcla y cuaja la tortilla por los dos lados.",
            "Comparte esta noticia",
        ],
        ["Comparte esta noticia"],
    ),
    "German club report with results": (
        [
            "Vereinsmeisterschaft 2024",
            "Am Samstag kämpften 24 Spielerinnen und Spieler um den Titel, bei bestem Wetter und "
            "vor vielen Zuschauern.",
            "Ergebnisse",
            "1. Anna Berger",
            "2. Jonas Keller",
            "3. Lea Roth",
            "Wir gratulieren allen Teilnehmern!",
            "Teilen",
        ],
        ["Teilen"],
    ),
    "Indonesian article with its editor line": (
        [
            "Warga gotong royong bersihkan saluran air",
            "Minggu, 12 Mei 2024 08:15 WIB",
            "Warga Desa Sukamaju bergotong royong membersihkan saluran air pada hari Minggu pagi "
            "untuk mencegah banjir.",
            "Kepala desa mengatakan kegiatan ini akan dilakukan setiap bulan.",
            "Penulis: Rina",
            "Editor: Budi",
            "Baca Juga",
        ],
        ["Baca Juga"],
    ),
    "photo essay with captions repeating alt text": (
        [
            "A winter walk on the moor",
            "We set out at dawn with the frost still on the heather, and walked for six hours "
            "without meeting anyone.",
            "Frost on the heather at dawn",
            "Frost on the heather at dawn",
            "The path climbs steeply past the old quarry before it levels out on the ridge.",
            "The ridge at noon",
            "By noon the sun had burned off the mist and we could see the sea.",
            "Share",
        ],
        ["Share"],
    ),
    "list of links in a resource article": (
        [
            "Useful contacts for new parents",
            "These are the services in our area that new parents told us they found most useful "
            "in the first year.",
            "Health visitors",
            "Baby groups",
            "Breastfeeding support",
            "Postnatal fitness",
            "Each of them is free and most can be reached by phone or by dropping in.",
            "Follow us on Facebook",
        ],
        ["Follow us on Facebook"],
    ),
    "author line over an opinion piece": (
        [
            "Opinion",
            "Why our town needs a bus station",
            "Helen Carr",
            "Helen Carr is a retired teacher and a member of the town's transport group.",
            "Every day I watch people wait in the rain on the high street for buses that may or "
            "may not come, with nowhere to sit and nothing to tell them when the next one is due.",
            "A bus station would change that.",
        ],
        ["Opinion"],
    ),
    "hashtag campaign article": (
        [
            "#PlasticFreeJuly: how one street went plastic-free",
            "The residents of Elm Street signed up to #PlasticFreeJuly together this year, and "
            "after four weeks they say they will never go back.",
            "#PlasticFreeJuly",
            "The campaign started in Australia in 2011 and now has millions of participants.",
            "Share this article",
        ],
        ["Share this article"],
    ),
    "photo credit lines in a gallery": (
        [
            "In pictures: the county show",
            "Thousands of visitors came to the county show on Saturday for the cattle, the dog "
            "agility and the cake competition.",
            "The champion bull, Monarch, with his owner.",
            "Photo: Ana Lima",
            "Children in the dog agility ring.",
            "Photo: Ana Lima",
            "The winning Victoria sponge.",
            "Photo: Tom Reed",
            "Share this gallery",
        ],
        ["Share this gallery"],
    ),
    "French recipe with short steps": (
        [
            "Crêpes faciles",
            "Pour 12 crêpes",
            "250 g de farine",
            "4 œufs",
            "50 cl de lait",
            "Mélangez la farine et les œufs.",
            "Ajoutez le lait petit à petit.",
            "Laissez reposer une heure.",
            "Bon appétit !",
            "Imprimer la recette",
        ],
        ["Imprimer la recette"],
    ),
    "German obituary notice": (
        [
            "Nachruf",
            "Wir trauern um",
            "Hans Becker",
            "* 12. März 1940",
            "† 2. Mai 2024",
            "In Liebe und Dankbarkeit",
            "Deine Familie",
            "Die Trauerfeier findet am Freitag, den 10. Mai, um 14 Uhr in der Friedhofskapelle "
            "statt.",
            "Teilen",
        ],
        ["Teilen"],
    ),
    "Dutch news with a short quote line": (
        [
            "Nieuwe brug over de Vecht geopend",
            "Door Sanne de Vries",
            "De nieuwe fietsbrug over de Vecht is zaterdag geopend door de burgemeester, na twee "
            "jaar bouwen.",
            '"Eindelijk!"',
            "Dat zei een van de fietsers die als eerste over de brug reed.",
            "Lees ook",
        ],
        ["Lees ook"],
    ),
    "date line between share rows at the top": (
        [
            "Share on Facebook",
            "March 4, 2024",
            "Share on Twitter",
            "Council approves new library",
            "The council voted on Tuesday to fund the new library, after a long debate "
            "about costs and the choice of site.",
        ],
        ["Share on Facebook", "Share on Twitter"],
    ),
    "short answers of a quiz": (
        [
            "Friday quiz: ten questions on the week's news",
            "How well did you follow the news this week? Answers at the bottom of the "
            "page, no peeking.",
            "1. Which town won the best high street award?",
            "2. How many goals did Rovers score on Saturday?",
            "Answers",
            "Millbrook",
            "Three",
            "Share this:",
        ],
        ["Share this:"],
    ),
    "list of countries in a travel article": (
        [
            "Where you can travel without a visa",
            "Holders of the new passport can now travel to these countries without a "
            "visa for stays of up to ninety days.",
            "France",
            "Germany",
            "Italy",
            "Spain",
            "Portugal",
            "Check the rules before you book, as they can change at short notice.",
            "Share this article",
        ],
        ["Share this article"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_more_article_pages_keep_every_line(name: str) -> None:
    lines, chrome = PAGES[name]
    article = [x for x in lines if x not in chrome]
    kept_and_gone("\n".join(lines) + "\n", keep=article, gone=chrome)


def _ranked_rows_walking(values: list[int | None]) -> set[int]:
    """The ranked table's cells as ``shape._ranked_rows`` defines them, each chain walked
    from each of its numbers (``None``: a line that is no bare number)."""
    value = {k: v for k, v in enumerate(values) if v is not None}
    out: set[int] = set()
    if len(value) < 3:
        return out
    for k, v in value.items():
        if k in out:
            continue
        for stride in range(2, 7):
            rows = [k]
            while value.get(rows[-1] + stride) == v + len(rows):
                rows.append(rows[-1] + stride)
            if len(rows) < 3:
                continue
            cells = [
                [r + off for r in rows]
                for off in range(1, stride)
                if all(r + off in value for r in rows)
            ]
            if cells:
                out.update(rows)
                for column in cells:
                    out.update(column)
            break
    return out


def test_ranked_rows_read_each_chain_once() -> None:
    """``_ranked_rows`` finds the cells the definition walks to, on pages of numbers and
    words drawn at random, and a long numbered list costs it linear time (each number
    does not walk the list below it again; work counted in lines of code run, see
    ``tests/steps.py``)."""
    import random

    from tests.steps import grows_linearly, steps
    from textclean.stages.boilerplate import shape
    from textclean.stages.boilerplate.layout import layout_lines

    def lines(values: list[int | None]) -> list:
        text = "\n".join("Rovers" if v is None else str(v) for v in values) + "\n"
        return [x for x in layout_lines(text) if x.text]

    rng = random.Random(7)
    for _ in range(3000):
        values = [rng.choice([None, None, 1, 2, 3, 4, 5, 45]) for _ in range(rng.randint(0, 30))]
        if rng.random() < 0.5:  # a table's rows, with a gap or a wrong rank now and then
            stride = rng.randint(2, 6)
            values = [None] * stride * 8
            for r in range(8):
                values[r * stride] = r + 1 if rng.random() < 0.9 else 9
                for off in range(1, stride):
                    values[r * stride + off] = rng.choice([None, 40 + r])
        assert shape._ranked_rows(lines(values)) == _ranked_rows_walking(values), values

    def cost(n: int) -> int:
        numbered = lines([v for i in range(n) for v in (i + 1, None)])  # no column
        return steps(lambda: shape._ranked_rows(numbered))

    assert grows_linearly(cost, 120)


def test_a_bullet_on_its_own_line_above_its_entry_stays_with_it() -> None:
    """Some extractions write a list's bullet on one line and the entry on the next: the
    bullet is the entry's marker, not an empty entry (``shape.empty_item``), and goes
    only with its entry or where no entry follows."""
    items = ["3 eggs", "1 cup of sugar (200 g)", "1 cup of milk", "A pinch of salt"]
    recipe = "\n".join(["Sponge cake that never fails", PARA.strip(), "You will need:"])
    marked = "".join(f"-\n{item}\n" for item in items)
    assert removed(recipe + "\n" + marked) == {}
    # bullets with nothing under them are the residue of entries that were images
    empty = "".join(f"{item}\n-\n\n" for item in items)
    got = removed(recipe + "\n" + empty)
    assert set(got) == {"-"} and got["-"] == "boilerplate.shape.empty_item"


def test_a_host_name_in_the_authors_credit_over_the_text_stays() -> None:
    """A club newsletter's column credits its author with a byline, the club's site and
    an e-mail address at it over the text: the site is the credit's, not a masthead's."""
    credit = [
        "Notes from the Workshop",
        "By Ruth Okafor, Chair, Valley Woodturners Club",
        "April 2021 newsletter",
        "www.valleyturners.example.org",
        "chair (at) valleyturners.example.org",
    ]
    text = "\n".join(credit) + "\n\n" + BODY
    assert "www.valleyturners.example.org" not in removed(text)
    bare = ["Notes from the Workshop", "www.valleyturners.example.org"]
    assert removed("\n".join(bare) + "\n\n" + BODY).get("www.valleyturners.example.org") == (
        "boilerplate.shape.hostname"
    )
