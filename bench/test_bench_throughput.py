"""Throughput of the whole pipeline and of each stage against ``ftfy.fix_text``, and of
the quality stage against datatrove's quality filters, side by side in one run.

The machine is shared, so absolute MB/s vary from run to run; every group times
its reference in the same run, on the same texts, and the summary table at the
end prints each ratio ("textclean (best) is × faster"). Each measurement is the
fastest of several rounds after a warm-up round (numba kernels compiled, rule
packs and tables loaded).

Groups:

* ``pipeline: docs | news | mojibake``: ``Pipeline.from_config(Config()).run``
  (every stage, default config, one process) against ``ftfy.fix_text`` with its
  defaults. *docs*: the first ``TEXTCLEAN_BENCH_PIPELINE_DOCS`` (400) documents
  of the Debian documentation corpus (``bench/corpus.py``); *news*: the seeds,
  ``bench/despin/clean`` and ``tests/data/prose``; *mojibake*: the news texts
  with every third line encoded as UTF-8 and decoded as Windows-1252.
* ``stage on clean text: <stage>``: that stage alone against ``ftfy.fix_text``
  on text where it has nothing to do: clean English prose (the clean seeds,
  ``bench/despin/clean``, ``tests/data/prose/en_*``) for every stage, and the
  documentation corpus stripped to ASCII for repair as well.
* ``stage on docs: <stage>``: where the pipeline's time goes: the stage alone
  on its real input (what the stages before it leave of the first
  ``TEXTCLEAN_BENCH_SHARE_DOCS`` (100) docs) against ``ftfy.fix_text`` on
  those docs as they are.
* ``quality signals: docs``: the quality stage against datatrove's four filters
  (Gopher repetition, Gopher quality, C4, FineWeb) on the first
  ``TEXTCLEAN_BENCH_QUALITY_DOCS`` (100) documents; every filter runs on every
  document, as the quality stage computes every signal.

Run: ``python -m pytest bench/test_bench_throughput.py --benchmark-only -q``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ftfy
import pytest

from bench.conftest import Corpus
from bench.corpus import load_corpus
from textclean.config import Config
from textclean.document import Document
from textclean.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
PIPELINE_DOCS = int(os.environ.get("TEXTCLEAN_BENCH_PIPELINE_DOCS", "400"))
QUALITY_DOCS = int(os.environ.get("TEXTCLEAN_BENCH_QUALITY_DOCS", "100"))
CLEAN_SEEDS = ("000", "002", "003", "004")


def _read(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(paths)]


def news_texts() -> list[str]:
    """The seeds, the clean news of ``bench/despin/clean`` and the prose test sample."""
    return (
        _read(list((ROOT / "seeds").glob("*.txt")))
        + _read(list((ROOT / "bench" / "despin" / "clean").glob("*.txt")))
        + _read(list((ROOT / "tests" / "data" / "prose").glob("*.txt")))
    )


def clean_english() -> list[str]:
    """Clean English prose: the clean seeds, clean news, English prose sample."""
    seeds = [p for p in (ROOT / "seeds").glob("*.txt") if p.name[:3] in CLEAN_SEEDS]
    return (
        _read(seeds)
        + _read(list((ROOT / "bench" / "despin" / "clean").glob("*.txt")))
        + _read(list((ROOT / "tests" / "data" / "prose").glob("en_*.txt")))
    )


def mojibake(texts: list[str], every: int = 3) -> list[str]:
    """Every ``every``-th line encoded as UTF-8 and decoded as Windows-1252."""
    out = []
    for text in texts:
        lines = text.split("\n")
        for i in range(0, len(lines), every):
            lines[i] = lines[i].encode("utf-8").decode("windows-1252", errors="replace")
        out.append("\n".join(lines))
    return out


@pytest.fixture(scope="module", autouse=True)
def _compiled_loops() -> None:
    """Load the stages' compiled loops first, as a worker's preload does, so a group
    run alone (``-k``) measures what a corpus run gets (``docs/performance.md``)."""
    from textclean.engines._preload import warm

    assert warm()


@pytest.fixture(scope="module")
def docs() -> Corpus:
    return Corpus.of(load_corpus(min_bytes=None)[:PIPELINE_DOCS])


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_config(Config())


def _texts(case: str, docs: Corpus) -> Corpus:
    if case == "docs":
        return docs
    if case == "news":
        return Corpus.of(news_texts())
    return Corpus.of(mojibake(news_texts()))


def _ftfy(texts: list[str]) -> list[str]:
    return [ftfy.fix_text(t) for t in texts]


@pytest.mark.parametrize("case", ["docs", "news", "mojibake"])
@pytest.mark.parametrize("impl", ["textclean", "ftfy"])
def test_pipeline_against_ftfy(
    benchmark: Any, throughput: Any, docs: Corpus, pipeline: Pipeline, case: str, impl: str
) -> None:
    benchmark.group = f"pipeline: {case}"
    data = _texts(case, docs)
    if impl == "textclean":
        label = "textclean pipeline (all stages, default config)"
        out = throughput(lambda: [d.text for d in pipeline.run(data.texts)], data, label=label)
    else:
        out = throughput(lambda: _ftfy(data.texts), data, label="ftfy.fix_text defaults")
    assert len(out) == len(data.texts)


STAGES = ("repair", "boilerplate", "despin", "repeats", "normalize", "quality")


def _stage_runner(name: str) -> Callable[[list[str]], list[str]]:
    stage = Pipeline.from_config(Config(), stages=[name]).stages[0]
    return lambda texts: [stage(Document(str(i), t)).text for i, t in enumerate(texts)]


def _clean_case(case: str, docs: Corpus) -> Corpus:
    if case == "clean English prose":
        return Corpus.of(clean_english())
    return Corpus.of([t.encode("ascii", "ignore").decode() for t in docs.texts[:100]])


@pytest.mark.parametrize(
    ("stage", "case"),
    [(s, "clean English prose") for s in STAGES] + [("repair", "ASCII docs")],
)
@pytest.mark.parametrize("impl", ["textclean", "ftfy"])
def test_stage_on_clean_text(
    benchmark: Any, throughput: Any, docs: Corpus, stage: str, case: str, impl: str
) -> None:
    benchmark.group = f"stage on clean text: {stage}, {case}"
    data = _clean_case(case, docs)
    if impl == "textclean":
        run = _stage_runner(stage)
        out = throughput(lambda: run(data.texts), data, label=f"textclean {stage} stage")
    else:
        out = throughput(lambda: _ftfy(data.texts), data, label="ftfy.fix_text defaults")
    assert len(out) == len(data.texts)


def _datatrove_filters() -> Callable[[list[str]], list[tuple[bool, ...]]]:
    from datatrove.data import Document as DtDocument
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    filters = [
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4QualityFilter(),
        FineWebQualityFilter(),
    ]

    def run(texts: list[str]) -> list[tuple[bool, ...]]:
        out = []
        for i, text in enumerate(texts):
            verdicts = []
            for f in filters:
                # a fresh document per filter: C4's filter may rewrite the text it keeps
                verdict = f.filter(DtDocument(text=text, id=str(i)))
                verdicts.append(verdict if isinstance(verdict, bool) else verdict[0])
            out.append(tuple(verdicts))
        return out

    return run


@pytest.mark.parametrize("impl", ["textclean", "datatrove"])
def test_quality_against_datatrove(
    benchmark: Any, throughput: Any, docs: Corpus, impl: str
) -> None:
    pytest.importorskip("datatrove")
    benchmark.group = "quality signals: docs"
    data = Corpus.of(docs.texts[:QUALITY_DOCS])
    if impl == "textclean":
        run = _stage_runner("quality")
        label = "textclean quality stage (C4, Gopher quality + repetition, FineWeb)"
        out = throughput(lambda: run(data.texts), data, label=label)
    else:
        run_dt = _datatrove_filters()
        label = "datatrove GopherRepetition + GopherQuality + C4Quality + FineWebQuality"
        out = throughput(lambda: run_dt(data.texts), data, label=label)
    assert len(out) == len(data.texts)


SHARE_DOCS = int(os.environ.get("TEXTCLEAN_BENCH_SHARE_DOCS", "100"))


@pytest.fixture(scope="module")
def stage_inputs(docs: Corpus, pipeline: Pipeline) -> dict[str, list[str]]:
    """Each stage's real input on the first docs: the text the stages before it leave."""
    inputs: dict[str, list[str]] = {s.name: [] for s in pipeline.stages}
    for i, text in enumerate(docs.texts[:SHARE_DOCS]):
        doc = Document(str(i), text)
        for stage in pipeline.stages:
            if doc.dropped is not None:
                break
            inputs[stage.name].append(doc.text)
            doc = stage(doc)
    return inputs


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("impl", ["textclean", "ftfy"])
def test_stage_on_docs(
    benchmark: Any,
    throughput: Any,
    docs: Corpus,
    stage_inputs: dict[str, list[str]],
    stage: str,
    impl: str,
) -> None:
    """Where the pipeline's time goes: a stage on what reaches it, ftfy on the raw docs."""
    benchmark.group = f"stage on docs: {stage}"
    if impl == "ftfy":
        raw = Corpus.of(docs.texts[:SHARE_DOCS])
        out = throughput(lambda: _ftfy(raw.texts), raw, label="ftfy.fix_text defaults (raw docs)")
    else:
        data = Corpus.of(stage_inputs[stage])
        run = _stage_runner(stage)
        out = throughput(lambda: run(data.texts), data, label=f"textclean {stage} stage")
    assert out
