"""`driftsforum remind` against a real SMTP server (aiosmtpd) on 127.0.0.1: a month of daily runs sends each
reminder exactly once and on its day, a dry run sends nothing, and a run killed while the server had a
message holds that reminder back until the secretary decides."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from driftsforum_cli.sendlog import read_log
from tests.helpers import RunCli
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Received, Recorder, serving

LOG = "forums/nord/send-log.jsonl"
HELLE = "helle.eksempel@psykiatri.example.org"
HANNE = "hanne.eksempel@psykiatri.example.org"  # holds Helle's seat from 21 November
JETTE = "jette.eksempel@hjoerring.example.org"  # secretariat
KAREN = "karen.eksempel@psykiatri.example.org"  # secretariat
ACTION = "nord-2026-3-a1"  # due Friday 13 November 2026, owner psykiatri-klinikledelse


def _month_repo(target: Path) -> Path:
    """The bundled repository, with a month's worth of occasions in Nord: the agenda for 24 November not sent
    yet (its presenters are reminded), the minutes of that meeting sent 25 November (comments are due 2
    December), Helle leaving her seat on 20 November (Hanne takes over), the chair without an address, and
    Læsø's seat vacant since 1 November."""
    root = copy_of_bundled(target)
    members = root / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    for old, new in [
        (
            "    person:\n      name: Helle Eksempel\n      title: Ledende overlæge, ambulant psykiatri\n"
            f"      email: {HELLE}\n      example: true\n",
            f"    person:\n      name: Hanne Eksempel\n      email: {HANNE}\n      from: 2026-11-21\n"
            f"    history:\n      - name: Helle Eksempel\n        email: {HELLE}\n        from: 2026-01-01\n"
            "        to: 2026-11-20\n",
        ),
        ("      email: frida.eksempel@hjoerring.example.org\n", ""),
        (
            "    person:\n      name: Erik Eksempel\n      title: Afdelingsleder, social-, beskæftigelses- og "
            "misbrugsområdet\n      email: erik.eksempel@laesoe.example.org\n      example: true\n",
            "    history:\n      - name: Erik Eksempel\n        email: erik.eksempel@laesoe.example.org\n"
            "        from: 2026-01-01\n        to: 2026-10-31\n",
        ),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    members.write_text(text, encoding="utf-8")
    meeting = root / "forums/nord/meetings/2026-11-24.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "agenda_sent: 2026-11-10\n" in text
    meeting.write_text(text.replace("agenda_sent: 2026-11-10\n", "") + "minutes:\n  sent: 2026-11-25\n", "utf-8")
    return root


@pytest.fixture
def month(tmp_path: Path) -> Path:
    return _month_repo(tmp_path / "repo")


# Every member of Nord on 1 December with an address, except Læsø (vacant) and the chair (no address): the
# members reminded of the deadline for comments on the minutes of 24 November.
COMMENTERS = {
    "anne.eksempel@broenderslev.example.org",
    "bent.eksempel@hjoerring.example.org",
    "camilla.eksempel@frederikshavn.example.org",
    "dorthe.eksempel@jammerbugt.example.org",
    "gustav.eksempel@psykiatri.example.org",
    HANNE,
    "ib.eksempel@plo.example.org",
    JETTE,
    KAREN,
}
COMMENTS = "comments:2026-11-24:2026-12-02"

# What a daily run over 2 November – 1 December 2026 sends, and on which day.
EXPECTED: dict[date, set[tuple[str, str]]] = {
    date(2026, 11, 2): {("digest:2026-W45", JETTE), ("digest:2026-W45", KAREN)},
    date(2026, 11, 5): {("presenter:2026-11-24:2026-11-10", HELLE), ("presenter:2026-11-24:2026-11-10", JETTE)},
    date(2026, 11, 6): {(f"action-due:{ACTION}:2026-11-13", HELLE)},
    date(2026, 11, 9): {("digest:2026-W46", JETTE), ("digest:2026-W46", KAREN)},
    date(2026, 11, 16): {
        (f"action-overdue:{ACTION}:2026-11-13:1", HELLE),
        ("digest:2026-W47", JETTE),
        ("digest:2026-W47", KAREN),
    },
    date(2026, 11, 23): {
        (f"action-overdue:{ACTION}:2026-11-13:2", HANNE),
        ("digest:2026-W48", JETTE),
        ("digest:2026-W48", KAREN),
    },
    date(2026, 11, 30): {
        (f"action-overdue:{ACTION}:2026-11-13:3", HANNE),
        ("digest:2026-W49", JETTE),
        ("digest:2026-W49", KAREN),
    },
    date(2026, 12, 1): {(COMMENTS, address) for address in COMMENTERS},
}


def _reminder_lines(root: Path) -> list[dict[str, Any]]:
    path = root / LOG
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if line.get("kind") == "reminder" and "status" not in line]


