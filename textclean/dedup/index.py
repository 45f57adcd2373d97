"""A persistent near-duplicate index in one SQLite file (``--index PATH``).

The index holds the documents kept by earlier runs, so a later run drops the
near-copies of anything seen before. For each kept document it stores:

* its id and length in characters;
* its band hashes, one row per band in table ``bands (band, hash, doc)`` —
  the lookup key: a new document sharing a band hash with an indexed one is a
  candidate pair;
* its **sorted set of shingle hashes** (little-endian uint32, 4 bytes per
  distinct word n-gram). Verification is exact Jaccard on shingle sets, within
  a run and across runs alike, so the index must keep the sets: a stored
  signature (512 bytes) would only give an *estimate* (±0.035 at 128
  permutations), and the texts themselves would cost more and hold content
  that the output already has.

Table ``meta`` records everything that makes band hashes and shingle sets
comparable: the MinHash scheme, seed, num_perm, the shingling (word n-grams,
``ngram``, the shingle-hash definition), bands, rows and the band-hash
version. Opening an index made with other settings raises
:class:`IndexSettingsError` naming each difference.

Concurrency: a run does its whole lookup → decide → insert step in one
``BEGIN IMMEDIATE`` transaction, so two runs into one index are serialized
(the second waits up to ``timeout`` seconds for the first to commit and then
sees its documents) and a killed run leaves the index as it was.

Idempotent runs: a run may name itself with a *run key* (``textclean clean``
uses its journal's run id, which ``--resume`` keeps). Table ``runs`` records,
in the same transaction as the run's documents, its key, the *horizon* (the
last document id indexed before it) and how many documents it added. When
the same run key comes again — a resumed run that had committed before it was
killed — the lookup sees only the documents up to the horizon, exactly what
the first attempt saw, so the decisions are the same, and nothing is inserted
a second time: the run's own documents are never taken for duplicates of
themselves.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from textclean.config import ConfigError, DedupConfig
from textclean.dedup.lsh import BAND_HASH_VERSION
from textclean.dedup.minhash import SignatureScheme
from textclean.errors import EnvironmentFault

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "DedupIndex",
    "IndexDocs",
    "IndexRun",
    "IndexSettingsError",
    "check_index",
]

FORMAT = "textclean-dedup-index"
FORMAT_VERSION = 1
#: SQLite page cache per connection, KiB (the band B-tree is updated in bulk).
CACHE_KIB = 131072
#: A horizon past every document id (SQLite integers are signed 64-bit).
_NO_HORIZON = (1 << 63) - 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    length INTEGER NOT NULL,
    bands BLOB NOT NULL,
    shingles BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (band, hash, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    run_key TEXT PRIMARY KEY,
    horizon INTEGER NOT NULL,
    documents INTEGER NOT NULL
);
"""


class IndexSettingsError(ConfigError):
    """The index cannot be used with this run's dedup settings (or is not an index)."""


def index_settings(config: DedupConfig) -> dict[str, Any]:
    """Every setting an index must share with a run, as a JSON-ready dict.

    >>> s = index_settings(DedupConfig())
    >>> s["scheme"], s["num_perm"], s["bands"], s["rows"], s["shingling"], s["ngram"]
    ('affine32', 128, 16, 8, 'word', 5)
    """
    scheme = SignatureScheme(seed=config.seed, num_perm=config.num_perm, ngram=config.ngram)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **scheme.to_dict(),
        "bands": config.bands,
        "rows": config.rows,
        "band_hash": BAND_HASH_VERSION,
    }


@dataclass(frozen=True)
class IndexRun:
    """A run already recorded in the index: what it saw (``horizon``) and added."""

    run_key: str
    horizon: int  # the last document id indexed before the run
    documents: int  # how many documents the run added


def _compare_settings(path: Path, stored: dict[str, Any], settings: dict[str, Any]) -> None:
    """Raise :class:`IndexSettingsError` naming every setting that differs."""
    if stored.get("format") != FORMAT:
        raise IndexSettingsError(f"{path} is not a textclean dedup index")
    keys = sorted(set(stored) | set(settings))
    diff = [k for k in keys if stored.get(k) != settings.get(k)]
    if diff:
        was = ", ".join(f"{k}={stored.get(k)!r}" for k in diff)
        now = ", ".join(f"{k}={settings.get(k)!r}" for k in diff)
        raise IndexSettingsError(
            f"dedup index {path} was built with {was}; this run uses {now}. "
            "Run with the index's settings, or use another --index path."
        )


