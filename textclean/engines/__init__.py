"""Engines run the per-document stages and corpus dedup of a batch run.

``ENGINES`` maps an engine name (``--engine NAME``) to a factory
``(workers: int | None, **options) -> Engine``; an engine joins by adding one
entry here. ``local`` (a process pool) is the default and needs nothing extra.
"""

from __future__ import annotations

import importlib
from typing import Any

from textclean.config import ConfigError
from textclean.engines.base import Engine, StageWork, process_batch, process_document

__all__ = ["ENGINES", "Engine", "StageWork", "get_engine", "process_batch", "process_document"]

#: Engine name → "module:class". The class takes ``workers`` and keyword options.
ENGINES: dict[str, str] = {
    "local": "textclean.engines.local:LocalEngine",
}


def get_engine(name: str, workers: int | None = None, **options: Any) -> Engine:
    """Instantiate the engine called ``name``."""
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {name!r}; available: {sorted(ENGINES)}")
    module_name, _, cls_name = ENGINES[name].partition(":")
    module = importlib.import_module(module_name)
    engine: Engine = getattr(module, cls_name)(workers=workers, **options)
    return engine
