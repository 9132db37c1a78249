"""driftsforum publish"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli import privacy  # noqa: F401  (registers privacy-check, listed just before publish)
from driftsforum_cli.cli.app import Today, app, parse_today, repository_root
from driftsforum_cli.danish import plural

if TYPE_CHECKING:
    from driftsforum_cli.services.progress import ProgressBar

#: From this many steps (pages and PDFs), publish shows a progress bar.
PROGRESS_FROM = 40


def _progress(total: int) -> AbstractContextManager[ProgressBar]:
    """A progress bar on stderr when there is much to do."""
    from driftsforum_cli.services.progress import NullProgressBar

    if total < PROGRESS_FROM:
        return NullProgressBar()
    return typer.progressbar(length=total, label="Laver hjemmesiden", file=sys.stderr, show_pos=True)


@app.command(short_help="Lav hjemmesiden med referater og dagsordener.")
def publish(
    ctx: typer.Context,
    output: Path = typer.Option(
        Path("site"), "-o", "--output", metavar="MAPPE", help="Mappen, hjemmesiden skrives i.", file_okay=False
    ),
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum på hjemmesiden."),
    today: Today = None,
    no_pdf: bool = typer.Option(False, "--no-pdf", help="Uden PDF-filer ved siderne (hurtigere, fx til afprøvning)."),
    force: bool = typer.Option(
        False, "--force", help="Overskriv sider, der er ændret i hånden, og skriv i en mappe med andre filer."
    ),
) -> None:
    """Lav hjemmesiden med godkendte referater og udsendte dagsordener (efter privatlivskontrollen)."""
    from driftsforum_cli.cli import options
    from driftsforum_cli.reporters import reporter
    from driftsforum_cli.services.site import prepare, write_site
    from driftsforum_cli.workspace import display_path

    publication = prepare(repository_root(ctx), parse_today(today), forum, options.real_date(), with_pdf=not no_pdf)
    for note in publication.notes:
        typer.echo(f"Bemærk: {note}", err=True)
    reporter("text").privacy(publication.privacy)
    result = write_site(publication, output, with_pdf=not no_pdf, force=force, progress=_progress)
    for relative in result.kept_edited:
        typer.echo(
            f"Bemærk: {display_path(output / relative)} hører ikke længere til hjemmesiden, men er ændret i hånden "
            "og er ikke slettet.",
            err=True,
        )
    removed = f", {len(result.removed)} forældede slettet" if result.removed else ""
    typer.echo(
        f"Hjemmesiden i {display_path(output)}: {plural(result.forums, 'forum', 'fora')}, "
        f"{plural(result.pages, 'mødeside', 'mødesider')}, {plural(result.pdfs, 'PDF-fil', 'PDF-filer')}. "
        f"{plural(len(result.written), 'fil', 'filer')} skrevet, {len(result.unchanged)} uændrede{removed}."
    )
    typer.echo(f"Åbn {display_path(output / 'index.html')} i en browser, eller kopiér mappen til webserveren.")
