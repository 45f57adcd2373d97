"""Signature throughput, text → MinHash signatures, 128 permutations, word 5-grams.

``signatures()`` (numba kernel and numpy path) against, in the same run:
datasketch ``MinHash.update`` per shingle (on a subset), datasketch
``MinHash.bulk`` (its default SHA-1 hash; and with our shingle hashes, the
bit-identical path) and rensa's ``RMinHash``. The references tokenize with a
regex (``\\w+`` over the lower-cased text) into the same word 5-grams.

Run: ``python -m pytest bench --benchmark-only``.
"""

from __future__ import annotations

import re
from typing import Any

import datasketch
import numpy as np
import pytest

from bench.conftest import Corpus
from textclean.dedup import _kernel
from textclean.dedup.minhash import signatures
from textclean.dedup.shingles import shingle_hashes

NUM_PERM = 128
SEED = 1
NGRAM = 5
_WORD = re.compile(r"\w+")


def regex_shingles(text: str, ngram: int = NGRAM) -> list[str]:
    """Word n-grams as strings, the usual way: regex words, joined by spaces."""
    words = _WORD.findall(text.lower())
    if not words:
        return []
    if len(words) < ngram:
        return [" ".join(words)]
    return [" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1)]


def datasketch_update(texts: list[str]) -> list[Any]:
    out = []
    for text in texts:
        m = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
        for shingle in regex_shingles(text):
            m.update(shingle.encode("utf-8"))
        out.append(m)
    return out


def datasketch_bulk(texts: list[str]) -> list[Any]:
    batches = ([s.encode("utf-8") for s in regex_shingles(t)] for t in texts)
    return datasketch.MinHash.bulk(batches, num_perm=NUM_PERM, seed=SEED, scheme="affine32")


def datasketch_bulk_our_hashes(texts: list[str]) -> list[Any]:
    return datasketch.MinHash.bulk(
        (shingle_hashes(t, NGRAM) for t in texts),
        num_perm=NUM_PERM,
        seed=SEED,
        scheme="affine32",
        hashfunc=lambda h: h,
    )


def rensa_rminhash(texts: list[str]) -> list[Any]:
    from rensa import RMinHash

    out = []
    for text in texts:
        m = RMinHash(num_perm=NUM_PERM, seed=SEED)
        m.update(regex_shingles(text))
        out.append(m.digest())
    return out


@pytest.mark.benchmark(group="signatures-full")
@pytest.mark.skipif(not _kernel.AVAILABLE, reason="numba not installed")
def test_textclean_numba(throughput: Any, corpus: Corpus) -> None:
    signatures(corpus.texts[:2], num_perm=NUM_PERM)  # compile or load the cached kernel
    sig = throughput(
        lambda: signatures(corpus.texts, num_perm=NUM_PERM, seed=SEED, backend="numba"),
        corpus,
        label="textclean signatures() numba",
        rounds=5,
    )
    assert sig.shape == (len(corpus.texts), NUM_PERM)


@pytest.mark.benchmark(group="signatures-full")
def test_textclean_numpy(throughput: Any, corpus: Corpus) -> None:
    sig = throughput(
        lambda: signatures(corpus.texts, num_perm=NUM_PERM, seed=SEED, backend="numpy"),
        corpus,
        label="textclean signatures() numpy",
    )
    assert sig.shape == (len(corpus.texts), NUM_PERM)


@pytest.mark.benchmark(group="signatures-full")
def test_datasketch_bulk(throughput: Any, corpus: Corpus) -> None:
    out = throughput(
        lambda: datasketch_bulk(corpus.texts), corpus, label="datasketch MinHash.bulk", rounds=2
    )
    assert len(out) == len(corpus.texts)


@pytest.mark.benchmark(group="signatures-full")
def test_rensa_rminhash(throughput: Any, corpus: Corpus) -> None:
    pytest.importorskip("rensa")
    out = throughput(lambda: rensa_rminhash(corpus.texts), corpus, label="rensa RMinHash")
    assert len(out) == len(corpus.texts)


@pytest.mark.benchmark(group="signatures-subset")
def test_textclean_on_the_subset(throughput: Any, corpus_subset: Corpus) -> None:
    """The same texts as the per-shingle and like-for-like datasketch rows, so their
    ratios are measured, not worked out across corpora of different sizes."""
    signatures(corpus_subset.texts[:2], num_perm=NUM_PERM)  # compile or load the kernel
    sig = throughput(
        lambda: signatures(corpus_subset.texts, num_perm=NUM_PERM, seed=SEED),
        corpus_subset,
        label="textclean signatures()",
        rounds=5,
    )
    assert sig.shape == (len(corpus_subset.texts), NUM_PERM)


@pytest.mark.benchmark(group="signatures-subset")
def test_datasketch_update_per_shingle(throughput: Any, corpus_subset: Corpus) -> None:
    out = throughput(
        lambda: datasketch_update(corpus_subset.texts),
        corpus_subset,
        label="datasketch MinHash.update per shingle",
        rounds=1,
    )
    assert len(out) == len(corpus_subset.texts)


@pytest.mark.benchmark(group="signatures-subset")
def test_datasketch_bulk_bit_identical(throughput: Any, corpus_subset: Corpus) -> None:
    out = throughput(
        lambda: datasketch_bulk_our_hashes(corpus_subset.texts),
        corpus_subset,
        label="datasketch MinHash.bulk on textclean shingle hashes",
        rounds=2,
    )
    # The bit-identity claim, on the benchmark corpus itself (outside the timing).
    ours = signatures(corpus_subset.texts, num_perm=NUM_PERM, seed=SEED)
    assert np.array_equal(np.stack([m.hashvalues for m in out]), ours)
