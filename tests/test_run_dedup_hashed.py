"""Corpus dedup with the real deduper, fed by what the workers hashed.

A fresh run's workers hash every kept document for dedup while they hold it
(``textclean.engines.base.DocRecord``); a resumed run, or an engine without
``hashed_deduper``, reads the texts back from the journal instead. Every way must
give the same bytes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import textclean.run as run_mod
from tests.conftest import tree_bytes
from textclean.config import Config, DedupConfig
from textclean.document import Document
from textclean.engines.base import DocRecord, StageWork, process_batch
from textclean.engines.local import LocalEngine
from textclean.io.journal import encode_record
from textclean.run import RunOptions, run_clean

SENTENCES = [
    "The ferry to the island leaves twice a day when the weather allows it.",
    "Our neighbours grow beans, onions and a row of tall sunflowers by the fence.",
    "The library opens late on Thursdays so that students can finish their work.",
    "A small bakery on the corner sells rye bread until the shelves are empty.",
    "The old clock in the town hall was repaired last spring by two volunteers.",
    "Rain fell all afternoon and the river rose to the edge of the footpath.",
    "The council voted to keep the swimming pool open through the winter months.",
    "Children from the primary school planted forty young oaks along the road.",
    "The museum shows maps drawn by sailors who crossed the bay long ago.",
    "A quiet path follows the canal from the mill to the railway bridge.",
    "The market moved indoors after the storm damaged several wooden stalls.",
    "Local musicians gave a free concert in the park on the first warm evening.",
]


def article(rng: random.Random, n: int = 9) -> str:
    """A paragraph of ``n`` sentences drawn from :data:`SENTENCES` (written for this test)."""
    return " ".join(rng.sample(SENTENCES, n))


def corpus(root: Path) -> None:
    """JSONL and text inputs with exact and near duplicates, a repeated id, an empty
    document and one that no stage keeps."""
    rng = random.Random(7)
    bases = [article(rng) for _ in range(6)]
    rows: list[dict[str, Any]] = []
    for k, base in enumerate(bases):
        rows.append({"id": f"a{k}", "text": base})
    rows.append({"id": "dup-exact", "text": bases[1]})
    rows.append({"id": "dup-near", "text": bases[2] + " Thanks for reading this week."})
    rows.append({"id": "a0", "text": bases[3] + " See you next Monday."})  # repeated id
    rows.append({"id": "empty", "text": "   "})
    rows.append({"id": "short", "text": "Hello."})
    root.mkdir(parents=True)
    (root / "one.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (root / "two.jsonl").write_text(
        "".join(
            json.dumps({"id": f"b{k}", "text": t}) + "\n"
            for k, t in enumerate([bases[4], bases[0] + " Posted in News.", article(rng)])
        )
    )
    (root / "notes").mkdir()
    (root / "notes" / "c.txt").write_text(bases[5] + "\n")


class JournalOnlyEngine(LocalEngine):
    """A local engine without ``hashed_deduper``: dedup reads the journal's texts."""

    def __getattribute__(self, name: str) -> Any:
        if name in ("hashed_deduper", "finish_dedup"):
            raise AttributeError(name)
        return super().__getattribute__(name)


def _no_journal_read(*args: object, **kwargs: object) -> Iterator[tuple[str, str]]:
    raise AssertionError("a fresh run must not read texts back from the journal for dedup")


def _rejects(out: Path) -> list[dict[str, Any]]:
    lines = (out / ".textclean" / "rejects.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_hashed_dedup_is_byte_identical_across_workers_engines_and_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    corpus(src)
    trees = {}
    with monkeypatch.context() as m:
        m.setattr(run_mod, "_kept_texts", _no_journal_read)
        for n in (1, 2):
            out = tmp_path / f"w{n}"
            run_clean(Config(), RunOptions([str(src)], str(out), workers=n))
            trees[f"w{n}"] = tree_bytes(out)

    out = tmp_path / "journal"
    with JournalOnlyEngine(workers=2) as engine:
        run_clean(Config(), RunOptions([str(src)], str(out), workers=2), engine=engine)
    trees["journal"] = tree_bytes(out)

    from tests.test_resume import interrupted_run

    out = tmp_path / "resumed"
    interrupted_run(src, out, monkeypatch, batches=1)
    run_clean(Config(), RunOptions([str(src)], str(out), workers=2, resume=True))
    trees["resumed"] = tree_bytes(out)

    assert trees["w1"] == trees["w2"] == trees["journal"] == trees["resumed"]
    dups = {
        r["id"]: (r["duplicate_of"], r["duplicate_of_line"])
        for r in _rejects(tmp_path / "w2")
        if r["reason"] == "duplicate"
    }
    # inputs in path order: notes/c.txt, one.jsonl, two.jsonl
    assert dups == {
        "a5": ("notes/c.txt", None),
        "dup-exact": ("a1", 2),
        "dup-near": ("a2", 3),
        "a0": ("a3", 4),  # the repeated id, told apart by its line
        "b0": ("a4", 5),
        "b1": ("a0", 1),
    }
    summary = json.loads((tmp_path / "w2" / ".textclean" / "summary.json").read_text())
    assert summary["dedup"]["duplicates"] == len(dups)
    assert summary["run"]["driver_cpu"].keys() == {"start", "process", "dedup", "write"}


def test_records_hash_what_the_deduper_would() -> None:
    """A DocRecord's shingles and bands are what ``CorpusDeduper.add`` makes of the text."""
    from textclean.dedup.corpus import CorpusDeduper

    rng = random.Random(3)
    texts = [article(rng) for _ in range(4)] + ["", "word"]
    work = StageWork(Config(stages=("normalize",)), records=True, dedup=DedupConfig())
    docs = [Document(f"d{k}", t) for k, t in enumerate(texts)]
    recs: list[DocRecord] = process_batch(work, docs)
    plain = process_batch(
        StageWork(Config(stages=("normalize",))),
        [Document(d.id, t) for d, t in zip(docs, texts, strict=True)],
    )
    reference = CorpusDeduper(DedupConfig())
    for d in plain:
        if d.dropped is None:
            reference.add(d.id, d.text)
    h = reference.export_hashed()
    kept = [r for r in recs if r.kept]
    assert [r.id for r in kept] == [d.id for d in plain if d.dropped is None]
    assert b"".join(r.shingles for r in kept) == h.values.tobytes()
    assert b"".join(r.bands for r in kept) == h.bands.tobytes()
    assert [r.length for r in kept] == h.lengths.tolist()
    assert all(not r.shingles and not r.bands for r in recs if not r.kept)
    assert [r.record for r in recs] == [encode_record(d) for d in plain]
