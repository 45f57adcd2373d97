"""bench/despin/real/stage.py: staging records into the real set's texts and SOURCES.md,
and its ``--append`` mode, which keeps every row already listed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench.despin.real import stage
from bench.despin.real.check import read_sources

OLD_ROWS = (
    "| old_pair | pair-orig | old_pair.orig.txt | <https://a.example/orig> | a.example | a"
    " | weather | excerpt line 1 | " + "0" * 64 + " | 30 |\n"
    "| old_pair | pair-spun | old_pair.spun.txt | <https://b.example/spun> | b.example | a"
    " | weather | excerpt line 1 | " + "1" * 64 + " | 31 |\n"
    "| old_clean | clean | old_clean.clean.txt | <https://c.example/page> | c.example | -"
    " | recipe | excerpt lines 1-2 | " + "2" * 64 + " | 40 |\n"
)
SOURCES = (
    "# Sources\n\nProse about how the set was built.\n\n"
    "Counts: 1 pairs, 0 unpaired spun texts, 1 clean texts; stale.\n\n"
    "## Files\n\n" + stage.COLS + OLD_ROWS
)

ORIG = "The storm moved east on Monday.\nForecasters said the rain would stop by noon.\n"
SPUN = (
    "The hurricane moved east on Monday.\nForecasters mentioned the rain would cease by midday.\n"
)


def _rec(id_: str, kind: str, text: str, url: str, family: str = "a") -> dict[str, str]:
    return {
        "id": id_,
        "kind": kind,
        "url": url,
        "site": url.split("/")[2],
        "family": family if kind != "clean" else "-",
        "topic": "weather" if kind != "clean" else "legal",
        "trim": "excerpt lines 1-2",
        "text": text,
    }


def _setup(tmp_path: Path, recs: list[dict[str, str]]) -> tuple[Path, Path, Path]:
    staged = tmp_path / "stage"
    staged.mkdir()
    (staged / "batch.json").write_text(json.dumps(recs), encoding="utf-8")
    sources = tmp_path / "SOURCES.md"
    sources.write_text(SOURCES, encoding="utf-8")
    return staged, tmp_path / "texts", sources


NEW = [
    _rec("new_pair", "pair-orig", ORIG, "https://d.example/story"),
    _rec("new_pair", "pair-spun", SPUN, "https://e.example/spun-story"),
    _rec(
        "new_clean",
        "clean",
        "Section 2. No person shall park a cart here.\n\n",
        "https://f.example/x",
    ),
    _rec("new_spun", "spun", "The hurricane mentioned nothing.", "https://c.example/other", "d"),
]


def test_append_keeps_every_existing_row_and_counts_all(tmp_path: Path) -> None:
    staged, texts, sources = _setup(tmp_path, NEW)
    argv = [str(staged), "--texts", str(texts), "--sources", str(sources), "--append"]
    assert stage.main(argv) == 0
    out = sources.read_text(encoding="utf-8")
    assert out.startswith("# Sources\n\nProse about how the set was built.\n\n")
    assert OLD_ROWS in out  # the old rows, verbatim and in their order
    rows = read_sources(sources)
    assert [(r.id, r.kind) for r in rows] == [
        ("old_pair", "pair-orig"),
        ("old_pair", "pair-spun"),
        ("old_clean", "clean"),
        ("new_pair", "pair-orig"),
        ("new_pair", "pair-spun"),
        ("new_spun", "spun"),
        ("new_clean", "clean"),
    ]
    counts = next(ln for ln in out.splitlines() if ln.startswith("Counts: "))
    assert counts.startswith(
        "Counts: 2 pairs, 1 unpaired spun texts, 2 clean texts; 6 sites (2 among the clean texts)."
    )
    assert "Pairs by family: a 2; by topic: weather 2." in counts
    assert "Unpaired spun by family: d 1." in counts
    assert "Clean by topic: legal 1, recipe 1." in counts
    # texts written with exactly one final newline; the new rows' checksums match them
    clean = (texts / "new_clean.clean.txt").read_bytes()
    assert clean == b"Section 2. No person shall park a cart here.\n"
    assert (texts / "new_spun.spun.txt").read_text(encoding="utf-8").endswith("nothing.\n")
    new = {(r.id, r.kind): r for r in rows if r.id.startswith("new_")}
    assert new[("new_clean", "clean")].sha256 == hashlib.sha256(clean).hexdigest()
    assert new[("new_clean", "clean")].chars == len(clean)


def test_append_warns_about_a_url_already_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recs = [_rec("new_spun2", "spun", SPUN, "https://c.example/page", "b")]
    staged, texts, sources = _setup(tmp_path, recs)
    assert (
        stage.main([str(staged), "--texts", str(texts), "--sources", str(sources), "--append"]) == 0
    )
    assert "URL already listed under old_clean" in capsys.readouterr().out


def test_append_refuses_an_id_already_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recs = [*NEW, _rec("old_clean", "clean", "Another text entirely.\n", "https://g.example/y")]
    staged, texts, sources = _setup(tmp_path, recs)
    argv = [str(staged), "--texts", str(texts), "--sources", str(sources), "--append"]
    assert stage.main(argv) == 1
    assert "old_clean: id already in SOURCES.md" in capsys.readouterr().err
    assert sources.read_text(encoding="utf-8") == SOURCES  # nothing written
    assert not texts.exists()


def test_without_append_the_table_is_rebuilt_from_the_staged_records(tmp_path: Path) -> None:
    staged, texts, sources = _setup(tmp_path, NEW)
    assert stage.main([str(staged), "--texts", str(texts), "--sources", str(sources)]) == 0
    rows = read_sources(sources)
    assert {r.id for r in rows} == {"new_pair", "new_clean", "new_spun"}
    assert "Counts: 1 pairs, 1 unpaired spun texts, 1 clean texts" in sources.read_text("utf-8")


def test_a_pair_whose_sides_differ_in_lines_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recs = [
        _rec("new_pair", "pair-orig", ORIG, "https://d.example/story"),
        _rec("new_pair", "pair-spun", SPUN.split("\n")[0], "https://e.example/spun-story"),
    ]
    staged, texts, sources = _setup(tmp_path, recs)
    argv = [str(staged), "--texts", str(texts), "--sources", str(sources), "--append"]
    assert stage.main(argv) == 1
    assert "new_pair: 2 original lines, 1 spun lines" in capsys.readouterr().err
    assert sources.read_text(encoding="utf-8") == SOURCES
