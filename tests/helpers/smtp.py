"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the tests that send: it records what it receives, can
hold the reply to DATA until the test lets it go (a client killed while the server has the message), and
can require a login."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Recorder:
    """Accepts every message. With `hold_at` = N, the N-th message (counting from 0) is received and then the
    reply to DATA waits until `release` is set; `holding` is set while it waits. With `signal_at` = N,
    `reached` is set when the N-th message is received, and the reply goes at once."""

    hold_at: int | None = None
    received: list[Received] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    signal_at: int | None = None  # `reached` is set as the reply to this message is sent (no waiting)
    reached: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        index = len(self.received)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        if index == self.signal_at:
            self.reached.set()
        if index == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 2.0.0 Modtaget"

    def addresses(self) -> list[str]:
        return [item.recipients[0] for item in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


Authenticator = Callable[[Any, Any, Any, str, Any], Any]


@contextmanager
def smtp_server(handler: Recorder, **options: Any) -> Iterator[dict[str, str]]:
    """Run `handler` on a free port; yields the DRIFTSFORUM_SMTP_* environment that points driftsforum at it
    (options: aiosmtpd's, e.g. authenticator=…, auth_require_tls=False)."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield {
            "DRIFTSFORUM_SMTP_HOST": "127.0.0.1",
            "DRIFTSFORUM_SMTP_PORT": str(port),
            "DRIFTSFORUM_SMTP_SECURITY": "none",
        }
    finally:
        handler.release.set()
        controller.stop()


@contextmanager
def serving(monkeypatch: Any, handler: Recorder | None = None, **options: Any) -> Iterator[Recorder]:
    """`smtp_server`, with driftsforum pointed at it for the test (no login unless the test sets one)."""
    recorder = handler or Recorder()
    with smtp_server(recorder, **options) as environment:
        for key, value in environment.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("DRIFTSFORUM_SMTP_USER", raising=False)
        monkeypatch.delenv("DRIFTSFORUM_SMTP_PASSWORD", raising=False)
        yield recorder
