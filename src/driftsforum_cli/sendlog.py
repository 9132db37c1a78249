"""The send log: forums/<id>/send-log.jsonl, one JSON line per event of a sending, append-only.

A message is logged twice: an "in flight" line (`"status": "in-flight"`) is written and fsynced before the
message is handed to the SMTP server, and the record (a line without `status`, as the log has always written
it) the moment the server accepts it. A message the server clearly did not take gets a `not-sent` line. An
in-flight line that nothing closes is a message whose fate is unknown – the run was killed or the
connection went while the server had it – and the next run names that recipient and sends to them only
when the secretary decides: `resend` (send again) or `confirmed` (they have it; a record like an accepted
one). Lines are never changed or removed; a log written before in-flight lines existed reads as before.
Reminders (`driftsforum remind`) are logged the same way, with `"kind": "reminder"`, the occasion in
`version` (e.g. 'action-due:nord-2026-3-a1:2026-11-13') and its deadline in `meeting`.
The log is the forum's own record (it can be committed with the forum's files); it lives in the
forum's folder and nowhere else, and a symbolic link in its place is refused.

Each message is also kept exactly as it went to the server – the bytes of the SMTP transaction's DATA, one
file per recipient – in the forum's folder `sent-mail/MØDE/` (`store_message`), written (atomically, and on
disk) before the in-flight line, which names the file and its SHA-256 (`message`, `message_sha256`) as the
record does after it. `driftsforum journal` copies these bytes unchanged into the journal package
(`read_message` checks the checksum). Each message is to one recipient, in `To:` (driftsforum never sends
Bcc), and holds no SMTP login. Records written before messages were kept have no `message`.

While a run sends, it holds the forum's lock (`locking.forum_lock`), so two runs cannot send from the
same forum at the same time, on Windows as elsewhere.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from driftsforum_cli.domain.mailing import MessageKind, SentRecord
from driftsforum_cli.errors import UserError
from driftsforum_cli.files import describe_os_error
from driftsforum_cli.locking import WAIT_SECONDS, forum_lock

LOG_NAME = "send-log.jsonl"


class SendLogError(UserError):
    """The log cannot be used; the message is Danish."""


def log_path(forum_folder: Path) -> Path:
    """The forum's log: directly in its folder, never a link to somewhere else."""
    folder = forum_folder.resolve()
    path = folder / LOG_NAME
    if path.is_symlink():
        raise SendLogError(
            f"{path} er en symbolsk henvisning; udsendelsesloggen skal være en almindelig fil i forummets mappe"
        )
    if path.exists() and not path.is_file():
        raise SendLogError(f"{path} er ikke en almindelig fil")
    if path.parent != folder:  # pragma: no cover - LOG_NAME has no folder part
        raise SendLogError(f"{path} ligger uden for forummets mappe")
    return path


IN_FLIGHT = "in-flight"  # handed to the server; its fate is known once a later line closes it
NOT_SENT = "not-sent"  # the server did not take it (refused, or the connection went before the message)
RESEND = "resend"  # the secretary decided to send an uncertain message again
CONFIRMED = "confirmed"  # the secretary confirmed that an uncertain message arrived: it counts as sent
CLOSING = (NOT_SENT, RESEND)
Day = date  # the type, where a field named `date` hides it


@dataclass(frozen=True)
class InFlight:
    """A message handed to the server (an `in-flight` line); uncertain until a later line closes it."""

    forum: str
    meeting: date  # a reminder: the day it is about (the deadline)
    kind: MessageKind
    address: str
    name: str
    message_id: str
    at: datetime  # when it was handed to the server
    date: date  # the run's --today
    document: str
    version: str = ""
    message: str = ""  # the stored message ('sent-mail/…eml'), relative to the forum's folder
    message_sha256: str = ""

    @property
    def key(self) -> str:
        return self.address.lower()

    def sent(self, at: datetime, today: Day) -> SentRecord:
        """The record of it as sent: the server accepted it `at`, or the secretary confirmed that it arrived
        (`at` is then the moment it was handed to the server)."""
        return SentRecord(
            self.forum,
            self.meeting,
            self.kind,
            self.address,
            self.name,
            self.message_id,
            at,
            today,
            self.document,
            self.version,
            self.message,
            self.message_sha256,
        )


