"""driftsforum calendar and driftsforum due"""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli.app import (
    Force,
    TableOrJson,
    Today,
    app,
    parse_period,
    parse_today,
    parse_whole_number,
    repository_root,
)
from driftsforum_cli.cli.output import emit, stdout_is_terminal

if TYPE_CHECKING:
    from driftsforum_cli.domain.repository import Repository


#: `due --days`: at most ten years ahead.
MAX_DAYS_AHEAD = 3653


class CalendarFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


def _emit(text: str | bytes, output: Path | None, force: bool, bom: bool = False) -> None:
    """Print, or write the file atomically (-o) without overwriting someone's edits (unless --force).
    CSV files start with a byte-order mark, so Danish Excel reads æ, ø and å as UTF-8."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if output is not None and bom:
        data = b"\xef\xbb\xbf" + data
    emit(data, output, None, force)


def _notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(f"Advarsel: {note}", err=True)


def _load(ctx: typer.Context, forum: str | None) -> Repository:
    from driftsforum_cli.services.gate import load_forums

    return load_forums(repository_root(ctx), forum)


@app.command(short_help="Vis møder og frister flyttet efter danske arbejdsdage.")
def calendar(
    ctx: typer.Context,
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum (id, fx nord)."),
    year: str | None = typer.Option(
        None, "--year", metavar="ÅÅÅÅ", help="Vis dette kalenderår. Standard: året for --today."
    ),
    start: str | None = typer.Option(None, "--from", metavar="ÅÅÅÅ-MM-DD", help="Vis fra og med denne dato."),
    end: str | None = typer.Option(None, "--to", metavar="ÅÅÅÅ-MM-DD", help="Vis til og med denne dato."),
    today: Today = None,
    fmt: CalendarFormat = typer.Option(
        CalendarFormat.table,
        "--format",
        case_sensitive=False,
        help="table (dansk tabel), json, csv (semikolon, til regneark) eller ics (til kalenderprogrammer).",
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FIL", dir_okay=False, help="Skriv til denne fil i stedet for skærmen."
    ),
    force: Force = False,
) -> None:
    """Vis møder og frister (dagsorden, referat, bemærkninger, godkendelse, evaluering) flyttet efter danske arbejdsdage."""
    from driftsforum_cli.domain.deadlines import calendar_plan

    on = parse_today(today)
    first, last = parse_period(start, end, year=year, today=on)
    repo = _load(ctx, forum)
    plan = calendar_plan(repo, on, first, last)
    _notes(plan.notes)
    if fmt is CalendarFormat.ics:
        from driftsforum_cli.render.ics import to_ics

        name = repo.config.model.name if repo.config.model else "Driftsfora"
        _emit(to_ics(plan.events, name, datetime.combine(on, time(0), UTC)), output, force)
        return
    from driftsforum_cli.render import calendar as render

    if fmt is CalendarFormat.json:
        _emit(render.to_json(plan.events), output, force)
    elif fmt is CalendarFormat.csv:
        _emit(render.to_csv(plan.events), output, force, bom=True)
    elif plan.events:
        _emit(render.calendar_table(plan.events), output, force)
    else:
        _emit("Ingen møder eller frister i perioden.\n", output, force)


@app.command(short_help="Vis sekretariatets opgaver: overskredne frister først.")
def due(
    ctx: typer.Context,
    days: str = typer.Option("14", "--days", metavar="DAGE", help="Så mange dage frem (0: kun i dag)."),
    today: Today = None,
    fmt: TableOrJson = typer.Option(
        TableOrJson.table, "--format", case_sensitive=False, help="table (dansk tabel) eller json."
    ),
) -> None:
    """Vis sekretariatets opgaver i alle fora: overskredne frister først (med rødt), derefter de kommende."""
    from driftsforum_cli.domain.deadlines import due_plan
    from driftsforum_cli.render import calendar as render

    on = parse_today(today)
    ahead = parse_whole_number(days, "--days", "et antal dage, fx 14")
    if ahead < 0:
        raise typer.BadParameter(f"{ahead} er negativt; skriv 0 eller flere dage", param_hint="--days")
    if ahead > MAX_DAYS_AHEAD:
        raise typer.BadParameter(
            f"{ahead} er for mange dage; skriv højst {MAX_DAYS_AHEAD} (ti år)", param_hint="--days"
        )
    repo = _load(ctx, None)
    plan = due_plan(repo, on, ahead)
    _notes(plan.notes)
    if fmt is TableOrJson.json:
        _emit(render.to_json(plan.events), None, False)
    elif plan.events:
        color = stdout_is_terminal() and "NO_COLOR" not in os.environ
        _emit(render.due_table(plan.events, on, color), None, False)
    else:
        _emit(f"Ingen opgaver de næste {ahead} dage og intet overskredet.\n", None, False)
