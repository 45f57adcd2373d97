"""A batch run: read → per-document stages → corpus dedup → write.

The steps are separate so an engine only supplies compute
(:mod:`textclean.engines`):

1. **process** — inputs are read in order, batched, sent through
   ``engine.map_batches`` and staged in the work journal
   (:mod:`textclean.io.journal`), one input at a time, so a killed run resumes
   after the last finished input;
2. **dedup** — every kept document, in input order, goes to the corpus deduper
   (``textclean.dedup.corpus.CorpusDeduper``). In a fresh run the workers hash
   each kept document for it (shingle set and band hashes) while they hold it,
   and encode its journal record, so the driver only appends bytes to the
   journal and arrays to the deduper as results arrive, and this step only
   decides (``engine.finish_dedup``); a resumed run reads the texts back from
   the journal and hashes them through ``engine.dedup``, with the same result;
3. **write** — the journal is read once more: kept documents go to the output
   tree, the others to the rejects (duplicates with ``duplicate_of``), every
   one to the report; then ``summary.json``.

Nothing holds the corpus in memory: the journal is on disk and each step
streams over it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import importlib
import json
import shutil
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from textclean.config import Config, ConfigError
from textclean.document import Document
from textclean.engines import Engine, StageWork, get_engine
from textclean.engines.base import DocRecord
from textclean.io.discover import Failure, InputError, InputFile, Plan, plan_inputs
from textclean.io.html_report import ReportBuilder, write_html
from textclean.io.journal import Journal, ResumeError, ResumeState, make_manifest
from textclean.io.readers import InputReader
from textclean.io.report import Reporter, build_summary, write_summary
from textclean.io.safety import Ledger, check_plan, fingerprint, output_files, prepare_output
from textclean.io.writers import (
    JsonlWriter,
    encode_text,
    json_line,
    jsonl_line,
    remove_stale,
    scores_json,
    textclean_field,
    write_text,
)
from textclean.pipeline import Pipeline, stage_plan
from textclean.progress import QuietProgress
from textclean.rules import RuleError

__all__ = [
    "InputError",
    "ResumeError",
    "RunOptions",
    "RunResult",
    "default_deduper_factory",
    "effective_config",
    "run_clean",
    "stream_events",
]

BATCH_DOCS = 64
BATCH_CHARS = 2 << 20
META_DIR = ".textclean"


class Progress(Protocol):
    """What a run reports while it works (the CLI shows a bar or log lines)."""

    def phase(
        self, name: str, total: int | None, *, total_bytes: int | None = None, unit: str = "inputs"
    ) -> None: ...

    def advance(self, done: int, documents: int, bytes_done: int | None = None) -> None: ...

    def note(self, message: str) -> None: ...


@dataclass
class RunOptions:
    """Everything about a run that is not the cleaning config."""

    inputs: list[str]
    output: str  # a directory, or "-" for standard output
    workers: int | None = None
    engine: str = "local"
    engine_options: dict[str, Any] = field(default_factory=dict)
    stages: list[str] | None = None  # None: the config's stages
    skip: list[str] = field(default_factory=list)
    dry_run: bool = False
    limit: int | None = None
    resume: bool = False
    stdin: BinaryIO | None = None
    stdout: BinaryIO | None = None
    audit: str = "full"  # full | spans | counts (textclean.io.report)
    audit_compress: bool = False  # write the audit as .jsonl.zst
    overwrite: bool = False  # replace another run's output in OUT (see io/safety.py)
    follow_symlinks: bool = False  # follow symlinks met while walking input directories
    audit_dir: str | None = None  # with output "-": where the audit goes (else: stderr)
    stderr: BinaryIO | None = None  # with output "-" and no audit_dir: rejects go here


@dataclass
class RunResult:
    summary: dict[str, Any]
    failures: list[Failure]
    already_complete: bool = False  # OUT holds this very run, finished: nothing was redone

    @property
    def exit_code(self) -> int:
        return 1 if self.failures and not self.already_complete else 0


def default_deduper_factory() -> Callable[..., Any] | None:
    """``CorpusDeduper`` if this build has corpus dedup, else None."""
    try:
        module = importlib.import_module("textclean.dedup.corpus")
    except ModuleNotFoundError as exc:
        if exc.name in ("textclean.dedup", "textclean.dedup.corpus"):
            return None
        raise
    factory: Callable[..., Any] = module.CorpusDeduper
    return factory


def dedup_available() -> bool:
    """Whether this build has corpus dedup, without importing it (its package loads
    numeric kernels that cost memory and start-up time)."""
    return (Path(__file__).resolve().parent / "dedup" / "corpus.py").is_file()


def effective_config(
    config: Config, stages: list[str] | None = None, skip: list[str] | tuple[str, ...] = ()
) -> tuple[Config, Pipeline]:
    """The config with ``stages`` set to exactly the stages that will run, and its pipeline.

    The pipeline is the one :class:`StageWork` of that config builds, and is kept
    for it: a run in this process (one worker) does not build it a second time.
    """
    effective = planned_config(config, stages, skip)
    return effective, StageWork(effective).pipeline()


def planned_config(
    config: Config, stages: list[str] | None = None, skip: list[str] | tuple[str, ...] = ()
) -> Config:
    """The config with ``stages`` set to exactly the stages that will run."""
    return config.replace(stages=stage_plan(config, stages=stages, skip=skip))


def display_path(inp: InputFile) -> str:
    return inp.path


def require_extras(plan: Plan, config: Config) -> None:
    """Fail before any work (exit 2, with the pip command) when an input needs a missing
    extra; and make a directory where nothing can be read a failed input (exit 1)."""
    kinds = {inp.kind for inp in plan.inputs}
    if "parquet" in kinds:
        from textclean.io.parquet import _pq

        _pq()
    if "html" in kinds or config.input.html_key:
        from textclean.stages.extract import ExtractStage

        ExtractStage(config.extract).load()


def plan_run(
    args: list[str], config: Config, output: str | None = None, *, follow_symlinks: bool = False
) -> Plan:
    """:func:`plan_inputs`, the extras check, and a failure when nothing can be read."""
    plan = plan_inputs(args, config.input, output, follow_symlinks=follow_symlinks)
    require_extras(plan, config)
    nothing = plan.nothing_readable(args)
    if nothing is not None:
        plan.failures.append(nothing)
    return plan


# -- step 1: read and process -------------------------------------------------


def stream_events(
    plan: Plan,
    work: StageWork,
    engine: Engine,
    config: Config,
    *,
    start: int = 0,
    limit: int | None = None,
    documents_before: int = 0,
    stdin: BinaryIO | None = None,
) -> Iterator[tuple[str, int, Any]]:
    """Processed events in input order: ``("start", i, kind)``, ``("doc", i, Document)``,
    ``("fail", i, Failure)``, ``("read", i, bytes of the file read so far)`` after each
    batch, ``("done", i, bytes_read)``.
    """
    pending: deque[list[tuple[str, int, Any]]] = deque()
    count = [documents_before]

    def full() -> bool:
        return limit is not None and count[0] >= limit

    def batches() -> Iterator[list[Document]]:
        events: list[tuple[str, int, Any]] = []
        docs: list[Document] = []
        chars = 0
        for idx in range(start, len(plan.inputs)):
            if full():
                break
            inp = plan.inputs[idx]
            reader = InputReader(inp, config.input, source=display_path(inp), stdin=stdin)
            items = iter(reader)
            first = next(items, None)  # reading starts: stdin's kind is known from here
            events.append(("start", idx, reader.kind))
            item = first
            while item is not None:
                if isinstance(item, Failure):
                    events.append(("fail", idx, item))
                else:
                    events.append(("doc", idx, None))
                    docs.append(item)
                    chars += len(item.text)
                    count[0] += 1
                    if len(docs) >= BATCH_DOCS or chars >= BATCH_CHARS:
                        events.append(("read", idx, reader.disk_bytes))
                        pending.append(events)
                        yield docs
                        events, docs, chars = [], [], 0
                    if full():
                        break
                item = next(items, None)
            close = getattr(items, "close", None)
            if close is not None:
                close()
            events.append(("done", idx, reader.bytes_read))
        pending.append(events)
        yield docs

    for out in engine.map_batches(work, batches()):
        processed = iter(out)
        for kind, idx, payload in pending.popleft():
            yield (kind, idx, next(processed) if kind == "doc" else payload)


def _process(
    plan: Plan,
    work: StageWork,
    engine: Engine,
    config: Config,
    journal: Journal,
    state: ResumeState,
    options: RunOptions,
    progress: Progress,
    feed: _HashedFeed | None = None,
) -> tuple[int, int]:
    """Step 1; returns the number of inputs processed in this run and of documents
    in the journal. With ``work.records`` the workers send each document's journal
    record encoded (and, for ``feed``, hashed for corpus dedup)."""
    processed = 0
    total = len(plan.inputs)
    sizes = [max(inp.size, 0) for inp in plan.inputs]
    known = all(inp.size >= 0 for inp in plan.inputs)
    progress.phase("process", total, total_bytes=sum(sizes) if known else None)
    finished = sum(sizes[: state.next_input])
    progress.advance(state.next_input, state.documents, finished)
    docs = state.documents
    for kind, idx, payload in stream_events(
        plan,
        work,
        engine,
        config,
        start=state.next_input,
        limit=options.limit,
        documents_before=state.documents,
        stdin=options.stdin,
    ):
        if kind == "doc":
            if isinstance(payload, DocRecord):
                journal.doc_record(idx, payload.record)
                if feed is not None:
                    feed.add(payload)
            else:
                journal.doc(idx, payload)
            docs += 1
            if docs % 1000 == 0:  # a big file shows progress too (the bar is throttled)
                progress.advance(idx, docs)
        elif kind == "fail":
            journal.fail(idx, payload)
        elif kind == "start":
            journal.start_input(idx, payload)
        elif kind == "read":
            progress.advance(idx, docs, finished + min(payload, sizes[idx]))
        else:
            journal.done(idx, plan.inputs[idx], payload)
            processed += 1
            finished += sizes[idx]
            progress.advance(idx + 1, docs, finished)
    journal.end()
    return processed, docs


# -- step 2: corpus dedup ------------------------------------------------------


#: Separates an escaped id from its repeat number in a dedup key. JSON escaping
#: (``ensure_ascii``) writes U+001F as ``\\u001f``, so an escaped id never holds it.
_KEY_SEP = "\x1f"


def dedup_key(doc_id: str, n: int) -> str:
    """The dedup key of the ``n``-th document with id ``doc_id``: unique, valid UTF-8.

    The first of an id is the id itself when it is plain (valid UTF-8, no U+001F);
    otherwise the key is the id JSON-escaped, U+001F and ``n``, which no plain id
    and no other ``(id, n)`` can produce: ids ``a``, ``a``, ``a#2`` get three keys.

    >>> [dedup_key("a", 1), dedup_key("a", 2), dedup_key("a#2", 1)]
    ['a', 'a\\x1f2', 'a#2']
    >>> dedup_key("\\ud800", 1)
    '\\\\ud800\\x1f1'
    >>> [real_id(dedup_key(i, n)) for i, n in (("a", 2), ("\\ud800", 1), ("b", 1))]
    ['a', '\\ud800', 'b']
    """
    if n == 1 and _KEY_SEP not in doc_id:
        try:
            doc_id.encode("utf-8")
            return doc_id
        except UnicodeEncodeError:
            pass
    escaped = json.dumps(doc_id, ensure_ascii=True)[1:-1]
    return f"{escaped}{_KEY_SEP}{n}"


def real_id(key: str) -> str:
    """The document id a :func:`dedup_key` was made from (also for keys an index holds)."""
    if _KEY_SEP not in key:
        return key
    escaped = key.rsplit(_KEY_SEP, 1)[0]
    try:
        value = json.loads(f'"{escaped}"')
    except ValueError:
        return key
    return value if isinstance(value, str) else key


class _Keys:
    """Unique dedup keys for the documents of a run, in input order (:func:`dedup_key`)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.repeated = 0

    def key(self, doc_id: str) -> str:
        n = self.seen.get(doc_id, 0) + 1
        self.seen[doc_id] = n
        if n > 1:
            self.repeated += 1
        return dedup_key(doc_id, n)


