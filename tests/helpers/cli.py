"""Running the real CLI entry point in-process, and the dates and folders the tests share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

#: The real date as the tests see it (`cli.options.real_date`): fixed, so that the tests are deterministic.
REAL_DATE = date(2026, 12, 1)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


RunCli = Callable[..., CliResult]
