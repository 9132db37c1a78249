"""driftsforum privacy-check"""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_targets
from driftsforum_cli.cli.options import Paths, ReportFormatOption
from driftsforum_cli.reporters import ReportFormat, reporter


@app.command("privacy-check", short_help="Find personoplysninger i det, der offentliggøres.")
def privacy_check(
    ctx: typer.Context,
    paths: Paths = None,
    fmt: ReportFormatOption = ReportFormat.text,
    everything: bool = typer.Option(
        False,
        "--all",
        help="Kontrollér også det, der endnu ikke er offentliggjort: udkast til referater og dagsordener, der ikke er udsendt.",
    ),
    today: Today = None,
) -> None:
    """Find CPR-numre, andres e-mailadresser og telefonnumre og tegn på borgersager i det, der offentliggøres."""
    from driftsforum_cli.services.privacy import check_targets

    on = parse_today(today)
    result = check_targets(repository_targets(ctx, paths), on, everything=everything, within=paths or ())
    reporter(fmt).privacy(result.report)
    for display in result.unchecked:
        typer.echo(f"Fejl: {display} kan ikke læses og er ikke kontrolleret; kør 'driftsforum validate'.", err=True)
    raise typer.Exit(0 if result.passed else 1)
