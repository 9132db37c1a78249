"""driftsforum aarshjul FORUM: the year's meetings, agreements, fixed tasks and deadlines."""

from __future__ import annotations

from enum import StrEnum

import typer

from driftsforum_cli.cli.app import Force, ForumId, Output, Today, app, parse_today, repository_root
from driftsforum_cli.cli.formats import PDF_VARIANT
from driftsforum_cli.cli.output import emit


class WheelFormat(StrEnum):
    table = "table"
    svg = "svg"
    png = "png"
    html = "html"
    docx = "docx"
    pdf = "pdf"


@app.command(short_help="Vis årshjulet: møder, samarbejdsaftaler, opgaver og frister.")
def aarshjul(
    ctx: typer.Context,
    forum: ForumId,
    year: int | None = typer.Option(None, "--year", metavar="ÅÅÅÅ", help="Året. Standard: året for --today."),
    fmt: WheelFormat = typer.Option(
        WheelFormat.table,
        "--format",
        case_sensitive=False,
        help="table, svg (tegningen), png (tegningen som billede), html (tegning og tabel), pdf (tegning og tabel) "
        "eller docx (tegning og tabel i Word).",
    ),
    pdf_variant: str | None = PDF_VARIANT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Vis årshjulet: møderne, samarbejdsaftalerne og de faste opgaver ved hvert møde, og fristerne."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.domain.aarshjul import build_wheel
    from driftsforum_cli.errors import UsageError
    from driftsforum_cli.render import aarshjul as render
    from driftsforum_cli.services.gate import open_forum

    on = parse_today(today)
    root = repository_root(ctx)
    repo, files = open_forum(root, forum, on, "årshjulet laves", options.real_date())
    wheel = build_wheel(files, year or on.year, repo.calendar, on)
    if fmt is WheelFormat.table and output is not None and output.suffix.lower() in (".docx", ".pdf", ".png"):
        fmt = WheelFormat(output.suffix.lower().lstrip("."))  # -o aarshjul.pdf: the format from the file name
    if fmt is WheelFormat.docx:
        from driftsforum_cli.render.formats.docx import render_wheel

        emit(render_wheel(wheel, root), output, f"aarshjul-{forum}-{wheel.year}.docx", force)
        return
    if fmt is WheelFormat.png:
        emit(render.render_png(wheel, root), output, f"aarshjul-{forum}-{wheel.year}.png", force)
        return
    if pdf_variant is not None and fmt is not WheelFormat.pdf:
        raise UsageError("--pdf-variant bruges kun til PDF: angiv også --format pdf (eller -o FIL.pdf).")
    if fmt is WheelFormat.pdf:
        config = repo.config.model
        variant = pdf_variant or (config.documents.pdf_variant if config is not None else None)
        emit(render.render_pdf(wheel, root, variant), output, f"aarshjul-{forum}-{wheel.year}.pdf", force)
        return
    if fmt is WheelFormat.svg:
        text = render.render_svg(wheel, root)
    elif fmt is WheelFormat.html:
        text = render.render_html(wheel, root)
    else:
        text = render.render_table(wheel)
    emit(text.encode("utf-8"), output, None, force)
