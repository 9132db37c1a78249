"""The document formats: one module per format behind one interface (`DocumentFormat`), and the registry.

`FORMATS` is where --format's choices for agenda, minutes, status-report and evaluation, the default output
file (binary formats are written to a file, text formats printed) and an e-mail attachment's name and type
come from. A new format (DOCX, say) is one module declaring its `FORMAT` (as pdf.py does) and one entry
below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftsforum_cli.errors import UsageError
from driftsforum_cli.render.formats import docx, html, markdown, pdf
from driftsforum_cli.render.formats.base import DocumentFormat, DocumentSource, Format

if TYPE_CHECKING:
    from driftsforum_cli.models.config import RepoConfig

__all__ = [
    "DEFAULT",
    "FORMATS",
    "DocumentFormat",
    "DocumentSource",
    "Format",
    "UnknownFormat",
    "configured",
    "get_format",
    "output_name",
]

FORMATS: dict[str, DocumentFormat] = {fmt.name: fmt for fmt in (markdown.FORMAT, html.FORMAT, pdf.FORMAT, docx.FORMAT)}

#: What --format is when it is not given.
DEFAULT = markdown.FORMAT.name


class UnknownFormat(UsageError):
    """A format name that is not in FORMATS."""

    def __init__(self, name: str) -> None:
        super().__init__(f"'{name}' er ikke en af: {', '.join(FORMATS)}")


def get_format(name: str | DocumentFormat) -> DocumentFormat:
    """The format called `name` (a format passes through)."""
    if not isinstance(name, str):
        return name
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(name) from None


def output_name(fmt: DocumentFormat, stem: str) -> str | None:
    """The file a document is written to when no --output is given: `stem` + suffix for a binary format,
    None (print it) for a text format."""
    return f"{stem}{fmt.suffix}" if fmt.binary else None


def configured(fmt: DocumentFormat, config: RepoConfig | None) -> DocumentFormat:
    """PDF in the variant driftsforum.yaml sets (`documents.pdf_variant`), unless --pdf-variant chose one."""
    if isinstance(fmt, pdf.PdfFormat) and fmt.variant is None and config is not None:
        return pdf.with_variant(config.documents.pdf_variant)
    return fmt
