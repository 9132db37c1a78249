"""Recording life-cycle steps through the service: minimal edits, Notepad files kept as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.lifecycle import StepError
from driftsforum_cli.errors import UserError
from driftsforum_cli.services.gate import Blocked
from driftsforum_cli.services.lifecycle import record_step


def _notepad(path: Path) -> bytes:
    data = b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    return data


def test_a_notepad_file_keeps_its_bom_and_crlf_and_changes_only_the_new_line(repo_copy: Path) -> None:
    path = repo_copy / "forums" / "nord" / "meetings" / "2027-03-09.yaml"
    before = _notepad(path)
    done = record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2027, 2, 23))
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    old, new = before.split(b"\r\n"), after.split(b"\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert [line for line in new if line not in old] == [b"agenda_sent: 2027-02-23"]
    assert [line for line in old if line not in new] == []
    assert done.meeting.agenda_sent == date(2027, 2, 23)
    assert done.display.endswith("2027-03-09.yaml")


def test_a_step_that_does_not_fit_names_the_file(repo_copy: Path) -> None:
    with pytest.raises(StepError) as raised:
        record_step(repo_copy, "nord", date(2026, 9, 8), "agenda-sent", date(2026, 11, 10))
    assert str(raised.value).endswith(
        "2026-09-08.yaml: dagsordenen er allerede registreret som udsendt 25. august 2026; er det en rettet "
        "dagsorden, så registrér rettelsen med --update --note TEKST"
    )


def test_a_forum_with_errors_is_not_edited(repo_copy: Path) -> None:
    members = repo_copy / "forums" / "nord" / "members.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("seats:", "seats:\n  - id: []", 1), encoding="utf-8")
    path = repo_copy / "forums" / "nord" / "meetings" / "2027-03-09.yaml"
    before = path.read_bytes()
    with pytest.raises(Blocked, match="før mødefilen opdateres"):
        record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2027, 2, 23))
    assert path.read_bytes() == before


def test_a_step_that_validate_would_reject_is_taken_back(repo_copy: Path) -> None:
    """From a secretary's trial: an agenda recorded as sent 98 days early used to lock the forum. It is now
    refused before the file is touched, and so is a date after the real date."""
    from driftsforum_cli.errors import UserError

    path = repo_copy / "forums" / "nord" / "meetings" / "2027-03-09.yaml"
    before = path.read_bytes()
    with pytest.raises(UserError, match=r"1\. december 2026 er 98 dage før; vent til 8\. januar 2027"):
        record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2026, 12, 1), now=date(2026, 12, 1))
    assert path.read_bytes() == before
    # a date after the real date is refused before the file is touched too (it used to be written and taken back)
    with pytest.raises(UserError, match=r"^23\. februar 2027 er ikke kommet endnu \(i dag er det 1\. december 2026\)"):
        record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2027, 2, 23), now=date(2026, 12, 1))
    assert path.read_bytes() == before
    done = record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2027, 2, 23), now=date(2027, 3, 1))
    assert done.meeting.agenda_sent == date(2027, 2, 23)


def test_the_revised_minutes_of_a_cancelled_meeting_are_refused_as_such(repo_copy: Path) -> None:
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2027-03-09.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\n", encoding="utf-8")
    with pytest.raises(StepError) as raised:
        record_step(repo_copy, "nord", date(2027, 3, 9), "revised", date(2026, 12, 1))
    assert str(raised.value).endswith("2027-03-09.yaml: mødet 9. marts 2027 er aflyst; der er intet referat")


def test_a_step_on_a_day_still_to_come_is_refused_before_anything_is_checked(repo_copy: Path) -> None:
    """`--today` after the real date looks ahead; recording then would record what has not happened."""
    with pytest.raises(UserError) as raised:
        record_step(repo_copy, "nord", date(2027, 3, 9), "agenda-sent", date(2027, 2, 20), now=date(2026, 12, 1))
    assert str(raised.value).startswith("20. februar 2027 er ikke kommet endnu (i dag er det 1. december 2026)")