def _kept_key(
    keys: _Keys,
    origins: dict[str, tuple[str, str | None, int | None]] | None,
    doc_id: str,
    source: str | None,
    line: int | None,
) -> str:
    """The dedup key of the next kept document ``doc_id``; ``origins`` (if given) notes
    its real id, source and line under that key (one copy of each input's name)."""
    key = keys.key(doc_id)
    if origins is not None:
        origins[key] = (doc_id, sys.intern(source) if source is not None else None, line)
    return key


def _kept_texts(
    journal: Journal,
    keys: _Keys,
    progress: Progress | None = None,
    origins: dict[str, tuple[str, str | None, int | None]] | None = None,
) -> Iterator[tuple[str, str]]:
    """``(dedup key, text)`` of every kept document in the journal, in order; ``origins``
    (if given) gets each key's real id, source and line on the way."""
    seen = 0
    for event in journal.events():
        if event["t"] == "doc":
            seen += 1
            if progress is not None and seen % 256 == 0:
                progress.advance(seen, seen)
            doc: Document = event["doc"]
            if doc.dropped is None:
                yield _kept_key(keys, origins, doc.id, doc.source, doc.line), doc.text
    if progress is not None:
        progress.advance(seen, seen)


@dataclass(frozen=True)
class KeptOrigin:
    """A duplicate's verdict, told by the kept document's real id and where it came from.

    Dedup keys repeated ids as ``id#n``; the report names the kept document by its
    id plus its input file and line, so ``duplicate_of`` is always an id that
    appears in the output. A kept document from a persistent index (an earlier run)
    has no source here.
    """

    kept_id: str
    similarity: float
    kept_source: str | None = None
    kept_line: int | None = None


