"""driftsforum validate"""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_targets, stdout_is_terminal
from driftsforum_cli.reporters import ReportFormat, reporter


@app.command()
def validate(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None,
        metavar="STI",
        help="Filer eller mapper at kontrollere. Standard: alle fora i samlingen.",
        show_default=False,
    ),
    fmt: ReportFormat = typer.Option(
        ReportFormat.text,
        "--format",
        help="text (til mennesker), json (til maskiner) eller github (annoteringer).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Behandl advarsler som fejl."),
    today: Today = None,
) -> None:
    """Kontrollér filerne mod datamodellen og kommissoriets regler, og rapportér alle problemer på én gang."""
    from driftsforum_cli.diagnostics import Severity
    from driftsforum_cli.services.gate import diagnose
    from driftsforum_cli.workspace import load_repository

    on = parse_today(today)
    diagnostics = []
    files = forums = 0
    for root, only in repository_targets(ctx, paths).items():
        repo = load_repository(root, only)
        diagnostics.extend(diagnose(repo, on))
        files += repo.file_count()
        forums += len(repo.forums)
    reporter(fmt, color=stdout_is_terminal()).diagnostics(diagnostics, files=files, forums=forums)
    failing = [d for d in diagnostics if d.severity is Severity.ERROR or strict]
    if strict and failing and fmt is ReportFormat.text and all(d.severity is Severity.WARNING for d in failing):
        typer.echo("Med --strict tæller advarslerne som fejl.")
    raise typer.Exit(1 if failing else 0)