def test_a_month_of_daily_runs_sends_each_reminder_once_on_its_day(
    month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as server:
        first = date(2026, 11, 2)
        for offset in range(30):
            today = first + timedelta(days=offset)
            before = len(server.received)
            result = cli("remind", "--forum", "nord", "--today", today.isoformat(), "--send", cwd=month)
            assert result.code == 0, result.output
            arrived = server.received[before:]
            sent_today = {
                (line["version"], line["to"]) for line in _reminder_lines(month) if line["date"] == str(today)
            }
            assert sent_today == EXPECTED.get(today, set()), today
            assert sorted(item.recipients[0] for item in arrived) == sorted(address for _, address in sent_today)
            if today.weekday() >= 5:
                assert "lukkedag" in result.stdout
            again = cli("remind", "--forum", "nord", "--today", today.isoformat(), "--send", cwd=month)
            assert again.code == 0, again.output
            assert len(server.received) == before + len(arrived), f"{today}: a rerun sent again"
            assert "Intet at sende i dag." in again.stdout
            if arrived:
                assert "allerede sendt (ifølge forums/nord/send-log.jsonl)" in again.stdout
    lines = _reminder_lines(month)
    keys = [(line["version"], line["to"]) for line in lines]
    assert len(keys) == len(set(keys)), "a reminder was sent twice"
    assert len(keys) == sum(len(expected) for expected in EXPECTED.values())
    assert read_log(month / LOG, "nord").uncertain == []
    assert not read_log(month / LOG, "nord").problems


def _message(server: Recorder, address: str, subject_part: str) -> Received:
    return next(
        item for item in server.received if item.recipients == [address] and subject_part in item.message["Subject"]
    )


def _part(message: EmailMessage, subtype: str) -> str:
    body = message.get_body((subtype,))
    assert body is not None, f"no text/{subtype} part"
    content = body.get_content()
    assert isinstance(content, str)
    return content


def test_the_reminders_say_what_by_when_and_where_to_answer_in_danish(
    month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as server:
        for day in ("2026-11-05", "2026-11-06", "2026-11-16"):
            assert cli("remind", "--forum", "nord", "--today", day, "--send", cwd=month).code == 0
    due = _message(server, HELLE, ACTION).message
    assert due["Subject"].startswith(f"Påmindelse: handling {ACTION} skal være udført senest fredag den 13. november")
    assert due["Reply-To"].addresses[0].addr_spec == "driftsfora@example.org"
    assert due.get_content_type() == "multipart/alternative"
    text = _part(due, "plain")
    assert "Kære Helle Eksempel" in text
    assert "Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter" in text
    assert "Handlingen skal være udført senest fredag den 13. november 2026." in text
    assert "driftsfora@example.org" in text and "Med venlig hilsen" in text
    html = _part(due, "html")
    assert '<html lang="da">' in html and "fredag den 13. november 2026" in html
    overdue = _part(_message(server, HELLE, "Fristen er overskredet").message, "plain")
    assert "skulle være udført senest fredag den 13. november 2026" in overdue
    presenter = _message(server, JETTE, "materiale").message
    body = _part(presenter, "plain")
    assert "Mødeplan og årshjul for 2027" in body, "the presenter's own item"
    assert "Opfølgning på samarbejdsaftale om medicinhåndtering" not in body, "not someone else's"
    assert "Dagsordenen udsendes senest tirsdag den 10. november 2026" in body
    assert "senest mandag den 9. november 2026" in body
    digest = _part(_message(server, KAREN, "uge 47").message, "plain")
    assert "Dagsorden til mødet den 24. november 2026 udsendes" in digest and "OVERSKREDET" in digest


def test_a_dry_run_lists_the_reminders_and_sends_nothing(
    month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as server:
        result = cli("remind", "--forum", "nord", "--today", "2026-11-05", cwd=month)
    assert result.code == 0, result.output
    assert server.received == []
    assert not (month / LOG).exists()
    assert "Prøvekørsel: intet er sendt eller registreret." in result.stdout
    assert "Helle Eksempel <helle.eksempel@psykiatri.example.org>" in result.stdout
    assert "dagsordenen udsendes senest tirsdag den 10. november 2026" in result.stdout
    # The chair presents an item but has no address: a Danish note, not a crash.
    assert (
        "Frida Eksempel (Hjørring Kommune) får ikke påmindelsen om materiale til mødet den 24. november 2026: "
        "ingen e-mailadresse" in result.stderr
    )


def test_a_vacant_seat_gets_a_note_and_the_others_their_reminder(
    month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as server:
        result = cli("remind", "--forum", "nord", "--today", "2026-12-01", "--send", cwd=month)
    assert result.code == 0, result.output
    assert "Pladsen for Læsø Kommune er ledig den 1. december 2026" in result.stderr
    assert {item.recipients[0] for item in server.received} == COMMENTERS
    assert "erik.eksempel@laesoe.example.org" not in {item.recipients[0] for item in server.received}


def test_reminders_can_be_turned_off_in_forum_yaml(month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    forum = month / "forums/nord/forum.yaml"
    forum.write_text(
        forum.read_text(encoding="utf-8") + "reminders:\n  digest: false\n  presenters: false\n", encoding="utf-8"
    )
    result = cli("remind", "--forum", "nord", "--today", "2026-11-05", cwd=month)
    assert result.code == 0, result.output
    assert "Ingen påmindelser i dag." in result.stdout and "Intet at sende i dag." in result.stdout


@dataclass
class DropsOnce(Recorder):
    """Accepts messages, except that the connection goes while message number `at` is delivered (once)."""

    at: int = 1
    dropped: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not self.dropped and len(self.received) == self.at:
            self.dropped = True
            server.transport.abort()  # gone while the message was being delivered: did it arrive?
            return "250 OK"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def dropping(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    with serving(monkeypatch, DropsOnce()) as server:
        yield server


def test_a_reminder_lost_in_flight_is_held_until_the_secretary_decides(
    month: Path, cli: RunCli, dropping: Recorder
) -> None:
    day = ("--forum", "nord", "--today", "2026-11-16", "--send")
    first = cli("remind", *day, cwd=month)
    assert first.code == 1, first.output
    assert "1 af 3 er sendt" in first.stderr and "Jette Eksempel" in first.stderr
    assert [item.recipients[0] for item in dropping.received] == [HELLE]
    uncertain = read_log(month / LOG, "nord").uncertain
    assert [(entry.address, entry.version) for entry in uncertain] == [(JETTE, "digest:2026-W47")]

    second = cli("remind", *day, cwd=month)
    assert second.code == 1, second.output
    assert [item.recipients[0] for item in dropping.received] == [HELLE, KAREN], "Jette's is held back"
    assert "--confirm-uncertain" in second.stderr and "Jette Eksempel" in second.stderr

    decided = cli("remind", *day, "--confirm-uncertain", cwd=month)
    assert decided.code == 0, decided.output
    assert len(dropping.received) == 2, "confirmed: not sent again"
    assert read_log(month / LOG, "nord").uncertain == []
    last = cli("remind", *day, cwd=month)
    assert last.code == 0 and "3 påmindelser er allerede sendt" in last.stdout
    assert len(dropping.received) == 2


def test_a_reminder_lost_in_flight_is_sent_again_with_resend_uncertain(
    month: Path, cli: RunCli, dropping: Recorder
) -> None:
    day = ("--forum", "nord", "--today", "2026-11-16", "--send")
    assert cli("remind", *day, cwd=month).code == 1
    again = cli("remind", *day, "--resend-uncertain", cwd=month)
    assert again.code == 0, again.output
    assert [item.recipients[0] for item in dropping.received] == [HELLE, JETTE, KAREN]
    assert "2 påmindelser sendt og registreret" in again.stdout and "1 påmindelse er allerede sendt" in again.stdout
    assert read_log(month / LOG, "nord").uncertain == []
    assert cli("remind", *day, cwd=month).code == 0
    assert len(dropping.received) == 3


def test_a_forum_with_errors_does_not_keep_the_others_from_their_reminders(
    month: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daily job runs `remind --send` for every forum: a typo in Vest's files stops Vest's reminders (named,
    exit 1, so the job shows red) but Nord's members still get theirs."""
    vest = month / "forums/vest/forum.yaml"
    vest.write_text(vest.read_text(encoding="utf-8").replace("\nname: ", "\nnavn: ", 1), encoding="utf-8")
    with serving(monkeypatch) as server:
        result = cli("remind", "--today", "2026-12-01", "--send", cwd=month)
    assert result.code == 1, result.output
    assert "forummet 'vest' får ingen påmindelser i dag:" in result.stderr
    assert "et forum har fejl i filerne og fik ingen påmindelser" in result.stderr
    assert {item.recipients[0] for item in server.received} == COMMENTERS  # Nord's, as on a day without errors
