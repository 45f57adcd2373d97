"""bench/despin/short_texts.py: the numbers it takes per short text and the side-by-side
report (texts written for these tests)."""

from __future__ import annotations

from bench.despin.short_texts import FEATURES, Row, bar, numbers, report
from textclean.config import Config
from textclean.stages.despin.stage import build


def _row(name: str, flagged: bool = False, **values: float) -> Row:
    return Row(name, 60, flagged, {f: values.get(f, 0.0) for f in FEATURES})


def test_numbers_count_markers_by_family_and_nothing_in_plain_prose() -> None:
    stage = build(Config(), None)
    plain = "The cat sat on the mat and looked out of the window at the rain."
    v = numbers(stage, stage.analyse(plain))
    assert v["mk"] == v["mkd"] == v["t1"] == 0
    hedged = (
        "The committee met on Monday. Be that as it may, the vote was put off until the "
        "spring, when the members will meet again."
    )
    v = numbers(stage, stage.analyse(hedged))
    assert v["mk"] == 1 and v["mkd"] == 1
    assert 0.0 <= v["share"] <= 1.0


def test_bar_adds_one_to_a_count_and_a_margin_to_a_sum() -> None:
    assert bar("t12", 4.0) == 5.0
    assert abs(bar("llr", 5.0) - 6.0) < 1e-9


def test_report_counts_spun_texts_above_the_clean_highest_and_finds_a_rule() -> None:
    clean = [_row(f"clean {i}", t12=float(i % 6), llr=float(i % 4)) for i in range(40)]
    spun = [
        _row("spun high", t12=9.0, llr=7.0),
        _row("spun flagged", flagged=True, t12=9.0, llr=8.0),
        _row("spun low", t12=2.0, llr=1.0),
    ]
    lines = report(spun, clean)
    assert lines[0].startswith("short spun texts: 3 (2 unflagged); short clean texts: 40")
    t12 = next(line for line in lines if line.startswith("| t12 |"))
    assert t12.endswith("| 2 (1) |")  # two spun texts above the clean highest (5)
    rules = lines[lines.index(next(x for x in lines if x.startswith("two numbers"))) + 1]
    assert "2 spun (1 unflagged)" in rules
