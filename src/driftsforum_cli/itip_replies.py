"""Replies to a meeting invitation (iTIP METHOD:REPLY, RFC 5546/6047) in e-mails saved as .eml files, as
Outlook, Gmail and Apple Mail write them.

The calendar is a text/calendar part (`method=REPLY` or `method=reply` in its Content-Type, or none), an
application/ics part or an .ics file, inline or attached, at any depth of nested multiparts, in base64 or
quoted-printable; the stdlib `email` parser (policy=default) undoes the transfer encodings and `icalendar`
reads the calendar. The METHOD in the calendar decides; the MIME parameter only when the calendar has none.
Outlook's winmail.dat (application/ms-tnef) is not read: it is named in a note. The same reply attached twice
(Gmail puts it inline and as invite.ics) counts once.

Pure apart from reading the files: what a file holds, or why it cannot be read, in Danish.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

Partstat = Literal["ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"]
PARTSTATS: tuple[Partstat, ...] = ("ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED")

#: The first bytes of an Outlook .msg file (an OLE compound file), which is not an e-mail in text form.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Reply:
    """One attendee's answer in one reply."""

    file: str
    uid: str
    answer: Partstat
    address: str  # the ATTENDEE's mailto address ('' when it has none)
    name: str | None  # the ATTENDEE's CN
    sender: str | None  # the e-mail's From address
    stamp: datetime  # DTSTAMP (UTC); the e-mail's Date when the calendar has none
    sequence: int
    start: date | None  # the DTSTART day in the reply, when it has one
    delegate: tuple[str, str | None] | None = None  # DELEGATED: the delegate's address and name
    comment: str | None = None

    @property
    def order(self) -> tuple[int, datetime]:
        """Later replies sort last: a reply to a newer version of the invitation, then the later DTSTAMP."""
        return self.sequence, self.stamp


@dataclass
class ReplyFile:
    """What one .eml file holds: its replies, Danish notes (winmail.dat ignored), the problem that makes it
    unreadable (None when it could be read), and why an e-mail that can be read has no reply (`ignored`: a
    forwarded invitation, a proposal of a new time, an ordinary e-mail)."""

    file: str
    replies: list[Reply] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    ignored: str | None = None


def normal_address(address: str) -> str:
    """An address as it is compared: without 'mailto:', the local part case-folded and the domain in its
    ASCII form (IDNA), so 'Anne@Læsø.dk' and 'mailto:anne@xn--ls-lka.dk' are the same."""
    text = address.strip().strip("<>").strip()
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    local, at, domain = text.rpartition("@")
    if not at:
        return text.casefold()
    domain = domain.strip().rstrip(".").casefold()
    with contextlib.suppress(UnicodeError):  # not a valid IDN: compared as written
        domain = domain.encode("idna").decode("ascii")
    return f"{local.casefold()}@{domain}"


def read_reply_file(path: Path, shown: str | None = None) -> ReplyFile:
    """The replies in the e-mail saved at `path` (`shown`: how the user named it)."""
    from driftsforum_cli.files import describe_os_error

    name = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReplyFile(name, problem=f"{name} kan ikke læses: {describe_os_error(exc)}")
    return parse_reply_message(data, name)


def parse_reply_message(data: bytes, name: str) -> ReplyFile:
    """The replies in one e-mail message (the bytes of an .eml file)."""
    result = ReplyFile(name)
    if data.startswith(_OLE):
        result.problem = (
            f"{name} er en Outlook-fil (.msg), ikke en e-mail gemt som .eml; gem svaret fra nyt Outlook eller "
            "Outlook på nettet (træk det over i mappen, eller vælg Gem som/Download), så det bliver en .eml-fil"
        )
        return result
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not _looks_like_email(message):
        result.problem = f"{name} er ikke en e-mail (.eml): filen har ingen brevhoved med From, Date eller Subject"
        return result
    sender = _sender(message)
    sent = _date(message)
    seen: set[tuple[str, str, str, datetime, int]] = set()
    unreadable: list[str] = []
    methods: set[str] = set()
    winmail = ""
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        filename = (part.get_filename() or "").strip()
        if kind == "application/ms-tnef" or filename.casefold() == "winmail.dat":
            winmail = filename or "winmail.dat"
            continue
        if not _is_calendar(kind, filename):
            continue
        try:
            replies = _replies_in(_text(part), _mime_method(part), name, sender, sent, methods)
        except ValueError:
            unreadable.append(filename or kind)
            continue
        for reply in replies:
            key = (reply.uid, reply.address, reply.answer, reply.stamp, reply.sequence)
            if key not in seen:
                seen.add(key)
                result.replies.append(reply)
    if result.replies:
        if winmail:
            result.notes.append(
                f"{name}: vedhæftningen {winmail} (Outlooks eget format) er ikke læst; svaret læses af kalenderdelen"
            )
    elif unreadable:
        result.problem = f"{name}: kalenderdelen ({', '.join(unreadable)}) kan ikke læses som iCalendar"
    else:
        result.ignored = _why_no_reply(methods, winmail)
    return result


