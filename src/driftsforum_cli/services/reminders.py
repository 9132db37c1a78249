"""`driftsforum remind`: the reminders a forum owes today (`domain.reminders`), sent with the sending
machinery of `services.sending`: plan → prepare → deliver → record, never twice.

- **plan**: each forum through the gate; with `send`, under the forum's lock, read again. The reminders due
  today, less those the send log records as sent (kind 'reminder', the occasion in 'version', the address).
- **prepare**: one Danish message per reminder (templates email/reminder.*: multipart/alternative with the
  HTML part, Reply-To the secretariat, the signature from driftsforum.yaml). The dry run lists them.
- **deliver**: `sending.deliver_batch`, the same transactions as `send`: an in-flight line before each
  message, the record the moment the server accepts it. A reminder whose fate is unknown is held back and
  named until the secretary decides (`uncertain`: 'resend' or 'confirm'), as `send` does.

Nothing here reads the clock or the environment of its own: the caller passes `today`, `clock` and `environ`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.services.sending import (
    Batch,
    Clock,
    Connect,
    Decision,
    Progress,
    SendAndEml,
    SendRefused,
    Stopped,
    Warned,
)

if TYPE_CHECKING:
    from driftsforum_cli.domain.mailing import SentRecord, SmtpSettings
    from driftsforum_cli.domain.reminders import Reminder
    from driftsforum_cli.domain.repository import ForumFiles, Repository
    from driftsforum_cli.render.email import Outgoing, Sender
    from driftsforum_cli.sendlog import InFlight, SendLog

Warn = Callable[[str], None]

#: The digest shows the secretariat's tasks this many days ahead (as `driftsforum due`).
DIGEST_DAYS = 14


class RemindOutcome(StrEnum):
    NOTHING = "nothing"  # nothing is due today, or all of it is sent already
    DRY_RUN = "dry-run"
    EML = "eml"
    SENT = "sent"


@dataclass(frozen=True)
class PreparedReminder:
    reminder: Reminder
    outgoing: Outgoing


@dataclass
class ForumReminders:
    """One forum's run."""

    forum: str
    forum_name: str
    log: str  # the send log as the user sees it
    closed: str | None = None  # today is not a working day: why
    prepared: list[PreparedReminder] = field(default_factory=list)  # still to send today
    already: int = 0  # due today, and the log records them as sent
    held: list[InFlight] = field(default_factory=list)  # fate unknown: waiting for the secretary's decision
    delivered: list[SentRecord] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


@dataclass
class RemindResult:
    today: date
    outcome: RemindOutcome
    forums: list[ForumReminders]
    sender: Sender | None = None
    example_sender: bool = False
    warnings: list[str] = field(default_factory=list)
    #: Forums whose files have errors, so they got no reminders this run (the others did): the gate's reasons.
    blocked: list[str] = field(default_factory=list)


def remind(
    root: Path,
    forum_id: str | None,
    *,
    today: date,
    clock: Clock,
    environ: Mapping[str, str],
    now: date | None = None,
    send: bool = False,
    eml: Path | None = None,
    connect: Connect | None = None,
    progress: Progress | None = None,
    uncertain: Decision | None = None,
) -> RemindResult:
    """List (the dry run), write as .eml drafts (`eml`, one folder per forum) or send (`send`) the reminders
    due `today` in one forum or, with `forum_id` None, in every forum."""
    from driftsforum_cli.services.gate import forum_ids

    if send and eml is not None:
        raise SendAndEml()
    warnings: list[str] = []

    def warn(text: str) -> None:
        warnings.append(text)
        if progress is not None:
            progress(Warned(text))

    result = RemindResult(today, RemindOutcome.DRY_RUN, [], warnings=warnings)
    from driftsforum_cli.services.gate import Blocked

    for forum in [forum_id] if forum_id else forum_ids(root):
        try:
            run = _forum(root, forum, today, now, send, eml, environ, clock, connect, progress, uncertain, warn, result)
        except Blocked as exc:
            if forum_id:
                raise
            # a daily job: one forum's typo must not keep the other forums' members from their reminders
            result.blocked.append(exc.message)
            warn(f"forummet '{forum}' får ingen påmindelser i dag: {exc.message}")
            continue
        result.forums.append(run)
    held = [entry for run in result.forums for entry in run.held]
    if held and uncertain is None and send:
        raise Stopped(_undecided(held), [record for run in result.forums for record in run.delivered])
    if not any(run.prepared for run in result.forums):
        result.outcome = RemindOutcome.NOTHING
    elif eml is not None:
        result.outcome = RemindOutcome.EML
    elif send:
        result.outcome = RemindOutcome.SENT
    return result


