"""Agendas and minutes as e-mail messages (stdlib `email`): a Danish subject and body from the Jinja
templates in templates/email/, the document as a PDF, and for an agenda the meeting as an iCalendar file.

Every message is multipart/alternative – a plain-text part (`<kind>.txt.j2`) and an HTML part
(`<kind>.html.j2`: lang="da", a heading per section, no images, data escaped) – with the documents attached
after it (multipart/mixed).

Headers follow RFC 5322/2047: names and subjects with æ, ø and å are encoded words (the message itself is
7-bit ASCII), every message has its own Message-ID, the Date is Danish time (Europe/Copenhagen), and
Reply-To is the secretariat.

The meeting is attached as an .ics file with METHOD:PUBLISH, not as a METHOD:REQUEST invitation. A REQUEST
makes Outlook treat the message as a meeting request from an organizer: it wants ORGANIZER and ATTENDEE,
sends every member's accept/decline back to the secretariat's mailbox, and an update only works from the
organizer's own calendar, which is not where these messages come from. A PUBLISH file opens in Outlook (and
Google, Apple, Thunderbird) as an appointment the recipient saves with one click, with no replies. Its UID is
the same as in `driftsforum calendar --format ics`, so importing both gives one appointment, not two.

A forum that wants the replies opts in (forum.yaml 'invitations: request'): the meeting is then an iTIP
METHOD:REQUEST (ORGANIZER, one ATTENDEE per recipient with RSVP) in the message itself, as the last
alternative with `method=REQUEST` (RFC 6047); an update raises its SEQUENCE and a cancellation is its CANCEL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
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
from driftsforum_cli.models.config import Email, RepoConfig
from driftsforum_cli.render.documents import file_stem
from driftsforum_cli.render.formats import DocumentFormat, get_format
from driftsforum_cli.render.ics import Invitation
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
    inline: bool = False  # a meeting request: a part of the message itself (multipart/alternative), not a file

    @property
    def method(self) -> str:
        """The iTIP method of a calendar file ('PUBLISH', 'REQUEST', 'CANCEL'); '' for other files."""
        return dict(self.params).get("method", "")

    @property
    def size(self) -> str:
        """'84 kB' (1 kB = 1000 bytes, halves rounded up, at least 1)."""
        return f"{max(1, (len(self.data) + 500) // 1000)} kB"

    @property
    def label(self) -> str:
        return f"mødeindkaldelse ({self.size})" if self.inline else f"{self.filename} ({self.size})"


@dataclass(frozen=True)
class Sender:
    address: str
    name: str
    reply_to: str
    signature: str | None = None  # driftsforum.yaml's email.signature; None: made from the secretariat

    @classmethod
    def from_config(cls, config: Email) -> Sender:
        """The sender as it goes over SMTP and into the headers: a domain with æ, ø or å in IDNA
        ('post@læsø.dk' → 'post@xn--ls-lia0a.dk'). ValueError (Danish) for an address that cannot be sent."""
        from driftsforum_cli.domain.mailing import normalise_address

        sender = normalise_address(config.sender)
        reply_to = normalise_address(config.reply_to) if config.reply_to else sender
        name = " ".join(config.sender_name.split())
        return cls(sender, name, reply_to, (config.signature or "").strip() or None)

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


def document_attachments(
    doc: MeetingDocument,
    repo_root: Path,
    config: RepoConfig | None,
    render_pdf: Callable[[MeetingDocument, Path], bytes] | None = None,
) -> list[Attachment]:
    """The document in each format driftsforum.yaml's `documents.attach` names (PDF alone without a config),
    the PDF in its `documents.pdf_variant`; `render_pdf` (tests) makes the PDF instead."""
    from driftsforum_cli.render.documents import render_document
    from driftsforum_cli.render.formats import configured

    made = []
    for name in config.documents.attach if config is not None else ["pdf"]:
        fmt = configured(get_format(name), config)
        data = (
            render_pdf(doc, repo_root)
            if name == "pdf" and render_pdf is not None
            else render_document(doc, fmt, repo_root)
        )
        made.append(document_attachment(doc, fmt, data))
    return made


def meeting_invitation(
    doc: MeetingDocument,
    events: Sequence[Event],
    now: datetime,
    *,
    sequence: int = 0,
    invitation: Invitation | None = None,
) -> Attachment:
    """The meeting (and a joint meeting after it) as an .ics file with METHOD:PUBLISH; an update of the
    agenda keeps the UID and raises the SEQUENCE (`sequence`), so the appointment is moved, not doubled.
    With `invitation` (forum.yaml 'invitations: request'), the meeting alone as an iTIP METHOD:REQUEST."""
    return _calendar_file(doc.forum, doc.meeting, events, now, sequence=sequence, invitation=invitation)


def meeting_cancellation(
    forum: Forum,
    meeting: Meeting,
    events: Sequence[Event],
    now: datetime,
    sequence: int,
    sender: Sender,
    invitation: Invitation | None = None,
) -> Attachment:
    """The cancelled meeting as an .ics file with METHOD:CANCEL: same UID, STATUS:CANCELLED, SEQUENCE above
    every update's, so the recipient's calendar removes the appointment (with `invitation`: the attendees
    too, as the CANCEL of a meeting request)."""
    organizer = (sender.address, sender.name)
    return _calendar_file(forum, meeting, events, now, sequence=sequence, cancel=organizer, invitation=invitation)


def invitation_for(sender: Sender, recipients: Sequence[Recipient]) -> Invitation:
    """The meeting request's organizer (the secretariat) and attendees (every recipient of the meeting)."""
    attendees = tuple((recipient.name, recipient.address, recipient.ad_hoc) for recipient in recipients)
    return Invitation((sender.address, sender.name), attendees)


