"""Bulk MinHash signatures: bit-identical to datasketch 2.x affine32."""

from __future__ import annotations

import json
import random
from pathlib import Path

import datasketch
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textclean.dedup import _kernel
from textclean.dedup import minhash as mh
from textclean.dedup.minhash import (
    EMPTY_HASH,
    SignatureScheme,
    jaccard,
    permutations,
    signatures,
    signatures_from_hashes,
    to_lean_minhash,
)
from textclean.dedup.shingles import char_shingle_hashes, shingle_hashes

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _datasketch(text_hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    m = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=lambda h: h)
    m.update_batch(text_hashes)
    return m.hashvalues


def _varied_texts() -> list[str]:
    """Hundreds of texts: seed documents, their paragraphs and lines, edge cases."""
    texts: list[str] = list(SEED_TEXTS)
    for doc in SEED_TEXTS:
        texts.extend(p for p in doc.split("\n\n"))
        texts.extend(line for line in doc.splitlines()[:40])
    rng = random.Random(3)
    vocab = " ".join(SEED_TEXTS).split()
    for _ in range(100):
        texts.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 40))))
    texts += [
        "",
        " ",
        "\n\n\n",
        "— … !!!",
        "word",
        "two words",
        "exactly five words here now",
        "Ünïcödé ΣΊΣΥΦΟΣ straße İstanbul ǅemal",
        "東京タワーは高い。大阪城も有名です。",
        "emoji 😀 in 👍🏽 between 🇫🇷 words",
        "lone \ud800 surrogate \udfff here",
        "repeat " * 500,
        " ".join(str(i) for i in range(3000)),  # a long text: 3,000 distinct words
    ]
    return texts


TEXTS = _varied_texts()


def test_there_are_hundreds_of_varied_texts() -> None:
    assert len(TEXTS) > 300
    assert sum(1 for t in TEXTS if not shingle_hashes(t).size) >= 4


@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (1, 1), (64, 42), (256, 7), (100, 0)])
def test_permutations_are_datasketch_affine32(num_perm: int, seed: int) -> None:
    a, b = permutations(num_perm, seed)
    ref = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    assert a.dtype == b.dtype == np.uint32
    assert np.array_equal(a, ref[0]) and np.array_equal(b, ref[1])


@pytest.mark.parametrize(
    ("num_perm", "seed", "ngram"), [(128, 1, 5), (64, 42, 3), (256, 9, 1), (7, 1, 2)]
)
def test_signatures_bit_identical_to_datasketch(num_perm: int, seed: int, ngram: int) -> None:
    sig = signatures(TEXTS, num_perm=num_perm, seed=seed, ngram=ngram)
    assert sig.shape == (len(TEXTS), num_perm) and sig.dtype == np.uint32
    for i, text in enumerate(TEXTS):
        expected = _datasketch(shingle_hashes(text, ngram), num_perm, seed)
        assert np.array_equal(sig[i], expected), (i, text[:60])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.text(max_size=200), max_size=6), st.integers(1, 6))
def test_signatures_bit_identical_on_random_unicode(texts: list[str], ngram: int) -> None:
    sig = signatures(texts, num_perm=32, seed=5, ngram=ngram)
    for i, text in enumerate(texts):
        assert np.array_equal(sig[i], _datasketch(shingle_hashes(text, ngram), 32, 5))


BACKENDS = [
    "numpy",
    pytest.param(
        "numba", marks=pytest.mark.skipif(not _kernel.AVAILABLE, reason="numba not installed")
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("num_perm", "seed", "ngram"), [(128, 1, 5), (33, 2, 1), (16, 4, 3)])
def test_every_backend_is_bit_identical_to_datasketch(
    backend: str, num_perm: int, seed: int, ngram: int
) -> None:
    sig = signatures(TEXTS, num_perm=num_perm, seed=seed, ngram=ngram, backend=backend)
    for i, text in enumerate(TEXTS):
        expected = _datasketch(shingle_hashes(text, ngram), num_perm, seed)
        assert np.array_equal(sig[i], expected), (backend, i, text[:60])


@pytest.mark.skipif(not _kernel.AVAILABLE, reason="numba not installed")
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.text(max_size=300), max_size=8), st.integers(1, 6))
def test_numba_kernel_equals_numpy_path_on_random_unicode(texts: list[str], ngram: int) -> None:
    fast = signatures(texts, num_perm=24, seed=3, ngram=ngram, backend="numba")
    slow = signatures(texts, num_perm=24, seed=3, ngram=ngram, backend="numpy")
    assert np.array_equal(fast, slow)


def test_backend_must_be_known() -> None:
    with pytest.raises(ValueError):
        signatures(["a b"], backend="cuda")


def test_empty_text_is_datasketchs_empty_minhash() -> None:
    sig = signatures(["", "...", "real words here"], num_perm=16)
    empty = datasketch.MinHash(num_perm=16, seed=1, scheme="affine32")
    assert np.array_equal(sig[0], empty.hashvalues)
    assert (sig[:2] == EMPTY_HASH).all()
    assert not (sig[2] == EMPTY_HASH).all()
    assert to_lean_minhash(sig[0]).is_empty()
    assert signatures([], num_perm=16).shape == (0, 16)


