"""driftsforum actions [FORUM]: the actions from every meeting, open and overdue first."""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import TableOrJson, Today, app, parse_today, repository_root
from driftsforum_cli.cli.output import stdout_is_terminal


@app.command(short_help="Vis handlingerne fra alle møder med ansvarlig og deadline.")
def actions(
    ctx: typer.Context,
    forum: str | None = typer.Argument(None, metavar="FORUM", help="Kun dette forum. Standard: alle."),
    only_open: bool = typer.Option(False, "--open", help="Kun åbne handlinger."),
    owner: str | None = typer.Option(
        None, "--owner", metavar="PLADS", help="Kun handlinger med denne ansvarlige (pladsens id)."
    ),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", case_sensitive=False, help="table eller json."),
    today: Today = None,
) -> None:
    """Vis handlingerne fra alle møder: ansvarlig, deadline, status og mødet, der aftalte dem."""
    from driftsforum_cli.domain.actions import list_actions
    from driftsforum_cli.render.actions import actions_json, actions_table
    from driftsforum_cli.services.gate import load_forums

    on = parse_today(today)
    repo = load_forums(repository_root(ctx), forum)
    found = list_actions(repo.forums, on, only_open=only_open, owner=owner)
    for note in found.notes:
        typer.echo(f"Bemærk: {note}", err=True)
    if fmt is TableOrJson.json:
        typer.echo(actions_json(found.rows))
    elif not found.rows:
        typer.echo("Ingen åbne handlinger." if only_open else "Ingen handlinger.")
    else:
        typer.echo(actions_table(found.rows, color=stdout_is_terminal()))
