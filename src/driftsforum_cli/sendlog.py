"""The send log: forums/<id>/send-log.jsonl, one JSON line per message the SMTP server has accepted.

Append-only: a line is written, flushed and fsynced the moment the server accepts a message, so a
run that stops part-way knows exactly who has the document. Lines are never changed or removed.
The log is the forum's own record (it can be committed with the forum's files); it lives in the
forum's folder and nowhere else, and a symbolic link in its place is refused.

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

from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.domain.mailing import SentRecord
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


def to_json(record: SentRecord) -> str:
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
    return json.dumps(data, ensure_ascii=False)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"'{key}' mangler")
    return value


def from_json(line: str) -> SentRecord:
    """One log line; ValueError (Danish) if it is not a complete record."""
    try:
        data = json.loads(line)
    except ValueError:
        raise ValueError("ikke en hel JSON-linje") from None
    if not isinstance(data, dict):
        raise ValueError("ikke et JSON-objekt")
    kind = _text(data, "kind")
    if kind not in ("agenda", "minutes"):
        raise ValueError(f"ukendt 'kind': {kind}")
    chosen: DocumentKind = "agenda" if kind == "agenda" else "minutes"
    try:
        meeting = date.fromisoformat(_text(data, "meeting"))
        sent_at = datetime.fromisoformat(_text(data, "sent_at"))
        day = date.fromisoformat(_text(data, "date"))
    except ValueError as exc:
        raise ValueError(f"en dato kan ikke læses ({exc})") from None
    return SentRecord(
        forum=_text(data, "forum"),
        meeting=meeting,
        kind=chosen,
        address=_text(data, "to"),
        name=str(data.get("name") or ""),
        message_id=_text(data, "message_id"),
        sent_at=sent_at,
        date=day,
        document=str(data.get("document") or ""),
        version=str(data.get("version") or ""),
    )


@dataclass
class LogContents:
    records: list[SentRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # 'linje 7: ikke en hel JSON-linje'


def read_log(path: Path, forum: str) -> LogContents:
    """Every record of the log (none if it does not exist), and the lines that cannot be used."""
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
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = from_json(line)
        except ValueError as exc:
            contents.problems.append(f"linje {number}: {exc}")
            continue
        if record.forum != forum:
            contents.problems.append(f"linje {number}: gælder forummet '{record.forum}', ikke '{forum}'")
            continue
        contents.records.append(record)
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

    def append(self, record: SentRecord) -> None:
        """Write one line and make sure it is on disk before returning; SendLogError if it could not be,
        also when the file was moved, deleted or replaced since the run opened it (a line written to a
        file that is no longer the log would be lost)."""
        self.open()
        try:
            if not self._still_the_log():
                raise SendLogError("filen er flyttet, slettet eller erstattet, mens der blev sendt")
            self._write((to_json(record) + "\n").encode("utf-8"))
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
