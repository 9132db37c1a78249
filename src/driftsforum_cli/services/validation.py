"""`validate` as a workflow: every problem in one or more repositories (or some of their forums)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from driftsforum_cli.diagnostics import Diagnostic, Severity


@dataclass
class Validation:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    forums: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True if there are errors (or, with `strict`, any problem at all)."""
        return bool(self.diagnostics if strict else self.errors)


def validate_targets(targets: Mapping[Path, set[str] | None], today: date, now: date | None = None) -> Validation:
    """Check each repository root (only the forums named, or all with None) against the data model and the
    charter's rules: what `driftsforum validate` reports. `now` is the real date (None: `today`)."""
    from driftsforum_cli.services.gate import diagnose
    from driftsforum_cli.workspace import load_repository

    result = Validation()
    for root, only in targets.items():
        repo = load_repository(root, only)
        result.diagnostics.extend(diagnose(repo, today, now, documents=True))
        result.files += repo.file_count()
        result.forums += len(repo.forums)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def validate_repository(root: Path, today: date, forums: set[str] | None = None, now: date | None = None) -> Validation:
    """`validate_targets` for one repository."""
    return validate_targets({root: forums}, today, now)
