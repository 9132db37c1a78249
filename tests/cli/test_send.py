"""`driftsforum send agenda|minutes` against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import ssl
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.helpers import RunCli
from tests.helpers.smtp import Received, free_port

MEETING = "forums/nord/meetings/2027-03-09.yaml"
LOG = "forums/nord/send-log.jsonl"
# Nord has 11 members with addresses; the test adds one ad hoc participant.
RECIPIENTS = 12


@pytest.fixture(autouse=True)
def _looking_back_from_2028(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests send on days in 2027 (--today): the real date the recorded sendings are judged by lies
    after all of them."""
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))


@dataclass
class Handler:
    """Accepts messages; after `fail_after` of them it fails the next transaction ('421' or 'drop')."""

    fail_after: int | None = None
    mode: str = "421"
    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if self.mode != "data" and self.fail_after is not None and len(self.received) >= self.fail_after:
            transport = server.transport
            if self.mode == "drop":
                transport.abort()
                return "250 OK"  # never reaches the client
            asyncio.get_running_loop().call_soon(transport.close)
            return "421 4.3.2 Tjenesten lukker"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 Ukendt modtager"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == "data" and self.fail_after is not None and len(self.received) >= self.fail_after:
            server.transport.abort()  # gone while the message was being delivered: did it arrive?
            return "250 OK"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Modtaget"


StartServer = Callable[..., Handler]


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[StartServer]:
    """Start an SMTP server on loopback and point driftsforum at it (DRIFTSFORUM_SMTP_*)."""
    running: list[Controller] = []

    def start(**options: Any) -> Handler:
        for controller in running:
            controller.stop()
        running.clear()
        handler = Handler(**options)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        running.append(controller)
        monkeypatch.setenv("DRIFTSFORUM_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DRIFTSFORUM_SMTP_PORT", str(port))
        monkeypatch.setenv("DRIFTSFORUM_SMTP_SECURITY", "none")
        monkeypatch.delenv("DRIFTSFORUM_SMTP_USER", raising=False)
        monkeypatch.delenv("DRIFTSFORUM_SMTP_PASSWORD", raising=False)
        return handler

    yield start
    for controller in running:
        controller.stop()


@pytest.fixture
def repo(repo_copy: Path) -> Path:
    """Nord with Danish letters in the forum's name and in people's names, and an ad hoc guest."""
    forum = repo_copy / "forums/nord/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    text = re.sub(
        r"^name: .*$",
        "name: Driftsforum Voksenpsykiatri – Klynge Nord (Læsø, Hjørring og Åbybro)",
        text,
        count=1,
        flags=re.M,
    )
    forum.write_text(text, encoding="utf-8")
    members = repo_copy / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("name: Anne Eksempel", "name: Åse Ærø Sørensen"), encoding="utf-8"
    )
    meeting = repo_copy / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8")
        + "attendance:\n  ad_hoc:\n    - name: Søren Æbelø\n      organisation: Ældreplejen\n"
        + "      email: soeren.aebeloe@aeldre.example.org\n      reason: Punkt om udskrivning\n",
        encoding="utf-8",
    )
    return repo_copy


def _payload(part: Any) -> bytes:
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def _all_log_lines(repo: Path) -> list[dict[str, Any]]:
    path = repo / LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _log_lines(repo: Path) -> list[dict[str, Any]]:
    """The log's records of messages sent (the server accepted them, or the secretary confirmed them)."""
    return [line for line in _all_log_lines(repo) if line.get("status", "confirmed") == "confirmed"]


def _send(cli: RunCli, repo: Path, *extra: str, kind: str = "agenda", meeting: str = "2027-03-09") -> Any:
    return cli("--repo", str(repo), "send", kind, "nord", meeting, "--today", "2027-02-20", *extra)


