"""Shingling, bulk MinHash signatures and near-duplicate detection.

``find_duplicates`` is imported from :mod:`textclean.dedup.corpus` on first
use, so importing a light submodule (``textclean.dedup.shingles``, used by the
``repeats`` stage) does not load the corpus deduper and its SQLite index.
"""

from __future__ import annotations

from typing import Any

__all__ = ["find_duplicates"]


def __getattr__(name: str) -> Any:
    if name == "find_duplicates":
        from textclean.dedup.corpus import find_duplicates

        return find_duplicates
    raise AttributeError(f"module 'textclean.dedup' has no attribute {name!r}")
