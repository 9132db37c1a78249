"""Printing diagnostics: Danish text (coloured on a terminal), JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

import typer

from driftsforum_cli.danish import plural
from driftsforum_cli.diagnostics import Diagnostic, Severity


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def summary(errors: int, warnings: int, files: int, forums: int) -> str:
    scope = f"{plural(files, 'fil', 'filer')} i {plural(forums, 'forum', 'fora')}"
    if not errors and not warnings:
        return f"Ingen fejl: {scope} er gennemgået."
    found = []
    if errors:
        found.append(plural(errors, "fejl", "fejl"))
    if warnings:
        found.append(plural(warnings, "advarsel", "advarsler"))
    return f"Fandt {' og '.join(found)} i {scope}."


def print_report(diagnostics: Sequence[Diagnostic], fmt: ReportFormat, files: int, forums: int, color: bool) -> None:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(1 for d in ordered if d.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    if fmt is ReportFormat.json:
        payload = {
            "files": files,
            "forums": forums,
            "errors": errors,
            "warnings": warnings,
            "diagnostics": [
                {
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity.value,
                    "code": d.code,
                    "message": d.message,
                }
                for d in ordered
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if fmt is ReportFormat.github:
        for d in ordered:
            kind = "error" if d.severity is Severity.ERROR else "warning"
            message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            typer.echo(f"::{kind} file={d.file},line={d.line},col={d.column},title={d.code}::{message}")
        typer.echo(summary(errors, warnings, files, forums))
        return
    if color:
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False)
        for d in ordered:
            style = "bold red" if d.severity is Severity.ERROR else "yellow"
            console.print(
                f"[bold]{escape(d.file)}:{d.line}:{d.column}:[/bold] [{style}]{d.severity.label}[/{style}] "
                f"[dim]\\[{d.code}][/dim] {escape(d.message)}"
            )
        style = "bold red" if errors else ("yellow" if warnings else "bold green")
        console.print(f"[{style}]{escape(summary(errors, warnings, files, forums))}[/{style}]")
        return
    for d in ordered:
        typer.echo(f"{d.file}:{d.line}:{d.column}: {d.severity.label} [{d.code}] {d.message}")
    typer.echo(summary(errors, warnings, files, forums))
