"""A persistent dedup index with --resume, and index settings checked at start."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEEDS, cli_env, read_jsonl, run_cli, summary_of, tree_bytes
from textclean.config import DedupConfig
from textclean.dedup.corpus import CorpusDeduper, find_duplicates

NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
TEXTS = [(SEEDS / name).read_text(encoding="utf-8") for name in NAMES]


def edited(text: str, tag: str) -> str:
    """The text with its last sentence replaced: a near-copy (Jaccard well above 0.8)."""
    return text.rsplit(".", 2)[0] + f". Republished by {tag} with permission."


def indexed_ids(index: Path) -> list[str]:
    with sqlite3.connect(index) as db:
        return [r[0] for r in db.execute("SELECT doc_id FROM docs ORDER BY id")]


def test_the_same_run_key_decides_again_and_inserts_nothing(tmp_path: Path) -> None:
    index = str(tmp_path / "i.sqlite")
    find_duplicates([("old/1", TEXTS[1])], index=index)
    batch = [("a", TEXTS[0]), ("b", TEXTS[1]), ("c", TEXTS[2]), ("c2", edited(TEXTS[2], "X"))]
    expected = {"b": "old/1", "c2": "c"}
    assert find_duplicates(batch, index=index, run_key="run-7") == expected
    assert indexed_ids(Path(index)) == ["old/1", "a", "c"]
    # The same run again (a resume after the commit): same verdicts, no document
    # taken for a copy of itself, nothing inserted twice.
    dd = CorpusDeduper(DedupConfig(index=index, run_key="run-7"))
    dd.add_many(batch)
    result = dd.finish()
    assert result.duplicate_of() == expected
    assert result.indexed == 2
    assert indexed_ids(Path(index)) == ["old/1", "a", "c"]
    # Another run (another key) sees the batch in the index, as before.
    got = find_duplicates(batch, index=index, run_key="run-8")
    assert got == {"a": "a", "b": "old/1", "c": "c", "c2": "c"}
    # Without a key, a run is never taken for an earlier one.
    assert find_duplicates([("z", TEXTS[0])], index=index) == {"z": "a"}


def test_the_same_run_key_ignores_documents_indexed_after_it(tmp_path: Path) -> None:
    index = str(tmp_path / "i.sqlite")
    assert find_duplicates([("a", TEXTS[0])], index=index, run_key="first") == {}
    # A later run indexes a document that the first run's batch would match ...
    assert find_duplicates([("late", TEXTS[3])], index=index, run_key="second") == {}
    # ... but the first run, resumed, sees the index as it was when it committed.
    batch = [("a", TEXTS[0]), ("d", TEXTS[3])]
    assert find_duplicates(batch, index=index, run_key="first") == {}
    assert find_duplicates(batch, index=index, run_key="third") == {"a": "a", "d": "late"}


KILL_AFTER_FINISH = """
import os, signal, sys
from textclean.dedup import corpus

finish = corpus.CorpusDeduper.finish


def finish_then_die(self):
    result = finish(self)  # the index transaction is committed here
    os.kill(os.getpid(), signal.SIGKILL)  # killed before any output is written


corpus.CorpusDeduper.finish = finish_then_die
from textclean.cli import main

sys.exit(main(sys.argv[1:]))
"""


def test_kill_between_index_commit_and_write_then_resume(tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    old = tmp_path / "old"
    old.mkdir()
    (old / "earlier.txt").write_text(TEXTS[1], encoding="utf-8")
    r = run_cli("clean", str(old), "-o", str(tmp_path / "o1"), "--index", str(index), "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    (src / "copy.txt").write_text(edited(TEXTS[2], "Y"), encoding="utf-8")
    before = index.read_bytes()
    args = ["clean", str(src), "--index", str(index), "--workers", "1", "--quiet"]

    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_FINISH, *args, "-o", str(out)],
        env=cli_env(),
        cwd=REPO,
        capture_output=True,
    )
    assert killed.returncode == -9, killed.stderr.decode()
    assert not (out / ".textclean" / "summary.json").exists()
    after_kill = indexed_ids(index)
    assert len(after_kill) == 1 + 4  # the killed run committed its 4 kept documents

    r = run_cli(*args, "-o", str(out), "--resume")
    assert r.returncode == 0, r.stderr.decode()
    assert indexed_ids(index) == after_kill  # nothing inserted twice
    rejects = read_jsonl(out / ".textclean" / "rejects.jsonl")
    assert sorted((x["id"], x["duplicate_of"]) for x in rejects) == [
        (NAMES[1], "earlier.txt"),
        ("copy.txt", NAMES[2]),
    ]

    # The same run never interrupted, from the same index state: byte-identical.
    index.write_bytes(before)
    reference = tmp_path / "reference"
    r = run_cli(*args, "-o", str(reference))
    assert r.returncode == 0, r.stderr.decode()
    assert tree_bytes(out) == tree_bytes(reference)
    assert indexed_ids(index) == after_kill
    assert summary_of(out)["dedup"]["duplicates"] == 2


def test_an_index_with_other_settings_fails_before_any_work(tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    find_duplicates([("a", TEXTS[0])], index=str(index), bands=32, rows=4)
    out = tmp_path / "out"
    r = run_cli("clean", str(SEEDS), "-o", str(out), "--index", str(index), "--workers", "1")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "bands=32, rows=4; this run uses bands=16, rows=8" in err
    assert "process" not in err  # no progress line: the stages never ran
    assert not out.exists()  # nothing was written
    # not an index at all
    junk = tmp_path / "notes.sqlite"
    junk.write_text("some notes\n" * 100)
    r = run_cli("clean", str(SEEDS), "-o", str(out), "--index", str(junk))
    assert r.returncode == 2 and b"not a textclean dedup index" in r.stderr
    assert not out.exists()
    # a directory that does not exist
    r = run_cli("clean", str(SEEDS), "-o", str(out), "--index", str(tmp_path / "no" / "i.db"))
    assert r.returncode == 2 and b"does not exist" in r.stderr
    assert not out.exists()
