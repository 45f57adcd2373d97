"""textclean as a datatrove pipeline step (the ``[datatrove]`` extra).

>>> from textclean.integrations.datatrove import TextcleanStep
>>> step = TextcleanStep(skip=["despin"], normalize={"fold_quotes": True})
>>> step.config.normalize.fold_quotes, step.stage_names
(True, ('repair', 'boilerplate', 'repeats', 'normalize', 'quality'))

``TextcleanStep(config=None, *, exclusion_writer=None, stages=None, skip=(), **options)``
cleans each datatrove ``Document``'s text in place, as datatrove's formatters do,
and drops the documents a stage rejects, as its filters do:

* a kept document gets the cleaned text, and in its metadata ``textclean_edits``
  (int) and ``textclean_scores`` (JSON text: one type for every document, so a
  ``ParquetWriter`` sees one schema);
* a dropped document goes to ``exclusion_writer`` (any datatrove ``DiskWriter``)
  unchanged, with ``metadata["filter_reason"]`` set to textclean's reason, as a
  datatrove filter's exclusion writer gets it;
* the step's stats count ``total``, ``forwarded`` and ``dropped``,
  ``dropped_<reason>`` per reason code, and ``edit_<rule id>`` per rule
  (``edit_boilerplate.nav.skip_to_content``), so ``stats.json`` of a run says
  what textclean did.

``config`` is a :class:`textclean.Config`; ``options`` override its sections
(``TextcleanStep(despin={"mode": "detect"})``). The step is pickled to each
task (datatrove starts tasks with ``forkserver``); the pipeline is built once per
task, on its first document.

``site_repeats`` (a :class:`textclean.site_repeats.SiteRepeatTable`, or the path of
a saved one) removes the lines learned to repeat across a site's pages
(``boilerplate.site_repeat``); a document's site is read from its metadata
(``url``, as datatrove's WARC and JSONL readers keep it). Learn the table first,
in a pass of its own: ``learn(reader(), SiteRepeatsConfig())`` counts datatrove
Documents as they come (docs/boilerplate.md).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from textclean.config import Config
from textclean.document import Document as TextcleanDocument
from textclean.engines.base import process_document
from textclean.extras import require
from textclean.io.parquet import scores_json
from textclean.io.readers import reason_code
from textclean.pipeline import Pipeline

_base = require("datatrove.pipeline.base", "datatrove", "textclean.integrations.datatrove")
_hints = require("datatrove.utils.typeshelper", "datatrove", "textclean.integrations.datatrove")
StatHints = _hints.StatHints

__all__ = ["TextcleanStep"]


class TextcleanStep(_base.PipelineStep):  # type: ignore[misc, name-defined]
    """A datatrove ``PipelineStep`` running textclean's stages; see the module docstring."""

    name = "🧹 textclean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Config | None = None,
        *,
        exclusion_writer: Any = None,
        stages: Iterable[str] | None = None,
        skip: Iterable[str] = (),
        site_repeats: Any = None,
        **options: Any,
    ) -> None:
        super().__init__()
        config = config or Config()
        self.config = config.replace(**options) if options else config
        self.stages = None if stages is None else tuple(stages)
        self.skip = tuple(skip)
        self.exclusion_writer = exclusion_writer
        self.site_repeats = site_repeats  # a learned SiteRepeatTable, or its path
        self._pipeline: Pipeline | None = None
        self.stage_names = self.pipeline().stage_names  # checks the names now, not in a task

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None  # rebuilt in each task
        return state

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline.from_config(
                self.config, stages=self.stages, skip=self.skip, site_repeats=self.site_repeats
            )
        return self._pipeline

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        pipeline = self.pipeline()
        writer_cm = self.exclusion_writer or contextlib.nullcontext()
        with writer_cm as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    cleaned = process_document(
                        pipeline,
                        TextcleanDocument(
                            id=str(doc.id), text=doc.text, metadata=dict(doc.metadata or {})
                        ),
                    )
                for edit in cleaned.edits:
                    self.stat_update(f"edit_{edit.rule}")
                if cleaned.dropped is not None:
                    self.stat_update(StatHints.dropped)
                    self.stat_update(f"dropped_{reason_code(cleaned.dropped)}")
                    if writer is not None:
                        doc.metadata["filter_reason"] = cleaned.dropped
                        writer.write(doc, rank)
                    continue
                doc.text = cleaned.text
                doc.metadata["textclean_edits"] = len(cleaned.edits)
                doc.metadata["textclean_scores"] = scores_json(cleaned.scores)
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