def _with_kept_origins(
    duplicates: dict[str, Any], origins: dict[str, tuple[str, str | None, int | None]]
) -> dict[str, KeptOrigin]:
    """Each duplicate's verdict told by the kept document's real id, source and line
    (``origins``, gathered while dedup read the journal: no third pass over it)."""
    out: dict[str, KeptOrigin] = {}
    for key, d in duplicates.items():
        kept_id, source, line = origins.get(d.kept_id, (real_id(d.kept_id), None, None))
        out[key] = KeptOrigin(kept_id, float(d.similarity), source, line)
    return out


class _HashedFeed:
    """Step 2 done on the way through step 1: kept documents, hashed by the workers
    (``DocRecord``), go into the engine's deduper in input order as they arrive, so
    the dedup step only decides (no texts read back from the journal, none hashed
    here). Keys and origins are noted by :func:`_kept_key`, as :func:`_kept_texts` notes
    them."""

    FLUSH_DOCS = 4096

    def __init__(self, deduper: Any, bands: int) -> None:
        self.deduper = deduper
        self.bands = bands
        self.keys = _Keys()
        self.origins: dict[str, tuple[str, str | None, int | None]] = {}
        self.documents = 0
        self._ids: list[str] = []
        self._shingles: list[bytes] = []
        self._lengths: list[int] = []
        self._bands: list[bytes] = []

    def add(self, rec: DocRecord) -> None:
        if not rec.kept:
            return
        self._ids.append(_kept_key(self.keys, self.origins, rec.id, rec.source, rec.line))
        self._shingles.append(rec.shingles)
        self._lengths.append(rec.length)
        self._bands.append(rec.bands)
        self.documents += 1
        if len(self._ids) >= self.FLUSH_DOCS:
            self.flush()

    def flush(self) -> None:
        if not self._ids:
            return
        import numpy as np

        from textclean.dedup.corpus import HashedBatch

        n = len(self._ids)
        counts = np.fromiter((len(b) // 4 for b in self._shingles), np.int64, n)
        batch = HashedBatch(
            values=np.frombuffer(b"".join(self._shingles), dtype=np.uint32),
            counts=counts,
            lengths=np.asarray(self._lengths, dtype=np.int64),
            bands=np.frombuffer(b"".join(self._bands), dtype=np.uint64).reshape(n, self.bands),
        )
        self.deduper.add_hashed(self._ids, batch)
        self._ids, self._shingles, self._lengths, self._bands = [], [], [], []

    def close(self) -> None:
        """Give up (the run failed): close the deduper's index and spill file."""
        close = getattr(self.deduper, "close", None)
        if close is not None:
            close()


def _dedup_config(config: Config, journal: Journal, dry_run: bool) -> Any:
    """The run's dedup settings as the deduper gets them (see :func:`_dedup`)."""
    # The run id marks this run's documents in a persistent index, so a resumed
    # run that had already committed them does not take them for duplicates.
    # A dry run reports what would be dropped but must not change the index.
    # Unless told otherwise, the shingle sets wait on disk beside the journal (which
    # already holds every text there) instead of in memory: they are what grows
    # with the corpus (4 bytes a word), and verification reads only the pages of
    # candidate pairs. Where they are kept never changes the result.
    return dataclasses.replace(
        config.dedup,
        run_key=journal.run_id,
        update_index=config.dedup.update_index and not dry_run,
        spill_dir=config.dedup.spill_dir or str(journal.work_dir),
    )


def _hashed_feed(
    config: Config,
    engine: Engine,
    factory: Callable[..., Any] | None,
    journal: Journal,
    state: ResumeState,
    dry_run: bool,
) -> _HashedFeed | None:
    """A feed when the workers can hash for dedup: the default deduper, an engine
    that offers it (:class:`~textclean.engines.base.HashedDedup`), and a fresh
    journal (a resumed run's earlier documents were not hashed: it takes the texts
    from the journal, :func:`_kept_texts`, with the same result)."""
    if not config.dedup.enabled or factory is None or state.next_input or state.complete:
        return None
    if getattr(factory, "add_hashed", None) is None or factory is not default_deduper_factory():
        return None
    make = getattr(engine, "hashed_deduper", None)
    if make is None or getattr(engine, "finish_dedup", None) is None:
        return None
    return _HashedFeed(make(_dedup_config(config, journal, dry_run)), config.dedup.bands)


# -- step 3: write -------------------------------------------------------------


class _Outputs:
    """Where kept documents go: the mirrored tree, standard output, or nowhere (dry run)."""

    def __init__(self, out_dir: Path | None, stdout: BinaryIO | None, dry_run: bool, text_key: str):
        self.out_dir = out_dir
        self.stdout = stdout
        self.dry_run = dry_run
        self.text_key = text_key
        self._jsonl: JsonlWriter | None = None
        self._parquet: Any = None  # a ParquetOutput while a parquet input is written
        self._kept = 0

    def relpath(self, inp: InputFile, kind: str) -> str:
        if inp.is_stdin:
            return "stdin.jsonl" if kind == "jsonl" else "stdin.txt"
        return inp.out_relpath

    def begin(self, inp: InputFile, kind: str) -> None:
        if self.dry_run or self.out_dir is None:
            return
        if kind == "jsonl":
            self._jsonl = JsonlWriter(self.out_dir / self.relpath(inp, kind), inp.compression)
            self._kept = 0
        elif kind == "parquet":
            from textclean.io.parquet import ParquetOutput

            self._parquet = ParquetOutput(
                self.out_dir / self.relpath(inp, kind), inp.path, self.text_key
            )

    def document(
        self, inp: InputFile, kind: str, doc: Document, scores: bytes | None = None
    ) -> int:
        """Write (or, when rejected, make sure no stale output remains); returns bytes.

        ``scores``: :func:`~textclean.io.writers.scores_json` of ``doc``, when the
        caller has it (a JSONL record then takes those bytes: the same record)."""
        if self.dry_run:
            return 0
        kept = doc.dropped is None
        if self.out_dir is None:
            if not kept or self.stdout is None:
                return 0
            if inp.is_stdin and kind == "text":
                data = encode_text(doc.text)
            elif kind == "jsonl":
                data = jsonl_line(doc, self.text_key, scores)
            else:
                data = json_line(
                    {"id": doc.id, "text": doc.text, "textclean": textclean_field(doc)}
                )
            self.stdout.write(data)
            return len(data)
        if kind == "jsonl":
            if not kept or self._jsonl is None:
                return 0
            line = jsonl_line(doc, self.text_key, scores)
            self._jsonl.write_line(line)
            self._kept += 1
            return len(line)
        if kind == "parquet":
            if not kept or self._parquet is None:
                return 0
            self._parquet.document(doc)
            return len(encode_text(doc.text))
        path = self.out_dir / self.relpath(inp, kind)
        if kept:
            return write_text(path, doc.text)
        remove_stale(path)
        return 0

    def end(self, unreadable: bool, failed: bool = False) -> None:
        """Close the input's output: discarded when the input was unreadable, or a JSONL
        input failed (a corrupt stream) before any row was kept: no empty shard to trust."""
        empty_failed = failed and self._jsonl is not None and not self._kept
        for writer in (self._jsonl, self._parquet):
            if writer is not None:
                if unreadable or empty_failed:
                    writer.abort()
                else:
                    writer.commit()
        self._jsonl = self._parquet = None


def _write(
    plan: Plan,
    journal: Journal,
    duplicates: Any,
    reporter: Reporter,
    outputs: _Outputs,
    progress: Progress,
) -> int:
    """Step 3; returns the number of duplicate ids seen."""
    keys = _Keys()
    kind = "text"
    unreadable = False
    sizes = [max(inp.size, 0) for inp in plan.inputs]
    known = all(inp.size >= 0 for inp in plan.inputs)
    progress.phase("write", len(plan.inputs), total_bytes=sum(sizes) if known else None)
    finished = 0
    progress.advance(0, 0, 0)
    for event in journal.events():
        t = event["t"]
        if t == "start":
            inp = plan.inputs[event["i"]]
            kind = event["kind"]
            unreadable = failed = False
            outputs.begin(inp, kind)
        elif t == "doc":
            doc: Document = event["doc"]
            dup = None
            if doc.dropped is None:
                key = keys.key(doc.id)
                dup = duplicates.get(key) if duplicates else None
                if dup is not None:
                    doc.drop("duplicate")
            # the scores' JSON, made once for the output record and the report row
            scores = (
                scores_json(doc)
                if kind == "jsonl" and (doc.dropped is None or reporter.rows_hold_scores)
                else None
            )
            reporter.bytes_out += outputs.document(plan.inputs[event["i"]], kind, doc, scores)
            reporter.document(doc, dup, scores=scores)
        elif t == "fail":
            failure = Failure(event["file"], event["line"], event["error"])
            unreadable = unreadable or failure.line is None
            failed = True
            reporter.failure(failure)
        elif t == "done":
            reporter.bytes_in += event["bytes"]
            outputs.end(unreadable, failed)
            finished += sizes[event["i"]]
            progress.advance(event["i"] + 1, reporter.documents_in, finished)
    return keys.repeated


# -- the whole run ------------------------------------------------------------


def run_clean(
    config: Config,
    options: RunOptions,
    *,
    progress: Progress | None = None,
    deduper_factory: Callable[..., Any] | str | None = "default",
    engine: Engine | None = None,
) -> RunResult:
    """Run the whole batch; raises ConfigError/InputError/ResumeError for exit-2 problems."""
    t0, c0 = time.monotonic(), time.process_time()
    # Local workers fork from a server that first loads every table (seconds): start
    # it now, so that happens while this process builds its own pipeline and plans.
    from textclean.engines import local

    prestarted = False
    try:
        if (
            engine is None
            and options.engine == "local"
            and local.LocalEngine(options.workers).workers > 1
        ):
            prestarted = True  # first: a signal during the start still stops it
            local.prestart()
        result = _run_clean(config, options, progress, deduper_factory, engine, (t0, c0))
    except BaseException:
        if prestarted:
            local.release_prestarted(interrupted=True)
        raise
    if prestarted:
        local.release_prestarted()
    return result


def _run_clean(
    config: Config,
    options: RunOptions,
    progress: Progress | None,
    deduper_factory: Callable[..., Any] | str | None,
    engine: Engine | None,
    start: tuple[float, float],
) -> RunResult:
    progress = progress or QuietProgress()
    # the pipeline is built once the inputs and the output are checked: a refused run
    # fails at once, without loading the rule packs and tables
    config = planned_config(config, options.stages, options.skip)
    if deduper_factory == "default":
        # imported only when used: the dedup module pulls in its numeric kernels
        factory = default_deduper_factory() if config.dedup.enabled else None
    else:
        factory = deduper_factory
    if config.dedup.run_key:
        raise ConfigError(
            "dedup.run_key is chosen by each run itself (and kept by --resume); "
            "remove it from the config"
        )
    if factory is not None and config.dedup.enabled and config.dedup.index:
        _check_index(config)  # before any work: a wrong index is a usage error (exit 2)
    stdout_mode = options.output == "-"
    if config.site_repeats.enabled and "boilerplate" in config.stages and "-" in options.inputs:
        raise InputError("--site-repeats reads the inputs twice: it cannot read stdin ('-')")
    if options.resume and (stdout_mode or "-" in options.inputs):
        raise InputError("--resume needs an output directory and no '-' (stdin) input")
    if options.audit_dir and not stdout_mode:
        raise InputError("--audit-dir goes with -o - (with an OUT, the audit is OUT/.textclean)")
    out_dir = None if stdout_mode else Path(options.output)
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: the output exists and is not a directory")
    created = out_dir is not None and not out_dir.exists()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)  # exists while planning: never read as input
    try:
        plan = plan_run(
            options.inputs, config, options.output, follow_symlinks=options.follow_symlinks
        )
        check_plan(plan, out_dir)
        pipeline = _stages_here(config, options, engine)
    except (InputError, ConfigError, RuleError):
        if created and out_dir is not None:
            out_dir.rmdir()
        raise
    if out_dir is not None:
        meta = out_dir / META_DIR
        meta.mkdir(exist_ok=True)
    elif options.audit_dir:
        meta = Path(options.audit_dir)
        meta.mkdir(parents=True, exist_ok=True)
    else:
        meta = Path(tempfile.mkdtemp(prefix="textclean-"))
    lock = _lock(meta)
    try:
        return _run_locked(
            config, pipeline, options, plan, meta, out_dir, factory, engine, progress, start
        )
    finally:
        lock.close()
        if out_dir is None and not options.audit_dir:
            shutil.rmtree(meta, ignore_errors=True)


@dataclass(frozen=True)
class _Stages:
    """What the driver needs of the pipeline when it does not build one: the rules'
    hash, the stage names, the extract step (for the site-repeat count)."""

    config: Config
    rules_hash: str
    stage_names: tuple[str, ...]

    @property
    def extract(self) -> Any:
        from textclean.stages.extract import ExtractStage

        return ExtractStage(self.config.extract)


def _stages_here(config: Config, options: RunOptions, engine: Engine | None) -> Pipeline | _Stages:
    """The pipeline, built in this process only when this process runs the stages (one
    local worker) or must check a user's rule packs before any work (a bad rule is
    a usage error, exit 2). Otherwise the workers build it (from tables their fork
    server already holds), and this process spares the seconds of building a
    pipeline it would never run."""
    if engine is not None:
        runs_here = engine.name != "ray" and getattr(engine, "workers", 1) <= 1
    elif options.engine == "local":
        from textclean.engines.local import LocalEngine

        runs_here = LocalEngine(options.workers).workers <= 1
    else:
        runs_here = options.engine != "ray"
    if runs_here or config.rules:
        return StageWork(config).pipeline()
    from textclean.rules import RulePack

    names = tuple(stage_plan(config, stages=config.stages))
    return _Stages(config, RulePack.load(config.rules).fingerprint(), names)


def _check_index(config: Config) -> None:
    """Refuse an index made with other dedup settings before the stages run."""
    from textclean.dedup.index import check_index

    check_index(config.dedup)


def _lock(meta: Path) -> Any:
    f = open(meta / "lock", "w")  # noqa: SIM115 - closed by the caller
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        f.close()
        raise InputError(f"another textclean run is writing to {meta.parent}") from exc
    return f


def _run_locked(
    config: Config,
    pipeline: Pipeline | _Stages,
    options: RunOptions,
    plan: Plan,
    meta: Path,
    out_dir: Path | None,
    factory: Callable[..., Any] | None,
    engine: Engine | None,
    progress: Progress,
    start: tuple[float, float],
) -> RunResult:
    from textclean import __version__

    t0, c0 = start  # when the run began: wall clock and this process's CPU time

    rules_hash = (
        pipeline.rules_hash if isinstance(pipeline, _Stages) else pipeline.rules.fingerprint()
    )
    manifest = make_manifest(
        version=__version__,
        config_hash=config.fingerprint(),
        rules_hash=rules_hash,
        plan=plan,
        limit=options.limit,
    )
    work_dir = meta / "work"
    state = ResumeState()
    run_print = fingerprint(manifest, plan, dry_run=options.dry_run)
    reuse_id = None
    if out_dir is not None:
        decision = prepare_output(
            out_dir,
            meta,
            run_print,
            resume=options.resume,
            overwrite=options.overwrite,
            journal_exists=Journal.exists(work_dir),
        )
        if decision.complete:
            return _already_complete(meta, out_dir, progress)
        if decision.same:
            reuse_id = Journal.run_id_of(work_dir)
    if options.resume and Journal.exists(work_dir):
        journal, state = Journal.resume(work_dir, manifest, plan)
        progress.note(
            f"resuming: {state.next_input} of {len(plan.inputs)} inputs already done"
            + ("; only dedup and writing remain" if state.complete else "")
        )
    else:
        if options.resume:
            progress.note("nothing to resume: starting a fresh run")
        elif Journal.exists(work_dir):
            progress.note(f"discarding the unfinished run in {work_dir} (use --resume to continue)")
        journal = Journal.start(work_dir, manifest, run_id=reuse_id)
    if out_dir is not None:  # before any output: the files this run may write
        files = output_files(plan, options.dry_run)
        Ledger(run_print, files).write(meta)
    site_table = None
    # corpus mode (with the boilerplate stage): count before any document is cleaned
    if config.site_repeats.enabled and "boilerplate" in config.stages:
        site_table = _site_repeats(plan, config, pipeline, options, meta, run_print, progress)
    own_engine = engine is None
    engine = engine or get_engine(options.engine, options.workers, **options.engine_options)
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}  # this process's own user+sys seconds (not its workers')
    feed: _HashedFeed | None = None
    try:
        t, c = time.monotonic(), time.process_time()
        cpu["start"] = c - c0  # planning, the pipeline built here, the engine started
        processed, docs = 0, state.documents
        if not state.complete:
            feed = _hashed_feed(config, engine, factory, journal, state, options.dry_run)
            work = StageWork(
                config,
                site_repeats=site_table,
                records=True,
                dedup=config.dedup if feed is not None else None,
            )
            processed, docs = _process(
                plan, work, engine, config, journal, state, options, progress, feed
            )
        journal.close()
        timings["process"] = time.monotonic() - t
        cpu["process"] = time.process_time() - c

        t, c = time.monotonic(), time.process_time()
        dedup_info, duplicates = _dedup(
            config,
            journal,
            engine,
            factory,
            progress,
            dry_run=options.dry_run,
            documents=docs,
            feed=feed,
        )
        feed = None
        timings["dedup"] = time.monotonic() - t
        cpu["dedup"] = time.process_time() - c
    except BaseException:  # interrupted (signal) or failed: workers stop now, not later
        if feed is not None:
            feed.close()
        if own_engine:
            getattr(engine, "terminate", engine.close)()
        raise
    finally:
        journal.close()
        if own_engine:
            engine.close()

    t, c = time.monotonic(), time.process_time()
    audit = out_dir is not None or bool(options.audit_dir)
    reporter = Reporter(
        meta if audit else None,
        audit=options.audit,
        compress=options.audit_compress,
        html=ReportBuilder(pipeline.stage_names) if audit else None,
        rejects_stream=None if audit else (options.stderr or sys.stderr.buffer),
    )
    outputs = _Outputs(
        out_dir, options.stdout or sys.stdout.buffer, options.dry_run, config.input.text_key
    )
    try:
        repeated_ids = _write(plan, journal, duplicates, reporter, outputs, progress)
    except BaseException:
        reporter.abort()
        raise
    reporter.commit()
    timings["write"] = time.monotonic() - t
    cpu["write"] = time.process_time() - c
    for f in plan.failures:
        reporter.failure(f)
    summary = build_summary(
        reporter,
        config=config.to_dict(),
        config_hash=config.fingerprint(),
        rules_hash=rules_hash,
        stages=list(pipeline.stage_names),
        dedup={**dedup_info, "repeated_ids": repeated_ids},
        inputs={
            "files": len(plan.inputs),
            "failed": len({f.file for f in reporter.failures}),
            "skipped": dict(sorted(plan.skipped.items())),
        },
        dry_run=options.dry_run,
        run={
            "seconds": round(time.monotonic() - t0, 3),
            "phases": {k: round(v, 3) for k, v in timings.items()},
            "driver_cpu": {k: round(v, 3) for k, v in cpu.items()},
            "engine": engine.name,
            "workers": getattr(engine, "workers", None),
            "inputs_resumed": state.next_input if options.resume else 0,
            "inputs_processed": processed,
        },
    )
    if site_table is not None:
        summary["site_repeats"] = _site_repeats_summary(site_table, reporter)
    if audit:
        write_summary(meta / "summary.json", summary)
        write_html(meta / "report.html", reporter.html.render(summary))
    if out_dir is not None:
        Ledger(run_print, output_files(plan, options.dry_run), True).write(meta)
    shutil.rmtree(meta / "work", ignore_errors=True)
    (meta / "lock").unlink(missing_ok=True)
    return RunResult(summary, reporter.failures)


