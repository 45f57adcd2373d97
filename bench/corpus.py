"""Benchmark corpus: real English prose from Debian documentation packages.

Builds (once) and caches plain-text documents made from the HTML of Debian's
documentation packages — the Python 3.11 and PostgreSQL 15 manuals, the
Debian Reference and the Debian Administrator's Handbook (English), the git
and SQLite documentation — about 28 MB of text in about 2,700 documents.
Debian's package archive is the public source; ``apt-get download`` fetches the ``.deb`` files (run
``apt-get update`` once first on a fresh machine), ``dpkg-deb -x`` unpacks
them, and a small HTML-to-text converter keeps headings, paragraphs, list
items, tables and code, and drops scripts, styles and navigation chrome.

The cache lives in ``$TEXTCLEAN_BENCH_CACHE``, else ``$TEXTCLEAN_CACHE/bench-corpus``
when ``$TEXTCLEAN_CACHE`` is set, else ``bench/.cache/corpus``; it holds the
``.deb`` files, ``corpus.jsonl`` (one ``{"id", "package", "text"}`` per
document, in a fixed order) and ``manifest.json`` (package versions, counts).
Nothing here is committed.

Build it::

    python bench/corpus.py            # prints the manifest
    python bench/corpus.py --rebuild  # re-extract (keeps downloaded .debs)

Use it::

    from bench.corpus import load_corpus
    docs = load_corpus(min_bytes=20_000_000)   # list[str], >= 20 MB of UTF-8
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

DEFAULT_MIN_BYTES = 20_000_000
MIN_DOC_CHARS = 200


@dataclass(frozen=True)
class Source:
    """One Debian package and which of its HTML files are English documents."""

    package: str
    path_pattern: str  # regex a file's path inside the package must match

    def matches(self, relpath: str) -> bool:
        return re.search(self.path_pattern, relpath) is not None


SOURCES: tuple[Source, ...] = (
    Source(
        "python3.11-doc",
        r"^usr/share/doc/python3\.11/html/(?!_|genindex|search|py-modindex).*\.html$",
    ),
    Source("postgresql-doc-15", r"^usr/share/doc/postgresql-doc-15/html/.*\.html$"),
    Source("debian-reference-en", r"^usr/share/debian-reference/.*\.en\.html$"),
    Source("debian-handbook", r"^usr/share/doc/debian-handbook/html/en-US/.*\.html$"),
    Source("git-doc", r"^usr/share/doc/git-doc/.*\.html$"),
    Source("sqlite3-doc", r"^usr/share/doc/sqlite3/(?!syntax/).*\.html$"),
)


def cache_dir() -> Path:
    """Where the corpus is cached (see the module docstring)."""
    env = os.environ.get("TEXTCLEAN_BENCH_CACHE")
    if env:
        return Path(env)
    shared = os.environ.get("TEXTCLEAN_CACHE")
    if shared:
        return Path(shared) / "bench-corpus"
    return Path(__file__).resolve().parent / ".cache" / "corpus"


# ---------------------------------------------------------------- HTML → text

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "br",
        "hr",
        "caption",
        "figcaption",
        "title",
        "td",
        "th",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "head", "nav", "noscript", "svg", "button", "form"})
_SKIP_CLASSES = frozenset(
    {
        "sphinxsidebar",
        "related",
        "footer",
        "navheader",
        "navfooter",
        "headerlink",
        "toc",
        "mobile-nav",
        "breadcrumbs",
        "navigation",
    }
)
_VOID_TAGS = frozenset(
    [
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    ]
)


class _TextExtractor(HTMLParser):
    """Collects visible text, one block per line, skipping chrome elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_stack: list[str] = []  # tags whose content is being skipped
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_stack:
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        classes = set()
        role = ""
        for name, value in attrs:
            if name == "class" and value:
                classes.update(value.split())
            elif name == "role" and value:
                role = value
        if tag in _SKIP_TAGS or classes & _SKIP_CLASSES or role == "navigation":
            if tag not in _VOID_TAGS:
                self._skip_stack.append(tag)
            return
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack:
            # pop to the matching open tag (tolerates unclosed children)
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_stack:
            return
        if self._pre:
            self.parts.append(data.replace("\n", "\x00"))  # keep code lines apart
        else:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: blocks become paragraphs split by blank lines.

    >>> html_to_text("<html><head><title>T</title></head><body><nav>Home</nav>"
    ...              "<h1>Intro&para;</h1><p>Some <b>bold</b>\\n text.</p>"
    ...              "<pre>a = 1\\nb = 2</pre></body></html>")
    'Intro¶\\n\\nSome bold text.\\n\\na = 1\\nb = 2'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    blocks = []
    for block in "".join(parser.parts).split("\n"):
        block = block.strip()
        if block:
            blocks.append(block.replace("\x00", "\n").strip("\n"))
    return "\n\n".join(html.unescape(b) if "&" in b else b for b in blocks)


