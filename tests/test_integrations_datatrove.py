"""The datatrove adapter, run for real: JsonlReader -> TextcleanStep -> ParquetWriter."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter

import textclean
from tests.conftest import REPO, stop_multiprocess_helpers
from textclean.integrations.datatrove import TextcleanStep


@pytest.fixture(autouse=True, scope="module")
def _stop_multiprocess_helpers() -> Iterator[None]:
    """The executor's pool runs on `multiprocess`, whose helpers outlive it."""
    yield
    stop_multiprocess_helpers()


PROSE = sorted((REPO / "tests" / "data" / "prose").glob("*.txt"))
CHROME = "Skip to content\nHome | News | Sport\n\n"


def write_shards(data: Path) -> dict[str, str]:
    """Two input files (one per task): prose with and without chrome, and blank texts."""
    texts: dict[str, str] = {}
    for shard in range(2):
        rows = []
        for k in range(4):
            i = shard * 4 + k
            text = PROSE[i].read_text(encoding="utf-8")
            if k % 2 == 0:
                text = CHROME + text
            rows.append({"id": f"s{shard}-{k}", "text": text, "source": f"shard{shard}"})
        rows.append({"id": f"s{shard}-blank", "text": " \n\t\n "})
        for r in rows:
            texts[r["id"]] = r["text"]
        data.mkdir(parents=True, exist_ok=True)
        (data / f"part-{shard}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
        )
    return texts


def test_jsonl_reader_textclean_step_parquet_writer_with_two_tasks(tmp_path: Path) -> None:
    texts = write_shards(tmp_path / "data")
    step = TextcleanStep(
        exclusion_writer=JsonlWriter(str(tmp_path / "excluded")), dedup={"enabled": False}
    )
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "data")),
            step,
            ParquetWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    # kept documents: the text textclean gives outside datatrove, scores as JSON text
    rows = [
        r
        for p in sorted((tmp_path / "out").glob("*.parquet"))
        for r in pq.read_table(p).to_pylist()
    ]
    assert sorted(r["id"] for r in rows) == sorted(k for k in texts if not k.endswith("blank"))
    for r in rows:
        expected = textclean.clean_document(texts[r["id"]])
        assert r["text"] == expected.text
        assert r["metadata"]["textclean_edits"] == len(expected.edits)
        assert json.loads(r["metadata"]["textclean_scores"]) == json.loads(
            json.dumps(expected.scores)
        )
        assert "Skip to content" not in r["text"]
        assert r["metadata"]["source"].startswith("shard")  # other metadata kept

    # dropped documents went to the exclusion writer with datatrove's filter_reason
    excluded = [
        json.loads(line)
        for p in sorted((tmp_path / "excluded").glob("*.jsonl.gz"))
        for line in gzip.decompress(p.read_bytes()).decode("utf-8").splitlines()
    ]
    assert sorted(e["id"] for e in excluded) == ["s0-blank", "s1-blank"]
    assert {e["metadata"]["filter_reason"] for e in excluded} == {
        "boilerplate.empty: empty document"
    }

    # stats: totals and per-rule counts, merged over both tasks
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    ours = next(s["stats"] for s in stats if "textclean" in s["name"])
    assert ours["total"] == 10 and ours["forwarded"] == 8 and ours["dropped"] == 2
    assert ours["dropped_boilerplate.empty"] == 2
    assert ours["edit_boilerplate.nav.skip_to_content"] == 4  # the four documents with chrome
    assert ours["edit_boilerplate.nav.breadcrumb"] == 4
    assert (tmp_path / "logs" / "completions" / "00000").exists()
    assert (tmp_path / "logs" / "completions" / "00001").exists()


def test_unknown_stage_is_refused_when_the_step_is_made() -> None:
    with pytest.raises(textclean.ConfigError, match="unknown stage"):
        TextcleanStep(stages=["repair", "no_such_stage"])
