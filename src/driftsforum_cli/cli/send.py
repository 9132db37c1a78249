"""driftsforum send agenda|minutes FORUM MØDE: e-mail the agenda or the minutes to the forum's members and
the meeting's ad hoc participants. A dry run unless --send; never twice (the forum's send log)."""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from driftsforum_cli.cli.app import ForumId, Today, app, open_forum, parse_date_argument, parse_today
from driftsforum_cli.errors import UsageError, UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind
    from driftsforum_cli.domain.mailing import RecipientList, SendPlan, SentRecord, SmtpSettings
    from driftsforum_cli.domain.repository import ForumFiles
    from driftsforum_cli.domain.workdays import WorkCalendar
    from driftsforum_cli.loader import Loaded
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.models.config import Email
    from driftsforum_cli.render.email import Outgoing, Sender
    from driftsforum_cli.sendlog import SendLog

send_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Send dagsordenen eller referatet med e-mail til forummets medlemmer og mødets ad hoc-deltagere. "
        "Uden --send er det en prøvekørsel: intet sendes og intet registreres."
    ),
)
app.add_typer(send_app, name="send")

MEETING = typer.Argument(..., metavar="MØDE", help="Mødets dato (ÅÅÅÅ-MM-DD).")
SEND = typer.Option(
    False,
    "--send",
    help="Send beskederne nu. Uden: prøvekørsel, der viser modtagere og vedhæftede filer; intet sendes eller registreres.",
)
EML = typer.Option(
    None,
    "--eml",
    metavar="MAPPE",
    file_okay=False,
    help="Skriv én .eml-fil pr. modtager i MAPPE til at sende fra Outlook (åbnes som kladde); intet sendes eller registreres.",
)

_TITLES = {"agenda": "Dagsorden", "minutes": "Referat"}
_NAMES = {"agenda": "dagsordenen", "minutes": "referatet"}


@send_app.command("agenda")
def send_agenda(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    send: bool = SEND,
    eml: Path | None = EML,
    today: Today = None,
) -> None:
    """Send dagsordenen (PDF og kalenderfil til mødet) til medlemmerne og mødets ad hoc-deltagere."""
    _run(ctx, "agenda", forum, meeting, send=send, eml=eml, today=today)


@send_app.command("minutes")
def send_minutes(
    ctx: typer.Context,
    forum: ForumId,
    meeting: str = MEETING,
    send: bool = SEND,
    eml: Path | None = EML,
    today: Today = None,
) -> None:
    """Send referatet (PDF) til medlemmerne og mødets ad hoc-deltagere; fristen for bemærkninger løber fra i dag."""
    _run(ctx, "minutes", forum, meeting, send=send, eml=eml, today=today)


