"""Fuzzing clean_text with random Unicode and structured junk (hypothesis).

Properties: it never crashes, it is idempotent, and its output is never longer
than the input after Unicode normalization (NFC, which repair applies) plus the
one final newline normalize adds. Also: the JSONL reader accounts for every
line of arbitrary bytes.
"""

from __future__ import annotations

import io
import json
import os
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textclean import clean_text
from textclean.config import InputConfig
from textclean.document import Document
from textclean.io.discover import InputFile
from textclean.io.readers import InputReader

# bench/fuzz_long.py raises the count for long runs with random seeds
FUZZ = settings(
    max_examples=int(os.environ.get("TEXTCLEAN_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SCRIPTS = st.sampled_from(
    [
        "Hello",
        "déjà",
        "Москва",
        "北京",
        "東京都",
        "القاهرة",
        "नई दिल्ली",
        "שלום",
        "ελληνικά",
        "한국어",
        "ไทย",
        "e\u0301",
        "\u0958",
        "\ufb2c",
        "👨‍👩‍👧",
        "🏳️‍🌈",
        "\u200b",
        "\u200f",
        "\u00a0",
        "\u3000",
        "\ufeff",
        "\ud800",
        "\udfff",
        "\x00",
        "\x1b[31m",
        "\x85",
        "\x9d",
        "Ã©",
        "â€™",
        "Ã\xa0",
        "ï¬",
        "&amp;",
        "&amp;amp;",
        "&#x27;",
        "&nbsp;",
        "&lt;b&gt;",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\n\n\n",
        "\x0c",
        "\u2028",
    ]
)
MIXED = st.lists(SCRIPTS, max_size=60).map("".join)


def _mojibake(s: str) -> str:
    return s.encode("utf-8", "surrogatepass").decode("cp1252", errors="replace")


HTML = st.recursive(
    st.text(max_size=20) | st.sampled_from(["&amp;", "&nbsp;", "&#169;", "&bogus;", "<br>"]),
    lambda inner: st.builds(
        lambda tag, attrs, body: f"<{tag}{attrs}>{body}</{tag}>",
        st.sampled_from(["div", "p", "script", "a", "span"]),
        st.sampled_from(["", ' class="x"', " href='/?a=1&amp;b=2'", ' style="color:red"']),
        st.lists(inner, max_size=4).map("\n".join),
    ),
    max_leaves=12,
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=15),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=15,
)
JSON = JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False, indent=1))
LONG_LINES = st.builds(
    lambda unit, n: unit * n,
    st.sampled_from(["word ", "a", " ", "\t", "Ã©", "&amp;", "日本", "x  ", "😀"]),
    st.integers(1000, 30000),
)
JUNK = st.one_of(
    st.text(),
    MIXED,
    MIXED.map(_mojibake),
    HTML,
    JSON,
    LONG_LINES,
    st.lists(st.one_of(MIXED, HTML, JSON, st.text(max_size=40)), max_size=5).map("\n".join),
)


@FUZZ
@given(JUNK)
def test_clean_text_never_crashes_is_idempotent_and_never_grows(text: str) -> None:
    once = clean_text(text)
    assert isinstance(once, str)
    assert clean_text(once) == once
    assert len(once) <= len(unicodedata.normalize("NFC", text)) + 1


@FUZZ
@given(
    st.lists(
        st.binary(max_size=60) | JSON.map(str.encode) | st.just(b'{"text": "ok"}'), max_size=20
    )
)
def test_jsonl_reader_accounts_for_every_line(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    data = b"\n".join(lines)
    stdin = io.BytesIO(b"{}\n" + data)  # starts with "{": read as JSONL
    items = list(InputReader(InputFile("-", "stdin", "auto"), InputConfig(), stdin=stdin))
    docs = [i for i in items if isinstance(i, Document)]
    non_blank = 1 + sum(1 for line in lines if line.strip())
    assert len(docs) == non_blank
    assert all(d.dropped is None or ":" in d.dropped for d in docs)
