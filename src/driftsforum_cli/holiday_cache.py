"""Danish public holidays from the `holidays` package (in Danish), remembered between runs.

Importing `holidays` costs about 0.1 s, half of what `validate` may take in all. The package's answer
for a year never changes while the installed package stays the same, so it is kept in a small JSON
file in the user's cache folder (the platform's own: %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS,
XDG_CACHE_HOME or ~/.cache elsewhere), keyed by where the package is installed and when it was installed.
Any problem with the cache (missing, unreadable, read-only folder) just means asking the package.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from driftsforum_cli.domain.workdays import public_holidays


def _cache_file() -> Path | None:
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    stamp = Path(spec.origin).stat().st_mtime_ns
    digest = hashlib.sha256(f"{spec.origin}|{stamp}".encode()).hexdigest()[:16]
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("driftsforum", appauthor=False)) / f"helligdage-{digest}.json"


def danish_public_holidays(year: int) -> dict[date, str]:
    path = _cache_file()
    stored: dict[str, dict[str, str]] = {}
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        entry = stored.get(str(year)) if isinstance(stored, dict) else None
        if isinstance(entry, dict):
            return {date.fromisoformat(day): str(name) for day, name in entry.items()}
    found = public_holidays(year)
    if path is not None:
        stored = stored if isinstance(stored, dict) else {}
        stored[str(year)] = {day.isoformat(): name for day, name in sorted(found.items())}
        try:
            from driftsforum_cli.files import atomic_write

            atomic_write(path, json.dumps(stored, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            pass
    return found
