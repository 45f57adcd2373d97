"""The boilerplate stage's later passes skip the zone-free rules on lines they missed.

A pass that removes something is followed by another over what is left (see
``BoilerplateStage.__call__``). The later pass does not try the zone-free line rules
again on a line text they all missed before; these tests check, on random pages and
on the seeds, that the result (text, edits, scores) is the one of running every rule
on every pass.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
from pathlib import Path

from tests.boilerplate_helpers import OPT_IN_STAGE
from textclean.config import Config
from textclean.document import Change, Document
from textclean.stages import boilerplate
from textclean.stages.boilerplate import stage as stage_module
from textclean.stages.boilerplate.stage import BoilerplateStage

ROOT = Path(__file__).resolve().parent.parent

#: With the rules shipped off switched on: their context rules (a line taken because
#: its neighbours were) are what later passes exist for.
STAGE = OPT_IN_STAGE


@dataclasses.dataclass(frozen=True)
class _EveryRuleEveryPass(BoilerplateStage):
    """The stage as it was: each pass tries every rule on every line, and lays out the
    lines of its text again (not from the lines the pass before kept)."""

    def _one_pass(
        self,
        text: str,
        no_anywhere: frozenset[str] | set[str] = frozenset(),
        memo: stage_module._Memo | None = None,
        laid: list[stage_module.Line] | None = None,
        address: stage_module.Address = stage_module.NO_ADDRESS,
    ) -> tuple[list[Change], int, list[str], set[str], list[stage_module.Line]]:
        # nothing known, nothing shared, nothing laid out before
        return super()._one_pass(text, frozenset(), None, None, address)


def _like_stage(cls: type[BoilerplateStage]) -> BoilerplateStage:
    """A stage of class ``cls`` with the settings of :data:`STAGE` (and its own memo)."""
    return cls(**{f.name: getattr(STAGE, f.name) for f in dataclasses.fields(STAGE) if f.init})


FULL = _like_stage(_EveryRuleEveryPass)

#: Lines of made-up pages: prose, chrome the zone-free and zone-bound rules know,
#: headings, teaser pairs and lines that only look like chrome.
PROSE = [
    "The council voted on Tuesday to extend the library's opening hours through the winter.",
    "Residents had asked for longer evening hours since the reading room was renovated last year.",
    "The new schedule starts next month, and the budget for it comes from the parks fund.",
    "Officials said the change would be reviewed after six months of attendance figures.",
    "Several speakers at the meeting praised the staff for keeping the branch open during repairs.",
]
CHROME = [
    "Skip to content",
    "Menu",
    "Share on Facebook",
    "Share this article",
    "Subscribe to our newsletter",
    "Related Articles",
    "Advertisement",
    "Read more",
    "Sign up",
    "Log in",
    "Cookie settings",
    "Follow us on Twitter",
    "Table of Contents",
    "Privacy Policy",
    "Terms of Use",
    "Contact Us",
    "All rights reserved.",
    "Image 3 of 12",
    "Home | News | Sport",
    "More For You",
    "Print",
    "Email",
]
OTHER = [
    "Library hours",
    "Local news",
    "A short heading",
    "Weather",
    "Budget details",
    "Read more about the budget in our earlier report on the parks fund and its uses…",
    "What the council decided and why it matters for the reading room this winter...",
    "```",
    "x = 1",
    "",
    "",
    "   ",
]


def _page(rng: random.Random) -> str:
    lines: list[str] = []
    for _ in range(rng.randint(3, 40)):
        pool = rng.choice((PROSE, CHROME, CHROME, OTHER))
        line = rng.choice(pool)
        if rng.random() < 0.1:
            line = "  " + line
        lines.append(line)
        if rng.random() < 0.2:  # a label repeated around a prompt: the later pass's work
            lines += [rng.choice(CHROME), line]
        if rng.random() < 0.3:
            lines.append("")
    if rng.random() < 0.4:  # the same at the top of the page, above the text
        # (labels the text does not name: a title naming it, printed twice, stays)
        label = rng.choice(("Town desk", "Local news", "Weather", "City notes"))
        lines[:0] = [label, rng.choice(CHROME), label]
    end = rng.choice(("\n", "\r\n", "\r"))
    return end.join(lines) + rng.choice(("", end))


def _result(doc: Document) -> tuple[object, ...]:
    return (doc.text, [e.to_dict() for e in doc.edits], doc.scores, doc.dropped)


def test_later_passes_give_the_result_of_every_rule_on_every_pass(monkeypatch) -> None:
    rng = random.Random(16)
    pages = [_page(rng) for _ in range(600)]
    full = [_result(FULL(Document(str(k), text))) for k, text in enumerate(pages)]
    for k, text in enumerate(pages):
        assert _result(STAGE(Document(str(k), text))) == full[k], text
    # the later passes were exercised: on many pages they removed more
    monkeypatch.setattr(stage_module, "MAX_PASSES", 1)
    once = [_result(STAGE(Document(str(k), text))) for k, text in enumerate(pages)]
    assert sum(a != b for a, b in zip(once, full, strict=True)) > 40


def test_later_passes_on_the_seeds_and_bench_pages() -> None:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "bench" / "despin" / "clean").glob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _result(STAGE(Document("t", text))) == _result(FULL(Document("t", text)))


def test_a_line_a_pass_missed_is_not_tried_again() -> None:
    # The prompt between the labels goes in the first pass; the second removes the
    # repeated label and tries no zone-free rule on the prose it already missed.
    body = "\n".join(PROSE) + "\n"
    text = "Related Articles\nSubscribe to our newsletter\nRelated Articles\n" + body
    seen: list[frozenset[str]] = []
    laid_out: list[bool] = []  # whether a pass got its lines from the pass before

    @dataclasses.dataclass(frozen=True)
    class Spy(BoilerplateStage):
        def _one_pass(
            self,
            text: str,
            no_anywhere: frozenset[str] | set[str] = frozenset(),
            memo: stage_module._Memo | None = None,
            laid: list[stage_module.Line] | None = None,
            address: stage_module.Address = stage_module.NO_ADDRESS,
        ) -> tuple[list[Change], int, list[str], set[str], list[stage_module.Line]]:
            seen.append(frozenset(no_anywhere))
            laid_out.append(laid is not None)
            if laid is not None:  # the lines the pass before kept are the text's lines
                assert laid == stage_module.layout_lines(text)
            return super()._one_pass(text, no_anywhere, memo, laid, address)

    spy = _like_stage(Spy)
    doc = spy(Document("t", text))
    assert "Subscribe to our newsletter" not in doc.text
    assert len(seen) >= 2 and seen[0] == frozenset()
    assert set(PROSE) <= seen[1]
    assert laid_out[:2] == [False, True]
    assert _result(doc) == _result(FULL(Document("t", text)))


def _stage_result(doc: Document, first_edit: int = 0) -> tuple[object, ...]:
    scores = {k: v for k, v in doc.scores.items() if k.startswith("boilerplate.")}
    return (doc.text, [e.to_dict() for e in doc.edits[first_edit:]], scores, doc.dropped)


def test_called_again_on_the_same_document_as_on_a_new_one() -> None:
    """The pipeline's settling pass calls the stage again on a document that other
    stages changed since: what the stage remembers of the document's lines
    (``stage._Memo``) gives the result of a fresh call on the new text."""
    rng = random.Random(17)
    checked = 0
    for k in range(300):
        doc = Document(str(k), _page(rng))
        STAGE(doc)
        lines = doc.text.split("\n")
        if len(lines) < 3:
            continue
        for _ in range(rng.randint(1, 3)):  # what repeats would take: a few lines
            del lines[rng.randrange(len(lines))]
        doc.text = "\n".join(lines)
        before = len(doc.edits)
        again = _stage_result(FULL(Document(str(k), doc.text)))
        STAGE(doc)
        assert _stage_result(doc, before) == again, doc.text
        checked += 1
    assert checked > 150


def test_the_memo_belongs_to_one_stage_and_one_document() -> None:
    # Two stages built with different settings never share what they learnt of a
    # page's lines: each keeps the memo of its own last document.
    strict = boilerplate.build(Config().replace(boilerplate={"prose_min_words": 3}), None)
    text = "Related Articles\n" + "\n".join(PROSE) + "\n"
    doc = Document("t", text)
    mine = stage_module._memo_for(STAGE, doc)
    assert stage_module._memo_for(strict, doc) is not mine
    assert stage_module._memo_for(STAGE, doc) is mine  # the other stage took nothing of it
    other = Document("u", text)
    first = stage_module._memo_for(STAGE, other)
    assert first is not stage_module._memo_for(STAGE, doc)
    # a stage sent to another process starts without a memo
    assert pickle.loads(pickle.dumps(STAGE)).memo_slot.last is None