def check_index(config: DedupConfig) -> None:
    """Fail early, without writing anything, if ``config.index`` cannot be used.

    A run calls this before its per-document stages, so an index built with
    other settings (or a path that is not an index) stops it at once instead
    of at the dedup step. A missing file is fine (the run creates it) as long
    as its directory exists.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "idx.sqlite")
    >>> check_index(DedupConfig(index=path))  # not there yet: created by the run
    >>> DedupIndex(path, index_settings(DedupConfig())).close()
    >>> check_index(DedupConfig(index=path, seed=2))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textclean.dedup.index.IndexSettingsError: ...seed=1; this run uses seed=2...
    """
    path = Path(config.index)
    if path.is_dir():
        raise IndexSettingsError(f"dedup index {path} is a directory, not a file")
    if not path.exists():
        if not path.parent.is_dir():
            raise IndexSettingsError(f"dedup index {path}: directory {path.parent} does not exist")
        return
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=60.0)
    except sqlite3.Error as exc:
        raise IndexSettingsError(f"cannot open dedup index {path}: {exc}") from exc
    try:
        tables: set[str] = set()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return  # an empty file: a fresh index
        if "meta" not in tables:
            raise IndexSettingsError(f"{path} is not a textclean dedup index")
        stored = _read_meta(path, db)
        # every page, before any work: a damaged index must not surface after hours
        problems = [r[0] for r in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _corrupt(path, problems[0])
    except sqlite3.DatabaseError as exc:
        if "meta" in tables:
            raise _corrupt(path, str(exc)) from exc
        raise IndexSettingsError(f"{path} is not a textclean dedup index (SQLite: {exc})") from exc
    finally:
        db.close()
    if stored:
        _compare_settings(path, stored, index_settings(config))


def _corrupt(path: Path, detail: str) -> EnvironmentFault:
    return EnvironmentFault(
        path,
        f"the dedup index is damaged (SQLite: {detail[:200]})",
        "restore it from a backup, or use another --index path",
    )


def _read_meta(path: Path, db: sqlite3.Connection) -> dict[str, Any]:
    """The settings table; a value that is not JSON means a damaged index."""
    stored: dict[str, Any] = {}
    for k, v in db.execute("SELECT key, value FROM meta"):
        try:
            stored[k] = json.loads(v)
        except (TypeError, ValueError) as exc:
            raise _corrupt(path, f"meta value {k!r} is not JSON: {exc}") from exc
    return stored


@dataclass
class IndexDocs:
    """Indexed documents, in index order; ``values`` holds their shingle sets end to end."""

    ids: list[str]
    lengths: np.ndarray
    counts: np.ndarray
    bands: np.ndarray
    values: np.ndarray

    @classmethod
    def empty(cls, bands: int) -> IndexDocs:
        z = np.zeros(0, dtype=np.int64)
        return cls([], z, z, np.zeros((0, bands), np.uint64), np.zeros(0, np.uint32))


class DedupIndex:
    """One SQLite index file; checks (or records) the settings when opened.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "idx.sqlite")
    >>> DedupIndex(path, index_settings(DedupConfig())).close()
    >>> DedupIndex(path, index_settings(DedupConfig(bands=32, rows=4)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textclean.dedup.index.IndexSettingsError: ...bands=16, rows=8; this run uses bands=32, rows=4...
    """

    def __init__(self, path: str | Path, settings: dict[str, Any], *, timeout: float = 600.0):
        self.path = Path(path)
        self.settings = dict(settings)
        if self.path.is_dir():
            raise IndexSettingsError(f"dedup index {self.path} is a directory, not a file")
        try:
            self._db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise IndexSettingsError(f"cannot open dedup index {self.path}: {exc}") from exc
        try:
            self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            with self.transaction():
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self._db.execute(stmt)
                self._check_settings()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise IndexSettingsError(
                f"{self.path} is not a textclean dedup index (SQLite: {exc})"
            ) from exc
        except IndexSettingsError:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error): one writer at a time."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _check_settings(self) -> None:
        stored = _read_meta(self.path, self._db)
        if not stored:
            has_docs = self._db.execute("SELECT 1 FROM docs LIMIT 1").fetchone()
            if has_docs:
                raise IndexSettingsError(f"{self.path}: dedup index has documents but no settings")
            self._db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in sorted(self.settings.items())],
            )
            return
        _compare_settings(self.path, stored, self.settings)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM docs").fetchone()[0])

    def run(self, run_key: str) -> IndexRun | None:
        """The run recorded under ``run_key`` (call inside :meth:`transaction`), or None."""
        row = self._db.execute(
            "SELECT horizon, documents FROM runs WHERE run_key = ?", (run_key,)
        ).fetchone()
        return None if row is None else IndexRun(run_key, int(row[0]), int(row[1]))

    def last_id(self) -> int:
        """The id of the last indexed document (0 for an empty index)."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM docs").fetchone()[0])

    def record_run(self, run_key: str, horizon: int, documents: int) -> None:
        """Record a run (call inside :meth:`transaction`, with its documents)."""
        self._db.execute(
            "INSERT INTO runs (run_key, horizon, documents) VALUES (?, ?, ?)",
            (run_key, horizon, documents),
        )

    def lookup(self, hashes: np.ndarray, *, horizon: int | None = None) -> IndexDocs:
        """Indexed documents sharing at least one band hash with a row of ``hashes``.

        ``hashes`` is an ``(n, bands)`` uint64 array; the documents come in index order.
        With ``horizon``, only documents with an id up to it are looked at.
        """
        nb = int(self.settings["bands"])
        h = np.ascontiguousarray(hashes, dtype=np.uint64).view(np.int64)
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (band INTEGER, hash INTEGER)")
        db.execute("DELETE FROM probe")
        band_no = np.broadcast_to(np.arange(nb, dtype=np.int64), h.shape).ravel()
        flat = h.ravel()
        order = np.lexsort((flat, band_no))
        db.executemany(
            "INSERT INTO probe VALUES (?, ?)",
            zip(band_no[order].tolist(), flat[order].tolist(), strict=True),
        )
        rows = db.execute(
            "SELECT d.id, d.doc_id, d.length, d.bands, d.shingles FROM docs d WHERE d.id IN "
            "(SELECT b.doc FROM probe p JOIN bands b ON b.band = p.band AND b.hash = p.hash) "
            "AND d.id <= ? ORDER BY d.id",
            (_NO_HORIZON if horizon is None else horizon,),
        ).fetchall()
        db.execute("DELETE FROM probe")
        if not rows:
            return IndexDocs.empty(nb)
        sets = [np.frombuffer(r[4], dtype="<u4").astype(np.uint32) for r in rows]
        return IndexDocs(
            ids=[r[1] for r in rows],
            lengths=np.array([r[2] for r in rows], dtype=np.int64),
            counts=np.array([s.size for s in sets], dtype=np.int64),
            bands=np.stack([np.frombuffer(r[3], dtype="<u8").astype(np.uint64) for r in rows]),
            values=np.concatenate(sets),
        )

    def add_documents(
        self,
        ids: Sequence[str],
        lengths: np.ndarray,
        bands: np.ndarray,
        shingles: Sequence[np.ndarray],
    ) -> int:
        """Insert kept documents (call inside :meth:`transaction`); returns how many."""
        db = self._db
        nb = int(self.settings["bands"])
        start = self.last_id() + 1
        doc_rows = np.arange(start, start + len(ids), dtype=np.int64)
        le_bands = np.ascontiguousarray(bands, dtype="<u8")
        db.executemany(
            "INSERT INTO docs (id, doc_id, length, bands, shingles) VALUES (?, ?, ?, ?, ?)",
            (
                (
                    int(doc_rows[k]),
                    ids[k],
                    int(lengths[k]),
                    le_bands[k].tobytes(),
                    np.ascontiguousarray(shingles[k], dtype="<u4").tobytes(),
                )
                for k in range(len(ids))
            ),
        )
        signed = np.ascontiguousarray(bands, dtype=np.uint64).view(np.int64).ravel()
        band_no = np.broadcast_to(np.arange(nb, dtype=np.int64), bands.shape).ravel()
        owner = np.broadcast_to(doc_rows[:, None], bands.shape).ravel()
        order = np.lexsort((owner, signed, band_no))  # B-tree order: far fewer page writes
        db.executemany(
            "INSERT OR IGNORE INTO bands (band, hash, doc) VALUES (?, ?, ?)",
            zip(
                band_no[order].tolist(),
                signed[order].tolist(),
                owner[order].tolist(),
                strict=True,
            ),
        )
        return len(ids)
