"""Markdown: the agenda and the minutes as text for git (`<template>.md.j2`)."""

from __future__ import annotations

from driftsforum_cli.render.formats.base import DocumentSource, Format
from driftsforum_cli.render.templates import tidy_text


def render(source: DocumentSource) -> bytes:
    return tidy_text(source.render_template("md", html=False), hard_breaks=True).encode("utf-8")


FORMAT = Format("md", ".md", "text/markdown", binary=False, label="md (til git)", render=render)