def _run(
    ctx: typer.Context,
    kind: DocumentKind,
    forum_id: str,
    meeting_text: str,
    *,
    send: bool,
    eml: Path | None,
    today: str | None,
) -> None:
    from driftsforum_cli.danish import long_date
    from driftsforum_cli.domain.documents import DocumentError, pick_meeting
    from driftsforum_cli.domain.mailing import plan_sending, recipients, recorded_sent
    from driftsforum_cli.sendlog import SendLog, SendLogError, log_path, read_log
    from driftsforum_cli.workspace import display_path

    if send and eml is not None:
        raise UsageError("brug enten --send (send nu) eller --eml MAPPE (send selv fra Outlook), ikke begge")
    on = parse_today(today)
    root, files, calendar = open_forum(ctx, forum_id, on, f"{_NAMES[kind]} sendes")
    wanted = parse_date_argument(meeting_text, "mødet")
    try:
        meeting = pick_meeting(files, wanted, on)
    except DocumentError as exc:
        raise UserError(str(exc)) from None
    loaded = next(item for item in files.meetings if item.model is meeting)
    if meeting.cancelled:
        raise UserError(f"{loaded.display}: mødet er aflyst; der sendes ikke {_NAMES[kind]}")
    assert files.members.model is not None  # open_forum refuses forums with errors
    listing = recipients(files.members.model.seats, meeting)
    try:
        path = log_path(files.folder)
        with SendLog(path) if send else contextlib.nullcontext() as log:
            contents = read_log(path, files.id)  # read under the lock when sending
            if contents.problems and send:
                raise UserError(
                    f"{display_path(path)} har linjer, der ikke kan læses ({'; '.join(contents.problems[:3])}). "
                    "Loggen siger, hvem der har fået hvad; ret den, før der sendes mere (linjer må kun tilføjes)."
                )
            for problem in contents.problems:
                typer.echo(f"Advarsel: {display_path(path)} {problem}", err=True)
            plan = plan_sending(files.id, meeting.date, kind, listing.recipients, contents.records)
            _report_skipped(listing)
            recorded = recorded_sent(meeting, kind)
            what = _NAMES[kind]
            if recorded is not None:
                if plan.complete:
                    typer.echo(
                        f"Alle {plan.total} modtagere har allerede fået {what} (ifølge {display_path(path)}), og "
                        f"den er registreret som udsendt {long_date(recorded)} i {loaded.display}; intet sendes."
                    )
                else:
                    typer.echo(
                        f"{what.capitalize()} er registreret som udsendt {long_date(recorded)} i {loaded.display}; "
                        f"intet sendes ({display_path(path)} har {len(plan.done)} af {plan.total} modtagere; de øvrige "
                        "har fået den på anden vis, fx fra Outlook)."
                    )
                return
            if not listing.recipients:
                raise UserError(
                    "ingen af forummets medlemmer eller mødets ad hoc-deltagere har en gyldig e-mailadresse; "
                    "intet at sende. Tilføj adresserne i members.yaml eller mødefilen."
                )
            if not plan.remaining:
                typer.echo(
                    f"Alle {plan.total} modtagere har allerede fået {what} (ifølge {display_path(path)}); intet sendes."
                )
                completed = plan.completed_on()
                if completed is not None:
                    if send:
                        _record(loaded, meeting, kind, completed)
                    else:
                        typer.echo("Kør med --send for at registrere udsendelsen i mødefilen.")
                return
            _check_step(loaded, meeting, kind, on)
            if kind == "minutes":
                from driftsforum_cli.domain.lifecycle import minutes_gaps

                for gap in minutes_gaps(meeting):
                    typer.echo(f"Advarsel: {loaded.display}: {gap}", err=True)
            _prepare_and_send(kind, root, files, calendar, loaded, plan, on, send=send, eml=eml, log=log, path=path)
    except SendLogError as exc:
        raise UserError(str(exc)) from None


def _report_skipped(listing: RecipientList) -> None:
    for skipped in listing.skipped:
        where = "mødefilen (ad hoc)" if skipped.source == "ad hoc" else f"members.yaml, pladsen '{skipped.source}'"
        typer.echo(f"Advarsel: {skipped.name} får den ikke med e-mail: {skipped.reason} ({where}).", err=True)


def _check_step(loaded: Loaded[Meeting], meeting: Meeting, kind: DocumentKind, on: date) -> None:
    """Refuse before anything is sent if the meeting file could not record the sending afterwards."""
    from driftsforum_cli.domain import lifecycle

    try:
        (lifecycle.agenda_sent if kind == "agenda" else lifecycle.minutes_sent)(meeting, on)
    except lifecycle.StepError as exc:
        raise UserError(f"{loaded.display}: {exc}; intet er sendt") from None


def _email_config(root: Path) -> Email | None:
    from driftsforum_cli.loader import load_file
    from driftsforum_cli.models import RepoConfig
    from driftsforum_cli.workspace import CONFIG_FILE, display_path

    config = load_file(root / CONFIG_FILE, display_path(root / CONFIG_FILE), RepoConfig).model
    return config.email if config else None


