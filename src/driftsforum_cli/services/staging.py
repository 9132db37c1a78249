"""Putting a folder in place in one step: the new content is built in a staging folder beside the target, and the
two are exchanged with one system call, so whoever looks (a web server, a `kill -9`) sees the old folder or the new
one, never a mix.

On Linux the exchange is `renameat2(RENAME_EXCHANGE)`: atomic, the target never missing. Where that call does not
exist (Windows, macOS, old kernels, some network file systems) the target is renamed aside and the staging folder
renamed into its place; a process killed between those two renames leaves the target missing for a moment, and
`recover` (run first by the next publish) puts the old folder back.

The staging folder is `.<name>.driftsforum-ny` and the folder set aside `.<name>.driftsforum-gammel`, both in the
target's parent folder; neither survives a completed run, and `recover` removes what an interrupted one left.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Collection
from pathlib import Path, PurePosixPath

STAGING_SUFFIX = ".driftsforum-ny"
ASIDE_SUFFIX = ".driftsforum-gammel"


class SpecialEntry(OSError):
    """The folder holds something that is neither a file, a folder nor a symbolic link (a FIFO, a device, a
    socket); it cannot be carried over to the new folder."""


def staging_path(target: Path) -> Path:
    return target.parent / f".{target.name}{STAGING_SUFFIX}"


def aside_path(target: Path) -> Path:
    return target.parent / f".{target.name}{ASIDE_SUFFIX}"


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def recover(target: Path) -> None:
    """Undo what an interrupted run left beside `target`: the old folder is put back if the target is missing (a
    fallback exchange cut between its renames), and the staging and set-aside folders are removed."""
    aside = aside_path(target)
    if not target.exists() and not target.is_symlink() and aside.is_dir():
        aside.rename(target)
    _remove(staging_path(target))
    if target.exists():
        _remove(aside)


def _link(source: Path, copy: Path) -> None:
    """A hard link (same file, same modification time, no copying), or a copy where links are not possible."""
    try:
        os.link(source, copy)
    except OSError:
        shutil.copy2(source, copy)


def carry_over(source: Path, staging: Path, skip: Collection[str]) -> None:
    """Everything in `source` but the files named in `skip` (relative POSIX paths) into `staging`: folders with
    their permissions, files as hard links (or copies), symbolic links as links (never followed)."""
    shutil.copymode(source, staging)
    for folder, folders, names in os.walk(source):
        here = Path(folder)
        relative = PurePosixPath(here.relative_to(source).as_posix())
        for name in folders:
            entry = here / name
            copy = staging / relative / name
            if entry.is_symlink():
                copy.symlink_to(entry.readlink())
            else:
                copy.mkdir()
                shutil.copymode(entry, copy)
        for name in names:
            if (relative / name).as_posix().removeprefix("./") in skip:
                continue
            entry, copy = here / name, staging / relative / name
            mode = entry.lstat().st_mode
            if stat.S_ISLNK(mode):
                copy.symlink_to(entry.readlink())
            elif stat.S_ISREG(mode):
                _link(entry, copy)
            else:
                raise SpecialEntry(errno.EINVAL, "ikke en almindelig fil", str(entry))


def _exchange_linux(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False where the system or the file system does not offer it."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is None:
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if function(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def put_in_place(staging: Path, target: Path) -> None:
    """`staging` becomes `target` in one step; the old `target` is removed afterwards."""
    if not target.exists():
        staging.rename(target)
        return
    if _exchange_linux(staging, target):
        _remove(staging)  # now the old folder
        return
    aside = aside_path(target)
    target.rename(aside)
    staging.rename(target)
    _remove(aside)
