"""Dates that add up (domain/rules/history.py): every impossible history, each reported at its file, line and
column with its code; what is possible stays clean. The real date is NOW; `--today` may look back before it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.rules import check_repository
from driftsforum_cli.workspace import load_repository
from tests.helpers import REAL_DATE, RunCli

TODAY = date(2026, 11, 22)
NOW = REAL_DATE  # 2026-12-01

MEETINGS = "forums/nord/meetings"


def meeting_file(day: str, body: str) -> str:
    """An extra meeting of Nord on `day`: the header is lines 1-5, `body` starts on line 6."""
    return f"date: {day}\nstart: 13:00\nend: 15:00\nplace: Hjørring\nkind: ekstra\n{body}"


def found(root: Path, today: date = TODAY, now: date | None = NOW) -> list[tuple[str, int, int, str]]:
    repo = load_repository(root)
    diagnostics: list[Diagnostic] = [*repo.diagnostics(), *check_repository(repo, today, now)]
    return [(_in(root, d.file), d.line, d.column, d.code) for d in diagnostics]


def _in(root: Path, display: str) -> str:
    """The file as a path inside the repository (the diagnostics show it relative to the working folder)."""
    return (Path.cwd() / display).resolve().relative_to(root.resolve()).as_posix()


# (what, the meeting's day, its body from line 6, the expected (line, column, code) in that file)
IMPOSSIBLE: list[tuple[str, str, str, tuple[int, int, str]]] = [
    ("agenda sent after the meeting", "2026-10-06", "agenda_sent: 2026-10-07\n", (6, 14, "agenda-sent-date")),
    ("agenda sent 66 days before (limit 60)", "2026-10-06", "agenda_sent: 2026-08-01\n", (6, 14, "agenda-sent-date")),
    ("minutes sent before the meeting", "2026-10-06", "minutes:\n  sent: 2026-10-05\n", (7, 9, "minutes-sent-date")),
    (
        "revised minutes without the minutes",
        "2026-10-06",
        "minutes:\n  revised_sent: 2026-10-20\n",
        (7, 17, "revised-minutes-date"),
    ),
    (
        "revised minutes before the minutes",
        "2026-10-06",
        "minutes:\n  sent: 2026-10-13\n  revised_sent: 2026-10-12\n",
        (8, 17, "revised-minutes-date"),
    ),
    (
        "a comment on minutes never sent",
        "2026-10-06",
        "minutes:\n  comments:\n    - by: plo\n      received: 2026-10-10\n      text: x\n",
        (9, 17, "comment-date"),
    ),
    (
        "a comment before the minutes were sent",
        "2026-10-06",
        "minutes:\n  sent: 2026-10-13\n  comments:\n    - by: plo\n      received: 2026-10-12\n      text: x\n",
        (10, 17, "comment-date"),
    ),
    (
        "a comment after the deadline (sent 13 October, deadline 20 October)",
        "2026-10-06",
        "minutes:\n  sent: 2026-10-13\n  comments:\n    - by: plo\n      received: 2026-10-21\n      text: x\n",
        (10, 17, "comment-date"),
    ),
    (
        "attendance on a cancelled meeting",
        "2026-10-06",
        "cancelled: true\nattendance:\n  present: [plo]\n",
        (8, 3, "attendance-cancelled"),
    ),
    (
        "present at a meeting not yet held",
        "2026-12-15",
        "attendance:\n  present: [plo]\n",
        (7, 13, "present-before-meeting"),
    ),
    ("agenda sent in the future", "2026-12-15", "agenda_sent: 2026-12-05\n", (6, 14, "future-date")),
    ("minutes sent in the future", "2026-10-06", "minutes:\n  sent: 2026-12-02\n", (7, 9, "future-date")),
    (
        "an escalation answered in the future",
        "2026-10-06",
        "agenda:\n  - title: Sag\n    escalation:\n      kind: udviklingsprojekt\n      sent: 2026-10-07\n"
        "      answered: 2026-12-24\n",
        (11, 17, "future-date"),
    ),
    ("a seat present twice", "2026-10-06", "attendance:\n  present: [plo, plo]\n", (7, 18, "attendance-twice")),
    (
        "a seat both present and absent",
        "2026-10-06",
        "attendance:\n  present: [plo]\n  absent: [plo]\n",
        (8, 12, "attendance-twice"),
    ),
    (
        "an action due before the meeting that agreed it",
        "2026-10-06",
        "actions:\n  - id: nord-ekstra-a1\n    what: Noget\n    owner: plo\n    due: 2026-10-01\n",
        (10, 10, "action-due-date"),
    ),
    (
        "closing an action agreed at a later meeting (8 September)",
        "2026-06-02",
        "closes_actions: [nord-2026-3-a1]\n",
        (6, 18, "unknown-reference"),  # references.py already says so
    ),
]


@pytest.mark.parametrize(("what", "day", "body", "expected"), IMPOSSIBLE, ids=[case[0] for case in IMPOSSIBLE])
def test_every_impossible_history_is_an_error_at_its_date(
    repo_copy: Path, what: str, day: str, body: str, expected: tuple[int, int, str]
) -> None:
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, body), encoding="utf-8")
    line, column, code = expected
    assert found(repo_copy) == [(f"{MEETINGS}/{day}.yaml", line, column, code)], what


POSSIBLE: list[tuple[str, str, str]] = [
    ("a bare extra meeting", "2026-10-06", ""),
    ("the agenda 60 days before", "2026-10-06", "agenda_sent: 2026-08-07\n"),
    ("the agenda on the day", "2026-10-06", "agenda_sent: 2026-10-06\n"),
    (
        "minutes on the day, a comment on the deadline",
        "2026-10-06",
        "minutes:\n  sent: 2026-10-06\n  comments:\n"
        "    - by: plo\n      received: 2026-10-13\n      text: x\n  revised_sent: 2026-10-14\n",
    ),
    ("absences known in advance", "2026-12-15", "attendance:\n  absent: [plo]\n"),
    ("something done today (the real date)", "2026-12-15", "agenda_sent: 2026-12-01\n"),
    (
        "an action due on the meeting day",
        "2026-10-06",
        "actions:\n  - id: e-1\n    what: X\n    owner: plo\n    due: 2026-10-06\n",
    ),
    ("closing an action agreed earlier", "2026-10-06", "closes_actions: [nord-2026-3-a1]\n"),
]


@pytest.mark.parametrize(("what", "day", "body"), POSSIBLE, ids=[case[0] for case in POSSIBLE])
def test_possible_histories_stay_clean(repo_copy: Path, what: str, day: str, body: str) -> None:
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, body), encoding="utf-8")
    assert found(repo_copy) == [], what


def test_the_earliest_agenda_is_a_setting_of_the_charter(repo_copy: Path) -> None:
    day = "2026-10-06"
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, "agenda_sent: 2026-08-01\n"), encoding="utf-8")
    forum = repo_copy / "forums/nord/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(
        text.replace("    comments:\n", "    agenda_earliest_days: 90\n    comments:\n", 1), encoding="utf-8"
    )
    assert found(repo_copy) == []


def test_the_messages_say_what_is_wrong_and_what_to_do(repo_copy: Path) -> None:
    day = "2026-12-15"
    body = "agenda_sent: 2026-12-05\nattendance:\n  present: [plo]\n"
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, body), encoding="utf-8")
    repo = load_repository(repo_copy)
    messages = [d.message for d in check_repository(repo, TODAY, NOW)]
    assert messages == [
        "mødet 15. december 2026 er ikke holdt endnu, men 1 plads er registreret som til stede; fremmødet "
        "registreres efter mødet (afbud må gerne stå under 'absent' på forhånd). Er filen kopieret fra et "
        "tidligere møde?",
        "dagsordenen er registreret som udsendt 5. december 2026, men den dato er ikke kommet endnu (i dag er det "
        "1. december 2026); ret datoen, eller fjern den, til det er sket",
    ]


def test_a_meeting_file_copied_from_last_time_fails(repo_copy: Path) -> None:
    """September's file copied for an extra meeting in October, its sending dates kept."""
    source = (repo_copy / MEETINGS / "2026-09-08.yaml").read_text(encoding="utf-8")
    copied = source.replace("date: 2026-09-08", "date: 2026-10-06").replace("nord-2026-3-a1", "nord-2026-x-a1")
    (repo_copy / MEETINGS / "2026-10-06.yaml").write_text(copied, encoding="utf-8")
    problems = [(line, code) for file, line, _, code in found(repo_copy) if file.endswith("2026-10-06.yaml")]
    sent_line = copied.splitlines().index("  sent: 2026-09-15") + 1
    assert (sent_line, "minutes-sent-date") in problems


