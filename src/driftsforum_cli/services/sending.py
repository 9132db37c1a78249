"""Sending the agenda or the minutes by e-mail, never twice: plan → prepare → deliver → record.

- **plan**: load the forum through the gate, pick the meeting, list the recipients (members on the day of
  the meeting, then the meeting's ad hoc participants) and read the forum's send log, which says who has
  the document already. When sending, all of this happens under the forum's lock.
- **prepare**: build the document as it will be once sent, its PDF (and for an agenda the meeting as an
  .ics file), and one message per recipient still to get it. This is the dry run's listing.
- **deliver**: one SMTP transaction per recipient; each message is kept exactly as sent (the forum's
  sent-mail/, sendlog.store_message) and logged "in flight" with its checksum before it is handed to the
  server, and as sent the moment the server accepts it, before the next one is tried. A refused
  recipient is reported and the others go on; a lost connection or a log that cannot be written stops the
  run at once.
- **record**: when every recipient has it, the meeting file records the document as sent.

A message whose fate is unknown (the run was killed, or the connection went, while the server had it) is
never sent again by itself: the next run names the recipient, sends to the others, and waits for the
secretary's decision (`uncertain`: 'resend' sends it again, 'confirm' records that it arrived).

Sending again is always on purpose: the send log keeps one entry per recipient and `Version` – the
agenda, update N of the agenda (`update`, with what changed), the minutes, the revised minutes
(`revised`), the cancellation of a cancelled meeting (`cancellation`) – so a rerun of the same version sends
nothing and a new version goes to everyone; `to` sends a version to the named seats only (a member who joined
after it went out). Ad hoc participants get the documents without the closed items.

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
from typing import TYPE_CHECKING, Literal, Protocol

from driftsforum_cli.danish import DOCUMENT_DEFINITE, long_date, plural, the_count
from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.domain.mailing import (
    VACANT_REASON,
    Recipient,
    RecipientList,
    SendPlan,
    SentRecord,
    Skipped,
    SmtpSettings,
    Version,
)
from driftsforum_cli.errors import UsageError, UserError
from driftsforum_cli.files import describe_os_error

if TYPE_CHECKING:
    from driftsforum_cli.domain.deadlines import Event as DeadlineEvent
    from driftsforum_cli.domain.documents import MeetingDocument
    from driftsforum_cli.domain.lifecycle import Edit
    from driftsforum_cli.domain.repository import ForumFiles, Repository
    from driftsforum_cli.loader import Loaded
    from driftsforum_cli.models import Meeting, Seat
    from driftsforum_cli.render.email import Attachment, Outgoing, Sender
    from driftsforum_cli.render.ics import Invitation
    from driftsforum_cli.sendlog import InFlight, SendLog


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
    version: Version
    to: tuple[str, ...]  # only these seats (`--to`); () for everyone
    log: Path
    log_name: str  # the log as the user sees it
    records: list[SentRecord]  # everything the log records for this forum
    problems: list[str]  # log lines that cannot be read ('linje 7: …')
    sending: SendPlan
    uncertain: list[InFlight] = field(default_factory=list)  # this version, to recipients still to get it
    hold: bool = True  # the uncertain recipients are not sent to in this run (no decision to send again)
    everyone: list[Recipient] = field(default_factory=list)  # every recipient of the meeting, also without --to

    @property
    def to_send(self) -> list[Recipient]:
        """The recipients this run sends to: those still to get it, less the uncertain ones it holds back."""
        held = {entry.key for entry in self.uncertain} if self.hold else set()
        return [recipient for recipient in self.sending.remaining if recipient.key not in held]

    @property
    def model(self) -> Meeting:
        assert self.meeting.model is not None  # the gate refuses forums with errors
        return self.meeting.model

    @property
    def recorded(self) -> date | None:
        """The day the meeting file records this version as sent (an update or a cancellation: never)."""
        from driftsforum_cli.domain.mailing import recorded_sent

        if self.version.revised:
            return self.model.minutes.revised_sent
        return recorded_sent(self.model, self.kind) if not self.version.name else None

    @property
    def records_step(self) -> bool:
        """Once everyone has it, the meeting file records the sending (not for `--to`, an update, a cancellation)."""
        return not self.to and self.version.name in ("", "revised")


@dataclass(frozen=True)
class Prepared:
    """The messages for the recipients still to get the document: what the dry run lists."""

    kind: DocumentKind
    version: Version
    forum_name: str
    meeting: date
    sender: Sender
    example_sender: bool  # driftsforum.yaml has no 'email' settings: the sender is only an example
    attachments: list[Attachment]
    outgoing: list[Outgoing]
    digest: str  # which version of the document this is ('sha256:…')
    guest_digest: str  # the ad hoc participants' copy (without closed items)
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
    meeting_updated: bool = False  # this run recorded the sending (or a new agenda update) in the meeting file
    sent_version: Version | None = None  # which sending (None: the document's first)
    records_step: bool = True  # the meeting file records this sending once everyone has it
    forum: str = ""  # the forum's id, for the commands the report suggests
    meeting: date | None = None

    @property
    def version(self) -> Version:
        return self.sent_version or Version(self.kind)


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


class UncertainRecipients(Stopped):
    """Messages whose fate is unknown wait for the secretary's decision; the others are sent (`delivered`)."""

    def __init__(self, message: str, delivered: Sequence[SentRecord], uncertain: Sequence[InFlight]) -> None:
        super().__init__(message, delivered)
        self.uncertain = list(uncertain)


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
    now: date | None = None,
    send: bool = False,
    eml: Path | None = None,
    connect: Connect | None = None,
    render_pdf: RenderPdf | None = None,
    progress: Progress | None = None,
    revised: bool = False,
    update: bool = False,
    note: str | None = None,
    cancellation: bool = False,
    to: Sequence[str] = (),
    force: bool = False,
    uncertain: Decision | None = None,
) -> SendResult:
    """Send (`send`), write .eml drafts (`eml`) or, with neither, list what would be sent (the dry run).
    `today` is the day the document counts as sent; `clock` gives the moment of each message.

    `revised` (minutes): the revised minutes, recorded as `minutes mark-revised` records them. `update`
    (agenda): a corrected agenda; `note` says what changed and makes it a new update (recorded under
    'agenda_updates' when sending starts), without it the last recorded update is sent. `cancellation`: the
    cancellation of a cancelled meeting (`kind` is 'agenda'). `to`: only these seats. `force`: send minutes
    that lack attendance, minute taker or decisions. `uncertain`: what to do with the messages whose fate
    the log does not know ('resend' or 'confirm'; None: hold them back and name them)."""
    from driftsforum_cli.sendlog import SendLog, log_path
    from driftsforum_cli.services.gate import open_forum

    if send and eml is not None:
        raise SendAndEml()
    _check_options(kind, revised=revised, update=update, note=note, cancellation=cancellation)
    warnings: list[str] = []

    def warn(text: str) -> None:
        warnings.append(text)
        if progress is not None:
            progress(Warned(text))

    purpose = "aflysningen sendes" if cancellation else f"{DOCUMENT_DEFINITE[kind]} sendes"
    repo, files = open_forum(root, forum_id, today, purpose, now)
    path = log_path(files.folder)
    with SendLog(path) if send else contextlib.nullcontext() as log:
        if log is not None:  # read again under the lock: what is recorded is checked against the file as it is now
            repo, files = open_forum(root, forum_id, today, purpose, now)
        chosen = choose_version(files, kind, meeting, today, revised, update, note, cancellation)
        plan = make_plan(repo, files, kind, meeting, today, path, chosen, tuple(to))  # read under the lock
        if plan.problems and send:
            raise SendRefused(
                f"{plan.log_name} har linjer, der ikke kan læses ({'; '.join(plan.problems[:3])}). Loggen siger, "
                "hvem der har fået hvad; ret den, før der sendes mere (linjer må kun tilføjes)."
            )
        for problem in plan.problems:
            warn(f"{plan.log_name} {problem}")
        for skipped in plan.recipients.skipped:
            warn(_skipped(skipped, plan.version))

        base = SendResult(
            Outcome.DRY_RUN,
            kind,
            plan.meeting.display,
            plan.log_name,
            plan.sending.total,
            len(plan.sending.done),
            plan.recipients.skipped,
            warnings,
            sent_version=plan.version,
            records_step=plan.records_step,
            forum=plan.files.id,
            meeting=plan.meeting.model.date if plan.meeting.model is not None else None,
        )
        if plan.recorded is not None and not plan.to:
            return replace(base, outcome=Outcome.ALREADY_RECORDED, sent_on=plan.recorded)
        if not plan.recipients.recipients:
            raise SendRefused(
                "ingen af forummets medlemmer eller mødets ad hoc-deltagere har en gyldig e-mailadresse; "
                "intet at sende. Tilføj adresserne i members.yaml eller mødefilen."
            )
        if not plan.sending.remaining:
            completed = plan.sending.completed_on()
            if completed is not None and log is not None and plan.records_step:
                record(plan, completed)
                return replace(base, outcome=Outcome.ALREADY_SENT, sent_on=completed, meeting_updated=True)
            return replace(base, outcome=Outcome.ALREADY_SENT)
        if plan.uncertain and uncertain is not None:
            for entry in plan.uncertain:
                warn(_uncertain_text(plan, entry, uncertain))
            if log is not None:
                settle_uncertain(plan, log, uncertain, clock)  # under the lock; then read the log again
                plan = make_plan(repo, files, kind, meeting, today, path, chosen, tuple(to))
                base = replace(base, done_before=len(plan.sending.done))
                if not plan.sending.remaining:
                    completed = plan.sending.completed_on() if plan.records_step else None
                    if completed is not None:
                        record(plan, completed)
                    return replace(
                        base, outcome=Outcome.ALREADY_SENT, sent_on=completed, meeting_updated=completed is not None
                    )
        elif uncertain is not None:
            warn(
                f"ingen modtagere venter på en afgørelse om {plan.version.definite}; --{uncertain}-uncertain gør intet."
            )
        else:
            for entry in plan.uncertain:
                warn(_uncertain_text(plan, entry, None))
        plan = replace(plan, hold=uncertain != "resend")
        if not plan.to_send:
            if uncertain is None:
                raise UncertainRecipients(_undecided(plan, []) + " Intet er sendt.", [], plan.uncertain)
            return base  # a dry run: --send records the decision
        if plan.records_step:
            check_step(plan)
        check_ready(plan, force, warn)
        prepared = prepare(plan, send=send, eml=eml is not None, environ=environ, clock=clock, render_pdf=render_pdf)
        if prepared.example_sender:
            warn("driftsforum.yaml har ingen 'email'-indstillinger; afsenderen nedenfor er kun et eksempel.")
        if progress is not None:
            progress(Ready(prepared))
        if eml is not None:
            return replace(
                base,
                outcome=Outcome.EML,
                prepared=prepared,
                written=write_eml(eml, prepared.outgoing, _draft_prefix(plan)),
            )
        if log is None:
            return replace(base, prepared=prepared)
        updated = record_update(plan)
        delivered = deliver(plan, prepared, log, connect=connect, clock=clock, progress=progress)
        after = _plan_after(plan, delivered)
        completed = after.completed_on() if plan.records_step else None
        if completed is not None:
            record(plan, completed)
        if plan.uncertain and plan.hold:
            raise UncertainRecipients(_undecided(plan, delivered), delivered, plan.uncertain)
        return replace(
            base,
            outcome=Outcome.SENT,
            prepared=prepared,
            delivered=delivered,
            sent_on=completed,
            meeting_updated=completed is not None or updated,
        )


