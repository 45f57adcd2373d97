"""End to end: the CLI on seeds/ and on a mixed corpus; identical output for any --workers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import zstandard

from tests.conftest import SEEDS, assert_accounted, read_jsonl, run_cli, tree_bytes


def test_clean_seeds(tmp_path: Path) -> None:
    out = tmp_path / "cleaned"
    r = run_cli("clean", str(SEEDS), "-o", str(out), "--workers", "1")
    assert r.returncode == 0, r.stderr.decode()
    files = sorted(p.name for p in out.iterdir())
    seeds = sorted(p.name for p in SEEDS.iterdir())
    assert files == sorted([*seeds, ".textclean"])
    assert sorted(p.name for p in (out / ".textclean").iterdir()) == [
        "outputs.json",  # the ledger: which run wrote OUT, and its files
        "rejects.jsonl",
        "report.html",
        "report.jsonl",
        "summary.json",
    ]
    s = assert_accounted(out)
    assert s["documents_in"] == 5 and s["documents_out"] == 5
    assert s["bytes_in"] == sum(p.stat().st_size for p in SEEDS.iterdir())
    assert s["bytes_out"] == sum((out / n).stat().st_size for n in seeds)
    assert s["versions"]["ftfy"] and s["versions"]["datasketch"] and s["rules_hash"]
    assert s["config"]["stages"] == s["stages"]
    report = read_jsonl(out / ".textclean" / "report.jsonl")
    assert [r["id"] for r in report] == seeds
    for name in seeds:
        text = (out / name).read_text(encoding="utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n") and "\r" not in text
        assert all(line == line.rstrip() for line in text.splitlines())


def test_seeds_workers_1_and_2_byte_identical(tmp_path: Path) -> None:
    outs = []
    for n in ("1", "2"):
        out = tmp_path / f"w{n}"
        r = run_cli("clean", str(SEEDS), "-o", str(out), "--workers", n, "--quiet")
        assert r.returncode == 0, r.stderr.decode()
        assert r.stderr == b""  # --quiet
        outs.append(tree_bytes(out))
    assert outs[0] == outs[1]
    assert len(outs[0]) == 10  # 5 seeds, summary, report, rejects, report.html, outputs.json


def _mixed_corpus(root: Path) -> None:
    """Text files, JSONL in three compressions, a bad line, a duplicate text, many docs."""
    (root / "docs" / "deep").mkdir(parents=True)
    for i in range(30):
        body = f"Article {i}  about   things.\r\n\n\n\nCafÃ© &amp; more {i % 7}.\n"
        (root / "docs" / ("deep" if i % 3 else ".") / f"a{i:02d}.txt").write_text(body)
    rows = [
        {"id": f"r{i}", "text": f"Row {i}\t\ttext &lt;{i}&gt;", "meta": {"k": i}}
        for i in range(150)
    ]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows) + b"{broken\n"
    (root / "plain.jsonl").write_bytes(data)
    (root / "gz.jsonl.gz").write_bytes(gzip.compress(data))
    (root / "zst.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))


def test_mixed_corpus_identical_for_1_2_4_workers_and_repeat_runs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    _mixed_corpus(src)
    trees = []
    for i, n in enumerate(["1", "2", "4", "2"]):  # the last one repeats a run
        out = tmp_path / f"out{i}"
        r = run_cli("clean", str(src), "-o", str(out), "--workers", n, "--quiet")
        assert r.returncode == 1, r.stderr.decode()  # the broken lines are input failures
        trees.append(tree_bytes(out))
        s = assert_accounted(out)
        assert s["documents_in"] == 30 + 3 * 151
        # the three JSONL files hold the same rows: with corpus dedup, the first copy stays
        assert s["dedup"]["enabled"] is True  # dedup is on by default: never silently off
        assert s["rejected_by_reason"] == {"malformed_jsonl": 3, "duplicate": 300}
        assert s["documents_out"] == 30 + 150
        assert [f["line"] for f in s["failures"]] == [151, 151, 151]
    assert all(t == trees[0] for t in trees[1:])
    gz = read_jsonl_bytes(gzip.decompress(trees[0]["gz.jsonl.gz"]))
    assert gz[0] == {
        "id": "r0",
        "text": "Row 0 text <0>\n",
        "meta": {"k": 0},
        "textclean": gz[0]["textclean"],
    }
    assert gz[0]["textclean"]["edits"] == 3


def read_jsonl_bytes(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_duplicate_of_names_a_real_id_and_where_the_kept_copy_is(tmp_path: Path) -> None:
    """Ids repeat across files; the reject must point at the kept document itself."""
    src = tmp_path / "src"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    first = seeds[2].read_text(encoding="utf-8")
    second = seeds[3].read_text(encoding="utf-8")

    def write(name: str, rows: list[dict]) -> None:
        (src / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    write("a.jsonl", [{"id": "x", "text": first}])
    write("b.jsonl", [{"id": "x", "text": second}])  # same id, another article
    write("c.jsonl", [{"id": "y", "text": second}])  # a copy of b.jsonl's "x"
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--workers", "1", "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    rejects = read_jsonl(tmp_path / "o" / ".textclean" / "rejects.jsonl")
    assert [(x["id"], x["reason"]) for x in rejects] == [("y", "duplicate")]
    assert rejects[0]["duplicate_of"] == "x"
    assert rejects[0]["duplicate_of_source"].endswith("b.jsonl")
    assert rejects[0]["duplicate_of_line"] == 1
    assert rejects[0]["similarity"] == 1.0