# -- corpus mode: lines repeated across a site (textclean.site_repeats) -------

#: The learned table, kept in the work metadata beside the audit (the run's record).
SITE_REPEATS_FILE = "site_repeats.json"  # = textclean.site_repeats.RUN_TABLE


def _site_repeats(
    plan: Plan,
    config: Config,
    pipeline: Pipeline | _Stages,
    options: RunOptions,
    meta: Path,
    run_print: str,
    progress: Progress,
) -> Any:
    """The site-repeat table of this run: learned by a counting pass over the inputs
    (in input order, so the same for any engine and worker count), or, on
    ``--resume``, the one this very run saved before (same inputs, config, rules)."""
    from textclean.site_repeats import SiteRepeatTable, learn_inputs

    path = meta / SITE_REPEATS_FILE
    if options.resume and path.is_file():
        try:
            saved = SiteRepeatTable.load(path)
        except (OSError, ValueError, KeyError, TypeError):
            saved = None
        if saved is not None and saved.origin == run_print:
            progress.note(f"site repeats: reusing the table learned before ({path.name})")
            return saved
    table = learn_inputs(
        plan, config, limit=options.limit, extract=pipeline.extract, progress=progress
    )
    table = dataclasses.replace(table, origin=run_print)
    table.save(path)
    progress.note(
        f"site repeats: {table.learned_lines} lines learned in {len(table.groups)} groups "
        f"from {table.documents} documents"
    )
    return table