Decision = Literal["resend", "confirm"]


def _when(entry: InFlight) -> str:
    from driftsforum_cli.danish import clock as clock_text

    return f"{long_date(entry.at.date())} kl. {clock_text(entry.at.time())}"


def _uncertain_text(plan: Plan, entry: InFlight, decision: Decision | None) -> str:
    """The warning that names a recipient whose message may or may not have arrived."""
    who = _who(entry)
    what, it = plan.version.definite, plan.version.pronoun
    if decision == "resend":
        return f"{what} sendes igen til {who} (--resend-uncertain); {entry.name} kan få {it} to gange."
    if decision == "confirm":
        return f"{who} registreres som modtager af {what} (--confirm-uncertain) og får {it} ikke igen."
    return (
        f"det er usikkert, om {what} nåede frem til {who}: beskeden blev afleveret til SMTP-serveren "
        f"{_when(entry)}, men driftsforum eller forbindelsen blev afbrudt, før serveren svarede. {entry.name} får "
        f"{it} ikke igen, før du har besluttet det."
    )


def _undecided(plan: Plan, delivered: Sequence[SentRecord]) -> str:
    """Why the run ends with exit 1: who waits for a decision, and the two ways to decide."""
    what, it = plan.version.definite, plan.version.pronoun
    sent = (
        f"{what.capitalize()} er sendt til {plural(len(delivered), 'modtager', 'modtagere')} og registreret i "
        f"{plan.log_name}, men det"
        if delivered
        else "Det"
    )
    names = ", ".join(_who(entry) for entry in plan.uncertain)
    them = "modtageren" if len(plan.uncertain) == 1 else "modtagerne"
    return (
        f"{sent} er usikkert, om {what} nåede frem til {names} (driftsforum eller forbindelsen blev afbrudt, mens "
        f"SMTP-serveren havde beskeden). Spørg {them}, og kør kommandoen igen med --confirm-uncertain, hvis {them} "
        f"har fået {it}, eller med --resend-uncertain for at sende {it} igen (risiko for to eksemplarer)."
    )


