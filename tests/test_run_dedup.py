"""Corpus dedup inside a run, against a fake deduper (the real one plugs in the same way)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assert_accounted, read_jsonl, tree_bytes
from textclean.config import Config
from textclean.run import RunOptions, run_clean


def corpus(root: Path) -> None:
    (root / "t").mkdir(parents=True)
    (root / "t" / "a.txt").write_text("Same story  here.\n")
    (root / "t" / "b.txt").write_text("Different story.\n")
    (root / "t" / "c.txt").write_text("same STORY here.")  # a duplicate of a.txt once cleaned
    (root / "t" / "d.txt").write_bytes(b"\x00binary")  # rejected while reading: never deduped
    rows = [
        {"id": "r1", "text": "Row one."},
        {"id": "r2", "text": "Different   story."},  # duplicate of t/b.txt
        {"id": "r1", "text": "Row one!"},  # repeated id
        {"id": "r4", "text": "Row one!"},  # duplicate of the repeated-id row
    ]
    (root / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_duplicates_go_to_rejects_with_duplicate_of(tmp_path: Path, fake_deduper) -> None:
    src = tmp_path / "src"
    corpus(src)
    out = tmp_path / "out"
    config = Config().replace(dedup={"index": str(tmp_path / "idx.sqlite"), "threshold": 0.9})
    result = run_clean(
        config, RunOptions([str(src)], str(out), workers=1), deduper_factory=fake_deduper
    )
    (deduper,) = fake_deduper.made
    # configured as asked, fed every kept document once, cleaned, in input order
    assert deduper.config.index == str(tmp_path / "idx.sqlite")
    assert deduper.config.threshold == 0.9
    assert [k for k, _ in deduper.added] == [
        "r1",
        "r2",
        "r1\x1f2",  # the second "r1": a key no other id can have
        "r4",
        "t/a.txt",
        "t/b.txt",
        "t/c.txt",
    ]
    assert deduper.added[1] == ("r2", "Different story.\n")

    rejects = {r["id"]: r for r in read_jsonl(out / ".textclean" / "rejects.jsonl")}
    assert {k: (v["reason"], v.get("duplicate_of")) for k, v in rejects.items()} == {
        "r4": ("duplicate", "r1"),  # the repeated-id row, by its real id ...
        "t/b.txt": ("duplicate", "r2"),
        "t/c.txt": ("duplicate", "t/a.txt"),
        "t/d.txt": ("binary: NUL byte at offset 0", None),
    }
    # ... and where it was read, since "r1" names two documents
    assert (rejects["r4"]["duplicate_of_source"], rejects["r4"]["duplicate_of_line"]) == (
        str(src / "rows.jsonl"),
        3,
    )
    assert rejects["t/c.txt"]["similarity"] == 1.0
    assert rejects["t/c.txt"]["text"] == "same STORY here.\n"  # in full, as cleaned
    assert not (out / "t" / "c.txt").exists() and (out / "t" / "a.txt").exists()
    assert [r["id"] for r in read_jsonl(out / "rows.jsonl")] == ["r1", "r2", "r1"]

    s = assert_accounted(out)
    assert s["rejected_by_reason"] == {"binary": 1, "duplicate": 3}
    assert s["dedup"] == {
        "enabled": True,
        "available": True,
        "clusters": 3,
        "duplicates": 3,
        "repeated_ids": 1,
    }
    report = {(r["id"], r["source"]): r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    assert report[("t/c.txt", str(src / "t" / "c.txt"))]["duplicate_of"] == "t/a.txt"
    assert result.exit_code == 1  # the binary file


def test_without_the_dedup_module_the_summary_says_so(tmp_path: Path) -> None:
    src = tmp_path / "src"
    corpus(src)
    result = run_clean(
        Config(), RunOptions([str(src)], str(tmp_path / "o"), workers=1), deduper_factory=None
    )
    assert result.summary["dedup"]["available"] is False
    assert "not part of this build" in result.summary["dedup"]["note"]
    assert result.summary["documents_out"] == 7


def test_no_dedup_option_skips_the_deduper(tmp_path: Path, fake_deduper) -> None:
    src = tmp_path / "src"
    corpus(src)
    config = Config().replace(dedup={"enabled": False})
    run_clean(
        config, RunOptions([str(src)], str(tmp_path / "o"), workers=1), deduper_factory=fake_deduper
    )
    assert fake_deduper.made == []


def test_dedup_is_identical_across_workers_and_after_resume(
    tmp_path: Path, fake_deduper, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    corpus(src)
    trees = []
    for n in (1, 2):
        out = tmp_path / f"w{n}"
        run_clean(
            Config(), RunOptions([str(src)], str(out), workers=n), deduper_factory=fake_deduper
        )
        trees.append(tree_bytes(out))
    assert trees[0] == trees[1]

    # interrupted after the first batch, then resumed: dedup sees every document again
    from tests.test_resume import interrupted_run

    out = tmp_path / "resumed"
    interrupted_run(src, out, monkeypatch, batches=1, deduper_factory=fake_deduper)
    run_clean(
        Config(),
        RunOptions([str(src)], str(out), workers=1, resume=True),
        deduper_factory=fake_deduper,
    )
    assert len(fake_deduper.made[-1].added) == 7
    assert tree_bytes(out) == trees[0]


def test_the_shingle_sets_wait_beside_the_journal_unless_told_where(
    tmp_path: Path, fake_deduper
) -> None:
    src = tmp_path / "src"
    corpus(src)
    out = tmp_path / "o"
    run_clean(Config(), RunOptions([str(src)], str(out), workers=1), deduper_factory=fake_deduper)
    assert fake_deduper.made[-1].config.spill_dir == str(out / ".textclean" / "work")
    spill = tmp_path / "spill"
    spill.mkdir()
    config = Config.from_dict({"dedup": {"spill_dir": str(spill)}})
    run_clean(
        config,
        RunOptions([str(src)], str(tmp_path / "o2"), workers=1),
        deduper_factory=fake_deduper,
    )
    assert fake_deduper.made[-1].config.spill_dir == str(spill)
