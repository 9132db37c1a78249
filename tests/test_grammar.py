"""Danish grammar in what the tool writes: every agenda and minutes of the bundled data (Markdown and HTML),
the reports, the e-mails, and the messages of representative commands are searched for the mistakes a
secretary found (gender and number agreement, title-cased words, a name printed twice).

A forum with a vacant seat is the hard case: it is set up here (Læsø's seat is vacant from November 2026)."""

from __future__ import annotations

import asyncio
import email
import re
import socket
from collections.abc import Iterator
from datetime import date
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import RunCli
from tests.helpers.repos import copy_of_bundled

#: (what is wrong, pattern). Each pattern is searched sentence by sentence where a sentence is named.
NEVER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a count of one with a plural ('heraf 1 ledige')", re.compile(r"\bheraf 1 \w+e\b")),
    ("'de 1 …' ('Send de 1 beskeder')", re.compile(r"\b[Dd]e 1 \w+")),
    (
        "one with a plural noun ('sendt til 1 modtagere')",
        re.compile(r"(?<![\d.,])\b1 (modtagere|beskeder|pladser|møder|filer|\.eml-filer|dage|handlinger|fejl i)\b"),
    ),
    ("a plural in brackets ('skema(er)')", re.compile(r"\w\((?:er|e|r)\)")),
    ("a title-cased 'Med' after 'Fællesmøde'", re.compile(r"Fællesmøde(</dt>\s*<dd>|:?\s+)Med\b")),
    ("the organisation printed twice", re.compile(r"\(([^()]+)\)\s*\(\1\)")),
    ("a vacant seat that 'gets' a document", re.compile(r"Ledig plads \([^)]*\) får")),
    ("'Advarsel: Ledig plads' as if the seat were a person", re.compile(r"Advarsel: Ledig plads")),
)

#: In a sentence about the minutes (referatet, neuter), 'den' never stands for it.
NEUTER_WRONG = re.compile(r"\b(?:får|fået|fik|send|sende|Send|åbn|Åbn) den\b|\bog den er\b")
#: In a sentence about the agenda (dagsordenen, common gender), 'det' never stands for it.
COMMON_WRONG = re.compile(r"\b(?:får|fået|fik) det\b|\bog det er registreret\b")


def sentences(text: str) -> Iterator[str]:
    yield from (part for part in re.split(r"(?<=[.!?])\s+|\n\s*\n", text) if part.strip())


def problems(name: str, text: str) -> list[str]:
    found = [f"{name}: {why}: …{match.group(0)}…" for why, pattern in NEVER for match in pattern.finditer(text)]
    for sentence in sentences(text):
        lower = sentence.lower()
        minutes = "referatet" in lower and "dagsorden" not in lower and "aflysning" not in lower
        agenda = "dagsordenen" in lower and "referat" not in lower
        if minutes and NEUTER_WRONG.search(sentence):
            found.append(f"{name}: 'den' for referatet: {sentence.strip()}")
        if agenda and COMMON_WRONG.search(sentence):
            found.append(f"{name}: 'det' for dagsordenen: {sentence.strip()}")
    return found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Pladser: 11 (heraf 1 ledige)", True),
        ("Pladser: 11 (heraf 1 ledig)", False),
        ("Prøvekørsel. Send de 1 beskeder med --send.", True),
        ("Referatet er sendt til 1 modtagere.", True),
        ("Referatet er sendt til 1 modtager.", False),
        ("Referatet er registreret; alle har fået den på anden vis.", True),
        ("Referatet er registreret; alle har fået det på anden vis.", False),
        ("<dt>Fællesmøde</dt>\n<dd>Med Driftsforum Voksen Somatik", True),
        ("Ledig plads (Læsø Kommune) (Læsø Kommune)", True),
        ("Skrev 1 skema(er) i schemas.", True),
        ("Advarsel: Ledig plads (Læsø Kommune) får den ikke med e-mail", True),
        ("Referatet fra mødet den 8. september 2026 er godkendt.", False),
    ],
)
def test_the_patterns_find_what_the_secretary_found(text: str, wrong: bool) -> None:
    assert bool(problems("x", text)) is wrong


