"""Writable copies of the bundled forums."""

from __future__ import annotations

import shutil
from pathlib import Path

from driftsforum_cli.workspace import bundled_root


def copy_of_bundled(target: Path, *, schemas: bool = False) -> Path:
    """driftsforum.yaml and forums/ of the bundled repository (and schemas/) copied into `target`."""
    source = bundled_root()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "driftsforum.yaml", target / "driftsforum.yaml")
    shutil.copytree(source / "forums", target / "forums")
    if schemas:
        shutil.copytree(source / "schemas", target / "schemas")
    return target