def test_dry_run_shows_who_gets_what_and_sends_and_records_nothing(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    before = (repo / MEETING).read_text(encoding="utf-8")
    result = _send(cli, repo)
    assert result.code == 0, result.output
    out = result.stdout
    assert "Modtager" in out and "Adresse" in out and "Vedhæftet" in out
    assert re.search(
        r"Åse Ærø Sørensen\s+anne\.eksempel@broenderslev\.example\.org\s+dagsorden-nord-2027-03-09\.pdf \(\d+ kB\), moede-nord-2027-03-09\.ics \(\d+ kB\)",
        out,
    )
    assert "Søren Æbelø (ad hoc)" in out
    assert "Prøvekørsel: intet er sendt, og intet er registreret" in out
    assert server.received == []
    assert not (repo / LOG).exists()
    assert (repo / MEETING).read_text(encoding="utf-8") == before


def test_send_agenda_delivers_one_message_per_recipient_with_pdf_and_ics(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    result = _send(cli, repo, "--send")
    assert result.code == 0, result.output
    assert len(server.received) == RECIPIENTS
    assert all(len(item.recipients) == 1 for item in server.received)
    assert len({item.recipients[0] for item in server.received}) == RECIPIENTS
    ids = set()
    for item in server.received:
        assert item.data.isascii(), "headers and body must be 7-bit encoded"
        message = item.message
        assert item.sender == "driftsfora@example.org"
        assert message["To"].addresses[0].addr_spec == item.recipients[0]
        subject = str(message["Subject"])
        assert subject == (
            "Dagsorden: Driftsforum Voksenpsykiatri – Klynge Nord (Læsø, Hjørring og Åbybro) – "
            "møde tirsdag den 9. marts 2027 kl. 13.00"
        )
        assert "=?utf-8?" in item.data.split(b"\r\n\r\n", 1)[0].decode("ascii")
        assert message["Reply-To"].addresses[0].addr_spec == "driftsfora@example.org"
        assert message["From"].addresses[0].display_name == "Sekretariatet for driftsfora voksenpsykiatri"
        sent = parsedate_to_datetime(str(message["Date"]))
        assert sent.utcoffset() == datetime.now(ZoneInfo("Europe/Copenhagen")).utcoffset()
        ids.add(str(message["Message-ID"]).strip())
        files = {part.get_filename(): part for part in message.iter_attachments()}
        assert set(files) == {"dagsorden-nord-2027-03-09.pdf", "moede-nord-2027-03-09.ics"}
        pdf = files["dagsorden-nord-2027-03-09.pdf"]
        assert pdf.get_content_type() == "application/pdf"
        assert _payload(pdf).startswith(b"%PDF-")
        ics = files["moede-nord-2027-03-09.ics"]
        assert ics.get_content_type() == "text/calendar"
        assert ics.get_param("method") == "PUBLISH"
        calendar = _payload(ics).decode("utf-8")
        assert "METHOD:PUBLISH" in calendar
        assert "UID:nord-2027-03-09-meeting@driftsforum" in calendar
        assert "DTSTART;TZID=Europe/Copenhagen:20270309T130000" in calendar
        body = message.get_body(("plain",))
        assert body is not None
        assert "Hermed dagsordenen til ordinært møde nr. 1 i 2027" in body.get_content()
    assert len(ids) == RECIPIENTS
    names = {item.message["To"].addresses[0].display_name for item in server.received}
    assert {"Åse Ærø Sørensen", "Søren Æbelø"} <= names

    log = _log_lines(repo)
    assert [line["to"] for line in log] == [item.recipients[0] for item in server.received]
    lines = _all_log_lines(repo)
    assert [line.get("status") for line in lines] == ["in-flight", None] * RECIPIENTS, (
        "each message is logged in flight before the server gets it, and as sent once the server accepted it"
    )
    assert [line["message_id"] for line in lines[::2]] == [line["message_id"] for line in lines[1::2]]
    assert {line["message_id"] for line in log} == ids
    assert all(line["date"] == "2027-02-20" and line["kind"] == "agenda" for line in log)
    assert "agenda_sent: 2027-02-20" in (repo / MEETING).read_text(encoding="utf-8")
    assert "dagsordenen er registreret som udsendt 20. februar 2027" in result.stdout

    calendar_json = cli(
        "--repo",
        str(repo),
        "calendar",
        "--forum",
        "nord",
        "--year",
        "2027",
        "--format",
        "json",
        "--today",
        "2027-02-20",
    )
    due = [e for e in json.loads(calendar_json.stdout) if e["meeting"] == "2027-03-09" and e["event"] == "agenda_due"]
    assert [e["status"] for e in due] == ["done"]
    table = cli(
        "--repo",
        str(repo),
        "calendar",
        "--forum",
        "nord",
        "--from",
        "2027-02-01",
        "--to",
        "2027-03-31",
        "--today",
        "2027-02-20",
    )
    line = next(row for row in table.stdout.splitlines() if "Dagsorden til mødet den 9. marts 2027" in row)
    assert "udsendt 20.02.2027" in line


@pytest.mark.parametrize("mode", ["421", "drop"])
def test_failure_part_way_then_rerun_sends_only_to_the_rest_and_never_twice(
    cli: RunCli, repo: Path, smtp_server: StartServer, mode: str
) -> None:
    failing = smtp_server(fail_after=3, mode=mode)
    first = _send(cli, repo, "--send")
    assert first.code == 1
    assert "Traceback" not in first.output
    assert f"3 af {RECIPIENTS} er sendt og registreret i" in first.stderr
    assert f"Kør kommandoen igen for at sende til de {RECIPIENTS - 3} resterende" in first.stderr
    assert len(failing.received) == 3
    assert len(_log_lines(repo)) == 3
    assert "agenda_sent" not in (repo / MEETING).read_text(encoding="utf-8")

    healthy = smtp_server()
    second = _send(cli, repo, "--send")
    assert second.code == 0, second.output
    assert f"Allerede sendt til 3 af {RECIPIENTS}" in second.stdout
    assert len(healthy.received) == RECIPIENTS - 3
    assert "agenda_sent: 2027-02-20" in (repo / MEETING).read_text(encoding="utf-8")

    third_server = smtp_server()
    third = _send(cli, repo, "--send")
    assert third.code == 0, third.output
    assert third_server.received == []
    assert f"Alle {RECIPIENTS} modtagere har allerede fået dagsordenen" in third.stdout
    assert "registreret som udsendt 20. februar 2027" in third.stdout
    assert "intet sendes" in third.stdout

    everyone = Counter(item.recipients[0] for item in failing.received + healthy.received)
    assert len(everyone) == RECIPIENTS
    assert set(everyone.values()) == {1}, "no recipient gets two copies"
    assert len(_log_lines(repo)) == RECIPIENTS


def test_complete_log_without_recorded_date_sends_nothing_and_records(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    smtp_server()
    assert _send(cli, repo, "--send").code == 0
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("agenda_sent: 2027-02-20\n", ""), encoding="utf-8")
    server = smtp_server()
    dry = _send(cli, repo)
    assert dry.code == 0
    assert f"Alle {RECIPIENTS} modtagere har allerede fået dagsordenen" in dry.stdout
    assert "agenda_sent" not in meeting.read_text(encoding="utf-8")
    again = _send(cli, repo, "--send")
    assert again.code == 0, again.output
    assert server.received == []
    assert "agenda_sent: 2027-02-20" in meeting.read_text(encoding="utf-8")


def test_refused_recipient_is_reported_and_the_others_get_it(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server(refuse={"ib.eksempel@plo.example.org"})
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert (
        "Ib Eksempel <ib.eksempel@plo.example.org>: serveren afviste modtageren (550 5.1.1 Ukendt modtager)"
        in result.output
    )
    assert len(server.received) == RECIPIENTS - 1
    assert "agenda_sent" not in (repo / MEETING).read_text(encoding="utf-8")
    healthy = smtp_server()
    assert _send(cli, repo, "--send").code == 0
    assert [item.recipients for item in healthy.received] == [["ib.eksempel@plo.example.org"]]


def test_no_server_is_a_danish_error_and_nothing_is_recorded(
    cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRIFTSFORUM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("DRIFTSFORUM_SMTP_SECURITY", "none")
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert "afviser forbindelsen" in result.stderr
    assert f"0 af {RECIPIENTS} er sendt" in result.stderr
    assert "Traceback" not in result.output
    assert _log_lines(repo) == []
    assert "agenda_sent" not in (repo / MEETING).read_text(encoding="utf-8")


def test_user_without_password_is_refused_before_connecting(
    cli: RunCli, repo: Path, smtp_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = smtp_server()
    monkeypatch.setenv("DRIFTSFORUM_SMTP_USER", "sekretariat")
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert "DRIFTSFORUM_SMTP_PASSWORD" in result.stderr
    assert server.received == []
    assert not (repo / LOG).exists()


def test_eml_writes_one_draft_per_recipient_and_records_nothing(
    cli: RunCli, repo: Path, smtp_server: StartServer, tmp_path: Path
) -> None:
    server = smtp_server()
    folder = tmp_path / "udbakke"
    result = _send(cli, repo, "--eml", str(folder))
    assert result.code == 0, result.output
    files = sorted(folder.glob("*.eml"))
    assert len(files) == RECIPIENTS
    assert files[0].name == "nord-2027-03-09-dagsorden-01-anne.eksempel@broenderslev.example.org.eml"
    data = files[0].read_bytes()
    assert data.startswith(b"X-Unsent: 1\r\n")
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert str(message["To"]) == "Åse Ærø Sørensen <anne.eksempel@broenderslev.example.org>"
    assert server.received == []
    assert not (repo / LOG).exists()
    assert "driftsforum agenda mark-sent" in result.stdout


def test_send_and_eml_together_is_a_usage_error(cli: RunCli, repo: Path, tmp_path: Path) -> None:
    result = _send(cli, repo, "--send", "--eml", str(tmp_path))
    assert result.code == 2
    assert "ikke begge" in result.stderr


def test_agenda_after_the_meeting_is_refused_before_sending(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    result = cli("--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", "2027-03-10", "--send")
    assert result.code == 1
    assert "efter mødet" in result.stderr and "intet er sendt" in result.stderr
    assert server.received == []
    assert not (repo / LOG).exists()


def test_send_minutes_with_the_comment_deadline_from_the_sending_day(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    args = ("--repo", str(repo), "send", "minutes", "nord", "2026-11-24", "--today", "2026-12-01", "--send")
    result = cli(*args, "--force")  # the bundled minutes have no attendance yet
    assert result.code == 0, result.output
    assert len(server.received) == 11
    message = server.received[0].message
    assert str(message["Subject"]).startswith(
        "Referat: Driftsforum Voksenpsykiatri – Klynge Nord (Læsø, Hjørring og Åbybro)"
    )
    assert [part.get_filename() for part in message.iter_attachments()] == ["referat-nord-2026-11-24.pdf"]
    body = message.get_body(("plain",))
    assert body is not None
    assert "senest tirsdag den 8. december 2026" in body.get_content()
    text = (repo / "forums/nord/meetings/2026-11-24.yaml").read_text(encoding="utf-8")
    assert "minutes:\n  sent: 2026-12-01\n" in text


def test_vacant_seats_and_missing_addresses_are_reported(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    smtp_server()
    members = repo / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("      email: ib.eksempel@plo.example.org\n", ""), encoding="utf-8"
    )
    meeting = repo / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8")
        + "    - name: Gæst Uden Adresse\n    - name: Forkert\n      email: søren@example.org\n",
        encoding="utf-8",
    )
    result = _send(cli, repo)
    assert result.code == 0, result.output
    assert "Ib Eksempel får den ikke med e-mail: ingen e-mailadresse (members.yaml, pladsen 'plo')" in result.stderr
    assert (
        "Gæst Uden Adresse (ad hoc-deltager) får den ikke med e-mail: ingen e-mailadresse; tilføj adressen med "
        "'minutes attendance … --ad-hoc \"Navn (Organisation) <e-mail>\"'" in result.stderr
    )
    assert "'søren@example.org' har æ, ø, å eller andre tegn før @" in result.stderr


def test_a_symlinked_log_is_refused(cli: RunCli, repo: Path, smtp_server: StartServer, tmp_path: Path) -> None:
    server = smtp_server()
    outside = tmp_path / "andet-sted.jsonl"
    outside.write_text("", encoding="utf-8")
    (repo / LOG).symlink_to(outside)
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert "symbolsk henvisning" in result.stderr
    assert server.received == []


def test_an_unreadable_log_line_stops_sending(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    (repo / LOG).write_text('{"forum": "nord", "meeting": "2027-03-09"\n', encoding="utf-8")
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert "linje 1: ikke en hel JSON-linje" in result.stderr
    assert server.received == []


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Handler, list[tuple[str, bytes, bytes]]]]:
    """An SMTP server that requires STARTTLS and a login (sekretariat / hemmeligt)."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[str, bytes, bytes]] = []

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((mechanism, data.login, data.password))
        return AuthResult(success=data.login == b"sekretariat" and data.password == b"hemmeligt", handled=False)

    handler = Handler()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    monkeypatch.setenv("DRIFTSFORUM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PORT", str(port))
    monkeypatch.setenv("DRIFTSFORUM_SMTP_SECURITY", "starttls")
    monkeypatch.setenv("DRIFTSFORUM_SMTP_USER", "sekretariat")
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", "hemmeligt")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    yield handler, logins
    controller.stop()


def test_starttls_and_login(
    cli: RunCli, repo: Path, tls_server: tuple[Handler, list[tuple[str, bytes, bytes]]]
) -> None:
    handler, logins = tls_server
    result = _send(cli, repo, "--send")
    assert result.code == 0, result.output
    assert "STARTTLS, bruger sekretariat" in result.stdout
    assert "hemmeligt" not in result.output
    assert len(handler.received) == RECIPIENTS
    assert [(login, password) for _, login, password in logins] == [(b"sekretariat", b"hemmeligt")]


def test_wrong_password_and_untrusted_certificate_are_danish_errors(
    cli: RunCli, repo: Path, tls_server: tuple[Handler, list[tuple[str, bytes, bytes]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, _ = tls_server
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", "forkert")
    wrong = _send(cli, repo, "--send")
    assert wrong.code == 1
    assert "afviste brugernavnet eller adgangskoden" in wrong.stderr
    assert "forkert" not in wrong.output
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", "hemmeligt")
    monkeypatch.setenv("SSL_CERT_FILE", str(repo / "ingen.pem"))
    untrusted = _send(cli, repo, "--send")
    assert untrusted.code == 1
    assert "certifikat kan ikke godkendes" in untrusted.stderr
    assert "Traceback" not in wrong.output + untrusted.output
    assert handler.received == []
    assert _log_lines(repo) == []


def test_a_connection_lost_during_delivery_names_the_uncertain_recipient(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    smtp_server(fail_after=2, mode="data")
    result = _send(cli, repo, "--send")
    assert result.code == 1
    assert "2 af 12 er sendt" in result.stderr
    assert (
        "mens beskeden til Camilla Eksempel <camilla.eksempel@frederikshavn.example.org> blev afleveret"
        in result.stderr
    )
    assert len(_log_lines(repo)) == 2


# --- sending again, on purpose (issue 11) ----------------------------------------------------------------


def _calendar(message: EmailMessage) -> tuple[Any, Any]:
    """The message's calendar part, parsed by icalendar and by vobject (two independent parsers)."""
    import icalendar
    import vobject  # type: ignore[import-untyped]

    parts = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    data = _payload(parts[0])
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def _meeting_event(calendar: Any) -> Any:
    events = [event for event in calendar.walk("VEVENT") if str(event["UID"]).endswith("-meeting@driftsforum")]
    assert len(events) == 1
    return events[0]


def _pdf_text(message: EmailMessage) -> str:
    import io

    import pypdf

    parts = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    reader = pypdf.PdfReader(io.BytesIO(_payload(parts[0])))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _body(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def _move(repo: Path, old: str, new: str, path: str = MEETING) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_an_updated_agenda_goes_to_everyone_once_and_moves_the_appointment(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    assert _send(cli, repo, "--send").code == 0
    first = _meeting_event(_calendar(server.received[0].message)[0])
    assert "SEQUENCE" not in first
    _move(repo, "place: ", "place: Aalborg Rådhus, lokale 3 # ", MEETING)
    _move(repo, "start: 13:00", "start: 14:00", MEETING)

    update = ("--update", "--note", "nyt mødelokale og ny tid")
    dry = _send(cli, repo, *update)
    assert dry.code == 0, dry.output
    assert "Rettelse nr. 1: nyt mødelokale og ny tid" in dry.stdout and "Prøvekørsel" in dry.stdout
    assert len(server.received) == RECIPIENTS and "agenda_updates" not in (repo / MEETING).read_text(encoding="utf-8")

    result = _send(cli, repo, *update, "--send")
    assert result.code == 0, result.output
    updates = server.received[RECIPIENTS:]
    assert len(updates) == RECIPIENTS
    assert Counter(item.recipients[0] for item in updates) == Counter(
        item.recipients[0] for item in server.received[:RECIPIENTS]
    )
    message = updates[0].message
    assert str(message["Subject"]).startswith("Rettet dagsorden: Driftsforum Voksenpsykiatri")
    assert "kl. 14.00" in str(message["Subject"])
    body = _body(message)
    assert "Hermed en rettet dagsorden" in body and "Rettelse: nyt mødelokale og ny tid" in body
    assert "Sted: Aalborg Rådhus, lokale 3" in body
    pdf = _pdf_text(message)
    assert "RETTET DAGSORDEN" in pdf and "Rettet 20. februar 2027: nyt mødelokale og ny tid" in pdf
    ical, vcal = _calendar(message)
    assert str(ical["METHOD"]) == "PUBLISH"
    moved = _meeting_event(ical)
    assert str(moved["UID"]) == str(first["UID"]) == "nord-2027-03-09-meeting@driftsforum"
    assert int(moved["SEQUENCE"]) == 1
    assert str(moved["LOCATION"]) == "Aalborg Rådhus, lokale 3"
    assert moved.decoded("DTSTART").hour == 14
    vevent = next(event for event in vcal.vevent_list if event.uid.value.endswith("-meeting@driftsforum"))
    assert vevent.uid.value == "nord-2027-03-09-meeting@driftsforum" and int(vevent.sequence.value) == 1
    assert vevent.dtstart.value.hour == 14
    text = (repo / MEETING).read_text(encoding="utf-8")
    assert "agenda_updates:\n  - date: 2027-02-20\n    note: nyt mødelokale og ny tid\n" in text
    assert "rettelse nr. 1 er tilføjet under agenda_updates" in result.stdout

    # The same update again, with or without its note: nothing is sent.
    for again in (update, ("--update",)):
        rerun = _send(cli, repo, *again, "--send")
        assert rerun.code == 0, rerun.output
        assert "har allerede fået den rettede dagsorden" in rerun.stdout and "intet sendes" in rerun.stdout
    assert len(server.received) == 2 * RECIPIENTS
    assert (repo / MEETING).read_text(encoding="utf-8") == text

    # A second update is a new version: everyone gets it, with a higher SEQUENCE.
    assert _send(cli, repo, "--update", "--note", "mødet er flyttet til lokale 4", "--send").code == 0
    assert len(server.received) == 3 * RECIPIENTS
    assert int(_meeting_event(_calendar(server.received[-1].message)[0])["SEQUENCE"]) == 2
    log = _log_lines(repo)
    assert Counter(line.get("version", "") for line in log) == {"": 12, "update-1": 12, "update-2": 12}
    assert "version" not in log[0], "the first sending's lines are as older logs wrote them"


def test_an_update_before_the_agenda_went_out_is_refused(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    result = _send(cli, repo, "--update", "--note", "nyt mødelokale", "--send")
    assert result.code == 1
    assert "dagsordenen er ikke udsendt endnu, så der er intet at rette" in result.stderr
    assert server.received == [] and not (repo / LOG).exists()
    without_note = _send(cli, repo, "--update")
    assert without_note.code == 1


def test_a_cancelled_meeting_gets_a_cancellation_that_cancels_the_appointment(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    assert _send(cli, repo, "--send").code == 0
    assert _send(cli, repo, "--update", "--note", "nyt mødelokale", "--send").code == 0
    meeting = repo / MEETING
    replacement = meeting.read_text(encoding="utf-8").replace("date: 2027-03-09", "date: 2027-03-16")
    (meeting.parent / "2027-03-16.yaml").write_text(replacement.split("agenda_sent:")[0], encoding="utf-8")
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + "cancelled: true\nnote: Mødet flyttes til 16. marts.\n", encoding="utf-8"
    )
    refused = _send(cli, repo, "--send")
    assert refused.code == 1 and "send cancellation nord 2027-03-09" in refused.stderr

    result = cli("--repo", str(repo), "send", "cancellation", "nord", "2027-03-09", "--today", "2027-02-25", "--send")
    assert result.code == 0, result.output
    cancellations = server.received[2 * RECIPIENTS :]
    assert len(cancellations) == RECIPIENTS
    assert len({item.recipients[0] for item in cancellations}) == RECIPIENTS
    message = cancellations[0].message
    assert str(message["Subject"]).startswith("Aflyst: Driftsforum Voksenpsykiatri")
    body = _body(message)
    assert "er aflyst" in body and "Mødet flyttes til 16. marts." in body
    assert [part.get_content_type() for part in message.iter_attachments()] == ["text/calendar"]
    ical, vcal = _calendar(message)
    assert str(ical["METHOD"]) == "CANCEL"
    event = _meeting_event(ical)
    assert str(event["UID"]) == "nord-2027-03-09-meeting@driftsforum"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2, "above the update's SEQUENCE 1"
    assert str(event["ORGANIZER"]) == "mailto:driftsfora@example.org"
    vevent = next(item for item in vcal.vevent_list if item.uid.value.endswith("-meeting@driftsforum"))
    assert vcal.method.value == "CANCEL" and vevent.status.value == "CANCELLED" and int(vevent.sequence.value) == 2

    rerun = cli("--repo", str(repo), "send", "cancellation", "nord", "2027-03-09", "--today", "2027-02-26", "--send")
    assert rerun.code == 0, rerun.output
    assert "har allerede fået aflysningen" in rerun.stdout
    assert len(server.received) == 3 * RECIPIENTS
    assert Counter(line.get("version", "") for line in _log_lines(repo))["cancellation"] == RECIPIENTS


def test_a_meeting_that_is_not_cancelled_gets_no_cancellation(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    result = cli("--repo", str(repo), "send", "cancellation", "nord", "2027-03-09", "--today", "2027-02-20", "--send")
    assert result.code == 1
    assert "mødet er ikke aflyst; sæt 'cancelled: true'" in result.stderr
    assert server.received == []


REVISED = "forums/nord/meetings/2026-09-08.yaml"


def test_revised_minutes_go_to_everyone_once_with_the_comments_and_are_recorded(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    _move(
        repo,
        "  sent: 2026-09-15\n",
        "  sent: 2026-09-15\n  comments:\n    - by: plo\n      received: 2026-09-17\n"
        "      text: Punkt 3 bør nævne almen praksis.\n      response: Tilføjet i beslutningen under punkt 3.\n",
        REVISED,
    )
    args = ("--repo", str(repo), "send", "minutes", "nord", "2026-09-08", "--revised", "--today", "2026-09-29")
    dry = cli(*args)
    assert dry.code == 0, dry.output
    assert "Revideret referat til mødet" in dry.stdout and server.received == []

    result = cli(*args, "--send")
    assert result.code == 0, result.output
    assert len(server.received) == 11
    assert len({item.recipients[0] for item in server.received}) == 11
    message = server.received[0].message
    assert str(message["Subject"]).startswith("Revideret referat: Driftsforum Voksenpsykiatri")
    body = _body(message)
    assert "Hermed det reviderede referat" in body
    assert "Ib Eksempel (17. september 2026): Punkt 3 bør nævne almen praksis." in body
    assert "Behandling: Tilføjet i beslutningen under punkt 3." in body
    assert "Revideret referat udsendt 29. september 2026" in _pdf_text(message)
    text = (repo / REVISED).read_text(encoding="utf-8")
    assert "revised_sent: 2026-09-29" in text
    assert "det reviderede referat er registreret som udsendt 29. september 2026" in result.stdout
    assert {line.get("version") for line in _log_lines(repo)} == {"revised"}

    rerun = cli(*args, "--send")
    assert rerun.code == 0, rerun.output
    assert "intet sendes" in rerun.stdout
    assert len(server.received) == 11


def test_revised_minutes_need_the_minutes_sent_first(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    result = cli(
        "--repo", str(repo), "send", "minutes", "nord", "2026-11-24", "--revised", "--today", "2026-12-01", "--send"
    )
    assert result.code == 1
    assert "referatet er ikke udsendt endnu" in result.stderr
    assert server.received == []


def test_incomplete_minutes_are_refused_with_what_is_missing_unless_forced(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    args = ("--repo", str(repo), "send", "minutes", "nord", "2026-11-24", "--today", "2026-12-01")
    for extra in ((), ("--send",)):
        refused = cli(*args, *extra)
        assert refused.code == 1
        assert "referatet kan ikke sendes endnu" in refused.stderr
        for missing in ("ingen deltagere (attendance.present)", "ingen referent (attendance.minute_taker)"):
            assert missing in refused.stderr
        assert "3 punkter uden beslutning" in refused.stderr and "--force" in refused.stderr
    assert server.received == [] and not (repo / LOG).exists()
    forced = cli(*args, "--send", "--force")
    assert forced.code == 0, forced.output
    assert len(server.received) == 11
    assert "2026-11-24.yaml: referatet har ingen referent (attendance.minute_taker) (sendes alligevel: --force)" in (
        forced.stderr
    )


NEW_SEAT = """  - id: aalborg-afdelingsleder
    organisation: Aalborg Kommune
    sector: kommune
    municipality: Aalborg
    level: afdelingsleder
    areas: [socialområdet, beskæftigelsesområdet, misbrugsområdet]
    roles: [medlem]
    person:
      name: Åge Nymand
      email: aage.nymand@aalborg.example.org
      example: true
    valid_from: 2027-03-01
"""


def test_to_sends_to_a_member_who_joined_after_the_agenda_went_out(
    cli: RunCli, repo: Path, smtp_server: StartServer
) -> None:
    server = smtp_server()
    assert _send(cli, repo, "--send").code == 0
    members = repo / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("seats:\n", "seats:\n" + NEW_SEAT, 1), encoding="utf-8"
    )
    before = (repo / MEETING).read_text(encoding="utf-8")

    plain = _send(cli, repo, "--send")
    assert plain.code == 0, plain.output
    assert "registreret som udsendt" in plain.stdout and len(server.received) == RECIPIENTS

    unknown = _send(cli, repo, "--to", "aalborg", "--send")
    assert unknown.code == 2 and "ikke en plads i members.yaml" in unknown.stderr

    result = _send(cli, repo, "--to", "aalborg-afdelingsleder", "--send")
    assert result.code == 0, result.output
    assert [item.recipients for item in server.received[RECIPIENTS:]] == [["aage.nymand@aalborg.example.org"]]
    assert "Kære Åge Nymand" in _body(server.received[-1].message)
    rerun = _send(cli, repo, "--to", "aalborg-afdelingsleder", "--send")
    assert rerun.code == 0 and "har allerede fået dagsordenen" in rerun.stdout
    assert len(server.received) == RECIPIENTS + 1
    assert (repo / MEETING).read_text(encoding="utf-8") == before


def test_ad_hoc_participants_never_receive_closed_items(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    meeting = repo / MEETING
    text = meeting.read_text(encoding="utf-8")
    closed = (
        "agenda:\n  - title: Personalesag om en navngiven medarbejder\n    kind: drøftelse\n    closed: true\n"
        "    background: Fortrolig sagsfremstilling.\n  - title: Åbent punkt om udskrivning\n"
    )
    assert "agenda:" not in text
    meeting.write_text(text + closed, encoding="utf-8")
    result = _send(cli, repo, "--send")
    assert result.code == 0, result.output
    by_address = {item.recipients[0]: item.message for item in server.received}
    guest = by_address["soeren.aebeloe@aeldre.example.org"]
    member = by_address["anne.eksempel@broenderslev.example.org"]
    assert "Personalesag" in _pdf_text(member) and "Fortrolig" in _pdf_text(member)
    assert "Personalesag" not in _pdf_text(guest) and "Fortrolig" not in _pdf_text(guest)
    assert "Åbent punkt om udskrivning" in _pdf_text(guest)
    assert "5. Lukket punkt" in _pdf_text(guest)  # the number stays, so everyone talks about the same items
    assert "6. Åbent punkt om udskrivning" in _pdf_text(guest)
    assert "Personalesag" not in _body(guest) and "Personalesag" in _body(member)
    guest_line = next(line for line in _log_lines(repo) if line["to"] == "soeren.aebeloe@aeldre.example.org")
    member_line = next(line for line in _log_lines(repo) if line["to"] == "anne.eksempel@broenderslev.example.org")
    assert guest_line["document"] != member_line["document"]


def test_an_agenda_past_its_deadline_is_sent_with_a_warning(cli: RunCli, repo: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    late = cli("--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", "2027-03-05", "--send")
    assert late.code == 0, late.output
    assert "Advarsel: dagsordenen sendes efter fristen: den skulle være udsendt senest" in late.stderr
    assert len(server.received) == RECIPIENTS


def test_eml_for_one_seat_does_not_suggest_recording_the_sending(cli: RunCli, repo: Path, tmp_path: Path) -> None:
    result = _send(cli, repo, "--to", "plo", "--eml", str(tmp_path / "udbakke"))
    assert result.code == 0, result.output
    assert "Skrev 1 .eml-fil" in result.stdout and "mark-sent" not in result.stdout
