"""``python -m textclean`` runs the command-line interface."""

from textclean.cli import main

if __name__ == "__main__":  # worker processes re-import this module; only the parent runs the CLI
    raise SystemExit(main())
