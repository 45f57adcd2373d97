"""Quality thresholds: the rule files of a pack's ``quality/`` folder.

A threshold file is TOML with an optional ``[pack]`` table and one table per
signal family (``[c4]``, ``[gopher_quality]``, ``[gopher_repetition]``,
``[fineweb]``). The built-in values, each citing its source, are in
``rules/quality/thresholds.toml``; a user pack overrides single keys, later packs
winning.

>>> check_text('[c4]\\nmin_sentences = -1\\n', "q.toml")
['q.toml:1: c4.min_sentences must be an integer, got -1']
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from textclean.rules import RuleError, toml_error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: family → key → expected type (``list`` means a list of strings).
SCHEMA: dict[str, dict[str, type]] = {
    "c4": {
        "min_words_per_line": int,
        "min_sentences": int,
        "max_word_length": int,
        "end_marks": list,
        "ellipsis": str,
        "policy_substrings": list,
    },
    "gopher_quality": {
        "min_words": int,
        "max_words": int,
        "min_mean_word_length": float,
        "max_mean_word_length": float,
        "max_symbol_word_ratio": float,
        "max_bullet_lines_ratio": float,
        "max_ellipsis_lines_ratio": float,
        "min_alpha_words_ratio": float,
        "min_stop_words": int,
        "stop_words": list,
        "bullet_prefixes": list,
    },
    "gopher_repetition": {
        "max_dup_line_fraction": float,
        "max_dup_para_fraction": float,
        "max_dup_line_char_fraction": float,
        "max_dup_para_char_fraction": float,
        "max_top_2gram_char_fraction": float,
        "max_top_3gram_char_fraction": float,
        "max_top_4gram_char_fraction": float,
        "max_dup_5gram_char_fraction": float,
        "max_dup_6gram_char_fraction": float,
        "max_dup_7gram_char_fraction": float,
        "max_dup_8gram_char_fraction": float,
        "max_dup_9gram_char_fraction": float,
        "max_dup_10gram_char_fraction": float,
    },
    "fineweb": {
        "min_line_punct_ratio": float,
        "max_short_line_ratio": float,
        "short_line_length": int,
        "max_dup_line_char_ratio": float,
        "max_newline_word_ratio": float,
        "end_marks": list,
    },
}
FAMILIES: tuple[str, ...] = tuple(SCHEMA)


def check_quality_table(data: Mapping[str, Any]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """Validate the family tables of one threshold file (``[c4]``, ``[fineweb]`` ...).

    Returns ``([(table name, message)], values)``; a ``[pack]`` table is left alone.

    >>> check_quality_table({"fineweb": {"short_line_length": "30", "x": 1}})[0]
    [('fineweb', "unknown key 'x' in [fineweb]; allowed: ['end_marks', \
'max_dup_line_char_ratio', 'max_newline_word_ratio', 'max_short_line_ratio', \
'min_line_punct_ratio', 'short_line_length']"), ('fineweb', \
"fineweb.short_line_length must be an integer, got '30'")]
    """
    errors: list[tuple[str, str]] = []
    values: dict[str, dict[str, Any]] = {}
    for fam, table in data.items():
        name = fam
        if fam == "pack":
            continue
        if fam not in SCHEMA:
            errors.append(
                (name, f"unknown quality family {fam!r}; known: {list(FAMILIES)} (or [pack])")
            )
            continue
        if not isinstance(table, Mapping):
            errors.append((name, f"[{name}] must be a table"))
            continue
        schema = SCHEMA[fam]
        for key in table:
            if key not in schema:
                errors.append((name, f"unknown key {key!r} in [{name}]; allowed: {sorted(schema)}"))
        out: dict[str, Any] = {}
        for key, tp in schema.items():
            if key not in table:
                continue
            v = table[key]
            ok = False
            if tp is int:
                ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
                kind = "an integer"
            elif tp is float:
                ok = isinstance(v, int | float) and not isinstance(v, bool) and v >= 0
                kind = "a number"
                v = float(v) if ok else v
            elif tp is str:
                ok = isinstance(v, str) and v != ""
                kind = "a non-empty string"
            else:
                ok = isinstance(v, list) and all(isinstance(s, str) and s for s in v)
                kind = "a list of non-empty strings"
            if not ok:
                errors.append((name, f"{name}.{key} must be {kind}, got {v!r}"))
            else:
                out[key] = tuple(v) if isinstance(v, list) else v
        values[fam] = out
    return errors, values


@dataclass(frozen=True)
class Thresholds:
    """The merged ``[quality.*]`` tables: family → key → value."""

    values: Mapping[str, Mapping[str, Any]]

    def __getitem__(self, family: str) -> Mapping[str, Any]:
        return self.values[family]


def load_thresholds(merged: Mapping[str, Mapping[str, Any]]) -> Thresholds:
    """Build thresholds from merged rule-file tables; every key of :data:`SCHEMA` is required.

    Every default lives in ``rules/quality/thresholds.toml``, not in code.

    >>> load_thresholds({"c4": {}})
    Traceback (most recent call last):
    ...
    ValueError: [c4] lacks 'min_words_per_line'
    """
    out: dict[str, dict[str, Any]] = {}
    for fam, schema in SCHEMA.items():
        table = merged.get(fam, {})
        for key in schema:
            if key not in table:
                raise ValueError(f"[{fam}] lacks {key!r}")
        out[fam] = dict(table)
    return Thresholds(out)


_HEADER = regex.compile(r"^[ \t]*\[[ \t]*([^\]\s]+)[ \t]*\][ \t]*(?:#.*)?$", regex.MULTILINE)


def _table_line(text: str, name: str) -> int | None:
    """1-based line of the ``[name]`` header in ``text`` (tomllib reports none)."""
    for m in _HEADER.finditer(text):
        if m.group(1) == name:
            return text.count("\n", 0, m.start()) + 1
    return None


def parse_text(text: str, path: str) -> tuple[dict[str, dict[str, Any]], list[RuleError]]:
    """One threshold file's values by family, and every error in it (file and line named)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [RuleError(path, toml_error_line(exc, text), f"invalid TOML: {exc}")]
    errors, values = check_quality_table(data)
    return values, [RuleError(path, _table_line(text, t), msg) for t, msg in errors]


def check_text(text: str, path: str) -> list[str]:
    """The errors of one threshold file, as strings (see the module docstring)."""
    return [str(e) for e in parse_text(text, path)[1]]


def _read(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, None, f"cannot read rule file: {exc}") from exc


def parse_files(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Merge threshold files in override order; raises the first :class:`RuleError` found."""
    merged: dict[str, dict[str, Any]] = {}
    for path in paths:
        values, errors = parse_text(_read(path), str(path))
        if errors:
            raise errors[0]
        for fam, table in values.items():
            merged.setdefault(fam, {}).update(table)
    return merged


def check_files(paths: Sequence[Path]) -> list[RuleError]:
    """Every problem in one pack's ``quality/*.toml`` files (for ``textclean rules check``)."""
    errors: list[RuleError] = []
    for path in paths:
        try:
            text = _read(path)
        except RuleError as exc:
            errors.append(exc)
            continue
        errors.extend(parse_text(text, str(path))[1])
    return errors
