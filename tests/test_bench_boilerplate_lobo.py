"""The leave-one-batch-out script picks its batches by exact name and never a hold-out."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boilerplate import lobo, train  # noqa: E402
from bench.boilerplate.real.check import Page  # noqa: E402


def _page(n: int, by: str) -> Page:
    return Page(f"p{n}", {"site": f"site{n}.example", "labelled_by": by}, "Menu\n", "C-")


def test_batches_are_development_batches() -> None:
    for b in lobo.BATCHES:
        assert b in train.DEVELOPMENT
        assert not b.startswith(train.HOLDOUT)


def test_hold_out_and_later_batches_are_never_read() -> None:
    names = [*lobo.BATCHES, *train.HOLDOUT, "bp-label-99", "bp-data-a"]
    pages = [_page(n, by) for n, by in enumerate(names)]
    kept = lobo.development_pages(pages)
    assert [p.meta["labelled_by"] for p in kept] == [*lobo.BATCHES, "bp-data-a"]
    # an older development page is only trained on, never left out
    assert [lobo.batch_of(p) for p in kept] == [*lobo.BATCHES, "older"]
    # "bp-label-1" is a prefix of the later batches, but a batch is named exactly
    assert lobo.batch_of(_page(9, "bp-label-1")) == "older"
