"""Rebuild ``tests/data/prose_sample.jsonl``: clean prose the boilerplate rules must not touch.

Sources (both Debian packages; see ``tests/data/PROSE-LICENSE.md``):

* ``jargon-text`` 4.4.7: the Jargon File, public domain — hard-wrapped lexicon
  entries, unwrapped here into one paragraph per line;
* ``debian-handbook`` 11.20220922: The Debian Administrator's Handbook,
  GPL-2+ or CC-BY-SA-3.0 — the HTML pages' paragraphs, headings and list items.

Usage (downloads the two packages with ``apt-get download`` into
``$TEXTCLEAN_CACHE/prose``, default ``bench/.cache/prose``, unless ``--cache``
says otherwise)::

    python tests/data/build_prose_sample.py [--cache DIR]

Output is deterministic: the same packages give the same file.
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import json
import os
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "prose_sample.jsonl"
JARGON_BYTES = 420_000
HANDBOOK_BYTES = 480_000


def _extract(cache: Path, package: str) -> Path:
    root = cache / "x" / package
    if not root.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        if not list(cache.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", package], cwd=cache, check=True)
        deb = sorted(cache.glob(f"{package}_*.deb"))[-1]
        root.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def jargon_documents(root: Path) -> list[dict[str, str]]:
    text = gzip.decompress((root / "usr/share/doc/jargon-text/jargon.txt.gz").read_bytes()).decode(
        "utf-8"
    )
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    start = next(i for i, p in enumerate(paras) if re.match(r":0:", p))
    paras = [p for p in paras[start:] if p]
    docs = []
    size = 0
    # Every third chunk of 24 paragraphs, alternating the two layouts scraped
    # articles come in: blank lines between paragraphs, or none.
    for n, i in enumerate(range(0, len(paras), 24 * 3)):
        chunk = paras[i : i + 24]
        sep = "\n\n" if n % 2 == 0 else "\n"
        body = sep.join(chunk) + "\n"
        size += len(body.encode())
        if size > JARGON_BYTES:
            break
        docs.append({"id": f"jargon-{n:03d}", "source": "jargon-text 4.4.7", "text": body})
    return docs


class _HandbookParser(html.parser.HTMLParser):
    """Paragraphs (div.para), headings and list items, in document order; no code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] | None = None
        self._depth = 0
        self._kind = ""
        self._skip = 0
        self._in_li = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag in ("pre", "script", "style") or "banner" in cls or "navfooter" in cls:
            self._skip += 1
            return
        if tag == "li":
            self._in_li += 1
        if self._buf is not None:
            if tag == "div":
                self._depth += 1
            return
        if tag in ("h1", "h2", "h3", "h4") or (tag == "div" and "para" in cls.split()):
            self._buf, self._depth = [], 0
            self._kind = "li" if self._in_li else tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "script", "style") and self._skip:
            self._skip -= 1
            return
        if tag == "li" and self._in_li:
            self._in_li -= 1
        if self._buf is None:
            return
        if tag == "div" and self._depth > 0:
            self._depth -= 1
            return
        if tag in ("h1", "h2", "h3", "h4", "div"):
            text = " ".join("".join(self._buf).split())
            if text:
                self.blocks.append(("- " if self._kind == "li" else "") + text)
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None and not self._skip:
            self._buf.append(data)


def handbook_documents(root: Path) -> list[dict[str, str]]:
    pages = sorted((root / "usr/share/doc/debian-handbook/html/en-US").glob("*.html"))
    docs = []
    size = 0
    for page in pages:
        parser = _HandbookParser()
        parser.feed(page.read_text(encoding="utf-8"))
        blocks = [b for b in parser.blocks if len(b) < 3000]
        if len(blocks) < 5:
            continue
        blocks = blocks[:40]
        sep = "\n\n" if len(docs) % 2 == 0 else "\n"
        body = sep.join(blocks) + "\n"
        size += len(body.encode())
        if size > HANDBOOK_BYTES:
            break
        docs.append({"id": f"handbook-{page.stem}", "source": "debian-handbook 11", "text": body})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "bench" / ".cache"
    cache = Path(os.environ.get("TEXTCLEAN_CACHE", default)) / "prose"
    ap.add_argument("--cache", type=Path, default=cache)
    args = ap.parse_args()
    docs = jargon_documents(_extract(args.cache, "jargon-text"))
    docs += handbook_documents(_extract(args.cache, "debian-handbook"))
    with OUT.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(docs)} documents, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
