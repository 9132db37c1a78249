"""What the editing commands share: --dry-run, and telling what a guided edit did (or would do)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from driftsforum_cli.services.edits import EditOutcome

DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Vis ændringen som en diff uden at skrive noget.", show_default=False)
]


def report(outcome: EditOutcome, *, said: bool = True) -> None:
    """The diff and 'intet er skrevet' for a dry run; else what was done (unless `said` already) and which
    files were written."""
    from driftsforum_cli.workspace import display_path

    if not outcome.written:
        typer.echo(outcome.diff(), nl=False)
        typer.echo("\n".join(outcome.done))
        _warnings(outcome)
        typer.echo("Prøvekørsel: intet er skrevet.")
        return
    if said:
        typer.echo("\n".join(outcome.done))
    for change in outcome.changes:
        verb = "Oprettede" if change.before is None else "Slettede" if change.after is None else "Opdaterede"
        typer.echo(f"{verb} {display_path(change.path)}.")
    _warnings(outcome)


def _warnings(outcome: EditOutcome) -> None:
    """The warnings `validate` gives after the change and not before, as `validate` writes them."""
    for found in outcome.warnings:
        typer.echo(f"{found.file}:{found.line}:{found.column}: advarsel [{found.code}] {found.message}", err=True)


def setting(ctx: typer.Context, today: str | None) -> tuple[Path, date, date]:
    """The repository, the day the command works on (--today) and the real date the gate judges by."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.cli.app import parse_today, repository_root

    return repository_root(ctx), parse_today(today), options.real_date()
