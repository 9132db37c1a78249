"""driftsforum remind [--forum ID] [--today DATO] [--send]: e-mail today's reminders – to action owners before
and after the due date, to members before the deadline for comments on the minutes, to presenters before the
agenda's deadline, and a weekly digest to the secretariat. A dry run unless --send; never twice (the forum's
send log). The workflow is `services.reminders`; this module parses the arguments and prints what happens."""

from __future__ import annotations

import os
from datetime import datetime

import typer

from driftsforum_cli.cli import options as cli_options
from driftsforum_cli.cli.app import Today, app, parse_today, repository_root
from driftsforum_cli.cli.send_options import (
    ConfirmUncertain,
    EmlFolder,
    ResendUncertain,
    SendNow,
    show_event,
    uncertain_decision,
)


@app.command(short_help="Send dagens påmindelser om frister med e-mail.")
def remind(
    ctx: typer.Context,
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum. Standard: alle."),
    send: SendNow = False,
    eml: EmlFolder = None,
    resend: ResendUncertain = False,
    confirm: ConfirmUncertain = False,
    today: Today = None,
) -> None:
    """Send dagens påmindelser: til de ansvarlige for handlinger før fristen og når den er overskredet, til
    medlemmerne dagen før fristen for bemærkninger til referatet, til oplægsholderne før dagsordenens frist og en
    ugeoversigt til sekretariatet. Hvad der sendes, styres af 'reminders' i forum.yaml. Uden --send er det en
    prøvekørsel; med --send sendes hver påmindelse én gang (udsendelsesloggen), så kommandoen kan køre dagligt."""
    decision = uncertain_decision(resend, confirm)
    from driftsforum_cli.render.email import DANISH_TIME
    from driftsforum_cli.render.reminders import summary
    from driftsforum_cli.services.reminders import remind as run

    result = run(
        repository_root(ctx),
        forum,
        today=parse_today(today),
        now=cli_options.real_date(),
        clock=lambda: datetime.now(DANISH_TIME),
        environ=os.environ,
        send=send,
        eml=eml,
        progress=show_event,
        uncertain=decision,
    )
    typer.echo(summary(result), nl=False)
    if result.blocked:
        from driftsforum_cli.errors import UserError

        raise UserError(
            f"{len(result.blocked)} af forummerne har fejl i filerne og fik ingen påmindelser (se ovenfor); ret dem, "
            "og kør kommandoen igen – de andre får ikke deres påmindelser to gange"
            if len(result.blocked) > 1
            else "et forum har fejl i filerne og fik ingen påmindelser (se ovenfor); ret dem, og kør kommandoen igen "
            "– de andre fora får ikke deres påmindelser to gange"
        )
