"""clean_text/clean_document/score_text reuse built pipelines (cached on config + stages + skip)."""

from __future__ import annotations

import textclean
from textclean import Config


def test_the_same_settings_reuse_one_pipeline_and_other_settings_do_not() -> None:
    p = textclean._pipeline
    base = p(None, None, (), {})
    assert p(None, None, [], {}) is base
    assert p(Config(), None, (), {}) is p(Config(), None, (), {})  # equal configs, one pipeline
    folded = p(None, None, (), {"normalize": {"fold_quotes": True}})
    assert folded is not base and folded.config.normalize.fold_quotes
    assert p(None, None, (), {"normalize": {"fold_quotes": True}}) is folded
    skipped = p(None, None, ["despin"], {})
    assert "despin" not in skipped.stage_names and "despin" in base.stage_names
    assert p(None, ("repair", "normalize"), (), {}).stage_names == ("repair", "normalize")


def test_cached_calls_give_what_a_fresh_pipeline_gives() -> None:
    text = "Skip to content\nCaf\u00c3\u00a9 \u201cnews\u201d  today.\r\n"
    fresh = textclean.Pipeline.from_config(Config().replace(normalize={"fold_quotes": True}))
    expected = fresh.process(textclean.Document("0", text)).text
    for _ in range(3):
        assert textclean.clean_text(text, normalize={"fold_quotes": True}) == expected
    assert expected == 'Café "news" today.\n'
    doc = textclean.clean_document(text)
    assert doc.text == "Café \u201cnews\u201d today.\n" and doc.edits
    assert textclean.score_text(text)["dropped"] is None