def _forum(
    root: Path,
    forum_id: str,
    today: date,
    now: date | None,
    send: bool,
    eml: Path | None,
    environ: Mapping[str, str],
    clock: Clock,
    connect: Connect | None,
    progress: Progress | None,
    uncertain: Decision | None,
    warn: Warn,
    result: RemindResult,
) -> ForumReminders:
    from driftsforum_cli.sendlog import SendLog, log_path, read_log
    from driftsforum_cli.services.gate import open_forum
    from driftsforum_cli.workspace import display_path

    purpose = "påmindelserne sendes"
    repo, files = open_forum(root, forum_id, today, purpose, now)
    path = log_path(files.folder)
    with SendLog(path) if send else contextlib.nullcontext() as log:
        if log is not None:  # read again under the lock
            repo, files = open_forum(root, forum_id, today, purpose, now)
        assert files.forum.model is not None  # the gate refuses forums with errors
        run = ForumReminders(forum_id, files.forum.model.name, display_path(path))
        contents = read_log(path, forum_id)
        if contents.problems and send:
            raise SendRefused(
                f"{run.log} har linjer, der ikke kan læses ({'; '.join(contents.problems[:3])}). Loggen siger, "
                "hvem der har fået hvad; ret den, før der sendes mere (linjer må kun tilføjes)."
            )
        for problem in contents.problems:
            warn(f"{run.log} {problem}")
        reminders = due_reminders(repo, files, today, warn, run)
        sent = {(record.version, record.key) for record in contents.records if record.kind == "reminder"}
        todo = [item for item in reminders if (item.key, item.recipient.key) not in sent]
        run.already = len(reminders) - len(todo)
        wanted = {(item.key, item.recipient.key) for item in todo}
        waiting = [
            entry for entry in contents.uncertain if entry.kind == "reminder" and (entry.version, entry.key) in wanted
        ]
        if waiting and uncertain is not None and log is not None:
            _settle(log, waiting, uncertain, today, clock)
        if uncertain == "confirm":
            run.already += len(waiting)
        held = {(entry.version, entry.key) for entry in waiting} if uncertain != "resend" else set()
        run.held = waiting if uncertain is None else []
        for entry in run.held:
            warn(
                f"det er usikkert, om påmindelsen '{entry.version}' nåede frem til {_who(entry)} "
                "(driftsforum eller forbindelsen blev afbrudt, mens SMTP-serveren havde den); den sendes ikke igen, "
                "før du har besluttet det."
            )
        todo = [item for item in todo if (item.key, item.recipient.key) not in held]
        if not todo:
            return run
        sender, settings = _sender(repo, send, eml is not None, environ, result)
        run.prepared = [PreparedReminder(item, _message(repo, files, item, sender, clock())) for item in todo]
        if eml is not None:
            from driftsforum_cli.services.sending import write_eml

            run.written = write_eml(eml / forum_id, [item.outgoing for item in run.prepared])
        elif log is not None:
            assert settings is not None
            run.delivered = _deliver(run, sender, settings, log, today, clock, connect, progress)
    return run


def due_reminders(repo: Repository, files: ForumFiles, today: date, warn: Warn, run: ForumReminders) -> list[Reminder]:
    """The forum's reminders due today (sent or not); the notes about who cannot get one are warnings."""
    from driftsforum_cli.domain.deadlines import due_plan
    from driftsforum_cli.domain.reminders import plan_reminders

    forum, members = files.forum.model, files.members.model
    assert forum is not None and members is not None  # the gate refuses forums with errors
    meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
    tasks = []
    if forum.reminders.digest:
        tasks = [event for event in due_plan(repo, today, DIGEST_DAYS).events if event.forum == files.id]
    plan = plan_reminders(forum, members.seats, meetings, repo.calendar, today, tasks)
    run.closed = plan.closed
    for note in plan.notes:
        warn(f"{files.id}: {note}")
    return plan.reminders


