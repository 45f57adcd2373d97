"""Check and load the real despin evaluation set listed in ``SOURCES.md``.

The texts are third-party web pages and are not part of the repository: they live
in ``bench/despin/real/texts/`` (git-ignored; a folder or a symlink to one). This
module reads the table in ``SOURCES.md`` (one row per file: id, kind, file, url,
site, family, topic, trim, sha256, chars), checks each file's SHA-256 and offers
:func:`load_set` to other scripts, which skips missing or changed files with a
warning. :func:`read_batches` reads the status of each batch of ``blind_batches.md``
and :func:`blind_ids` the ids nothing may be learned from yet.

Usage::

    python bench/despin/real/check.py            # report; exit 0 unless the table is broken
    python bench/despin/real/check.py --strict   # exit 1 if any file is missing or changed
    python bench/despin/real/check.py --texts DIR

Exit codes: 0 checked (or, without ``--strict``, files missing), 1 files missing or
changed with ``--strict``, 2 ``SOURCES.md`` unreadable or malformed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "SOURCES.md"
BATCHES = HERE / "blind_batches.md"
TEXTS = HERE / "texts"
COLUMNS = ("id", "kind", "file", "url", "site", "family", "topic", "trim", "sha256", "chars")
KINDS = ("pair-orig", "pair-spun", "spun", "clean")
#: Source tag a spin-table entry carries when it was learned from real pair ``<id>``;
#: such entries are left out when that pair is scored (cross-validation by article).
SOURCE_TAG = "real:{id}"
#: Status of a batch of ``blind_batches.md`` nothing has been learned from yet (also
#: what a batch without a status line counts as), and of one learned from since its
#: blind figures were taken.
BLIND = "blind"
LEARNED = "learned"


@dataclass(frozen=True)
class Row:
    """One file of the set, as listed in ``SOURCES.md``."""

    id: str
    kind: str
    file: str
    url: str
    site: str
    family: str
    topic: str
    trim: str
    sha256: str
    chars: int


@dataclass
class Text:
    """A loaded file with its row."""

    row: Row
    text: str


@dataclass
class Pair:
    """A spun/original pair, aligned line by line."""

    id: str
    orig: Text
    spun: Text

    @property
    def family(self) -> str:
        return self.spun.row.family

    @property
    def topic(self) -> str:
        return self.spun.row.topic


@dataclass
class RealSet:
    """The files of the set that are present and unchanged."""

    pairs: list[Pair] = field(default_factory=list)
    spun: list[Text] = field(default_factory=list)
    clean: list[Text] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class SourcesError(Exception):
    """``SOURCES.md`` cannot be read as the table this module expects."""


@dataclass(frozen=True)
class Batch:
    """One batch of ``blind_batches.md``: its heading, status and ids."""

    name: str
    status: str
    ids: tuple[str, ...]


_STATUS = re.compile(r"^Status:\s*(\w+)")
_ID_ITEM = re.compile(r"^[-*]\s+`([A-Za-z0-9_.-]+)`")


def read_batches(path: Path = BATCHES) -> list[Batch]:
    """The batches of ``blind_batches.md``: every ``## `` heading opens one.

    Its status is the first word after ``Status:`` on a line of its own (``blind`` or
    ``learned``, a reason may follow: ``Status: learned (after its blind figures were
    taken)``); a batch without one counts as blind, so a batch is never learned from by
    accident. Its ids are the list items opening with a back-quoted id in its ``### Ids``
    part (in the whole section when it has none). A missing file means no batches.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "b.md"
    >>> _ = p.write_text("# B\\n\\n## Batch 1\\nStatus: learned (later)\\n\\n"
    ...                  "### Ids\\n- `a1` (x)\\n\\n### Notes\\n- `z`: not an id of it\\n"
    ...                  "## Batch 2\\n- `b1`\\n")
    >>> [(b.name, b.status, b.ids) for b in read_batches(p)]
    [('Batch 1', 'learned', ('a1',)), ('Batch 2', 'blind', ('b1',))]
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
    out = []
    for name, body in sections:
        status = BLIND
        for line in body:
            m = _STATUS.match(line)
            if m:
                status = m.group(1).lower()
                break
        if status not in (BLIND, LEARNED):
            raise SourcesError(f"{path.name}: {name}: unknown status {status!r}")
        part = body
        if "### Ids" in (ln.strip() for ln in body):
            start = [ln.strip() for ln in body].index("### Ids") + 1
            end = next(
                (k for k in range(start, len(body)) if body[k].startswith("### ")), len(body)
            )
            part = body[start:end]
        ids = tuple(m.group(1) for ln in part if (m := _ID_ITEM.match(ln)))
        out.append(Batch(name, status, ids))
    return out


def blind_ids(path: Path = BATCHES) -> frozenset[str]:
    """Ids of every batch still blind: the derived tables never learn from them."""
    return frozenset(i for b in read_batches(path) if b.status == BLIND for i in b.ids)


def pairs_to_learn(
    texts: Path = TEXTS, sources: Path = SOURCES, batches: Path = BATCHES
) -> list[tuple[str, Pair | None]]:
    """Every pair id a derived table holds rows for, sorted, with its :class:`Pair` when
    its rows are (re)derived: both texts present and its batch not blind. ``None``: the
    table keeps the pair's recorded rows (its texts are absent here, or it is blind)."""
    blind = blind_ids(batches)
    present = {p.id: p for p in load_set(texts, sources).pairs if p.id not in blind}
    listed = {row.id for row in read_sources(sources) if row.kind == "pair-spun"}
    return [(i, present.get(i)) for i in sorted(listed | set(present))]


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    # cells never contain "|" (URLs with one are written %7C)
    return [c.strip() for c in inner.split("|")]


