"""Sending the agenda or the minutes by e-mail, never twice: plan → prepare → deliver → record.

- **plan**: load the forum through the gate, pick the meeting, list the recipients (members on the day of
  the meeting, then the meeting's ad hoc participants) and read the forum's send log, which says who has
  the document already. When sending, all of this happens under the forum's lock.
- **prepare**: build the document as it will be once sent, its PDF (and for an agenda the meeting as an
  .ics file), and one message per recipient still to get it. This is the dry run's listing.
- **deliver**: one SMTP transaction per recipient; every message the server accepts is written to the
  send log at once, before the next one is tried. A refused recipient is reported and the others go on;
  a lost connection or a log that cannot be written stops the run at once.
- **record**: when every recipient has it, the meeting file records the document as sent.

`send_document` runs the whole workflow and returns a `SendResult`; it reports what happens while it
happens through `progress` (warnings, the listing, each delivery). Nothing here reads the clock, the
environment or the terminal: the caller passes `today`, a `clock`, the environment, and may pass its own
SMTP transport (`connect`) and PDF renderer. A refusal is a `DriftsforumError` whose Danish message says
what was sent (nothing, or exactly to whom) and what to do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from driftsforum_cli.danish import DOCUMENT_DEFINITE, DOCUMENT_PRONOUN, plural
from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.domain.mailing import Recipient, RecipientList, SendPlan, SentRecord, Skipped, SmtpSettings
from driftsforum_cli.errors import UsageError, UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import MeetingDocument
    from driftsforum_cli.domain.lifecycle import Edit
    from driftsforum_cli.domain.repository import ForumFiles, Repository
    from driftsforum_cli.loader import Loaded
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.render.email import Attachment, Outgoing, Sender
    from driftsforum_cli.sendlog import SendLog


# --- what the caller passes in --------------------------------------------------------------------------


class Transport(Protocol):
    """An open connection to a mail server: `with connect(settings) as server: server.deliver(…)`.

    `deliver` raises `smtp.Refused` when the server will not take this one message (the next may be
    tried) and `smtp.ConnectionLost` when nothing more can be sent in this run. `SmtpConnection` is the
    real one."""

    def __enter__(self) -> Transport: ...

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None: ...

    def deliver(self, sender: str, recipient: str, data: bytes) -> object: ...


Connect = Callable[[SmtpSettings], Transport]
Clock = Callable[[], datetime]
RenderPdf = Callable[["MeetingDocument", Path], bytes]


# --- what happens, as it happens ------------------------------------------------------------------------


@dataclass(frozen=True)
class Warned:
    """Something the secretary should know; the run goes on. `text` is a Danish sentence."""

    text: str


@dataclass(frozen=True)
class Ready:
    """The messages are built (the dry run's listing); sending, if asked for, starts now."""

    prepared: Prepared


@dataclass(frozen=True)
class Delivered:
    """The server accepted the message, and the send log records it."""

    recipient: Recipient
    record: SentRecord


@dataclass(frozen=True)
class NotDelivered:
    """The server refused this message (`reason` is Danish); the others go on."""

    recipient: Recipient
    reason: str


Event = Warned | Ready | Delivered | NotDelivered
Progress = Callable[[Event], None]


# --- the stages' results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Who should get the document, and what the send log says they have."""

    repo: Repository
    files: ForumFiles
    meeting: Loaded[Meeting]
    kind: DocumentKind
    today: date
    recipients: RecipientList
    log: Path
    log_name: str  # the log as the user sees it
    records: list[SentRecord]  # everything the log records for this forum
    problems: list[str]  # log lines that cannot be read ('linje 7: …')
    sending: SendPlan

    @property
    def model(self) -> Meeting:
        assert self.meeting.model is not None  # the gate refuses forums with errors
        return self.meeting.model

    @property
    def recorded(self) -> date | None:
        """The day the meeting file records the document as sent."""
        from driftsforum_cli.domain.mailing import recorded_sent

        return recorded_sent(self.model, self.kind)


@dataclass(frozen=True)
class Prepared:
    """The messages for the recipients still to get the document: what the dry run lists."""

    kind: DocumentKind
    forum_name: str
    meeting: date
    sender: Sender
    example_sender: bool  # driftsforum.yaml has no 'email' settings: the sender is only an example
    attachments: list[Attachment]
    outgoing: list[Outgoing]
    digest: str  # which version of the document this is ('sha256:…')
    already: int  # recipients the log records as sent; they do not get it again
    total: int  # every current recipient
    log: str  # the send log as the user sees it
    changed: bool  # the document is not the one the first recipients got
    settings: SmtpSettings | None  # the server, when sending

    @property
    def subject(self) -> str:
        return str(self.outgoing[0].message["Subject"]) if self.outgoing else ""


class Outcome(StrEnum):
    ALREADY_RECORDED = "already-recorded"  # the meeting file records it as sent: nothing is sent
    ALREADY_SENT = "already-sent"  # the log says every recipient has it: nothing is sent
    DRY_RUN = "dry-run"  # the listing only: nothing sent, nothing recorded
    EML = "eml"  # one .eml file per recipient written: nothing sent, nothing recorded
    SENT = "sent"  # sent to every recipient still to get it


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    kind: DocumentKind
    meeting_file: str  # as the user sees it
    log: str  # the send log as the user sees it
    total: int  # current recipients
    done_before: int  # current recipients the log recorded as sent before this run
    skipped: list[Skipped]  # who cannot get it by e-mail, and why
    warnings: list[str] = field(default_factory=list)
    prepared: Prepared | None = None  # the listing (dry run, .eml, sending)
    delivered: list[SentRecord] = field(default_factory=list)  # sent in this run
    written: list[Path] = field(default_factory=list)  # .eml files
    sent_on: date | None = None  # the day the meeting file records it as sent, after the run
    meeting_updated: bool = False  # this run recorded the sending in the meeting file


# --- refusals ------------------------------------------------------------------------------------------


class SendAndEml(UsageError):
    def __init__(self) -> None:
        super().__init__("brug enten --send (send nu) eller --eml MAPPE (send selv fra Outlook), ikke begge")


class SendRefused(UserError):
    """The run stopped before the first message: nothing is sent and nothing is recorded."""


class Stopped(UserError):
    """The run stopped part-way; `delivered` are the messages the server accepted (all in the log)."""

    def __init__(self, message: str, delivered: Sequence[SentRecord]) -> None:
        super().__init__(message)
        self.delivered = list(delivered)


class ConnectionLostPartWay(Stopped):
    def __init__(self, message: str, delivered: Sequence[SentRecord], uncertain: Recipient | None) -> None:
        super().__init__(message, delivered)
        #: The connection went while this recipient's message was delivered: it may have arrived.
        self.uncertain = uncertain


class RecipientsRefused(Stopped):
    def __init__(self, message: str, delivered: Sequence[SentRecord], refused: Sequence[tuple[Recipient, str]]) -> None:
        super().__init__(message, delivered)
        self.refused = list(refused)


class LogAppendFailed(Stopped):
    """The server accepted a message, but the send log could not record it: the run stops at once."""

    def __init__(self, message: str, delivered: Sequence[SentRecord], record: SentRecord) -> None:
        super().__init__(message, delivered)
        #: The line the log is missing: the recipient has the document.
        self.record = record


class RecordFailed(UserError):
    """Every recipient has the document, but the meeting file could not record it."""


# --- the workflow ---------------------------------------------------------------------------------------


def send_document(
    root: Path,
    forum_id: str,
    kind: DocumentKind,
    meeting: date,
    *,
    today: date,
    clock: Clock,
    environ: Mapping[str, str],
    send: bool = False,
    eml: Path | None = None,
    connect: Connect | None = None,
    render_pdf: RenderPdf | None = None,
    progress: Progress | None = None,
) -> SendResult:
    """Send (`send`), write .eml drafts (`eml`) or, with neither, list what would be sent (the dry run).
    `today` is the day the document counts as sent; `clock` gives the moment of each message."""
    from driftsforum_cli.sendlog import SendLog, log_path
    from driftsforum_cli.services.gate import open_forum

    if send and eml is not None:
        raise SendAndEml()
    warnings: list[str] = []

    def warn(text: str) -> None:
        warnings.append(text)
        if progress is not None:
            progress(Warned(text))

    repo, files = open_forum(root, forum_id, today, f"{DOCUMENT_DEFINITE[kind]} sendes")
    path = log_path(files.folder)
    with SendLog(path) if send else contextlib.nullcontext() as log:
        plan = make_plan(repo, files, kind, meeting, today, path)  # the log is read under the lock
        if plan.problems and send:
            raise SendRefused(
                f"{plan.log_name} har linjer, der ikke kan læses ({'; '.join(plan.problems[:3])}). Loggen siger, "
                "hvem der har fået hvad; ret den, før der sendes mere (linjer må kun tilføjes)."
            )
        for problem in plan.problems:
            warn(f"{plan.log_name} {problem}")
        for skipped in plan.recipients.skipped:
            warn(_skipped(skipped, kind))

        base = SendResult(
            Outcome.DRY_RUN,
            kind,
            plan.meeting.display,
            plan.log_name,
            plan.sending.total,
            len(plan.sending.done),
            plan.recipients.skipped,
            warnings,
        )
        if plan.recorded is not None:
            return replace(base, outcome=Outcome.ALREADY_RECORDED, sent_on=plan.recorded)
        if not plan.recipients.recipients:
            raise SendRefused(
                "ingen af forummets medlemmer eller mødets ad hoc-deltagere har en gyldig e-mailadresse; "
                "intet at sende. Tilføj adresserne i members.yaml eller mødefilen."
            )
        if not plan.sending.remaining:
            completed = plan.sending.completed_on()
            if completed is not None and log is not None:
                record(plan, completed)
                return replace(base, outcome=Outcome.ALREADY_SENT, sent_on=completed, meeting_updated=True)
            return replace(base, outcome=Outcome.ALREADY_SENT)
        check_step(plan)
        if kind == "minutes":
            from driftsforum_cli.domain.lifecycle import minutes_gaps

            for gap in minutes_gaps(plan.model):
                warn(f"{plan.meeting.display}: {gap}")
        prepared = prepare(plan, send=send, eml=eml is not None, environ=environ, clock=clock, render_pdf=render_pdf)
        if prepared.example_sender:
            warn("driftsforum.yaml har ingen 'email'-indstillinger; afsenderen nedenfor er kun et eksempel.")
        if progress is not None:
            progress(Ready(prepared))
        if eml is not None:
            return replace(base, outcome=Outcome.EML, prepared=prepared, written=write_eml(eml, prepared.outgoing))
        if log is None:
            return replace(base, prepared=prepared)
        delivered = deliver(plan, prepared, log, connect=connect, clock=clock, progress=progress)
        after = _plan_after(plan, delivered)
        completed = after.completed_on()
        if completed is not None:
            record(plan, completed)
        return replace(
            base,
            outcome=Outcome.SENT,
            prepared=prepared,
            delivered=delivered,
            sent_on=completed,
            meeting_updated=completed is not None,
        )


def _skipped(skipped: Skipped, kind: DocumentKind) -> str:
    where = "mødefilen (ad hoc)" if skipped.source == "ad hoc" else f"members.yaml, pladsen '{skipped.source}'"
    return f"{skipped.name} får {DOCUMENT_PRONOUN[kind]} ikke med e-mail: {skipped.reason} ({where})."


def make_plan(repo: Repository, files: ForumFiles, kind: DocumentKind, wanted: date, today: date, log: Path) -> Plan:
    """Stage 1: the meeting, its recipients and what the log says they have (nothing is built or sent)."""
    from driftsforum_cli.domain.documents import pick_meeting
    from driftsforum_cli.domain.mailing import plan_sending, recipients
    from driftsforum_cli.sendlog import read_log
    from driftsforum_cli.workspace import display_path

    meeting = pick_meeting(files, wanted, today)
    loaded = next(item for item in files.meetings if item.model is meeting)
    if meeting.cancelled:
        raise SendRefused(f"{loaded.display}: mødet er aflyst; der sendes ikke {DOCUMENT_DEFINITE[kind]}")
    assert files.members.model is not None  # the gate refuses forums with errors
    listing = recipients(files.members.model.seats, meeting, today)
    contents = read_log(log, files.id)
    sending = plan_sending(files.id, meeting.date, kind, listing.recipients, contents.records)
    return Plan(
        repo, files, loaded, kind, today, listing, log, display_path(log), contents.records, contents.problems, sending
    )


def check_step(plan: Plan) -> None:
    """Refuse before anything is sent if the meeting file could not record the sending afterwards."""
    from driftsforum_cli.domain import lifecycle

    try:
        _sent_edits(plan, plan.today)
    except lifecycle.StepError as exc:
        raise SendRefused(f"{plan.meeting.display}: {exc.message}; intet er sendt") from None


def _sent_edits(plan: Plan, on: date) -> list[Edit]:
    """The meeting file's change that records the document as sent `on`; StepError if it does not fit."""
    from driftsforum_cli.domain import lifecycle

    return (lifecycle.agenda_sent if plan.kind == "agenda" else lifecycle.minutes_sent)(plan.model, on)


def prepare(
    plan: Plan,
    *,
    send: bool,
    eml: bool,
    environ: Mapping[str, str],
    clock: Clock,
    render_pdf: RenderPdf | None = None,
) -> Prepared:
    """Stage 2: the document as it will be once sent, its attachments, and one message per recipient
    still to get it. With `send`, the SMTP settings too (refused here, before anything is sent)."""
    from driftsforum_cli.domain.deadlines import meeting_events
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.domain.mailing import MailingError, as_sent, smtp_settings
    from driftsforum_cli.render.documents import render_html
    from driftsforum_cli.render.email import (
        Sender,
        build_messages,
        document_digest,
        meeting_invitation,
        pdf_attachment,
    )

    if render_pdf is None:
        from driftsforum_cli.render.documents import render_pdf as weasyprint_pdf

        render_pdf = weasyprint_pdf

    root, kind, today = plan.repo.root, plan.kind, plan.today
    config = plan.repo.config.model.email if plan.repo.config.model else None
    if config is None and (send or eml):
        raise SendRefused(
            "driftsforum.yaml har ingen 'email'-indstillinger (afsender og SMTP-server); tilføj dem, se README"
        )
    settings = None
    if send:
        assert config is not None
        try:
            settings = smtp_settings(config, environ)
        except MailingError as exc:
            raise SendRefused(f"{exc.message}; intet er sendt") from None

    sent_files, sent_meeting = as_sent(plan.files, plan.model, kind, today)
    doc = build_document(kind, sent_files, sent_meeting, plan.repo.calendar, today)
    now = clock()
    attachments = [pdf_attachment(doc, render_pdf(doc, root))]
    if kind == "agenda":
        events = meeting_events(doc.forum, sent_meeting, plan.repo.calendar, today)
        attachments.append(meeting_invitation(doc, events, now))
    digest = document_digest(render_html(doc, root))
    if config is not None:
        sender = Sender.from_config(config)
    else:
        example = "sekretariatet@example.invalid"
        sender = Sender(example, f"Sekretariatet for {doc.forum.name}", example)
    outgoing = build_messages(doc, plan.sending.remaining, sender, attachments, root, now)
    earlier = plan.sending.documents_sent() - {""}
    return Prepared(
        kind=kind,
        forum_name=doc.forum.name,
        meeting=plan.model.date,
        sender=sender,
        example_sender=config is None,
        attachments=attachments,
        outgoing=outgoing,
        digest=digest,
        already=len(plan.sending.done),
        total=plan.sending.total,
        log=plan.log_name,
        changed=bool(plan.sending.done) and bool(earlier) and digest not in earlier,
        settings=settings,
    )


def deliver(
    plan: Plan,
    prepared: Prepared,
    log: SendLog,
    *,
    clock: Clock,
    connect: Connect | None = None,
    progress: Progress | None = None,
) -> list[SentRecord]:
    """Stage 3: one transaction per message; each accepted message is in the log before the next is tried.
    Returns the records of this run; raises a `Stopped` error that says who has it if the run cannot
    finish."""
    from driftsforum_cli.sendlog import SendLogError
    from driftsforum_cli.smtp import ConnectionLost, Refused

    if connect is None:
        from driftsforum_cli.smtp import SmtpConnection

        connect = SmtpConnection
    assert prepared.settings is not None
    log.open()  # a log that cannot be written stops the run here, before the first message
    outgoing, sender = prepared.outgoing, prepared.sender
    what, it = DOCUMENT_DEFINITE[plan.kind], DOCUMENT_PRONOUN[plan.kind]
    records: list[SentRecord] = []
    refused: list[tuple[Recipient, str]] = []
    current: Recipient | None = None
    try:
        with connect(prepared.settings) as server:
            for item in outgoing:
                current = item.recipient
                try:
                    server.deliver(sender.address, current.address, item.as_bytes())
                except Refused as exc:
                    refused.append((current, exc.message))
                    if progress is not None:
                        progress(NotDelivered(current, exc.message))
                    continue
                record = SentRecord(
                    forum=plan.sending.forum,
                    meeting=plan.sending.meeting,
                    kind=plan.kind,
                    address=current.address,
                    name=current.name,
                    message_id=item.message_id,
                    sent_at=clock(),
                    date=plan.today,
                    document=prepared.digest,
                )
                try:
                    log.append(record)
                except SendLogError as exc:
                    raise _log_append_failed(plan, record, records, exc.message) from None
                records.append(record)
                if progress is not None:
                    progress(Delivered(current, record))
                current = None
    except ConnectionLost as exc:
        left = len(outgoing) - len(records)
        sent = f"{len(records)} af {len(outgoing)} er sendt"
        if records:
            sent += f" og registreret i {plan.log_name}"
        rest = "den resterende" if left == 1 else f"de {left} resterende"
        message = (
            f"{exc.message}. {sent}. Kør kommandoen igen for at sende til {rest}; de, der har fået {what}, "
            f"får {it} ikke igen."
        )
        uncertain = current if exc.uncertain else None
        if uncertain is not None:
            message += (
                f" Forbindelsen blev afbrudt, mens beskeden til {_who(uncertain)} blev afleveret; den kan være nået "
                "frem og sendes igen ved næste kørsel."
            )
        raise ConnectionLostPartWay(message, records, uncertain) from None
    if refused:
        listed = "; ".join(f"{_who(recipient)}: {reason}" for recipient, reason in refused)
        raise RecipientsRefused(
            f"{len(records)} af {len(outgoing)} er sendt; {len(refused)} blev afvist af serveren: {listed}. "
            f"Ret adressen i members.yaml eller mødefilen, og kør kommandoen igen; de, der har fået {what}, "
            f"får {it} ikke igen.",
            records,
            refused,
        )
    return records


def _who(recipient: Recipient) -> str:
    return f"{recipient.name} <{recipient.address}>"


def _log_append_failed(plan: Plan, record: SentRecord, before: list[SentRecord], reason: str) -> LogAppendFailed:
    from driftsforum_cli.sendlog import to_json

    what, it = DOCUMENT_DEFINITE[plan.kind], DOCUMENT_PRONOUN[plan.kind]
    earlier = f"; {plural(len(before), 'modtager', 'modtagere')} fik {it} før og står i loggen" if before else ""
    return LogAppendFailed(
        f"{what} er sendt til {record.name} <{record.address}>, men det kunne ikke skrives i {plan.log_name} "
        f"({reason}). Der er stoppet her{earlier}. Ret loggen, så den er en almindelig fil med alle linjer, og "
        f"tilføj denne linje sidst, før kommandoen køres igen, ellers får {record.name} {it} to gange: "
        f"{to_json(record)}",
        before,
        record,
    )


def _plan_after(plan: Plan, delivered: list[SentRecord]) -> SendPlan:
    from driftsforum_cli.domain.mailing import plan_sending

    return plan_sending(
        plan.sending.forum, plan.sending.meeting, plan.kind, plan.recipients.recipients, plan.records + delivered
    )


def record(plan: Plan, on: date) -> None:
    """Stage 4: every recipient has it; the meeting file records the document as sent `on`."""
    from driftsforum_cli.domain import lifecycle
    from driftsforum_cli.editing import EditError, apply_edits
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.services.fingerprints import record_fingerprint

    why = f"alle har fået {DOCUMENT_PRONOUN[plan.kind]}, men {plan.meeting.display} kan ikke opdateres"
    try:
        apply_edits(plan.meeting.path, _sent_edits(plan, on), Meeting, plan.meeting.display)
    except lifecycle.StepError as exc:
        raise RecordFailed(f"{why}: {exc.message}") from None
    except EditError as exc:  # its message starts with the file's name, which `why` has already said
        raise RecordFailed(f"{why}: {exc.message.removeprefix(plan.meeting.display + ': ')}") from None
    except OSError as exc:
        raise RecordFailed(f"{why}: {exc.strerror or exc}") from None
    record_fingerprint(plan.repo.root, plan.files.id, plan.kind, plan.model.date, "sent", on)


def write_eml(folder: Path, outgoing: Sequence[Outgoing]) -> list[Path]:
    """One .eml draft per recipient, for sending from Outlook; nothing is sent or recorded."""
    from driftsforum_cli.files import OverwriteRefused, write_generated
    from driftsforum_cli.render.email import eml_name

    files = {folder / eml_name(index, item.recipient): item.as_eml() for index, item in enumerate(outgoing, start=1)}
    try:
        write_generated(files)
    except OverwriteRefused as exc:
        which = "den" if len(exc.paths) == 1 else "dem"
        raise UserError(
            f"{', '.join(str(path) for path in exc.paths[:5])} er ændret, siden driftsforum skrev {which} (eller er ikke "
            "skrevet af driftsforum); intet er overskrevet"
        ) from None
    except OSError as exc:
        raise UserError(f"{folder} kan ikke skrives: {exc.strerror or exc}") from None
    return list(files)
