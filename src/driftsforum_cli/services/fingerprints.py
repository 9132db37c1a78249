"""What was sent and approved stays put: the document log, forums/<id>/document-log.jsonl.

One JSON line per version of a document that went out or was approved: which document (kind, meeting),
what happened (sent, approved, corrected), the day, and the fingerprint (sha256) of the document's
canonical text – what it said on that day, not how it looked (domain/canonical.py), so that new templates
change no record. The log lives beside the send log and is committed
with the forum's files. Lines are only ever appended; each line carries the fingerprint of the line
before it (`previous`), so a line changed or removed afterwards is found.

When lines are written:
- a sending through `send` that reached everyone, `agenda mark-sent` and `minutes mark-sent`: "sent";
- `minutes mark-revised` (the revised minutes are the approved ones): "approved";
- `validate`, on first sight: a document the meeting file records as sent that has no line yet ("sent"),
  minutes that have become approved since ("approved", only if they still read as they were sent), and
  corrections added to the meeting file since the last line ("corrected": the corrected text is accepted).

`validate` (every command, through the gate) compares each document's last line with the document as it
would read on that day now: `changed-after-sending` (a warning: send it again, or record a correction) and
`changed-after-approval` (an error: record a correction, which is printed on the document).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal

from driftsforum_cli.danish import DOCUMENT_DEFINITE, DOCUMENT_PRONOUN, long_date
from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.documents import DocumentKind, build_document
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.errors import DriftsforumError, UserError
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Meeting

LOG_NAME = "document-log.jsonl"

#: The format of the text a line fingerprints (domain/canonical.py); 1 was the rendered Markdown.
CANONICAL_FORMAT = 2

DocumentEvent = Literal["sent", "approved", "corrected"]
EVENTS: tuple[DocumentEvent, ...] = ("sent", "approved", "corrected")
KINDS: tuple[DocumentKind, ...] = ("agenda", "minutes")


class DocumentLogError(UserError):
    """The document log cannot be written; the message is Danish."""


@dataclass(frozen=True)
class Fingerprint:
    """One line of the document log."""

    kind: DocumentKind
    meeting: date
    event: DocumentEvent
    date: date  # the day the document read like this (sent, approved or corrected)
    sha256: str  # of the Markdown
    corrections: int  # how many corrections the meeting file had then
    sections: tuple[tuple[str, str], ...] = ()  # (heading, short fingerprint) of each part, to say what changed
    previous: str = ""  # sha256 of the line before ('' for the first)
    line: int = 0  # where it is in the file (not written)
    format: int = CANONICAL_FORMAT  # what the fingerprinted text contains (lines without one: 1, the Markdown)

    def to_json(self) -> str:
        data = {
            "kind": self.kind,
            "meeting": self.meeting.isoformat(),
            "event": self.event,
            "date": self.date.isoformat(),
            "sha256": self.sha256,
            "corrections": self.corrections,
            "sections": [list(pair) for pair in self.sections],
            "previous": self.previous,
            "format": self.format,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class DocumentLog:
    path: Path
    entries: list[Fingerprint] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, Danish reason)
    last_line: str | None = None  # the text of the last line, for the next line's `previous`

    def latest(self, kind: DocumentKind, meeting: date) -> Fingerprint | None:
        found = [entry for entry in self.entries if entry.kind == kind and entry.meeting == meeting]
        return found[-1] if found else None


def log_path(forum_folder: Path) -> Path:
    return forum_folder / LOG_NAME


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parse(text: str, number: int, previous: str) -> Fingerprint:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("linjen er ikke et JSON-objekt")
    kind, event = data["kind"], data["event"]
    if kind not in KINDS or event not in EVENTS:
        raise ValueError(f"ukendt dokument eller hændelse ({kind}, {event})")
    sections = tuple((str(pair[0]), str(pair[1])) for pair in data.get("sections", []))
    return Fingerprint(
        kind,
        date.fromisoformat(data["meeting"]),
        event,
        date.fromisoformat(data["date"]),
        str(data["sha256"]),
        int(data["corrections"]),
        sections,
        str(data["previous"]),
        number,
        int(data.get("format", 1)),
    )


def read_log(path: Path) -> DocumentLog:
    """The log's lines; a line that cannot be read or does not follow the line before is a problem."""
    log = DocumentLog(path)
    if not path.is_file():
        return log
    previous = ""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            entry = _parse(text, number, previous)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            log.problems.append((number, f"linjen kan ikke læses ({exc})"))
        else:
            expected = _digest(previous) if previous else ""
            if entry.previous != expected:
                log.problems.append(
                    (number, "linjen passer ikke til linjen før den: en linje er ændret, fjernet eller flyttet")
                )
            log.entries.append(entry)
        previous = text
    log.last_line = previous or None
    return log


