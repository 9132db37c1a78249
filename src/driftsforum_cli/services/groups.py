"""Working groups (ad hoc-underarbejdsgrupper) with commands: a new group in groups.yaml (made when the forum
has none), and its report-back recorded – guided edits (services/edits.py) of their own lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.lifecycle import AppendItem, Edit, SetValue, Value
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.services.edits import EditOutcome, guided_edit

PURPOSE = "groups.yaml ændres"
NEW_FILE = (
    "# yaml-language-server: $schema=../../schemas/groups.schema.json\n"
    "# Ad hoc-underarbejdsgrupper nedsat af driftsforummet.\n"
    "groups:\n"
)


def _change(files: ForumFiles, edits: list[Edit]) -> FileChange:
    from driftsforum_cli.editing import check_text, edit_text, planned_edit
    from driftsforum_cli.models import WorkingGroups
    from driftsforum_cli.workspace import display_path

    if files.groups is not None:
        return planned_edit(files.groups.path, edits, WorkingGroups, files.groups.display)
    path = files.folder / "groups.yaml"
    text = edit_text(NEW_FILE, edits, display_path(path))
    check_text(text, WorkingGroups, display_path(path))
    return FileChange(path, display_path(path), None, text.encode("utf-8"))


def add_group(
    root: Path,
    forum_id: str,
    group_id: str,
    name: str,
    mandate: str,
    members: Sequence[str],
    started: date,
    ends: date,
    on: date,
    *,
    report_back: date | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new working group at the end of groups.yaml."""
    from driftsforum_cli.services.minutes import check_seats

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        groups = files.groups.model.groups if files.groups is not None and files.groups.model is not None else []
        if any(group.id == group_id for group in groups):
            raise UserError(f"arbejdsgruppen '{group_id}' findes allerede")
        group: dict[str, Value] = {
            "id": group_id,
            "name": name.strip(),
            "mandate": mandate.strip(),
            "members": list(check_seats(files, members)),
            "started": started,
        }
        if report_back is not None:
            group["report_back"] = report_back
        group["ends"] = ends
        said = f"Arbejdsgruppen '{name.strip()}' er nedsat {long_date(started)} og slutter senest {long_date(ends)}."
        return [_change(files, [AppendItem(("groups",), group)])], [said]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def record_report(
    root: Path,
    forum_id: str,
    group_id: str,
    day: date,
    outcome: str,
    on: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """The group reported back on `day` (a meeting's date) with `outcome`."""

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        groups = files.groups.model.groups if files.groups is not None and files.groups.model is not None else []
        index = next((i for i, group in enumerate(groups) if group.id == group_id), None)
        if index is None:
            known = ", ".join(group.id for group in groups)
            raise UserError(f"forummet har ingen arbejdsgruppe '{group_id}'" + (f"; kendte: {known}" if known else ""))
        reported = groups[index].reported
        if reported is not None:
            raise UserError(f"arbejdsgruppen '{group_id}' har allerede meldt tilbage {long_date(reported)}")
        edits: list[Edit] = [
            SetValue(("groups", index, "reported"), day),
            SetValue(("groups", index, "outcome"), outcome.strip()),
        ]
        return [_change(files, edits)], [f"Arbejdsgruppen '{group_id}' meldte tilbage {long_date(day)}."]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)
