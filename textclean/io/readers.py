"""Reading documents: one per text file, one per JSONL row.

An :class:`InputReader` turns one :class:`~textclean.io.discover.InputFile`
into a stream of :class:`~textclean.document.Document` and
:class:`~textclean.io.discover.Failure` items. Nothing is silently lost:

* a text file that cannot be used becomes a *dropped* document whose reason
  says why (``unreadable``, ``not_regular_file``, ``binary``, ``too_long``);
* a JSONL line that cannot be used becomes a dropped document holding the raw
  line (``malformed_jsonl``, ``missing_text_key``, ``bad_text``) with its line
  number; the other lines are read as usual;
* a problem that is not one document (an unreadable JSONL file, a corrupt
  compressed stream) is yielded as a :class:`Failure`.

Bytes that are not UTF-8 are decoded by :mod:`textclean.io.encoding`
(charset-normalizer for legacy code pages, U+FFFD for damaged UTF-8) and the
document is flagged in its scores (``input.encoding``,
``input.encoding_confidence``, ``input.replaced_bytes``); bytes no encoding
decodes plausibly are rejected as ``undecidable_encoding``.

>>> reason_code("too_long: 12 chars > 10"), is_input_failure("binary: NUL byte at 4")
('too_long', True)
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import zstandard

from textclean.config import InputConfig
from textclean.document import Document
from textclean.io.discover import Failure, InputFile
from textclean.io.encoding import BinaryContent, UndecidableEncoding, decode_bytes
from textclean.io.guards import BadNumber, IdScanner, StrictZstdReader, id_of_row, load_record

__all__ = ["BinaryContent", "InputReader", "UndecidableEncoding", "decode_bytes"]

#: Reason codes of rejects that mean an input could not be read as intended:
#: they are listed as failed inputs and make the CLI exit with status 1.
FAILURE_CODES = frozenset(
    {
        "unreadable",
        "not_regular_file",
        "binary",
        "malformed_jsonl",
        "missing_text_key",
        "bad_text",
        "undecidable_encoding",
        "bad_number",
        "stage_error",
    }
)
#: Reject reasons whose document text is not kept in the rejects (the input
#: still holds it at ``source``/``line``).
TEXT_OMITTED_CODES = frozenset(
    {"unreadable", "not_regular_file", "binary", "undecidable_encoding", "too_long"}
)

READ_CHUNK = 1 << 20
_JSONL_SLACK = 1 << 20  # room for the other fields of a JSONL row over the text limit
#: Bytes a JSONL line may spend per character of text: ``json.dumps`` writes a
#: BMP character as a 6-byte ``\\uXXXX`` escape (an 8M-character CJK text is a
#: 48 MB line), so the line cap is 6 bytes per allowed character.
_JSON_BYTES_PER_CHAR = 6
#: The expansion limits of a compressed input apply once this many bytes have
#: been decompressed, or this many rows read (small, very repetitive files are fine).
EXPANSION_FLOOR = 4 << 20
ROWS_FLOOR = 10_000


def reason_code(reason: str) -> str:
    """The code of a drop reason: the part before the first colon."""
    return reason.split(":", 1)[0].strip()


def is_input_failure(reason: str | None) -> bool:
    return reason is not None and reason_code(reason) in FAILURE_CODES


def _flag(
    doc: Document, encoding: str | None, replaced: int, confidence: float | None = None
) -> Document:
    if encoding is not None:
        doc.scores["input.encoding"] = encoding
    if confidence is not None:
        doc.scores["input.encoding_confidence"] = confidence
    if replaced:
        doc.scores["input.replaced_bytes"] = replaced
    return doc


def _open_file(path: str) -> BinaryIO:
    """Open an input for reading bytes (one place, so tests can simulate failures)."""
    return open(path, "rb")


class _Chain(io.RawIOBase):
    """A raw stream that replays ``head`` and then continues with ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def sniff_jsonl(head: bytes) -> bool:
    """True when data starting with ``head`` looks like JSON lines (first byte ``{``).

    >>> sniff_jsonl(b'\\n  {"text": "x"}'), sniff_jsonl(b"Plain text")
    (True, False)
    """
    return head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{")


class InputReader:
    """Iterate over the documents (and failures) of one input.

    After iteration, ``bytes_read`` holds the uncompressed bytes of input seen
    and ``kind`` the resolved kind (stdin is sniffed: JSONL if it starts with ``{``).
    """

    def __init__(
        self,
        inp: InputFile,
        config: InputConfig,
        *,
        source: str | None = None,
        stdin: BinaryIO | None = None,
    ) -> None:
        self.inp = inp
        self.config = config
        self.source = source or inp.path
        self.kind = inp.kind
        self.bytes_read = 0
        self._stdin = stdin
        self._raw: Any = None  # the file on disk, while a compressed input is read

    @property
    def disk_bytes(self) -> int:
        """Bytes of the file on disk read so far (for progress): for a compressed
        input the position in the compressed file, else ``bytes_read``."""
        if self._raw is not None:
            try:
                return int(self._raw.tell())
            except (OSError, ValueError):
                return max(self.inp.size, 0)
        return self.bytes_read

    @property
    def limit(self) -> int:
        return self.config.max_document_chars

    def __iter__(self) -> Iterator[Document | Failure]:
        if self.inp.is_stdin:
            yield from self._read_stdin()
        elif self.kind == "jsonl":
            yield from self._read_jsonl_file()
        elif self.kind == "parquet":
            from textclean.io.parquet import read_parquet

            for item in read_parquet(self.inp, self.config, self.source):
                if isinstance(item, int):
                    self.bytes_read += item
                else:
                    yield item
        else:
            for item in self._read_text_file():
                if self.kind == "html" and isinstance(item, Document) and item.dropped is None:
                    item.scores["input.format"] = "html"  # the extract step makes it text
                yield item

    # -- stdin ---------------------------------------------------------------

    def _read_stdin(self) -> Iterator[Document | Failure]:
        raw = self._stdin if self._stdin is not None else sys.stdin.buffer
        head = raw.read(READ_CHUNK)
        stream = io.BufferedReader(_Chain(head, raw), READ_CHUNK)
        if sniff_jsonl(head):
            self.kind = "jsonl"
            yield from self._jsonl_rows(stream)
        else:
            self.kind = "text"
            yield self._text_document("-", stream, -1)

    # -- text files ----------------------------------------------------------

    def _dropped(self, doc_id: str, reason: str, text: str = "") -> Document:
        return Document(id=doc_id, text=text, source=self.source, dropped=reason)

    def _read_text_file(self) -> Iterator[Document | Failure]:
        doc_id = self.inp.relpath
        try:
            st = os.stat(self.inp.path)
            if not stat.S_ISREG(st.st_mode):
                yield self._dropped(doc_id, f"not_regular_file: {_file_type(st.st_mode)}")
                return
            f = _open_file(self.inp.path)
        except OSError as exc:
            yield self._dropped(doc_id, f"unreadable: {exc.strerror or exc}")
            return
        try:
            with f:
                yield self._text_document(doc_id, f, st.st_size)
        except OSError as exc:
            yield self._dropped(doc_id, f"unreadable: {exc.strerror or exc}")

    def _text_document(self, doc_id: str, stream: BinaryIO, size: int) -> Document:
        limit = self.limit
        cap = 4 * limit + 4 if limit > 0 else -1  # UTF-8 needs at most 4 bytes a character
        if cap >= 0 and size > cap:
            self.bytes_read += size
            return self._dropped(
                doc_id, f"too_long: {size} bytes, over max_document_chars={limit} characters"
            )
        data = stream.read(cap + 1) if cap >= 0 else stream.read()
        self.bytes_read += len(data)
        if cap >= 0 and len(data) > cap:
            return self._dropped(
                doc_id, f"too_long: over {cap} bytes, over max_document_chars={limit} characters"
            )
        try:
            text, encoding, replaced, confidence = decode_bytes(data)
        except BinaryContent as exc:
            return self._dropped(doc_id, f"binary: {exc}")
        except UndecidableEncoding as exc:
            return self._dropped(doc_id, f"undecidable_encoding: {exc}")
        if limit > 0 and len(text) > limit:
            return self._dropped(
                doc_id, f"too_long: {len(text)} characters > max_document_chars={limit}"
            )
        doc = Document(id=doc_id, text=text, source=self.source)
        return _flag(doc, encoding, replaced, confidence)

    # -- JSONL ---------------------------------------------------------------

    def _read_jsonl_file(self) -> Iterator[Document | Failure]:
        try:
            st = os.stat(self.inp.path)
            if not stat.S_ISREG(st.st_mode):
                yield Failure(self.source, None, f"not_regular_file: {_file_type(st.st_mode)}")
                return
            f = _open_file(self.inp.path)
        except OSError as exc:
            yield Failure(self.source, None, f"unreadable: {exc.strerror or exc}")
            return
        with f:
            stream: BinaryIO
            if self.inp.compression:
                self._raw = f
            if self.inp.compression == "gz":
                stream = gzip.GzipFile(fileobj=f, mode="rb")
            elif self.inp.compression == "zst":
                stream = io.BufferedReader(StrictZstdReader(f), READ_CHUNK)  # type: ignore[arg-type]
            else:
                stream = f
            yield from self._jsonl_rows(stream, f if self.inp.compression else None)

    def _jsonl_rows(
        self, stream: BinaryIO, compressed: BinaryIO | None = None
    ) -> Iterator[Document | Failure]:
        """Every row of a JSONL stream; ``compressed`` is the raw file of a compressed one
        (its position measures the expansion ratio, see :func:`limit_failure`)."""
        limit = self.limit
        cap = _JSON_BYTES_PER_CHAR * limit + _JSONL_SLACK if limit > 0 else -1
        lineno = 0
        documents = 0
        try:
            for lineno, line, length, found_id in _lines(stream, cap, self.config.id_key):
                self.bytes_read += length
                if line is None:
                    doc = self._dropped(
                        found_id or self._line_id(lineno),
                        f"too_long: line of {length} bytes, over max_document_chars={limit} "
                        f"(at most {_JSON_BYTES_PER_CHAR} bytes a character)",
                    )
                    doc.line = lineno
                    documents += 1
                    yield doc
                elif line.strip():
                    documents += 1
                    yield self._record(line, lineno)
                stop = limit_failure(self.config, documents, self.bytes_read, compressed)
                if stop is not None:
                    yield Failure(self.source, lineno + 1, stop)
                    return
        except (OSError, EOFError, ValueError, zlib.error, zstandard.ZstdError) as exc:
            yield Failure(self.source, lineno + 1, f"unreadable: stream is corrupt ({exc})")

    def _line_id(self, lineno: int) -> str:
        base = "-" if self.inp.is_stdin else self.inp.relpath
        return f"{base}:{lineno}"

    def _record(self, line: bytes, lineno: int) -> Document:
        encoding: str | None = None
        replaced = 0
        try:
            s = line.decode("utf-8")
        except UnicodeDecodeError:
            s = line.decode("utf-8", "replace")
            encoding = "utf-8"
            replaced = s.count("\ufffd") - line.count("\ufffd".encode())
        s = s.rstrip("\r\n")
        if lineno == 1:
            s = s.removeprefix("\ufeff")  # a UTF-8 byte-order mark starts the file
        default_id = self._line_id(lineno)

        def bad(reason: str, doc_id: str = default_id) -> Document:
            doc = Document(id=doc_id, text=s, source=self.source, line=lineno, dropped=reason)
            return _flag(doc, encoding, replaced)

        try:
            obj = load_record(s)
        except BadNumber as exc:
            return bad(f"bad_number: {exc}", id_of_row(s, self.config.id_key) or default_id)
        except json.JSONDecodeError as exc:
            scanner = IdScanner(self.config.id_key)  # a cut row still names its document
            scanner.feed(line)
            return bad(
                f"malformed_jsonl: {exc.msg} at column {exc.colno}", scanner.found or default_id
            )
        except RecursionError:
            scanner = IdScanner(self.config.id_key)  # the id is still found, without recursion
            scanner.feed(line)
            return bad("malformed_jsonl: nested too deeply", scanner.found or default_id)
        if not isinstance(obj, dict):
            return bad(f"malformed_jsonl: expected a JSON object, got {_json_type(obj)}")
        doc_id = record_id(obj.get(self.config.id_key), default_id)
        html = bool(self.config.html_key)
        key = self.config.html_key or self.config.text_key
        if key not in obj:
            return bad(f"missing_text_key: no {key!r} key in the record", doc_id)
        text = obj[key] if html else obj.pop(key)  # an HTML field stays in the output
        if not isinstance(text, str):
            return bad(f"bad_text: {key!r} holds {_json_type(text)}, not a string", doc_id)
        if self.limit > 0 and len(text) > self.limit:
            doc = Document(id=doc_id, text="", metadata=obj, source=self.source, line=lineno)
            doc.drop(f"too_long: {len(text)} characters > max_document_chars={self.limit}")
            return doc
        doc = Document(id=doc_id, text=text, metadata=obj, source=self.source, line=lineno)
        if html:
            doc.scores["input.format"] = "html"
        return _flag(doc, encoding, replaced)


def limit_failure(
    config: InputConfig, documents: int, bytes_read: int, compressed: BinaryIO | None
) -> str | None:
    """Why reading a file must stop here (a per-file limit is passed), or None.

    * ``max_documents_per_file`` bounds the rows of one file;
    * ``max_expansion_ratio`` bounds the decompressed bytes per compressed byte of a
      ``.gz``/``.zst`` input, once :data:`EXPANSION_FLOOR` bytes are out;
    * ``max_rows_per_kib`` bounds the rows per KiB of compressed data, once
      :data:`ROWS_FLOOR` rows are read: a many-line bomb (a 2 MB ``.gz`` of a
      million short rows) is stopped after seconds, while real data stays far
      below (news articles: ~1 row per KiB compressed; short posts: ~20).

    >>> from textclean.config import InputConfig
    >>> limit_failure(InputConfig(max_documents_per_file=3), 3, 10, None)[:19]
    'too_many_documents:'
    """
    most = getattr(config, "max_documents_per_file", 0)
    if most and documents >= most:
        return (
            f"too_many_documents: over max_documents_per_file={most}; "
            "the rest of the file was not read (raise the limit in [input] to read it)"
        )
    if compressed is None:
        return None
    packed = max(1, compressed.tell())
    ratio = getattr(config, "max_expansion_ratio", 0)
    if ratio and bytes_read >= EXPANSION_FLOOR and bytes_read > ratio * packed:
        return (
            f"too_expanded: {bytes_read} bytes from {packed} compressed, over "
            f"max_expansion_ratio={ratio}; the rest of the file was not read "
            "(raise the limit in [input] to read it)"
        )
    density = getattr(config, "max_rows_per_kib", 0)
    if density and documents >= ROWS_FLOOR and documents * 1024 > density * packed:
        return (
            f"too_expanded: {documents} rows from {packed} compressed bytes, over "
            f"max_rows_per_kib={density}; the rest of the file was not read "
            "(raise the limit in [input] to read it)"
        )
    return None


def _lines(
    stream: BinaryIO, cap: int, id_key: str = "id"
) -> Iterator[tuple[int, bytes | None, int, str | None]]:
    """``(line number, bytes or None if over cap, length, id found)`` for each line,
    memory bounded; the id of an over-long line is found while skipping it."""
    n = 0
    while True:
        line = stream.readline(cap + 1) if cap >= 0 else stream.readline()
        if not line:
            return
        n += 1
        if cap >= 0 and len(line) > cap and not line.endswith(b"\n"):
            total = len(line)
            scanner = IdScanner(id_key)
            scanner.feed(line)
            while True:
                more = stream.readline(READ_CHUNK)
                total += len(more)
                scanner.feed(more)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None, total, scanner.found
        else:
            yield n, line, len(line), None


def record_id(value: Any, default: str) -> str:
    """A record's id from its id field (JSONL key or parquet column): a non-empty string or
    an integer; anything else (missing, empty, a float, a list…) gives ``default``.

    >>> record_id(7, "f.jsonl:3"), record_id("", "f.jsonl:3"), record_id(True, "f.jsonl:3")
    ('7', 'f.jsonl:3', 'f.jsonl:3')
    """
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return default


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"
