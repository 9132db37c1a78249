"""The e-mail in the journal package is the message exactly as sent: `driftsforum send` to a real SMTP server
(aiosmtpd on loopback, with a login) keeps each message's bytes in the forum's sent-mail/, and `driftsforum
journal` copies them unchanged – byte for byte what the server received in DATA – for every version sent.
A missing or altered stored message is an error naming the file; a sending from before the messages were
kept is said to be one, never rebuilt."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from aiosmtpd.smtp import AuthResult

from tests.helpers import RunCli
from tests.helpers.docx import headings, read_docx
from tests.helpers.journal import parsed_message, valid_metadata
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Received, Recorder, smtp_server

USER, PASSWORD = "sekretariatet", "Hemmeligt-kodeord-æøå-42"
AGENDA = "forums/nord/meetings/2027-03-09.yaml"
STEM = "dagsorden-nord-2027-03-09"
MEMBERS = 11


@pytest.fixture(autouse=True)
def _looking_back_from_2028(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sendings are on days in 2027 (--today); the real date lies after them."""
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """A real SMTP server on loopback that requires a login (so the password is in play while sending)."""

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = data.login == USER.encode() and data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    recorder = Recorder()
    with smtp_server(recorder, authenticator=authenticate, auth_require_tls=False) as environment:
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("DRIFTSFORUM_SMTP_USER", USER)
        monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", PASSWORD)
        yield recorder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_of_bundled(tmp_path / "repo", schemas=True)


def _send(cli: RunCli, repo: Path, today: str, *extra: str) -> None:
    result = cli("--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", today, "--send", *extra)
    assert result.code == 0, result.output


def _journal(cli: RunCli, repo: Path, out: Path, *extra: str) -> Any:
    return cli("--repo", str(repo), "journal", "nord", "2027-03-09", "-o", str(out), "--today", "2027-03-01", *extra)


def _older_line(**changes: str) -> dict[str, str]:
    """A send-log record as driftsforum wrote it before it kept the messages (no 'message'), with `changes`."""
    line = {
        "forum": "nord",
        "meeting": "2027-03-09",
        "kind": "agenda",
        "to": "ib.eksempel@plo.example.org",
        "name": "Ib Eksempel",
        "message_id": "<1@example.org>",
        "sent_at": "2027-02-20T09:00:01+01:00",
        "date": "2027-02-20",
        "document": "sha256:00",
    }
    return line | changes


def _received_by(server: Recorder, data: bytes) -> Received:
    """The transaction whose DATA is exactly `data`."""
    [match] = [item for item in server.received if item.data == data]
    return match


