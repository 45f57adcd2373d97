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

>>> from textclean.config import Config
>>> from textclean.document import Document
>>> work = StageWork(Config(stages=("repair", "normalize")))
>>> [d.text for d in process_batch(work, [Document("a", "CafÃ©  au lait")])]
['Café au lait\\n']
>>> process_batch(work, [Document("b", "  \\n\\n")])[0].dropped
'empty'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from textclean.config import Config, DedupConfig
from textclean.document import Document
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


def process_batch(work: StageWork, docs: list[Document]) -> list[Document]:
    """The per-document stages over one batch: pure, order kept."""
    pipeline = work.pipeline()
    return [process_document(pipeline, d) for d in docs]


class Engine(Protocol):
    """Runs the compute steps of a run; see the module docstring."""

    name: str

    def map_batches(
        self, work: StageWork, batches: Iterable[list[Document]]
    ) -> Iterator[list[Document]]: ...

    def dedup(
        self, config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
    ) -> DedupResult: ...

    def close(self) -> None: ...


def dedup_locally(
    config: DedupConfig, factory: DeduperFactory, items: Iterable[tuple[str, str]]
) -> DedupResult:
    """Feed every ``(key, text)`` to one deduper, in order, and finish it."""
    deduper = factory(config)
    for key, text in items:
        deduper.add(key, text)
    return deduper.finish()