# --- the document as it read on a day -------------------------------------------------------------


def as_of(files: ForumFiles, day: date) -> ForumFiles:
    """The forum as its files told it on `day`: what the meeting files record as happening later (a
    sending, a comment, the revised minutes, a correction) is left out."""

    def then(meeting: Meeting) -> Meeting:
        record = meeting.minutes
        minutes = record.model_copy(
            update={
                "sent": record.sent if record.sent and record.sent <= day else None,
                # a comment comes after the sending (the same day at the earliest), never in what was sent
                "comments": [comment for comment in record.comments if comment.received < day],
                "revised_sent": record.revised_sent if record.revised_sent and record.revised_sent <= day else None,
            }
        )
        return meeting.model_copy(
            update={
                "agenda_sent": meeting.agenda_sent if meeting.agenda_sent and meeting.agenda_sent <= day else None,
                "minutes": minutes,
                "corrections": [correction for correction in meeting.corrections if correction.date <= day],
            }
        )

    meetings = [replace(loaded, model=then(loaded.model)) if loaded.model else loaded for loaded in files.meetings]
    return replace(files, meetings=meetings)


def canonical_text(repo: Repository, files: ForumFiles, kind: DocumentKind, meeting: date, day: date) -> str:
    """What the document said on `day` (its content, not its layout: see domain/canonical.py), without case
    numbers (they are added when it is journalised)."""
    from driftsforum_cli.domain import canonical
    from driftsforum_cli.domain.journal_numbers import unnumbered

    then = as_of(unnumbered(files), day)
    model = next(loaded.model for loaded in then.meetings if loaded.model and loaded.model.date == meeting)
    return canonical.canonical_text(build_document(kind, then, model, repo.calendar, day))


def sections(text: str) -> tuple[tuple[str, str], ...]:
    """The document in parts, at its headings ('' for what comes before the first), each fingerprinted."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            parts.append((line.lstrip("#").strip(), []))
        parts[-1][1].append(line)
    return tuple((heading, _digest("\n".join(lines))[:16]) for heading, lines in parts)


def fingerprint_of(
    repo: Repository, files: ForumFiles, kind: DocumentKind, meeting: Meeting, event: DocumentEvent, day: date
) -> Fingerprint:
    text = canonical_text(repo, files, kind, meeting.date, day)
    return Fingerprint(
        kind, meeting.date, event, day, _digest(text), len(corrected(meeting, kind, day)), sections(text)
    )


def corrected(meeting: Meeting, kind: DocumentKind, day: date) -> list[date]:
    """The days of the document's corrections recorded in the meeting file, up to `day`."""
    return [
        correction.date for correction in meeting.corrections if correction.document == kind and correction.date <= day
    ]


# --- writing -------------------------------------------------------------------------------------------


def _append(log: DocumentLog, entry: Fingerprint) -> Fingerprint:
    """Add one line at the end of the log (never anything else); returns the entry as written."""
    path = log.path
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise DocumentLogError(f"{path} skal være en almindelig fil i forummets mappe")
    written = replace(entry, previous=_digest(log.last_line) if log.last_line is not None else "")
    line = written.to_json()
    data = path.read_bytes() if path.exists() else b""
    prefix = b"\n" if data and not data.endswith(b"\n") else b""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, prefix + line.encode("utf-8") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    log.entries.append(written)
    log.last_line = line
    return written


def record_fingerprint(
    root: Path, forum_id: str, kind: DocumentKind, meeting: date, event: DocumentEvent, on: date
) -> Fingerprint | None:
    """Record that the document (the agenda or minutes of the meeting on `meeting`) was sent, approved or
    corrected `on`, with its fingerprint as it reads now for that day. Nothing is written when the log's
    last line for the document already says the same; returns the line written, if any."""
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(root, {forum_id})
    files = next((forum for forum in repo.forums if forum.id == forum_id), None)
    if files is None:
        return None
    model = next((loaded.model for loaded in files.meetings if loaded.model and loaded.model.date == meeting), None)
    if model is None:
        return None
    log = read_log(log_path(files.folder))
    entry = fingerprint_of(repo, files, kind, model, event, on)
    latest = log.latest(kind, meeting)
    if latest is not None and (latest.event, latest.date, latest.sha256) == (event, on, entry.sha256):
        return None
    return _append(log, entry)


def _approved_on(repo: Repository, files: ForumFiles, meeting: Meeting, today: date) -> date | None:
    return build_document("minutes", files, meeting, repo.calendar, today).minutes.approved


