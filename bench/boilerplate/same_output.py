"""Fingerprint the boilerplate stage's full output page by page, to compare two checkouts.

For every text of the corpora below, the stage (default config, and with the learned
classifier switched on) cleans it; the page's fingerprint is the SHA-256 of its output
text, every edit (rule, offsets, text removed, evidence), its scores and its drop
reason. ``--write FILE`` stores the fingerprints; ``--against FILE`` compares them with
a stored run and lists the pages whose output differs::

    python bench/boilerplate/same_output.py --write before.json     # old checkout
    python bench/boilerplate/same_output.py --against before.json   # new checkout

Corpora: the seeds, every ``.txt`` and ``.jsonl`` text under ``tests/data``, the labelled
real pages of the development batches whose texts are present (never the hold-out), and
the first ``--docs`` documents of the documentation corpus (``bench/corpus.py``). Each
text is also run a second time through the same stage (a settling pass, as the pipeline
makes one on the same document), and that output is fingerprinted too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # after PYTHONPATH: the checkout it names is the one compared

from bench.fingerprints import docs_texts, edit_rows, fixture_texts, write_or_compare  # noqa: E402


def texts(docs: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every text compared."""
    yield from fixture_texts(REPO)
    from bench.boilerplate.real.check import load_pages
    from bench.boilerplate.train import development

    for page in development(load_pages(warn=False)):
        yield f"real/{page.id}", page.text
    yield from docs_texts(docs)


def fingerprint(doc: object) -> str:
    """SHA-256 of a document's text, edits, scores and drop reason."""
    from textclean.document import Document

    assert isinstance(doc, Document)
    edits = edit_rows(doc)
    blob = json.dumps(
        [doc.text, edits, doc.scores, doc.dropped], sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    from textclean.config import Config
    from textclean.document import Document
    from textclean.stages import boilerplate

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", type=Path)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--docs", type=int, default=1000, help="documents of the docs corpus")
    args = ap.parse_args(argv)
    configs = {
        "default": Config(),
        "classifier": Config().replace(boilerplate={"enable": ["boilerplate.shape.classifier"]}),
    }
    stages = {name: boilerplate.build(cfg, None) for name, cfg in configs.items()}
    out: dict[str, str] = {}
    for name, text in texts(args.docs):
        for cname, stage in stages.items():
            doc = stage(Document(name, text))
            out[f"{cname}|{name}"] = fingerprint(doc)
            if doc.dropped is None:
                doc = stage(doc)  # the same document again, as a settling pass
                out[f"{cname}|{name}|again"] = fingerprint(doc)
    print(f"{len(out)} outputs of {boilerplate.__file__}")
    return write_or_compare(out, args.write, args.against)


if __name__ == "__main__":
    raise SystemExit(main())
