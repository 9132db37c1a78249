"""A meeting's agenda or minutes in a registered format, through the gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.render.formats import DocumentFormat


@dataclass(frozen=True)
class Rendered:
    """A document as bytes, and the file to write it to when no -o is given (binary formats only)."""

    data: bytes
    default_name: str | None


def render_meeting_document(
    root: Path,
    forum_id: str,
    kind: DocumentKind,
    meeting: date | None,
    fmt: DocumentFormat,
    today: date,
    now: date | None = None,
) -> Rendered:
    """The agenda or minutes of the meeting on `meeting` (None: the next meeting from `today`); `now` is the
    real date the gate judges recorded dates by (None: `today`)."""
    from driftsforum_cli.danish import DOCUMENT_DEFINITE
    from driftsforum_cli.domain.documents import build_document, pick_meeting
    from driftsforum_cli.render.documents import file_stem, render_document
    from driftsforum_cli.render.formats import configured, output_name
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(root, forum_id, today, f"{DOCUMENT_DEFINITE[kind]} laves", now)
    fmt = configured(fmt, repo.config.model)
    doc = build_document(kind, files, pick_meeting(files, meeting, today), repo.calendar, today)
    return Rendered(render_document(doc, fmt, root), output_name(fmt, file_stem(doc)))
