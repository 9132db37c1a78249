"""The messages as sent, kept next to the send log (sendlog.store_message / read_message): exact bytes, the
file and its SHA-256 in the log's lines, and a sending that stops before the first byte when a message
cannot be kept."""

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
from driftsforum_cli.sendlog import (
    MAIL_FOLDER,
    InFlight,
    StoredMessageError,
    from_json,
    in_flight_json,
    read_message,
    store_message,
    to_json,
)
from driftsforum_cli.services.sending import Stopped
from tests.helpers.repos import copy_of_bundled
from tests.helpers.sending import FakeServer, Runner

DATA = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: =?utf-8?q?M=C3=B8de?=\r\n\r\nHej\r\n.\r\n"
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
    from driftsforum_cli.sendlog import SendLogError

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
