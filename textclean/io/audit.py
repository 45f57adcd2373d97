"""Reading a run's audit back: rows, the run's config, texts re-derived from the inputs.

``textclean report OUT`` rebuilds ``report.html`` from ``OUT/.textclean/``
(:func:`rebuild_html`), and ``textclean inspect FILE --audit OUT`` shows a
document's recorded edits (:func:`recorded_row`, :func:`derive_runs`). Neither
needs the text in the audit: the ``spans`` mode keeps only offsets, and the
text is re-derived by reading the input again and running the run's own
config (from ``summary.json``) on it. The re-derived edits must equal the
recorded ones (stage, rule, offsets, replacement length), else the input has
changed since the run and that is said instead of showing a wrong diff.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import zstandard

from textclean.config import Config
from textclean.diffview import StageRun, run_stages
from textclean.document import Document
from textclean.io.discover import Failure, InputError, plan_inputs
from textclean.io.html_report import DocRef, ReportBuilder, Span, write_html
from textclean.io.readers import InputReader

META_DIR = ".textclean"


def meta_dir(out: str | Path) -> Path:
    """``OUT/.textclean``, or OUT itself when it is that directory."""
    p = Path(out)
    return p if p.name == META_DIR else p / META_DIR


def load_summary(meta: Path) -> dict[str, Any]:
    path = meta / "summary.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(
            f"{path}: not found (is {meta.parent} the output of a finished run?)"
        ) from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return data


def audit_file(meta: Path, name: str) -> Path | None:
    """``name`` or ``name.zst`` in ``meta``, whichever the run wrote."""
    for candidate in (meta / name, meta / f"{name}.zst"):
        if candidate.is_file():
            return candidate
    return None


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON rows of an audit file, plain or zstd-compressed, streamed."""
    with open(path, "rb") as raw:
        stream: Any = raw
        if path.name.endswith(".zst"):
            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
            stream = io.BufferedReader(reader, 1 << 20)  # type: ignore[arg-type]
        for line in stream:
            if line.strip():
                yield json.loads(line)


def run_config(summary: Mapping[str, Any]) -> Config:
    """The effective config the run used (``summary.json``'s ``config``)."""
    return Config.from_dict(summary["config"], where="summary.json config")


def derived_spans(runs: list[StageRun]) -> list[Span]:
    return [(e.stage, e.rule, e.start, e.end, len(e.after)) for r in runs for e in r.edits]


def derive_runs(
    config: Config, refs: list[DocRef], site_repeats: Any = None
) -> dict[int, list[StageRun] | str]:
    """Read each document of ``refs`` from its input again and run the stages on it.

    Returns, per ``ref.seq``, the stage runs or a sentence saying why not.
    Each input file is read once, up to its last wanted line.
    """
    from textclean.pipeline import Pipeline

    out: dict[int, list[StageRun] | str] = {}
    by_source: dict[str | None, list[DocRef]] = {}
    for ref in refs:
        by_source.setdefault(ref.source, []).append(ref)
    pipeline: Pipeline | None = None
    for source, wanted in by_source.items():
        if not source or source == "-":
            for ref in wanted:
                out[ref.seq] = "it was read from standard input, which cannot be read again"
            continue
        if not Path(source).is_file():
            for ref in wanted:
                out[ref.seq] = (
                    f"input {source} not found (run `textclean report` from the directory "
                    "the run was started in)"
                )
            continue
        plan = plan_inputs([source], config.input)
        lines = {ref.line: ref for ref in wanted}
        found: dict[int, Document] = {}
        items = iter(InputReader(plan.inputs[0], config.input, source=source))
        for item in items:
            if isinstance(item, Failure):
                continue
            ref_or_none = lines.get(item.line) if item.line is not None else wanted[0]
            if ref_or_none is not None:
                found[ref_or_none.seq] = item
                if len(found) == len(wanted):
                    break
        close = getattr(items, "close", None)
        if close is not None:
            close()
        for ref in wanted:
            doc = found.get(ref.seq)
            if doc is None:
                out[ref.seq] = f"not found in {source}"
                continue
            if pipeline is None:
                pipeline = Pipeline.from_config(
                    config, stages=config.stages, site_repeats=site_repeats
                )
            _, runs = run_stages(pipeline, doc)
            out[ref.seq] = runs
    return out


def site_repeat_table(meta: Path, summary: dict[str, Any]) -> Any:
    """The site-repeat table the run learned (corpus mode), or None; unreadable: exit 2."""
    from textclean.site_repeats import run_table

    try:
        return run_table(meta, summary)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def rebuild_html(out: str | Path) -> tuple[Path, dict[str, Any]]:
    """Write ``OUT/.textclean/report.html`` again from the audit; returns its path and
    the summary. Raises :class:`InputError` when there is nothing to build from."""
    meta = meta_dir(out)
    summary = load_summary(meta)
    audit = summary.get("audit") or {"mode": "full"}
    report = audit_file(meta, "report.jsonl")
    if audit.get("mode") == "counts" or report is None:
        raise InputError(
            f"{meta}: the run kept no per-document audit (--audit counts), so report.html "
            "cannot be rebuilt; the one the run wrote is the report (rerun with "
            "--audit spans or full to get one that can be)"
        )
    config = run_config(summary)
    builder = ReportBuilder(summary.get("stages") or [])
    rejects_path = audit_file(meta, "rejects.jsonl")
    rejects = read_rows(rejects_path) if rejects_path is not None else iter(())
    for row in read_rows(report):
        text = None
        if row.get("status") == "rejected":
            rej = next(rejects, None)
            if rej is not None and rej.get("id") == row.get("id"):
                text = rej.get("text")
        builder.add(row, text=text)
    table = site_repeat_table(meta, summary)
    builder.derive(lambda refs: derive_runs(config, refs, table))
    path = meta / "report.html"
    write_html(path, builder.render(summary))
    return path, summary


def recorded_row(
    meta: Path, doc_id: str, line: int | None, source: str | None = None
) -> dict[str, Any] | None:
    """The audit row of a document: the one with this id (and line, when given), else
    the one read from ``source`` at ``line`` (ids of text files depend on the inputs
    the run was given)."""
    report = audit_file(meta, "report.jsonl")
    if report is None:
        return None
    by_place = None
    for row in read_rows(report):
        if row.get("id") == doc_id and (line is None or row.get("line") == line):
            return row
        if by_place is None and source is not None and row.get("line") == line:
            src = row.get("source")
            if src is not None and Path(src).resolve() == Path(source).resolve():
                by_place = row
    return by_place