def _why_no_reply(methods: set[str], winmail: str) -> str:
    """Why a readable e-mail holds no reply (Danish, without the file's name)."""
    if "COUNTER" in methods:
        return "afsenderen foreslår et nyt tidspunkt (METHOD:COUNTER); det registreres ikke – svar afsenderen selv"
    if "REPLY" in methods:
        return "svaret nævner ingen deltager med et svar (ATTENDEE med PARTSTAT); registrér det i hånden"
    if methods:
        shown = ", ".join(sorted(f"METHOD:{method}" if method else "uden METHOD" for method in methods))
        return f"e-mailen indeholder en kalender ({shown}), men intet svar på en mødeindkaldelse (METHOD:REPLY)"
    if winmail:
        return (
            f"svaret ligger kun i {winmail} (Outlooks eget format), som ikke kan læses; bed afsenderen svare igen, "
            "eller gem svaret fra Outlook på nettet"
        )
    return "e-mailen indeholder intet svar på en mødeindkaldelse (ingen kalenderdel med METHOD:REPLY)"


def _looks_like_email(message: EmailMessage) -> bool:
    return any(message.get(key) is not None for key in ("From", "Date", "Subject", "Message-ID", "MIME-Version"))


def _is_calendar(kind: str, filename: str) -> bool:
    return kind in ("text/calendar", "application/ics", "text/x-vcalendar") or filename.casefold().endswith(
        (".ics", ".vcs")
    )


def _mime_method(part: Message) -> str:
    method = part.get_param("method")
    return str(method).strip().upper() if isinstance(method, str) else ""


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "utf-8"
    for encoding in (charset, "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _sender(message: EmailMessage) -> str | None:
    pairs = getaddresses([str(value) for value in message.get_all("From", [])])
    return next((address for _, address in pairs if "@" in address), None)


def _date(message: EmailMessage) -> datetime | None:
    value = message.get("Date")
    if value is None:
        return None
    try:
        stamp = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _replies_in(
    text: str, mime_method: str, name: str, sender: str | None, sent: datetime | None, methods: set[str]
) -> list[Reply]:
    """The replies in one calendar part (and its METHOD added to `methods`); ValueError when it is not iCalendar."""
    from icalendar import Calendar

    calendars = Calendar.from_ical(text, multiple=True)
    replies: list[Reply] = []
    for calendar in calendars:
        method = str(calendar.get("METHOD", "") or mime_method).strip().upper()
        methods.add(method)
        if method != "REPLY":
            continue
        for event in calendar.walk("VEVENT"):
            replies.extend(_event_replies(event, name, sender, sent))
    return replies


def _event_replies(event: Any, name: str, sender: str | None, sent: datetime | None) -> Iterable[Reply]:
    attendees = _attendees(event)
    uid = str(event.get("UID", "")).strip()
    stamp = _stamp(event.get("DTSTAMP"), sent)
    sequence = _int(event.get("SEQUENCE"))
    start = _day(event.get("DTSTART"))
    comment = " ".join(str(event.get("COMMENT", "")).split()) or None
    for attendee in attendees:
        params = attendee.params
        answer = str(params.get("PARTSTAT", "")).strip().upper()
        if answer not in PARTSTATS or params.get("DELEGATED-FROM"):
            continue  # a delegate's own line, or no answer
        address = _mailto(str(attendee))
        delegate = _delegate(address, params, attendees) if answer == "DELEGATED" else None
        cn = params.get("CN")
        yield Reply(
            name,
            uid,
            answer,
            address,
            (str(cn).strip() or None) if cn else None,
            sender,
            stamp,
            sequence,
            start,
            delegate,
            comment,
        )


def _attendees(event: Any) -> list[Any]:
    value = event.get("ATTENDEE")
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _mailto(value: str) -> str:
    text = value.strip()
    return text[len("mailto:") :].strip() if text.casefold().startswith("mailto:") else text


def _delegate(address: str, params: Any, attendees: Sequence[Any]) -> tuple[str, str | None] | None:
    """The one the seat is delegated to: DELEGATED-TO, with the CN of the delegate's own ATTENDEE line."""
    target = params.get("DELEGATED-TO")
    targets = target if isinstance(target, list) else [target] if target else []
    delegate_lines = [
        line
        for line in attendees
        if normal_address(str(line.params.get("DELEGATED-FROM", ""))) == normal_address(address)
    ]
    if not targets and delegate_lines:
        targets = [str(delegate_lines[0])]
    if not targets:
        return None
    wanted = _mailto(str(targets[0]).strip('"'))
    named = next(
        (line for line in attendees if normal_address(str(line)) == normal_address(wanted) and line.params.get("CN")),
        None,
    )
    return wanted, str(named.params["CN"]).strip() if named is not None else None


def _stamp(value: Any, sent: datetime | None) -> datetime:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return sent if sent is not None else _EPOCH


def _day(value: Any) -> date | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment.date()
    return moment if isinstance(moment, date) else None


def _int(value: Any) -> int:
    try:
        return int(value) if value is not None else 0
    except (TypeError, ValueError):
        return 0
