"""Locating and fingerprinting rule packs.

Rules are data. The built-in pack is the top-level ``rules/`` folder of the
project (shipped inside the wheel as ``textclean/rules``); users add packs with
``--rules DIR``. A pack is a directory with one sub-folder per stage
(``boilerplate/``, ``spin/`` ...). Each stage parses its own files; this module
only finds them, in override order, and hashes them for the run summary.

>>> pack = RulePack.load()
>>> pack.builtin_dir.name
'rules'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


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


@lru_cache(maxsize=32)
def _hash_dirs(dirs: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for i, d in enumerate(dirs):
        for p in sorted(d.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(f"{i}:{p.relative_to(d).as_posix()}\0".encode())
                h.update(p.read_bytes())
                h.update(b"\0")
    return h.hexdigest()


def _check_spin(folder: Path) -> list[RuleError]:
    from textclean.despin.table import check_spin_folder

    return check_spin_folder(folder)


#: Stage folder → validator of that folder's files (each returns every problem found).
PACK_CHECKERS = {"spin": _check_spin}


def check_pack(path: str | Path) -> list[RuleError]:
    """Every problem in a rule pack directory, or in one rule file, naming file and line.

    A pack directory is checked folder by folder (``spin/`` ...); a single file
    is checked by the validator of the stage folder it sits in.

    >>> check_pack(builtin_rules_dir())
    []
    """
    p = Path(path)
    if not p.exists():
        return [RuleError(p, None, "no such file or directory")]
    if p.is_file():
        if any(parent.name == "spin" for parent in p.parents):
            from textclean.despin.table import check_spin_file

            return check_spin_file(p)
        return []
    if p.name in PACK_CHECKERS:
        return PACK_CHECKERS[p.name](p)
    errors: list[RuleError] = []
    for name, checker in sorted(PACK_CHECKERS.items()):
        if (p / name).is_dir():
            errors.extend(checker(p / name))
    return errors
