"""HTML: one self-contained, accessible page (`<template>.html.j2`, autoescaped)."""

from __future__ import annotations

from driftsforum_cli.render.formats.base import DocumentSource, Format


def render_html(source: DocumentSource) -> str:
    return source.render_template("html", html=True)


def render(source: DocumentSource) -> bytes:
    return render_html(source).encode("utf-8")


FORMAT = Format("html", ".html", "text/html", binary=False, label="html", render=render)