def _sender(
    repo: Repository, send: bool, eml: bool, environ: Mapping[str, str], result: RemindResult
) -> tuple[Sender, SmtpSettings | None]:
    """The secretariat as sender (driftsforum.yaml 'email'), and with `send` the SMTP server; refused before
    anything is sent."""
    from driftsforum_cli.domain.mailing import MailingError, smtp_settings
    from driftsforum_cli.render.email import Sender

    config = repo.config.model.email if repo.config.model else None
    if config is None:
        if send or eml:
            raise SendRefused(
                "driftsforum.yaml har ingen 'email'-indstillinger (afsender og SMTP-server); tilføj dem, se README"
            )
        example = "sekretariatet@example.invalid"
        result.sender, result.example_sender = Sender(example, "Sekretariatet", example), True
        return result.sender, None
    try:
        sender = Sender.from_config(config)
        settings = smtp_settings(config, environ) if send else None
    except ValueError as exc:
        raise SendRefused(f"driftsforum.yaml, 'email': {exc}; intet er sendt") from None
    except MailingError as exc:
        raise SendRefused(f"{exc.message}; intet er sendt") from None
    result.sender = sender
    return sender, settings


def _message(repo: Repository, files: ForumFiles, reminder: Reminder, sender: Sender, now: datetime) -> Outgoing:
    from driftsforum_cli.render.email import readable, templated_message

    context: dict[str, object] = {
        "reminder": reminder,
        "forum": files.forum.model,
        "recipient": reminder.recipient,
        "sender": sender,
        "reply_to": readable(sender.reply_to),
    }
    return templated_message("reminder", context, repo.root, sender, reminder.recipient, now)


def _deliver(
    run: ForumReminders,
    sender: Sender,
    settings: SmtpSettings,
    log: SendLog,
    today: date,
    clock: Clock,
    connect: Connect | None,
    progress: Progress | None,
) -> list[SentRecord]:
    from driftsforum_cli.render.email import document_digest
    from driftsforum_cli.sendlog import InFlight
    from driftsforum_cli.services.sending import deliver_batch

    messages = []
    for item in run.prepared:
        reminder, outgoing = item.reminder, item.outgoing
        body = outgoing.message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        entry = InFlight(
            forum=run.forum,
            meeting=reminder.due,
            kind="reminder",
            address=reminder.recipient.address,
            name=reminder.recipient.name,
            message_id=outgoing.message_id,
            at=datetime.min,  # set as it is handed to the server
            date=today,
            document=document_digest(text),
            version=reminder.key,
        )
        messages.append((outgoing, entry))
    batch = Batch(messages, sender, settings, run.log, what="påmindelsen", it="den")
    return deliver_batch(batch, log, clock, connect, progress)


def _settle(log: SendLog, waiting: Sequence[InFlight], decision: Decision, today: date, clock: Clock) -> None:
    """The secretary's decision on each reminder whose fate is unknown, in the log: `confirmed` (it arrived;
    never sent again) or `resend` (sent again in this run)."""
    from driftsforum_cli.sendlog import CONFIRMED, RESEND, Closed

    log.open()
    for entry in waiting:
        if decision == "confirm":
            log.append(entry.sent(entry.at, today), CONFIRMED)
        else:
            log.close(Closed(RESEND, entry.forum, entry.address, entry.message_id, clock()))


def _undecided(held: Sequence[InFlight]) -> str:
    names = ", ".join(_who(entry) for entry in held)
    what, it = ("påmindelsen", "den") if len(held) == 1 else ("påmindelserne", "de")
    return (
        f"Det er usikkert, om {what} nåede frem til {names}. Spørg, og kør kommandoen igen med --confirm-uncertain, "
        f"hvis {it} er modtaget, eller med --resend-uncertain for at sende {it} igen (risiko for to eksemplarer). "
        "De øvrige påmindelser er sendt."
    )


def _who(entry: InFlight) -> str:
    from driftsforum_cli.render.email import readable

    return f"{entry.name} <{readable(entry.address)}>"