def read_sources(path: Path = SOURCES) -> list[Row]:
    """Rows of the machine-readable table in ``SOURCES.md``.

    The table is the first Markdown table whose header is exactly :data:`COLUMNS`;
    cells are plain text (a URL may be wrapped in ``<...>``).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise SourcesError(f"cannot read {path}: {e.strerror}") from None
    rows: list[Row] = []
    in_table = False
    for n, line in enumerate(lines, 1):
        if not line.startswith("|"):
            if in_table:
                break
            continue
        cells = _cells(line)
        if not in_table:
            if tuple(cells) == COLUMNS:
                in_table = True
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the |---| rule
        if len(cells) != len(COLUMNS):
            raise SourcesError(f"{path.name}:{n}: {len(cells)} cells, expected {len(COLUMNS)}")
        d = dict(zip(COLUMNS, cells, strict=True))
        if d["kind"] not in KINDS:
            raise SourcesError(f"{path.name}:{n}: unknown kind {d['kind']!r}")
        try:
            chars = int(d.pop("chars"))
        except ValueError:
            raise SourcesError(f"{path.name}:{n}: chars is not a number") from None
        d["url"] = d["url"].strip("<>")
        rows.append(Row(chars=chars, **d))
    if not rows:
        raise SourcesError(f"{path.name}: no table with columns {' | '.join(COLUMNS)}")
    return rows


#: Pairs whose originals are one article though their trimmed texts differ (two spins of
#: one story cut to different lengths): ``pair id<TAB>pair id`` per line, ``#`` comments.
SAME_ARTICLE = HERE / "same_article.tsv"


def article_keys(sources: Path = SOURCES, same: Path = SAME_ARTICLE) -> dict[str, str]:
    """Pair id → the key of its article: its original's SHA-256, or, for a pair that
    ``same_article.tsv`` ties to another, that pair's key. Pairs with one key are one
    article: learned from as one, left out together when one of them is scored. A pair
    is tied to a pair that is not tied itself, so the file's order never matters."""
    keys = {r.id: r.sha256 for r in read_sources(sources) if r.kind == "pair-orig"}
    try:
        lines = same.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return keys
    ties: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        a, _, b = line.partition("\t")
        if a not in keys or b.strip() not in keys:
            raise SourcesError(f"{same.name}:{n}: not two pair ids of SOURCES.md")
        ties[a] = (n, b.strip())
    for a, (n, b) in ties.items():
        if b in ties:
            raise SourcesError(f"{same.name}:{n}: {b} is tied itself; tie {a} to its pair")
    for a, (_, b) in ties.items():
        keys[a] = keys[b]
    return keys


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def status(row: Row, texts: Path = TEXTS) -> str:
    """``ok``, ``missing`` or ``changed``."""
    p = texts / row.file
    if not p.is_file():
        return "missing"
    return "ok" if sha256_of(p) == row.sha256 else "changed"


def load_set(texts: Path = TEXTS, sources: Path = SOURCES) -> RealSet:
    """Load every present, unchanged file; warn once about the others.

    A pair is loaded only when both of its sides are present and unchanged.
    """
    out = RealSet()
    good: dict[tuple[str, str], Text] = {}
    for row in read_sources(sources):
        st = status(row, texts)
        if st != "ok":
            out.skipped.append(f"{row.file} ({st})")
            continue
        good[(row.id, row.kind)] = Text(row, (texts / row.file).read_text(encoding="utf-8"))
    for (id_, kind), t in good.items():
        if kind == "pair-orig":
            spun = good.get((id_, "pair-spun"))
            if spun is not None:
                out.pairs.append(Pair(id_, t, spun))
            else:
                out.skipped.append(f"{id_}: pair without its spun side")
        elif kind == "pair-spun":
            if (id_, "pair-orig") not in good:
                out.skipped.append(f"{id_}: pair without its original")
        elif kind == "spun":
            out.spun.append(t)
        else:
            out.clean.append(t)
    if out.skipped:
        warnings.warn(
            f"real despin set: {len(out.skipped)} file(s) skipped (missing or changed); "
            f"run bench/despin/real/check.py for the list",
            stacklevel=2,
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder holding the text files")
    ap.add_argument("--sources", type=Path, default=SOURCES, help="the SOURCES.md to check against")
    ap.add_argument("--strict", action="store_true", help="exit 1 on missing or changed files")
    args = ap.parse_args(argv)
    try:
        rows = read_sources(args.sources)
    except SourcesError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    bad: dict[str, list[Row]] = {"missing": [], "changed": []}
    for row in rows:
        st = status(row, args.texts)
        if st != "ok":
            bad[st].append(row)
    for st, group in bad.items():
        for row in group:
            print(f"{st.upper():8} {row.file}  <{row.url}>  trim: {row.trim}")
    n_bad = len(bad["missing"]) + len(bad["changed"])
    kinds = {k: sum(r.kind == k for r in rows) for k in KINDS}
    print(
        f"{len(rows)} files listed ({', '.join(f'{v} {k}' for k, v in kinds.items())}); "
        f"{len(rows) - n_bad} ok, {len(bad['missing'])} missing, {len(bad['changed'])} changed"
    )
    if n_bad:
        print(
            "Rebuild a missing file: find its URL's stored page text in the search tool's"
            " `pages` corpus, apply the trim, write it as UTF-8 (see SOURCES.md)."
        )
    return 1 if (n_bad and args.strict) else 0


if __name__ == "__main__":
    raise SystemExit(main())
