"""Documents from the Jinja templates in any of the formats in render/formats: agendas and minutes, status
reports and the evaluation. `<name>.md.j2` and `<name>.html.j2` exist for each document; PDF is made from
the HTML."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from driftsforum_cli.danish import DOCUMENT_FILE_NAMES, long_date
from driftsforum_cli.domain.documents import MeetingDocument
from driftsforum_cli.domain.journal_numbers import metadata_keywords
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Forum
from driftsforum_cli.render.formats import DocumentFormat, DocumentSource, get_format


def render_template(
    name: str,
    fmt: str | DocumentFormat,
    context: dict[str, object],
    repo_root: Path | None,
    *,
    title: str,
    author: str,
) -> bytes:
    """Render `name` ('agenda', 'status-report', …) in the format asked for (a name in FORMATS, or a format)."""
    return get_format(fmt).render(DocumentSource(name, context, repo_root, title=title, author=author))


def document_title(doc: MeetingDocument) -> str:
    """'Dagsorden – Driftsforum … – 24. november 2026'."""
    return f"{doc.title} – {doc.forum.name} – {long_date(doc.meeting.date)}"


def secretariat_author(forum_name: str, author: str | None) -> str:
    return author or f"Sekretariatet for {forum_name}"


def file_stem(doc: MeetingDocument) -> str:
    """'dagsorden-nord-2026-11-24' ('aflysning-…' for a cancelled meeting): the file name of the document,
    without the format's suffix."""
    name = "aflysning" if doc.cancellation is not None else DOCUMENT_FILE_NAMES[doc.kind]
    return f"{name}-{doc.forum.id}-{doc.meeting.date.isoformat()}"


#: The image types a logo may have, by the file's ending.
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Logo:
    """The logo at the top of agendas and minutes, as a data: URL (the HTML and the PDF need no other file)."""

    data_url: str
    alt: str


def forum_logo(forum: Forum, repo_root: Path | None) -> Logo | None:
    """forum.yaml's `documents.logo`, read from the repository; None without one."""
    from driftsforum_cli.files import describe_os_error

    name = forum.documents.logo
    if not name or repo_root is None:
        return None
    path = repo_root / name
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise UserError(
            f"forums/{forum.id}/forum.yaml: logoet '{name}' (documents.logo) skal være en PNG-, JPEG- eller SVG-fil"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            f"forums/{forum.id}/forum.yaml: logoet '{name}' (documents.logo) kan ikke læses: {describe_os_error(exc)}; "
            "stien regnes fra mappen med driftsforum.yaml"
        ) from None
    encoded = base64.b64encode(data).decode("ascii")
    return Logo(f"data:{kind};base64,{encoded}", forum.documents.logo_text or "Logo")


def document_source(doc: MeetingDocument, repo_root: Path | None) -> DocumentSource:
    return DocumentSource(
        "cancellation" if doc.cancellation is not None else doc.kind,
        {"doc": doc, "forum": doc.forum, "meeting": doc.meeting, "logo": forum_logo(doc.forum, repo_root)},
        repo_root,
        title=document_title(doc),
        author=secretariat_author(doc.forum.name, doc.forum.documents.author),
        keywords=tuple(metadata_keywords(doc.forum, doc.meeting)),
    )


def render_document(doc: MeetingDocument, fmt: str | DocumentFormat, repo_root: Path | None) -> bytes:
    return get_format(fmt).render(document_source(doc, repo_root))


def render_html(doc: MeetingDocument, repo_root: Path | None) -> str:
    return render_document(doc, "html", repo_root).decode("utf-8")


def render_pdf(doc: MeetingDocument, repo_root: Path | None) -> bytes:
    return render_document(doc, "pdf", repo_root)
