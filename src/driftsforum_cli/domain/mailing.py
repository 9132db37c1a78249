"""Sending agendas and minutes by e-mail: who gets them, what is left to send, and the SMTP settings.

Pure: the members, the meeting, what the send log records and the environment are passed in.

"The same message" is one version (`Version`: the agenda, update N of the agenda, the minutes, the revised
minutes, the cancellation) of one meeting of one forum to one address. A recipient the log records as sent
is never sent that version again, even if the meeting file changed since; a run after a completed send
sends nothing. A new version (a recorded agenda update, the revised minutes) goes to everyone.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from driftsforum_cli.danish import DOCUMENT_DEFINITE, DOCUMENT_PRONOUN, DOCUMENT_TITLES
from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.seats import holder_on, vacant_label
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.common import check_email
from driftsforum_cli.models.config import Email
from driftsforum_cli.models.meeting import AgendaUpdate

Security = Literal["starttls", "tls", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "tls", "none")

PASSWORD_ENV = "DRIFTSFORUM_SMTP_PASSWORD"
HOST_ENV = "DRIFTSFORUM_SMTP_HOST"
PORT_ENV = "DRIFTSFORUM_SMTP_PORT"
USER_ENV = "DRIFTSFORUM_SMTP_USER"
SECURITY_ENV = "DRIFTSFORUM_SMTP_SECURITY"


#: What a send log line is about: a meeting's document, or a reminder (`driftsforum remind`).
MessageKind = Literal["agenda", "minutes", "reminder"]


class MailingError(UserError):
    """Sending cannot go ahead; the message is Danish and says what to do."""


# --- recipients -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str  # as it is sent: the domain in ASCII (IDNA)
    source: str  # the seat's id, or 'ad hoc'
    organisation: str | None = None

    @property
    def key(self) -> str:
        """The address as the send log compares it (mail systems treat addresses case-insensitively)."""
        return self.address.lower()

    @property
    def ad_hoc(self) -> bool:
        return self.source == "ad hoc"


#: Why a vacant seat gets nothing (the warning words it on its own: 'Pladsen for Læsø Kommune er ledig, …').
VACANT_REASON = "pladsen er ledig"


@dataclass(frozen=True)
class Skipped:
    """Someone who should have had the document but cannot get it by e-mail, and why."""

    name: str
    source: str
    reason: str
    organisation: str | None = None


@dataclass(frozen=True)
class RecipientList:
    recipients: list[Recipient]
    skipped: list[Skipped]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def normalise_address(text: str) -> str:
    """A validated address as it can be sent over SMTP without extensions: the domain in IDNA (hjørring.dk →
    xn--hjrring-…), the local part ASCII. Raises ValueError with a Danish reason."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    value = text.strip()
    check_email(value)
    if any(character in value for character in '<>(),;:"[]\\ '):
        raise ValueError(f"'{value}' er ikke en gyldig e-mailadresse")
    local, _, domain = value.rpartition("@")
    if not local.isascii():
        raise ValueError(f"'{value}' har æ, ø, å eller andre tegn før @, som mange postservere ikke modtager")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"'{value}' har et ugyldigt domæne efter @") from None
    address = f"{local}@{ascii_domain}"
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError, HeaderParseError):
        raise ValueError(f"'{value}' er ikke en gyldig e-mailadresse") from None
    if parsed.addr_spec != address:
        raise ValueError(f"'{value}' er ikke en gyldig e-mailadresse")
    return address


def recipients(seats: Sequence[Seat], meeting: Meeting, on: date | None = None) -> RecipientList:
    """The forum's seats on the day of the meeting, each to the person who holds it on `on` (the day of
    the sending; None: the meeting's day), then the meeting's ad hoc participants. Vacant seats, people
    without an address and invalid addresses are reported, not dropped in silence; an address that
    appears twice gets the document once."""
    found: list[Recipient] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()

    def add(name: str, raw: str | None, source: str, organisation: str | None) -> None:
        if not raw:
            skipped.append(Skipped(name, source, "ingen e-mailadresse"))
            return
        try:
            address = normalise_address(raw)
        except ValueError as exc:
            skipped.append(Skipped(name, source, str(exc)))
            return
        recipient = Recipient(name, address, source, organisation)
        if recipient.key in seen:
            return
        seen.add(recipient.key)
        found.append(recipient)

    for seat in seats:
        if not seat.is_current(meeting.date):
            continue
        holder = holder_on(seat, on or meeting.date)
        if holder is None:
            skipped.append(Skipped(vacant_label(seat), seat.id, VACANT_REASON, seat.organisation))
            continue
        add(_one_line(holder.name), holder.email, seat.id, seat.organisation)
    guests = meeting.attendance.ad_hoc if meeting.attendance else []
    for guest in guests:
        add(_one_line(guest.name), guest.email, "ad hoc", guest.organisation)
    return RecipientList(found, skipped)


