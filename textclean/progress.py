"""Progress reporting for the CLI: a rich bar on a terminal, plain log lines otherwise.

Both implement the ``Progress`` protocol of :mod:`textclean.run`. Log lines
go to standard error at most every ``interval`` seconds, plus one at the end
of each phase, so a log file stays readable.

>>> import io
>>> out = io.StringIO()
>>> p = LogProgress(stream=out, interval=0)
>>> p.phase("process", 2); p.advance(2, 7); p.close()
>>> out.getvalue().splitlines()[-1]
'textclean: process: 2/2 inputs, 7 documents'
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class LogProgress:
    """Plain ``textclean: ...`` lines on standard error."""

    def __init__(self, stream: TextIO | None = None, interval: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self._phase: str | None = None
        self._total: int | None = None
        self._state: tuple[int, int] = (0, 0)
        self._last = 0.0
        self._dirty = False

    def _emit(self) -> None:
        if self._phase is None:
            return
        inputs, docs = self._state
        total = f"/{self._total}" if self._total is not None else ""
        print(
            f"textclean: {self._phase}: {inputs}{total} inputs, {docs} documents",
            file=self.stream,
            flush=True,
        )
        self._last = time.monotonic()
        self._dirty = False

    def phase(self, name: str, total: int | None) -> None:
        if self._dirty:
            self._emit()
        self._phase, self._total, self._state = name, total, (0, 0)
        self._last = time.monotonic()
        if name == "dedup":
            print("textclean: dedup: comparing documents", file=self.stream, flush=True)

    def advance(self, inputs: int, documents: int) -> None:
        self._state = (inputs, documents)
        self._dirty = True
        if time.monotonic() - self._last >= self.interval:
            self._emit()

    def note(self, message: str) -> None:
        print(f"textclean: {message}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._dirty:
            self._emit()


class RichProgress:
    """A progress bar per phase (rich), drawn on standard error."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("inputs · {task.fields[docs]} documents"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self._bar.start()
        self._task: Any = None

    def phase(self, name: str, total: int | None) -> None:
        if self._task is not None:
            self._bar.stop_task(self._task)
        self._task = self._bar.add_task(name, total=total, docs=0)

    def advance(self, inputs: int, documents: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=inputs, docs=documents)

    def note(self, message: str) -> None:
        self._bar.console.print(f"textclean: {message}")

    def close(self) -> None:
        self._bar.stop()


class QuietProgress:
    """No output at all (``--quiet``)."""

    def phase(self, name: str, total: int | None) -> None:
        pass

    def advance(self, inputs: int, documents: int) -> None:
        pass

    def note(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass


def make_progress(quiet: bool) -> LogProgress | RichProgress | QuietProgress:
    if quiet:
        return QuietProgress()
    if sys.stderr.isatty():
        return RichProgress()
    return LogProgress()
