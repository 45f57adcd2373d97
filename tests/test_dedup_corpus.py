"""Corpus dedup: verification, clusters and the keep rule (textclean.dedup.corpus)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

import textclean.dedup
from textclean.config import ConfigError, DedupConfig
from textclean.dedup.corpus import CorpusDeduper, Duplicate, find_duplicates, jaccard_many
from textclean.dedup.shingles import words
from textclean.document import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def word_jaccard(a: str, b: str, n: int = 5) -> float:
    """Jaccard of word n-gram sets, with Python sets of word tuples (independent check)."""

    def grams(t: str) -> set[tuple[str, ...]]:
        w = words(t)
        return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb)


def substitute(text: str, positions: list[int], tag: str) -> str:
    w = text.split()
    for k, p in enumerate(positions):
        w[p] = f"{tag}{k}"
    return " ".join(w)


def paragraphs() -> list[str]:
    """Real, distinct paragraphs of at least 40 words from the seed articles.

    (The seed articles repeat some paragraphs inside themselves; those repeats are
    left out here, so the list has no copies.)
    """
    out = []
    for text in SEEDS:
        out += [p for p in text.split("\n") if len(p.split()) >= 40]
    return list(dict.fromkeys(out))


ARTICLE = max(SEEDS, key=len)


def test_near_copy_with_a_changed_footer_is_found() -> None:
    original = ARTICLE + "\nCopyright 2024 Daily Ledger. All rights reserved.\n"
    copy = ARTICLE + "\nRead more at the Morning Post: subscribe for daily updates.\n"
    docs = [(f"seed{i}", t) for i, t in enumerate(SEEDS) if t is not ARTICLE]
    docs += [("site-a/story", original), ("site-b/story", copy)]
    dd = CorpusDeduper(DedupConfig())
    for doc_id, text in docs:
        dd.add(doc_id, text)
    result = dd.finish()
    assert list(result.duplicates) == ["site-b/story"]
    dup = result.duplicates["site-b/story"]
    assert dup.kept_id == "site-a/story"
    assert dup.similarity == pytest.approx(word_jaccard(original, copy), abs=0.002)
    assert dup.similarity > 0.95
    assert result.clusters == 1
    assert result.verified_pairs == 1
    assert result.documents == len(docs)


def test_unrelated_documents_are_never_dropped() -> None:
    paras = paragraphs()
    assert len(paras) >= 20
    docs = [(f"p{i}", p) for i, p in enumerate(paras)]
    docs += [(f"seed{i}", t) for i, t in enumerate(SEEDS)]
    assert find_duplicates(docs) == {}
    # Near copies of one paragraph at several distances. The LSH bands are tuned for 0.8, so
    # there every copy clearly above the threshold is found; lower thresholds find at least
    # the close copies, and every drop is verified (only pairs truly above it may go).
    base = max(paras, key=len)
    rng = random.Random(3)
    n = len(base.split())
    copies = {
        f"copy{k}": substitute(base, sorted(rng.sample(range(n), changed)), f"x{k}")
        for k, changed in enumerate((1, 4, 12))
    }
    docs += list(copies.items())
    text = dict(docs)
    base_id = next(i for i, t in docs if t == base)
    for threshold in (0.8, 0.5, 0.2):
        found = find_duplicates(docs, threshold=threshold)
        expected = {c for c in copies if word_jaccard(base, text[c]) >= max(threshold, 0.8) + 0.1}
        assert expected and expected <= set(found) | {base_id}, threshold
        for dropped, kept in found.items():
            assert {dropped, kept} <= {base_id, *copies}  # nothing unrelated is ever dropped
            assert word_jaccard(text[dropped], text[kept]) >= threshold


def test_chain_does_not_drop_the_far_end() -> None:
    w = ARTICLE.split()[:405]
    a = " ".join(w)
    b = substitute(a, [20, 50, 80, 110, 140, 170], "bee")
    c = substitute(b, [220, 250, 280, 310, 340, 370], "sea")
    assert word_jaccard(a, b) >= 0.8 and word_jaccard(b, c) >= 0.8
    assert word_jaccard(a, c) < 0.8
    assert find_duplicates([("A", a), ("B", b), ("C", c)]) == {"B": "A"}
    # B first: B is kept, and both A and C are within the threshold of B.
    assert find_duplicates([("B", b), ("A", a), ("C", c)]) == {"A": "B", "C": "B"}


def test_leftover_members_of_a_chain_are_deduped_among_themselves() -> None:
    w = ARTICLE.split()[:405]
    a = " ".join(w)
    b = substitute(a, [20, 50, 80, 110, 140, 170], "bee")
    c = substitute(b, [220, 250, 280, 310, 340, 370], "sea")
    c2 = c + " Photo: Reuters"
    assert word_jaccard(a, c2) < 0.8 <= word_jaccard(c, c2)
    found = find_duplicates([("A", a), ("B", b), ("C", c), ("C2", c2)])
    assert found == {"B": "A", "C2": "C"}


def test_keep_rules() -> None:
    base = " ".join(ARTICLE.split()[:300])
    short = base
    long = base + " This article first appeared in print."
    docs = [("m", long), ("z", short), ("a", long + " Updated.")]
    assert find_duplicates(docs, keep="first") == {"z": "m", "a": "m"}
    assert find_duplicates(docs, keep="longest") == {"m": "a", "z": "a"}
    assert find_duplicates(docs, keep="lowest_id") == {"m": "a", "z": "a"}
    # equal lengths: input order breaks the tie
    tie = [("x", base + " one"), ("y", base + " two")]
    assert find_duplicates(tie, keep="longest") == {"y": "x"}
    with pytest.raises(ConfigError, match="keep"):
        find_duplicates(docs, keep="newest")


def _corpus_with_copies(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    paras = paragraphs()
    docs = [(f"orig{i:03d}", p) for i, p in enumerate(paras)]
    for k in range(40):
        src = rng.choice(paras).split()
        for _ in range(rng.choice([0, 1, 2, 6])):
            src[rng.randrange(len(src))] = rng.choice(["alpha", "beta", "gamma"])
        docs.append((f"copy{k:03d}", " ".join(src)))
    rng.shuffle(docs)
    return docs


def test_results_do_not_depend_on_batching_or_spilling(tmp_path: Path) -> None:
    docs = _corpus_with_copies(7)
    results = []
    spill = DedupConfig(spill_dir=str(tmp_path))
    for config, batch_size, max_bucket in [
        (DedupConfig(), 1, 32),
        (DedupConfig(), 3, 2),
        (DedupConfig(), 1024, 32),
        (spill, 17, 1000),
        (spill, 5, 3),
    ]:
        dd = CorpusDeduper(config, batch_size=batch_size, max_bucket=max_bucket)
        dd.add_many(docs)
        results.append(dd.finish())
    first = results[0]
    assert len(first.duplicates) >= 20
    for r in results[1:]:
        assert r.duplicates == first.duplicates
        assert r.clusters == first.clusters


def test_lowest_id_does_not_depend_on_input_order() -> None:
    docs = _corpus_with_copies(8)
    want = find_duplicates(docs, keep="lowest_id")
    assert len(want) >= 20
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert find_duplicates(shuffled, keep="lowest_id") == want


def test_every_drop_is_verified_against_the_kept_document() -> None:
    docs = _corpus_with_copies(9)
    text = dict(docs)
    dd = CorpusDeduper(DedupConfig(threshold=0.7))
    dd.add_many(docs)
    result = dd.finish()
    kept_ids = {k for k in text if k not in result.duplicates}
    for dropped, dup in result.duplicates.items():
        assert dup.kept_id in kept_ids  # never dropped against a dropped document
        assert dup.similarity == pytest.approx(word_jaccard(text[dropped], text[dup.kept_id]))
        assert dup.similarity >= 0.7
    assert result.clusters == len({d.kept_id for d in result.duplicates.values()})


def test_many_exact_copies_go_through_the_large_bucket_path() -> None:
    base = " ".join(ARTICLE.split()[:120])
    docs = [(f"d{i:03d}", base + (" Edited." if i % 2 else "")) for i in range(150)]
    docs.append(("other", SEEDS[0]))
    small = CorpusDeduper(DedupConfig(), max_bucket=4)
    small.add_many(docs)
    r_small = small.finish()
    big = CorpusDeduper(DedupConfig(), max_bucket=10_000)
    big.add_many(docs)
    r_big = big.finish()
    assert r_small.duplicates == r_big.duplicates
    assert set(r_small.duplicates) == {f"d{i:03d}" for i in range(1, 150)}
    assert {d.kept_id for d in r_small.duplicates.values()} == {"d000"}
    # already-joined pairs in big buckets are not re-verified
    assert r_small.candidate_pairs < r_big.candidate_pairs


def test_empty_and_wordless_documents_are_never_duplicates() -> None:
    found = find_duplicates([("a", ""), ("b", ""), ("c", " -- !! "), ("d", "…")])
    assert found == {}


def test_short_texts_still_compare() -> None:
    # fewer words than ngram: one shingle of all words, so only exact word matches pair up
    assert find_duplicates([("a", "Breaking news!"), ("b", "breaking NEWS"), ("c", "Other")]) == {
        "b": "a"
    }


def test_documents_and_pairs_are_accepted() -> None:
    text = ARTICLE
    docs = [
        Document(id="one", text=text),
        Document(id="gone", text=text, dropped="quality.c4"),
        Document(id="two", text=text + " Share this."),
    ]
    assert textclean.dedup.find_duplicates(docs) == {"two": "one"}
    assert find_duplicates(iter([("x", text), ("y", text)])) == {"y": "x"}


def test_duplicate_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="'x' was added twice"):
        find_duplicates([("x", "some text here"), ("y", "other"), ("x", "again")])


def test_api_misuse() -> None:
    dd = CorpusDeduper()
    dd.add("a", "text")
    assert dd.finish().duplicates == {}
    with pytest.raises(RuntimeError):
        dd.add("b", "more")
    with pytest.raises(RuntimeError):
        dd.finish()
    with pytest.raises(ConfigError, match="bands \\* rows"):
        DedupConfig(bands=20)
    with pytest.raises(ConfigError, match="threshold"):
        DedupConfig(threshold=0.0)


def test_jaccard_many_matches_python_sets() -> None:
    rng = np.random.default_rng(2)
    sets = [np.unique(rng.integers(0, 60, int(rng.integers(0, 40)))) for _ in range(50)]
    values = np.concatenate(sets).astype(np.uint32)
    offsets = np.concatenate(([0], np.cumsum([s.size for s in sets])))
    left = rng.integers(0, 50, 400)
    right = rng.integers(0, 50, 400)
    got = jaccard_many(values, offsets, left, right)
    for g, i, j in zip(got.tolist(), left.tolist(), right.tolist(), strict=True):
        a, b = set(sets[i].tolist()), set(sets[j].tolist())
        want = len(a & b) / len(a | b) if a and b else 0.0
        assert g == pytest.approx(want)


def test_duplicate_record() -> None:
    assert Duplicate("a", 0.9) == Duplicate(kept_id="a", similarity=0.9)


def test_the_compiled_pass_hashes_exactly_as_the_numpy_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textclean.dedup import _kernel

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    docs = [
        *_corpus_with_copies(3)[:60],
        ("empty", ""),
        ("punct", "... --- !!!"),
        ("short", "two words"),
        ("mixed", "Straße ΣΊΣΥΦΟΣ 東京タワー x\ud800y naïve CAFÉS 42"),
        ("repeats", "a b c d e f " * 40),
    ]
    exported = []
    for compiled in (True, False):
        if not compiled:
            monkeypatch.setattr(_kernel, "load", lambda: None)
        dd = CorpusDeduper(DedupConfig(), batch_size=7)
        dd.add_many(docs)
        exported.append(dd.export_hashed())
    fast, slow = exported
    assert fast.counts.tolist() == slow.counts.tolist()
    assert fast.values.dtype == slow.values.dtype
    assert np.array_equal(fast.values, slow.values)
    assert np.array_equal(fast.bands, slow.bands)
    assert fast.lengths.tolist() == slow.lengths.tolist()
