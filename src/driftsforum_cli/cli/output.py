"""Printing what a command made, or writing it to a file without overwriting someone's edits."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def emit(data: bytes, output: Path | None, default_name: str | None, force: bool) -> None:
    """Print text documents, or write to `output` (or `default_name` for binary ones) without
    overwriting a file someone has changed since the tool wrote it."""
    from driftsforum_cli.files import write_output

    if output is None and default_name is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    target = output or Path(str(default_name))
    written = write_output(target, data, force=force)
    typer.echo(f"Skrev {target}." if written else f"{target} er allerede opdateret.")