def test_the_future_is_judged_by_the_real_date_not_today(repo_copy: Path) -> None:
    """--today may look back before what the files record; it cannot hide a date after the real one."""
    assert found(repo_copy, today=date(2026, 3, 1)) == []
    day = "2026-12-15"
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, "agenda_sent: 2026-12-05\n"), encoding="utf-8")
    assert [code for *_, code in found(repo_copy, today=date(2026, 12, 20))] == ["future-date"]
    # without a real date, `today` stands in for it
    assert found(repo_copy, today=date(2026, 12, 20), now=None) == []


def test_validate_passes_the_real_date(cli: RunCli, repo_copy: Path) -> None:
    """The command line's real date (cli.options.real_date, fixed at 2026-12-01 in the tests)."""
    looking_back = cli("validate", "--today", "2026-06-01", cwd=repo_copy)
    assert looking_back.code == 0, looking_back.output
    assert cli("agenda", "nord", "2026-06-09", "--today", "2026-06-01", cwd=repo_copy).code == 0
    day = "2026-12-15"
    (repo_copy / MEETINGS / f"{day}.yaml").write_text(meeting_file(day, "agenda_sent: 2026-12-05\n"), encoding="utf-8")
    ahead = cli("validate", "--today", "2026-12-20", cwd=repo_copy)
    assert ahead.code == 1
    assert f"{MEETINGS}/{day}.yaml:6:14" in ahead.stdout
    assert "[future-date]" in ahead.stdout