def _prepare_and_send(
    kind: DocumentKind,
    root: Path,
    files: ForumFiles,
    calendar: WorkCalendar,
    loaded: Loaded[Meeting],
    plan: SendPlan,
    on: date,
    *,
    send: bool,
    eml: Path | None,
    log: SendLog | None,
    path: Path,
) -> None:
    from driftsforum_cli.danish import full_date
    from driftsforum_cli.domain.deadlines import meeting_events
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.domain.mailing import MailingError, as_sent, smtp_settings
    from driftsforum_cli.render.documents import render_html, render_pdf
    from driftsforum_cli.render.email import (
        DANISH_TIME,
        Sender,
        build_messages,
        document_digest,
        meeting_invitation,
        pdf_attachment,
        recipient_table,
    )
    from driftsforum_cli.workspace import display_path

    assert loaded.model is not None
    meeting = loaded.model
    config = _email_config(root)
    if config is None and (send or eml is not None):
        raise UserError(
            "driftsforum.yaml har ingen 'email'-indstillinger (afsender og SMTP-server); tilføj dem, se README"
        )
    settings = None
    if send:
        assert config is not None
        try:
            settings = smtp_settings(config, os.environ)
        except MailingError as exc:
            raise UserError(f"{exc}; intet er sendt") from None

    sent_files, sent_meeting = as_sent(files, meeting, kind, on)
    doc = build_document(kind, sent_files, sent_meeting, calendar, on)
    now = datetime.now(DANISH_TIME)
    attachments = [pdf_attachment(doc, render_pdf(doc, root))]
    if kind == "agenda":
        events = meeting_events(doc.forum, sent_meeting, calendar, on)
        attachments.append(meeting_invitation(doc, events, now))
    digest = document_digest(render_html(doc, root))
    sender = (
        Sender.from_config(config)
        if config
        else Sender(
            "sekretariatet@example.invalid", f"Sekretariatet for {doc.forum.name}", "sekretariatet@example.invalid"
        )
    )
    outgoing = build_messages(doc, plan.remaining, sender, attachments, root, now)

    typer.echo(f"{_TITLES[kind]} til mødet {full_date(meeting.date)} i {doc.forum.name}")
    typer.echo(f"Emne: {outgoing[0].message['Subject']}")
    typer.echo(f"Fra: {sender.name} <{sender.address}>, svar til {sender.reply_to}")
    if config is None:
        typer.echo(
            "Advarsel: driftsforum.yaml har ingen 'email'-indstillinger; afsenderen ovenfor er kun et eksempel.",
            err=True,
        )
    if plan.done:
        typer.echo(
            f"Allerede sendt til {len(plan.done)} af {plan.total} (ifølge {display_path(path)}); "
            f"sendes kun til de {len(plan.remaining)} resterende."
        )
        earlier = plan.documents_sent() - {""}
        if earlier and digest not in earlier:
            typer.echo(
                "Bemærk: dokumentet er ikke helt det samme som det, de første modtagere fik (mødefilen eller datoen er "
                "ændret); de får ikke den nye udgave."
            )
    typer.echo("")
    typer.echo(recipient_table(outgoing, attachments), nl=False)
    typer.echo("")

    if eml is not None:
        _write_eml(eml, outgoing, kind)
        return
    if not send or settings is None or log is None:
        typer.echo(
            f"Prøvekørsel: intet er sendt, og intet er registreret. Send de {len(outgoing)} beskeder med --send, "
            "eller skriv dem som .eml-filer til Outlook med --eml MAPPE."
        )
        return
    typer.echo(f"Sender via {settings.describe()} …")
    records = _deliver(outgoing, sender, settings, log, plan, kind, on, digest, path)
    from driftsforum_cli.domain.mailing import plan_sending

    after = plan_sending(
        plan.forum,
        plan.meeting,
        kind,
        [item.recipient for item in outgoing] + [recipient for recipient, _ in plan.done],
        [record for _, record in plan.done] + records,
    )
    completed = after.completed_on()
    if completed is not None:
        _record(loaded, meeting, kind, completed)


