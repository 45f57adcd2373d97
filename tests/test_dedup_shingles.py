"""Words and shingle hashes: the vectorized path against the definition."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textclean.dedup import _gen_unicode
from textclean.dedup import _reference as ref
from textclean.dedup.shingles import (
    CLASS_TABLE,
    batch_shingle_hashes,
    char_shingle_hashes,
    normalized_words_text,
    shingle_hashes,
    words,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# Text that mixes ASCII prose, punctuation, accents, other scripts, CJK, emoji,
# combining marks, odd spaces and surrogates, so word boundaries get exercised.
_ALPHABET = st.one_of(
    st.sampled_from(list("abcXYZ019 \n\t.,;:'\"-—–“”‘’«»…•·!?()[]/\\_&%$€£¥©®°±×÷")),
    st.sampled_from(list("éÉßẞİıΣσςΟΔÅåøÆœЖжѣاسلام׳שלוםनमस्तेকী한국어")),
    st.sampled_from(list("東京タワーはひらがなカタカナ、。「」！？ｱｲ　")),
    st.sampled_from(["\u00a0", "\u200b", "\u2028", "\ufeff", "\ufffd", "\u0301", "\ufe0f"]),
    st.sampled_from(["😀", "👍🏽", "🇫🇷", "\U00020000", "\ud800", "\udfff", "İstanbul"]),
    st.sampled_from(["the ", "cat ", "sat ", " on ", "ΟΔΟΣ ", "\n\n", "naïve "]),
    st.characters(codec="utf-8"),
    st.characters(),
)
TEXTS = st.lists(_ALPHABET, max_size=200).map("".join)


def test_words_by_hand() -> None:
    assert words("Don’t PANIC: 42 naïve CAFÉS!") == ["don", "t", "panic", "42", "naïve", "cafés"]
    assert words("e-mail, under_score; U.S.A.") == ["e", "mail", "under", "score", "u", "s", "a"]
    assert words("  «Привет» — ΟΔΟΣ  ") == ["привет", "οδοσ"]
    # Final sigma, dotted capital I and Kelvin sign fold to their plain lower case.
    assert words("ΟΔΟΣ οδος") == ["οδοσ", "οδοσ"]
    assert words("İSTANBUL K") == ["istanbul", "k"]
    assert words("東京タワー。ok") == ["東", "京", "タ", "ワ", "ー", "ok"]
    assert words("x\u00a0y\u200bz\u3000w") == ["x", "y", "z", "w"]
    assert words("") == []
    assert words("...!!! —") == []
    # Combining marks stay inside their word; emoji separate words.
    assert words("cafe\u0301 nice😀day") == ["cafe\u0301", "nice", "day"]


def test_common_punctuation_and_spaces_separate_words() -> None:
    punct = "“”‘’«»‹›—–‐‑…•·¡¿§¶†‡′″\u00a0\u2009\u202f\u3000、。「」！？：（）\ufffd\ufeff"
    for ch in punct:
        assert CLASS_TABLE[ord(ch)] == 0, f"U+{ord(ch):04X} should separate words"
    for cp in range(128):
        ch = chr(cp)
        assert CLASS_TABLE[cp] == (1 if ch.isalnum() else 0), repr(ch)


def test_letters_of_many_scripts_are_word_characters() -> None:
    for ch in "éßøæœłğıšžαωжяשاسकিঅ한ğ\u0301\u0903":
        assert CLASS_TABLE[ord(ch)] == 1, f"U+{ord(ch):04X} should be a word character"
    # Every Basic Latin/Latin-1/Latin Extended/Greek/Cyrillic letter is a word character.
    for cp in range(0xC0, 0x530):
        if unicodedata.category(chr(cp)).startswith("L"):
            assert CLASS_TABLE[cp] == 1, f"U+{cp:04X}"


def test_space_separators_and_dashes_never_join_words() -> None:
    # Every space, dash, opening/closing quote and bracket of the BMP separates words.
    for cp in range(0x80, 0x10000):
        cat = unicodedata.category(chr(cp))
        if cat in ("Zs", "Zl", "Zp", "Pi", "Pf", "Pd", "Ps", "Pe"):
            assert CLASS_TABLE[cp] == 0, f"U+{cp:04X} {cat}"


@pytest.mark.skipif(
    unicodedata.unidata_version != _gen_unicode.UNICODE_VERSION,
    reason="the frozen tables are generated from Unicode 14.0.0 (Python 3.11)",
)
def test_frozen_unicode_tables_are_what_the_generator_makes() -> None:
    committed = (ROOT / "textclean" / "dedup" / "_unicode_data.py").read_text(encoding="utf-8")
    assert committed == _gen_unicode.render()


def test_lower_map_is_str_lower_of_one_character() -> None:
    for cp in [*range(0x20, 0x3000), 0x10400, 0x1E900, 0xFF21, 0x212A]:
        ch = chr(cp)
        expected = ch.lower() if len(ch.lower()) == 1 else ch
        if cp == 0x130:
            expected = "i"
        elif cp == 0x3C2:
            expected = "σ"
        if unicodedata.unidata_version == "14.0.0" or ch.isascii():
            assert ref.ref_lower(ch) == expected, f"U+{cp:04X}"
    assert ref.ref_lower("ÀÉÎÕÜ ÆØÅ ŁŃŚŹ ДЖЯ ΑΒΓ") == "àéîõü æøå łńśź джя αβγ"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=6))
def test_vectorized_matches_reference(text: str, ngram: int) -> None:
    assert words(text) == ref.ref_words(text)
    assert shingle_hashes(text, ngram).tolist() == ref.ref_shingle_hashes(text, ngram)
    assert char_shingle_hashes(text, ngram).tolist() == ref.ref_char_shingle_hashes(text, ngram)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(TEXTS, max_size=8), st.integers(min_value=1, max_value=5))
def test_batch_equals_one_text_at_a_time(texts: list[str], ngram: int) -> None:
    hashes, offsets = batch_shingle_hashes(texts, ngram)
    assert offsets[0] == 0 and offsets[-1] == hashes.size
    for i, text in enumerate(texts):
        assert hashes[offsets[i] : offsets[i + 1]].tolist() == ref.ref_shingle_hashes(text, ngram)


def test_seed_documents_match_reference() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert words(text) == ref.ref_words(text)
        assert shingle_hashes(text).tolist() == ref.ref_shingle_hashes(text)


def test_shingles_are_word_ngrams_in_order() -> None:
    h = shingle_hashes("A b, A b; a B a", ngram=2).tolist()
    # "a b", "b a", "a b", "b a", "a b", "b a": repeats kept, case and punctuation folded
    assert h[0] == h[2] == h[4] and h[1] == h[3] == h[5] and h[0] != h[1]
    assert len(h) == 6
    long = shingle_hashes("one two three four five six seven")
    assert long.dtype == np.uint32 and long.size == 3
    assert long[2] == shingle_hashes("three four five six seven")[0]


def test_short_text_is_one_shingle_of_all_its_words() -> None:
    three = shingle_hashes("Alpha beta gamma", ngram=5)
    assert three.size == 1
    # The same hash as the 3-gram of those three words: one formula for any length.
    assert three[0] == shingle_hashes("alpha BETA gamma", ngram=3)[0]
    assert shingle_hashes("alpha beta delta", ngram=5)[0] != three[0]
    assert shingle_hashes("word").size == 1
    assert shingle_hashes("").size == 0
    assert shingle_hashes("  — !!! …").size == 0
    assert shingle_hashes("").dtype == np.uint32


def test_word_order_and_boundaries_matter() -> None:
    assert shingle_hashes("ab c", 2)[0] != shingle_hashes("a bc", 2)[0]
    assert shingle_hashes("a b", 2)[0] != shingle_hashes("b a", 2)[0]
    assert shingle_hashes("ab", 1)[0] != shingle_hashes("ba", 1)[0]


def test_char_shingles_fold_case_quotes_and_spacing() -> None:
    a = char_shingle_hashes("The quick brown fox")
    b = char_shingle_hashes("“the   QUICK brown fox!”")
    assert a.tolist() == b.tolist()
    assert a.size == len("the quick brown fox") - 5 + 1
    assert char_shingle_hashes("abc", 5).size == 1
    assert char_shingle_hashes("…", 5).size == 0
    assert normalized_words_text("A  “b”\n\nC") == "a b c"


def test_char_shingles_are_finer_than_word_shingles_for_short_paragraphs() -> None:
    from textclean.dedup.minhash import jaccard

    one = (
        "The council approved the new budget on Tuesday after a long debate "
        "about school funding and road repairs in the northern district."
    )
    two = one.replace("long", "lengthy")
    word_j = jaccard(shingle_hashes(one), shingle_hashes(two))
    char_j = jaccard(char_shingle_hashes(one), char_shingle_hashes(two))
    assert word_j < 0.75 < char_j


def test_stable_across_processes_and_hash_seeds() -> None:
    code = (
        "import json; from textclean.dedup.shingles import shingle_hashes, char_shingle_hashes;"
        "t = 'Stable hashes — über alles, 東京 😀 across runs and machines';"
        "print(json.dumps([shingle_hashes(t, 3).tolist(), char_shingle_hashes(t).tolist()]))"
    )
    outs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outs.append(json.loads(run.stdout))
    assert outs[0] == outs[1]
    t = "Stable hashes — über alles, 東京 😀 across runs and machines"
    assert outs[0][0] == ref.ref_shingle_hashes(t, 3)


def test_golden_values_pin_the_definition() -> None:
    # Pins SHINGLE_HASH_VERSION "textclean-poly64-fmix-v1". The numbers come
    # from the formula in the shingles docstring, evaluated independently with
    # pow(P, i, 2**64) (word hash fmix64(sum(c_i * P**i)), n-gram g = g * Q + w,
    # top 32 bits of fmix64(g)). A change here breaks every stored signature:
    # bump the version instead.
    assert ref.poly("ab") == (97 + 98 * 0x9E3779B97F4A7C15) % 2**64
    assert ref.fmix64(0) == 0
    assert shingle_hashes("hello world", 2).tolist() == [GOLDEN_HELLO_WORLD]
    assert char_shingle_hashes("hello", 5).tolist() == [GOLDEN_CHAR_HELLO]


GOLDEN_HELLO_WORLD = 1110284906
GOLDEN_CHAR_HELLO = 5716232


@pytest.mark.parametrize("bad", [0, -1])
def test_ngram_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError):
        shingle_hashes("a b c", bad)
    with pytest.raises(ValueError):
        char_shingle_hashes("a b c", bad)


def test_compiled_word_hashes_equal_batch_shingle_hashes() -> None:
    from textclean.dedup import _kernel

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    texts = [
        "Hello, World! The U.S. — Straße, Ελλάδα; 東京タワー",
        "",
        "*** ---",
        "a b a b a",
        "x\ud800y ok",  # a lone surrogate is not a word character
        "ǅemal İstanbul ΣΊΣΥΦΟΣ",
        "word🙂word 9.5 well-known",
    ]
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    starts = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=starts[1:])
    got, got_offsets = _kernel.word_hashes_utf8(
        np.frombuffer(b"".join(encoded), dtype=np.uint8), starts
    )
    want, want_offsets = batch_shingle_hashes(texts, ngram=1)
    assert got_offsets.tolist() == want_offsets.tolist()
    assert got.dtype == want.dtype and got.tolist() == want.tolist()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=6))
def test_compiled_char_shingle_hashes_equal_the_numpy_ones(text: str, ngram: int) -> None:
    from textclean.dedup import _kernel

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    got = _kernel.char_shingle_hashes(text, ngram)
    want = char_shingle_hashes(text, ngram)
    assert got.dtype == want.dtype and got.tolist() == want.tolist()


def test_compiled_char_shingle_hashes_on_hand_picked_texts() -> None:
    from textclean.dedup import _kernel

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    for text in ["", "...", "a", "ab cd", "“The QUICK brown fox!” — 東京タワー", "İstanbul ΣΊΣΥΦΟΣ",
                 "x\ud800y ok", "word🙂word 9.5", "ǅemal"]:  # fmt: skip
        for ngram in (1, 3, 5, 9):
            want = char_shingle_hashes(text, ngram)
            assert _kernel.char_shingle_hashes(text, ngram).tolist() == want.tolist(), text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=6))
def test_compiled_word_shingle_set_is_the_unique_numpy_hashes(text: str, ngram: int) -> None:
    from textclean.dedup import _kernel

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    got = _kernel.word_shingle_set(text, ngram)
    want = np.unique(shingle_hashes(text, ngram))
    assert got.dtype == want.dtype and got.tolist() == want.tolist()
    # texts without words, with fewer words than n, and repeated n-grams
    for hand in ["", "...", "a", "a b", "a b a b a b", "x\ud800y ok ok"]:
        want = np.unique(shingle_hashes(hand, ngram))
        assert _kernel.word_shingle_set(hand, ngram).tolist() == want.tolist(), hand


def test_block_hashes_equal_the_word_hashes_and_signatures() -> None:
    """The repeats stage's one pass: each block's word hashes as ``word_hashes_utf8``
    gives them, and the word 2-gram MinHash of the blocks asked for (signed, with
    enough words) as ``signatures`` gives it; other rows are left as they were."""
    from textclean.dedup import _kernel
    from textclean.dedup.minhash import EMPTY_HASH, permutations, signatures

    if not _kernel.AVAILABLE or _kernel.load() is None:
        pytest.skip("numba not available")
    texts = [
        "Hello, World! The U.S. — Straße, Ελλάδα; 東京タワー and more words here",
        "",
        "*** ---",
        "a b a b a b a b a",
        "x\ud800y ok then some more words to make it long",
        "ǅemal İstanbul ΣΊΣΥΦΟΣ one two three four five",
        "word🙂word 9.5 well-known",
        "one",
    ]
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    starts = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=starts[1:])
    buf = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    signed = np.array([True, True, True, True, True, False, True, True])
    for long_words in (0, 1, 5):
        a, b = permutations(16, 3)
        sig = np.full((len(texts), 16), EMPTY_HASH, dtype=np.uint32)
        got, got_offsets = _kernel.block_hashes_utf8(buf, starts, long_words, signed, a, b, sig)
        want, want_offsets = _kernel.word_hashes_utf8(buf, starts)
        assert got_offsets.tolist() == want_offsets.tolist()
        assert got.tolist() == want.tolist()
        words = np.diff(want_offsets)
        expected = signatures(texts, num_perm=16, seed=3, ngram=2, backend="numpy")
        for d in range(len(texts)):
            if signed[d] and words[d] >= long_words:
                assert sig[d].tolist() == expected[d].tolist(), d
            else:
                assert (sig[d] == EMPTY_HASH).all(), d
