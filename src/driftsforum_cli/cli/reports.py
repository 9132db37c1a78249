"""driftsforum status-report and driftsforum evaluation: the forum's reports to the Klyngestyregruppe."""

from __future__ import annotations

from datetime import date

import typer

from driftsforum_cli.cli import options
from driftsforum_cli.cli.app import Force, ForumId, Output, Today, app, parse_period, parse_today, repository_root
from driftsforum_cli.cli.formats import FORMAT, PDF_VARIANT, choose
from driftsforum_cli.cli.output import emit
from driftsforum_cli.render.formats import DocumentFormat


@app.command("status-report", short_help="Statusrapport fra forummet til Klyngestyregruppen.")
def status_report(
    ctx: typer.Context,
    forum: ForumId,
    start: str | None = typer.Option(
        None, "--from", metavar="ÅÅÅÅ-MM-DD", help="Periodens start. Standard: 1. januar."
    ),
    end: str | None = typer.Option(None, "--to", metavar="ÅÅÅÅ-MM-DD", help="Periodens slutning. Standard: i dag."),
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
    pdf_variant: str | None = PDF_VARIANT,
) -> None:
    """Statusrapport til Klyngestyregruppen og Strategisk Sundhedsforum: møder, rettidighed, aftaler,
    sager, handlinger, arbejdsgrupper, data, cases, fremmøde pr. organisation, beslutninger uden alle
    parter og evaluering."""
    from driftsforum_cli.services.reports import make_report

    on = parse_today(today)
    first, last = parse_period(start, end, today=on, default=(date(on.year, 1, 1), on))
    assert first is not None and last is not None
    report = make_report(
        repository_root(ctx),
        forum,
        "status-report",
        choose(fmt, output, pdf_variant),
        on,
        (first, last),
        options.real_date(),
    )
    emit(report.data, output, report.default_name, force)


@app.command(short_help="Skabelon til evalueringen af samarbejdsformen.")
def evaluation(
    ctx: typer.Context,
    forum: ForumId,
    fmt: DocumentFormat = FORMAT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
    pdf_variant: str | None = PDF_VARIANT,
) -> None:
    """Skabelon til evalueringen af samarbejdsformen med fakta siden sidste evaluering og kommissoriets spørgsmål."""
    from driftsforum_cli.services.reports import make_report

    on = parse_today(today)
    report = make_report(
        repository_root(ctx), forum, "evaluation", choose(fmt, output, pdf_variant), on, now=options.real_date()
    )
    emit(report.data, output, report.default_name, force)
