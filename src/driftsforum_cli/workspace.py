"""The file-system side of a forum repository: finding it (--repo, DRIFTSFORUM_REPO, the nearest
driftsforum.yaml, the bundled forums), loading it into the domain's types with its work calendar, and
turning command-line paths into repositories."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UsageError
from driftsforum_cli.loader import Loaded, M, load_file
from driftsforum_cli.models import Agreements, Forum, Meeting, Members, RepoConfig, WorkingGroups

CONFIG_FILE = "driftsforum.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The bundled Nord and Vest forums: the source checkout, or the copy inside an installed wheel."""
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / CONFIG_FILE).is_file() and (checkout / "forums").is_dir():
        return checkout
    return PACKAGE_DIR / "_bundled"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds driftsforum.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def choose_root(explicit: Path | None, cwd: Path) -> Path:
    """The repository to use: `explicit` (--repo or DRIFTSFORUM_REPO), else the nearest driftsforum.yaml at
    or above `cwd`, else the bundled forums."""
    if explicit is not None:
        if not (explicit / CONFIG_FILE).is_file():
            raise UsageError(f"{explicit} er ikke en driftsforum-samling: der er ingen {CONFIG_FILE}")
        return explicit.resolve()
    return find_root(cwd) or bundled_root()


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when it is inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


#: What a path may hold and still be typed as it is in cmd, PowerShell and bash.
_PLAIN_PATH = re.compile(r"[\w/\\.:~+-]+")


def command_path(path: Path | str) -> str:
    """A path as a command line the tool suggests must write it: as `display_path` shows it, in double quotes
    when it has a space or another special character (C:\\Users\\Anne Hansen\\OneDrive - Region Nordjylland)."""
    shown = display_path(path) if isinstance(path, Path) else path
    return shown if _PLAIN_PATH.fullmatch(shown) else f'"{shown}"'


def _forums_folder(root: Path, config: Loaded[RepoConfig]) -> tuple[Path, list[Diagnostic]]:
    name = config.model.forums_dir if config.model else "forums"
    folder = (root / name).resolve()
    if not folder.is_relative_to(root.resolve()):
        mark = config.at(("forums_dir",))
        return root / "forums", [
            error(
                config.display,
                mark.line,
                mark.column,
                "path-outside",
                f"'forums_dir: {name}' peger uden for samlingens mappe; brug en mappe inde i den, fx 'forums'",
            )
        ]
    return folder, []


def _shown_in(folder: Path) -> Callable[[str], str]:
    """display_path(folder / name) for the names in `folder`. relpath asks the OS for the working folder
    every time, so where joining gives the same answer (the folder is the working folder, inside it, or
    shown in full), the folder is worked out once and each name joined to it."""
    shown = display_path(folder)
    if shown == os.curdir:
        return lambda name: name
    if Path(shown).is_absolute() or not (shown == os.pardir or shown.startswith(os.pardir + os.sep)):
        return lambda name: os.path.join(shown, name)  # noqa: PTH118 – strings in, a string out
    return lambda name: display_path(folder / name)