def _calendar_file(
    forum: Forum,
    meeting: Meeting,
    events: Sequence[Event],
    now: datetime,
    *,
    sequence: int,
    cancel: tuple[str, str] | None = None,
    invitation: Invitation | None = None,
) -> Attachment:
    from driftsforum_cli.render.ics import to_ics

    # An iTIP message is about one event (one UID); a joint meeting is named in the text.
    kinds = ("meeting",) if invitation is not None else ("meeting", "joint_meeting")
    sessions = [event for event in events if event.kind in kinds]
    stamp = now.astimezone(UTC)
    data = to_ics(sessions, forum.name, stamp, sequence=sequence, cancel=cancel, invitation=invitation)
    name = f"moede-{forum.id}-{meeting.date.isoformat()}.ics"
    method = "CANCEL" if cancel else "REQUEST" if invitation is not None else "PUBLISH"
    params = (("method", method), ("charset", "utf-8"))
    return Attachment(name, "text", "calendar", data, params, inline=invitation is not None)


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
    context = _context(doc, recipient, sender, attachments, version)
    subject, body, _ = _render(doc.kind, context, repo_root)
    return subject, body


def _context(
    doc: MeetingDocument,
    recipient: Recipient,
    sender: Sender,
    attachments: Sequence[Attachment],
    version: Version | None,
) -> dict[str, object]:
    return {
        "doc": doc,
        "forum": doc.forum,
        "meeting": doc.meeting,
        "recipient": recipient,
        "sender": sender,
        "attachments": list(attachments),
        "version": version or Version(doc.kind),
    }


def _render(template: str, context: dict[str, object], repo_root: Path | None) -> tuple[str, str, str]:
    """The subject, the plain-text body and the HTML body (the same context; the HTML is escaped)."""
    from driftsforum_cli.render.templates import template_environment

    env = template_environment(repo_root)
    subject = _one_line(env.get_template(f"email/{template}.subject.j2").render(context))
    body = env.get_template(f"email/{template}.txt.j2").render(context)
    html = template_environment(repo_root, html=True).get_template(f"email/{template}.html.j2")
    return subject, tidy_text(body), html.render({**context, "subject": subject})


def cancellation_messages(
    forum: Forum,
    meeting: Meeting,
    recipients: Sequence[Recipient],
    sender: Sender,
    attachments: Sequence[Attachment],
    repo_root: Path | None,
    now: datetime,
    doc: MeetingDocument | None = None,
) -> list[Outgoing]:
    """One cancellation notice per recipient, from email/cancellation.subject.j2 and .txt.j2; `doc` is the
    meeting's cancellation notice (for the secretariat's signature and the next meeting)."""
    outgoing: list[Outgoing] = []
    for recipient in recipients:
        context: dict[str, object] = {
            "forum": forum,
            "meeting": meeting,
            "recipient": recipient,
            "sender": sender,
            "attachments": list(attachments),
        }
        if doc is not None:
            context["doc"] = doc
        outgoing.append(_message("cancellation", context, repo_root, sender, recipient, attachments, now))
    return outgoing