def _with_vacant_seat(root: Path) -> Path:
    """Læsø's seat held by Erik Eksempel until 31 October 2026, vacant since."""
    members = root / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    held = (
        "    person:\n      name: Erik Eksempel\n"
        "      title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet\n"
        "      email: erik.eksempel@laesoe.example.org\n      example: true\n"
    )
    assert held in text
    members.write_text(
        text.replace(
            held, "    history:\n      - name: Erik Eksempel\n        to: 2026-10-31\n        example: true\n"
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture
def vacant_repo(tmp_path: Path) -> Path:
    return _with_vacant_seat(copy_of_bundled(tmp_path / "repo"))


def test_every_document_of_the_bundled_data_reads_correctly(vacant_repo: Path) -> None:
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.render.documents import render_document
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(vacant_repo)
    found: list[str] = []
    rendered = 0
    for files in repo.forums:
        for loaded in files.meetings:
            assert loaded.model is not None
            for kind in ("agenda", "minutes"):
                doc = build_document(kind, files, loaded.model, repo.calendar, date(2026, 12, 1))
                for fmt in ("md", "html"):
                    text = render_document(doc, fmt, vacant_repo).decode("utf-8")
                    found += problems(f"{kind} {files.id} {loaded.model.date} {fmt}", text)
                    rendered += 1
    assert rendered >= 60
    assert found == []


def test_reports_and_overviews_read_correctly(cli: RunCli, vacant_repo: Path) -> None:
    found: list[str] = []
    runs = [
        ("overview",),
        ("validate",),
        ("calendar",),
        ("due",),
        ("aarshjul", "nord"),
        ("actions",),
        ("status-report", "nord"),
        ("status-report", "vest", "--format", "html"),
        ("evaluation", "nord"),
        ("evaluation", "vest", "--format", "html"),
    ]
    for args in runs:
        result = cli("--repo", str(vacant_repo), *args, "--today", "2026-12-01")
        assert result.code in (0, 1), result.output
        found += problems(" ".join(args), result.output)
    for args in [("schema", "--output", str(vacant_repo / "schemas"))] * 2:  # written, then already there
        result = cli("--repo", str(vacant_repo), *args)
        assert result.code in (0, 1), result.output
        found += problems(" ".join(args), result.output)
    overview = cli("--repo", str(vacant_repo), "overview", "--today", "2026-12-01").stdout
    assert "Pladser:            11 (heraf 1 ledig)" in overview
    assert found == []


def _send(cli: RunCli, root: Path, *args: str) -> str:
    result = cli("--repo", str(root), "send", *args)
    assert result.code == 0, result.output
    return result.output


def test_sending_messages_agree_in_gender_and_number(cli: RunCli, vacant_repo: Path, tmp_path: Path) -> None:
    found: list[str] = []
    # a dry run for everyone: ten messages, and the vacant seat
    everyone = _send(cli, vacant_repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20")
    assert "Send de 10 beskeder med --send" in everyone
    assert "Advarsel: Pladsen for Læsø Kommune er ledig, så ingen får dagsordenen med e-mail" in everyone
    # a dry run for one: 'beskeden', 'den'
    one = _send(cli, vacant_repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20", "--to", "plo")
    assert "Send beskeden med --send, eller skriv den som .eml-fil" in one
    # minutes recorded as sent, none in the log: 'referatet … det'
    recorded = _send(cli, vacant_repo, "minutes", "vest", "2026-09-10", "--today", "2026-10-01")
    assert "alle har fået det på anden vis" in recorded
    # .eml files for Outlook, and the texts of the e-mails themselves
    folder = tmp_path / "eml"
    eml = _send(cli, vacant_repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20", "--eml", str(folder))
    found += [*problems("send (dry run)", everyone + one + recorded), *problems("send --eml", eml)]
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        found += problems(path.name, str(message["Subject"]) + "\n" + _text_parts(message))
    assert found == []


def _text_parts(message: Message) -> str:
    parts = []
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            parts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(parts)


class _Accept:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.original_content)
        return "250 2.0.0 Modtaget"


def test_a_sending_to_one_says_one_recipient(cli: RunCli, vacant_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Accept()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("DRIFTSFORUM_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DRIFTSFORUM_SMTP_PORT", str(port))
        monkeypatch.setenv("DRIFTSFORUM_SMTP_SECURITY", "none")
        monkeypatch.delenv("DRIFTSFORUM_SMTP_USER", raising=False)
        monkeypatch.delenv("DRIFTSFORUM_SMTP_PASSWORD", raising=False)
        output = _send(
            cli, vacant_repo, "agenda", "nord", "2027-03-09", "--today", "2027-02-20", "--to", "plo", "--send"
        )
    finally:
        controller.stop()
        asyncio.set_event_loop(None)
    assert len(handler.received) == 1
    assert "er sendt til 1 modtager " in output
    assert problems("send --to plo --send", output) == []
