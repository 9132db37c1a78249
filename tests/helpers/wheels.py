"""The bundled forums' årshjul, as the render tests draw it."""

from __future__ import annotations

from datetime import date

from driftsforum_cli.domain.aarshjul import Wheel, build_wheel
from driftsforum_cli.workspace import bundled_root, load_repository


def bundled_wheel(forum_id: str, year: int = 2026, today: date = date(2026, 11, 22)) -> Wheel:
    """The årshjul of a bundled forum (nord, vest) for `year`."""
    repo = load_repository(bundled_root())
    files = next(f for f in repo.forums if f.id == forum_id)
    return build_wheel(files, year, repo.calendar, today)