def settle_uncertain(plan: Plan, log: SendLog, decision: Decision, clock: Clock) -> None:
    """Write the secretary's decision on each uncertain message to the log: a `confirmed` record (it
    arrived), or a `resend` line (it is sent again in this run)."""
    from driftsforum_cli.sendlog import CONFIRMED, RESEND, Closed

    log.open()
    for entry in plan.uncertain:
        if decision == "confirm":
            log.append(entry.sent(entry.at, plan.today), CONFIRMED)
        else:
            log.close(Closed(RESEND, entry.forum, entry.address, entry.message_id, clock()))


def _check_options(kind: DocumentKind, *, revised: bool, update: bool, note: str | None, cancellation: bool) -> None:
    if revised and kind != "minutes":
        raise UsageError("--revised gælder kun referatet ('send minutes')")
    if (update or note is not None) and kind != "agenda":
        raise UsageError("--update og --note gælder kun dagsordenen ('send agenda')")
    if note is not None and not update:
        raise UsageError("--note bruges sammen med --update")
    if cancellation and (revised or update or kind != "agenda"):
        raise UsageError("en aflysning sendes med 'send cancellation' alene")


def choose_version(
    files: ForumFiles,
    kind: DocumentKind,
    wanted: date,
    today: date,
    revised: bool,
    update: bool,
    note: str | None,
    cancellation: bool,
) -> Version:
    """Which sending this is; refused when the meeting's record does not allow it."""
    from driftsforum_cli.domain import mailing
    from driftsforum_cli.domain.documents import pick_meeting

    meeting = pick_meeting(files, wanted, today)
    display = next(item.display for item in files.meetings if item.model is meeting)
    if cancellation:
        if not meeting.cancelled:
            raise SendRefused(
                f"{display}: mødet er ikke aflyst; sæt 'cancelled: true' i mødefilen, før aflysningen sendes"
            )
        return mailing.cancellation(meeting)
    if meeting.cancelled:
        raise SendRefused(
            f"{display}: mødet er aflyst, så {DOCUMENT_DEFINITE[kind]} sendes ikke. Send aflysningen med "
            f"'driftsforum send cancellation {files.id} {meeting.date.isoformat()}'"
        )
    if update:
        if meeting.agenda_sent is None:
            raise SendRefused(
                f"{display}: dagsordenen er ikke udsendt endnu, så der er intet at rette; send den med "
                f"'driftsforum send agenda {files.id} {meeting.date.isoformat()}'"
            )
        return mailing.agenda_update(meeting, note)
    if revised:
        if meeting.minutes.sent is None:
            raise SendRefused(
                f"{display}: referatet er ikke udsendt endnu; send det først med "
                f"'driftsforum send minutes {files.id} {meeting.date.isoformat()}'"
            )
        return Version("minutes", "revised")
    return Version(kind)


