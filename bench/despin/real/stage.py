"""Build the real set's texts and ``SOURCES.md`` from a folder of staging batches.

A staging folder holds JSON batches, each one record or a list of records::

    {"id": ..., "kind": "pair-orig" | "pair-spun" | "spun" | "clean",
     "url": ..., "site": ..., "family": "a".."e" or "-", "topic": ..., "trim": ...,
     "text": "the trimmed excerpt, one paragraph a line"}

This script writes every record's text to ``<texts>/<id>.<orig|spun|clean>.txt``
(UTF-8, exactly one final newline), checks each pair (both sides present, same number
of lines, every line pair recognisably the same sentence), checks every URL against a
reserved list (``--reserved``: one host or URL a line, ``#`` comments) and rewrites
the file table and the counts line of ``SOURCES.md``, keeping its prose header.

With ``--append`` the table is not rewritten: every existing row of ``SOURCES.md`` is
kept as it is (its text need not be present), the staged records' rows are added
after them, and the counts line is recomputed over all rows. A staged id that
``SOURCES.md`` already lists is refused (exit 1, nothing written); a staged URL that an
existing row already names is only reported (two spins of one original share it).

Usage::

    python bench/despin/real/stage.py STAGE_DIR --texts TEXTS_DIR [--reserved FILE]
        [--append] [--dry-run]

Exit codes: 0 written, 1 a check failed (nothing written), 2 unreadable input.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench import reserved as bench_reserved  # noqa: E402
from bench.despin.real.check import SourcesError, read_sources  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "SOURCES.md"
SUFFIX = {"pair-orig": "orig", "pair-spun": "spun", "spun": "spun", "clean": "clean"}
FIELDS = ("id", "kind", "url", "site", "family", "topic", "trim", "text")
COLS = (
    "| id | kind | file | url | site | family | topic | trim | sha256 | chars |\n"
    "|---|---|---|---|---|---|---|---|---|---:|\n"
)
#: a pair's line whose spun and original words share less than this is reported
MIN_LINE_SIMILARITY = 0.3


def load_records(stage: Path) -> list[dict[str, str]]:
    """Every record of every ``*.json`` batch in ``stage``, sorted by file name.

    A batch holding one record may leave out ``id`` and ``kind`` when its file is
    named ``<id>.<orig|spun|clean>.json``.
    """
    recs: list[dict[str, str]] = []
    for p in sorted(stage.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        for r in d if isinstance(d, list) else [d]:
            if "id" not in r and p.stem.count(".") == 1:  # a lone record named <id>.<kind>.json
                r["id"], suffix = p.stem.split(".")
                r.setdefault("kind", {"orig": "pair-orig"}.get(suffix, suffix))
            missing = [f for f in FIELDS if f not in r]
            if missing:
                raise ValueError(f"{p.name}: record {r.get('id')!r} lacks {', '.join(missing)}")
            if r["kind"] not in SUFFIX:
                raise ValueError(f"{p.name}: record {r['id']!r} has unknown kind {r['kind']!r}")
            recs.append(r)
    return recs


def file_name(r: dict[str, str]) -> str:
    return f"{r['id']}.{SUFFIX[r['kind']]}.txt"


def normalise(text: str) -> str:
    """Strip each line's trailing newline run to exactly one final newline."""
    return text.rstrip("\n") + "\n"


