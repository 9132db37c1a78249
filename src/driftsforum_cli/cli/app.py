"""The Typer application and what every command shares: finding the repository, reading --today."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from driftsforum_cli import __version__
from driftsforum_cli.errors import UsageError, UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.repository import ForumFiles
    from driftsforum_cli.domain.workdays import WorkCalendar

_DANISH = {
    "Usage: ": "Brug: ",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "[default: ": "[standard: ",
    "[required]": "[påkrævet]",
    "[OPTIONS]": "[TILVALG]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]...",
    "[PATHS]...": "[STIER]...",
    "[env var: ": "[miljøvariabel: ",
}


def _da(text: str) -> str:
    for english, danish in _DANISH.items():
        text = text.replace(english, danish)
    text = re.sub(r"x>=(\d+)", r"mindst \1", text)
    return re.sub(r" <(?:str|int|Path|list\[\w+\])>", "", text)


_ClickContext: Any = typer.Context.__mro__[1]  # the bundled Click's Context, which makes the formatter


class _DanishFormatter(_ClickContext.formatter_class):  # type: ignore[misc]
    """Typer's plain help formatter with its fixed English words in Danish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, re.sub(r"\{([^{}]+)\}", r"\1", _da(args)), "Brug: ")

    def section(self, name: str) -> Any:
        return super().section(_da(name))

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        super().write_dl([(_da(first), _da(second)) for first, second in rows], *args, **kwargs)


class _DanishContext(_ClickContext):  # type: ignore[misc]
    """This app's contexts make Danish help; other Click and Typer apps in the process are not touched."""

    formatter_class = _DanishFormatter


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


Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="ÅÅÅÅ-MM-DD",
        help="Dagens dato (ÅÅÅÅ-MM-DD), fx for at se en anden dag. Standard: i dag.",
    ),
]


ForumId = Annotated[str, typer.Argument(metavar="FORUM", help="Forummets id, fx nord.", show_default=False)]
Output = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FIL",
        help="Skriv til filen. Uden: tekst på skærmen, pdf som fil i den aktuelle mappe.",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overskriv en fil, der er ændret siden driftsforum skrev den.")]


@dataclass
class Settings:
    repo: Path | None


def parse_today(value: str | None, option: str = "--today") -> date:
    """--today DATE (or another date option), or the real date. The only place the clock is read."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD", param_hint=option) from None


def parse_past_date(value: str | None, option: str, today: str | None) -> date:
    """A date something happened: --today (itself the real date by default) unless given; never after --today."""
    now = parse_today(today)
    day = parse_today(value, option) if value is not None else now
    if day > now:
        raise UsageError(f"{option} {day.isoformat()} ligger i fremtiden; registrér først, når det er sket")
    return day


def repository_root(ctx: typer.Context) -> Path:
    """--repo, else the nearest driftsforum.yaml above the working folder, else the bundled forums."""
    from driftsforum_cli.workspace import CONFIG_FILE, bundled_root, find_root

    settings = ctx.find_root().obj
    chosen = settings.repo if isinstance(settings, Settings) else None
    if chosen is not None:
        if not (chosen / CONFIG_FILE).is_file():
            raise UsageError(f"{chosen} er ikke en driftsforum-samling: der er ingen {CONFIG_FILE}")
        return chosen.resolve()
    return find_root(Path.cwd()) or bundled_root()


def click_command() -> Any:
    """The app as a Click command whose every (sub)command makes Danish help: built once per process."""
    global _COMMAND
    if _COMMAND is None:
        command = typer.main.get_command(app)
        pending = [command]
        while pending:
            current = pending.pop()
            current.context_class = _DanishContext
            pending.extend(getattr(current, "commands", {}).values())
        _COMMAND = command
    return _COMMAND


_COMMAND: Any = None


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


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


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def parse_date_argument(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what} '{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD") from None


def repository_targets(ctx: typer.Context, paths: list[Path] | None) -> dict[Path, set[str] | None]:
    """The repositories (and forums in them) that command-line paths name; all of this one without paths."""
    from driftsforum_cli.workspace import TargetError, resolve_targets

    try:
        return resolve_targets(paths) if paths else {repository_root(ctx): None}
    except TargetError as exc:
        raise UsageError(str(exc)) from None


def open_forum(ctx: typer.Context, forum_id: str, on: date, purpose: str) -> tuple[Path, ForumFiles, WorkCalendar]:
    """Load one forum of the repository through the one gate (services.gate): refuses when it has errors."""
    from driftsforum_cli.services.gate import open_forum as gate_open

    root = repository_root(ctx)
    repo, files = gate_open(root, forum_id, on, purpose)
    return root, files, repo.calendar


def emit(data: bytes, output: Path | None, default_name: str | None, force: bool) -> None:
    """Print text documents, or write to `output` (or `default_name` for binary ones) without
    overwriting a file someone has changed since the tool wrote it."""
    from driftsforum_cli.files import OverwriteRefused, write_generated

    if output is None and default_name is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    target = output or Path(str(default_name))
    try:
        written = write_generated({target: data}, force=force)
    except OverwriteRefused:
        raise UserError(
            f"{target} er ændret, siden driftsforum skrev den (eller er ikke skrevet af driftsforum); "
            "intet er overskrevet. Brug --force for at overskrive."
        ) from None
    except OSError as exc:
        raise UserError(f"{target} kan ikke skrives: {exc.strerror or exc}") from None
    typer.echo(f"Skrev {target}." if written else f"{target} er allerede opdateret.")
