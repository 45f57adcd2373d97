"""Keeping OUT safe: what a run may write where, and what an earlier run left there.

* :func:`check_plan` refuses an output tree that would hold an input (OUT is an
  input directory, contains an input, or an input would be written over), an
  input whose output would land in ``OUT/.textclean`` (the audit), and a file
  named ``stdin.txt``/``stdin.jsonl`` beside ``-`` (both would write it).
* The **ledger** ``OUT/.textclean/outputs.json`` records, before any output is
  written, which run writes OUT (a fingerprint of its manifest and of every
  input's size and mtime) and which files it writes; a finished
  run marks it complete. :func:`prepare_output` reads it when the next run starts:

  - the same run, finished, and its files all there: **already complete**
    (nothing is redone; a ``--index`` is not touched again);
  - the same run, unfinished: it starts again (or resumes) under the run id its
    journal holds, so a persistent index never takes its documents for
    duplicates of themselves;
  - another run's output: refused (exit 2) unless ``--overwrite``, which removes
    exactly the files the ledger lists, nothing else;
  - a non-empty OUT that textclean did not write: refused unless ``--overwrite``
    (its files are then left as they are).

>>> fingerprint({"config": "c1", "run_id": "x"}, [], dry_run=False) == fingerprint(
...     {"config": "c1", "run_id": "y"}, [], dry_run=False)
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textclean.io.discover import InputError, Plan
from textclean.io.journal import ResumeError
from textclean.io.writers import AtomicFile, tmp_path

LEDGER = "outputs.json"
META_DIR = ".textclean"
STDIN_NAMES = ("stdin.txt", "stdin.jsonl")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_plan(plan: Plan, out_dir: Path | None) -> None:
    """Raise :class:`InputError` when writing ``plan``'s outputs to ``out_dir`` is unsafe."""
    if out_dir is None:
        return
    out_real = os.path.realpath(out_dir)
    has_stdin = any(inp.is_stdin for inp in plan.inputs)
    for inp in plan.inputs:
        if inp.is_stdin:
            continue
        first = inp.relpath.split("/", 1)[0]
        if first == META_DIR:
            raise InputError(
                f"{inp.path}: its output would go to {out_dir}/{META_DIR}, textclean's "
                "audit directory; rename the input"
            )
        if has_stdin and _out_relpath(inp) in STDIN_NAMES:
            raise InputError(
                f"{inp.path}: '-' (standard input) writes {_out_relpath(inp)} under the output "
                "too; clean them in separate runs or rename the file"
            )
        real = os.path.realpath(inp.path)
        if _inside(real, out_real):
            raise InputError(
                f"{inp.path} is inside the output directory {out_dir}: the output would "
                "overwrite or mix with the inputs; choose an OUT outside every input"
            )
        target = os.path.realpath(os.path.join(out_real, _out_relpath(inp)))
        if target == real:
            raise InputError(f"{inp.path}: writing the output would overwrite this input")


def _out_relpath(inp: Any) -> str:
    """Where an input's output goes under OUT (an HTML page becomes ``.txt``)."""
    return str(getattr(inp, "out_relpath", inp.relpath))


def output_files(plan: Plan, dry_run: bool) -> list[str]:
    """The files (relative to OUT) a run of ``plan`` may write; none for a dry run."""
    if dry_run:
        return []
    out: list[str] = []
    for inp in plan.inputs:
        out.extend(STDIN_NAMES if inp.is_stdin else (_out_relpath(inp),))
    return out


def fingerprint(manifest: dict[str, Any], plan: Plan | list[Any], *, dry_run: bool) -> str:
    """What makes two runs the same run: the manifest (without its random run id),
    every input's path, size and mtime, and whether it is a dry run."""
    inputs = plan.inputs if isinstance(plan, Plan) else plan
    blob = json.dumps(
        {
            "manifest": {k: v for k, v in sorted(manifest.items()) if k != "run_id"},
            "inputs": [[i.relpath, i.size, i.mtime_ns] for i in inputs],
            "dry_run": dry_run,
        },
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


@dataclass
class Ledger:
    """The content of ``outputs.json``."""

    fingerprint: str
    files: list[str]
    complete: bool = False

    def write(self, meta: Path) -> None:
        data = json.dumps(self.__dict__, indent=1, ensure_ascii=True, sort_keys=True)
        with AtomicFile(meta / LEDGER) as f:
            f.write(data.encode() + b"\n")

    @classmethod
    def read(cls, meta: Path) -> Ledger | None:
        try:
            raw = (meta / LEDGER).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            d = json.loads(raw)
            return cls(str(d["fingerprint"]), list(d["files"]), bool(d["complete"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{meta / LEDGER} is damaged ({exc}); pass --overwrite to replace the "
                "output, or choose another OUT"
            ) from exc


@dataclass
class Decision:
    """What :func:`prepare_output` found: ``complete`` (nothing to do), and ``same``:
    OUT holds an unfinished attempt at this very run (its journal's run id is kept)."""

    complete: bool = False
    same: bool = False


def prepare_output(
    out_dir: Path,
    meta: Path,
    print_: str,
    *,
    resume: bool,
    overwrite: bool,
    journal_exists: bool,
) -> Decision:
    """Decide what to do with what OUT holds (see the module docstring).

    Raises :class:`InputError` (exit 2) when OUT holds another run's output and
    ``overwrite`` is not set, :class:`ResumeError` for ``resume`` into such an OUT.
    """
    try:
        ledger = Ledger.read(meta)
    except InputError:
        if not overwrite:
            raise
        ledger = None  # damaged: --overwrite writes a new one
    if ledger is None:
        if overwrite:
            return Decision()
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name != META_DIR)
        if foreign and not journal_exists:
            raise InputError(
                f"{out_dir} is not empty ({foreign[0]}{' ...' if len(foreign) > 1 else ''}) "
                "and holds no textclean output; choose an empty or new OUT, or pass "
                "--overwrite to write into it (its files are left alone)"
            )
        return Decision()
    if ledger.fingerprint == print_:
        if ledger.complete and all((out_dir / f).exists() for f in ledger.files if _one(f)):
            return Decision(complete=True)
        return Decision(same=True)
    if resume and journal_exists:
        return Decision()  # the journal's own checks say what changed
    present = [f for f in ledger.files if (out_dir / f).exists()]
    if not overwrite:
        what = f"{len(present)} output file(s)" if present else "the audit"
        message = (
            f"{out_dir} holds {what} of another run (other inputs, config, rules or "
            "version); pass --overwrite to replace them, or choose another OUT"
        )
        raise ResumeError(message) if resume else InputError(message)
    remove_outputs(out_dir, ledger.files)
    return Decision()


def _one(name: str) -> bool:
    """Whether a ledger entry must exist after a finished run (only one of the two
    names of standard input's output is written)."""
    return name not in STDIN_NAMES


def remove_outputs(out_dir: Path, files: list[str]) -> int:
    """Remove the files a ledger lists (and their temporary names, and directories left
    empty); returns how many files were removed. Nothing else is touched."""
    removed = 0
    root = os.path.realpath(out_dir)
    dirs: set[Path] = set()
    for rel in files:
        path = out_dir / rel
        if not _inside(os.path.realpath(path.parent), root):
            continue  # a ledger entry must never reach outside OUT
        for p in (path, tmp_path(path)):
            if p.is_file() or p.is_symlink():
                p.unlink()
                removed += p == path
        parent = path.parent
        while parent != out_dir and _inside(str(parent), str(out_dir)):
            dirs.add(parent)
            parent = parent.parent
    for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: other files live there
            d.rmdir()
    return removed
