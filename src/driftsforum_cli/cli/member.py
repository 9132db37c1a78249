"""driftsforum member replace|vacate|update"""

from __future__ import annotations

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument, parse_today, repository_root
from driftsforum_cli.cli.changes import DryRun, report, setting

member_app = typer.Typer(
    no_args_is_help=True,
    help="Medlemmer: opret en plads, skift personen på en plads, gør en plads ledig, ret personens e-mail, stilling "
    "og telefon.",
    short_help="Opret en plads, skift eller ret personen, gør den ledig.",
)
app.add_typer(member_app, name="member")

SEAT = typer.Argument(..., metavar="PLADS", help="Pladsens id i members.yaml, fx plo.", show_default=False)
FROM = typer.Option(..., "--from", metavar="ÅÅÅÅ-MM-DD", help="Den første dag med den nye ordning.")
EMAIL = typer.Option(None, "--email", metavar="ADRESSE", help="Personens e-mailadresse.")
TITLE = typer.Option(None, "--title", metavar="STILLING", help="Personens stilling.")


@member_app.command("replace", short_help="Sæt en ny person på en plads fra en dato.")
def member_replace(
    ctx: typer.Context,
    forum: ForumId,
    seat: str = SEAT,
    name: str | None = typer.Option(None, "--name", metavar="NAVN", help="Den nye persons navn."),
    email: str | None = EMAIL,
    title: str | None = TITLE,
    start: str | None = typer.Option(None, "--from", metavar="ÅÅÅÅ-MM-DD", help="Den første dag med den nye ordning."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Sæt en ny person på pladsen fra en dato; den hidtidige flyttes til pladsens historik med sidste dag."""
    from driftsforum_cli.cli import ask, questions
    from driftsforum_cli.services.members import replace_member

    on = parse_today(today)
    if name is None or start is None:
        if not ask.interactive():
            raise ask.missing("--name" if name is None else "--from")
        name, email, title, day = questions.new_person(seat)
    else:
        day = parse_date_argument(start, "--from")
    report(
        replace_member(
            repository_root(ctx),
            forum,
            seat,
            name,
            day,
            on,
            email=email,
            title=title,
            dry_run=dry_run,
            now=options.real_date(),
        )
    )


@member_app.command("vacate", short_help="Gør en plads ledig fra en dato.")
def member_vacate(
    ctx: typer.Context,
    forum: ForumId,
    seat: str = SEAT,
    start: str = FROM,
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Gør pladsen ledig fra en dato; personen flyttes til pladsens historik med dagen før som sidste dag."""
    from driftsforum_cli.services.members import vacate_seat

    day, on = parse_date_argument(start, "--from"), parse_today(today)
    report(vacate_seat(repository_root(ctx), forum, seat, day, on, dry_run=dry_run, now=options.real_date()))


@member_app.command("update", short_help="Ret en persons e-mail, stilling eller telefon.")
def member_update(
    ctx: typer.Context,
    forum: ForumId,
    seat: str = SEAT,
    email: str | None = EMAIL,
    title: str | None = TITLE,
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Ret e-mailadresse eller stilling for personen på pladsen."""
    from driftsforum_cli.services.members import update_member

    on = parse_today(today)
    outcome = update_member(
        repository_root(ctx), forum, seat, on, email=email, title=title, dry_run=dry_run, now=options.real_date()
    )
    report(outcome)


@member_app.command("add", short_help="Opret en ny plads i forummet.")
def member_add(
    ctx: typer.Context,
    forum: ForumId,
    seat: str = typer.Argument(..., metavar="PLADS", help="Den nye plads' id, fx thisted-chef.", show_default=False),
    organisation: str = typer.Option(..., "--organisation", metavar="TEKST", help="Fx 'Thisted Kommune'."),
    sector: str = typer.Option(
        ..., "--sector", metavar="SEKTOR", help="kommune, psykiatri, almen praksis eller region."
    ),
    municipality: str | None = typer.Option(None, "--municipality", metavar="KOMMUNE", help="Kræves for kommune."),
    level: str | None = typer.Option(None, "--level", metavar="NIVEAU", help="Fx chef eller afdelingsleder."),
    name: str | None = typer.Option(None, "--name", metavar="NAVN", help="Personen på pladsen (udelad: ledig)."),
    email: str | None = EMAIL,
    title: str | None = TITLE,
    start: str = FROM,
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Opret en ny plads sidst i members.yaml, eventuelt med personen på den."""
    from driftsforum_cli.services.members import add_seat

    day = parse_date_argument(start, "--from")
    details = {"municipality": municipality, "level": level, "name": name, "email": email, "title": title}
    root, on, now = setting(ctx, today)
    report(add_seat(root, forum, seat, organisation, sector, day, on, **details, dry_run=dry_run, now=now))
