"""driftsforum agenda … and driftsforum minutes …: the two command groups, and rendering the documents (the
life-cycle steps are in cli/lifecycle.py, the guided edits in cli/record.py and cli/items.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import (
    DefaultToRender,
    Force,
    ForumId,
    Output,
    Today,
    app,
    parse_date_argument,
    parse_today,
    repository_root,
)
from driftsforum_cli.cli.formats import FORMAT, PDF_VARIANT, choose
from driftsforum_cli.cli.options import MeetingDate
from driftsforum_cli.cli.output import emit
from driftsforum_cli.render.formats import DocumentFormat

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind


agenda_app = typer.Typer(
    cls=DefaultToRender,
    no_args_is_help=True,
    help="Dagsordener: lav dagsordenen til et møde, og registrér, at den er udsendt.",
    short_help="Lav dagsordenen, og registrér, at den er udsendt.",
)
minutes_app = typer.Typer(
    cls=DefaultToRender,
    no_args_is_help=True,
    help="Referater: lav referatet, og registrér udsendelse, bemærkninger og revideret referat.",
    short_help="Lav referatet, og registrér udsendelse og bemærkninger.",
)
app.add_typer(agenda_app, name="agenda")
app.add_typer(minutes_app, name="minutes")


def _render(
    ctx: typer.Context,
    kind: DocumentKind,
    forum_id: str,
    meeting_text: str | None,
    today: str | None,
    fmt: DocumentFormat,
    output: Path | None,
    force: bool,
    pdf_variant: str | None = None,
) -> None:
    from driftsforum_cli.services.documents import render_meeting_document

    meeting, on = parse_date_argument(meeting_text, "mødet") if meeting_text else None, parse_today(today)
    fmt = choose(fmt, output, pdf_variant)
    document = render_meeting_document(repository_root(ctx), forum_id, kind, meeting, fmt, on, options.real_date())
    emit(document.data, output, document.default_name, force)


@agenda_app.command("render")
def agenda_render(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str | None = typer.Argument(None, metavar="MØDE", help="Mødets dato. Standard: næste møde."),
    today: Today = None,
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    pdf_variant: str | None = PDF_VARIANT,
) -> None:
    """Lav dagsordenen (standard: til næste møde). Kan også skrives 'driftsforum agenda FORUM [MØDE]'."""
    _render(ctx, "agenda", forum, meeting, today, fmt, output, force, pdf_variant)


@minutes_app.command("render")
def minutes_render(
    ctx: typer.Context,
    forum: ForumId,
    meeting: MeetingDate,
    today: Today = None,
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    pdf_variant: str | None = PDF_VARIANT,
) -> None:
    """Lav referatet (med UDKAST-mærke, til det er godkendt). Kan også skrives 'driftsforum minutes FORUM MØDE'."""
    _render(ctx, "minutes", forum, meeting, today, fmt, output, force, pdf_variant)
