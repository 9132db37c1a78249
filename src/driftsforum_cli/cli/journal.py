"""driftsforum journal FORUM MØDE -o MAPPE: the journal package for the two case systems."""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import Force, ForumId, Today, app, parse_date_argument, parse_today, repository_root
from driftsforum_cli.cli.options import MeetingDate
from driftsforum_cli.danish import plural


@app.command(short_help="Lav journalpakken til sagssystemerne.")
def journal(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="MAPPE", help="Mappen, pakken skrives i.", file_okay=False
    ),
    force: Force = False,
    today: Today = None,
) -> None:
    """Lav journalpakken til sagssystemerne: dagsorden og referat som PDF/A og Word, e-mailen som sendt (.eml)
    og en metadatafil (.json) pr. dokument."""
    from driftsforum_cli.services.journal import make_journal

    on = parse_today(today)
    result = make_journal(
        repository_root(ctx), forum, parse_date_argument(meeting, "mødet"), output, on, options.real_date(), force
    )
    typer.echo(
        f"Journalpakken i {output}: {plural(len(result.files), 'fil', 'filer')}, heraf {len(result.written)} skrevet nu."
    )
    for path in result.files:
        typer.echo(f"  {path.name}")
    for note in result.notes:
        typer.echo(note)
