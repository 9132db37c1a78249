"""`driftsforum agreement dossier`: everything about one collaboration agreement across the forums, as a document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from driftsforum_cli.render.formats import DocumentFormat
from driftsforum_cli.services.documents import Rendered


def make_dossier(
    root: Path, agreement_id: str, fmt: DocumentFormat, today: date, *, forum: str | None = None, proposal: bool = False
) -> Rendered:
    """The dossier of `agreement_id` (or, with `proposal`, the draft note to the Klyngestyregruppe that the agreement
    needs revision) in `fmt`, from every forum that lists the agreement (or only `forum`)."""
    from driftsforum_cli.domain.dossier import build_dossier
    from driftsforum_cli.render.documents import render_template
    from driftsforum_cli.render.formats import configured, output_name
    from driftsforum_cli.services.gate import load_forums

    repo = load_forums(root, forum)
    fmt = configured(fmt, repo.config.model)  # a PDF in documents.pdf_variant, unless --pdf-variant chose
    dossier = build_dossier(repo.forums, agreement_id, today)
    receivers = list(dict.fromkeys(part.forum.reports_to for part in dossier.forums))
    author = "Sekretariatet for " + " og ".join(part.forum.name for part in dossier.forums)
    heading = "Forslag om revision" if proposal else "Dossier"
    context: dict[str, object] = {"dossier": dossier, "proposal": proposal, "receivers": receivers, "author": author}
    title = f"{heading}: {dossier.agreement_id} {dossier.title}"
    data = render_template("agreement-dossier", fmt, context, root, title=title, author=author)
    stem = f"{'revisionsforslag' if proposal else 'dossier'}-{_file_part(agreement_id)}-{today.isoformat()}"
    return Rendered(data, output_name(fmt, stem))


def _file_part(text: str) -> str:
    from driftsforum_cli.domain.kinds import slug

    return slug(text) or "aftale"
