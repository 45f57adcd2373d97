"""textclean: a text-quality cleaning pipeline for scraped articles.

Library use::

    >>> import textclean
    >>> textclean.clean_text("a  b\\r\\n")
    'a b\\n'
    >>> docs = textclean.Pipeline.default().run([("id-1", "Caf\\u00c3\\u00a9 au lait")])
    >>> next(docs).text
    'Café au lait\\n'
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from textclean.config import Config, ConfigError
from textclean.document import Change, Document, Edit
from textclean.forksafe import ForkSafeLock
from textclean.pipeline import Pipeline, Stage

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Config",
    "ConfigError",
    "Document",
    "Edit",
    "Pipeline",
    "Stage",
    "__version__",
    "clean_document",
    "clean_text",
    "find_duplicates",
    "score_text",
]


def __getattr__(name: str) -> Any:
    """``textclean.find_duplicates`` (corpus dedup) loads its module on first use."""
    if name == "find_duplicates":
        from textclean.dedup.corpus import find_duplicates

        return find_duplicates
    raise AttributeError(f"module 'textclean' has no attribute {name!r}")


#: Built pipelines of :func:`clean_text` & co., most recently used last. A key is the
#: (immutable, hashable) config, the options as canonical JSON, and the stages and skip
#: lists; building loads the rule files (tens of milliseconds), a lookup costs
#: microseconds, and a Pipeline holds no per-document state, so sharing one is safe.
_CACHE: OrderedDict[tuple[Any, ...], Pipeline] = OrderedDict()
_CACHE_SIZE = 16
_CACHE_LOCK = ForkSafeLock()


def _files_signature(dirs: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Every file of the user's rule packs with its mtime and size: an edited rule file
    is a new cache key, so it is read again (the built-in pack ships with the package)."""
    out: list[tuple[str, int, int]] = []
    for top in dirs:
        for root, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out.append((path, st.st_mtime_ns, st.st_size))
    return tuple(out)


def _pipeline(
    config: Config | None,
    stages: Iterable[str] | None,
    skip: Iterable[str],
    options: dict[str, Any],
) -> Pipeline:
    rule_dirs = options.get("rules", config.rules if config is not None else ())
    key = (
        config,
        json.dumps(options, sort_keys=True, default=repr) if options else "",
        None if stages is None else tuple(stages),
        tuple(skip),
        _files_signature(rule_dirs) if rule_dirs else (),
    )
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return cached
    cfg = config or Config()
    if options:
        cfg = cfg.replace(**options)
    pipeline = Pipeline.from_config(cfg, stages=key[2], skip=key[3])
    with _CACHE_LOCK:
        _CACHE[key] = pipeline
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return pipeline


def clean_document(
    text: str,
    *,
    config: Config | None = None,
    stages: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    doc_id: str = "0",
    **options: Any,
) -> Document:
    """Clean one text and return the whole :class:`Document` (text, edits, scores, dropped).

    The pipeline for a given ``config``/``stages``/``skip``/``options`` is built once
    and reused by later calls (a few microseconds), as is a :class:`Pipeline` you keep.
    """
    return _pipeline(config, stages, skip, options).process(Document(id=doc_id, text=text))


def clean_text(
    text: str,
    *,
    config: Config | None = None,
    stages: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    **options: Any,
) -> str:
    """Clean one text with the default pipeline (or ``config``) and return the text.

    ``options`` override config sections, e.g. ``clean_text(t, normalize={"fold_quotes": True})``.
    A document a stage rejects comes back as an empty string.
    """
    doc = clean_document(text, config=config, stages=stages, skip=skip, **options)
    return "" if doc.dropped is not None else doc.text


def score_text(text: str, *, config: Config | None = None, **options: Any) -> dict[str, Any]:
    """The scores every stage computes for ``text`` (the text itself is not returned)."""
    doc = clean_document(text, config=config, **options)
    scores: dict[str, Any] = dict(doc.scores)
    scores["dropped"] = doc.dropped
    return scores
