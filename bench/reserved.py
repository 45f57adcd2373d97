"""The reserved list: sites and pages kept for an independent evaluation.

The mining and labelling scripts of the real sets (``bench/despin/real/stage.py``,
``bench/boilerplate/real/check.py --reserved FILE``) refuse any item whose address is a
listed page or on a listed site (one host or URL a line, ``#`` comments).

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "reserved.txt"
>>> _ = f.write_text("# kept\\nexample.org\\nhttps://news.example.com/a/\\n", encoding="utf-8")
>>> reserved_hits([("p1", "https://www.example.org/x"), ("p2", "https://news.example.com/a"),
...                ("p3", "https://news.example.com/b")], f)
['p1: reserved site example.org', 'p2: reserved page https://news.example.com/a/']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlparse


def load(reserved: Path | None) -> list[str]:
    """The entries of the list at ``reserved`` (none for None)."""
    if reserved is None:
        return []
    return [
        ln.strip()
        for ln in reserved.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]


def hits(items: Iterable[tuple[str, str]], entries: Sequence[str]) -> list[str]:
    """One line for each ``(id, url)`` of ``items`` that ``entries`` (:func:`load`) hold."""
    out = []
    for item_id, url in items:
        host = (urlparse(url).hostname or "").removeprefix("www.")
        for x in entries:
            if x.startswith("http"):
                if url.rstrip("/") == x.rstrip("/"):
                    out.append(f"{item_id}: reserved page {x}")
            elif host == x.removeprefix("www.") or host.endswith("." + x):
                out.append(f"{item_id}: reserved site {x}")
    return out


def reserved_hits(items: Iterable[tuple[str, str]], reserved: Path | None) -> list[str]:
    """One line for each ``(id, url)`` of ``items`` that the list at ``reserved`` holds."""
    return hits(items, load(reserved))
