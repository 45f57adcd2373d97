"""The audit of a run: ``report.jsonl``, ``rejects.jsonl`` and ``summary.json``.

All three live in ``OUT/.textclean/``:

* ``report.jsonl`` — one row per input document, in input order: ``id``,
  ``source``, ``line``, ``status`` (``kept``/``rejected``), ``reason``, every
  edit (stage, rule, span, before, after, evidence) and the scores;
* ``rejects.jsonl`` — every rejected document in full: its text as it was
  when dropped (``null`` only where the input itself still holds it: binary,
  unreadable or over the size limit), metadata, edits, scores, the reason and,
  for corpus-dedup drops, ``duplicate_of`` and ``similarity``;
* ``summary.json`` — counts that add up (``documents_in == documents_out +
  rejected``), rejects by reason, edits by stage and rule, bytes, versions,
  hashes, the config and the failed inputs. Everything that differs between
  two identical runs (timings, worker count, what was resumed) sits under
  ``"run"``; the rest is byte-identical across runs and worker counts;
* ``report.html`` — the run for a person (:mod:`textclean.io.html_report`).

How much of the per-document audit is kept is the audit mode (``--audit``):

* ``full`` — as above;
* ``spans`` — each edit's stage, rule, ``start``/``end`` and ``after_len``
  (the length of its replacement) without any text, and the rejects' ids,
  reasons and duplicate verdicts without text, metadata or scores: the input
  still holds the text and ``textclean inspect FILE --audit OUT`` re-derives it;
* ``counts`` — no ``report.jsonl`` or ``rejects.jsonl``, only ``summary.json``
  and ``report.html``.

With ``compress`` they are written as ``.jsonl.zst`` (zstd).
"""

from __future__ import annotations

import platform
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

from textclean.document import Document
from textclean.io.discover import Failure
from textclean.io.readers import TEXT_OMITTED_CODES, is_input_failure, reason_code
from textclean.io.writers import SLOTS, AtomicFile, json_line, json_line_with

AUDIT_MODES = ("full", "spans", "counts")
AUDIT_FILES = ("report.jsonl", "rejects.jsonl")

#: At most this many failures are listed in summary.json (all are in rejects/report).
MAX_LISTED_FAILURES = 1000


