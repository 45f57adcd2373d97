"""What an engine is: per-document work over batches, plus corpus dedup.

A run has separate steps (see :mod:`textclean.run`): reading inputs, the
per-document stages, corpus dedup, and writing. An engine only does the two
compute steps, so another engine (Ray) plugs in by implementing
:class:`Engine`:

* :meth:`Engine.map_batches` applies :func:`process_batch` — a pure function of
  a :class:`StageWork` and a list of documents — to every batch and yields the
  results **in input order**;
* :meth:`Engine.dedup` feeds ``(key, text)`` pairs, in input order, to a corpus
  deduper and returns its result.

A run (:mod:`textclean.run`) sets :attr:`StageWork.records`: the workers then
also do what the driver would otherwise do one document at a time after them.
Each document comes back as a :class:`DocRecord`: its journal record already
encoded as JSON, and, with ``StageWork.dedup`` set, a kept document's shingle
set and band hashes for corpus dedup (made while the worker holds the text).
An engine with :meth:`HashedDedup.hashed_deduper` and
:meth:`HashedDedup.finish_dedup` lets the driver feed those straight into the
deduper, so the dedup step neither reads the texts back nor hashes them.

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> work = StageWork(Config(stages=("repair", "normalize")))
>>> [d.text for d in process_batch(work, [Document("a", "CafÃ©  au lait")])]
['Café au lait\\n']
>>> process_batch(work, [Document("b", "  \\n\\n")])[0].dropped
'empty'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from textclean.config import Config, DedupConfig
from textclean.document import Document
from textclean.gcpause import paused
from textclean.io.journal import encode_record
from textclean.pipeline import Pipeline

if TYPE_CHECKING:
    from textclean.site_repeats import SiteRepeatTable


class Duplicate(Protocol):
    """A dropped near-duplicate: the id of the document kept instead, and how similar."""

    kept_id: str
    similarity: float


class DedupResult(Protocol):
    duplicates: Mapping[str, Duplicate]
    clusters: int


class Deduper(Protocol):
    """The corpus-dedup contract (``textclean.dedup.corpus.CorpusDeduper``)."""

    def add(self, doc_id: str, text: str) -> None: ...

    def finish(self) -> DedupResult: ...


DeduperFactory = Callable[[DedupConfig], Deduper]


@dataclass(frozen=True)
class StageWork:
    """A picklable description of the per-document work: the effective config.

    ``config.stages`` names exactly the stages that run (already checked
    against what this build has), so every worker builds the same pipeline.
    """

    config: Config
    #: a learned site-repeat table (corpus mode), or None
    site_repeats: SiteRepeatTable | None = None
    #: return :class:`DocRecord` objects instead of documents (see the module docstring)
    records: bool = False
    #: with ``records``: the dedup settings to hash kept documents with, or None
    dedup: DedupConfig | None = None

    def pipeline(self) -> Pipeline:
        key = self.config.fingerprint()
        if self.site_repeats is not None:
            key += ":" + self.site_repeats.digest
        cached = _PIPELINES.get(key)
        if cached is None:
            cached = Pipeline.from_config(
                self.config, stages=self.config.stages, site_repeats=self.site_repeats
            )
            _PIPELINES[key] = cached
        return cached


# Built pipelines per process, keyed by config fingerprint: building loads rule
# files, so each worker does it once. Pipelines are immutable, so sharing is safe.
_PIPELINES: dict[str, Pipeline] = {}


def process_document(pipeline: Pipeline, doc: Document) -> Document:
    """Run the stages on one document; never raises.

    A document already dropped (by the reader) passes through untouched. A stage
    that raises drops the document with reason ``stage_error`` and restores its
    input text, so the rejects keep it in full. A document left with no text is
    dropped as ``empty``.
    """
    if doc.dropped is not None:
        return doc
    original, scores = doc.text, dict(doc.scores)
    with paused():  # the collector waits for the document (textclean.gcpause)
        for stage in pipeline.schedule(doc):  # extract and language first, then the stages
            try:
                stage(doc)
            except Exception as exc:  # a stage bug or timeout must not lose the document
                doc.text, doc.edits, doc.scores = original, [], scores
                doc.dropped = None
                doc.drop(f"stage_error: {stage.name}: {type(exc).__name__}: {exc}")
                return doc
    if doc.dropped is None and not doc.text.strip():
        doc.drop("empty")
    return doc


@dataclass(frozen=True)
class DocRecord:
    """A processed document as a run's driver needs it (``StageWork.records``).

    ``record`` is its journal encoding (``textclean.io.journal.encode_record``). For a kept
    document hashed for corpus dedup, ``shingles`` holds its sorted distinct
    shingle hashes (uint32) and ``bands`` its band hashes (uint64), both as
    native-endian bytes, and ``length`` its characters; otherwise ``bands`` is
    empty.
    """

    record: bytes
    id: str
    kept: bool
    source: str | None
    line: int | None
    length: int = 0
    shingles: bytes = b""
    bands: bytes = b""


#: What :func:`process_batch` returns for each document.
Processed = Document | DocRecord


def process_batch(work: StageWork, docs: list[Document]) -> list[Any]:
    """The per-document stages over one batch: pure, order kept.

    Returns the documents, or with ``work.records`` their :class:`DocRecord`.
    """
    pipeline = work.pipeline()
    done = [process_document(pipeline, d) for d in docs]
    if not work.records:
        return done
    return _records(done, work.dedup)


def _records(docs: list[Document], dedup: DedupConfig | None) -> list[DocRecord]:
    """Each document's :class:`DocRecord`, kept ones hashed for dedup in one pass."""
    kept = [d for d in docs if d.dropped is None] if dedup is not None else []
    hashed: dict[int, tuple[int, bytes, bytes]] = {}
    if kept and dedup is not None:
        from textclean.dedup.corpus import CorpusDeduper

        # the index and the spill file are the driver's: this hashes the batch in memory
        config = dataclasses.replace(dedup, index="", spill_dir="", run_key="")
        deduper = CorpusDeduper(config, batch_size=len(kept))
        for k, d in enumerate(kept):
            deduper.add(str(k), d.text)
        h = deduper.export_hashed()
        at = 0
        for k, d in enumerate(kept):
            n = int(h.counts[k])
            shingles = h.values[at : at + n].tobytes()
            hashed[id(d)] = (int(h.lengths[k]), shingles, h.bands[k].tobytes())
            at += n
    out = []
    for d in docs:
        length, shingles, bands = hashed.get(id(d), (0, b"", b""))
        out.append(
            DocRecord(
                encode_record(d), d.id, d.dropped is None, d.source, d.line, length, shingles, bands
            )
        )
    return out


class Engine(Protocol):
    """Runs the compute steps of a run; see the module docstring."""

    name: str

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Any]]: ...

    def dedup(
        self, config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
    ) -> DedupResult: ...

    def close(self) -> None: ...


class HashedDedup(Protocol):
    """What an engine offers for dedup of documents its workers hashed (optional)."""

    def hashed_deduper(self, config: DedupConfig) -> Any:
        """A ``CorpusDeduper`` (or subclass) for this engine, fed with ``add_hashed``."""
        ...

    def finish_dedup(self, deduper: Any) -> DedupResult:
        """``deduper.finish()``, once the per-document work is over."""
        ...


def dedup_locally(
    config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
) -> DedupResult:
    """Feed every ``(key, text)`` to one deduper, in order, and finish it."""
    deduper = factory(config)
    for key, text in items:
        deduper.add(key, text)
    return deduper.finish()
