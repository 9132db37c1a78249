"""Agendas and minutes as e-mail messages (stdlib `email`): a Danish subject and body from the Jinja
templates in templates/email/, the document as a PDF, and for an agenda the meeting as an iCalendar file.

Headers follow RFC 5322/2047: names and subjects with æ, ø and å are encoded words (the message itself is
7-bit ASCII), every message has its own Message-ID, the Date is Danish time (Europe/Copenhagen), and
Reply-To is the secretariat.

The meeting is attached as an .ics file with METHOD:PUBLISH, not as a METHOD:REQUEST invitation. A REQUEST
makes Outlook treat the message as a meeting request from an organizer: it wants ORGANIZER and ATTENDEE,
sends every member's accept/decline back to the secretariat's mailbox, and an update only works from the
organizer's own calendar, which is not where these messages come from. A PUBLISH file opens in Outlook (and
Google, Apple, Thunderbird) as an appointment the recipient saves with one click, with no replies. Its UID is
the same as in `driftsforum calendar --format ics`, so importing both gives one appointment, not two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

from driftsforum_cli.domain.deadlines import Event
from driftsforum_cli.domain.documents import MeetingDocument
from driftsforum_cli.domain.mailing import Recipient, Version
from driftsforum_cli.models import Forum, Meeting
from driftsforum_cli.models.config import Email
from driftsforum_cli.render.documents import file_stem
from driftsforum_cli.render.formats import DocumentFormat, get_format
from driftsforum_cli.render.table import text_table
from driftsforum_cli.render.templates import tidy_text

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Attachment:
    filename: str
    maintype: str
    subtype: str
    data: bytes
    params: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> str:
        """'84 kB' (1 kB = 1000 bytes, halves rounded up, at least 1)."""
        return f"{max(1, (len(self.data) + 500) // 1000)} kB"

    @property
    def label(self) -> str:
        return f"{self.filename} ({self.size})"


@dataclass(frozen=True)
class Sender:
    address: str
    name: str
    reply_to: str
    signature: str | None = None  # driftsforum.yaml's email.signature; None: made from the secretariat

    @classmethod
    def from_config(cls, config: Email) -> Sender:
        name = " ".join(config.sender_name.split())
        return cls(config.sender, name, config.reply_to or config.sender, (config.signature or "").strip() or None)

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


@dataclass(frozen=True)
class Outgoing:
    recipient: Recipient
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    def as_bytes(self) -> bytes:
        """The message as it goes over SMTP: CRLF line ends, 7-bit."""
        return self.message.as_bytes(policy=policy.SMTP)

    def as_eml(self) -> bytes:
        """For Outlook: 'X-Unsent: 1' makes it open the file as a draft ready to send."""
        return b"X-Unsent: 1\r\n" + self.as_bytes()


def document_attachment(doc: MeetingDocument, fmt: str | DocumentFormat, data: bytes) -> Attachment:
    """The document rendered in `fmt` as an attachment, named as `driftsforum agenda --format FMT` names
    the file ('dagsorden-nord-2026-11-24.pdf')."""
    fmt = get_format(fmt)
    maintype, _, subtype = fmt.media_type.partition("/")
    return Attachment(f"{file_stem(doc)}{fmt.suffix}", maintype, subtype, data)


def pdf_attachment(doc: MeetingDocument, pdf: bytes) -> Attachment:
    return document_attachment(doc, "pdf", pdf)


def meeting_invitation(
    doc: MeetingDocument, events: Sequence[Event], now: datetime, *, sequence: int = 0
) -> Attachment:
    """The meeting (and a joint meeting after it) as an .ics file with METHOD:PUBLISH; an update of the
    agenda keeps the UID and raises the SEQUENCE (`sequence`), so the appointment is moved, not doubled."""
    return _calendar_file(doc.forum, doc.meeting, events, now, sequence=sequence)


def meeting_cancellation(
    forum: Forum, meeting: Meeting, events: Sequence[Event], now: datetime, sequence: int, sender: Sender
) -> Attachment:
    """The cancelled meeting as an .ics file with METHOD:CANCEL: same UID, STATUS:CANCELLED, SEQUENCE above
    every update's, so the recipient's calendar removes the appointment."""
    return _calendar_file(forum, meeting, events, now, sequence=sequence, cancel=(sender.address, sender.name))


def _calendar_file(
    forum: Forum,
    meeting: Meeting,
    events: Sequence[Event],
    now: datetime,
    *,
    sequence: int,
    cancel: tuple[str, str] | None = None,
) -> Attachment:
    from driftsforum_cli.render.ics import to_ics

    sessions = [event for event in events if event.kind in ("meeting", "joint_meeting")]
    data = to_ics(sessions, forum.name, now.astimezone(UTC), sequence=sequence, cancel=cancel)
    name = f"moede-{forum.id}-{meeting.date.isoformat()}.ics"
    method = "CANCEL" if cancel else "PUBLISH"
    return Attachment(name, "text", "calendar", data, (("method", method), ("charset", "utf-8")))


def document_digest(html: str) -> str:
    """Which version of the document a recipient got, for the send log."""
    return "sha256:" + hashlib.sha256(html.encode("utf-8")).hexdigest()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_text(
    doc: MeetingDocument,
    recipient: Recipient,
    sender: Sender,
    attachments: Sequence[Attachment],
    repo_root: Path | None,
    version: Version | None = None,
) -> tuple[str, str]:
    """The subject (one line) and the plain-text body, from email/<kind>.subject.j2 and email/<kind>.txt.j2.
    `version` says which sending it is (a corrected agenda, the revised minutes); the templates mark it."""
    context = {
        "doc": doc,
        "forum": doc.forum,
        "meeting": doc.meeting,
        "recipient": recipient,
        "sender": sender,
        "attachments": list(attachments),
        "version": version or Version(doc.kind),
    }
    return _render(doc.kind, context, repo_root)


def _render(template: str, context: dict[str, object], repo_root: Path | None) -> tuple[str, str]:
    from driftsforum_cli.render.templates import template_environment

    env = template_environment(repo_root)
    subject = _one_line(env.get_template(f"email/{template}.subject.j2").render(context))
    body = env.get_template(f"email/{template}.txt.j2").render(context)
    return subject, tidy_text(body)


def cancellation_messages(
    forum: Forum,
    meeting: Meeting,
    recipients: Sequence[Recipient],
    sender: Sender,
    attachments: Sequence[Attachment],
    repo_root: Path | None,
    now: datetime,
) -> list[Outgoing]:
    """One cancellation notice per recipient, from email/cancellation.subject.j2 and .txt.j2."""
    outgoing: list[Outgoing] = []
    for recipient in recipients:
        context: dict[str, object] = {
            "forum": forum,
            "meeting": meeting,
            "recipient": recipient,
            "sender": sender,
            "attachments": list(attachments),
        }
        subject, body = _render("cancellation", context, repo_root)
        message = build_message(
            sender=sender, recipient=recipient, subject=subject, body=body, attachments=attachments, now=now
        )
        outgoing.append(Outgoing(recipient, message))
    return outgoing


class EncodedSubject(str):
    """A subject with æ, ø, å as RFC 2047 encoded words that keep every space.

    The `email` package's own folding can drop the space between two encoded words when it breaks the line
    between them ('Klynge Nord – møde' arrives as 'Klynge Nord– møde', CPython 3.11); here the whole subject
    is encoded as UTF-8 words split only between characters, so the spaces are inside the words. A header
    value with a `name` is stored as it is, and the policy folds it with `fold`."""

    name = "Subject"

    def fold(self, *, policy: EmailPolicy) -> str:
        from email.header import Header

        if self.isascii():
            folded: str = policy.header_factory(self.name, str(self)).fold(policy=policy)
            return folded
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {encoded}{policy.linesep}"


def build_message(
    *,
    sender: Sender,
    recipient: Recipient,
    subject: str,
    body: str,
    attachments: Sequence[Attachment],
    now: datetime,
) -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(display_name=sender.name, addr_spec=sender.address)
    message["To"] = Address(display_name=recipient.name, addr_spec=recipient.address)
    message["Reply-To"] = Address(display_name=sender.name, addr_spec=sender.reply_to)
    message["Subject"] = EncodedSubject(subject)
    message["Date"] = format_datetime(now.astimezone(DANISH_TIME))
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message.set_content(body, subtype="plain", charset="utf-8")
    message["Content-Language"] = "da"  # a content header: it moves to the text part with the attachments
    for attachment in attachments:
        message.add_attachment(
            attachment.data,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.filename,
            params=dict(attachment.params),
        )
    return message


def build_messages(
    doc: MeetingDocument,
    recipients: Sequence[Recipient],
    sender: Sender,
    attachments: Sequence[Attachment],
    repo_root: Path | None,
    now: datetime,
    version: Version | None = None,
) -> list[Outgoing]:
    """One message per recipient, each with its own Message-ID."""
    outgoing: list[Outgoing] = []
    for recipient in recipients:
        subject, body = render_text(doc, recipient, sender, attachments, repo_root, version)
        message = build_message(
            sender=sender,
            recipient=recipient,
            subject=subject,
            body=body,
            attachments=attachments,
            now=now,
        )
        outgoing.append(Outgoing(recipient, message))
    return outgoing


def eml_name(index: int, recipient: Recipient) -> str:
    """'01-anne.eksempel@broenderslev.example.org.eml': sorted as sent, safe on every file system."""
    safe = "".join(character if character.isalnum() or character in "@.-_" else "_" for character in recipient.address)
    return f"{index:02d}-{safe}.eml"


def recipient_table(outgoing: Sequence[Outgoing], attachments: Sequence[Attachment]) -> str:
    """Modtager, adresse and vedhæftet (with sizes) – who gets what."""
    files = ", ".join(attachment.label for attachment in attachments)
    rows = [
        (
            item.recipient.name + (" (ad hoc)" if item.recipient.ad_hoc else ""),
            item.recipient.address,
            files,
        )
        for item in outgoing
    ]
    return "\n".join(text_table(("Modtager", "Adresse", "Vedhæftet"), rows)) + "\n"
