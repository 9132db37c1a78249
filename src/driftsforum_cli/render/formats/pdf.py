"""PDF: the HTML page printed by WeasyPrint (render/pdf.py), with the document's title, author and language.

WeasyPrint is imported only when a PDF is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from driftsforum_cli.render.formats.base import DocumentSource, Format
from driftsforum_cli.render.formats.html import render_html


def render(source: DocumentSource, variant: str | None = None) -> bytes:
    from driftsforum_cli.render.pdf import html_to_pdf

    html = render_html(source)
    return html_to_pdf(
        html,
        base_url=None,
        title=source.title,
        author=source.author,
        language=source.language,
        keywords=source.keywords,
        variant=variant,
    )


@dataclass(frozen=True)
class PdfFormat(Format):
    """PDF in a chosen variant (render/pdf.py's PDF_VARIANTS); None: the repository's setting, else PDF/UA-1."""

    variant: str | None = None


def with_variant(variant: str) -> PdfFormat:
    """The PDF format writing `variant` ('pdf/a-2a')."""
    return PdfFormat(
        FORMAT.name,
        FORMAT.suffix,
        FORMAT.media_type,
        FORMAT.binary,
        FORMAT.label,
        partial(render, variant=variant),
        variant,
    )


FORMAT = PdfFormat("pdf", ".pdf", "application/pdf", binary=True, label="pdf", render=render)
