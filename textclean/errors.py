"""Exit codes and one-line messages for faults of the machine, not of the input.

The CLI exits with:

* ``0`` — everything worked (or the run was already complete);
* ``1`` — some inputs failed; they are listed, and in ``summary.json``;
* ``2`` — a usage, config, rules or resume problem (nothing was processed);
* ``3`` — an environment fault: disk full, a read-only or unwritable OUT, a
  corrupt dedup index or work journal. The message names the path and what to do;
* ``4`` — an internal error (a bug): one line, the traceback only with
  ``TEXTCLEAN_DEBUG=1``;
* ``128 + N`` — stopped by signal N (SIGINT 130, SIGTERM 143, SIGHUP 129).

>>> import errno
>>> describe_os_error(OSError(errno.ENOSPC, "No space left on device", "out/a.txt"))
'out/a.txt: no space left on device; free some space, then rerun with --resume'
>>> describe_os_error(OSError(errno.EROFS, "Read-only file system", "out"))
'out: read-only file system; choose a writable output directory (-o)'
"""

from __future__ import annotations

import errno
import os
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ENVIRONMENT, EXIT_INTERNAL = 0, 1, 2, 3, 4


class EnvironmentFault(Exception):
    """A fault of the machine or of a file textclean keeps (exit code 3)."""

    def __init__(self, path: str | os.PathLike[str], problem: str, remedy: str) -> None:
        super().__init__(f"{os.fspath(path)}: {problem}; {remedy}")
        self.path = os.fspath(path)


_OS_REMEDIES = {
    errno.ENOSPC: ("no space left on device", "free some space, then rerun with --resume"),
    errno.EDQUOT: ("disk quota exceeded", "free some space, then rerun with --resume"),
    errno.EFBIG: ("file too large for this file system", "choose another output directory"),
    errno.EROFS: ("read-only file system", "choose a writable output directory (-o)"),
    errno.EACCES: (
        "permission denied",
        "choose a writable output directory (-o) or fix its permissions",
    ),
    errno.EPERM: (
        "operation not permitted",
        "choose a writable output directory (-o) or fix its permissions",
    ),
    errno.EIO: ("input/output error", "check the disk, then rerun with --resume"),
    errno.ENAMETOOLONG: ("file name too long", "shorten the input or output path"),
}


def describe_os_error(exc: OSError) -> str:
    """One line naming the path, the problem and the remedy."""
    path = exc.filename if exc.filename is not None else "(unnamed file)"
    problem, remedy = _OS_REMEDIES.get(
        exc.errno or -1, ((exc.strerror or str(exc)).lower(), "check the path and rerun")
    )
    return f"{os.fsdecode(path)}: {problem}; {remedy}"


def name_os_error(exc: OSError, path: Any) -> OSError:
    """``exc`` with ``path`` as its file name when it has none (writes to open files)."""
    if exc.filename is None:
        exc.filename = os.fspath(path)
    return exc


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal (SIGTERM, SIGHUP or SIGINT)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        import signal

        return signal.Signals(self.signum).name


def stop_on_signals() -> None:
    """Turn SIGTERM, SIGHUP and SIGINT into :class:`Stopped` in the main thread, so a run
    unwinds: workers are stopped, the journal is closed, one line says how to go on.

    What Slurm, Kubernetes and ``timeout`` send is SIGTERM; a closed terminal, SIGHUP.
    """
    import signal

    def handler(signum: int, _frame: Any) -> None:
        # once stopping, a second signal must not interrupt the clean-up
        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        raise Stopped(signum)

    for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(s, handler)
