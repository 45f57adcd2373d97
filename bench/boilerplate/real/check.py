"""Check the labelled real-page set, and load it for other scripts.

Each page is ``pages/<page_id>.toml`` (committed: URL, metadata, sha256,
labels) plus ``texts/<page_id>.txt`` (the page text, third-party, never
committed; see ``RULES.md``). This script verifies that every text is present,
unchanged (sha256) and as long as its labels, that the labels are made of
``C``, ``K`` and ``-`` with ``-`` exactly on the blank lines, and that control
pages have no ``C``. It prints the pages that are missing or changed, with their
URLs, so that they can be fetched again.

Other scripts import :func:`load_pages`::

    from bench.boilerplate.real.check import load_pages
    for page in load_pages():      # pages whose text is present and unchanged
        page.id, page.meta["site"], page.text, page.labels

Usage::

    python bench/boilerplate/real/check.py            # summary; exit 1 on any problem
    python bench/boilerplate/real/check.py --list     # one line per page
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench import reserved as reserved_list  # noqa: E402
from textclean.config import tomllib  # noqa: E402

HERE = Path(__file__).resolve().parent
PAGES_DIR = HERE / "pages"
TEXTS_DIR = HERE / "texts"

CATEGORIES = (
    "news",
    "local-news",
    "sport",
    "science",
    "tech",
    "press-release",
    "blog-blogger",
    "blog-wordpress",
    "blog-wix",
    "blog-other",
    "recipe",
    "review",
    "travel",
    "other",
)
REQUIRED = {
    "url": str,
    "site": str,
    "category": str,
    "language": str,
    "control": bool,
    "sha256": str,
    "lines": int,
    "labels": str,
    "labelled_by": str,
}
OPTIONAL = {"notes": str}


@dataclass(frozen=True)
class Page:
    """One labelled page whose text is present and matches its checksum."""

    id: str
    meta: dict[str, Any]
    text: str
    labels: str

    @property
    def lines(self) -> list[str]:
        """The text's lines, as the labels count them (``str.split("\\n")``)."""
        return self.text.split("\n")


@dataclass
class Report:
    """What :func:`scan` found."""

    pages: list[Page]
    missing: list[tuple[str, str]]  # (page id, url)
    problems: list[str]  # one line each: "<page id>: what is wrong"


def blank(line: str) -> bool:
    """A line the labels mark ``-``: empty or whitespace only."""
    return not line.strip()


def meta_problems(page_id: str, meta: dict[str, Any]) -> list[str]:
    """Problems with a page's metadata alone (keys, types, label alphabet)."""
    out = []
    for key, typ in REQUIRED.items():
        if key not in meta:
            out.append(f"{page_id}: missing key {key!r}")
        elif not isinstance(meta[key], typ):
            out.append(f"{page_id}: {key!r} should be {typ.__name__}")
    for key in meta:
        if key not in REQUIRED and key not in OPTIONAL:
            out.append(f"{page_id}: unknown key {key!r}")
    if out:
        return out
    if meta["category"] not in CATEGORIES:
        out.append(f"{page_id}: unknown category {meta['category']!r}")
    if set(meta["labels"]) - set("CK-"):
        out.append(f"{page_id}: labels may only hold C, K and -")
    if len(meta["labels"]) != meta["lines"]:
        out.append(f"{page_id}: {len(meta['labels'])} labels for {meta['lines']} lines")
    if meta["control"] and "C" in meta["labels"]:
        out.append(f"{page_id}: a control page has C labels")
    if meta["site"].startswith("www."):
        out.append(f"{page_id}: site should be the host without 'www.'")
    return out


def text_problems(page_id: str, meta: dict[str, Any], data: bytes) -> list[str]:
    """Problems between a page's metadata and its stored text."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        return [f"{page_id}: text changed (sha256 {digest[:12]}…, expected {meta['sha256'][:12]}…)"]
    lines = data.decode("utf-8").split("\n")
    if len(lines) != meta["lines"]:
        return [f"{page_id}: text has {len(lines)} lines, metadata says {meta['lines']}"]
    wrong = [
        i + 1
        for i, (line, lab) in enumerate(zip(lines, meta["labels"], strict=True))
        if blank(line) != (lab == "-")
    ]
    if wrong:
        return [f"{page_id}: '-' labels and blank lines disagree on lines {wrong[:10]}"]
    return []


def scan(
    pages_dir: Path = PAGES_DIR, texts_dir: Path = TEXTS_DIR, reserved: Path | None = None
) -> Report:
    """Read every page's metadata and text; sort them into good, missing and faulty.
    A page that the reserved list at ``reserved`` holds (its page or its site) is faulty."""
    report = Report([], [], [])
    kept = reserved_list.load(reserved)
    for path in sorted(pages_dir.glob("*.toml")):
        page_id = path.stem
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            report.problems.append(f"{page_id}: unreadable metadata ({exc})")
            continue
        bad = meta_problems(page_id, meta) or reserved_list.hits([(page_id, meta["url"])], kept)
        if bad:
            report.problems.extend(bad)
            continue
        text_path = texts_dir / f"{page_id}.txt"
        if not text_path.is_file():
            report.missing.append((page_id, meta["url"]))
            continue
        data = text_path.read_bytes()
        bad = text_problems(page_id, meta, data)
        if bad:
            report.problems.extend(bad)
            continue
        report.pages.append(Page(page_id, meta, data.decode("utf-8"), meta["labels"]))
    return report


def load_pages(
    pages_dir: Path = PAGES_DIR, texts_dir: Path = TEXTS_DIR, *, warn: bool = True
) -> Iterator[Page]:
    """The pages whose text is present and unchanged, in id order.

    With ``warn``, missing and faulty pages are named on stderr (one line each).
    """
    report = scan(pages_dir, texts_dir)
    if warn:
        for page_id, url in report.missing:
            print(f"warning: page text missing: {page_id} ({url})", file=sys.stderr)
        for line in report.problems:
            print(f"warning: page skipped: {line}", file=sys.stderr)
    yield from report.pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES_DIR, help="folder of <page_id>.toml")
    ap.add_argument("--texts", type=Path, default=TEXTS_DIR, help="folder of <page_id>.txt")
    ap.add_argument("--list", action="store_true", help="one line per good page")
    ap.add_argument(
        "--reserved",
        type=Path,
        help="the reserved list (hosts and URLs, one a line): a page it holds is a problem",
    )
    args = ap.parse_args(argv)

    report = scan(args.pages, args.texts, args.reserved)
    for page_id, url in report.missing:
        print(f"MISSING  {page_id}  {url}")
    for line in report.problems:
        print(f"BAD      {line}")
    if args.list:
        for p in report.pages:
            n = Counter(p.labels)
            print(
                f"ok       {p.id}  {p.meta['category']}/{p.meta['language']}"
                f"{' control' if p.meta['control'] else ''}  C={n['C']} K={n['K']}"
            )
    good = report.pages
    sites = {p.meta["site"] for p in good}
    labels = Counter("".join(p.labels for p in good))
    print(
        f"{len(good)} pages ok from {len(sites)} sites "
        f"({sum(p.meta['control'] for p in good)} control; "
        f"{labels['C']} C and {labels['K']} K lines); "
        f"{len(report.missing)} missing, {len(report.problems)} with problems"
    )
    return 1 if report.missing or report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