# ---------------------------------------------------------------- build / load


def _download(package: str, debs: Path) -> Path:
    found = sorted(debs.glob(f"{package}_*.deb"))
    if found:
        return found[-1]
    debs.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["apt-get", "download", package], cwd=debs, capture_output=True, text=True, check=False
    )
    found = sorted(debs.glob(f"{package}_*.deb"))
    if not found:
        raise RuntimeError(
            f"apt-get download {package} failed (run `apt-get update` first?): "
            f"{result.stderr.strip()[-500:]}"
        )
    return found[-1]


def _documents(source: Source, deb: Path) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="tc-bench-") as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        root = Path(tmp)
        files = sorted(p for p in root.rglob("*.html") if p.is_file() and not p.is_symlink())
        for path in files:
            rel = path.relative_to(root).as_posix()
            if not source.matches(rel):
                continue
            text = html_to_text(path.read_text(encoding="utf-8", errors="replace"))
            if len(text) >= MIN_DOC_CHARS:
                yield f"{source.package}:{rel}", text


def build_corpus(rebuild: bool = False) -> dict[str, object]:
    """Download, extract and convert the packages; return the manifest."""
    root = cache_dir()
    manifest_path = root / "manifest.json"
    if manifest_path.exists() and not rebuild:
        return json.loads(manifest_path.read_text())
    root.mkdir(parents=True, exist_ok=True)
    tmp_out = root / "corpus.jsonl.tmp"
    packages: dict[str, dict[str, object]] = {}
    total_bytes = 0
    n_docs = 0
    with tmp_out.open("w", encoding="utf-8") as out:
        for source in SOURCES:
            deb = _download(source.package, root / "debs")
            docs = bytes_ = 0
            for doc_id, text in _documents(source, deb):
                out.write(json.dumps({"id": doc_id, "package": source.package, "text": text}))
                out.write("\n")
                docs += 1
                bytes_ += len(text.encode("utf-8"))
            packages[source.package] = {"deb": deb.name, "documents": docs, "bytes": bytes_}
            total_bytes += bytes_
            n_docs += docs
    os.replace(tmp_out, root / "corpus.jsonl")
    manifest = {"documents": n_docs, "bytes": total_bytes, "packages": packages}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def load_corpus(min_bytes: int | None = DEFAULT_MIN_BYTES) -> list[str]:
    """Documents (plain text) adding up to at least ``min_bytes`` of UTF-8.

    Builds the cache on first use. Documents come in the corpus's fixed order
    (packages interleaved round-robin so any prefix mixes the sources);
    ``min_bytes=None`` returns every document. Raises ``RuntimeError`` if the
    corpus is smaller than asked.
    """
    build_corpus()
    by_package: dict[str, list[str]] = {}
    with (cache_dir() / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by_package.setdefault(row["package"], []).append(row["text"])
    queues = [docs[::-1] for docs in by_package.values()]
    ordered: list[str] = []
    while any(queues):
        for q in queues:
            if q:
                ordered.append(q.pop())
    if min_bytes is None:
        return ordered
    out: list[str] = []
    size = 0
    for text in ordered:
        if size >= min_bytes:
            break
        out.append(text)
        size += len(text.encode("utf-8"))
    if size < min_bytes:
        raise RuntimeError(f"benchmark corpus has only {size} bytes, {min_bytes} asked")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="re-extract the documents")
    args = parser.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        print("dpkg-deb is needed (Debian/Ubuntu)", file=sys.stderr)
        return 2
    manifest = build_corpus(rebuild=args.rebuild)
    print(json.dumps(manifest, indent=2))
    print(f"cache: {cache_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
