"""How much work a call does, counted, not timed: the lines of the library's Python code
it runs (``sys.settrace`` line events in frames of the ``textclean`` package).

The count is the same on every run and on any machine, so a test can tell linear work
from quadratic work by the growth of the count with its input's size, where a timing
flakes on a loaded machine. Work done in compiled code (regexes, numba loops, builtins)
is not counted: a test of that work's growth belongs in ``bench/``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import textclean

_PACKAGE = str(Path(textclean.__file__).resolve().parent)


def steps(call: Callable[[], Any]) -> int:
    """The number of lines of ``textclean``'s Python code that ``call()`` runs.

    >>> from textclean.stages.boilerplate.shape import written_sentence
    >>> steps(lambda: written_sentence("Post a Comment")) > 0
    True
    >>> steps(lambda: len("abc"))
    0
    """
    count = 0
    ours: dict[str, bool] = {}

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        name = frame.f_code.co_filename
        inside = ours.get(name)
        if inside is None:
            inside = ours[name] = str(Path(name).resolve()).startswith(_PACKAGE)
        return local if inside else None

    before = sys.gettrace()
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(before)
    return count


def grows_linearly(work: Callable[[int], int], small: int, factor: int = 8) -> bool:
    """Whether ``work(n)`` (a count of :func:`steps`) grows about linearly from ``small``
    to ``factor`` times ``small``: less than ``factor * 2.5`` times as much; a quadratic
    count grows ``factor ** 2`` times (64 for 8)."""
    return work(small * factor) < factor * 2.5 * work(small)
