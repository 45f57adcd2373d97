"""The examples in README.md and docs/ run, so the documentation cannot rot.

A fenced block whose info string carries the word ``runnable`` is run:

* ``python runnable``: executed in a fresh namespace, in a temporary folder that holds
  a copy of ``seeds/``; a line ``expression  # literal`` (a Python literal after the
  ``#``) is also checked: the expression must equal the literal;
* ``sh runnable``: run by ``bash -e`` in such a folder, ``textclean`` being this
  checkout's CLI;
* ``toml runnable``: a valid config (``Config.from_toml``);
* ``json runnable``: valid JSON.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from textclean import Config

REPO = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    path: str
    line: int
    lang: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def runnable_blocks() -> list[Block]:
    paths = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            words = m.group(1).split()
            if "runnable" in words:
                line = text.count("\n", 0, m.start()) + 1
                out.append(Block(path.relative_to(REPO).as_posix(), line, words[0], m.group(2)))
    return out


BLOCKS = runnable_blocks()


def test_the_documentation_has_runnable_examples() -> None:
    langs = {b.lang for b in BLOCKS}
    assert {"python", "sh", "toml"} <= langs
    assert sum(b.path == "README.md" for b in BLOCKS) >= 4


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _checked_lines(code: str) -> list[tuple[str, object]]:
    """``expression  # literal`` lines: the expression and the literal it must equal."""
    out = []
    for line in code.splitlines():
        expr, sep, comment = line.partition("  # ")
        if not sep or not expr.strip() or expr.startswith((" ", "#")):
            continue
        try:
            ast.parse(expr.strip(), mode="eval")
            want = ast.literal_eval(comment.strip())
        except (SyntaxError, ValueError):
            continue
        out.append((expr.strip(), want))
    return out


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "python"], ids=str)
def test_python_examples_run(block: Block, workdir: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec(compile(block.code, str(block), "exec"), namespace)
    for expr, want in _checked_lines(block.code):
        assert eval(expr, namespace) == want, f"{block}: {expr}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "sh"], ids=str)
def test_shell_examples_run(block: Block, workdir: Path) -> None:
    bin_dir = workdir / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "textclean"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m textclean "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run(
        ["bash", "-e", "-c", block.code], cwd=workdir, env=env, capture_output=True, timeout=300
    )
    assert r.returncode == 0, f"{block}: {r.stderr.decode(errors='replace')[-2000:]}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "toml"], ids=str)
def test_config_examples_are_valid(block: Block, tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(block.code, encoding="utf-8")
    Config.from_toml(path)


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "json"], ids=str)
def test_json_examples_parse(block: Block) -> None:
    json.loads(block.code)
