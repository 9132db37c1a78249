"""driftsforum minutes import-comments: the comments and tracked changes members made in the draft minutes
in Word, recorded as comments on the minutes (services/comments_import.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import ForumId, Today, parse_date_argument, parse_past_date, parse_today, repository_root
from driftsforum_cli.cli.changes import DryRun, report
from driftsforum_cli.cli.documents import minutes_app
from driftsforum_cli.cli.options import MeetingDate


@minutes_app.command("import-comments", short_help="Registrér bemærkninger fra medlemmernes Word-filer.")
def minutes_import_comments(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    files: list[Path] = typer.Argument(
        ..., metavar="FIL.docx", help="Referatet med medlemmernes kommentarer og ændringer, gemt i Word (.docx)."
    ),
    by: str | None = typer.Option(
        None,
        "--by",
        metavar="PLADS",
        help="Pladsen, alle kommentarerne er fra. Standard: fundet ud fra kommentarens forfatter i Word.",
    ),
    on: str | None = typer.Option(
        None, "--on", metavar="ÅÅÅÅ-MM-DD", help="Modtaget den. Standard: den dato, Word har gemt ved kommentaren."
    ),
    today: Today = None,
) -> None:
    """Registrér kommentarer og sporede ændringer fra et Word-dokument som bemærkninger til referatet,
    med den tekst, de er knyttet til. Kommentarer efter fristen afvises; en fil kan importeres igen uden at
    give dubletter."""
    from driftsforum_cli.danish import long_date, plural
    from driftsforum_cli.errors import UserError
    from driftsforum_cli.services.comments_import import import_comments, late_message

    day = parse_date_argument(meeting, "mødet")
    received = parse_past_date(on, "--on", today) if on is not None else None
    outcome = import_comments(
        repository_root(ctx), forum, day, files, parse_today(today), by=by, on=received, now=options.real_date()
    )
    for name in outcome.empty:
        typer.echo(f"{name} har ingen kommentarer eller sporede ændringer.")
    if outcome.recorded:
        typer.echo(
            f"Opdaterede {outcome.display}: {plural(len(outcome.recorded), 'bemærkning', 'bemærkninger')} registreret."
        )
        for item in outcome.recorded:
            about = f" – til »{item.passage}«" if item.passage else ""
            if item.item is not None:  # the agenda item the passage is under
                about = f"{about} (punkt {item.item})" if about else f" – til punkt {item.item}"
            typer.echo(f"- {item.name} ({item.seat}), {long_date(item.received)}: {item.text}{about}")
    if outcome.already:
        typer.echo(
            f"{plural(len(outcome.already), 'bemærkning', 'bemærkninger')} var allerede registreret og er ikke "
            "tilføjet igen."
        )
    if not outcome.recorded and not outcome.late:
        typer.echo(f"{outcome.display} er ikke ændret.")
    if outcome.late:
        raise UserError(late_message(outcome))


@minutes_app.command("respond", short_help="Skriv, hvordan en bemærkning er indarbejdet.")
def minutes_respond(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    number: int = typer.Argument(..., metavar="NR", help="Bemærkningens nummer (1 for den første på referatet)."),
    text: str = typer.Option(..., "--text", metavar="TEKST", help="Hvordan bemærkningen er indarbejdet."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Skriv, hvordan en bemærkning til referatet er behandlet; det reviderede referat viser det under
    'Behandling'. Bemærkningerne nummereres i den rækkefølge, referatet viser dem."""
    from driftsforum_cli.services.minutes import respond_to_comment

    day, on = parse_date_argument(meeting, "mødet"), parse_today(today)
    report(
        respond_to_comment(repository_root(ctx), forum, day, number, text, on, dry_run=dry_run, now=options.real_date())
    )
