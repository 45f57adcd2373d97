"""``boilerplate.shape.repeated_label``: a short label printed once per item of a list
(a podcast list's "Listen later" and durations, a search page's tags) goes, every copy;
a play's speaker names, a song's refrain, section breaks, table cells, event dates and
field labels repeated as often stay.

Every page below is written for these tests (no third-party text).
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, removed

RULE = "boilerplate.shape.repeated_label"


def test_a_podcast_lists_buttons_and_durations_go() -> None:
    items = []
    for title, length in (
        ("Episode 12: The river and the mill", "41:07"),
        ("Episode 11: Winter on the allotment", "38:52"),
        ("Episode 10: A visit to the bell foundry", "44:30"),
    ):
        items += [title, length, "Listen later", "Add to playlist", length]
    page = BODY + "\n".join(items) + "\n"
    gone = removed(page)
    assert gone.get("Listen later") == RULE
    assert gone.get("Add to playlist") == RULE
    for title in items[::5]:
        assert title not in gone  # the episodes' titles stay


def test_a_search_pages_tags_under_each_result_go() -> None:
    results = []
    for title in (
        "Minister opens new school hall",
        "Rural bus routes funded",
        "Reading programme for primary schools",
    ):
        results += [title, "• Education", "• Budget 2024"]
    page = BODY + "\n".join(results) + "\n"
    gone = removed(page)
    assert gone.get("• Education") == RULE and gone.get("• Budget 2024") == RULE


PLAY = """\
ANNA
Where were you last night, when the lights went out across the whole street?
TOMAS
I was at the station, waiting for a train that never came, as usual.
ANNA
You could have called me from the platform, there is a telephone there.
TOMAS
The telephone was broken, and so was the clock above the ticket office.
"""

SONG = """\
Down by the harbour the boats are coming in
Let it go
The nets are full and the gulls are circling round
Let it go
We will sing until the evening tide is turning
Let it go
"""

TABLE = """\
Feature
Basic
Premium
Offline maps
Yes
Yes
Voice guidance
No
Yes
Speed alerts
Yes
Yes
"""

EVENTS = """\
Jun 25
Choir rehearsal in the church hall
Jun 25
Book swap at the library
Jun 25
Evening walk along the canal
"""

FIELDS = """\
Action:
Close the northern footpath during the works.
Action:
Repaint the crossing by the school.
Action:
Replace the broken lamp posts.
"""

BREAKS = "* * *\n"


def test_speakers_refrains_tables_dates_fields_and_breaks_stay() -> None:
    for block in (PLAY, SONG, TABLE, EVENTS, FIELDS):
        assert removed(BODY + block + BODY) == {}, block
    story = BODY + BREAKS + BODY + BREAKS + BODY + BREAKS + BODY
    assert removed(story) == {}