def _skipped(skipped: Skipped, version: Version) -> str:
    if skipped.source == "ad hoc":
        return (
            f"{skipped.name} (ad hoc-deltager) får {version.pronoun} ikke med e-mail: {skipped.reason}; tilføj "
            "adressen med 'minutes attendance … --ad-hoc \"Navn (Organisation) <e-mail>\"' eller som 'email' under "
            "attendance.ad_hoc i mødefilen."
        )
    where = f"members.yaml, pladsen '{skipped.source}'"
    if skipped.reason == VACANT_REASON:
        return f"Pladsen for {skipped.organisation} er ledig, så ingen får {version.definite} med e-mail ({where})."
    return f"{skipped.name} får {version.pronoun} ikke med e-mail: {skipped.reason} ({where})."


def make_plan(
    repo: Repository,
    files: ForumFiles,
    kind: DocumentKind,
    wanted: date,
    today: date,
    log: Path,
    version: Version | None = None,
    to: tuple[str, ...] = (),
) -> Plan:
    """Stage 1: the meeting, its recipients and what the log says they have (nothing is built or sent)."""
    from driftsforum_cli.domain.documents import pick_meeting
    from driftsforum_cli.domain.mailing import plan_sending, recipients
    from driftsforum_cli.sendlog import read_log
    from driftsforum_cli.workspace import display_path

    version = version or Version(kind)
    meeting = pick_meeting(files, wanted, today)
    loaded = next(item for item in files.meetings if item.model is meeting)
    if meeting.cancelled and not version.cancellation:
        raise SendRefused(f"{loaded.display}: mødet er aflyst, så {DOCUMENT_DEFINITE[kind]} sendes ikke")
    assert files.members.model is not None  # the gate refuses forums with errors
    listing = recipients(files.members.model.seats, meeting, today)
    everyone = listing.recipients
    if to:
        listing = only_seats(listing, files.members.model.seats, meeting, to)
    contents = read_log(log, files.id)
    sending = plan_sending(files.id, meeting.date, kind, listing.recipients, contents.records, version.name)
    waiting = {recipient.key for recipient in sending.remaining}
    uncertain = [
        entry
        for entry in contents.uncertain
        if (entry.meeting, entry.kind, entry.version) == (meeting.date, kind, version.name) and entry.key in waiting
    ]
    return Plan(
        repo,
        files,
        loaded,
        kind,
        today,
        listing,
        version,
        to,
        log,
        display_path(log),
        contents.records,
        contents.problems,
        sending,
        list({entry.key: entry for entry in uncertain}.values()),  # the latest message to each address
        everyone=everyone,
    )


