"""The built wheel carries the rules folder and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_rules_and_entry_point(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("textclean-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    rule_files = sorted(
        p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()
    )
    for rel in rule_files:
        assert f"textclean/rules/{rel}" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "textclean = textclean.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
