"""The persistent SQLite dedup index (textclean.dedup.index)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textclean.config import ConfigError, DedupConfig
from textclean.dedup.corpus import CorpusDeduper, find_duplicates
from textclean.dedup.index import DedupIndex, IndexSettingsError, index_settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def edited(text: str, tag: str) -> str:
    """The text with its last sentence replaced: a near-copy (Jaccard well above 0.8)."""
    return text.rsplit(".", 2)[0] + f". Republished by {tag} with permission."


def test_second_run_dedups_against_the_first(tmp_path: Path) -> None:
    index = str(tmp_path / "seen.sqlite")
    first = [("run1/a", SEEDS[0]), ("run1/b", SEEDS[1]), ("run1/b-copy", edited(SEEDS[1], "X"))]
    assert find_duplicates(first, index=index) == {"run1/b-copy": "run1/b"}
    second = [("run2/a", edited(SEEDS[0], "Y")), ("run2/c", SEEDS[2]), ("run2/c2", SEEDS[2])]
    dd = CorpusDeduper(DedupConfig(index=index))
    dd.add_many(second)
    result = dd.finish()
    assert result.duplicate_of() == {"run2/a": "run1/a", "run2/c2": "run2/c"}
    assert result.index_matches == 1
    assert result.indexed == 1  # run2/c
    with sqlite3.connect(index) as db:
        ids = [r[0] for r in db.execute("SELECT doc_id FROM docs ORDER BY id")]
    assert ids == ["run1/a", "run1/b", "run2/c"]
    # A third run sees both earlier runs.
    third = [("run3/c", edited(SEEDS[2], "Z")), ("run3/b", SEEDS[1]), ("run3/d", SEEDS[3])]
    assert find_duplicates(third, index=index) == {"run3/c": "run2/c", "run3/b": "run1/b"}


def test_indexed_documents_win_over_the_keep_rule(tmp_path: Path) -> None:
    index = str(tmp_path / "i.sqlite")
    find_duplicates([("z-old", SEEDS[0])], index=index)
    longer = SEEDS[0] + " An extra closing paragraph that makes this copy longer."
    found = find_duplicates([("a-new", longer)], index=index, keep="longest")
    assert found == {"a-new": "z-old"}
    found = find_duplicates([("0-new", longer + " x")], index=index, keep="lowest_id")
    assert found == {"0-new": "z-old"}


def test_other_settings_fail_with_a_clear_error(tmp_path: Path) -> None:
    index = str(tmp_path / "i.sqlite")
    find_duplicates([("a", SEEDS[0])], index=index)
    with pytest.raises(
        IndexSettingsError, match=r"bands=16, rows=8; this run uses bands=32, rows=4"
    ):
        find_duplicates([("b", SEEDS[1])], index=index, bands=32, rows=4)
    with pytest.raises(IndexSettingsError, match=r"seed=1; this run uses seed=2"):
        find_duplicates([("b", SEEDS[1])], index=index, seed=2)
    with pytest.raises(IndexSettingsError, match=r"ngram=5; this run uses ngram=3"):
        CorpusDeduper(DedupConfig(index=index, ngram=3))
    with pytest.raises(IndexSettingsError, match=r"num_perm=128.*num_perm=64"):
        CorpusDeduper(DedupConfig(index=index, num_perm=64, bands=8))
    # a threshold or keep change is fine: they do not change what is stored
    assert find_duplicates([("b", SEEDS[0])], index=index, threshold=0.9, keep="longest") == {
        "b": "a"
    }
    assert issubclass(IndexSettingsError, ConfigError)


def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes, not a database\n" * 50)
    with pytest.raises(IndexSettingsError, match="not a textclean dedup index"):
        CorpusDeduper(DedupConfig(index=str(junk)))
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('format', '\"something-else\"')")
    with pytest.raises(IndexSettingsError, match="not a textclean dedup index"):
        CorpusDeduper(DedupConfig(index=str(other)))
    with pytest.raises(IndexSettingsError, match="directory"):
        CorpusDeduper(DedupConfig(index=str(tmp_path)))


def test_settings_are_recorded(tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    cfg = DedupConfig(index=str(index), seed=4, num_perm=64, bands=16, rows=4, ngram=3)
    CorpusDeduper(cfg).finish()
    with sqlite3.connect(index) as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["scheme"] == '"affine32"'
    assert (meta["seed"], meta["num_perm"], meta["bands"], meta["rows"]) == ("4", "64", "16", "4")
    assert (meta["ngram"], meta["shingling"]) == ("3", '"word"')
    assert index_settings(cfg)["shingle_hash"] in meta["shingle_hash"]


def test_a_failed_run_leaves_the_index_unchanged(tmp_path: Path, monkeypatch) -> None:
    index = str(tmp_path / "i.sqlite")
    find_duplicates([("a", SEEDS[0])], index=index)

    def boom(*args, **kwargs):
        raise RuntimeError("killed mid-run")

    dd = CorpusDeduper(DedupConfig(index=index))
    dd.add_many([("b", SEEDS[1]), ("c", SEEDS[2])])
    monkeypatch.setattr(DedupIndex, "add_documents", boom)
    with pytest.raises(RuntimeError, match="killed"):
        dd.finish()
    monkeypatch.undo()
    with sqlite3.connect(index) as db:
        assert db.execute("SELECT count(*) FROM docs").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM bands").fetchone()[0] == 16
    assert find_duplicates([("b2", SEEDS[1])], index=index) == {}


_WORKER = """
import json, sys, time
from pathlib import Path
from textclean.dedup.corpus import find_duplicates
index, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
seeds = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
own = seeds[1:3] if name == "left" else seeds[3:5]
docs = [(f"{name}/{i}", t) for i, t in enumerate(own)]
# both workers hold a near-copy of seed 0
docs.insert(0, (f"{name}/shared", seeds[0].rsplit(".", 2)[0] + ". Reported by " + name + "."))
while not go.exists():
    time.sleep(0.005)
