"""``python -m summarize`` runs the CLI."""

from .cli import main

main()
