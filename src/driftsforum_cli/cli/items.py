"""driftsforum agenda add|move|attach, driftsforum action update: the agenda's items and the actions, changed with commands."""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import ForumId, Today, parse_date_argument, parse_today, repository_root
from driftsforum_cli.cli.changes import DryRun, report, setting
from driftsforum_cli.cli.documents import agenda_app
from driftsforum_cli.cli.options import MeetingDate
from driftsforum_cli.cli.record import action_app


@agenda_app.command("add", short_help="Tilføj et punkt til mødets dagsorden.")
def agenda_add(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    title: str = typer.Option(..., "--title", metavar="TEKST", help="Punktets overskrift."),
    kind: str = typer.Option("drøftelse", "--kind", metavar="TYPE", help="beslutning, drøftelse eller orientering."),
    presenter: str | None = typer.Option(None, "--presenter", metavar="PLADS", help="Oplægsholderens plads."),
    agreement: list[str] | None = typer.Option(
        None, "--agreement", metavar="ID", help="En samarbejdsaftale, punktet handler om (kan gentages)."
    ),
    recommendation: str | None = typer.Option(
        None,
        "--recommendation",
        metavar="TEKST",
        help="Indstillingen, fx 'Det indstilles, at driftsforum drøfter sagen.'",
    ),
    minutes: int | None = typer.Option(
        None, "--minutes", metavar="MINUTTER", help="Tiden til punktet i minutter (tidsplanen)."
    ),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Tilføj et punkt sidst blandt mødets egne punkter."""
    from driftsforum_cli.services.agenda import add_item

    if kind not in ("beslutning", "drøftelse", "orientering"):
        raise typer.BadParameter(
            f"'{kind}' er ikke en punkttype; brug beslutning, drøftelse eller orientering", param_hint="--kind"
        )
    day, on = parse_date_argument(meeting, "mødet"), parse_today(today)
    outcome = add_item(
        repository_root(ctx),
        forum,
        day,
        title,
        on,
        kind=kind,
        presenter=presenter,
        agreements=[part.strip() for value in agreement or [] for part in value.split(",") if part.strip()],
        recommendation=recommendation,
        minutes=minutes,
        dry_run=dry_run,
        now=options.real_date(),
    )
    report(outcome)


ITEM = typer.Argument(..., metavar="PUNKT", help="Punktets nummer på dagsordenen.", show_default=False)


@agenda_app.command("move", short_help="Flyt et punkt til en anden plads på dagsordenen.")
def agenda_move(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    item: int = ITEM,
    to: int = typer.Option(..., "--to", metavar="PUNKT", help="Nummeret, punktet skal have."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Flyt et af mødets egne punkter til en anden plads på dagsordenen."""
    from driftsforum_cli.services.agenda import move_item

    (root, on, now), day = setting(ctx, today), parse_date_argument(meeting, "mødet")
    report(move_item(root, forum, day, item, to, on, dry_run=dry_run, now=now))


@agenda_app.command("attach", short_help="Vedhæft en fil til et punkt.")
def agenda_attach(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    item: int = ITEM,
    file: Path = typer.Argument(..., metavar="FIL", help="Filen, der skal være bilag.", show_default=False),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Læg en fil som bilag til et punkt: den kopieres til meetings/MØDE/ og skrives under punktets bilag."""
    from driftsforum_cli.services.agenda import attach_file

    (root, on, now), day = setting(ctx, today), parse_date_argument(meeting, "mødet")
    report(attach_file(root, forum, day, item, file, on, dry_run=dry_run, now=now))


@action_app.command("update", short_help="Skift ansvarlig eller frist for en handling.")
def action_update(
    ctx: typer.Context,
    forum: ForumId,
    action: str = typer.Argument(..., metavar="ID", help="Handlingens id, fx nord-2026-3-a1.", show_default=False),
    owner: str | None = typer.Option(None, "--owner", metavar="PLADS", help="Den nye ansvarliges plads."),
    due: str | None = typer.Option(None, "--due", metavar="ÅÅÅÅ-MM-DD", help="Den nye frist."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Skift ansvarlig eller frist for en handling (i mødefilen, hvor den blev aftalt)."""
    from driftsforum_cli.services.minutes import update_action

    deadline = parse_date_argument(due, "--due") if due is not None else None
    root, on, now = setting(ctx, today)
    report(update_action(root, forum, action, on, owner=owner, due=deadline, dry_run=dry_run, now=now))
