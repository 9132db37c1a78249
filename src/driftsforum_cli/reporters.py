"""Reporting what a check found: Danish text (coloured on a terminal), JSON, or GitHub Actions annotations.

One set of reporters for `validate` (diagnostics) and `privacy-check` (findings and notes), chosen by name from
`REPORTER_BY_NAME`, in the style of check-jsonschema's reporters. A new format is one subclass and one entry.
"""

from __future__ import annotations

import json
import sys
from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from driftsforum_cli.danish import long_date, plural
from driftsforum_cli.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # validate starts without the publishing domain
    from driftsforum_cli.domain.privacy import Finding, Note, PrivacyReport


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


# --- texts every format shares ----------------------------------------------------------------------------------


def _counted(*counts: tuple[int, str, str]) -> str:
    """'1 fejl og 2 advarsler': the counts that are not 0 (count, singular, plural), joined with 'og'."""
    return " og ".join(plural(count, one, many) for count, one, many in counts if count)


def diagnostics_summary(errors: int, warnings: int, files: int, forums: int) -> str:
    scope = f"{plural(files, 'fil', 'filer')} i {plural(forums, 'forum', 'fora')}"
    found = _counted((errors, "fejl", "fejl"), (warnings, "advarsel", "advarsler"))
    return f"Fandt {found} i {scope}." if found else f"Ingen fejl: {scope} er gennemgået."


def privacy_summary(report: PrivacyReport) -> str:
    scope = f"{plural(report.texts, 'tekst', 'tekster')} fra {plural(report.files, 'fil', 'filer')}"
    found = _counted(
        (len(report.open), "åbent fund", "åbne fund"), (len(report.accepted), "accepteret fund", "accepterede fund")
    )
    return f"Privatlivskontrol: {found or 'ingen fund'} i {scope}."


def mask_text(text: str) -> str:
    """`text` with every CPR number masked: accepted findings and their reasons are shown masked too."""
    from driftsforum_cli.domain.privacy import mask_text as masked  # validate starts without it

    return masked(text)


def accepted_text(finding: Finding) -> str:
    """'… er accepteret af Karen Eksempel (seat) den 20. september 2026: reason'."""
    accepted = finding.accepted
    assert accepted is not None
    who = f"{accepted.by_name} ({accepted.by})" if accepted.by_name else accepted.by
    when = f" den {long_date(accepted.on)}" if accepted.on else ""
    return f"'{mask_text(finding.text)}' er accepteret af {who}{when}: {mask_text(accepted.reason)}"


#: The code of a note about the acceptances themselves.
ACCEPTANCE_NOTE = "privacy-acceptance"


def _ordered(diagnostics: Sequence[Diagnostic]) -> tuple[list[Diagnostic], int, int]:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(1 for d in ordered if d.severity is Severity.ERROR)
    return ordered, errors, len(ordered) - errors


# --- the reporters ----------------------------------------------------------------------------------------------


class Reporter(ABC):
    """Writes one report to `stream` (standard output, looked up when writing, unless given)."""

    def __init__(self, stream: TextIO | None = None, *, color: bool = False) -> None:
        self._stream = stream
        self.color = color

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stdout

    def line(self, text: str) -> None:
        self.stream.write(text + "\n")

    @abstractmethod
    def diagnostics(self, diagnostics: Sequence[Diagnostic], *, files: int, forums: int) -> None:
        """What `validate` found in `files` files of `forums` forums."""

    @abstractmethod
    def privacy(self, report: PrivacyReport) -> None:
        """What the privacy check found: the findings in file order, then the notes."""


