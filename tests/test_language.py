"""Language: recorded per document; English-only despin and quality checks skip other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

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