def test_each_version_in_the_package_is_the_message_the_server_received(
    cli: RunCli, repo: Path, server: Recorder, tmp_path: Path
) -> None:
    _send(cli, repo, "2027-02-20")
    _send(cli, repo, "2027-02-25", "--update", "--note", "Nyt punkt om udskrivning")
    assert len(server.received) == 2 * MEMBERS
    out = tmp_path / "journal"
    result = _journal(cli, repo, out)
    assert result.code == 0, result.output
    metadata = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    valid_metadata(metadata)
    first, update = metadata["emails"]
    assert (first["file"], first["version"], first["as_sent"]) == (f"{STEM}-mail.eml", "første", True)
    assert (update["file"], update["version"], update["as_sent"]) == (f"{STEM}-rettelse-1-mail.eml", "update-1", True)
    assert first["recipients"] == update["recipients"] == MEMBERS
    files = {entry["name"]: entry["sha256"] for entry in metadata["files"]}
    logged = [
        json.loads(line) for line in (repo / "forums/nord/send-log.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for entry, sent_on in ((first, "2027-02-20"), (update, "2027-02-25")):
        data = (out / entry["file"]).read_bytes()
        received = _received_by(server, data)  # byte for byte the DATA of one SMTP transaction
        message = parsed_message(data)
        assert str(message["Message-ID"]) == entry["message_id"]
        assert [address.addr_spec for address in message["To"].addresses] == received.recipients
        assert message["Bcc"] is None and message["Cc"] is None
        assert sorted(str(part.get_filename()) for part in message.iter_attachments()) == [
            f"{STEM}.pdf",
            "moede-nord-2027-03-09.ics",
        ]
        pdf = next(part for part in message.iter_attachments() if part.get_filename() == f"{STEM}.pdf")
        assert pdf.get_content().startswith(b"%PDF-")
        assert files[entry["file"]] == hashlib.sha256(data).hexdigest()
        [line] = [line for line in logged if line["message_id"] == entry["message_id"] and "status" not in line]
        assert line["date"] == sent_on and line["message_sha256"] == "sha256:" + hashlib.sha256(data).hexdigest()
    bodies = [parsed_message((out / entry["file"]).read_bytes()).get_body(("plain",)) for entry in (first, update)]
    assert bodies[0] is not None and bodies[1] is not None
    assert "Nyt punkt om udskrivning" in bodies[1].get_content()
    assert "Nyt punkt om udskrivning" not in bodies[0].get_content()
    # Every message is kept in the forum's folder as the server got it; never the login.
    kept = sorted((repo / "forums/nord/sent-mail/2027-03-09").glob("*.eml"))
    assert len(kept) == 2 * MEMBERS
    assert sorted(path.read_bytes() for path in kept) == sorted(item.data for item in server.received)
    secret = PASSWORD.encode()
    forms = (secret, base64.b64encode(secret), base64.b64encode(b"\0" + USER.encode() + b"\0" + secret), b"Hemmeligt")
    for path in [*kept, repo / "forums/nord/send-log.jsonl", *out.iterdir()]:
        assert not any(form in path.read_bytes() for form in forms), path
    assert (repo / "forums/nord/sent-mail/.gitattributes").read_text(encoding="utf-8").endswith("*.eml -text -diff\n")
    # The package is the same when made again.
    again = _journal(cli, repo, out)
    assert "heraf 0 skrevet nu" in again.stdout, again.output


def test_a_missing_or_altered_message_is_an_error_naming_the_file(
    cli: RunCli, repo: Path, server: Recorder, tmp_path: Path
) -> None:
    _send(cli, repo, "2027-02-20")
    logged = [
        json.loads(line) for line in (repo / "forums/nord/send-log.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    first = sorted((line for line in logged if "status" not in line), key=lambda line: (line["sent_at"], line["to"]))
    kept = repo / "forums/nord" / first[0]["message"]
    original = kept.read_bytes()
    kept.write_bytes(original.replace(b"Subject: ", b"Subject: Rettet ", 1))
    out = tmp_path / "journal"
    altered = _journal(cli, repo, out)
    assert altered.code == 1 and "Traceback" not in altered.output
    assert str(kept) in altered.stderr and "er ændret, siden beskeden blev sendt" in altered.stderr
    assert not out.exists()  # nothing written, nothing rebuilt
    kept.unlink()
    missing = _journal(cli, repo, out)
    assert missing.code == 1 and str(kept) in missing.stderr and "mangler" in missing.stderr
    assert f"git checkout -- {first[0]['message']}" in missing.stderr
    kept.write_bytes(original)
    assert _journal(cli, repo, out).code == 0
    assert (out / f"{STEM}-mail.eml").read_bytes() == original


def test_a_log_that_points_outside_sent_mail_is_refused(cli: RunCli, repo: Path, tmp_path: Path) -> None:
    secret = repo / "forums/nord/forum.yaml"
    line = _older_line(message="sent-mail/../forum.yaml", message_sha256="sha256:00")
    (repo / "forums/nord/send-log.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = _journal(cli, repo, tmp_path / "journal")
    assert result.code == 1 and "sent-mail/../forum.yaml" in result.stderr and "Traceback" not in result.output
    assert secret.is_file()


def test_a_sending_from_before_the_messages_were_kept_is_said_to_be_one(
    cli: RunCli, repo: Path, tmp_path: Path
) -> None:
    """A log line without 'message' (written by an earlier driftsforum): no .eml, and the metadata says why."""
    line = _older_line()
    (repo / "forums/nord/send-log.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = tmp_path / "journal"
    result = _journal(cli, repo, out)
    assert result.code == 0, result.output
    assert not list(out.glob("*.eml"))
    assert "før driftsforum gemte beskederne" in result.stdout
    metadata = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    valid_metadata(metadata)
    [mail] = metadata["emails"]
    assert (mail["file"], mail["as_sent"], mail["message_id"]) == (None, False, "<1@example.org>")
    assert "ikke selve beskeden" in mail["note"]
    mail["as_sent"] = True  # a file is required then: the schema does not let a claim without one through
    with pytest.raises(jsonschema.ValidationError):
        valid_metadata(metadata)


def test_the_published_site_has_none_of_the_kept_messages(
    cli: RunCli, repo: Path, server: Recorder, tmp_path: Path
) -> None:
    _send(cli, repo, "2027-02-20")
    site = tmp_path / "site"
    result = cli("--repo", str(repo), "publish", "-o", str(site), "--no-pdf", "--today", "2027-02-21")
    assert result.code == 0, result.output
    published = [path for path in site.rglob("*") if path.is_file()]
    assert published and not [path for path in published if path.suffix == ".eml" or "sent-mail" in path.parts]
    ids = [json.loads(line)["message_id"] for line in (repo / "forums/nord/send-log.jsonl").read_text().splitlines()]
    everything = b"".join(path.read_bytes() for path in published)
    assert not [message_id for message_id in ids if message_id.encode() in everything]
    assert b"ib.eksempel@plo.example.org" not in everything


def test_the_revised_minutes_keep_their_own_message_next_to_an_older_sending(
    cli: RunCli, repo: Path, server: Recorder, tmp_path: Path
) -> None:
    """The minutes of 8 September 2026 went out on the 15th with an earlier driftsforum (a log line without
    the message); the revised minutes are sent now, with Word as well as PDF. The package has both sendings,
    each for what it is."""
    older = _older_line(
        meeting="2026-09-08",
        kind="minutes",
        message_id="<gammel@example.org>",
        sent_at="2026-09-15T10:00:00+02:00",
        date="2026-09-15",
    )
    (repo / "forums/nord/send-log.jsonl").write_text(json.dumps(older) + "\n", encoding="utf-8")
    meeting = repo / "forums/nord/meetings/2026-09-08.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "  sent: 2026-09-15\n",
            "  sent: 2026-09-15\n  comments:\n    - by: plo\n      received: 2026-09-17\n"
            "      text: Punkt 3 bør nævne almen praksis.\n      response: Tilføjet i beslutningen under punkt 3.\n",
        ),
        encoding="utf-8",
    )
    config = repo / "driftsforum.yaml"  # the members get Word as well as PDF
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  attach: [pdf, docx]\n", encoding="utf-8")
    args = ("--repo", str(repo), "send", "minutes", "nord", "2026-09-08", "--revised", "--today", "2026-09-29")
    assert cli(*args, "--send").code == 0
    assert len(server.received) == MEMBERS
    out = tmp_path / "journal"
    result = cli("--repo", str(repo), "journal", "nord", "2026-09-08", "-o", str(out), "--today", "2026-10-01")
    assert result.code == 0, result.output
    metadata = json.loads((out / "referat-nord-2026-09-08.json").read_text(encoding="utf-8"))
    valid_metadata(metadata)
    assert metadata["status"] == "revideret"
    first, revised = metadata["emails"]
    assert (first["version"], first["as_sent"], first["file"]) == ("første", False, None)
    assert (revised["version"], revised["as_sent"]) == ("revised", True)
    assert revised["file"] == "referat-nord-2026-09-08-revideret-mail.eml"
    data = (out / revised["file"]).read_bytes()
    received = _received_by(server, data)
    assert str(parsed_message(data)["Subject"]).startswith("Revideret referat:")
    assert received.recipients == [parsed_message(data)["To"].addresses[0].addr_spec]
    attached = {str(part.get_filename()): part for part in parsed_message(data).iter_attachments()}
    assert sorted(attached) == ["referat-nord-2026-09-08.docx", "referat-nord-2026-09-08.pdf"]
    document = read_docx(attached["referat-nord-2026-09-08.docx"].get_content())
    assert document.core_properties.title.startswith("Referat") and document.core_properties.language == "da-DK"
    # The revised minutes list the comments and how each was worked in.
    assert (2, "Bemærkninger og hvordan de er indarbejdet") in headings(document)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Punkt 3 bør nævne almen praksis." in text and "Behandling: Tilføjet i beslutningen under punkt 3." in text
    assert "Den første udsendelse af referatet (15. september 2026) er sendt, før driftsforum gemte" in result.stdout
