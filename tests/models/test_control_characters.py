"""Control characters are refused in every text field with a located Danish error, and never reach the
terminal raw: not from the files, not from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from driftsforum_cli.models import Meeting
from driftsforum_cli.models.common import check_no_control, visible
from tests.helpers.cli import REAL_DATE, RunCli

MEETING = Path("forums/nord/meetings/2026-11-24.yaml")
PLACE = "place: Hjørring Rådhus, mødelokale 2 (eksempel)"

REFUSED = {
    "NUL": "\\0",
    "BEL": "\\a",
    "ESC (window title)": "\\e]0;HACKED\\a",
    "ESC (clear screen)": "\\e[2J",
    "backspace": "\\b",
    "carriage return": "\\r",
    "vertical tab": "\\v",
    "form feed": "\\f",
    "DEL": "\\x7f",
    "C1 (CSI)": "\\x9b",
    "C1 (NEL)": "\\N",
    "RLO": "\\u202e",
    "LRE": "\\u202a",
    "RLI": "\\u2067",
    "PDI": "\\u2069",
}


@pytest.mark.parametrize("escape", REFUSED.values(), ids=REFUSED.keys())
def test_a_control_character_in_a_file_is_a_located_error(cli: RunCli, repo_copy: Path, escape: str) -> None:
    path = repo_copy / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(PLACE, f'place: "Rådhuset{escape}lokale 2"'), encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1, result.output
    line = next(line for line in result.output.splitlines() if "styretegn" in line)
    assert line.replace("\\", "/").startswith("forums/nord/meetings/2026-11-24.yaml:5:"), line
    assert "[invalid-value] place: teksten indeholder et usynligt styretegn (U+" in line
    assert check_no_control(result.output) == result.output  # nothing raw reaches the terminal


def test_tab_and_newline_and_danish_text_are_accepted() -> None:
    text = "Første linje\tmed tabulator\nanden linje: æøå ÆØÅ – “citat” … § 42 € 1.000"
    assert check_no_control(text) == text


def test_an_assignment_is_checked_too() -> None:
    meeting = Meeting.model_validate(
        {"date": "2026-11-24", "start": "13:00", "end": "15:00", "place": "Rådhuset", "kind": "ordinært"}
    )
    with pytest.raises(ValidationError, match="U\\+001B"):
        meeting.place = "Rådhuset\x1b[2J"


def test_a_value_echoed_in_an_error_is_shown_as_its_code(cli: RunCli, repo_copy: Path) -> None:
    """A date with an escape sequence is not a date; the message quotes it, with the escape made visible."""
    path = repo_copy / MEETING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2026-11-24", 'date: "2026-11-24\\e]0;HACKED\\a"'), encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "<U+001B>]0;HACKED<U+0007>" in result.output


def test_command_line_text_is_refused(cli: RunCli, repo_copy: Path) -> None:
    before = (repo_copy / MEETING).read_bytes()
    result = cli(
        "minutes", "add-comment", "nord", "2026-11-24", "--by", "hjoerring-chef",
        "--text", "Fin\x1b]0;HACKED\x07 bemærkning", "--on", "2026-11-25", "--today", "2026-11-25",
    )  # fmt: skip
    assert result.code == 2, result.output
    assert "Fejl: 'Fin<U+001B>]0;HACKED<U+0007> bemærkning' på kommandolinjen indeholder et usynligt styretegn" in (
        result.output
    )
    assert "\x1b" not in result.output
    assert (repo_copy / MEETING).read_bytes() == before


def test_visible_names_each_control_character() -> None:
    assert visible("a\x00b\u202ec\td\n") == "a<U+0000>b<U+202E>c\td\n"


def test_a_comment_through_the_library_meets_the_same_check(repo_copy: Path) -> None:
    """Not only the command line: a comment given to the service is refused by the file's model."""
    from datetime import date

    from driftsforum_cli.errors import UserError
    from driftsforum_cli.services.lifecycle import record_step

    path = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    before = path.read_bytes()
    with pytest.raises(UserError, match=r"styretegn \(U\+001B\)") as caught:
        record_step(
            repo_copy,
            "nord",
            date(2026, 9, 8),
            "comment",
            date(2026, 9, 18),
            by="plo",
            text="Fin\x1b[2J bemærkning",
            now=REAL_DATE,
        )
    assert "\x1b" not in str(caught.value)
    assert path.read_bytes() == before
