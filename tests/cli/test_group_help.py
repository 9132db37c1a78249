"""A group's help names every subcommand's work, in the words a secretary knows (Word's 'sporede ændringer')."""

from __future__ import annotations

import pytest

from tests.helpers import RunCli


def _row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(name + " "))


@pytest.mark.parametrize(
    ("group", "words"),
    [
        ("member", ["opret", "skift", "ret", "ledig"]),  # add, replace, update, vacate
        ("action", ["tilføj", "ret", "luk"]),  # add, update, close
    ],
)
def test_a_group_help_covers_all_its_subcommands(cli: RunCli, group: str, words: list[str]) -> None:
    listed = _row(cli("--help").stdout, group).lower()
    own = cli(group, "--help").stdout.lower()
    for word in words:
        assert f" {word}" in f" {listed}", (word, listed)
        assert f" {word}" in own, (word, own)


def test_import_comments_speaks_of_tracked_changes_as_word_does(cli: RunCli) -> None:
    shown = " ".join(cli("minutes", "import-comments", "--help").stdout.split())
    assert "kommentarer og sporede ændringer fra et Word-dokument" in shown
    assert "registrerede ændringer" not in shown