def only_seats(listing: RecipientList, seats: Sequence[Seat], meeting: Meeting, wanted: Sequence[str]) -> RecipientList:
    """`--to SEAT`: the recipients on these seats; refused for a seat that is unknown, vacant, without an
    address or not a member on the day of the meeting."""
    from driftsforum_cli.domain.seats import did_you_mean

    known = {seat.id: seat for seat in seats}
    for seat_id in wanted:
        seat = known.get(seat_id)
        if seat is None:
            raise UsageError(f"--to {seat_id}: ikke en plads i members.yaml{did_you_mean(seat_id, seats)}")
        skipped = next((item for item in listing.skipped if item.source == seat_id), None)
        if skipped is not None:
            raise SendRefused(f"--to {seat_id}: {skipped.name} kan ikke nås med e-mail: {skipped.reason}")
        if not any(recipient.source == seat_id for recipient in listing.recipients):
            raise SendRefused(f"--to {seat_id}: pladsen er ikke med i forummet den {long_date(meeting.date)}")
    return RecipientList([recipient for recipient in listing.recipients if recipient.source in wanted], [])


def check_ready(plan: Plan, force: bool, warn: Callable[[str], None]) -> None:
    """Send only what is ready: minutes without attendance, minute taker or decisions are refused unless
    `force`; an agenda past its deadline is sent with a warning."""
    from driftsforum_cli.domain.deadlines import meeting_events
    from driftsforum_cli.domain.lifecycle import minutes_gaps

    if plan.kind == "minutes":
        gaps = minutes_gaps(plan.model)
        if gaps and not force:
            raise SendRefused(
                f"{plan.meeting.display}: {plan.version.definite} kan ikke sendes endnu: {'; '.join(gaps)}. Udfyld det i "
                "mødefilen, eller send alligevel med --force; intet er sendt"
            )
        for gap in gaps:
            warn(f"{plan.meeting.display}: {gap} (sendes alligevel: --force)")
        if plan.version.revised:
            for comment in plan.model.minutes.comments:
                if not comment.response:
                    warn(
                        f"{plan.meeting.display}: bemærkningen fra '{comment.by}' ({comment.received.isoformat()}) har "
                        "ingen 'response'; e-mailen siger ikke, hvordan den er behandlet."
                    )
    if plan.kind == "agenda" and not plan.version.name and not plan.to:
        forum = plan.files.forum.model
        assert forum is not None
        due = [
            event.date
            for event in meeting_events(forum, plan.model, plan.repo.calendar, plan.today)
            if event.kind == "agenda_due"
        ]
        if due and plan.today > due[0]:
            # The document sent says so itself: it records agenda_sent after the deadline (domain.documents).
            warn(
                f"dagsordenen sendes efter fristen: den skulle være udsendt senest {long_date(due[0])} "
                f"(i dag er {long_date(plan.today)}); den får linjen 'Udsendt efter fristen'."
            )


