"""The README stays true: every command and every option is documented there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from driftsforum_cli.cli import app
from driftsforum_cli.domain.rules.catalogue import README_BEGIN, catalogue, with_readme_table
from tests.helpers import REPO_ROOT, RunCli

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(command: Any, prefix: str) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found[f"{prefix} {name}"] = sub
            walk(sub, f"{prefix} {name}")

    walk(group, "driftsforum")
    return {"driftsforum": group, **found}


def test_every_command_is_in_the_readme() -> None:
    # named in running text (`driftsforum validate …`) or used in an example block
    missing = [
        name
        for name in _commands()
        if name != "driftsforum" and not re.search(rf"(`|^){re.escape(name)}(\s|`|$)", README, re.MULTILINE)
    ]
    assert missing == []


def test_every_option_is_in_the_readme() -> None:
    missing = []
    for name, command in _commands().items():
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-") and option not in ("-h", "--help") and option not in README:
                    missing.append(f"{name} {option}")
    assert missing == []


def test_readme_quick_start_is_the_two_make_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_table_of_codes_is_the_rules_registry() -> None:
    assert with_readme_table(README) == README, "run: python scripts/readme_codes.py"
    table = README[README.index(README_BEGIN) :]
    assert all(f"| `{code.code}` |" in table for code in catalogue())


#: README examples that cannot run here: they need an SMTP server or a Windows path.
_NOT_RUN = ("--send", "C:\\")


def _readme_examples() -> list[list[str]]:
    import shlex

    examples = []
    for line in README.splitlines():
        if not line.startswith("driftsforum ") or any(marker in line for marker in _NOT_RUN):
            continue
        examples.append(shlex.split(line.split("  #", 1)[0])[1:])
    return examples


def test_every_command_the_readme_shows_runs_as_shown(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """In README order, on a copy of the bundled forums, on the day the examples were written for."""
    examples = _readme_examples()
    assert len(examples) >= 12
    for args in examples:
        args = [str(tmp_path / "www") if arg.startswith("/srv/") else arg for arg in args]
        if "--today" not in args and args[0] not in ("schema", "init"):
            args += ["--today", "2026-12-01"]
        result = cli(*args, cwd=repo_copy)
        assert result.code == 0, f"driftsforum {' '.join(args)}\n{result.output}"
