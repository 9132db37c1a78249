"""DOCX: the HTML page as a Word document on the house template (render/docx_writer.py), for the members
and the case systems that work in Word. python-docx is imported only when a DOCX is rendered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.render.formats.base import DocumentSource, Format
from driftsforum_cli.render.formats.html import render_html

if TYPE_CHECKING:
    from driftsforum_cli.domain.aarshjul import Wheel

#: Documents with questions to answer: the id of the <section> holding them (each gets an answer field).
ANSWER_SECTIONS = {"evaluation": "spoergsmaal"}
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render(source: DocumentSource) -> bytes:
    from driftsforum_cli.render.docx_writer import house_template, html_to_docx

    forum = source.context.get("forum")
    return html_to_docx(
        render_html(source),
        template=house_template(source.repo_root),
        title=source.title,
        author=source.author,
        header=getattr(forum, "name", None),
        answer_section=ANSWER_SECTIONS.get(source.template),
        keywords=source.keywords,
    )


FORMAT = Format("docx", ".docx", MEDIA_TYPE, binary=True, label="docx (Word)", render=render)


def render_wheel(wheel: Wheel, repo_root: Path | None) -> bytes:
    """The årshjul as a Word document: the drawing as a picture with its title and description as alt text
    (render/docx_writer.py), then its tables and lists."""
    from driftsforum_cli.render.aarshjul import render_html as wheel_html
    from driftsforum_cli.render.docx_writer import house_template, html_to_docx

    forum = wheel.forum
    return html_to_docx(
        wheel_html(wheel, repo_root),
        template=house_template(repo_root),
        title=f"Årshjul {wheel.year} – {forum.name}",
        author=forum.documents.author or f"Sekretariatet for {forum.name}",
        header=forum.name,
    )