def record_update(plan: Plan) -> bool:
    """A new update (`--note`): the meeting file records it under 'agenda_updates' before it is sent, so a
    rerun continues the same update instead of starting another. True if the file was changed."""
    from driftsforum_cli.domain.lifecycle import AppendItem

    number, note = plan.version.update, plan.version.note
    if number is None or note is None or number <= len(plan.model.agenda_updates):
        return False
    edit = AppendItem(("agenda_updates",), {"date": plan.today, "note": note})
    _edit_meeting(plan, [edit], f"{plan.meeting.display} kan ikke opdateres med rettelsen; intet er sendt", SendRefused)
    return True


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

    if plan.version.revised:
        from driftsforum_cli.domain.documents import build_document

        due = build_document("minutes", plan.files, plan.model, plan.repo.calendar, on).minutes.comments_due
        return lifecycle.minutes_revised(plan.model, on, due, forceable=False)
    if plan.kind == "agenda":
        forum = plan.files.forum.model
        earliest = forum.meetings.deadlines.agenda_earliest_days if forum is not None else None
        return lifecycle.agenda_sent(plan.model, on, earliest)
    return lifecycle.minutes_sent(plan.model, on)


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
    still to get it (ad hoc participants: without the closed items). With `send`, the SMTP settings too
    (refused here, before anything is sent)."""
    from driftsforum_cli.domain.deadlines import meeting_events
    from driftsforum_cli.domain.mailing import MailingError, smtp_settings
    from driftsforum_cli.render.email import Sender

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
    forum = plan.files.forum.model
    assert forum is not None  # the gate refuses forums with errors
    if config is not None:
        try:
            sender = Sender.from_config(config)
        except ValueError as exc:
            raise SendRefused(f"driftsforum.yaml, 'email': {exc}; intet er sendt") from None
    else:
        example = "sekretariatet@example.invalid"
        sender = Sender(example, f"Sekretariatet for {forum.name}", example)
    now = clock()
    events = meeting_events(forum, plan.model, plan.repo.calendar, plan.today)
    if plan.version.cancellation:
        attachments, outgoing, digest, guest_digest = _cancellation(plan, sender, events, now)
    else:
        attachments, outgoing, digest, guest_digest = _documents(plan, sender, events, now, render_pdf)
    earlier = plan.sending.documents_sent() - {""}
    return Prepared(
        kind=plan.kind,
        version=plan.version,
        forum_name=forum.name,
        meeting=plan.model.date,
        sender=sender,
        example_sender=config is None,
        attachments=attachments,
        outgoing=outgoing,
        digest=digest,
        guest_digest=guest_digest,
        already=len(plan.sending.done),
        total=plan.sending.total,
        log=plan.log_name,
        changed=bool(plan.sending.done) and bool(earlier) and not earlier & {digest, guest_digest},
        settings=settings,
    )


Built = tuple[list["Attachment"], list["Outgoing"], str, str]


def _cancellation(plan: Plan, sender: Sender, events: Sequence[DeadlineEvent], now: datetime) -> Built:
    """The cancellation notice: a short message with the calendar file that cancels the meeting."""
    from driftsforum_cli.render.email import cancellation_messages, document_digest, meeting_cancellation

    forum = plan.files.forum.model
    assert forum is not None
    invitation = _invitation(plan, sender)
    attachments = [meeting_cancellation(forum, plan.model, events, now, plan.version.sequence, sender, invitation)]
    from driftsforum_cli.domain.documents import build_document

    notice = build_document("agenda", plan.files, plan.model, plan.repo.calendar, plan.today)
    outgoing = cancellation_messages(forum, plan.model, plan.to_send, sender, attachments, plan.repo.root, now, notice)
    digest = document_digest(plan.model.model_dump_json())
    return attachments, outgoing, digest, digest


def _documents(
    plan: Plan, sender: Sender, events: Sequence[DeadlineEvent], now: datetime, render_pdf: RenderPdf | None
) -> Built:
    """The document as a PDF (and DOCX, if documents.attach says so) and the agenda's calendar file; the ad
    hoc participants' copy has no closed items, so it is built and rendered on its own when the meeting has any."""
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.domain.mailing import as_sent
    from driftsforum_cli.render.documents import render_html
    from driftsforum_cli.render.email import build_messages, document_attachments, document_digest, meeting_invitation
    from driftsforum_cli.services.mail_privacy import check_no_cpr

    root, version, config = plan.repo.root, plan.version, plan.repo.config.model
    sent_files, sent_meeting = as_sent(plan.files, plan.model, version, plan.today)
    doc = build_document(plan.kind, sent_files, sent_meeting, plan.repo.calendar, plan.today)
    check_no_cpr(plan, doc)  # before anything is rendered, written or sent
    invitation = _invitation(plan, sender)
    calendar = (
        [meeting_invitation(doc, events, now, sequence=version.sequence, invitation=invitation)]
        if plan.kind == "agenda"
        else []
    )
    members = [recipient for recipient in plan.to_send if not recipient.ad_hoc]
    guests = [recipient for recipient in plan.to_send if recipient.ad_hoc]
    attachments = [*document_attachments(doc, root, config, render_pdf), *calendar]
    digest = document_digest(render_html(doc, root))
    outgoing = build_messages(doc, members, sender, attachments, root, now, version)
    guest_doc, guest_attachments, guest_digest = doc, attachments, digest
    if guests and any(item.closed for item in (*doc.items, *(doc.joint.items if doc.joint else ()))):
        guest_doc = doc.guest_copy()
        guest_attachments = [*document_attachments(guest_doc, root, config, render_pdf), *calendar]
        guest_digest = document_digest(render_html(guest_doc, root))
    outgoing += build_messages(guest_doc, guests, sender, guest_attachments, root, now, version)
    order = {recipient.key: index for index, recipient in enumerate(plan.to_send)}
    outgoing.sort(key=lambda item: order[item.recipient.key])
    return (attachments if members or not guests else guest_attachments), outgoing, digest, guest_digest


def _invitation(plan: Plan, sender: Sender) -> Invitation | None:
    """The meeting request (forum.yaml 'invitations: request'): every recipient of the meeting is an attendee,
    also those who have the document already, so every copy and every update describes the same meeting."""
    from driftsforum_cli.render.email import invitation_for

    forum = plan.files.forum.model
    if forum is None or forum.invitations != "request":
        return None
    return invitation_for(sender, plan.everyone or plan.recipients.recipients)


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
    from driftsforum_cli.sendlog import InFlight

    assert prepared.settings is not None
    entries = [
        InFlight(
            forum=plan.sending.forum,
            meeting=plan.sending.meeting,
            kind=plan.kind,
            address=item.recipient.address,
            name=item.recipient.name,
            message_id=item.message_id,
            at=datetime.min,  # set as it is handed to the server
            date=plan.today,
            document=prepared.guest_digest if item.recipient.ad_hoc else prepared.digest,
            version=plan.version.name,
        )
        for item in prepared.outgoing
    ]
    messages = list(zip(prepared.outgoing, entries, strict=True))
    what, it = plan.version.definite, plan.version.pronoun
    batch = Batch(
        messages, prepared.sender, prepared.settings, plan.log_name, what=what, it=it, keep_in=plan.files.folder
    )
    return deliver_batch(batch, log, clock, connect, progress)


