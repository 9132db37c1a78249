"""driftsforum init"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import typer

from driftsforum_cli.cli.app import Today, app, parse_today
from driftsforum_cli.errors import UsageError, UserError


@app.command(short_help="Opret en ny samling med driftsforum.yaml og ét forum.")
def init(
    folder: Path = typer.Argument(
        ..., metavar="MAPPE", help="Den nye samlings mappe (må ikke findes, eller skal være tom).", show_default=False
    ),
    forum_id: str = typer.Option(
        "mit-forum", "--forum", metavar="ID", help="Id for det første forum (små bogstaver, tal, bindestreg)."
    ),
    name: str = typer.Option("Driftsforum (ret mig)", "--name", metavar="NAVN", help="Forummets navn."),
    today: Today = None,
) -> None:
    """Opret en ny samling med driftsforum.yaml og ét forum ud fra skabelonen."""
    from driftsforum_cli.domain.planning import proposed_meeting_dates
    from driftsforum_cli.files import atomic_write
    from driftsforum_cli.loader import load_file
    from driftsforum_cli.models import RepoConfig
    from driftsforum_cli.models.schema import json_schemas
    from driftsforum_cli.render.templates import template_environment
    from driftsforum_cli.workspace import work_calendar

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", forum_id):
        raise UsageError(f"'{forum_id}' er ikke et gyldigt id; brug små bogstaver a-z, tal og bindestreg")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UserError(f"{folder} findes allerede og er ikke tom; vælg en ny mappe (intet er ændret)")
    on = parse_today(today)
    env = template_environment(None)
    context = {
        "collection_name": f"Driftsfora – {name}",
        "forum_id": forum_id,
        "forum_name": name,
        "approved": on.isoformat(),
    }
    files: dict[str, str] = {
        "driftsforum.yaml": env.get_template("init/driftsforum.yaml.j2").render(context),
        f"forums/{forum_id}/forum.yaml": env.get_template("init/forum.yaml.j2").render(context),
        f"forums/{forum_id}/members.yaml": env.get_template("init/members.yaml.j2").render(context),
        f"forums/{forum_id}/agreements.yaml": env.get_template("init/agreements.yaml.j2").render(context),
    }
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.resolve().parent))
    try:
        for relative, text in files.items():
            atomic_write(staging / relative, text.encode("utf-8"))
        config = load_file(staging / "driftsforum.yaml", "driftsforum.yaml", RepoConfig).model
        calendar = work_calendar(config)
        meeting = env.get_template("meeting.yaml.j2")
        for day in proposed_meeting_dates(on.year + 1, 4, calendar):
            text = meeting.render(
                date=day.isoformat(),
                start="13:00",
                end="15:00",
                place="Mødested (ret mig)",
                kind="ordinært",
                joint=None,
            )
            atomic_write(staging / f"forums/{forum_id}/meetings/{day.isoformat()}.yaml", text.encode("utf-8"))
        for schema_name, schema_text in json_schemas().items():
            atomic_write(staging / "schemas" / schema_name, schema_text.encode("utf-8"))
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    typer.echo(f"Oprettede samlingen {folder} med forummet '{forum_id}'.")
    typer.echo(
        f"Næste skridt: ret filerne i {folder}/forums/{forum_id}/, og kør 'driftsforum --repo {folder} validate'."
    )