def _listing(folder: str | Path) -> list[os.DirEntry[str]]:
    """A folder's entries; none for a folder that may not be read (as pathlib's glob does)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except PermissionError:
        return []


def _suffix(name: str) -> str:
    """PurePath(name).suffix, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _scan_meetings(meetings_dir: Path) -> tuple[list[Path], list[Path], frozenset[str]]:
    """The meeting files (*.yaml), the misnamed ones (*.yml) and the attachments of a meetings/ folder.

    One pass over the folder instead of two globs and a recursive glob, with the same results: names
    matched as pathlib's glob matches them (without regard to case on Windows), sorted as paths sort, and
    as attachments every regular file below the folder (no symlinks, symlinked folders not followed) that
    is not a .yaml or .yml file, as a POSIX path relative to the folder.
    """
    if not meetings_dir.is_dir():
        return [], [], frozenset()
    top = _listing(meetings_dir)
    yaml_files: list[Path] = []
    yml_files: list[Path] = []
    for entry in top:
        name = os.path.normcase(entry.name)
        if name.endswith(".yaml"):
            yaml_files.append(meetings_dir / entry.name)
        elif name.endswith(".yml"):
            yml_files.append(meetings_dir / entry.name)
    attachments: set[str] = set()
    pending = [(top, "")]
    while pending:
        entries, prefix = pending.pop()
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((_listing(entry.path), f"{prefix}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False) and _suffix(entry.name) not in (".yaml", ".yml"):
                attachments.add(prefix + entry.name)
    return sorted(yaml_files), sorted(yml_files), frozenset(attachments)


def _outside(path: Path, root: Path, folder_outside: bool) -> bool:
    """Whether `path` (in a folder that is, or is not, inside `root` itself) leads out of `root`: only a
    symbolic link, or a folder that is one, can."""
    if not folder_outside and not path.is_symlink():
        return False
    return not path.resolve().is_relative_to(root)


def _load(path: Path, display: str, model: type[M], root: Path, folder_outside: bool) -> Loaded[M]:
    """load_file, but a symbolic link to a file outside the repository is not read at all (its content is
    not the repository's, and none of it may be shown in a message)."""
    if not _outside(path, root, folder_outside):
        return load_file(path, display, model)
    refused: Loaded[M] = Loaded(path, display)
    refused.diagnostics.append(
        error(
            display,
            1,
            1,
            "link-outside",
            f"{path.name} er et symbolsk link til en fil uden for samlingens mappe; den læses ikke. "
            "Kopiér filen ind i samlingen i stedet",
        )
    )
    return refused


def load_forum(folder: Path, root: Path | None = None) -> ForumFiles:
    """Load a forum's files; files that lead out of `root` (the repository; None: the forum's folder) through
    symbolic links are refused."""
    boundary = (root or folder).resolve()
    outside = not folder.resolve().is_relative_to(boundary)
    show = _shown_in(folder)
    forum = _load(folder / "forum.yaml", show("forum.yaml"), Forum, boundary, outside)
    members = _load(folder / "members.yaml", show("members.yaml"), Members, boundary, outside)
    agreements = _load(folder / "agreements.yaml", show("agreements.yaml"), Agreements, boundary, outside)
    meetings_dir = folder / "meetings"
    meeting_files, stray_files, attachments = _scan_meetings(meetings_dir)
    show_meeting = _shown_in(meetings_dir)
    meetings_outside = outside or not meetings_dir.resolve().is_relative_to(boundary)
    meetings = [_load(path, show_meeting(path.name), Meeting, boundary, meetings_outside) for path in meeting_files]
    for stray in stray_files:
        stray_file: Loaded[Meeting] = Loaded(stray, show_meeting(stray.name))
        stray_file.diagnostics.append(
            error(
                stray_file.display,
                1,
                1,
                "file-name",
                f"mødefiler skal ende på .yaml; omdøb filen til {stray.stem}.yaml, ellers bliver den ikke læst",
            )
        )
        meetings.append(stray_file)
    groups_file = folder / "groups.yaml"
    groups = (
        _load(groups_file, show("groups.yaml"), WorkingGroups, boundary, outside) if groups_file.is_file() else None
    )
    from driftsforum_cli.datafiles import load_data_files

    extra = load_data_files(folder, show, lambda path, shown, model: _load(path, shown, model, boundary, outside))
    return ForumFiles(
        folder.name,
        folder,
        forum,
        members,
        agreements,
        meetings,
        attachments,
        groups,
        indicators=extra.indicators,
        data=extra.data,
        cases=extra.cases,
    )


def work_calendar(config: RepoConfig | None) -> WorkCalendar:
    """Working days for a repository: Denmark's public holidays (remembered in the user's cache folder
    between runs) and the configuration's closure days."""
    from driftsforum_cli.holiday_cache import danish_public_holidays

    return WorkCalendar(config.closures if config else (), holidays=danish_public_holidays)


def load_repository(root: Path, only: set[str] | None = None) -> Repository:
    """Load the config and every forum (or only the forums named in `only`)."""
    config = _load(root / CONFIG_FILE, display_path(root / CONFIG_FILE), RepoConfig, root.resolve(), False)
    folder, problems = _forums_folder(root, config)
    repo = Repository(root, config, [], problems, work_calendar(config.model))
    if not folder.is_dir():
        repo.problems.append(
            error(
                display_path(folder),
                1,
                1,
                "no-forums",
                "mappen med fora findes ikke; opret den, eller ret 'forums_dir' i driftsforum.yaml",
            )
        )
        return repo
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        if only is not None and child.name not in only:
            continue
        repo.forums.append(load_forum(child, root))
    repo.problems.extend(_share_joint_meetings(repo, folder, root))  # issue 17: joint meetings described once
    return repo


def _share_joint_meetings(repo: Repository, folder: Path, root: Path) -> list[Diagnostic]:
    """Joint meetings between the collection's forums (domain/joint.py); a partner forum that was not asked for is
    read for this only."""
    from driftsforum_cli.domain.joint import share_joint_meetings

    loaded = {forum.id for forum in repo.forums}
    wanted: set[str] = set()
    for forum in repo.forums:
        rule = forum.forum.model.meetings.joint_meeting if forum.forum.model is not None else None
        if rule is not None and rule.partner_forum is not None:
            wanted.add(rule.partner_forum)
        wanted.update(
            str(file.model.joint_meeting.partner_forum)
            for file in forum.meetings
            if file.model is not None
            and file.model.joint_meeting is not None
            and file.model.joint_meeting.partner_forum
        )
    others = [load_forum(folder / name, root) for name in sorted(wanted - loaded) if (folder / name).is_dir()]
    return share_joint_meetings(repo.forums, others)


class TargetError(UsageError):
    """A path given on the command line that is not part of a forum repository."""


def resolve_targets(paths: list[Path]) -> dict[Path, set[str] | None]:
    """Group command-line paths by repository: root → the forum ids they touch (None: all forums)."""
    targets: dict[Path, set[str] | None] = {}
    for given in paths:
        if not given.exists():
            raise TargetError(f"{given} findes ikke")
        root = find_root(given if given.is_dir() else given.parent)
        if root is None:
            raise TargetError(f"{given} ligger ikke i en driftsforum-samling (ingen {CONFIG_FILE} over den)")
        forum_id = _forum_of(given.resolve(), root)
        if root in targets and targets[root] is None:
            continue
        if forum_id is None:
            targets[root] = None
        else:
            chosen = targets.setdefault(root, set())
            assert chosen is not None
            chosen.add(forum_id)
    return targets


def _forum_of(path: Path, root: Path) -> str | None:
    """The id of the forum folder (the one holding forum.yaml) that `path` is in, if any."""
    for folder in (path, *path.parents):
        if folder == root or not folder.is_relative_to(root):
            return None
        if (folder / "forum.yaml").is_file() or (folder / "meetings").is_dir():
            return folder.name
    return None
