"""HTML main-text extraction speed: trafilatura against resiliparse, same pages.

The pages are :mod:`bench.html_pages` (117 pages: every prose text of
``tests/data/prose`` in three templates). Quality on the same pages (word
precision/recall/F1 against the known main text) is printed by
``python bench/html_extract.py``; the figures and the choice of the default
are in ``docs/integrations.md``.

Run: ``python -m pytest bench/test_bench_html.py --benchmark-only``.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.html_pages import pages
from textclean.config import ExtractConfig
from textclean.stages.extract import EXTRACTORS

PAGES = [p.html for p in pages()]


@pytest.mark.parametrize("extractor", ["trafilatura", "resiliparse"])
def test_extract(benchmark: Any, extractor: str) -> None:
    extract = EXTRACTORS[extractor](ExtractConfig(extractor=extractor))

    def run() -> int:
        return sum(extract(h) is not None for h in PAGES)

    assert benchmark(run) == len(PAGES)
    benchmark.extra_info["pages"] = len(PAGES)
    benchmark.extra_info["bytes"] = sum(len(h.encode()) for h in PAGES)