# --- what the log records, and what is left ---------------------------------------------------------


@dataclass(frozen=True)
class SentRecord:
    """One line of the send log: the server accepted the message for this address."""

    forum: str
    meeting: date
    kind: MessageKind
    address: str
    name: str
    message_id: str
    sent_at: datetime  # when the server accepted it (Europe/Copenhagen)
    date: date  # the day the document counts as sent (the run's --today)
    document: str  # 'sha256:…' of the document as sent (for the record; not part of the identity)
    version: str = ""  # Version.name: '' (the document), 'update-2', 'revised', 'cancellation'
    message: str = ""  # the message as sent, stored in the forum's folder ('sent-mail/…eml'); '' before it was
    message_sha256: str = ""  # 'sha256:…' of those bytes

    @property
    def key(self) -> str:
        return self.address.lower()


@dataclass(frozen=True)
class Version:
    """Which sending of a meeting's document: the send log keeps one entry per recipient and version."""

    kind: DocumentKind
    name: str = ""  # '' | 'update-N' | 'revised' | 'cancellation' (the send log's 'version')
    sequence: int = 0  # the calendar file's SEQUENCE (agenda versions)
    note: str | None = None  # what changed (an update)

    @property
    def update(self) -> int | None:
        """N for update N of the agenda."""
        return int(self.name.removeprefix("update-")) if self.name.startswith("update-") else None

    @property
    def revised(self) -> bool:
        return self.name == "revised"

    @property
    def cancellation(self) -> bool:
        return self.name == "cancellation"

    @property
    def title(self) -> str:
        """'Dagsorden', 'Rettet dagsorden', 'Referat', 'Revideret referat', 'Aflysning'."""
        return self._words()[0]

    @property
    def definite(self) -> str:
        """'dagsordenen', 'den rettede dagsorden', 'referatet', 'det reviderede referat', 'aflysningen'."""
        return self._words()[1]

    def _words(self) -> tuple[str, str]:
        if self.cancellation:
            return "Aflysning", "aflysningen"
        if self.update is not None:
            return "Rettet dagsorden", "den rettede dagsorden"
        if self.revised:
            return "Revideret referat", "det reviderede referat"
        return DOCUMENT_TITLES[self.kind], DOCUMENT_DEFINITE[self.kind]

    @property
    def file_word(self) -> str:
        """'dagsorden', 'rettet-dagsorden-2', 'referat', 'revideret-referat', 'aflysning': in a draft's file name."""
        if self.update is not None:
            return f"rettet-dagsorden-{self.update}"
        return self._words()[0].lower().replace(" ", "-")

    @property
    def pronoun(self) -> str:
        return "den" if self.cancellation else DOCUMENT_PRONOUN[self.kind]


def agenda_update(meeting: Meeting, note: str | None) -> Version:
    """The update `send agenda --update` sends: a new one (N+1) for a new `note`, else the last one
    recorded under 'agenda_updates' (the same note again is the same update, never a second one)."""
    updates = meeting.agenda_updates
    if note is not None and note.strip() and (not updates or updates[-1].note != note.strip()):
        return Version("agenda", f"update-{len(updates) + 1}", len(updates) + 1, note.strip())
    if not updates:
        raise MailingError(
            "der er ingen rettelse at sende; sig, hvad der er ændret, med --note, fx --note 'nyt mødelokale'"
        )
    return Version("agenda", f"update-{len(updates)}", len(updates), updates[-1].note)


def cancellation(meeting: Meeting) -> Version:
    """The cancellation: its calendar SEQUENCE is above every update's."""
    return Version("agenda", "cancellation", len(meeting.agenda_updates) + 1)


@dataclass(frozen=True)
class SendPlan:
    forum: str
    meeting: date
    kind: DocumentKind
    remaining: list[Recipient]  # not yet sent
    done: list[tuple[Recipient, SentRecord]]  # current recipients the log records as sent
    former: list[SentRecord] = field(default_factory=list)  # sent to addresses no longer on the list

    @property
    def complete(self) -> bool:
        """Every current recipient has it (and there was someone to send to)."""
        return not self.remaining and bool(self.done)

    @property
    def total(self) -> int:
        return len(self.remaining) + len(self.done)

    def completed_on(self) -> date | None:
        """The day the last recipient got it, once everyone has."""
        if not self.complete:
            return None
        return max(record.date for _, record in self.done)

    def documents_sent(self) -> set[str]:
        return {record.document for _, record in self.done} | {record.document for record in self.former}


