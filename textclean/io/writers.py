"""Writing outputs atomically: a mirrored tree of text files and JSONL files.

Every file is written under a temporary name in its final directory
(``.NAME.textclean-tmp``) and renamed into place when complete, so a reader
never sees half a file and a killed run leaves no truncated output. The
temporary name is fixed (not random), so a rerun reuses, never leaks, it.

* a text input ``a/b.txt`` → ``OUT/a/b.txt`` holding the cleaned text;
* a JSONL input ``x.jsonl[.gz|.zst]`` → ``OUT/x.jsonl[.gz|.zst]`` with the same
  compression: each kept record keeps its other fields, its text replaced, and a
  ``textclean`` object added (scores, number of edits). Compressed output is
  reproducible byte for byte (gzip header without time stamp or name).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with AtomicFile(out / "a.txt") as f:
...     _ = f.write(b"hello\\n")
>>> (out / "a.txt").read_bytes(), sorted(p.name for p in out.iterdir())
(b'hello\\n', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import zstandard

from textclean.document import Document
from textclean.errors import name_os_error

TMP_SUFFIX = ".textclean-tmp"
#: The longest file name (in bytes) most file systems accept.
NAME_MAX = 255


def tmp_path(path: Path) -> Path:
    """The fixed temporary name of ``path``; a name too long to extend (a legal name of
    241-255 bytes) is replaced by its hash, still fixed.

    >>> tmp_path(Path("out/a.txt")).name
    '.a.txt.textclean-tmp'
    >>> len(os.fsencode(tmp_path(Path("x" * 250 + ".txt")).name)) <= NAME_MAX
    True
    """
    name = f".{path.name}{TMP_SUFFIX}"
    if len(os.fsencode(name)) > NAME_MAX:
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:32]
        name = f".{digest}{TMP_SUFFIX}"
    return path.with_name(name)


class AtomicFile:
    """A binary file that appears at ``path`` only when closed without error."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp_path(self.path)
        self._f: BinaryIO | None = open(self.tmp, "wb")  # noqa: SIM115 - closed in commit/abort
        self.bytes_written = 0

    def write(self, data: bytes) -> int:
        assert self._f is not None, "file already closed"
        self.bytes_written += len(data)
        try:
            return self._f.write(data)
        except OSError as exc:  # disk full: name the file
            raise name_os_error(exc, self.path) from None

    def commit(self) -> None:
        if self._f is None:
            return
        try:
            self._f.close()
        except OSError as exc:
            self._f = None
            self.tmp.unlink(missing_ok=True)
            raise name_os_error(exc, self.path) from None
        self._f = None
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self._f is None:
            return
        with contextlib.suppress(OSError):  # a full disk may refuse the buffered tail
            self._f.close()
        self._f = None
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if et is None:
            self.commit()
        else:
            self.abort()


def encode_text(text: str) -> bytes:
    """UTF-8 bytes of ``text``; a lone surrogate (not encodable in UTF-8) becomes U+FFFD.

    >>> encode_text("a\\ud800b") == "a\\ufffdb".encode()
    True
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).encode()


def json_line(obj: Any, *, sort_keys: bool = False) -> bytes:
    """One compact JSON line (UTF-8; lone surrogates escaped, so it stays valid)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    try:
        return s.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        s = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), sort_keys=sort_keys)
        return s.encode("ascii") + b"\n"


def textclean_field(doc: Document) -> dict[str, Any]:
    """The ``textclean`` object added to each JSONL output record."""
    return {"edits": len(doc.edits), "scores": dict(sorted(doc.scores.items()))}


def jsonl_record(doc: Document, text_key: str) -> dict[str, Any]:
    """The output record: the input's other fields, the cleaned text, ``textclean``."""
    record = dict(doc.metadata)
    record[text_key] = doc.text
    audit = textclean_field(doc)
    if "textclean" in record:  # the input's own field is kept, never overwritten
        audit["input"] = record["textclean"]
    record["textclean"] = audit
    return record


class JsonlWriter:
    """Write JSONL records, compressed like the input (``""``, ``"gz"`` or ``"zst"``)."""

    def __init__(self, path: Path, compression: str) -> None:
        self._file = AtomicFile(path)
        self._stream: Any
        self._closer: Any = None
        if compression == "gz":
            self._stream = gzip.GzipFile(
                filename="", mode="wb", fileobj=self._file, mtime=0, compresslevel=6
            )
            self._closer = self._stream
        elif compression == "zst":
            cctx = zstandard.ZstdCompressor(level=3, write_checksum=True)
            self._stream = cctx.stream_writer(self._file, closefd=False)
            self._closer = self._stream
        else:
            self._stream = self._file
        self.bytes_written = 0

    def write_line(self, line: bytes) -> None:
        self.bytes_written += len(line)
        self._stream.write(line)

    def commit(self) -> None:
        if self._closer is not None:
            self._closer.close()
        self._file.commit()

    def abort(self) -> None:
        """Discard the file, and any output an earlier run left under its name."""
        self._file.abort()
        remove_stale(self._file.path)


def write_text(path: Path, text: str) -> int:
    """Write one cleaned text file atomically; returns the bytes written."""
    data = encode_text(text)
    with AtomicFile(path) as f:
        f.write(data)
    return len(data)


def remove_stale(path: Path) -> None:
    """Remove an output left by an earlier run for a document now rejected."""
    if path.is_file() or path.is_symlink():
        path.unlink()