@dataclass(frozen=True)
class Batch:
    """Messages to deliver, each with the send log's in-flight line for it (its `at` is set as it is handed
    to the server): a document's sending, or messages that are not documents (reminders)."""

    messages: list[tuple[Outgoing, InFlight]]
    sender: Sender
    settings: SmtpSettings
    log_name: str  # the send log as the user sees it
    what: str  # the errors' words: 'dagsordenen', 'referatet', 'påmindelsen'
    it: str  # 'den', 'det'
    #: The forum's folder, where each message is kept exactly as sent (sendlog.store_message) before it goes to
    #: the server; None for messages that are not documents (reminders), which are not journalised.
    keep_in: Path | None = None


def deliver_batch(
    batch: Batch, log: SendLog, clock: Clock, connect: Connect | None = None, progress: Progress | None = None
) -> list[SentRecord]:
    """`deliver` for any batch of messages: the same transactions, log lines and refusals."""
    from driftsforum_cli.sendlog import NOT_SENT, Closed, SendLogError, store_message
    from driftsforum_cli.smtp import ConnectionLost, Refused

    if connect is None:
        from driftsforum_cli.smtp import SmtpConnection

        connect = SmtpConnection
    log.open()  # a log that cannot be written stops the run here, before the first message
    outgoing, sender = [item for item, _ in batch.messages], batch.sender
    what, it = batch.what, batch.it
    records: list[SentRecord] = []
    refused: list[tuple[Recipient, str]] = []
    current: InFlight | None = None

    def settle(entry: InFlight, reason: str) -> None:
        """The server did not take the message: the log says so, so the next run does not ask about it."""
        try:
            log.close(Closed(NOT_SENT, entry.forum, entry.address, entry.message_id, clock(), reason))
        except SendLogError as exc:
            raise _log_failed(batch, entry, records, exc.message, before=False) from None

    try:
        with connect(batch.settings) as server:
            for item, entry in batch.messages:
                recipient = item.recipient
                current = replace(entry, at=clock())
                data = item.as_bytes()  # kept as it goes to the server, before the in-flight line names it
                if batch.keep_in is not None:
                    try:
                        stored = store_message(batch.keep_in, current.meeting, current.kind, current.version, data)
                    except SendLogError as exc:
                        raise _store_failed(batch, current, records, exc.message) from None
                    current = replace(current, message=stored.path, message_sha256=stored.sha256)
                try:
                    log.begin(current)  # on disk before the server has a byte of it
                except SendLogError as exc:
                    raise _log_failed(batch, current, records, exc.message, before=True) from None
                try:
                    server.deliver(sender.address, recipient.address, data)
                except Refused as exc:
                    settle(current, exc.message)
                    refused.append((recipient, exc.message))
                    if progress is not None:
                        progress(NotDelivered(recipient, exc.message))
                    current = None
                    continue
                record = current.sent(clock(), current.date)
                try:
                    log.append(record)
                except SendLogError as exc:
                    raise _log_append_failed(batch, record, records, exc.message) from None
                records.append(record)
                if progress is not None:
                    progress(Delivered(recipient, record))
                current = None
    except ConnectionLost as exc:
        if current is not None and not exc.uncertain:
            settle(current, exc.message)
        uncertain = _recipient(outgoing, current) if exc.uncertain and current is not None else None
        left = len(outgoing) - len(records) - (uncertain is not None)
        sent = f"{len(records)} af {len(outgoing)} er sendt"
        if records:
            sent += f" og registreret i {batch.log_name}"
        rest = the_count(left, "den resterende", "resterende")
        message = (
            f"{exc.message}. {sent}. Kør kommandoen igen for at sende til {rest}; de, der har fået {what}, "
            f"får {it} ikke igen."
        )
        if uncertain is not None:
            message += (
                f" Forbindelsen blev afbrudt, mens beskeden til {_who(uncertain)} blev afleveret; den kan være nået "
                f"frem. {uncertain.name} får {it} ikke igen, før du har besluttet det: næste kørsel spørger."
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


def _store_failed(batch: Batch, entry: InFlight, earlier: list[SentRecord], reason: str) -> Stopped:
    """The message could not be kept as sent: it is not sent, and the run stops."""
    done = f" {plural(len(earlier), 'modtager', 'modtagere')} fik {batch.it} før og står i loggen." if earlier else ""
    return Stopped(
        f"Beskeden til {_who(entry)} er ikke sendt: {reason}. Der er stoppet her.{done} Ret det, og kør kommandoen "
        "igen.",
        earlier,
    )


def _recipient(outgoing: Sequence[Outgoing], entry: InFlight) -> Recipient:
    return next(item.recipient for item in outgoing if item.message_id == entry.message_id)


def _log_failed(plan: Batch, entry: InFlight, earlier: list[SentRecord], reason: str, *, before: bool) -> Stopped:
    """The log could not take an in-flight line (`before`: nothing is handed to the server) or the line
    that says the server did not take the message: the run stops at once."""
    it = plan.it
    who = _who(entry)
    done = f" {plural(len(earlier), 'modtager', 'modtagere')} fik {it} før og står i loggen." if earlier else ""
    if before:
        what = f"Beskeden til {who} er ikke sendt: den kunne ikke skrives i {plan.log_name} først ({reason})."
    else:
        what = (
            f"SMTP-serveren tog ikke beskeden til {who}, men det kunne ikke skrives i {plan.log_name} ({reason}); "
            f"næste kørsel spørger derfor, om {entry.name} har fået {it} (svar med --resend-uncertain)."
        )
    return Stopped(
        f"{what} Der er stoppet her.{done} Ret loggen, så den er en almindelig fil, der kan skrives i, og kør "
        "kommandoen igen.",
        earlier,
    )


def _who(someone: Recipient | SentRecord | InFlight) -> str:
    """'Anne Eksempel <anne@brønderslev.dk>': the address as people write it (not its IDNA form)."""
    from driftsforum_cli.render.email import readable

    return f"{someone.name} <{readable(someone.address)}>"


def _log_append_failed(plan: Batch, record: SentRecord, before: list[SentRecord], reason: str) -> LogAppendFailed:
    from driftsforum_cli.sendlog import to_json

    what, it = plan.what, plan.it
    earlier = f"; {plural(len(before), 'modtager', 'modtagere')} fik {it} før og står i loggen" if before else ""
    return LogAppendFailed(
        f"{what} er sendt til {_who(record)}, men det kunne ikke skrives i {plan.log_name} "
        f"({reason}). Der er stoppet her{earlier}. Ret loggen, så den er en almindelig fil med alle linjer, og "
        f"tilføj denne linje sidst, før kommandoen køres igen, ellers får {record.name} {it} to gange: "
        f"{to_json(record)}",
        before,
        record,
    )


def _plan_after(plan: Plan, delivered: list[SentRecord]) -> SendPlan:
    from driftsforum_cli.domain.mailing import plan_sending

    return plan_sending(
        plan.sending.forum,
        plan.sending.meeting,
        plan.kind,
        plan.recipients.recipients,
        plan.records + delivered,
        plan.version.name,
    )


def record(plan: Plan, on: date) -> None:
    """Stage 4: every recipient has it; the meeting file records the document as sent `on`."""
    from driftsforum_cli.domain import lifecycle

    why = f"alle har fået {plan.version.pronoun}, men {plan.meeting.display} kan ikke opdateres"
    try:
        edits = _sent_edits(plan, on)
    except lifecycle.StepError as exc:
        raise RecordFailed(f"{why}: {exc.message}") from None
    _edit_meeting(plan, edits, why, RecordFailed)
    from driftsforum_cli.services.fingerprints import record_fingerprint

    # The document as it went out: revised minutes are the approved minutes.
    record_fingerprint(
        plan.repo.root, plan.files.id, plan.kind, plan.model.date, "approved" if plan.version.revised else "sent", on
    )


def _edit_meeting(plan: Plan, edits: list[Edit], why: str, error: type[UserError]) -> None:
    """Write `edits` to the meeting file; `error` says `why` it could not be written."""
    from driftsforum_cli.editing import EditError, apply_edits
    from driftsforum_cli.models import Meeting

    try:
        apply_edits(plan.meeting.path, edits, Meeting, plan.meeting.display, plan.files.folder)
    except EditError as exc:  # its message starts with the file's name, which `why` has already said
        raise error(f"{why}: {exc.message.removeprefix(plan.meeting.display + ': ')}") from None
    except OSError as exc:
        raise error(f"{why}: {describe_os_error(exc)}") from None


def _draft_prefix(plan: Plan) -> str:
    """'nord-2027-03-09-dagsorden': which forum, meeting and sending a draft belongs to."""
    return f"{plan.files.id}-{plan.model.date.isoformat()}-{plan.version.file_word}"


def write_eml(folder: Path, outgoing: Sequence[Outgoing], prefix: str = "") -> list[Path]:
    """One .eml draft per recipient, for sending from Outlook; nothing is sent or recorded. `prefix` names the
    document in the file names ('nord-2027-03-09-dagsorden')."""
    from driftsforum_cli.files import OverwriteRefused, write_generated
    from driftsforum_cli.render.email import eml_name

    files = {
        folder / eml_name(index, item.recipient, prefix): item.as_eml() for index, item in enumerate(outgoing, start=1)
    }
    try:
        write_generated(files)
    except OverwriteRefused as exc:
        which = "den" if len(exc.paths) == 1 else "dem"
        raise UserError(
            f"{', '.join(str(path) for path in exc.paths[:5])} er ændret, siden driftsforum skrev {which} (eller er ikke "
            "skrevet af driftsforum); intet er overskrevet"
        ) from None
    except OSError as exc:
        raise UserError(f"{folder} kan ikke skrives: {describe_os_error(exc)}") from None
    return list(files)
