"""The journal package of a meeting (`driftsforum journal FORUM DATE -o DIR`): what the two case systems (the
region's and the municipalities') journalise.

For the agenda and, once the meeting is held, the minutes: the document as PDF/A-2a and as DOCX, the e-mail
of each sending (`.eml`) and a metadata file (`.json`, schemas/journal.schema.json).

The e-mail is the message exactly as it went to the mail server: `driftsforum send` keeps the bytes of every
message in the forum's folder (`sent-mail/`, see sendlog.py) with their SHA-256 in the send log, and the
package has a copy of them, unchanged, for each version sent (the first member's message; every recipient
got the same document in a message of their own). A stored message that is missing or altered stops the
package with an error that names the file; nothing is ever rebuilt in its place. A sending from before the
messages were kept has no `.eml`: the metadata and the notes say so.
"""

from __future__ import annotations

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
    from driftsforum_cli.domain.mailing import SentRecord
    from driftsforum_cli.domain.repository import ForumFiles, Repository
    from driftsforum_cli.models import Meeting
    from driftsforum_cli.render.formats import DocumentSource

#: The variant of the PDFs in the package.
ARCHIVE_VARIANT = "pdf/a-2a"
#: What the metadata files say they follow (schemas/journal.schema.json's $id ends in it).
SCHEMA = "driftsforum-journal/2"
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
    from driftsforum_cli.render.documents import document_source, file_stem
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(root, forum_id, today, "journalen laves", now)
    meeting = pick_meeting(files, meeting_date, today)
    if meeting.cancelled:
        raise JournalRefused(
            f"mødet {long_date(meeting.date)} er aflyst; der er ingen dagsorden eller referat at journalisere"
        )
    kinds: list[DocumentKind] = ["agenda", "minutes"] if meeting.date <= today else ["agenda"]
    docs = [build_document(kind, files, meeting, repo.calendar, today) for kind in kinds]
    notes: list[str] = []
    mails = [_emails(files, meeting, doc.kind, file_stem(doc), notes) for doc in docs]  # before the slow part
    pdfs = archive_pdfs([document_source(doc, repo.root) for doc in docs])
    package: dict[Path, bytes] = {}
    for doc, pdf, sent in zip(docs, pdfs, mails, strict=True):
        package.update(_document_files(repo, doc, pdf, sent, folder, today, notes))
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
    doc: MeetingDocument,
    pdf: bytes,
    mails: list[Mail],
    folder: Path,
    today: date,
    notes: list[str],
) -> dict[Path, bytes]:
    from driftsforum_cli.danish import DOCUMENT_DEFINITE
    from driftsforum_cli.render.documents import file_stem, render_document
    from driftsforum_cli.render.formats import FORMATS

    kind, stem = doc.kind, file_stem(doc)
    made = {folder / f"{stem}.pdf": pdf, folder / f"{stem}.docx": render_document(doc, FORMATS["docx"], repo.root)}
    if not mails:
        notes.append(
            f"{DOCUMENT_DEFINITE[kind].capitalize()} er ikke sendt med 'driftsforum send' (intet i "
            f"udsendelsesloggen), så pakken har ingen e-mail med {DOCUMENT_DEFINITE[kind]}."
        )
    for mail in mails:
        if mail.file is not None and mail.data is not None:
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
    """One sending of the document: the message as it went to the first member, or (`data` None) a sending
    from before driftsforum kept the messages it sent."""

    file: str | None
    data: bytes | None
    record: SentRecord
    recipients: int  # how many the log records as having got this version


OLD_SENDING = (
    "Sendt, før driftsforum gemte beskederne, som de blev sendt; udsendelsesloggen har modtagere, tidspunkt og "
    "Message-ID, men ikke selve beskeden, så pakken har ingen .eml for denne udsendelse."
)


def _emails(files: ForumFiles, meeting: Meeting, kind: DocumentKind, stem: str, notes: list[str]) -> list[Mail]:
    """Per version of the document the send log records: the message exactly as it went to the first member
    (the bytes kept in the forum's sent-mail/ at sending, checked against the log's SHA-256). Never a rebuilt
    message: a sending from before the messages were kept is named in the notes and the metadata instead."""
    from driftsforum_cli.danish import DOCUMENT_DEFINITE, long_date
    from driftsforum_cli.sendlog import log_path, read_log, read_message

    records = [
        record
        for record in read_log(log_path(files.folder), files.id).records
        if record.meeting == meeting.date and record.kind == kind and record.version != "cancellation"
    ]
    mails = []
    for version_name in sorted({record.version for record in records}, key=_version_order):
        sent = sorted((r for r in records if r.version == version_name), key=lambda r: (r.sent_at, r.address))
        guests = _guests(files, meeting, sent[0].date)
        first = next((record for record in sent if record.key not in guests and record.message), None)
        first = first or next((record for record in sent if record.message), sent[0])
        label = {"": "mail", "revised": "revideret-mail"}.get(version_name, f"{version_name}-mail")
        if not first.message:
            what = _version_text(kind, version_name)
            notes.append(
                f"{what.capitalize()} {DOCUMENT_DEFINITE[kind]} ({long_date(first.sent_at.date())}) er sendt, før "
                "driftsforum gemte beskederne, som de blev sendt; pakken har ingen .eml for den udsendelse, og "
                "metadatafilen siger det."
            )
            mails.append(Mail(None, None, first, len(sent)))
            continue
        data = read_message(files.folder, first)
        mails.append(Mail(f"{stem}-{label.replace('update-', 'rettelse-')}.eml", data, first, len(sent)))
    return mails


def _guests(files: ForumFiles, meeting: Meeting, on: date) -> set[str]:
    """The addresses of the meeting's ad hoc participants (their copy lacks the closed items)."""
    from driftsforum_cli.domain.mailing import recipients

    if files.members.model is None:
        return set()
    return {
        recipient.key for recipient in recipients(files.members.model.seats, meeting, on).recipients if recipient.ad_hoc
    }


def _version_order(name: str) -> tuple[int, int]:
    if name.startswith("update-"):
        return (1, int(name.removeprefix("update-")))
    return (2, 0) if name == "revised" else (0, 0)


def _version_text(kind: DocumentKind, name: str) -> str:
    """'den første udsendelse af', 'rettelse 2 af', 'den reviderede udgave af' (before 'dagsordenen')."""
    if name.startswith("update-"):
        return f"rettelse {name.removeprefix('update-')} af"
    if name == "revised":
        return "den reviderede udgave af"
    return "den første udsendelse af"


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
                "as_sent": mail.data is not None,
                **({} if mail.data is not None else {"note": OLD_SENDING}),
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
