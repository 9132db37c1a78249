"""Documents as Markdown, HTML and PDF from the Jinja templates: agendas and minutes, status reports and
the evaluation. `<name>.md.j2` and `<name>.html.j2` exist for each document; PDF is made from the HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from driftsforum_cli.domain.documents import MeetingDocument
from driftsforum_cli.render.templates import template_environment

DocumentFormat = Literal["md", "html", "pdf"]


def tidy_markdown(text: str) -> str:
    """Collapse the blank lines that conditional template blocks leave behind; keep hard breaks."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line if line.endswith("  ") else line.rstrip())
    return "\n".join(lines).strip() + "\n"


def render_template(
    name: str, fmt: DocumentFormat, context: dict[str, object], repo_root: Path | None, *, title: str, author: str
) -> bytes:
    """Render `name` ('agenda', 'status-report', …) in the format asked for."""
    if fmt == "md":
        env = template_environment(repo_root)
        return tidy_markdown(env.get_template(f"{name}.md.j2").render(context)).encode("utf-8")
    html = template_environment(repo_root, html=True).get_template(f"{name}.html.j2").render(context)
    if fmt == "html":
        return html.encode("utf-8")
    from driftsforum_cli.render.pdf import html_to_pdf

    return html_to_pdf(html, base_url=None, title=title, author=author)


def _context(doc: MeetingDocument) -> dict[str, object]:
    return {"doc": doc, "forum": doc.forum, "meeting": doc.meeting}


def document_title(doc: MeetingDocument) -> str:
    from driftsforum_cli.danish import long_date

    return f"{doc.title} – {doc.forum.name} – {long_date(doc.meeting.date)}"


def secretariat_author(forum_name: str, author: str | None) -> str:
    return author or f"Sekretariatet for {forum_name}"


def render_document(doc: MeetingDocument, fmt: DocumentFormat, repo_root: Path | None) -> bytes:
    return render_template(
        doc.kind,
        fmt,
        _context(doc),
        repo_root,
        title=document_title(doc),
        author=secretariat_author(doc.forum.name, doc.forum.documents.author),
    )


def render_html(doc: MeetingDocument, repo_root: Path | None) -> str:
    return render_document(doc, "html", repo_root).decode("utf-8")


def render_pdf(doc: MeetingDocument, repo_root: Path | None) -> bytes:
    return render_document(doc, "pdf", repo_root)
