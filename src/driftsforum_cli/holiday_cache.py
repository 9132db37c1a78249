"""Danish public holidays from the `holidays` package (in Danish), remembered between runs.

Importing `holidays` costs about 0.1 s, half of what `validate` may take in all. The package's answer
for a year never changes while the installed package stays the same, so it is kept in a small JSON
file in the user's cache folder, keyed by where the package is installed and when it was installed.
Any problem with the cache (missing, unreadable, read-only folder) just means asking the package.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from importlib.util import find_spec
from pathlib import Path


def _cache_file() -> Path | None:
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    stamp = Path(spec.origin).stat().st_mtime_ns
    digest = hashlib.sha256(f"{spec.origin}|{stamp}".encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "driftsforum" / f"helligdage-{digest}.json"


def _from_package(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


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
    found = _from_package(year)
    if path is not None:
        stored = stored if isinstance(stored, dict) else {}
        stored[str(year)] = {day.isoformat(): name for day, name in sorted(found.items())}
        try:
            from driftsforum_cli.files import atomic_write

            atomic_write(path, json.dumps(stored, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            pass
    return found
