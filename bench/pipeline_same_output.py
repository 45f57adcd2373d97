"""Fingerprint the whole pipeline's output document by document, to compare two checkouts.

``Pipeline.from_config(Config())`` cleans every text of the corpora below; a document's
fingerprint is the SHA-256 of its output text, every edit (stage, rule, offsets, text
before and after, evidence), its scores (in their order), its drop reason and the
number of passes it took. ``--write FILE`` stores the fingerprints; ``--against FILE``
compares them with a stored run and lists the documents whose output differs::

    python bench/pipeline_same_output.py --write before.json     # old checkout
    python bench/pipeline_same_output.py --against before.json   # new checkout

Corpora: the seeds, every ``.txt`` and ``.jsonl`` text under ``tests/data``, the clean
English prose of the per-stage benchmark, the news and mojibake corpora of
``bench/perf_table.py`` and the first ``--docs`` documents of the documentation corpus
(``bench/corpus.py``). With ``--stages`` the stages named (comma-separated) also run
alone on every text, each a fingerprint of its own.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # after PYTHONPATH: the checkout it names is the one compared

from bench.fingerprints import docs_texts, edit_rows, fixture_texts, write_or_compare  # noqa: E402


def texts(docs: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every text compared."""
    yield from fixture_texts(REPO)
    from bench.test_bench_throughput import clean_english, mojibake, news_texts

    for k, t in enumerate(clean_english()):
        yield f"clean/{k}", t
    news = news_texts()
    for k, t in enumerate(news):
        yield f"news/{k}", t
    for k, t in enumerate(mojibake(news)):
        yield f"mojibake/{k}", t
    yield from docs_texts(docs)


def fingerprint(doc: object) -> str:
    """SHA-256 of a document's text, edits, scores (in order), drop reason and passes."""
    from textclean.document import Document

    assert isinstance(doc, Document)
    edits = edit_rows(doc)
    blob = json.dumps(
        [doc.text, edits, list(doc.scores.items()), doc.dropped, getattr(doc, "passes", None)],
        ensure_ascii=False,
        default=repr,
    )
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    from textclean.config import Config
    from textclean.document import Document
    from textclean.pipeline import Pipeline

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", type=Path)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--docs", type=int, default=1000, help="documents of the docs corpus")
    ap.add_argument("--stages", default="", help="stages also fingerprinted alone")
    args = ap.parse_args(argv)
    pipeline = Pipeline.from_config(Config())
    alone = {
        name: Pipeline.from_config(Config(), stages=[name]).stages[0]
        for name in filter(None, args.stages.split(","))
    }
    named = list(texts(args.docs))
    out: dict[str, str] = {}
    for (name, _), doc in zip(named, pipeline.run([t for _, t in named]), strict=True):
        out[name] = fingerprint(doc)
    for sname, stage in alone.items():
        for name, text in named:
            out[f"{sname}|{name}"] = fingerprint(stage(Document(name, text)))
    print(f"{len(out)} outputs of {Path(sys.modules['textclean'].__file__ or '').parent}")
    return write_or_compare(out, args.write, args.against)


if __name__ == "__main__":
    raise SystemExit(main())
