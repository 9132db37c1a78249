"""Help a secretary can read: no command description cut off with '...' or '…' in a list of commands (each
command has a short help written to fit), and every metavar Danish (MAPPE, FIL, ÅÅÅÅ-MM-DD, never <path>)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from driftsforum_cli.cli import main
from driftsforum_cli.cli.app import click_command

#: The placeholders the help may show: Danish words for what to type.
DANISH_METAVARS = {
    "MAPPE", "FIL", "FORUM", "MØDE", "DATO", "ÅÅÅÅ-MM-DD", "ÅÅÅÅ", "ID", "NAVN", "TEKST", "PLADS", "TYPE", "STI",
    "DAGE", "ANTAL", "PERIODE", "ADRESSE", "MÅNED", "STATUS", "NR", "TILVALG", "KOMMANDO", "ARGUMENTER", "STIER",
    "PUNKT", "AFTALE", "INDIKATOR", "ART", "PLADSER", "ÅR", "SEKTOR", "STILLING", "TELEFON", "KLYNGE", "NIVEAU",
    "ORGANISATION", "KOMMUNE", "ROLLE", "OMRÅDE", "OMRÅDER", "TITEL", "TID", "MINUTTER", "BESLUTNING", "TEKSTEN",
    "DELTAGER", "FIL.docx",
    "FIL.eml",
}  # fmt: skip

#: Options that take no value, so show no metavar.
ROW = re.compile(r"^  (?P<left>\S.*?)(?:\s{2,}|$)")


def _commands() -> Iterator[tuple[list[str], Any]]:
    pending: list[tuple[list[str], Any]] = [([], click_command())]
    while pending:
        path, command = pending.pop()
        yield path, command
        for name, child in sorted(getattr(command, "commands", {}).items()):
            pending.append(([*path, name], child))


COMMANDS = sorted(_commands(), key=lambda pair: pair[0])


def _help(path: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*path, "--help"]) == 0
    return capsys.readouterr().out


def _section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    if f"{title}:" not in lines:
        return []
    start = lines.index(f"{title}:") + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda value: " ".join(value) if isinstance(value, list) else ""
)
def test_no_description_is_cut_off(path: list[str], command: Any, capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(path, capsys)
    assert "…" not in text
    # '...' only in the usage line, after a repeatable argument ('[STI]...')
    assert [line for line in text.splitlines() if "..." in line and not line.startswith("Brug: ")] == []
    listed = _section(text, "Kommandoer")
    for name, child in getattr(command, "commands", {}).items():
        short = child.get_short_help_str(limit=1000)
        row = next(line for line in listed if line.split()[0] == name)
        # the whole short help on the command's own line: not shortened, not wrapped
        assert row.split(None, 1)[1] == short, f"'{' '.join([*path, name])}': {row!r}"
        assert short.endswith(".") and len(row) <= 80


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda value: " ".join(value) if isinstance(value, list) else ""
)
def test_every_metavar_is_danish(path: list[str], command: Any, capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(path, capsys)
    usage = next(line for line in text.splitlines() if line.startswith("Brug: "))
    words = re.findall(r"[A-ZÆØÅ][A-ZÆØÅ0-9-]+", usage.removeprefix("Brug: driftsforum"))
    assert set(words) <= DANISH_METAVARS, usage
    for section in ("Argumenter", "Tilvalg"):
        for line in _section(text, section):
            match = ROW.match(line)
            if match is None:
                continue
            for token in match.group("left").replace(",", " ").split():
                if token.startswith("-"):
                    continue
                if token.startswith("<"):
                    # angle brackets only for a list of the values to choose from, never for a type (<path>)
                    values = token.strip("<>").split("|")
                    assert len(values) > 1 and all(re.fullmatch(r"[a-z][a-z0-9/-]*", value) for value in values), line
                else:  # an optional argument is shown in brackets: [FORUM]
                    assert token.strip("[]") in DANISH_METAVARS, f"{' '.join(path)}: {line!r}"


def test_every_option_with_a_value_shows_what_to_type() -> None:
    """An option that takes a value has a Danish metavar or a list of choices, never Typer's default."""
    missing = []
    for path, command in COMMANDS:
        for param in command.params:
            if getattr(param, "is_flag", False) or param.param_type_name != "option" or param.name == "help":
                continue
            if param.metavar is None and getattr(param.type_descriptor, "choices", None) is None:
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []
