"""Bad input: every case ends in the output or in the rejects with a reason; counts add up."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import textclean.io.readers as readers
from tests.conftest import REPO, assert_accounted, cli_env, read_jsonl, run_cli, summary_of
from textclean.config import Config
from textclean.document import Document
from textclean.engines.base import process_document
from textclean.io.readers import reason_code
from textclean.pipeline import Pipeline
from textclean.run import RunOptions, run_clean


def run(src: Path, out: Path, config: Config | None = None, **opts):
    return run_clean(config or Config(), RunOptions([str(src)], str(out), workers=1, **opts))


def rejects_by_id(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in read_jsonl(out / ".textclean" / "rejects.jsonl")}


def test_binary_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bin.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (src / "ok.txt").write_text("fine")
    result = run(src, tmp_path / "o")
    assert result.exit_code == 1
    rej = rejects_by_id(tmp_path / "o")["bin.txt"]
    assert rej["reason"] == "binary: NUL byte at offset 6" and rej["text"] is None
    assert [f["file"] for f in result.summary["failures"]] == [str(src / "bin.txt")]
    assert (tmp_path / "o" / "ok.txt").read_text() == "fine\n"
    assert_accounted(tmp_path / "o")


def test_invalid_utf8_is_decoded_and_flagged(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "damaged.txt").write_bytes("déjà vu ".encode() + b"\xff\xfe end")
    (src / "legacy.txt").write_bytes("Café crème".encode("cp1252"))
    result = run(src, tmp_path / "o")
    assert result.exit_code == 0
    out = tmp_path / "o"
    assert (out / "damaged.txt").read_text() == "déjà vu \ufffd\ufffd end\n"
    assert (out / "legacy.txt").read_text() == "Café crème\n"
    report = {r["id"]: r for r in read_jsonl(out / ".textclean" / "report.jsonl")}
    assert report["damaged.txt"]["scores"]["input.encoding"] == "utf-8"
    assert report["damaged.txt"]["scores"]["input.replaced_bytes"] == 2
    assert report["legacy.txt"]["scores"]["input.encoding"] == "cp1252"


def test_empty_files_are_rejected_as_empty_not_failed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.md").write_text(" \n\t\n")
    (src / "e.jsonl").write_text('{"id": "x", "text": ""}\n')
    for config in (Config(), Config(stages=("repair", "normalize"))):
        out = tmp_path / f"o{len(config.stages)}"
        result = run(src, out, config)
        assert result.exit_code == 0
        rej = rejects_by_id(out)
        assert sorted(rej) == ["blank.md", "empty.txt", "x"]
        # a stage may drop it first (boilerplate: "boilerplate.empty"); else the engine does
        assert all(reason_code(r["reason"]).endswith("empty") for r in rej.values())
        assert (out / "e.jsonl").read_bytes() == b""
        assert_accounted(out)
    assert {r["reason"] for r in rej.values()} == {"empty"}


def test_200_mb_file_without_newline(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    chunk = b"a" * (1 << 20)
    with open(src / "huge.txt", "wb") as f:
        for _ in range(200):
            f.write(chunk)
    # The child reports its own peak from /proc (VmHWM belongs to the process image
    # after exec; getrusage's maxrss would include the pytest process it was forked
    # from). Only the cheap stages and no dedup: the reader's memory is what is measured.
    probe = (
        "import re, sys\n"
        "from textclean.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "status = open('/proc/self/status').read()\n"
        "sys.stderr.write('PEAK_KB ' + re.search(r'VmHWM:\\s+(\\d+)', status).group(1) + '\\n')\n"
        "sys.exit(rc)\n"
    )
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "clean",
            str(src),
            "-o",
            str(tmp_path / "o"),
            "--workers",
            "1",
            "--quiet",
            "--stages",
            "repair,normalize",
            "--no-dedup",
        ],
        capture_output=True,
        env=cli_env(),
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr.decode()
    peak_kb = int(r.stderr.decode().rsplit("PEAK_KB ", 1)[1].split()[0])
    rej = rejects_by_id(tmp_path / "o")
    assert rej["huge.txt"]["reason"] == (
        "too_long: 209715200 bytes, over max_document_chars=10000000 characters"
    )
    assert rej["huge.txt"]["text"] is None
    # the 200 MB file was never loaded: the run stayed far below its size
    assert peak_kb < 100 * 1024
    s = assert_accounted(tmp_path / "o")
    assert s["bytes_in"] == 200 * (1 << 20) and s["documents_in"] == 1


def test_long_single_line_is_processed(tmp_path: Path) -> None:
    src = tmp_path / "long_line.txt"
    src.write_bytes(b"word " * 200_000)  # 1 MB on one line
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--workers", "1", "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "o" / "long_line.txt").read_bytes() == b"word " * 199_999 + b"word\n"


def test_malformed_jsonl_lines_and_missing_text_key(tmp_path: Path) -> None:
    src = tmp_path / "d.jsonl"
    src.write_text(
        '{"id": "a", "text": "good  one"}\n'
        '{"id": "b", "text": "unterminated\n'
        "[1, 2]\n"
        '{"id": "c", "body": "no text key"}\n'
        '{"id": "d", "text": 42}\n'
        '{"id": "e", "text": "good two"}\n'
    )
    result = run(src, tmp_path / "o")
    assert result.exit_code == 1
    fails = [(f["file"], f["line"], f["error"].split(":")[0]) for f in result.summary["failures"]]
    assert fails == [
        (str(src), 2, "malformed_jsonl"),
        (str(src), 3, "malformed_jsonl"),
        (str(src), 4, "missing_text_key"),
        (str(src), 5, "bad_text"),
    ]
    rows = read_jsonl(tmp_path / "o" / "d.jsonl")
    assert [(r["id"], r["text"]) for r in rows] == [("a", "good one\n"), ("e", "good two\n")]
    rej = rejects_by_id(tmp_path / "o")
    # nothing lost: the raw line is in the rejects, under the id the cut row names
    assert rej["b"]["text"] == '{"id": "b", "text": "unterminated'
    assert rej["b"]["line"] == 2
    assert rej["d.jsonl:3"]["reason"] == "malformed_jsonl: expected a JSON object, got a list"
    assert rej["c"]["text"] == '{"id": "c", "body": "no text key"}'
    assert rej["c"]["reason"] == "missing_text_key: no 'text' key in the record"
    assert rej["d"]["reason"] == "bad_text: 'text' holds a number, not a string"
    assert_accounted(tmp_path / "o")


def test_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "locked.txt").write_text("secret")
    (src / "locked.jsonl").write_text('{"text": "x"}\n')
    (src / "ok.txt").write_text("fine")
    os.symlink(tmp_path / "nowhere.txt", src / "dangling.txt")
    os.mkfifo(src / "pipe.txt")
    real_open = readers._open_file

    def deny(path: str):
        if "locked" in path:  # tests run as root, so chmod 000 would not stop the read
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path)

    monkeypatch.setattr(readers, "_open_file", deny)
    result = run(src, tmp_path / "o", follow_symlinks=True)  # the dangling link is read
    assert result.exit_code == 1
    errors = {Path(f["file"]).name: f["error"] for f in result.summary["failures"]}
    assert errors == {
        "dangling.txt": "unreadable: No such file or directory",
        "locked.jsonl": "unreadable: Permission denied",
        "locked.txt": "unreadable: Permission denied",
        "pipe.txt": "not_regular_file: a named pipe (FIFO)",
    }
    assert not (tmp_path / "o" / "locked.jsonl").exists()  # no output for an unread input
    assert (tmp_path / "o" / "ok.txt").exists()
    s = assert_accounted(tmp_path / "o")
    assert s["documents_in"] == 4  # three unreadable text documents + ok.txt
    assert s["inputs"]["failed"] == 4


def test_symlink_loops(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text("a")
    os.symlink(src, src / "sub" / "back")  # directory loop
    os.symlink("self.txt", src / "self.txt")  # a file symlink to itself
    out = str(tmp_path / "o")
    r = run_cli("clean", str(src), "-o", out, "--workers", "1", "--follow-symlinks")
    assert r.returncode == 1
    s = summary_of(tmp_path / "o")
    errors = sorted((Path(f["file"]).name, f["error"]) for f in s["failures"])
    assert errors == [
        ("back", "symlink loop: points back to a parent directory"),
        ("self.txt", "unreadable: Too many levels of symbolic links"),
    ]
    assert (tmp_path / "o" / "sub" / "a.txt").read_text() == "a\n"
    assert_accounted(tmp_path / "o")


def test_output_directory_inside_the_input(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("a  b")
    out = src / "cleaned"
    for _ in range(2):  # the second run must not read the first run's output
        assert run(src, out).exit_code == 0
        s = summary_of(out)
        assert s["documents_in"] == 1 and s["inputs"]["skipped"] == {"output_dir": 1}
    assert (out / "a.txt").read_text() == "a b\n"
    assert not (out / "cleaned").exists()
    r = run_cli("clean", str(src), "-o", str(src))
    assert r.returncode == 2 and b"cannot be an input directory" in r.stderr


NON_ENGLISH = {
    "ru.txt": "Москва — столица России. Город расположен на реке Москве.\n",
    "zh.txt": "北京是中华人民共和国的首都。它有三千多年的历史。\n",
    "ar.txt": "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها.\n",
    "hi.txt": "नई दिल्ली भारत की राजधानी है। यह यमुना नदी के किनारे स्थित है।\n",
    "fr.txt": "L’été dernier, nous sommes allés à Montréal — c’était magnifique.\n",
}


def test_non_english_text_is_left_untouched(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in NON_ENGLISH.items():
        (src / name).write_text(text)
    result = run(src, tmp_path / "o")
    assert result.exit_code == 0
    for name, text in NON_ENGLISH.items():
        assert (tmp_path / "o" / name).read_text() == text
    report = read_jsonl(tmp_path / "o" / ".textclean" / "report.jsonl")
    assert all(r["edits"] == [] for r in report)


def test_stage_error_drops_the_document_keeping_its_text() -> None:
    class Broken:
        name = "broken"

        def __call__(self, doc: Document) -> Document:
            doc.text = "half-done"
            raise RuntimeError("bug")

    pipeline = Pipeline([Broken()], Config(), None)  # type: ignore[list-item, arg-type]
    doc = process_document(pipeline, Document("d", "original"))
    assert doc.dropped == "stage_error: broken: RuntimeError: bug"
    assert doc.text == "original" and doc.edits == []


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("x" * 50)
    (src / "b.txt").write_text("y" * 10)
    r = run_cli("clean", str(src), "-o", str(tmp_path / "o"), "--max-doc-chars", "20", "--quiet")
    assert r.returncode == 0
    rej = rejects_by_id(tmp_path / "o")
    assert rej["a.txt"]["reason"].startswith("too_long")
    assert (
        json.loads((tmp_path / "o" / ".textclean" / "summary.json").read_text())["config"]["input"][
            "max_document_chars"
        ]
        == 20
    )


def test_corrupt_compressed_stream_keeps_the_rows_before(tmp_path: Path) -> None:
    import gzip

    rows = b"".join(json.dumps({"id": i, "text": f"row {i}"}).encode() + b"\n" for i in range(1000))
    src = tmp_path / "t.jsonl.gz"
    src.write_bytes(gzip.compress(rows)[:-200])  # cut short, like an interrupted download
    result = run(src, tmp_path / "o")
    assert result.exit_code == 1
    (failure,) = result.summary["failures"]
    assert failure["error"].startswith("unreadable: stream is corrupt")
    kept = read_jsonl_gz(tmp_path / "o" / "t.jsonl.gz")
    assert [r["id"] for r in kept] == list(range(failure["line"] - 1))
    assert result.summary["documents_in"] == failure["line"] - 1


def read_jsonl_gz(path: Path) -> list[dict]:
    import gzip

    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def test_stage_errors_count_as_failed_inputs() -> None:
    from textclean.io.readers import is_input_failure

    assert is_input_failure("stage_error: boilerplate: ValueError: x")
    assert not is_input_failure("too_long: 12 characters > max_document_chars=10")
    assert not is_input_failure("duplicate")
