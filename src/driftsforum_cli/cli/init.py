"""driftsforum init and driftsforum forum add"""

from __future__ import annotations

from pathlib import Path

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_root

KIND_HELP = "Forummets art: voksen-somatik, voksenpsykiatri, boern-unge-somatik eller boerne-unge-psykiatri."
CLUSTER_HELP = "Klyngen: nord, midt, syd, vest eller region (de regionsdækkende fora for børn og unge)."


@app.command(short_help="Opret en ny samling med driftsforum.yaml og ét forum.")
def init(
    folder: Path = typer.Argument(
        ..., metavar="MAPPE", help="Den nye samlings mappe (må ikke findes, eller skal være tom).", show_default=False
    ),
    kind: str = typer.Option("voksenpsykiatri", "--kind", metavar="ART", help=KIND_HELP),
    cluster: str | None = typer.Option(
        None, "--cluster", metavar="KLYNGE", help=CLUSTER_HELP + " Uden: en klynge, der skal udfyldes."
    ),
    forum_id: str | None = typer.Option(
        None, "--forum", metavar="ID", help="Forummets id (små bogstaver, tal, bindestreg). Standard: art-klynge."
    ),
    name: str | None = typer.Option(
        None, "--name", metavar="NAVN", help="Forummets navn. Standard: ud fra art og klynge."
    ),
    today: Today = None,
) -> None:
    """Opret en ny samling med driftsforum.yaml og ét forum: et kommissorium med klyngens kommuner."""
    from driftsforum_cli.services.forums import ForumRequest, create_collection

    created = create_collection(folder, ForumRequest(kind, cluster, forum_id, name), lambda: parse_today(today))
    from driftsforum_cli.workspace import command_path

    typer.echo(f"Oprettede samlingen {folder} med forummet '{created.forum_id}' ({created.name}).")
    typer.echo(
        f'Næste skridt: ret alt markeret "(ret mig)" i {folder}/forums/{created.forum_id}/, '
        f"og kør 'driftsforum --repo {command_path(str(folder))} validate'."
    )


forum_app = typer.Typer(
    no_args_is_help=True, help="Fora i samlingen: tilføj et nyt forum.", short_help="Tilføj et forum til samlingen."
)
app.add_typer(forum_app, name="forum")


@forum_app.command("add", short_help="Tilføj et forum til samlingen.")
def forum_add(
    ctx: typer.Context,
    forum_id: str = typer.Argument(..., metavar="ID", help="Det nye forums id, fx voksen-somatik-nord."),
    kind: str = typer.Option(..., "--kind", metavar="ART", help=KIND_HELP),
    cluster: str = typer.Option(..., "--cluster", metavar="KLYNGE", help=CLUSTER_HELP),
    name: str | None = typer.Option(
        None, "--name", metavar="NAVN", help="Forummets navn. Standard: ud fra art og klynge."
    ),
    today: Today = None,
) -> None:
    """Tilføj et forum til samlingen: kommissorium, pladser, samarbejdsaftaler og næste års møder."""
    from driftsforum_cli.errors import UserError
    from driftsforum_cli.services.forums import ForumRequest, add_forum
    from driftsforum_cli.workspace import bundled_root, command_path, display_path

    root = repository_root(ctx)
    if root.resolve() == bundled_root().resolve():
        raise UserError(
            "der er ingen samling her, og de medfølgende eksempelfora ændres ikke; brug --repo MAPPE, "
            "eller opret en samling med 'driftsforum init MAPPE'"
        )
    created = add_forum(root, ForumRequest(kind, cluster, forum_id, name), lambda: parse_today(today))
    typer.echo(f"Oprettede forummet '{created.forum_id}' ({created.name}) i {display_path(created.folder)}.")
    typer.echo(
        f"Næste skridt: ret alt markeret \"(ret mig)\", og kør 'driftsforum validate {command_path(created.folder)}'."
    )
