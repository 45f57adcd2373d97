"""Writers: atomic files, mirrored JSONL with the same compression, reproducible bytes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zstandard

from textclean.document import Change, Document
from textclean.io.writers import (
    SLOTS,
    AtomicFile,
    JsonlWriter,
    json_line,
    json_line_with,
    json_string,
    jsonl_line,
    jsonl_record,
    remove_stale,
    scores_json,
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


def test_json_string_is_what_json_line_writes_for_a_string() -> None:
    """Every character below U+0100, and texts mixing the escaped ones with
    non-ASCII and astral characters, as ``json.dumps(ensure_ascii=False)`` writes them."""
    samples = [chr(c) for c in range(0x100)]
    samples += [
        "",
        'a "quoted" back\\slash\ttab\r\nline',
        "é ü “curly” — 東京 🙂\n\n\x01\x1f\x7f",
        "\u2028\u2029\ufeff",
        "ends with a backslash \\",
    ]
    for text in samples:
        want = json.dumps(text, ensure_ascii=False, separators=(",", ":")).encode()
        assert json_string(text) == want, repr(text)
    assert json_string("lone \ud800 surrogate") is None


def test_json_line_with_puts_values_in_place_or_declines() -> None:
    obj = {"a": SLOTS[0], "b": [1, 2.5, None], "c": {"z": SLOTS[1], "y": "é"}}
    values = {SLOTS[0]: json_string("x\ny"), SLOTS[1]: b'{"k":1}'}
    want = json_line({"a": "x\ny", "b": [1, 2.5, None], "c": {"z": {"k": 1}, "y": "é"}})
    assert json_line_with(obj, values) == want
    sorted_want = json_line(
        {"a": "x\ny", "b": [1, 2.5, None], "c": {"z": {"k": 1}, "y": "é"}}, sort_keys=True
    )
    assert json_line_with(obj, values, sort_keys=True) == sorted_want
    # a stand-in that occurs elsewhere too, a missing one, a lone surrogate: declined
    assert json_line_with({**obj, "d": SLOTS[0]}, values) is None
    assert json_line_with({"a": SLOTS[0]}, values) is None
    assert json_line_with({**obj, "d": "\udc80"}, values) is None
    # what a value brings in is not searched again (an escaped quote before the stand-in)
    tricky = json_string('x"' + SLOTS[1])
    assert tricky is not None
    line = json_line_with({"a": SLOTS[0], "z": SLOTS[1]}, {SLOTS[0]: tricky, SLOTS[1]: b"1"})
    assert line == json_line({"a": 'x"' + SLOTS[1], "z": 1})


@pytest.mark.parametrize(
    "text",
    ["Plain text.\n", 'Quotes " and \\ and \x01 and é\n', "lone \ud800", "", SLOTS[0]],
)
@pytest.mark.parametrize("metadata", [{}, {"id": "x", "text": "old", "n": 1}, {"textclean": 1}])
def test_jsonl_line_is_json_line_of_the_record(text: str, metadata: dict[str, object]) -> None:
    doc = Document("d", text, metadata=dict(metadata))
    doc.scores.update({"z": 1.5, "a": "é", "m": True, "b": None, "k": 3})
    want = json_line(jsonl_record(doc, "text"))
    assert jsonl_line(doc, "text") == want
    assert jsonl_line(doc, "text", scores_json(doc)) == want
    assert jsonl_line(doc, "body", scores_json(doc)) == json_line(jsonl_record(doc, "body"))


def test_scores_json_is_the_sorted_scores_or_none() -> None:
    doc = Document("d", "t")
    doc.scores.update({"z": 0.1, "a": 2, "q": "x"})
    assert scores_json(doc) == b'{"a":2,"q":"x","z":0.1}'
    doc.scores["n"] = [1, 2]  # not a plain value: the two encodings could differ
    assert scores_json(doc) is None
    del doc.scores["n"]
    doc.scores["s"] = "\udc80"
    assert scores_json(doc) is None


@pytest.mark.parametrize("audit", ["full", "spans"])
def test_report_rows_with_the_scores_bytes_are_the_same(tmp_path: Path, audit: str) -> None:
    """A report row written with the scores' bytes given is the row written without."""
    from textclean.document import Edit
    from textclean.io.report import Reporter

    docs = []
    for k, text in enumerate(["Kept text.\n", 'Dropped é "q"\n', "Lone \ud800\n"]):
        doc = Document(str(k), text, source="f.jsonl", line=k + 1)
        doc.edits.append(Edit("normalize", "r", 0, 1, "K", "k", {"z": 1, "a": [1]}))
        doc.scores.update({"b": 0.25, "a": "x", "c": k})
        if k:
            doc.drop("quality.c4: c4.min_sentences")
        docs.append(doc)
    rows = {}
    for given in (False, True):
        meta = tmp_path / str(given)
        meta.mkdir()
        reporter = Reporter(meta, audit=audit)
        for doc in docs:
            reporter.document(doc, scores=scores_json(doc) if given else None)
        reporter.commit()
        rows[given] = [(meta / n).read_bytes() for n in ("report.jsonl", "rejects.jsonl")]
    assert rows[True] == rows[False] and rows[True][0].count(b"\n") == 3


@pytest.mark.parametrize(
    "text", ["Plain.\n", 'é "q" \\ \t\r\n\x01\x7f', "lone \ud800 \udfff", "", SLOTS[0], "🙂"]
)
def test_journal_record_is_the_json_of_the_document(text: str) -> None:
    """``encode_record`` (the text escaped apart) gives the bytes of the whole
    document's JSON, lone surrogates passed through, sets sorted by the default."""
    from textclean.document import Edit
    from textclean.io.journal import _json_default, encode_record

    doc = Document("d", text, metadata={"m": SLOTS[0] if text == "" else "x", "s": {2, 1}})
    doc.edits.append(Edit("st", "r", 0, 0, "", "a", {"set": {3, 1}}))
    doc.scores.update({"b": 0.5, "a": text})
    want = json.dumps(
        doc.to_dict(), ensure_ascii=False, separators=(",", ":"), default=_json_default
    ).encode("utf-8", "surrogatepass")
    assert encode_record(doc) == want
