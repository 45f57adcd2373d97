"""The document model: what flows through the pipeline, and the audit it carries.

A :class:`Document` is mutable while one stage works on it; stages append
:class:`Edit` records describing every change they made, may set scores, and
may mark the document dropped with a reason.

>>> doc = Document(id="a", text="Hello  world\\n")
>>> doc.replace_spans("normalize", [Change(5, 7, " ", "normalize.spaces")])
>>> doc.text
'Hello world\\n'
>>> doc.edits[0].before, doc.edits[0].after, doc.edits[0].start
('  ', ' ', 5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ScoreValue = float | int | bool | str


@dataclass(frozen=True)
class Edit:
    """One change made by a stage.

    ``start``/``end`` are character offsets into the text *as the stage received
    it*; ``before`` is ``input[start:end]`` and ``after`` is what replaced it.
    ``evidence`` holds rule-specific facts (tier, similarity, duplicate_of ...).
    """

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The fields in order, ``evidence`` (a shallow copy) only when there is some.

        (Built by hand: ``dataclasses.asdict`` deep-copies the evidence, and every
        edit of a run is turned into a dict twice, for the journal and the report.)

        >>> Edit("s", "r", 0, 1, "a", "b").to_dict()
        {'stage': 's', 'rule': 'r', 'start': 0, 'end': 1, 'before': 'a', 'after': 'b'}
        """
        d: dict[str, Any] = {
            "stage": self.stage,
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
        }
        if self.evidence:
            d["evidence"] = dict(self.evidence)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Edit:
        return cls(
            stage=d["stage"],
            rule=d["rule"],
            start=int(d["start"]),
            end=int(d["end"]),
            before=d["before"],
            after=d["after"],
            evidence=dict(d.get("evidence") or {}),
        )


@dataclass(frozen=True)
class Change:
    """A replacement a stage wants to make: ``text[start:end]`` becomes ``after``."""

    start: int
    end: int
    after: str
    rule: str
    evidence: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    """A unit of text with its provenance, audit trail and scores.

    ``id`` is stable (path relative to the input root, or the JSONL id);
    ``metadata`` carries pass-through fields (other JSONL keys);
    ``source`` names the input file and ``line`` the JSONL line (1-based).
    ``dropped`` is ``None`` while the document is kept, else the reason.
    ``passes`` says how many passes the pipeline made over it.
    """

    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    scores: dict[str, ScoreValue] = field(default_factory=dict)
    dropped: str | None = None
    source: str | None = None
    line: int | None = None
    #: Passes the pipeline made over the stages: 1, or 2-3 when ``repeats`` removed
    #: something and the layout stages ran again (``pipeline.stage_passes`` lists
    #: them). None when not known (a document read back from a journal or an audit:
    #: the edits of a later pass carry ``evidence["pass"]``). Not part of the output.
    passes: int | None = field(default=None, compare=False, repr=False)

    def drop(self, reason: str) -> None:
        """Mark the document as rejected; later stages skip it."""
        if self.dropped is None:
            self.dropped = reason

    def replace_spans(self, stage: str, changes: Iterable[Change]) -> None:
        """Apply non-overlapping ``changes`` (offsets into the current text).

        Records one :class:`Edit` per change, with offsets into the text as it
        was before this call. Overlapping changes raise ``ValueError``.
        """
        ordered = sorted(changes, key=lambda c: (c.start, c.end))
        if not ordered:
            return
        text = self.text
        parts: list[str] = []
        pos = 0
        for ch in ordered:
            if ch.start < pos or ch.end < ch.start or ch.end > len(text):
                raise ValueError(f"bad or overlapping change {ch!r} in document {self.id!r}")
            before = text[ch.start : ch.end]
            if before == ch.after:
                continue
            parts.append(text[pos : ch.start])
            parts.append(ch.after)
            pos = ch.end
            self.edits.append(
                Edit(stage, ch.rule, ch.start, ch.end, before, ch.after, dict(ch.evidence))
            )
        parts.append(text[pos:])
        self.text = "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "metadata": self.metadata,
            "edits": [e.to_dict() for e in self.edits],
            "scores": self.scores,
            "dropped": self.dropped,
            "source": self.source,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Document:
        return cls(
            id=d["id"],
            text=d["text"],
            metadata=dict(d.get("metadata") or {}),
            edits=[Edit.from_dict(e) for e in d.get("edits") or ()],
            scores=dict(d.get("scores") or {}),
            dropped=d.get("dropped"),
            source=d.get("source"),
            line=d.get("line"),
        )


def replay(text: str, edits: Iterable[Edit], stage: str) -> str:
    """Re-apply one stage's edits to that stage's input text.

    >>> replay("a  b", [Edit("normalize", "r", 1, 3, "  ", " ")], "normalize")
    'a b'
    """
    parts: list[str] = []
    pos = 0
    for e in sorted((e for e in edits if e.stage == stage), key=lambda e: e.start):
        if text[e.start : e.end] != e.before:
            raise ValueError(f"edit {e.rule} at {e.start} does not match the text")
        parts.append(text[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)
