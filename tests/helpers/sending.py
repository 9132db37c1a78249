"""Helpers for the sending service's tests: an in-memory mail server (the transport), a clock, a runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from driftsforum_cli.domain.documents import DocumentKind, MeetingDocument
from driftsforum_cli.domain.mailing import SmtpSettings
from driftsforum_cli.sendlog import LOG_NAME, read_log
from driftsforum_cli.services.sending import (
    Event,
    SendResult,
    send_document,
)
from driftsforum_cli.smtp import ConnectionLost, Refused

MEETING = "forums/nord/meetings/2027-03-09.yaml"
TODAY = date(2027, 2, 20)
MEMBERS = 11  # Nord's members with an address
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass
class FakeServer:
    """A mail server in memory, used as the service's transport. It refuses the addresses in `refuse`,
    loses the connection once it has accepted `drop_after` messages (`uncertain`: while the next one
    was being delivered), and calls `accepted` after accepting a message."""

    refuse: set[str] = field(default_factory=set)
    drop_after: int | None = None
    uncertain: bool = False
    accepted: Callable[[str], None] | None = None
    received: list[str] = field(default_factory=list)
    connections: int = 0
    settings: list[SmtpSettings] = field(default_factory=list)

    def connect(self, settings: SmtpSettings) -> FakeServer:
        self.settings.append(settings)
        return self

    def __enter__(self) -> FakeServer:
        self.connections += 1
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        return None

    def deliver(self, sender: str, recipient: str, data: bytes) -> str:
        assert sender == "driftsfora@example.org"
        assert b"Subject:" in data
        if self.drop_after is not None and len(self.received) >= self.drop_after:
            raise ConnectionLost("SMTP-serveren lukkede forbindelsen", uncertain=self.uncertain)
        if recipient in self.refuse:
            raise Refused("serveren afviste modtageren (550 5.1.1 Ukendt modtager)")
        self.received.append(recipient)
        if self.accepted is not None:
            self.accepted(recipient)
        return "250 OK"


def stand_in_pdf(doc: MeetingDocument, root: Path) -> bytes:
    return f"%PDF-1.7 {doc.kind} {doc.meeting.date.isoformat()}".encode()


class Clock:
    """Ticks one second per reading, so every message has its own moment."""

    def __init__(self) -> None:
        self.moment = datetime(2027, 2, 20, 9, 0, tzinfo=COPENHAGEN)
        self.readings = 0

    def __call__(self) -> datetime:
        self.readings += 1
        self.moment += timedelta(seconds=1)
        return self.moment


@dataclass
class Runner:
    repo: Path
    clock: Clock = field(default_factory=Clock)
    events: list[Event] = field(default_factory=list)

    def __call__(
        self,
        server: FakeServer | None = None,
        *,
        send: bool = True,
        eml: Path | None = None,
        today: date = TODAY,
        kind: DocumentKind = "agenda",
        meeting: date = date(2027, 3, 9),
        environ: dict[str, str] | None = None,
        render_pdf: Callable[[MeetingDocument, Path], bytes] = stand_in_pdf,
        **options: Any,
    ) -> SendResult:
        self.events.clear()
        return send_document(
            self.repo,
            "nord",
            kind,
            meeting,
            today=today,
            now=date(2028, 1, 1),  # the sendings of 2027 lie in the past
            clock=self.clock,
            environ=environ or {},
            send=send,
            eml=eml,
            connect=(server or FakeServer()).connect,
            render_pdf=render_pdf,
            progress=self.events.append,
            **options,
        )

    @property
    def log(self) -> Path:
        return self.repo / "forums/nord" / LOG_NAME

    def logged(self) -> list[str]:
        return [record.address for record in read_log(self.log, "nord").records]

    def meeting_text(self) -> str:
        return (self.repo / MEETING).read_text(encoding="utf-8")
