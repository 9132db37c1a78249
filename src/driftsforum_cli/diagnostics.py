"""A problem found in a file: where it is, how bad it is, a stable code and a Danish message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "fejl" if self is Severity.ERROR else "advarsel"


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:  # a value echoed in a message never reaches the terminal raw
        from driftsforum_cli.models.common import visible

        object.__setattr__(self, "message", visible(self.message))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def error(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, Severity.ERROR, code, message)


def warning(file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, column, Severity.WARNING, code, message)
