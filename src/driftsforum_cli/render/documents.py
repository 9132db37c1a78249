"""Agendas and minutes as Markdown, HTML and PDF from the Jinja templates."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from driftsforum_cli.domain.documents import MeetingDocument
from driftsforum_cli.render.templates import template_environment

DocumentFormat = Literal["md", "html", "pdf"]


def _context(doc: MeetingDocument) -> dict[str, object]:
    return {"doc": doc, "forum": doc.forum, "meeting": doc.meeting}


def render_markdown(doc: MeetingDocument, repo_root: Path | None) -> str:
    env = template_environment(repo_root)
    text = env.get_template(f"{doc.kind}.md.j2").render(_context(doc))
    # Collapse the blank lines that conditional blocks leave behind.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line.rstrip() if not line.endswith("  ") else line)
    return "\n".join(lines).strip() + "\n"


def render_html(doc: MeetingDocument, repo_root: Path | None) -> str:
    env = template_environment(repo_root, html=True)
    return env.get_template(f"{doc.kind}.html.j2").render(_context(doc))


def document_title(doc: MeetingDocument) -> str:
    from driftsforum_cli.render.danish import long_date

    return f"{doc.title} – {doc.forum.name} – {long_date(doc.meeting.date)}"


def render_pdf(doc: MeetingDocument, repo_root: Path | None) -> bytes:
    from driftsforum_cli.render.pdf import html_to_pdf

    author = doc.forum.documents.author or f"Sekretariatet for {doc.forum.name}"
    return html_to_pdf(render_html(doc, repo_root), base_url=None, title=document_title(doc), author=author)


def render_document(doc: MeetingDocument, fmt: DocumentFormat, repo_root: Path | None) -> bytes:
    if fmt == "md":
        return render_markdown(doc, repo_root).encode("utf-8")
    if fmt == "html":
        return render_html(doc, repo_root).encode("utf-8")
    return render_pdf(doc, repo_root)
