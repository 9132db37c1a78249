"""Reading PDFs in tests with a real parser (pypdf)."""

from __future__ import annotations

from typing import Any

import pypdf


def pdf_catalog(reader: pypdf.PdfReader) -> Any:
    """The document catalog (/Root): /Lang, /MarkInfo, /StructTreeRoot …"""
    return reader.trailer["/Root"]