@dataclass(frozen=True)
class Closed:
    """A `not-sent` or `resend` line: the in-flight message `message_id` is no longer uncertain."""

    status: str
    forum: str
    address: str
    message_id: str
    at: datetime
    reason: str = ""


def to_json(record: SentRecord, status: str = "") -> str:
    """An accepted message (no `status`, as every older log wrote it), or a `confirmed` one."""
    data = {
        "forum": record.forum,
        "meeting": record.meeting.isoformat(),
        "kind": record.kind,
        "to": record.address,
        "name": record.name,
        "message_id": record.message_id,
        "sent_at": record.sent_at.isoformat(timespec="seconds"),
        "date": record.date.isoformat(),
        "document": record.document,
    }
    if record.version:  # a line without 'version' is the document's first sending (as in older logs)
        data["version"] = record.version
    _message_fields(data, record.message, record.message_sha256)
    if status:
        data["status"] = status
    return json.dumps(data, ensure_ascii=False)


def in_flight_json(entry: InFlight) -> str:
    data = {
        "status": IN_FLIGHT,
        "forum": entry.forum,
        "meeting": entry.meeting.isoformat(),
        "kind": entry.kind,
        "to": entry.address,
        "name": entry.name,
        "message_id": entry.message_id,
        "at": entry.at.isoformat(timespec="seconds"),
        "date": entry.date.isoformat(),
        "document": entry.document,
    }
    if entry.version:
        data["version"] = entry.version
    _message_fields(data, entry.message, entry.message_sha256)
    return json.dumps(data, ensure_ascii=False)


def _message_fields(data: dict[str, Any], message: str, digest: str) -> None:
    if message:  # lines written before the messages were kept have neither
        data["message"] = message
        data["message_sha256"] = digest


def closed_json(closed: Closed) -> str:
    data = {
        "status": closed.status,
        "forum": closed.forum,
        "to": closed.address,
        "message_id": closed.message_id,
        "at": closed.at.isoformat(timespec="seconds"),
    }
    if closed.reason:
        data["reason"] = closed.reason
    return json.dumps(data, ensure_ascii=False)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"'{key}' mangler")
    return value


