"""driftsforum send agenda|minutes|cancellation FORUM MØDE: e-mail the agenda (or a corrected one, --update),
the minutes (or the revised ones, --revised) or a cancellation to the forum's members and the meeting's ad hoc
participants (or --to the named seats). A dry run unless --send; never twice (the forum's send log). The
workflow is `services.sending`; this module parses the arguments and prints what happens."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from driftsforum_cli.cli import options as cli_options
from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument, parse_today, repository_root
from driftsforum_cli.cli.options import MeetingDate
from driftsforum_cli.cli.send_options import (
    ConfirmUncertain,
    EmlFolder,
    ResendUncertain,
    SendNow,
    ToSeats,
    show_event,
    uncertain_decision,
)

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind

send_app = typer.Typer(
    no_args_is_help=True,
    short_help="Send dagsorden, referat eller aflysning med e-mail.",
    help=(
        "Send dagsordenen, referatet eller en aflysning med e-mail til forummets medlemmer og mødets ad hoc-deltagere; "
        "send igen med vilje med --update (rettet dagsorden), --revised (revideret referat) eller --to PLADS. "
        "Uden --send er det en prøvekørsel: intet sendes og intet registreres."
    ),
)
app.add_typer(send_app, name="send")


@send_app.command("agenda", short_help="Send dagsordenen med PDF og kalenderfil til mødet.")
def send_agenda(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    update: bool = typer.Option(
        False, "--update", help="Send en rettet dagsorden til alle (fx nyt mødelokale eller nyt tidspunkt)."
    ),
    note: str | None = typer.Option(
        None, "--note", metavar="TEKST", help="Hvad er rettet, fx 'nyt mødelokale'; gemmes under agenda_updates."
    ),
    to: ToSeats = None,
    send: SendNow = False,
    eml: EmlFolder = None,
    resend: ResendUncertain = False,
    confirm: ConfirmUncertain = False,
    today: Today = None,
) -> None:
    """Send dagsordenen (PDF og kalenderfil til mødet) til medlemmerne og mødets ad hoc-deltagere."""
    _run(ctx, "agenda", forum, meeting, today, send, eml, to, resend, confirm, update=update, note=note)


@send_app.command("minutes", short_help="Send referatet (PDF); fristen for bemærkninger løber herfra.")
def send_minutes(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    revised: bool = typer.Option(
        False, "--revised", help="Send det reviderede referat med bemærkningerne, og registrér udsendelsen."
    ),
    force: bool = typer.Option(
        False, "--force", help="Send, selv om referatet mangler deltagere, referent eller beslutninger."
    ),
    to: ToSeats = None,
    send: SendNow = False,
    eml: EmlFolder = None,
    resend: ResendUncertain = False,
    confirm: ConfirmUncertain = False,
    today: Today = None,
) -> None:
    """Send referatet (PDF) til medlemmerne og mødets ad hoc-deltagere; fristen for bemærkninger løber fra i dag."""
    _run(ctx, "minutes", forum, meeting, today, send, eml, to, resend, confirm, revised=revised, force=force)


@send_app.command("cancellation", short_help="Send en aflysning med en kalenderfil, der aflyser mødet.")
def send_cancellation(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    to: ToSeats = None,
    send: SendNow = False,
    eml: EmlFolder = None,
    resend: ResendUncertain = False,
    confirm: ConfirmUncertain = False,
    today: Today = None,
) -> None:
    """Send besked om, at et aflyst møde (cancelled: true) er aflyst, med en kalenderfil, der aflyser mødet."""
    _run(ctx, "agenda", forum, meeting, today, send, eml, to, resend, confirm, cancellation=True)


def _run(
    ctx: typer.Context,
    kind: DocumentKind,
    forum: str,
    meeting: str,
    today: str | None,
    send: bool,
    eml: Path | None,
    to: list[str] | None,
    resend: bool,
    confirm: bool,
    **options: Any,
) -> None:
    decision = uncertain_decision(resend, confirm)
    from driftsforum_cli.render.email import DANISH_TIME
    from driftsforum_cli.render.sending import summary
    from driftsforum_cli.services.sending import send_document

    result = send_document(
        repository_root(ctx),
        forum,
        kind,
        parse_date_argument(meeting, "mødet"),
        today=parse_today(today),
        now=cli_options.real_date(),
        clock=lambda: datetime.now(DANISH_TIME),
        environ=os.environ,
        send=send,
        eml=eml,
        progress=show_event,
        to=to or [],
        uncertain=decision,
        **options,
    )
    typer.echo(summary(result), nl=False)