@pytest.mark.parametrize("wide_min", [0, 10**9])
def test_small_chunks_and_blocks_give_the_same_signatures(
    monkeypatch: pytest.MonkeyPatch, wide_min: int
) -> None:
    expected = signatures(TEXTS, num_perm=32, seed=3, backend="numpy")
    # Force texts to span many chunks and many permuted-matrix blocks, in
    # either matrix layout.
    monkeypatch.setattr(mh, "CHUNK_CHARS", 500)
    monkeypatch.setattr(mh, "BLOCK_SHINGLES", 7)
    monkeypatch.setattr(mh, "WIDE_MIN_SHINGLES", wide_min)
    assert np.array_equal(signatures(TEXTS, num_perm=32, seed=3, backend="numpy"), expected)
    for i in (0, 5, len(TEXTS) - 1):
        assert np.array_equal(expected[i], _datasketch(shingle_hashes(TEXTS[i]), 32, 3))


def test_signatures_from_hashes_matches_signatures_and_datasketch() -> None:
    hashes = [shingle_hashes(t) for t in TEXTS[:80]]
    assert np.array_equal(signatures_from_hashes(hashes), signatures(TEXTS[:80]))
    rng = np.random.default_rng(0)
    sets = [rng.integers(0, 2**32, size=n, dtype=np.uint64) for n in (0, 1, 5, 1000)]
    sig = signatures_from_hashes(sets, num_perm=64, seed=11)
    for row, s in zip(sig, sets, strict=True):
        assert np.array_equal(row, _datasketch(s, 64, 11))
    with pytest.raises(ValueError):
        signatures_from_hashes([np.array([2**32], dtype=np.uint64)])


def test_lean_minhash_round_trip_and_lsh() -> None:
    base = SEED_TEXTS[3]
    edited = base.replace(" the ", " a ", 1)
    other = SEED_TEXTS[1]
    sig = signatures([base, edited, other])
    m = datasketch.MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=lambda h: h)
    m.update_batch(shingle_hashes(base))
    assert to_lean_minhash(sig[0]) == datasketch.LeanMinHash(m)
    lsh = datasketch.MinHashLSH(threshold=0.8, num_perm=128)
    lsh.insert("base", to_lean_minhash(sig[0]))
    lsh.insert("other", to_lean_minhash(sig[2]))
    assert lsh.query(to_lean_minhash(sig[1])) == ["base"]
    # A serialized LeanMinHash comes back equal.
    lean = to_lean_minhash(sig[1], seed=1)
    buf = bytearray(lean.bytesize())
    lean.serialize(buf)
    assert datasketch.LeanMinHash.deserialize(buf) == lean


def test_exact_jaccard_by_hand() -> None:
    a = np.array([1, 2, 3, 3], dtype=np.uint32)
    b = np.array([2, 3, 4], dtype=np.uint32)
    assert jaccard(a, b) == 2 / 4
    assert jaccard(a, a) == 1.0
    assert jaccard(a, np.array([9], dtype=np.uint32)) == 0.0
    assert jaccard(np.array([], np.uint32), np.array([], np.uint32)) == 1.0
    assert jaccard(np.array([], np.uint32), b) == 0.0
    # 7 words -> 3 five-grams each; the last differs -> 2 shared of 4 distinct.
    assert jaccard(shingle_hashes("a b c d e f g"), shingle_hashes("a b c d e f x")) == 0.5


def test_minhash_estimates_exact_jaccard() -> None:
    doc = SEED_TEXTS[3]
    words = doc.split()
    rng = random.Random(1)
    for i in rng.sample(range(len(words)), k=len(words) // 50):
        words[i] = "zzz"
    edited = " ".join(words)
    exact = jaccard(shingle_hashes(doc), shingle_hashes(edited))
    sig = signatures([doc, edited], num_perm=256)
    estimate = float((sig[0] == sig[1]).mean())
    assert 0.3 < exact < 0.95
    assert abs(estimate - exact) < 0.1


def test_signature_scheme_records_and_reproduces() -> None:
    scheme = SignatureScheme(seed=3, num_perm=32, ngram=4)
    d = scheme.to_dict()
    assert d == {
        "scheme": "affine32",
        "seed": 3,
        "num_perm": 32,
        "ngram": 4,
        "shingling": "word",
        "shingle_hash": "textclean-poly64-fmix-v1",
    }
    assert SignatureScheme.from_dict(json.loads(json.dumps(d))) == scheme
    assert np.array_equal(
        scheme.signatures(TEXTS[:20]), signatures(TEXTS[:20], num_perm=32, seed=3, ngram=4)
    )
    char = SignatureScheme(num_perm=16, shingling="char")
    rows = char.signatures(["A short caption", "“a SHORT caption!”"])
    assert np.array_equal(rows[0], rows[1])
    assert np.array_equal(rows[0], _datasketch(char_shingle_hashes("A short caption"), 16, 1))
    with pytest.raises(ValueError):
        SignatureScheme(scheme="legacy")
    with pytest.raises(ValueError):
        SignatureScheme(shingling="sentence")
    with pytest.raises(TypeError):
        SignatureScheme.from_dict({**d, "bands": 4})
    with pytest.raises(dataclasses_frozen_error()):
        scheme.seed = 4  # type: ignore[misc]


def dataclasses_frozen_error() -> type[Exception]:
    import dataclasses

    return dataclasses.FrozenInstanceError
