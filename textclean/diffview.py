"""Show a document's edits as a diff with rule ids (``textclean inspect``).

Each edit is shown on the line of the stage's input where it happened, in
word-diff style: removed text ``[-like this-]`` and inserted text
``{+like this+}`` (red and green on a terminal), followed by the rule id.
Newlines and tabs inside an edit are shown as ``\\n`` and ``\\t`` so
whitespace edits are visible; very long spans are shortened in the middle.

>>> from textclean.document import Edit
>>> runs = [StageRun("normalize", "Hello  world\\n", [Edit("normalize", "normalize.whitespace",
...         5, 7, "  ", " ")])]
>>> print(render_plain(runs))
== normalize: 1 edit
  L1  normalize.whitespace
      Hello [- -]world
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from textclean.document import Document, Edit
from textclean.pipeline import Pipeline

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTEXT = 40
MAX_SPAN = 160


@dataclass
class StageRun:
    """One stage's input text and the edits it made to it."""

    stage: str
    text: str
    edits: list[Edit] = field(default_factory=list)


def run_stages(pipeline: Pipeline, doc: Document) -> tuple[Document, list[StageRun]]:
    """Run each stage in turn, keeping what each one received and changed."""
    runs: list[StageRun] = []
    for stage in pipeline.schedule(doc):
        before, n = doc.text, len(doc.edits)
        stage(doc)
        runs.append(StageRun(stage.name, before, list(doc.edits[n:])))
    return doc, runs


def visible(s: str) -> str:
    r"""Escape line ends and tabs, shorten the middle of a long span.

    >>> visible("a\nb\t\x07")
    'a\\nb\\t\\x07'
    """
    s = s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    s = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)
    if len(s) > MAX_SPAN:
        half = MAX_SPAN // 2
        s = f"{s[:half]} … ({len(s)} characters) … {s[-half:]}"
    return s


@dataclass(frozen=True)
class Hunk:
    line: int
    rule: str
    prefix: str
    before: str
    after: str
    suffix: str


def _common_affixes(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of a and b.

    >>> _common_affixes("two  words", "two words")
    (4, 5)
    """
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return p, q


def hunks(run: StageRun) -> Iterable[Hunk]:
    """One hunk per edit, narrowed to the characters that changed."""
    text = run.text
    for e in sorted(run.edits, key=lambda e: (e.start, e.end)):
        p, q = _common_affixes(e.before, e.after)
        start, end = e.start + p, e.end - q
        before, after = e.before[p : len(e.before) - q], e.after[p : len(e.after) - q]
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if line_end < 0:
            line_end = len(text)
        prefix = text[line_start:start]
        if len(prefix) > CONTEXT:
            prefix = "…" + prefix[-CONTEXT:]
        suffix = text[end:line_end]
        if len(suffix) > CONTEXT:
            suffix = suffix[:CONTEXT] + "…"
        line = text.count("\n", 0, start) + 1
        yield Hunk(line, e.rule, visible(prefix), visible(before), visible(after), visible(suffix))


def _header(run: StageRun) -> str:
    n = len(run.edits)
    return f"== {run.stage}: {n} edit{'s' if n != 1 else ''}"


def render_plain(runs: list[StageRun]) -> str:
    out: list[str] = []
    for run in runs:
        if not run.edits:
            continue
        out.append(_header(run))
        for h in hunks(run):
            out.append(f"  L{h.line}  {h.rule}")
            old = f"[-{h.before}-]" if h.before else ""
            new = f"{{+{h.after}+}}" if h.after else ""
            out.append(f"      {h.prefix}{old}{new}{h.suffix}")
    return "\n".join(out)


def render_rich(runs: list[StageRun]) -> list[object]:
    """The same content as :func:`render_plain`, as rich renderables with colour."""
    from rich.text import Text

    out: list[object] = []
    for run in runs:
        if not run.edits:
            continue
        out.append(Text(_header(run), style="bold cyan"))
        for h in hunks(run):
            head = Text("  ")
            head.append(f"L{h.line}", style="dim")
            head.append("  ")
            head.append(h.rule, style="bold magenta")
            out.append(head)
            body = Text("      ")
            body.append(h.prefix, style="dim")
            if h.before:
                body.append(h.before, style="bold red strike")
            if h.after:
                body.append(h.after, style="bold green")
            body.append(h.suffix, style="dim")
            out.append(body)
    return out
