"""driftsforum agreement dossier ID"""

from __future__ import annotations

import typer

from driftsforum_cli.cli.app import Force, Output, Today, app, parse_today, repository_root
from driftsforum_cli.cli.formats import FORMAT, PDF_VARIANT, choose
from driftsforum_cli.cli.output import emit
from driftsforum_cli.render.formats import DocumentFormat

agreement_app = typer.Typer(
    no_args_is_help=True, help="Samarbejdsaftaler på tværs af fora.", short_help="Samarbejdsaftaler på tværs af fora."
)
app.add_typer(agreement_app, name="agreement")


@agreement_app.command("dossier", short_help="Alt om én samarbejdsaftale på tværs af fora.")
def dossier(
    ctx: typer.Context,
    agreement: str = typer.Argument(..., metavar="AFTALE", help="Aftalens id, fx SA-03."),
    forum: str | None = typer.Option(None, "--forum", metavar="ID", help="Kun dette forum. Standard: alle."),
    revision_proposal: bool = typer.Option(
        False, "--revision-proposal", help="Lav udkastet til meddelelsen om, at aftalen skal revideres."
    ),
    fmt: DocumentFormat = FORMAT,
    pdf_variant: str | None = PDF_VARIANT,
    output: Output = None,
    force: Force = False,
    today: Today = None,
) -> None:
    """Alt om én samarbejdsaftale: årshjul, punkter og beslutninger, eskaleringer og svar, handlinger."""
    from driftsforum_cli.services.dossier import make_dossier

    fmt = choose(fmt, output, pdf_variant)
    made = make_dossier(
        repository_root(ctx), agreement, fmt, parse_today(today), forum=forum, proposal=revision_proposal
    )
    emit(made.data, output, made.default_name, force)
