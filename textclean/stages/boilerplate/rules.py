"""Boilerplate rule files: parsing, validation with file:line errors, pack merging.

A boilerplate rule file is TOML in ``rules/boilerplate/`` of a rule pack. It may
hold a ``[pack]`` table and any number of ``[[rule]]`` tables (quality
thresholds live in the pack's ``quality/`` folder, see
:mod:`textclean.stages.quality.thresholds`). A rule::

    [[rule]]
    id = "boilerplate.nav.skip_to_content"   # stable, unique; required
    kind = "line"                            # line | section | teaser | orphan_heading
    zone = "header"                          # any | header | footer | edges
    exact = ["Skip to content", "Skip to main content"]
    regex = ['skip (?:to|navigation)\\b.{0,20}']   # anchored, case-insensitive
    max_words = 6                            # longer lines never match this rule
    enabled = true
    note = "why this is chrome"
    learned_from = ["example.com"]           # optional: sites whose labelled pages it was
                                             # learned from (left out when they are scored)

Packs are applied in order (built-in, then each ``--rules DIR``); a rule whose
``id`` was already defined replaces the earlier one (``enabled = false``
switches it off). Inside one pack an id may appear only once.

tomllib reports no line numbers for tables, so this module finds them itself:
the n-th ``[[rule]]`` header line is the n-th rule, and keys and array items
are located by scanning that rule's lines.

>>> rules, errs = parse_text('[[rule]]\\nid = "boilerplate.x.y"\\nkind = "line"\\n'
...                              'exact = ["Menu"]\\n', "demo.toml")
>>> (rules[0].id, rules[0].exact, rules[0].source, errs)
('boilerplate.x.y', frozenset({'menu'}), 'demo.toml:1', [])
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from textclean.rules import RuleError, toml_error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: Regex flags every rule pattern is compiled with.
REGEX_FLAGS = regex.IGNORECASE | regex.UNICODE


@functools.cache
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled with :data:`REGEX_FLAGS`, once per process.

    The built-in rule pack holds about 850 patterns, and the screens compile their
    atoms and alternations too (about 2,100 expressions); the ``regex`` module's own
    cache keeps far fewer, so every stage built would compile them all again.

    >>> compile_pattern("^menu$") is compile_pattern("^menu$")
    True
    """
    return regex.compile(pattern, REGEX_FLAGS)


KINDS = ("line", "section", "teaser", "orphan_heading")
ZONES = ("any", "header", "footer", "edges")
ID_PATTERN = regex.compile(r"boilerplate(?:\.[a-z0-9_]+){2,}")

