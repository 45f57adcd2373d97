"""Rule families for chrome of real pages, the shape rules and the literal screen.

Every page and sentence below is written for these tests (no third-party text).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from tests.boilerplate_helpers import BODY, OPT_IN_STAGE, STAGE, after_body, removed, removed_inside
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate.screen import normalize, required_literals

DATA = Path(__file__).resolve().parent / "data"


# One chrome line per family, each placed after the article (where comment forms,
# stubs and credits sit) or before it (labels); expected rule id by reading it.
FAMILIES = {
    "Your email address will not be published. Required fields are marked *": (
        "boilerplate.comments.form"
    ),
    "Deine E-Mail-Adresse wird nicht veröffentlicht.": "boilerplate.comments.form",
    "Votre adresse e-mail ne sera pas publiée.": "boilerplate.comments.form",
    "Tu dirección de correo electrónico no será publicada.": "boilerplate.comments.form",
    "Il tuo indirizzo email non sarà pubblicato.": "boilerplate.comments.form",
    "O seu endereço de email não será publicado.": "boilerplate.comments.form",
    "Je e-mailadres wordt niet gepubliceerd.": "boilerplate.comments.form",
    "Alamat email Anda tidak akan dipublikasikan.": "boilerplate.comments.form",
    "Please enter your comment!": "boilerplate.comments.form",
    "You are commenting using your WordPress.com account. ( Log Out / Change )": (
        "boilerplate.comments.form"
    ),
    "Posting Komentar": "boilerplate.comments.form",
    "No comments:": "boilerplate.comments.form",
    "Comments are closed.": "boilerplate.comments.form",
    "0 Response to “The library vote”": "boilerplate.comments.form",
    "Discover more from The Town Ledger": "boilerplate.cta.subscribe",
    "To read the full article, please subscribe now.": "boilerplate.cta.subscribe",
    "Click here to subscribe": "boilerplate.cta.subscribe",
    "Source link": "boilerplate.stub.source_link",
    "Read the full article Here": "boilerplate.stub.source_link",
    "Continue reading “The library vote” →": "boilerplate.stub.source_link",
    "Read more: Council approves the new bus routes": "boilerplate.stub.read_also",
    "Baca juga: Dewan kota menyetujui anggaran baru": "boilerplate.stub.read_also",
    "[ad_1]": "boilerplate.stub.template_token",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.": "boilerplate.stub.template_token",
    "https://cdn.example.org/uploads/2024/05/library-plan.jpg": "boilerplate.stub.template_token",
    "1 of 51": "boilerplate.stub.counter",
    "1,099 views0 comments": "boilerplate.stub.counter",
    "Powered by Blogger.": "boilerplate.footer.credits",
    "© 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.": "boilerplate.footer.rights_reserved",
    "Do Not Sell My Personal Information": "boilerplate.privacy.notice",
    "Share this article: Facebook Twitter Email": "boilerplate.social.share",
    "Publicidade": "boilerplate.ads.advertisement",
}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_family_removes_its_line_after_the_article_and_keeps_the_article(chrome: str) -> None:
    got = removed(after_body(chrome))
    assert got == {chrome: FAMILIES[chrome]}


@pytest.mark.parametrize("chrome", list(FAMILIES))
def test_each_family_removes_its_line_inside_the_article(chrome: str) -> None:
    assert removed_inside(chrome) == (FAMILIES[chrome], set())


def test_teaser_heading_in_another_language_cuts_the_list_below_it() -> None:
    text = BODY + "Artikel Terkait\nDewan kota menyetujui anggaran\nJalan baru dibuka minggu ini\n"
    got = removed(text)
    assert set(got) == {
        "Artikel Terkait",
        "Dewan kota menyetujui anggaran",
        "Jalan baru dibuka minggu ini",
    }


# Article sentences that use the words of the new rules: none may go.
SENTENCES = """\
Your email address will be shared with the election office only if you ask for a ballot.
Comments from residents are closed to the press until the hearing ends next week.
She said the source of the leak was found in the basement after two days of searching.
Read more books, the librarian told the children, and you will never be bored in winter.
Powered by solar panels, the library will need no power from the grid in summer.
One of the 51 members abstained, and the motion passed with a comfortable majority.
Lorem is the name of the architect's dog, and it sat through the whole meeting quietly.
Discover more about the town's history at the museum, which opens on Saturday mornings.
The photographer uploaded the images to the archive, where anyone may look at them.
Click the link in the confirmation e-mail to finish registering for the public tour.
Subscribers to the town newsletter learned about the vote a day before everyone else.
Share prices of the construction firm rose after the council announced the contract.
"""


def test_article_sentences_with_the_new_trigger_words_are_kept() -> None:
    for sep in ("\n", "\n\n"):
        text = sep.join(SENTENCES.splitlines()) + "\n"
        assert removed(text) == {}


def test_short_article_lines_at_the_top_and_in_lists_are_kept() -> None:
    # a title, a byline and a date above the text; an ingredient list inside it
    text = (
        "Library Vote\nBy Ana Souza\nMarch 3, 2024\n"
        + BODY
        + "2 cups flour\n3 eggs\n1 cup milk\n"
        + BODY
    )
    assert removed(text) == {}


def test_top_label_above_a_title_goes_with_its_features_in_the_audit() -> None:
    doc = OPT_IN_STAGE(
        Document("t", "Webinars\nManaging Users in a Column Database Today\n" + BODY)
    )
    assert [e.rule for e in doc.edits] == ["boilerplate.shape.top_label"]
    ev = doc.edits[0].evidence
    assert ev["words"] == 1 and ev["next_words"] == 7 and ev["sentence_end"] is False


def test_top_label_needs_a_title_below_it() -> None:
    for text in (
        "Webinars\n" + BODY,  # the text follows directly
        "Webinars\nManaging users well matters.\n" + BODY,  # a dek ending a sentence
        "Webinars\nBy Ana Souza and Tom Reyes Jr\n" + BODY,  # a byline
        "2024 Edition\nManaging Users in a Column Database Today\n" + BODY,  # a digit
        "webinars\nmanaging users in a column database today\n" + BODY,  # a list, not a label
    ):
        assert removed(text) == {}, text


def test_shape_rules_can_be_switched_off_in_a_user_pack(tmp_path: Path) -> None:
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "off.toml").write_text("[shape.top_label]\nenabled = false\n")
    st = boilerplate.build(Config(), RulePack.load((str(tmp_path),)))
    assert removed("Webinars\nManaging Users in a Column Database Today\n" + BODY, st) == {}


def test_learned_rules_are_left_out_for_their_sites() -> None:
    text = BODY + "Rent or buy this article\n"
    assert removed(text) == {"Rent or buy this article": "boilerplate.learned.publisher_paywall"}
    cfg = Config().replace(boilerplate={"exclude_learned_from": ["nature.com"]})
    assert removed(text, boilerplate.build(cfg, RulePack.load(()))) == {}


def test_clean_prose_in_five_languages_loses_nothing() -> None:
    docs = [json.loads(x)["text"] for x in (DATA / "prose_sample.jsonl").read_text().splitlines()]
    docs += [p.read_text(encoding="utf-8") for p in sorted((DATA / "prose").glob("*.txt"))]
    touched = [d[:60] for d in docs if STAGE(Document("t", d)).edits]
    assert touched == []


# ------------------------------------------------------------------ the literal screen

PATTERNS = [
    r"(?:please\s+)?follow us\b\W*",
    r"(?:\d{1,5}|one|no)\s+(?:responses?|thoughts?)\s+(?:to|on)\s+[^.!?]{1,150}",
    r"(?:copyright\s*)?(?:©|\(c\))\s*\d{4}.{0,80}\ball rights reserved\W*",
    r"discover more from .{1,100}",
    r"(?:[^.!?\n]{1,80}[.!?]\s+){0,2}(?:please\s+)?(?:subscribe|sign up)\s+"
    r"(?:to|for)\s+our newsletter",
]
LINES = [
    "Follow   us",
    "FOLLOW US!",
    "3 Responses to the plan",
    "© 2024 Example. All rights reserved.",
    "Discover More from The Ledger",
    "Great news. Please subscribe\tto our newsletter",
    "An ordinary sentence that matches nothing at all.",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_line_a_pattern_matches_contains_one_of_its_required_strings(pattern: str) -> None:
    req = required_literals(pattern)
    assert req is not None
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for line in LINES:
        if compiled.fullmatch(line):
            assert any(x in normalize(line) for x in req), (pattern, line, req)


def test_screened_stage_gives_the_same_removals_as_trying_every_rule() -> None:
    unscreened = boilerplate.BoilerplateStage(
        STAGE.config,
        STAGE.rules,
        anywhere=None,  # the rule-by-rule loop, no screen, no alternation
        shape=STAGE.shape,
        model=STAGE.model,
    )
    page = BODY + "\n".join(FAMILIES) + "\n" + SENTENCES
    a, b = STAGE(Document("t", page)), unscreened(Document("t", page))
    assert a.text == b.text
    assert [(e.rule, e.before) for e in a.edits] == [(e.rule, e.before) for e in b.edits]
