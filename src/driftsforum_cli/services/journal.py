"""The journal package of a meeting (`driftsforum journal FORUM DATE -o DIR`): what the two case systems (the
region's and the municipalities') journalise.

For the agenda and, once the meeting is held, the minutes: the document as PDF/A-2a and as DOCX, the e-mail
of each sending (`.eml`) and a metadata file (`.json`, schemas/journal.schema.json).

The e-mail: the send log keeps who got which version when, with its Message-ID and the digest of the
document, but not the message itself. The `.eml` is therefore rebuilt, deterministically, from the log's
first line of that sending (to a member): the same recipient, Date and Message-ID, the document as it was
when sent (the meeting file as of that day), subject and text from the same templates, the attachments
rendered again as driftsforum.yaml now says (`documents.attach`, `documents.pdf_variant`). The metadata says
so (`rebuilt`), and whether the document rebuilt is the one the log recorded (`matches_log`): when a template
or the meeting file has changed since, it is not, and the metadata says that too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftsforum_cli import __version__
from driftsforum_cli.errors import UserError

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import DocumentKind, MeetingDocument
    from driftsforum_cli.domain.mailing import SentRecord, Version
    from driftsforum_cli.domain.repository import ForumFiles, Repository
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.render.formats import DocumentSource

#: The variant of the PDFs in the package.
ARCHIVE_VARIANT = "pdf/a-2a"
#: What the metadata files say they follow (schemas/journal.schema.json's $id ends in it).
SCHEMA = "driftsforum-journal/1"
_STATUS_TEXT = {"udkast": "udkast", "sendt": "udkast", "afventer revideret referat": "udkast", "godkendt": "godkendt"}


class JournalRefused(UserError):
    """The journal package cannot be made (the message is Danish)."""


@dataclass(frozen=True)
class JournalResult:
    folder: Path
    files: list[Path]  # everything in the package
    written: list[Path]  # those written now (the others were already up to date)
    notes: list[str] = field(default_factory=list)  # what is not in the package, and why


def make_journal(
    root: Path,
    forum_id: str,
    meeting_date: date,
    folder: Path,
    today: date,
    now: date | None = None,
    force: bool = False,
) -> JournalResult:
    """Write the journal package of the meeting on `meeting_date` to `folder`."""
    from driftsforum_cli.danish import long_date
    from driftsforum_cli.domain.documents import build_document, pick_meeting
    from driftsforum_cli.files import OverwriteRefused, write_generated
    from driftsforum_cli.render.documents import document_source
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(root, forum_id, today, "journalen laves", now)
    meeting = pick_meeting(files, meeting_date, today)
    if meeting.cancelled:
        raise JournalRefused(
            f"mødet {long_date(meeting.date)} er aflyst; der er ingen dagsorden eller referat at journalisere"
        )
    kinds: list[DocumentKind] = ["agenda", "minutes"] if meeting.date <= today else ["agenda"]
    docs = [build_document(kind, files, meeting, repo.calendar, today) for kind in kinds]
    pdfs = archive_pdfs([document_source(doc, repo.root) for doc in docs])
    package: dict[Path, bytes] = {}
    notes: list[str] = []
    for doc, pdf in zip(docs, pdfs, strict=True):
        package.update(_document_files(repo, files, doc, pdf, folder, today, notes))
    if len(kinds) == 1:
        notes.append("Mødet er ikke holdt endnu, så pakken har kun dagsordenen.")
    try:
        written = write_generated(package, force=force)
    except OverwriteRefused as exc:
        raise JournalRefused(
            f"{', '.join(str(path) for path in exc.paths[:5])} er ændret, siden driftsforum skrev dem (eller er "
            "ikke skrevet af driftsforum); intet er overskrevet. Brug --force for at overskrive."
        ) from None
    except OSError as exc:
        from driftsforum_cli.files import describe_os_error

        raise JournalRefused(f"{folder} kan ikke skrives: {describe_os_error(exc)}") from None
    return JournalResult(folder, sorted(package), written, notes)


def _document_files(
    repo: Repository,
    files: ForumFiles,
    doc: MeetingDocument,
    pdf: bytes,
    folder: Path,
    today: date,
    notes: list[str],
) -> dict[Path, bytes]:
    from driftsforum_cli.danish import DOCUMENT_DEFINITE
    from driftsforum_cli.render.documents import file_stem, render_document
    from driftsforum_cli.render.formats import FORMATS

    kind, stem = doc.kind, file_stem(doc)
    made = {folder / f"{stem}.pdf": pdf, folder / f"{stem}.docx": render_document(doc, FORMATS["docx"], repo.root)}
    mails = _emails(repo, files, doc.meeting, kind, stem)
    if not mails:
        notes.append(
            f"{DOCUMENT_DEFINITE[kind].capitalize()} er ikke sendt med 'driftsforum send' (intet i "
            f"udsendelsesloggen), så pakken har ingen e-mail med {DOCUMENT_DEFINITE[kind]}."
        )
    for mail in mails:
        made[folder / mail.file] = mail.data
    metadata = describe(doc, made, mails, today)
    made[folder / f"{stem}.json"] = (json.dumps(metadata, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return made


def archive_pdfs(sources: Sequence[DocumentSource]) -> list[bytes]:
    """The documents as PDF/A. Where the platform forks and a second core is free (Linux), the first is made
    in a forked process while this one makes the rest; elsewhere one after the other. The same bytes either way."""
    import multiprocessing

    from driftsforum_cli.render.formats.html import render_html
    from driftsforum_cli.render.site import available_cores

    jobs = [(render_html(source), source.title, source.author, source.language) for source in sources]
    if len(jobs) < 2 or available_cores() < 2 or multiprocessing.get_start_method() != "fork":
        return [_archive_pdf(*job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    import weasyprint  # noqa: F401  (loaded before forking: the worker starts with it)

    with ProcessPoolExecutor(max_workers=1) as pool:
        first = pool.submit(_archive_pdf, *jobs[0])
        rest = [_archive_pdf(*job) for job in jobs[1:]]
        return [first.result(), *rest]


def _archive_pdf(html: str, title: str, author: str, language: str) -> bytes:
    from driftsforum_cli.render.pdf import html_to_pdf

    return html_to_pdf(html, base_url=None, title=title, author=author, language=language, variant=ARCHIVE_VARIANT)


@dataclass(frozen=True)
class Mail:
    file: str
    data: bytes
    record: SentRecord
    recipients: int  # how many the log records as having got this version
    matches_log: bool


def _emails(repo: Repository, files: ForumFiles, meeting: Meeting, kind: DocumentKind, stem: str) -> list[Mail]:
    """One rebuilt message per version of the document the send log records (the first member's)."""
    from driftsforum_cli.domain.mailing import recipients
    from driftsforum_cli.sendlog import log_path, read_log

    records = [
        record
        for record in read_log(log_path(files.folder), files.id).records
        if record.meeting == meeting.date and record.kind == kind and record.version != "cancellation"
    ]
    config = repo.config.model.email if repo.config.model else None
    if not records or config is None or files.members.model is None:
        return []
    mails = []
    for version_name in sorted({record.version for record in records}, key=_version_order):
        sent = sorted((r for r in records if r.version == version_name), key=lambda r: (r.sent_at, r.address))
        listing = recipients(files.members.model.seats, meeting, sent[0].date).recipients
        guests = {recipient.key for recipient in listing if recipient.ad_hoc}
        first = next((record for record in sent if record.key not in guests), sent[0])
        mails.append(_rebuild(repo, files, meeting, kind, stem, first, len(sent), first.key in guests))
    return mails


def _version_order(name: str) -> tuple[int, int]:
    if name.startswith("update-"):
        return (1, int(name.removeprefix("update-")))
    return (2, 0) if name == "revised" else (0, 0)


def _version(meeting: Meeting, kind: DocumentKind, name: str) -> Version:
    from driftsforum_cli.domain.mailing import Version

    if name.startswith("update-"):
        number = int(name.removeprefix("update-"))
        updates = meeting.agenda_updates
        note = updates[number - 1].note if number <= len(updates) else None
        return Version("agenda", name, number, note)
    return Version(kind, name)


def _rebuild(
    repo: Repository,
    files: ForumFiles,
    meeting: Meeting,
    kind: DocumentKind,
    stem: str,
    record: SentRecord,
    count: int,
    guest: bool,
) -> Mail:
    from driftsforum_cli.domain.deadlines import meeting_events
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.domain.mailing import Recipient, as_sent
    from driftsforum_cli.render.documents import render_html
    from driftsforum_cli.render.email import (
        Sender,
        build_message,
        document_attachments,
        document_digest,
        meeting_invitation,
        render_text,
    )

    config = repo.config.model
    assert config is not None and config.email is not None and files.forum.model is not None
    version = _version(meeting, kind, record.version)
    sent_files, sent_meeting = as_sent(files, meeting, version, record.date)
    doc = build_document(kind, sent_files, sent_meeting, repo.calendar, record.date)
    if guest:
        doc = doc.guest_copy()
    events = meeting_events(files.forum.model, sent_meeting, repo.calendar, record.date)
    attachments = document_attachments(doc, repo.root, config)
    if kind == "agenda":
        attachments.append(meeting_invitation(doc, events, record.sent_at, sequence=version.sequence))
    sender = Sender.from_config(config.email)
    recipient = Recipient(record.name, record.address, "ad hoc" if guest else "journal")
    subject, body = render_text(doc, recipient, sender, attachments, repo.root, version)
    message = build_message(
        sender=sender, recipient=recipient, subject=subject, body=body, attachments=attachments, now=record.sent_at
    )
    message.replace_header("Message-ID", record.message_id)
    message.set_boundary("=_driftsforum_" + hashlib.sha256(record.message_id.encode()).hexdigest()[:32])
    label = {"": "mail", "revised": "revideret-mail"}.get(record.version, f"{record.version}-mail")
    return Mail(
        f"{stem}-{label.replace('update-', 'rettelse-')}.eml",
        message.as_bytes(),
        record,
        count,
        document_digest(render_html(doc, repo.root)) == record.document,
    )


def describe(doc: MeetingDocument, made: Mapping[Path, bytes], mails: Sequence[Mail], today: date) -> dict[str, Any]:
    """The metadata of one document: what and when, its status, dates, case numbers and files."""
    from driftsforum_cli.danish import long_date
    from driftsforum_cli.files import checksum

    meeting = doc.meeting
    if doc.kind == "agenda":
        sent = meeting.agenda_sent
        updated = meeting.agenda_updates[-1].date if meeting.agenda_updates else None
        status = "rettet" if updated else ("udsendt" if sent else "udkast")
        dated = updated or sent or today
    else:
        minutes = doc.minutes
        sent = minutes.sent
        status = "revideret" if minutes.revised_sent else _STATUS_TEXT[minutes.status]
        dated = minutes.revised_sent or minutes.sent or today
    return {
        "schema": SCHEMA,
        "title": f"{doc.title} {'til' if doc.kind == 'agenda' else 'fra'} mødet i {doc.forum.name} den "
        f"{long_date(meeting.date)}",
        "document": doc.kind,
        "forum": {"id": doc.forum.id, "name": doc.forum.name},
        "meeting_date": meeting.date.isoformat(),
        "document_date": dated.isoformat(),
        "date_sent": sent.isoformat() if sent else None,
        "approved": doc.minutes.approved.isoformat() if doc.kind == "minutes" and doc.minutes.approved else None,
        "status": status,
        "organisations": organisations(doc.forum),
        "case_numbers": {"forum": case_numbers(doc.forum), "meeting": case_numbers(meeting)},
        "items": [
            {"title": item.title, "case_numbers": numbers} for item in meeting.agenda if (numbers := case_numbers(item))
        ],
        "files": [
            {"name": path.name, "format": path.suffix.lstrip("."), "sha256": checksum(data)}
            for path, data in sorted(made.items())
        ],
        "emails": [
            {
                "file": mail.file,
                "version": mail.record.version or "første",
                "sent_at": mail.record.sent_at.isoformat(timespec="seconds"),
                "message_id": mail.record.message_id,
                "recipients": mail.recipients,
                "rebuilt": True,
                "matches_log": mail.matches_log,
            }
            for mail in mails
        ],
        "generator": f"driftsforum {__version__}",
    }


def case_numbers(owner: object) -> dict[str, str]:
    """The case number per organisation on the forum, a meeting or an item (`case_numbers`: a mapping from
    organisation to number, or a list of entries with `organisation` and `number`); {} when it has none."""
    value = getattr(owner, "case_numbers", None)
    if isinstance(value, Mapping):
        return {str(key): str(number) for key, number in value.items() if number}
    if isinstance(value, list | tuple):
        found = {}
        for entry in value:
            organisation, number = getattr(entry, "organisation", None), getattr(entry, "number", None)
            if organisation and number:
                found[str(organisation)] = str(number)
        return found
    return {}


def organisations(forum: object) -> dict[str, str]:
    """The organisations that journalise the forum's documents (`journal.organisations`: id → name), so the
    case numbers' keys can be read; {} when the forum configures none."""
    configured = getattr(getattr(forum, "journal", None), "organisations", None) or []
    return {str(entry.id): str(entry.name) for entry in configured if getattr(entry, "id", None)}
