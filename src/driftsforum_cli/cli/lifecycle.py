"""driftsforum agenda mark-sent, minutes mark-sent|add-comment|mark-revised: record a document's life cycle in
the meeting file (services.lifecycle)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import ForumId, Today, parse_date_argument, parse_past_date, repository_root
from driftsforum_cli.cli.documents import agenda_app, minutes_app
from driftsforum_cli.cli.options import MeetingDate
from driftsforum_cli.errors import UsageError

if TYPE_CHECKING:
    from driftsforum_cli.services.lifecycle import Step

ON = typer.Option(None, "--on", metavar="ÅÅÅÅ-MM-DD", help="Datoen. Standard: i dag.")


def _record(
    ctx: typer.Context,
    forum_id: str,
    meeting_text: str,
    step: Step,
    on: date,
    force: bool = False,
    item: int | None = None,
    **extra: str,
) -> None:
    from driftsforum_cli.render.lifecycle import describe_step
    from driftsforum_cli.services.lifecycle import record_step

    meeting, now = parse_date_argument(meeting_text, "mødet"), options.real_date()
    done = record_step(repository_root(ctx), forum_id, meeting, step, on, **extra, force=force, now=now, item=item)
    typer.echo("\n".join(describe_step(done)))


@agenda_app.command("mark-sent", short_help="Registrér, at dagsordenen (eller en rettelse) er udsendt.")
def agenda_mark_sent(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    on: str | None = ON,
    update: bool = typer.Option(False, "--update", help="Det var en rettet dagsorden (fx sendt fra Outlook)."),
    note: str | None = typer.Option(None, "--note", metavar="TEKST", help="Hvad der er rettet (med --update)."),
    today: Today = None,
) -> None:
    """Registrér i mødefilen, at dagsordenen er udsendt – eller med --update og --note, at en rettet dagsorden er
    udsendt, som 'send agenda --update' registrerer det."""
    day = parse_past_date(on, "--on", today)
    if update != (note is not None):
        raise UsageError("--update og --note bruges sammen: --update --note 'hvad der er rettet'")
    if update and note is not None:
        _record(ctx, forum, meeting, "agenda-update", day, text=note)
    else:
        _record(ctx, forum, meeting, "agenda-sent", day)


@minutes_app.command("mark-sent", short_help="Registrér, at referatet er udsendt (fristen løber herfra).")
def minutes_mark_sent(
    ctx: typer.Context, forum: ForumId, meeting: MeetingDate, on: str | None = ON, today: Today = None
) -> None:
    """Registrér i mødefilen, at referatet er udsendt; fristen for bemærkninger løber herfra."""
    _record(ctx, forum, meeting, "minutes-sent", parse_past_date(on, "--on", today))


@minutes_app.command("add-comment", short_help="Registrér et medlems bemærkning til referatet.")
def minutes_add_comment(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    by: str = typer.Option(..., "--by", metavar="PLADS", help="Hvem bemærkningen er fra (pladsens id)."),
    text: str = typer.Option(..., "--text", metavar="TEKST", help="Bemærkningen."),
    on: str | None = typer.Option(None, "--on", metavar="ÅÅÅÅ-MM-DD", help="Modtaget den. Standard: i dag."),
    today: Today = None,
    item: int | None = typer.Option(
        None, "--item", metavar="PUNKT", min=1, help="Punktet på dagsordenen, bemærkningen gælder (fx 5)."
    ),
) -> None:
    """Registrér en bemærkning til referatet."""
    _record(ctx, forum, meeting, "comment", parse_past_date(on, "--on", today), item=item, by=by, text=text)


@minutes_app.command("mark-revised", short_help="Registrér, at det reviderede referat er udsendt.")
def minutes_mark_revised(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    on: str | None = ON,
    today: Today = None,
    force: bool = typer.Option(False, "--force", help="Registrér det, selv om fristen for bemærkninger løber."),
) -> None:
    """Registrér, at det reviderede referat er udsendt; derefter er referatet godkendt. Afvises, til fristen for
    bemærkninger er udløbet, medmindre --force bruges."""
    _record(ctx, forum, meeting, "revised", parse_past_date(on, "--on", today), force)
