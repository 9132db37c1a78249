"""The append-only send log: one JSON line per accepted message, locked while a run sends; and the messages
as sent, kept next to it (store_message / read_message): exact bytes, the file and its SHA-256 in the log's
lines, and a sending that stops before the first byte when a message cannot be kept."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from driftsforum_cli.domain.mailing import SentRecord
from driftsforum_cli.locking import ForumBusy
from driftsforum_cli.sendlog import (
    CONFIRMED,
    LOG_NAME,
    MAIL_FOLDER,
    NOT_SENT,
    RESEND,
    Closed,
    InFlight,
    SendLog,
    SendLogError,
    StoredMessageError,
    from_json,
    in_flight_json,
    log_path,
    read_log,
    read_message,
    store_message,
    to_json,
)
from driftsforum_cli.services.sending import Stopped
from tests.helpers.repos import copy_of_bundled
from tests.helpers.sending import FakeServer, Runner

RECORD = SentRecord(
    forum="nord",
    meeting=date(2026, 11, 24),
    kind="agenda",
    address="aase@example.org",
    name="Åse Ærø",
    message_id="<1.2.3@example.org>",
    sent_at=datetime(2026, 11, 10, 9, 30, 5, tzinfo=ZoneInfo("Europe/Copenhagen")),
    date=date(2026, 11, 10),
    document="sha256:abc",
)


def test_a_record_round_trips_as_one_readable_line() -> None:
    line = to_json(RECORD)
    assert "\n" not in line
    assert '"name": "Åse Ærø"' in line
    assert '"sent_at": "2026-11-10T09:30:05+01:00"' in line
    assert from_json(line) == RECORD


def test_append_reads_back_and_keeps_earlier_lines(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    assert path == tmp_path.resolve() / LOG_NAME
    assert read_log(path, "nord").records == []
    with SendLog(path) as log:
        log.append(RECORD)
    with SendLog(path) as log:
        log.append(RECORD)
    assert read_log(path, "nord").records == [RECORD, RECORD]
    assert path.read_text(encoding="utf-8").count("\n") == 2


def test_a_last_line_without_newline_is_not_joined_with_the_next(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    path.write_text(to_json(RECORD), encoding="utf-8")
    with SendLog(path) as log:
        log.append(RECORD)
    contents = read_log(path, "nord")
    assert contents.problems == []
    assert len(contents.records) == 2


def test_unusable_lines_are_reported_with_their_number(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    other = to_json(RECORD).replace('"forum": "nord"', '"forum": "vest"')
    path.write_text(
        "\n".join([to_json(RECORD), "{", "[]", other, to_json(RECORD).replace('"agenda"', '"dagsorden"'), ""]),
        encoding="utf-8",
    )
    contents = read_log(path, "nord")
    assert len(contents.records) == 1
    assert contents.problems == [
        "linje 2: ikke en hel JSON-linje",
        "linje 3: ikke et JSON-objekt",
        "linje 4: gælder forummet 'vest', ikke 'nord'",
        "linje 5: ukendt 'kind': dagsorden",
    ]


def test_only_one_run_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    with (
        SendLog(path),
        pytest.raises(ForumBusy, match="bruges af en anden driftsforum-kommando lige nu; prøv igen om lidt"),
        SendLog(path, timeout=0),
    ):
        pass
    assert not path.exists()  # only opening it for a run that sends creates the file
    with SendLog(path, timeout=0) as log:  # released again
        log.append(RECORD)
    assert read_log(path, "nord").records == [RECORD]


def test_open_creates_the_log_before_anything_is_sent_and_refuses_one_that_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    with SendLog(path) as log:
        log.open()
        assert path.read_bytes() == b""
    blocked = tmp_path / "blokeret"
    blocked.mkdir()
    (blocked / LOG_NAME).mkdir()  # not a file: opening it for writing fails
    with SendLog(blocked / LOG_NAME) as log, pytest.raises(SendLogError, match="kan ikke åbnes til skrivning"):
        log.open()


def test_a_log_replaced_during_a_run_is_not_appended_to(tmp_path: Path) -> None:
    """A line written to a file that is no longer the log would be lost, and the recipient sent to again."""
    path = tmp_path / LOG_NAME
    with SendLog(path) as log:
        log.append(RECORD)
        replacement = tmp_path / "kopi.jsonl"
        replacement.write_bytes(path.read_bytes())
        replacement.replace(path)  # an editor or a sync tool saving the file
        with pytest.raises(SendLogError, match="flyttet, slettet eller erstattet"):
            log.append(RECORD)
        path.unlink()
        with pytest.raises(SendLogError, match="flyttet, slettet eller erstattet"):
            log.append(RECORD)
    assert not path.exists()


def test_the_log_must_be_a_plain_file_in_the_forum_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.jsonl"
    elsewhere.write_text("", encoding="utf-8")
    forum = tmp_path / "nord"
    forum.mkdir()
    (forum / LOG_NAME).symlink_to(elsewhere)
    with pytest.raises(SendLogError, match="symbolsk henvisning"):
        log_path(forum)
    (forum / LOG_NAME).unlink()
    (forum / LOG_NAME).mkdir()
    with pytest.raises(SendLogError, match="ikke en almindelig fil"):
        log_path(forum)


def test_the_version_is_written_only_when_there_is_one_and_old_lines_read_as_the_first_sending() -> None:
    from datetime import date, datetime

    from driftsforum_cli.domain.mailing import SentRecord
    from driftsforum_cli.sendlog import from_json, to_json

    record = SentRecord(
        "nord",
        date(2027, 3, 9),
        "agenda",
        "a@example.org",
        "A",
        "<1@x>",
        datetime(2027, 2, 20, 9),
        date(2027, 2, 20),
        "",
    )
    assert "version" not in to_json(record)
    assert from_json(to_json(record)).version == ""
    update = SentRecord(**{**record.__dict__, "version": "update-1"})
    assert '"version": "update-1"' in to_json(update)
    assert from_json(to_json(update)) == update


def _in_flight(message_id: str, address: str = "aase@example.org") -> InFlight:
    return InFlight(
        "nord",
        date(2026, 11, 24),
        "agenda",
        address,
        "Åse Ærø",
        message_id,
        datetime(2026, 11, 10, 9, 30, 4, tzinfo=ZoneInfo("Europe/Copenhagen")),
        date(2026, 11, 10),
        "sha256:abc",
    )


def test_in_flight_lines_are_uncertain_until_a_later_line_closes_them(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    moment = datetime(2026, 11, 10, 9, 31, tzinfo=ZoneInfo("Europe/Copenhagen"))
    accepted, refused, resent, killed, confirmed = (_in_flight(f"<{n}@x>", f"{n}@example.org") for n in range(5))
    with SendLog(path) as log:
        for entry in (accepted, refused, resent, killed, confirmed):
            log.begin(entry)
        log.append(SentRecord(**{**RECORD.__dict__, "address": "0@example.org", "message_id": "<0@x>"}))
        log.close(Closed(NOT_SENT, "nord", refused.address, refused.message_id, moment, "550 Ukendt modtager"))
        log.close(Closed(RESEND, "nord", resent.address, resent.message_id, moment))
        log.append(confirmed.sent(confirmed.at, date(2026, 11, 11)), CONFIRMED)
    contents = read_log(path, "nord")
    assert contents.problems == []
    assert contents.uncertain == [killed]
    assert [record.address for record in contents.records] == ["0@example.org", "4@example.org"]
    assert contents.records[1].date == date(2026, 11, 11) and contents.records[1].sent_at == confirmed.at
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '"status": "in-flight"' in lines[0] and '"status"' not in lines[5], "an accepted message: as before"
    assert '"reason": "550 Ukendt modtager"' in lines[6]


def test_a_log_from_before_in_flight_lines_reads_as_before_and_unknown_statuses_are_problems(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    old = to_json(RECORD)
    path.write_text(old + "\n" + old.replace("}", ', "status": "tabt"}') + "\n", encoding="utf-8")
    contents = read_log(path, "nord")
    assert contents.records == [RECORD] and contents.uncertain == []
    assert contents.problems == ["linje 2: ukendt 'status': tabt"]
    with pytest.raises(ValueError, match="ikke en udsendelse"):
        from_json(in_flight_json(_in_flight("<9@x>")))


DATA = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: =?utf-8?q?M=C3=B8de?=\r\n\r\nHej\r\n.\r\n"


def test_a_message_is_kept_byte_for_byte_and_named_in_the_log_lines(tmp_path: Path) -> None:
    stored = store_message(tmp_path, date(2026, 11, 24), "agenda", "update-2", DATA)
    digest = hashlib.sha256(DATA).hexdigest()
    assert stored.path == f"{MAIL_FOLDER}/2026-11-24/agenda-update-2-{digest[:20]}.eml"
    assert stored.sha256 == f"sha256:{digest}"
    assert (tmp_path / stored.path).read_bytes() == DATA  # CRLF and all, as the server got it
    assert not [path for path in (tmp_path / MAIL_FOLDER / "2026-11-24").iterdir() if path.suffix != ".eml"]
    assert "*.eml -text" in (tmp_path / MAIL_FOLDER / ".gitattributes").read_text(encoding="utf-8")
    record = replace(RECORD, message=stored.path, message_sha256=stored.sha256)
    line = json.loads(to_json(record))
    assert (line["message"], line["message_sha256"]) == (stored.path, stored.sha256)
    assert from_json(to_json(record)) == record
    assert read_message(tmp_path, record) == DATA
    fields = {key: value for key, value in record.__dict__.items() if key != "sent_at"}
    entry = InFlight(**fields, at=record.sent_at)
    assert json.loads(in_flight_json(entry))["message_sha256"] == stored.sha256
    assert entry.sent(record.sent_at, record.date) == record


def test_a_line_without_a_message_reads_as_before() -> None:
    line = to_json(RECORD)
    assert "message" not in json.loads(line)
    assert from_json(line).message == "" and from_json(line).message_sha256 == ""


def test_read_message_refuses_altered_missing_and_outside_files(tmp_path: Path) -> None:
    stored = store_message(tmp_path, date(2026, 11, 24), "agenda", "", DATA)
    record = replace(RECORD, message=stored.path, message_sha256=stored.sha256)
    (tmp_path / stored.path).write_bytes(DATA.replace(b"Hej", b"Hej!"))
    with pytest.raises(StoredMessageError, match="er ændret, siden beskeden blev sendt"):
        read_message(tmp_path, record)
    (tmp_path / stored.path).unlink()
    with pytest.raises(StoredMessageError, match="mangler"):
        read_message(tmp_path, record)
    (tmp_path / "forum.yaml").write_bytes(DATA)
    for outside in ("forum.yaml", "sent-mail/../forum.yaml", "/etc/passwd", "sent-mail\\..\\forum.yaml"):
        with pytest.raises(StoredMessageError, match="en gemt besked ligger altid i forummets mappe sent-mail/"):
            read_message(
                tmp_path, replace(record, message=outside, message_sha256="sha256:" + hashlib.sha256(DATA).hexdigest())
            )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_linked_sent_mail_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    forum = tmp_path / "forum"
    forum.mkdir()
    (forum / MAIL_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(SendLogError, match="almindelig mappe"):
        store_message(forum, date(2026, 11, 24), "agenda", "", DATA)
    assert list(elsewhere.iterdir()) == []


def test_a_message_that_cannot_be_kept_is_not_sent(tmp_path: Path) -> None:
    repo = copy_of_bundled(tmp_path / "repo")
    (repo / "forums/nord" / MAIL_FOLDER).write_text("ikke en mappe", encoding="utf-8")
    run, server = Runner(repo), FakeServer()
    with pytest.raises(Stopped, match=r"er ikke sendt: .*sent-mail skal være en almindelig mappe") as stopped:
        run(server)
    assert server.received == [] and stopped.value.delivered == []
    assert not run.log.exists() or run.log.read_text(encoding="utf-8") == ""  # no line: nothing was handed over
    (repo / "forums/nord" / MAIL_FOLDER).unlink()
    run(server)
    lines = [json.loads(line) for line in run.log.read_text(encoding="utf-8").splitlines()]
    assert len(server.received) == 11 and all(
        line["message"].startswith("sent-mail/2027-03-09/agenda-") for line in lines
    )
    assert {line["message_sha256"] for line in lines if line.get("status") == "in-flight"} == {
        line["message_sha256"] for line in lines if "status" not in line
    }