def _message(
    template: str,
    context: dict[str, object],
    repo_root: Path | None,
    sender: Sender,
    recipient: Recipient,
    attachments: Sequence[Attachment],
    now: datetime,
) -> Outgoing:
    """One recipient's message from the templates email/<template>.*."""
    subject, body, html = _render(template, context, repo_root)
    message = build_message(
        sender=sender, recipient=recipient, subject=subject, body=body, html=html, attachments=attachments, now=now
    )
    return Outgoing(recipient, message)


def templated_message(
    template: str,
    context: dict[str, object],
    repo_root: Path | None,
    sender: Sender,
    recipient: Recipient,
    now: datetime,
) -> Outgoing:
    """One message without attachments from the templates email/<template>.* (a reminder)."""
    return _message(template, context, repo_root, sender, recipient, (), now)


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
    html: str | None = None,
) -> EmailMessage:
    """One message: the text (and its HTML alternative), then the attachments."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(display_name=sender.name, addr_spec=sender.address)
    message["To"] = Address(display_name=recipient.name, addr_spec=recipient.address)
    message["Reply-To"] = Address(display_name=sender.name, addr_spec=sender.reply_to)
    message["Subject"] = EncodedSubject(subject)
    message["Date"] = format_datetime(now.astimezone(DANISH_TIME))
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message.set_content(body, subtype="plain", charset="utf-8")
    message["Content-Language"] = "da"  # a content header: it moves to the text part with the alternative
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8", headers=["Content-Language: da"])
    for attachment in attachments:
        if attachment.inline:  # RFC 6047: the request is an alternative of the text, its method= as in the body
            params = {key: value for key, value in attachment.params if key != "charset"}
            message.add_alternative(attachment.data.decode("utf-8"), subtype=attachment.subtype, params=params)
    for attachment in (item for item in attachments if not item.inline):
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
        context = _context(doc, recipient, sender, attachments, version)
        outgoing.append(_message(doc.kind, context, repo_root, sender, recipient, attachments, now))
    return outgoing


def readable(address: str) -> str:
    """An address as people write it: an IDNA domain shown with its æ, ø and å ('post@læsø.dk'). A domain
    that does not decode to Latin letters (or does not encode back to the same) is shown as it is sent, so
    a look-alike from another script never passes for a Danish name."""
    import unicodedata

    local, at, domain = address.rpartition("@")
    if not at or "xn--" not in domain.lower():
        return address
    try:
        shown = domain.encode("ascii").decode("idna")
        if shown.encode("idna").decode("ascii").lower() != domain.lower():
            return address
    except UnicodeError:
        return address
    if any(not unicodedata.name(character, "").startswith("LATIN") for character in shown if not character.isascii()):
        return address
    return f"{local}@{shown}"


def eml_name(index: int, recipient: Recipient, prefix: str = "") -> str:
    """'nord-2027-03-09-dagsorden-01-anne.eksempel@broenderslev.example.org.eml' (with `prefix` naming the
    document): sorted as sent, told apart from another sending's drafts in the same folder, safe on every file
    system."""
    safe = "".join(character if character.isalnum() or character in "@.-_" else "_" for character in recipient.address)
    return f"{prefix}-{index:02d}-{safe}.eml" if prefix else f"{index:02d}-{safe}.eml"


def recipient_table(outgoing: Sequence[Outgoing], attachments: Sequence[Attachment]) -> str:
    """Modtager, adresse and vedhæftet (with sizes) – who gets what."""
    files = ", ".join(attachment.label for attachment in attachments)
    rows = [
        (
            item.recipient.name + (" (ad hoc)" if item.recipient.ad_hoc else ""),
            readable(item.recipient.address),
            files,
        )
        for item in outgoing
    ]
    return "\n".join(text_table(("Modtager", "Adresse", "Vedhæftet"), rows)) + "\n"