print(json.dumps(find_duplicates(docs, index=index)))
"""


def test_two_concurrent_runs_into_one_index(tmp_path: Path) -> None:
    index = str(tmp_path / "shared.sqlite")
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, index, name, str(go)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    time.sleep(1.0)  # let both import and open the index
    go.touch()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out)
    results = [json.loads(o) for o in outs]
    # Each worker has two seeds of its own and a near-copy of seed 0: the only duplicate
    # is that near-copy, found by whichever run committed second.
    dropped = [r for r in results if r]
    assert len(dropped) == 1
    ((loser, winner),) = dropped[0].items()
    assert loser.endswith("/shared") and winner.endswith("/shared") and loser != winner
    with sqlite3.connect(index) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_docs = db.execute("SELECT count(*) FROM docs").fetchone()[0]
        n_bands = db.execute("SELECT count(DISTINCT doc) FROM bands").fetchone()[0]
        ids = {r[0] for r in db.execute("SELECT doc_id FROM docs")}
    assert len(SEEDS) == 5
    assert n_docs == n_bands == 5
    assert winner in ids and loser not in ids


def test_update_index_false_checks_without_adding(tmp_path: Path) -> None:
    base = " ".join(f"word{i}" for i in range(80))
    first = DedupConfig(index=str(tmp_path / "idx.sqlite"))
    find_duplicates([("a", base)], index=first.index)
    probe = CorpusDeduper(DedupConfig(index=first.index, update_index=False))
    probe.add("b", base)  # a copy of the indexed document
    probe.add("c", "completely different text about gardens and rain " * 5)
    result = probe.finish()
    assert result.duplicates["b"].kept_id == "a"
    assert result.indexed == 0
    # "c" was not added: a later run that repeats it keeps it
    later = find_duplicates(
        [("c2", "completely different text about gardens and rain " * 5)], index=first.index
    )
    assert later == {}


def test_dry_run_leaves_the_index_untouched(tmp_path: Path) -> None:
    from tests.conftest import REPO, run_cli

    index = tmp_path / "idx.sqlite"
    seeds = str(REPO / "seeds")
    r = run_cli(
        "clean",
        seeds,
        "-o",
        str(tmp_path / "dry"),
        "--dry-run",
        "--index",
        str(index),
        "--workers",
        "1",
        "--quiet",
    )
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli(
        "clean",
        seeds,
        "-o",
        str(tmp_path / "real"),
        "--index",
        str(index),
        "--workers",
        "1",
        "--quiet",
    )
    assert r.returncode == 0, r.stderr.decode()
    summary = json.loads((tmp_path / "real" / ".textclean" / "summary.json").read_text())
    assert summary["documents_out"] == 5  # nothing was indexed by the dry run
