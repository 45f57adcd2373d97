"""boilerplate-stage throughput against ``ftfy.fix_text``, in the same run.

Issue 16 asks every stage to run at least 3× ``ftfy.fix_text`` (its defaults)
on text where it has nothing to do; for the boilerplate stage that is clean
prose. Three texts, each timed for the stage (default rules: the learned line
classifier is opt-in and off) and for ``ftfy.fix_text`` side by side:

* ``clean_news``: the clean news seeds (000, 002, 003, 004) repeated 40 times;
* ``prose_sample``: the 185 clean documents of ``tests/data/prose_sample.jsonl``
  (Jargon File, Debian Handbook);
* ``docs``: the documentation corpus subset (``bench/corpus.py``).

A second stage row, ``textclean boilerplate stage, with classifier``, runs the
stage with the classifier switched on (``enable = ["boilerplate.shape.classifier"]``),
so its share of the cost shows. The summary table gives each row's MB/s and the
ratio of the fastest textclean row to it; only ratios within one run mean
anything on a shared machine. (The stage of an earlier commit cannot be imported
next to this one in one process: compare it by running this file on a checkout
of that commit in the same session.) On the prose sample the default stage must
return every text unchanged; the news seeds carry a little chrome of their own
(a like prompt, a menu, a teaser list), which the stage removes.

Run: ``python -m pytest bench/test_bench_boilerplate.py --benchmark-only``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ftfy
import pytest

from bench.conftest import Corpus
from textclean.config import Config
from textclean.document import Document
from textclean.stages import boilerplate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN_SEEDS = ("000", "002", "003", "004")
PROSE = ROOT / "tests" / "data" / "prose_sample.jsonl"

STAGE = boilerplate.build(Config(), None)
WITH_CLASSIFIER = boilerplate.build(
    Config().replace(boilerplate={"enable": ["boilerplate.shape.classifier"]}), None
)


def _clean_news(copies: int = 40) -> Corpus:
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(SEEDS.glob("*.txt"))
        if p.name[:3] in CLEAN_SEEDS
    ]
    return Corpus.of(texts * copies)


def _prose_sample() -> Corpus:
    with PROSE.open(encoding="utf-8") as f:
        return Corpus.of([json.loads(line)["text"] for line in f if line.strip()])


def _run(stage: Any) -> Any:
    def run(texts: list[str]) -> list[str]:
        return [stage(Document("b", t)).text for t in texts]

    return run


def _run_ftfy(texts: list[str]) -> list[str]:
    return [ftfy.fix_text(t) for t in texts]


IMPLEMENTATIONS = {
    "textclean boilerplate stage": _run(STAGE),
    "textclean boilerplate stage, with classifier": _run(WITH_CLASSIFIER),
    "ftfy.fix_text defaults": _run_ftfy,
}


@pytest.mark.parametrize("case", ["clean_news", "prose_sample", "docs"])
@pytest.mark.parametrize("impl", list(IMPLEMENTATIONS))
def test_boilerplate_throughput(
    benchmark: Any, throughput: Any, corpus_subset: Corpus, case: str, impl: str
) -> None:
    benchmark.group = f"boilerplate: {case}"
    data = {"clean_news": _clean_news, "prose_sample": _prose_sample}.get(
        case, lambda: corpus_subset
    )()
    out = throughput(lambda: IMPLEMENTATIONS[impl](data.texts), data, label=impl, rounds=3)
    assert len(out) == len(data.texts)
    if impl == "textclean boilerplate stage" and case == "prose_sample":
        assert out == data.texts  # clean prose: the stage has nothing to do
