"""A second look at the table matches the repair left in a flagged document.

The repair's rules decide each match alone, from margins on its odds; in a document
the thesaurus spinner wrote, many matches they leave did stand for their likeliest
original. This step weighs each such match once more with two logistic models fitted
on the real spun/original pairs (``bench/despin/real/learn_redecide.py``): the chance
that the likeliest original is what the article said there, and the chance that the
spun form is the article's own word. A match is restored when the first passes the
second by the file's ``threshold``. The weights ship as data (``rules/spin/redecide.tsv``)
and every restoration names them in its evidence (``redecide``).

>>> m = Redecide({"bias": 0.0, "lbr": 1.0}, {"bias": 0.0, "lbr": -1.0}, 0.2)
>>> m.margin({"lbr": 1.0}) > 0.2, round(m.margin({"lbr": 0.0}), 3)
(True, 0.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: the features, in the order the file lists them (bias first)
FEATURES = (
    "bias",
    "t2",
    "t3",
    "lo",
    "lbr",
    "lpr",
    "llf",
    "doc",
    "swap",
    "elig",
    "nc",
    "margin",
    "cap",
    "ntok",
    "silent",
)


def _log(x: float, lo: float, hi: float) -> float:
    """``log10(x)`` clipped to ``[lo, hi]`` (``lo`` for ``x`` ≤ 0).

    >>> _log(1000.0, -3, 2), _log(0.0, -3, 8)
    (2, -3)
    """
    if x <= 0:
        return lo
    return min(hi, max(lo, math.log10(x)))


def features(
    tier: str,
    odds: float,
    second: float | None,
    evidence: Mapping[str, object],
    eligible: bool,
    candidates: int,
    capital: bool,
    tokens: int,
) -> dict[str, float]:
    """The feature values of one match: its tier, the odds of its likeliest original and
    their parts (``evidence`` as :meth:`DespinStage._weigh` gives it), how far that
    original leads the next, the match's shape (a capital, its tokens).

    >>> f = features("t2", 100.0, 10.0, {"bigram_ratio": 10.0}, True, 2, False, 1)
    >>> f["lo"], f["lbr"], f["margin"], f["elig"], f["silent"]
    (2.0, 1.0, 1.0, 1.0, 0.0)
    """
    ratio = float(evidence.get("bigram_ratio", 1.0))  # type: ignore[arg-type]
    return {
        "bias": 1.0,
        "t2": float(tier == "t2"),
        "t3": float(tier == "t3"),
        "lo": _log(odds, -3.0, 8.0),
        "lbr": _log(ratio, -3.0, 5.0),
        "lpr": _log(float(evidence.get("prior_ratio", 1.0)), -2.0, 4.0),  # type: ignore[arg-type]
        "llf": _log(float(evidence.get("learned_factor", 1.0)), -3.0, 3.0),  # type: ignore[arg-type]
        "doc": float(float(evidence.get("doc_factor", 1.0)) > 1.0),  # type: ignore[arg-type]
        "swap": float(float(evidence.get("swap_factor", 1.0)) > 1.0),  # type: ignore[arg-type]
        "elig": float(eligible),
        "nc": float(min(candidates, 4)),
        "margin": 9.0
        if not second
        else min(9.0, max(-3.0, _log(odds, -9, 9) - _log(second, -9, 9))),
        "cap": float(capital),
        "ntok": float(tokens),
        "silent": float(ratio == 1.0),
    }


@dataclass(frozen=True)
class Redecide:
    """The two models and the margin a restoration needs."""

    right: Mapping[str, float]
    own: Mapping[str, float]
    threshold: float
    path: str = ""

    @staticmethod
    def _p(weights: Mapping[str, float], x: Mapping[str, float]) -> float:
        z = sum(w * x.get(name, 0.0) for name, w in weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def margin(self, x: Mapping[str, float]) -> float:
        """P(the likeliest original is the article's word) − P(the spun form is)."""
        return self._p(self.right, x) - self._p(self.own, x)

    def restores(self, x: Mapping[str, float]) -> bool:
        """The match is restored: its margin passes the threshold."""
        return self.margin(x) > self.threshold


def write_redecide(
    path: Path, right: Mapping[str, float], own: Mapping[str, float], threshold: float, note: str
) -> None:
    """Write a ``redecide.tsv`` file (``note``: comment lines on top)."""
    lines = [f"# {x}" if x else "#" for x in note.splitlines()]
    lines.append("# feature\tright\town")
    lines += [f"{f}\t{right[f]:.6f}\t{own[f]:.6f}" for f in FEATURES]
    lines.append(f"threshold\t{threshold:g}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
