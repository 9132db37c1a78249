"""driftsforum attendance import-replies: the members' replies to the meeting invitation (e-mails saved as
.eml) recorded as afbud, expected attendance and substitutes (services/replies_import.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument
from driftsforum_cli.cli.changes import DryRun, setting
from driftsforum_cli.cli.options import MeetingDate

attendance_app = typer.Typer(
    no_args_is_help=True,
    help="Fremmøde: medlemmernes svar på mødeindkaldelsen.",
    short_help="Registrér svar på mødeindkaldelsen.",
)
app.add_typer(attendance_app, name="attendance")

#: What each answer means to the secretariat, as the command reports it.
SAID = {
    "deltager": "deltager",
    "afbud": "har meldt afbud",
    "måske": "har svaret måske (foreløbigt svar; ikke afbud)",
    "stedfortræder": "har meldt afbud og sender en stedfortræder",
}


def _eml_files(paths: list[Path]) -> list[Path]:
    """The files named, a folder as the .eml files in it (in name order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(item for item in path.iterdir() if item.suffix.casefold() == ".eml"))
        else:
            found.append(path)
    return found


@attendance_app.command("import-replies", short_help="Registrér svar (.eml) på mødeindkaldelsen.")
def attendance_import_replies(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    files: list[Path] = typer.Argument(
        ...,
        metavar="FIL.eml",
        help="Svarene gemt fra Outlook, Gmail eller Apple Mail som .eml (eller en mappe med dem).",
        show_default=False,
    ),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Registrér medlemmernes svar på mødeindkaldelsen: ja, nej (afbud), måske og stedfortræder. Et svar fra en
    adresse, der ikke er et medlems, registreres ikke; det nyeste svar fra en plads gælder, og de samme filer
    kan importeres igen uden at ændre noget."""
    from driftsforum_cli.danish import plural
    from driftsforum_cli.errors import UserError
    from driftsforum_cli.services.replies_import import import_replies

    root, on, now = setting(ctx, today)
    day = parse_date_argument(meeting, "mødet")
    emls = _eml_files(files)
    if not emls:
        raise UserError("der er ingen .eml-filer at læse; gem svarene fra Outlook som .eml i en mappe")
    outcome = import_replies(root, forum, day, emls, on, dry_run=dry_run, now=now)
    for note in outcome.notes:
        typer.echo(f"Bemærk: {note}.")
    if not outcome.written and outcome.changes:
        typer.echo(outcome.diff(), nl=False)
    if outcome.recorded:
        verb = "Ville registrere" if not outcome.written else f"Opdaterede {outcome.display}:"
        typer.echo(f"{verb} {plural(len(outcome.recorded), 'svar', 'svar')}.")
        for item in outcome.recorded:
            whom = f" ({item.substitute})" if item.substitute else ""
            typer.echo(f"- {item.name} ({item.seat}) {SAID[item.answer]}{whom}.")
    if outcome.already:
        typer.echo(
            f"{plural(outcome.already, 'svar', 'svar')} ændrede intet (allerede registreret eller afløst af et "
            "nyere svar fra samme plads)."
        )
    if not outcome.changes:
        typer.echo(f"{outcome.display} er ikke ændret.")
    if outcome.unanswered:
        count = plural(len(outcome.unanswered), "medlem", "medlemmer")
        typer.echo(f"{count} har ikke svaret: {', '.join(outcome.unanswered)}.")
    if outcome.skipped:
        typer.echo(f"Ikke registreret ({plural(len(outcome.skipped), 'svar', 'svar')}):")
        for skipped in outcome.skipped:
            typer.echo(f"- {skipped.file}: {skipped.reason}.")
    if not outcome.written and outcome.changes:
        typer.echo("Prøvekørsel: intet er skrevet.")
