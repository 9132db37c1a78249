"""The Typer application, its global options (--repo, --version), and the few helpers every command
uses to reach the repository and to print or write what it made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from driftsforum_cli import __version__
from driftsforum_cli.cli.options import (
    Force,
    ForumId,
    Output,
    TableOrJson,
    Today,
    parse_date_argument,
    parse_past_date,
    parse_period,
    parse_today,
    parse_whole_number,
)

if TYPE_CHECKING:
    from datetime import date

    from driftsforum_cli.domain.repository import ForumFiles
    from driftsforum_cli.domain.workdays import WorkCalendar

__all__ = [
    "DefaultToRender",
    "Force",
    "ForumId",
    "Output",
    "TableOrJson",
    "Today",
    "app",
    "click_command",
    "open_forum",
    "parse_date_argument",
    "parse_past_date",
    "parse_period",
    "parse_today",
    "parse_whole_number",
    "repository_root",
    "repository_targets",
]

app = typer.Typer(
    name="driftsforum",
    help=(
        "Sekretariatsværktøj til driftsfora under Sundhedsaftalen: kommissorium, medlemmer, "
        "samarbejdsaftaler og møder i YAML-filer, kontrolleret mod kommissoriets regler."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class DefaultToRender(TyperGroup):
    """`driftsforum agenda nord` means `driftsforum agenda render nord`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["render", *args]
        return super().parse_args(ctx, args)


@dataclass
class Settings:
    repo: Path | None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"driftsforum {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    repo: Path | None = typer.Option(
        None,
        "--repo",
        envvar="DRIFTSFORUM_REPO",
        metavar="MAPPE",
        help="Mappen med driftsforum.yaml. Standard: nærmeste over den aktuelle mappe, ellers de medfølgende fora.",
        file_okay=False,
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Vis versionen og afslut."),
) -> None:
    ctx.obj = Settings(repo)


_COMMAND: Any = None


def click_command() -> Any:
    """The app as a Click command whose every (sub)command makes Danish help: built once per process."""
    global _COMMAND
    if _COMMAND is None:
        from driftsforum_cli.cli.helpformat import DanishContext

        command = typer.main.get_command(app)
        pending = [command]
        while pending:
            current = pending.pop()
            current.context_class = DanishContext
            pending.extend(getattr(current, "commands", {}).values())
        _COMMAND = command
    return _COMMAND


def repository_root(ctx: typer.Context) -> Path:
    """--repo (or DRIFTSFORUM_REPO), else the nearest driftsforum.yaml above the working folder, else the
    bundled forums."""
    from driftsforum_cli.workspace import choose_root

    settings = ctx.find_root().obj
    return choose_root(settings.repo if isinstance(settings, Settings) else None, Path.cwd())


def repository_targets(ctx: typer.Context, paths: list[Path] | None) -> dict[Path, set[str] | None]:
    """The repositories (and forums in them) that command-line paths name; all of this one without paths."""
    from driftsforum_cli.workspace import resolve_targets

    return resolve_targets(paths) if paths else {repository_root(ctx): None}


def open_forum(ctx: typer.Context, forum_id: str, on: date, purpose: str) -> tuple[Path, ForumFiles, WorkCalendar]:
    """Load one forum of the repository through the one gate (services.gate): refuses when it has errors."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.services.gate import open_forum as gate_open

    root = repository_root(ctx)
    repo, files = gate_open(root, forum_id, on, purpose, options.real_date())
    return root, files, repo.calendar
