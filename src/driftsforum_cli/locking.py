"""One driftsforum command at a time per forum: a lock file in the forum's folder, through `filelock`
(fcntl on Linux and macOS, msvcrt on Windows), so it works on the secretariats' Windows PCs too.

The lock file is `.driftsforum.lock` in the forum's folder. It holds nothing and may stay there after a
run (on Linux and macOS it does; removing it while a run waits would let two runs in). It is never
published (only public attachments below meetings/ are) and git ignores it through the repository's
.gitignore.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from driftsforum_cli.errors import UserError

LOCK_NAME = ".driftsforum.lock"

#: How long a command waits for another one working on the same forum before it gives up.
WAIT_SECONDS = 10.0


class ForumBusy(UserError):
    """Another driftsforum command holds the forum's lock."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} bruges af en anden driftsforum-kommando lige nu; prøv igen om lidt")
        self.folder = folder


def lock_path(folder: Path) -> Path:
    return folder / LOCK_NAME


@contextmanager
def forum_lock(folder: Path, timeout: float = WAIT_SECONDS) -> Iterator[Path]:
    """Hold the forum's lock for the duration of the `with` block; wait up to `timeout` seconds for
    another command to finish, then raise `ForumBusy`. Yields the lock file's path."""
    from filelock import FileLock, Timeout

    path = lock_path(folder)
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise ForumBusy(folder) from None
    except OSError as exc:
        raise UserError(f"{path} kan ikke oprettes: {exc.strerror or exc}") from None
    try:
        yield path
    finally:
        lock.release()
