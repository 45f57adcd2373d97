"""despin repair decisions: the article a spinner leaves before a swapped word
("an train") says how the original word begins, and an original the frequency prior
chose against the neighbour words is left alone.

The texts are written for these tests.
"""

from __future__ import annotations

from typing import Any

from tests.despin_texts import SPUN
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages.despin import build

#: the repair's rules alone, without the learned second look (redecide.py)
FIRST_LOOK = {"redecide": False}

TRACE = "Staff ran an train every spring, and a elementary rule was kept.\n"


def _tail(doc: Document) -> list[tuple[str, str, dict[str, Any]]]:
    return [(e.before, e.after, e.evidence) for e in doc.edits if e.start >= len(SPUN)]


def test_the_article_the_spinner_left_chooses_the_original() -> None:
    stage = build(Config().replace(despin=FIRST_LOOK), RulePack.load())
    doc = stage(Document("d", SPUN + TRACE))
    assert doc.scores["spun"] is True
    want = "Staff ran an exercise every spring, and a fundamental rule was kept.\n"
    assert doc.text.endswith(want)
    traces = {before: ev.get("article_trace") for before, _after, ev in _tail(doc)}
    assert traces == {"train": "an", "elementary": "a"}


def test_without_the_article_trace_the_match_is_weighed_as_usual() -> None:
    off = build(Config().replace(despin={"article_trace": False, **FIRST_LOOK}), RulePack.load())
    doc = off(Document("d", SPUN + TRACE))
    # "train" is ordinary English: without the trace its odds do not carry it
    assert "ran an train every" in doc.text
    assert not [ev for _b, _a, ev in _tail(doc) if "article_trace" in ev]


def test_an_article_agreeing_with_the_spun_word_is_no_trace() -> None:
    stage = build(Config(), RulePack.load())
    trace = stage._article_trace
    a = stage.analyse(SPUN + "They set up an enterprise and a train line.\n")
    toks = a.tokens
    by_word = {a.keys[m.i]: m for m in a.matches}
    assert trace(toks, by_word["enterprise"]) is None  # "an enterprise": as English writes it
    assert trace(toks, by_word["train"]) is None


def test_no_original_agreeing_with_the_trace_leaves_a_t2_match() -> None:
    stage = build(Config(), RulePack.load())
    entry = stage.tables.entries["massive"]
    assert all(stage._article(alt.lower()) == "a" for alt in stage._candidates(entry))
    # "an massive": the spinner wrote over a word that began with a vowel, and the
    # table's originals ("large", "big", ...) all begin with a consonant
    doc = stage(Document("d", SPUN + "It looked like an massive crowd.\n"))
    assert "like an massive crowd" in doc.text
    plain = stage(Document("d", SPUN + "The crowd was massive and loud.\n"))
    assert [before for before, _a, _ev in _tail(plain)] == ["massive"]


def test_the_neighbours_favouring_another_original_leave_the_match() -> None:
    stage = build(Config(), RulePack.load())
    prefers = stage._context_prefers_other
    others = [("b", True, 1.0, {"bigram_ratio": 6.0})]
    assert prefers(1.0, others)  # another original fits six times better
    assert prefers(2.9, others)
    assert not prefers(3.1, others)  # less than alternative_margin (2) times better
    assert not prefers(1.0, [("b", True, 1.0, {"bigram_ratio": 1.0})])  # silent: no verdict


def test_the_context_check_can_be_turned_off() -> None:
    on = build(Config().replace(despin=FIRST_LOOK), RulePack.load())
    off = build(
        Config().replace(despin={"context_alternative": False, **FIRST_LOOK}), RulePack.load()
    )
    entry = on.tables.entries["govt"]
    weighed = {alt: on._weigh(entry, alt, None, "spending", None) for alt in on._candidates(entry)}
    best = max(weighed, key=lambda alt: weighed[alt][1])
    fits = max(weighed, key=lambda alt: float(weighed[alt][2]["bigram_ratio"]))
    # the odds and the neighbours disagree here: the check has something to decide
    assert best != fits
    line = "Then came govt spending for all.\n"
    kept = [before for before, _a, _ev in _tail(on(Document("d", SPUN + line)))]
    changed = [before for before, _a, _ev in _tail(off(Document("d", SPUN + line)))]
    assert "govt" not in kept
    assert "govt" in changed


def test_consistency_does_not_overrule_the_article_trace() -> None:
    stage = build(Config(), RulePack.load())
    # "burden" restored leads consistency, which would reach "an burden" (silent
    # neighbours: without the article trace it does) but for the article that rules
    # every original out
    lead = "The fire was a burden for days, and burden losses followed.\n"
    text = SPUN + lead + "It was an burden here.\n"
    doc = stage(Document("d", text))
    restored = [(before, after) for before, after, _ev in _tail(doc)]
    assert restored == [("burden", "weight")]
    assert "It was an burden here." in doc.text
    off = build(Config().replace(despin={"article_trace": False}), RulePack.load())
    off_doc = off(Document("d", text))
    *_, (before, after, evidence) = _tail(off_doc)
    assert (before, after) == ("burden", "weight") and evidence.get("consistency") is True
    assert "It was an burden here." not in off_doc.text
