"""Expand INPUT arguments into an ordered, deterministic list of input files.

* A directory is walked depth-first, entries sorted by name; files whose name
  ends in one of ``InputConfig.extensions`` are inputs, hidden entries (``.x``)
  and other files are skipped (and counted). Symlinks met while walking are
  skipped (counted as ``symlink``) unless ``follow_symlinks`` (``--follow-symlinks``):
  a link may lead out of the input tree (``x.txt -> /etc/...``, ``up -> ..``).
  When followed, a directory symlink pointing back to one of its ancestors is
  reported as a symlink loop instead of being walked forever. A path named on
  the command line is always read, link or not. The output directory is never
  read as input, even when it lies inside an input directory.
* A file named on the command line is always an input, whatever its extension
  (read as plain text unless it is ``.jsonl[.gz|.zst]``, ``.parquet`` or
  ``.html``/``.htm``).
* ``-`` is standard input; its format (JSONL or plain text) is decided when it
  is read.

The relative path of an input (``relpath``) is where its output goes under
``OUT`` and, for text files, the document id. With one INPUT it is the path
relative to that input (a file's own name); with several, each directory's
files go under the directory's name, so outputs never collide.

>>> input_kind("a/b.jsonl.gz", (".txt", ".jsonl", ".jsonl.gz"))
('jsonl', 'gz')
>>> input_kind("notes.md", (".txt", ".md")), input_kind("x.csv", (".txt",))
(('text', ''), None)
>>> input_kind("part-0.parquet", (".parquet",)), input_kind("Page.HTM", (".htm",))
(('parquet', ''), ('html', ''))
>>> InputFile("a/p.html", "a/p.html", "html").out_relpath
'a/p.txt'
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from textclean.config import InputConfig

STDIN = "-"


class InputError(ValueError):
    """The INPUT arguments cannot work at all (CLI exit code 2)."""


@dataclass(frozen=True)
class Failure:
    """Something that could not be read, named by file and (for JSONL) line."""

    file: str
    line: int | None
    error: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.error}"

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "error": self.error}


@dataclass(frozen=True)
class InputFile:
    """One input file (or stdin) and where its output goes."""

    path: str  # what to open ("-" for stdin)
    relpath: str  # posix path under OUT; the document id of a text file
    kind: str  # "text", "jsonl", or "auto" (stdin: decided when read)
    compression: str = ""  # "", "gz" or "zst"
    size: int = -1  # bytes on disk; -1 when unknown (stdin, unreadable)
    mtime_ns: int = 0

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def out_relpath(self) -> str:
        """Where the output goes under OUT: an HTML page becomes a ``.txt`` file."""
        if self.kind == "html":
            return str(Path(self.relpath).with_suffix(".txt").as_posix())
        return self.relpath


@dataclass
class Plan:
    """The inputs of a run, in the order their documents are read and written."""

    inputs: list[InputFile] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    #: files skipped for their extension, by extension ("" for none)
    skipped_extensions: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, name: str | None = None) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        if name is not None:
            ext = extension(name)
            self.skipped_extensions[ext] = self.skipped_extensions.get(ext, 0) + 1

    def nothing_readable(self, args: list[str]) -> Failure | None:
        """A failure when directories were given and not one file in them can be read.

        >>> p = Plan(); p.skip("unsupported", "a.csv"); p.skip("unsupported", "b.csv")
        >>> p.nothing_readable(["data"]).error.split(";")[0]
        'no input file can be read: skipped 2 files (.csv 2)'
        """
        if self.inputs or self.failures or not any(a != STDIN for a in args):
            return None
        where = ", ".join(a for a in args if a != STDIN)
        if self.skipped_extensions:
            n = sum(self.skipped_extensions.values())
            exts = ", ".join(
                f"{ext or '(no extension)'} {count}"
                for ext, count in sorted(self.skipped_extensions.items())
            )
            what = f"skipped {n} file{'s' if n != 1 else ''} ({exts})"
        else:
            what = "no files found"
        return Failure(
            where,
            None,
            f"no input file can be read: {what}; readable extensions are set by input.extensions",
        )


_COMPRESSED = (".gz", ".zst", ".bz2", ".xz", ".lz4", ".zip")


def extension(name: str) -> str:
    """A file name's extension, lower case, with a compression suffix kept on.

    >>> extension("a.b.CSV"), extension("x.json.gz"), extension("README")
    ('.csv', '.json.gz', '')
    """
    suffixes = [s.lower() for s in Path(name).suffixes]
    if not suffixes:
        return ""
    if suffixes[-1] in _COMPRESSED and len(suffixes) > 1:
        return "".join(suffixes[-2:])
    return suffixes[-1]


def input_kind(name: str, extensions: tuple[str, ...]) -> tuple[str, str] | None:
    """``(kind, compression)`` for a file name, or ``None`` if it is not an input."""
    lower = name.lower()
    for ext in sorted(extensions, key=len, reverse=True):
        if lower.endswith(ext.lower()):
            return _kind_of(lower)
    return None


def _kind_of(lower: str) -> tuple[str, str]:
    for suffix, comp in ((".jsonl.gz", "gz"), (".jsonl.zst", "zst"), (".jsonl", "")):
        if lower.endswith(suffix):
            return "jsonl", comp
    if lower.endswith(".parquet"):
        return "parquet", ""
    if lower.endswith((".html", ".htm")):
        return "html", ""
    return "text", ""


def plan_inputs(
    args: list[str],
    config: InputConfig,
    output: str | None = None,
    *,
    follow_symlinks: bool = False,
) -> Plan:
    """Find every input file named by ``args`` (paths or ``-``).

    ``output`` is the output directory (or ``None``/``-``): it is skipped while
    walking, and an input that is the output directory is an error.
    Raises :class:`InputError` for arguments that cannot work (missing path,
    stdin twice, output colliding with input).
    """
    if not args:
        raise InputError("no INPUT given")
    out_real = os.path.realpath(output) if output and output != STDIN else None
    plan = Plan()
    several = len(args) > 1
    seen_rel: dict[str, str] = {}
    if args.count(STDIN) > 1:
        raise InputError("'-' (standard input) can be named only once")
    for arg in args:
        if arg == STDIN:
            _add(plan, seen_rel, InputFile(STDIN, "stdin", "auto"), arg)
            continue
        if not os.path.lexists(arg):
            raise InputError(f"{arg}: no such file or directory")
        real = os.path.realpath(arg)
        if os.path.isdir(arg):
            if out_real is not None and real == out_real:
                raise InputError(f"{arg}: the output directory cannot be an input directory")
            prefix = (Path(real).name + "/") if several else ""
            _walk(
                plan,
                seen_rel,
                Path(arg),
                prefix,
                config,
                out_real,
                {_dir_key(arg)},
                follow_symlinks,
            )
        else:
            name = Path(arg).name
            kind, comp = input_kind(name, config.extensions) or ("text", "")
            inp = _file_entry(arg, name, kind, comp)
            if out_real is not None and os.path.realpath(os.path.join(out_real, name)) == real:
                raise InputError(f"{arg}: writing the output would overwrite this input")
            _add(plan, seen_rel, inp, arg)
    return plan


def _add(plan: Plan, seen: dict[str, str], inp: InputFile, arg: str) -> None:
    other = seen.get(inp.out_relpath)
    if other is not None:
        raise InputError(
            f"inputs {other!r} and {arg!r} would both write {inp.out_relpath!r} under the "
            "output; clean them in separate runs or rename one"
        )
    seen[inp.out_relpath] = arg
    plan.inputs.append(inp)


def _dir_key(path: str | Path) -> tuple[int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino)


def _file_entry(path: str, relpath: str, kind: str, comp: str) -> InputFile:
    try:
        st = os.stat(path)
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime = -1, 0  # the reader reports why it cannot be opened
    return InputFile(path, relpath, kind, comp, size, mtime)


def _walk(
    plan: Plan,
    seen: dict[str, str],
    directory: Path,
    prefix: str,
    config: InputConfig,
    out_real: str | None,
    ancestors: set[tuple[int, int]],
    follow: bool = False,
) -> None:
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        plan.failures.append(Failure(str(directory), None, f"unreadable directory: {exc.strerror}"))
        return
    for name in names:
        path = directory / name
        if name.startswith("."):
            plan.skip("hidden")
            continue
        if not follow and path.is_symlink():
            plan.skip("symlink")
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            found = input_kind(name, config.extensions)
            if found is not None:
                # A dangling or looping symlink with a document's name: a document
                # that cannot be read; the reader rejects it with the reason.
                _add(plan, seen, InputFile(str(path), prefix + name, *found), str(path))
            elif exc.errno == errno.ELOOP:
                plan.failures.append(Failure(str(path), None, "symlink loop"))
            else:
                plan.skip("unsupported", name)
            continue
        if stat.S_ISDIR(st.st_mode):
            if out_real is not None and os.path.realpath(path) == out_real:
                plan.skip("output_dir")
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                plan.failures.append(
                    Failure(str(path), None, "symlink loop: points back to a parent directory")
                )
                continue
            _walk(plan, seen, path, f"{prefix}{name}/", config, out_real, ancestors | {key}, follow)
            continue
        found = input_kind(name, config.extensions)
        if found is None:
            plan.skip("unsupported", name)
            continue
        kind, comp = found
        entry = InputFile(str(path), prefix + name, kind, comp, st.st_size, st.st_mtime_ns)
        _add(plan, seen, entry, str(path))
