"""--format for the documents (agenda, minutes, status-report, evaluation), from the format registry.

The value is checked against `render.formats.FORMATS` when the command runs, so a registered format is a
choice without any change here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from driftsforum_cli.render.formats import DEFAULT, FORMATS, DocumentFormat, UnknownFormat, get_format


def _parse(value: str | DocumentFormat) -> DocumentFormat:
    """The format named in any case (--format PDF, as Windows shows file types)."""
    try:
        return get_format(value.lower() if isinstance(value, str) else value)
    except UnknownFormat as exc:
        raise typer.BadParameter(exc.message) from None


def _either(words: list[str]) -> str:
    """'a, b eller c'."""
    return f"{', '.join(words[:-1])} eller {words[-1]}" if len(words) > 1 else words[0]


#: `fmt: DocumentFormat = FORMAT`: the command gets the format itself.
FORMAT: Any = typer.Option(
    DEFAULT,
    "--format",
    parser=_parse,
    metavar=f"<{'|'.join(FORMATS)}>",
    help=_either([fmt.label for fmt in FORMATS.values()]) + ".",
)


def for_output(fmt: DocumentFormat, output: Path | None) -> DocumentFormat:
    """`-o dagsorden.docx` without --format: the format the file name ends in. A --format the name does not end
    in (`--format docx -o dagsorden.pdf`) is a usage error: a Word file named .pdf opens in nothing."""
    if output is None:
        return fmt
    suffix = output.suffix.lower()
    named = next((other for other in FORMATS.values() if other.suffix == suffix), None)
    if named is None or named.name == fmt.name:
        return fmt
    if fmt.name == DEFAULT:
        return named
    from driftsforum_cli.errors import UsageError
    from driftsforum_cli.workspace import command_path

    raise UsageError(
        f"-o {command_path(str(output))} ender på {output.suffix}, men --format er {fmt.name}; ret den ene"
    )


def _parse_variant(value: str | None) -> str | None:
    from driftsforum_cli.render.pdf import PDF_VARIANTS

    if value is not None and value.lower() in PDF_VARIANTS:
        return value.lower()
    if value is None:
        return value
    raise typer.BadParameter(f"'{value}' er ikke en af: {', '.join(PDF_VARIANTS)}")


#: `pdf_variant: str | None = PDF_VARIANT`: PDF/UA-1 or PDF/A-2a (None: driftsforum.yaml's setting).
PDF_VARIANT: Any = typer.Option(
    None,
    "--pdf-variant",
    parser=_parse_variant,
    metavar="<pdf/ua-1|pdf/a-2a>",
    help="PDF-variant: pdf/ua-1 (tilgængelig) eller pdf/a-2a (til arkivet). Standard: documents.pdf_variant i "
    "driftsforum.yaml, ellers pdf/ua-1.",
)


def choose(fmt: DocumentFormat, output: Path | None, pdf_variant: str | None) -> DocumentFormat:
    """The format to render: --format, or the one `-o FILE` ends in; in --pdf-variant for a PDF."""
    from driftsforum_cli.errors import UsageError
    from driftsforum_cli.render.formats.pdf import with_variant

    fmt = for_output(fmt, output)
    if pdf_variant is None:
        return fmt
    if fmt.name != "pdf":
        raise UsageError("--pdf-variant bruges kun til PDF: angiv også --format pdf (eller -o FIL.pdf).")
    return with_variant(pdf_variant)
