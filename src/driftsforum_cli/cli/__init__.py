"""Command line: Typer commands, each a thin layer over one service or domain function.

`main(argv)` is the one place where errors become exit codes and messages: a `DriftsforumError` is
printed as "Fejl: …" with its own exit code; anything else is a bug, written to a crash log whose path
is printed (exit 3), so nobody has to make it happen again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

# The commands are listed in the help in the order their modules are imported.
# isort: off
from driftsforum_cli.cli import validate, calendar, documents, lifecycle, aarshjul, actions, reports, send, publish
from driftsforum_cli.cli import overview, meeting, init, schema
from driftsforum_cli.cli import journal
from driftsforum_cli.cli import comments
from driftsforum_cli.cli import data
from driftsforum_cli.cli import decisions, agreement
from driftsforum_cli.cli import member, record, items, group
from driftsforum_cli.cli import attendance
from driftsforum_cli.cli import remind

# isort: on
from driftsforum_cli.cli.app import app, click_command
from driftsforum_cli.errors import EXIT_CRASH, EXIT_INTERRUPTED, EXIT_USAGE, DriftsforumError

__all__ = [
    "aarshjul",
    "actions",
    "agreement",
    "app",
    "attendance",
    "calendar",
    "comments",
    "data",
    "decisions",
    "documents",
    "group",
    "init",
    "items",
    "journal",
    "lifecycle",
    "main",
    "meeting",
    "member",
    "overview",
    "publish",
    "record",
    "remind",
    "reports",
    "schema",
    "send",
    "validate",
]

PROG_NAME = "driftsforum"


def main(argv: Sequence[str] | None = None) -> int:
    """Run `driftsforum ARGV…` and return its exit code (0 all well, 1 the user's files, 2 usage, 3 a bug)."""
    args = list(sys.argv[1:] if argv is None else argv)
    from driftsforum_cli.models.common import CONTROL_CHARACTERS, visible

    if unsafe := [arg for arg in args if CONTROL_CHARACTERS.search(arg)]:
        typer.echo(
            f"Fejl: '{visible(unsafe[0])}' på kommandolinjen indeholder et usynligt styretegn; fjern det.", err=True
        )
        return EXIT_USAGE
    try:
        code = click_command().main(args=args, prog_name=PROG_NAME, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Afbrudt.", err=True)
        return EXIT_INTERRUPTED
    except typer.TyperException as exc:  # usage errors from Typer's bundled Click
        from driftsforum_cli.cli.usage import danish_usage_error

        typer.echo(danish_usage_error(exc), err=True)
        return exc.exit_code
    except DriftsforumError as exc:
        typer.echo(f"Fejl: {visible(exc.message)}", err=True)
        return exc.exit_code
    except Exception as exc:
        from driftsforum_cli.cli.crashlog import write_crash_log

        typer.echo(write_crash_log(exc, [PROG_NAME, *args]), err=True)
        return EXIT_CRASH
    return code if isinstance(code, int) else 0
