"""Shingling, bulk MinHash signatures and near-duplicate detection."""
