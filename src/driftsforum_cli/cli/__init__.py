"""Command line: Typer commands, each a thin layer over one domain function."""

from __future__ import annotations

import os
import sys
import types

# Pydantic looks for third-party plugins through the installed packages' metadata the first time a
# model is built: importing importlib.metadata and scanning entry points costs 15-25 ms of every run's
# start-up. This tool uses no plugins, so unless the user asks for some, it says so
# (PYDANTIC_DISABLE_PLUGINS) and gives Pydantic a plugin loader that finds none. Pydantic imports
# `get_plugins` from that module lazily, in one place (pydantic/plugin/_schema_validator.py).
if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") == "__all__":
    _no_plugins = types.ModuleType("pydantic.plugin._loader", "Driftsforum: no Pydantic plugins.")
    _no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault("pydantic.plugin._loader", _no_plugins)

import typer

from driftsforum_cli.cli import calendar, documents, followup, init, meeting, overview, publish, schema, send, validate
from driftsforum_cli.cli.app import UsageError, UserError, app

__all__ = [
    "app",
    "calendar",
    "documents",
    "followup",
    "init",
    "main",
    "meeting",
    "overview",
    "publish",
    "schema",
    "send",
    "validate",
]


def main() -> None:
    """Entry point: user errors exit 1, usage errors 2, and a crash is reported without a traceback."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        typer.echo("Afbrudt.", err=True)
        code = 130
    except typer.TyperException as exc:  # Typer's usage errors (its bundled Click)
        _usage(exc)
        code = exc.exit_code
    except UsageError as exc:
        typer.echo(f"Fejl: {exc}", err=True)
        code = 2
    except UserError as exc:
        typer.echo(f"Fejl: {exc}", err=True)
        code = 1
    except KeyboardInterrupt:
        typer.echo("Afbrudt.", err=True)
        code = 130
    except Exception as exc:
        if os.environ.get("DRIFTSFORUM_DEBUG"):
            raise
        typer.echo(
            f"Uventet programfejl ({type(exc).__name__}: {exc}). Det er en fejl i driftsforum, ikke i dine "
            "filer; kør igen med DRIFTSFORUM_DEBUG=1 og send udskriften til den, der vedligeholder værktøjet.",
            err=True,
        )
        code = 3
    sys.exit(code if isinstance(code, int) else 0)


def _usage(exc: typer.TyperException) -> None:
    from driftsforum_cli.cli.usage import danish_usage_error

    typer.echo(danish_usage_error(exc), err=True)
