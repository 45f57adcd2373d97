"""Config: TOML loading, strict keys and types, stage order, fingerprints."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import run_cli
from textclean.config import STAGE_ORDER, Config, ConfigError, tomllib


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


# ------------------------------------------------- textclean config --default


def _sections(cfg: Config) -> list[tuple[str, object]]:
    """(dotted key, value) of every leaf field of ``cfg``."""
    out: list[tuple[str, object]] = []
    for f in dataclasses.fields(cfg):
        value = getattr(cfg, f.name)
        if dataclasses.is_dataclass(value):
            out += [
                (f"{f.name}.{g.name}", getattr(value, g.name)) for g in dataclasses.fields(value)
            ]
        else:
            out.append((f.name, value))
    return out


def test_config_default_prints_the_default_config_as_toml() -> None:
    r = run_cli("config", "--default")
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    data = tomllib.loads(text)
    assert Config.from_dict(data) == Config()
    # every key is written out (nothing left to an implicit default) ...
    written = {f"{s}.{k}" for s, t in data.items() if isinstance(t, dict) for k in t}
    written |= {k for k, v in data.items() if not isinstance(v, dict)}
    assert written == {key for key, _ in _sections(Config())}
    # ... with its description in a comment right above it
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line and not line.startswith(("#", "[")):
            assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 10, line
    assert "[quality]\n# " in text and "drop_on_quality = false" in text


def test_every_config_field_has_a_description() -> None:
    sections = [type(v) for v in vars(Config()).values() if dataclasses.is_dataclass(v)]
    assert len(sections) == 11  # 8 + extract, language and site_repeats
    for cls in [Config, *sections]:
        for f in dataclasses.fields(cls):
            if f.name in vars(Config()) and f.name not in ("stages", "rules"):
                continue  # a section: described by its class docstring
            assert f.metadata.get("doc"), f"{cls.__name__}.{f.name} has no description"
        assert cls.__doc__


def test_config_file_is_printed_with_the_defaults_filled_in(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text('stages = ["repair", "quality"]\n[quality]\ndrop_on_quality = true\n')
    r = run_cli("config", "--config", str(p))
    assert r.returncode == 0, r.stderr
    back = Config.from_dict(tomllib.loads(r.stdout.decode()))
    assert back == Config.from_toml(p)
    assert back.quality.drop_on_quality and back.stages == ("repair", "quality")
    assert back.despin == Config().despin
    bad = tmp_path / "old.toml"
    bad.write_text("[boilerplate]\ndrop_on_quality = true\n")
    r = run_cli("config", "--config", str(bad))
    assert r.returncode == 2
    assert b"boilerplate.drop_on_quality has moved: it is now [quality] drop_on_quality" in (
        r.stderr
    )


@pytest.mark.parametrize("key", ["light_threshold", "evidence_margin"])
def test_a_nan_number_is_refused(key: str) -> None:
    # TOML writes nan; every bound compared with it is false, so it would switch a rule
    # off without a word
    data = tomllib.loads(f"[despin]\n{key} = nan\n")
    with pytest.raises(ConfigError, match=f"despin.{key}: expected a number, got nan"):
        Config.from_dict(data)
    assert Config.from_dict(tomllib.loads(f"[despin]\n{key} = 1.5\n")).despin


@pytest.mark.parametrize("ratio", [0.5, 1.0, -1.0])
def test_t3_favoured_ratio_must_favour_the_original(ratio: float) -> None:
    # at 1 or below the neighbours do not favour the original: the lower T3 margin would
    # apply where they are silent or lean towards the spun word
    with pytest.raises(ConfigError, match="t3_favoured_ratio"):
        Config().replace(despin={"t3_favoured_ratio": ratio})


def test_t3_favoured_ratio_zero_turns_it_off() -> None:
    assert Config().replace(despin={"t3_favoured_ratio": 0.0}).despin.t3_favoured_ratio == 0.0


@pytest.mark.parametrize("ratio", [0.5, -1.0])
def test_own_word_ratio_must_favour_the_spun_form(ratio: float) -> None:
    # under 1, a form whose neighbours favour the original would count as the writer's own
    with pytest.raises(ConfigError, match="own_word_ratio"):
        Config().replace(despin={"own_word_ratio": ratio})
