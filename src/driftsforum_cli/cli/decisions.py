"""driftsforum decisions: the decision register across forums and years, with Danish text search."""

from __future__ import annotations

from enum import StrEnum

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_root


class RegisterFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(short_help="Find beslutninger og handlinger på tværs af fora og år.")
def decisions(
    ctx: typer.Context,
    grep: str | None = typer.Option(
        None,
        "--grep",
        metavar="TEKST",
        help="Søg i punkter, beslutninger og handlinger; bøjninger og stavemåder (æ/ae, ø/oe, å/aa) findes også.",
    ),
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum. Standard: alle."),
    agreement: str | None = typer.Option(None, "--agreement", metavar="ID", help="Kun punkter om denne aftale."),
    start: str | None = typer.Option(None, "--from", metavar="ÅÅÅÅ-MM-DD", help="Fra og med denne mødedato."),
    end: str | None = typer.Option(None, "--to", metavar="ÅÅÅÅ-MM-DD", help="Til og med denne mødedato."),
    fmt: RegisterFormat = typer.Option(
        RegisterFormat.table, "--format", case_sensitive=False, help="table, json eller csv (til Excel)."
    ),
    today: Today = None,
) -> None:
    """Find beslutninger og handlinger på tværs af fora og år; de bedste træf først."""
    from driftsforum_cli.domain.decisions import DecisionQuery
    from driftsforum_cli.render.decisions import decisions_csv, decisions_json, decisions_table
    from driftsforum_cli.services.decisions import decision_register

    on = parse_today(today)
    first = parse_today(start, "--from") if start is not None else None
    last = parse_today(end, "--to") if end is not None else None
    if first is not None and last is not None and first > last:
        raise typer.BadParameter(f"--from ({first.isoformat()}) ligger efter --to ({last.isoformat()})")
    query = DecisionQuery(grep, forum, agreement, first, last)
    found = decision_register(repository_root(ctx), query, on)
    for note in found.notes:
        typer.echo(f"Bemærk: {note}", err=True)
    if fmt is RegisterFormat.json:
        typer.echo(decisions_json(found.hits))
    elif fmt is RegisterFormat.csv:
        typer.echo(decisions_csv(found.hits), nl=False)
    elif not found.hits:
        typer.echo("Ingen beslutninger eller handlinger passer til søgningen.")
    else:
        typer.echo(decisions_table(found.hits))
