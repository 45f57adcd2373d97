"""Turning input bytes into text: UTF-8 first, charset-normalizer for the rest.

The order of decisions (each input file, or each stdin text):

1. a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
2. valid UTF-8 is UTF-8 (no flag);
3. *damaged* UTF-8 — at least as many valid multi-byte characters as invalid
   sequences — stays UTF-8, the bad bytes become U+FFFD and are counted;
4. anything else (legacy code pages, UTF-16 without a BOM) is handed to
   **charset-normalizer**, which decodes with every candidate code page and keeps
   those whose text looks least like mojibake. Among equally good candidates
   the web's legacy default, cp1252, wins. The encoding and a confidence are
   recorded (``input.encoding``, ``input.encoding_confidence``);
5. bytes no encoding decodes plausibly raise :class:`UndecidableEncoding` (a
   reject with a reason, never garbage); NUL bytes that are not UTF-16/32 text
   raise :class:`BinaryContent`.

The confidence is ``(1 - chaos) * (0.5 + 0.5 * coherence)`` from charset-normalizer's
mess ratio (``chaos``, 0 = no mojibake) and language coherence (0 = no language
recognised, as in very short texts): at most 0.5 when nothing but the absence of
mojibake speaks for the choice.

>>> decode_bytes("Café crème".encode("cp1252")).encoding
'cp1252'
>>> d = decode_bytes("Москва — столица России, крупнейший город страны.".encode("cp1251"))
>>> d.text[:6], d.encoding
('Москва', 'cp1251')
>>> decode_bytes(b"ok \\xe2\\x80\\x99 bad \\xff")
Decoded(text='ok ’ bad �', encoding='utf-8', replaced=1, confidence=None)
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

import regex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NON_ASCII_VALID = regex.compile(r"[^\x00-\x7f\ufffd]")
#: charset-normalizer looks at this many bytes (spread over the input) at most.
_SAMPLE_STEPS = 8
_SAMPLE_SIZE = 4096
#: Preferred code pages when candidates tie (the commonest legacy web encodings).
_PREFERRED = ("cp1252", "utf_16_le", "utf_16_be")
#: Single-byte code pages each judged on its own as well: charset-normalizer skips a
#: code page similar to one that already decoded well (ISO-8859-2 Polish text came out
#: as ISO-8859-10), so the common ones of the web get a hearing of their own.
_SECOND_OPINION = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1257",
    "iso8859_13",
    "cp1255",
    "cp1256",
)


class BinaryContent(ValueError):
    """The bytes are not text (a NUL byte was found)."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"NUL byte at offset {offset}")
        self.offset = offset


class UndecidableEncoding(ValueError):
    """No encoding decodes the bytes into plausible text."""


class Decoded(NamedTuple):
    """Decoded text, the encoding flag (None for clean UTF-8), U+FFFD added, confidence."""

    text: str
    encoding: str | None
    replaced: int = 0
    confidence: float | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode input bytes; see the module docstring for the order of decisions."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, "replace")
            if "\x00" in text:
                raise BinaryContent(text.index("\x00"))
            return Decoded(text.removeprefix("\ufeff"), codec)
    nul = data.find(b"\x00")
    if nul < 0:
        try:
            return Decoded(data.decode("utf-8"), None)
        except UnicodeDecodeError:
            pass
        text = data.decode("utf-8", "replace")
        replaced = text.count("\ufffd") - data.count("\ufffd".encode())
        valid = len(_NON_ASCII_VALID.findall(text))
        if valid and valid >= replaced:
            return Decoded(text, "utf-8", replaced)
    return _detect(data, nul)


def _detect(data: bytes, nul: int) -> Decoded:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, steps=_SAMPLE_STEPS, chunk_size=_SAMPLE_SIZE))
    if nul >= 0:
        # NUL bytes are text only in UTF-16/32 (Latin text without a byte-order mark)
        matches = [m for m in matches if m.encoding.startswith(("utf_16", "utf_32"))]
        if not matches:
            raise BinaryContent(nul)
    else:
        tried = {m.encoding for m in matches}
        for enc in _SECOND_OPINION:
            if enc not in tried:
                matches.extend(
                    from_bytes(
                        data, steps=_SAMPLE_STEPS, chunk_size=_SAMPLE_SIZE, cp_isolation=[enc]
                    )
                )
    matches.sort(key=lambda m: (m.chaos, -m.coherence))
    best = matches[0] if matches else None
    if best is None:
        raise UndecidableEncoding(
            f"no encoding decodes these {len(data)} bytes into plausible text "
            "(charset-normalizer found no candidate)"
        )
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    encoding = best.encoding
    for preferred in _PREFERRED:
        if any(preferred in m.could_be_from_charset for m in tied):
            encoding = preferred
            break
    replaced = 0
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # charset-normalizer judged a sample: a later byte may not fit
        text = data.decode(encoding, "replace")
        replaced = text.count("\ufffd")
    confidence = (1.0 - best.chaos) * (0.5 + 0.5 * min(1.0, best.coherence))
    return Decoded(text, encoding, replaced, round(confidence, 3))
