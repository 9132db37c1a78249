"""The guided commands at a keyboard: driven through a real pseudo-terminal (pexpect), they ask in Danish for
what is missing, with the meeting file's values as defaults; without a terminal they never ask."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import driftsforum_cli
from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Meeting
from tests.helpers import RunCli

pexpect = pytest.importorskip("pexpect")

MEETING = "forums/nord/meetings/2026-11-24.yaml"
DOWN, SPACE, ENTER, BACKSPACE = "\x1b[B", " ", "\r", "\x7f"


def _spawn(repo: Path, *args: str) -> Any:
    source = str(Path(driftsforum_cli.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": source, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    env.pop("CI", None)
    env.pop("DRIFTSFORUM_NO_PROMPT", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "driftsforum_cli", *args, "--today", "2026-12-01"],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 140),
    )
    child.logfile_read = io.StringIO()  # the whole screen, for _done
    return child


ESCAPES = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"


def _shown(text: str) -> str:
    """A pattern for `text` as prompt_toolkit draws it when it redraws a line: escape sequences may stand between
    the characters, and a space may be drawn as a cursor move."""
    parts = [r"(?: |\x1b\[\d*C)" if char == " " else re.escape(char) for char in text]
    return ESCAPES.join(parts)


def _done(child: Any) -> str:
    """Everything the command wrote to the terminal, after it ended well."""
    child.expect(pexpect.EOF)
    child.close()
    screen = str(child.logfile_read.getvalue())
    assert child.exitstatus == 0, screen
    return screen


def _meeting(repo: Path) -> Meeting:
    meeting = load_file(repo / MEETING, "m", Meeting).model
    assert meeting is not None
    return meeting


def test_attendance_is_a_checklist_of_the_seats(repo_copy: Path) -> None:
    child = _spawn(repo_copy, "minutes", "attendance", "nord", "2026-11-24")
    child.expect("Hvem var til stede\\?")
    child.expect("mellemrum vælger/fravælger")
    child.send(SPACE + DOWN + SPACE + ENTER)
    child.expect("Hvem havde meldt afbud\\?")
    child.send(DOWN + SPACE + ENTER)  # the list no longer has the present ones
    child.expect("Hvem tog referat\\?")
    child.send(DOWN + ENTER)
    screen = _done(child)
    # questionary's English summary ("done (2 selections)") is erased and written again in Danish
    danish = "\x1b[1A\x1b[2K? Hvem var til stede? broenderslev-afdelingsleder, hjoerring-afdelingsleder\r\n"
    assert screen.index(danish) > screen.index("done (2 selections)")
    attendance = _meeting(repo_copy).attendance
    assert attendance is not None
    assert attendance.present == ["broenderslev-afdelingsleder", "hjoerring-afdelingsleder"]
    assert attendance.absent == ["jammerbugt-afdelingsleder"]
    assert attendance.minute_taker == "hjoerring-afdelingsleder"  # the first present one was the default


def test_decision_offers_the_items_and_the_current_text(cli: RunCli, repo_copy: Path) -> None:
    text = "Forummet tog erfaringerne til efterretning."
    assert cli("minutes", "decision", "nord", "2026-11-24", "5", "--text", text, "--today", "2026-12-01",
               cwd=repo_copy).code == 0  # fmt: skip
    child = _spawn(repo_copy, "minutes", "decision", "nord", "2026-11-24")
    child.expect("Hvilket punkt\\?")
    child.expect("5. Opfølgning på samarbejdsaftale om medicinhåndtering ✓")
    child.send(DOWN * 4 + ENTER)  # from item 1 to item 5
    child.expect("Beslutning under punkt 5:")
    child.send(" Praksis justeres ikke." + ENTER)  # added to the current text
    _done(child)
    assert _meeting(repo_copy).agenda[0].decision == text + " Praksis justeres ikke."


def test_action_asks_what_who_and_a_working_day(repo_copy: Path) -> None:
    child = _spawn(repo_copy, "action", "add", "nord", "2026-11-24")
    child.expect("Hvad skal gøres\\?")
    child.send("Ring til PLO" + ENTER)
    child.expect("Hvem er ansvarlig\\?")
    child.send(DOWN + ENTER)
    child.expect("Frist")
    child.send("2027-01-01" + ENTER)
    child.expect(_shown("er en lukkedag (Nytårsdag); vælg en arbejdsdag"))
    child.send(BACKSPACE + "4" + ENTER)  # 2027-01-04, a Monday
    _done(child)
    action = _meeting(repo_copy).actions[-1]
    assert (action.what, action.owner, action.due and action.due.isoformat()) == (
        "Ring til PLO",
        "hjoerring-afdelingsleder",
        "2027-01-04",
    )


@pytest.mark.parametrize(
    ("refused", "reason"),
    [("2027-06-05", "2027-06-05 er en lørdag; vælg en arbejdsdag"),
     ("2027-03-09", "2027-03-09 har allerede et møde; vælg en anden dag")],
)  # fmt: skip
def test_meeting_move_asks_for_a_free_working_day(repo_copy: Path, refused: str, reason: str) -> None:
    child = _spawn(repo_copy, "meeting", "move", "nord", "2027-06-08")
    child.expect("Ny dato for mødet 2027-06-08")
    child.send(refused + ENTER)
    child.expect(_shown(reason))
    child.send(BACKSPACE * 10 + "2027-06-15" + ENTER)
    _done(child)
    assert (repo_copy / "forums/nord/meetings/2027-06-15.yaml").exists()


def test_member_replace_asks_for_the_new_person(repo_copy: Path) -> None:
    child = _spawn(repo_copy, "member", "replace", "nord", "plo")
    child.expect("Navn på den nye person på pladsen 'plo':")
    child.send("Lise Ny" + ENTER)
    child.expect("E-mail \\(tom for ingen\\):")
    child.send("lise.ny@plo.example.org" + ENTER)
    child.expect("Stilling \\(tom for ingen\\):")
    child.send(ENTER)
    child.expect("Første dag på pladsen")
    child.send("2026-12-01" + ENTER)
    screen = _done(child)
    assert "Ib Eksempel har pladsen 'plo' til og med 30. november 2026" in screen
    text = (repo_copy / "forums/nord/members.yaml").read_text(encoding="utf-8")
    assert "      name: Lise Ny\n      email: lise.ny@plo.example.org\n      from: 2026-12-01\n" in text


def test_meeting_plan_asks_before_writing(repo_copy: Path) -> None:
    child = _spawn(repo_copy, "meeting", "plan", "nord", "2028")
    child.expect("Opret mødefilerne\\?")
    child.send(DOWN + ENTER)  # Nej is the default; Ja below it
    _done(child)
    assert len(list((repo_copy / "forums/nord/meetings").glob("2028-*.yaml"))) == 4


def test_without_a_terminal_nothing_is_asked(cli: RunCli, repo_copy: Path) -> None:
    before = (repo_copy / MEETING).read_bytes()
    result = cli("minutes", "decision", "nord", "2026-11-24", "5", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 2
    assert "--text mangler (der spørges kun, når kommandoen kører i en terminal)" in result.stderr
    assert cli("action", "add", "nord", "2026-11-24", "--today", "2026-12-01", cwd=repo_copy).code == 2
    assert cli("meeting", "move", "nord", "2027-06-08", "--today", "2026-12-01", cwd=repo_copy).code == 2
    assert cli("member", "replace", "nord", "plo", "--name", "X", "--today", "2026-12-01", cwd=repo_copy).code == 2
    nothing = cli("minutes", "attendance", "nord", "2026-11-24", "--today", "2026-12-01", cwd=repo_copy)
    assert nothing.code == 1 and "intet at registrere" in nothing.stderr
    assert (repo_copy / MEETING).read_bytes() == before
