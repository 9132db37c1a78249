"""driftsforum schema"""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli.app import app, repository_root
from driftsforum_cli.errors import UserError


@app.command(short_help="Skriv JSON-skemaerne for filerne (til editoren og CI).")
def schema(
    ctx: typer.Context,
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="MAPPE",
        help="Mappen, skemaerne skrives til. Standard: schemas/ i samlingen.",
        file_okay=False,
    ),
    force: bool = typer.Option(False, "--force", help="Overskriv også filer, der er ændret i hånden."),
) -> None:
    """Skriv JSON-skemaerne for filerne (til editorens autofuldførelse og til CI)."""
    from driftsforum_cli.danish import plural, them
    from driftsforum_cli.files import OverwriteRefused, write_generated
    from driftsforum_cli.models.schema import json_schemas

    folder = output if output is not None else repository_root(ctx) / "schemas"
    files = {folder / name: text.encode("utf-8") for name, text in json_schemas().items()}
    try:
        written = write_generated(files, force=force)
    except OverwriteRefused as exc:
        names = ", ".join(str(path) for path in exc.paths)
        raise UserError(
            f"{names} er ændret, siden driftsforum skrev {them(len(exc.paths))}; intet er skrevet. Brug --force for at overskrive."
        ) from None
    if written:
        typer.echo(f"Skrev {plural(len(written), 'skema', 'skemaer')} i {folder}.")
    else:
        typer.echo(f"Skemaerne i {folder} er allerede opdaterede.")
