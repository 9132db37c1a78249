"""PDF: the HTML page printed by WeasyPrint (render/pdf.py), with the document's title, author and language.

WeasyPrint is imported only when a PDF is rendered."""

from __future__ import annotations

from driftsforum_cli.render.formats.base import DocumentSource, Format
from driftsforum_cli.render.formats.html import render_html


def render(source: DocumentSource) -> bytes:
    from driftsforum_cli.render.pdf import html_to_pdf

    html = render_html(source)
    return html_to_pdf(
        html,
        base_url=None,
        title=source.title,
        author=source.author,
        language=source.language,
        keywords=source.keywords,
    )


FORMAT = Format("pdf", ".pdf", "application/pdf", binary=True, label="pdf", render=render)
