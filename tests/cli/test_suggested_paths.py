"""A command line the tool suggests quotes a path with spaces or special characters (Windows: 'C:\\Users\\Anne
Hansen\\OneDrive - Region Nordjylland\\…'), so that it can be copied and run as it is."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from driftsforum_cli.workspace import command_path
from tests.helpers import RunCli

TODAY = ("--today", "2026-12-01")


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/tmp/fora", "/tmp/fora"),
        ("C:\\Users\\anne\\fora", "C:\\Users\\anne\\fora"),
        ("drøftelser/nord-2027", "drøftelser/nord-2027"),
        ("/tmp/nye fora", '"/tmp/nye fora"'),
        (
            "C:\\Users\\Anne Hansen\\OneDrive - Region Nordjylland\\fora",
            '"C:\\Users\\Anne Hansen\\OneDrive - Region Nordjylland\\fora"',
        ),
        ("fora&co", '"fora&co"'),
        ("fora(2)", '"fora(2)"'),
    ],
)
def test_a_path_is_quoted_only_when_it_must_be(path: str, shown: str) -> None:
    assert command_path(path) == shown


def _suggested(output: str) -> str:
    found = re.search(r"kør '(driftsforum [^']*)'", output)
    assert found, output
    return found.group(1)


def test_init_suggests_a_command_that_runs_as_it_is(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "nye fora"
    made = cli("init", str(target), "--kind", "voksen-somatik", "--cluster", "nord", *TODAY)
    assert made.code == 0, made.output
    suggested = _suggested(made.stdout)
    assert suggested == f'driftsforum --repo "{target}" validate'
    words = shlex.split(suggested)[1:]
    assert words[:2] == ["--repo", str(target)]
    assert cli(*words, *TODAY).code in (0, 1)  # 1: the placeholders validate reports, not a wrong folder


def test_forum_add_suggests_a_quoted_folder(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "nye fora"
    assert cli("init", str(target), "--kind", "voksen-somatik", "--cluster", "nord", *TODAY).code == 0
    added = cli("--repo", str(target), "forum", "add", "ny-psyk", "--kind", "voksenpsykiatri", "--cluster", "vest",
                *TODAY, cwd=tmp_path)  # fmt: skip
    assert added.code == 0, added.output
    suggested = _suggested(added.stdout)
    assert suggested == 'driftsforum validate "nye fora/forums/ny-psyk"'
    result = cli(*shlex.split(suggested)[1:], *TODAY, cwd=tmp_path)
    assert "findes ikke" not in result.output
