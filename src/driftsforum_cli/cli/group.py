"""driftsforum group add|report: the forum's working groups (groups.yaml)."""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument
from driftsforum_cli.cli.changes import DryRun, report, setting

group_app = typer.Typer(
    no_args_is_help=True,
    help="Arbejdsgrupper: nedsæt en gruppe, registrér dens tilbagemelding.",
    short_help="Nedsæt en arbejdsgruppe, registrér dens tilbagemelding.",
)
app.add_typer(group_app, name="group")

GROUP = typer.Argument(..., metavar="ID", help="Gruppens id, fx udskrivningskonferencer.", show_default=False)


@group_app.command("add", short_help="Nedsæt en arbejdsgruppe.")
def group_add(
    ctx: typer.Context,
    forum: ForumId,
    group: str = GROUP,
    name: str = typer.Option(..., "--name", metavar="NAVN", help="Gruppens navn."),
    mandate: str = typer.Option(..., "--mandate", metavar="TEKST", help="Gruppens mandat."),
    members: list[str] = typer.Option(..., "--members", metavar="PLADSER", help="Pladsernes id, adskilt med komma."),
    started: str = typer.Option(..., "--started", metavar="ÅÅÅÅ-MM-DD", help="Mødet, der nedsatte gruppen."),
    ends: str = typer.Option(..., "--ends", metavar="ÅÅÅÅ-MM-DD", help="Senest slut."),
    report_back: str | None = typer.Option(
        None, "--report-back", metavar="ÅÅÅÅ-MM-DD", help="Mødet, gruppen melder tilbage på."
    ),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Nedsæt en arbejdsgruppe (sidst i groups.yaml, som oprettes, hvis forummet ikke har en)."""
    from driftsforum_cli.services.groups import add_group

    seats = [part.strip() for value in members for part in value.split(",") if part.strip()]
    first, last = parse_date_argument(started, "--started"), parse_date_argument(ends, "--ends")
    back = parse_date_argument(report_back, "--report-back") if report_back is not None else None
    root, on, now = setting(ctx, today)
    outcome = add_group(
        root, forum, group, name, mandate, seats, first, last, on, report_back=back, dry_run=dry_run, now=now
    )
    report(outcome)


@group_app.command("report", short_help="Registrér en arbejdsgruppes tilbagemelding.")
def group_report(
    ctx: typer.Context,
    forum: ForumId,
    group: str = GROUP,
    at: str = typer.Option(..., "--at", metavar="ÅÅÅÅ-MM-DD", help="Mødet, gruppen meldte tilbage på."),
    outcome: str = typer.Option(..., "--outcome", metavar="TEKST", help="Resultatet."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Registrér gruppens tilbagemelding og resultat."""
    from driftsforum_cli.services.groups import record_report

    (root, on, now), day = setting(ctx, today), parse_date_argument(at, "--at")
    report(record_report(root, forum, group, day, outcome, on, dry_run=dry_run, now=now))