_COMMON_KEYS = {"id", "kind", "enabled", "note", "zone", "learned_from"}
_KIND_KEYS: dict[str, set[str]] = {
    "line": {"exact", "regex", "max_words"},
    "section": {"exact", "regex", "min_position", "max_block_lines", "title_max_words"},
    "teaser": {"title_max_words", "strong_endings", "weak_endings", "min_run", "min_words"},
    "orphan_heading": {"exact", "regex"},
}
_TOP_KEYS = {"pack", "rule", "shape", "region", "model"}
_PACK_KEYS = {"name", "version", "description"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule, validated; ``patterns`` are compiled lazily by the stage."""

    id: str
    kind: str
    source: str  # "path:line" where the rule is defined
    zone: str = "any"
    exact: frozenset[str] = frozenset()
    patterns: tuple[str, ...] = ()
    max_words: int = 40
    enabled: bool = True
    note: str = ""
    min_position: float = 0.5
    max_block_lines: int = 60
    title_max_words: int = 16
    strong_endings: tuple[str, ...] = ("[...]", "[…]")
    weak_endings: tuple[str, ...] = ("…", "...")
    min_run: int = 2
    min_words: int = 8
    learned_from: tuple[str, ...] = ()


@dataclass
class ParsedRules:
    """All rules of a list of files, later files overriding earlier."""

    rules: dict[str, Rule] = field(default_factory=dict)
    shape: dict[str, dict[str, Any]] = field(default_factory=dict)
    region: dict[str, dict[str, Any]] = field(default_factory=dict)  # [region.*] tables
    model: dict[str, Any] | None = None  # the last [model] table (a later pack's replaces it)


def line_key(text: str) -> str:
    """The form exact matches compare: NFKC, casefolded, spaces collapsed, decoration trimmed.

    >>> line_key("  » Skip   to Content:  ")
    'skip to content'
    >>> line_key("- SEARCH |")
    'search'

    Turkish capitals fold as a case-insensitive match equates them (as the screen's
    ``canon`` does): "İ" and "ı" are "i", so an entry matches the line in capitals.

    >>> line_key("BUNLAR DA İLGİNİZİ ÇEKEBİLİR") == line_key("Bunlar da ilginizi çekebilir")
    True
    """
    s = unicodedata.normalize("NFKC", text)
    if not s.isascii() and ("İ" in s or "ı" in s or "\U0001df95" in s):
        s = s.translate(_FOLD_FIRST)
    s = s.casefold()
    s = " ".join(s.split())
    return s.strip(_KEY_TRIM)


#: Letters whose case fold differs from the letter a case-insensitive match equates
#: them with ("İ" and "ı" with "i"): mapped before folding, as ``screen.canon`` does.
_FOLD_FIRST = str.maketrans({"İ": "i", "ı": "i", "\U0001df95": "ß"})
#: The decoration :func:`line_key` trims off both ends of a line.
_KEY_TRIM = " :|•·›»‹«<>*-–—#=~_↑↓→←▶►▸()[]"


# --------------------------------------------------------------------------- locating lines


_HEADER = regex.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_STRING = regex.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")


class _Locator:
    """Finds the source line of rules, keys and array items in a TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str, bool]] = []  # (0-based line, name, is_array)
        in_multiline: str | None = None
        for i, line in enumerate(self.lines):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            for q in ('"""', "'''"):
                if line.count(q) % 2 == 1:
                    in_multiline = q
            m = _HEADER.match(line)
            if m and not in_multiline:
                self.headers.append((i, m.group(2).replace(" ", ""), m.group(1) == "[["))
        self.rule_starts = [i for i, name, arr in self.headers if arr and name == "rule"]

    def _span(self, start: int) -> tuple[int, int]:
        later = [i for i, _n, _a in self.headers if i > start]
        return start, (later[0] if later else len(self.lines))

    def rule_line(self, index: int) -> int | None:
        """1-based line of the ``index``-th ``[[rule]]`` header."""
        if index < len(self.rule_starts):
            return self.rule_starts[index] + 1
        return None

    def key_line(self, index: int, key: str) -> int | None:
        """1-based line of ``key = ...`` inside the ``index``-th rule."""
        if index >= len(self.rule_starts):
            return None
        lo, hi = self._span(self.rule_starts[index])
        pat = regex.compile(rf"^\s*[\"']?{regex.escape(key)}[\"']?\s*=")
        for i in range(lo + 1, hi):
            if pat.match(self.lines[i]):
                return i + 1
        return self.rule_line(index)

    def item_line(self, index: int, key: str, item: int) -> int | None:
        """1-based line of the ``item``-th string of array ``key`` in the ``index``-th rule."""
        start = self.key_line(index, key)
        if start is None or index >= len(self.rule_starts):
            return start
        _lo, hi = self._span(self.rule_starts[index])
        seen = 0
        for i in range(start - 1, hi):
            line = self.lines[i]
            if i == start - 1:
                line = line.split("=", 1)[1]
            for _m in _STRING.finditer(line.split("#", 1)[0] if "#" in line else line):
                if seen == item:
                    return i + 1
                seen += 1
        return start

    def table_line(self, name: str) -> int | None:
        for i, n, _a in self.headers:
            if n == name:
                return i + 1
        return None


# --------------------------------------------------------------------------- parsing