def _parse(line: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except ValueError:
        raise ValueError("ikke en hel JSON-linje") from None
    if not isinstance(data, dict):
        raise ValueError("ikke et JSON-objekt")
    return data


def _kind(data: dict[str, Any]) -> MessageKind:
    kind = _text(data, "kind")
    if kind not in ("agenda", "minutes", "reminder"):
        raise ValueError(f"ukendt 'kind': {kind}")
    return "agenda" if kind == "agenda" else "minutes" if kind == "minutes" else "reminder"


def _moment(data: dict[str, Any], key: str) -> datetime:
    try:
        return datetime.fromisoformat(_text(data, key))
    except ValueError as exc:
        raise ValueError(f"en dato kan ikke læses ({exc})") from None


def _day(data: dict[str, Any], key: str) -> date:
    try:
        return date.fromisoformat(_text(data, key))
    except ValueError as exc:
        raise ValueError(f"en dato kan ikke læses ({exc})") from None


def from_json(line: str) -> SentRecord:
    """One record line (accepted or confirmed); ValueError (Danish) if it is not a complete record."""
    data = _parse(line)
    if data.get("status", "") not in ("", CONFIRMED):
        raise ValueError(f"ikke en udsendelse ('status': {data.get('status')})")
    return _record(data)


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """What a record and an in-flight line both say about the message."""
    return {
        "forum": _text(data, "forum"),
        "meeting": _day(data, "meeting"),
        "kind": _kind(data),
        "address": _text(data, "to"),
        "name": str(data.get("name") or ""),
        "message_id": _text(data, "message_id"),
        "date": _day(data, "date"),
        "document": str(data.get("document") or ""),
        "version": str(data.get("version") or ""),
        "message": str(data.get("message") or ""),
        "message_sha256": str(data.get("message_sha256") or ""),
    }


def _record(data: dict[str, Any]) -> SentRecord:
    return SentRecord(**_fields(data), sent_at=_moment(data, "sent_at"))


def _entry(data: dict[str, Any]) -> SentRecord | InFlight | Closed:
    status = data.get("status", "")
    if status in ("", CONFIRMED):
        return _record(data)
    if status == IN_FLIGHT:
        return InFlight(**_fields(data), at=_moment(data, "at"))
    if status in CLOSING:
        return Closed(
            status,
            _text(data, "forum"),
            _text(data, "to"),
            _text(data, "message_id"),
            _moment(data, "at"),
            str(data.get("reason") or ""),
        )
    raise ValueError(f"ukendt 'status': {status}")


@dataclass
class LogContents:
    records: list[SentRecord] = field(default_factory=list)  # accepted (or confirmed) messages
    problems: list[str] = field(default_factory=list)  # 'linje 7: ikke en hel JSON-linje'
    uncertain: list[InFlight] = field(default_factory=list)  # handed to the server; nothing says what happened


def read_log(path: Path, forum: str) -> LogContents:
    """Every record of the log (none if it does not exist), the messages whose fate is unknown, and the
    lines that cannot be used."""
    contents = LogContents()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return contents
    except OSError as exc:
        raise SendLogError(f"{path} kan ikke læses: {describe_os_error(exc)}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SendLogError(f"{path} er ikke UTF-8; den må kun skrives af driftsforum") from None
    flying: list[InFlight] = []
    settled: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = _entry(_parse(line))
        except ValueError as exc:
            contents.problems.append(f"linje {number}: {exc}")
            continue
        if entry.forum != forum:
            contents.problems.append(f"linje {number}: gælder forummet '{entry.forum}', ikke '{forum}'")
            continue
        if isinstance(entry, InFlight):
            flying.append(entry)
            continue
        settled.add(entry.message_id)
        if isinstance(entry, SentRecord):
            contents.records.append(entry)
    contents.uncertain = [entry for entry in flying if entry.message_id not in settled]
    return contents


class SendLog:
    """The log opened for appending, with the forum locked for the duration of a run:
    `with SendLog(path) as log: …`. `open()` creates the file (if needed) before anything is sent, so a
    log that cannot be written stops the run before the first message, not after it."""

    def __init__(self, path: Path, timeout: float = WAIT_SECONDS) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._lock: ExitStack | None = None

    def __enter__(self) -> SendLog:
        with ExitStack() as stack:
            stack.enter_context(forum_lock(self.path.parent, self.timeout))
            self._lock = stack.pop_all()
        return self

    def open(self) -> None:
        """Open the log for appending (creating it); raises SendLogError if it cannot be written."""
        if self._fd is not None:
            return
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        flags |= getattr(os, "O_BINARY", 0)  # Windows: the line ends exactly as written (\n, not \r\n)
        existed = self.path.exists()
        try:
            self._fd = os.open(self.path, flags, 0o644)
            if not existed:
                _fsync_folder(self.path.parent)
            elif _ends_without_newline(self.path):
                self._write(b"\n")
        except OSError as exc:
            raise SendLogError(f"{self.path} kan ikke åbnes til skrivning: {describe_os_error(exc)}") from None

    def append(self, record: SentRecord, status: str = "") -> None:
        """Write one record (an accepted message; `status` 'confirmed' for one the secretary confirmed) and
        make sure it is on disk before returning; SendLogError if it could not be, also when the file was
        moved, deleted or replaced since the run opened it (a line written to a file that is no longer the
        log would be lost)."""
        self._line(to_json(record, status))

    def begin(self, entry: InFlight) -> None:
        """The message is about to be handed to the server: on disk before the first byte is sent."""
        self._line(in_flight_json(entry))

    def close(self, closed: Closed) -> None:
        """The in-flight message was not taken (`not-sent`), or is to be sent again (`resend`)."""
        self._line(closed_json(closed))

    def _line(self, line: str) -> None:
        self.open()
        try:
            if not self._still_the_log():
                raise SendLogError("filen er flyttet, slettet eller erstattet, mens der blev sendt")
            self._write((line + "\n").encode("utf-8"))
        except OSError as exc:
            raise SendLogError(f"skrivningen mislykkedes: {describe_os_error(exc)}") from None

    def _still_the_log(self) -> bool:
        assert self._fd is not None
        try:
            now = self.path.lstat()
        except OSError:
            return False
        held = os.fstat(self._fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)

    def _write(self, data: bytes) -> None:
        assert self._fd is not None
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _fsync_folder(folder: Path) -> None:
    """Make a new file's name durable too (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _ends_without_newline(path: Path) -> bool:
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        if stream.tell() == 0:
            return False
        stream.seek(-1, os.SEEK_END)
        return stream.read(1) != b"\n"


# --- the messages as sent ---------------------------------------------------------------------------------

MAIL_FOLDER = "sent-mail"
#: Git keeps the stored messages byte for byte (no CRLF conversion on Windows): the folder says so itself.
_ATTRIBUTES = b"# Beskederne, som de blev sendt: byte for byte, uden linjeskift-konvertering.\n*.eml -text -diff\n"


@dataclass(frozen=True)
class StoredMessage:
    path: str  # relative to the forum's folder, with '/': 'sent-mail/2027-03-09/agenda-1f2e….eml'
    sha256: str  # 'sha256:…'


def _digest(data: bytes) -> str:
    import hashlib

    return "sha256:" + hashlib.sha256(data).hexdigest()


def _mail_folder(forum_folder: Path) -> Path:
    """The forum's `sent-mail` folder: a real folder in the forum's folder, never a link to elsewhere."""
    folder = forum_folder.resolve() / MAIL_FOLDER
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise SendLogError(f"{folder} skal være en almindelig mappe i forummets mappe (ikke en fil eller henvisning)")
    return folder


def store_message(forum_folder: Path, meeting: date, kind: str, version: str, data: bytes) -> StoredMessage:
    """Keep `data`, the message exactly as it is handed to the server, in the forum's folder: written to a
    temporary file, made durable, then renamed into place. The name has the start of its SHA-256, so two
    messages never share a file; SendLogError (Danish) if it cannot be written (nothing is sent then)."""
    from driftsforum_cli.files import atomic_write

    digest = _digest(data)
    label = f"{kind}-{version}" if version else kind
    relative = f"{MAIL_FOLDER}/{meeting.isoformat()}/{label}-{digest.removeprefix('sha256:')[:20]}.eml"
    folder = _mail_folder(forum_folder)
    target = forum_folder.resolve() / relative
    try:
        if not (folder / ".gitattributes").exists():
            atomic_write(folder / ".gitattributes", _ATTRIBUTES)
        if target.is_symlink():
            raise SendLogError(f"{target} er en symbolsk henvisning; beskeden gemmes ikke gennem den")
        atomic_write(target, data)
        _fsync_folder(target.parent)  # the file's name, and the meeting's folder if it is new
        _fsync_folder(folder)
    except OSError as exc:
        raise SendLogError(f"beskeden kan ikke gemmes i {target}: {describe_os_error(exc)}") from None
    return StoredMessage(relative, digest)


class StoredMessageError(UserError):
    """A stored message is missing, altered or not where the log says (the message is Danish)."""


def read_message(forum_folder: Path, record: SentRecord) -> bytes:
    """The bytes of the message `record` names, checked against the checksum the log keeps;
    StoredMessageError naming the file when it is missing, cannot be read or is not the message that was sent."""
    relative = record.message
    parts = relative.split("/")
    if parts[0] != MAIL_FOLDER or len(parts) < 2 or any(part in ("", ".", "..") for part in parts) or "\\" in relative:
        raise StoredMessageError(
            f"udsendelsesloggen peger på '{relative}' for beskeden til {record.address}; en gemt besked ligger "
            f"altid i forummets mappe {MAIL_FOLDER}/"
        )
    path = forum_folder.resolve() / relative
    try:
        if path.is_symlink():
            raise StoredMessageError(f"{path} er en symbolsk henvisning, ikke den gemte besked")
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoredMessageError(
            f"{path} mangler: beskeden til {record.address} ({record.message_id}) er gemt der, da den blev sendt. "
            f"Hent filen igen, fx fra git (git checkout -- {relative}) i forummets mappe."
        ) from None
    except OSError as exc:
        raise StoredMessageError(f"{path} kan ikke læses: {describe_os_error(exc)}") from None
    if _digest(data) != record.message_sha256:
        raise StoredMessageError(
            f"{path} er ændret, siden beskeden blev sendt (dens SHA-256 er ikke den, udsendelsesloggen har: "
            f"{record.message_sha256}). Den bruges ikke; hent den oprindelige fil igen, fx fra git "
            f"(git checkout -- {relative}) i forummets mappe."
        )
    return data