def _pending(
    repo: Repository, files: ForumFiles, meeting: Meeting, kind: DocumentKind, latest: Fingerprint | None, today: date
) -> tuple[DocumentEvent, date] | None:
    """What `validate` records on first sight for the document, if anything."""
    sent = meeting.agenda_sent if kind == "agenda" else meeting.minutes.sent
    if sent is None or sent > today:
        return None
    corrections = corrected(meeting, kind, today)
    approved = _approved_on(repo, files, meeting, today) if kind == "minutes" else None
    if latest is None:
        return ("approved", approved) if approved is not None else ("sent", sent)
    if len(corrections) > latest.corrections:
        return "corrected", max(corrections)
    revised = meeting.minutes.revised_sent if kind == "minutes" else None
    if revised is not None and revised <= today and revised > latest.date:
        return "approved", revised
    if approved is not None and latest.event == "sent" and not _changed(repo, files, meeting, latest):
        return "approved", approved
    return None


def record_seen(repo: Repository, today: date, *, start: bool = False) -> list[Fingerprint]:
    """`publish`'s first sight: record what the meeting files say was sent, approved or corrected and the
    document log does not have yet (minutes approved when the comment deadline passed, documents sent before
    the log existed, corrections). Only forums that keep a document log (it is started by the first sending
    or life-cycle step the tool records, or with `start`); forums whose folder cannot be written (the
    bundled examples) are left alone."""
    from driftsforum_cli.locking import ForumBusy, forum_lock
    from driftsforum_cli.workspace import bundled_root

    written: list[Fingerprint] = []
    if repo.root.resolve() == bundled_root().resolve():
        return written
    for files in repo.forums:
        if not _readable(files) or not os.access(files.folder, os.W_OK):
            continue
        if not start and not log_path(files.folder).is_file():
            continue
        try:
            with forum_lock(files.folder, timeout=0):
                written.extend(_record_forum(repo, files, today))
        except ForumBusy:
            continue  # another command works on the forum; the next publish records it
        except DriftsforumError:
            continue  # the documents cannot be made at all (e.g. no working day); the rules report why
    return written


def _record_forum(repo: Repository, files: ForumFiles, today: date) -> Iterator[Fingerprint]:
    log = read_log(log_path(files.folder))
    if log.problems:
        return  # a log that was changed is reported, not added to
    for _, meeting in _meetings(files):
        for kind in KINDS:
            pending = _pending(repo, files, meeting, kind, log.latest(kind, meeting.date), today)
            if pending is not None:
                event, day = pending
                yield _append(log, fingerprint_of(repo, files, kind, meeting, event, day))


def _readable(files: ForumFiles) -> bool:
    """Every file of the forum could be read: only then do its documents read as they will (a file with
    errors is reported as such, and blocks the documents until it is fixed)."""
    return all(loaded.model is not None for loaded in files.all_files())


def _meetings(files: ForumFiles) -> Iterator[tuple[Loaded[Meeting], Meeting]]:
    for loaded in files.meetings:
        if loaded.model is not None and not loaded.model.cancelled:
            yield loaded, loaded.model


# --- checking -----------------------------------------------------------------------------------------


def _changed(repo: Repository, files: ForumFiles, meeting: Meeting, latest: Fingerprint) -> list[str] | None:
    """None if the document still reads as the log's line says; else the headings of the parts that differ
    ('' for the top of the document)."""
    text = canonical_text(repo, files, latest.kind, meeting.date, latest.date)
    if _digest(text) == latest.sha256:
        return None
    before = dict(latest.sections)
    now = dict(sections(text))
    return [heading for heading, digest in now.items() if before.get(heading) != digest] + [
        heading for heading in before if heading not in now
    ]


def _where(meeting: Meeting, headings: list[str]) -> Loc:
    """The place in the meeting file that the first changed part comes from."""
    for heading in headings:
        for index, item in enumerate(meeting.agenda):
            if heading.endswith(f". {item.title}") or heading.endswith(f": {item.title}"):
                return ("agenda", index)
        if meeting.joint_meeting is not None:
            for index, item in enumerate(meeting.joint_meeting.agenda):
                if heading.endswith(f". {item.title}"):
                    return ("joint_meeting", "agenda", index)
        if heading == "Aftalte handlinger" and meeting.actions:
            return ("actions",)
        if heading == "" and meeting.attendance is not None:
            return ("attendance",)
    return ("date",)


def _only_next_meeting(files: ForumFiles, headings: list[str]) -> bool:
    """True if only the fixed item 'Næste møde' changed: it names the next meeting in the meeting files, so
    it changes when a later meeting is moved, cancelled or added (not a change to this meeting's record)."""
    forum = files.forum.model
    titles = [item.title for item in forum.documents.standard_items if item.id == "next_meeting"] if forum else []
    return bool(headings) and all(any(heading.endswith(f". {title}") for title in titles) for heading in headings)