def plan_sending(
    forum: str,
    meeting: date,
    kind: DocumentKind,
    listing: Sequence[Recipient],
    records: Iterable[SentRecord],
    version: str = "",
) -> SendPlan:
    """Split the recipients into those the log records as sent (this version) and those still to send."""
    mine: dict[str, SentRecord] = {}
    for record in records:
        if record.forum == forum and record.meeting == meeting and record.kind == kind and record.version == version:
            mine.setdefault(record.key, record)  # the first acceptance is the one that counts
    remaining = [recipient for recipient in listing if recipient.key not in mine]
    done = [(recipient, mine[recipient.key]) for recipient in listing if recipient.key in mine]
    current = {recipient.key for recipient in listing}
    former = [record for key, record in mine.items() if key not in current]
    return SendPlan(forum, meeting, kind, remaining, done, former)


def recorded_sent(meeting: Meeting, kind: DocumentKind) -> date | None:
    """The day the meeting file records the document as sent."""
    return meeting.agenda_sent if kind == "agenda" else meeting.minutes.sent


def as_sent(
    files: ForumFiles, meeting: Meeting, version: Version | DocumentKind, on: date
) -> tuple[ForumFiles, Meeting]:
    """The forum with the meeting as it will be once this version is sent `on`, so the document shows
    "Dagsordenen er udsendt …", the minutes' deadline for comments counted from that day, or the day the
    revised minutes went out."""
    if isinstance(version, str):
        version = Version(version)
    minutes = meeting.minutes
    if version.revised:
        changed = meeting.model_copy(update={"minutes": minutes.model_copy(update={"revised_sent": on})})
    elif version.update is not None and version.update > len(meeting.agenda_updates):
        update = AgendaUpdate(date=on, note=version.note or "")  # a new update, as the meeting file will record it
        changed = meeting.model_copy(update={"agenda_updates": [*meeting.agenda_updates, update]})
    elif version.name:
        changed = meeting  # the last update again, or a cancellation
    elif version.kind == "agenda":
        changed = meeting.model_copy(update={"agenda_sent": on})
    else:
        changed = meeting.model_copy(update={"minutes": minutes.model_copy(update={"sent": on})})
    meetings = [replace(loaded, model=changed) if loaded.model is meeting else loaded for loaded in files.meetings]
    return replace(files, meetings=meetings), changed


# --- the SMTP server ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Security
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        """'smtp.example.org:587 (STARTTLS, bruger sekretariat)' – never the password."""
        how = {"starttls": "STARTTLS", "tls": "TLS", "none": "ukrypteret"}[self.security]
        who = f", bruger {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({how}{who})"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def smtp_settings(config: Email, environ: Mapping[str, str]) -> SmtpSettings:
    """The server from driftsforum.yaml, overridden by DRIFTSFORUM_SMTP_HOST/PORT/USER/SECURITY; the
    password only from DRIFTSFORUM_SMTP_PASSWORD."""
    host = environ.get(HOST_ENV, "").strip() or config.host
    port_text = environ.get(PORT_ENV, "").strip()
    port = config.port
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise MailingError(f"{PORT_ENV}='{port_text}' er ikke et portnummer (1–65535), fx 587")
        port = int(port_text)
    security_text = environ.get(SECURITY_ENV, "").strip().lower() or config.security
    if security_text not in SECURITIES:
        raise MailingError(f"{SECURITY_ENV}='{security_text}' skal være starttls, tls eller none")
    security: Security = "starttls" if security_text == "starttls" else "tls" if security_text == "tls" else "none"
    user = environ.get(USER_ENV, "").strip() or config.user or None
    password = environ.get(PASSWORD_ENV) or None
    if user and password is None:
        raise MailingError(
            f"SMTP-brugeren '{user}' kræver en adgangskode; sæt miljøvariablen {PASSWORD_ENV} "
            "(adgangskoden må aldrig stå i driftsforum.yaml eller i git)"
        )
    if password is not None and not user:
        raise MailingError(
            f"{PASSWORD_ENV} er sat, men der er intet brugernavn; angiv 'user' under 'email' i driftsforum.yaml "
            f"eller sæt {USER_ENV}"
        )
    if user and security == "none" and not is_loopback(host):
        raise MailingError(
            f"adgangskoden ville blive sendt ukrypteret til {host}; brug 'security: starttls' (port 587) "
            "eller 'security: tls' (port 465)"
        )
    return SmtpSettings(host, port, security, user, password)
