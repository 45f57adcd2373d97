"""Shared by the boilerplate rule-family tests: the stage with the built-in rules,
and what it removes from a text, line by line."""

from __future__ import annotations

from textclean.config import Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate

#: The boilerplate stage with the built-in rule pack and the default config.
STAGE = boilerplate.build(Config(), RulePack.load(()))

#: Three sentences of an article, written for the tests: chrome goes above or below them.
BODY = (
    "The council voted on Tuesday to fund the new library, after a long debate about costs.\n"
    "Residents who spoke at the meeting mostly supported the plan, though some asked for more.\n"
    "Construction is expected to start in the spring and to last about eighteen months.\n"
)


def removed(text: str, st: boilerplate.BoilerplateStage = STAGE) -> dict[str, str]:
    """Removed non-blank line (stripped) → the rule id that removed it."""
    doc = st(Document("t", text))
    out = {}
    for e in doc.edits:
        for ln in e.before.splitlines():
            if ln.strip():
                out[ln.strip()] = e.rule
    return out