def _parts(headings: list[str]) -> str:
    named = ["toppen (deltagere, fremmøde og status)" if heading == "" else f"'{heading}'" for heading in headings]
    return ", ".join(named[:4]) + (f" og {len(named) - 4} flere" if len(named) > 4 else "")


def check_fingerprints(repo: Repository, today: date) -> list[Diagnostic]:
    """Every document the log records whose text would now read differently, and every log line that was
    changed afterwards."""
    from driftsforum_cli.workspace import display_path

    found: list[Diagnostic] = []
    for files in repo.forums:
        path = log_path(files.folder)
        if not path.is_file():
            continue
        log = read_log(path)
        shown = display_path(path)
        for number, reason in log.problems:
            found.append(
                Diagnostic(
                    shown,
                    number,
                    1,
                    Severity.ERROR,
                    "document-log-changed",
                    f"{reason}. Dokumentloggen må kun få linjer tilføjet; hent den tilbage fra git "
                    f"(git checkout -- {LOG_NAME}) i forummets mappe",
                )
            )
        try:
            for loaded, meeting in _meetings(files) if _readable(files) else ():
                for kind in KINDS:
                    found.extend(_check(repo, files, loaded, meeting, kind, log.latest(kind, meeting.date), today))
        except DriftsforumError:
            continue  # the documents cannot be made at all (e.g. no working day); the rules report why
    return found


def _check(
    repo: Repository,
    files: ForumFiles,
    loaded: Loaded[Meeting],
    meeting: Meeting,
    kind: DocumentKind,
    latest: Fingerprint | None,
    today: date,
) -> list[Diagnostic]:
    if latest is None or latest.date > today or latest.format != CANONICAL_FORMAT:
        return []  # nothing recorded yet, recorded later, or in a format this version cannot compare with
    if len(corrected(meeting, kind, today)) > latest.corrections:
        return []  # a correction is recorded: the new text is accepted (validate writes its line)
    revised = meeting.minutes.revised_sent if kind == "minutes" else None
    if revised is not None and latest.date < revised <= today:
        return []  # the revised minutes replace the ones sent (their line is written on first sight)
    changed = _changed(repo, files, meeting, latest)
    if changed is None:
        return []
    where = _where(meeting, changed)
    mark = loaded.key_at(where) if len(where) == 1 else loaded.at(where)  # a section: its key's line
    what = DOCUMENT_DEFINITE[kind]
    how = (
        f"Er ændringen rigtig, så registrér den under 'corrections:' i mødefilen (document: {kind}, "
        f"date: {today.isoformat()}, by: dit navn, what: hvad er rettet); den trykkes på {what} som "
        "'Rettet den …: …'. Ellers ret ændringen tilbage"
    )
    if "" in changed:
        to_new = (
            "; er personen skiftet med 'driftsforum member replace', så send dagsordenen til den nye med "
            "'send agenda … --to PLADS'"
            if kind == "agenda"
            else ""
        )
        how += (
            " (skyldes den en ny person på en plads, så skriv den tidligere person under 'history' i members.yaml, "
            f"se README: Sådan udskifter du et medlem{to_new})"
        )
    approved = _approved_on(repo, files, meeting, today) if kind == "minutes" else None
    if approved is not None and _only_next_meeting(files, changed):
        return [
            Diagnostic(
                loaded.display,
                mark.line,
                mark.column,
                Severity.WARNING,
                "changed-after-approval",
                f"{what} blev godkendt den {long_date(approved)}, men punktet {_parts(changed)} nævner nu et andet "
                f"møde, fordi et senere møde er flyttet, aflyst eller tilføjet. {how}.",
            )
        ]
    if approved is not None:
        return [
            Diagnostic(
                loaded.display,
                mark.line,
                mark.column,
                Severity.ERROR,
                "changed-after-approval",
                f"{what} blev godkendt den {long_date(approved)}, men ville nu se anderledes ud "
                f"(ændret: {_parts(changed)}). {how}.",
            )
        ]
    again = ""
    if meeting.date >= today or kind == "minutes":
        command = "send agenda --update" if kind == "agenda" else "send minutes --revised"
        again = f"Send {DOCUMENT_PRONOUN[kind]} igen ('{command}'), eller: "
    return [
        Diagnostic(
            loaded.display,
            mark.line,
            mark.column,
            Severity.WARNING,
            "changed-after-sending",
            f"{what} blev udsendt den {long_date(latest.date)}, men ville nu se anderledes ud "
            f"(ændret: {_parts(changed)}). {again}{how[0].lower() + how[1:] if again else how}.",
        )
    ]
