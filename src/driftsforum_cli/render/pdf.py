"""HTML to PDF with WeasyPrint: A4, "Side 1 af 3" page numbers, tagged PDF/UA-1 with title, author and language.

WeasyPrint reads <title>, <meta name=author>, <meta name=description> and <html lang> itself; the arguments of
`html_to_pdf` win over them, so the PDF's metadata never depends on a template remembering them. The print
stylesheet (templates/print.css) is applied as a user stylesheet: the document's own CSS overrides it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from driftsforum_cli import __version__
from driftsforum_cli.render import pdf_structure
from driftsforum_cli.workspace import bundled_root

#: The PDF variant WeasyPrint writes: tagged PDF (structure tree, /MarkInfo, DisplayDocTitle) with XMP metadata
#: claiming PDF/UA-1. WeasyPrint cannot prove conformance; the HTML must do its part (headings, <th scope>, alt).
PDF_VARIANT = "pdf/ua-1"
#: The variants one can choose (`--pdf-variant`, `documents.pdf_variant` in driftsforum.yaml): PDF/UA-1, and
#: PDF/A-2a for the archive (tagged, language, XMP metadata, fonts embedded, sRGB output intent). WeasyPrint
#: writes what the variant requires; it does not certify it (the tests check the parts with pikepdf).
PDF_VARIANTS = (PDF_VARIANT, "pdf/a-2a")


def print_css_path() -> Path:
    """templates/print.css of the checkout or of the installed package."""
    return bundled_root() / "templates" / "print.css"


@cache
def print_css() -> str:
    """The print stylesheet: A4, footer "Side N af M", DejaVu Sans (Debian's fonts-dejavu-core)."""
    return print_css_path().read_text(encoding="utf-8")


def html_to_pdf(
    html: str,
    *,
    base_url: str | None,
    title: str,
    author: str,
    language: str = "da",
    subject: str | None = None,
    variant: str | None = None,
    keywords: Sequence[str] = (),
) -> bytes:
    """Render an HTML document to PDF bytes.

    `base_url` resolves relative links, images and stylesheets (a folder URL or path; None: only absolute URLs).
    `title`, `author`, `language` and `subject` become the PDF's /Title, /Author, catalog /Lang and /Subject
    (and the XMP dc:title, dc:creator, dc:description). `language` is also set on <html> when it has no lang,
    so the tagged structure has a language. `variant`: one of PDF_VARIANTS (None: PDF_VARIANT). `keywords`:
    the /Keywords and XMP pdf:Keywords (the documents' case numbers).
    """
    import weasyprint

    document_html = weasyprint.HTML(string=html, base_url=base_url)
    root = document_html.etree_element
    if not root.get("lang"):
        root.set("lang", language)
    options = {
        "stylesheets": [weasyprint.CSS(string=print_css(), base_url=print_css_path().parent.as_uri() + "/")],
        "pdf_variant": variant or PDF_VARIANT,
    }
    document = document_html.render(**options)
    metadata = document.metadata
    metadata.title = title
    metadata.authors = [author]
    metadata.lang = language
    if subject is not None:
        metadata.description = subject
    if keywords:  # /Keywords and the XMP pdf:Keywords (WeasyPrint writes both), joined with ', '
        metadata.keywords = list(keywords)
    metadata.generator = f"driftsforum {__version__}"
    pdf: bytes = document.write_pdf(**options)
    return pdf_structure.tidy(pdf)  # page furniture as artifacts, /IDTree: the structure PDF/UA-1 asks for
