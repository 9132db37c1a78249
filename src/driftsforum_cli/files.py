"""Writing files safely: atomically, and never over a file a person may have edited (unless forced).

The tool remembers a checksum of every file it generates in a small manifest beside them
(.driftsforum-genereret.json). A file whose content no longer matches what the tool last wrote there
— or that the tool never wrote — is someone's work and is only replaced with --force.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from driftsforum_cli.errors import UserError

MANIFEST = ".driftsforum-genereret.json"


class OverwriteRefused(UserError):
    """Some of the files to write were changed by someone else since the tool wrote them; nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        shown = ", ".join(str(path) for path in paths[:5]) + (" …" if len(paths) > 5 else "")
        which = "den" if len(paths) == 1 else "dem"
        super().__init__(
            f"{shown} er ændret, siden driftsforum skrev {which} (eller er ikke skrevet af driftsforum); intet er "
            "overskrevet. Brug --force for at overskrive."
        )
        self.paths = paths


class NotARegularFile(UserError):
    """A target that is a special file (a device, a FIFO, a socket), a folder or a symbolic link; nothing
    was written."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} er {what}; driftsforum skriver kun almindelige filer, og intet er skrevet")
        self.path = path


def _require_writable_file(path: Path) -> None:
    """Refuse a target that is not a regular file (when it exists), before it is opened: reading
    /dev/full or /dev/zero to compare it never ends, a FIFO waits for ever, and a symbolic link may lead out
    of the repository."""
    import stat

    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    if stat.S_ISLNK(mode):
        raise NotARegularFile(path, "et symbolsk link (angiv den fil, det peger på, i stedet)")
    if stat.S_ISDIR(mode):
        raise NotARegularFile(path, "en mappe")
    if not stat.S_ISREG(mode):
        raise NotARegularFile(path, "en særlig fil (fx en enhed, en FIFO eller en sokkel), ikke en almindelig fil")


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def checksum(data: bytes) -> str:
    """The SHA-256 of a file's content, as the manifests and the site record keep it."""
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        loaded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in loaded.items()} if isinstance(loaded, dict) else {}


def write_generated(files: Mapping[Path, bytes], force: bool = False) -> list[Path]:
    """Write generated files. Refuses (writing nothing) if any target was changed by someone else.

    Returns the files actually written: unchanged ones are left alone.
    """
    manifests: dict[Path, dict[str, str]] = {}
    refused: list[Path] = []
    pending: list[tuple[Path, bytes]] = []
    for path in files:
        _require_writable_file(path)
    for path, data in files.items():
        manifest = manifests.setdefault(path.parent, _read_manifest(path.parent))
        if path.exists():
            current = path.read_bytes()
            if current == data:
                manifest[path.name] = checksum(data)
                continue
            if not force and manifest.get(path.name) != checksum(current):
                refused.append(path)
                continue
        pending.append((path, data))
    if refused:
        raise OverwriteRefused(refused)
    for path, data in pending:
        atomic_write(path, data)
        manifests[path.parent][path.name] = checksum(data)
    for folder, manifest in manifests.items():
        text = json.dumps(dict(sorted(manifest.items())), indent=2, ensure_ascii=False) + "\n"
        manifest_path = folder / MANIFEST
        if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != text:
            atomic_write(manifest_path, text.encode("utf-8"))
    return [path for path, _ in pending]


_OS_ERRORS = {
    errno.ENOENT: "findes ikke",
    errno.EISDIR: "er en mappe",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "adgang nægtet",
    errno.ENOSPC: "der er ikke plads på disken",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.EEXIST: "findes allerede",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EBUSY: "filen er i brug af et andet program",
    errno.ECONNREFUSED: "forbindelsen blev afvist",
    errno.ETIMEDOUT: "der kom intet svar i tide",
    errno.EHOSTUNREACH: "maskinen kan ikke nås",
    errno.ENETUNREACH: "netværket kan ikke nås",
    errno.ECONNRESET: "forbindelsen blev afbrudt",
}


def describe_os_error(exc: OSError) -> str:
    """What the operating system said, in Danish (never its English text): 'er en mappe', 'adgang nægtet'."""
    if getattr(exc, "winerror", None) == 32:  # Windows: the file is open in another program (e.g. Word)
        return "filen er åben i et andet program, fx Word; luk den og prøv igen"
    known = _OS_ERRORS.get(exc.errno or 0)
    if known is not None:
        return known
    return f"systemfejl {exc.errno}" if exc.errno else "ukendt systemfejl"


class WriteFailed(UserError):
    """A file could not be written; the message says which and why, in Danish."""

    def __init__(self, path: Path, exc: OSError) -> None:
        super().__init__(f"{path} kan ikke skrives: {describe_os_error(exc)}")


def write_output(target: Path, data: bytes, force: bool = False) -> bool:
    """Write one generated file (see write_generated); True if it was written, False if already up to date."""
    try:
        return bool(write_generated({target: data}, force=force))
    except OSError as exc:
        raise WriteFailed(Path(exc.filename) if exc.filename else target, exc) from None