def _err(path: str, line: int | None, msg: str) -> RuleError:
    return RuleError(path, line, msg)


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse_text(text: str, path: str) -> tuple[list[Rule], list[RuleError]]:
    """Parse one rule file's text: its rules and every error found."""
    errors: list[RuleError] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [], [_err(path, toml_error_line(exc, text), f"invalid TOML: {exc}")]
    except RecursionError:
        return [], [_err(path, None, "invalid TOML: nested too deeply")]
    loc = _Locator(text)
    for key in sorted(set(data) - _TOP_KEYS):
        if key == "quality":
            errors.append(
                _err(
                    path,
                    None,
                    "[quality.*] thresholds have moved to the pack's quality/ folder: "
                    "quality/*.toml with tables [c4], [gopher_quality], [gopher_repetition], "
                    "[fineweb]",
                )
            )
            continue
        errors.append(
            _err(path, None, f"unknown top-level key {key!r}; allowed: {sorted(_TOP_KEYS)}")
        )
    pack = data.get("pack", {})
    if not isinstance(pack, Mapping):
        errors.append(_err(path, None, "[pack] must be a table"))
    else:
        for key in sorted(set(pack) - _PACK_KEYS):
            errors.append(
                _err(
                    path,
                    loc.table_line("pack"),
                    f"unknown key {key!r} in [pack]; allowed: {sorted(_PACK_KEYS)}",
                )
            )
    from textclean.stages.boilerplate.region import RegionParams
    from textclean.stages.boilerplate.shape import ShapeParams
    from textclean.stages.boilerplate.teasers import TeaserParams

    for section, example in (("shape", "top_label"), ("region", "masthead")):
        if section not in data:
            continue
        params = ShapeParams if section == "shape" else RegionParams
        tables = data[section]
        if not isinstance(tables, Mapping) or not all(
            isinstance(v, Mapping) for v in tables.values()
        ):
            errors.append(
                _err(path, None, f"[{section}] must hold tables: [{section}.{example}] ...")
            )
            continue
        for table in tables:
            try:
                if (section, table) == ("region", "teasers"):
                    TeaserParams.from_tables({table: tables[table]})
                else:
                    params.from_tables({table: tables[table]})
            except ValueError as exc:
                errors.append(_err(path, loc.table_line(f"{section}.{table}"), str(exc)))
    if "model" in data:
        from textclean.stages.boilerplate.classifier import Model

        if not isinstance(data["model"], Mapping):
            errors.append(_err(path, None, "[model] must be a table"))
        else:
            try:
                Model.from_table(data["model"])
            except (ValueError, TypeError) as exc:
                errors.append(_err(path, loc.table_line("model"), str(exc)))
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        errors.append(_err(path, None, "'rule' must be an array of tables: use [[rule]]"))
        raw_rules = []
    rules: list[Rule] = []
    for i, raw in enumerate(raw_rules):
        rule, errs = _parse_rule(raw, i, loc, path)
        errors.extend(errs)
        if rule is not None:
            rules.append(rule)
    return rules, errors


