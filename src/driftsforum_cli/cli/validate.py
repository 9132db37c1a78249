"""driftsforum validate"""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_targets, stdout_is_terminal
from driftsforum_cli.cli.report import ReportFormat, print_report


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
    from driftsforum_cli.cli import options
    from driftsforum_cli.diagnostics import Severity
    from driftsforum_cli.domain.rules import check_repository
    from driftsforum_cli.services.fingerprints import check_fingerprints, record_seen
    from driftsforum_cli.workspace import load_repository

    on = parse_today(today)
    targets = repository_targets(ctx, paths)
    diagnostics = []
    files = forums = 0
    for root, only in targets.items():
        repo = load_repository(root, only)
        record_seen(repo, on)
        diagnostics.extend(repo.diagnostics())
        diagnostics.extend(check_repository(repo, on, options.real_date()))
        diagnostics.extend(check_fingerprints(repo, on))
        files += repo.file_count()
        forums += len(repo.forums)
    print_report(diagnostics, fmt, files, forums, color=stdout_is_terminal())
    failing = [d for d in diagnostics if d.severity is Severity.ERROR or strict]
    if strict and failing and fmt is ReportFormat.text and all(d.severity is Severity.WARNING for d in failing):
        typer.echo("Med --strict tæller advarslerne som fejl.")
    raise typer.Exit(1 if failing else 0)
