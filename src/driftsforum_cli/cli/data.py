"""driftsforum data [FORUM [INDIKATOR]]: the indicators with their latest period and age, or one of them."""

from __future__ import annotations

from enum import StrEnum

import typer

from driftsforum_cli.cli.app import Force, Output, Today, app, parse_today, repository_root
from driftsforum_cli.cli.output import emit


class DataFormat(StrEnum):
    table = "table"
    csv = "csv"
    svg = "svg"


@app.command(short_help="Vis indikatorerne og deres data (tabel, CSV eller SVG).")
def data(
    ctx: typer.Context,
    forum: str | None = typer.Argument(None, metavar="[FORUM]", help="Forummets id, fx nord. Standard: alle fora."),
    indicator: str | None = typer.Argument(
        None, metavar="[INDIKATOR]", help="En indikators id, fx genindl-30: vis dens tal."
    ),
    fmt: DataFormat = typer.Option(
        DataFormat.table,
        "--format",
        case_sensitive=False,
        help="table (tabel), csv (semikolon og decimalkomma, til Excel) eller svg.",
    ),
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Vis indikatorerne med seneste periode og udtrækkets alder, eller én indikators tal som tabel, CSV eller diagram."""
    from driftsforum_cli.cli import options

    on = parse_today(today)
    root = repository_root(ctx)
    if forum is not None and indicator is not None:
        from driftsforum_cli.services.indicators import show_indicator

        emit(show_indicator(root, forum, indicator, fmt.value, on, options.real_date()), output, None, force)
        return
    if fmt is not DataFormat.table:
        raise typer.BadParameter(
            "csv og svg kræver en indikator: driftsforum data FORUM INDIKATOR", param_hint="--format"
        )
    from driftsforum_cli.render.indicators import status_table
    from driftsforum_cli.render.table import text_table
    from driftsforum_cli.services.indicators import list_indicators

    rows: list[list[str]] = []
    notes: list[str] = []
    for found in list_indicators(root, forum, on):
        rows.extend(status_table(found.forum, found.statuses))
        if found.note:
            notes.append(f"{found.forum}: {found.note}.")
        notes.extend(
            f"{found.forum}: udtrækket for '{s.indicator.id}' er for gammelt – hent nye data."
            for s in found.statuses
            if s.stale(on)
        )
    header = ["Forum", "Id", "Indikator", "Seneste periode", "Hentet", "Alder"]
    text = "\n".join(text_table(header, rows)) + "\n" if rows else "Ingen indikatorer.\n"
    emit((text + "".join(f"{note}\n" for note in notes)).encode("utf-8"), output, None, force)
