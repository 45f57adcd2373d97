"""Locating and fingerprinting rule packs.

Rules are data. The built-in pack is the top-level ``rules/`` folder of the
project (shipped inside the wheel as ``textclean/rules``); users add packs with
``--rules DIR``. A pack is a directory with one sub-folder per stage
(``boilerplate/``, ``quality/``, ``spin/`` ...). Each stage parses its own files; this module
only finds them, in override order, and hashes them for the run summary.

>>> pack = RulePack.load()
>>> pack.builtin_dir.name
'rules'
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class RuleError(ValueError):
    """A rule file is invalid; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


def builtin_rules_dir() -> Path:
    """The built-in pack: ``textclean/rules`` in a wheel, ``<repo>/rules`` in a checkout."""
    pkg = Path(__file__).resolve().parent
    for candidate in (pkg / "rules", pkg.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(pkg, None, "built-in rules folder not found; the installation is incomplete")


@dataclass(frozen=True)
class RulePack:
    """The built-in pack plus user packs, in the order later ones override earlier ones."""

    builtin_dir: Path
    user_dirs: tuple[Path, ...] = ()

    @classmethod
    def load(cls, user_dirs: Iterable[str | Path] = ()) -> RulePack:
        dirs = tuple(Path(d).resolve() for d in user_dirs)
        for d in dirs:
            if not d.is_dir():
                raise RuleError(d, None, "rule pack directory does not exist")
        return cls(builtin_rules_dir(), dirs)

    @property
    def dirs(self) -> tuple[Path, ...]:
        return (self.builtin_dir, *self.user_dirs)

    def files(self, stage_folder: str, pattern: str = "*") -> list[Path]:
        """Rule files of one stage folder, built-in first, then each user pack (sorted by name)."""
        out: list[Path] = []
        for d in self.dirs:
            folder = d / stage_folder
            if folder.is_dir():
                out.extend(sorted(p for p in folder.glob(pattern) if p.is_file()))
        return out

    def fingerprint(self) -> str:
        """sha256 over every rule file's relative path and bytes, in pack order."""
        return _hash_dirs(self.dirs)


def _hash_dirs(dirs: tuple[Path, ...]) -> str:
    files = []
    for i, d in enumerate(dirs):
        for p in sorted(d.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                st = p.stat()
                files.append((i, p.relative_to(d).as_posix(), p, st.st_size, st.st_mtime_ns))
    return _hash_files(tuple(files))


@lru_cache(maxsize=32)
def _hash_files(files: tuple[tuple[int, str, Path, int, int], ...]) -> str:
    """Cached by (path, size, mtime), so an edited rule file is hashed again."""
    h = hashlib.sha256()
    for i, rel, path, _size, _mtime in files:
        h.update(f"{i}:{rel}\0".encode())
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


#: Stage folder → ``"module:function"`` validating that folder's files of one pack;
#: the function takes the sorted file paths and returns every error it finds.
STAGE_CHECKS: dict[str, tuple[str, str]] = {
    "boilerplate": ("textclean.stages.boilerplate.rules:check_files", "*.toml"),
    "quality": ("textclean.stages.quality.thresholds:check_files", "*.toml"),
    "spin": ("textclean.stages.despin.table:check_spin_files", "**/*.tsv"),
}


def check_pack(path: str | Path) -> list[RuleError]:
    """Every problem in the rule pack at ``path``; an empty list means the pack is valid.

    Each file must be UTF-8; TOML files must parse; each stage folder's files
    then go through that stage's own checks (:data:`STAGE_CHECKS`), which name
    the file and line of every error.

    >>> check_pack(builtin_rules_dir())
    []
    """
    root = Path(path)
    if not root.is_dir():
        return [RuleError(root, None, "rule pack directory does not exist")]
    errors: list[RuleError] = []
    checked_by_stage: set[Path] = set()
    for folder, (target, pattern) in STAGE_CHECKS.items():
        files = sorted(p for p in (root / folder).glob(pattern) if p.is_file())
        if files:
            module, func = target.split(":")
            errors.extend(getattr(importlib.import_module(module), func)(files))
            checked_by_stage.update(files)
    for p in sorted(root.rglob("*")):
        if not p.is_file() or p in checked_by_stage or "__pycache__" in p.parts:
            continue
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            errors.append(RuleError(p, None, f"not UTF-8: {exc.reason} at byte {exc.start}"))
            continue
        if p.suffix == ".toml":
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                errors.append(RuleError(p, toml_error_line(exc, text), f"invalid TOML: {exc}"))
            except RecursionError:
                errors.append(RuleError(p, None, "invalid TOML: nested too deeply"))
        elif p.suffix == ".tsv":
            errors.extend(check_tsv_columns(p, text))
    return errors


def check_tsv_columns(path: Path, text: str) -> list[RuleError]:
    """Every row of a TSV table (blank lines and ``#`` comments aside) has the first row's
    number of tab-separated columns.

    >>> table = "# a\\tb\\tc\\nfoo\\tbar\\t1\\nbaz\\tqux\\n"
    >>> [str(e) for e in check_tsv_columns(Path("t.tsv"), table)]
    ['t.tsv:3: expected 3 tab-separated columns (as on line 2), found 2']
    """
    errors: list[RuleError] = []
    expected: tuple[int, int] | None = None  # (columns, line of the first row)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = len(line.split("\t"))
        if expected is None:
            expected = (columns, lineno)
        elif columns != expected[0]:
            errors.append(
                RuleError(
                    path,
                    lineno,
                    f"expected {expected[0]} tab-separated columns "
                    f"(as on line {expected[1]}), found {columns}",
                )
            )
    return errors


def toml_error_line(exc: Exception, text: str) -> int | None:
    r"""The line a ``tomllib.TOMLDecodeError`` is about, from its attributes or message.

    >>> import tomllib
    >>> try:
    ...     tomllib.loads("a = 1\nb = [\n")
    ... except tomllib.TOMLDecodeError as exc:
    ...     toml_error_line(exc, "a = 1\nb = [\n")
    3
    """
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    m = re.search(r"line (\d+)", str(exc))
    if m:
        return int(m.group(1))
    if "end of document" in str(exc):
        return text.count("\n") + 1
    return None
