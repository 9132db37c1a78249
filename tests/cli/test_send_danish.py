"""Sending with Danish letters where mail systems are strict: æ, ø and å in the domains of the sender, the
reply address and the members (IDNA on the wire and in the headers), and in the SMTP user name and password
(UTF-8 AUTH against a real aiosmtpd server). No output and no crash log ever shows a part of the password."""

from __future__ import annotations

import base64
import os
import re
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult

from tests.helpers import CliResult, RunCli
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Recorder, smtp_server

USER = "sekretær"
PASSWORD = "Zqæ#ØÅ9xw!"
SENDER = "post@læsø.dk"
REPLY_TO = "svar@hjørring.dk"
MEMBER = "anne@brønderslev.dk"
MEMBERS = 11  # Nord's members with an address


def _idna(address: str) -> str:
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


@pytest.fixture(autouse=True)
def _looking_back_from_2028(monkeypatch: pytest.MonkeyPatch) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = copy_of_bundled(tmp_path / "repo", schemas=True)
    config = repo / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  sender: driftsfora@example.org", f"  sender: {SENDER}")
    text = text.replace("  reply_to: driftsfora@example.org", f"  reply_to: {REPLY_TO}")
    config.write_text(text, encoding="utf-8")
    members = repo / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    assert "anne.eksempel@broenderslev.example.org" in text
    members.write_text(text.replace("anne.eksempel@broenderslev.example.org", MEMBER), encoding="utf-8")
    return repo


Logins = list[tuple[str, bytes, bytes]]


@contextmanager
def _login_server(monkeypatch: pytest.MonkeyPatch, **options: Any) -> Iterator[tuple[Recorder, Logins]]:
    """A real SMTP server on loopback that requires a login: user 'sekretær', the password above (UTF-8)."""
    logins: Logins = []

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((mechanism, data.login, data.password))
        ok = data.login == USER.encode("utf-8") and data.password == PASSWORD.encode("utf-8")
        return AuthResult(success=ok, handled=False)

    recorder = Recorder()
    with smtp_server(recorder, authenticator=authenticate, auth_require_tls=False, **options) as environment:
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("DRIFTSFORUM_SMTP_USER", USER)
        monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", PASSWORD)
        yield recorder, logins


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Recorder, Logins]]:
    with _login_server(monkeypatch) as running:
        yield running


def _send(cli: RunCli, repo: Path, *extra: str) -> CliResult:
    return cli("--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", "2027-02-20", *extra)


def _crash_logs() -> str:
    state = Path(os.environ["XDG_STATE_HOME"])
    return "".join(path.read_text(encoding="utf-8") for path in state.rglob("*.log"))


def _shows_the_password(text: str) -> list[str]:
    """Every piece of the password (three characters or more), or its base64, found in `text`."""
    secret = PASSWORD.encode("utf-8")
    forms = {PASSWORD[start:end] for start in range(len(PASSWORD)) for end in range(start + 3, len(PASSWORD) + 1)}
    forms |= {
        base64.b64encode(secret).decode("ascii"),
        base64.b64encode(b"\0" + USER.encode() + b"\0" + secret).decode("ascii"),
        repr(PASSWORD)[1:-1],  # escaped, as in an exception's text
        PASSWORD.encode("unicode_escape").decode("ascii"),
    }
    forms |= {ascii(character)[1:-1] for character in PASSWORD if not character.isascii()}  # '\\xe6' in an error
    return sorted(form for form in forms if form in text)


def test_idn_domains_go_out_in_idna_and_a_utf8_password_logs_in(
    cli: RunCli, repo: Path, server: tuple[Recorder, Logins]
) -> None:
    recorder, logins = server
    dry = _send(cli, repo)
    assert dry.code == 0, dry.output
    assert f"<{SENDER}>, svar til {REPLY_TO}" in dry.stdout, "people read the addresses with æ, ø and å"
    assert re.search(rf"Anne Eksempel\s+{re.escape(MEMBER)}\s", dry.stdout)

    result = _send(cli, repo, "--send")
    assert result.code == 0, result.output
    assert [(mechanism, login, password) for mechanism, login, password in logins] == [
        ("PLAIN", USER.encode("utf-8"), PASSWORD.encode("utf-8"))
    ]
    assert len(recorder.received) == MEMBERS
    assert {item.sender for item in recorder.received} == {_idna(SENDER)} == {"post@xn--ls-1ia7e.dk"}
    assert _idna(MEMBER) in recorder.addresses() and _idna(MEMBER) == "anne@xn--brnderslev-1cb.dk"
    for item in recorder.received:
        assert item.data.isascii()
        message = item.message
        assert message["From"].addresses[0].addr_spec == _idna(SENDER)
        assert message["Reply-To"].addresses[0].addr_spec == _idna(REPLY_TO)
        assert message["To"].addresses[0].addr_spec == item.recipients[0]
        assert str(message["Message-ID"]).strip().endswith(f"@{_idna(SENDER).partition('@')[2]}>")
    assert f"Sendt til Anne Eksempel <{MEMBER}>" in result.stdout
    assert _shows_the_password(result.output + dry.output) == []


def test_a_server_offering_only_auth_login_gets_the_utf8_password_too(
    cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some servers (older Exchange) offer only AUTH LOGIN."""
    with _login_server(monkeypatch, auth_exclude_mechanism=["PLAIN"]) as (recorder, logins):
        result = _send(cli, repo, "--send")
    assert result.code == 0, result.output
    assert logins == [("LOGIN", USER.encode("utf-8"), PASSWORD.encode("utf-8"))]
    assert len(recorder.received) == MEMBERS
    assert _shows_the_password(result.output) == []


def test_no_failure_shows_any_part_of_the_password(
    cli: RunCli, repo: Path, server: tuple[Recorder, Logins], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, _ = server
    outputs: list[str] = []

    # A wrong password with Danish letters in it.
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", PASSWORD[::-1])
    wrong = _send(cli, repo, "--send")
    assert wrong.code == 1 and "afviste brugernavnet eller adgangskoden" in wrong.stderr
    outputs.append(wrong.output)
    monkeypatch.setenv("DRIFTSFORUM_SMTP_PASSWORD", PASSWORD)

    # The failure that used to show it: the password encoded as ASCII somewhere in the login.
    original = smtplib.SMTP.docmd

    def ascii_only(self: smtplib.SMTP, cmd: str, args: str = "") -> tuple[int, bytes]:
        if cmd.upper() == "AUTH":
            PASSWORD.encode("ascii")  # raises UnicodeEncodeError, whose text holds a character of the password
        return original(self, cmd, args)

    monkeypatch.setattr(smtplib.SMTP, "docmd", ascii_only)
    broken = _send(cli, repo, "--send")
    assert broken.code == 1, broken.output
    assert "login på SMTP-serveren" in broken.stderr and "UnicodeEncodeError" in broken.stderr
    assert "Traceback" not in broken.output
    outputs.append(broken.output)
    monkeypatch.setattr(smtplib.SMTP, "docmd", original)

    # A crash of driftsforum itself while the password is set: the crash log has no part of it.
    import driftsforum_cli.services.sending as sending

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("simuleret programfejl")

    monkeypatch.setattr(sending, "deliver", crash)
    crashed = _send(cli, repo, "--send")
    assert crashed.code == 3, crashed.output
    crash_log = _crash_logs()
    assert "simuleret programfejl" in crash_log
    outputs.append(crashed.output)

    assert recorder.received == []
    assert _shows_the_password("\n".join(outputs) + crash_log) == []
