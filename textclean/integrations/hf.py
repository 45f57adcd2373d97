"""textclean for Hugging Face ``datasets`` (the ``[hf]`` extra).

``Cleaner(config=None, text_column="text", *, stages=None, skip=(), **options)`` is
a picklable callable for ``Dataset.map``, batched or not, with any ``num_proc``::

    from textclean.integrations.hf import Cleaner, deduplicate

    ds = ds.map(Cleaner(skip=["despin"]), batched=True, num_proc=8)
    ds = ds.filter(lambda b: [r == "" for r in b["textclean_dropped"]], batched=True)
    ds = deduplicate(ds, "text", threshold=0.8)

It replaces the text column with the cleaned text and adds three columns whose
types never depend on the data, so the shards of ``num_proc`` workers always
concatenate:

* ``textclean_dropped`` (string): ``""`` when the document is kept, else the reason
  (the text column then holds the input text unchanged);
* ``textclean_edits`` (int64): how many edits the stages made;
* ``textclean_scores`` (string): the scores as JSON text with sorted keys.

``Cleaner(site_repeats=table)`` also removes the lines a
:class:`textclean.site_repeats.SiteRepeatTable` learned to repeat across a site's
pages; the site is read from the row's ``url`` column (or the table's other
``url_keys``). Learn the table in a pass of its own:
``learn(ds, SiteRepeatsConfig())`` (rows are counted as they are read).

A text that is not a string (``None``) is dropped as ``bad_text``, never raised.

``deduplicate(dataset, text_column="text", threshold=0.8, **settings)`` returns the
dataset without the near-duplicates that :func:`textclean.dedup.find_duplicates`
finds (the first of each cluster stays, in dataset order; ``settings`` are its
other keyword arguments: ``keep``, ``ngram``, ``num_perm``, ``bands``, ``rows``,
``seed``, ``index``). Rows already dropped by a ``Cleaner`` (a non-empty
``textclean_dropped``) take no part and stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from textclean.config import Config
from textclean.document import Document
from textclean.engines.base import process_document
from textclean.extras import require
from textclean.io.parquet import scores_json
from textclean.pipeline import Pipeline

__all__ = ["DROPPED", "EDITS", "SCORES", "Cleaner", "deduplicate"]

DROPPED, EDITS, SCORES = "textclean_dropped", "textclean_edits", "textclean_scores"
PURPOSE = "textclean.integrations.hf"


class Cleaner:
    """A ``Dataset.map`` function running textclean's stages; see the module docstring.

    >>> clean = Cleaner(stages=["repair", "normalize"])
    >>> out = clean({"text": ["Caf\\u00c3\\u00a9  au lait", None], "n": [1, 2]})
    >>> out["text"], out["textclean_dropped"], out["textclean_edits"]
    (['Café au lait\\n', None], ['', 'bad_text: the text is null, not a string'], [3, 0])
    >>> clean({"text": "one  example"})["text"]
    'one example\\n'
    """

    def __init__(
        self,
        config: Config | None = None,
        text_column: str = "text",
        *,
        stages: Iterable[str] | None = None,
        skip: Iterable[str] = (),
        site_repeats: Any = None,
        **options: Any,
    ) -> None:
        config = config or Config()
        self.config = config.replace(**options) if options else config
        self.text_column = text_column
        self.stages = None if stages is None else tuple(stages)
        self.skip = tuple(skip)
        self.site_repeats = site_repeats  # a learned SiteRepeatTable, or its path
        self._pipeline: Pipeline | None = None
        self.pipeline()  # unknown stages or settings fail here, not in a worker

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None  # rebuilt once in each process
        return state

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline.from_config(
                self.config, stages=self.stages, skip=self.skip, site_repeats=self.site_repeats
            )
        return self._pipeline

    def _one(
        self, text: Any, index: int, meta: dict[str, Any] | None = None
    ) -> tuple[Any, str, int, str]:
        if not isinstance(text, str):
            kind = "null" if text is None else type(text).__name__
            return text, f"bad_text: the text is {kind}, not a string", 0, "{}"
        doc = process_document(
            self.pipeline(), Document(id=str(index), text=text, metadata=meta or {})
        )
        if doc.dropped is not None:
            return text, doc.dropped, len(doc.edits), scores_json(doc.scores)
        return doc.text, "", len(doc.edits), scores_json(doc.scores)

    def _site_columns(self, batch: dict[str, Any]) -> list[str]:
        """The batch's columns a site-repeat table reads a document's site from."""
        table = self.pipeline().site_repeats
        if table is None:
            return []
        wanted = {k.split(".", 1)[0] for k in table.config().url_keys}
        return [k for k in batch if k in wanted and k != self.text_column]

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        texts = batch[self.text_column]
        # with a site-repeat table, the columns a site is read from (`url`, ...)
        keys = self._site_columns(batch)
        if not isinstance(texts, list):  # Dataset.map without batched=True: one example
            meta = {k: batch[k] for k in keys}
            text, dropped, edits, scores = self._one(texts, 0, meta)
            return {self.text_column: text, DROPPED: dropped, EDITS: edits, SCORES: scores}
        rows = [self._one(t, i, {k: batch[k][i] for k in keys}) for i, t in enumerate(texts)]
        return {
            self.text_column: [r[0] for r in rows],
            DROPPED: [r[1] for r in rows],
            EDITS: [r[2] for r in rows],
            SCORES: [r[3] for r in rows],
        }


def _pairs(dataset: Any, text_column: str, batch_size: int = 1000) -> Iterator[tuple[str, str]]:
    columns = [text_column] + ([DROPPED] if DROPPED in dataset.column_names else [])
    index = 0
    for batch in dataset.select_columns(columns).iter(batch_size=batch_size):
        dropped = batch.get(DROPPED) or [""] * len(batch[text_column])
        for text, reason in zip(batch[text_column], dropped, strict=True):
            if isinstance(text, str) and not reason:
                yield str(index), text
            index += 1


def deduplicate(
    dataset: Any, text_column: str = "text", threshold: float = 0.8, **settings: Any
) -> Any:
    """``dataset`` without its near-duplicates; see the module docstring."""
    require("datasets", "hf", PURPOSE)
    from textclean.dedup import find_duplicates

    duplicates = find_duplicates(_pairs(dataset, text_column), threshold=threshold, **settings)
    if not duplicates:
        return dataset
    drop = {int(k) for k in duplicates}
    return dataset.select([i for i in range(len(dataset)) if i not in drop])
