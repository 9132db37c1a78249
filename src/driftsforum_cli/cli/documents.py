"""driftsforum agenda … and driftsforum minutes …: render the documents and record the minutes' life cycle."""

from __future__ import annotations

from datetime import date
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
    parse_past_date,
    parse_today,
    repository_root,
)
from driftsforum_cli.cli.formats import FORMAT, PDF_VARIANT, choose
from driftsforum_cli.cli.output import emit
from driftsforum_cli.render.formats import DocumentFormat

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind
    from driftsforum_cli.services.lifecycle import Step


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

MEETING = typer.Argument(..., metavar="MØDE", help="Mødets dato (ÅÅÅÅ-MM-DD).")
ON = typer.Option(None, "--on", metavar="ÅÅÅÅ-MM-DD", help="Datoen. Standard: i dag.")


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
    meeting: str = MEETING,
    today: Today = None,
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    pdf_variant: str | None = PDF_VARIANT,
) -> None:
    """Lav referatet (med UDKAST-mærke, til det er godkendt). Kan også skrives 'driftsforum minutes FORUM MØDE'."""
    _render(ctx, "minutes", forum, meeting, today, fmt, output, force, pdf_variant)


def _record(
    ctx: typer.Context, forum_id: str, meeting_text: str, step: Step, on: date, force: bool = False, **extra: str
) -> None:
    from driftsforum_cli.render.lifecycle import describe_step
    from driftsforum_cli.services.lifecycle import record_step

    meeting, now = parse_date_argument(meeting_text, "mødet"), options.real_date()
    done = record_step(repository_root(ctx), forum_id, meeting, step, on, **extra, force=force, now=now)
    typer.echo("\n".join(describe_step(done)))


@agenda_app.command("mark-sent", short_help="Registrér, at dagsordenen er udsendt.")
def agenda_mark_sent(
    ctx: typer.Context, forum: ForumId, meeting: str = MEETING, on: str | None = ON, today: Today = None
) -> None:
    """Registrér i mødefilen, at dagsordenen er udsendt."""
    _record(ctx, forum, meeting, "agenda-sent", parse_past_date(on, "--on", today))


@minutes_app.command("mark-sent", short_help="Registrér, at referatet er udsendt (fristen løber herfra).")
def minutes_mark_sent(
    ctx: typer.Context, forum: ForumId, meeting: str = MEETING, on: str | None = ON, today: Today = None
) -> None:
    """Registrér i mødefilen, at referatet er udsendt; fristen for bemærkninger løber herfra."""
    _record(ctx, forum, meeting, "minutes-sent", parse_past_date(on, "--on", today))


@minutes_app.command("add-comment", short_help="Registrér et medlems bemærkning til referatet.")
def minutes_add_comment(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    by: str = typer.Option(..., "--by", metavar="PLADS", help="Hvem bemærkningen er fra (pladsens id)."),
    text: str = typer.Option(..., "--text", metavar="TEKST", help="Bemærkningen."),
    on: str | None = typer.Option(None, "--on", metavar="ÅÅÅÅ-MM-DD", help="Modtaget den. Standard: i dag."),
    today: Today = None,
) -> None:
    """Registrér en bemærkning til referatet."""
    _record(ctx, forum, meeting, "comment", parse_past_date(on, "--on", today), by=by, text=text)


@minutes_app.command("mark-revised", short_help="Registrér, at det reviderede referat er udsendt.")
def minutes_mark_revised(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    on: str | None = ON,
    today: Today = None,
    force: bool = typer.Option(False, "--force", help="Registrér det, selv om fristen for bemærkninger løber."),
) -> None:
    """Registrér, at det reviderede referat er udsendt; derefter er referatet godkendt. Afvises, til fristen for
    bemærkninger er udløbet, medmindre --force bruges."""
    _record(ctx, forum, meeting, "revised", parse_past_date(on, "--on", today), force)
