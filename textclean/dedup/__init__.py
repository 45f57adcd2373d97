"""Shingling, bulk MinHash signatures and near-duplicate detection."""

from textclean.dedup.corpus import find_duplicates

__all__ = ["find_duplicates"]
