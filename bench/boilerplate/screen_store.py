"""Write (or check) the stored screen analyses of the built-in boilerplate rules.

``textclean/stages/boilerplate/screen_store.json`` holds what the screen analyses
(:func:`~textclean.stages.boilerplate.screen.required_literals`, ``all_atoms``,
``edge_atoms``, ``literal_prefixes``) give for every pattern of the built-in rule
pack, so that building the stage does not analyse them again in every process.
Rerun this after changing a rule pattern or the analysis code; the store is not
read when it was written for other code (see ``store_key``), and
``tests/test_boilerplate_screen_store.py`` fails while it is stale.

Usage::

    python bench/boilerplate/screen_store.py           # write it
    python bench/boilerplate/screen_store.py --check   # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from textclean.stages.boilerplate import screen  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the store is stale")
    args = ap.parse_args(argv)
    text = screen.store_text()
    current = screen.STORE.is_file() and screen.STORE.read_text(encoding="utf-8") == text
    if args.check:
        print(f"{screen.STORE.name}: {'current' if current else 'stale (run without --check)'}")
        return 0 if current else 1
    if not current:
        screen.STORE.write_text(text, encoding="utf-8")
    print(f"{screen.STORE.name}: {'unchanged' if current else 'written'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
