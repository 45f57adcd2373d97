"""report.html at scale: the builder's cost per document beside writing the audit row.

The run already pays for one JSON line per document (``report.jsonl``); feeding
the HTML builder the same row should cost about as much, so a run of 1M
documents builds its page in seconds. Rows are synthetic but shaped like real
ones: two edits, a source file per 10,000 rows, one reject in seven.
"""

from __future__ import annotations

from typing import Any

import pytest

from textclean.io.html_report import ReportBuilder
from textclean.io.writers import json_line

N = 100_000


def rows() -> list[dict[str, Any]]:
    out = []
    for i in range(N):
        row: dict[str, Any] = {
            "id": f"doc-{i}",
            "source": f"shard-{i // 10_000}.jsonl",
            "line": i % 10_000 + 1,
            "status": "kept" if i % 7 else "rejected",
            "edits": [
                {
                    "stage": "boilerplate",
                    "rule": f"boilerplate.r{i % 300}",
                    "start": 0,
                    "end": 120,
                    "after_len": 0,
                },
                {
                    "stage": "normalize",
                    "rule": "normalize.spaces",
                    "start": 400,
                    "end": 402,
                    "after_len": 1,
                },
            ],
        }
        if i % 7 == 0:
            row["reason"] = f"boilerplate.quality: q{i % 13}"
        out.append(row)
    return out


@pytest.fixture(scope="module")
def data() -> list[dict[str, Any]]:
    return rows()


def test_builder_add_and_render(benchmark: Any, data: list[dict[str, Any]]) -> None:
    def build() -> int:
        b = ReportBuilder(["boilerplate", "normalize"])
        for row in data:
            b.add(row)
        return len(b.render({"documents_in": N, "stages": ["boilerplate", "normalize"]}))

    size = benchmark.pedantic(build, rounds=3, iterations=1)
    assert size < 5 << 20


def test_reference_audit_row_json(benchmark: Any, data: list[dict[str, Any]]) -> None:
    """The reference: serializing the same rows as report.jsonl lines."""

    def write() -> int:
        return sum(len(json_line(row, sort_keys=True)) for row in data)

    benchmark.pedantic(write, rounds=3, iterations=1)
