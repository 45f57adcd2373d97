"""despin's learned second look at the matches the repair's rules leave
(textclean/stages/despin/redecide.py, rules/spin/redecide.tsv).

The texts are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.despin_texts import SPUN
from textclean.config import Config
from textclean.document import Document
from textclean.rules import RuleError, RulePack
from textclean.stages.despin import build
from textclean.stages.despin.redecide import FEATURES, Redecide, write_redecide
from textclean.stages.despin.table import (
    check_spin_file,
    load_table_files,
    load_tables,
    parse_redecide,
)

ROOT = Path(__file__).resolve().parent.parent
LINE = "The report said sales fell under expectations in May.\n"


def _tail(doc: Document, start: int) -> list[tuple[str, str, dict]]:
    return [(e.before, e.after, e.evidence) for e in doc.edits if e.start >= start]


@pytest.fixture(scope="module")
def on():  # type: ignore[no-untyped-def]
    return build(Config(), RulePack.load())


@pytest.fixture(scope="module")
def off():  # type: ignore[no-untyped-def]
    return build(Config().replace(despin={"redecide": False}), RulePack.load())


def test_the_shipped_weights_load_with_every_feature() -> None:
    model = load_tables(RulePack.load()).redecide
    assert model is not None
    assert set(model.right) == set(FEATURES) == set(model.own)
    assert 0.0 < model.threshold < 1.0
    assert check_spin_file(ROOT / "rules" / "spin" / "redecide.tsv") == []


def test_a_left_match_the_weights_favour_is_restored_and_names_its_margin(on, off) -> None:  # type: ignore[no-untyped-def]
    doc = on(Document("d", SPUN + LINE))
    assert doc.scores["spun"] is True
    assert doc.text.endswith("The report said sales fell below expectations in May.\n")
    ((before, after, ev),) = _tail(doc, len(SPUN))
    assert (before, after) == ("under", "below")
    assert ev["redecide"] > on.tables.redecide.threshold
    assert ev["tier"] in ("t2", "t3") and "odds" in ev
    # the rules alone leave it
    assert off(Document("d", SPUN + LINE)).text.endswith(LINE)


def test_an_unflagged_text_is_never_touched(on) -> None:  # type: ignore[no-untyped-def]
    doc = on(Document("d", LINE))
    assert doc.scores["spun"] is False
    assert doc.text == LINE and doc.edits == []


def test_a_word_inside_a_name_is_never_weighed_again(on) -> None:  # type: ignore[no-untyped-def]
    line = "The report said the Value Merchants Association met in May.\n"
    doc = on(Document("d", SPUN + line))
    assert doc.text.endswith(line)
    assert not [ev for _b, _a, ev in _tail(doc, len(SPUN)) if "redecide" in ev]


def test_neighbours_that_favour_the_spun_word_keep_it(on) -> None:  # type: ignore[no-untyped-def]
    # "proper use" is likelier than "right use": no second look
    line = "The proper use of force looks different now, the report said.\n"
    doc = on(Document("d", SPUN + line))
    assert doc.text.endswith(line)


def test_the_margin_decides() -> None:
    strict = Redecide({"bias": 0.0, "lbr": 1.0}, {"bias": 0.0, "lbr": -1.0}, 0.5)
    assert strict.restores({"lbr": 2.0}) and not strict.restores({"lbr": 0.5})
    assert not strict.restores({"lbr": -2.0})


def test_a_written_model_reads_back_and_bad_rows_are_named(tmp_path: Path) -> None:
    right = {f: 0.5 for f in FEATURES}
    own = {f: -0.25 for f in FEATURES}
    path = tmp_path / "redecide.tsv"
    write_redecide(path, right, own, 0.4, "made for a test")
    problems: list[RuleError] = []
    model = parse_redecide(path, problems)
    assert problems == [] and model is not None
    assert model.right == right and model.own == own and model.threshold == 0.4
    assert load_table_files([path]).redecide == model
    path.write_text("bias\t1\t2\nwobble\t1\t2\nlo\tx\t1\n", encoding="utf-8")
    model = parse_redecide(path, problems)
    assert model is None
    assert [e.line for e in problems] == [2, 3, None]
    assert [e.line for e in check_spin_file(path)] == [2, 3, None]
    with pytest.raises(RuleError, match=r"redecide\.tsv:2"):
        load_table_files([path])
    path.write_bytes(b"bias\t1\t2\nthreshold\t0.4 \xff\n")  # not UTF-8: a rule error, no crash
    with pytest.raises(RuleError, match="not UTF-8"):
        parse_redecide(path)


def test_the_second_look_can_be_turned_off(off) -> None:  # type: ignore[no-untyped-def]
    doc = off(Document("d", SPUN + LINE))
    assert not [e for e in doc.edits if "redecide" in e.evidence]


def test_the_shipped_weights_are_current() -> None:
    """``redecide.tsv`` is what ``learn_redecide.py`` fits on the present pairs (checked
    where every pair it was learned from is present): rerun it after the tables change."""
    import warnings

    from bench.despin.real import learn_redecide

    with warnings.catch_warnings():  # a machine without the real texts is told so
        warnings.simplefilter("ignore", UserWarning)
        assert learn_redecide.main(["--check"]) == 0
