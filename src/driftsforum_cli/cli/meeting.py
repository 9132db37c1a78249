"""driftsforum meeting new|plan|cancel|move"""

from __future__ import annotations

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import ForumId, Today, app, parse_date_argument, parse_today, repository_root
from driftsforum_cli.cli.changes import DryRun, report, setting

meeting_app = typer.Typer(
    no_args_is_help=True,
    help="Møder: opret nye mødefiler, planlæg et år, skift sted eller tid, aflys eller flyt et møde.",
    short_help="Opret, planlæg, aflys og flyt møder.",
)
app.add_typer(meeting_app, name="meeting")

DAY = typer.Argument(..., metavar="DATO", help="Mødets dato (ÅÅÅÅ-MM-DD).", show_default=False)


@meeting_app.command("new", short_help="Opret mødefilen meetings/DATO.yaml ud fra forummets seneste møde.")
def meeting_new(
    ctx: typer.Context,
    forum: ForumId,
    day: str = DAY,
    kind: str = typer.Option("ordinært", "--kind", metavar="TYPE", help="ordinært, ekstra eller fællesmøde."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Opret mødefilen meetings/DATO.yaml med tid og sted fra forummets seneste møde og evt. fællesmøde."""
    from driftsforum_cli.services.planning import create_meeting

    if kind not in ("ordinært", "ekstra", "fællesmøde"):
        raise typer.BadParameter(
            f"'{kind}' er ikke en mødetype; brug ordinært, ekstra eller fællesmøde", param_hint="--kind"
        )
    on, when = parse_today(today), parse_date_argument(day, "datoen")
    report(create_meeting(repository_root(ctx), forum, when, kind, on, dry_run=dry_run, now=options.real_date()))


@meeting_app.command("plan", short_help="Foreslå årets møder efter kommissoriet.")
def meeting_plan(
    ctx: typer.Context,
    forum: ForumId,
    year: str = typer.Argument(..., metavar="ÅR", help="Året, der skal planlægges, fx 2028.", show_default=False),
    yes: bool = typer.Option(False, "--yes", help="Skriv mødefilerne uden at spørge."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Foreslå årets møder efter kommissoriets antal og forummets faste mønster (ugedag, uge, tid, sted) uden om
    helligdage og lukkedage; skriv mødefilerne med --yes eller efter bekræftelse."""
    from driftsforum_cli.cli import ask
    from driftsforum_cli.cli.app import parse_whole_number
    from driftsforum_cli.services.planning import plan_year

    on, number = parse_today(today), parse_whole_number(year, "ÅR", "året")
    if not 2000 <= number <= 2200:
        raise typer.BadParameter(f"{number} er ikke et år at planlægge; skriv fx {on.year + 1}", param_hint="ÅR")
    root, now = repository_root(ctx), options.real_date()
    proposal = plan_year(root, forum, number, on, dry_run=True, now=now)
    if dry_run:
        report(proposal)
        return
    typer.echo(f"Forslag til møderne i {number}:")
    typer.echo("\n".join(f"  {line}" for line in proposal.done))
    if not yes:
        if not ask.interactive():
            typer.echo("Intet er skrevet; brug --yes for at oprette mødefilerne.")
            return
        if not ask.yes("Opret mødefilerne?"):
            typer.echo("Intet er skrevet.")
            return
    written = plan_year(root, forum, number, on, now=now)
    if written.done != proposal.done:  # another command changed the forum meanwhile: say what was written
        typer.echo("Forummet er ændret imens; det skrevne forslag er:\n" + "\n".join(written.done))
    report(written, said=False)


@meeting_app.command("cancel", short_help="Aflys et møde.")
def meeting_cancel(
    ctx: typer.Context,
    forum: ForumId,
    day: str = DAY,
    reason: str | None = typer.Option(None, "--reason", metavar="TEKST", help="Årsagen, som står i aflysningen."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Aflys mødet: skriv 'cancelled: true' (og årsagen) i mødefilen."""
    from driftsforum_cli.services.meetings import cancel_meeting

    when = parse_date_argument(day, "datoen")
    root, on, now = setting(ctx, today)
    report(cancel_meeting(root, forum, when, on, reason=reason, dry_run=dry_run, now=now))


@meeting_app.command("move", short_help="Flyt et møde til en anden dato.")
def meeting_move(
    ctx: typer.Context,
    forum: ForumId,
    day: str = DAY,
    to: str | None = typer.Option(None, "--to", metavar="ÅÅÅÅ-MM-DD", help="Den nye dato."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Flyt mødet: det gamle markeres aflyst og flyttet (moved_to), en ny mødefil får dets punkter."""
    from driftsforum_cli.cli import ask, questions
    from driftsforum_cli.services.meetings import move_meeting

    when = parse_date_argument(day, "datoen")
    root, on, now = setting(ctx, today)
    if to is None and not ask.interactive():
        raise ask.missing("--to")
    new = parse_date_argument(to, "--to") if to is not None else questions.new_date(root, forum, when, on, now)
    report(move_meeting(root, forum, when, new, on, dry_run=dry_run, now=now))


@meeting_app.command("update", short_help="Skift et mødes sted eller tidspunkt samme dag.")
def meeting_update(
    ctx: typer.Context,
    forum: ForumId,
    day: str = DAY,
    place: str | None = typer.Option(None, "--place", metavar="TEKST", help="Mødestedet, fx 'Hjørring Rådhus'."),
    start: str | None = typer.Option(None, "--start", metavar="TID", help="Mødets start, fx 13:00."),
    end: str | None = typer.Option(None, "--end", metavar="TID", help="Mødets slut, fx 15:30."),
    today: Today = None,
    dry_run: DryRun = False,
) -> None:
    """Skift mødets sted eller tidspunkt samme dag (en ny dato: meeting move); er dagsordenen udsendt, minder
    den om at sende en rettet."""
    from driftsforum_cli.services.meetings import update_meeting

    when = parse_date_argument(day, "datoen")
    root, on, now = setting(ctx, today)
    report(update_meeting(root, forum, when, on, place=place, start=start, end=end, dry_run=dry_run, now=now))
