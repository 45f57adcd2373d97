"""Write a generated table, or check that the committed one is current.

Every table this folder derives from the real pairs (``mappings.tsv``,
``rules/spin/reverse/real_pairs.tsv``, ``rules/spin/outcomes.tsv``,
``rules/spin/markers_learned.tsv``) is rendered as one string by its script;
:func:`write_or_check` is the script's last step, shared so that every
``--check`` says the same thing and exits the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def write_or_check(
    out: Path, text: str, *, header: str, script: str, unit: str, check: bool
) -> int:
    """Write ``text`` to ``out`` (0), or with ``check`` compare it (0 current, 1 stale).

    ``header`` is the table's comment block, left out of the row count that is
    printed; ``script`` names the generator to run when the file is stale and
    ``unit`` what a row is ("rows", "entries", "markers").

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.tsv"
    >>> write_or_check(path, "# h\\na\\n", header="# h\\n", script="x.py", unit="rows", check=True)
    1
    >>> write_or_check(path, "# h\\na\\n", header="# h\\n", script="x.py", unit="rows", check=False)
    1 rows -> t.tsv
    0
    >>> write_or_check(path, "# h\\na\\n", header="# h\\n", script="x.py", unit="rows", check=True)
    0
    """
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out.name} is stale: run bench/despin/real/{script}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out.name
    print(f"{text.count(chr(10)) - header.count(chr(10))} {unit} -> {shown}")
    return 0
