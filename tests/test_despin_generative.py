"""bench/despin/generative.py: thesaurus neighbours as a generative repair and a flag.

The texts and the small neighbour maps are written for these tests.
"""

from __future__ import annotations

import math

from bench.despin.generative import (
    aligned_truth,
    candidates,
    doc_score,
    neighbours,
    repair_counts,
    swap_coverage,
    tokens,
)
from textclean.stages.despin.stats import zipf

NBRS = {
    "automobile": frozenset({"car"}),
    "car": frozenset({"automobile"}),
    "purchase": frozenset({"buy"}),
    "buy": frozenset({"purchase"}),
}


def test_neighbours_are_symmetric_and_plain() -> None:
    n = neighbours([("quick", "adj", ["fast", "speedy", "Rapid-fire"])])
    assert n["speedy"] == {"quick"} and n["fast"] == {"quick"}
    assert n["quick"] == {"fast", "speedy"}  # a capitalised or hyphenated synonym is left out


def test_only_commoner_neighbours_are_candidates() -> None:
    assert zipf("car") > zipf("automobile") + 1
    found = candidates(tokens("She will purchase a new automobile next week."), NBRS, 0.3)
    assert {c.word: c.best for c in found} == {"purchase": "buy", "automobile": "car"}
    # the commoner word of a neighbour pair has no candidate
    assert candidates(tokens("We buy a car."), NBRS, 0.3) == []
    # a capitalised word after the first token is taken for a name
    assert candidates(tokens("Ask Automobile Weekly."), NBRS, 0.3) == []
    # a larger margin leaves out the closer pair
    gap = zipf("buy") - zipf("purchase")
    found = candidates(tokens("She will purchase a new automobile."), NBRS, gap + 0.1)
    assert [c.word for c in found] == ["automobile"]


def test_the_context_sets_the_ratio() -> None:
    (c,) = candidates(tokens("the automobile"), NBRS, 0.3)
    (alone,) = candidates(tokens("automobile"), NBRS, 0.3)
    assert alone.log_ratio == 0.0  # no neighbour: the bigrams say nothing
    assert c.log_ratio > 0 and c.runner_up == -math.inf


def test_aligned_truth_keeps_one_for_one_swaps_only() -> None:
    truth = aligned_truth(
        "we acquired an automobile today\nno change", "we bought a car today\nno change"
    )
    assert truth[0] == {0: None, 1: "bought", 2: "a", 3: "car", 4: None}
    assert truth[1] == {0: None, 1: None}
    # a two-word stretch for one word is not a one-word swap
    assert aligned_truth("in order to win", "to win") == [{2: None, 3: None}]


def test_repair_is_consistent_in_a_document_and_scored_against_the_original() -> None:
    spun = "She parked the automobile.\nThe automobile was red."
    ref = "She parked the car.\nThe car was red."
    got = repair_counts(spun, ref, NBRS, 0.3, level=0.5, odd_only=False)
    assert got == {"edits": 2, "on swap": 2, "right": 2}
    # the original kept the word: both edits are wrong
    got = repair_counts(spun, spun, NBRS, 0.3, level=0.5, odd_only=False)
    assert got["edits"] == 2 and got["right"] == 0 and got["on swap"] == 0
    assert repair_counts(spun, ref, NBRS, 0.3, level=20, odd_only=False)["edits"] == 0


def test_doc_score_and_coverage() -> None:
    text = "She will purchase a new automobile next week."
    assert doc_score("Nothing to see here.", NBRS, 0.3, 0.5) == 0.0
    assert doc_score(text, NBRS, 0.3, 0.5) >= doc_score(text, NBRS, 0.3, 1.5) > 0
    cov = swap_coverage(
        [("d", "We buy a car and a house.", "We purchase a car and a residence.")], NBRS
    )
    assert cov["d"]["swaps"] == 2
    assert cov["d"]["neighbour"] == 1 and cov["d"]["commoner neighbour"] == 1
    assert cov["d"]["the commonest"] == 1  # "buy" is the only commoner neighbour
