"""The stored screen analyses of the built-in boilerplate rules
(``textclean/stages/boilerplate/screen_store.json``): current, read, and only a
shortcut (a stage built without them is the same stage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.boilerplate_helpers import BODY, removed
from textclean.config import Config
from textclean.rules import RulePack
from textclean.stages import boilerplate
from textclean.stages.boilerplate import screen


def test_the_store_is_current_for_the_builtin_rules() -> None:
    # stale after a rule pattern or the analysis code changed:
    # run `python bench/boilerplate/screen_store.py`
    assert screen.STORE.read_text(encoding="utf-8") == screen.store_text()


@pytest.mark.parametrize("seed", ["1", "7"])
def test_the_store_does_not_depend_on_the_hash_seed(seed: str) -> None:
    # the analysis iterates sets of strings, whose order follows the hash seed; the
    # store (and so the screen) must come out the same whatever the seed
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = (
        "import sys\nfrom textclean.stages.boilerplate import screen\n"
        "sys.stdout.write(screen.store_text())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out == screen.STORE.read_text(encoding="utf-8")


def test_a_store_written_for_other_code_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(screen.STORE.read_text(encoding="utf-8"))
    pattern = next(iter(data["all_atoms"]))
    data["all_atoms"][pattern] = ["(a planted answer)"]
    planted = tmp_path / "store.json"
    planted.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(screen, "STORE", planted)
    screen._clear_caches()
    try:
        assert screen.all_atoms(pattern) == frozenset({"(a planted answer)"})  # read
        data["key"] = "written for other code"
        planted.write_text(json.dumps(data), encoding="utf-8")
        screen._clear_caches()
        assert screen.all_atoms(pattern) != frozenset({"(a planted answer)"})  # ignored
    finally:
        screen._clear_caches()


def test_a_stage_built_without_the_store_removes_the_same_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "Home | News | Sport | Weather\n"
        + BODY
        + "Share this article: Facebook Twitter Email\n"
        + "Leave a Reply\nYour email address will not be published.\n"
        + "Related posts:\nCopyright © 2024 Valley Gazette. All rights reserved.\n"
    )
    with_store = removed(page)
    assert with_store  # the page has chrome the built-in rules know
    monkeypatch.setattr(screen, "STORE", tmp_path / "absent.json")
    screen._clear_caches()
    try:
        fresh = boilerplate.build(Config(), RulePack.load(()))
        assert removed(page, fresh) == with_store
    finally:
        screen._clear_caches()
