"""Rules about the website's settings in driftsforum.yaml (`publishing`), checked once for the repository."""

from __future__ import annotations

from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.repository import Repository
from driftsforum_cli.domain.rules.registry import WARNING, Code

#: Given by `statement_checks` (driftsforum.yaml), not by a forum's rule.
PUBLISHING_CODES: tuple[Code, ...] = (
    Code(
        "statement-url-missing",
        (WARNING,),
        "`publishing.statement_url` i `driftsforum.yaml` er adressen på myndighedens tilgængelighedserklæring i "
        "Digitaliseringsstyrelsens WAS-Tool, som hjemmesidens erklæring linker til",
    ),
)


def statement_checks(repo: Repository) -> list[Diagnostic]:
    """A warning at driftsforum.yaml's `publishing` (when the file has that section) if the website's statement
    has no WAS-Tool statement to link to: the law asks for the statement made in WAS-Tool, and the site's own
    page only describes what the tool checks."""
    config = repo.config
    if config.model is None or config.model.publishing.statement_url is not None:
        return []
    if config.source is None or ("publishing",) not in config.source.keys:
        return []  # no website configured: nothing to link from
    mark = config.key_at(("publishing",))
    return [
        Diagnostic(
            config.display,
            mark.line,
            mark.column,
            Severity.WARNING,
            "statement-url-missing",
            "publishing.statement_url mangler: hjemmesidens tilgængelighedserklæring kan ikke linke til "
            "myndighedens egen erklæring; lav erklæringen i Digitaliseringsstyrelsens WAS-Tool "
            "(https://www.was.digst.dk), og skriv dens adresse i 'statement_url' under 'publishing'",
        )
    ]
