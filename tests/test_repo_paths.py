"""No tracked file names a path of the machine it was developed on, or a file outside
the repository: what is committed must make sense in any checkout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

#: Absolute paths of a development machine: its work, temporary and home directories.
#: (Written in pieces so that this file does not match itself.)
_ROOTS = "|".join(["wo" + "rk", "t" + "mp", "ro" + "ot", "ho" + "me"])
ABSOLUTE = re.compile(rf"(?<![\w.~/$-])/(?:{_ROOTS})/")
#: A relative path climbing out of the folder it is written in (``../x``).
CLIMB = re.compile(r"(?<![\w.])(?:\.\./)+[\w.-]+")
#: A markdown file named in capitals (like the README): it must exist in the repository.
CAPS_MD = re.compile(r"\b[A-Z][A-Z0-9_-]+\.md\b")

#: Documents under test (news articles, manuals, the Jargon File): their own text, not
#: ours, may mention any path (a manual explaining the home directory).
CORPORA = ("seeds/", "tests/data/prose/", "tests/data/prose_sample.jsonl", "bench/despin/")
CORPUS_SUFFIXES = (".txt", ".jsonl")


def tracked_text_files() -> list[tuple[str, str]]:
    """(path, text) of every tracked file that is text (binary files are skipped)."""
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    out = []
    for raw in names:
        name = raw.decode()
        if not name or not (REPO / name).is_file():
            continue
        if name.startswith(CORPORA) and name.endswith(CORPUS_SUFFIXES):
            continue
        data = (REPO / name).read_bytes()
        if b"\0" in data:
            continue
        try:
            out.append((name, data.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return out


def problems(name: str, text: str, existing: set[str]) -> list[str]:
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        for m in ABSOLUTE.finditer(line):
            found.append(f"{name}:{n}: absolute path {line[m.start() : m.start() + 40]!r}")
        for m in CLIMB.finditer(line):
            target = (REPO / name).parent / m.group(0)
            if not target.resolve().is_relative_to(REPO.resolve()):
                found.append(f"{name}:{n}: outside the repository: {m.group(0)!r}")
        for m in CAPS_MD.finditer(line):
            if m.group(0) not in existing:
                found.append(f"{name}:{n}: names {m.group(0)!r}, which is not in the repository")
    return found


@pytest.fixture(scope="module")
def files() -> list[tuple[str, str]]:
    return tracked_text_files()


def test_tracked_files_name_no_machine_path_and_no_file_outside(
    files: list[tuple[str, str]],
) -> None:
    existing = {Path(name).name for name, _ in files}
    found = [p for name, text in files for p in problems(name, text, existing)]
    assert found == []


def test_the_check_finds_what_it_is_for(files: list[tuple[str, str]]) -> None:
    assert len(files) > 100 and any(name == "README.md" for name, _ in files)
    existing = {"README.md"}
    home = "/" + "home/dev/textclean/out"
    bad = (
        f"cached in {home}\n"
        "see `" + "/" + "tmp/bench.json`\n"
        "notes in ../" + "shared/NOTES" + ".md\n"
        "and SOME-NOTES" + ".md\n"
    )
    found = problems("x.md", bad, existing)  # at the top of the repository
    assert [f.split(": ", 1)[1].split(" ", 1)[0] for f in found] == [
        "absolute",
        "absolute",
        "outside",
        "names",
        "names",
    ]
    fine = (
        "OUT/.textclean/work/journal.jsonl, [README](../README.md), $HOME/x, ~/"
        "tmp/y, "
        "README.md and https://example.org/home/page\n"
    )
    assert problems("docs/x.md", fine, existing) == []
