"""`driftsforum calendar` and `driftsforum due` as a secretary uses them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import vobject  # type: ignore[import-untyped]

from tests.helpers import REPO_ROOT, RunCli

EVENT_KINDS = {
    "meeting",
    "joint_meeting",
    "agenda_due",
    "minutes_due",
    "comments_due",
    "minutes_approved",
    "evaluation_due",
}


def add_meeting(repo: Path, forum: str, day: str, extra: str = "") -> None:
    path = repo / "forums" / forum / "meetings" / f"{day}.yaml"
    path.write_text(f"date: {day}\nstart: '13:00'\nend: '15:00'\nplace: Rådhuset\n{extra}", encoding="utf-8")


def test_json_on_the_bundled_forums(cli: RunCli) -> None:
    result = cli("calendar", "--year", "2026", "--today", "2026-06-30", "--format", "json", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    for row in rows:
        assert list(row) == ["forum", "meeting", "event", "date", "nominal_date", "moved_reason", "status", "title"]
        assert row["event"] in EVENT_KINDS
        assert row["status"] in {"planned", "done", "overdue"}
        assert row["date"].startswith("2026-")
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    assert {row["forum"] for row in rows} == {"nord", "vest"}
    assert any(row["event"] == "joint_meeting" and row["forum"] == "vest" for row in rows)
    assert not any(row["event"] == "joint_meeting" and row["forum"] == "nord" for row in rows)


def test_easter_example_in_json_and_table(cli: RunCli, repo_copy: Path) -> None:
    add_meeting(repo_copy, "nord", "2026-04-20")
    common = ("calendar", "--forum", "nord", "--from", "2026-04-01", "--to", "2026-04-30", "--today", "2026-03-20")
    result = cli(*common, "--format", "json", cwd=repo_copy)
    assert result.code == 0, result.output
    agenda = next(row for row in json.loads(result.stdout) if row["event"] == "agenda_due")
    assert agenda == {
        "forum": "nord",
        "meeting": "2026-04-20",
        "event": "agenda_due",
        "date": "2026-04-01",
        "nominal_date": "2026-04-06",
        "moved_reason": "flyttet fra anden påskedag",
        "status": "planned",
        "title": "Dagsorden til mødet den 20. april 2026 udsendes",
    }
    table = cli(*common, cwd=repo_copy)
    assert table.code == 0, table.output
    row = next(line for line in table.stdout.splitlines() if "Dagsorden til mødet den 20. april" in line)
    assert row.split()[:4] == ["onsdag", "01.04.2026", "uge", "14"]
    assert "planlagt" in row
    assert row.endswith("flyttet fra anden påskedag")


def test_recorded_dates_change_later_deadlines_and_statuses(cli: RunCli, repo_copy: Path) -> None:
    add_meeting(repo_copy, "nord", "2026-04-20", "agenda_sent: 2026-03-31\nminutes:\n  sent: 2026-04-30\n")
    result = cli(
        "calendar", "--forum", "nord", "--from", "2026-04-01", "--to", "2026-05-31", "--today", "2026-05-05",
        "--format", "json", cwd=repo_copy,
    )  # fmt: skip
    rows = {row["event"]: row for row in json.loads(result.stdout) if row["meeting"] == "2026-04-20"}
    assert rows["agenda_due"]["status"] == "done"
    assert rows["minutes_due"]["status"] == "done"
    assert rows["comments_due"]["date"] == "2026-05-07"  # seven days after the minutes actually went out
    assert rows["minutes_approved"]["date"] == "2026-05-08"
    assert rows["minutes_approved"]["status"] == "planned"


def test_csv_output(cli: RunCli) -> None:
    result = cli("calendar", "--year", "2027", "--today", "2026-06-30", "--format", "csv", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Ugedag;Dato;Uge;Hændelse;Forum;Møde;Status;Oprindelig dato;Flyttet"
    assert len(lines) > 10


def test_csv_file_starts_with_a_bom_for_danish_excel(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "frister.csv"
    result = cli(
        "calendar", "--year", "2027", "--format", "csv", "-o", str(target), "--today", "2026-12-01", cwd=REPO_ROOT
    )
    assert result.code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfUgedag;Dato;Uge;H\xc3\xa6ndelse;")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("Ugedag;Dato")


def test_ics_imports_and_reexport_keeps_the_uids(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    args = ("calendar", "--year", "2026", "--today", "2026-06-30", "--format", "ics")
    result = cli(*args, "-o", str(first), cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Skrev" in result.stdout
    cli(*args, "-o", str(second), cwd=repo_copy)
    parsed = vobject.readOne(first.read_text(encoding="utf-8"))
    assert parsed.vtimezone.tzid.value == "Europe/Copenhagen"
    uids = [event.uid.value for event in parsed.vevent_list]
    assert len(uids) == len(set(uids))
    again = [event.uid.value for event in vobject.readOne(second.read_text(encoding="utf-8")).vevent_list]
    assert again == uids
    assert first.read_bytes() == second.read_bytes()
    summaries = [event.summary.value for event in parsed.vevent_list]
    assert "Voksenpsykiatri Vest: Ordinært møde" in summaries  # the time is the entry's own, not repeated


def test_ics_to_stdout(cli: RunCli) -> None:
    result = cli("calendar", "--year", "2027", "--today", "2026-06-30", "--format", "ics", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert len(vobject.readOne(result.stdout).vevent_list) > 0


def test_empty_period(cli: RunCli) -> None:
    result = cli("calendar", "--year", "2031", "--today", "2026-06-30", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    assert result.stdout == "Ingen møder eller frister i perioden.\n"


def test_bad_input_is_told_in_danish(cli: RunCli, tmp_path: Path) -> None:
    both = cli("calendar", "--year", "2026", "--from", "2026-01-01", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert both.code == 2
    assert "Fejl: brug enten --year eller --from/--to, ikke begge" in both.stderr
    backwards = cli("calendar", "--from", "2026-05-01", "--to", "2026-04-01", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert backwards.code == 2
    assert "--from (2026-05-01) ligger efter --to (2026-04-01)" in backwards.stderr
    bad_date = cli("calendar", "--from", "1. maj", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert bad_date.code == 2
    assert "'1. maj' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD" in bad_date.stderr
    bad_format = cli("calendar", "--format", "pdf", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert bad_format.code == 2
    assert "ugyldig værdi for --format" in bad_format.stderr
    unknown = cli("calendar", "--forum", "syd", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert unknown.code == 1
    assert "Fejl: forummet 'syd' findes ikke i samlingen" in unknown.stderr
    blocked = tmp_path / "fil"
    blocked.write_text("", encoding="utf-8")
    unwritable = cli(
        "calendar", "--format", "ics", "-o", str(blocked / "x.ics"), "--today", "2026-12-01", cwd=REPO_ROOT
    )
    assert unwritable.code == 1
    assert "kan ikke skrives" in unwritable.stderr
    bad_year = cli("calendar", "--year", "20x6", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert bad_year.code == 2
    assert "ugyldig værdi for --year: '20x6' er ikke et helt tal; skriv et årstal, fx 2026" in bad_year.stderr
    negative = cli("due", "--days", "-1", "--today", "2026-12-01", cwd=REPO_ROOT)
    assert negative.code == 2
    assert "ugyldig værdi for --days: -1 er negativt; skriv 0 eller flere dage" in negative.stderr
    for result in (both, backwards, bad_date, bad_format, unknown, unwritable, bad_year, negative):
        assert "Traceback" not in result.output


def test_due_lists_overdue_first(cli: RunCli, repo_copy: Path) -> None:
    add_meeting(repo_copy, "nord", "2026-04-20", "agenda_sent: 2026-04-01\n")  # minutes due 27 April
    add_meeting(repo_copy, "vest", "2026-05-19")  # agenda due 5 May (today)
    result = cli("due", "--today", "2026-05-05", "--format", "json", cwd=repo_copy)
    assert result.code == 0, result.output
    rows = json.loads(result.stdout)
    statuses = [row["status"] for row in rows]
    assert statuses == sorted(statuses, key=lambda status: status != "overdue")
    overdue = [(row["forum"], row["event"], row["date"]) for row in rows if row["status"] == "overdue"]
    assert overdue == [("nord", "minutes_due", "2026-04-27")]
    assert [(row["forum"], row["event"], row["date"]) for row in rows if row["status"] == "planned"] == [
        ("vest", "agenda_due", "2026-05-05"),
    ]
    table = cli("due", "--today", "2026-05-05", cwd=repo_copy)
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["Status", "Frist", "Ugedag"]
    assert [line.split()[0] for line in lines[2:]] == ["OVERSKREDET", "planlagt"]
    assert "8 dage for sent" in lines[2]
    assert "i dag" in lines[3]
    assert "\x1b[" not in table.stdout  # no colour when not on a terminal


def test_due_with_nothing_to_do(cli: RunCli, repo_copy: Path) -> None:
    for forum in ("nord", "vest"):
        charter = repo_copy / "forums" / forum / "forum.yaml"
        text = charter.read_text(encoding="utf-8")
        charter.write_text(re.sub(r"(?m)^  last_done: .*$", "  last_done: 2026-04-01", text), encoding="utf-8")
    result = cli("due", "--today", "2026-07-01", "--days", "7", cwd=repo_copy)
    assert result.code == 0, result.output
    assert result.stdout == "Ingen opgaver de næste 7 dage og intet overskredet.\n"


def test_calendar_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from driftsforum_cli.cli import main\n"
        "main(['calendar', '--today', '2026-06-30', '--format', 'json'])\n"
        "print(sorted(m for m in ('icalendar', 'babel', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
