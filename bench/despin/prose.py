"""A body of normally written prose for calibrating and checking despin on clean text.

Built offline from Debian documentation packages (fetched with ``apt-get
download``, unpacked with ``dpkg-deb -x``) into ``$TEXTCLEAN_CACHE/despin/prose``
(default ``bench/.cache/despin/prose``); nothing is committed. The Debian
Administrator's Handbook (CC-BY-SA / GPL-2+) gives English prose and the same
book in other languages (the non-English check); the Debian FAQ adds more
English. Each HTML page is reduced to its paragraph text (code blocks and
navigation dropped) and cut into article-sized documents of about 600–1500
words, at paragraph boundaries.

Literary prose (``literary/*.txt``, :func:`build_literary`): the cookies of Debian's
``fortunes`` package (BSD-style licence; quotations from novels, plays and essays,
Pratchett, poems and songs, humour, proverbs), each cookie one paragraph, cut into
documents the same way. It stands in for fiction and other non-news writing when
clean text is calibrated.

Usage::

    python bench/despin/prose.py          # build the cache (once) and print counts
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

PACKAGES = ("debian-handbook", "debian-faq", "fortunes")
#: fortune files that are not prose (pictures, code, word lists)
NOT_PROSE = frozenset({"ascii-art", "art", "perl", "translate-me", "definitions"})
#: Handbook languages used for the "never flag non-English text" check.
FOREIGN = ("fr-FR", "de-DE", "es-ES", "it-IT", "pt-BR", "nl-NL")
DOC_WORDS = (600, 1500)


def cache_dir() -> Path:
    default = Path(__file__).resolve().parent.parent / ".cache"
    return Path(os.environ.get("TEXTCLEAN_CACHE", default)) / "despin"


class _Paragraphs(HTMLParser):
    """Collects paragraph text (<p>, <div class="para">, <li>, <dd>, <h1-4>, <td>); skips <pre>."""

    BLOCK = frozenset({"p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "td", "title"})
    SKIP = frozenset({"pre", "script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._depth = 0
        self._divs: list[bool] = []  # open <div>s: True for a paragraph div

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK or (tag == "div" and ("class", "para") in attrs):
            self._flush()
            self._depth += 1
            self._divs.append(tag == "div")
        elif tag == "div":
            self._divs.append(False)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK or (tag == "div" and self._divs and self._divs.pop()):
            self._flush()
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip and self._depth:
            self._buf.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if len(text.split()) >= 8:
            self.paras.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def _paragraphs(html: str) -> list[str]:
    p = _Paragraphs()
    p.feed(html)
    p.close()
    return p.paras


def _documents(paras: list[str]) -> list[str]:
    docs: list[str] = []
    cur: list[str] = []
    words = 0
    for para in paras:
        cur.append(para)
        words += len(para.split())
        if words >= DOC_WORDS[1] or (words >= DOC_WORDS[0] and para.endswith(".")):
            docs.append("\n".join(cur) + "\n")
            cur, words = [], 0
    if words >= 200:
        docs.append("\n".join(cur) + "\n")
    return docs


def _unpack(pkg: str, root: Path) -> Path:
    debs = root / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    found = sorted(debs.glob(f"{pkg}_*.deb"))
    if not found:
        subprocess.run(["apt-get", "download", pkg], cwd=debs, check=True, capture_output=True)
        found = sorted(debs.glob(f"{pkg}_*.deb"))
    out = root / "unpacked" / pkg
    if not out.is_dir():
        out.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(found[-1]), str(out)], check=True)
    return out


def build(root: Path | None = None) -> Path:
    """Build (once) and return the prose folder: ``en/*.txt`` and ``<lang>/*.txt``."""
    root = root or cache_dir()
    prose = root / "prose"
    if (prose / ".done").exists():
        return prose
    sources: dict[str, list[Path]] = {}
    hb = _unpack("debian-handbook", root) / "usr/share/doc/debian-handbook/html"
    for lang in ("en-US", *FOREIGN):
        key = "en" if lang == "en-US" else lang
        sources.setdefault(key, []).extend(sorted((hb / lang).glob("*.html")))
    faq = _unpack("debian-faq", root) / "usr/share/doc/debian/FAQ"
    sources["en"].extend(sorted(faq.rglob("*.html")))
    for lang, pages in sources.items():
        (prose / lang).mkdir(parents=True, exist_ok=True)
        n = 0
        for page in pages:
            for doc in _documents(_paragraphs(page.read_text(encoding="utf-8", errors="replace"))):
                n += 1
                (prose / lang / f"{n:04d}.txt").write_text(doc, encoding="utf-8")
    (prose / ".done").write_text("ok\n")
    return prose


def _cookies(path: Path) -> list[str]:
    """The cookies of one fortune file, each as one paragraph (lines joined)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    out = []
    for cookie in text.split("\n%\n"):
        para = " ".join(cookie.replace("%", " ").split())
        if len(para.split()) >= 4:
            out.append(para)
    return out


def build_literary(root: Path | None = None) -> Path:
    """Build (once) and return the literary folder (fortune cookies, see the module
    docstring)."""
    root = root or cache_dir()
    folder = root / "prose" / "literary"
    if (folder / ".done").exists():
        return folder
    games = _unpack("fortunes", root) / "usr/share/games/fortunes"
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(games.iterdir()):
        if path.suffix or not path.is_file() or path.name in NOT_PROSE:
            continue  # .dat indexes, .u8 copies
        for doc in _documents(_cookies(path)):
            n += 1
            (folder / f"{path.name}_{n:04d}.txt").write_text(doc, encoding="utf-8")
    (folder / ".done").write_text("ok\n")
    return folder


def load(lang: str = "en") -> list[tuple[str, str]]:
    """``(name, text)`` of every prose document of ``lang`` (``en``, a handbook locale,
    or ``literary``)."""
    folder = build_literary() if lang == "literary" else build() / lang
    return [
        (f"{lang}/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
    ]


if __name__ == "__main__":
    base = build()
    build_literary()
    for d in sorted(p for p in base.iterdir() if p.is_dir()):
        docs = list(d.glob("*.txt"))
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in docs)
        print(f"{d.name:6} {len(docs):5d} documents {words:8d} words")
    sys.exit(0)