def package_versions() -> dict[str, str]:
    """Versions of textclean and the libraries that decide its output."""
    from textclean import __version__

    out = {"textclean": __version__}
    for name in ("ftfy", "datasketch", "regex"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["python"] = platform.python_version()
    return out


class _AuditFile:
    """An audit file written atomically, zstd-compressed when asked."""

    def __init__(self, path: Path, compress: bool) -> None:
        import zstandard

        self.file = AtomicFile(path)
        self._z: Any = None
        if compress:
            cctx = zstandard.ZstdCompressor(level=6, write_checksum=True)
            self._z = cctx.stream_writer(self.file, closefd=False)

    def write(self, data: bytes) -> None:
        (self._z or self.file).write(data)

    def commit(self) -> None:
        if self._z is not None:
            self._z.close()
        self.file.commit()

    def abort(self) -> None:
        self.file.abort()

    @property
    def size(self) -> int:
        return self.file.bytes_written


def spans_row(row: dict[str, Any]) -> dict[str, Any]:
    """A ``report.jsonl`` row as the ``spans`` audit keeps it (no text, no scores).

    >>> spans_row({"id": "a", "source": "f", "line": None, "status": "kept", "scores": {},
    ...            "edits": [{"stage": "s", "rule": "r", "start": 1, "end": 4,
    ...                       "before": "abc", "after": "x"}]})["edits"]
    [{'after_len': 1, 'end': 4, 'rule': 'r', 'stage': 's', 'start': 1}]
    """
    out = {k: v for k, v in row.items() if k not in ("edits", "scores")}
    out["edits"] = [
        {
            "after_len": len(e["after"]),
            "end": e["end"],
            "rule": e["rule"],
            "stage": e["stage"],
            "start": e["start"],
        }
        for e in row["edits"]
    ]
    return out


def _row_line(row: dict[str, Any], scores: bytes | None) -> bytes:
    """``json_line(row, sort_keys=True)``, with ``row["scores"]`` taken as the bytes
    ``scores`` (:func:`textclean.io.writers.scores_json`) when given."""
    if scores is not None and "scores" in row:
        line = json_line_with({**row, "scores": SLOTS[1]}, {SLOTS[1]: scores}, sort_keys=True)
        if line is not None:
            return line
    return json_line(row, sort_keys=True)


class Reporter:
    """Collects per-document outcomes; writes report and rejects unless ``meta_dir`` is None.

    ``audit`` is the audit mode (see the module docstring); ``html``, when given,
    is a :class:`textclean.io.html_report.ReportBuilder` fed every row.
    ``rejects_stream`` (with no ``meta_dir``: ``-o -`` without ``--audit-dir``)
    receives each reject as a JSON line ``{"reject": ...}``, so such runs lose none.
    """

    def __init__(
        self,
        meta_dir: Path | None,
        *,
        audit: str = "full",
        compress: bool = False,
        html: Any = None,
        rejects_stream: Any = None,
    ) -> None:
        self._rejects_stream = rejects_stream
        if audit not in AUDIT_MODES:
            raise ValueError(f"audit mode must be one of {AUDIT_MODES}, not {audit!r}")
        self.documents_in = 0
        self.documents_out = 0
        self.rejected: Counter[str] = Counter()
        self.edits_by_stage: Counter[str] = Counter()
        self.edits_by_rule: Counter[str] = Counter()
        self.failures: list[Failure] = []
        self.bytes_in = 0
        self.bytes_out = 0
        self.audit = audit
        self.compress = compress
        self.html = html
        self.meta_dir = meta_dir
        self._report: _AuditFile | None = None
        self._rejects: _AuditFile | None = None
        if meta_dir is not None and audit != "counts":
            suffix = ".zst" if compress else ""
            self._report = _AuditFile(meta_dir / f"report.jsonl{suffix}", compress)
            self._rejects = _AuditFile(meta_dir / f"rejects.jsonl{suffix}", compress)

    @property
    def rows_hold_scores(self) -> bool:
        """Whether :meth:`document` writes report rows with the scores (full audit)."""
        return self._report is not None and self.audit == "full"

    def document(
        self, doc: Document, duplicate: Any = None, *, scores: bytes | None = None
    ) -> None:
        """Account for one document (kept when ``doc.dropped`` is None).

        ``scores``: :func:`textclean.io.writers.scores_json` of ``doc``, when the caller
        has it (the report row then takes those bytes: the same row)."""
        self.documents_in += 1
        for e in doc.edits:
            self.edits_by_stage[e.stage] += 1
            self.edits_by_rule[e.rule] += 1
        if doc.dropped is None:
            self.documents_out += 1
        else:
            self.rejected[reason_code(doc.dropped)] += 1
            if is_input_failure(doc.dropped):
                self.failures.append(Failure(doc.source or doc.id, doc.line, doc.dropped))
        row: dict[str, Any] = {
            "id": doc.id,
            "source": doc.source,
            "line": doc.line,
            "status": "kept" if doc.dropped is None else "rejected",
            "edits": [e.to_dict() for e in doc.edits],
            "scores": doc.scores,
        }
        if doc.dropped is not None:
            row["reason"] = doc.dropped
        if duplicate is not None:
            row["duplicate_of"] = duplicate.kept_id
            row["similarity"] = duplicate.similarity
            source = getattr(duplicate, "kept_source", None)
            if source is not None:
                row["duplicate_of_source"] = source
                row["duplicate_of_line"] = getattr(duplicate, "kept_line", None)
        keep_text = doc.dropped is not None and reason_code(doc.dropped) not in TEXT_OMITTED_CODES
        lean = spans_row(row) if self.audit != "full" or self.html is not None else row
        if self.audit == "spans":
            row = lean
        if self._report is not None:
            self._report.write(_row_line(row, scores))
        if doc.dropped is not None and (
            self._rejects is not None or self._rejects_stream is not None
        ):
            reject = dict(row)
            if self.audit == "full":
                reject["text"] = doc.text if keep_text else None
                reject["metadata"] = doc.metadata
            del reject["status"]
            if self._rejects is not None:
                self._rejects.write(json_line(reject, sort_keys=True))
            else:
                self._rejects_stream.write(json_line({"reject": reject}, sort_keys=True))
                self._rejects_stream.flush()
        if self.html is not None:
            text = doc.text if keep_text and self.audit != "spans" else None
            self.html.add(lean, text=text, doc=doc)

    def failure(self, failure: Failure) -> None:
        self.failures.append(failure)

    def commit(self) -> None:
        for f in (self._report, self._rejects):
            if f is not None:
                f.commit()
        if self.meta_dir is not None:  # no stale audit of another mode stays behind
            keep = {f.file.path.name for f in (self._report, self._rejects) if f is not None}
            for name in AUDIT_FILES:
                for variant in (name, f"{name}.zst"):
                    if variant not in keep:
                        (self.meta_dir / variant).unlink(missing_ok=True)

    def audit_info(self) -> dict[str, Any]:
        """The ``audit`` object of summary.json: mode, compression and file sizes."""
        files = {f.file.path.name: f.size for f in (self._report, self._rejects) if f is not None}
        return {"mode": self.audit, "compress": self.compress, "files": files}

    def abort(self) -> None:
        for f in (self._report, self._rejects):
            if f is not None:
                f.abort()

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def counts(self) -> dict[str, Any]:
        return {
            "documents_in": self.documents_in,
            "documents_out": self.documents_out,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "edits": {
                "total": sum(self.edits_by_stage.values()),
                "by_stage": dict(sorted(self.edits_by_stage.items())),
                "by_rule": dict(sorted(self.edits_by_rule.items())),
            },
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
        }


def build_summary(
    reporter: Reporter,
    *,
    config: dict[str, Any],
    config_hash: str,
    rules_hash: str,
    stages: list[str],
    dedup: dict[str, Any],
    inputs: dict[str, Any],
    dry_run: bool,
    run: dict[str, Any],
) -> dict[str, Any]:
    """The summary.json object (see the module docstring)."""
    failures = reporter.failures
    return {
        **reporter.counts(),
        "failures": [f.to_dict() for f in failures[:MAX_LISTED_FAILURES]],
        "failures_total": len(failures),
        "inputs": inputs,
        "dedup": dedup,
        "stages": stages,
        "dry_run": dry_run,
        "audit": reporter.audit_info(),
        "versions": package_versions(),
        "rules_hash": rules_hash,
        "config_hash": config_hash,
        "config": config,
        "run": run,
    }


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    import json

    text = json.dumps(summary, indent=2, ensure_ascii=False)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (an undecodable file name): escape it
        data = json.dumps(summary, indent=2, ensure_ascii=True).encode("ascii")
    with AtomicFile(path) as f:
        f.write(data + b"\n")


def print_failures(failures: list[Failure], limit: int = 20, stream: Any = None) -> None:
    """List failed inputs on stderr (at most ``limit``)."""
    stream = stream or sys.stderr
    for f in failures[:limit]:
        print(f"  {f}", file=stream)
    if len(failures) > limit:
        print(f"  ... and {len(failures) - limit} more (see summary.json)", file=stream)
