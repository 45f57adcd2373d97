"""Progress reporting for the CLI: a rich bar on a terminal, plain log lines otherwise.

Both implement the ``Progress`` protocol of :mod:`textclean.run`. Each phase
has a total (inputs, or documents for dedup) and, when every input is a file,
the total input bytes: the rate (documents/s, MB/s) and the ETA come from the
bytes read so far against that total (else from the count against its total).
Log lines go to standard error at most every ``interval`` seconds, plus one at
the end of each phase, so a log file stays readable.

>>> import io
>>> out, now = io.StringIO(), [0.0]
>>> p = LogProgress(stream=out, interval=60, clock=lambda: now[0])
>>> p.phase("process", 2, total_bytes=4_000_000); p.advance(0, 0, 0)
>>> now[0] = 2.0; p.advance(1, 70, 1_000_000); p.close()
>>> out.getvalue().splitlines()[-1]
'textclean: process: 1/2 inputs, 70 documents, 1.0/4.0 MB, 35 docs/s, 0.50 MB/s, ETA 6s'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO


def format_eta(seconds: float) -> str:
    """``ETA`` text: seconds, minutes or hours.

    >>> format_eta(7.2), format_eta(125), format_eta(7384)
    ('7s', '2m05s', '2h03m')
    """
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class _Rates:
    """Counts of the current phase, and the rates and ETA they give."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.name = ""
        self.unit = "inputs"
        self.total: int | None = None
        self.total_bytes: int | None = None
        self.done = 0
        self.docs = 0
        self.bytes_done: int | None = None
        self.t0 = clock()

    def start(self, name: str, total: int | None, total_bytes: int | None, unit: str) -> None:
        self.name, self.total, self.total_bytes, self.unit = name, total, total_bytes, unit
        self.done = self.docs = 0
        self.bytes_done = None
        self.t0 = self.clock()
        self._docs0: int | None = None
        self._bytes0: int | None = None

    def update(self, done: int, docs: int, bytes_done: int | None) -> None:
        # The first update, made as the phase starts, is the baseline: what a
        # resumed run had already done counts for the ETA but not for the rate.
        if self._docs0 is None:
            self._docs0, self._bytes0 = docs, bytes_done
        self.done, self.docs, self.bytes_done = done, docs, bytes_done

    def text(self) -> str:
        total = f"/{self.total}" if self.total is not None else ""
        parts = [f"{self.done}{total} {self.unit}"]
        if self.unit != "documents":
            parts.append(f"{self.docs} documents")
        if self.bytes_done is not None and self.total_bytes:
            parts.append(f"{self.bytes_done / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB")
        elapsed = self.clock() - self.t0
        moved = self._docs0 is not None and (
            self.docs > self._docs0
            or (self.bytes_done or 0) > (self._bytes0 or 0)
            or (self.unit == "documents" and self.done > 0)
        )
        if elapsed > 0 and moved and self._docs0 is not None:
            docs_rate = (self.docs - self._docs0) / elapsed
            parts.append(f"{docs_rate:,.0f} docs/s")
            remaining: float | None = None
            if self.bytes_done is not None and self.total_bytes and self._bytes0 is not None:
                mb_rate = (self.bytes_done - self._bytes0) / elapsed / 1e6
                parts.append(f"{mb_rate:.2f} MB/s")
                if mb_rate > 0:
                    remaining = (self.total_bytes - self.bytes_done) / 1e6 / mb_rate
            elif self.total and self.done > 0 and self.unit == "documents":
                remaining = (self.total - self.done) / max(docs_rate, 1e-9)
            if remaining is not None:
                parts.append(f"ETA {format_eta(max(remaining, 0.0))}")
        return ", ".join(parts)


class LogProgress:
    """Plain ``textclean: ...`` lines on standard error."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self.clock = clock
        self._rates = _Rates(clock)
        self._active = False
        self._last = 0.0
        self._dirty = False

    def _emit(self) -> None:
        if not self._active:
            return
        print(f"textclean: {self._rates.name}: {self._rates.text()}", file=self.stream, flush=True)
        self._last = self.clock()
        self._dirty = False

    def phase(
        self,
        name: str,
        total: int | None,
        *,
        total_bytes: int | None = None,
        unit: str = "inputs",
    ) -> None:
        if self._dirty:
            self._emit()
        self._rates.start(name, total, total_bytes, unit)
        self._active = True
        self._last = self.clock()
        if name == "dedup":
            of = f" ({total} documents)" if total is not None else ""
            print(f"textclean: dedup: comparing documents{of}", file=self.stream, flush=True)

    def advance(self, done: int, documents: int, bytes_done: int | None = None) -> None:
        self._rates.update(done, documents, bytes_done)
        self._dirty = True
        if self.clock() - self._last >= self.interval:
            self._emit()

    def note(self, message: str) -> None:
        print(f"textclean: {message}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._dirty:
            self._emit()


class RichProgress:
    """A progress bar per phase (rich), drawn on standard error; the bar follows the
    input bytes when they are known, else the count."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[info]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self._bar.start()
        self._task: Any = None
        self._rates = _Rates(time.monotonic)

    def phase(
        self,
        name: str,
        total: int | None,
        *,
        total_bytes: int | None = None,
        unit: str = "inputs",
    ) -> None:
        if self._task is not None:
            self._bar.stop_task(self._task)
        self._rates.start(name, total, total_bytes, unit)
        self._task = self._bar.add_task(name, total=total_bytes or total, info=self._rates.text())

    def advance(self, done: int, documents: int, bytes_done: int | None = None) -> None:
        if self._task is None:
            return
        self._rates.update(done, documents, bytes_done)
        use_bytes = bytes_done is not None and bool(self._rates.total_bytes)
        self._bar.update(
            self._task,
            completed=bytes_done if use_bytes else done,
            info=self._rates.text(),
        )

    def note(self, message: str) -> None:
        self._bar.console.print(f"textclean: {message}")

    def close(self) -> None:
        self._bar.stop()


class QuietProgress:
    """No output at all (``--quiet``)."""

    def phase(
        self,
        name: str,
        total: int | None,
        *,
        total_bytes: int | None = None,
        unit: str = "inputs",
    ) -> None:
        pass

    def advance(self, done: int, documents: int, bytes_done: int | None = None) -> None:
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
