"""Language: recorded per document; English-only despin and quality checks skip other languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textclean
from textclean import Config

PROSE = Path(__file__).resolve().parent / "data" / "prose"


def text(name: str) -> str:
    return (PROSE / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "lang"),
    [("en_0012", "en"), ("fr-FR_0041", "fr"), ("de-DE_0041", "de"), ("es-ES_0041", "es")],
)
def test_language_and_confidence_are_in_the_scores(name: str, lang: str) -> None:
    scores = textclean.score_text(text(name))
    assert scores["language"] == lang
    assert 0.9 <= scores["language.confidence"] <= 1.0


def test_despin_leaves_other_languages_alone_and_says_so() -> None:
    french = textclean.score_text(text("fr-FR_0041"))
    assert french["despin.skipped"] == "language fr"
    assert "spin_score" not in french and "spun" not in french
    english = textclean.score_text(text("en_0012"))
    assert "despin.skipped" not in english and english["spun"] is False


def test_the_stop_word_check_is_not_applied_to_other_languages() -> None:
    german = text("de-DE_0041")
    off = textclean.score_text(german, language={"identify": False})
    assert "language" not in off
    assert "gopher_quality.stop_words" in off["quality.failed"].split(",")  # English stop words
    on = textclean.score_text(german)
    assert on["gopher.stop_words"] == off["gopher.stop_words"]  # still scored
    assert "gopher_quality.stop_words" not in on["quality.failed"].split(",")
    assert on["quality.skipped"] == "gopher_quality.stop_words: language de"
    dropped = textclean.clean_document(
        german, quality={"drop_on_quality": True, "checks": ["gopher_quality"]}
    )
    assert dropped.dropped is None or "stop_words" not in dropped.dropped


def test_a_short_or_unsure_text_is_not_skipped() -> None:
    short = "Bonjour."  # too short for a confident guess
    scores = textclean.score_text(short, config=Config())
    assert scores["language.confidence"] < 0.9
    assert "despin.skipped" not in scores and "quality.skipped" not in scores


def _compiled_or_skip() -> Any:
    from textclean.stages import language

    fast = language.compiled(language.identifier())
    if fast is None:
        pytest.skip("numba not available")
    return fast


def test_the_compiled_path_gives_py3langids_exact_answer_on_every_prose_text() -> None:
    from textclean.stages import language

    fast = _compiled_or_skip()
    ident = language.identifier()
    for path in sorted(PROSE.glob("*.txt")):
        prose = path.read_text(encoding="utf-8")
        for sample in (prose, prose[:4000], prose[:50], prose.upper()):
            assert fast.classify(ident, sample) == ident.classify(sample), path.name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_the_compiled_path_gives_py3langids_exact_answer_on_any_text(sample: str) -> None:
    from textclean.stages import language

    fast = _compiled_or_skip()
    ident = language.identifier()
    assert fast.classify(ident, sample) == ident.classify(sample)


def test_identify_is_the_same_with_and_without_the_compiled_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textclean.dedup import _kernel
    from textclean.stages import language

    _compiled_or_skip()
    samples = [text("en_0012"), text("fr-FR_0041"), "", "ok", "ÀÉÎ ÕÜ 東京"]
    monkeypatch.setattr(_kernel, "stages_use_numba", lambda chars: True)
    monkeypatch.setattr(language, "stages_use_numba", lambda chars: True)
    fast = [language.identify(s) for s in samples]
    monkeypatch.setattr(language, "stages_use_numba", lambda chars: False)
    assert [language.identify(s) for s in samples] == fast


def test_the_compiled_gather_converts_every_normal_half_as_numpy_does() -> None:
    """The rows are converted to float32 by rebasing the exponent, which is exact for
    every normal half (the model holds no other); each count is read, then zeroed."""
    import numpy as np

    from textclean.stages import language

    fast = _compiled_or_skip()
    halves = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    exponent = (halves >> 10) & 0x1F
    normal = halves[(exponent != 0) & (exponent != 0x1F)]
    table = normal.reshape(-1, 30)  # 61,440 normal halves, 2,048 rows
    rows = len(table)
    order = np.arange(rows, dtype=np.int64)[::-1].copy()
    counts = np.arange(rows, dtype=np.int64) + 1
    raw = np.empty(table.shape, dtype=np.uint16)
    visits = np.empty(rows, dtype=np.float32)
    out = np.empty(table.shape, dtype=np.uint32)
    fast.gather(table, order, rows, counts, raw, visits, out)
    want = table[order].view(np.float16).astype(np.float32)
    assert np.array_equal(out.view(np.float32), want)
    assert visits.tolist() == (order + 1).tolist()
    assert not counts.any()
    assert not language._all_normal(np.array([[0x3C00, 0x0000]], dtype=np.uint16))
    assert not language._all_normal(np.array([[0x7C00]], dtype=np.uint16))
    assert language._all_normal(np.array([[0x3C00, 0x8400]], dtype=np.uint16))


def test_the_compiled_path_keeps_its_answers_as_its_buffers_grow() -> None:
    """The buffers kept between calls grow for a longer text; short texts after it, and
    texts with no feature at all, get py3langid's answers as before."""
    from textclean.stages import language

    fast = _compiled_or_skip()
    ident = language.identifier()
    long = " ".join(text(n) for n in ("en_0012", "fr-FR_0041", "de-DE_0041")) * 8
    assert len(long.encode("utf-8")) > 1 << 15
    for sample in (text("es-ES_0041")[:300], long, "", "\x00\x01", text("fr-FR_0041"), long[:9]):
        assert fast.classify(ident, sample) == ident.classify(sample)
