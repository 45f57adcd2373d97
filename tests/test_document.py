"""The document model: span replacement, the audit trail, serialization."""

from __future__ import annotations

import pytest

from textclean.document import Change, Document, Edit, replay


def test_replace_spans_records_edits_against_the_stage_input() -> None:
    doc = Document("d", "one  two   three")
    doc.replace_spans("normalize", [Change(8, 11, " ", "ws"), Change(3, 5, " ", "ws")])
    assert doc.text == "one two three"
    # offsets refer to the text before this call, in order of position
    assert [(e.start, e.end, e.before, e.after) for e in doc.edits] == [
        (3, 5, "  ", " "),
        (8, 11, "   ", " "),
    ]
    assert replay("one  two   three", doc.edits, "normalize") == doc.text


def test_no_op_change_records_nothing() -> None:
    doc = Document("d", "abc")
    doc.replace_spans("s", [Change(0, 1, "a", "r")])
    assert doc.text == "abc" and doc.edits == []


@pytest.mark.parametrize(
    "changes", [[Change(0, 3, "x", "r"), Change(2, 4, "y", "r")], [Change(3, 9, "", "r")]]
)
def test_overlapping_or_out_of_range_changes_raise(changes: list[Change]) -> None:
    doc = Document("d", "abcdef")
    with pytest.raises(ValueError):
        doc.replace_spans("s", changes)


def test_drop_keeps_the_first_reason() -> None:
    doc = Document("d", "x")
    doc.drop("empty")
    doc.drop("duplicate")
    assert doc.dropped == "empty"


def test_round_trip_through_dict() -> None:
    doc = Document("d", "a  b", metadata={"url": "u"}, source="f.jsonl", line=3)
    doc.replace_spans("normalize", [Change(1, 3, " ", "ws", {"n": 2})])
    doc.scores["q"] = 0.5
    again = Document.from_dict(doc.to_dict())
    assert again == doc
    assert again.edits[0].evidence == {"n": 2}


def test_replay_rejects_edits_that_do_not_match() -> None:
    with pytest.raises(ValueError):
        replay("abc", [Edit("s", "r", 0, 1, "z", "y")], "s")
