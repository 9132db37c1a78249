"""Replies to a meeting invitation as e-mail clients write them, built with the stdlib `email` library: the
calendar text as each client writes it (line folding, time zones, parameters in its own case) in the MIME
structure each client uses.

- Outlook: multipart/alternative (text/plain, text/html, text/calendar; method=REPLY) in base64, a Danish
  subject ('Afvist:', 'Accepteret:', 'Foreløbig:'); optionally inside multipart/mixed with winmail.dat.
- Gmail: multipart/mixed of multipart/alternative (text/plain, text/html, text/calendar; method=reply) and
  the same calendar again as the attachment invite.ics (application/ics, base64); DTSTART in UTC.
- Apple Mail: multipart/mixed of multipart/alternative (quoted-printable text and HTML) and the calendar as
  an inline text/calendar file (iCal-….ics) in quoted-printable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Literal

Client = Literal["outlook", "outlook-winmail", "gmail", "apple"]
SUBJECT_PREFIX = {"DECLINED": "Afvist", "ACCEPTED": "Accepteret", "TENTATIVE": "Foreløbig", "DELEGATED": "Videresendt"}


@dataclass(frozen=True)
class ReplySpec:
    uid: str
    address: str  # the attendee
    name: str
    partstat: str
    stamp: datetime
    sequence: int = 0
    sender: str | None = None  # From, when it is not the attendee's address
    delegate: tuple[str, str] | None = None  # address, name
    comment: str | None = None
    day: str = "20261124"
    organizer: str = "jette.eksempel@hjoerring.example.org"


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets (as every client does; Apple Mail folds long ATTENDEE lines)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    while data:
        size = 75 if not parts else 74
        cut = size
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    return "\r\n ".join(parts)


def calendar_text(spec: ReplySpec, client: Client, *, method: str = "REPLY") -> str:
    stamp = spec.stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if client == "gmail":
        start = [f"DTSTART:{spec.day}T120000Z", f"DTEND:{spec.day}T143000Z"]
        prodid = "-//Google Inc//Google Calendar 70.9054//EN"
    elif client == "apple":
        start = [f"DTSTART;TZID=Europe/Copenhagen:{spec.day}T130000", f"DTEND;TZID=Europe/Copenhagen:{spec.day}T153000"]
        prodid = "-//Apple Inc.//macOS 14.5//EN"
    else:
        start = [
            f'DTSTART;TZID="Romance Standard Time":{spec.day}T130000',
            f'DTEND;TZID="Romance Standard Time":{spec.day}T153000',
        ]
        prodid = "Microsoft Exchange Server 2010"
    attendee = f"ATTENDEE;PARTSTAT={spec.partstat};CN={spec.name}"
    if spec.delegate is not None:
        attendee += f":mailto:{spec.address}".replace(":mailto", f';DELEGATED-TO="mailto:{spec.delegate[0]}":mailto', 1)
    else:
        attendee += f":mailto:{spec.address}"
    if client == "apple":  # Apple writes the address in capitals and the parameters in its own order
        attendee = f'ATTENDEE;CN="{spec.name}";PARTSTAT={spec.partstat}:mailto:{spec.address.upper()}'
    lines = ["BEGIN:VCALENDAR", f"PRODID:{prodid}", "VERSION:2.0", f"METHOD:{method}"]
    if client.startswith("outlook"):
        lines += [
            "BEGIN:VTIMEZONE", "TZID:Romance Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]  # fmt: skip
    lines += [
        "BEGIN:VEVENT",
        attendee,
        *(
            [
                f'ATTENDEE;CN={spec.delegate[1]};DELEGATED-FROM="mailto:{spec.address}";PARTSTAT=NEEDS-ACTION:mailto:{spec.delegate[0]}'
            ]
            if spec.delegate
            else []
        ),
        f"ORGANIZER;CN=Jette Eksempel:mailto:{spec.organizer}",
        *([f"COMMENT;LANGUAGE=da-DK:{spec.comment}"] if spec.comment else []),
        "SUMMARY;LANGUAGE=da-DK:Driftsforum Nord: Møde",
        *start,
        f"UID:{spec.uid}",
        f"SEQUENCE:{spec.sequence}",
        f"DTSTAMP:{stamp}",
        "LOCATION:Hjørring Rådhus\\, mødelokale 2 (eksempel)",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def reply_message(spec: ReplySpec, client: Client) -> bytes:
    """The e-mail `client` sends for the reply `spec`, as the bytes of an .eml file."""
    prefix = SUBJECT_PREFIX[spec.partstat]
    body = f"{spec.name} har svaret på mødeindkaldelsen.\n" + (f"\n{spec.comment}\n" if spec.comment else "")
    html = f"<html><body><p>{spec.name} har svaret på mødeindkaldelsen.</p></body></html>"
    calendar = calendar_text(spec, client)
    message = EmailMessage(policy=policy.default)
    message["From"] = f"{spec.name} <{spec.sender or spec.address}>"
    message["To"] = f"Jette Eksempel <{spec.organizer}>"
    message["Date"] = format_datetime(spec.stamp.astimezone(UTC))
    message["Message-ID"] = f"<{spec.partstat.lower()}.{spec.stamp.timestamp():.0f}@{client}.example.org>"
    if client in ("outlook", "outlook-winmail"):
        message["Subject"] = f"{prefix}: Driftsforum Nord: Møde"
        message["Thread-Topic"] = "Driftsforum Nord: Møde"
        message.set_content(body, cte="base64")
        message.add_alternative(html, subtype="html", cte="base64")
        message.add_alternative(calendar, subtype="calendar", cte="base64", params={"method": "REPLY"})
        if client == "outlook-winmail":
            message.add_attachment(
                b"\x78\x9f\x3e\x22" + bytes(range(64)),
                maintype="application",
                subtype="ms-tnef",
                filename="winmail.dat",
            )
    elif client == "gmail":
        message["Subject"] = f"{prefix}: Driftsforum Nord: Møde @ tir. 24. nov. 2026 13.00 - 15.30 (CET)"
        message.set_content(body, cte="quoted-printable")
        message.add_alternative(html, subtype="html", cte="quoted-printable")
        message.add_alternative(calendar, subtype="calendar", cte="7bit" if calendar.isascii() else "base64",
                                params={"method": "reply"})  # fmt: skip
        message.add_attachment(
            calendar.encode("utf-8"), maintype="application", subtype="ics", filename="invite.ics", cte="base64"
        )
    else:
        message["Subject"] = f"{prefix}: Driftsforum Nord: Møde"
        message.set_content(body, cte="quoted-printable")
        message.add_alternative(html, subtype="html", cte="quoted-printable")
        message.make_mixed()
        part = EmailMessage(policy=policy.default)
        part.set_content(calendar, subtype="calendar", cte="quoted-printable", params={"method": "REPLY"},
                         disposition="inline", filename=f"iCal-{spec.stamp:%Y%m%d-%H%M%S}.ics")  # fmt: skip
        message.attach(part)
    return message.as_bytes()
