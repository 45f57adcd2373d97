"""Parquet in and out through pyarrow: shards, other columns, schema, compression."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO, assert_accounted, cli_env, read_jsonl, run_cli
from textclean.config import Config
from textclean.io import parquet as tc_parquet
from textclean.run import RunOptions, run_clean

PROSE = sorted((REPO / "tests" / "data" / "prose").glob("en_*.txt"))
CHROME_TOP = "Skip to content\nHome | News | Sport\n\n"
CHROME_END = "\n\nShare this article\nSign up for our newsletter\n"
NO_DEDUP = Config().replace(dedup={"enabled": False})


def prose(i: int) -> str:
    return PROSE[i].read_text(encoding="utf-8")


def shard(rows: list[dict], path: Path, compression: str) -> pa.Table:
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("text", pa.large_string()),
            ("url", pa.string()),
            ("crawled", pa.timestamp("ms", tz="UTC")),
            ("tags", pa.list_(pa.string())),
            ("score", pa.float32()),
        ],
        metadata={b"origin": b"test shard"},
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression=compression)
    return table


def row(i: int, text: str) -> dict:
    return {
        "id": f"doc-{i}",
        "text": text,
        "url": f"https://example.org/{i}",
        "crawled": dt.datetime(2024, 1, 1 + i % 28, 12, tzinfo=dt.timezone.utc),
        "tags": ["news", f"t{i}"],
        "score": 0.5 + i / 100,
    }


def codec(path: Path) -> str:
    return pq.ParquetFile(path).metadata.row_group(0).column(0).compression


def test_a_tree_of_shards_gives_a_mirrored_tree(tmp_path: Path) -> None:
    src = tmp_path / "data"
    a = shard(
        [row(0, CHROME_TOP + prose(0) + CHROME_END), row(1, "   \n\n "), row(2, prose(1))],
        src / "crawl-a" / "part-0.parquet",
        "zstd",
    )
    b = shard([row(3, prose(2) + CHROME_END)], src / "crawl-b" / "part-1.parquet", "gzip")
    out = tmp_path / "out"
    result = run_clean(NO_DEDUP, RunOptions([str(src)], str(out), workers=1))
    assert result.exit_code == 0
    summary = assert_accounted(out)
    assert (summary["documents_in"], summary["documents_out"]) == (4, 3)
    assert summary["rejected_by_reason"] == {"boilerplate.empty": 1}

    out_a = out / "crawl-a" / "part-0.parquet"
    out_b = out / "crawl-b" / "part-1.parquet"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet")) == [
        "crawl-a/part-0.parquet",
        "crawl-b/part-1.parquet",
    ]
    # the same compression as each input
    assert (codec(out_a), codec(out_b)) == ("ZSTD", "GZIP")
    # the same schema (types, metadata) plus the two textclean columns
    got = pq.read_table(out_a)
    assert got.schema.names == [*a.schema.names, "textclean_edits", "textclean_scores"]
    for name in a.schema.names:
        assert got.schema.field(name).type == a.schema.field(name).type
    assert got.schema.metadata[b"origin"] == b"test shard"
    assert got.schema.field("textclean_edits").type == pa.int64()
    assert got.schema.field("textclean_scores").type == pa.string()
    # kept rows: other columns unchanged, text cleaned, the audit in textclean columns
    rows = got.to_pylist()
    kept = [r for r in a.to_pylist() if r["id"] != "doc-1"]
    assert [r["id"] for r in rows] == ["doc-0", "doc-2"]
    for got_row, in_row in zip(rows, kept, strict=True):
        for name in ("url", "crawled", "tags", "score"):
            assert got_row[name] == in_row[name]
    assert rows[0]["text"] == prose(0).rstrip("\n") + "\n"
    assert "Skip to content" not in rows[0]["text"] and "Share this" not in rows[0]["text"]
    assert rows[0]["textclean_edits"] >= 4
    assert isinstance(json.loads(rows[0]["textclean_scores"]), dict)
    report = {r["id"]: r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    rules = {e["rule"] for e in report["doc-0"]["edits"]}
    assert {"boilerplate.nav.skip_to_content", "boilerplate.social.share"} <= rules
    assert report["doc-1"]["line"] == 2 and report["doc-1"]["status"] == "rejected"
    assert pq.read_table(out_b).column("text").to_pylist() == [prose(2).rstrip("\n") + "\n"]
    assert b.num_rows == 1


def test_rows_are_read_and_written_in_batches(tmp_path: Path) -> None:
    n = 2 * tc_parquet.BATCH_ROWS + 37
    texts = [f"Row {i} says hello  world." if i % 7 else "  " for i in range(n)]
    table = pa.table({"text": texts, "n": list(range(n))})
    src = tmp_path / "big.parquet"
    pq.write_table(table, src, compression="snappy", row_group_size=700)
    out = tmp_path / "out"
    config = NO_DEDUP.replace(stages=["normalize"])
    result = run_clean(config, RunOptions([str(src)], str(out), workers=2))
    assert result.exit_code == 0
    got = pq.read_table(out / "big.parquet")
    kept = [i for i in range(n) if i % 7]
    assert got.column("n").to_pylist() == kept
    assert got.column("text").to_pylist() == [f"Row {i} says hello world.\n" for i in kept]
    assert codec(out / "big.parquet") == "SNAPPY"
    # rows without an id column are named FILE:ROW
    rejects = read_jsonl(out / ".textclean" / "rejects.jsonl")
    assert [r["id"] for r in rejects[:2]] == ["big.parquet:1", "big.parquet:8"]
    assert all(r["reason"] == "empty" for r in rejects)


def test_bad_rows_and_a_missing_column_are_named(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    pq.write_table(pa.table({"text": ["fine text here.", None]}), src / "a.parquet")
    pq.write_table(pa.table({"body": ["no text column"]}), src / "b.parquet")
    (src / "c.parquet").write_bytes(b"PAR1 this is not parquet at all")
    out = tmp_path / "out"
    result = run_clean(NO_DEDUP, RunOptions([str(src)], str(out), workers=1))
    assert result.exit_code == 1
    failures = {(Path(f.file).name, f.line): f.error for f in result.failures}
    assert failures[("a.parquet", 2)] == "bad_text: column 'text' holds null, not a string"
    assert failures[("b.parquet", None)] == "missing_text_key: no column 'text' (columns: body)"
    assert failures[("c.parquet", None)].startswith("unreadable: not a readable parquet file")
    assert pq.read_table(out / "a.parquet").column("text").to_pylist() == ["fine text here.\n"]
    assert not (out / "b.parquet").exists() and not (out / "c.parquet").exists()


def test_score_and_inspect_accept_parquet(tmp_path: Path) -> None:
    src = tmp_path / "s.parquet"
    shard([row(0, prose(3)), row(1, CHROME_TOP + prose(4))], src, "snappy")
    done = run_cli("score", str(src), "--workers", "1")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert [(x["id"], x["line"]) for x in lines] == [("doc-0", 1), ("doc-1", 2)]
    assert lines[1]["edits"] >= 2
    done = run_cli("inspect", str(src), "--line", "2", "--color", "never")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert text.startswith("# doc-1  (") and "boilerplate.nav.skip_to_content" in text


def test_a_directory_with_nothing_readable_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.csv", "b.csv", "c.xml", "d.json.gz"):
        (src / name).write_text("x")
    done = run_cli("clean", str(src), "-o", str(tmp_path / "out"), "--quiet")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "no input file can be read: skipped 4 files (.csv 2, .json.gz 1, .xml 1)" in err
    assert "0 documents" not in err


@pytest.mark.parametrize(
    ("blocked", "files", "command"),
    [
        ("pyarrow", {"a.parquet": b"PAR1"}, "pip install 'textclean[parquet]'"),
        ("trafilatura", {"a.html": b"<p>hi</p>"}, "pip install 'textclean[html]'"),
    ],
)
def test_a_missing_extra_is_exit_2_with_the_install_command(
    tmp_path: Path, blocked: str, files: dict[str, bytes], command: str
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
    # sys.modules[name] = None makes every import of it fail, as if it were not installed
    code = (
        f"import sys; sys.modules[{blocked!r}] = None; from textclean.cli import main; "
        f"sys.exit(main(['clean', {str(src)!r}, '-o', {str(tmp_path / 'out')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=cli_env(), timeout=120
    )
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.startswith("textclean: error: ") and err.rstrip().endswith(command)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
