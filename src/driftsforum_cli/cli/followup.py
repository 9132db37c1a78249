"""driftsforum aarshjul, actions, status-report and evaluation: following up on the forum's work."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from driftsforum_cli.cli.app import (
    Force,
    ForumId,
    Output,
    TableOrJson,
    Today,
    app,
    emit,
    open_forum,
    parse_period,
    parse_today,
    repository_root,
    stdout_is_terminal,
)
from driftsforum_cli.cli.formats import FORMAT
from driftsforum_cli.danish import short_date
from driftsforum_cli.errors import UsageError, UserError
from driftsforum_cli.render.formats import DocumentFormat


class WheelFormat(StrEnum):
    table = "table"
    svg = "svg"
    html = "html"


@app.command()
def aarshjul(
    ctx: typer.Context,
    forum: ForumId,
    year: int | None = typer.Option(None, "--year", metavar="ÅÅÅÅ", help="Året. Standard: året for --today."),
    fmt: WheelFormat = typer.Option(
        WheelFormat.table, "--format", help="table, svg (tegningen) eller html (tegning og tabel)."
    ),
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Vis årshjulet: møderne, samarbejdsaftalerne og de faste opgaver ved hvert møde, og fristerne."""
    from driftsforum_cli.danish import DOCUMENT_TITLES, full_date, week
    from driftsforum_cli.domain.aarshjul import build_wheel
    from driftsforum_cli.render.table import text_table

    on = parse_today(today)
    root, files, calendar = open_forum(ctx, forum, on, "årshjulet laves")
    wheel = build_wheel(files, year or on.year, calendar, on)
    if fmt is WheelFormat.svg:
        from driftsforum_cli.render.aarshjul import render_svg

        emit(render_svg(wheel, root).encode("utf-8"), output, None, force)
        return
    if fmt is WheelFormat.html:
        from driftsforum_cli.render.aarshjul import render_html

        emit(render_html(wheel, root).encode("utf-8"), output, None, force)
        return
    rows = []
    for item in wheel.meetings:
        due = {event.kind: event.date for event in item.deadlines}
        rows.append(
            (
                str(item.number) if item.number is not None else item.meeting.kind,
                f"{full_date(item.meeting.date)} ({week(item.meeting.date)})",
                ", ".join(a.id for a in item.agreements) or "–",
                "; ".join(item.tasks) or "–",
                short_date(due["agenda_due"]),
                short_date(due["minutes_due"]),
            )
        )
    due_columns = tuple(f"{DOCUMENT_TITLES[kind]} senest" for kind in ("agenda", "minutes"))
    header = ("Møde", "Dato", "Samarbejdsaftaler", "Faste opgaver", *due_columns)
    lines = [f"Årshjul {wheel.year} – {wheel.forum.name}", "", *text_table(header, rows)]
    if wheel.unplanned:
        lines += ["", "Aktive samarbejdsaftaler uden plads i årshjulet: " + ", ".join(a.id for a in wheel.unplanned)]
    emit(("\n".join(lines) + "\n").encode("utf-8"), output, None, force)