def _parse_rule(raw: Any, i: int, loc: _Locator, path: str) -> tuple[Rule | None, list[RuleError]]:
    errs: list[RuleError] = []
    here = loc.rule_line(i)
    if not isinstance(raw, Mapping):
        return None, [_err(path, here, "a rule must be a table")]

    def at(key: str) -> int | None:
        return loc.key_line(i, key)

    rid = raw.get("id")
    if rid is None:
        errs.append(_err(path, here, "rule has no 'id'"))
    elif not isinstance(rid, str) or not ID_PATTERN.fullmatch(rid):
        errs.append(
            _err(
                path,
                at("id"),
                f"bad rule id {rid!r}: use lowercase dotted words starting "
                "with 'boilerplate.', e.g. 'boilerplate.nav.skip_to_content'",
            )
        )
    name = rid if isinstance(rid, str) else f"rule #{i + 1}"
    kind = raw.get("kind")
    if kind not in KINDS:
        errs.append(
            _err(
                path,
                at("kind") if "kind" in raw else here,
                f"{name}: 'kind' must be one of {list(KINDS)}, got {kind!r}",
            )
        )
        return None, errs
    allowed = _COMMON_KEYS | _KIND_KEYS[kind]
    for key in sorted(set(raw) - allowed):
        errs.append(
            _err(
                path,
                at(key),
                f"{name}: unknown key {key!r} for kind {kind!r}; allowed: {sorted(allowed)}",
            )
        )
    kwargs: dict[str, Any] = {}
    zone = raw.get("zone", "any")
    if zone not in ZONES:
        errs.append(_err(path, at("zone"), f"{name}: 'zone' must be one of {list(ZONES)}"))
    kwargs["zone"] = zone
    for key in ("enabled",):
        if key in raw:
            if not isinstance(raw[key], bool):
                errs.append(_err(path, at(key), f"{name}: {key!r} must be true or false"))
            else:
                kwargs[key] = raw[key]
    if "note" in raw:
        if not isinstance(raw["note"], str):
            errs.append(_err(path, at("note"), f"{name}: 'note' must be a string"))
        else:
            kwargs["note"] = raw["note"]
    if "learned_from" in raw:
        sites = _str_list(raw["learned_from"])
        if sites is None or any(not x for x in sites):
            errs.append(
                _err(path, at("learned_from"), f"{name}: 'learned_from' must be a list of sites")
            )
        else:
            kwargs["learned_from"] = tuple(sites)
    for key, lo, hi in (
        ("max_words", 1, 10_000),
        ("max_block_lines", 1, 100_000),
        ("title_max_words", 1, 200),
        ("min_run", 1, 100),
        ("min_words", 1, 1000),
    ):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
                errs.append(
                    _err(
                        path,
                        at(key),
                        f"{name}: {key!r} must be an integer from {lo} to {hi}, got {v!r}",
                    )
                )
            else:
                kwargs[key] = v
    if "min_position" in raw:
        v = raw["min_position"]
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
            errs.append(
                _err(
                    path, at("min_position"), f"{name}: 'min_position' must be a number from 0 to 1"
                )
            )
        else:
            kwargs["min_position"] = float(v)
    for key in ("strong_endings", "weak_endings"):
        if key in raw:
            vals = _str_list(raw[key])
            if vals is None or any(not v for v in vals):
                errs.append(
                    _err(path, at(key), f"{name}: {key!r} must be a list of non-empty strings")
                )
            else:
                kwargs[key] = tuple(vals)
    if "exact" in raw:
        vals = _str_list(raw["exact"])
        if vals is None:
            errs.append(_err(path, at("exact"), f"{name}: 'exact' must be a list of strings"))
        else:
            keys = set()
            for j, v in enumerate(vals):
                k = line_key(v)
                if not k:
                    errs.append(
                        _err(
                            path,
                            loc.item_line(i, "exact", j),
                            f"{name}: exact entry {v!r} is empty after trimming",
                        )
                    )
                keys.add(k)
            kwargs["exact"] = frozenset(keys)
    if "regex" in raw:
        vals = _str_list(raw["regex"])
        if vals is None:
            errs.append(_err(path, at("regex"), f"{name}: 'regex' must be a list of strings"))
        else:
            for j, v in enumerate(vals):
                problem = regex_problem(v)
                if problem:
                    errs.append(
                        _err(
                            path,
                            loc.item_line(i, "regex", j),
                            f"{name}: bad regex {v!r}: {problem}",
                        )
                    )
            kwargs["patterns"] = tuple(vals)
    needs_lines = kind in ("line", "section", "orphan_heading")
    switched_off = raw.get("enabled") is False  # a rule that only turns an id off
    if needs_lines and not switched_off and not kwargs.get("exact") and not kwargs.get("patterns"):
        errs.append(_err(path, here, f"{name}: a {kind!r} rule needs 'exact' or 'regex'"))
    if errs or not isinstance(rid, str):
        return None, errs
    return Rule(id=rid, kind=kind, source=f"{path}:{here}", **kwargs), errs


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a rule regex, or None.

    >>> regex_problem("(unclosed")
    'missing ) at position 9'
    >>> regex_problem("^menu$") is None
    True
    """
    try:
        compiled = compile_pattern(pattern)
    except regex.error as exc:
        return str(exc)
    if compiled.fullmatch(""):
        return "matches an empty line"
    return None


def parse_files(paths: Iterable[Path]) -> ParsedRules:
    """Parse files in override order; raises the first :class:`RuleError` found.

    A later pack's rule replaces an earlier pack's rule of the same id; two rules
    of one id in one pack are an error, as ``textclean rules check`` says.
    """
    out = ParsedRules()
    pack_of: dict[str, Path] = {}  # rule id -> the file that defined it
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(path, None, f"cannot read rule file: {exc}") from exc
        rules, errors = parse_text(text, str(path))
        if errors:
            raise errors[0]
        for r in rules:
            first = pack_of.get(r.id)
            if first is not None and first.parent.parent == Path(path).parent.parent:
                raise RuleError(
                    path,
                    None,
                    f"duplicate rule id {r.id!r} (first defined in {first}); "
                    "check the pack with 'textclean rules check'",
                )
            pack_of[r.id] = Path(path)
            out.rules[r.id] = r  # a later pack's rule replaces the earlier one
        data = tomllib.loads(text)
        for table, values in data.get("shape", {}).items():
            out.shape.setdefault(table, {}).update(values)
        for table, values in data.get("region", {}).items():
            out.region.setdefault(table, {}).update(values)
        if "model" in data:
            out.model = dict(data["model"])
    return out


def check_files(paths: Sequence[Path]) -> list[RuleError]:
    """Every problem in one pack's boilerplate files, duplicate ids across them included."""
    errors: list[RuleError] = []
    first: dict[str, str] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(RuleError(path, None, f"cannot read rule file: {exc}"))
            continue
        rules, errs = parse_text(text, str(path))
        errors.extend(errs)
        loc = _Locator(text)
        # Duplicates must be found on the raw ids too, since invalid rules are not returned.
        try:
            raw = tomllib.loads(text).get("rule", [])
        except (tomllib.TOMLDecodeError, RecursionError):
            raw = []
        for i, r in enumerate(raw if isinstance(raw, list) else []):
            rid = r.get("id") if isinstance(r, Mapping) else None
            if not isinstance(rid, str):
                continue
            where = f"{path}:{loc.rule_line(i)}"
            if rid in first:
                errors.append(
                    RuleError(
                        path,
                        loc.key_line(i, "id"),
                        f"duplicate rule id {rid!r} (first defined at {first[rid]})",
                    )
                )
            else:
                first[rid] = where
        del rules
    return errors