def test_other_files_record_no_future(repo_copy: Path) -> None:
    forum = repo_copy / "forums/nord/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    assert "  within_months: 12\n" in text
    forum.write_text(
        text.replace("  within_months: 12\n", "  within_months: 12\n  reported: 2027-01-05\n"), encoding="utf-8"
    )
    line = forum.read_text(encoding="utf-8").splitlines().index("  reported: 2027-01-05") + 1
    assert found(repo_copy) == [("forums/nord/forum.yaml", line, 13, "future-date")]


def test_mark_revised_before_the_comment_deadline_needs_force(cli: RunCli, repo_copy: Path) -> None:
    assert cli("minutes", "mark-sent", "nord", "2026-11-24", "--today", "2026-11-25", cwd=repo_copy).code == 0
    early = cli("minutes", "mark-revised", "nord", "2026-11-24", "--today", "2026-11-30", cwd=repo_copy)
    assert early.code == 1
    assert "fristen for bemærkninger til referatet løber til og med 2. december 2026" in early.stderr
    assert "brug --force" in early.stderr
    text = (repo_copy / MEETINGS / "2026-11-24.yaml").read_text(encoding="utf-8")
    assert "revised_sent" not in text
    forced = cli("minutes", "mark-revised", "nord", "2026-11-24", "--force", "--today", "2026-11-30", cwd=repo_copy)
    assert forced.code == 0, forced.output
    assert "revised_sent: 2026-11-30" in (repo_copy / MEETINGS / "2026-11-24.yaml").read_text(encoding="utf-8")