@app.command()
def actions(
    ctx: typer.Context,
    forum: str | None = typer.Argument(None, metavar="FORUM", help="Kun dette forum. Standard: alle."),
    only_open: bool = typer.Option(False, "--open", help="Kun åbne handlinger."),
    owner: str | None = typer.Option(
        None, "--owner", metavar="PLADS", help="Kun handlinger med denne ansvarlige (pladsens id)."
    ),
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help="table eller json."),
    today: Today = None,
) -> None:
    """Vis handlingerne fra alle møder: ansvarlig, deadline, status og mødet, der aftalte dem."""
    from driftsforum_cli.domain.actions import track_actions
    from driftsforum_cli.render.table import text_table
    from driftsforum_cli.workspace import load_repository

    on = parse_today(today)
    repo = load_repository(repository_root(ctx), {forum} if forum else None)
    if forum and not repo.forums:
        raise UserError(f"forummet '{forum}' findes ikke i samlingen")
    rows: list[dict[str, object]] = []
    if owner is not None:
        from driftsforum_cli.domain.seats import did_you_mean

        every_seat = [seat for files in repo.forums if files.members.model for seat in files.members.model.seats]
        if owner not in {seat.id for seat in every_seat}:
            where = f"forummet '{forum}'" if forum else "nogen af forummene"
            raise UsageError(f"'{owner}' er ikke en plads i {where}{did_you_mean(owner, every_seat)}")
    for files in repo.forums:
        seats = {seat.id: seat.display_name for seat in files.members.model.seats} if files.members.model else {}
        meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
        if len(meetings) < len(files.meetings):
            typer.echo(f"Bemærk: nogle mødefiler i '{files.id}' kan ikke læses; kør 'driftsforum validate'.", err=True)
        for tracked in track_actions(meetings):
            if only_open and tracked.closed is not None:
                continue
            if owner is not None and tracked.action.owner != owner:
                continue
            rows.append(
                {
                    "forum": files.id,
                    "id": tracked.action.id,
                    "what": tracked.action.what,
                    "owner": tracked.action.owner,
                    "owner_name": seats.get(tracked.action.owner, tracked.action.owner),
                    "due": tracked.action.due.isoformat() if tracked.action.due else None,
                    "status": "closed" if tracked.closed is not None else "open",
                    "overdue": tracked.overdue(on),
                    "created": tracked.created.isoformat(),
                    "closed": tracked.closed.isoformat() if tracked.closed else None,
                }
            )
    rows.sort(key=lambda row: (row["status"] != "open", not row["overdue"], str(row["due"] or "9999"), str(row["id"])))
    if fmt is TableOrJson.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("Ingen handlinger." if not only_open else "Ingen åbne handlinger.")
        return

    def short(value: object) -> str:
        return short_date(date.fromisoformat(str(value))) if value else "–"

    table = text_table(
        ("Status", "Handling", "Ansvarlig", "Deadline", "Aftalt", "Lukket", "Forum"),
        [
            (
                "OVERSKREDET" if row["overdue"] else ("åben" if row["status"] == "open" else "lukket"),
                str(row["what"]),
                str(row["owner_name"]),
                short(row["due"]),
                short(row["created"]),
                short(row["closed"]),
                str(row["forum"]),
            )
            for row in rows
        ],
    )
    if stdout_is_terminal():
        red, reset = "\x1b[1;31m", "\x1b[0m"
        table[2:] = [
            f"{red}{line}{reset}" if row["overdue"] else line for line, row in zip(table[2:], rows, strict=True)
        ]
    typer.echo("\n".join(table))


def _report(
    ctx: typer.Context,
    forum: str,
    template: str,
    start: date | None,
    end: date | None,
    fmt: DocumentFormat,
    output: Path | None,
    force: bool,
    on: date,
    title: str,
) -> None:
    from driftsforum_cli.domain.status_report import build_status_report
    from driftsforum_cli.render.documents import render_template, secretariat_author
    from driftsforum_cli.render.formats import output_name

    root, files, calendar = open_forum(ctx, forum, on, "rapporten laves")
    charter = files.forum.model
    assert charter is not None
    if start is None or end is None:  # the evaluation: since the last one (or the charter's approval)
        start = charter.evaluation.last_done or charter.approved.date
        end = on
    report = build_status_report(files, start, end, calendar, on)
    people = {seat.id: seat.display_name for seat in files.members.model.seats} if files.members.model else {}
    author = secretariat_author(charter.name, charter.documents.author)
    context: dict[str, object] = {"report": report, "forum": charter, "people": people, "author": author}
    data = render_template(template, fmt, context, root, title=f"{title} – {charter.name}", author=author)
    danish_name = {"status-report": "statusrapport", "evaluation": "evaluering"}[template]
    emit(data, output, output_name(fmt, f"{danish_name}-{forum}-{on.isoformat()}"), force)


@app.command("status-report")
def status_report(
    ctx: typer.Context,
    forum: ForumId,
    start: str | None = typer.Option(
        None, "--from", metavar="ÅÅÅÅ-MM-DD", help="Periodens start. Standard: 1. januar."
    ),
    end: str | None = typer.Option(None, "--to", metavar="ÅÅÅÅ-MM-DD", help="Periodens slutning. Standard: i dag."),
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Statusrapport til Klyngestyregruppen og Strategisk Sundhedsforum: møder, rettidighed, aftaler,
    sager, handlinger, arbejdsgrupper og evaluering."""
    on = parse_today(today)
    first, last = parse_period(start, end, today=on, default=(date(on.year, 1, 1), on))
    _report(ctx, forum, "status-report", first, last, fmt, output, force, on, "Statusrapport")


@app.command()
def evaluation(
    ctx: typer.Context,
    forum: ForumId,
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Skabelon til evalueringen af samarbejdsformen med fakta siden sidste evaluering og kommissoriets spørgsmål."""
    on = parse_today(today)
    _report(ctx, forum, "evaluation", None, None, fmt, output, force, on, "Evaluering af samarbejdsformen")