def _site_repeats_summary(table: Any, reporter: Reporter) -> dict[str, Any]:
    """The ``site_repeats`` block of summary.json: what was learned and removed."""
    from textclean.site_repeats import RULE_ID

    return {
        "table": SITE_REPEATS_FILE,
        "table_hash": table.digest,
        "documents_counted": table.documents,
        "groups": len(table.groups),
        "learned_lines": table.learned_lines,
        "pruned_counts": table.pruned,
        "lines_removed": reporter.edits_by_rule.get(RULE_ID, 0),
    }


def _already_complete(meta: Path, out_dir: Path, progress: Progress) -> RunResult:
    """The result of a finished run found again in OUT: its summary, nothing redone."""
    try:
        summary = json.loads((meta / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    progress.note(f"{out_dir}: already complete (same inputs, config and rules); nothing to do")
    failures = [
        Failure(f.get("file", "?"), f.get("line"), f.get("error", "?"))
        for f in summary.get("failures", [])
        if isinstance(f, dict)
    ]
    return RunResult(summary, failures, already_complete=True)


def _dedup(
    config: Config,
    journal: Journal,
    engine: Engine,
    factory: Callable[..., Any] | None,
    progress: Progress,
    dry_run: bool = False,
    documents: int | None = None,
    feed: _HashedFeed | None = None,
) -> tuple[dict[str, Any], Any]:
    if not config.dedup.enabled:
        return {"enabled": False, "available": dedup_available()}, None
    if factory is None:
        note = "corpus dedup is not part of this build (textclean.dedup.corpus missing); skipped"
        progress.note(note)
        return {"enabled": False, "available": False, "note": note}, None
    progress.phase("dedup", documents, unit="documents")
    progress.advance(0, 0)
    if feed is not None:  # the workers hashed every kept document: only decide here
        feed.flush()
        origins = feed.origins
        result = engine.finish_dedup(feed.deduper)  # type: ignore[attr-defined]
        progress.advance(feed.documents, feed.documents)
    else:
        keys = _Keys()
        dedup_config = _dedup_config(config, journal, dry_run)
        # the kept documents' origins are noted on the way (about 100 bytes each), which
        # spares a third full read of the journal to explain the duplicates
        origins = {}
        result = engine.dedup(dedup_config, factory, _kept_texts(journal, keys, progress, origins))
    duplicates = _with_kept_origins(dict(result.duplicates), origins)
    del origins
    info = {
        "enabled": True,
        "available": True,
        "clusters": int(result.clusters),
        "duplicates": len(duplicates),
    }
    return info, duplicates
