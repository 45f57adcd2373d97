"""The local engine's workers fork from a server that already holds the read-only tables."""

from __future__ import annotations

import sys

from textclean.config import Config
from textclean.document import Document
from textclean.engines.base import StageWork
from textclean.engines.local import LocalEngine


def _worker_state() -> tuple[bool, bool, int]:
    """In a worker: was the preload imported before this task, and are the tables loaded?"""
    from textclean.engines import base
    from textclean.stages.despin import stats

    preloaded = "textclean.engines._preload" in sys.modules
    return preloaded, stats._bigrams.cache_info().currsize == 1, len(base._PIPELINES)


def test_workers_start_with_the_tables_loaded() -> None:
    with LocalEngine(workers=2) as engine:
        preloaded, bigrams, pipelines = engine._executor().submit(_worker_state).result()
    assert preloaded and bigrams and pipelines >= 1


def _docs() -> list[Document]:
    text = "Paragraph {} with CafÃ© and  spaces.\n\nSecond line here.\n"
    return [Document(str(i), text.format(i)) for i in range(20)]


def test_output_is_the_same_with_one_and_two_workers() -> None:
    work = StageWork(Config())
    out = []
    for workers in (1, 2):
        docs = _docs()  # stages change documents in place: fresh ones per run
        with LocalEngine(workers=workers) as engine:
            batches = engine.map_batches(work, [docs[:10], docs[10:]])
            out.append([d.to_dict() for batch in batches for d in batch])
    assert out[0] == out[1]
    assert out[0][0]["text"] == "Paragraph 0 with Café and spaces.\n\nSecond line here.\n"


class _CountingDeduper:
    def __init__(self) -> None:
        self.added: list[str] = []

    def add(self, doc_id: str, text: str) -> None:
        self.added.append(doc_id)

    def finish(self) -> object:
        return self


def test_dedup_gives_the_workers_back_and_a_later_batch_starts_a_new_pool() -> None:
    from textclean.config import DedupConfig

    work = StageWork(Config(stages=("normalize",)))
    with LocalEngine(workers=2) as engine:
        first = [d.text for b in engine.map_batches(work, [_docs()[:3]]) for d in b]
        assert engine._pool is not None
        result = engine.dedup(DedupConfig(), lambda config: _CountingDeduper(), [("a", "x")])
        assert engine._pool is None  # the workers and the fork server are gone
        assert result.added == ["a"]  # type: ignore[attr-defined]
        again = [d.text for b in engine.map_batches(work, [_docs()[:3]]) for d in b]
    assert again == first