def _deliver(
    outgoing: list[Outgoing],
    sender: Sender,
    settings: SmtpSettings,
    log: SendLog,
    plan: SendPlan,
    kind: DocumentKind,
    on: date,
    digest: str,
    path: Path,
) -> list[SentRecord]:
    from driftsforum_cli.domain.mailing import SentRecord
    from driftsforum_cli.render.email import DANISH_TIME
    from driftsforum_cli.sendlog import SendLogError
    from driftsforum_cli.smtp import ConnectionLost, Refused, SmtpConnection
    from driftsforum_cli.workspace import display_path

    records: list[SentRecord] = []
    refused: list[str] = []
    current: Outgoing | None = None
    log_name = display_path(path)
    what = _NAMES[kind]
    try:
        with SmtpConnection(settings) as server:
            for item in outgoing:
                current = item
                recipient = item.recipient
                try:
                    server.deliver(sender.address, recipient.address, item.as_bytes())
                except Refused as exc:
                    refused.append(f"{recipient.name} <{recipient.address}>: {exc}")
                    typer.echo(f"Ikke sendt til {recipient.name} <{recipient.address}>: {exc}")
                    continue
                record = SentRecord(
                    forum=plan.forum,
                    meeting=plan.meeting,
                    kind=kind,
                    address=recipient.address,
                    name=recipient.name,
                    message_id=item.message_id,
                    sent_at=datetime.now(DANISH_TIME),
                    date=on,
                    document=digest,
                )
                try:
                    log.append(record)
                except (OSError, SendLogError) as exc:
                    raise UserError(
                        f"{what} er sendt til {recipient.name} <{recipient.address}>, men det kunne ikke skrives i "
                        f"{log_name} ({exc}). Der er stoppet her: tilføj modtageren i loggen, før kommandoen køres "
                        "igen, ellers får modtageren den to gange."
                    ) from None
                records.append(record)
                current = None
                typer.echo(f"Sendt til {recipient.name} <{recipient.address}>")
    except ConnectionLost as exc:
        left = len(outgoing) - len(records)
        sent = f"{len(records)} af {len(outgoing)} er sendt"
        if records:
            sent += f" og registreret i {log_name}"
        message = (
            f"{exc}. {sent}. Kør kommandoen igen for at sende til de {left} resterende; "
            f"de, der har fået {what}, får den ikke igen."
        )
        if exc.uncertain and current is not None:
            message += (
                f" Forbindelsen blev afbrudt, mens beskeden til {current.recipient.name} <{current.recipient.address}> "
                "blev afleveret; den kan være nået frem og sendes igen ved næste kørsel."
            )
        raise UserError(message) from None
    if refused:
        raise UserError(
            f"{len(records)} af {len(outgoing)} er sendt; {len(refused)} blev afvist af serveren: {'; '.join(refused)}. "
            "Ret adressen i members.yaml eller mødefilen, og kør kommandoen igen; de, der har fået "
            f"{what}, får den ikke igen."
        )
    typer.echo(f"{what.capitalize()} er sendt til {len(records)} modtagere og registreret i {log_name}.")
    return records


def _record(loaded: Loaded[Meeting], meeting: Meeting, kind: DocumentKind, on: date) -> None:
    """Every recipient has it: the meeting file records the document as sent on `on`."""
    from driftsforum_cli.danish import long_date
    from driftsforum_cli.domain import lifecycle
    from driftsforum_cli.editing import EditError, apply_edits
    from driftsforum_cli.models import Meeting

    try:
        edits = (lifecycle.agenda_sent if kind == "agenda" else lifecycle.minutes_sent)(meeting, on)
        apply_edits(loaded.path, edits, Meeting, loaded.display)
    except lifecycle.StepError as exc:
        raise UserError(f"alle har fået den, men {loaded.display} kan ikke opdateres: {exc}") from None
    except EditError as exc:
        details = "; ".join(f"{d.line}:{d.column}: {d.message}" for d in exc.diagnostics)
        raise UserError(f"alle har fået den, men {loaded.display} kan ikke opdateres: {exc} ({details})") from None
    typer.echo(f"Opdaterede {loaded.display}: {_NAMES[kind]} er registreret som udsendt {long_date(on)}.")


def _write_eml(folder: Path, outgoing: list[Outgoing], kind: DocumentKind) -> None:
    from driftsforum_cli.files import OverwriteRefused, write_generated
    from driftsforum_cli.render.email import eml_name

    files = {folder / eml_name(index, item.recipient): item.as_eml() for index, item in enumerate(outgoing, start=1)}
    try:
        write_generated(files)
    except OverwriteRefused as exc:
        raise UserError(
            f"{', '.join(str(path) for path in exc.paths)} er ændret, siden driftsforum skrev dem; intet er overskrevet"
        ) from None
    except OSError as exc:
        raise UserError(f"{folder} kan ikke skrives: {exc.strerror or exc}") from None
    typer.echo(
        f"Skrev {len(files)} .eml-filer i {folder}. Åbn dem i Outlook og send dem derfra; intet er sendt, og intet er "
        f"registreret. Registrér bagefter udsendelsen med 'driftsforum {kind} mark-sent'."
    )
