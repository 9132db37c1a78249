"""driftsforum minutes attendance|decision, driftsforum action add|close: the minutes taken with commands."""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument
from driftsforum_cli.cli.changes import DryRun, report, setting
from driftsforum_cli.cli.documents import minutes_app
from driftsforum_cli.cli.options import MeetingDate

action_app = typer.Typer(
    no_args_is_help=True,
    help="Handlinger: tilføj en handling på et møde, ret den eller luk den.",
    short_help="Tilføj, ret eller luk en handling.",
)
app.add_typer(action_app, name="action")

SEATS = "Pladsernes id, adskilt med komma (eller flere gange)."


def _ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@minutes_app.command("attendance", short_help="Registrér fremmødet på et møde.")
def minutes_attendance(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    present: list[str] | None = typer.Option(None, "--present", metavar="PLADSER", help=f"Til stede. {SEATS}"),
    absent: list[str] | None = typer.Option(None, "--absent", metavar="PLADSER", help=f"Afbud. {SEATS}"),
    minute_taker: str | None = typer.Option(None, "--minute-taker", metavar="PLADS", help="Referentens plads."),
    ad_hoc: list[str] | None = typer.Option(
        None,
        "--ad-hoc",
        metavar="DELTAGER",
        help="En ad hoc-deltager: 'Navn (Organisation) <e-mail>'; e-mail er valgfri (kan gentages).",
    ),
    substitute: list[str] | None = typer.Option(
        None,
        "--substitute",
        metavar="DELTAGER",
        help="En stedfortræder for en plads med afbud: 'PLADS=Navn (Stilling)' (kan gentages).",
    ),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Registrér fremmødet: til stede, afbud og referent (en liste erstatter den, der står i mødefilen). Uden
    valg i en terminal spørges med en liste over pladserne."""
    from driftsforum_cli.cli import ask, questions
    from driftsforum_cli.services.minutes import record_attendance

    day = parse_date_argument(meeting, "mødet")
    root, on, now = setting(ctx, today)
    given = questions.Attendance(_ids(present), _ids(absent), minute_taker)
    if not (given.present or given.absent or given.minute_taker or ad_hoc or substitute) and ask.interactive():
        given = questions.attendance(root, forum, day, on, now)
    outcome = record_attendance(
        root,
        forum,
        day,
        on,
        present=given.present,
        absent=given.absent,
        minute_taker=given.minute_taker,
        ad_hoc=ad_hoc or [],
        substitutes=substitute or [],
        dry_run=dry_run,
        now=now,
    )
    report(outcome)


@minutes_app.command("decision", short_help="Registrér beslutningen under et punkt.")
def minutes_decision(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    item: int | None = typer.Argument(
        None, metavar="PUNKT", help="Punktets nummer på dagsordenen.", show_default=False
    ),
    text: str | None = typer.Option(
        None, "--text", metavar="TEKST", help="Beslutningen (eller referatet af et fast punkt)."
    ),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Skriv beslutningen under et punkt – eller referatet under et fast punkt (fx Meddelelser). Mangler punkt
    eller tekst i en terminal, spørges med en liste over punkterne."""
    from driftsforum_cli.cli import ask, questions
    from driftsforum_cli.services.minutes import record_decision

    day = parse_date_argument(meeting, "mødet")
    root, on, now = setting(ctx, today)
    if item is None or text is None:
        if not ask.interactive():
            raise ask.missing("PUNKT" if item is None else "--text")
        item, text = questions.decision(root, forum, day, on, now, item)
    report(record_decision(root, forum, day, item, text, on, dry_run=dry_run, now=now))


@action_app.command("add", short_help="Tilføj en handling på et møde.")
def action_add(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    what: str | None = typer.Option(None, "--what", metavar="TEKST", help="Hvad der skal gøres."),
    owner: str | None = typer.Option(None, "--owner", metavar="PLADS", help="Den ansvarliges plads."),
    due: str | None = typer.Option(None, "--due", metavar="ÅÅÅÅ-MM-DD", help="Fristen."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Tilføj en handling, aftalt på mødet; den får det næste ledige id. Mangler --what i en terminal, spørges
    om handling, ansvarlig og frist."""
    from driftsforum_cli.cli import ask, questions
    from driftsforum_cli.services.minutes import add_action

    day = parse_date_argument(meeting, "mødet")
    deadline = parse_date_argument(due, "--due") if due is not None else None
    root, on, now = setting(ctx, today)
    if what is None or owner is None:
        if not ask.interactive():
            raise ask.missing("--what" if what is None else "--owner")
        if what is None:
            what, owner, deadline = questions.action(root, forum, day, on, now, owner)
        else:
            owner = questions.action_owner(root, forum, day, on, now)
    report(add_action(root, forum, day, what, owner, on, due=deadline, dry_run=dry_run, now=now))


@action_app.command("close", short_help="Luk en handling.")
def action_close(
    ctx: typer.Context,
    forum: ForumId,
    action: str = typer.Argument(..., metavar="ID", help="Handlingens id, fx nord-2026-3-a1.", show_default=False),
    at: str = typer.Option(..., "--at", metavar="ÅÅÅÅ-MM-DD", help="Mødet, der lukker handlingen."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Luk en handling på et møde (i mødets 'closes_actions')."""
    from driftsforum_cli.services.minutes import close_action

    day = parse_date_argument(at, "--at")
    root, on, now = setting(ctx, today)
    report(close_action(root, forum, action, day, on, dry_run=dry_run, now=now))
