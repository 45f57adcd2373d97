"""Config: TOML loading, strict keys and types, stage order, fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from textclean.config import STAGE_ORDER, Config, ConfigError


def test_defaults() -> None:
    cfg = Config()
    assert cfg.stages == STAGE_ORDER
    assert cfg.repair.uncurl_quotes is False  # ftfy's cosmetic fixes are off
    assert cfg.input.text_key == "text" and cfg.input.max_document_chars == 10_000_000


def test_from_toml(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text(
        'stages = ["normalize", "repair"]\n[normalize]\nfold_quotes = true\n'
        '[input]\ntext_key = "content"\n'
    )
    cfg = Config.from_toml(p)
    assert cfg.stages == ("repair", "normalize")  # always the fixed order
    assert cfg.normalize.fold_quotes is True
    assert cfg.input.text_key == "content"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[normalize]\nfold_quotez = true\n", "unknown key"),
        ("[normalize]\nfold_quotes = 1\n", "expected true or false"),
        ("[dedup]\nthreshold = 'high'\n", "expected a number"),
        ('stages = ["repair", "spellcheck"]\n', "unknown stage"),
        ("[normalize\n", "invalid TOML"),
        ("[input]\nextensions = '.txt'\n", "expected a list"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, toml: str, message: str) -> None:
    p = tmp_path / "c.toml"
    p.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        Config.from_toml(p)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Config.from_toml(tmp_path / "nope.toml")


def test_replace_merges_sections() -> None:
    cfg = Config().replace(despin={"mode": "detect"}, dedup={"threshold": 0.9})
    assert cfg.despin.mode == "detect"
    assert cfg.dedup.threshold == 0.9 and cfg.dedup.num_perm == 128


def test_fingerprint_is_stable_and_sensitive() -> None:
    assert Config().fingerprint() == Config().fingerprint()
    assert Config().fingerprint() != Config().replace(normalize={"fold_dashes": True}).fingerprint()
    assert Config.from_dict(Config().to_dict()) == Config()
