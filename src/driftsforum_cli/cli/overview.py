"""driftsforum overview"""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import Today, app, parse_today, repository_root


@app.command(short_help="Vis en kort status for hvert forum og dets næste møder.")
def overview(
    ctx: typer.Context,
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum (id, fx nord)."),
    count: int = typer.Option(4, "--count", min=1, metavar="ANTAL", help="Antal kommende møder pr. forum."),
    today: Today = None,
) -> None:
    """Vis en kort status for hvert forum og dets næste møder."""
    from driftsforum_cli.danish import clock, full_date, long_date, of_which, week
    from driftsforum_cli.domain.overview import forum_overview
    from driftsforum_cli.services.gate import load_forums

    on = parse_today(today)
    repo = load_forums(repository_root(ctx), forum)
    for files in repo.forums:
        summary = forum_overview(files, on, count)
        if summary is None:
            typer.echo(f"{files.id}: kommissoriet kan ikke læses – kør 'driftsforum validate'.\n")
            continue
        charter = summary.forum
        typer.echo(charter.name)
        typer.echo("=" * len(charter.name))
        typer.echo(f"Refererer til:      {charter.reports_to}")
        typer.echo(f"Kommissorium:       godkendt {long_date(charter.approved.date)} i {charter.approved.by}")
        vacant = of_which(summary.vacant, "ledig", "ledige")
        typer.echo(f"Pladser:            {summary.seats}{vacant}")
        flagged = (
            f" ({summary.agreements_flagged} til revision eller ikke længere relevante)"
            if summary.agreements_flagged
            else ""
        )
        typer.echo(f"Samarbejdsaftaler:  {summary.agreements}{flagged}")
        typer.echo(f"Møder afholdt:      {summary.meetings_held}")
        if not summary.next_meetings:
            typer.echo("Næste møder:        ingen planlagt – opret mødefiler i meetings/")
        else:
            typer.echo("Næste møder:")
            for meeting in summary.next_meetings:
                line = (
                    f"  • {full_date(meeting.date)} ({week(meeting.date)}) kl. {clock(meeting.start)}–"
                    f"{clock(meeting.end)}, {meeting.place}"
                )
                typer.echo(line)
                if meeting.joint_meeting:
                    joint = meeting.joint_meeting
                    typer.echo(
                        f"    derefter fællesmøde med {joint.partner} kl. {clock(joint.start)}–{clock(joint.end)}"
                    )
        typer.echo("")
