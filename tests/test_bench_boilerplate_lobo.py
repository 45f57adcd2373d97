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
        assert not train.is_holdout(b)


def test_hold_out_and_later_batches_are_never_read() -> None:
    names = [*lobo.BATCHES, *train.HOLDOUT, "bp-label-99", "bp-data-a"]
    pages = [_page(n, by) for n, by in enumerate(names)]
    kept = lobo.development_pages(pages)
    assert [p.meta["labelled_by"] for p in kept] == [*lobo.BATCHES, "bp-data-a"]
    # an older development page is only trained on, never left out
    assert [lobo.batch_of(p) for p in kept] == [*lobo.BATCHES, "older"]
    # "bp-label-1" is a prefix of the later batches, but a batch is named exactly
    assert lobo.batch_of(_page(9, "bp-label-1")) == "older"


def test_a_labeller_letter_names_the_same_batch() -> None:
    names = ["bp-label-48A", "bp-label-51A", "bp-label-52C", "bp-label-5", "bp-label-47"]
    kept = train.development([_page(n, by) for n, by in enumerate(names)])
    # 48 and 51 are trained on; 52 and 5 are hold-outs, 47 a later batch never trained on
    assert [p.meta["labelled_by"] for p in kept] == ["bp-label-48A", "bp-label-51A"]
    # "bp-label-5" is a hold-out, and a prefix of "bp-label-50", which is not
    assert train.is_holdout("bp-label-5") and not train.is_holdout("bp-label-50B")
