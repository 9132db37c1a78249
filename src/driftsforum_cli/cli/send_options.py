"""The options `driftsforum send agenda|minutes|cancellation` and `driftsforum remind` share (as `Annotated`
aliases): whether to send, where to write .eml drafts, to whom, and what to do about a recipient the log is
uncertain of; and how they print what happens while they send."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from driftsforum_cli.errors import UsageError

if TYPE_CHECKING:
    from driftsforum_cli.services.sending import Decision, Event

SendNow = Annotated[
    bool,
    typer.Option(
        "--send",
        help="Send beskederne nu. Uden: prøvekørsel, der viser modtagere og vedhæftede filer; intet sendes eller "
        "registreres.",
    ),
]
EmlFolder = Annotated[
    Path | None,
    typer.Option(
        "--eml",
        metavar="MAPPE",
        file_okay=False,
        help="Skriv én .eml-fil pr. modtager i MAPPE til at sende fra Outlook (åbnes som kladde); intet sendes eller "
        "registreres.",
    ),
]
_UNCERTAIN = "hvor det er usikkert, om beskeden nåede frem (driftsforum blev afbrudt, mens SMTP-serveren havde den)"
ResendUncertain = Annotated[
    bool, typer.Option("--resend-uncertain", help=f"Send igen til de modtagere, {_UNCERTAIN}. De kan få den to gange.")
]
ConfirmUncertain = Annotated[
    bool,
    typer.Option(
        "--confirm-uncertain",
        help=f"Registrér, at beskeden er nået frem til de modtagere, {_UNCERTAIN}; de får den ikke igen.",
    ),
]
ToSeats = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        metavar="PLADS",
        help="Send kun til medlemmet på denne plads (id i members.yaml), fx et nyt medlem; kan gentages.",
    ),
]


def uncertain_decision(resend: bool, confirm: bool) -> Decision | None:
    """What --resend-uncertain or --confirm-uncertain decides (not both)."""
    if resend and confirm:
        raise UsageError("brug enten --resend-uncertain (send igen) eller --confirm-uncertain (modtaget), ikke begge")
    return "resend" if resend else "confirm" if confirm else None


def show_event(event: Event) -> None:
    """Print what happens while messages are sent (warnings to standard error)."""
    from driftsforum_cli.render.sending import event_text
    from driftsforum_cli.services.sending import Warned

    typer.echo(event_text(event), nl=False, err=isinstance(event, Warned))
