"""The collector pause around a document: off inside, restored after, whatever happens."""

from __future__ import annotations

import gc

import pytest

from textclean.config import Config
from textclean.document import Document
from textclean.gcpause import paused
from textclean.stages import boilerplate


def test_paused_switches_the_collector_off_and_back_on() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: still off, and the inner exit does not switch it on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_restores_the_collector_after_an_exception() -> None:
    with pytest.raises(ValueError), paused():
        raise ValueError("a stage failed")
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_alone() -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_boilerplate_stage_runs_with_the_collector_off_and_restores_it() -> None:
    stage = boilerplate.build(Config(), None)
    seen: list[bool] = []
    original = stage._clean

    def spy(doc: Document) -> Document:
        seen.append(gc.isenabled())
        return original(doc)

    object.__setattr__(stage, "_clean", spy)
    text = "Skip to content\nMenu\n\n" + "A sentence of my own that goes on for a while.\n" * 3
    doc = stage(Document("d", text))
    assert seen == [False]
    assert gc.isenabled()
    assert [e.rule for e in doc.edits] == [
        "boilerplate.nav.skip_to_content",
        "boilerplate.nav.menu",
    ]


class _Probe:
    """A stage that records whether the collector is on when it runs."""

    name = "probe"

    def __init__(self, fail: bool = False) -> None:
        self.seen: list[bool] = []
        self.fail = fail

    def __call__(self, doc: Document) -> Document:
        self.seen.append(gc.isenabled())
        if self.fail:
            raise RuntimeError("probe failed")
        return doc


def test_a_document_runs_through_the_pipeline_with_the_collector_paused() -> None:
    from textclean.engines.base import process_document
    from textclean.pipeline import Pipeline

    pipeline = Pipeline.from_config(Config(stages=("repair",)))
    probe = _Probe()
    pipeline._steps = (*pipeline.steps, probe)
    pipeline.process(Document("a", "Some text.\n"))
    process_document(pipeline, Document("b", "Some text.\n"))
    assert probe.seen == [False, False]
    assert gc.isenabled()
    failing = _Probe(fail=True)
    pipeline._steps = (*pipeline.steps[:-1], failing)
    doc = process_document(pipeline, Document("c", "Some text.\n"))
    assert failing.seen == [False]
    assert doc.dropped is not None and doc.dropped.startswith("stage_error: probe")
    assert gc.isenabled()
