"""The numba quality kernels agree with the regex tokenizer and the numpy n-gram path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textclean.config import Config
from textclean.stages import quality
from textclean.stages.quality import _kernel, signals

pytestmark = pytest.mark.skipif(not _kernel.AVAILABLE, reason="numba not available")


@pytest.fixture(autouse=True)
def _compiled() -> None:
    # numba imported: the stage takes its compiled path from the first character
    assert _kernel.load() is not None


ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "",
    "a",
    "x'-y a--b don't 'quoted' it’s -lead trail- 9.5 well-known co-op's",
    "\ud800abc \udfff x\ud800y",  # lone surrogates are not word characters
    "İstanbul THE The the Of of ΣΊΣΥΦΟΣ",
    "e\u0301t\u00e9 \u0301lead n\u0303o",  # combining marks join words
    "日本語のテキスト。中文，也可以。 한국어 텍스트",
    "👨‍👩‍👧 🇫🇷 word🙂word #tag @user",
    "the cat sat on the mat the cat sat on the mat the cat sat on the mat again",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    prose = sorted((ROOT / "tests" / "data" / "prose").glob("*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in prose]
    return texts


def _numbered(words: list[str]) -> list[int]:
    vocab: dict[str, int] = {}
    return [vocab.setdefault(w, len(vocab)) for w in words]


@pytest.mark.parametrize("text", _texts())
def test_kernel_words_are_the_regex_words(text: str) -> None:
    kw = _kernel.Words(text)
    words = signals.words_of(text)
    got = [text[a:b] for a, b in zip(kw.starts.tolist(), kw.ends.tolist(), strict=True)]
    assert got == words
    assert kw.ids.tolist() == _numbered(words)
    assert kw.alpha.tolist() == [signals._HAS_ALPHA.search(w) is not None for w in words]
    spellings = [text[a:b] for a, b in zip(kw.vstart.tolist(), kw.vend.tolist(), strict=True)]
    assert spellings == list(dict.fromkeys(words))


def _both(text: str) -> tuple[dict[str, object], dict[str, object]]:
    thresholds = quality.build(Config(), None).thresholds
    assert signals.Parsed(text)._kernel_words is not None  # the compiled path is taken
    fast = signals.score(text, thresholds)
    saved = _kernel.AVAILABLE
    _kernel.AVAILABLE = False
    try:
        slow = signals.score(text, thresholds)
    finally:
        _kernel.AVAILABLE = saved
    return fast, slow


@pytest.mark.parametrize("text", _texts())
def test_kernel_scores_equal_numpy_scores(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "the", "b-a", "x’y", " ", "\n", ".", "É"])))
def test_kernel_ngrams_on_repetitive_text(parts: list[str]) -> None:
    text = " ".join(parts)
    fast, slow = _both(text)
    assert fast == slow


def test_ngram_chars_by_hand() -> None:
    # "ab ab ab": top 2-gram "ab ab" occurs twice: (2 + 2 + 1) * 2 = 10 characters
    ids = np.array([0, 0, 0], dtype=np.int64)
    prefix = np.array([0, 2, 4, 6], dtype=np.int64)
    assert _kernel.ngram_chars(ids, prefix)[:2] == [10, 0]


# Words and tails that reach every branch of the C4 line tests, the lower-casing (a
# final sigma, a dotted capital I, the Kelvin sign), the sentence ends (closing
# quotes and brackets, a line ending in a quote) and the repeated n-grams.
_WORDS = ["the", "The", "of", "OF", "and", "word", "ΟΔΟΣ", "ΣΑΣ", "İs", "\u212aelvin", "a-b"]
_INSIDE = [" ", " ", "  ", "\x1c", ". ", "? ", '." ', ".) ", "’ ", "[1] ", "[edit]", "# ", "{ "]
_MARKS = ["Lorem Ipsum", "JavaScript", "Privacy Policy", "uses cookies", "terms of USE"]
_TAILS = [".", "!", "?!", '."', '"', ".)", "...", "…", "[1].", ".[1]", "", ":", "{.", " ."]
_LINE = st.tuples(
    st.sampled_from(["", "", "- ", "• ", "  "]),
    st.lists(
        st.tuples(st.sampled_from(_WORDS + _MARKS[:1]), st.sampled_from(_INSIDE)),
        min_size=1,
        max_size=9,
    ),
    st.sampled_from(_WORDS + _MARKS),
    st.sampled_from(_TAILS),
    st.sampled_from(["\n", "\n", "\n\n", " \n"]),
).map(lambda p: p[0] + "".join(w + s for w, s in p[1]) + p[2] + p[3] + p[4])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=30), st.integers(0, 3))
def test_signals_equal_the_reference_on_generated_lines(lines: list[str], copies: int) -> None:
    from tests import quality_reference

    thresholds = quality.build(Config(), None).thresholds
    text = "".join(lines * (1 + copies // 2))  # repeated lines, paragraphs and n-grams
    assert signals.Parsed(text)._kernel_words is not None  # the compiled path
    want = quality_reference.score(text, thresholds)
    got, _ = signals.score(text, thresholds)
    assert {k: got[k] for k in want} == want


_STOP_PARTS = ["the", "THE", "tHe", "Th", "\u212aey", "key", "İs", "is", "i\u0307s", "to", "TO"]
_STOP_PARTS += ["of", "ΣΑΣ", "σας", "with", "a", "x'-y", "é", " ", "-", "'", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STOP_PARTS)))
def test_kernel_stop_words_equal_the_lowered_spellings(parts: list[str]) -> None:
    # the Kelvin sign lowers to an ASCII "k", a dotted capital I to two characters
    text = " ".join(parts) + "".join(parts)
    sets = [
        frozenset({"the", "to", "of", "with", "be"}),
        frozenset({"key", "i\u0307s", "σας", "is"}),  # a stop word outside ASCII
        frozenset(),
    ]
    for stop in sets:
        p = signals.Parsed(text)
        assert p._kernel_words is not None
        longest = max(map(len, stop), default=0)
        want = signals._distinct_stop_words(p.spellings(longest), stop)
        assert p.stop_words(stop) == want


def test_kernel_stop_words_by_hand() -> None:
    stop = frozenset({"the", "key", "i\u0307s"})
    assert signals.Parsed("THE \u212aEY İs").stop_words(stop) == 3
    assert signals.Parsed("them keys is").stop_words(stop) == 0
