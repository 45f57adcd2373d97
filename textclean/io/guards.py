"""Guards for hostile input: JSON numbers that cannot round-trip, truncated zstd,
the id of an over-long JSONL line, and per-file limits.

* :func:`load_record` parses one JSONL row like :func:`json.loads`, but refuses
  a number that would not be written back as the same JSON: an integer of
  more digits than Python converts (``sys.get_int_max_str_digits()``, 4,300),
  a float that overflows to infinity (``1e99999``) and the non-standard
  ``NaN``/``Infinity`` literals. It raises :class:`BadNumber`; the row's id is
  still found by :func:`id_of_row`.
* :class:`StrictZstdReader` decompresses a ``.zst`` stream frame by frame and
  raises :class:`TruncatedStream` when the data ends inside a frame (where
  ``zstandard``'s stream reader returns a clean end of file).
* :class:`IdScanner` finds a top-level ``"id"`` value in a JSON line read in
  chunks, so a line too long to parse still names its document.

>>> load_record('{"id": "a", "n": 1e5}')
{'id': 'a', 'n': 100000.0}
>>> try:
...     load_record('{"id": "b", "n": 1e99999}')
... except BadNumber as exc:
...     print(exc)
number 1e99999 overflows a double (it would be written back as Infinity, which is not JSON)
>>> id_of_row('{"id": "b", "n": 1e99999}', "id")
'b'
>>> s = IdScanner("id")
>>> s.feed(b'{"meta": {"id": "inner"}, "te'); s.feed(b'xt": "...", "id": "outer"}')
>>> s.found
'outer'
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
from typing import Any, BinaryIO

import zstandard

_STRING_STOP = re.compile(rb'["\\]')

#: Digits Python converts between int and str (3.11+ limit; 0 means unlimited).
_MAX_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: 0)() or 4300


class BadNumber(ValueError):
    """A JSON number that would not be written back as the same valid JSON."""


class TruncatedStream(ValueError):
    """A compressed stream that ends in the middle of a frame."""


def _float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise BadNumber(
            f"number {token[:40]} overflows a double "
            "(it would be written back as Infinity, which is not JSON)"
        )
    return value


def _constant(token: str) -> float:
    raise BadNumber(f"{token} is not a JSON number (it is a JavaScript literal)")


def load_record(s: str) -> Any:
    """:func:`json.loads` that raises :class:`BadNumber` for numbers that cannot round-trip.

    :class:`json.JSONDecodeError` and :class:`RecursionError` pass through.
    """
    try:
        return json.loads(s, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        if "integer string conversion" in str(exc) or "int_max_str_digits" in str(exc):
            raise BadNumber(
                f"an integer of more than {_MAX_DIGITS} digits, more than Python "
                "converts exactly (sys.get_int_max_str_digits)"
            ) from None
        raise


def id_of_row(s: str, id_key: str) -> str | None:
    """The top-level ``id_key`` value of a row whose numbers :func:`load_record` refused."""

    def keep(token: str) -> str:
        return token

    try:
        obj = json.loads(s, parse_int=keep, parse_float=keep, parse_constant=keep)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict):
        return None
    value = obj.get(id_key)
    return value if isinstance(value, str) and value else None


class StrictZstdReader(io.RawIOBase):
    """Raw reader over a ``.zst`` file: every frame, and an error if the last one is cut."""

    def __init__(self, raw: BinaryIO, chunk: int = 1 << 20) -> None:
        self._raw = raw
        self._chunk = chunk
        self._dctx = zstandard.ZstdDecompressor()
        self._dobj: Any = None  # the frame being decoded (None between frames)
        self._pending = b""  # compressed bytes not yet given to a frame
        self._out = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        while not self._out and not self._eof:
            data = self._pending or self._raw.read(self._chunk)
            self._pending = b""
            if not data:
                self._eof = True
                if self._dobj is not None:
                    raise TruncatedStream("premature end: the last zstd frame is incomplete")
                return
            if self._dobj is None:
                self._dobj = self._dctx.decompressobj()
            self._out = self._dobj.decompress(data)
            if self._dobj.eof:
                self._pending = self._dobj.unused_data
                self._dobj = None

    def readinto(self, buffer: Any) -> int:
        self._fill()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n


class IdScanner:
    """Find the top-level string (or integer) value of ``key`` in JSON fed in chunks.

    Memory stays bounded: strings longer than ``keep`` characters are skipped,
    not collected, so a 100 MB text costs nothing here.
    """

    def __init__(self, key: str, keep: int = 4096) -> None:
        self.key = key
        self.keep = keep
        self.found: str | None = None
        self._depth = 0
        self._in_str = False
        self._esc = False
        self._buf: bytearray | None = None  # the current depth-1 string, while short
        self._last: str | None = None  # the last complete depth-1 string
        self._want_value = False  # the last key was ``key``: its value comes next
        self._number = bytearray()

    def feed(self, data: bytes) -> None:
        if self.found is not None:
            return
        i, n = 0, len(data)
        while i < n:
            if self._in_str:
                if self._esc:
                    self._esc = False
                    if self._buf is not None:
                        self._buf.append(data[i])
                    i += 1
                    continue
                # jump to the next quote or backslash: long texts cost one scan in C
                m = _STRING_STOP.search(data, i)
                j = n if m is None else m.start()
                if self._buf is not None:
                    self._buf += data[i:j]
                    if len(self._buf) > self.keep:
                        self._buf = None
                if m is None:
                    return
                i = j + 1
                if data[j] == 0x5C:  # backslash: the next byte is escaped
                    self._esc = True
                    if self._buf is not None:
                        self._buf.append(0x5C)
                    continue
                self._in_str = False  # the closing quote
                self._last = self._decode(bytes(self._buf)) if self._buf is not None else None
                if self._want_value and self._depth == 1:
                    self._want_value = False
                    if self._last is not None:
                        self.found = self._last
                        return
                continue
            b = data[i]
            i += 1
            if self._number and not (0x30 <= b <= 0x39 or b == 0x2D):
                self.found = self._number.decode()
                return
            if b == 0x22:
                self._in_str = True
                self._buf = bytearray() if self._depth == 1 else None
            elif b in (0x7B, 0x5B):  # { [
                self._depth += 1
                self._want_value = False
            elif b in (0x7D, 0x5D):  # } ]
                self._depth -= 1
            elif b == 0x3A and self._depth == 1:  # ':' after a key
                self._want_value = self._last == self.key
            elif b == 0x2C:  # ','
                self._want_value = False
            elif (
                self._want_value
                and self._depth == 1
                and (0x30 <= b <= 0x39 or b == 0x2D)
                and len(self._number) < 64
            ):
                self._number.append(b)

    @staticmethod
    def _decode(raw: bytes) -> str | None:
        try:
            value = json.loads(b'"' + raw + b'"')
        except ValueError:
            return None
        return value if isinstance(value, str) and value else None