def line_similarity(a: str, b: str) -> float:
    """Share of words two lines have in common, in order (difflib ratio)."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def reserved_hits(recs: list[dict[str, str]], reserved: Path | None) -> list[str]:
    """The records of ``recs`` whose page or site the reserved list holds."""
    return bench_reserved.reserved_hits(((r["id"], r["url"]) for r in recs), reserved)


def check(recs: list[dict[str, str]], reserved: Path | None) -> tuple[list[str], list[str]]:
    """(errors, warnings) for a list of records."""
    errors: list[str] = []
    warns: list[str] = []
    names = collections.Counter(file_name(r) for r in recs)
    errors += [f"{n}: {c} records write this file" for n, c in names.items() if c > 1]
    by = {(r["id"], r["kind"]): r for r in recs}
    for (id_, kind), r in by.items():
        if kind == "pair-orig" and (id_, "pair-spun") not in by:
            errors.append(f"{id_}: original without its spun side")
        if kind == "pair-spun":
            o = by.get((id_, "pair-orig"))
            if o is None:
                errors.append(f"{id_}: spun side without its original")
                continue
            ol, sl = o["text"].rstrip("\n").split("\n"), r["text"].rstrip("\n").split("\n")
            if len(ol) != len(sl):
                errors.append(f"{id_}: {len(ol)} original lines, {len(sl)} spun lines")
                continue
            for i, (a, b) in enumerate(zip(ol, sl, strict=True), 1):
                sim = line_similarity(a, b)
                if sim < MIN_LINE_SIMILARITY and r["family"] != "e":
                    warns.append(f"{id_}: line {i} similarity {sim:.2f}")
        if kind.startswith("pair") and "\n\n" in r["text"].rstrip("\n"):
            errors.append(f"{id_} ({kind}): blank line inside a pair's text")
    errors += reserved_hits(recs, reserved)
    return errors, warns


def summary(recs: list[dict[str, str]]) -> str:
    kinds = collections.Counter(r["kind"] for r in recs)
    spun = [r for r in recs if r["kind"] == "pair-spun"]
    fam = collections.Counter(r["family"] for r in spun)
    top = collections.Counter(r["topic"] for r in spun)
    ufam = collections.Counter(r["family"] for r in recs if r["kind"] == "spun")
    sites = {r["site"] for r in recs}
    csites = {r["site"] for r in recs if r["kind"] == "clean"}
    ctop = collections.Counter(r["topic"] for r in recs if r["kind"] == "clean")

    def fmt(c: collections.Counter[str]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(c.items()))

    return (
        f"Counts: {kinds['pair-orig']} pairs, {kinds['spun']} unpaired spun texts, "
        f"{kinds['clean']} clean texts; {len(sites)} sites ({len(csites)} among the clean "
        f"texts). Pairs by family: {fmt(fam)}; by topic: {fmt(top)}. Unpaired spun by "
        f"family: {fmt(ufam)}. Clean by topic: {fmt(ctop)}.\n"
    )


def table_rows(recs: list[dict[str, str]], texts: Path) -> list[str]:
    """The ``SOURCES.md`` table lines of ``recs`` (texts already written to ``texts``),
    pairs first, then unpaired spun texts, then clean texts, each by id."""
    order = {"pair-orig": 0, "pair-spun": 0, "spun": 1, "clean": 2}
    rows = []
    for r in sorted(recs, key=lambda r: (order[r["kind"]], r["id"], r["kind"])):
        f = file_name(r)
        b = (texts / f).read_bytes()
        cells = [
            r["id"],
            r["kind"],
            f,
            "<" + r["url"].replace("|", "%7C") + ">",
            r["site"],
            r["family"],
            r["topic"],
            r["trim"].replace("|", "/"),
            hashlib.sha256(b).hexdigest(),
            str(len(b.decode("utf-8"))),
        ]
        rows.append("| " + " | ".join(cells) + " |\n")
    return rows


def render(recs: list[dict[str, str]], texts: Path, header: str) -> str:
    return header + summary(recs) + "\n## Files\n\n" + COLS + "".join(table_rows(recs, texts))


def existing_records(sources: Path) -> list[dict[str, str]]:
    """The rows ``SOURCES.md`` lists, as records (no ``text``) for :func:`summary`."""
    try:
        rows = read_sources(sources)
    except SourcesError as e:
        raise ValueError(str(e)) from None
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "url": r.url,
            "site": r.site,
            "family": r.family,
            "topic": r.topic,
        }
        for r in rows
    ]


def append_clashes(
    recs: list[dict[str, str]], old: list[dict[str, str]]
) -> tuple[list[str], list[str]]:
    """(errors, warnings) for appending ``recs`` to the rows ``old``: an id already
    listed is an error, a URL already listed a warning."""
    ids = {r["id"] for r in old}
    urls: dict[str, str] = {}
    for r in old:
        urls.setdefault(r["url"], r["id"])
    errors = sorted(
        {f"{r['id']}: id already in SOURCES.md (pick a new id)" for r in recs if r["id"] in ids}
    )
    warns = [
        f"{r['id']} ({r['kind']}): URL already listed under {urls[r['url']]}"
        for r in recs
        if r["url"] in urls
    ]
    return errors, warns


def render_append(
    recs: list[dict[str, str]], old: list[dict[str, str]], texts: Path, sources: Path
) -> str:
    """``SOURCES.md`` with the rows of ``recs`` after its existing rows and the counts
    line recomputed over both; every other line is kept as it is."""
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    counts = next((i for i, ln in enumerate(lines) if ln.startswith("Counts: ")), None)
    if counts is None:
        raise ValueError(f"{sources.name}: no 'Counts: ' line")
    head = next((i for i, ln in enumerate(lines) if ln == COLS.splitlines(True)[0]), None)
    if head is None or counts > head:
        raise ValueError(f"{sources.name}: no file table after the 'Counts: ' line")
    end = head + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    lines[counts] = summary(old + recs)
    return "".join(lines[:end] + table_rows(recs, texts) + lines[end:])


def header_of(sources: Path) -> str:
    """The prose of ``SOURCES.md`` above its counts line."""
    text = sources.read_text(encoding="utf-8")
    i = text.find("\nCounts: ")
    if i < 0:
        raise ValueError(f"{sources.name}: no 'Counts: ' line")
    return text[: i + 1]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stage", type=Path, help="folder of JSON staging batches")
    ap.add_argument("--texts", type=Path, required=True, help="folder to write the texts to")
    ap.add_argument("--sources", type=Path, default=SOURCES, help="SOURCES.md to rewrite")
    ap.add_argument("--reserved", type=Path, help="reserved hosts and URLs, one a line")
    ap.add_argument(
        "--append",
        action="store_true",
        help="keep every row of SOURCES.md and add the staged ones (a listed id is refused)",
    )
    ap.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    args = ap.parse_args(argv)
    old: list[dict[str, str]] = []
    try:
        recs = load_records(args.stage)
        header = header_of(args.sources)
        if args.append:
            old = existing_records(args.sources)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    errors, warns = check(recs, args.reserved)
    if args.append:
        more_errors, more_warns = append_clashes(recs, old)
        errors += more_errors
        warns += more_warns
    for w in warns:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if errors:
        return 1
    print(summary(old + recs), end="")
    if args.dry_run:
        return 0
    args.texts.mkdir(parents=True, exist_ok=True)
    for r in recs:
        (args.texts / file_name(r)).write_text(normalise(r["text"]), encoding="utf-8")
    try:
        if args.append:
            out = render_append(recs, old, args.texts, args.sources)
        else:
            out = render(recs, args.texts, header)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    args.sources.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
