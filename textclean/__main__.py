"""``python -m textclean`` runs the command-line interface."""

from textclean.cli import main

raise SystemExit(main())
