"""Every command's help is Danish: none of Click's or Typer's fixed English words remain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from driftsforum_cli.cli import main
from driftsforum_cli.cli.app import click_command

#: Fixed words Click and Typer print in help (whole words, case-sensitive where it matters).
ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Show this message|default|required|env var|TEXT|INTEGER|PATH|"
    r"BOOLEAN|FLOAT|FILENAME|DIRECTORY|OPTIONS|COMMAND|ARGS|Try|for help|Error|Missing|Invalid)\b"
)


def _command_paths() -> Iterator[list[str]]:
    pending: list[tuple[list[str], Any]] = [([], click_command())]
    while pending:
        path, command = pending.pop()
        yield path
        for name, child in sorted(getattr(command, "commands", {}).items()):
            pending.append(([*path, name], child))


COMMANDS = sorted(_command_paths())


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "validate", "agenda render", "minutes add-comment", "send minutes", "publish"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "driftsforum")
def test_help_is_danish(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*path, "--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Brug: driftsforum")
    assert ENGLISH.findall(text) == []


def test_another_click_app_in_the_same_process_keeps_its_own_help() -> None:
    """The Danish formatter is this app's own: it does not change other Typer apps."""
    import typer
    from typer.testing import CliRunner

    other = typer.Typer()

    @other.command()
    def hello(name: str) -> None:
        """Say hello."""

    click_command()  # ours is built (and made Danish) first
    result = CliRunner().invoke(other, ["--help"])
    assert "Usage:" in result.output and "Brug:" not in result.output


def test_usage_mistakes_get_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validat"]) == 2
    assert "ukendt kommando 'validat' (mente du 'validate'?)" in capsys.readouterr().err
    assert main(["--today", "2026-12-01", "validate"]) == 2
    assert "tilvalg til en kommando skal stå efter den, fx: driftsforum validate --today" in capsys.readouterr().err


def test_every_option_that_takes_a_value_names_it_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--forum ID" in text and "<path>" not in text
