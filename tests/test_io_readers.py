"""Input discovery and readers: ids, order, formats, keys, encodings, limits."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
import zstandard

from textclean.config import InputConfig
from textclean.document import Document
from textclean.io.discover import Failure, InputError, InputFile, plan_inputs
from textclean.io.readers import InputReader, decode_bytes

CFG = InputConfig()


def read(inp: InputFile, config: InputConfig = CFG) -> list[Document | Failure]:
    return list(InputReader(inp, config))


def docs_of(paths: list[str], config: InputConfig = CFG) -> list[Document | Failure]:
    plan = plan_inputs(paths, config)
    return [item for inp in plan.inputs for item in read(inp, config)]


def test_tree_walk_order_ids_and_skips(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.md").write_text("a")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("c")
    plan = plan_inputs([str(tmp_path)], CFG)
    assert [i.relpath for i in plan.inputs] == ["a.txt", "b/a.md", "b/z.txt"]
    assert plan.skipped == {"hidden": 2, "unsupported": 1}
    docs = [d for inp in plan.inputs for d in read(inp)]
    assert [(d.id, d.text) for d in docs] == [("a.txt", "x"), ("b/a.md", "a"), ("b/z.txt", "z")]
    assert docs[1].source == str(tmp_path / "b" / "a.md")


def test_several_inputs_go_under_their_names(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(name)
    (tmp_path / "f.jsonl").write_text('{"text": "t"}\n')
    plan = plan_inputs(
        [str(tmp_path / "one"), str(tmp_path / "two"), str(tmp_path / "f.jsonl")], CFG
    )
    assert [i.relpath for i in plan.inputs] == ["one/a.txt", "two/a.txt", "f.jsonl"]


def test_colliding_inputs_are_a_usage_error(tmp_path: Path) -> None:
    for d in ("x/data", "y/data"):
        (tmp_path / d).mkdir(parents=True)
        (tmp_path / d / "a.txt").write_text(d)
    with pytest.raises(InputError, match="both write"):
        plan_inputs([str(tmp_path / "x/data"), str(tmp_path / "y/data")], CFG)
    with pytest.raises(InputError, match="no such file"):
        plan_inputs([str(tmp_path / "missing")], CFG)


def test_explicit_file_of_any_extension_is_text(tmp_path: Path) -> None:
    p = tmp_path / "README"
    p.write_text("hello")
    (doc,) = docs_of([str(p)])
    assert isinstance(doc, Document) and (doc.id, doc.text) == ("README", "hello")


def _rows() -> bytes:
    rows = [
        {"id": "a1", "text": "first", "url": "http://x", "n": 1},
        {"text": "no id here", "lang": "fr"},
        {"id": 7, "text": "numeric id"},
    ]
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows) + b"\n"


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_formats(tmp_path: Path, suffix: str) -> None:
    data = _rows()
    if suffix.endswith("gz"):
        data = gzip.compress(data)
    elif suffix.endswith("zst"):
        data = zstandard.ZstdCompressor().compress(data)
    p = tmp_path / f"rows{suffix}"
    p.write_bytes(data)
    docs = docs_of([str(p)])
    assert [(d.id, d.text, d.line) for d in docs] == [
        ("a1", "first", 1),
        (f"rows{suffix}:2", "no id here", 2),
        ("7", "numeric id", 3),
    ]
    # other fields pass through as metadata, in their order, without the text
    assert docs[0].metadata == {"id": "a1", "url": "http://x", "n": 1}
    assert list(docs[0].metadata) == ["id", "url", "n"]
    assert docs[1].metadata == {"lang": "fr"}


def test_custom_text_and_id_keys(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text('{"url": "u1", "content": "body", "text": "other"}\n')
    cfg = InputConfig(text_key="content", id_key="url")
    (doc,) = docs_of([str(p)], cfg)
    assert (doc.id, doc.text, doc.metadata) == ("u1", "body", {"url": "u1", "text": "other"})


def test_stdin_is_sniffed() -> None:
    stdin = InputFile("-", "stdin", "auto")
    r = InputReader(stdin, CFG, stdin=io.BytesIO(b'  {"text": "j"}\nnot json\n'))
    docs = list(r)
    assert r.kind == "jsonl"
    assert [(d.id, d.dropped is None) for d in docs] == [("-:1", True), ("-:2", False)]
    r = InputReader(stdin, CFG, stdin=io.BytesIO(b"Plain   text\n"))
    assert [(d.id, d.text) for d in r] == [("-", "Plain   text\n")] and r.kind == "text"


def test_decode_bytes() -> None:
    assert decode_bytes("déjà".encode())[:3] == ("déjà", None, 0)
    assert decode_bytes("déjà".encode("cp1252"))[:3] == ("déjà", "cp1252", 0)
    assert decode_bytes("déjà".encode() + b" \xff\xfe")[:3] == ("déjà ��", "utf-8", 2)
    assert decode_bytes(b"\xef\xbb\xbfbom")[:3] == ("bom", "utf-8-sig", 0)
    assert decode_bytes("\ufeffhi".encode("utf-16-le"))[:3] == ("hi", "utf-16", 0)


def test_text_over_the_limit_is_rejected_without_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("x" * 1000)
    (doc,) = docs_of([str(p)], InputConfig(max_document_chars=200))
    assert doc.dropped is not None and doc.dropped.startswith("too_long:")
    # multi-byte text under the character limit is fine although its bytes are over
    p.write_text("é" * 150)
    (doc,) = docs_of([str(p)], InputConfig(max_document_chars=200))
    assert doc.dropped is None and len(doc.text) == 150
    p.write_text("é" * 250)
    (doc,) = docs_of([str(p)], InputConfig(max_document_chars=200))
    assert doc.dropped == "too_long: 250 characters > max_document_chars=200"


def test_jsonl_row_over_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"id": "big", "text": "y" * 300}) + "\n" + '{"text": "ok"}\n')
    docs = docs_of([str(p)], InputConfig(max_document_chars=100))
    assert docs[0].id == "big" and docs[0].dropped.startswith("too_long: 300 characters")
    assert docs[1].text == "ok" and docs[1].dropped is None


def test_jsonl_line_over_the_byte_cap_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    big = json.dumps({"text": "z" * (3 << 20)})
    p.write_text(big + "\n" + '{"text": "after"}\n')
    docs = docs_of([str(p)], InputConfig(max_document_chars=1000))
    assert docs[0].id == "r.jsonl:1" and docs[0].dropped.startswith("too_long: line of")
    assert (docs[1].text, docs[1].line) == ("after", 2)


def test_symlinked_file_is_read_and_dir_loop_reported(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("r")
    os.symlink(tmp_path / "real.txt", tmp_path / "link.txt")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")
    plan = plan_inputs([str(tmp_path)], CFG, follow_symlinks=True)
    assert [i.relpath for i in plan.inputs] == ["link.txt", "real.txt"]
    assert [f.error for f in plan.failures] == ["symlink loop: points back to a parent directory"]


def test_symlinks_in_the_tree_are_skipped_unless_followed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "real.txt").write_text("r")
    secret = tmp_path / "secret.txt"  # outside the input tree
    secret.write_text("not an input")
    os.symlink(secret, src / "x.txt")
    os.symlink("..", src / "sub" / "up")  # walks the parent tree when followed
    plan = plan_inputs([str(src)], CFG)
    assert [i.relpath for i in plan.inputs] == ["real.txt"]
    assert plan.skipped == {"symlink": 2} and plan.failures == []
    named = plan_inputs([str(src / "x.txt")], CFG)  # a link named on the command line is read
    assert [i.path for i in named.inputs] == [str(src / "x.txt")]