class TextReporter(Reporter):
    """For people: 'fil:linje:kolonne: fejl [kode] besked' and a Danish summary; coloured with `color`."""

    def diagnostics(self, diagnostics: Sequence[Diagnostic], *, files: int, forums: int) -> None:
        ordered, errors, warnings = _ordered(diagnostics)
        summary = diagnostics_summary(errors, warnings, files, forums)
        if self.color:
            self._coloured(ordered, summary, "bold red" if errors else ("yellow" if warnings else "bold green"))
            return
        for d in ordered:
            self.line(f"{d.file}:{d.line}:{d.column}: {d.severity.label} [{d.code}] {d.message}")
        self.line(summary)

    def _coloured(self, ordered: list[Diagnostic], summary: str, summary_style: str) -> None:
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=self.stream, highlight=False, force_terminal=True)
        for d in ordered:
            style = "bold red" if d.severity is Severity.ERROR else "yellow"
            console.print(
                f"[bold]{escape(d.file)}:{d.line}:{d.column}:[/bold] [{style}]{d.severity.label}[/{style}] "
                f"[dim]\\[{d.code}][/dim] {escape(d.message)}"
            )
        console.print(f"[{summary_style}]{escape(summary)}[/{summary_style}]")

    def privacy(self, report: PrivacyReport) -> None:
        for f in report.findings:
            where = f"{f.file}:{f.line}:{f.column}"
            if f.accepted is None:
                self.line(f"{where}: fund [{f.code}] {f.where}: {f.message}")
            else:
                self.line(f"{where}: accepteret [{f.code}] {f.where}: {accepted_text(f)}")
        for note in report.notes:
            self.line(f"{note.file}:{note.line}:{note.column}: advarsel [{ACCEPTANCE_NOTE}] {note.message}")
        self.line(privacy_summary(report))


class JsonReporter(Reporter):
    """For machines: one JSON document (UTF-8 text, indented)."""

    def _dump(self, payload: dict[str, Any]) -> None:
        self.line(json.dumps(payload, ensure_ascii=False, indent=2))

    def diagnostics(self, diagnostics: Sequence[Diagnostic], *, files: int, forums: int) -> None:
        ordered, errors, warnings = _ordered(diagnostics)
        self._dump(
            {
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
        )

    def privacy(self, report: PrivacyReport) -> None:
        self._dump(
            {
                "texts": report.texts,
                "files": report.files,
                "open": len(report.open),
                "accepted": len(report.accepted),
                "findings": [_finding_json(f) for f in report.findings],
                "notes": [_note_json(n) for n in report.notes],
            }
        )


def _finding_json(f: Finding) -> dict[str, Any]:
    accepted = f.accepted
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "exact": f.exact,
        "code": f.code,
        "kind": f.kind,
        "text": mask_text(f.text),
        "where": f.where,
        "message": f.message,
        "status": "åben" if accepted is None else "accepteret",
        "accepted": None
        if accepted is None
        else {
            "by": accepted.by,
            "name": accepted.by_name,
            "reason": mask_text(accepted.reason),
            "on": accepted.on.isoformat() if accepted.on else None,
        },
    }


def _note_json(n: Note) -> dict[str, Any]:
    return {"file": n.file, "line": n.line, "column": n.column, "message": n.message}


def escape_data(text: str) -> str:
    """A workflow command's message: '%', CR and LF encoded (GitHub's own toolkit does the same)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and ':' and ',' too (they separate the properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions annotations ('::error file=…,line=…,col=…,title=…::message'), then the summary."""

    def annotate(self, kind: str, file: str, line: int, column: int, title: str, message: str) -> None:
        properties = {"file": file, "line": str(line), "col": str(column), "title": title}
        shown = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
        self.line(f"::{kind} {shown}::{escape_data(message)}")

    def diagnostics(self, diagnostics: Sequence[Diagnostic], *, files: int, forums: int) -> None:
        ordered, errors, warnings = _ordered(diagnostics)
        for d in ordered:
            kind = "error" if d.severity is Severity.ERROR else "warning"
            self.annotate(kind, d.file, d.line, d.column, d.code, d.message)
        self.line(diagnostics_summary(errors, warnings, files, forums))

    def privacy(self, report: PrivacyReport) -> None:
        for f in report.findings:
            if f.accepted is None:
                self.annotate("error", f.file, f.line, f.column, f.code, f"{f.where}: {f.message}")
            else:
                self.annotate("notice", f.file, f.line, f.column, f.code, f"{f.where}: {accepted_text(f)}")
        for note in report.notes:
            self.annotate("warning", note.file, note.line, note.column, ACCEPTANCE_NOTE, note.message)
        self.line(privacy_summary(report))


REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    ReportFormat.text: TextReporter,
    ReportFormat.json: JsonReporter,
    ReportFormat.github: GithubReporter,
}


def reporter(name: str, stream: TextIO | None = None, *, color: bool = False) -> Reporter:
    """The reporter for a format name ('text', 'json' or 'github')."""
    return REPORTER_BY_NAME[name](stream, color=color)
