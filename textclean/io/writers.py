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
import re
from json.encoder import encode_basestring
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


#: The control characters JSON writes as ``\\u00XX`` (all but the line feed, the
#: carriage return and the tab), as bytes: no other character's UTF-8 holds one.
_ODD_CONTROL = bytes(c for c in range(0x20) if c not in b"\n\r\t")


def json_string(text: str, errors: str = "strict") -> bytes | None:
    """The UTF-8 bytes :func:`json_line` writes for the string ``text`` (quotes
    included), or None when ``text`` holds a lone surrogate (then :func:`json_line`
    writes its whole line escaped, ``ensure_ascii``).

    ``json`` escapes only the backslash, the quote and the control characters; the
    common ones are replaced in the UTF-8 bytes (C-level searches, where ``json``'s
    own escaper reads a non-ASCII text a character at a time), the rare ones are
    left to ``json``.

    >>> text = 'a "b"\\\\ é\\n\\t\\x01'
    >>> json_string(text) == json.dumps(text, ensure_ascii=False).encode()
    True
    >>> json_string("\\ud800") is None
    True

    ``errors="surrogatepass"``: what the work journal writes (``json.dumps`` of the
    string, encoded so): a lone surrogate's bytes are passed through.
    """
    try:
        data = text.encode("utf-8", errors)
    except UnicodeEncodeError:
        return None
    if len(data.translate(None, _ODD_CONTROL)) != len(data):  # (C loops, unlike a search)
        return encode_basestring(text).encode("utf-8", errors)
    if b"\\" in data:
        data = data.replace(b"\\", b"\\\\")
    if b'"' in data:
        data = data.replace(b'"', b'\\"')
    if b"\n" in data:
        data = data.replace(b"\n", b"\\n")
    if b"\r" in data:
        data = data.replace(b"\r", b"\\r")
    if b"\t" in data:
        data = data.replace(b"\t", b"\\t")
    return b'"' + data + b'"'


#: Stand-ins for values encoded apart and put in place by :func:`json_line_with`
#: (a NUL is written ``\\u0000``, so the stand-in's JSON is easy to find).
SLOTS = ("\x00textclean-slot-0\x00", "\x00textclean-slot-1\x00")
_SLOT_JSON = re.compile(rb'"\\u0000textclean-slot-([01])\\u0000"')


def json_line_with(obj: Any, values: dict[str, bytes], *, sort_keys: bool = False) -> bytes | None:
    """:func:`json_line` of ``obj`` with the value at each stand-in of :data:`SLOTS`
    (the keys of ``values``) being ``values[slot]``: the JSON bytes of that value,
    encoded apart (as :func:`json_line` encodes it). None when that is not sure to
    be the same (a lone surrogate: :func:`json_line` then escapes the whole line; or
    a stand-in's JSON found other than once), and the caller encodes the whole.

    >>> json_line_with({"a": SLOTS[0], "b": 1}, {SLOTS[0]: b'"x"'})
    b'{"a":"x","b":1}\\n'
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    try:
        line = s.encode("utf-8")
    except UnicodeEncodeError:
        return None
    put = put_in_slots(line, values)
    return None if put is None else put + b"\n"


def put_in_slots(data: bytes, values: dict[str, bytes]) -> bytes | None:
    """``data`` (JSON) with the JSON of each stand-in of :data:`SLOTS` (the keys of
    ``values``) replaced by ``values[slot]``, or None unless each occurs exactly once.

    >>> put_in_slots(b'["\\\\u0000textclean-slot-1\\\\u0000",2]', {SLOTS[1]: b"[1]"})
    b'[[1],2]'
    """
    line = data
    found = _SLOT_JSON.findall(line)
    if len(found) != len(values) or len(set(found)) != len(found):
        return None
    by_number = {slot[-2:-1].encode(): data for slot, data in values.items()}
    if set(by_number) != set(found):
        return None
    # one pass: what a value brings in is not searched again
    return _SLOT_JSON.sub(lambda m: by_number[m.group(1)], line)


def scores_json(doc: Document) -> bytes | None:
    """The JSON bytes of ``doc``'s scores in key order, as both :func:`json_line` of
    the output record (:func:`textclean_field`) and of the report row (``sort_keys``)
    write them; None when those could differ (a score that is not a plain value) or
    the line would be escaped (a lone surrogate)."""
    scores = doc.scores
    if not all(type(v) in _PLAIN for v in scores.values()):
        return None
    s = json.dumps(dict(sorted(scores.items())), ensure_ascii=False, separators=(",", ":"))
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError:
        return None


_PLAIN = frozenset({str, int, float, bool, type(None)})


def textclean_field(doc: Document, scores: Any = None) -> dict[str, Any]:
    """The ``textclean`` object added to each JSONL output record (``scores``, when
    given, stands for the scores in key order)."""
    if scores is None:
        scores = dict(sorted(doc.scores.items()))
    return {"edits": len(doc.edits), "scores": scores}


def jsonl_record(
    doc: Document, text_key: str, text: Any = None, scores: Any = None
) -> dict[str, Any]:
    """The output record: the input's other fields, the cleaned text, ``textclean``
    (``text`` and ``scores``, when given, stand for the text and the scores)."""
    record = dict(doc.metadata)
    record[text_key] = doc.text if text is None else text
    audit = textclean_field(doc, scores)
    if "textclean" in record:  # the input's own field is kept, never overwritten
        audit["input"] = record["textclean"]
    record["textclean"] = audit
    return record


def jsonl_line(doc: Document, text_key: str, scores: bytes | None = None) -> bytes:
    """``json_line(jsonl_record(doc, text_key))``, with the text (and ``scores``, the
    :func:`scores_json` of ``doc`` when given) encoded apart: the same bytes."""
    text = json_string(doc.text)
    if text is not None:
        values = {SLOTS[0]: text}
        if scores is not None:
            values[SLOTS[1]] = scores
        record = jsonl_record(doc, text_key, SLOTS[0], None if scores is None else SLOTS[1])
        line = json_line_with(record, values)
        if line is not None:
            return line
    return json_line(jsonl_record(doc, text_key))


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
