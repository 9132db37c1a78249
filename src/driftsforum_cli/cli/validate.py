"""driftsforum validate"""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_targets
from driftsforum_cli.cli.options import Paths, ReportFormatOption
from driftsforum_cli.cli.output import stdout_is_terminal
from driftsforum_cli.reporters import ReportFormat, reporter


@app.command(short_help="Kontrollér filerne mod datamodellen og kommissoriets regler.")
def validate(
    ctx: typer.Context,
    paths: Paths = None,
    fmt: ReportFormatOption = ReportFormat.text,
    strict: bool = typer.Option(False, "--strict", help="Behandl advarsler som fejl."),
    today: Today = None,
) -> None:
    """Kontrollér filerne mod datamodellen og kommissoriets regler, og rapportér alle problemer på én gang."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.services.validation import validate_targets

    result = validate_targets(repository_targets(ctx, paths), parse_today(today), options.real_date())
    reporter(fmt, color=stdout_is_terminal()).diagnostics(result.diagnostics, files=result.files, forums=result.forums)
    if strict and result.diagnostics and not result.errors and fmt is ReportFormat.text:
        typer.echo("Med --strict tæller advarslerne som fejl.")
    raise typer.Exit(1 if result.failed(strict) else 0)
