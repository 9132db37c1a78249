"""Jinja environment: the repository's own templates/ first, then the package's; StrictUndefined,
loaders confined to those folders (Jinja's FileSystemLoader refuses names that climb out)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.workspace import bundled_root

if TYPE_CHECKING:
    import jinja2


def yaml_str(value: object) -> str:
    """A value as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def tidy_text(text: str, *, hard_breaks: bool = False) -> str:
    """Collapse the blank lines that conditional template blocks leave behind and strip trailing spaces;
    with `hard_breaks`, keep a line's two trailing spaces (a Markdown line break)."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and lines and lines[-1] == "":
            continue
        lines.append(line if hard_breaks and line.endswith("  ") else line.rstrip())
    return "\n".join(lines).strip() + "\n"


def template_environment(repo_root: Path | None, *, html: bool = False) -> jinja2.Environment:
    """One environment per folder and mode, so each template is compiled once per process."""
    return _environment(repo_root.resolve() if repo_root is not None else None, html)


@cache
def _environment(repo_root: Path | None, html: bool) -> jinja2.Environment:
    import jinja2

    from driftsforum_cli import danish

    folders = []
    if repo_root is not None and (repo_root / "templates").is_dir():
        folders.append(str(repo_root / "templates"))
    folders.append(str(bundled_root() / "templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        yaml_str=yaml_str,
        full_date=danish.full_date,
        long_date=danish.long_date,
        short_date=danish.short_date,
        clock=danish.clock,
        week=danish.week,
    )
    return env
