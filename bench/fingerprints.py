"""Writing and comparing output fingerprints, shared by the identical-output checks
(``bench/boilerplate/same_output.py`` for the boilerplate stage,
``bench/pipeline_same_output.py`` for the whole pipeline).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     f = Path(d) / "fp.json"
...     write_or_compare({"a": "1", "b": "2"}, f, None)
...     write_or_compare({"a": "1", "b": "3"}, None, f)
0
differs: b
same: 1, differ: 1, only in one run: 0
1
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def fixture_texts(repo: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of the seeds and of every ``.txt`` and ``.jsonl`` text under
    ``tests/data`` of the checkout ``repo``, the texts both checks start with."""
    for p in sorted((repo / "seeds").glob("*.txt")):
        yield f"seeds/{p.name}", p.read_text(encoding="utf-8")
    for p in sorted((repo / "tests" / "data").rglob("*")):
        rel = p.relative_to(repo).as_posix()
        if p.suffix == ".txt":
            yield rel, p.read_text(encoding="utf-8")
        elif p.suffix == ".jsonl":
            with p.open(encoding="utf-8") as f:
                for k, line in enumerate(f):
                    if line.strip():
                        row = json.loads(line)
                        if isinstance(row, dict) and isinstance(row.get("text"), str):
                            yield f"{rel}:{k}", row["text"]


def docs_texts(docs: int) -> Iterator[tuple[str, str]]:
    """(name, text) of the first ``docs`` documents of the documentation corpus
    (``bench/corpus.py``); none for 0."""
    if docs:
        from bench.corpus import load_corpus

        for k, t in enumerate(load_corpus(None)[:docs]):
            yield f"docs/{k}", t


def edit_rows(doc: object) -> list[list[object]]:
    """A document's edits as the fingerprints read them: stage, rule, span, before,
    after, evidence."""
    from textclean.document import Document

    assert isinstance(doc, Document)
    return [
        [e.stage, e.rule, e.start, e.end, e.before, e.after, dict(e.evidence)] for e in doc.edits
    ]


def write_or_compare(out: dict[str, str], write: Path | None, against: Path | None) -> int:
    """Save ``out`` (name → fingerprint) to ``write``; compare it with the run saved in
    ``against``, printing what differs. 1 when anything differs or is in one run only."""
    if write:
        write.write_text(json.dumps(out, indent=0, sort_keys=True), encoding="utf-8")
    if not against:
        return 0
    old = json.loads(against.read_text(encoding="utf-8"))
    differ = sorted(k for k in old.keys() & out.keys() if old[k] != out[k])
    missing = sorted(old.keys() ^ out.keys())
    for k in missing[:20]:
        print("only in one run:", k)
    for k in differ[:50]:
        print("differs:", k)
    print(
        f"same: {len(old.keys() & out.keys()) - len(differ)}, differ: {len(differ)}, "
        f"only in one run: {len(missing)}"
    )
    return 1 if differ or missing else 0
