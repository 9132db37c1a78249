"""One driftsforum command at a time per forum: a lock file in the forum's folder, through `filelock`
(fcntl on Linux and macOS, msvcrt on Windows), so it works on the secretariats' Windows PCs too.

The lock file is `.driftsforum.lock` in the forum's folder. It holds nothing and may stay there after a
run (on Linux and macOS it does; removing it while a run waits would let two runs in). It is never
published (only public attachments below meetings/ are) and git ignores it through the repository's
.gitignore.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from driftsforum_cli.errors import UserError
from driftsforum_cli.files import describe_os_error

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


class _Held(threading.local):
    """The forum locks this thread holds: lock file → how many `with` blocks hold it."""

    def __init__(self) -> None:
        self.count: dict[Path, int] = {}


_HELD = _Held()


@contextmanager
def forum_lock(folder: Path, timeout: float = WAIT_SECONDS, *, reenter: bool = False) -> Iterator[Path]:
    """Hold the forum's lock for the duration of the `with` block; wait up to `timeout` seconds for
    another command to finish, then raise `ForumBusy`. Yields the lock file's path.

    A run holds the lock alone, also against another run in the same process. `reenter=True` is for an
    edit made inside a run (a recorded step, a send recording its sending): when this thread holds the
    forum's lock already, the edit goes ahead under it instead of waiting for itself."""
    from filelock import FileLock, Timeout

    path = lock_path(folder)
    key = path.resolve()
    if reenter and _HELD.count.get(key):
        _HELD.count[key] += 1
        try:
            yield path
        finally:
            _HELD.count[key] -= 1
        return
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise ForumBusy(folder) from None
    except OSError as exc:
        raise UserError(f"{path} kan ikke oprettes: {describe_os_error(exc)}") from None
    _HELD.count[key] = _HELD.count.get(key, 0) + 1
    try:
        yield path
    finally:
        _HELD.count[key] -= 1
        lock.release()
