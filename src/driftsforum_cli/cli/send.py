"""driftsforum send agenda|minutes FORUM MØDE: e-mail the agenda or the minutes to the forum's members and
the meeting's ad hoc participants. A dry run unless --send; never twice (the forum's send log). The
workflow is `services.sending`; this module parses the arguments and prints what happens."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument, parse_today, repository_root

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind
    from driftsforum_cli.services.sending import Event

send_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Send dagsordenen eller referatet med e-mail til forummets medlemmer og mødets ad hoc-deltagere. "
        "Uden --send er det en prøvekørsel: intet sendes og intet registreres."
    ),
)
app.add_typer(send_app, name="send")

MEETING = typer.Argument(..., metavar="MØDE", help="Mødets dato (ÅÅÅÅ-MM-DD).")
SEND = typer.Option(
    False,
    "--send",
    help="Send beskederne nu. Uden: prøvekørsel, der viser modtagere og vedhæftede filer; intet sendes eller registreres.",
)
EML = typer.Option(
    None,
    "--eml",
    metavar="MAPPE",
    file_okay=False,
    help="Skriv én .eml-fil pr. modtager i MAPPE til at sende fra Outlook (åbnes som kladde); intet sendes eller registreres.",
)


@send_app.command("agenda")
def send_agenda(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    send: bool = SEND,
    eml: Path | None = EML,
    today: Today = None,
) -> None:
    """Send dagsordenen (PDF og kalenderfil til mødet) til medlemmerne og mødets ad hoc-deltagere."""
    _run(ctx, "agenda", forum, meeting, send=send, eml=eml, today=today)


@send_app.command("minutes")
def send_minutes(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    send: bool = SEND,
    eml: Path | None = EML,
    today: Today = None,
) -> None:
    """Send referatet (PDF) til medlemmerne og mødets ad hoc-deltagere; fristen for bemærkninger løber fra i dag."""
    _run(ctx, "minutes", forum, meeting, send=send, eml=eml, today=today)


def _run(
    ctx: typer.Context, kind: DocumentKind, forum: str, meeting: str, *, send: bool, eml: Path | None, today: str | None
) -> None:
    from driftsforum_cli.render.email import DANISH_TIME
    from driftsforum_cli.render.sending import summary
    from driftsforum_cli.services.sending import send_document

    result = send_document(
        repository_root(ctx),
        forum,
        kind,
        parse_date_argument(meeting, "mødet"),
        today=parse_today(today),
        clock=lambda: datetime.now(DANISH_TIME),
        environ=os.environ,
        send=send,
        eml=eml,
        progress=_progress,
    )
    typer.echo(summary(result), nl=False)


def _progress(event: Event) -> None:
    from driftsforum_cli.render.sending import event_text
    from driftsforum_cli.services.sending import Warned

    typer.echo(event_text(event), nl=False, err=isinstance(event, Warned))
