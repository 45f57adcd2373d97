"""bench/despin/wer_left.py: the split of the word errors a repair leaves.

The texts are written for these tests.
"""

from __future__ import annotations

from bench.despin.wer_left import KINDS, classify
from textclean.document import Edit
from textclean.rules import RulePack
from textclean.stages.despin.table import load_tables


def test_each_difference_gets_its_kind() -> None:
    tables = load_tables(RulePack.load())
    assert "yr" in tables.entries and "stated" in tables.entries
    ref = "More than a year later, the mayor said the bridge will reopen in the spring."
    hyp = "More than a year later, the mayor stated the quorbl will reopen each spring."
    # "year" was an edit of "yr" that went right: no difference is left there
    edits = [Edit("despin", "x", 17, 19, "yr", "year", {})]
    kinds = {(h, r): k for k, _, h, r in classify(hyp, ref, edits, tables)}
    assert kinds == {
        ("stated", "said"): KINDS[2],  # the entry lists "said"
        ("quorbl", "bridge"): KINDS[1],  # no entry
        ("each", "in the"): KINDS[3],  # an entry with other originals
    }
    # the same difference written by an edit is a wrong edit
    wrong = [Edit("despin", "x", 36, 42, "said", "stated", {})]
    assert classify(hyp, ref, wrong, tables)[0][0] == KINDS[0]
