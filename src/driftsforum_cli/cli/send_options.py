"""The options `driftsforum send agenda|minutes|cancellation` share (as `Annotated` aliases): whether to send,
where to write .eml drafts, to whom, and what to do about a recipient the log is uncertain of."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
