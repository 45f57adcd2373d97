"""Band hashing, candidate pairs and union-find (textclean.dedup.lsh)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH

from textclean.dedup.lsh import (
    Banding,
    UnionFind,
    band_hashes,
    bucket_pairs,
    candidate_pairs,
    large_buckets,
)
from textclean.dedup.minhash import signatures, to_lean_minhash

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _planted_signatures(rng: np.random.Generator, n: int, bands: int, rows: int) -> np.ndarray:
    """Random signatures where some rows copy some bands of earlier rows."""
    sig = rng.integers(0, 2**32, size=(n, bands * rows), dtype=np.uint64).astype(np.uint32)
    for i in range(1, n):
        if rng.random() < 0.4:
            j = int(rng.integers(0, i))
            for b in rng.choice(bands, size=int(rng.integers(1, 3)), replace=False):
                sig[i, b * rows : (b + 1) * rows] = sig[j, b * rows : (b + 1) * rows]
    return sig


def _reference_pairs(sig: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
    """Pairs sharing a band, by comparing raw band values in a dict (the slow way)."""
    out: set[tuple[int, int]] = set()
    for b in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i in range(sig.shape[0]):
            buckets.setdefault(sig[i, b * rows : (b + 1) * rows].tobytes(), []).append(i)
        for members in buckets.values():
            out.update(itertools.combinations(members, 2))
    return out


def test_banding_must_cover_the_signature_exactly() -> None:
    assert Banding(128, 16, 8).bands == 16
    with pytest.raises(ValueError, match=r"bands \* rows must equal num_perm"):
        Banding(128, 16, 7)
    with pytest.raises(ValueError, match=r"bands \* rows must equal num_perm"):
        band_hashes(np.zeros((2, 128), np.uint32), bands=10, rows=8)
    with pytest.raises(ValueError, match="positive"):
        Banding(0, 0, 8)


def test_band_hash_changes_only_for_the_band_that_changed() -> None:
    rng = np.random.default_rng(5)
    sig = rng.integers(0, 2**32, size=(1, 128), dtype=np.uint64).astype(np.uint32)
    other = sig.copy()
    other[0, 3 * 8 + 5] ^= 1  # one value inside band 3
    h, g = band_hashes(np.vstack([sig, other]), bands=16, rows=8)
    assert [b for b in range(16) if h[b] != g[b]] == [3]
    # Equal values in different bands must not hash equal (the band number is mixed in).
    same = np.zeros((1, 128), np.uint32)
    hz = band_hashes(same, bands=16, rows=8)[0]
    assert len(set(hz.tolist())) == 16


def test_band_hashes_are_identical_in_another_process() -> None:
    """Stored in persistent indexes, so they must not depend on the process (no ``hash()``)."""
    rng = np.random.default_rng(11)
    sig = rng.integers(0, 2**32, size=(4, 64), dtype=np.uint64).astype(np.uint32)
    mine = band_hashes(sig, bands=8, rows=8)
    code = (
        "import sys, numpy as np\n"
        "from textclean.dedup.lsh import band_hashes\n"
        f"sig = np.array({sig.tolist()}, dtype=np.uint32)\n"
        "print(band_hashes(sig, bands=8, rows=8).tolist())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "12345"},
    )
    assert out.stdout.strip() == str(mine.tolist())


@pytest.mark.parametrize(("bands", "rows"), [(16, 8), (32, 4), (4, 2)])
def test_candidate_pairs_match_a_dict_of_bands(bands: int, rows: int) -> None:
    rng = np.random.default_rng(bands)
    sig = _planted_signatures(rng, 300, bands, rows)
    got = candidate_pairs(band_hashes(sig, bands=bands, rows=rows))
    want = _reference_pairs(sig, bands, rows)
    assert len(want) > 50
    assert {tuple(p) for p in got.tolist()} == want
    assert got.tolist() == sorted(got.tolist())  # sorted, no repeats


def test_candidate_pairs_match_datasketch_minhashlsh_on_real_text() -> None:
    """Same banding as datasketch's MinHashLSH(params=(16, 8)): same candidates."""
    paragraphs = [p for f in SEEDS for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    texts = list(paragraphs)
    for k, p in enumerate(paragraphs[:40]):  # near-copies: one word changed or appended
        words = p.split()
        if len(words) > 20:
            words[len(words) // 2] = "changed"
            texts.append(" ".join(words))
        texts.append(p + f" Copy {k}.")
    sig = signatures(texts, num_perm=128, seed=1)
    lsh = MinHashLSH(num_perm=128, params=(16, 8))
    leans = [to_lean_minhash(row, seed=1) for row in sig]
    for i, m in enumerate(leans):
        lsh.insert(i, m)
    want = {(min(i, j), max(i, j)) for i, m in enumerate(leans) for j in lsh.query(m) if j != i}
    got = {tuple(p) for p in candidate_pairs(band_hashes(sig, bands=16, rows=8)).tolist()}
    assert len(want) >= 40
    assert got == want


def test_small_and_large_buckets_split_the_pairs() -> None:
    column = np.array([4, 9, 4, 4, 9, 7, 4, 1, 9], dtype=np.uint64)
    small = {tuple(p) for p in bucket_pairs(column, max_bucket=3).tolist()}
    assert small == {(1, 4), (1, 8), (4, 8)}
    assert [b.tolist() for b in large_buckets(column, 3)] == [[0, 2, 3, 6]]
    every = {tuple(p) for p in bucket_pairs(column).tolist()}
    assert every == small | set(itertools.combinations([0, 2, 3, 6], 2))
    assert bucket_pairs(np.array([], dtype=np.uint64)).shape == (0, 2)


def _components_by_search(n: int, edges: list[tuple[int, int]]) -> list[int]:
    adj: dict[int, set[int]] = {i: set() for i in range(n)}
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    label = [-1] * n
    for start in range(n):
        if label[start] >= 0:
            continue
        stack = [start]
        while stack:
            x = stack.pop()
            if label[x] < 0:
                label[x] = start  # start is the smallest member: visited in order
                stack.extend(adj[x])
    return label


def test_union_find_gives_the_connected_components() -> None:
    rng = np.random.default_rng(3)
    n = 500
    a = rng.integers(0, n, 400)
    b = rng.integers(0, n, 400)
    uf = UnionFind(n)
    uf.union(a[:200], b[:200])
    uf.union(a[200:], b[200:])
    want = _components_by_search(n, list(zip(a.tolist(), b.tolist(), strict=True)))
    assert uf.roots().tolist() == want
    x, y = int(a[0]), int(b[0])
    assert uf.connected(x, y)
    assert uf.find(y) == want[y]


def test_union_find_long_chain_and_star() -> None:
    n = 2000
    uf = UnionFind(n)
    uf.union(np.arange(n - 1, 0, -1), np.arange(n - 2, -1, -1))  # chain n-1 ~ n-2 ~ ... ~ 0
    assert set(uf.roots().tolist()) == {0}
    star = UnionFind(10)
    star.union(np.full(5, 9), np.array([8, 7, 6, 5, 4]))
    assert star.roots().tolist() == [0, 1, 2, 3, 4, 4, 4, 4, 4, 4]
