"""The interface every document format implements, and what a format renders from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class DocumentSource:
    """A document ready to render: its template's name ('agenda', 'minutes', 'status-report', 'evaluation'),
    the template's context, the repository whose templates/ win over the package's, and the metadata a
    file format records (title, author, language)."""

    template: str
    context: Mapping[str, object]
    repo_root: Path | None
    title: str
    author: str
    language: str = "da"
    keywords: tuple[str, ...] = ()  # e.g. the case numbers ('Sagsnr. Region Nordjylland: 1-01-72-30-17')

    def render_template(self, extension: str, *, html: bool) -> str:
        """`<template>.<extension>.j2` rendered with the context; `html` turns on autoescaping."""
        from driftsforum_cli.render.templates import template_environment

        env = template_environment(self.repo_root, html=html)
        return env.get_template(f"{self.template}.{extension}.j2").render(self.context)


class DocumentFormat(Protocol):
    """One output format of the documents (`--format NAME`).

    A binary format is written to a file (by default `<name>-<forum>-<date><suffix>` in the working folder);
    a text format is printed unless `--output` is given. Import heavy libraries inside `render`, never at
    module level: the registry is imported whenever the command line starts.
    """

    @property
    def name(self) -> str:
        """The value of --format: 'md', 'html', 'pdf'."""

    @property
    def suffix(self) -> str:
        """The file name's ending, with the dot: '.pdf'."""

    @property
    def media_type(self) -> str:
        """The MIME type, for e-mail attachments: 'application/pdf'."""

    @property
    def binary(self) -> bool:
        """True: written to a file by default, never printed."""

    @property
    def label(self) -> str:
        """How --format's help names it, in Danish: 'md (til git)'."""

    def render(self, source: DocumentSource) -> bytes:
        """The document in this format."""


@dataclass(frozen=True)
class Format:
    """A DocumentFormat from its facts and a render function: how the modules of this package declare theirs."""

    name: str
    suffix: str
    media_type: str
    binary: bool
    label: str
    render: Callable[[DocumentSource], bytes]
