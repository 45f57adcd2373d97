"""The HF datasets adapter, run for real with num_proc=2 (offline: nothing is fetched)."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["HF_DATASETS_OFFLINE"] = "1"  # before datasets is imported: no network, ever
os.environ["HF_HUB_OFFLINE"] = "1"

import datasets
import pyarrow.parquet as pq

import textclean
from tests.conftest import REPO, stop_multiprocess_helpers
from textclean.integrations.hf import Cleaner, deduplicate
from textclean.run import RunOptions, run_clean

PROSE = sorted((REPO / "tests" / "data" / "prose").glob("en_*.txt"))
CHROME = "Skip to content\nHome | News | Sport\n\n"


def prose(i: int) -> str:
    return PROSE[i].read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


@pytest.fixture(autouse=True, scope="module")
def _stop_multiprocess_helpers() -> Iterator[None]:
    yield
    stop_multiprocess_helpers()


def corpus() -> datasets.Dataset:
    # first half: nothing to drop; second half: blank texts and a null. With num_proc=2
    # each half goes to one worker, so only one worker's batches hold drop reasons.
    texts = [CHROME + prose(i) if i % 2 else prose(i) for i in range(6)]
    texts += [prose(6), "  \n ", prose(7), None, CHROME + prose(8), "\t\n"]
    return datasets.Dataset.from_dict({"text": texts, "n": list(range(len(texts)))})


def test_map_with_two_processes_gives_stable_column_types() -> None:
    ds = corpus()
    out = ds.map(Cleaner(), batched=True, batch_size=2, num_proc=2)
    assert out.features["textclean_dropped"] == datasets.Value("string")
    assert out.features["textclean_edits"] == datasets.Value("int64")
    assert out.features["textclean_scores"] == datasets.Value("string")
    assert out["n"] == list(range(12))  # other columns and the order are kept
    for row, original in zip(out, ds["text"], strict=True):
        if original is None:
            assert row["textclean_dropped"] == "bad_text: the text is null, not a string"
            continue
        expected = textclean.clean_document(original)
        if expected.dropped is None:
            assert row["textclean_dropped"] == ""
            assert row["text"] == expected.text
        else:
            assert row["textclean_dropped"] == expected.dropped
            assert row["text"] == original  # a dropped row keeps its input text
        assert row["textclean_edits"] == len(expected.edits)
        assert json.loads(row["textclean_scores"]) == json.loads(json.dumps(expected.scores))
    dropped = [r for r in out["textclean_dropped"] if r]
    assert len(dropped) == 3 and all(
        r.startswith(("boilerplate.empty", "bad_text")) for r in dropped
    )
    assert all(
        "Skip to content" not in t
        for t, d in zip(out["text"], out["textclean_dropped"], strict=True)
        if not d
    )


def test_the_same_result_with_one_process_and_without_batches() -> None:
    ds = corpus()
    two = ds.map(Cleaner(skip=["despin"]), batched=True, batch_size=3, num_proc=2)
    one = ds.map(Cleaner(skip=["despin"]), batched=False)
    assert two.to_list() == one.to_list()


def test_cleaner_pickles_without_its_pipeline() -> None:
    cleaner = Cleaner(normalize={"fold_quotes": True})
    cleaner({"text": ["warm up"]})
    blob = pickle.dumps(cleaner)
    assert len(blob) < 20_000  # the config, not the built stages
    again = pickle.loads(blob)
    assert again({"text": ["\u201cquoted\u201d  text"]})["text"] == ['"quoted" text\n']


def test_deduplicate_after_map_with_two_processes() -> None:
    base = [prose(i) for i in range(5)]
    near = base[1].replace("the", "a", 1)  # one word changed: a near-duplicate
    ds = datasets.Dataset.from_dict({"text": [*base, base[3], near, "   "], "k": list(range(8))})
    cleaned = ds.map(Cleaner(), batched=True, batch_size=2, num_proc=2)
    deduped = deduplicate(cleaned, "text", threshold=0.8)
    # the copy of 3 and the near copy of 1 go; the blank row (dropped by the Cleaner) stays
    assert deduped["k"] == [0, 1, 2, 3, 4, 7]
    assert deduped.features == cleaned.features
    assert deduplicate(deduped, "text")["k"] == deduped["k"]  # nothing left to remove


def test_datasets_loads_a_cleaned_parquet_shard(tmp_path: Path) -> None:
    """textclean's parquet output keeps the HF features record, with its two new columns."""
    src = tmp_path / "src"
    src.mkdir()
    ds = datasets.Dataset.from_dict({"text": [prose(0), prose(1)], "label": [0, 1]})
    ds = ds.cast_column("label", datasets.ClassLabel(names=["a", "b"]))
    ds.to_parquet(str(src / "train.parquet"))
    out = tmp_path / "out"
    result = run_clean(textclean.Config(), RunOptions([str(src)], str(out), workers=1))
    assert result.exit_code == 0
    loaded = datasets.Dataset.from_parquet(str(out / "train.parquet"))
    assert loaded.features["label"] == datasets.ClassLabel(names=["a", "b"])
    assert loaded.features["textclean_scores"] == datasets.Value("string")
    assert loaded["label"] == [0, 1]
    assert pq.read_table(out / "train.parquet").column("text").to_pylist() == loaded["text"]
