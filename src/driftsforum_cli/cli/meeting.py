"""driftsforum meeting new"""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import Today, app, open_forum, parse_date_argument, parse_today
from driftsforum_cli.errors import UserError

meeting_app = typer.Typer(
    no_args_is_help=True,
    help="Møder: opret nye mødefiler ud fra planen og skabelonen.",
    short_help="Opret nye mødefiler ud fra planen og skabelonen.",
)
app.add_typer(meeting_app, name="meeting")


@meeting_app.command("new", short_help="Opret mødefilen meetings/DATO.yaml ud fra forummets seneste møde.")
def meeting_new(
    ctx: typer.Context,
    forum: str = typer.Argument(..., metavar="FORUM", help="Forummets id, fx nord."),
    day: str = typer.Argument(..., metavar="DATO", help="Mødets dato (ÅÅÅÅ-MM-DD)."),
    kind: str = typer.Option("ordinært", "--kind", metavar="TYPE", help="ordinært, ekstra eller fællesmøde."),
    today: Today = None,
) -> None:
    """Opret mødefilen meetings/DATO.yaml med tid og sted fra forummets seneste møde og evt. fællesmøde."""
    from driftsforum_cli.domain.planning import new_meeting
    from driftsforum_cli.files import atomic_write
    from driftsforum_cli.loader import LoadError, parse_yaml, validate_document
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.render.templates import template_environment
    from driftsforum_cli.workspace import display_path

    if kind not in ("ordinært", "ekstra", "fællesmøde"):
        raise typer.BadParameter(
            f"'{kind}' er ikke en mødetype; brug ordinært, ekstra eller fællesmøde", param_hint="--kind"
        )
    on = parse_today(today)
    root, files, calendar = open_forum(ctx, forum, on, "et nyt møde oprettes")
    when = parse_date_argument(day, "datoen")
    target = files.folder / "meetings" / f"{when.isoformat()}.yaml"
    if target.exists():
        raise UserError(f"{display_path(target)} findes allerede; intet er overskrevet")
    assert files.forum.model is not None
    meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
    values = new_meeting(files.forum.model, meetings, when, calendar, kind)
    text = (
        template_environment(root)
        .get_template("meeting.yaml.j2")
        .render(
            date=values.date.isoformat(),
            start=values.start,
            end=values.end,
            place=values.place,
            kind=values.kind,
            joint=values.joint,
        )
    )
    try:
        _, problems = validate_document(parse_yaml(text, display_path(target)), Meeting)
    except LoadError as exc:
        problems = exc.diagnostics
    if problems:
        raise UserError(f"skabelonen meeting.yaml.j2 giver en ugyldig mødefil: {problems[0].message}")
    atomic_write(target, text.encode("utf-8"))
    typer.echo(f"Oprettede {display_path(target)}. Tilføj mødets punkter under 'agenda'.")
