"""Writers: atomic files, mirrored JSONL with the same compression, reproducible bytes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zstandard

from textclean.document import Change, Document
from textclean.io.writers import (
    AtomicFile,
    JsonlWriter,
    json_line,
    jsonl_record,
    remove_stale,
    write_text,
)
from textclean.io.writers import (
    tmp_path as temp_name,
)


def test_atomic_file_appears_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    f = AtomicFile(target)
    f.write(b"partial")
    assert not target.exists() and temp_name(target).exists()
    f.commit()
    assert target.read_bytes() == b"partial" and not temp_name(target).exists()


def test_atomic_file_abort_and_exception_leave_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicFile(target) as f:
        f.write(b"new")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_text_replaces_lone_surrogates(tmp_path: Path) -> None:
    n = write_text(tmp_path / "t.txt", "ok \ud800 end\n")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "ok \ufffd end\n"
    assert n == len("ok \ufffd end\n".encode())


def _doc() -> Document:
    doc = Document("a1", "x  y", metadata={"id": "a1", "url": "u", "textclean": "old"})
    doc.replace_spans("normalize", [Change(1, 3, " ", "normalize.whitespace")])
    doc.scores.update({"z": 1, "a": 0.5})
    return doc


def test_jsonl_record_keeps_fields_replaces_text_adds_textclean() -> None:
    rec = jsonl_record(_doc(), "text")
    assert rec == {
        "id": "a1",
        "url": "u",
        # the input's own "textclean" field is kept under "input", never overwritten
        "textclean": {"edits": 1, "scores": {"a": 0.5, "z": 1}, "input": "old"},
        "text": "x y",
    }
    assert json.loads(json_line(rec)) == rec


def test_json_line_stays_valid_utf8_with_surrogates() -> None:
    line = json_line({"t": "a\ud800"})
    assert line == b'{"t":"a\\ud800"}\n'
    assert json_line({"t": "é"}) == '{"t":"é"}\n'.encode()


@pytest.mark.parametrize("compression", ["", "gz", "zst"])
def test_jsonl_writer_round_trip_and_reproducible(tmp_path: Path, compression: str) -> None:
    lines = [json_line({"i": i, "text": "é" * i}) for i in range(50)]
    blobs = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.jsonl"
        w = JsonlWriter(path, compression)
        for line in lines:
            w.write_line(line)
        w.commit()
        blobs.append(path.read_bytes())
    assert blobs[0] == blobs[1]  # no time stamp or file name inside
    raw = blobs[0]
    if compression == "gz":
        raw = gzip.decompress(raw)
    elif compression == "zst":
        raw = zstandard.ZstdDecompressor().stream_reader(raw).read()
    assert raw == b"".join(lines)


def test_remove_stale(tmp_path: Path) -> None:
    p = tmp_path / "gone.txt"
    p.write_text("x")
    remove_stale(p)
    remove_stale(p)  # absent: nothing to do
    assert not p.exists()
