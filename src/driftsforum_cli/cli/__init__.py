"""Command line: Typer commands, each a thin layer over one domain function."""

from __future__ import annotations

import os
import sys

# Pydantic looks for third-party plugins through the installed packages' entry points the first time
# a model is built, which costs about 10 ms of every run; this tool uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

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
