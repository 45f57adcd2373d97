"""Shared by the boilerplate rule-family tests: the stage with the built-in rules,
the pages the tests place chrome lines in, and what the stage removes from a text,
line by line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from textclean.config import BoilerplateConfig, Config
from textclean.document import Document
from textclean.rules import RulePack
from textclean.stages import boilerplate

#: The boilerplate stage with the built-in rule pack and the default config.
STAGE = boilerplate.build(Config(), RulePack.load(()))

#: The rules shipped off (``enabled = false``) because they lost article lines on
#: sites no rule had seen (docs/boilerplate.md, "Rules shipped off"). The tests of
#: what they take and of their guards run them switched on by ``enable``.
SHIPPED_OFF = (
    "boilerplate.shape.top_label",
    "boilerplate.shape.sandwich",
    "boilerplate.shape.chrome_run",
    "boilerplate.stub.bare_number",
    "boilerplate.teaser.snippet",
    "boilerplate.ui.hashtag_labels",
    "boilerplate.shape.stutter",
    "boilerplate.teaser.off_topic_run",
    "boilerplate.shape.masthead",
    "boilerplate.shape.dangling_lead",
)

#: The boilerplate stage with the shipped-off rules switched on.
OPT_IN_STAGE = boilerplate.build(
    Config(boilerplate=BoilerplateConfig(enable=SHIPPED_OFF)), RulePack.load(())
)

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


def removed_opt_in(text: str) -> dict[str, str]:
    """:func:`removed` with the shipped-off rules switched on (:data:`OPT_IN_STAGE`)."""
    return removed(text, OPT_IN_STAGE)


def between(lines: Iterable[str], sep: str = "\n") -> str:
    """``lines`` (joined by ``sep``) between two copies of :data:`BODY`: the middle of
    a page, where only the zone-free rules may remove them."""
    return BODY + sep.join(lines) + "\n" + BODY


def at_top(lines: Iterable[str]) -> str:
    """``lines`` at the top of a page of two copies of :data:`BODY`."""
    return "\n".join(lines) + "\n" + BODY + BODY


def at_bottom(lines: Iterable[str]) -> str:
    """``lines`` at the bottom of a page of two copies of :data:`BODY`."""
    return BODY + BODY + "\n".join(lines) + "\n"


def after_body(*lines: str) -> str:
    """``lines`` right after one copy of :data:`BODY`, ending the page."""
    return BODY + "\n".join(lines) + "\n"


def inside_body(line: str) -> str:
    """``line`` after the first line of :data:`BODY`, inside the article."""
    first, *rest = BODY.splitlines()
    return "\n".join([first, line, *rest]) + "\n"


def kept_and_gone(
    text: str, keep: list[str], gone: list[str], opt_in: bool = False
) -> dict[str, str]:
    """Assert that no line of ``keep`` is removed from ``text`` and every line of
    ``gone`` is; the removals, for further checks. ``opt_in``: with the rules shipped
    off switched on (:data:`OPT_IN_STAGE`)."""
    got = removed(text, OPT_IN_STAGE) if opt_in else removed(text)
    assert not set(keep) & set(got), {k: got[k] for k in set(keep) & set(got)}
    assert set(gone) <= set(got), set(gone) - set(got)
    return got


def removed_inside(line: str) -> tuple[str | None, set[str]]:
    """``line`` inside the article (:func:`inside_body`): the rule that removes it
    (None when it stays) and the lines of :data:`BODY` removed with it."""
    got = removed(inside_body(line))
    return got.get(line), set(got) & set(BODY.splitlines())


def anywhere_tests(
    table: dict[str, str],
) -> tuple[Callable[[str], None], Callable[[str], None]]:
    """The two tests of a table of zone-free strings (line → the rule that removes it):
    each line goes, by its rule and alone, right after the article and inside it.

    Bind both to ``test_*`` names in a test module; pytest runs each once per line."""

    @pytest.mark.parametrize("chrome", list(table))
    def after_the_article(chrome: str) -> None:
        assert removed(after_body(chrome)) == {chrome: table[chrome]}

    @pytest.mark.parametrize("chrome", list(table))
    def inside_the_article(chrome: str) -> None:
        assert removed_inside(chrome) == (table[chrome], set())

    return after_the_article, inside_the_article


def kept_between_tests(
    kept: str, removed_too: dict[str, str] | None = None
) -> Callable[[str], None]:
    """The test that no line of ``kept`` (article lines that share words with chrome
    strings) is removed between two copies of :data:`BODY`, one line to a line and one
    to a paragraph; ``removed_too``: lines among them that must go, and by which rule.

    Bind it to a ``test_*`` name in a test module; pytest runs it once per layout."""

    @pytest.mark.parametrize("sep", ["\n", "\n\n"], ids=["lines", "paragraphs"])
    def kept_between_article_lines(sep: str) -> None:
        assert removed(between(kept.splitlines(), sep)) == (removed_too or {})

    return kept_between_article_lines


def cli_boilerplate(tmp_path: Path, rows: list[dict], config: str | None = None) -> dict[str, str]:
    """``textclean clean`` (the boilerplate stage alone, no dedup) over ``rows`` written
    as a JSONL file, with ``config`` as its ``--config`` file when given: each output
    record's id -> text."""
    from tests.conftest import read_jsonl, run_cli

    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = ["clean", str(src), "-o", str(tmp_path / "out"), "--stages", "boilerplate"]
    if config is not None:
        cfg = tmp_path / "textclean.toml"
        cfg.write_text(config, encoding="utf-8")
        args += ["--config", str(cfg)]
    r = run_cli(*args, "--no-dedup", "--quiet")
    assert r.returncode == 0, r.stderr
    return {row["id"]: row["text"] for row in read_jsonl(tmp_path / "out" / "pages.jsonl")}
